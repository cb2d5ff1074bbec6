// Email notifications and the admin area (issue 17) over HTTP against the real binary, a real
// database (SQLite, or PostgreSQL with CERTHUB_TEST_DB) and a real SMTP server
// (tests/support/smtp_sink.py): the double opt-in, the one message per request when practice goes
// live, the signed links, retries while the relay is down, a sender killed mid-delivery, two
// senders on one database, forgetting unconfirmed addresses, the admin pages (404 for everyone
// else, CSV, reload) and the metrics. Each test is named after what it ensures.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHmac, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import {
  startServer, Visitor, csrfOf, form, backend, psql, testDate, tempDir, bin, copyContent, shippedContent,
} from '../support/certhub.mjs';
import { apiVisitor } from '../support/api.mjs';
import { startSmtpSink, waitFor, freePort } from '../support/smtp.mjs';

// Public URL in the links of emails: not the server's own address, so a test sees that the
// links use --public-url (and maps them back to the server to follow them).
const PUBLIC = 'http://public.certhub.test';
const FROM = 'certhub <news@certhub.test>';
const FROM_ADDRESS = 'news@certhub.test';
const PASSWORD = 'correct horse battery staple';
const DAY = 86400;

const servers = [];
const sinks = [];
const dirs = [];
after(async () => {
  for (const s of servers) await s.stop();
  for (const k of sinks) await k.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
async function serve(options = {}) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}
async function sink(options) {
  const k = await startSmtpSink(options);
  sinks.push(k);
  return k;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const newEmail = (tag = 'learner') => `${tag}-${randomBytes(4).toString('hex')}@example.org`;
const at = (base, seconds) => new Date(Date.parse(base) + seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');

// The serve options for mail: through the sink on `port` (none: messages stay queued).
function mailArgs(port, { retry = 1 } = {}) {
  const args = ['--mail-from', FROM, '--public-url', PUBLIC];
  if (port) args.push('--smtp-url', `smtp://127.0.0.1:${port}`, '--smtp-retry-seconds', String(retry));
  return args;
}
// A link from an email, on the server `s` (the public URL stands for it).
const onServer = (s, link) => { assert.ok(link.startsWith(`${PUBLIC}/`), link); return s.url + link.slice(PUBLIC.length); };

// A database shared by several servers of one test, on either backend: a file of the test's own
// on SQLite; on PostgreSQL the helper's name for one database.
function sharedDb() {
  if (backend === 'postgres') return `notifications-${randomBytes(6).toString('hex')}`;
  const dir = tempDir();
  dirs.push(dir);
  return join(dir, 'certhub.db');
}

// SQL on the server's database, rows as arrays of text (as tests/integration/accounts.test.mjs).
async function sql(s, query) {
  const db = typeof s === 'string' ? s : s.dbPath;
  const out = backend === 'postgres'
    ? await psql(db, query)
    : (await promisify(execFile)('sqlite3', ['-batch', '-cmd', '.timeout 5000', db, query])).stdout.trim();
  return out === '' ? [] : out.split('\n').map((line) => line.split('|'));
}
const one = async (s, query) => (await sql(s, query))[0]?.[0];
const requestOf = async (s, cert, email) => {
  const rows = await sql(s, `SELECT id, email, confirmed_at, unsubscribed_at FROM update_requests WHERE certification = '${cert}' AND email = '${email}'`);
  assert.equal(rows.length, 1, `one request of ${email} for ${cert}`);
  const [id, mail, confirmed, unsubscribed] = rows[0];
  return { id: Number(id), email: mail, confirmed: confirmed !== '', unsubscribed: unsubscribed !== '' };
};
const requestById = async (s, id) => {
  const [row] = await sql(s, `SELECT email, confirmed_at, unsubscribed_at FROM update_requests WHERE id = ${id}`);
  return { email: row[0], confirmed: row[1] !== '', unsubscribed: row[2] !== '' };
};
const outboxRows = async (s, where = 'TRUE') =>
  (await sql(s, `SELECT id, kind, request_id, recipient, attempts, sent_at, failed_at, last_error FROM outbox WHERE ${where} ORDER BY id`))
    .map(([id, kind, request, recipient, attempts, sent, failed, error]) =>
      ({ id: Number(id), kind, request: Number(request), recipient, attempts: Number(attempts), sent: sent !== '', failed: failed !== '', error }));
const queuedCount = async (s) => Number(await one(s, 'SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL'));
const isLive = async (s, cert) => ['1', 't', 'true'].includes(await one(s, `SELECT live FROM route_status WHERE certification = '${cert}'`));

// A visitor asks for news of `cert` on its status page, with `email` (and consent) or without.
async function requestUpdate(s, cert, email, v = new Visitor(s.url)) {
  const page = await v.fetch(`/certifications/${cert}`);
  assert.equal(page.status, 200);
  const fields = { csrf_token: csrfOf(await page.text()), email: email || '' };
  if (email) fields.consent = 'yes';
  const res = await v.fetch(`/certifications/${cert}/requests`, form(fields));
  assert.equal(res.status, 303, `request of ${email || 'no email'} for ${cert}: ${await res.text()}`);
  return v;
}

// The messages the sink kept for `to` (and of a kind: 'confirm' or 'live', by Message-ID).
const messagesTo = (k, to, kind) => k.messages().filter((m) => m.headers.to === to &&
  (!kind || (m.headers['message-id'] || '').startsWith(`<certhub-${kind}-`)));
const waitForMessage = (k, to, kind, ms = 20000) =>
  waitFor(() => messagesTo(k, to, kind)[0], ms, `a ${kind} message to ${to}`);
const linkIn = (m, what) => {
  const found = new RegExp(`(\\S+/requests/(\\d+)/${what}\\?t=([0-9a-f]{64}))`).exec(m.body);
  assert.ok(found, `a ${what} link in:\n${m.body}`);
  return { link: found[1], id: Number(found[2]), token: found[3] };
};
// Presses the button of a confirmation or unsubscribe page (the token in the form).
async function press(s, link) {
  const url = new URL(onServer(s, link));
  const t = url.searchParams.get('t');
  url.search = '';
  const res = await fetch(url, form({ t }));
  return { status: res.status, text: await res.text() };
}

// The link certhub puts in a request's emails, signed with the installation's key (the csrf_key
// setting, HMAC-SHA256 of "purpose:id:email_at", as src/web/session.cpp and
// src/features/notifications/notifications.cpp); test 2 checks that it is the same as the one in
// a real email. Used where no email carries the link yet.
async function signedLink(s, what, id) {
  const key = Buffer.from(await one(s, "SELECT value FROM settings WHERE name = 'csrf_key'"), 'hex');
  const emailAt = await one(s, `SELECT coalesce(email_at, 0) FROM update_requests WHERE id = ${Number(id)}`);
  const purpose = what === 'confirm' ? 'confirm-request' : 'unsubscribe-request';
  const token = createHmac('sha256', key).update(`${purpose}:${id}:${emailAt}`).digest('hex');
  return `${PUBLIC}/requests/${id}/${what}?t=${token}`;
}

// An admin account made with the CLI on the server's database, logged in; `page()` fetches an
// HTML page as the admin.
async function adminOf(s) {
  const email = newEmail('admin');
  const r = spawnSync(bin, ['user', 'add', email, '--admin', '--db', s.dbPath], { encoding: 'utf8', input: `${PASSWORD}\n` });
  assert.equal(r.status, 0, r.stderr);
  return logInAs(s, email);
}
async function logInAs(s, email) {
  const v = await apiVisitor(s.url);
  const res = await v.fetch('/api/v1/login', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': v.token },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(res.status, 200, await res.text());
  return v;
}
async function learnerOf(s) {
  const v = await apiVisitor(s.url);
  const email = newEmail();
  const res = await v.fetch('/api/v1/accounts', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': v.token },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(res.status, 201, await res.text());
  return v;
}

// A copy of the shipped content where CSM practice is not live yet (status-only; the families'
// links to CSM practice point at its status page, as lint asks), and how to make it live again.
function csmNotLive() {
  const dir = copyContent();
  dirs.push(dir);
  const cert = join(dir, 'certifications', 'csm.yaml');
  const live = readFileSync(cert, 'utf8');
  assert.match(live, /^practice: live$/m);
  writeFileSync(cert, live.replace(/^practice: live$/m, 'practice: status-only'));
  const families = join(dir, 'families.yaml');
  writeFileSync(families, readFileSync(families, 'utf8').replace(/link: \/practice\/csm$/gm, 'link: /certifications/csm'));
  const lint = spawnSync(bin, ['lint', dir], { encoding: 'utf8' });
  assert.equal(lint.status, 0, `lint accepts CSM status-only: ${lint.stdout}${lint.stderr}`);
  return {
    dir,
    setLive(on) { writeFileSync(cert, on ? live : live.replace(/^practice: live$/m, 'practice: status-only')); },
  };
}
// Reloads the server's content with SIGHUP and waits until the CSM status recorded is `live`.
async function hangUp(s, live) {
  s.proc.kill('SIGHUP');
  await waitFor(async () => (await isLive(s, 'csm')) === live, 15000, `csm recorded as ${live ? '' : 'not '}live`);
}

const unescapeHtml = (html) => html.replace(/&(lt|gt|quot|apos|#39|amp);/g,
  (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", amp: '&' })[e]);

// Metrics as a map of "name{labels}" to number.
async function metrics(s) {
  const text = await (await fetch(`${s.url}/metrics`)).text();
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) ([0-9.e+-]+)$/.exec(line.trim());
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The double opt-in

test('a request with an email sends one confirmation, and asking again sends no second one', async () => {
  const k = await sink();
  const s = await serve({ args: mailArgs(k.port) });
  const email = newEmail();
  // Typed in mixed case: the address on file and in To is the lower-case one.
  const v = await requestUpdate(s, 'a-csm', email.toUpperCase());
  const m = await waitForMessage(k, email, 'confirm');
  const request = await requestOf(s, 'a-csm', email);
  const [row] = await outboxRows(s, `request_id = ${request.id}`);
  assert.equal(row.kind, 'confirm');

  assert.equal(m.mailFrom, FROM_ADDRESS, 'envelope sender');
  assert.deepEqual(m.rcptTos, [email], 'envelope recipient');
  assert.equal(m.headers.from, FROM);
  assert.equal(m.headers.to, email);
  assert.equal(m.headers.subject, 'Confirm your address for news of A-CSM practice');
  assert.match(m.headers.date, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
  assert.match(m.headers.date, /^Mon, 23 Nov 2026 /, 'dated by the server clock');
  assert.equal(m.headers['message-id'], `<certhub-confirm-${row.id}@certhub.test>`);
  assert.equal(m.headers['auto-submitted'], 'auto-generated');
  assert.equal(m.headers['mime-version'], '1.0');
  assert.equal(m.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(m.headers['list-unsubscribe'], undefined, 'no unsubscribe header: nothing to unsubscribe from yet');
  for (const name of ['from', 'to', 'subject', 'date', 'message-id']) {
    assert.equal(m.names.filter((n) => n === name).length, 1, `one ${name} header`);
  }
  const { link, id } = linkIn(m, 'confirm');
  assert.equal(id, request.id);
  assert.match(link, new RegExp(`^${PUBLIC.replace(/\./g, '\\.')}/requests/${request.id}/confirm\\?t=[0-9a-f]{64}$`));
  assert.match(m.body, /A-CSM/);

  // Asking again: the same visitor, another visitor with the same address, the same visitor
  // with no email: nothing more is queued or sent.
  await requestUpdate(s, 'a-csm', email, v);
  await requestUpdate(s, 'a-csm', email);
  await requestUpdate(s, 'a-csm', ` ${email.toUpperCase()} `);
  await requestUpdate(s, 'a-csm', '', v);
  await sleep(3000);  // three polls of the sender
  assert.equal((await outboxRows(s, `recipient = '${email}'`)).length, 1, 'one message queued for the address');
  assert.equal(messagesTo(k, email).length, 1, 'one message sent to the address');
  assert.equal(Number(await one(s, `SELECT count(*) FROM update_requests WHERE email = '${email}'`)), 1);

  // The link's page shows a button and changes nothing; pressing it confirms.
  const shown = await fetch(onServer(s, link));
  const html = await shown.text();
  assert.equal(shown.status, 200);
  assert.match(html, /<button[^>]*>Confirm my address<\/button>/);
  assert.equal((await requestById(s, id)).confirmed, false, 'a GET confirms nothing');
  const pressed = await press(s, link);
  assert.equal(pressed.status, 200);
  assert.match(pressed.text, /Address confirmed/);
  assert.equal((await requestById(s, id)).confirmed, true);
  // The token in the query works for the POST too, and a second press is harmless.
  const again = await fetch(onServer(s, link), { method: 'POST' });
  assert.equal(again.status, 200);
  assert.match(await again.text(), /Address confirmed/);
  assert.match(await (await fetch(onServer(s, link))).text(), /already confirmed/);
});

test('an email added to an earlier request without one gets its confirmation; one already on file gets none', async () => {
  const k = await sink();
  const s = await serve({ args: mailArgs(k.port) });
  const [email, taken] = [newEmail('later'), newEmail('taken')];
  const v = await requestUpdate(s, 'a-cspo', '');
  await requestUpdate(s, 'a-cspo', email, v);
  const m = await waitForMessage(k, email, 'confirm');
  const [row] = await sql(s, `SELECT count(*), min(id) FROM update_requests WHERE session_id <> '' AND certification = 'a-cspo'`);
  assert.equal(row[0], '1', 'still one request of this visitor');
  assert.equal(linkIn(m, 'confirm').id, Number(row[1]), 'the confirmation is for that request');
  // Another visitor first without an email, then with an address someone else filed.
  await requestUpdate(s, 'a-cspo', taken);
  await waitForMessage(k, taken, 'confirm');
  const w = await requestUpdate(s, 'a-cspo', '');
  await requestUpdate(s, 'a-cspo', taken, w);
  await sleep(3000);
  assert.equal(messagesTo(k, taken).length, 1, 'one confirmation for the address');
  assert.equal(Number(await one(s, `SELECT count(*) FROM update_requests WHERE email = '${taken}'`)), 1);
  assert.equal(Number(await one(s, "SELECT count(*) FROM update_requests WHERE certification = 'a-cspo'")), 3, 'three visitors counted');
});

// The live scenario: on content where CSM is not live, A confirmed, B not confirmed, C confirmed
// then unsubscribed, D without email, E confirmed for another route; then CSM goes live.
async function liveScenario() {
  const content = csmNotLive();
  const k = await sink();
  const s = await serve({ content: content.dir, args: mailArgs(k.port) });
  assert.equal(await isLive(s, 'csm'), false, 'the first status is recorded at start');
  const who = { A: newEmail('a'), B: newEmail('b'), C: newEmail('c'), E: newEmail('e') };
  for (const x of ['A', 'B', 'C']) await requestUpdate(s, 'csm', who[x]);
  await requestUpdate(s, 'csm', '');
  await requestUpdate(s, 'a-csm', who.E);
  const ids = {};
  for (const x of ['A', 'C', 'E']) {
    const confirm = linkIn(await waitForMessage(k, who[x], 'confirm'), 'confirm');
    ids[x] = confirm.id;
    assert.match((await press(s, confirm.link)).text, /Address confirmed/);
  }
  ids.B = linkIn(await waitForMessage(k, who.B, 'confirm'), 'confirm').id;
  const unsubscribed = await press(s, await signedLink(s, 'unsubscribe', ids.C));
  assert.equal(unsubscribed.status, 200);
  assert.match(unsubscribed.text, /Unsubscribed/);
  assert.equal((await requestById(s, ids.C)).unsubscribed, true);
  assert.equal(await queuedCount(s), 0);
  assert.equal(k.messages().length, 4, 'four confirmations so far');

  content.setLive(true);
  await hangUp(s, true);
  const live = await waitForMessage(k, who.A, 'live');
  return { s, k, content, who, ids, live };
}

test('only confirmed requesters are told when practice goes live, once each', async () => {
  const { s, k, content, who, ids, live } = await liveScenario();
  const [row] = await outboxRows(s, "kind = 'live'");
  assert.deepEqual((await outboxRows(s, "kind = 'live'")).map((r) => r.request), [ids.A], 'one live message, for A');
  assert.equal(row.recipient, who.A);

  assert.equal(live.mailFrom, FROM_ADDRESS);
  assert.deepEqual(live.rcptTos, [who.A]);
  assert.equal(live.headers.from, FROM);
  assert.equal(live.headers.to, who.A);
  assert.equal(live.headers.subject, 'CSM practice is now available on certhub');
  assert.match(live.headers.date, /^Mon, 23 Nov 2026 \d{2}:\d{2}:\d{2} \+0000$/);
  assert.equal(live.headers['message-id'], `<certhub-live-${row.id}@certhub.test>`);
  const unsubscribe = await signedLink(s, 'unsubscribe', ids.A);
  assert.equal(live.headers['list-unsubscribe'], `<${unsubscribe}>`, 'the signed unsubscribe link of A');
  assert.equal(live.headers['list-unsubscribe-post'], 'List-Unsubscribe=One-Click');
  assert.equal(live.headers['auto-submitted'], 'auto-generated');
  assert.equal(live.headers['mime-version'], '1.0');
  assert.equal(live.headers['content-type'], 'text/plain; charset=utf-8');
  assert.ok(live.body.includes(`${PUBLIC}/practice/csm\r\n`), live.body);
  assert.ok(live.body.includes(unsubscribe), 'the body has the unsubscribe link too');

  // Reload again, go back to not live and live again: nobody hears twice.
  await sleep(2500);
  s.proc.kill('SIGHUP');
  await sleep(2500);
  content.setLive(false);
  await hangUp(s, false);
  content.setLive(true);
  await hangUp(s, true);
  await sleep(3000);
  assert.equal(messagesTo(k, who.A, 'live').length, 1, 'A is told once');
  for (const x of ['B', 'C', 'E']) assert.equal(messagesTo(k, who[x], 'live').length, 0, `${x} is not told`);
  assert.equal(k.messages().length, 5, 'four confirmations and one live message in all');
  assert.equal((await outboxRows(s, "kind = 'live'")).length, 1);
});

test('a forged or altered confirmation or unsubscribe token is refused (404) and changes nothing', async () => {
  const k = await sink();
  const s = await serve({ args: mailArgs(k.port) });
  const [a, b] = [newEmail('a'), newEmail('b')];
  await requestUpdate(s, 'a-csm', a);
  await requestUpdate(s, 'a-csm', b);
  const A = linkIn(await waitForMessage(k, a, 'confirm'), 'confirm');
  const B = linkIn(await waitForMessage(k, b, 'confirm'), 'confirm');
  const flip = (t, i) => t.slice(0, i) + (t[i] === '0' ? '1' : '0') + t.slice(i + 1);
  const unsubscribeA = new URL(await signedLink(s, 'unsubscribe', A.id)).searchParams.get('t');
  const forged = {
    'first character altered': [A.id, 'confirm', flip(A.token, 0)],
    'last character altered': [A.id, 'confirm', flip(A.token, 63)],
    'cut short': [A.id, 'confirm', A.token.slice(0, 63)],
    'one character more': [A.id, 'confirm', `${A.token}0`],
    'upper case': [A.id, 'confirm', A.token.toUpperCase()],
    'empty': [A.id, 'confirm', ''],
    'made up': [A.id, 'confirm', 'ab'.repeat(32)],
    "another request's token": [A.id, 'confirm', B.token],
    'a token for another id': [A.id + 1000, 'confirm', A.token],
    'an id that does not exist': [A.id + 1000, 'confirm', (new URL(await signedLink(s, 'confirm', A.id + 1000))).searchParams.get('t')],
    'the confirm token on the unsubscribe link': [A.id, 'unsubscribe', A.token],
    'the unsubscribe token on the confirm link': [A.id, 'confirm', unsubscribeA],
    'unsubscribe: altered': [A.id, 'unsubscribe', flip(unsubscribeA, 10)],
    'a CSRF-style token of the visitor': [A.id, 'confirm', csrfOf(await (await fetch(`${s.url}/certifications/a-csm`)).text())],
  };
  const notFound = await (await fetch(`${s.url}/requests/${A.id}/confirm`)).text();
  for (const [what, [id, kind, t]] of Object.entries(forged)) {
    const url = `${s.url}/requests/${id}/${kind}?t=${encodeURIComponent(t)}`;
    const shown = await fetch(url);
    assert.equal(shown.status, 404, `${what}: GET`);
    assert.equal(await shown.text(), notFound, `${what}: the same page as no token`);
    const posted = await fetch(url, { method: 'POST' });
    assert.equal(posted.status, 404, `${what}: POST with t in the query`);
    await posted.text();
    const asForm = await fetch(`${s.url}/requests/${id}/${kind}`, form({ t }));
    assert.equal(asForm.status, 404, `${what}: POST with t in the form`);
    await asForm.text();
    const oneClick = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    assert.equal(oneClick.status, 404, `${what}: one-click POST`);
    await oneClick.text();
  }
  for (const bad of ['abc', '-1', '0', '99999999999999999999999']) {
    const res = await fetch(`${s.url}/requests/${bad}/confirm?t=${A.token}`, { method: 'POST' });
    assert.equal(res.status, 404, `id ${bad}`);
  }
  const other = await fetch(`${s.url}/requests/${A.id}/frobnicate?t=${A.token}`, { method: 'POST' });
  assert.equal(other.status, 404, 'neither confirm nor unsubscribe');
  for (const id of [A.id, B.id]) assert.deepEqual(await requestById(s, id), { email: id === A.id ? a : b, confirmed: false, unsubscribed: false });
  // The real links still work.
  assert.equal((await press(s, A.link)).status, 200);
  assert.deepEqual(await requestById(s, B.id), { email: b, confirmed: false, unsubscribed: false });
});

test('one-click unsubscribe (RFC 8058 POST) works without logging in or a CSRF token', async () => {
  const { s, who, ids, live } = await liveScenario();
  const link = /^<(.+)>$/.exec(live.headers['list-unsubscribe'])[1];
  // What a mail client sends: a POST to the header's URL with exactly this body, no cookie.
  const res = await fetch(onServer(s, link), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: live.headers['list-unsubscribe-post'],
  });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Unsubscribed/);
  assert.equal(res.headers.get('set-cookie'), null, 'no session needed or made');
  assert.deepEqual(await requestById(s, ids.A), { email: who.A, confirmed: true, unsubscribed: true });
  // A repeat is harmless; the page says so.
  const again = await fetch(onServer(s, link), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  assert.equal(again.status, 200);
  await again.text();
  assert.match(await (await fetch(onServer(s, link))).text(), /already unsubscribed/);
  // The admin's demand table counts A no more as reachable.
  const admin = await adminOf(s);
  const html = await (await admin.fetch('/admin')).text();
  assert.match(html, /<a href="\/admin\/requests\?route=csm">CSM<\/a><\/th><td class="num" data-label="Requests">4<\/td><td class="num" data-label="With email">3<\/td><td class="num" data-label="Reachable">0<\/td>/);
});

test('unsubscribing stops every message to the address, for every route', async () => {
  const content = csmNotLive();
  const k = await sink();
  const s = await serve({ content: content.dir, args: mailArgs(k.port) });
  const email = newEmail('both');
  const v = await requestUpdate(s, 'csm', email);
  await requestUpdate(s, 'a-csm', email, v);
  await waitFor(() => messagesTo(k, email, 'confirm').length === 2, 20000, 'two confirmations');
  const ids = {};
  for (const m of messagesTo(k, email, 'confirm')) {
    const { link, id } = linkIn(m, 'confirm');
    ids[/news of (\S+) practice/.exec(m.headers.subject)[1]] = id;
    assert.equal((await press(s, link)).status, 200);
  }
  // The unsubscribe link of the A-CSM request says the address gets nothing more from certhub.
  const res = await fetch(onServer(s, await signedLink(s, 'unsubscribe', ids['A-CSM'])), {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click',
  });
  const text = await res.text();
  assert.equal(res.status, 200);
  assert.ok(text.includes(`${email} gets no more messages from certhub.`), 'the promise made on the page');
  content.setLive(true);
  await hangUp(s, true);
  await sleep(3000);
  assert.deepEqual(messagesTo(k, email, 'live').map((m) => m.headers.subject), [],
    'no live message to an address that unsubscribed (through another route\'s link)');
});

test('two app servers recording the same change queue one live message per requester',
  { skip: backend !== 'postgres' && 'PostgreSQL only: on SQLite one app server owns the database file (the PostgreSQL run covers this)' },
  async () => {
    const content = csmNotLive();
    const db = sharedDb();
    const k = await sink();
    const a = await serve({ db, content: content.dir, args: mailArgs(k.port) });
    const b = await serve({ db, content: content.dir, args: mailArgs(k.port) });
    const emails = [newEmail('x'), newEmail('y'), newEmail('z')];
    for (const email of emails) {
      await requestUpdate(a, 'csm', email);
      assert.equal((await press(b, linkIn(await waitForMessage(k, email, 'confirm'), 'confirm').link)).status, 200);
    }
    content.setLive(true);
    a.proc.kill('SIGHUP');
    b.proc.kill('SIGHUP');
    await waitFor(async () => isLive(a, 'csm'), 15000, 'csm live');
    await waitFor(() => emails.every((e) => messagesTo(k, e, 'live').length > 0), 20000, 'a live message to each');
    await sleep(3000);
    for (const email of emails) assert.equal(messagesTo(k, email, 'live').length, 1, email);
    assert.equal((await outboxRows(a, "kind = 'live'")).length, emails.length);
  });

// ---------------------------------------------------------------------------------------------
// Delivery

test('relay down: messages are retried later and delivered once it is up', async () => {
  const port = await freePort();
  const s = await serve({ args: mailArgs(port, { retry: 1 }) });
  const email = newEmail();
  await requestUpdate(s, 'a-csm', email);
  // Tries at about 0 s, 1 s, 3 s: wait for the third.
  const [tried] = await waitFor(async () => {
    const rows = await outboxRows(s);
    return rows.length === 1 && rows[0].attempts >= 3 ? rows : null;
  }, 20000, 'three tries');
  assert.equal(tried.sent, false);
  assert.equal(tried.failed, false, 'not given up after 3 tries');
  assert.notEqual(tried.error, '', 'the last error is kept');
  const admin = await adminOf(s);
  const page = await (await admin.fetch('/admin/outbox')).text();
  assert.match(page, new RegExp(email.replace(/\./g, '\\.')));
  assert.match(page, /queued/);
  assert.ok(unescapeHtml(page).includes(tried.error), `the outbox page shows the error ${tried.error}`);
  const before = await metrics(s);
  assert.ok(before.certhub_email_send_failures_total >= 3, JSON.stringify(before));

  const k = await sink({ port });
  const m = await waitForMessage(k, email, 'confirm', 30000);
  assert.equal(m.headers['message-id'], `<certhub-confirm-${tried.id}@certhub.test>`);
  const [sent] = await waitFor(async () => { const rows = await outboxRows(s); return rows[0].sent ? rows : null; }, 10000, 'sent in the outbox');
  assert.ok(sent.attempts >= 4, `attempts ${sent.attempts}`);
  assert.equal(messagesTo(k, email).length, 1);
  assert.match(await (await admin.fetch('/admin/outbox')).text(), /sent 2026-11-23/);
});

test('a message the relay keeps refusing is given up after 8 tries, the waits doubling', async () => {
  const db = sharedDb();
  const port = await freePort();
  const email = newEmail();
  let s = await serve({ db, args: mailArgs(port, { retry: 1 }) });
  await requestUpdate(s, 'a-csm', email);
  const rowOf = async (srv) => (await sql(srv, `SELECT attempts, next_attempt_at, created_at, failed_at, last_error FROM outbox WHERE recipient = '${email}'`))[0]
    .map((x, i) => (i < 3 ? Number(x) : x));
  // Tries 1-3 on the first server: due again 1 s after the first, 2 s after the second...
  await waitFor(async () => (await rowOf(s))[0] >= 3, 20000, 'three tries');
  let [attempts, next, created] = await rowOf(s);
  assert.equal(attempts, 3);
  assert.ok(next - created >= 1 + 2 + 4 && next - created <= 1 + 2 + 4 + 2, `after 3 tries due ${next - created} s after the first`);
  await s.stop();
  // Then one try per start, each start an hour later (the message is due): 8 s, 16 s, 32 s, 64 s.
  for (let tries = 4; tries <= 8; tries++) {
    const clock = at(testDate, 3600 * (tries - 3));
    s = await serve({ db, clock, args: mailArgs(port, { retry: 1 }) });
    await waitFor(async () => (await rowOf(s))[0] >= tries, 20000, `try ${tries}`);
    await sleep(300);
    const [n, due, , failed, error] = await rowOf(s);
    assert.equal(n, tries, `exactly one try at start ${tries}`);
    assert.notEqual(error, '');
    if (tries < 8) {
      const wait = due - Date.parse(clock) / 1000;
      assert.ok(wait >= 2 ** (tries - 1) && wait <= 2 ** (tries - 1) + 2, `after try ${tries} due in ${wait} s, not ${2 ** (tries - 1)}`);
      assert.equal(failed, '');
    } else {
      assert.notEqual(failed, '', 'failed after the 8th try');
    }
    if (tries < 8) await s.stop();
  }
  await sleep(2500);
  assert.equal((await rowOf(s))[0], 8, 'no ninth try');
  assert.equal((await metrics(s))['certhub_outbox_messages{state="failed"}'], 1);
  const admin = await adminOf(s);
  const page = await (await admin.fetch('/admin/outbox')).text();
  assert.match(page, /failed 2026-11-23/);
  assert.match(await (await admin.fetch('/admin')).text(), /0 queued, 0 sent, 1 failed\./);
});

test('without --public-url the links in emails lead to the server itself', async () => {
  const k = await sink();
  const s = await serve({ args: ['--mail-from', FROM, '--smtp-url', `smtp://127.0.0.1:${k.port}`, '--smtp-retry-seconds', '1'] });
  const email = newEmail();
  await requestUpdate(s, 'a-csm', email);
  const { link } = linkIn(await waitForMessage(k, email, 'confirm'), 'confirm');
  assert.ok(link.startsWith(`${s.url}/requests/`), `the link ${link} leads to ${s.url}`);
});

test('a sender killed mid-delivery and restarted delivers every message, a repeat with the same Message-ID', async (t) => {
  const db = sharedDb();
  const N = 100;
  const queueing = await serve({ db, args: mailArgs(0) });
  const emails = [];
  for (let i = 0; i < N; i++) {
    emails.push(newEmail(`m${i}`));
    await requestUpdate(queueing, 'a-csm', emails[i]);
  }
  assert.equal(await queuedCount(queueing), N);
  await queueing.stop();

  // An hour later (the messages are due), through a relay that pauses 400 ms between keeping a
  // message and its "250 OK"; SIGKILL as soon as the tenth is kept, so the sender dies in the
  // window the design names (delivered, not yet marked sent).
  const slow = await sink({ delayMs: 400 });
  const first = await serve({ db, clock: at(testDate, 3600), args: mailArgs(slow.port) });
  await waitFor(() => slow.messages().length >= 10, 60000, 'ten messages', 5);
  first.proc.kill('SIGKILL');
  const killed = await first.exited;
  assert.equal(killed.signal, 'SIGKILL');
  const beforeKill = slow.messages();
  const stillQueued = await queuedCount(first);
  t.diagnostic(`delivered before the kill: ${beforeKill.length}; not marked sent: ${stillQueued}`);
  await slow.stop();

  // Ten minutes after that: the dead server's claims have expired. The relay is fast now.
  const fast = await sink({ port: slow.port });
  const second = await serve({ db, clock: at(testDate, 3600 + 600), args: mailArgs(fast.port) });
  await waitFor(async () => (await queuedCount(second)) === 0, 60000, 'no message queued');
  await sleep(500);
  const messages = [...beforeKill, ...fast.messages()];
  const byId = new Map();
  for (const m of messages) {
    const id = m.headers['message-id'];
    assert.match(id, /^<certhub-confirm-\d+@certhub\.test>$/);
    if (!byId.has(id)) byId.set(id, []);
    byId.get(id).push(m);
  }
  assert.equal(byId.size, N, 'every message delivered, each under one Message-ID');
  for (const [id, copies] of byId) {
    assert.equal(new Set(copies.map((m) => m.headers.to)).size, 1, `${id}: one recipient`);
    assert.equal(new Set(copies.map((m) => m.body)).size, 1, `${id}: the same text`);
  }
  const recipients = new Set(messages.map((m) => m.headers.to));
  assert.deepEqual([...recipients].sort(), [...emails].sort(), 'every address got its message');
  const sentRows = await outboxRows(second);
  assert.equal(sentRows.filter((r) => r.sent).length, N);
  const repeats = messages.length - byId.size;
  t.diagnostic(`messages received ${messages.length}, distinct Message-IDs ${byId.size}, repeats ${repeats}`);
  console.log(`# kill test (${backend}): ${beforeKill.length} delivered before SIGKILL, ${repeats} repeated after restart`);
  assert.ok(repeats >= 1, 'the message kept but not acknowledged when the sender died is sent again');
  assert.ok(repeats <= 20, `at most one claimed batch (20) is sent again, got ${repeats}`);
});

test('two app servers on one database each running a sender deliver every message exactly once',
  { skip: backend !== 'postgres' && 'PostgreSQL only: on SQLite one app server owns the database file, so there are never two senders (the PostgreSQL run covers this)' },
  async () => {
    const db = sharedDb();
    const N = 100;
    const queueing = await serve({ db, args: mailArgs(0) });
    const emails = [];
    for (let i = 0; i < N; i++) {
      emails.push(newEmail(`p${i}`));
      await requestUpdate(queueing, 'a-csm', emails[i]);
    }
    await queueing.stop();
    const k = await sink();
    const clock = at(testDate, 3600);
    const [one1, two] = await Promise.all([serve({ db, clock, args: mailArgs(k.port) }), serve({ db, clock, args: mailArgs(k.port) })]);
    await waitFor(async () => (await queuedCount(one1)) === 0, 60000, 'no message queued');
    await sleep(1500);
    const ids = k.messages().map((m) => m.headers['message-id']);
    assert.equal(ids.length, N, 'N messages received');
    assert.equal(new Set(ids).size, N, 'no Message-ID twice');
    assert.deepEqual(k.messages().map((m) => m.headers.to).sort(), [...emails].sort());
    const sent = (await metrics(one1)).certhub_emails_sent_total + (await metrics(two)).certhub_emails_sent_total;
    assert.equal(sent, N);
  });

// ---------------------------------------------------------------------------------------------
// Forgetting

test('addresses never confirmed are forgotten after 30 days; confirmed ones are kept', async () => {
  const db = sharedDb();
  const k = await sink();
  const first = await serve({ db, args: mailArgs(k.port) });
  const [kept, forgotten] = [newEmail('kept'), newEmail('forgotten')];
  await requestUpdate(first, 'a-csm', kept);
  await requestUpdate(first, 'a-csm', forgotten);
  await requestUpdate(first, 'a-csm', '');
  const confirmKept = linkIn(await waitForMessage(k, kept, 'confirm'), 'confirm');
  const confirmForgotten = linkIn(await waitForMessage(k, forgotten, 'confirm'), 'confirm');
  assert.equal((await press(first, confirmKept.link)).status, 200);
  await first.stop();

  // 29 days later: both still there.
  const early = await serve({ db, clock: at(testDate, 29 * DAY), args: mailArgs(k.port) });
  await sleep(2500);  // the worker's housekeeping runs at start
  assert.equal((await requestById(early, confirmForgotten.id)).email, forgotten);
  await early.stop();

  // 31 days later: the unconfirmed address is gone, the request still counted.
  const later = await serve({ db, clock: at(testDate, 31 * DAY), args: mailArgs(k.port) });
  await waitFor(async () => (await requestById(later, confirmForgotten.id)).email === '', 15000, 'the unconfirmed address forgotten');
  assert.deepEqual(await requestById(later, confirmKept.id), { email: kept, confirmed: true, unsubscribed: false });
  assert.equal(Number(await one(later, "SELECT count(*) FROM update_requests WHERE certification = 'a-csm'")), 3);
  // Its link leads nowhere now, whatever the token.
  const url = new URL(onServer(later, confirmForgotten.link));
  assert.equal((await fetch(url)).status, 404);
  assert.equal((await fetch(url, { method: 'POST' })).status, 404);
  const admin = await adminOf(later);
  const csv = await (await admin.fetch('/admin/requests.csv?route=a-csm')).text();
  assert.ok(!csv.includes(forgotten), 'not in the CSV');
  assert.ok(csv.includes(`${confirmForgotten.id},a-csm,,2026-11-23T`), csv);
  assert.match(csv, new RegExp(`^${confirmForgotten.id},a-csm,,[0-9TZ:-]+,no email\\r$`, 'm'));
  assert.match(csv, new RegExp(`^${confirmKept.id},a-csm,${kept.replace(/\./g, '\\.')},[0-9TZ:-]+,confirmed\\r$`, 'm'));
});

test('an address forgotten after 30 days and given again gets a new confirmation', async () => {
  const db = sharedDb();
  const k = await sink();
  const first = await serve({ db, args: mailArgs(k.port) });
  const [same, other] = [newEmail('again'), newEmail('other')];
  const v = await requestUpdate(first, 'a-csm', same);
  await requestUpdate(first, 'a-csm', other);
  const old = linkIn(await waitForMessage(k, same, 'confirm'), 'confirm');
  await waitForMessage(k, other, 'confirm');
  await first.stop();

  const later = await serve({ db, clock: at(testDate, 31 * DAY), args: mailArgs(k.port) });
  await waitFor(async () => (await requestById(later, old.id)).email === '', 15000, 'the address forgotten');
  assert.equal((await fetch(onServer(later, old.link), { method: 'POST' })).status, 404, 'the old link is dead');
  // The same visitors ask again with their addresses (their cookies still valid): the first from
  // a fresh browser, the second from the one it used then.
  await requestUpdate(later, 'a-csm', other);
  v.base = later.url;
  await requestUpdate(later, 'a-csm', same, v);
  await waitFor(() => messagesTo(k, other, 'confirm').length === 2, 15000, 'a new confirmation from a fresh browser');
  await sleep(3000);
  assert.equal(messagesTo(k, same, 'confirm').length, 2,
    'the visitor who asks again with the forgotten address gets a new confirmation (only the first was sent)');
  const fresh = messagesTo(k, same, 'confirm')[1];
  assert.equal((await press(later, linkIn(fresh, 'confirm').link)).status, 200);
});

test('an email added to an old request without one is kept 30 days from when it was given', async () => {
  const db = sharedDb();
  const k = await sink();
  const first = await serve({ db, args: mailArgs(k.port) });
  const v = await requestUpdate(first, 'a-csm', '');  // counted, no email
  await first.stop();
  // 31 days later the same visitor leaves an address; a confirmation goes out.
  const later = await serve({ db, clock: at(testDate, 31 * DAY), args: mailArgs(k.port) });
  const email = newEmail('late');
  v.base = later.url;
  await requestUpdate(later, 'a-csm', email, v);
  const { link, id } = linkIn(await waitForMessage(k, email, 'confirm'), 'confirm');
  await later.stop();
  // Ten minutes after that (a restart runs the housekeeping at once, as any server does hourly):
  // the address given ten minutes ago is still on file and its link still works.
  const soon = await serve({ db, clock: at(testDate, 31 * DAY + 600), args: mailArgs(k.port) });
  await sleep(2500);
  assert.equal((await requestById(soon, id)).email, email, 'not forgotten ten minutes after it was given');
  assert.equal((await press(soon, link)).status, 200, 'the link in the email just sent works');
});

// ---------------------------------------------------------------------------------------------
// The admin area

const ADMIN_ROUTES = [['GET', '/admin'], ['GET', '/admin/requests'], ['GET', '/admin/requests.csv'], ['POST', '/admin/reload'], ['GET', '/admin/outbox']];

test('non-admins and anonymous visitors get the same 404 as a missing page on every admin URL and method', async () => {
  const s = await serve();
  await requestUpdate(s, 'a-csm', newEmail());
  const admin = await adminOf(s);
  for (const [method, path] of ADMIN_ROUTES) {
    const res = await admin.fetch(path, method === 'POST' ? form({ csrf_token: 'x' }) : {});
    assert.ok([200, 403].includes(res.status), `the admin reaches ${method} ${path}: ${res.status}`);
    await res.text();
  }
  const visitors = {
    anonymous: new Visitor(s.url),
    'a fresh anonymous cookie': await apiVisitor(s.url),
    'a logged-in learner': await learnerOf(s),
    'a forged login cookie': Object.assign(new Visitor(s.url), { cookies: new Map([['certhub_session', `s.${'ab'.repeat(32)}`]]) }),
  };
  const paths = [...new Set(ADMIN_ROUTES.map(([, p]) => p)),
    '/admin/', '/admin/requests?route=csm&page=2', '/admin/requests.csv?email=with', '/admin?reloaded=1', '/admin/nothing-here'];
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
  for (const [who, v] of Object.entries(visitors)) {
    for (const accept of [undefined, 'application/json']) {
      const headers = accept ? { accept } : {};
      const missing = await v.fetch('/no-such-page-here', { headers });
      assert.equal(missing.status, 404);
      const expected = await missing.text();
      for (const path of paths) {
        for (const method of methods) {
          const init = { method, headers: { ...headers } };
          if (method !== 'GET') {
            init.headers['content-type'] = 'application/x-www-form-urlencoded';
            init.body = `csrf_token=${v.token || ''}`;
          }
          const res = await v.fetch(path, init);
          const body = await res.text();
          assert.equal(res.status, 404, `${who}: ${method} ${path} (${accept || 'html'})`);
          assert.equal(body, expected, `${who}: ${method} ${path} (${accept || 'html'}) has the body of a missing page`);
          assert.equal(res.headers.get('allow'), null, `${who}: ${method} ${path} names no methods`);
          assert.equal(res.headers.get('content-type'), missing.headers.get('content-type'));
        }
        const head = await v.fetch(path, { method: 'HEAD', headers });
        assert.equal(head.status, 404, `${who}: HEAD ${path}`);
      }
    }
  }
  // A reload by a non-admin does nothing (no reload recorded on the admin's page).
  const html = await (await admin.fetch('/admin')).text();
  assert.match(html, /Last reload: none since the server started/);
});

test('CSV export quotes commas and quotes, defuses formula cells, and filters by route, date and email', async () => {
  const db = sharedDb();
  const first = await serve({ db, args: mailArgs(0) });
  const tag = randomBytes(3).toString('hex');
  const formula = {
    '=': `=cmd|'/c+calc'!a1-${tag}@example.org`,
    '+': `+${tag}@example.org`,
    '-': `-${tag}@example.org`,
  };
  for (const email of Object.values(formula)) await requestUpdate(first, 'a-csm', email);
  await requestUpdate(first, 'a-csm', '');
  await requestUpdate(first, 'a-cspo', `plain-${tag}@example.org`);
  // '@' cannot start an address; commas and quotes are refused by the form, so a row with them
  // stands for data on file from elsewhere (an older version, an import).
  const refused = await new Visitor(first.url);
  const page = await (await refused.fetch('/certifications/a-csm')).text();
  for (const bad of [`@${tag}@example.org`, `a,b-${tag}@example.org`, `a"b-${tag}@example.org`]) {
    const res = await refused.fetch('/certifications/a-csm/requests', form({ csrf_token: csrfOf(page), email: bad, consent: 'yes' }));
    assert.equal(res.status, 400, `${bad} is refused by the form`);
    await res.text();
  }
  const oddEmail = `"odd, ""quoted""" ${tag}@example.org`;
  await sql(first, `INSERT INTO update_requests (certification, email, created_at, session_id) VALUES ('a-cspo', '${oddEmail.replace(/'/g, "''")}', ${Date.parse(testDate) / 1000}, '')`);
  await sql(first, `INSERT INTO update_requests (certification, email, created_at, session_id) VALUES ('a-cspo', '@at-${tag}@example.org', ${Date.parse(testDate) / 1000}, '')`);
  await first.stop();
  // Ten days later, more requests.
  const later = await serve({ db, clock: at(testDate, 10 * DAY), args: mailArgs(0) });
  const lateEmail = `late-${tag}@example.org`;
  await requestUpdate(later, 'a-csm', lateEmail);
  await requestUpdate(later, 'a-csm', '');
  const admin = await adminOf(later);

  const res = await admin.fetch('/admin/requests.csv');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
  assert.match(res.headers.get('content-disposition'), /^attachment; filename="[^"]+\.csv"$/);
  const all = await res.text();
  assert.ok(all.startsWith('id,route,email,created_utc,state\r\n'), all.slice(0, 80));
  assert.ok(all.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(all), 'every line ends with CRLF');
  const rows = all.slice(0, -2).split('\r\n').slice(1);
  assert.equal(rows.length, 9);
  const rowOf = (email) => rows.find((r) => r.split(',')[2] === `'${email}`) || '(none)';  // by its defused cell
  // A cell starting with = + - @ gets a leading apostrophe (an apostrophe is no CSV quote).
  assert.match(rowOf(formula['=']), new RegExp(`^\\d+,a-csm,'=cmd\\|'/c\\+calc'!a1-${tag}@example\\.org,2026-11-23T09:\\d{2}:\\d{2}Z,not confirmed$`));
  assert.match(rowOf(formula['+']), new RegExp(`^\\d+,a-csm,'\\+${tag}@example\\.org,`));
  assert.match(rowOf(formula['-']), new RegExp(`^\\d+,a-csm,'-${tag}@example\\.org,`));
  assert.match(rowOf(`@at-${tag}@example.org`), new RegExp(`^\\d+,a-cspo,'@at-${tag}@example\\.org,2026-11-23T09:00:00Z,not confirmed$`));
  const quoted = rows.find((r) => r.includes('odd'));
  assert.match(quoted, new RegExp(`^\\d+,a-cspo,"""odd, """"quoted"""""" ${tag}@example\\.org",2026-11-23T09:00:00Z,not confirmed$`));
  assert.match(rows.find((r) => r.includes(lateEmail)), /,2026-12-03T09:\d{2}:\d{2}Z,not confirmed$/);
  assert.equal(rows.filter((r) => /,,[0-9TZ:-]+,no email$/.test(r)).length, 2);

  const csv = async (query) => {
    const r = await admin.fetch(`/admin/requests.csv?${query}`);
    assert.equal(r.status, 200, query);
    return (await r.text()).slice(0, -2).split('\r\n').slice(1);
  };
  assert.equal((await csv('route=a-cspo')).length, 3);
  assert.ok((await csv('route=a-cspo')).every((r) => r.split(',')[1] === 'a-cspo'));
  assert.equal((await csv('route=a-csm')).length, 6);
  assert.equal((await csv('from=2026-11-23&to=2026-11-23')).length, 7, 'the first day only');
  assert.equal((await csv('from=2026-11-24')).length, 2, 'from a later day');
  assert.equal((await csv('to=2026-12-02')).length, 7, 'up to the day before');
  assert.equal((await csv('from=2026-12-03&to=2026-12-03')).length, 2, 'the whole last day');
  assert.equal((await csv('email=with')).length, 7);
  assert.equal((await csv('email=without')).length, 2);
  assert.equal((await csv('email=any')).length, 9);
  assert.deepEqual(await csv('route=a-csm&from=2026-12-03&email=with'), [rows.find((r) => r.includes(lateEmail))]);
  for (const bad of ['route=nope', 'from=2026-13-01', 'to=yesterday', 'email=maybe']) {
    const r = await admin.fetch(`/admin/requests.csv?${bad}`);
    assert.equal(r.status, 422, bad);
    await r.text();
  }
  // The HTML list applies the same filters.
  const list = await (await admin.fetch('/admin/requests?route=a-csm&from=2026-12-03&email=with')).text();
  assert.ok(list.includes(lateEmail));
  assert.ok(!list.includes(formula['+']));
  assert.match(list, /href="\/admin\/requests\.csv\?route=a-csm&amp;from=2026-12-03&amp;email=with"/);
});

test('an admin reload refuses broken content with its diagnostics and loads good content', async () => {
  const content = csmNotLive();
  const s = await serve({ content: content.dir });
  const admin = await adminOf(s);
  const reload = async (token) => {
    const page = await (await admin.fetch('/admin')).text();
    const res = await admin.fetch('/admin/reload', form({ csrf_token: token ?? csrfOf(page) }));
    await res.text();
    return res;
  };
  // Without the form's token: refused, nothing reloaded.
  const forged = await reload('ab'.repeat(32));
  assert.equal(forged.status, 403);
  assert.match(await (await admin.fetch('/admin')).text(), /Last reload: none since the server started/);

  // Good content: loaded (and CSM's status recorded as live).
  content.setLive(true);
  let res = await reload();
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin?reloaded=1#content');
  let html = await (await admin.fetch('/admin?reloaded=1')).text();
  assert.match(html, /Content reloaded: version /);
  assert.match(html, /Last reload: \d{4}-\d{2}-\d{2} \d{2}:\d{2}[^,]*, loaded\./);
  assert.equal(await isLive(s, 'csm'), true);
  assert.equal((await fetch(`${s.url}/practice/csm`)).status, 200);

  // Broken content (CSM not live, but families still link to its practice): refused, with what
  // lint says, and the running version stays.
  const families = join(content.dir, 'families.yaml');
  const goodFamilies = readFileSync(families, 'utf8');
  writeFileSync(families, readFileSync(join(shippedContent, 'families.yaml'), 'utf8'));
  content.setLive(false);
  const lint = spawnSync(bin, ['lint', content.dir], { encoding: 'utf8' });
  assert.notEqual(lint.status, 0);
  res = await reload();
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/admin?reloaded=0#content');
  html = await (await admin.fetch('/admin?reloaded=0')).text();
  assert.match(html, /The reload was refused/);
  assert.match(html, /Last reload: [^<]*, refused\./);
  assert.match(html, /<ul class="diagnostics"><li><code>[^<]*families\.yaml:22:15: error: link to practice for &(#39|apos);csm&(#39|apos);, which has no live practice<\/code><\/li>/);
  assert.equal(await isLive(s, 'csm'), true, 'still the running version');
  assert.equal((await fetch(`${s.url}/practice/csm`)).status, 200);

  // Fixed again: loaded, the diagnostics gone.
  writeFileSync(families, goodFamilies);
  res = await reload();
  assert.equal(res.headers.get('location'), '/admin?reloaded=1#content');
  html = await (await admin.fetch('/admin?reloaded=1')).text();
  assert.match(html, /, loaded\./);
  assert.doesNotMatch(html, /class="diagnostics"/);
  assert.equal(await isLive(s, 'csm'), false);
});

test('/metrics counts requests, confirmations, unsubscribes, sends, send failures and the outbox', async () => {
  const port = await freePort();
  const s = await serve({ args: mailArgs(port) });
  const start = await metrics(s);
  for (const name of ['certhub_update_requests_total', 'certhub_email_confirmations_total', 'certhub_unsubscribes_total',
    'certhub_emails_sent_total', 'certhub_email_send_failures_total',
    'certhub_outbox_messages{state="queued"}', 'certhub_outbox_messages{state="sent"}', 'certhub_outbox_messages{state="failed"}']) {
    assert.equal(start[name], 0, `${name} starts at 0`);
  }
  const email = newEmail();
  const v = await requestUpdate(s, 'a-csm', email);
  await requestUpdate(s, 'a-csm', '', v);  // the same visitor again: not counted
  await requestUpdate(s, 'a-cspo', '');
  await waitFor(async () => (await metrics(s)).certhub_email_send_failures_total >= 1, 15000, 'a send failure');
  let now = await metrics(s);
  assert.equal(now.certhub_update_requests_total, 2);
  assert.equal(now['certhub_outbox_messages{state="queued"}'], 1);
  assert.equal(now.certhub_emails_sent_total, 0);

  const k = await sink({ port });
  const m = await waitForMessage(k, email, 'confirm', 30000);
  await waitFor(async () => (await metrics(s))['certhub_outbox_messages{state="sent"}'] === 1, 10000, 'the outbox gauge');
  const { link, id } = linkIn(m, 'confirm');
  assert.equal((await press(s, link)).status, 200);
  assert.equal((await press(s, await signedLink(s, 'unsubscribe', id))).status, 200);
  now = await metrics(s);
  assert.equal(now.certhub_emails_sent_total, 1);
  assert.ok(now.certhub_email_send_failures_total >= 1);
  assert.equal(now.certhub_email_confirmations_total, 1);
  assert.equal(now.certhub_unsubscribes_total, 1);
  assert.equal(now['certhub_outbox_messages{state="queued"}'], 0);
  assert.equal(now['certhub_outbox_messages{state="sent"}'], 1);
  assert.equal(now['certhub_outbox_messages{state="failed"}'], 0);
  // A forged link counts nothing.
  assert.equal((await fetch(`${s.url}/requests/${id}/confirm?t=${'ab'.repeat(32)}`, { method: 'POST' })).status, 404);
  assert.equal((await metrics(s)).certhub_email_confirmations_total, 1);
});

test('pressing a confirmation or unsubscribe link again counts no second confirmation or unsubscribe', async () => {
  const k = await sink();
  const s = await serve({ args: mailArgs(k.port) });
  const email = newEmail();
  await requestUpdate(s, 'a-csm', email);
  const { link, id } = linkIn(await waitForMessage(k, email, 'confirm'), 'confirm');
  const unsubscribe = await signedLink(s, 'unsubscribe', id);
  for (let i = 0; i < 3; i++) {
    assert.equal((await press(s, link)).status, 200);
    assert.equal((await press(s, unsubscribe)).status, 200);
  }
  const now = await metrics(s);
  assert.equal(now.certhub_email_confirmations_total, 1, 'one address confirmed');
  assert.equal(now.certhub_unsubscribes_total, 1, 'one address unsubscribed');
});
