// The probe lab's servers, started inside the lab's network namespace (see lab.ts):
// real sockets on 127.0.0.1 that behave as the decision table's rows need. Prints
// "ready" once every port listens; runs until killed.
//   node servers.mjs CERT_DIR PORTS_JSON [DNS_JSON]   (PORTS in lab.ts)
// DNS_JSON, {"name": "address", ...}: also a cluster DNS on 127.0.0.1:53 (UDP) that answers
// those names (A records), NODATA to other types of them and NXDOMAIN to every other name,
// as CoreDNS does for names of its zone, so a resolver's search list is really walked.
import dgram from 'node:dgram';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import tls from 'node:tls';

const certDir = process.argv[2];
const PORTS = JSON.parse(process.argv[3]);
const DNS = process.argv[4] ? JSON.parse(process.argv[4]) : undefined;
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
if (DNS) servers.push(dnsServer(DNS).bind(53, '127.0.0.1'));
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

/** The question's name (lower case) and where the question ends, or undefined if malformed. */
function question(msg) {
  const labels = [];
  let at = 12;
  while (at < msg.length && msg[at] !== 0) {
    const len = msg[at];
    if (len > 63 || at + 1 + len > msg.length) return undefined;
    labels.push(msg.toString('latin1', at + 1, at + 1 + len));
    at += 1 + len;
  }
  if (at + 5 > msg.length) return undefined;
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(at + 1), end: at + 5 };
}

function dnsServer(records) {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (msg, from) => {
    const q = msg.length >= 12 ? question(msg) : undefined;
    if (!q) return;
    const address = records[q.name];
    const answer = address !== undefined && q.type === 1; // A, IN
    const head = Buffer.alloc(12);
    msg.copy(head, 0, 0, 2); // the id
    // a response, recursion desired and available; NXDOMAIN for a name not in the zone
    head.writeUInt16BE(address === undefined ? 0x8183 : 0x8180, 2);
    head.writeUInt16BE(1, 4);
    head.writeUInt16BE(answer ? 1 : 0, 6);
    const parts = [head, msg.subarray(12, q.end)];
    if (answer) {
      const rr = Buffer.alloc(16);
      rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
      rr.writeUInt16BE(1, 2); // A
      rr.writeUInt16BE(1, 4); // IN
      rr.writeUInt32BE(5, 6); // TTL
      rr.writeUInt16BE(4, 10);
      address.split('.').forEach((octet, i) => rr.writeUInt8(Number(octet), 12 + i));
      parts.push(rr);
    }
    socket.send(Buffer.concat(parts), from.port, from.address);
  });
  return socket;
}
