// The probe lab's servers, started inside the lab's network namespace (see lab.ts):
// real sockets on 127.0.0.1 that behave as the decision table's rows need. Prints
// "ready" once every port listens; runs until killed.
//   node servers.mjs CERT_DIR PORTS_JSON   (PORTS in lab.ts)
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';

const certDir = process.argv[2];
const PORTS = JSON.parse(process.argv[3]);
const key = readFileSync(join(certDir, 'key.pem'));
const cert = readFileSync(join(certDir, 'cert.pem'));
// busybox's TLS client offers only SHA-1 signature algorithms, which OpenSSL 3 refuses at
// its default security level (alert 40): the "TLS ok" servers lower it.
const legacy = { key, cert, ciphers: 'DEFAULT:@SECLEVEL=0' };
const sockets = new Set();
const keep = (s) => {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
  s.on('error', () => {});
};

/** /ok 200; /301../308 to /ok; /to-dropped, /to-closed elsewhere; /403 /404 /500 as such. */
function route(req, res) {
  const path = (req.url ?? '/').split('?')[0];
  const redirect = /^\/(30[1-8])$/.exec(path);
  if (path === '/ok' || path === '/')
    return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
  if (redirect) return void res.writeHead(Number(redirect[1]), { Location: '/ok' }).end();
  if (path === '/to-dropped')
    return void res.writeHead(302, { Location: 'http://dropped.lab:8080/ok' }).end();
  if (path === '/to-closed') return void res.writeHead(302, { Location: 'http://web.lab:8099/ok' }).end();
  const status = /^\/([45]\d\d)$/.exec(path);
  res.writeHead(status ? Number(status[1]) : 404).end();
}

const servers = [
  http.createServer(route).listen(PORTS.http, '127.0.0.1'),
  net.createServer((s) => s.destroy()).listen(PORTS.closeAtOnce, '127.0.0.1'),
  net.createServer(keep).listen(PORTS.hang, '127.0.0.1'),
  https.createServer(legacy, route).listen(PORTS.https, '127.0.0.1'),
  https.createServer({ ...legacy, minVersion: 'TLSv1.3' }, route).listen(PORTS.tls13Only, '127.0.0.1'),
  tls.createServer(legacy, keep).listen(PORTS.tlsSilent, '127.0.0.1'),
];
for (const s of servers) s.on('connection', keep);
let listening = 0;
for (const s of servers) {
  s.on('error', (e) => {
    process.stderr.write(`lab server: ${e.message}\n`);
    process.exit(1);
  });
  s.on('listening', () => {
    if (++listening === servers.length) process.stdout.write('ready\n');
  });
}
