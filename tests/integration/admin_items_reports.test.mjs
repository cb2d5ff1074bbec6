// Item statistics and question reports over HTTP, on either backend: the statistics match values
// this test computes itself from the answers it gave; a learner's report reaches the admins'
// queue and is resolved there; reports are checked (category, length, CSRF, one open report per
// visitor and question); and nobody but an admin sees any admin URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startServer, shippedContent, bin, Visitor, csrfOf, form } from '../support/certhub.mjs';
import { loadBank, shownKey } from '../support/bank.mjs';
import { apiVisitor, call } from '../support/api.mjs';

const bank = loadBank(shippedContent, 'csm');
const adminEmail = 'admin@example.org';
const adminPassword = 'correct horse battery staple';
let server;
let admin;

function certhubUser(args, stdin) {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, ['user', ...args]);
    let out = '';
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { out += d; });
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`certhub user ${args[0]}: ${code} ${out}`))));
    proc.stdin.end(stdin);
  });
}

async function logIn(email, password) {
  const v = new Visitor(server.url);
  const page = await (await v.fetch('/login')).text();
  const res = await v.fetch('/login', form({ csrf_token: csrfOf(page), email, password }));
  assert.equal(res.status, 303, 'log-in redirects');
  return v;
}

// Deterministic choices: learner `l` answers slot `i` right when (l * 7 + i * 3) % 10 < l + 2,
// leaves every 13th slot of odd learners open, and otherwise picks the first wrong letter.
async function sitMock(l) {
  const v = await apiVisitor(server.url);
  const { status, body: a } = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' });
  assert.equal(status, 201);
  const slots = [];
  for (let i = 0; i < a.questions.length; i++) {
    const q = a.questions[i];
    const question = bank.get(q.id);
    const key = shownKey(question, q.options);
    let selected = [];
    if (l % 2 === 1 && i % 13 === 0) selected = [];
    else if ((l * 7 + i * 3) % 10 < l + 2) selected = key;
    else selected = [q.options.find((o) => !key.includes(o.key)).key];
    if (selected.length) {
      const r = await call(v, 'PUT', `/api/v1/attempts/${a.id}/answers/${i + 1}`, { selected });
      assert.equal(r.status, 200);
    }
    // The content key of each chosen shown letter, by option text.
    const chosen = selected.map((letter) => {
      const text = q.options.find((o) => o.key === letter).text;
      return Object.entries(question.options).find(([, t]) => t === text)[0];
    });
    const correct = selected.length > 0 && JSON.stringify(selected) === JSON.stringify(key);
    slots.push({ id: q.id, chosen, correct });
  }
  assert.equal((await call(v, 'POST', `/api/v1/attempts/${a.id}/submit`, {})).status, 200);
  return slots;
}

// The statistics as the docs define them, computed here from the answers given.
function expectedStats(attempts) {
  const per = new Map();
  for (const slots of attempts) {
    const total = slots.filter((s) => s.correct).length;
    for (const s of slots) {
      if (!per.has(s.id)) per.set(s.id, { xs: [], ys: [], options: {} });
      const p = per.get(s.id);
      p.xs.push(s.correct ? 1 : 0);
      p.ys.push(total - (s.correct ? 1 : 0));
      for (const k of s.chosen) p.options[k] = (p.options[k] || 0) + 1;
    }
  }
  const out = new Map();
  for (const [id, p] of per) {
    const n = p.xs.length;
    const mean = (v) => v.reduce((a, b) => a + b, 0) / n;
    const mx = mean(p.xs), my = mean(p.ys);
    let cov = 0, vx = 0, vy = 0;
    for (let i = 0; i < n; i++) {
      cov += (p.xs[i] - mx) * (p.ys[i] - my);
      vx += (p.xs[i] - mx) ** 2;
      vy += (p.ys[i] - my) ** 2;
    }
    const r = vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : null;
    out.set(id, { attempts: n, facility: mx, r, options: p.options });
  }
  return out;
}

const number = (text) => (text === 'n/a' ? null : Number(text.replace('−', '-')));

async function itemsPage(v) {
  // Computed off the request path: the page says so until the result is there.
  for (let i = 0; i < 100; i++) {
    const html = await (await v.fetch('/admin/items')).text();
    if (!html.includes('id="computing"')) return html;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('item statistics never finished');
}

before(async () => {
  server = await startServer();
  await certhubUser(['add', adminEmail, '--admin', '--db', server.dbPath], `${adminPassword}\n`);
  admin = await logIn(adminEmail, adminPassword);
});
after(async () => { await server.stop(); });

test('item statistics agree with attempts, facility, discrimination and option counts computed from the answers given', async () => {
  const attempts = [];
  for (let l = 0; l < 8; l++) attempts.push(await sitMock(l));
  // An abandoned mock exam does not count: start one, then abandon it by starting another.
  const v = await apiVisitor(server.url);
  const first = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' });
  await call(v, 'PUT', `/api/v1/attempts/${first.body.id}/answers/1`, { selected: ['a'] });
  const second = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock', abandon: first.body.id });
  assert.equal(second.status, 201);

  const expected = expectedStats(attempts);
  const html = await itemsPage(admin);
  assert.match(html, /from 8 finished mock exams/);
  const rows = [...html.matchAll(/<a href="\/admin\/questions\/([^"]+)">[^<]+<\/a><\/th><td data-label="Route">[^<]*<\/td><td class="num" data-label="Attempts">(\d+)<\/td><td class="num" data-label="Facility">([^<]+)<\/td><td class="num" data-label="Discrimination">([^<]+)<\/td><td data-label="Flag">[^]*?<\/td><td data-label="Source"><code class="source">([^<]*)<\/code>/g)];
  assert.equal(rows.length, expected.size, 'one row per question drawn');
  let compared = 0;
  for (const [, id, n, facility, r, source] of rows) {
    const e = expected.get(id);
    assert.ok(e, `${id} was drawn`);
    assert.equal(Number(n), e.attempts, `${id} attempts`);
    assert.equal(Number(facility), Math.round(e.facility * 100) / 100, `${id} facility`);
    if (e.r === null) assert.equal(r, 'n/a', `${id} has no discrimination`);
    else assert.ok(Math.abs(number(r) - e.r) <= 0.0051, `${id} discrimination ${r} vs ${e.r}`);
    assert.match(source, /^content\/questions\/csm\/[a-z0-9-]+\.yaml:\d+$/, 'file and line in content/');
    compared += e.r === null ? 0 : 1;
  }
  assert.ok(compared >= 10, `${compared} discriminations compared`);

  // The question page: option counts, and the file and line really are that question's.
  const [id, e] = [...expected].sort((a, b) => b[1].attempts - a[1].attempts)[0];
  const page = await (await admin.fetch(`/admin/questions/${id}`)).text();
  for (const [key, count] of Object.entries(e.options)) {
    const m = new RegExp(`<th scope="row">${key}(?: \\(key\\))?</th><td><svg[^]*?<span class="num">(\\d+)</span>`).exec(page);
    assert.ok(m, `option ${key} shown`);
    assert.equal(Number(m[1]), count, `option ${key} chosen ${count} times`);
  }
  const [, file, line] = /<code class="source">content\/([^:]+):(\d+)<\/code>/.exec(page);
  const { readFileSync } = await import('node:fs');
  const lines = readFileSync(`${shippedContent}/${file}`, 'utf8').split('\n');
  assert.match(lines[Number(line) - 1], new RegExp(`id: ${id}\\b`));
});

test('a learner reports a problem under feedback and the admin resolves it in the queue', async () => {
  const v = await apiVisitor(server.url);
  const { body: a } = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'training' });
  // The key, so a choose-two question is answered in full and its feedback shows.
  const qid = a.questions[0].id;
  const selected = shownKey(bank.get(qid), a.questions[0].options);
  assert.equal((await call(v, 'PUT', `/api/v1/attempts/${a.id}/answers/1`, { selected })).status, 200);
  const page = await (await v.fetch(`/attempts/${a.id}/q/1`)).text();
  assert.match(page, /Report a problem with this question/);
  assert.match(page, new RegExp(`action="/questions/${qid}/reports"`));
  const back = /name="back" value="([^"]+)"/.exec(page)[1];
  assert.equal(back, `/attempts/${a.id}/q/1`);
  const text = 'Option b is also right <script>alert(1)</script>\nsee the Guide';
  const sent = await v.fetch(`/questions/${qid}/reports`, form({ csrf_token: csrfOf(page), back, category: 'wrong_key', text }));
  assert.equal(sent.status, 303);
  assert.equal(sent.headers.get('location'), `/attempts/${a.id}/q/1?notice=reported#thanks`);
  const thanked = await (await v.fetch(`/attempts/${a.id}/q/1?notice=reported`)).text();
  assert.match(thanked, /Thank you: your report was sent/);
  // One open report per visitor and question: a second is taken as the same.
  const again = await v.fetch(`/questions/${qid}/reports`, form({ csrf_token: csrfOf(page), back, category: 'typo', text: '' }));
  assert.equal(again.headers.get('location'), `/attempts/${a.id}/q/1?notice=already-reported#thanks`);
  // Another visitor's report counts on its own, through the API.
  const w = await apiVisitor(server.url);
  const api = await call(w, 'POST', `/api/v1/questions/${qid}/reports`, { category: 'unclear' });
  assert.equal(api.status, 201);

  const queue = await (await admin.fetch('/admin/reports')).text();
  assert.match(queue, new RegExp(`<a href="/admin/questions/${qid}">${qid}</a>`));
  assert.match(queue, /2 open of 2; Wrong key: 1; Unclear: 1\./);
  assert.ok(queue.includes('Option b is also right &lt;script&gt;alert(1)&lt;/script&gt;'), 'the text is escaped');
  assert.ok(!queue.includes('<script>alert(1)'));
  const saved = await admin.fetch(`/admin/questions/${qid}/status`,
    form({ csrf_token: csrfOf(queue), status: 'fixed', note: 'Key corrected in the bank.', back: 'reports' }));
  assert.equal(saved.status, 303);
  assert.equal((await (await admin.fetch('/admin/reports')).text()).includes(`/admin/questions/${qid}"`), false,
    'a fixed question leaves the open queue');
  const all = await (await admin.fetch('/admin/reports?show=all')).text();
  assert.match(all, /Status: <strong>fixed<\/strong>/);
  assert.match(all, /Note: Key corrected in the bank\./);
  assert.match(all, /0 open of 2/);
  // Once fixed, the learner may report the question again.
  const anew = await v.fetch(`/questions/${qid}/reports`, form({ csrf_token: csrfOf(page), back, category: 'typo' }));
  assert.equal(anew.headers.get('location'), `/attempts/${a.id}/q/1?notice=reported#thanks`);
  const detail = await (await admin.fetch(`/admin/questions/${qid}`)).text();
  assert.match(detail, /Status: <strong>fixed<\/strong>, set 2026-11-23 09:00 UTC\./);
  assert.match(detail, /1 open of 3/);
  const other = await (await admin.fetch('/admin/reports')).text();
  assert.doesNotMatch(other, /set UTC/, 'a status never set names no time');
});

test('a report is refused with a clear reason: over 2,000 characters, no category, unknown question, no CSRF token', async () => {
  const v = await apiVisitor(server.url);
  const page = await (await v.fetch('/practice/csm')).text();
  const token = csrfOf(page);
  const qid = [...bank.keys()][0];
  const long = await v.fetch(`/questions/${qid}/reports`, form({ csrf_token: token, category: 'other', text: 'é'.repeat(2001) }));
  assert.equal(long.status, 422);
  assert.match(await long.text(), /2001 characters; the most is 2000/);
  const exact = await v.fetch(`/questions/${qid}/reports`, form({ csrf_token: token, category: 'other', text: 'é'.repeat(2000) }));
  assert.equal(exact.status, 303, '2,000 characters (4,000 bytes) are fine');
  assert.equal(exact.headers.get('location'), '/practice', 'no back given: a safe default');
  const w = await apiVisitor(server.url);
  const none = await call(w, 'POST', `/api/v1/questions/${qid}/reports`, { category: 'bogus' });
  assert.equal(none.status, 422);
  assert.equal((await call(w, 'POST', '/api/v1/questions/no-such-question/reports', { category: 'typo' })).status, 404);
  const forged = await w.fetch(`/questions/${qid}/reports`, form({ category: 'typo' }));
  assert.equal(forged.status, 403);
  // A back address elsewhere is never followed.
  const away = await w.fetch(`/questions/${qid}/reports`, form({ csrf_token: w.token, category: 'typo', back: 'https://evil.example/' }));
  assert.equal(away.headers.get('location'), '/practice');
});

test('nobody but an admin sees an admin URL: anonymous visitors and learners get the 404 of a missing page', async () => {
  await certhubUser(['add', 'learner@example.org', '--db', server.dbPath], `${adminPassword}\n`);
  const learner = await logIn('learner@example.org', adminPassword);
  const anonymous = new Visitor(server.url);
  const qid = [...bank.keys()][0];
  const missing = await (await fetch(`${server.url}/no-such-page`)).text();
  const urls = [['GET', '/admin'], ['GET', '/admin/requests'], ['GET', '/admin/requests.csv'], ['GET', '/admin/outbox'],
    ['POST', '/admin/reload'], ['GET', '/admin/items'], ['POST', '/admin/items/refresh'], ['GET', '/admin/reports'],
    ['GET', '/admin/reports?show=all'], ['GET', `/admin/questions/${qid}`], ['POST', `/admin/questions/${qid}/status`]];
  for (const v of [anonymous, learner]) {
    const token = csrfOf(await (await v.fetch('/practice/csm')).text());
    for (const [method, url] of urls) {
      const res = method === 'GET' ? await v.fetch(url) : await v.fetch(url, form({ csrf_token: token, status: 'fixed' }));
      assert.equal(res.status, 404, `${method} ${url}`);
      assert.equal(await res.text(), missing, `${method} ${url} answers as a missing page`);
    }
  }
  // A learner's reports are theirs: in "download my data".
  const token = csrfOf(await (await learner.fetch('/practice/csm')).text());
  const sent = await learner.fetch(`/questions/${qid}/reports`, form({ csrf_token: token, category: 'outdated', text: 'Mine.' }));
  assert.equal(sent.status, 303);
  const exported = await (await learner.fetch('/api/v1/me/export')).json();
  assert.deepEqual(exported.question_reports.map((r) => [r.question, r.category, r.text, r.open]),
    [[qid, 'outdated', 'Mine.', true]]);
  // And the admin does see them.
  for (const url of ['/admin/items', '/admin/reports', `/admin/questions/${qid}`])
    assert.equal((await admin.fetch(url)).status, 200, url);
});
