// The live routes beyond the CSM, over HTTP on either backend: PSM I and PSPO I mock exams end to
// end from the shipped content, and the quick review page of every live route.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { startServer, shippedContent, Visitor, csrfOf, form } from '../support/certhub.mjs';
import { loadBank, shownKey } from '../support/bank.mjs';
import { apiVisitor, call } from '../support/api.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });


for (const [id, code, draws] of [
  ['psm-i', 'PSM I', { 'empiricism-values': 12, 'scrum-team': 16, events: 16, 'artifacts-done': 16, 'scrum-master': 12, 'product-scaling': 8 }],
  ['pspo-i', 'PSPO I', { 'scrum-framework': 20, 'po-accountability': 12, value: 12, 'vision-goal': 8, 'backlog-management': 16, 'stakeholders-release': 12 }],
]) {
  test(`${code}: a mock exam of 80 questions in 60 minutes, drawn by the estimated weights, passes at 68`, async () => {
    const bank = loadBank(shippedContent, id);
    const v = await apiVisitor(server.url);
    const r = await call(v, 'POST', '/api/v1/attempts', { certification: id, mode: 'mock' });
    assert.equal(r.status, 201);
    assert.equal(r.body.total, 80);
    assert.equal(r.body.time_limit_s, 3600);
    assert.equal(r.body.pass_mark, 68);
    const perDomain = {};
    for (const q of r.body.questions) perDomain[q.domain] = (perDomain[q.domain] || 0) + 1;
    assert.deepEqual(perDomain, draws);
    // All three question types of the real assessment appear in the bank.
    const types = new Set([...bank.values()].map((q) => q.type));
    assert.deepEqual([...types].sort(), ['multiple', 'single', 'true-false']);
    // Answer 70 right and 10 wrong, by an independent count from the content files.
    for (const q of r.body.questions) {
      const key = shownKey(bank.get(q.id), q.options);
      const pick = q.index <= 70 ? key : q.options.map((o) => o.key).filter((k) => !key.includes(k)).slice(0, key.length);
      assert.equal((await call(v, 'PUT', `/api/v1/attempts/${r.body.id}/answers/${q.index}`, { selected: pick })).status, 200);
    }
    const result = (await call(v, 'POST', `/api/v1/attempts/${r.body.id}/submit`)).body;
    assert.equal(result.correct, 70);
    assert.equal(result.passed, true);
    assert.equal(result.domains.length, 6);
    assert.equal(result.domains.reduce((n, d) => n + d.total, 0), 80);
    // The result page says it, per domain too.
    const page = await (await v.fetch(`/attempts/${r.body.id}/result`)).text();
    assert.match(page, /<h2 id="score-title">Passed<\/h2>/);
    assert.match(page, /<strong>70 of 80<\/strong> correct \(88%\)/);
    assert.match(page, /The pass mark is 68 of 80: you had 2 answers to spare\./);
    assert.equal((page.match(/<span class="bar-label">/g) || []).length, 6);
  });

  test(`${code}: the certification page is a live practice page, and practice says its weights are an estimate`, async () => {
    const cert = await (await fetch(`${server.url}/certifications/${id}`)).text();
    for (const mode of ['sample', 'training', 'mock', 'review']) assert.match(cert, new RegExp(`href="/practice/${id}/${mode}"`));
    assert.doesNotMatch(cert, /Request an update/);
    assert.match(cert, /certhub's estimate, not an official weighting/);
    const home = await (await fetch(`${server.url}/practice/${id}`)).text();
    assert.match(home, new RegExp(`<h1>${code} practice</h1>`));
    assert.match(home, /80 questions in 60 minutes, pass at 68 correct/);
    assert.match(home, /certhub's estimate, not an official weighting/);
    // About 15 free sample questions.
    const samples = [...loadBank(shippedContent, id).values()].filter((q) => q.sample).length;
    assert.ok(samples >= 12 && samples <= 18, `${samples} samples`);
    const v = new Visitor(server.url);
    const intro = await (await v.fetch(`/practice/${id}/sample`)).text();
    const started = await v.fetch(`/practice/${id}/attempts`, form({ csrf_token: csrfOf(intro), mode: 'sample' }));
    const q1 = await (await v.fetch(started.headers.get('location'))).text();
    assert.match(q1, new RegExp(`Question 1 of ${samples}</h1>`));
  });
}

test('the quick review: the high-yield rules of each live route, each with its source and a short training', async () => {
  for (const id of ['csm', 'psm-i', 'pspo-i']) {
    const review = yaml.load(readFileSync(join(shippedContent, 'reviews', `${id}.yaml`), 'utf8'));
    const v = new Visitor(server.url);
    const res = await v.fetch(`/practice/${id}/review`);
    assert.equal(res.status, 200, id);
    const html = await res.text();
    for (const section of ['timeboxes', 'accountabilities', 'mandatory', 'commitments', 'traps'])
      assert.match(html, new RegExp(`<h2 id="${section}">`), `${id}: ${section}`);
    const rules = review.sections.flatMap((s) => s.rules);
    assert.equal((html.match(/<li class="review-rule"/g) || []).length, rules.length);
    assert.equal((html.match(/name="rule" value="/g) || []).length, rules.length);
    assert.match(html, /Source: [^<]*<a href="https:\/\/scrumguides\.org\/scrum-guide\.html#/);
    // A rule's button starts a training of exactly its questions.
    const rule = rules[0];
    const started = await v.fetch(`/practice/${id}/attempts`, form({ csrf_token: csrfOf(html), mode: 'training', rule: rule.id }));
    assert.equal(started.status, 303, id);
    const attempt = /\/attempts\/([0-9a-f]{32})\//.exec(started.headers.get('location'))[1];
    const api = new Visitor(server.url);
    api.cookies = v.cookies;
    const shown = await (await api.fetch(`/api/v1/attempts/${attempt}`)).json();
    assert.deepEqual(shown.questions.map((q) => q.id).sort(), [...rule.questions].sort());
    assert.equal(shown.mode, 'training');
  }
  const v = new Visitor(server.url);
  const html = await (await v.fetch('/practice/csm/review')).text();
  const unknown = await v.fetch('/practice/csm/attempts', form({ csrf_token: csrfOf(html), mode: 'training', rule: 'no-such-rule' }));
  assert.equal(unknown.status, 404);
  assert.equal((await fetch(`${server.url}/practice/pspo-ii/review`)).status, 404);
});
