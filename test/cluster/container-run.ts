// What a container that runs its command leaves behind, as the kubelet reports it:
// its exit, its termination message and its log. The double runs no command; a test
// (or the shims) says what the command did, through the `containerRun` option.
import type { Obj } from './store.ts';

export interface ContainerRun {
  /** the command ends this long after the container started */
  afterMs: number;
  exitCode?: number;
  /** what the command wrote to its terminationMessagePath (default /dev/termination-log) */
  terminationMessage?: string;
  /** what it wrote to stdout and stderr, as `kubectl logs` shows it */
  log?: string;
}

/** pkg/kubelet/container: a termination message file is read for at most its last 4096 bytes */
export const MAX_TERMINATION_MESSAGE_BYTES = 4096;
/** FallbackToLogsOnError: the last 80 lines of the log, at most their last 2048 bytes */
export const MAX_LOG_MESSAGE_LINES = 80;
export const MAX_LOG_MESSAGE_BYTES = 2048;

/** The last `max` bytes of the text (the kubelet's tail.ReadAtMost), as UTF-8. */
export const lastBytes = (text: string, max: number): string => {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= max ? text : bytes.subarray(bytes.length - max).toString('utf8');
};

/** The last `n` lines of a log, the trailing newline kept (what `--tail n` prints). */
export const lastLines = (log: string, n: number): string => {
  if (n < 0) return log;
  const lines = log.split('\n');
  const trailing = lines.at(-1) === '';
  if (trailing) lines.pop();
  const kept = n === 0 ? [] : lines.slice(-n);
  return kept.join('\n') + (trailing && kept.length > 0 ? '\n' : '');
};

/**
 * `state.terminated.message` for a container that ended: its termination message file,
 * or, with terminationMessagePolicy FallbackToLogsOnError, an empty file and a failure,
 * the tail of its log. Empty: no message field at all.
 */
export const terminationMessage = (container: Obj, run: ContainerRun): string => {
  const file = lastBytes(run.terminationMessage ?? '', MAX_TERMINATION_MESSAGE_BYTES);
  if (file !== '') return file;
  const fallback =
    container.terminationMessagePolicy === 'FallbackToLogsOnError' && (run.exitCode ?? 0) !== 0;
  if (!fallback) return '';
  return lastBytes(lastLines(run.log ?? '', MAX_LOG_MESSAGE_LINES), MAX_LOG_MESSAGE_BYTES);
};
