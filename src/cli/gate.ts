// A kubectl that can be shut when the user interrupts a run (Ctrl-C): reads,
// watches and probes in flight are stopped, new calls never start, and the
// writes in flight are waited for, so that clean-up runs after the last object
// this run creates, not before it.
import type { Kubectl, KubectlCall, KubectlResult } from '../cluster/kubectl.ts';

export interface Gate {
  kubectl: Kubectl;
  /** shuts the gate; resolves when the writes in flight have ended, or after `maxWaitMs` */
  shut(maxWaitMs: number): Promise<void>;
}

const WRITES = new Set(['create', 'apply', 'patch', 'replace', 'label', 'annotate', 'delete']);

export function gateKubectl(inner: Kubectl): Gate {
  const stop = new AbortController();
  const writes = new Set<Promise<KubectlResult>>();

  const run = (call: KubectlCall): Promise<KubectlResult> => {
    // once shut, the run waits forever: the process exits after clean-up
    if (stop.signal.aborted) return new Promise(() => {});
    if (WRITES.has(call.args[0] ?? '')) {
      const p = inner.run(call);
      writes.add(p);
      void p.finally(() => writes.delete(p));
      return p;
    }
    const signal = call.signal ? AbortSignal.any([call.signal, stop.signal]) : stop.signal;
    return inner.run({ ...call, signal });
  };

  return {
    kubectl: { run, stats: () => inner.stats() },
    async shut(maxWaitMs) {
      stop.abort();
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((r) => (timer = setTimeout(r, maxWaitMs)));
      await Promise.race([Promise.allSettled([...writes]), waited]);
      clearTimeout(timer);
      // whatever is still running now (a write that hung) is stopped before clean-up
      inner.stopAll?.();
    },
  };
}
