// A canary's results, from the pod status the watch gave when its container ended: its
// termination message, or its log when the results did not fit in a message (one
// `kubectl logs`, which needs `get pods/log`; the only read beyond the watch).
import { describeFailure, serverMessage, type Kubectl } from './kubectl.ts';
import { CONTAINER } from './manifests.ts';
import { notReadyReason, type PodObject } from './pod-status.ts';
import { readCanaryResults } from '../probe/canary-script.ts';
import { decideCanary, type ProbeOutcome } from '../probe/canary-outcomes.ts';
import type { Settings, TestCase } from '../core/types.ts';

export async function canaryOutcomes(
  k: Kubectl,
  pod: PodObject,
  tests: TestCase[],
  settings: Settings,
): Promise<ProbeOutcome[]> {
  const namespace = pod.metadata.namespace ?? '';
  const name = pod.metadata.name;
  const status = (pod.status?.containerStatuses ?? []).find((c) => c.name === CONTAINER);
  const ended = status?.state?.terminated;
  let text = ended?.message ?? '';
  let results = readCanaryResults(tests, text, settings.timeoutMs);
  let missing = `canary ${namespace}/${name} reported no result for this test: ${notReadyReason(pod)}`;
  if (results.inLog) {
    const r = await k.run({
      args: ['logs', '-n', namespace, name, '-c', CONTAINER],
      timeoutMs: 30_000,
      idempotent: true,
    });
    if (r.code === 0) {
      text = r.stdout;
      results = readCanaryResults(tests, text, settings.timeoutMs);
    } else {
      const head = `canary ${namespace}/${name}'s results did not fit in its termination message, and its log could not be read`;
      missing = /forbidden|Forbidden/.test(r.stderr)
        ? `${head} (${serverMessage(r.stderr)}). Grant get pods/log in namespace ${namespace} (examples/rbac.yaml), or split its tests over several canaries (different labels)`
        : `${head}: ${describeFailure('Reading its log', r)}`;
    }
  } else if (results.doneMs === undefined && text !== '') {
    missing = `canary ${namespace}/${name} ended before it reported this test (${notReadyReason(pod)})`;
  }
  return decideCanary(tests, results, settings, missing);
}
