#!/usr/bin/env node
// Creates COUNT mock exams in progress through the JSON API, one learner (session) each, with
// PARALLEL requests in flight; each learner also saves one answer and views one question page,
// so the server has touched every attempt as a learner would. Stops after 600 s at most.
//   node attempts.mjs URL [COUNT=10000] [PARALLEL=32]
const [base, countText = '10000', parallelText = '32'] = process.argv.slice(2);
const count = Number(countText);
const parallel = Number(parallelText);
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

async function learner() {
  const s = check(await call('GET', '/api/v1/session'), 200, 'session');
  const auth = { cookie: s.cookie, token: JSON.parse(s.text).csrf_token };
  const a = JSON.parse(check(await call('POST', '/api/v1/attempts', { ...auth, body: { certification: 'csm', mode: 'mock' } }), 201, 'mock').text);
  check(await call('PUT', `/api/v1/attempts/${a.id}/answers/1`, { ...auth, body: { selected: ['a'] } }), 200, 'answer');
  check(await call('GET', `/attempts/${a.id}/q/2`, auth), 200, 'question page');
}

let next = 0;
let done = 0;
const started = Date.now();
async function worker() {
  while (next < count) {
    if (Date.now() > deadline) throw new Error(`time limit: ${done} of ${count} attempts after 600 s`);
    next += 1;
    await learner();
    done += 1;
  }
}
await Promise.all(Array.from({ length: parallel }, worker));
const secs = (Date.now() - started) / 1000;
console.log(`attempts: ${done} mock exams in progress, one learner each, in ${secs.toFixed(1)} s (${(done / secs).toFixed(0)} learners/s)`);
