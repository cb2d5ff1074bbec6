// Scale-out: two certhub processes on one PostgreSQL behind nginx (Debian's package, round robin,
// started here in the foreground with its own configuration in a temp dir). A learner takes a
// whole mock exam with requests alternating between the two; then one is killed mid-exam and
// the learner finishes on the other. Runs when CERTHUB_TEST_DB is a postgresql:// URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { startServer, shippedContent, Visitor, tempDir, backend, createDatabase, slow } from '../support/certhub.mjs';
import { loadBank, shownKey } from '../support/bank.mjs';
import { call } from '../support/api.mjs';

const nginxBin = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => spawnSync(p, ['-v']).status === 0);
const skip = (backend !== 'postgres' && 'needs CERTHUB_TEST_DB=postgresql://... (scripts/pg start DIR)')
  || (!nginxBin && 'needs nginx (scripts/bootstrap --test)');
const bank = loadBank(shippedContent, 'csm');

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// nginx in the foreground with round robin over `upstreams`. Each response says which app
// server answered (X-Upstream), so the test can see the alternation.
async function startNginx(upstreams) {
  const dir = tempDir('certhub-nginx-');
  chmodSync(dir, 0o755);  // as root, nginx's workers run as nobody
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream certhub {
${upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=30s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://certhub;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_max_temp_file_size 0;
      proxy_connect_timeout 2s;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`);
  const proc = spawn(nginxBin, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;']);
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const until = Date.now() + (slow ? 20000 : 10000);
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nginx exited ${proc.exitCode}: ${log}`);
    const up = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > until) throw new Error(`nginx did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A visitor that notes which app server answered each request.
class TrackedVisitor extends Visitor {
  constructor(base) { super(base); this.upstreams = []; }
  async fetch(path, init) {
    const res = await super.fetch(path, init);
    this.upstreams.push(res.headers.get('x-upstream'));
    return res;
  }
}

// Answers questions [from, to) of a mock exam, about two thirds right, some wrong, one in ten
// blank (as practice_api.test.mjs), and returns the independent count of right answers.
async function answerRange(v, attempt, from, to) {
  let right = 0;
  for (const q of attempt.questions.slice(from, to)) {
    const key = shownKey(bank.get(q.id), q.options);
    let selected;
    if (q.index % 10 === 0) selected = null;
    else if (q.index % 3 === 0) selected = [q.options.map((o) => o.key).find((k) => !key.includes(k))];
    else selected = key;
    if (selected) {
      const a = await call(v, 'PUT', `/api/v1/attempts/${attempt.id}/answers/${q.index}`, { selected });
      assert.equal(a.status, 200, a.text);
    }
    if (selected && [...selected].sort().join() === key.join()) right += 1;
  }
  return right;
}

let db, a, b, lb;
before(async () => {
  if (skip) return;
  db = await createDatabase();
  // Both start at once on an empty database: the migration lock lets one of them migrate.
  [a, b] = await Promise.all([startServer({ db }), startServer({ db })]);
  lb = await startNginx([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
});
after(async () => {
  await Promise.all([lb?.stop(), a?.stop(), b?.stop()]);
});

async function learner() {
  const v = new TrackedVisitor(lb.url);
  const res = await v.fetch('/api/v1/session');
  assert.equal(res.status, 200);
  v.token = (await res.json()).csrf_token;
  return v;
}

test('a whole mock exam alternating between two app servers scores what an independent count says', { skip }, async () => {
  const v = await learner();
  const started = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' });
  assert.equal(started.status, 201, started.text);
  const attempt = started.body;
  const expected = await answerRange(v, attempt, 0, 50);
  await call(v, 'PUT', `/api/v1/attempts/${attempt.id}/flags/2`, { flagged: true });
  const submitted = await call(v, 'POST', `/api/v1/attempts/${attempt.id}/submit`);
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal(submitted.body.correct, expected);
  assert.equal(submitted.body.total, 50);
  assert.equal(submitted.body.passed, expected >= 37);
  const review = await call(v, 'GET', `/api/v1/attempts/${attempt.id}`);
  assert.equal(review.body.result.correct, expected);
  assert.equal(review.body.questions[1].flagged, true);

  // Every request went through nginx, and consecutive requests went to different servers.
  const servers = [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`];
  assert.ok(v.upstreams.every((u) => servers.includes(u)), v.upstreams.join(' '));
  for (let i = 1; i < v.upstreams.length; i++) assert.notEqual(v.upstreams[i], v.upstreams[i - 1], `request ${i}: ${v.upstreams.join(" ")}`);
  assert.ok(v.upstreams.length >= 45, `${v.upstreams.length} requests`);
});

test('one app server killed mid-exam (SIGKILL): the learner finishes on the other', { skip }, async () => {
  const v = await learner();
  const started = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' });
  assert.equal(started.status, 201, started.text);
  const attempt = started.body;
  let expected = await answerRange(v, attempt, 0, 25);
  assert.deepEqual(new Set(v.upstreams), new Set([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]));

  a.proc.kill('SIGKILL');
  assert.equal((await a.exited).signal, 'SIGKILL');
  const before = v.upstreams.length;
  expected += await answerRange(v, attempt, 25, 50);
  const submitted = await call(v, 'POST', `/api/v1/attempts/${attempt.id}/submit`);
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal(submitted.body.correct, expected);
  const review = await call(v, 'GET', `/api/v1/attempts/${attempt.id}`);
  assert.equal(review.body.finished, true);
  assert.equal(review.body.result.correct, expected);
  // After the kill nginx sent everything to the survivor (a refused connection is retried there).
  const after = v.upstreams.slice(before);
  assert.ok(after.every((u) => u.endsWith(`127.0.0.1:${b.port}`)), after.join(' '));
});
