#!/usr/bin/env node
// Prepares learners for the HTTP benchmark through the JSON API, and saves static copies of
// the pages for nginx.
//   node prepare.mjs URL COUNT LEARNERS_FILE [WWW_DIR]
// Each learner: a session (cookie + CSRF token) with a mock exam in progress whose first five
// questions are answered (the question scenario), and twice CERTHUB_BENCH_ANSWER_ATTEMPTS [8]
// more sessions, each with a mock exam of its own: one set for the answer scenario, one for
// autosave (which counts sequence numbers from 0, so its attempts must be untouched). A mock exam takes
// changed answers (sample and training keep an answer once its key is shown) and a learner has
// one running mock per certification, hence a session per attempt. Steps are append-only and
// loading an attempt reads all of them, so the answer scenarios spread each learner's saves
// over several attempts to keep them near a real exam's count (50-100 steps) instead of growing
// for the whole run. LEARNERS_FILE gets one line per learner:
//   cookie token mock_id ANSWER_ATTEMPTS AUTOSAVE_ATTEMPTS question_count
// where each attempt list is cookie:token:mock_id,cookie:token:mock_id,...
// WWW_DIR (optional) gets the bytes certhub served, for nginx: home.html (/), cert.html
// (/certifications/csm), question.html (learner 1's mock, question 1) and answer.json (the
// reply to one answer save).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, countText, learnersFile, www] = process.argv.slice(2);
if (!base || !countText || !learnersFile) {
  console.error('usage: prepare.mjs URL COUNT LEARNERS_FILE [WWW_DIR]');
  process.exit(2);
}
const count = Number(countText);
const deadline = Date.now() + 120_000;  // the whole preparation, at most
const answerCount = Number(process.env.CERTHUB_BENCH_ANSWER_ATTEMPTS || 8);

async function call(method, path, { cookie, token, body } = {}) {
  if (Date.now() > deadline) throw new Error('preparation took longer than 120 s');
  const headers = {};
  if (cookie) headers.cookie = `certhub_session=${cookie}`;
  if (token) headers['x-csrf-token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes };
}

async function expect(status, promise, what) {
  const r = await promise;
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.bytes.toString().slice(0, 300)}`);
  return r;
}

// A new session with a mock exam in progress.
async function sessionWithMock() {
  const s = await expect(200, call('GET', '/api/v1/session'), 'session');
  const cookie = /certhub_session=([^;]+)/.exec(s.headers.get('set-cookie') || '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  const token = JSON.parse(s.bytes).csrf_token;
  const mock = JSON.parse((await expect(201, call('POST', '/api/v1/attempts', { cookie, token, body: { certification: 'csm', mode: 'mock' } }), 'mock')).bytes);
  return { cookie, token, mock: mock.id, questions: mock.questions.length };
}

async function learner() {
  const own = await sessionWithMock();
  for (let i = 1; i <= 5; i++)
    await expect(200, call('PUT', `/api/v1/attempts/${own.mock}/answers/${i}`, { ...own, body: { selected: ['a'] } }), 'answer');
  const answers = [], autosaves = [];
  for (let i = 0; i < answerCount; i++) answers.push(await sessionWithMock());
  for (let i = 0; i < answerCount; i++) autosaves.push(await sessionWithMock());
  return { ...own, answers, autosaves };
}

const learners = [];
const batch = 16;  // learners prepared at once
for (let i = 0; i < count; i += batch) {
  const n = Math.min(batch, count - i);
  learners.push(...(await Promise.all(Array.from({ length: n }, learner))));
}
const list = (attempts) => attempts.map((a) => `${a.cookie}:${a.token}:${a.mock}`).join(',');
writeFileSync(learnersFile, learners.map((l) =>
  `${l.cookie} ${l.token} ${l.mock} ${list(l.answers)} ${list(l.autosaves)} ${l.questions}\n`).join(''));

if (www) {
  mkdirSync(www, { recursive: true });
  const first = learners[0];
  const auth = { cookie: first.cookie, token: first.token };
  writeFileSync(join(www, 'home.html'), (await expect(200, call('GET', '/'), 'home')).bytes);
  writeFileSync(join(www, 'cert.html'), (await expect(200, call('GET', '/certifications/csm'), 'certification')).bytes);
  writeFileSync(join(www, 'question.html'), (await expect(200, call('GET', `/attempts/${first.mock}/q/1`, auth), 'question page')).bytes);
  // On the learner's own mock (question 6), so every answer attempt starts at sequence 0.
  writeFileSync(join(www, 'answer.json'),
                (await expect(200, call('PUT', `/api/v1/attempts/${first.mock}/answers/6`, { ...auth, body: { selected: ['a'], sequence: 0 } }), 'answer')).bytes);
}
console.log(`prepare: ${learners.length} learners, each with a mock exam in progress and 2 x ${answerCount} more ` +
            `sessions with a mock exam of ${learners[0].questions} questions for the answer and autosave scenarios`);
