// Practice in a real browser (Debian's Chromium via Playwright): the flows a learner must be able
// to trust, by mouse, by keyboard alone, on a phone and without JavaScript, with axe-core on
// every page type. Each regression test is named after what it prevents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, assertAccessible, shots } from '../support/browser.mjs';
import { shippedContent } from '../support/certhub.mjs';
import { loadBank } from '../support/bank.mjs';
import { currentKey, startTraining } from '../support/practice_page.mjs';

const env = serverAndBrowser();
const bank = loadBank(shippedContent, 'csm');

// A fresh learner (own browser context) with a mock exam started from its instructions page.
async function startMock({ clock = false, ...options } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  if (clock) await context.clock.install({ time: new Date('2026-11-23T09:00:00Z') });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/practice/csm/mock`);
  await page.getByRole('button', { name: 'Start the 60-minute mock exam' }).click();
  await page.waitForURL(/\/q\/1$/);
  const base = page.url().replace(/\/q\/1$/, '');
  return { context, page, base };
}

const saveStatus = (page) => page.locator('#save-status');
async function waitSaved(page) {
  await page.waitForFunction(() => /Saved|cleared and saved/.test(document.getElementById('save-status')?.textContent || ''));
}
const checkedLetters = (page) => page.locator('input[name="selected"]:checked').evaluateAll((els) => els.map((e) => e.value));

test('the sample quiz: the verdict comes first, every option is marked with its reason, the source is a link', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}/practice/csm`);
  await page.getByRole('button', { name: 'Start the sample questions' }).click();
  await page.waitForURL(/\/attempts\/[0-9a-f]+\/q\/1$/);
  await assertAccessible(page, 'sample question');
  const { key, options } = await currentKey(page, bank);
  const wrong = options.map((o) => o.key).find((k) => !key.includes(k));
  await page.locator(`#opt-${wrong}`).check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('#feedback').waitFor();
  assert.match(await page.locator('#verdict-title').innerText(), /^✗ Not quite: the answer is [A-F]/);
  assert.equal(await page.locator('.option-mark').count(), options.length);
  assert.match(await page.locator('.option.is-wrong-choice .option-mark').innerText(), /Your choice, incorrect/);
  assert.equal(await page.locator('.option.is-key').count(), key.length);
  assert.equal(await page.locator('.option-reason').count(), options.length);
  assert.match(await page.locator('.reference a').first().getAttribute('href'), /^https:\/\/scrumguides\.org\/scrum-guide\.html#[a-z-]+$/);
  assert.ok(await page.locator('fieldset.options[disabled]').count(), 'answer is locked after feedback');
  await assertAccessible(page, 'sample feedback');
  await shots(page, 'practice-sample-feedback');
  await page.getByRole('button', { name: 'Next question' }).first().click();
  await page.waitForURL(/\/q\/2$/);
  await context.close();
});

test('verdict is in the viewport at 375 px after "Check answer"', async () => {
  const context = await env.browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await startTraining(page, env.server.url, 'artifacts');
  const { key } = await currentKey(page, bank);
  for (const k of key) await page.locator(`#opt-${k}`).check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('#feedback').waitFor();
  const inView = await page.locator('#verdict-title').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, 'the verdict is visible without scrolling');
  assert.match(await page.locator('#verdict-title').innerText(), /^✓ Correct/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'feedback');
  await assertAccessible(page, 'training feedback at 375 px');
  await shots(page, 'practice-training-feedback');
  await context.close();
});

test('"Check answer" with nothing chosen says "Choose an answer first", with and without JavaScript', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await env.browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await startTraining(page, env.server.url);
    await page.getByRole('button', { name: 'Check answer' }).click();
    await page.locator('#answer-error:not([hidden])').waitFor();
    assert.equal(await page.locator('#answer-error').innerText(), 'Choose an answer first.');
    assert.match(page.url(), /\/q\/1$/);
    await context.close();
  }
});

test('Enter saves and moves next, and focus starts on the question heading (keyboard only)', async () => {
  const { context, page, base } = await startMock();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'question-heading');
  // One Tab from the heading reaches the first option.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.name), 'selected');
  await page.keyboard.press('Space');
  await waitSaved(page);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`${base}/q/2$`));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'question-heading');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await waitSaved(page);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`${base}/q/3$`));
  await page.goto(`${base}/q/1`);
  assert.equal((await checkedLetters(page)).length, 1, 'question 1 kept its answer');
  await context.close();
});

test('choice survives a navigator click, a header link, Back and a reload', async () => {
  const { context, page, base } = await startMock();
  // Every question has options a and b (true/false has only those two).
  // Navigator: choose on 1, jump to 5 by its number at once.
  await page.locator('#opt-b').check();
  await page.locator('.nav-item[data-index="5"]').click();
  await page.waitForURL(new RegExp(`${base}/q/5$`));
  await page.goto(`${base}/q/1`);
  assert.deepEqual(await checkedLetters(page), ['b']);
  // Header link: choose on 2, leave through the main menu.
  await page.goto(`${base}/q/2`);
  await page.locator('#opt-b').check();
  await waitSaved(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Route map' }).click();
  await page.waitForURL(/\/routes$/);
  await page.goto(`${base}/q/2`);
  assert.deepEqual(await checkedLetters(page), ['b']);
  // Back: choose on 3, go back in history.
  await page.goto(`${base}/q/3`);
  await page.locator('#opt-a').check();
  await waitSaved(page);
  await page.goBack();
  await page.goto(`${base}/q/3`);
  assert.deepEqual(await checkedLetters(page), ['a']);
  // Reload: a changed choice on 3 is what comes back.
  await page.locator('#opt-b').check();
  await waitSaved(page);
  const before = await checkedLetters(page);
  assert.ok(before.includes('b'));
  await page.reload();
  assert.deepEqual(await checkedLetters(page), before);
  assert.equal(await page.locator('.nav-item.answered').count(), 3);
  await context.close();
});

test('choice survives a navigator click without JavaScript: every number saves first', async () => {
  const { context, page, base } = await startMock({ javaScriptEnabled: false });
  await page.locator('#opt-b').check();
  await page.locator('.nav-item[data-index="7"]').click();
  await page.waitForURL(new RegExp(`${base}/q/7$`));
  assert.match(await page.locator('.progress-line label').innerText(), /^1 of 50 answered/);
  assert.match(await page.locator('.timer').innerText(), /ends at 10:\d\d UTC/);
  await context.close();
});

test('a third tick on a choose-two question is blocked with a message beside the options', async () => {
  const { context, page, base } = await startMock();
  let n = 1;
  for (; n <= 50; n++) {
    await page.goto(`${base}/q/${n}`);
    if (await page.locator('input[type="checkbox"][name="selected"]').count()) break;
  }
  assert.ok(n <= 50, 'the mock has a choose-two question');
  await page.locator('#opt-a').check();
  await page.locator('#opt-b').check();
  await waitSaved(page);
  await page.locator('#opt-c').click();
  assert.equal(await page.locator('#opt-c').isChecked(), false);
  assert.equal(await page.locator('#answer-error').innerText(), 'Choose only 2 answers. Untick one before you choose another.');
  await assertAccessible(page, 'choose-two blocked');
  await shots(page, 'practice-choose-two-blocked');
  await page.reload();
  assert.deepEqual(await checkedLetters(page), ['a', 'b']);
  await context.close();
});

test('a refused selection without JavaScript shows inline with the timer running (422), never a dead end', async () => {
  const { context, page, base } = await startMock({ javaScriptEnabled: false });
  let n = 1;
  for (; n <= 50; n++) {
    await page.goto(`${base}/q/${n}`);
    if (await page.locator('input[type="checkbox"][name="selected"]').count()) break;
  }
  for (const k of ['a', 'b', 'c']) await page.locator(`#opt-${k}`).check();
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Save and next' }).click()]);
  assert.equal(response.status(), 422);
  assert.match(await page.locator('#answer-error').innerText(), /Choose only 2 answers/);
  assert.match(await page.locator('.timer').innerText(), /Time left/);
  assert.equal(await page.locator('h1').innerText(), `Question ${n} of 50`);
  await page.locator('#opt-c').uncheck();
  await page.getByRole('button', { name: 'Save and next' }).click();
  await page.waitForURL(new RegExp(`${base}/q/${n + 1}$`));
  await context.close();
});

test('an answer can be cleared, and the navigator shows it unanswered again', async () => {
  const { context, page } = await startMock();
  await page.locator('#opt-a').check();
  await waitSaved(page);
  assert.equal(await page.locator('.nav-item[data-index="1"].answered').count(), 1);
  await page.getByRole('button', { name: 'Clear answer' }).click();
  await page.waitForFunction(() => /cleared and saved/.test(document.getElementById('save-status').textContent));
  assert.deepEqual(await checkedLetters(page), []);
  assert.equal(await page.locator('.nav-item[data-index="1"].answered').count(), 0);
  await page.reload();
  assert.deepEqual(await checkedLetters(page), []);
  assert.match(await page.locator('.progress-line label').innerText(), /^0 of 50 answered/);
  await context.close();
});

test('stale tab cannot overwrite: the second tab is refused and shown the saved answer', async () => {
  const { context, page, base } = await startMock();
  const other = await context.newPage();
  await other.goto(`${base}/q/4`);
  await page.goto(`${base}/q/4`);
  await page.locator('#opt-a').check();
  await waitSaved(page);
  // The other tab still shows question 4 as it was; its choice must not overwrite "a". (A click,
  // not check(): check() would click again on the page the refusal loads.)
  await other.locator('#opt-b').click();
  await other.waitForURL(/\/q\/4\?notice=stale$/);
  assert.match(await other.locator('#notice').innerText(), /changed in another tab or window/);
  assert.deepEqual(await checkedLetters(other), ['a']);
  await assertAccessible(other, 'stale tab notice');
  await page.reload();
  assert.deepEqual(await checkedLetters(page), ['a']);
  await context.close();
});

test('saving offline says so and retries; leaving with the change unsaved warns', async () => {
  const { context, page } = await startMock();
  await context.setOffline(true);
  await page.locator('#opt-b').check();
  await page.waitForFunction(() => /Not saved/.test(document.getElementById('save-status').textContent));
  assert.match(await saveStatus(page).innerText(), /Not saved: no connection to certhub\. Trying again in \d+ s\./);
  let warned = false;
  page.once('dialog', async (d) => { warned = d.type() === 'beforeunload'; await d.dismiss(); });
  await page.goto('about:blank', { timeout: 5000 }).catch(() => {});
  assert.ok(warned, 'leaving asked first');
  await context.setOffline(false);
  await waitSaved(page);
  await page.reload();
  assert.deepEqual(await checkedLetters(page), ['b']);
  await context.close();
});

test('review: a grid with the chosen letters, filters, the first unanswered, and the unanswered warning', async () => {
  const { context, page, base } = await startMock();
  for (const n of [1, 2, 3]) {
    await page.goto(`${base}/q/${n}`);
    await page.locator('#opt-a').check();
    await waitSaved(page);
  }
  await page.goto(`${base}/q/2`);
  await page.getByLabel('Flag this question for review').check();
  await waitSaved(page);
  await page.getByRole('button', { name: 'Review and submit' }).click();
  await page.waitForURL(/\/confirm$/);
  assert.match(await page.locator('.lead').innerText(), /You have answered 3 of 50 questions\. Unanswered: 47\./);
  assert.equal(await page.locator('.grid-item').count(), 50);
  assert.match(await page.locator('.grid-item').first().innerText(), /^1\s*A/);
  await page.getByRole('link', { name: 'Flagged (1)' }).click();
  assert.equal(await page.locator('.grid-item').count(), 1);
  await page.getByRole('link', { name: 'Unanswered (47)' }).click();
  assert.equal(await page.locator('.grid-item').count(), 47);
  await assertAccessible(page, 'review grid');
  await shots(page, 'practice-review');
  assert.equal(await page.getByRole('link', { name: 'Back to the questions' }).getAttribute('href'), `${new URL(base).pathname}/q/4`);
  // Submitting with 47 open needs the tick; the browser's own check stops it first.
  await page.getByRole('button', { name: 'Submit the exam' }).click();
  assert.match(page.url(), /\/confirm\?show=unanswered$/);
  await page.getByLabel('Submit with 47 questions unanswered. Unanswered questions count as wrong.').check();
  await page.getByRole('button', { name: 'Submit the exam' }).click();
  await page.waitForURL(/\/result$/);
  await context.close();
});

test('timer warnings at 10, 5 and 1 minutes are shown and announced (injected clock)', async () => {
  const { context, page } = await startMock({ clock: true, timezoneId: 'America/New_York' });
  const timer = page.locator('#timer');
  const announced = () => page.locator('#timer-announcer').innerText();
  assert.equal(await timer.getAttribute('class'), 'timer');
  await page.clock.fastForward('50:01');
  await page.waitForFunction(() => document.getElementById('timer').classList.contains('timer-warning'));
  assert.equal(await announced(), '10 minutes left');
  await page.clock.fastForward('05:00');
  await page.waitForFunction(() => document.getElementById('timer-announcer').textContent === '5 minutes left');
  await page.clock.fastForward('04:00');
  await page.waitForFunction(() => document.getElementById('timer').classList.contains('timer-urgent'));
  assert.equal(await announced(), '1 minute left');
  assert.match(await page.locator('.timer-value').innerText(), /^0:5\d$/);
  await assertAccessible(page, 'timer warning');
  await shots(page, 'practice-timer-urgent');
  // The end time reads in the learner's own clock (New York here), not in UTC.
  assert.match(await page.locator(".timer-ends time").innerText(), /^05:\d\d\s(AM\s)?EST$/);
  await context.close();
});

test('"practise the ones I missed" starts a training of exactly those questions', async () => {
  const { context, page, base } = await startMock();
  const missed = new Set();
  for (let n = 1; n <= 6; n++) {
    await page.goto(`${base}/q/${n}`);
    const { question, key, options } = await currentKey(page, bank);
    const pick = n % 2 ? key : options.map((o) => o.key).filter((k) => !key.includes(k)).slice(0, key.length);
    if (n % 2 === 0) missed.add(question.id);
    for (const k of pick) await page.locator(`#opt-${k}`).check();
    await waitSaved(page);
  }
  for (let n = 7; n <= 50; n++) {
    await page.goto(`${base}/q/${n}`);
    missed.add((await currentKey(page, bank)).question.id);
  }
  await page.goto(`${base}/confirm`);
  await page.getByLabel(/Submit with 44 questions unanswered/).check();
  await page.getByRole('button', { name: 'Submit the exam' }).click();
  await page.waitForURL(/\/result$/);
  assert.match(await page.locator('.margin').innerText(), /34 more correct answers needed to pass/);
  await page.getByRole('button', { name: `Practise the ${missed.size} questions I missed` }).click();
  await page.waitForURL(/\/q\/1$/);
  assert.equal(await page.locator('h1').innerText(), `Question 1 of ${missed.size}`);
  const seen = new Set();
  const training = page.url().replace(/\/q\/1$/, '');
  for (let n = 1; n <= missed.size; n++) {
    await page.goto(`${training}/q/${n}`);
    seen.add((await currentKey(page, bank)).question.id);
  }
  assert.deepEqual(seen, missed);
  await context.close();
});

test('a whole mock exam with the keyboard alone, resumed after a reload', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/practice/csm/mock`);
  await assertAccessible(page, 'mock instructions');
  await shots(page, 'practice-mock-instructions');
  await page.getByRole('button', { name: 'Start the 60-minute mock exam' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/q\/1$/);
  const attempt = /\/attempts\/([0-9a-f]+)\//.exec(page.url())[1];
  const deadline = await page.locator('.timer time').getAttribute('datetime');
  assert.match(await page.locator('.timer-value').innerText(), /^\d+:\d\d$/, 'the timer counts down with JS');
  await assertAccessible(page, 'mock question');
  await shots(page, 'practice-mock-question');

  for (let n = 1; n <= 50; n++) {
    await page.waitForURL(new RegExp(`/q/${n}$`));
    const choose = (await page.locator('input[type="checkbox"][name="selected"]').count()) ? 2 : 1;
    await page.keyboard.press('1');
    if (choose === 2) await page.keyboard.press('2');
    if (n === 3) await page.keyboard.press('m');
    assert.equal(await page.locator('input[name="selected"]:checked').count(), choose);
    await waitSaved(page);
    if (n === 20) {
      // Close-the-tab stand-in: reload and resume.
      await page.keyboard.press('n');
      await page.waitForURL(/\/q\/21$/);
      await page.reload();
      await page.goto(`${env.server.url}/attempts/${attempt}`);
      await page.waitForURL(/\/q\/21$/);
      assert.equal(await page.locator('.timer time').getAttribute('datetime'), deadline, 'same deadline');
      assert.match(await page.locator('.progress-line label').innerText(), /^20 of 50 answered/);
      continue;
    }
    await page.keyboard.press(n < 50 ? 'n' : 'r');
  }
  await page.waitForURL(/\/confirm$/);
  assert.match(await page.locator('.lead').innerText(), /Every question has an answer/);
  assert.equal(await page.locator('.grid-item.flagged').count(), 1);
  await assertAccessible(page, 'confirm');
  await shots(page, 'practice-confirm');
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.textContent?.trim().startsWith('Submit'))) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/result$/);
  assert.match(await page.locator('.score').innerText(), /^\d+ of 50 correct \(\d+%\)$/);
  assert.match(await page.locator('#score-title').innerText(), /^(Passed|Not passed)$/);
  assert.equal(await page.locator('.domain-table tbody tr').count(), 6);
  // Chart labels are text, never cut: each reads the domain's full name.
  const labels = await page.locator('.bar-label').allInnerTexts();
  assert.ok(labels.includes('Artifacts and commitments'), labels.join(' | '));
  await assertAccessible(page, 'result');
  await shots(page, 'practice-result');
  // The practice page lists it with its result, score and local time.
  await page.goto(`${env.server.url}/practice/csm`);
  const row = page.locator('table.attempts tbody tr').first();
  assert.match(await row.innerText(), /Mock exam[\s\S]*(Passed|Not passed)[\s\S]*\d+ of 50 \(\d+%\)/);
  assert.match(await row.locator('time').innerText(), /^Nov 23, 2026, 4:\d\d AM$/, 'local time, not UTC');
  await assertAccessible(page, 'practice home with attempts');
  await context.close();
});

test('the practice pages work without JavaScript', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/practice/csm`);
  await page.getByRole('link', { name: 'Read the instructions and start' }).click();
  await page.getByRole('button', { name: 'Start the 60-minute mock exam' }).click();
  await page.waitForURL(/\/q\/1$/);
  assert.match(await page.locator('.timer').innerText(), /ends at 10:\d\d UTC/);
  await page.locator('input[name="selected"]').first().check();
  await page.getByRole('button', { name: 'Save and next' }).click();
  await page.waitForURL(/\/q\/2$/);
  assert.match(await page.locator('.progress-line label').innerText(), /^1 of 50 answered/);
  await context.close();
});

test('the quick review: one page per live route, axe-core clean, and it prints without its buttons', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  for (const id of ['csm', 'psm-i', 'pspo-i']) {
    await page.goto(`${env.server.url}/practice/${id}`);
    await page.getByRole('link', { name: /quick review/ }).click();
    await page.waitForURL(new RegExp(`/practice/${id}/review$`));
    await assertAccessible(page, `${id} quick review`);
    await shots(page, `practice-review-${id}`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  // The print stylesheet: the rules stay, the site's chrome and the training buttons go.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.rule-practice').first().isVisible(), false);
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.ok(await page.locator('.review-rule').first().isVisible());
  const pdfRules = await page.locator('.review-rule').count();
  assert.ok(pdfRules >= 20, `${pdfRules} rules`);
  await page.emulateMedia({ media: 'screen' });
  // A rule's button starts its short training.
  await page.locator('.rule-practice button').first().click();
  await page.waitForURL(/\/q\/1$/);
  assert.match(await page.locator('.exam-title').innerText(), /PSPO I · Training/);
  await context.close();
});

test('no practice page scrolls sideways at 320 and 375 px, and each is axe-core clean', async () => {
  const { context, page, base } = await startMock();
  const training = await (async () => {
    const p = await context.newPage();
    const b = await startTraining(p, env.server.url);
    await p.locator('#opt-a').check();
    const multi = await p.locator('input[type="checkbox"][name="selected"]').count();
    if (multi) await p.locator('#opt-b').check();
    await p.getByRole('button', { name: 'Check answer' }).click();
    await p.locator('#feedback').waitFor();
    await p.getByRole('button', { name: 'Finish and see results' }).click();
    await p.getByRole('button', { name: 'Submit and see results' }).click();
    await p.waitForURL(/\/result$/);
    await p.close();
    return b;
  })();
  await page.locator('#opt-a').check();
  await waitSaved(page);
  const paths = ['/practice', '/practice/csm', '/practice/csm/sample', '/practice/csm/training', '/practice/csm/mock',
    '/practice/psm-i', '/practice/pspo-i/mock', '/practice/csm/review', '/practice/psm-i/review', '/practice/pspo-i/review',
    `${new URL(base).pathname}/q/1`, `${new URL(base).pathname}/confirm`, `${new URL(training).pathname}/q/1`,
    `${new URL(training).pathname}/result`, `${new URL(training).pathname}/result?show=all`];
  const problems = [];
  for (const width of [320, 375]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of paths) {
      await page.goto(env.server.url + path);
      const scroll = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scroll[0] > scroll[1]) problems.push(`${path} at ${width}px scrolls sideways (${scroll[0]}px)`);
    }
  }
  // The mock's result at 320 px too, after submitting.
  await page.goto(`${base}/confirm`);
  await page.getByLabel(/Submit with 49 questions unanswered/).check();
  await page.getByRole('button', { name: 'Submit the exam' }).click();
  await page.waitForURL(/\/result$/);
  for (const width of [320, 375]) {
    await page.setViewportSize({ width, height: 800 });
    const scroll = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    if (scroll[0] > scroll[1]) problems.push(`mock result at ${width}px scrolls sideways (${scroll[0]}px)`);
  }
  assert.deepEqual(problems, []);
  await assertAccessible(page, 'mock result at 375 px');
  await shots(page, 'practice-mock-result');
  await context.close();
});
