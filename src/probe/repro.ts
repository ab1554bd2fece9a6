// Commands a person can paste to run one probe again. The run's canaries are gone
// after clean-up, so they start a throwaway pod just like them: same namespace, labels
// and image, the same restricted security context (so Pod Security "restricted"
// admits it, as it admits the canaries), removed when the probe ends. A namespace the
// run created is gone too: it is created first, with the matrix's labels, and deleted
// after, whatever the probe said.
import { CONTAINER_SECURITY, probingPodSpec } from './canary-spec.ts';
import { probeCommands, shellQuote, shellWord } from './probe-script.ts';
import type { Labels, Settings, TestCase } from '../core/types.ts';

export interface ReproOptions {
  /** the test's namespace was created by the run (it is gone now), with these labels */
  createdNamespace?: { labels: Labels };
}

const labelList = (labels: Labels): string[] =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k] ?? ''}`);

/** The pod's fields `kubectl run` has no flag for, as a strategic merge patch of its pod. */
function overrides(pod: string, test: TestCase, settings: Settings): string {
  const spec = {
    ...probingPodSpec(settings, test.node),
    // kubectl run names the container after the pod; strategic merge matches by name
    containers: [{ name: pod, securityContext: CONTAINER_SECURITY }],
  };
  return JSON.stringify({ spec });
}

/** The canary's probe commands for the test: for http(s) the connect probe, then wget. */
function probeWords(test: TestCase, settings: Settings): string[] {
  const commands = probeCommands(test.target, settings.timeoutMs).map((c) => c.argv);
  if (commands.length === 1) return commands[0] ?? [];
  return ['sh', '-c', commands.map((argv) => argv.map(shellWord).join(' ')).join('; ')];
}

/**
 * One command per line (and the probe's `kubectl run` over several, joined by ` \`):
 * pasted into a POSIX shell, each line runs even when the one before failed, so a
 * namespace created first is deleted last.
 */
export function reproduceCommand(test: TestCase, settings: Settings, opts: ReproOptions = {}): string {
  const kubectl = ['kubectl', ...(settings.context ? ['--context', settings.context] : [])];
  const line = (...words: string[]): string => [...kubectl, ...words].map(shellWord).join(' ');
  const pod = `netpol-repro-${test.index + 1}`;
  const ns = test.from;
  const out: string[] = [];
  const created = opts.createdNamespace;
  if (created) {
    out.push(line('create', 'namespace', ns));
    const labels = labelList(created.labels);
    if (labels.length > 0) out.push(line('label', 'namespace', ns, ...labels));
  }
  const labels = labelList(test.labels);
  const run = [
    line('run', pod, '-n', ns, '--rm', '-i', '--restart=Never'),
    [`--image=${settings.image}`, ...(labels.length > 0 ? [`--labels=${labels.join(',')}`] : [])]
      .map(shellWord)
      .join(' '),
    `--override-type=strategic --overrides=${shellQuote(overrides(pod, test, settings))}`,
    ['--', ...probeWords(test, settings)].map(shellWord).join(' '),
  ];
  out.push(run.join(' \\\n  '));
  if (created) out.push(line('delete', 'namespace', ns));
  return out.join('\n');
}
