// A command a person can paste to run one probe again. The run's canaries are
// gone after clean-up, so it starts a throwaway pod just like them: same
// namespace, labels and image, removed when the probe ends.
import { probeArgv, shellWord } from './probe-script.ts';
import type { Settings, TestCase } from '../core/types.ts';

export function reproduceCommand(test: TestCase, settings: Settings): string {
  const labels = Object.entries(test.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const words = ['kubectl'];
  if (settings.context) words.push('--context', settings.context);
  words.push('run', `netpol-repro-${test.index + 1}`, '-n', test.from, '--rm', '-i', '--restart=Never');
  words.push(`--image=${settings.image}`);
  if (labels) words.push(`--labels=${labels}`);
  words.push('--', ...probeArgv(test.target, settings.timeoutMs));
  return words.map(shellWord).join(' ');
}
