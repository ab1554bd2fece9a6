// The repository's own workflows, read as GitHub runs them: post steps in the reverse
// order of their main steps, the cluster gone once kind-action's post has run, every
// third-party action pinned by SHA at a release, a Node matrix, kubectl installed for the
// tests, and a release workflow that checks, releases, moves the major tag and publishes.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> & { include?: Record<string, unknown>[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOWS = readdirSync(join(ROOT, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f));
const workflow = (file: string): Workflow => parse(read(`.github/workflows/${file}`)) as Workflow;
/** the step that runs the test suite (as root on GitHub, for the probe lab) */
const NPM_TEST = /(^|\s)npm test$/;

// What the post steps of the third-party actions we use do, as read in their sources
// (action.yml `runs.post`): kind-action's cleanup.sh runs `kind delete cluster`; it has no
// input that turns this off (v1.14.0 has `ignore_failed_clean` only).
const REMOTE_POSTS: Record<string, 'deletes the cluster' | 'harmless'> = {
  'helm/kind-action': 'deletes the cluster',
  'actions/checkout': 'harmless',
  'actions/setup-node': 'harmless',
};

/** Whether a step's action has a post step: local ones by their action.yml. */
function hasPost(step: Step): boolean {
  if (!step.uses) return false;
  if (step.uses.startsWith('./')) {
    const dir = step.uses === './' ? '' : step.uses.slice(2);
    const meta = parse(read(join(dir, 'action.yml'))) as { runs: { post?: string } };
    return Boolean(meta.runs.post);
  }
  const name = step.uses.split('@')[0] ?? '';
  if (!(name in REMOTE_POSTS)) throw new Error(`add what ${name}'s post step does to REMOTE_POSTS`);
  return true;
}

interface Event {
  phase: 'main' | 'post';
  step: Step;
}

/** A job's steps as the runner runs them: every main in order, then the posts in reverse. */
function timeline(steps: Step[]): Event[] {
  const mains = steps.map((step): Event => ({ phase: 'main', step }));
  const posts = steps
    .filter(hasPost)
    .reverse()
    .map((step): Event => ({ phase: 'post', step }));
  return [...mains, ...posts];
}

const deletesCluster = (e: Event): boolean =>
  (e.phase === 'post' && e.step.uses?.startsWith('helm/kind-action@') === true) ||
  (e.phase === 'main' && /\bkind delete cluster\b/.test(e.step.run ?? ''));

const usesCluster = (e: Event): boolean =>
  e.phase === 'post' && (e.step.uses === './' || e.step.uses === './.github/actions/assert-clean');

/** Posts that need the cluster but run after it is deleted; throws if it is never deleted. */
function postsAfterDeletion(steps: Step[]): string[] {
  const events = timeline(steps);
  const gone = events.findIndex(deletesCluster);
  if (gone < 0) throw new Error('the cluster is never deleted');
  return events
    .slice(gone + 1)
    .filter(usesCluster)
    .map((e) => e.step.name ?? e.step.id ?? e.step.uses ?? '?');
}

const e2e = workflow('e2e.yml');
const e2eJob = Object.values(e2e.jobs)[0] as Job;

describe('e2e.yml: post steps and the cluster', () => {
  it('runs every post step that uses the cluster before the cluster is deleted', () => {
    expect(postsAfterDeletion(e2eJob.steps)).toEqual([]);
  });

  it('checks for leftovers after every post of netpol-canary, while the cluster exists', () => {
    const events = timeline(e2eJob.steps);
    const check = events.findIndex(
      (e) => e.phase === 'post' && e.step.uses === './.github/actions/assert-clean',
    );
    const ours = events.flatMap((e, i) => (e.phase === 'post' && e.step.uses === './' ? [i] : []));
    expect(ours.length).toBeGreaterThanOrEqual(3);
    expect(check).toBeGreaterThan(Math.max(...ours));
    expect(check).toBeLessThan(events.findIndex(deletesCluster));
    const helper = parse(read('.github/actions/assert-clean/action.yml')) as {
      runs: { post?: string; 'post-if'?: string };
    };
    expect(helper.runs['post-if']).toBe('always()');
  });

  it('would catch the order that failed: the check first, so that its post runs after kind-action deleted the cluster', () => {
    const [checkout, kind, prepare, check, ...rest] = e2eJob.steps as [Step, Step, Step, Step, ...Step[]];
    expect(check.uses).toBe('./.github/actions/assert-clean');
    expect(postsAfterDeletion([checkout, check, kind, prepare, ...rest])).toEqual([
      'Check at the end that nothing was left behind',
    ]);
    // and a cluster deleted by a step at the end of the job is gone before any post
    const deleteLast: Step = { run: 'kind delete cluster --name chart-testing' };
    expect(postsAfterDeletion([...e2eJob.steps, deleteLast]).length).toBeGreaterThanOrEqual(4);
  });

  it('has a leg for kindnet with no CNI to install, and legs for Calico and Cilium', () => {
    const legs = e2eJob.strategy?.matrix?.include ?? [];
    expect(legs.map((l) => l.cni)).toEqual(['kindnet', 'calico', 'cilium']);
    const kind = e2eJob.steps.find((s) => s.uses?.startsWith('helm/kind-action@'));
    expect(kind?.with?.config).toBe('.github/kind/${{ matrix.cni }}.yaml');
    expect(kind?.with?.wait).toBe('${{ matrix.wait }}');
    const prepare = read('.github/e2e/prepare-cluster.sh');
    for (const leg of legs) {
      const cni = String(leg.cni);
      const config = parse(read(`.github/kind/${cni}.yaml`)) as {
        networking?: { disableDefaultCNI?: boolean };
      };
      // kindnet is kind's default: its cluster keeps it; the others replace it
      expect(config.networking?.disableDefaultCNI === true, cni).toBe(cni !== 'kindnet');
      // a cluster without a CNI cannot become Ready: kind-action must not wait for it
      expect(leg.wait, cni).toBe(cni === 'kindnet' ? '120s' : '0s');
      expect(prepare).toMatch(new RegExp(`^  ${cni}\\)`, 'm'));
    }
    const kindnetBranch = /^ {2}kindnet\)\n([\s\S]*?);;/m.exec(prepare)?.[1] ?? '';
    expect(kindnetBranch).not.toMatch(/kubectl|helm/);
  });

  it('awaits the nodes and CoreDNS after creating the cluster and before the first probe', () => {
    const steps = e2eJob.steps;
    const kind = steps.findIndex((s) => s.uses?.startsWith('helm/kind-action@'));
    const prepare = steps.findIndex((s) => s.run?.includes('.github/e2e/prepare-cluster.sh'));
    const firstProbe = steps.findIndex((s) => s.uses === './' && s.with?.mode !== 'predict');
    expect(kind).toBeGreaterThanOrEqual(0);
    expect(prepare).toBeGreaterThan(kind);
    expect(prepare).toBeLessThan(firstProbe);
    const script = read('.github/e2e/prepare-cluster.sh');
    expect(script).toContain('kubectl wait --for=condition=Ready nodes --all');
    expect(script).toContain('kubectl -n kube-system rollout status deployment/coredns');
    // the waits come after the CNI install, whichever leg
    expect(script.indexOf('deployment/coredns')).toBeGreaterThan(script.indexOf('esac'));
    // the workflow runs it directly: it must be executable in git, not only here
    const mode = execFileSync('git', ['ls-files', '-s', '.github/e2e/prepare-cluster.sh'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(mode).toMatch(/^100755 /);
    // it parses, and refuses a CNI it does not know before touching anything
    expect(spawnSync('bash', ['-n', join(ROOT, '.github/e2e/prepare-cluster.sh')]).status).toBe(0);
    // no kubectl or helm on PATH: nothing could be touched
    const unknown = spawnSync('/bin/bash', [join(ROOT, '.github/e2e/prepare-cluster.sh'), 'flannel'], {
      encoding: 'utf8',
      env: { PATH: '/nonexistent' },
    });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("kindnet|calico|cilium (got 'flannel')");
  });
});

describe('third-party actions', () => {
  const pins = WORKFLOWS.flatMap((file) =>
    read(`.github/workflows/${file}`)
      .split('\n')
      .filter((l) => /^\s*(-\s+)?uses:/.test(l))
      .map((line) => ({ file, line: line.trim().replace(/^-\s+/, '') })),
  );

  it('are pinned by full commit SHA, with the release it is as a comment', () => {
    const remote = pins.filter((p) => !p.line.startsWith('uses: ./'));
    expect(remote.length).toBeGreaterThan(0);
    for (const p of remote) {
      expect(p.line, p.file).toMatch(/^uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('are pinned at the same commit in every workflow', () => {
    const byAction = new Map<string, Set<string>>();
    for (const p of pins.filter((p) => !p.line.startsWith('uses: ./'))) {
      const [name = '', rest = ''] = p.line.slice('uses: '.length).split('@');
      byAction.set(name, (byAction.get(name) ?? new Set()).add(rest));
    }
    for (const [name, versions] of byAction) expect([...versions], name).toHaveLength(1);
  });

  it('are kept up to date by Dependabot, as are the npm packages', () => {
    const dependabot = parse(read('.github/dependabot.yml')) as {
      updates: { 'package-ecosystem': string; directory: string }[];
    };
    expect(dependabot.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });
});

describe('every workflow', () => {
  it('grants only read access to the repository unless a job says otherwise', () => {
    for (const file of WORKFLOWS) expect(workflow(file).permissions, file).toEqual({ contents: 'read' });
  });
});

describe('ci.yml', () => {
  const ci = workflow('ci.yml');
  const job = ci.jobs.test as Job;

  it("tests on the engines minimum and on the action's runtime", () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const minimum = Number(/^>=\s*(\d+)/.exec(engines)?.[1]);
    const runtime = Number(
      /^node(\d+)$/.exec((parse(read('action.yml')) as { runs: { using: string } }).runs.using)?.[1],
    );
    expect(minimum).toBe(20);
    expect(runtime).toBe(24);
    expect(job.strategy?.matrix?.node).toEqual([minimum, runtime]);
    const setup = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['node-version']).toBe('${{ matrix.node }}');
  });

  it('installs the kubectl versions the tests use before running them', () => {
    const install = job.steps.findIndex((s) => s.run?.includes('scripts/install-test-kubectls.ts'));
    const test = job.steps.findIndex((s) => s.run !== undefined && NPM_TEST.test(s.run));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(test);
    // the script installs exactly the versions the tests drive, and says where for later steps
    const script = read('scripts/install-test-kubectls.ts');
    expect(script).toContain(
      "import { DEFAULT_KUBECTL_VERSION, KUBECTL_VERSIONS } from '../test/cluster/kubectl.ts'",
    );
    expect(script).toContain('GITHUB_ENV');
  });

  it('runs lint, typecheck and the tests, these as root for the probe lab, with busybox built before', () => {
    const runs = job.steps.map((s) => s.run ?? '');
    for (const r of ['npm run lint', 'npm run typecheck']) expect(runs).toContain(r);
    const test = runs.findIndex((r) => NPM_TEST.test(r));
    expect(runs[test]).toBe('sudo -E env "PATH=$PATH" npm test');
    const build = runs.findIndex((r) => r.includes('sudo -E bash scripts/build-busybox.sh'));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(build).toBeLessThan(test);
    // the tests find the busybox where the build put it
    const cache = (i: number): unknown => job.steps[i]?.env?.NETPOL_CANARY_CACHE;
    expect(cache(test)).toBeDefined();
    expect(cache(test)).toBe(cache(build));
  });
});

describe('release.yml', () => {
  const release = workflow('release.yml');
  const text = read('.github/workflows/release.yml');
  const runs = (job: string): string => (release.jobs[job]?.steps ?? []).map((s) => s.run ?? '').join('\n');

  it('runs on version tags only', () => {
    expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
  });

  it('checks the version, runs the checks and verifies dist/ before anything is released', () => {
    const check = runs('check');
    for (const r of [
      'scripts/release-notes.ts check "$TAG"',
      'scripts/install-test-kubectls.ts',
      'npm run lint',
      'npm run typecheck',
      'npm test',
      'npm run build',
      'git status --porcelain -- dist',
    ])
      expect(check).toContain(r);
    expect(check.indexOf('npm run build')).toBeLessThan(check.indexOf('git status --porcelain -- dist'));
    expect(release.jobs.release?.needs).toBe('check');
    expect(release.jobs.publish?.needs).toEqual(['check', 'release']);
  });

  it('creates the GitHub release with the version section of the CHANGELOG and moves the major tag', () => {
    expect(release.jobs.release?.permissions).toEqual({ contents: 'write' });
    const steps = runs('release');
    expect(steps).toContain('scripts/release-notes.ts notes "$TAG" > "$RUNNER_TEMP/notes.md"');
    expect(steps).toMatch(/gh release create "\$TAG" --verify-tag .*--notes-file "\$RUNNER_TEMP\/notes\.md"/);
    expect(steps).toContain('git tag --force "$major" "$GITHUB_SHA"');
    expect(steps).toContain('git push --force origin "refs/tags/$major"');
  });

  it('publishes to npm with provenance', () => {
    expect(release.jobs.publish?.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(runs('publish')).toContain('npm publish --provenance --access public');
    const setup = release.jobs.publish?.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.with?.['registry-url']).toBe('https://registry.npmjs.org');
  });

  it('hands the tag to shells through the environment, never inside a script', () => {
    for (const job of Object.values(release.jobs)) {
      for (const s of job.steps) expect(s.run ?? '', s.name).not.toContain('${{');
    }
    expect(text).toContain('TAG: ${{ github.ref_name }}');
  });
});

describe('the files a release needs', () => {
  it('exist', () => {
    for (const f of ['LICENSE', 'CHANGELOG.md', 'SECURITY.md', 'CONTRIBUTING.md'])
      expect(existsSync(join(ROOT, f)), f).toBe(true);
    expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} netpol-canary contributors/);
  });
});

describe("the README's workflows", () => {
  const readme = read('README.md');
  const quickStart = readme.slice(
    readme.indexOf('## Quick start'),
    readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1),
  );
  const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(quickStart)?.[1] ?? '';

  it('start with plain kind: no CNI to install, kindnet enforces NetworkPolicy', () => {
    const doc = parse(yamlBlock) as Workflow;
    const steps = Object.values(doc.jobs)[0]?.steps ?? [];
    const kind = steps.findIndex((s) => s.uses?.startsWith('helm/kind-action@'));
    const ours = steps.findIndex((s) => s.uses === 'netpol-canary/netpol-canary@v1');
    expect(kind).toBeGreaterThanOrEqual(0);
    // kind-action first, so that its post (which deletes the cluster) runs after netpol-canary's
    expect(ours).toBeGreaterThan(kind);
    expect(steps[kind]?.with?.config).toBeUndefined();
    expect(yamlBlock).not.toMatch(/calico|cilium|disableDefaultCNI/i);
    expect(yamlBlock).toContain('rollout status deployment/coredns');
    expect(doc.permissions).toEqual({ contents: 'read' });
    expect(quickStart).toContain('kindnet, enforces NetworkPolicy since kind v0.24.0');
    expect(readme).not.toMatch(/kindnet\)? does \*\*not\*\* enforce/);
  });

  it('pin third-party actions by SHA with their release, the same as this repository does', () => {
    const repoPins = new Map(
      WORKFLOWS.flatMap((file) =>
        [
          ...read(`.github/workflows/${file}`).matchAll(
            /uses: ([\w.-]+\/[\w./-]+)@([0-9a-f]{40}) # (v[\d.]+)/g,
          ),
        ].map((m) => [m[1] ?? '', `${m[2]} # ${m[3]}`] as const),
      ),
    );
    const lines = [...readme.matchAll(/^\s*(?:- )?uses: (\S+)(.*)$/gm)].filter(
      (m) => !(m[1] ?? '').startsWith('netpol-canary/netpol-canary@'),
    );
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const m of lines) {
      const [name = '', sha = ''] = (m[1] ?? '').split('@');
      expect(`${m[1]}${m[2]}`, name).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){1,2}$/);
      const ours = repoPins.get(name);
      if (ours) expect(`${sha}${m[2]}`, name).toBe(ours);
    }
  });
});
