// The learning pages in a real browser (Debian's Chromium via Playwright): /progress,
// /progress/{cert} and /drill, as a learner sees them after practising, by mouse, by keyboard
// alone, on a phone and without JavaScript, with axe-core on every page type. Each test is
// named after what it prevents or guarantees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { serverAndBrowser, assertAccessible, shots } from '../support/browser.mjs';
import { shippedContent, testDate } from '../support/certhub.mjs';
import { loadBank } from '../support/bank.mjs';
import { currentKey, startTraining } from '../support/practice_page.mjs';

const env = serverAndBrowser();
const bank = loadBank(shippedContent, 'csm');
const csm = yaml.load(readFileSync(join(shippedContent, 'certifications', 'csm.yaml'), 'utf8'));
// Readiness waits for two exams' worth of answers (the integration tests pin that rule).
const evidenceNeeded = 2 * csm.exam.questions;
const domainNames = csm.domains.list.map((d) => d.name);

const DAY = 86400 * 1000;
const dayOf = (plusDays) => new Date(Date.parse(testDate) + plusDays * DAY).toISOString().slice(0, 10);
const tomorrow = dayOf(1);
// As the pages write a day: "24 November 2026".
const longDate = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB',
  { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

async function newLearner(options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  return { context, page };
}

// Answers the question on the page with "Check answer": right, or wrong on purpose, and
// returns whether the verdict said it was right.
async function checkAnswer(page, right) {
  const { key, options } = await currentKey(page, bank);
  const pick = right ? key : options.map((o) => o.key).filter((k) => !key.includes(k)).slice(0, key.length);
  for (const k of pick) await page.locator(`#opt-${k}`).check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('#feedback').waitFor();
  const verdict = await page.locator('#verdict-title').innerText();
  assert.match(verdict, right ? /^✓ Correct/ : /^✗ Not quite: the answer is [A-F]/);
  return verdict;
}

// A training of `count` questions answered with "Check answer" (right, wrong, right, ...), left
// at the last one's feedback; returns the attempt's URL.
async function answerTraining(page, count, { domain = '', finish = false } = {}) {
  const base = await startTraining(page, env.server.url, domain);
  for (let n = 1; n <= count; n++) {
    if (n > 1) {
      await page.getByRole('button', { name: 'Next question' }).first().click();
      await page.waitForURL(new RegExp(`/q/${n}$`));
    }
    await checkAnswer(page, n % 2 === 1);
  }
  if (finish) await finishTraining(page);
  return base;
}

async function finishTraining(page) {
  await page.getByRole('button', { name: 'Finish and see results' }).click();
  await page.getByRole('button', { name: 'Submit and see results' }).click();
  await page.waitForURL(/\/result$/);
}

// Saves the CSM exam date on /drill with the form, as a learner does.
async function saveExamDate(page, date) {
  await page.goto(`${env.server.url}/drill`);
  await page.getByLabel('Your CSM exam date').fill(date);
  await csmCard(page).getByRole('button', { name: 'Save the date' }).click();
  await page.waitForURL(/\/drill$/);
}

// The CSM section of /drill (each route has its own date form and buttons).
const csmCard = (page) => page.getByRole('region', { name: 'CSM', exact: true });
const dueToday = async (page) => {
  const m = /(\d+) cards? due today/.exec(await text(csmCard(page).locator('p strong').first()));
  assert.ok(m, 'the CSM drill card says how many cards are due');
  return Number(m[1]);
};

test('a short training shows on /progress with readiness hidden for lack of evidence', async () => {
  const { context, page } = await newLearner();
  const base = await startTraining(page, env.server.url);
  const attempt = /\/attempts\/([0-9a-f]+)$/.exec(base)[1];
  // Right, wrong, right: the key for one, a wrong option for another.
  for (let n = 1; n <= 3; n++) {
    if (n > 1) {
      await page.getByRole('button', { name: 'Next question' }).first().click();
      await page.waitForURL(new RegExp(`/q/${n}$`));
    }
    await checkAnswer(page, n !== 2);
  }
  const missing = evidenceNeeded - 3;

  await page.goto(`${env.server.url}/progress`);
  const card = page.locator('section.progress-card', { has: page.locator('#progress-csm') });
  const summary = await text(card);
  assert.match(summary, /1 attempt, 3 answers, 3 cards \(0 due today\)/);
  assert.match(summary, new RegExp(`Readiness is shown once there is enough evidence: answer about ${missing} more questions across all domains\\.`));
  assert.doesNotMatch(summary, /Readiness: \d+%/);
  assert.equal(await page.locator('.summary-box', { hasText: 'You have not practised' }).count(), 0);
  await assertAccessible(page, '/progress after a short training');
  await shots(page, 'learning-progress');

  await card.getByRole('link', { name: 'CSM progress in detail' }).click();
  await page.waitForURL(/\/progress\/csm$/);
  assert.equal(await page.locator('h1').innerText(), 'CSM progress');
  const readiness = await text(page.locator('section', { has: page.locator('#readiness-title') }));
  assert.match(readiness, new RegExp(`Not shown yet: there is not enough evidence\\. Answer about ${missing} more questions across all domains`));
  assert.match(readiness, /An estimate from your 3 answers here/);
  // The domain table: every domain once, three answers between them, each with what it still needs.
  const rows = page.locator('table.domain-table tbody tr');
  assert.equal(await rows.count(), domainNames.length);
  const answers = (await rows.locator('td[data-label="Answers"]').allInnerTexts()).map(Number);
  assert.equal(answers.reduce((a, b) => a + b, 0), 3);
  for (const needed of await rows.locator('td[data-label="Needed"]').allInnerTexts())
    assert.match(needed, /^(\d+ more answers?|enough)$/);
  assert.deepEqual(await rows.locator('th').allInnerTexts(), domainNames);
  // Every attempt: the training, by its mode, with a link back to it.
  const attemptRows = page.locator('table.attempts tbody tr');
  assert.equal(await attemptRows.count(), 1);
  assert.equal(await attemptRows.first().locator('th').innerText(), 'Training');
  assert.match(await attemptRows.first().locator('a').getAttribute('href'), new RegExp(`^/attempts/${attempt}(/result)?$`));
  assert.match(await text(page.locator('section', { has: page.locator('#mocks-title') })), /No finished mock exam yet/);
  await assertAccessible(page, '/progress/csm after a short training');
  await shots(page, 'learning-progress-csm');
  // The mastery chart: a domain with no answers reads "no answers yet" and draws no bar, so it
  // never looks stronger than a domain practised at 33%.
  const bars = await page.locator('.domain-bars li').evaluateAll((items) => items.map((li) => ({
    label: li.querySelector('.bar-label').textContent.trim(),
    value: li.querySelector('.bar-value').textContent.trim(),
    fill: Number(li.querySelector('.bar-fill').getAttribute('width')),
  })));
  assert.deepEqual(bars.map((b) => b.label), domainNames);
  const unpractised = bars.filter((b) => b.value === 'no answers yet');
  assert.ok(unpractised.length > 0, 'three answers leave some domain without answers');
  assert.deepEqual(unpractised.filter((b) => b.fill !== 0), [], 'no bar is drawn for a domain without answers');
  await context.close();
});

test('a drill runs the due cards in training style after setting an exam date', async () => {
  const { context, page } = await newLearner();
  await answerTraining(page, 3, { finish: true });
  await page.goto(`${env.server.url}/drill`);
  assert.equal(await dueToday(page), 0, 'answered today: nothing due before tomorrow');
  assert.match(await text(csmCard(page)), /Nothing is due today/);

  await saveExamDate(page, tomorrow);
  assert.equal(await page.getByLabel('Your CSM exam date').inputValue(), tomorrow, 'the saved date is shown');
  const due = await dueToday(page);
  assert.equal(due, 3, 'the exam is tomorrow: every card is due today');
  assert.match(await text(csmCard(page).locator('.plan')),
    new RegExp(`^About ${due} cards a day until ${longDate(tomorrow)} \\(${due} cards over 1 day\\)\\.$`));
  assert.ok(await csmCard(page).getByRole('button', { name: 'Clear the date' }).isVisible());
  await assertAccessible(page, '/drill with cards due');
  await shots(page, 'learning-drill');

  await page.getByRole('button', { name: 'Start the CSM drill' }).click();
  await page.waitForURL(/\/attempts\/[0-9a-f]+\/q\/1$/);
  assert.equal(await page.locator('.exam-title').innerText(), 'CSM · Drill');
  assert.equal(await page.locator('h1').innerText(), `Question 1 of ${due}`);
  assert.ok(await page.getByRole('button', { name: 'Check answer' }).isVisible(), 'training style: checked at once');
  // Keyboard only: focus starts on the heading; the key's number chooses, Enter checks.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'question-heading');
  const { key, options } = await currentKey(page, bank);
  for (const k of key) await page.keyboard.press(String(options.findIndex((o) => o.key === k) + 1));
  assert.deepEqual(await page.locator('input[name="selected"]:checked').evaluateAll((els) => els.map((e) => e.value)), key);
  await page.keyboard.press('Enter');
  await page.locator('#feedback').waitFor();
  assert.match(await page.locator('#verdict-title').innerText(), /^✓ Correct/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'feedback');
  assert.equal(await page.locator('.option-reason').count(), options.length, 'every option with its reason');
  await assertAccessible(page, 'drill feedback');

  await page.getByRole('button', { name: 'Finish and see results' }).click();
  await page.getByRole('button', { name: 'Submit and see results' }).click();
  await page.waitForURL(/\/result$/);
  await page.goto(`${env.server.url}/drill`);
  assert.equal(await dueToday(page), due - 1, 'the card answered right is no longer due today');
  await context.close();
});

test('the next step on /progress/csm is one concrete action that works', async () => {
  const { context, page } = await newLearner();
  await page.goto(`${env.server.url}/progress/csm`);
  const next = page.locator('section.next-step-box');
  assert.match(await text(next), /Start with the free CSM sample questions/);
  assert.equal(await next.getByRole('link').count() + await next.getByRole('button').count(), 1, 'one action');
  assert.equal(await next.getByRole('link', { name: 'Start the sample questions' }).getAttribute('href'), '/practice/csm/sample');
  assert.match(await text(page.locator('section', { has: page.locator('#attempts-title') })), /No attempts in this browser yet/);
  await assertAccessible(page, '/progress/csm with no answers');
  await next.getByRole('link', { name: 'Start the sample questions' }).click();
  await page.waitForURL(/\/practice\/csm\/sample$/);

  await answerTraining(page, 4);
  await page.goto(`${env.server.url}/progress/csm`);
  const step = await text(next.locator('p').first());
  const m = /^Train (.+): readiness needs about (\d+) more answers? there\.$/.exec(step);
  assert.ok(m, `a training of a named domain: ${step}`);
  const [, domain, needed] = m;
  assert.ok(domainNames.includes(domain), `${domain} is a CSM domain`);
  // The number agrees with the domain's row in the table.
  const row = page.locator('table.domain-table tbody tr', { has: page.locator('th', { hasText: domain }) });
  assert.equal(await row.locator('td[data-label="Needed"]').innerText(), `${needed} more answer${needed === '1' ? '' : 's'}`);
  assert.equal(await next.getByRole('link').count() + await next.getByRole('button').count(), 1, 'one action');
  const domainId = await page.locator('#missed-domain option', { hasText: domain }).getAttribute('value');
  await next.getByRole('button', { name: `Train ${domain}` }).click();
  await page.waitForURL(/\/attempts\/[0-9a-f]+\/q\/1$/);
  assert.match(await page.locator('.exam-title').innerText(), /^CSM · Training/);
  assert.equal((await currentKey(page, bank)).question.domain, domainId, 'the question is from that domain');
  await context.close();
});

test('no learning page scrolls sideways at 320 px, and each is axe-core clean', async () => {
  const { context, page } = await newLearner();
  // Data for every table: a finished training, a finished mock (one answer) and cards due.
  await answerTraining(page, 3, { finish: true });
  await page.goto(`${env.server.url}/practice/csm/mock`);
  await page.getByRole('button', { name: 'Start the 60-minute mock exam' }).click();
  await page.waitForURL(/\/q\/1$/);
  await page.locator('#opt-a').check();
  await page.waitForFunction(() => /Saved/.test(document.getElementById('save-status')?.textContent || ''));
  await page.getByRole('button', { name: 'Review and submit' }).click();
  await page.waitForURL(/\/confirm$/);
  await page.getByLabel(/Submit with \d+ questions unanswered/).check();
  await page.getByRole('button', { name: 'Submit the exam' }).click();
  await page.waitForURL(/\/result$/);
  await saveExamDate(page, tomorrow);

  const problems = [];
  for (const width of [320, 375]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ['/progress', '/progress/csm', '/drill']) {
      await page.goto(env.server.url + path);
      if (path === '/progress/csm') {
        assert.equal(await page.locator('table.attempts tbody tr').count(), 2);
        assert.equal(await page.locator('table', { hasText: 'Mock 1' }).count(), 1, 'the mock scores table');
      }
      if (path === '/drill') assert.ok(await page.locator('#drill-csm ~ table.domain-table').count(), 'the due cards table');
      const [scroll, viewport] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (scroll > viewport) {
        const wide = await page.evaluate((vw) => [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > vw + 0.5)
          .slice(0, 5).map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)}px)`), viewport);
        problems.push(`${path} at ${width}px scrolls sideways (${scroll}px): ${wide.join(', ')}`);
      }
      try {
        await assertAccessible(page, `${path} at ${width}px`);
      } catch (e) {
        problems.push(e.message);
      }
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad exam date on /drill is explained, and the saved date is kept', async () => {
  const { context, page } = await newLearner({ javaScriptEnabled: false });
  await answerTraining(page, 1);
  const saved = dayOf(10);
  await saveExamDate(page, saved);
  assert.match(await text(csmCard(page).locator('.plan')), new RegExp(`until ${longDate(saved)}`));

  // An emptied date field, submitted by the browser: a 422 page that says why.
  await page.getByLabel('Your CSM exam date').fill('');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/drill/exam-date')),
    csmCard(page).getByRole('button', { name: 'Save the date' }).click(),
  ]);
  assert.equal(response.status(), 422);
  await page.waitForLoadState();
  assert.equal(await page.getByRole('alert').innerText(), 'Enter the exam date as a day, like 2027-01-14.');
  assert.equal(await page.locator('h1').innerText(), 'Drill');
  assert.equal(await page.getByLabel('Your CSM exam date').inputValue(), saved, 'the form shows the date still saved');
  assert.match(await text(csmCard(page).locator('.plan')), new RegExp(`until ${longDate(saved)}`));

  // Text a date field cannot hold, and a day already past, sent as the form would send them.
  const csrf = await page.locator('.exam-date-form input[name="csrf_token"]').first().inputValue();
  for (const [date, message] of [['soon', 'Enter the exam date as a day, like 2027-01-14.'],
                                 [dayOf(-1), 'The exam date is in the past.']]) {
    const res = await page.request.post(`${env.server.url}/drill/exam-date`, {
      form: { csrf_token: csrf, certification: 'csm', date, action: 'save' }, maxRedirects: 0 });
    assert.equal(res.status(), 422, date);
    assert.ok((await res.text()).includes(message), `${date}: ${message}`);
  }
  await page.goto(`${env.server.url}/drill`);
  assert.equal(await page.getByLabel('Your CSM exam date').inputValue(), saved, 'still the saved date');
  assert.equal(await page.getByRole('alert').count(), 0, 'the message is gone on a fresh load');
  await context.close();
});
