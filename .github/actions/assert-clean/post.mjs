// Fails the job if any canary pod remains, or any namespace netpol-canary created
// is not gone (or on its way out) within a minute.
import { execFileSync } from 'node:child_process';

const selector = 'app.kubernetes.io/managed-by=netpol-canary';
const get = (args) => execFileSync('kubectl', args, { encoding: 'utf8' }).trim();

let left = [];
for (let i = 0; i < 30; i++) {
  const pods = get(['get', 'pods', '--all-namespaces', '-l', selector, '-o', 'name']);
  const namespaces = JSON.parse(get(['get', 'namespaces', '-l', selector, '-o', 'json'])).items.filter(
    (ns) => !ns.metadata.deletionTimestamp,
  );
  left = [...pods.split('\n').filter(Boolean), ...namespaces.map((ns) => `namespace/${ns.metadata.name}`)];
  if (left.length === 0) break;
  await new Promise((r) => setTimeout(r, 2000));
}
if (left.length > 0) {
  console.log(`::error::netpol-canary left these behind: ${left.join(', ')}`);
  process.exitCode = 1;
} else {
  console.log('no canary pod and no created namespace left');
}
