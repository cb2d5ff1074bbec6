// Practice through the JSON API, against the real binary and the shipped question bank.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, shippedContent, Visitor, testDate, tempDir, backend } from '../support/certhub.mjs';
import { loadBank, shownKey } from '../support/bank.mjs';
import { join } from 'node:path';
import { apiVisitor, call } from '../support/api.mjs';

const bank = loadBank(shippedContent, 'csm');
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const start = (v, body) => call(v, 'POST', '/api/v1/attempts', body);
const answer = (v, id, index, selected) => call(v, 'PUT', `/api/v1/attempts/${id}/answers/${index}`, { selected });

test('the session sets an HttpOnly, SameSite=Lax cookie', async () => {
  const res = await fetch(`${server.url}/api/v1/session`);
  const cookie = res.headers.get('set-cookie');
  // An anonymous visitor's cookie is a server-signed id: "<64 hex id>.<64 hex HMAC>".
  assert.match(cookie, /^certhub_session=[0-9a-f]{64}\.[0-9a-f]{64};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
});

test('state changes without the CSRF token are refused with 403', async () => {
  const v = await apiVisitor(server.url);
  const res = await v.fetch('/api/v1/attempts', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ certification: 'csm', mode: 'mock' }),
  });
  assert.equal(res.status, 403);
  assert.equal((await res.json()).error, 'Forbidden');
  const wrong = await call({ ...v, token: 'f'.repeat(64), fetch: v.fetch.bind(v) }, 'POST', '/api/v1/attempts',
    { certification: 'csm', mode: 'mock' });
  assert.equal(wrong.status, 403);
});

test('a mock exam follows the blueprint: 50 questions, 60 minutes, pass at 37, domains by weight', async () => {
  const v = await apiVisitor(server.url);
  const r = await start(v, { certification: 'csm', mode: 'mock' });
  assert.equal(r.status, 201);
  assert.equal(r.body.mode, 'mock');
  assert.equal(r.body.questions.length, 50);
  assert.equal(r.body.pass_mark, 37);
  assert.equal(r.body.time_limit_s, 3600);
  const started = Date.parse(testDate);
  const deadline = Date.parse(r.body.deadline);
  assert.ok(deadline - started >= 3600e3 && deadline - started < 3660e3, r.body.deadline);
  const perDomain = {};
  for (const q of r.body.questions) perDomain[q.domain] = (perDomain[q.domain] || 0) + 1;
  assert.deepEqual(perDomain, { 'scrum-theory': 7, 'scrum-team': 10, events: 11, artifacts: 9, 'sm-competencies': 7, 'sm-service': 6 });
  assert.equal(new Set(r.body.questions.map((q) => q.id)).size, 50);
});

test('no key or explanation reaches the client before a mock exam is submitted', async () => {
  const v = await apiVisitor(server.url);
  const r = await start(v, { certification: 'csm', mode: 'mock' });
  const id = r.body.id;
  const forbidden = /"(explanation|reasons|correct|feedback|reference)"/;
  assert.doesNotMatch(r.text, forbidden);
  const a = await answer(v, id, 1, ['a']);
  assert.equal(a.status, 200);
  assert.doesNotMatch(a.text, forbidden);
  assert.doesNotMatch(a.text, /"key"/);
  const state = await call(v, 'GET', `/api/v1/attempts/${id}`);
  assert.doesNotMatch(state.text, forbidden);
  for (const q of state.body.questions) {
    const content = bank.get(q.id);
    for (const text of Object.values(content.reasons)) assert.ok(!state.text.includes(JSON.stringify(text).slice(1, -1)));
  }
  const page = await (await v.fetch(`/attempts/${id}/q/1`)).text();
  assert.doesNotMatch(page, /Correct option|Incorrect option|class="reasons"/);
});

test('a whole mock exam through the API scores what an independent count says', async () => {
  const v = await apiVisitor(server.url);
  const r = await start(v, { certification: 'csm', mode: 'mock' });
  const id = r.body.id;
  let expected = 0;
  const perDomain = {};
  for (const q of r.body.questions) {
    const key = shownKey(bank.get(q.id), q.options);
    assert.equal(key.length, q.choose, q.id);
    // Answer about two thirds right, the rest wrong, one in ten left blank.
    let selected;
    if (q.index % 10 === 0) selected = null;
    else if (q.index % 3 === 0) selected = [q.options.map((o) => o.key).find((k) => !key.includes(k))];
    else selected = key;
    if (selected && q.type === 'multiple' && q.index % 3 === 0) selected = [key[0], selected[0]];
    if (selected) {
      const a = await answer(v, id, q.index, selected);
      assert.equal(a.status, 200, a.text);
    }
    const right = !!selected && [...selected].sort().join() === key.join();
    expected += right ? 1 : 0;
    perDomain[q.domain] = (perDomain[q.domain] || 0) + (right ? 1 : 0);
  }
  // Change one answer: the latest answer counts.
  const first = r.body.questions[0];
  const firstKey = shownKey(bank.get(first.id), first.options);
  await answer(v, id, 1, firstKey.length === first.choose ? firstKey : firstKey);
  const wasRight = first.index % 10 !== 0 && first.index % 3 !== 0;
  if (!wasRight) { expected += 1; perDomain[first.domain] += 1; }

  const flag = await call(v, 'PUT', `/api/v1/attempts/${id}/flags/2`, { flagged: true });
  assert.equal(flag.status, 200);
  const submitted = await call(v, 'POST', `/api/v1/attempts/${id}/submit`);
  assert.equal(submitted.status, 200);
  assert.equal(submitted.body.correct, expected);
  assert.equal(submitted.body.total, 50);
  assert.equal(submitted.body.passed, expected >= 37);
  assert.equal(submitted.body.pass_mark, 37);
  for (const d of submitted.body.domains) assert.equal(d.correct, perDomain[d.id] || 0, d.id);
  assert.equal(submitted.body.domains.reduce((n, d) => n + d.total, 0), 50);

  const again = await call(v, 'POST', `/api/v1/attempts/${id}/submit`);
  assert.deepEqual(again.body, submitted.body);  // submitting twice returns the same result
  const late = await answer(v, id, 3, ['a']);
  assert.equal(late.status, 409);

  const review = await call(v, 'GET', `/api/v1/attempts/${id}`);
  assert.equal(review.body.finished, true);
  assert.equal(review.body.result.correct, expected);
  assert.ok(review.body.questions.every((q) => q.feedback && q.feedback.explanation));
  assert.equal(review.body.questions[1].flagged, true);
});

test('sample and training answers come back with the key and every reason', async () => {
  const v = await apiVisitor(server.url);
  const sample = await start(v, { certification: 'csm', mode: 'sample' });
  assert.equal(sample.status, 201);
  assert.equal(sample.body.deadline, null);
  const samples = [...bank.values()].filter((q) => q.sample).map((q) => q.id).sort();
  assert.deepEqual(sample.body.questions.map((q) => q.id).sort(), samples);
  assert.ok(samples.length >= 12);
  const q = sample.body.questions[0];
  const key = shownKey(bank.get(q.id), q.options);
  const a = await answer(v, sample.body.id, 1, key);
  assert.equal(a.body.correct, true);
  assert.deepEqual(a.body.key, key);
  assert.equal(a.body.reasons.length, q.options.length);
  assert.ok(a.body.explanation.length > 20);

  const training = await start(v, { certification: 'csm', mode: 'training', domain: 'events' });
  assert.equal(training.status, 201);
  assert.ok(training.body.questions.every((x) => x.domain === 'events'));
  const bad = await start(v, { certification: 'csm', mode: 'training', domain: 'nonsense' });
  assert.equal(bad.status, 422);
});

test('bad input gets clear JSON errors', async () => {
  const v = await apiVisitor(server.url);
  assert.equal((await start(v, { certification: 'pspo-ii', mode: 'mock' })).status, 404);
  assert.equal((await start(v, { certification: 'csm', mode: 'marathon' })).status, 422);
  const raw = await v.fetch('/api/v1/attempts', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': v.token }, body: '{not json',
  });
  assert.equal(raw.status, 400);
  assert.deepEqual(Object.keys(await raw.json()).sort(), ['detail', 'error']);
  const r = await start(v, { certification: 'csm', mode: 'mock' });
  assert.equal((await answer(v, r.body.id, 51, ['a'])).status, 404);
  assert.equal((await answer(v, r.body.id, 1, ['z'])).status, 422);
  assert.equal((await call(v, 'PUT', `/api/v1/attempts/${r.body.id}/answers/1`, { selected: 'a' })).status, 422);
});

test('another session cannot see or change an attempt (404)', async () => {
  const owner = await apiVisitor(server.url);
  const other = await apiVisitor(server.url);
  const r = await start(owner, { certification: 'csm', mode: 'mock' });
  assert.equal((await call(other, 'GET', `/api/v1/attempts/${r.body.id}`)).status, 404);
  assert.equal((await answer(other, r.body.id, 1, ['a'])).status, 404);
  assert.equal((await call(other, 'POST', `/api/v1/attempts/${r.body.id}/submit`)).status, 404);
  assert.equal((await other.fetch(`/attempts/${r.body.id}/q/1`)).status, 404);
});

test('restart mid-exam: the attempt resumes with its answers and the same deadline', async () => {
  const dir = tempDir();
  const db = join(dir, 'resume.db');
  const first = await startServer({ db });
  const v = await apiVisitor(first.url);
  const r = await start(v, { certification: 'csm', mode: 'mock' });
  for (let i = 1; i <= 5; i++) await answer(v, r.body.id, i, ['a']);
  await first.stop();
  const second = await startServer({ db });
  try {
    v.base = second.url;
    const state = await call(v, 'GET', `/api/v1/attempts/${r.body.id}`);
    assert.equal(state.status, 200);
    assert.equal(state.body.deadline, r.body.deadline);
    assert.equal(state.body.answered, 5);
    assert.deepEqual(state.body.questions.slice(0, 5).map((q) => q.selected), [['a'], ['a'], ['a'], ['a'], ['a']]);
    assert.equal((await answer(v, r.body.id, 6, ['b'])).status, 200);
  } finally {
    await second.stop();
  }
});

test('after the deadline answers are refused and the attempt is finished at the deadline', async () => {
  const dir = tempDir();
  const db = join(dir, 'deadline.db');
  const first = await startServer({ db });
  const v = await apiVisitor(first.url);
  const r = await start(v, { certification: 'csm', mode: 'mock' });
  const q = r.body.questions[0];
  await answer(v, r.body.id, 1, shownKey(bank.get(q.id), q.options));
  await first.stop();
  // The browser is gone; the server comes back 61 minutes later.
  const later = new Date(Date.parse(testDate) + 61 * 60e3).toISOString().replace(/\.\d+Z$/, 'Z');
  const second = await startServer({ db, clock: later });
  try {
    v.base = second.url;
    const late = await answer(v, r.body.id, 2, ['a']);
    assert.equal(late.status, 409);
    const state = await call(v, 'GET', `/api/v1/attempts/${r.body.id}`);
    assert.equal(state.body.finished, true);
    assert.equal(state.body.result.correct, 1);
    assert.equal(state.body.result.time_used_s, 3600);
    assert.equal(state.body.questions[1].selected.length, 0);
  } finally {
    await second.stop();
  }
});

test('metrics count attempts in progress: up when one starts, down when it is submitted', async () => {
  const active = async () => Number(/^certhub_active_attempts (\d+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())[1]);
  const v = await apiVisitor(server.url);
  const before = await active();
  const r = await start(v, { certification: 'csm', mode: 'mock' });
  assert.equal(await active(), before + 1);
  await call(v, 'POST', `/api/v1/attempts/${r.body.id}/submit`);
  assert.equal(await active(), before);
});

// Group commit (SQLite): a reply that acknowledges a save waits until the write-ahead log is
// synced, so the sync counter already covers the save when the reply arrives.
test('a save is acknowledged only once it is synced to disk', { skip: backend !== 'sqlite' }, async () => {
  const synced = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const m = /^certhub_wal_synced_commits_total (\d+)$/m.exec(text);
    assert.ok(m, 'metrics list certhub_wal_synced_commits_total');
    return Number(m[1]);
  };
  const v = await apiVisitor(server.url);
  const r = await start(v, { certification: 'csm', mode: 'mock' });
  assert.equal(r.status, 201);
  for (let i = 0; i < 5; i++) {
    const before = await synced();
    const saved = await answer(v, r.body.id, i + 1, ['a']);
    assert.equal(saved.status, 200);
    assert.ok(await synced() > before, `save ${i} was acknowledged before its sync`);
  }
  // Concurrent saves share syncs: never more syncs than commits.
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const syncs = Number(/^certhub_wal_syncs_total (\d+)$/m.exec(text)[1]);
  assert.ok(syncs >= 1 && syncs <= await synced());
});
