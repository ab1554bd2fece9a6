// Runs the bundled action the way the GitHub runner does: `node dist/main.js`,
// then `node dist/post.js`, each with INPUT_* (action.yml defaults plus the
// test's inputs), its own GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY
// files, STATE_* for post from main's state file, RUNNER_TEMP and the run ids.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');

export interface StepResult {
  code: number | null;
  /** killed by the simulator (a cancelled job) */
  killed: boolean;
  stdout: string;
  stderr: string;
  /** stdout without ::add-mask:: commands, unmasked: what a leak test greps */
  log: string;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** ::error / ::warning / ::notice commands */
  annotations: { level: string; title?: string; message: string; file?: string; line?: number }[];
  masks: string[];
  failed: boolean;
}

export interface RunOptions {
  inputs?: Record<string, string>;
  /** extra environment, e.g. KUBECONFIG pointing at the cluster double */
  env?: Record<string, string>;
  /** GITHUB_RUN_ID etc.; defaults to a fixed fake run */
  run?: { id?: string; attempt?: string; job?: string; action?: string; runner?: string };
  /**
   * Kill main when its stdout matches, or after ms: a cancelled job. Default: SIGKILL to
   * its whole process group (the runner gave up); with `signal`, that signal to main alone
   * (the runner's polite first step).
   */
  killMain?: { when?: RegExp; afterMs?: number; signal?: NodeJS.Signals };
  /** do not run post (the runner died) */
  skipPost?: boolean;
  /** an existing folder to use as GITHUB_WORKSPACE; it is never modified or removed */
  workspace?: string;
}

export interface ActionRun {
  main: StepResult;
  post?: StepResult;
  runnerTemp: string;
  workspace: string;
  /** runs post (again), with main's state */
  postAgain(): Promise<StepResult>;
  /** removes the simulator's own temp folder (never the caller's workspace) */
  dispose(): void;
}

export function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String(v.default ?? '')]));
}

function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const defaults = actionDefaults();
  for (const name of Object.keys(inputs)) {
    if (!(name in defaults))
      throw new Error(`the test passes input "${name}", which action.yml does not declare`);
  }
  return Object.fromEntries(
    Object.entries({ ...defaults, ...inputs }).map(([k, v]) => [
      `INPUT_${k.replace(/ /g, '_').toUpperCase()}`,
      v,
    ]),
  );
}

/** GitHub's file-command format: `name<<DELIM\nvalue\nDELIM` or `name=value` lines. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? '');
      out[name ?? ''] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

function readIfAny(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

async function step(
  script: string,
  env: Record<string, string>,
  dir: string,
  name: string,
  kill?: RunOptions['killMain'],
): Promise<StepResult> {
  const files = {
    GITHUB_OUTPUT: join(dir, `${name}.output`),
    GITHUB_STATE: join(dir, `${name}.state`),
    GITHUB_STEP_SUMMARY: join(dir, `${name}.summary`),
    GITHUB_ENV: join(dir, `${name}.env`),
    GITHUB_PATH: join(dir, `${name}.path`),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const child = spawn(process.execPath, [join(ROOT, 'dist', script)], {
    env: { ...env, ...files },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  let killed = false;
  const doKill = (): void => {
    if (killed) return;
    killed = true;
    // the whole process group, kubectl children included, as a cancelled runner does
    try {
      if (kill?.signal) process.kill(child.pid ?? 0, kill.signal);
      else process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      // gone already
    }
  };
  const timer = kill?.afterMs !== undefined ? setTimeout(doKill, kill.afterMs) : undefined;
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
    if (kill?.when?.test(stdout)) doKill();
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  if (timer) clearTimeout(timer);

  const masks: string[] = [];
  const annotations: StepResult['annotations'] = [];
  const logLines: string[] = [];
  for (const line of stdout.split('\n')) {
    const mask = /^::add-mask::(.*)$/.exec(line);
    if (mask) {
      masks.push(unescapeData(mask[1] ?? ''));
      continue;
    }
    const ann = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (ann) {
      const props = Object.fromEntries(
        (ann[2] ?? '')
          .split(',')
          .filter(Boolean)
          .map((p) => [p.slice(0, p.indexOf('=')), unescapeProperty(p.slice(p.indexOf('=') + 1))]),
      );
      annotations.push({
        level: ann[1] ?? '',
        title: props.title,
        message: unescapeData(ann[3] ?? ''),
        // where GitHub shows it: a file of the repository and a line in it
        ...(props.file !== undefined ? { file: props.file } : {}),
        ...(props.line !== undefined ? { line: Number(props.line) } : {}),
      });
    }
    logLines.push(line);
  }
  return {
    code,
    killed,
    stdout,
    stderr,
    log: logLines.join('\n'),
    outputs: parseFileCommands(readIfAny(files.GITHUB_OUTPUT)),
    state: parseFileCommands(readIfAny(files.GITHUB_STATE)),
    summary: readIfAny(files.GITHUB_STEP_SUMMARY),
    annotations,
    masks,
    failed: code !== 0,
  };
}

export async function runAction(opts: RunOptions = {}): Promise<ActionRun> {
  // everything the simulator writes lives in its own fresh folder
  const dir = mkdtempSync(join(tmpdir(), 'netpol-runner-'));
  const runnerTemp = join(dir, 'runner-temp');
  mkdirSync(runnerTemp);
  const workspace = opts.workspace ?? join(dir, 'workspace');
  if (!opts.workspace) mkdirSync(workspace);
  const run = opts.run ?? {};
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(dir, 'tool-cache'),
    RUNNER_NAME: run.runner ?? 'runner-1',
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: run.id ?? '4242',
    GITHUB_RUN_ATTEMPT: run.attempt ?? '1',
    GITHUB_JOB: run.job ?? 'policy-gate',
    GITHUB_ACTION: run.action ?? 'netpol',
    GITHUB_REPOSITORY: 'example/platform',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    ...inputEnv(opts.inputs ?? {}),
    ...(opts.env ?? {}),
  };
  const main = await step('main.js', env, dir, 'main', opts.killMain);
  const postEnv = (): Record<string, string> => ({
    ...env,
    ...Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v])),
  });
  let posts = 0;
  const runPost = (): Promise<StepResult> => step('post.js', postEnv(), dir, `post${posts++}`);
  const post = opts.skipPost ? undefined : await runPost();
  return {
    main,
    post,
    runnerTemp,
    workspace,
    postAgain: runPost,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
