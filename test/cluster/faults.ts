// Test-injected faults: error answers, delays, dropped connections and cut watches.
import type { RequestInfo } from './audit.ts';

export interface FaultMatch {
  verb?: string;
  resource?: string;
  method?: string;
  path?: RegExp;
  namespace?: string;
}

export interface Fault {
  match: FaultMatch;
  status?: 500 | 429 | 503;
  /** how many requests it hits; unlimited when unset */
  times?: number;
  /** chance per matching request, rolled with the seeded PRNG */
  probability?: number;
  delayMs?: number;
  /** destroy the connection without an answer */
  reset?: boolean;
  /** end a matching watch after this long */
  dropWatchAfterMs?: number;
}

export interface FaultHit {
  status?: number;
  delayMs: number;
  reset: boolean;
  dropWatchAfterMs?: number;
}

export interface Faults {
  add(f: Fault): () => void;
  clear(): void;
  /** the faults this request triggers, folded into one */
  hit(method: string, path: string, info: RequestInfo): FaultHit | undefined;
}

const matches = (m: FaultMatch, method: string, path: string, info: RequestInfo): boolean =>
  (m.verb === undefined || m.verb === info.verb) &&
  (m.resource === undefined || m.resource === info.resource) &&
  (m.method === undefined || m.method.toUpperCase() === method) &&
  (m.namespace === undefined || m.namespace === info.namespace) &&
  (m.path === undefined || m.path.test(path));

export const createFaults = (rand: () => number): Faults => {
  let list: { fault: Fault; left: number }[] = [];
  return {
    add: (fault) => {
      const entry = { fault, left: fault.times ?? Infinity };
      list.push(entry);
      return () => {
        list = list.filter((e) => e !== entry);
      };
    },
    clear: () => {
      list = [];
    },
    hit: (method, path, info) => {
      let out: FaultHit | undefined;
      for (const e of list) {
        if (e.left <= 0 || !matches(e.fault.match, method, path, info)) continue;
        if (e.fault.probability !== undefined && rand() >= e.fault.probability) continue;
        e.left--;
        out ??= { delayMs: 0, reset: false };
        out.delayMs += e.fault.delayMs ?? 0;
        out.reset ||= e.fault.reset === true;
        if (e.fault.status !== undefined && out.status === undefined) out.status = e.fault.status;
        if (e.fault.dropWatchAfterMs !== undefined) out.dropWatchAfterMs = e.fault.dropWatchAfterMs;
      }
      list = list.filter((e) => e.left > 0);
      return out;
    },
  };
};
