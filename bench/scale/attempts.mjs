#!/usr/bin/env node
// Creates COUNT attempts in progress through the JSON API, one learner (session) each, with
// PARALLEL requests in flight; each learner also saves one answer and views one question page,
// so the server has touched every attempt as a learner would. Every TRAINING-th learner (0:
// none) starts a training over all topics (432 questions on CSM) instead of a mock exam. Then
// one more client starts FLOOD trainings over all topics, one after another, viewing a question
// page of each (the hostile mix of issue 19). Stops after 600 s at most.
//   node attempts.mjs URL [COUNT=10000] [PARALLEL=32] [TRAINING=0] [FLOOD=0]
const [base, countText = '10000', parallelText = '32', trainingText = '0', floodText = '0'] = process.argv.slice(2);
const count = Number(countText);
const parallel = Number(parallelText);
const everyTraining = Number(trainingText);
const flood = Number(floodText);
const deadline = Date.now() + 600_000;

async function call(method, path, { cookie, token, body } = {}) {
  const headers = {};
  if (cookie) headers.cookie = `certhub_session=${cookie}`;
  if (token) headers['x-csrf-token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, cookie: /certhub_session=([^;]+)/.exec(res.headers.get('set-cookie') || '')?.[1], text };
}

function check(r, status, what) {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r;
}

async function session() {
  const s = check(await call('GET', '/api/v1/session'), 200, 'session');
  return { cookie: s.cookie, token: JSON.parse(s.text).csrf_token };
}

async function learner(auth, mode) {
  const a = JSON.parse(check(await call('POST', '/api/v1/attempts', { ...auth, body: { certification: 'csm', mode } }), 201, mode).text);
  // A training checks an answer only when complete: choose as many options as the question asks.
  const choose = a.questions?.[0]?.choose ?? 1;
  const selected = ['a', 'b', 'c', 'd'].slice(0, choose);
  check(await call('PUT', `/api/v1/attempts/${a.id}/answers/1`, { ...auth, body: { selected } }), 200, 'answer');
  check(await call('GET', `/attempts/${a.id}/q/2`, auth), 200, 'question page');
}

let next = 0;
let done = 0;
let trainings = 0;
const started = Date.now();
async function worker() {
  while (next < count) {
    if (Date.now() > deadline) throw new Error(`time limit: ${done} of ${count} attempts after 600 s`);
    next += 1;
    const training = everyTraining > 0 && next % everyTraining === 0;
    await learner(await session(), training ? 'training' : 'mock');
    if (training) trainings += 1;
    done += 1;
  }
}
await Promise.all(Array.from({ length: parallel }, worker));
const secs = (Date.now() - started) / 1000;
console.log(`attempts: ${done} in progress, one learner each (${trainings} trainings over all topics, ${done - trainings} mock exams), in ${secs.toFixed(1)} s (${(done / secs).toFixed(0)} learners/s)`);
if (flood > 0) {
  const auth = await session();
  const t = Date.now();
  for (let i = 0; i < flood; i++) {
    if (Date.now() > deadline) throw new Error(`time limit: ${i} of ${flood} flood attempts after 600 s`);
    await learner(auth, 'training');
  }
  console.log(`flood: ${flood} trainings over all topics from one client in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
