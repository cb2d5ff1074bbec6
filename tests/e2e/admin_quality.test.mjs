// Question quality in a real browser (Debian's Chromium via Playwright): a learner reports a
// problem under a question's feedback, by mouse and by keyboard, and an admin finds it in the
// queue and resolves it; the admin's item statistics, queue and question pages pass axe-core and
// fit a 375 px screen. Each test is named after what it prevents or guarantees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { serverAndBrowser, assertAccessible, shots } from '../support/browser.mjs';
import { bin, shippedContent } from '../support/certhub.mjs';
import { loadBank } from '../support/bank.mjs';
import { currentKey, startTraining } from '../support/practice_page.mjs';
import { apiVisitor, call } from '../support/api.mjs';

const env = serverAndBrowser();
const bank = loadBank(shippedContent, 'csm');
const adminEmail = 'admin@example.org';
const adminPassword = 'correct horse battery staple';

function addAdmin() {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, ['user', 'add', adminEmail, '--admin', '--db', env.server.dbPath]);
    proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`user add: ${code}`))));
    proc.stdin.end(`${adminPassword}\n`);
  });
}

async function newPage(options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  return { context, page: await context.newPage() };
}

async function fitsPhone(page, name) {
  await page.setViewportSize({ width: 375, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name} scrolls sideways at 375 px by ${overflow} px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Answers the question shown with its key and returns the question's id.
async function answerRight(page) {
  const { question, key } = await currentKey(page, bank);
  for (const k of key) await page.locator(`#opt-${k}`).check();
  await page.getByRole('button', { name: 'Check answer' }).click();
  await page.locator('#feedback').waitFor();
  return question.id;
}

async function logInAsAdmin(page) {
  await page.goto(`${env.server.url}/login`);
  await page.getByLabel('Email').fill(adminEmail);
  await page.getByLabel('Password').fill(adminPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/progress$/);
}

let reported = [];

test('a learner can report a problem under the feedback, by mouse and by keyboard alone, and is thanked', async () => {
  const { context, page } = await newPage();
  await startTraining(page, env.server.url);
  const first = await answerRight(page);
  await page.getByText('Report a problem with this question').click();
  await page.getByLabel('Wrong key').check();
  await page.getByLabel(/What should it say/).fill('Option C is right too, see the Guide\'s section on events.');
  await assertAccessible(page, 'question with the report form open');
  await page.getByRole('button', { name: 'Send report' }).click();
  await page.waitForURL(/notice=reported/);
  assert.match(await page.locator('#thanks').innerText(), /Thank you: your report was sent/);
  reported.push(first);

  // The next question, by keyboard alone: the summary opens with Enter, arrows pick a category.
  await page.getByRole('button', { name: 'Next question' }).first().click();
  await page.waitForURL(/\/q\/2$/);
  const second = await answerRight(page);
  await page.locator('#report-q summary').focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');  // the first category
  await page.keyboard.press('ArrowDown');  // "Unclear"
  assert.equal(await page.getByLabel('Unclear').isChecked(), true);
  await page.keyboard.press('Tab');
  await page.keyboard.type('The stem says "sprint" twice.');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/q\/2\?notice=reported/);
  reported.push(second);
  await context.close();
});

test('an admin finds the reports in the queue, resolves one with a note, and every admin page passes axe-core at 1280 and 375 px', async () => {
  assert.equal(reported.length, 2, 'the learner test ran first');
  await addAdmin();
  const { context, page } = await newPage();
  await logInAsAdmin(page);
  await page.goto(`${env.server.url}/admin`);
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Reports' }).click();
  await page.waitForURL(/\/admin\/reports$/);
  for (const id of reported) await page.getByRole('link', { name: id, exact: true }).waitFor();
  assert.match(await page.locator(`#q-${reported[0]}`).innerText(), /Wrong key: 1/);
  assert.match(await page.locator(`#q-${reported[0]}`).innerText(), /Option C is right too/);
  await assertAccessible(page, 'admin reports queue');
  await fitsPhone(page, 'admin reports queue');
  await shots(page, 'admin-reports');

  const card = page.locator(`#q-${reported[0]}`);
  await card.getByLabel('Status').selectOption('fixed');
  await card.getByLabel('Note').fill('Key corrected in events.yaml.');
  await card.getByRole('button', { name: `Save status of ${reported[0]}` }).click();
  await page.waitForURL(/saved=/);
  assert.match(await page.locator('.notice.success').innerText(), new RegExp(`Status of ${reported[0]} saved`));
  assert.equal(await page.locator(`#q-${reported[0]}`).count(), 0, 'a fixed question leaves the open queue');
  assert.equal(await page.locator(`#q-${reported[1]}`).count(), 1, 'the other stays');

  await page.getByRole('link', { name: reported[1], exact: true }).click();
  await page.waitForURL(new RegExp(`/admin/questions/${reported[1]}$`));
  assert.match(await page.locator('main').innerText(), /content\/questions\/csm\/.+\.yaml:\d+/);
  assert.match(await page.locator('main').innerText(), /The stem says "sprint" twice\./);
  await assertAccessible(page, 'admin question page');
  await fitsPhone(page, 'admin question page');
  await shots(page, 'admin-question');

  // Two finished mock exams, so the table has rows (a long file:line among them) at 375 px.
  for (let m = 0; m < 2; m++) {
    const v = await apiVisitor(env.server.url);
    const { body: a } = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' });
    assert.equal((await call(v, 'POST', `/api/v1/attempts/${a.id}/submit`, {})).status, 200);
  }
  await page.goto(`${env.server.url}/admin/items`);
  await page.getByRole('button', { name: 'Compute again now' }).click();
  for (let i = 0; i < 50 && await page.locator('#computing').count(); i++) {
    await page.waitForTimeout(100);
    await page.reload();
  }
  assert.match(await page.locator('main').innerText(), /Computed .* from 2 finished mock exams/);
  assert.ok(await page.locator('tbody tr').count() >= 50, 'a row per question drawn');
  await assertAccessible(page, 'admin item statistics');
  await fitsPhone(page, 'admin item statistics');
  await shots(page, 'admin-items');
  await context.close();
});
