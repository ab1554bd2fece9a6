// `kubectl exec` for the cluster double: the Kubernetes WebSocket stream protocol
// (v5/v4.channel.k8s.io) in front of a real local process that plays the container,
// plus the control endpoint the busybox stand-ins in ./shims ask about the network.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  constants as fsConstants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { fakeIp } from './network.ts';
import { status } from './status.ts';
import {
  ICMP_REJECTS,
  type ContainerExit,
  type ExecHost,
  type ExecService,
  type Labels,
  type NetOutcome,
} from './types.ts';

export interface ExecServiceOptions {
  /** folder with the `wget`, `nc` and `busybox` stand-ins; default ./shims beside this file */
  shimDir?: string;
  /**
   * Connections decided when an exec starts, for the pod as it is then, and handed to the
   * process in NETPOL_DOUBLE_ANSWERS (`|scheme host port kind ip status` each): a stand-in
   * that finds its connection there needs no request to the control endpoint. The bench's
   * light stand-ins use it, so that 200 probes do not cost 200 requests of the runner's CPU.
   */
  answerInAdvance?: { host: string; port: number; scheme: 'http' | 'https' | 'tcp' }[];
  /**
   * Plays an exec, or a container's own command (runContainer), in-process instead of
   * starting a process, when it returns a stand-in for the child (its stdin, stdout,
   * stderr, 'close' and kill()); undefined starts the process as usual, and so can the
   * player later, through `real`. A played container writes its termination message to
   * `messageFile` before it closes, as the process would. The bench's probe player
   * (bench/probe-player.ts) plays the canaries' scripts, so that probes cost the runner's
   * CPU what they cost it in a real cluster: nothing.
   */
  play?: (exec: PlayedExec) => ChildProcess | undefined;
}

export interface PlayedExec {
  /** an exec into a running container, or a container's own command */
  kind: 'exec' | 'container';
  namespace: string;
  pod: string;
  labels: Labels;
  /** a container's: its command and args, the terminationMessagePath in them already messageFile */
  command: string[];
  /** a container's: the file that stands for its terminationMessagePath, read when it closes */
  messageFile?: string;
  /** starts the process the exec would have started; kill it with killReal */
  real: () => ChildProcess;
  killReal: (child: ChildProcess) => void;
}

const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255; // v5 only: the client closed one of its streams (stdin EOF)

const SHIMS = ['wget', 'nc', 'busybox'];

interface Session {
  namespace: string;
  pod: string;
  ws: WebSocket;
  child?: ChildProcess;
  /** stdin that arrived before the process existed */
  pending: Buffer[];
  stdinEnded: boolean;
  startTimer?: NodeJS.Timeout;
  finished: boolean;
}

interface ExecRequest {
  command: string[];
  container: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export function createExecService(host: ExecHost, options: ExecServiceOptions = {}): ExecService {
  const workDir = mkdtempSync(join(tmpdir(), 'netpol-exec-'));
  const shimDir = prepareShims(
    options.shimDir ?? fileURLToPath(new URL('./shims', import.meta.url)),
    workDir,
  );
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => PROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  const sessions = new Set<Session>();
  let total = 0;
  let closed = false;

  function handleUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    namespace: string,
    name: string,
  ) {
    if (closed) return refuse(socket, 503, 'ServiceUnavailable', 'the cluster double is shutting down');
    const pod = host.getPod(namespace, name);
    if (!pod) return refuse(socket, 404, 'NotFound', `pods "${name}" not found`);
    const parsed = parseExecRequest(new URL(req.url ?? '/', 'http://double').searchParams, pod, name);
    if (typeof parsed === 'string') return refuse(socket, 400, 'BadRequest', parsed);
    if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') {
      return refuse(
        socket,
        400,
        'BadRequest',
        `the cluster double serves exec over WebSocket only (${PROTOCOLS.join(' or ')}); this request asked for ${String(req.headers.upgrade)}`,
      );
    }
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    if (!PROTOCOLS.some((p) => offered.includes(p))) {
      return refuse(
        socket,
        400,
        'BadRequest',
        `none of the offered exec subprotocols [${offered.join(', ')}] is supported: use ${PROTOCOLS.join(' or ')} (kubectl 1.30 or newer)`,
      );
    }
    const base = baseUrl(req);
    wss.handleUpgrade(req, socket, head, (ws) => startSession(ws, namespace, name, pod, parsed, base));
  }

  function startSession(
    ws: WebSocket,
    namespace: string,
    name: string,
    pod: Pod,
    exec: ExecRequest,
    base: string,
  ) {
    const session: Session = { namespace, pod: name, ws, pending: [], stdinEnded: false, finished: false };
    sessions.add(session);
    total++;
    const v5 = ws.protocol === PROTOCOLS[0];

    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary || data.length === 0 || !exec.stdin) return;
      const channel = data[0];
      if (channel === STDIN) {
        const chunk = data.subarray(1);
        if (session.child?.stdin) session.child.stdin.write(chunk);
        else session.pending.push(Buffer.from(chunk));
      } else if (v5 && channel === CLOSE && data[1] === STDIN) {
        session.stdinEnded = true;
        session.child?.stdin?.end();
      }
      // channel 4 (terminal resize) means nothing to a process without a terminal
    });
    ws.on('close', () => {
      // The client went away: its processes go too.
      if (!session.finished) {
        session.finished = true;
        clearTimeout(session.startTimer);
        killGroup(session.child);
        sessions.delete(session);
      }
    });
    ws.on('error', () => ws.terminate());

    const run = async () => {
      session.startTimer = undefined;
      if (session.finished) return;
      const answers = options.answerInAdvance
        ? await answersFor(namespace, name, options.answerInAdvance)
        : '';
      if (session.finished) return;
      const cwd = join(workDir, `${namespace}_${name}`);
      mkdirSync(cwd, { recursive: true });
      const env = containerEnv(pod, exec.container, {
        PATH: `${shimDir}:/usr/bin:/bin`,
        HOSTNAME: name,
        HOME: cwd,
        NETPOL_DOUBLE_URL: base,
        NETPOL_DOUBLE_NAMESPACE: namespace,
        NETPOL_DOUBLE_POD: name,
        NETPOL_DOUBLE_NODE: process.execPath,
        ...(answers ? { NETPOL_DOUBLE_ANSWERS: answers } : {}),
        ...(exec.tty ? { TERM: 'xterm' } : {}),
      });
      // Tell the client the stream is up, as the kubelet does: an empty frame on the first output channel.
      send(session, exec.stdout || exec.tty ? STDOUT : exec.stderr ? STDERR : ERROR, Buffer.alloc(0));
      const real = (): ChildProcess => {
        const child = spawn(exec.command[0]!, exec.command.slice(1), {
          cwd,
          env,
          detached: true, // its own process group, so background jobs die with it
          stdio: [exec.stdin ? 'pipe' : 'ignore', exec.stdout || exec.tty ? 'pipe' : 'ignore', 'pipe'],
        });
        watchOnExit(child);
        return child;
      };
      const labels = (pod.metadata?.labels ?? {}) as Labels;
      const played = options.play?.({
        kind: 'exec',
        namespace,
        pod: name,
        labels,
        command: exec.command,
        real,
        killReal: killGroup,
      });
      if (played) playedChildren.add(played);
      const child = played ?? real();
      session.child = child;
      let failedToStart = false;
      child.on('error', (err: NodeJS.ErrnoException) => {
        if (child.pid !== undefined) return;
        failedToStart = true;
        // What runc says when the binary is missing; Docker-style runtimes then report 126.
        const text = `OCI runtime exec failed: exec failed: unable to start container process: exec: "${exec.command[0]}": ${startError(err, exec.command[0]!)}: unknown\r\n`;
        send(session, exec.stdout ? STDOUT : STDERR, Buffer.from(text));
        finish(session, exec.command, 126);
      });
      child.stdin?.on('error', () => {}); // the process may exit before reading all its input
      if (child.stdin) {
        for (const chunk of session.pending) child.stdin.write(chunk);
        session.pending = [];
        if (session.stdinEnded) child.stdin.end();
      }
      child.stdout?.on('data', (chunk: Buffer) => send(session, STDOUT, chunk));
      child.stderr?.on('data', (chunk: Buffer) => {
        // A terminal has one output stream.
        if (exec.tty) send(session, STDOUT, chunk);
        else if (exec.stderr) send(session, STDERR, chunk);
      });
      child.on('close', (code, signal) => {
        if (failedToStart) return;
        finish(session, exec.command, code ?? 128 + (signal ? osConstants.signals[signal] : 0));
      });
    };
    const delay = Math.max(0, host.execLatencyMs());
    const start = (): void => void run();
    if (delay > 0) session.startTimer = setTimeout(start, delay);
    else start();
  }

  /** the answers of answerInAdvance for one pod; a connection the network cannot decide is left out */
  async function answersFor(
    namespace: string,
    podName: string,
    connections: NonNullable<ExecServiceOptions['answerInAdvance']>,
  ): Promise<string> {
    const pod = host.getPod(namespace, podName);
    if (!pod) return '';
    const labels = (pod.metadata?.labels ?? {}) as Record<string, string>;
    const lines: string[] = [];
    for (const c of connections) {
      if (!/^[A-Za-z0-9.-]+$/.test(c.host)) continue; // the format is space- and bar-separated
      // a network function that throws leaves the connection to the stand-in, which asks again
      const outcome: unknown = await (async () =>
        host.network({ namespace, pod: podName, labels }, c.host, c.port, c.scheme))().catch(() => undefined);
      if (!isOutcome(outcome)) continue;
      const status = outcome.kind === 'allowed' ? (outcome.status ?? 200) : 0;
      lines.push(`|${c.scheme} ${c.host} ${c.port} ${outcome.kind} ${fakeIp(c.host)} ${status}`);
    }
    return lines.length > 0 ? `${lines.join('')}|` : '';
  }

  function finish(session: Session, command: string[], exitCode: number) {
    if (session.finished) return;
    session.finished = true;
    sessions.delete(session);
    send(session, ERROR, Buffer.from(JSON.stringify(exitStatus(command, exitCode))));
    session.ws.close(1000);
  }

  function handleControl(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://double');
    if (!url.pathname.startsWith('/__double/')) return false;
    if (url.pathname === '/__double/network' && req.method === 'GET') {
      answerNetwork(url.searchParams).then(
        ([status, body]) => sendJson(res, status, body),
        (err: unknown) => sendJson(res, 500, { message: errorText(err) }),
      );
    } else {
      sendJson(res, 404, {
        message: `the cluster double has no control endpoint ${req.method} ${url.pathname}`,
      });
    }
    return true;
  }

  async function answerNetwork(q: URLSearchParams): Promise<[number, object]> {
    const namespace = q.get('namespace') ?? '';
    const podName = q.get('pod') ?? '';
    const target = q.get('host') ?? '';
    const port = Number(q.get('port'));
    const scheme = q.get('scheme');
    if (target === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
      return [400, { message: `host '${target}' and port '${q.get('port')}' do not name a connection` }];
    }
    if (scheme !== 'http' && scheme !== 'https' && scheme !== 'tcp') {
      return [400, { message: `scheme '${scheme}' is not http, https or tcp` }];
    }
    // Labels as they are now: a test may relabel a pod between probes.
    const pod = host.getPod(namespace, podName);
    if (!pod)
      return [404, { message: `pod ${namespace}/${podName} does not exist (deleted while probing?)` }];
    const labels = (pod.metadata?.labels ?? {}) as Record<string, string>;
    let result: unknown;
    try {
      result = await host.network({ namespace, pod: podName, labels }, target, port, scheme);
    } catch (err) {
      return [
        500,
        { message: `the test's network function failed for ${target}:${port}: ${errorText(err)}` },
      ];
    }
    if (!isOutcome(result)) {
      return [
        500,
        {
          message: `the test's network function returned ${JSON.stringify(result)} for ${target}:${port}, not a NetOutcome`,
        },
      ];
    }
    return [200, { outcome: result, ip: fakeIp(target) }];
  }

  function podDeleted(namespace: string, name: string) {
    for (const child of containers.get(`${namespace}/${name}`) ?? []) killGroup(child);
    for (const session of [...sessions]) {
      if (session.namespace !== namespace || session.pod !== name) continue;
      if (session.startTimer) {
        // Deleted before the process started: it ends the way a killed one does.
        clearTimeout(session.startTimer);
        session.startTimer = undefined;
        finish(session, [], 137);
      } else {
        killGroup(session.child);
      }
    }
  }

  /** containers running their own command, by namespace/pod */
  const containers = new Map<string, Set<ChildProcess>>();

  function runContainer(pod: Pod, container: Pod): Promise<ContainerExit> | undefined {
    const namespace = String(pod.metadata?.namespace ?? '');
    const name = String(pod.metadata?.name ?? '');
    const cwd = join(workDir, `${namespace}_${name}_${String(container.name)}`);
    mkdirSync(cwd, { recursive: true });
    const messagePath = String(container.terminationMessagePath ?? '/dev/termination-log');
    const messageFile = join(cwd, 'termination-log');
    const argv = [...(container.command ?? []), ...(container.args ?? [])].map((a: unknown) =>
      String(a).split(messagePath).join(messageFile),
    );
    // the image's own entrypoint is not modelled: such a container runs until stopped
    if (argv.length === 0) return undefined;
    const env = containerEnv(pod, String(container.name), {
      PATH: `${shimDir}:/usr/bin:/bin`,
      HOSTNAME: name,
      HOME: cwd,
      NETPOL_DOUBLE_URL: host.url?.() ?? '',
      NETPOL_DOUBLE_NAMESPACE: namespace,
      NETPOL_DOUBLE_POD: name,
      NETPOL_DOUBLE_NODE: process.execPath,
    });
    return new Promise((resolve) => {
      let log = '';
      const done = (exitCode: number): void => {
        let terminationMessage = '';
        try {
          terminationMessage = readFileSync(messageFile, 'utf8');
        } catch {
          // it wrote none
        }
        resolve({ exitCode, log, terminationMessage });
      };
      if (closed) return done(137);
      const real = (): ChildProcess => {
        const child = spawn(argv[0]!, argv.slice(1), {
          cwd,
          env,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        watchOnExit(child);
        return child;
      };
      const played = options.play?.({
        kind: 'container',
        namespace,
        pod: name,
        labels: (pod.metadata?.labels ?? {}) as Labels,
        command: argv,
        messageFile,
        real,
        killReal: killGroup,
      });
      if (played) playedChildren.add(played);
      const child = played ?? real();
      const key = `${namespace}/${name}`;
      const mine = containers.get(key) ?? new Set<ChildProcess>();
      containers.set(key, mine.add(child));
      child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
      child.on('error', (e) => {
        log += `${startError(e as NodeJS.ErrnoException, argv[0]!)}\n`;
      });
      child.on('close', (code, signal) => {
        mine.delete(child);
        done(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 9) : 1));
      });
    });
  }

  async function close() {
    if (closed) return;
    closed = true;
    for (const set of containers.values()) for (const child of set) killGroup(child);
    const exits = [...sessions].map((s) => {
      clearTimeout(s.startTimer);
      const child = s.child;
      const gone =
        child && running.has(child)
          ? new Promise<void>((resolve) => child.once('close', () => resolve()))
          : Promise.resolve();
      killGroup(child);
      s.finished = true;
      s.ws.terminate();
      return gone;
    });
    sessions.clear();
    await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    rmSync(workDir, { recursive: true, force: true }); // made by mkdtemp above
  }

  return {
    handleUpgrade,
    handleControl,
    podDeleted,
    runContainer,
    stats: () => ({ active: sessions.size, total }),
    close,
  };
}

type Pod = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function parseExecRequest(q: URLSearchParams, pod: Pod, podName: string): ExecRequest | string {
  const names = (list: unknown): string[] =>
    Array.isArray(list) ? list.map((c: { name?: unknown }) => String(c?.name ?? '')) : [];
  const containers = names(pod.spec?.containers);
  const initContainers = names(pod.spec?.initContainers);
  const all = [...containers, ...initContainers, ...names(pod.spec?.ephemeralContainers)];
  let container = q.get('container') ?? '';
  // The apiserver's own wording (pkg/registry/core/pod/strategy.go).
  if (container === '') {
    if (containers.length === 1) container = containers[0]!;
    else if (containers.length === 0) return `a container name must be specified for pod ${podName}`;
    else {
      let text = `a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]`;
      if (initContainers.length > 0) text += ` or one of the init containers: [${initContainers.join(' ')}]`;
      return text;
    }
  } else if (!all.includes(container)) {
    return `container ${container} is not valid for pod ${podName}`;
  }
  const flag = (key: string) => ['true', '1', 't', 'True', 'TRUE'].includes(q.get(key) ?? '');
  const req: ExecRequest = {
    command: q.getAll('command'),
    container,
    stdin: flag('stdin'),
    stdout: flag('stdout'),
    stderr: flag('stderr'),
    tty: flag('tty'),
  };
  if (req.tty) req.stderr = false; // a terminal merges stderr into stdout
  if (!req.stdin && !req.stdout && !req.stderr) return 'you must specify at least 1 of stdin, stdout, stderr';
  if (req.command.length === 0 || req.command[0] === '')
    return 'you must specify at least one command for the container';
  return req;
}

/** The container's literal env values, then the double's own variables (which win). */
function containerEnv(pod: Pod, container: string, own: Record<string, string>): Record<string, string> {
  const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find(
    (c: { name?: string }) => c?.name === container,
  );
  const env: Record<string, string> = {
    KUBERNETES_SERVICE_HOST: '10.96.0.1',
    KUBERNETES_SERVICE_PORT: '443',
  };
  for (const e of Array.isArray(spec?.env) ? spec.env : []) {
    if (typeof e?.name === 'string' && typeof e?.value === 'string') env[e.name] = e.value;
  }
  return { ...env, ...own };
}

/** What the kubelet puts on the error channel when the process ends. */
export function exitStatus(command: string[], exitCode: number): object {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

function send(session: Session, channel: number, payload: Buffer) {
  if (session.ws.readyState !== session.ws.OPEN) return;
  session.ws.send(Buffer.concat([Buffer.from([channel]), payload]), { binary: true });
}

/** Every live "container" of every service: a test runner that exits without close() kills them. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function watchOnExit(child: ChildProcess) {
  running.add(child);
  child.once('close', () => running.delete(child));
  child.once('error', () => {
    if (child.pid === undefined) running.delete(child); // it never started
  });
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => running.forEach(killGroup));
  }
}

/** children a player stands in for: killed through their own kill() */
const playedChildren = new WeakSet<ChildProcess>();

function killGroup(child: ChildProcess | undefined) {
  if (child && playedChildren.has(child)) {
    child.kill('SIGKILL');
    return;
  }
  // The leader may be gone while a background job still holds the pipes: kill the
  // group until the child reports 'close' (after that its pid may be reused).
  if (!child?.pid || !running.has(child)) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function startError(err: NodeJS.ErrnoException, file: string): string {
  if (err.code === 'ENOENT') {
    return file.includes('/')
      ? `stat ${file}: no such file or directory`
      : 'executable file not found in $PATH';
  }
  if (err.code === 'EACCES') return 'permission denied';
  return err.message;
}

/** A plain HTTP error on the raw socket, with the Status body the apiserver sends. */
function refuse(socket: Duplex, code: number, reason: string, message: string) {
  const body = JSON.stringify(status(code, reason, message));
  const text = { 400: 'Bad Request', 404: 'Not Found', 503: 'Service Unavailable' }[code] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${code} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

/** The double's own address as the client reached it: the shims call back there. */
function baseUrl(req: IncomingMessage): string {
  const socket = req.socket as IncomingMessage['socket'] & { encrypted?: boolean };
  let address = socket.localAddress ?? '127.0.0.1';
  if (address.startsWith('::ffff:')) address = address.slice('::ffff:'.length);
  const hostPart = address.includes(':') ? `[${address}]` : address;
  return `${socket.encrypted ? 'https' : 'http'}://${hostPart}:${socket.localPort}`;
}

/** Uses the shim folder when its scripts are executable, else writes wrappers into our temp dir. */
function prepareShims(dir: string, workDir: string): string {
  try {
    for (const name of SHIMS) accessSync(join(dir, name), fsConstants.X_OK);
    return dir;
  } catch {
    const bin = join(workDir, 'bin');
    mkdirSync(bin);
    for (const name of SHIMS) {
      const target = name === 'busybox' ? join(dir, name) : join(dir, `${name}.mjs`);
      const body =
        name === 'busybox'
          ? `#!/bin/sh\nexec /bin/sh '${target}' "$@"\n`
          : `#!/bin/sh\nexec "\${NETPOL_DOUBLE_NODE:-node}" '${target}' "$@"\n`;
      writeFileSync(join(bin, name), body, { mode: 0o755 });
    }
    return bin;
  }
}

function isOutcome(value: unknown): value is NetOutcome {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as { kind?: unknown; status?: unknown; location?: unknown; type?: unknown };
  if (o.kind === 'allowed') {
    return (
      (o.status === undefined ||
        (Number.isInteger(o.status) && Number(o.status) >= 100 && Number(o.status) <= 599)) &&
      (o.location === undefined || (typeof o.location === 'string' && /^https?:\/\//.test(o.location)))
    );
  }
  if (o.kind === 'icmp') return (ICMP_REJECTS as readonly unknown[]).includes(o.type);
  return [
    'refused',
    'timeout',
    'dns-failure',
    'dns-timeout',
    'hang',
    'closed',
    'tls-alert',
    'not-tls',
  ].includes(String(o.kind));
}

function sendJson(res: ServerResponse, status: number, body: object) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
