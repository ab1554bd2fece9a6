// Shared shapes of the Kubernetes API double. server.ts owns the API; exec.ts owns
// exec over WebSocket, the shim processes and the network they consult.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export type Labels = Record<string, string>;

/** What the network does for one connection attempt from a pod. */
export type NetOutcome =
  /**
   * TCP connected; for http(s), the HTTP status (default 200). A 301/302/303/307/308 is
   * followed to `location` (an absolute URL the network then decides; default: the same
   * server, which answers 200), as busybox's wget follows it.
   */
  | { kind: 'allowed'; status?: number; location?: string }
  | { kind: 'refused' } // RST: nothing listens, or `reject with tcp reset`
  | { kind: 'timeout' } // packets dropped: the probe waits its whole timeout
  | { kind: 'dns-failure' } // the name does not resolve
  | { kind: 'dns-timeout' } // the nameserver is dropped: "bad address" after the resolver's retries
  | { kind: 'hang' } // accepts and never answers (https: the TLS handshake stalls, or no answer after it)
  | { kind: 'closed' } // accepts, then closes at once
  | { kind: 'tls-alert' } // https: the server refuses busybox's handshake (say, TLS 1.3 only)
  | { kind: 'not-tls' } // https: plain HTTP on the port
  | { kind: 'icmp'; type: IcmpReject }; // `reject with icmp type …`

export type IcmpReject = 'admin-prohibited' | 'host-prohibited' | 'net-unreachable' | 'port-unreachable';
export const ICMP_REJECTS: readonly IcmpReject[] = [
  'admin-prohibited',
  'host-prohibited',
  'net-unreachable',
  'port-unreachable',
];

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
  /** where the API answers, for a container's own command (an exec learns it from its request) */
  url?(): string;
}

/** What a container's command did, run for real (ExecService.runContainer). */
export interface ContainerExit {
  exitCode: number;
  /** stdout and stderr, as `kubectl logs` shows them */
  log: string;
  /** what it wrote to its terminationMessagePath */
  terminationMessage: string;
}

export interface ExecService {
  /** called by server.ts for an upgrade request on /api/v1/namespaces/{ns}/pods/{name}/exec */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, namespace: string, name: string): void;
  /** called by server.ts first for every plain request; true when it handled it (paths under /__double/) */
  handleControl(req: IncomingMessage, res: ServerResponse): boolean;
  /** called by server.ts when a pod is deleted: its running execs are killed */
  podDeleted(namespace: string, name: string): void;
  /**
   * Runs a started container's command (and args) as a local process, as an exec runs one:
   * the busybox stand-ins on PATH, the pod's env. Its terminationMessagePath is a file in
   * the pod's work folder: the path is rewritten in the command's arguments. Killed when
   * the pod is deleted.
   */
  runContainer?(pod: Record<string, any>, container: Record<string, any>): Promise<ContainerExit> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** execs running now, and started in all */
  stats(): { active: number; total: number };
  close(): Promise<void>;
}
