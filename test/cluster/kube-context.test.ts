// Without a kube context kubectl would try http://localhost:8080: the CLI says instead
// what is missing, before starting kubectl.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { missingKubeContext } from '../../src/cluster/kube-context.ts';

const kubeconfig = (current: string | undefined, ...contexts: string[]): string =>
  stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443' } }],
    users: [{ name: 'u', user: {} }],
    contexts: contexts.map((name) => ({ name, context: { cluster: 'c', user: 'u' } })),
    ...(current === undefined ? {} : { 'current-context': current }),
  });

const FIX = 'set KUBECONFIG or pass --context';

/** A file system of these files only. */
const files =
  (all: Record<string, string>) =>
  (path: string): string | undefined =>
    all[path];

describe('missingKubeContext', () => {
  it('says so when there is no kubeconfig at all', () => {
    expect(missingKubeContext({ fix: FIX, env: {}, home: '/home/me', read: files({}) })).toBe(
      'no kube context: set KUBECONFIG or pass --context (KUBECONFIG is not set, and there is no /home/me/.kube/config)',
    );
    expect(
      missingKubeContext({ fix: FIX, env: { KUBECONFIG: '/a:/b' }, home: '/home/me', read: files({}) }),
    ).toBe(
      'no kube context: set KUBECONFIG or pass --context (KUBECONFIG names /a, /b, and none of them exists)',
    );
  });

  it('says so when the kubeconfig has no current context, naming the contexts it has', () => {
    const read = files({ '/home/me/.kube/config': kubeconfig(undefined, 'kind-kind', 'prod') });
    expect(missingKubeContext({ fix: FIX, env: {}, home: '/home/me', read })).toBe(
      'no kube context: set KUBECONFIG or pass --context (/home/me/.kube/config sets no current-context; its contexts are kind-kind, prod)',
    );
    // --context picks one
    expect(
      missingKubeContext({ fix: FIX, env: {}, home: '/home/me', read, context: 'kind-kind' }),
    ).toBeUndefined();
  });

  it('refuses a context the kubeconfig does not have, with the likely one', () => {
    const read = files({ '/k': kubeconfig('prod', 'kind-kind', 'prod') });
    expect(missingKubeContext({ fix: FIX, env: { KUBECONFIG: '/k' }, read, context: 'kind-kidn' })).toBe(
      'no kube context "kind-kidn" in /k (did you mean "kind-kind"?); its contexts are kind-kind, prod',
    );
    const current = files({ '/k': kubeconfig('gone', 'prod') });
    expect(missingKubeContext({ fix: FIX, env: { KUBECONFIG: '/k' }, read: current })).toBe(
      'no kube context: set KUBECONFIG or pass --context (the current-context "gone" of /k is not one of its contexts; its contexts are prod)',
    );
  });

  it('merges the KUBECONFIG list as kubectl does: the first current-context wins, missing files are skipped', () => {
    const read = files({ '/b': kubeconfig(undefined, 'b'), '/c': kubeconfig('b', 'c') });
    expect(missingKubeContext({ fix: FIX, env: { KUBECONFIG: '/a:/b:/c' }, read })).toBeUndefined();
  });

  it('reads --kubeconfig before KUBECONFIG', () => {
    const read = files({ '/flag': kubeconfig('x', 'x'), '/env': kubeconfig(undefined) });
    expect(
      missingKubeContext({ fix: FIX, env: { KUBECONFIG: '/env' }, kubeconfig: '/flag', read }),
    ).toBeUndefined();
    expect(missingKubeContext({ fix: FIX, env: { KUBECONFIG: '/flag' }, kubeconfig: '/env', read })).toMatch(
      /^no kube context: set KUBECONFIG or pass --context \(\/env sets no current-context; it has no contexts\)$/,
    );
  });

  it('leaves kubectl to speak when it cannot tell: inside a pod, or a kubeconfig that does not parse', () => {
    expect(
      missingKubeContext({ fix: FIX, env: { KUBERNETES_SERVICE_HOST: '10.0.0.1' }, read: files({}) }),
    ).toBeUndefined();
    const broken = files({ '/k': 'clusters: [unclosed' });
    expect(missingKubeContext({ fix: FIX, env: { KUBECONFIG: '/k' }, read: broken })).toBeUndefined();
  });
});
