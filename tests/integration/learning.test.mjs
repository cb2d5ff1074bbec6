// The learning loop over HTTP, on either backend: progress reflects finished attempts, answers
// become spaced-repetition cards, drill answers move a card's due date the right way, an exam
// date pulls cards in before it, "practise what I missed" takes the latest wrong answers, and
// one learner never sees another's data.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, shippedContent, tempDir, testDate, Visitor, csrfOf, form } from '../support/certhub.mjs';
import { loadBank, shownKey } from '../support/bank.mjs';
import { apiVisitor, call } from '../support/api.mjs';

const bank = loadBank(shippedContent, 'csm');
const servers = [];
after(async () => { for (const s of servers) await s.stop(); });
async function serve(options = {}) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

const DAY = 86400 * 1000;
const dayOf = (iso, plusDays = 0) => new Date(Date.parse(iso) + plusDays * DAY).toISOString().slice(0, 10);
const today = dayOf(testDate);
const progressOf = async (v, cert = 'csm') =>
  (await call(v, 'GET', '/api/v1/progress')).body.certifications.find((c) => c.certification === cert);
const drillOf = async (v, cert = 'csm') =>
  (await call(v, 'GET', '/api/v1/drill')).body.certifications.find((c) => c.certification === cert);
const drillAnswer = (v, body) => call(v, 'POST', '/api/v1/drill/answers', body);
const rightKeys = (id) => [...bank.get(id).key].sort();
const wrongKeys = (id) => {
  const q = bank.get(id);
  const wrong = Object.keys(q.options).filter((k) => !q.key.includes(k));
  return wrong.slice(0, q.key.length).sort();
};
// Two CSM questions with one answer each, from the bank's files.
const singles = [...bank.values()].filter((q) => q.key.length === 1).map((q) => q.id);

// Answers every question of an API attempt, right when `right(i)` says so, and submits it.
async function takeAttempt(v, attempt, right = () => true) {
  for (const [i, q] of attempt.questions.entries()) {
    const key = shownKey(bank.get(q.id), q.options);
    const wrong = q.options.map((o) => o.key).filter((k) => !key.includes(k)).slice(0, key.length);
    const res = await call(v, 'PUT', `/api/v1/attempts/${attempt.id}/answers/${i + 1}`,
                           { selected: right(i) ? key : wrong });
    assert.equal(res.status, 200);
  }
  assert.equal((await call(v, 'POST', `/api/v1/attempts/${attempt.id}/submit`, {})).status, 200);
}

test('progress reflects a finished mock: its score, mastery per domain and readiness only with enough evidence', async () => {
  const server = await serve();
  const v = await apiVisitor(server.url);
  const before = await progressOf(v);
  assert.equal(before.attempts.length, 0);
  assert.equal(before.readiness.shown, false);
  assert.equal(before.next_step.kind, 'start');

  const mock = (await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' })).body;
  await takeAttempt(v, mock);
  let p = await progressOf(v);
  assert.equal(p.attempts.length, 1);
  assert.equal(p.attempts[0].mode, 'mock');
  assert.equal(p.attempts[0].correct, 50);
  assert.equal(p.attempts[0].passed, true);
  assert.deepEqual(p.mocks.map((m) => [m.correct, m.total, m.passed]), [[50, 50, true]]);
  assert.equal(p.domains.reduce((n, d) => n + d.answers, 0), 50);
  assert.equal(p.readiness.evidence, 50);
  // One mock is half the evidence readiness needs (two exams' worth): hidden, and it says how much more.
  assert.equal(p.readiness.shown, false);
  assert.equal(p.readiness.pass_probability, null);
  assert.equal(p.readiness.answers_missing, 50);
  assert.equal(p.cards, 50, 'every answered question became a card');

  const second = (await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' })).body;
  await takeAttempt(v, second);
  p = await progressOf(v);
  assert.equal(p.readiness.shown, true);
  assert.ok(p.readiness.pass_probability > 0.9, `all right gives a high readiness: ${p.readiness.pass_probability}`);
  assert.ok(p.readiness.low <= p.readiness.pass_probability && p.readiness.pass_probability <= p.readiness.high);
  for (const d of p.domains) assert.ok(d.mastery > 0.8, `${d.id} mastery ${d.mastery}`);

  const page = await (await v.fetch('/progress/csm')).text();
  assert.match(page, /Mock 1/);
  assert.match(page, /50 of 50/);
  assert.match(page, /estimated chance of passing/);
  assert.match(page, /<svg class="score-chart"/);
});

test('a weak mock gives a low readiness and points at the weakest domain', async () => {
  const server = await serve();
  const v = await apiVisitor(server.url);
  for (let n = 0; n < 2; n++) {
    const mock = (await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' })).body;
    // Right only outside "events": that domain is the weakest by far.
    await takeAttempt(v, mock, (i) => bank.get(mock.questions[i].id).domain !== 'events' && i % 3 !== 0);
  }
  const p = await progressOf(v);
  assert.equal(p.readiness.shown, true);
  assert.ok(p.readiness.pass_probability < 0.2, `readiness ${p.readiness.pass_probability}`);
  const events = p.domains.find((d) => d.id === 'events');
  assert.ok(p.domains.every((d) => d.mastery >= events.mastery));
  // No card is due before tomorrow, so the step is the weakest domain's training.
  assert.deepEqual(p.next_step, { kind: 'train_domain', domain: 'events' });
});

test('drill answers move the due date the right way, and a stale answer records nothing', async () => {
  const db = join(tempDir(), 'learning.db');
  let server = await serve({ db });
  const v = await apiVisitor(server.url);
  const [x, y] = singles;
  let res = await drillAnswer(v, { question: x, selected: rightKeys(x), reps: 0 });
  assert.equal(res.status, 200);
  assert.equal(res.body.correct, true);
  assert.equal(res.body.card.reps, 1);
  const firstDue = res.body.card.due_date;
  assert.ok(firstDue > today, 'a right answer is not due again today');
  const firstInterval = (Date.parse(firstDue) - Date.parse(today)) / DAY;

  // A tab that still shows the card before that review is refused, and nothing changes.
  res = await drillAnswer(v, { question: x, selected: wrongKeys(x), reps: 0 });
  assert.equal(res.status, 409);
  assert.equal(res.body.reps, 1);

  res = await drillAnswer(v, { question: y, selected: wrongKeys(y), reps: 0 });
  assert.equal(res.body.correct, false);
  assert.equal(res.body.card.due_date, dayOf(testDate, 1), 'a wrong answer comes back tomorrow');
  assert.deepEqual(res.body.key, rightKeys(y));
  assert.ok(res.body.reasons.every((r) => r.reason.length > 0));

  // Bad input: clear errors, nothing recorded.
  assert.equal((await drillAnswer(v, { question: 'no-such', selected: ['a'], reps: 0 })).status, 404);
  assert.equal((await drillAnswer(v, { question: y, selected: ['z'], reps: 1 })).status, 422);
  assert.equal((await drillAnswer(v, { question: y, selected: [], reps: 1 })).status, 422);
  assert.equal((await drillAnswer(v, { question: y, selected: ['a'], reps: 'one' })).status, 422);
  assert.equal((await drillAnswer(v, { question: y, selected: ['a'] })).status, 422);
  const noToken = await v.fetch('/api/v1/drill/answers', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: y, selected: ['a'], reps: 1 }) });
  assert.equal(noToken.status, 403);
  let d = await drillOf(v);
  assert.equal(d.cards, 2);
  assert.equal(d.due_today, 0);

  // On the first card's due day (same database, a new server): both are due, the overdue first.
  await server.stop();
  servers.splice(servers.indexOf(server), 1);
  server = await serve({ db, clock: `${firstDue}T09:00:00Z` });
  v.base = server.url;
  d = await drillOf(v);
  assert.deepEqual(d.due_cards.map((c) => c.question), [y, x]);
  assert.equal(d.due_cards[0].options.length, Object.keys(bank.get(y).options).length);
  // Right again after its interval: the next interval is longer.
  res = await drillAnswer(v, { question: x, selected: rightKeys(x), reps: 1 });
  const secondInterval = (Date.parse(res.body.card.due_date) - Date.parse(firstDue)) / DAY;
  assert.ok(secondInterval > firstInterval, `interval ${firstInterval} then ${secondInterval} days`);

  // The drill page's session is the card still due, in training style.
  const drill = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'drill' });
  assert.equal(drill.status, 201);
  assert.equal(drill.body.mode, 'drill');
  assert.deepEqual(drill.body.questions.map((q) => q.id), [y]);
  const q = drill.body.questions[0];
  res = await call(v, 'PUT', `/api/v1/attempts/${drill.body.id}/answers/1`, { selected: shownKey(bank.get(y), q.options) });
  assert.equal(res.status, 200);
  assert.equal(res.body.correct, true, 'feedback at once, as in training');
  assert.equal((await drillOf(v)).due_today, 0, 'answered right: no longer due today');
  const again = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'drill' });
  assert.equal(again.status, 409, 'no cards due: no empty drill');
});

test('an exam date pulls every card in before it, and the plan fits them; bad dates are refused', async () => {
  const server = await serve();
  const v = await apiVisitor(server.url);
  for (const id of singles.slice(0, 4))
    assert.equal((await drillAnswer(v, { question: id, selected: rightKeys(id), reps: 0 })).status, 200);
  assert.equal((await drillOf(v)).due_today, 0);

  let res = await call(v, 'PUT', '/api/v1/exam-date', { certification: 'csm', date: dayOf(testDate, 1) });
  assert.equal(res.status, 200);
  assert.equal(res.body.exam_date, dayOf(testDate, 1));
  assert.deepEqual(res.body.plan, { per_day: 4, days_left: 1, cards: 4 });
  const d = await drillOf(v);
  assert.equal(d.due_today, 4, 'the exam is tomorrow: every card is due today');
  assert.equal(d.exam_date, dayOf(testDate, 1));

  // A review with the exam set is never due after the day before it.
  res = await call(v, 'PUT', '/api/v1/exam-date', { certification: 'csm', date: dayOf(testDate, 10) });
  assert.deepEqual(res.body.plan, { per_day: 1, days_left: 10, cards: 4 });
  res = await drillAnswer(v, { question: singles[0], selected: rightKeys(singles[0]), reps: 1 });
  assert.ok(res.body.card.due_date <= dayOf(testDate, 9), `due ${res.body.card.due_date}`);

  assert.equal((await call(v, 'PUT', '/api/v1/exam-date', { certification: 'csm', date: dayOf(testDate, -1) })).status, 422);
  assert.equal((await call(v, 'PUT', '/api/v1/exam-date', { certification: 'csm', date: '2026-02-30' })).status, 422);
  assert.equal((await call(v, 'PUT', '/api/v1/exam-date', { certification: 'csm' })).status, 422);
  assert.equal((await call(v, 'PUT', '/api/v1/exam-date', { certification: 'csp-sm', date: dayOf(testDate, 3) })).status, 404);
  assert.equal((await drillOf(v)).exam_date, dayOf(testDate, 10), 'a refused change keeps the saved date');
  res = await call(v, 'PUT', '/api/v1/exam-date', { certification: 'csm', date: null });
  assert.equal(res.status, 200);
  assert.equal(res.body.exam_date, null);
  assert.equal(res.body.plan, null);

  // The page form: a bad date is a 422 page that says why; no token is 403.
  const page = await (await v.fetch('/drill')).text();
  const csrf = csrfOf(page);
  const post = (fields) => v.fetch('/drill/exam-date', form(fields));
  const bad = await post({ csrf_token: csrf, certification: 'csm', date: 'soon', action: 'save' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /Enter the exam date as a day/);
  assert.equal((await post({ certification: 'csm', date: dayOf(testDate, 5), action: 'save' })).status, 403);
  const ok = await post({ csrf_token: csrf, certification: 'csm', date: dayOf(testDate, 5), action: 'save' });
  assert.equal(ok.status, 303);
  assert.match(await (await v.fetch('/drill')).text(), /About 1 card a day until/);
});

test('practise what I missed takes the questions whose latest answer was wrong, across attempts', async () => {
  const server = await serve();
  const v = await apiVisitor(server.url);
  const first = (await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'training', domain: 'events' })).body;
  const missed = [];
  for (let i = 0; i < 4; i++) {
    const q = first.questions[i];
    const key = shownKey(bank.get(q.id), q.options);
    const right = i === 0;
    const selected = right ? key : q.options.map((o) => o.key).filter((k) => !key.includes(k)).slice(0, key.length);
    if (!right) missed.push(q.id);
    assert.equal((await call(v, 'PUT', `/api/v1/attempts/${first.id}/answers/${i + 1}`, { selected })).status, 200);
  }
  let res = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'training', missed: 'latest' });
  assert.equal(res.status, 201);
  assert.deepEqual(res.body.questions.map((q) => q.id).sort(), [...missed].sort());
  // One of them answered right now: it leaves the list.
  const retry = res.body;
  const fixed = retry.questions[0];
  assert.equal((await call(v, 'PUT', `/api/v1/attempts/${retry.id}/answers/1`,
                           { selected: shownKey(bank.get(fixed.id), fixed.options) })).status, 200);
  res = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'training', missed: 'latest' });
  assert.deepEqual(res.body.questions.map((q) => q.id).sort(), missed.filter((id) => id !== fixed.id).sort());
  res = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'training', missed: 'latest', domain: 'artifacts' });
  assert.equal(res.status, 409, 'nothing missed in that domain');
  assert.equal((await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'training', missed: 'all' })).status, 422);
});

test('another learner never sees these data', async () => {
  const server = await serve();
  const a = await apiVisitor(server.url);
  const mock = (await call(a, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' })).body;
  await takeAttempt(a, mock);
  await call(a, 'PUT', '/api/v1/exam-date', { certification: 'csm', date: dayOf(testDate, 1) });
  assert.equal((await drillOf(a)).due_today, 50);

  const b = await apiVisitor(server.url);
  const p = await progressOf(b);
  assert.equal(p.attempts.length, 0);
  assert.equal(p.readiness.evidence, 0);
  assert.equal(p.cards, 0);
  const d = await drillOf(b);
  assert.equal(d.due_today, 0);
  assert.equal(d.exam_date, null);
  assert.deepEqual(d.due_cards, []);
  assert.equal((await call(b, 'GET', `/api/v1/attempts/${mock.id}`)).status, 404);
  const page = await (await b.fetch('/progress/csm')).text();
  assert.doesNotMatch(page, new RegExp(mock.id));
  assert.match(page, /No attempts in this browser yet/);
  // A stranger without any cookie sees the empty pages, not an error.
  const stranger = new Visitor(server.url);
  assert.equal((await stranger.fetch('/progress')).status, 200);
  assert.equal((await stranger.fetch('/drill')).status, 200);
  assert.equal((await stranger.fetch('/progress/no-such')).status, 404);
});

test('every attempt is listed on /progress, 25 to a page, and a bad page number is a 404', async () => {
  const server = await serve();
  const v = await apiVisitor(server.url);
  const ids = [];
  for (let i = 0; i < 27; i++) {
    const res = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'sample' });
    assert.equal(res.status, 201);
    ids.push(res.body.id);
  }
  const first = await (await v.fetch('/progress/csm')).text();
  assert.match(first, /Attempts 1–25 of 27, newest first/);
  assert.match(first, /href="\/progress\/csm\?page=2#attempts-title">Older attempts/);
  // Each listed attempt links to itself: to resume it, or to its result once closed (a learner
  // keeps at most 20 open, so starting the 21st and later closed the oldest as abandoned).
  assert.equal([...first.matchAll(/\/attempts\/[0-9a-f]{32}(\/result)?"/g)].length, 25);
  const second = await (await v.fetch('/progress/csm?page=2')).text();
  assert.match(second, /Attempts 26–27 of 27/);
  assert.match(second, /Newer attempts/);
  // Newest first: the first two made are on page 2.
  for (const id of ids.slice(0, 2)) assert.match(second, new RegExp(`/attempts/${id}(/result)?"`));
  for (const bad of ['3', '0', 'x', '-1', '1e3'])
    assert.equal((await v.fetch(`/progress/csm?page=${bad}`)).status, 404, bad);
  assert.equal((await call(v, 'GET', '/api/v1/progress')).body.certifications
    .find((c) => c.certification === 'csm').attempts.length, 27, 'the API lists them all');
});
