// Practice through the HTML forms, as a browser without JavaScript would use it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, shippedContent, Visitor, csrfOf, form } from '../support/certhub.mjs';
import { loadBank, shownKey, normalize } from '../support/bank.mjs';

const bank = loadBank(shippedContent, 'csm');
let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });


// The options of a question page in shown order, and the question id found by its stem.
function parseQuestion(html) {
  const options = [...html.matchAll(/<input type="(?:radio|checkbox)" name="selected" value="([a-f])"[^>]*>\s*<label[^>]*><span class="option-letter">[A-F]\.<\/span> ([\s\S]*?)<\/label>/g)]
    .map((m) => ({ key: m[1], text: m[2] }));
  const stem = normalize(/<div class="stem" id="stem">([\s\S]*?)<\/div>/.exec(html)[1]);
  const question = [...bank.values()].find((q) => normalize(q.stem) === stem);
  return { options, question };
}

async function startMode(v, mode, extra = {}) {
  const home = await v.fetch('/practice/csm');
  assert.equal(home.status, 200);
  const res = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(await home.text()), mode, ...extra }));
  assert.equal(res.status, 303);
  const location = res.headers.get('location');
  assert.match(location, /^\/attempts\/[0-9a-f]{32}\/q\/1$/);
  return location.replace(/\/q\/1$/, '');
}

test('the practice home offers sample, training and a 50-question, 60-minute mock', async () => {
  const html = await (await fetch(`${server.url}/practice/csm`)).text();
  assert.match(html, /<h1>CSM practice<\/h1>/);
  assert.match(html, /50 questions in 60 minutes, pass at 37 correct/);
  assert.match(html, /certhub's estimate, not an official weighting/);
  assert.equal((await fetch(`${server.url}/practice/pspo-ii`)).status, 404);
});

test('starting without a CSRF token is refused', async () => {
  const v = new Visitor(server.url);
  await v.fetch('/practice/csm');
  const res = await v.fetch('/practice/csm/attempts', form({ mode: 'mock' }));
  assert.equal(res.status, 403);
});

test('a whole mock exam through the forms scores what an independent count says', async () => {
  const v = new Visitor(server.url);
  const base = await startMode(v, 'mock');
  let expected = 0;
  for (let n = 1; n <= 50; n++) {
    const page = await v.fetch(`${base}/q/${n}`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, new RegExp(`<h1 id="question-heading" tabindex="-1">Question ${n} of 50</h1>`));
    assert.match(html, /Time left:/);
    assert.match(html, /ends at <time datetime="2026-11-23T10:00:0\dZ" class="local-time" data-format="time">10:00 UTC<\/time>/);
    assert.doesNotMatch(html, /Correct answer|Your choice, incorrect|option-reason/, 'no key before the end');
    // The form says which answer it saw, so a save from a stale tab can be refused.
    assert.match(html, /<input type="hidden" name="seq" value="0">/);
    const { options, question } = parseQuestion(html);
    assert.ok(question, `question ${n} found in the bank`);
    const key = shownKey(question, options);
    const pick = n % 4 === 0 ? options.map((o) => o.key).filter((k) => !key.includes(k)).slice(0, key.length) : key;
    if (n % 4 !== 0) expected += 1;
    const fields = new URLSearchParams({ csrf_token: csrfOf(html), seq: '0', action: n < 50 ? 'next' : 'review' });
    for (const k of pick) fields.append('selected', k);
    if (n === 7) fields.append('flagged', '1');
    const saved = await v.fetch(`${base}/q/${n}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });
    assert.equal(saved.status, 303);
    assert.equal(saved.headers.get('location'), n < 50 ? `${base}/q/${n + 1}` : `${base}/confirm`);
  }
  const confirm = await (await v.fetch(`${base}/confirm`)).text();
  assert.match(confirm, /Every question has an answer\./);
  assert.match(confirm, /Flagged \(1\)<\/a>/);
  assert.match(confirm, /href="[^"]+\/q\/7" class="grid-item answered flagged"><span class="grid-number">7<\/span>/);
  assert.doesNotMatch(confirm, /name="confirm_unanswered"/, 'nothing unanswered: no confirmation asked');
  const submitted = await v.fetch(`${base}/submit`, form({ csrf_token: csrfOf(confirm) }));
  assert.equal(submitted.status, 303);
  const result = await (await v.fetch(`${base}/result`)).text();
  assert.match(result, new RegExp(`<strong>${expected} of 50</strong> correct`));
  assert.match(result, expected >= 37 ? /<h2 id="score-title">Passed<\/h2>/ : /Not passed/);
  assert.match(result, expected >= 37 ? /The pass mark is 37 of 50/
    : new RegExp(`${37 - expected} more correct answers? needed to pass\\. The pass mark is 37 of 50\\.`));
  assert.equal((result.match(/<span class="bar-label">/g) || []).length, 6, 'a bar per domain');
  assert.match(result, /<caption>Correct answers per domain<\/caption>/);
  assert.equal((result.match(/class="review-item/g) || []).length, 50);
});

test('training shows feedback with the reason for every option after an answer', async () => {
  const v = new Visitor(server.url);
  const base = await startMode(v, 'training', { domain: 'artifacts' });
  const html = await (await v.fetch(`${base}/q/1`)).text();
  const { options, question } = parseQuestion(html);
  assert.equal(question.domain, 'artifacts');
  // As many wrong boxes as the question asks for: question 1 is a random draw, and a
  // choose-two question is checked only with two.
  const key = shownKey(question, options);
  const wrong = options.map((o) => o.key).filter((k) => !key.includes(k)).slice(0, key.length);
  const fields = new URLSearchParams({ csrf_token: csrfOf(html), action: 'check' });
  for (const k of wrong) fields.append('selected', k);
  const saved = await v.fetch(`${base}/q/1`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });
  assert.equal(saved.headers.get('location'), `${base}/q/1`);
  const after = await (await v.fetch(`${base}/q/1`)).text();
  assert.match(after, /Not quite: the answer is/);
  // Every option marked, in words as well as by colour: the key, the wrong choice, the others.
  const marks = after.match(/<span class="option-mark">[\s\S]*?<\/span> ([^<]+)<\/span>/g) || [];
  assert.equal(marks.length, options.length);
  assert.equal((after.match(/Your choice, incorrect/g) || []).length, wrong.length);
  assert.equal((after.match(/Correct answer</g) || []).length, shownKey(question, options).length);
  // Every reason, as text (HTML may escape an apostrophe as &#39; or &apos;).
  const shown = after.replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  for (const reason of Object.values(question.reasons)) assert.ok(shown.includes(reason), reason);
  // The source links to the Scrum Guide's section.
  assert.match(after, /Source: [^<]*<a href="https:\/\/scrumguides\.org\/scrum-guide\.html#[a-z-]+">/);
});

test('an attempt page of someone else is a 404', async () => {
  const owner = new Visitor(server.url);
  const base = await startMode(owner, 'sample');
  const stranger = new Visitor(server.url);
  assert.equal((await stranger.fetch(`${base}/q/1`)).status, 404);
  assert.equal((await stranger.fetch(`${base}/result`)).status, 404);
  assert.equal((await owner.fetch(`${base}/q/999`)).status, 404);
});
