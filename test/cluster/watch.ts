// Watches: chunked `{"type","object"}` lines. Resumes from a resourceVersion while the
// history reaches back (else one ERROR event with 410 Expired, as the watch cache
// answers), sends objects that stop matching a selector as DELETED, and bookmarks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store, StoreEvent } from './store.ts';
import { expired } from './status.ts';
import type { Obj } from './store.ts';

export interface WatchRequest {
  resource: string;
  kind: string;
  apiVersion: string;
  namespace?: string;
  /** selector match on an object */
  matches: (o: Obj) => boolean;
  resourceVersion?: string;
  sendInitialEvents: boolean;
  timeoutSeconds?: number;
  bookmarks: boolean;
  bookmarkIntervalMs: number;
  /** turns an object into what the client asked for (Table, metadata only, as is) */
  render: (o: Obj, first: boolean) => Obj;
  /** a fault: end the stream early */
  dropAfterMs?: number;
}

export const serveWatch = (
  store: Store,
  req: IncomingMessage,
  res: ServerResponse,
  w: WatchRequest,
  track: (stop: () => void) => () => void,
): void => {
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  let first = true;
  const write = (type: string, object: Obj): void => {
    if (res.writableEnded) return;
    res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const emit = (type: string, o: Obj): void => {
    write(type, w.render(o, first));
    first = false;
  };
  const inScope = (o: Obj | undefined): boolean =>
    !!o && (w.namespace === undefined || o.metadata?.namespace === w.namespace);
  const matches = (o: Obj | undefined): boolean => inScope(o) && w.matches(o!);

  let lastRv = 0;
  const deliver = (e: StoreEvent): void => {
    if (e.resource !== w.resource || e.rv <= lastRv) return;
    lastRv = e.rv;
    const now = matches(e.object);
    const before = e.previous !== undefined && matches(e.previous);
    if (e.type === 'DELETED') {
      if (before || now) emit('DELETED', e.object);
    } else if (e.type === 'ADDED') {
      if (now) emit('ADDED', e.object);
    } else if (now && before) emit('MODIFIED', e.object);
    else if (now) emit('ADDED', e.object);
    else if (before) emit('DELETED', e.object);
  };

  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = (): void => {};
  let untrack = (): void => {};
  const stop = (): void => {
    unsubscribe();
    untrack();
    for (const t of timers) clearTimeout(t); // clearTimeout also clears intervals
    if (!res.writableEnded) res.end();
  };
  untrack = track(stop);
  req.on('close', stop);
  res.on('close', stop);
  // a client that vanished mid-write is just a finished watch
  res.on('error', stop);

  // events arriving while we replay are queued, then delivered in order
  const queued: StoreEvent[] = [];
  let replaying = true;
  unsubscribe = store.subscribe((e) => (replaying ? queued.push(e) : deliver(e)));

  const rvParam = w.resourceVersion ?? '';
  const fromScratch = rvParam === '' || rvParam === '0' || w.sendInitialEvents;
  if (fromScratch) {
    lastRv = store.currentRv();
    for (const o of store.list(w.resource, w.namespace)) if (matches(o)) emit('ADDED', o);
    if (w.sendInitialEvents)
      write('BOOKMARK', {
        kind: w.kind,
        apiVersion: w.apiVersion,
        metadata: { resourceVersion: String(lastRv), annotations: { 'k8s.io/initial-events-end': 'true' } },
      });
  } else {
    const from = Number(rvParam);
    const past = Number.isFinite(from) ? store.since(from) : 'expired';
    if (past === 'expired') {
      write('ERROR', expired(Number.isFinite(from) ? from : 0, store.oldestRv() + 1));
      replaying = false;
      stop();
      return;
    }
    lastRv = from;
    for (const e of past) deliver(e);
  }
  replaying = false;
  for (const e of queued) deliver(e);

  if (w.bookmarks && w.bookmarkIntervalMs > 0) {
    timers.push(
      setInterval(
        () =>
          write('BOOKMARK', {
            kind: w.kind,
            apiVersion: w.apiVersion,
            metadata: { resourceVersion: String(Math.max(lastRv, store.currentRv())) },
          }),
        w.bookmarkIntervalMs,
      ),
    );
  }
  if (w.timeoutSeconds !== undefined && w.timeoutSeconds > 0)
    timers.push(setTimeout(stop, w.timeoutSeconds * 1000));
  if (w.dropAfterMs !== undefined) timers.push(setTimeout(stop, w.dropAfterMs));
};
