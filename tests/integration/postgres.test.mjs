// What only PostgreSQL can show: migrations run by several instances at once, saves to one
// attempt racing across app servers, and a database that goes away and comes back. Runs when
// CERTHUB_TEST_DB is a postgresql:// URL (scripts/test does that); the rest of the suite runs on
// PostgreSQL through the same variable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  bin, repo, startServer, shippedContent, Visitor, tempDir, backend, createDatabase, psql,
} from '../support/certhub.mjs';
import { loadBank, shownKey } from '../support/bank.mjs';
import { apiVisitor, call } from '../support/api.mjs';

const skip = backend !== 'postgres' && 'needs CERTHUB_TEST_DB=postgresql://... (scripts/pg start DIR)';
const bank = loadBank(shippedContent, 'csm');

const answer = (v, id, index, selected) => call(v, 'PUT', `/api/v1/attempts/${id}/answers/${index}`, { selected });
const startMock = async (v) => {
  const r = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' });
  assert.equal(r.status, 201, r.text);
  return r.body;
};

function migrate(db) {
  return new Promise((resolve) => {
    const p = spawn(bin, ['migrate', '--db', db]);
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('exit', (code) => resolve({ code, out }));
  });
}

async function waitFor(check, ms = 15000) {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const healthz = async (base) => {
  const res = await fetch(`${base}/healthz`);
  return { status: res.status, body: await res.json() };
};

test('migrate on PostgreSQL reaches the version SQLite reaches, and is idempotent', { skip }, async () => {
  const dir = tempDir();
  try {
    const lite = spawnSync(bin, ['migrate', '--db', join(dir, 'm.db')], { encoding: 'utf8' });
    assert.equal(lite.status, 0, lite.stderr);
    const db = await createDatabase();
    const first = await migrate(db);
    assert.equal(first.code, 0, first.out);
    assert.equal(first.out.trim(), lite.stdout.trim());
    const again = await migrate(db);
    assert.equal(again.code, 0, again.out);
    assert.equal(again.out.trim(), lite.stdout.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('both dialects create the same tables and columns', { skip }, async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 's.db');
    assert.equal(spawnSync(bin, ['migrate', '--db', file]).status, 0);
    const db = await createDatabase();
    assert.equal((await migrate(db)).code, 0);
    const lite = execFileSync('sqlite3', [file,
      "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'"],
    { encoding: 'utf8' }).trim().split('\n').sort();
    // PostgreSQL declares the insertion order SQLite keeps as its built-in rowid.
    const pg = (await psql(db, "SELECT table_name || '.' || column_name FROM information_schema.columns "
      + "WHERE table_schema = 'public' AND NOT (table_name = 'attempts' AND column_name = 'rowid')"))
      .split('\n').sort();
    assert.deepEqual(pg, lite);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('instances migrating at once apply every migration exactly once', { skip }, async () => {
  const db = await createDatabase();
  const runs = await Promise.all([1, 2, 3, 4].map(() => migrate(db)));
  for (const r of runs) assert.equal(r.code, 0, r.out);
  const version = /schema at version (\d+)/.exec(runs[0].out)[1];
  for (const r of runs) assert.match(r.out, new RegExp(`schema at version ${version}\\b`));
  const rows = await psql(db, 'SELECT count(*), count(DISTINCT version), max(version) FROM schema_migrations');
  assert.equal(rows, `${version}|${version}|${version}`);
});

test('migrate against a PostgreSQL nobody listens on fails with exit 3 and a message', { skip }, () => {
  const r = spawnSync(bin, ['migrate', '--db', 'postgresql://certhub@127.0.0.1:9/nowhere'], { encoding: 'utf8' });
  assert.equal(r.status, 3);
  assert.match(r.stderr, /cannot connect to PostgreSQL: .*127\.0\.0\.1/);
});

test('saves to one attempt racing across two app servers all land, numbered without gaps', { skip }, async () => {
  const db = await createDatabase();
  const [a, b] = await Promise.all([startServer({ db }), startServer({ db })]);
  try {
    const v = await apiVisitor(a.url);
    const attempt = await startMock(v);
    const onB = Object.assign(new Visitor(b.url), { cookies: v.cookies, token: v.token });
    // 50 answers and 20 flags at once, half through each server.
    const saves = attempt.questions.map((q, i) => answer(i % 2 ? onB : v, attempt.id, q.index, [q.options[0].key]));
    for (let i = 1; i <= 20; i++)
      saves.push(call(i % 2 ? v : onB, 'PUT', `/api/v1/attempts/${attempt.id}/flags/${i}`, { flagged: true }));
    const results = await Promise.all(saves);
    for (const r of results) assert.equal(r.status, 200, r.text);
    const seqs = await psql(db, `SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM steps WHERE attempt_id = '${attempt.id}'`);
    assert.equal(seqs, '70|70|1|70');
    const state = await call(onB, 'GET', `/api/v1/attempts/${attempt.id}`);
    assert.equal(state.body.answered, 50);
    assert.equal(state.body.questions.filter((q) => q.flagged).length, 20);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('a submit racing with saves: what was acknowledged counts, what was refused does not', { skip }, async (t) => {
  const db = await createDatabase();
  const [a, b] = await Promise.all([startServer({ db }), startServer({ db })]);
  try {
    const v = await apiVisitor(a.url);
    const attempt = await startMock(v);
    const onB = Object.assign(new Visitor(b.url), { cookies: v.cookies, token: v.token });
    const keys = attempt.questions.map((q) => shownKey(bank.get(q.id), q.options));
    const saves = attempt.questions.map((q, i) => answer(i % 2 ? onB : v, attempt.id, q.index, keys[i]));
    const submit = new Promise((r) => setTimeout(r, 5)).then(() => call(v, 'POST', `/api/v1/attempts/${attempt.id}/submit`));
    const [submitted, ...saved] = await Promise.all([submit, ...saves]);
    assert.equal(submitted.status, 200, submitted.text);
    for (const r of saved) assert.ok(r.status === 200 || r.status === 409, r.text);
    const acknowledged = saved.filter((r) => r.status === 200).length;
    t.diagnostic(`${acknowledged} of 50 saves acknowledged before the submit`);
    // Every answer was right, so the score is the number of saves acknowledged before the finish.
    assert.equal(submitted.body.correct, acknowledged);
    const review = await call(onB, 'GET', `/api/v1/attempts/${attempt.id}`);
    assert.equal(review.body.result.correct, acknowledged);
    saved.forEach((r, i) => assert.equal(review.body.questions[i].selected.length > 0, r.status === 200, `question ${i + 1}`));
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('database lost: 503 page and JSON, healthz says so, reconnects by itself, nothing acknowledged is lost', { skip }, async () => {
  // A private cluster, so stopping it disturbs no other test.
  const dir = tempDir('certhub-pg-');
  const pg = (cmd) => execFileSync(join(repo, 'scripts', 'pg'), [cmd, dir], { encoding: 'utf8' }).trim();
  let server;
  try {
    const cluster = pg('start');
    server = await startServer({ db: await createDatabase(cluster) });
    assert.equal((await healthz(server.url)).status, 200);
    const v = await apiVisitor(server.url);
    const attempt = await startMock(v);
    for (let i = 1; i <= 5; i++) assert.equal((await answer(v, attempt.id, i, ['a'])).status, 200);

    pg('kill');  // as after a crash of the database server
    const down = await healthz(server.url);
    assert.equal(down.status, 503);
    assert.deepEqual([down.body.status, down.body.database], ['unavailable', 'unreachable']);
    const save = await answer(v, attempt.id, 6, ['b']);
    assert.equal(save.status, 503);
    assert.match(save.type, /^application\/json/);
    assert.equal(save.body.error, 'Service Unavailable');
    assert.match(save.body.detail, /database is not reachable/);
    const page = await v.fetch(`/attempts/${attempt.id}/q/1`);
    assert.equal(page.status, 503);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.match(await page.text(), /database is not reachable/);
    assert.equal((await fetch(`${server.url}/`)).status, 200, 'pages that need no database still work');

    assert.equal(pg('start'), cluster);  // the same port again
    await waitFor(async () => (await healthz(server.url)).status === 200);
    const state = await call(v, 'GET', `/api/v1/attempts/${attempt.id}`);
    assert.equal(state.status, 200, state.text);
    assert.equal(state.body.answered, 5);
    assert.deepEqual(state.body.questions.slice(0, 6).map((q) => q.selected), [['a'], ['a'], ['a'], ['a'], ['a'], []]);
    assert.equal((await answer(v, attempt.id, 6, ['b'])).status, 200);
    assert.match(server.log(), /error store: cannot connect to PostgreSQL/);
  } finally {
    if (server) await server.stop();
    pg('stop');
    rmSync(dir, { recursive: true, force: true });
  }
});

test('answer saves: time per request, and saves per second by backend and I/O threads (printed)', { skip }, async (t) => {
  // The figures behind "PostgreSQL" in docs/architecture.md. The access log gives how long
  // App::handle took, i.e. how long an I/O thread was held, store calls included; then 32
  // learners save at once, and the I/O threads (which wait for the database) set the pace.
  const figures = {};
  for (const [backendName, threads] of [['sqlite', 2], ['postgres', 2], ['postgres', 8]]) {
    const server = await startServer({ db: backendName === 'sqlite' ? join(tempDir(), 'timing.db') : undefined, threads });
    try {
      const v = await apiVisitor(server.url);
      for (let round = 0; round < 4; round++) {
        const attempt = await startMock(v);
        for (const q of attempt.questions) assert.equal((await answer(v, attempt.id, q.index, [q.options[0].key])).status, 200);
        // One running mock per learner: finish this one before the next round starts another.
        assert.equal((await call(v, 'POST', `/api/v1/attempts/${attempt.id}/submit`)).status, 200);
      }
      const ms = [...server.log().matchAll(/"PUT \/api\/v1\/attempts\/\S+\/answers\/\d+" 200 \d+ ([\d.]+)ms/g)]
        .map((m) => Number(m[1])).sort((x, y) => x - y);
      assert.equal(ms.length, 200);
      const learners = await Promise.all(Array.from({ length: 32 }, async () => {
        const l = await apiVisitor(server.url);
        return { l, attempt: await startMock(l) };
      }));
      const began = performance.now();
      await Promise.all(learners.map(async ({ l, attempt }) => {
        for (const q of attempt.questions) assert.equal((await answer(l, attempt.id, q.index, [q.options[0].key])).status, 200);
      }));
      const seconds = (performance.now() - began) / 1000;
      figures[`${backendName}, ${threads} threads`] = {
        p50_ms: ms[100], p90_ms: ms[180], p99_ms: ms[198], saves_per_s_32_learners: Math.round(1600 / seconds),
      };
    } finally {
      await server.stop();
    }
  }
  for (const [name, f] of Object.entries(figures)) t.diagnostic(`answer save, ${name}: ${JSON.stringify(f)}`);
  assert.ok(figures['postgres, 2 threads'].p50_ms < 25, JSON.stringify(figures));
});
