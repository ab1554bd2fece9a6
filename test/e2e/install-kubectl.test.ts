// kubectl-version end to end: the bundled action downloads the real kubectl from a mirror,
// checks its SHA-256, and main and post both run with it, on a runner whose PATH has none.
// (dist/main.js loads the download code only when kubectl-version is set.)
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlDownloadUrl, kubectlTarget } from '../../src/action/kubectl-release.ts';
import { kubectlPath } from '../cluster/kubectl.ts';
import { rules } from '../cluster/network.ts';
import { runAction } from '../runner/simulator.ts';
import { leftovers, matrixYaml, results, withCluster } from './helpers.ts';

const VERSION = 'v1.32.5';
const binary = kubectlPath('1.32');
const sha = createHash('sha256').update(readFileSync(binary)).digest('hex');
const requested: string[] = [];
let server: Server;
let mirror = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '');
    const file = kubectlDownloadUrl('', VERSION, kubectlTarget('linux', process.arch));
    if (req.url === file) {
      res.writeHead(200, { 'Content-Length': statSync(binary).size });
      createReadStream(binary).pipe(res);
    } else if (req.url === `${file}.sha256`) {
      res.end(sha);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('kubectl-version', () => {
  it('installs the kubectl it names, verified, and main and post run with it', async () => {
    // the runner has no kubectl at all: only what the action installs can run
    const emptyPath = mkdtempSync(join(tmpdir(), 'netpol-no-kubectl-'));
    try {
      await withCluster({ network: rules([], 200) }, async (cluster) => {
        cluster.createNamespace('dark-tower');
        const run = await runAction({
          inputs: {
            'kubectl-version': VERSION,
            'kubectl-mirror': mirror,
            timeout: '1s',
            matrix: matrixYaml([
              { name: 'web', from: 'dark-tower', to: 'http://api.svc.cluster.local/', expect: 'allow' },
              { name: 'x', from: 'canary-test-x', to: 'http://api.svc.cluster.local/', expect: 'allow' },
            ]),
          },
          env: { KUBECONFIG: cluster.kubeconfigPath, PATH: emptyPath },
        });
        expect(run.main.log).toContain(`Downloading kubectl ${VERSION} from ${mirror}/release/${VERSION}/`);
        expect(requested.filter((u) => u.endsWith('.sha256'))).toHaveLength(1);
        expect(results(run).map((r) => `${String(r.name)}:${String(r.verdict)}`)).toEqual([
          'web:pass',
          'x:pass',
        ]);
        expect(run.main.failed).toBe(false);
        expect(run.post?.failed).toBe(false);
        // post deleted what main made, with the same kubectl
        expect(leftovers(cluster)).toEqual([]);
        run.dispose();
      });
    } finally {
      rmSync(emptyPath, { recursive: true, force: true });
    }
  });
});
