// Accounts in a real browser (Debian's Chromium via Playwright): signing up, practising, logging
// out and logging in on another browser; /signup, /login and /account checked with axe-core
// (also with an error shown), on a phone's width and by keyboard alone. Each test is named after
// what it prevents or guarantees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { serverAndBrowser, assertAccessible, shots } from '../support/browser.mjs';
import { shippedContent } from '../support/certhub.mjs';
import { loadBank } from '../support/bank.mjs';
import { currentKey, startTraining } from '../support/practice_page.mjs';

const env = serverAndBrowser();
const bank = loadBank(shippedContent, 'csm');
const PASSWORD = 'correct horse battery staple';
const newEmail = () => `browser-${randomBytes(4).toString('hex')}@example.org`;

async function newBrowser(options = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  return { context, page };
}

// Fills the sign-up or log-in form as a visitor does and submits it with its button.
async function submitCredentials(page, path, email, password) {
  await page.goto(`${env.server.url}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: path === '/signup' ? 'Create account' : 'Log in' }).click();
}

const alertText = async (page) => (await page.getByRole('alert').innerText()).trim();
const noHorizontalScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth);

test('sign up, answer a training question, log out, and the attempt is there after log-in in a fresh browser', async () => {
  const email = newEmail();
  const first = await newBrowser();
  await submitCredentials(first.page, '/signup', email, PASSWORD);
  await first.page.waitForURL(/\/progress$/);
  // The nav's Account link leads to the account page, which names the account.
  await first.page.getByRole('link', { name: 'Account', exact: true }).click();
  await first.page.waitForURL(/\/account$/);
  assert.match(await first.page.locator('.lead').innerText(), new RegExp(`Logged in as ${email.replace(/\./g, '\\.')}`));

  const base = await startTraining(first.page, env.server.url);
  const attempt = /\/attempts\/([0-9a-f]+)$/.exec(base)[1];
  const { key } = await currentKey(first.page, bank);
  for (const k of key) await first.page.locator(`#opt-${k}`).check();
  await first.page.getByRole('button', { name: 'Check answer' }).click();
  await first.page.locator('#feedback').waitFor();
  assert.match(await first.page.locator('#verdict-title').innerText(), /^✓ Correct/);

  await first.page.goto(`${env.server.url}/account`);
  await first.page.getByRole('button', { name: 'Log out', exact: true }).click();
  await first.page.waitForURL(`${env.server.url}/`);
  // Logged out: the account page sends to /login, and the attempt is not this browser's now.
  await first.page.goto(`${env.server.url}/account`);
  assert.match(first.page.url(), /\/login$/);
  await first.page.goto(`${env.server.url}/progress/csm`);
  assert.equal(await first.page.locator(`a[href^="/attempts/${attempt}"]`).count(), 0, 'logged out: not shown');
  await first.context.close();

  const second = await newBrowser();
  await submitCredentials(second.page, '/login', email.toUpperCase(), PASSWORD);
  await second.page.waitForURL(/\/progress$/);
  await second.page.goto(`${env.server.url}/progress/csm`);
  const rows = second.page.locator('table.attempts tbody tr');
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().locator('th').innerText(), 'Training');
  const link = rows.first().locator('a');
  assert.equal(await link.getAttribute('href'), `/attempts/${attempt}`);
  await link.click();
  await second.page.waitForURL(new RegExp(`/attempts/${attempt}/q/2$`));
  await second.context.close();
});

test('what was practised before signing up comes with the account', async () => {
  const { context, page } = await newBrowser();
  const base = await startTraining(page, env.server.url);
  const attempt = /\/attempts\/([0-9a-f]+)$/.exec(base)[1];
  await page.goto(`${env.server.url}/progress`);
  await page.getByRole('link', { name: 'Account', exact: true }).click();
  await page.waitForURL(/\/login$/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.waitForURL(/\/signup$/);
  const email = newEmail();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/progress$/);
  await context.close();
  const other = await newBrowser();
  await submitCredentials(other.page, '/login', email, PASSWORD);
  await other.page.waitForURL(/\/progress$/);
  await other.page.goto(`${env.server.url}/progress/csm`);
  assert.equal(await other.page.locator(`table.attempts a[href="/attempts/${attempt}"]`).count(), 1);
  await other.context.close();
});

test('axe-core finds nothing serious on /signup, /login and /account, with and without an error', async () => {
  const { context, page } = await newBrowser();
  await page.goto(`${env.server.url}/signup`);
  await assertAccessible(page, '/signup');
  await shots(page, 'accounts-signup');
  // A refused sign-up: the alert, the field marked invalid, the email kept, the password empty.
  await submitCredentials(page, '/signup', 'not-an-email', 'my secret guess here');
  await page.locator('p.notice.error[role="alert"]').waitFor();
  assert.match(await alertText(page), /Enter an email address like name@example\.org/);
  assert.equal(await page.getByLabel('Email').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Email').inputValue(), 'not-an-email');
  assert.equal(await page.getByLabel('Password').inputValue(), '');
  await assertAccessible(page, '/signup with an error');
  await shots(page, 'accounts-signup-error');

  await page.goto(`${env.server.url}/login`);
  await assertAccessible(page, '/login');
  await shots(page, 'accounts-login');
  await submitCredentials(page, '/login', 'nobody@example.org', 'my secret guess here');
  await page.locator('p.notice.error[role="alert"]').waitFor();
  assert.equal(await alertText(page), 'That email and password do not match an account.');
  assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), 'true');
  await assertAccessible(page, '/login with an error');
  await shots(page, 'accounts-login-error');

  const email = newEmail();
  await submitCredentials(page, '/signup', email, PASSWORD);
  await page.waitForURL(/\/progress$/);
  await page.goto(`${env.server.url}/account`);
  await assertAccessible(page, '/account');
  await shots(page, 'accounts-account');
  await page.locator('#current-password').fill('not my password');
  await page.locator('#new-password').fill('a new long password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('p.notice.error[role="alert"]').waitFor();
  assert.equal(await alertText(page), 'That is not your current password.');
  await assertAccessible(page, '/account with an error');
  await shots(page, 'accounts-account-error');
  await context.close();
});

test('at 375 px the account forms fit without sideways scrolling and work by keyboard alone', async () => {
  const { context, page } = await newBrowser({ viewport: { width: 375, height: 800 } });
  // Tab from the top of the page reaches the email field, then the password; Enter submits.
  const tabTo = async (id) => {
    for (let i = 0; i < 40; i++) {
      if (await page.evaluate(() => document.activeElement?.id) === id) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`Tab never reached #${id}`);
  };
  for (const path of ['/signup', '/login']) {
    await page.goto(`${env.server.url}${path}`);
    assert.ok(await noHorizontalScroll(page) <= 375, `${path}: scrollWidth ${await noHorizontalScroll(page)}`);
  }
  const email = newEmail();
  await page.goto(`${env.server.url}/signup`);
  await tabTo('account-email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'account-password', 'the password comes next');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/progress$/);

  await page.goto(`${env.server.url}/account`);
  assert.ok(await noHorizontalScroll(page) <= 375, `/account: scrollWidth ${await noHorizontalScroll(page)}`);
  // An error at this width still fits.
  await tabTo('current-password');
  await page.keyboard.type('not my password');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-password');
  await page.keyboard.type('a new long password');
  await page.keyboard.press('Enter');
  await page.locator('p.notice.error[role="alert"]').waitFor();
  assert.ok(await noHorizontalScroll(page) <= 375, `/account with an error: scrollWidth ${await noHorizontalScroll(page)}`);

  // Log out by keyboard: focus the button and press Enter.
  await page.getByRole('button', { name: 'Log out', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${env.server.url}/`);

  // Log in by keyboard, with an error first.
  await page.goto(`${env.server.url}/login`);
  await tabTo('account-email');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type('wrong password here');
  await page.keyboard.press('Enter');
  await page.locator('p.notice.error[role="alert"]').waitFor();
  assert.ok(await noHorizontalScroll(page) <= 375, `/login with an error: scrollWidth ${await noHorizontalScroll(page)}`);
  assert.equal(await page.getByLabel('Email').inputValue(), email, 'the email is kept');
  await page.getByLabel('Password').focus();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/progress$/);
  await context.close();
});
