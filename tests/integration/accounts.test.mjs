// Accounts (issue 14) over HTTP against the real binary and a real database (SQLite, or
// PostgreSQL with CERTHUB_TEST_DB): the session cookie's two formats and their rotation, sign-up
// and log-in with the join of anonymous data, the log-in throttle, the token buckets, another
// account's attempts on every route that takes an id, the export, deletion down to the rows, the
// Secure attribute behind a TLS proxy, the account pages' forms and the `certhub user` CLI. Each
// test is named after what it prevents or guarantees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import {
  startServer, shippedContent, Visitor, csrfOf, form, backend, psql, testDate, tempDir, bin,
} from '../support/certhub.mjs';
import { loadBank, shownKey } from '../support/bank.mjs';
import { apiVisitor, call } from '../support/api.mjs';

const bank = loadBank(shippedContent, 'csm');

// One server for the tests that do not count failed log-ins per client address or need their
// own options; the others start their own (all stopped at the end).
let server;
const servers = [];
before(async () => { server = await serve(); });
after(async () => { for (const s of servers) await s.stop(); });
async function serve(options = {}) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

// As src/core/login_throttle.hpp and src/web/rate_limit.hpp name them.
const FREE_FAILURES_PER_EMAIL = 5;
const FREE_FAILURES_PER_CLIENT = 20;
const FIRST_DELAY_S = 5;
const SIGN_UP_BURST = 5;
const SIGN_UP_REFILL_S = 300;
const LOG_IN_BURST = 20;
const LOG_IN_REFILL_S = 30;
const WRONG_LOG_IN = { error: 'Unauthorized', detail: 'That email and password do not match an account.', field: 'password' };

const PASSWORD = 'correct horse battery staple';
const anonymousCookie = /^[0-9a-f]{64}\.[0-9a-f]{64}$/;
const loginCookie = /^s\.[0-9a-f]{64}$/;
const cookieAttributes = '; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const newEmail = (tag = 'learner') => `${tag}-${randomBytes(4).toString('hex')}@example.org`;
const sessionOf = (v) => v.cookies.get('certhub_session');

// SQL on the server's database: the sqlite3 CLI on the file, or psql on the PostgreSQL URL.
// Returns the rows as arrays of text (both print unaligned rows with | between columns).
async function sql(s, query) {
  const out = backend === 'postgres'
    ? await psql(s.dbPath, query)
    : (await promisify(execFile)('sqlite3', ['-batch', s.dbPath, query])).stdout.trim();
  return out === '' ? [] : out.split('\n').map((line) => line.split('|'));
}
const learnerOf = async (s, email) =>
  (await sql(s, `SELECT learner FROM accounts WHERE email_key = '${email.toLowerCase()}'`))[0]?.[0];

// The rows a learner key owns, table by table (the tables the brief lists).
async function rowsOf(s, learner) {
  const counts = {
    attempts: `SELECT count(*) FROM attempts WHERE session_id = '${learner}'`,
    steps: `SELECT count(*) FROM steps WHERE attempt_id IN (SELECT id FROM attempts WHERE session_id = '${learner}')`,
    reviews: `SELECT count(*) FROM reviews WHERE learner = '${learner}'`,
    cards: `SELECT count(*) FROM cards WHERE learner = '${learner}'`,
    review_days: `SELECT count(*) FROM review_days WHERE learner = '${learner}'`,
    exam_dates: `SELECT count(*) FROM exam_dates WHERE learner = '${learner}'`,
    update_requests: `SELECT count(*) FROM update_requests WHERE session_id = '${learner}'`,
    question_reports: `SELECT count(*) FROM question_reports WHERE learner = '${learner}'`,
  };
  const out = {};
  for (const [table, query] of Object.entries(counts)) out[table] = Number((await sql(s, query))[0][0]);
  return out;
}

// The account calls of the API; a success carries the new session's CSRF token, kept on `v`.
async function credentials(v, path, email, password, headers = {}) {
  const res = await v.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': v.token, ...headers },
    body: JSON.stringify({ email, password }),
  });
  const body = await res.json();
  if (res.ok) v.token = body.csrf_token;
  return { status: res.status, body, res };
}
const signUp = (v, email, password = PASSWORD, headers) => credentials(v, '/api/v1/accounts', email, password, headers);
const logIn = (v, email, password = PASSWORD, headers) => credentials(v, '/api/v1/login', email, password, headers);
async function logOut(v) {
  const r = await call(v, 'POST', '/api/v1/logout');
  if (r.status === 200) v.token = r.body.csrf_token;
  return r;
}
const me = async (v) => (await v.fetch('/api/v1/me')).status;

// A visitor with a fresh cookie jar and a new account, logged in.
async function newAccount(s = server, email = newEmail()) {
  const v = await apiVisitor(s.url);
  const r = await signUp(v, email);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return Object.assign(v, { email });
}

// A visitor whose cookie is exactly `value` (and no other).
function withCookie(base, value) {
  const v = new Visitor(base);
  v.cookies.set('certhub_session', value);
  return v;
}

// A CSM training with its first `answers` questions answered right through the API (each an
// answer step, a review and a card); returns the attempt.
async function training(v, answers = 1) {
  const started = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'training' });
  assert.equal(started.status, 201, started.text);
  for (let i = 0; i < answers; i++) {
    const q = started.body.questions[i];
    const r = await call(v, 'PUT', `/api/v1/attempts/${started.body.id}/answers/${i + 1}`,
                         { selected: shownKey(bank.get(q.id), q.options) });
    assert.equal(r.status, 200, r.text);
  }
  return started.body;
}

// Everything a learner can own: a training with answers (steps, reviews, cards, review days), a
// finished sample, an exam date and an update request.
async function practise(v) {
  const attempt = await training(v, 2);
  const sample = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'sample' });
  assert.equal(sample.status, 201);
  assert.equal((await call(v, 'POST', `/api/v1/attempts/${sample.body.id}/submit`)).status, 200);
  assert.equal((await call(v, 'PUT', '/api/v1/exam-date', { certification: 'csm', date: '2027-01-14' })).status, 200);
  const page = await (await v.fetch('/certifications/a-cspo')).text();
  const requested = await v.fetch('/certifications/a-cspo/requests', form({ csrf_token: csrfOf(page), email: '' }));
  assert.equal(requested.status, 303);
  const reported = await call(v, 'POST', `/api/v1/questions/${sample.body.questions[0].id}/reports`, { category: 'typo', text: 'teh' });
  assert.equal(reported.status, 201);
  return { attempt, sample: sample.body };
}

// ---------------------------------------------------------------------------------------------
// The session cookie

test('an anonymous visitor gets a signed id cookie with every attribute', async () => {
  const res = await fetch(`${server.url}/api/v1/session`);
  const cookie = res.headers.get('set-cookie');
  const [value, ...rest] = cookie.replace(/^certhub_session=/, '').split(';');
  assert.match(cookie, /^certhub_session=/);
  assert.match(value, anonymousCookie);
  assert.equal(`;${rest.join(';')}`, cookieAttributes, 'no Secure without a TLS proxy');
});

test('a client-chosen session id is not accepted', async () => {
  const owner = await apiVisitor(server.url);
  const attempt = await training(owner);
  const [id, mac] = sessionOf(owner).split('.');
  const flipped = (mac[0] === '0' ? '1' : '0') + mac.slice(1);
  const forged = {
    'the bare id of another visitor': id,
    'that id with a tampered MAC': `${id}.${flipped}`,
    'that id with the MAC of another id': `${id}.${sessionOf(await apiVisitor(server.url)).split('.')[1]}`,
    'a 64-hex id of its own choosing': 'ab'.repeat(32),
    'an upper-case copy of the real cookie': sessionOf(owner).toUpperCase(),
    'a made-up log-in token': `s.${'cd'.repeat(32)}`,
  };
  for (const [what, value] of Object.entries(forged)) {
    const v = withCookie(server.url, value);
    const res = await v.fetch(`/api/v1/attempts/${attempt.id}`);
    assert.equal(res.status, 404, `${what}: the owner's attempt is not visible`);
    // The next page that keeps a session gives this client a new one of its own.
    const session = await v.fetch('/api/v1/session');
    assert.ok(session.headers.get('set-cookie'), `${what}: a new cookie is issued`);
    assert.match(sessionOf(v), anonymousCookie, what);
    assert.notEqual(sessionOf(v), value, what);
    assert.notEqual(sessionOf(v).split('.')[0], id, `${what}: not the chosen id`);
    assert.equal(await me(v), 401, what);
  }
  // The real cookie still reaches the attempt, without a new cookie.
  const res = await owner.fetch(`/api/v1/attempts/${attempt.id}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('set-cookie'), null);
});

test('sign-up logs in and keeps the anonymous attempt', async () => {
  const v = await apiVisitor(server.url);
  const anonymous = sessionOf(v);
  const attempt = await training(v, 2);
  const email = newEmail();
  const r = await signUp(v, email);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.account, { email, admin: false });
  assert.match(r.body.csrf_token, /^[0-9a-f]{64}$/);
  const cookie = r.res.headers.get('set-cookie');
  assert.match(cookie, /^certhub_session=s\.[0-9a-f]{64}; /);
  assert.ok(cookie.endsWith(cookieAttributes), cookie);
  assert.match(sessionOf(v), loginCookie);
  assert.notEqual(sessionOf(v), anonymous);
  const who = await call(v, 'GET', '/api/v1/me');
  assert.equal(who.status, 200);
  assert.deepEqual(who.body, { account: { email, admin: false } });
  const kept = await call(v, 'GET', `/api/v1/attempts/${attempt.id}`);
  assert.equal(kept.status, 200, 'the attempt made before signing up is the account\'s');
  assert.equal(kept.body.answered, 2);
  // It is filed under the account's learner key now, with its steps, reviews and cards; nothing
  // is left under the anonymous id.
  const learner = await learnerOf(server, email);
  const rows = await rowsOf(server, learner);
  assert.equal(rows.attempts, 1);
  assert.ok(rows.steps >= 2, JSON.stringify(rows));
  assert.equal(rows.reviews, 2);
  assert.equal(rows.cards, 2);
  const left = await rowsOf(server, anonymous.split('.')[0]);
  assert.deepEqual(Object.values(left), [0, 0, 0, 0, 0, 0, 0, 0], JSON.stringify(left));
  // The new session works for changes: the token from the sign-up answer is accepted.
  assert.equal((await call(v, 'PUT', `/api/v1/attempts/${attempt.id}/flags/3`, { flagged: true })).status, 200);
});

test('old session id no longer works after log-in', async () => {
  const { email } = await newAccount();
  // The anonymous cookie a visitor had before logging in: its attempt went to the account.
  const v = await apiVisitor(server.url);
  const attempt = await training(v);
  const anonymous = sessionOf(v);
  assert.equal((await logIn(v, email)).status, 200);
  const first = sessionOf(v);
  assert.match(first, loginCookie);
  assert.notEqual(first, anonymous);
  const old = withCookie(server.url, anonymous);
  assert.equal(await me(old), 401);
  assert.equal((await old.fetch(`/api/v1/attempts/${attempt.id}`)).status, 404, 'the old anonymous cookie');
});

test('logging in again replaces the log-in cookie', async () => {
  const { email } = await newAccount();
  const v = await apiVisitor(server.url);
  const attempt = await training(v);
  assert.equal((await logIn(v, email)).status, 200);
  const first = sessionOf(v);
  assert.equal((await logIn(v, email)).status, 200);
  assert.notEqual(sessionOf(v), first);
  assert.equal(await me(v), 200);
  const stale = withCookie(server.url, first);
  assert.equal(await me(stale), 401, 'the replaced log-in cookie');
  await stale.fetch('/api/v1/session');
  assert.match(sessionOf(stale), anonymousCookie, 'it is answered as a new anonymous visitor');
  assert.equal((await stale.fetch(`/api/v1/attempts/${attempt.id}`)).status, 404);
});

test('log-out rotates the cookie', async () => {
  const v = await newAccount();
  const loggedIn = sessionOf(v);
  const before = Number((await sql(server, `SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email_key = '${v.email}'`))[0][0]);
  assert.equal(before, 1);
  const r = await logOut(v);
  assert.equal(r.status, 200);
  assert.equal(r.body.account, null);
  assert.match(r.body.csrf_token, /^[0-9a-f]{64}$/);
  assert.match(sessionOf(v), anonymousCookie);
  assert.equal(await me(v), 401);
  assert.equal(await me(withCookie(server.url, loggedIn)), 401, 'the logged-out cookie is dead');
  const after = Number((await sql(server, `SELECT count(*) FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email_key = '${v.email}'`))[0][0]);
  assert.equal(after, 0, 'the session row is gone');
  // The new anonymous session's token works.
  assert.equal((await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'sample' })).status, 201);
  // Log-out without the CSRF token changes nothing.
  const w = await newAccount();
  const refused = await w.fetch('/api/v1/logout', { method: 'POST', headers: { 'content-type': 'application/json' } });
  assert.equal(refused.status, 403);
  assert.equal(await me(w), 200);
});

test('sessions are stored hashed, never as the cookie\'s token', async () => {
  const v = await newAccount();
  const token = sessionOf(v).slice(2);
  const rows = await sql(server, `SELECT s.token_hash, s.created_at, s.last_seen_at FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email_key = '${v.email}'`);
  assert.equal(rows.length, 1);
  assert.ok(!rows[0][0].includes(token) && !sessionOf(v).includes(rows[0][0]), 'hash, not token');
  const started = Date.parse(testDate) / 1000;
  assert.ok(Number(rows[0][1]) >= started && Number(rows[0][1]) < started + 3600, rows[0][1]);
  // A cookie made of the stored hash opens nothing.
  assert.equal(await me(withCookie(server.url, `s.${rows[0][0].slice(0, 64)}`)), 401);
});

test('a log-in session idle for 30 days has expired, one used within 30 days has not', async () => {
  const dir = tempDir();
  const db = join(dir, 'idle.db');
  const day = 86400e3;
  const at = (days) => new Date(Date.parse(testDate) + days * day).toISOString();
  let s;
  try {
    s = await startServer({ db });
    const v = await newAccount(s);
    const cookie = sessionOf(v);
    await s.stop();
    // Used on day 29: still logged in (and seen again then).
    s = await startServer({ db, clock: at(29) });
    assert.equal(await me(withCookie(s.url, cookie)), 200, 'day 29');
    await s.stop();
    // 29 days after that use (58 since the log-in): still in.
    s = await startServer({ db, clock: at(58) });
    assert.equal(await me(withCookie(s.url, cookie)), 200, '29 days after the last use');
    await s.stop();
    // 31 days idle: expired, answered as a new anonymous visitor.
    s = await startServer({ db, clock: at(89) });
    const late = withCookie(s.url, cookie);
    assert.equal(await me(late), 401, '31 days idle');
    await late.fetch('/api/v1/session');
    assert.match(sessionOf(late), anonymousCookie, 'answered as a new anonymous visitor');
    // The password still works.
    const again = await apiVisitor(s.url);
    assert.equal((await logIn(again, v.email)).status, 200);
  } finally {
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Sign-up and log-in

test('common and short passwords are refused with the field named', async () => {
  const email = newEmail('refused');
  const cases = [
    ['short', email, 'nine char', 'password', /at least 10 characters/],
    ['common', email, 'password123', 'password', /lists attackers try first/],
    ['common, other case', email, 'PassWord123', 'password', /lists attackers try first/],
    ['digits', email, '1234567890', 'password', /lists attackers try first/],
    ['keyboard row', email, 'qwertyuiop', 'password', /lists attackers try first/],
    ['one character repeated', email, 'zzzzzzzzzzzz', 'password', /more than one character/],
    ['the email itself', email, email, 'password', /other than your email/],
    ['the email in capitals', email, email.toUpperCase(), 'password', /other than your email/],
    ['too long', email, 'ab'.repeat(512) + 'c', 'password', /at most 1024/],
    ['no @', 'learner.example.org', PASSWORD, 'email', /like name@example\.org/],
    ['no dot in the domain', 'learner@example', PASSWORD, 'email', /like name@example\.org/],
    ['nothing before @', '@example.org', PASSWORD, 'email', /like name@example\.org/],
    ['a space', 'lear ner@example.org', PASSWORD, 'email', /like name@example\.org/],
    ['empty', '', PASSWORD, 'email', /Enter your email/],
    ['255 characters', `${'a'.repeat(255 - '@example.org'.length)}@example.org`, PASSWORD, 'email', /at most 254 characters/],
  ];
  for (const [what, e, password, field, detail] of cases) {
    const v = await apiVisitor(server.url);
    const anonymous = sessionOf(v);
    const r = await signUp(v, e, password);
    assert.equal(r.status, 422, what);
    assert.equal(r.body.error, 'Unprocessable Content', what);
    assert.equal(r.body.field, field, what);
    assert.match(r.body.detail, detail, what);
    assert.equal(sessionOf(v), anonymous, `${what}: not logged in, no new cookie`);
    if (field === 'password') assert.ok(!r.body.detail.includes(password), `${what}: the password is not echoed`);
  }
  assert.equal((await sql(server, `SELECT count(*) FROM accounts WHERE email_key LIKE 'refused-%' OR email_key LIKE '%aaaa%' OR email_key NOT LIKE '%@%.%'`))[0][0], '0');
});

test('passwords and emails just inside the limits are accepted', async () => {
  const longest = `${'b'.repeat(254 - '@example.org'.length - 8)}${randomBytes(4).toString('hex')}@example.org`;
  assert.equal(longest.length, 254);
  const v = await apiVisitor(server.url);
  const r = await signUp(v, longest, 'ab'.repeat(512));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.account.email, longest);
  // A 1024-byte password of multi-byte characters is at the limit too; 1025 bytes is not.
  const w = await apiVisitor(server.url);
  const unicode = 'é'.repeat(512);  // 1024 bytes
  assert.equal((await signUp(w, newEmail(), unicode)).status, 201);
  const x = await apiVisitor(server.url);
  const over = await signUp(x, newEmail(), `${unicode}a`);
  assert.equal(over.status, 422);
  assert.equal(over.body.field, 'password');
  const tenth = await apiVisitor(server.url);
  assert.equal((await signUp(tenth, newEmail(), 'tuba 4 me!')).status, 201, '10 characters');
  // Log-in with the long password works.
  const again = await apiVisitor(server.url);
  assert.equal((await logIn(again, longest.toUpperCase(), 'ab'.repeat(512))).status, 200);
});

test('signing up with an email that has an account logs in only with its password', async () => {
  const owner = await newAccount();
  const v = await apiVisitor(server.url);
  const attempt = await training(v);
  const wrong = await signUp(v, owner.email.toUpperCase(), 'another fine password');
  assert.equal(wrong.status, 401);
  assert.deepEqual(wrong.body, WRONG_LOG_IN);
  assert.equal(await me(v), 401);
  const right = await signUp(v, owner.email.toUpperCase(), PASSWORD);
  assert.equal(right.status, 201, JSON.stringify(right.body));
  assert.equal(right.body.account.email, owner.email, 'the account as it was created');
  assert.equal((await sql(server, `SELECT count(*) FROM accounts WHERE email_key = '${owner.email}'`))[0][0], '1');
  // The visitor's attempt joined the existing account: the owner sees it.
  assert.equal((await owner.fetch(`/api/v1/attempts/${attempt.id}`)).status, 200);
});

test('wrong password and unknown email get the same answer', async () => {
  const { email } = await newAccount();
  const v = await apiVisitor(server.url);
  const wrong = await logIn(v, email, 'not the password at all');
  const unknown = await logIn(v, newEmail('nobody'), 'not the password at all');
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.deepEqual(wrong.body, WRONG_LOG_IN);
  assert.deepEqual(unknown.body, WRONG_LOG_IN);
  assert.equal(await wrong.res.headers.get('set-cookie'), null);
  assert.equal(await unknown.res.headers.get('set-cookie'), null);
  assert.equal(await me(v), 401);
  // Right password, any case of the email: logged in.
  const ok = await logIn(v, email.toUpperCase());
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body.account, { email, admin: false });
  assert.match(sessionOf(v), loginCookie);
});

test('log-in without the CSRF token or with a body that is not JSON is refused', async () => {
  const { email } = await newAccount();
  const v = await apiVisitor(server.url);
  const noToken = await v.fetch('/api/v1/login', { method: 'POST', headers: { 'content-type': 'application/json' },
                                                   body: JSON.stringify({ email, password: PASSWORD }) });
  assert.equal(noToken.status, 403);
  const plain = await v.fetch('/api/v1/login', { method: 'POST', headers: { 'content-type': 'text/plain', 'x-csrf-token': v.token },
                                                 body: JSON.stringify({ email, password: PASSWORD }) });
  assert.equal(plain.status, 415);
  const missing = await call(v, 'POST', '/api/v1/login', { email });
  assert.equal(missing.status, 422);
  assert.equal(missing.body.field, 'password');
  assert.equal(await me(v), 401);
});

test('sixth failed log-in waits with 429 and Retry-After, and a success after the wait clears the count', async () => {
  const s = await serve();  // its own server: the per-client count starts at zero
  const { email } = await newAccount(s);
  const v = await apiVisitor(s.url);
  for (let i = 1; i <= FREE_FAILURES_PER_EMAIL; i++) {
    const r = await logIn(v, email, `wrong password ${i}`);
    assert.equal(r.status, 401, `failure ${i} is answered`);
    assert.deepEqual(r.body, WRONG_LOG_IN);
  }
  const over = await logIn(v, email, 'wrong password 6');
  assert.equal(over.status, 429);
  const retry = Number(over.res.headers.get('retry-after'));
  assert.ok(retry >= 1 && retry <= FIRST_DELAY_S, `Retry-After ${retry}`);
  assert.equal(over.body.error, 'Too Many Requests');
  assert.match(over.body.detail, /Try again in \d+ seconds?\./);
  // The right password waits too, and so does the page form and another client.
  const right = await logIn(v, email);
  assert.equal(right.status, 429, 'the right password during the delay');
  assert.equal(await me(v), 401);
  const other = await apiVisitor(s.url);
  assert.equal((await logIn(other, email.toUpperCase())).status, 429, 'the email is throttled, whatever its case');
  const page = await (await v.fetch('/login')).text();
  const viaForm = await v.fetch('/login', form({ csrf_token: csrfOf(page), email, password: PASSWORD }));
  assert.equal(viaForm.status, 429);
  assert.ok(Number(viaForm.headers.get('retry-after')) >= 1);
  assert.match(await viaForm.text(), /<p class="notice error" role="alert"[^>]*>Too many failed log-ins\. Try again in \d+ seconds?\./);
  // The count is in the database.
  const [[count]] = await sql(s, `SELECT count FROM login_failures WHERE key = 'email:${email}'`);
  assert.equal(Number(count), FREE_FAILURES_PER_EMAIL);

  await sleep(retry * 1000 + 1200);
  const after = await logIn(v, email);
  assert.equal(after.status, 200, 'the right password after the delay');
  assert.equal(await me(v), 200);
  assert.deepEqual(await sql(s, `SELECT count FROM login_failures WHERE key = 'email:${email}'`), [], 'the count is cleared');
  // Cleared: five more failures are answered again.
  const w = await apiVisitor(s.url);
  for (let i = 1; i <= FREE_FAILURES_PER_EMAIL; i++) assert.equal((await logIn(w, email, `wrong again ${i}`)).status, 401, `failure ${i} after the success`);
  assert.equal((await logIn(w, email, 'wrong again 6')).status, 429);
});

// SQLite serves one server process, so there the second server is the first one restarted.
test('the log-in throttle is kept in the database: another app server (PostgreSQL) or a restart (SQLite) still waits', async () => {
  const dir = tempDir();
  const db = join(dir, 'shared.db');  // on PostgreSQL, the same path stands for the same database
  let one;
  let two;
  try {
    one = await serve({ db });
    const { email } = await newAccount(one);
    const v = await apiVisitor(one.url);
    for (let i = 1; i <= FREE_FAILURES_PER_EMAIL; i++) assert.equal((await logIn(v, email, `wrong ${i}`)).status, 401);
    if (backend === 'sqlite') {
      // A sixth failure after the first wait makes the next wait 10 s, time enough to restart
      // even a slow (sanitizer) build.
      const first = await logIn(v, email, 'wrong');
      assert.equal(first.status, 429);
      await sleep(Number(first.res.headers.get('retry-after')) * 1000 + 1200);
      assert.equal((await logIn(v, email, 'wrong 6')).status, 401);
      await one.stop();
    }
    two = await serve({ db });
    const w = await apiVisitor(two.url);
    const elsewhere = await logIn(w, email);
    assert.equal(elsewhere.status, 429, 'the other (or restarted) app server knows of the five failures');
    assert.ok(Number(elsewhere.res.headers.get('retry-after')) >= 1);
  } finally {
    await one?.stop();
    await two?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('each further failed log-in doubles the wait', async () => {
  const s = await serve();
  const { email } = await newAccount(s);
  const v = await apiVisitor(s.url);
  for (let i = 1; i <= FREE_FAILURES_PER_EMAIL; i++) assert.equal((await logIn(v, email, `wrong ${i}`)).status, 401);
  const first = Number((await logIn(v, email, 'wrong')).res.headers.get('retry-after'));
  assert.ok(first >= 1 && first <= FIRST_DELAY_S, `first wait ${first}`);
  await sleep(first * 1000 + 1200);
  // The sixth failure is answered (the wait is over) and doubles the next wait.
  assert.equal((await logIn(v, email, 'wrong 6')).status, 401);
  const second = await logIn(v, email);
  assert.equal(second.status, 429);
  const wait = Number(second.res.headers.get('retry-after'));
  assert.ok(wait > FIRST_DELAY_S && wait <= 2 * FIRST_DELAY_S, `second wait ${wait}`);
});

test('twenty failed log-ins from one client address make the next wait, for that address only', async () => {
  const s = await serve({ args: ['--trusted-proxy', '127.0.0.1'] });
  const { email } = await newAccount(s);
  const v = await apiVisitor(s.url);
  const from = (ip) => ({ 'x-forwarded-for': ip });
  // Different unknown emails, so no email reaches its own limit.
  for (let i = 1; i <= FREE_FAILURES_PER_CLIENT; i++) {
    const r = await logIn(v, newEmail('guess'), 'some password', from('203.0.113.5'));
    assert.equal(r.status, 401, `failure ${i}`);
  }
  const over = await logIn(v, email, PASSWORD, from('203.0.113.5'));
  assert.equal(over.status, 429, 'even the right password of a real account');
  const retry = Number(over.res.headers.get('retry-after'));
  assert.ok(retry >= 1 && retry <= FIRST_DELAY_S, `Retry-After ${retry}`);
  assert.equal((await logIn(v, email, PASSWORD, from('203.0.113.6'))).status, 200, 'another client behind the proxy');
});

test('sign-up and log-in token buckets answer 429 just over the limit', async () => {
  const s = await serve({ rateLimits: true });
  const v = await apiVisitor(s.url);
  for (let i = 1; i <= SIGN_UP_BURST; i++) {
    const r = await signUp(v, newEmail('bucket'));
    assert.equal(r.status, 201, `sign-up ${i}: ${JSON.stringify(r.body)}`);
  }
  const over = await signUp(v, newEmail('bucket'));
  assert.equal(over.status, 429);
  const retry = Number(over.res.headers.get('retry-after'));
  assert.ok(retry >= 1 && retry <= SIGN_UP_REFILL_S, `Retry-After ${retry}`);
  assert.match(over.body.detail, /Too many sign-ups from your address/);
  // The page form shares the bucket, and nothing was created.
  const fresh = new Visitor(s.url);
  const page = await (await fresh.fetch('/signup')).text();
  const viaForm = await fresh.fetch('/signup', form({ csrf_token: csrfOf(page), email: newEmail('bucket'), password: PASSWORD }));
  assert.equal(viaForm.status, 429);
  assert.ok(Number(viaForm.headers.get('retry-after')) >= 1);
  assert.equal((await sql(s, "SELECT count(*) FROM accounts WHERE email_key LIKE 'bucket-%'"))[0][0], String(SIGN_UP_BURST));

  const [[email]] = (await sql(s, "SELECT email FROM accounts WHERE email_key LIKE 'bucket-%' LIMIT 1"));
  const w = await apiVisitor(s.url);
  for (let i = 1; i <= LOG_IN_BURST; i++) assert.equal((await logIn(w, email)).status, 200, `log-in ${i}`);
  const tooMany = await logIn(w, email);
  assert.equal(tooMany.status, 429);
  const wait = Number(tooMany.res.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= LOG_IN_REFILL_S, `Retry-After ${wait}`);
  assert.match(tooMany.body.detail, /Too many log-ins from your address/);
});

// ---------------------------------------------------------------------------------------------
// Joining and keeping data apart

test('log-in in a fresh client shows what was practised anonymously elsewhere', async () => {
  const { email } = await newAccount();
  const learner = await learnerOf(server, email);
  const elsewhere = await apiVisitor(server.url);
  const anonymousId = sessionOf(elsewhere).split('.')[0];
  const { attempt, sample } = await practise(elsewhere);
  const before = await rowsOf(server, anonymousId);
  assert.ok(Object.values(before).every((n) => n > 0), `every kind of data was made: ${JSON.stringify(before)}`);
  assert.equal((await logIn(elsewhere, email)).status, 200);
  const fresh = await apiVisitor(server.url);
  assert.equal((await logIn(fresh, email)).status, 200);
  const got = await call(fresh, 'GET', `/api/v1/attempts/${attempt.id}`);
  assert.equal(got.status, 200);
  assert.equal(got.body.answered, 2);
  assert.equal((await call(fresh, 'GET', `/api/v1/attempts/${sample.id}`)).status, 200);
  const progress = await (await fresh.fetch('/progress/csm')).text();
  assert.ok(progress.includes(`href="/attempts/${attempt.id}"`), 'the training is listed to resume');
  assert.ok(progress.includes(`href="/attempts/${sample.id}/result"`), 'the finished sample is listed');
  const drill = await call(fresh, 'GET', '/api/v1/drill');
  assert.equal(drill.body.certifications.find((c) => c.certification === 'csm').exam_date, '2027-01-14');
  // Every row moved, in the same numbers.
  assert.deepEqual(await rowsOf(server, learner), before);
  assert.deepEqual(Object.values(await rowsOf(server, anonymousId)), [0, 0, 0, 0, 0, 0, 0, 0]);
});

test('logging in as another account while logged in leaves the first account\'s data with it', async () => {
  const a = await newAccount();
  const attempt = await training(a);
  const b = await newAccount();
  assert.equal((await logIn(a, b.email)).status, 200);
  assert.equal((await a.fetch(`/api/v1/attempts/${attempt.id}`)).status, 404, 'B does not get A\'s attempt');
  const again = await apiVisitor(server.url);
  assert.equal((await logIn(again, a.email)).status, 200);
  assert.equal((await again.fetch(`/api/v1/attempts/${attempt.id}`)).status, 200, 'A still has it');
});

test('another account\'s attempt is 404 on every route', async () => {
  const a = await newAccount();
  const running = await training(a, 1);
  const mock = await call(a, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' });
  assert.equal(mock.status, 201);
  const finished = await training(a, 1);
  assert.equal((await call(a, 'POST', `/api/v1/attempts/${finished.id}/submit`)).status, 200);
  const b = await newAccount();
  const page = await (await b.fetch('/practice/csm')).text();
  const csrf_token = csrfOf(page);
  assert.equal(csrf_token, csrfOf(await (await b.fetch('/practice/csm')).text()), 'B keeps one session');

  // Every route of src/features/practice that takes an attempt id (r.add(...{id}...)).
  const routes = (id) => [
    ['GET', `/api/v1/attempts/${id}`],
    ['PUT', `/api/v1/attempts/${id}/answers/2`, { selected: ['a'] }],
    ['PUT', `/api/v1/attempts/${id}/flags/2`, { flagged: true }],
    ['POST', `/api/v1/attempts/${id}/submit`, {}],
    ['POST', `/api/v1/attempts/${id}/missed`, {}],
    ['GET', `/attempts/${id}`],
    ['GET', `/attempts/${id}/q/1`],
    ['POST', `/attempts/${id}/q/2`, form({ csrf_token, selected: 'a', action: 'check', flagged: 'on' })],
    ['GET', `/attempts/${id}/confirm`],
    ['POST', `/attempts/${id}/submit`, form({ csrf_token, confirm_unanswered: 'yes' })],
    ['GET', `/attempts/${id}/result`],
    ['POST', `/attempts/${id}/missed`, form({ csrf_token })],
  ];
  for (const attempt of [running, mock.body, finished]) {
    for (const [method, path, body] of routes(attempt.id)) {
      let status;
      if (path.startsWith('/api/')) status = (await call(b, method, path, method === 'GET' ? undefined : body)).status;
      else status = (await b.fetch(path, method === 'GET' ? {} : body)).status;
      assert.equal(status, 404, `${method} ${path} (${attempt.mode})`);
    }
  }
  // Abandoning A's mock by naming it does not touch it.
  const own = await call(b, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock', abandon: mock.body.id });
  assert.equal(own.status, 201, 'B has no mock running: a new one of its own');
  assert.notEqual(own.body.id, mock.body.id);
  // A's attempts are as A left them.
  const r = await call(a, 'GET', `/api/v1/attempts/${running.id}`);
  assert.equal(r.body.finished, false);
  assert.equal(r.body.answered, 1);
  assert.equal(r.body.questions[1].flagged, false);
  assert.deepEqual(r.body.questions[1].selected, []);
  const m = await call(a, 'GET', `/api/v1/attempts/${mock.body.id}`);
  assert.equal(m.body.finished, false);
  assert.equal(m.body.abandoned, false);
  assert.equal(m.body.answered, 0);
  // B's progress and export show none of A's attempts.
  const progress = await call(b, 'GET', '/api/v1/progress');
  const ids = progress.body.certifications.flatMap((c) => c.attempts.map((x) => x.id));
  for (const attempt of [running, mock.body, finished]) assert.ok(!ids.includes(attempt.id));
  const exported = await (await b.fetch('/api/v1/me/export')).json();
  for (const attempt of [running, mock.body, finished]) assert.ok(!exported.attempts.some((x) => x.id === attempt.id));
});

// ---------------------------------------------------------------------------------------------
// The account's data: export and deletion

test('export contains every attempt and its steps', async () => {
  const v = await apiVisitor(server.url);
  const { attempt, sample } = await practise(v);
  const email = newEmail('export');
  assert.equal((await signUp(v, email)).status, 201);
  const flagged = await call(v, 'PUT', `/api/v1/attempts/${attempt.id}/flags/3`, { flagged: true });
  assert.equal(flagged.status, 200);

  const res = await v.fetch('/api/v1/me/export');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="[^"]+\.json"$/);
  const data = await res.json();
  assert.equal(data.account.email, email);
  assert.equal(data.account.admin, false);
  assert.equal(typeof data.account.created_at, 'number');
  assert.deepEqual(data.attempts.map((a) => a.id).sort(), [attempt.id, sample.id].sort());

  const training = data.attempts.find((a) => a.id === attempt.id);
  assert.equal(training.certification, 'csm');
  assert.equal(training.mode, 'training');
  assert.equal(training.finished_at, null);
  assert.equal(training.abandoned, false);
  for (const key of ['domain', 'content_version', 'started_at', 'deadline', 'questions']) assert.ok(key in training, key);
  // The steps, compared with the database and with what was done: two answers and a flag.
  const learner = await learnerOf(server, email);
  const [[stepCount]] = await sql(server, `SELECT count(*) FROM steps WHERE attempt_id = '${attempt.id}'`);
  assert.equal(training.steps.length, Number(stepCount));
  const numbers = training.steps.map((s) => s.question_number);
  assert.ok(numbers.includes(1) && numbers.includes(2) && numbers.includes(3), JSON.stringify(training.steps));
  for (const s of training.steps) {
    assert.deepEqual(Object.keys(s).sort(), ['at', 'kind', 'question_number', 'value']);
    assert.equal(typeof s.at, 'number');
  }
  // The steps say what was done: the answers given to questions 1 and 2, and the flag on 3.
  const api = (await call(v, 'GET', `/api/v1/attempts/${attempt.id}`)).body;
  assert.equal(training.questions.length, api.questions.length);
  const answerOf = (n) => training.steps.filter((s) => s.kind === 'answer' && s.question_number === n);
  for (const n of [1, 2]) {
    assert.equal(answerOf(n).length, 1, `one answer step for question ${n}`);
    assert.equal(answerOf(n)[0].value.replace(/[^a-z]/g, ''), api.questions[n - 1].selected.join(''), `question ${n}`);
  }
  assert.deepEqual(training.steps.filter((s) => s.kind === 'flag').map((s) => [s.question_number, s.value]), [[3, '1']]);
  assert.equal(training.score, undefined, 'no score before it is finished');

  const finished = data.attempts.find((a) => a.id === sample.id);
  assert.equal(typeof finished.finished_at, 'number');
  assert.ok(finished.score && typeof finished.score.correct === 'number', JSON.stringify(finished.score));
  assert.equal(finished.score.total, finished.questions.length);

  const rows = await rowsOf(server, learner);
  assert.equal(data.reviews.length, rows.reviews);
  assert.equal(data.cards.length, rows.cards);
  assert.ok(data.reviews.length >= 2 && data.cards.length >= 2);
  assert.deepEqual(data.exam_dates.map((d) => d.certification), ['csm']);
  assert.equal(data.update_requests.length, rows.update_requests);
  assert.equal(data.update_requests[0]?.certification, 'a-cspo');
  assert.equal(data.question_reports.length, rows.question_reports);
  assert.deepEqual(data.question_reports.map((r) => [r.category, r.text]), [['typo', 'teh']]);

  // Anonymous: 401; another account: its own (empty) data.
  assert.equal((await fetch(`${server.url}/api/v1/me/export`)).status, 401);
  const other = await newAccount();
  const theirs = await (await other.fetch('/api/v1/me/export')).json();
  assert.deepEqual([theirs.attempts, theirs.reviews, theirs.cards, theirs.exam_dates, theirs.update_requests, theirs.question_reports],
    [[], [], [], [], [], []]);
});

test('delete removes every row of the account', async () => {
  const v = await apiVisitor(server.url);
  const { attempt } = await practise(v);
  const anonymous = sessionOf(v);
  const email = newEmail('delete');
  assert.equal((await signUp(v, email)).status, 201);
  const second = await apiVisitor(server.url);
  assert.equal((await logIn(second, email)).status, 200);
  // Another account with data of its own, which must stay.
  const bystander = await apiVisitor(server.url);
  await practise(bystander);
  const bystanderEmail = newEmail('bystander');
  assert.equal((await signUp(bystander, bystanderEmail)).status, 201);
  const bystanderLearner = await learnerOf(server, bystanderEmail);
  const bystanderRows = await rowsOf(server, bystanderLearner);

  const learner = await learnerOf(server, email);
  const [[accountId]] = await sql(server, `SELECT id FROM accounts WHERE email_key = '${email}'`);
  const before = await rowsOf(server, learner);
  assert.ok(Object.values(before).every((n) => n > 0), JSON.stringify(before));

  const wrong = await call(v, 'DELETE', '/api/v1/me', { password: 'not my password' });
  assert.equal(wrong.status, 401);
  assert.deepEqual(await rowsOf(server, learner), before, 'a wrong password deletes nothing');
  assert.equal(await me(v), 200);
  const noToken = await v.fetch('/api/v1/me', { method: 'DELETE', headers: { 'content-type': 'application/json' },
                                                body: JSON.stringify({ password: PASSWORD }) });
  assert.equal(noToken.status, 403);

  const loggedIn = sessionOf(v);
  const r = await call(v, 'DELETE', '/api/v1/me', { password: PASSWORD });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.account, null);
  assert.match(sessionOf(v), anonymousCookie, 'a new anonymous cookie');
  assert.notEqual(sessionOf(v), loggedIn);

  assert.deepEqual(await rowsOf(server, learner), { attempts: 0, steps: 0, reviews: 0, cards: 0, review_days: 0, exam_dates: 0, update_requests: 0, question_reports: 0 });
  assert.deepEqual(await sql(server, `SELECT id FROM accounts WHERE id = ${accountId} OR email_key = '${email}' OR learner = '${learner}'`), []);
  assert.deepEqual(await sql(server, `SELECT token_hash FROM sessions WHERE account_id = ${accountId}`), []);
  assert.equal(await me(withCookie(server.url, loggedIn)), 401);
  assert.equal(await me(second), 401, 'the account\'s other session ended too');
  assert.equal((await logIn(await apiVisitor(server.url), email)).status, 401, 'the account is gone');
  assert.deepEqual(await rowsOf(server, bystanderLearner), bystanderRows, 'another account keeps everything');
  // The email can be used for a new, empty account.
  const reborn = await apiVisitor(server.url);
  assert.equal((await signUp(reborn, email, 'a brand new password')).status, 201);
  const data = await (await reborn.fetch('/api/v1/me/export')).json();
  assert.deepEqual(data.attempts, []);
  // Nothing of it is served any more, not even to the cookie it was made under before sign-up.
  assert.equal((await withCookie(server.url, anonymous).fetch(`/api/v1/attempts/${attempt.id}`)).status, 404,
               'the deleted attempt, to the anonymous cookie that started it');
});

// ---------------------------------------------------------------------------------------------
// Secure behind a TLS proxy

test('Secure cookie only behind a TLS proxy', async () => {
  const https = { 'x-forwarded-proto': 'https' };
  const cookieOf = async (s, headers = {}) => (await fetch(`${s.url}/api/v1/session`, { headers })).headers.get('set-cookie');
  const proxied = await serve({ args: ['--behind-tls-proxy', '--trusted-proxy', '127.0.0.1'] });
  assert.ok((await cookieOf(proxied, https)).endsWith(`${cookieAttributes}; Secure`), 'https from the trusted proxy');
  assert.ok((await cookieOf(proxied)).endsWith(cookieAttributes), 'no X-Forwarded-Proto');
  assert.ok((await cookieOf(proxied, { 'x-forwarded-proto': 'http' })).endsWith(cookieAttributes), 'X-Forwarded-Proto: http');
  // The log-in cookie as well.
  const v = await apiVisitor(proxied.url);
  const r = await signUp(v, newEmail(), PASSWORD, https);
  assert.equal(r.status, 201);
  assert.match(r.res.headers.get('set-cookie'), /^certhub_session=s\.[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=31536000; Secure$/);

  // A peer that is not a trusted proxy cannot claim TLS.
  const untrusted = await serve({ args: ['--behind-tls-proxy', '--trusted-proxy', '192.0.2.1'] });
  assert.ok(!(await cookieOf(untrusted, https)).includes('Secure'), 'header from a client');
  // Without --behind-tls-proxy the header means nothing.
  const plain = await serve({ args: ['--trusted-proxy', '127.0.0.1'] });
  assert.ok(!(await cookieOf(plain, https)).includes('Secure'), 'not behind a TLS proxy');
  assert.ok(!(await cookieOf(server, https)).includes('Secure'), 'default server');
});

// ---------------------------------------------------------------------------------------------
// The pages

// The form page's fields after GET, then its POST; returns the response.
async function postForm(v, page, action, fields) {
  const html = await (await v.fetch(page)).text();
  return v.fetch(action, form({ csrf_token: csrfOf(html), ...fields }));
}
const alertOf = (html) => /<p class="notice error" role="alert"[^>]*>([^<]*)<\/p>/.exec(html)?.[1];

test('the sign-up and log-in forms log in with a redirect to /progress', async () => {
  const v = new Visitor(server.url);
  const signupPage = await (await v.fetch('/signup')).text();
  assert.match(signupPage, /<form method="post" action="\/signup"/);
  assert.match(signupPage, /<input type="hidden" name="csrf_token" value="[0-9a-f]{64}">/);
  assert.match(signupPage, /<a href="\/account"[^>]*>Account<\/a>/, 'the nav has an Account link');
  const email = newEmail('page');
  const created = await v.fetch('/signup', form({ csrf_token: csrfOf(signupPage), email, password: PASSWORD }));
  assert.equal(created.status, 303);
  assert.equal(created.headers.get('location'), '/progress');
  assert.match(created.headers.get('set-cookie'), /^certhub_session=s\.[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax/);
  const account = await v.fetch('/account');
  assert.equal(account.status, 200);
  assert.ok((await account.text()).includes(email));
  assert.equal((await v.fetch('/signup')).headers.get('location'), '/account', 'signed in: /signup goes to /account');

  const w = new Visitor(server.url);
  const loggedIn = await postForm(w, '/login', '/login', { email: email.toUpperCase(), password: PASSWORD });
  assert.equal(loggedIn.status, 303);
  assert.equal(loggedIn.headers.get('location'), '/progress');
  assert.match(sessionOf(w), loginCookie);
  // A stale form token is refused.
  const x = new Visitor(server.url);
  await x.fetch('/login');
  const stale = await x.fetch('/login', form({ csrf_token: 'f'.repeat(64), email, password: PASSWORD }));
  assert.equal(stale.status, 403);
  assert.doesNotMatch(sessionOf(x), loginCookie);
});

test('a refused form shows the error, keeps the email and never echoes the password', async () => {
  const { email } = await newAccount();
  const secret = 'my very secret guess';
  const cases = [
    ['/signup', { email: 'no-at-sign.example.org', password: secret }, 422, /like name@example\.org/, 'email'],
    ['/signup', { email: newEmail(), password: 'short' }, 422, /at least 10 characters/, 'password'],
    ['/signup', { email: newEmail(), password: 'password123' }, 422, /lists attackers/, 'password'],
    ['/login', { email, password: secret }, 401, /do not match an account/, 'password'],
    ['/login', { email: '<b>x</b>@example.org', password: secret }, 401, /do not match an account/, 'password'],
  ];
  for (const [path, fields, status, message, invalid] of cases) {
    const v = new Visitor(server.url);
    const res = await postForm(v, path, path, fields);
    const html = await res.text();
    assert.equal(res.status, status, `${path} ${fields.email}`);
    assert.match(alertOf(html) ?? '', message);
    assert.ok(!html.includes(fields.password), 'the password is not in the page');
    assert.doesNotMatch(html, /name="password"[^>]*value=/, 'the password field is empty');
    const escaped = fields.email.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    assert.ok(html.includes(`value="${escaped}"`), `the email is kept: ${fields.email}`);
    assert.ok(!html.includes('<b>x</b>'), 'the email is escaped');
    const field = invalid === 'email' ? 'account-email' : 'account-password';
    assert.match(html, new RegExp(`id="${field}"[^>]*aria-invalid="true"`), `${invalid} is marked invalid`);
    assert.ok(!sessionOf(v) || !loginCookie.test(sessionOf(v)));
  }
});

test('the account page: anonymous visitors go to /login; it has every form and the export link', async () => {
  const anonymous = await new Visitor(server.url).fetch('/account');
  assert.equal(anonymous.status, 303);
  assert.equal(anonymous.headers.get('location'), '/login');
  const v = await newAccount();
  const res = await v.fetch('/account');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const html = await res.text();
  for (const action of ['/account/email', '/account/password', '/account/logout-everywhere', '/account/delete', '/logout'])
    assert.match(html, new RegExp(`<form method="post" action="${action}"`), action);
  assert.match(html, /<a [^>]*href="\/api\/v1\/me\/export"[^>]*>Download my data<\/a>/);
  assert.match(html, /name="current_password"/);
  assert.match(html, /name="confirm" type="checkbox" value="yes"/);
  // The page's token is the session's: the API accepts it.
  v.token = csrfOf(html);
  assert.equal((await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'sample' })).status, 201);
});

test('log-out by form redirects home with a new anonymous cookie', async () => {
  const v = await newAccount();
  const loggedIn = sessionOf(v);
  const res = await postForm(v, '/account', '/logout', {});
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/');
  assert.match(sessionOf(v), anonymousCookie);
  assert.equal(await me(v), 401);
  assert.equal(await me(withCookie(server.url, loggedIn)), 401);
});

test('a password change rotates the cookie and logs out every other session', async () => {
  const v = await newAccount();
  const other = await apiVisitor(server.url);
  assert.equal((await logIn(other, v.email)).status, 200);
  const before = sessionOf(v);
  const wrong = await postForm(v, '/account', '/account/password', { current_password: 'not it at all', password: 'a new long password' });
  assert.equal(wrong.status, 401);
  assert.match(alertOf(await wrong.text()), /not your current password/);
  const weak = await postForm(v, '/account', '/account/password', { current_password: PASSWORD, password: 'qwertyuiop' });
  assert.equal(weak.status, 422);
  assert.equal(await me(other), 200, 'refused changes end nothing');

  const res = await postForm(v, '/account', '/account/password', { current_password: PASSWORD, password: 'a new long password' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/account?done=password');
  assert.match(sessionOf(v), loginCookie);
  assert.notEqual(sessionOf(v), before);
  assert.equal(await me(v), 200, 'the new cookie works');
  assert.equal(await me(withCookie(server.url, before)), 401, 'the old cookie is dead');
  assert.equal(await me(other), 401, 'the other device is logged out');
  assert.equal((await logIn(await apiVisitor(server.url), v.email)).status, 401, 'the old password');
  assert.equal((await logIn(await apiVisitor(server.url), v.email, 'a new long password')).status, 200, 'the new password');
  assert.match(await (await v.fetch('/account?done=password')).text(), /Your password is changed/);
});

test('an email change needs the password and a free address', async () => {
  const v = await newAccount();
  const taken = await newAccount();
  const wrong = await postForm(v, '/account', '/account/email', { email: newEmail(), password: 'not the password' });
  assert.equal(wrong.status, 401);
  const clash = await postForm(v, '/account', '/account/email', { email: taken.email.toUpperCase(), password: PASSWORD });
  assert.equal(clash.status, 409);
  assert.match(alertOf(await clash.text()), /Another account uses that email/);
  const bad = await postForm(v, '/account', '/account/email', { email: 'nope', password: PASSWORD });
  assert.equal(bad.status, 422);
  const changed = newEmail('moved');
  const ok = await postForm(v, '/account', '/account/email', { email: changed, password: PASSWORD });
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), '/account?done=email');
  assert.equal((await call(v, 'GET', '/api/v1/me')).body.account.email, changed);
  assert.equal((await logIn(await apiVisitor(server.url), v.email)).status, 401, 'the old email');
  assert.equal((await logIn(await apiVisitor(server.url), changed)).status, 200, 'the new email');
});

test('log out everywhere ends every session of the account', async () => {
  const v = await newAccount();
  const other = await apiVisitor(server.url);
  assert.equal((await logIn(other, v.email)).status, 200);
  const res = await postForm(v, '/account', '/account/logout-everywhere', {});
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login?done=everywhere');
  assert.equal(await me(v), 401);
  assert.equal(await me(other), 401);
  assert.match(sessionOf(v), anonymousCookie);
});

test('deleting by form needs the tick and the password', async () => {
  const v = await newAccount();
  await training(v);
  const unticked = await postForm(v, '/account', '/account/delete', { password: PASSWORD });
  assert.equal(unticked.status, 422);
  assert.match(alertOf(await unticked.text()), /Tick the box/);
  const wrong = await postForm(v, '/account', '/account/delete', { password: 'not it at all', confirm: 'yes' });
  assert.equal(wrong.status, 401);
  assert.equal(await me(v), 200);
  const learner = await learnerOf(server, v.email);
  const res = await postForm(v, '/account', '/account/delete', { password: PASSWORD, confirm: 'yes' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login?done=deleted');
  assert.match(sessionOf(v), anonymousCookie);
  assert.equal(await learnerOf(server, v.email), undefined);
  assert.deepEqual(Object.values(await rowsOf(server, learner)), [0, 0, 0, 0, 0, 0, 0, 0]);
});

// ---------------------------------------------------------------------------------------------
// certhub user (the CLI)

const cli = (args, input) => spawnSync(bin, ['user', ...args], { encoding: 'utf8', input });
test('certhub user: exit codes 0 ok, 1 refused, 2 usage, 3 database', async () => {
  const help = cli(['--help']);
  assert.equal(help.status, 0);
  for (const sub of ['add', 'set-password', 'list', 'delete']) assert.match(help.stdout, new RegExp(`\\b${sub}\\b`), sub);
  const dir = tempDir();
  try {
    const db = backend === 'postgres' ? (await serve()).dbPath : join(dir, 'users.db');
    let r = cli(['add', 'Admin@Example.org', '--admin', '--db', db], `${PASSWORD}\n`);
    assert.equal(r.status, 0, r.stderr);
    r = cli(['add', 'learner@example.org', '--db', db], 'another fine password\n');
    assert.equal(r.status, 0, r.stderr);
    r = cli(['list', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Admin@Example\.org/);
    assert.match(r.stdout, /learner@example\.org/);

    r = cli(['add', 'admin@example.org', '--db', db], 'yet another password\n');
    assert.equal(r.status, 1, 'a taken email, in another case');
    assert.ok(r.stderr.trim().length > 0);
    r = cli(['add', 'third@example.org', '--db', db], 'password123\n');
    assert.equal(r.status, 1, 'a common password');
    assert.match(r.stderr, /lists attackers|common/i);
    r = cli(['add', 'third@example.org', '--db', db], 'short\n');
    assert.equal(r.status, 1, 'a short password');
    r = cli(['add', 'not-an-email', '--db', db], `${PASSWORD}\n`);
    assert.equal(r.status, 1, 'a bad email');
    r = cli(['set-password', 'nobody@example.org', '--db', db], `${PASSWORD}\n`);
    assert.equal(r.status, 1, 'an unknown email');
    r = cli(['delete', 'nobody@example.org', '--db', db]);
    assert.equal(r.status, 1, 'delete an unknown email');
    r = cli(['add', '--db', db]);
    assert.equal(r.status, 2, 'no email: usage');
    r = cli(['frobnicate', '--db', db]);
    assert.equal(r.status, 2, 'no such subcommand: usage');
    r = cli(['list', '--db', '/proc/certhub/nope.db']);
    assert.equal(r.status, 3, 'an unusable database');

    // The accounts work on a server of the same database.
    r = cli(['set-password', 'LEARNER@example.org', '--db', db], 'a changed password\n');
    assert.equal(r.status, 0, r.stderr);
    const s = await serve({ db });
    const v = await apiVisitor(s.url);
    const admin = await logIn(v, 'admin@example.org');
    assert.equal(admin.status, 200);
    assert.deepEqual(admin.body.account, { email: 'Admin@Example.org', admin: true });
    assert.equal((await logIn(await apiVisitor(s.url), 'learner@example.org', 'another fine password')).status, 401);
    assert.equal((await logIn(await apiVisitor(s.url), 'learner@example.org', 'a changed password')).status, 200);
    r = cli(['delete', 'learner@example.org', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((await logIn(await apiVisitor(s.url), 'learner@example.org', 'a changed password')).status, 401);
    r = cli(['list', '--db', db]);
    assert.doesNotMatch(r.stdout, /learner@example\.org/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
