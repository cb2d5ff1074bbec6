// Practice in a real browser (Debian's Chromium via Playwright): the sample quiz by mouse, a
// whole mock exam by keyboard alone with a reload in the middle, axe-core on every page type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, assertAccessible, shots } from '../support/browser.mjs';

const env = serverAndBrowser();

test('the sample quiz: answer, see the feedback with reasons, go on', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}/practice/csm`);
  await page.getByRole('button', { name: 'Start the sample questions' }).click();
  await page.waitForURL(/\/attempts\/[0-9a-f]+\/q\/1$/);
  await assertAccessible(page, 'sample question');
  await page.locator('input[name="selected"]').first().check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  const feedback = page.locator('#feedback');
  await feedback.waitFor();
  assert.match(await feedback.locator('h2').innerText(), /^(Correct|Not quite: the answer is [A-F])/);
  const options = await page.locator('input[name="selected"]').count();
  assert.equal(await feedback.locator('.reasons li').count(), options);
  assert.ok(await page.locator('fieldset.options[disabled]').count(), 'answer is locked after feedback');
  await assertAccessible(page, 'sample feedback');
  await shots(page, 'practice-sample-feedback');
  await page.getByRole('button', { name: 'Next question' }).click();
  await page.waitForURL(/\/q\/2$/);
  await context.close();
});

test('a whole mock exam with the keyboard alone, resumed after a reload', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/practice/csm/mock`);
  await page.getByRole('button', { name: 'Start' }).focus();
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
    if (n === 20) {
      // Close-the-tab stand-in: the answers so far are saved when moving on; reload and resume.
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
  assert.match(await page.locator('#flagged-title').innerText(), /Flagged for review: 1/);
  assert.match(await page.locator('#unanswered-title').innerText(), /Unanswered: 0/);
  await assertAccessible(page, 'confirm');
  await shots(page, 'practice-confirm');
  // Tab to the submit button and press Enter.
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.textContent?.trim().startsWith('Submit'))) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/result$/);
  assert.match(await page.locator('.score').innerText(), /^\d+ of 50 correct \(\d+\.\d%\)$/);
  assert.match(await page.locator('#score-title').innerText(), /^(Passed|Not passed)$/);
  assert.equal(await page.locator('.domain-table tbody tr').count(), 6);
  await assertAccessible(page, 'result');
  await shots(page, 'practice-result');
  await context.close();
});

test('the practice pages work without JavaScript', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/practice/csm`);
  await page.getByRole('button', { name: /Start a 60-minute mock exam/ }).click();
  await page.waitForURL(/\/q\/1$/);
  assert.match(await page.locator('.timer').innerText(), /ends at 10:00 UTC/);
  await page.locator('input[name="selected"]').first().check();
  await page.getByRole('button', { name: 'Save and next' }).click();
  await page.waitForURL(/\/q\/2$/);
  assert.match(await page.locator('.progress-line label').innerText(), /^1 of 50 answered/);
  await context.close();
});
