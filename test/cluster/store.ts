// Object storage with one cluster-wide resourceVersion counter and a bounded event
// history, the way etcd plus the watch cache behave for clients.

// Kubernetes objects are loosely typed JSON; handlers read them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>;
export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  type: EventType;
  resource: string;
  object: Obj;
  /** the object before this change, so a selector watch can tell "stopped matching" */
  previous?: Obj;
}

export interface Store {
  currentRv(): number;
  get(resource: string, namespace: string | undefined, name: string): Obj | undefined;
  list(resource: string, namespace?: string): Obj[];
  /** writes obj (assigning a new resourceVersion) and returns the stored copy */
  put(resource: string, obj: Obj): Obj;
  remove(resource: string, namespace: string | undefined, name: string): Obj | undefined;
  /** events after rv, or 'expired' when the history no longer reaches back that far */
  since(rv: number): StoreEvent[] | 'expired';
  oldestRv(): number;
  subscribe(fn: (e: StoreEvent) => void): () => void;
  compact(): void;
}

const keyOf = (namespace: string | undefined, name: string): string => `${namespace ?? ''}/${name}`;

/** etcd's order: keys compared as bytes (for these ASCII names, as UTF-16 code units) */
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const createStore = (window: () => number = () => 1000): Store => {
  // resource → namespace ('' for cluster-scoped) → key → object: a namespace's list
  // reads only that namespace, as the watch cache's index does (controllers list
  // a namespace on every change; scanning every object made each write cost more)
  const data = new Map<string, Map<string, Map<string, Obj>>>();
  let rv = 1000;
  let history: StoreEvent[] = [];
  // the first rv whose events we no longer have: watches from before it get 410
  let horizon = rv;
  const subs = new Set<(e: StoreEvent) => void>();

  const table = (resource: string, namespace: string | undefined): Map<string, Obj> => {
    let byNs = data.get(resource);
    if (!byNs) data.set(resource, (byNs = new Map()));
    let t = byNs.get(namespace ?? '');
    if (!t) byNs.set(namespace ?? '', (t = new Map()));
    return t;
  };
  const record = (e: StoreEvent): void => {
    history.push(e);
    const max = Math.max(1, window());
    if (history.length > max) {
      const drop = history.length - max;
      horizon = history[drop - 1]!.rv;
      history = history.slice(drop);
    }
    for (const fn of [...subs]) fn(e);
  };

  return {
    currentRv: () => rv,
    get: (resource, namespace, name) => {
      const o = table(resource, namespace).get(keyOf(namespace, name));
      return o && structuredClone(o);
    },
    list: (resource, namespace) => {
      const byNs = data.get(resource);
      if (!byNs) return [];
      const tables = namespace === undefined ? [...byNs.values()] : [byNs.get(namespace) ?? new Map()];
      return tables
        .flatMap((t) => [...t.entries()])
        .sort((a, b) => byKey(a[0], b[0]))
        .map(([, o]) => structuredClone(o));
    },
    put: (resource, obj) => {
      const t = table(resource, obj.metadata.namespace);
      const key = keyOf(obj.metadata.namespace, obj.metadata.name);
      const previous = t.get(key);
      rv++;
      const stored = structuredClone(obj);
      stored.metadata.resourceVersion = String(rv);
      t.set(key, stored);
      record({
        rv,
        type: previous ? 'MODIFIED' : 'ADDED',
        resource,
        object: structuredClone(stored),
        ...(previous ? { previous } : {}),
      });
      return structuredClone(stored);
    },
    remove: (resource, namespace, name) => {
      const t = table(resource, namespace);
      const key = keyOf(namespace, name);
      const previous = t.get(key);
      if (!previous) return undefined;
      t.delete(key);
      rv++;
      // a DELETED event carries the last state with the deletion's resourceVersion
      const gone = structuredClone(previous);
      gone.metadata.resourceVersion = String(rv);
      record({ rv, type: 'DELETED', resource, object: gone, previous });
      return structuredClone(gone);
    },
    since: (from) => {
      if (from < horizon) return 'expired';
      return history.filter((e) => e.rv > from);
    },
    oldestRv: () => horizon,
    subscribe: (fn) => {
      subs.add(fn);
      return () => subs.delete(fn);
    },
    compact: () => {
      history = [];
      horizon = rv;
    },
  };
};
