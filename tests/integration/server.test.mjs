// The HTTP server itself: operations endpoints, limits, errors, headers, caching, signals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, rawRequest, copyContent, slow, backend, bin, shippedContent } from '../support/certhub.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

function assertSecurityHeaders(res) {
  const csp = res.headers.get('content-security-policy');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(res.headers.get('referrer-policy'));
}

test('first log line gives the listening address', () => {
  const first = server.log().split('\n')[0];
  assert.match(first, new RegExp(`listening on ${server.url.replace(/[.]/g, '\\.')}$`));
});

test('healthz is 200 with a reachable database', async () => {
  const res = await fetch(`${server.url}/healthz`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.database, 'reachable');
  assertSecurityHeaders(res);
});

// On PostgreSQL: 'database lost' in postgres.test.mjs.
test('healthz is 503 when the database file is gone', { skip: backend !== 'sqlite' }, async () => {
  const own = await startServer();
  try {
    rmSync(own.dbPath);
    const res = await fetch(`${own.url}/healthz`);
    assert.equal(res.status, 503);
    assert.equal((await res.json()).database, 'unreachable');
  } finally {
    await own.stop();
  }
});

// Each SQLite server keeps attempts in memory, so a second one on the same file would serve
// stale answers: it is refused, and the first keeps serving.
test('a second server on the same SQLite file is refused with exit 3', { skip: backend !== 'sqlite' }, async () => {
  const second = spawnSync(bin, ['serve', '--port', '0', '--content', shippedContent, '--db', server.dbPath],
    { encoding: 'utf8', timeout: 10000 });
  assert.equal(second.status, 3, second.stderr);
  assert.match(second.stderr, /another certhub server is using .*certhub.*\.db/);
  assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
});

test('metrics count requests by route and status, with a histogram and content version', async () => {
  await fetch(`${server.url}/healthz`);
  await fetch(`${server.url}/no/such/page`);
  const res = await fetch(`${server.url}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  assert.match(text, /certhub_http_requests_total\{route="\/healthz",status="200"\} [1-9]/);
  assert.match(text, /certhub_http_requests_total\{route="\(not found\)",status="404"\} [1-9]/);
  assert.match(text, /certhub_http_request_duration_seconds_bucket\{le="\+Inf"\} [1-9]/);
  assert.match(text, /certhub_content_info\{version="[0-9a-f]{12}"\} 1/);
  assert.match(text, /^certhub_active_attempts \d+$/m);
  assert.match(text, /^certhub_wal_syncs_total \d+$/m);
  assert.match(text, /^certhub_wal_synced_commits_total \d+$/m);
});

test('unknown page is a 404 page with links onward', async () => {
  const res = await fetch(`${server.url}/no/such/page`);
  assert.equal(res.status, 404);
  const html = await res.text();
  assert.match(html, /<h1>Not Found<\/h1>/);
  assert.match(html, /href="\/routes"/);
  assertSecurityHeaders(res);
});

test('unknown API path is a JSON 404', async () => {
  const res = await fetch(`${server.url}/api/v1/nothing`);
  assert.equal(res.status, 404);
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.equal((await res.json()).error, 'Not Found');
});

test('wrong method is 405 with Allow', async () => {
  const res = await fetch(`${server.url}/healthz`, { method: 'DELETE' });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'GET, HEAD');
  assertSecurityHeaders(res);
});

test('HEAD answers with the GET length and no body', async () => {
  const get = await fetch(`${server.url}/`);
  const body = await get.text();
  const raw = await rawRequest(server.port, 'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.match(raw, /^HTTP\/1\.1 200 OK/);
  const length = Number(/content-length: (\d+)/i.exec(raw)[1]);
  assert.equal(length, Buffer.byteLength(body));
  assert.equal(raw.split('\r\n\r\n')[1], '');
});

test('a declared body over the limit is refused with 413 before it is sent', async () => {
  const raw = await rawRequest(server.port,
    'POST /certifications/csm/requests HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
    'Content-Length: 70000\r\n\r\n', { keepOpen: true });
  assert.match(raw, /^HTTP\/1\.1 413 /);
  assert.match(raw, /content-security-policy/i);
});

test('a body just under the limit is read (then routed)', async () => {
  const body = 'x'.repeat(64 * 1024 - 1);
  const res = await fetch(`${server.url}/healthz`, { method: 'POST', body });
  assert.equal(res.status, 405);
});

test('headers over the limit get 431', async () => {
  const raw = await rawRequest(server.port,
    `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`, { keepOpen: true });
  assert.match(raw, /^HTTP\/1\.1 431 /);
});

test('headers just under the limit are fine', async () => {
  const res = await fetch(`${server.url}/healthz`, { headers: { 'x-big': 'a'.repeat(15000) } });
  assert.equal(res.status, 200);
});

test('garbage request line gets 400', async () => {
  const raw = await rawRequest(server.port, 'HELLO\r\n\r\n');
  assert.match(raw, /^HTTP\/1\.1 400 /);
});

test('keep-alive serves several requests on one connection', async () => {
  const req = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
  const raw = await rawRequest(server.port, req + req + req.replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
  assert.equal(raw.match(/HTTP\/1\.1 200 OK/g).length, 3);
});

test('static files carry an ETag and answer 304 to If-None-Match', async () => {
  const plain = await fetch(`${server.url}/static/site.css`);
  assert.equal(plain.status, 200);
  assert.match(plain.headers.get('content-type'), /^text\/css/);
  assert.equal(plain.headers.get('cache-control'), 'no-cache');
  const etag = plain.headers.get('etag');
  assert.match(etag, /^"[0-9a-f]+"$/);
  const again = await fetch(`${server.url}/static/site.css`, { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
});

test('pages link fingerprinted assets that are cached for a year', async () => {
  const html = await (await fetch(`${server.url}/`)).text();
  const href = /<link rel="stylesheet" href="(\/static\/site\.[0-9a-f]{10}\.css)">/.exec(html)[1];
  const res = await fetch(server.url + href);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(await res.text(), await (await fetch(`${server.url}/static/site.css`)).text());
});

test('SIGTERM lets the request in flight finish, then exits 0 within 5 s', async () => {
  const own = await startServer();
  const net = await import('node:net');
  const socket = net.connect(own.port, '127.0.0.1');
  await new Promise((r) => socket.on('connect', r));
  let received = '';
  socket.on('data', (d) => { received += d; });
  // Headers of a POST whose body is still on its way: the request is in flight.
  socket.write('POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345');
  await new Promise((r) => setTimeout(r, 200));
  const t0 = Date.now();
  own.proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  socket.write('67890');
  const { code } = await own.exited;
  const elapsed = Date.now() - t0;
  await new Promise((r) => setTimeout(r, 50));
  socket.destroy();
  assert.match(received, /^HTTP\/1\.1 405 /);  // answered, not dropped
  assert.equal(code, 0);
  assert.ok(elapsed < 5000, `took ${elapsed} ms`);
  // New connections are refused once it is stopping.
  await assert.rejects(fetch(`${own.url}/healthz`));
});

test('SIGHUP reloads good content and keeps the old on bad content', async () => {
  const content = copyContent();
  const own = await startServer({ content });
  try {
    const version = async () => (await (await fetch(`${own.url}/healthz`)).json()).content_version;
    const v1 = await version();
    const families = join(content, 'families.yaml');
    const original = readFileSync(families, 'utf8');
    writeFileSync(families, original.replace('name: Scrum Alliance', 'name: Scrum Alliance (reloaded)'));
    own.proc.kill('SIGHUP');
    await waitFor(async () => (await version()) !== v1);
    assert.match(await (await fetch(`${own.url}/`)).text(), /Scrum Alliance \(reloaded\)/);
    const v2 = await version();

    writeFileSync(families, original.replace('name: Scrum Alliance', 'nmae: Scrum Alliance'));
    own.proc.kill('SIGHUP');
    await waitFor(async () => /content reload refused/.test(own.log()));
    assert.match(own.log(), /families\.yaml:\d+:\d+: error: unknown key 'nmae'/);
    assert.equal(await version(), v2);
    assert.match(await (await fetch(`${own.url}/`)).text(), /Scrum Alliance \(reloaded\)/);
    const metrics = await (await fetch(`${own.url}/metrics`)).text();
    assert.match(metrics, /certhub_content_reload_failures_total 1/);
  } finally {
    await own.stop();
    rmSync(content, { recursive: true, force: true });
  }
});

async function waitFor(check, ms = slow ? 15000 : 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}
