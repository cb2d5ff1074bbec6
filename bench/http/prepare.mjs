#!/usr/bin/env node
// Prepares learners for the HTTP benchmark through the JSON API, and saves static copies of
// the pages for nginx.
//   node prepare.mjs URL COUNT LEARNERS_FILE [WWW_DIR]
// Each learner: a session (cookie + CSRF token), a mock exam in progress with its first five
// questions answered, and CERTHUB_BENCH_ANSWER_ATTEMPTS [8] training attempts for the answer
// benchmark. Training has no deadline, so saves are never refused with 409 however long the
// run. Steps are append-only and every save reads all of its attempt's steps, so the answer
// benchmark spreads each learner's saves over several attempts to keep them near a real
// exam's count (50-100 steps) instead of growing for the whole run. Each training attempt
// covers one domain, CERTHUB_BENCH_ANSWER_DOMAIN [sm-service: 52 questions, about a mock
// exam's 50]; set it empty for the whole bank (432 questions: every save then loads and
// decodes an attempt of 432 slots, which costs more than the save). LEARNERS_FILE gets one
// line per learner:
//   cookie token mock_id training_id,training_id,... training_question_count
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
const answerDomain = process.env.CERTHUB_BENCH_ANSWER_DOMAIN ?? 'sm-service';
const trainingCount = Number(process.env.CERTHUB_BENCH_ANSWER_ATTEMPTS || 8);

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

async function learner() {
  const s = await expect(200, call('GET', '/api/v1/session'), 'session');
  const cookie = /certhub_session=([^;]+)/.exec(s.headers.get('set-cookie') || '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  const token = JSON.parse(s.bytes).csrf_token;
  const auth = { cookie, token };
  const mock = JSON.parse((await expect(201, call('POST', '/api/v1/attempts', { ...auth, body: { certification: 'csm', mode: 'mock' } }), 'mock')).bytes);
  const trainings = [];
  for (let i = 0; i < trainingCount; i++)
    trainings.push(JSON.parse((await expect(201, call('POST', '/api/v1/attempts', { ...auth, body: { certification: 'csm', mode: 'training', domain: answerDomain } }), 'training')).bytes));
  for (let i = 1; i <= 5; i++)
    await expect(200, call('PUT', `/api/v1/attempts/${mock.id}/answers/${i}`, { ...auth, body: { selected: ['a'] } }), 'answer');
  return { cookie, token, mock: mock.id, training: trainings.map((t) => t.id), questions: trainings[0].questions.length };
}

const learners = [];
const batch = 16;  // learners prepared at once
for (let i = 0; i < count; i += batch) {
  const n = Math.min(batch, count - i);
  learners.push(...(await Promise.all(Array.from({ length: n }, learner))));
}
writeFileSync(learnersFile, learners.map((l) => `${l.cookie} ${l.token} ${l.mock} ${l.training.join(',')} ${l.questions}\n`).join(''));

if (www) {
  mkdirSync(www, { recursive: true });
  const first = learners[0];
  const auth = { cookie: first.cookie, token: first.token };
  writeFileSync(join(www, 'home.html'), (await expect(200, call('GET', '/'), 'home')).bytes);
  writeFileSync(join(www, 'cert.html'), (await expect(200, call('GET', '/certifications/csm'), 'certification')).bytes);
  writeFileSync(join(www, 'question.html'), (await expect(200, call('GET', `/attempts/${first.mock}/q/1`, auth), 'question page')).bytes);
  writeFileSync(join(www, 'answer.json'),
                (await expect(200, call('PUT', `/api/v1/attempts/${first.training[0]}/answers/1`, { ...auth, body: { selected: ['a'] } }), 'answer')).bytes);
}
console.log(`prepare: ${learners.length} learners, each with a mock exam in progress and ${trainingCount} training ` +
            `attempts of ${learners[0].questions} questions (${answerDomain || 'all domains'})`);
