// Per-client limits on what creates data, just under and just over each (docs/deploy.md), and
// X-Forwarded-For believed only from a configured proxy.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Visitor, csrfOf, form } from '../support/certhub.mjs';
import { apiVisitor, call } from '../support/api.mjs';

// The limits as src/web/rate_limit.hpp names them.
const ATTEMPT_BURST = 30;
const ATTEMPT_REFILL_S = 20;
const REQUEST_BURST = 10;
const REPORT_BURST = 10;

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });
async function serve(options) {
  const s = await startServer({ rateLimits: true, ...options });
  servers.push(s);
  return s;
}

const startAttempt = (v, headers = {}) => v.fetch('/api/v1/attempts', {
  method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': v.token, ...headers },
  body: JSON.stringify({ certification: 'csm', mode: 'sample' }) });

test('attempt starts: the burst is allowed, the next is 429 with Retry-After, and nothing is created', async () => {
  const server = await serve();
  const v = await apiVisitor(server.url);
  for (let i = 0; i < ATTEMPT_BURST; i++) assert.equal((await startAttempt(v)).status, 201, `start ${i + 1}`);
  const over = await startAttempt(v);
  assert.equal(over.status, 429);
  const retry = Number(over.headers.get('retry-after'));
  assert.ok(retry >= 1 && retry <= ATTEMPT_REFILL_S, `Retry-After ${retry}`);
  const body = await over.json();
  assert.equal(body.error, 'Too Many Requests');
  assert.match(body.detail, /try again in \d+ seconds?/);
  // The same client through the page form gets the page, and no attempt is made.
  const page = await (await v.fetch('/practice/csm')).text();
  const refused = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(page), mode: 'sample' }));
  assert.equal(refused.status, 429);
  assert.ok(refused.headers.get('retry-after'));
  assert.match(await refused.text(), /Too many attempt starts from your address/);
  const listed = (await call(v, 'GET', '/api/v1/progress')).body.certifications.find((c) => c.certification === 'csm');
  assert.equal(listed.attempts.length, ATTEMPT_BURST);
});

test('update requests: the burst is allowed, the next is 429', async () => {
  const server = await serve();
  const v = new Visitor(server.url);
  const page = await (await v.fetch('/certifications/a-cspo')).text();
  const post = () => v.fetch('/certifications/a-cspo/requests', form({ csrf_token: csrfOf(page), email: '' }));
  for (let i = 0; i < REQUEST_BURST; i++) assert.equal((await post()).status, 303, `request ${i + 1}`);
  const over = await post();
  assert.equal(over.status, 429);
  assert.ok(Number(over.headers.get('retry-after')) >= 1);
});

test('question reports: the burst is allowed, the next is 429, and nothing more is stored', async () => {
  const server = await serve();
  const v = await apiVisitor(server.url);
  const { body: a } = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'training' });
  const ids = a.questions.map((q) => q.id);
  const report = (id) => call(v, 'POST', `/api/v1/questions/${id}/reports`, { category: 'typo' });
  for (let i = 0; i < REPORT_BURST; i++) assert.equal((await report(ids[i])).status, 201, `report ${i + 1}`);
  const over = await report(ids[REPORT_BURST]);
  assert.equal(over.status, 429);
  // The form is held by the same bucket.
  const page = await (await v.fetch('/practice/csm')).text();
  const form429 = await v.fetch(`/questions/${ids[REPORT_BURST]}/reports`, form({ csrf_token: csrfOf(page), category: 'typo' }));
  assert.equal(form429.status, 429);
});

test('X-Forwarded-For names the client only when the peer is a trusted proxy', async () => {
  const trusting = await serve({ args: ['--trusted-proxy', '127.0.0.1'] });
  const v = await apiVisitor(trusting.url);
  const as = (ip) => ({ 'x-forwarded-for': ip });
  for (let i = 0; i < ATTEMPT_BURST; i++) await startAttempt(v, as('203.0.113.5'));
  assert.equal((await startAttempt(v, as('203.0.113.5'))).status, 429);
  assert.equal((await startAttempt(v, as('203.0.113.6'))).status, 201, 'another client behind the proxy');
  // A client cannot pick a fresh name by prepending to the header: the proxy's entry counts.
  assert.equal((await startAttempt(v, as('9.9.9.9, 203.0.113.5'))).status, 429);

  const plain = await serve();
  const w = await apiVisitor(plain.url);
  for (let i = 0; i < ATTEMPT_BURST; i++) await startAttempt(w, as(`198.51.100.${i}`));
  assert.equal((await startAttempt(w, as('198.51.100.200'))).status, 429, 'spoofed headers from a client are ignored');
});
