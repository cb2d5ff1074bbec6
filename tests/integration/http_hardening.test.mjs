// What an outside probe found the HTTP layer let through, each refused now (RFC 9112), and the
// operations surface closed: every test is named after what it prevents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, rawRequest } from '../support/certhub.mjs';
import { apiVisitor } from '../support/api.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const statusOf = (raw) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw)?.[1]);
const responses = (raw) => raw.match(/^HTTP\/1\.1 \d{3}/gm) || [];

test('a Transfer-Encoding that does not end in chunked is refused, and the bytes after it never run as a request', async () => {
  for (const coding of ['xchunked', 'gzip', 'chunked, identity', 'chunked , gzip', 'chunked\r\nTransfer-Encoding: gzip']) {
    const smuggled = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    const raw = await rawRequest(server.port,
      `POST /api/v1/attempts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ${coding}\r\n\r\n${smuggled}`);
    assert.equal(statusOf(raw), 400, coding);
    assert.equal(responses(raw).length, 1, `${coding}: one answer, the connection closed`);
  }
  // chunked itself still works.
  const ok = await rawRequest(server.port,
    'POST /api/v1/attempts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n0\r\n\r\n');
  assert.notEqual(statusOf(ok), 400);
});

test('HTTP/1.1 without a Host, or with two, is a 400', async () => {
  assert.equal(statusOf(await rawRequest(server.port, 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n')), 400);
  assert.equal(statusOf(await rawRequest(server.port,
    'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n')), 400);
  assert.equal(statusOf(await rawRequest(server.port, 'GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n')), 200);
  assert.equal(statusOf(await rawRequest(server.port, 'GET / HTTP/1.0\r\n\r\n')), 200, 'HTTP/1.0 needs none');
});

test('a body that stops arriving gets a 408 before the connection closes', { timeout: 40000 }, async () => {
  const raw = await new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let received = '';
    socket.on('data', (d) => { received += d; });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(
      'POST /api/v1/attempts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"cert'));
  });
  assert.equal(statusOf(raw), 408);
});

test('the API takes application/json only, not a type that starts with it', async () => {
  const v = await apiVisitor(server.url);
  const post = (type) => v.fetch('/api/v1/attempts', {
    method: 'POST', headers: { 'content-type': type, 'x-csrf-token': v.token },
    body: JSON.stringify({ certification: 'csm', mode: 'sample' }) });
  assert.equal((await post('application/jsonXYZ')).status, 415);
  assert.equal((await post('application/json-patch+json')).status, 415);
  assert.equal((await post('Application/JSON; charset=utf-8')).status, 201);
});

test('/metrics answers only the addresses it allows; others get 404', async () => {
  assert.equal((await fetch(`${server.url}/metrics`)).status, 200, 'loopback 127.0.0.1 is allowed by default');
  // Another loopback address is still another peer: not on the list.
  const raw = await new Promise((resolve, reject) => {
    const socket = net.connect({ port: server.port, host: '127.0.0.1', localAddress: '127.0.0.2' });
    let received = '';
    socket.on('data', (d) => { received += d; });
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
    socket.on('connect', () => socket.end('GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
  });
  assert.equal(statusOf(raw), 404);
  assert.doesNotMatch(raw, /certhub_http_requests_total/);
});

test('the access log escapes quotes and bytes over 0x7f in the target, and logs refused requests', async () => {
  await rawRequest(server.port, 'GET /x"y\xff HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
  await rawRequest(server.port, `GET /big HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`);
  await rawRequest(server.port, 'GET /nohost HTTP/1.1\r\nConnection: close\r\n\r\n');
  await new Promise((r) => setTimeout(r, 200));
  const log = server.log();
  assert.match(log, /"GET \/x\\x22y\\x(c3|ff)/, 'quote and high byte escaped');
  assert.doesNotMatch(log, /\/x"y/);
  assert.match(log, /"- " 431 \d+ refused/);
  assert.match(log, /"GET \/nohost" 400 \d+ refused/);
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  assert.match(metrics, /route="\(refused by the HTTP parser\)",status="431"/);
  assert.match(metrics, /route="\(refused by the HTTP parser\)",status="400"/);
});
