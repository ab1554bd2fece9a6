// Live progress of a run: one block per canary as it finishes. On a terminal the
// marks are coloured and a status line at the bottom says how far the run is;
// anything else (a pipe, a file, CI) gets plain lines only.
import { paint } from './output.ts';
import type { RunLog } from '../run/run-matrix.ts';

export interface ProgressSink {
  /** raw text, no newline added */
  write(text: string): void;
  isTTY: boolean;
  color: boolean;
}

export interface Progress extends RunLog {
  /** how many canaries the run starts (for `[3/5]`) */
  expect(canaries: number): void;
  /** removes the status line and ignores later canaries; info and warnings still print */
  stop(): void;
}

const CLEAR_LINE = '\r\x1b[K';
const MARK_STYLE: Record<string, 'green' | 'red' | 'yellow'> = { '✓': 'green', '✗': 'red', '?': 'yellow' };

export function createProgress(sink: ProgressSink, warn: (line: string) => void): Progress {
  const started = Date.now();
  let total = 0;
  let done = 0;
  let showing = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const status = (): string => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    const of = total > 0 ? `${done}/${total} canaries done` : 'starting';
    return paint(sink.color, 'dim', `… ${of}, ${seconds} s`);
  };
  const clear = (): void => {
    if (showing) sink.write(CLEAR_LINE);
    showing = false;
  };
  const draw = (): void => {
    if (!sink.isTTY || stopped) return;
    sink.write(`${showing ? CLEAR_LINE : ''}${status()}`);
    showing = true;
  };
  const print = (lines: string[]): void => {
    clear();
    for (const l of lines) sink.write(`${l}\n`);
    draw();
  };
  if (sink.isTTY) {
    // the elapsed time moves even while every canary is still waiting
    timer = setInterval(draw, 1000);
    timer.unref();
  }

  return {
    info: (line) => print([line]),
    warning(line) {
      clear();
      warn(line);
      draw();
    },
    canary(title, lines) {
      if (stopped) return;
      done++;
      const counter = total > 0 ? `[${done}/${total}] ` : '';
      print([
        paint(sink.color, 'bold', `${counter}${title}`),
        ...lines.map((l) => {
          const style = MARK_STYLE[l.charAt(0)];
          return `  ${style ? paint(sink.color, style, l) : l}`;
        }),
      ]);
    },
    expect(canaries) {
      total = canaries;
      draw();
    },
    stop() {
      stopped = true;
      clear();
      if (timer) clearInterval(timer);
    },
  };
}
