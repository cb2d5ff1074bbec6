// The practice flow a learner can trust, over HTTP on either backend: stale tabs cannot
// overwrite, one running mock exam per certification, refused choices come back with the reason,
// answers can be cleared, submitting with questions open asks first, results count what was
// answered, and "practise the ones I missed" has exactly those questions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, shippedContent, Visitor, csrfOf, form } from '../support/certhub.mjs';
import { loadBank, shownKey } from '../support/bank.mjs';
import { apiVisitor, call } from '../support/api.mjs';

const bank = loadBank(shippedContent, 'csm');
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

const start = (v, body) => call(v, 'POST', '/api/v1/attempts', body);
const answer = (v, id, index, body) => call(v, 'PUT', `/api/v1/attempts/${id}/answers/${index}`, body);
const show = (v, id) => call(v, 'GET', `/api/v1/attempts/${id}`);
const seqOf = (html) => Number(/name="seq" value="(\d+)"/.exec(html)[1]);
const answeredOf = (html) => Number(/<span id="answered-count">(\d+)<\/span> of \d+ answered/.exec(html)[1]);

// The bank question behind an API question, and its key in shown letters.
function keyOf(q) {
  const question = bank.get(q.id);
  return shownKey(question, q.options.map((o) => ({ key: o.key, text: o.text })));
}

test('stale tab cannot overwrite: a save with an old sequence number is refused with the current answer (409)', async () => {
  const v = await apiVisitor(server.url);
  const { body: a } = await start(v, { certification: 'csm', mode: 'mock' });
  assert.equal(a.questions[0].sequence, 0);
  // Two tabs showed question 1 at sequence 0; the first saves "a".
  const first = await answer(v, a.id, 1, { selected: ['a'], sequence: 0 });
  assert.equal(first.status, 200);
  assert.equal(first.body.sequence, 1);
  // The second tab, still at 0, tries "b": refused, and told what is saved now.
  const stale = await answer(v, a.id, 1, { selected: ['b'], sequence: 0 });
  assert.equal(stale.status, 409);
  assert.deepEqual(stale.body.selected, ['a']);
  assert.equal(stale.body.sequence, 1);
  assert.deepEqual((await show(v, a.id)).body.questions[0].selected, ['a']);
  // With the current number the change goes through.
  const fresh = await answer(v, a.id, 1, { selected: ['b'], sequence: 1 });
  assert.equal(fresh.status, 200);
  assert.deepEqual(fresh.body.selected, ['b']);
  assert.equal(fresh.body.sequence, 2);
  // A client that sends no sequence keeps the old last-write-wins behaviour. Question 1 is a
  // random draw and may be true/false, so only "a" and "b" are sure to exist.
  const noSequence = await answer(v, a.id, 1, { selected: ['a'] });
  assert.equal(noSequence.status, 200);
  assert.deepEqual(noSequence.body.selected, ['a']);
  const bad = await answer(v, a.id, 1, { selected: ['a'], sequence: 'one' });
  assert.equal(bad.status, 422);
});

test('stale tab cannot overwrite through the form either: the page shows the saved answer and says why (409)', async () => {
  const v = new Visitor(server.url);
  const home = await (await v.fetch('/practice/csm/mock')).text();
  const started = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(home), mode: 'mock' }));
  const base = started.headers.get('location').replace(/\/q\/1$/, '');
  const tab1 = await (await v.fetch(`${base}/q/2`)).text();
  const tab2 = await (await v.fetch(`${base}/q/2`)).text();
  const one = await v.fetch(`${base}/q/2`, form({ csrf_token: csrfOf(tab1), seq: seqOf(tab1), selected: 'a', action: 'next' }));
  assert.equal(one.status, 303);
  const two = await v.fetch(`${base}/q/2`, form({ csrf_token: csrfOf(tab2), seq: seqOf(tab2), selected: 'b', action: 'next' }));
  assert.equal(two.status, 409);
  const html = await two.text();
  assert.match(html, /This answer was changed in another tab or window/);
  assert.match(html, /value="a" id="opt-a" checked>/);
  assert.doesNotMatch(html, /value="b" id="opt-b" checked>/);
  assert.match(html, /<input type="hidden" name="seq" value="1">/);
});

test('one running mock per certification: a second start offers resume or abandon, and abandon keeps the first in history', async () => {
  const v = await apiVisitor(server.url);
  const { body: first } = await start(v, { certification: 'csm', mode: 'mock' });
  await answer(v, first.id, 1, { selected: ['a'] });
  const again = await start(v, { certification: 'csm', mode: 'mock' });
  assert.equal(again.status, 409);
  assert.equal(again.body.running_attempt, first.id);
  // Training and samples are not held back by a running mock.
  assert.equal((await start(v, { certification: 'csm', mode: 'training' })).status, 201);
  // Abandoning needs the id of the running one; any other id is not enough.
  assert.equal((await start(v, { certification: 'csm', mode: 'mock', abandon: 'f'.repeat(32) })).status, 409);
  const second = await start(v, { certification: 'csm', mode: 'mock', abandon: first.id });
  assert.equal(second.status, 201);
  assert.notEqual(second.body.id, first.id);
  const old = (await show(v, first.id)).body;
  assert.equal(old.finished, true);
  assert.equal(old.abandoned, true);
  assert.equal(old.result.answered, 1);
  assert.equal((await answer(v, first.id, 2, { selected: ['a'] })).status, 409, 'the abandoned exam takes no answers');
  // The practice page lists both, the first as abandoned.
  const page = await (await v.fetch('/practice/csm')).text();
  assert.match(page, /<td data-label="Result">Abandoned<\/td>/);
  assert.match(page, /<td data-label="Result">In progress: 60 min left<\/td>/);
});

test('one running mock through the pages: the instructions page offers resume and abandon (409 on a second start)', async () => {
  const v = new Visitor(server.url);
  const intro = await (await v.fetch('/practice/csm/mock')).text();
  assert.match(intro, /<h2 id="instructions-title">Before you start<\/h2>/);
  assert.match(intro, /50 questions in 60 minutes/);
  assert.match(intro, /Pass at 37 correct<\/strong> \(74%\)/);
  assert.match(intro, /the exam is submitted with the answers saved so far/);
  const first = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(intro), mode: 'mock' }));
  assert.equal(first.status, 303);
  const id = /\/attempts\/([0-9a-f]{32})\//.exec(first.headers.get('location'))[1];
  const second = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(intro), mode: 'mock' }));
  assert.equal(second.status, 409);
  const html = await second.text();
  assert.match(html, /You have a mock exam in progress/);
  assert.match(html, new RegExp(`<a class="button" href="/attempts/${id}">Resume it</a>`));
  assert.match(html, new RegExp(`<input type="hidden" name="abandon" value="${id}">`));
  const replaced = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(html), mode: 'mock', abandon: id }));
  assert.equal(replaced.status, 303);
  assert.notEqual(/\/attempts\/([0-9a-f]{32})\//.exec(replaced.headers.get('location'))[1], id);
});

test('a third tick on a choose-two question is refused inline with the timer still there (422), never a dead end', async () => {
  const v = new Visitor(server.url);
  const intro = await (await v.fetch('/practice/csm/mock')).text();
  const started = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(intro), mode: 'mock' }));
  const base = started.headers.get('location').replace(/\/q\/1$/, '');
  let n = 1, html = '';
  for (; n <= 50; n++) {
    html = await (await v.fetch(`${base}/q/${n}`)).text();
    if (html.includes('type="checkbox" name="selected"')) break;
  }
  assert.ok(n <= 50, 'the mock has a choose-two question');
  const res = await v.fetch(`${base}/q/${n}`, form({ csrf_token: csrfOf(html), seq: seqOf(html), selected: ['a', 'b', 'c'], action: 'next' }));
  assert.equal(res.status, 422);
  const page = await res.text();
  assert.match(page, /role="alert">Choose only 2 answers\. Untick one before you choose another\./);
  assert.match(page, /class="timer-value" data-seconds-left="\d+"/, 'the timer is still running');
  assert.match(page, new RegExp(`<h1 id="question-heading" tabindex="-1">Question ${n} of 50</h1>`));
  for (const k of ['a', 'b', 'c']) assert.match(page, new RegExp(`value="${k}" id="opt-${k}" checked>`), 'the ticks are shown to fix');
  // Nothing was saved.
  const again = await (await v.fetch(`${base}/q/${n}`)).text();
  assert.doesNotMatch(again, /checked>/);
});

test('an answer can be cleared: a new step, and the question counts as unanswered again', async () => {
  const v = new Visitor(server.url);
  const intro = await (await v.fetch('/practice/csm/mock')).text();
  const started = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(intro), mode: 'mock' }));
  const base = started.headers.get('location').replace(/\/q\/1$/, '');
  let html = await (await v.fetch(`${base}/q/1`)).text();
  await v.fetch(`${base}/q/1`, form({ csrf_token: csrfOf(html), seq: seqOf(html), selected: 'a', action: 'check' }));
  html = await (await v.fetch(`${base}/q/1`)).text();
  assert.equal(answeredOf(html), 1);
  // "Clear answer" without JavaScript, and unticking everything then saving, both clear.
  const cleared = await v.fetch(`${base}/q/1`, form({ csrf_token: csrfOf(html), seq: seqOf(html), selected: 'a', action: 'clear' }));
  assert.equal(cleared.status, 303);
  html = await (await v.fetch(`${base}/q/1`)).text();
  assert.equal(answeredOf(html), 0);
  assert.match(html, /name="seq" value="2"/);
  await v.fetch(`${base}/q/1`, form({ csrf_token: csrfOf(html), seq: 2, selected: 'b', action: 'check' }));
  html = await (await v.fetch(`${base}/q/1`)).text();
  await v.fetch(`${base}/q/1`, form({ csrf_token: csrfOf(html), seq: seqOf(html), action: 'next' }));
  assert.equal(answeredOf(await (await v.fetch(`${base}/q/1`)).text()), 0);
  // Through the API an empty selection clears too.
  const api = await apiVisitor(server.url);
  const { body: a } = await start(api, { certification: 'csm', mode: 'mock' });
  await answer(api, a.id, 3, { selected: ['a'] });
  const clear = await answer(api, a.id, 3, { selected: [] });
  assert.equal(clear.status, 200);
  assert.deepEqual(clear.body.selected, []);
  assert.equal((await show(api, a.id)).body.answered, 0);
});

test('submitting a mock with unanswered questions asks for confirmation, naming how many', async () => {
  const v = new Visitor(server.url);
  const intro = await (await v.fetch('/practice/csm/mock')).text();
  const started = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(intro), mode: 'mock' }));
  const base = started.headers.get('location').replace(/\/q\/1$/, '');
  for (const n of [1, 2, 4]) {
    const html = await (await v.fetch(`${base}/q/${n}`)).text();
    await v.fetch(`${base}/q/${n}`, form({ csrf_token: csrfOf(html), seq: seqOf(html), selected: 'a', action: 'next' }));
  }
  const confirm = await (await v.fetch(`${base}/confirm`)).text();
  assert.match(confirm, /You have answered 3 of 50 questions\. Unanswered: 47\./);
  assert.match(confirm, new RegExp(`href="${base}/q/3">Go to the first unanswered question \\(3\\)</a>`));
  assert.match(confirm, new RegExp(`href="${base}/q/3">Back to the questions</a>`));
  assert.match(confirm, /Submit with 47 questions unanswered\. Unanswered questions count as wrong\./);
  assert.match(confirm, /name="confirm_unanswered" value="1" id="confirm-unanswered" required/);
  // The grid filtered to what is left, with the chosen letters where there is an answer.
  const unanswered = await (await v.fetch(`${base}/confirm?show=unanswered`)).text();
  assert.equal((unanswered.match(/class="grid-item"/g) || []).length, 47);
  const all = await (await v.fetch(`${base}/confirm?show=all`)).text();
  assert.match(all, /class="grid-item answered"><span class="grid-number">1<\/span> <span class="grid-answer" aria-hidden="true">A<\/span><span class="visually-hidden">: answer A<\/span>/);
  // Without the tick: refused (422), nothing submitted.
  const refused = await v.fetch(`${base}/submit`, form({ csrf_token: csrfOf(confirm) }));
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /role="alert">Tick the box to confirm that you want to submit with 47 unanswered\./);
  assert.equal((await v.fetch(`${base}/result`)).status, 303, 'still running: the result redirects to the review');
  const submitted = await v.fetch(`${base}/submit`, form({ csrf_token: csrfOf(confirm), confirm_unanswered: '1' }));
  assert.equal(submitted.status, 303);
  assert.equal((await v.fetch(`${base}/result`)).status, 200);
});

test('training results count what was answered, and the review shows the answered ones unless asked', async () => {
  const v = await apiVisitor(server.url);
  const { body: a } = await start(v, { certification: 'csm', mode: 'training', domain: 'events' });
  let right = 0;
  for (let i = 0; i < 3; i++) {
    const q = a.questions[i];
    const key = keyOf(q);
    const pick = i === 2 ? q.options.map((o) => o.key).filter((k) => !key.includes(k)).slice(0, key.length) : key;
    if (i < 2) right += 1;
    assert.equal((await answer(v, a.id, i + 1, { selected: pick })).status, 200);
  }
  // A training answer is final once its key was shown: the API refuses to change it (409).
  assert.equal((await answer(v, a.id, 1, { selected: ['a'] })).status, 409);
  const result = (await call(v, 'POST', `/api/v1/attempts/${a.id}/submit`)).body;
  assert.equal(result.correct, right);
  assert.equal(result.answered, 3);
  assert.equal(result.total, a.total);
  const page = await (await v.fetch(`/attempts/${a.id}/result`)).text();
  assert.match(page, new RegExp(`<strong>${right} of 3</strong> answered correctly \\(67%\\)`));
  assert.match(page, new RegExp(`${a.total - 3} questions not attempted\\.`));
  assert.equal((page.match(/class="review-item/g) || []).length, 3);
  const everything = await (await v.fetch(`/attempts/${a.id}/result?show=all`)).text();
  assert.equal((everything.match(/class="review-item/g) || []).length, a.total);
  const wrong = await (await v.fetch(`/attempts/${a.id}/result?show=wrong`)).text();
  assert.equal((wrong.match(/class="review-item/g) || []).length, 1);
});

test('"practise the ones I missed" starts a training attempt of exactly the wrong and unanswered questions', async () => {
  const v = await apiVisitor(server.url);
  const { body: a } = await start(v, { certification: 'csm', mode: 'mock' });
  const missed = new Set();
  for (let i = 0; i < 50; i++) {
    const q = a.questions[i];
    if (i % 5 === 4) { missed.add(q.id); continue; }  // left unanswered
    const key = keyOf(q);
    const wrong = i % 7 === 0;
    const pick = wrong ? q.options.map((o) => o.key).filter((k) => !key.includes(k)).slice(0, key.length) : key;
    if (wrong) missed.add(q.id);
    await answer(v, a.id, i + 1, { selected: pick });
  }
  await call(v, 'POST', `/api/v1/attempts/${a.id}/submit`);
  const page = await (await v.fetch(`/attempts/${a.id}/result`)).text();
  assert.match(page, new RegExp(`Practise the ${missed.size} questions I missed`));
  const res = await v.fetch(`/attempts/${a.id}/missed`, form({ csrf_token: csrfOf(page) }));
  assert.equal(res.status, 303);
  const id = /\/attempts\/([0-9a-f]{32})\/q\/1$/.exec(res.headers.get('location'))[1];
  const training = (await show(v, id)).body;
  assert.equal(training.mode, 'training');
  assert.deepEqual(new Set(training.questions.map((q) => q.id)), missed);
  // Someone else cannot start from this attempt.
  const stranger = await apiVisitor(server.url);
  assert.equal((await call(stranger, 'POST', `/api/v1/attempts/${a.id}/missed`)).status, 404);
});

test('a mock result says how far from the pass mark it was', async () => {
  const v = await apiVisitor(server.url);
  const { body: a } = await start(v, { certification: 'csm', mode: 'mock' });
  for (let i = 0; i < 30; i++) await answer(v, a.id, i + 1, { selected: keyOf(a.questions[i]) });
  await call(v, 'POST', `/api/v1/attempts/${a.id}/submit`);
  const page = await (await v.fetch(`/attempts/${a.id}/result`)).text();
  assert.match(page, /<h2 id="score-title">Not passed<\/h2>/);
  assert.match(page, /<strong>30 of 50<\/strong> correct \(60%\)/);
  assert.match(page, /7 more correct answers needed to pass\. The pass mark is 37 of 50\./);
  // Review filters, with counts.
  for (const f of ['All \\(50\\)', 'Wrong \\(0\\)', 'Flagged \\(0\\)', 'Unanswered \\(20\\)']) assert.match(page, new RegExp(f));
  const unanswered = await (await v.fetch(`/attempts/${a.id}/result?show=unanswered`)).text();
  assert.equal((unanswered.match(/class="review-item/g) || []).length, 20);
});
