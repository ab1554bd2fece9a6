// Shared shapes of the Kubernetes API double. server.ts owns the API; exec.ts owns
// exec over WebSocket, the shim processes and the network they consult.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export type Labels = Record<string, string>;

/** What the network does for one connection attempt from a pod. */
export type NetOutcome =
  | { kind: 'allowed'; status?: number } // TCP connected; for http(s), the HTTP status (default 200)
  | { kind: 'refused' } // RST
  | { kind: 'timeout' } // packets dropped: the probe waits its whole timeout
  | { kind: 'dns-failure' }; // the name does not resolve

export interface NetSource {
  namespace: string;
  pod: string;
  labels: Labels;
}

/** The test decides what the network does. May be async. */
export type NetworkFn = (
  src: NetSource,
  host: string,
  port: number,
  scheme: 'http' | 'https' | 'tcp',
) => NetOutcome | Promise<NetOutcome>;

/** What exec.ts needs from the API server. */
export interface ExecHost {
  /** the pod object as the API returns it, or undefined when it does not exist */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the pod object as JSON, read loosely
  getPod(namespace: string, name: string): Record<string, any> | undefined;
  network: NetworkFn;
  /** extra delay before an exec session starts (exec set-up latency) */
  execLatencyMs(): number;
}

export interface ExecService {
  /** called by server.ts for an upgrade request on /api/v1/namespaces/{ns}/pods/{name}/exec */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, namespace: string, name: string): void;
  /** called by server.ts first for every plain request; true when it handled it (paths under /__double/) */
  handleControl(req: IncomingMessage, res: ServerResponse): boolean;
  /** called by server.ts when a pod is deleted: its running execs are killed */
  podDeleted(namespace: string, name: string): void;
  /** execs running now, and started in all */
  stats(): { active: number; total: number };
  close(): Promise<void>;
}
