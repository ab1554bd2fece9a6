// Why a canary never became Ready, in the cluster's own words: its pod's events
// (FailedScheduling, Failed to pull image …). Read only for canaries that did not start,
// with one `kubectl get events` per namespace; a refusal or a failure costs nothing but
// the events themselves.
import { describeFailure, type Kubectl } from './kubectl.ts';
import { parseItems } from './namespaces.ts';

const CALL_MS = 15_000;
/** events kept per pod: the last ones say the most */
const MAX_PER_POD = 8;

interface EventObject {
  involvedObject?: { kind?: string; name?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  metadata?: { creationTimestamp?: string };
}

/** pod name → lines like `Warning Failed: Error: ImagePullBackOff (×3)`, oldest first */
export async function podEvents(
  k: Kubectl,
  namespace: string,
  pods: readonly string[],
  timeoutMs = CALL_MS,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (pods.length === 0) return out;
  const r = await k.run({
    args: ['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.kind=Pod', '-o', 'json'],
    timeoutMs,
    idempotent: true,
  });
  if (r.code !== 0) {
    const why = /forbidden|Forbidden/.test(r.stderr)
      ? `its events could not be read (grant list on events in ${namespace} to see them here)`
      : `its events could not be read: ${describeFailure(`Reading events in ${namespace}`, r)}`;
    for (const pod of pods) out.set(pod, [why]);
    return out;
  }
  let items: unknown[];
  try {
    items = parseItems(r.stdout);
  } catch {
    return out;
  }
  const wanted = new Set(pods);
  const when = (e: EventObject): string =>
    e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? '';
  const events = (items as EventObject[])
    .filter((e) => e?.involvedObject?.kind === 'Pod' && wanted.has(e.involvedObject.name ?? ''))
    .sort((a, b) => when(a).localeCompare(when(b)));
  for (const e of events) {
    const name = e.involvedObject?.name ?? '';
    const list = out.get(name) ?? [];
    const times = (e.count ?? 1) > 1 ? ` (×${e.count})` : '';
    list.push(`${e.type ?? 'Normal'} ${e.reason ?? ''}: ${e.message ?? ''}${times}`.trim());
    out.set(name, list);
  }
  for (const [name, list] of out) out.set(name, list.slice(-MAX_PER_POD));
  return out;
}
