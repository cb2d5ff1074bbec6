// The admin area in a real browser (Debian's Chromium via Playwright): an admin made with
// `certhub user add --admin` logs in, sees the demand per route, filters the requests and
// downloads them as CSV; /admin, /admin/requests and /admin/outbox are axe-core clean and do not
// scroll sideways on a phone. Each test is named after what it ensures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startServer, Visitor, csrfOf, form, bin } from '../support/certhub.mjs';
import { launchBrowser, assertAccessible, screenshot } from '../support/browser.mjs';
import { freePort, waitFor } from '../support/smtp.mjs';

const PASSWORD = 'correct horse battery staple';
const tag = randomBytes(3).toString('hex');
const ADMIN = `admin-${tag}@example.org`;
let server;
let browser;

// A visitor asks for news of `cert` on its status page, with or without an email.
async function requestUpdate(cert, email) {
  const v = new Visitor(server.url);
  const page = await (await v.fetch(`/certifications/${cert}`)).text();
  const fields = { csrf_token: csrfOf(page), email: email || '' };
  if (email) fields.consent = 'yes';
  const res = await v.fetch(`/certifications/${cert}/requests`, form(fields));
  assert.equal(res.status, 303);
}

before(async () => {
  // A relay nobody listens on: the confirmations stay queued with the relay's error, so the
  // outbox has rows with long text to show.
  const relay = await freePort();
  server = await startServer({ args: ['--mail-from', 'certhub <news@certhub.test>', '--public-url', 'http://public.certhub.test',
                                      '--smtp-url', `smtp://127.0.0.1:${relay}`, '--smtp-retry-seconds', '1'] });
  const made = spawnSync(bin, ['user', 'add', ADMIN, '--admin', '--db', server.dbPath], { encoding: 'utf8', input: `${PASSWORD}\n` });
  assert.equal(made.status, 0, made.stderr);
  for (const email of [`one-${tag}@example.org`, `two-${tag}@example.org`, '', '']) await requestUpdate('a-csm', email);
  await requestUpdate('a-cspo', `three-${tag}@example.org`);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function loggedIn() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return { context, page };
}

test('an admin logs in, sees the demand per route and downloads the requests as CSV', async () => {
  const { context, page } = await loggedIn();
  const res = await page.goto(`${server.url}/admin`);
  assert.equal(res.status(), 200);
  const row = (code) => page.locator('table.stack tbody tr').filter({ has: page.getByRole('rowheader', { name: code, exact: true }) });
  const cells = async (code) => (await row(code).locator('td').allInnerTexts()).map((t) => t.trim());
  assert.deepEqual(await cells('A-CSM'), ['4', '2', '0'], 'A-CSM: requests, with email, reachable');
  assert.deepEqual(await cells('A-CSPO'), ['1', '1', '0']);
  assert.match(await page.locator('#outbox-title + p').innerText(), /^3 queued, 0 sent, 0 failed\./);

  // The route's link leads to its requests; the list's CSV link downloads them.
  await row('A-CSM').getByRole('link', { name: 'A-CSM' }).click();
  await page.waitForURL(/\/admin\/requests\?route=a-csm$/);
  assert.match(await page.locator('main').innerText(), /4 requests\./);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download them as CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'certhub-requests.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'id,route,email,created_utc,state');
  assert.equal(lines.at(-1), '', 'ends with CRLF');
  assert.equal(lines.length, 6, 'the header and four rows');
  assert.ok(lines.slice(1, -1).every((l) => l.split(',')[1] === 'a-csm'), csv);
  assert.ok(csv.includes(`one-${tag}@example.org`) && csv.includes(`two-${tag}@example.org`));
  assert.ok(!csv.includes(`three-${tag}`), 'the filter applies to the download');

  // The filter form narrows the list.
  await page.getByLabel('Email').selectOption('without');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.waitForURL(/email=without/);
  assert.match(await page.locator('main').innerText(), /2 requests\./);
  await context.close();
});

test('the admin pages are axe-core clean and do not scroll sideways at 375 px', async () => {
  const { context, page } = await loggedIn();
  await waitFor(async () => {
    await page.goto(`${server.url}/admin/outbox`);
    return /Couldn.t connect|Failed to connect/i.test(await page.locator('main').innerText());
  }, 20000, 'the relay error in the outbox', 500);
  const problems = [];
  for (const path of ['/admin', '/admin/requests', '/admin/requests?route=a-csm&email=with', '/admin/outbox', '/admin?reloaded=1']) {
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      const res = await page.goto(server.url + path);
      assert.equal(res.status(), 200, path);
      await assertAccessible(page, `${path} at ${width}px`);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      if (scroll > client) problems.push(`${path} at ${width}px scrolls sideways (${scroll}px > ${client}px)`);
      await screenshot(page, `admin${path.replace(/[^a-z0-9]+/gi, '-')}`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});
