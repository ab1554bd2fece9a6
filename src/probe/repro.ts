// A command a person can paste to run one probe again. The run's canaries are
// gone after clean-up, so it starts a throwaway pod just like them: same
// namespace, labels and image, removed when the probe ends.
import { probeCommands, shellWord } from './probe-script.ts';
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
  // the same commands as the canary's probe: for http(s) the connect probe, then wget
  const commands = probeCommands(test.target, settings.timeoutMs).map((c) => c.argv);
  if (commands.length === 1) words.push('--', ...(commands[0] ?? []));
  else words.push('--', 'sh', '-c', commands.map((argv) => argv.map(shellWord).join(' ')).join('; '));
  return words.map(shellWord).join(' ');
}
