// The hub in a real browser (Debian's Chromium via Playwright): a visitor's way from the home
// page to a status page and an update request, a comparison, the course filter, the same
// forms without JavaScript, and axe-core, layout and CSP checks on every hub page at 1280 and
// 375 px, with screenshots saved under $CERTHUB_TEST_OUTPUT/screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, assertAccessible, shots, runAxe, screenshot, widths } from '../support/browser.mjs';

const env = serverAndBrowser();

// Console messages that report a Content Security Policy violation, collected per page.
function watchCsp(page) {
  const seen = [];
  page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) seen.push(m.text()); });
  return seen;
}

test('home → family → route map → status page → request an update, and the count rises', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/`);
  await assertAccessible(page, 'home');
  await shots(page, 'hub-home');

  await page.getByRole('link', { name: 'Scrum Alliance', exact: true }).first().click();
  await page.waitForURL(/\/families\/scrum-alliance$/);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Scrum Alliance certifications' }).waitFor());
  await assertAccessible(page, 'family');

  await page.getByRole('link', { name: 'the full route map' }).click();
  await page.waitForURL(/\/routes$/);
  await page.setViewportSize({ width: 1280, height: 900 });  // shots() above left it at 375
  const wide = page.locator('.map-wide svg');
  await wide.waitFor();
  // Sized to its content: on a laptop the codes are about 17 px, not blown up to fill the page.
  const desktopCode = await page.locator('svg .rm-code').first().evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(desktopCode >= 12 && desktopCode <= 22, `node code is ${desktopCode}px tall at 1280 px`);
  assert.ok((await wide.boundingBox()).width < 700, 'the map is as wide as its three columns, not the page');
  // Readable at 375 px: the two-column map fits the width with legible codes and status words.
  await page.setViewportSize({ width: 375, height: 900 });
  assert.equal(await wide.isVisible(), false);
  const narrow = page.locator('.map-narrow svg');
  assert.ok((await narrow.boundingBox()).width <= 375 - 32, 'fits the phone');
  const phoneCode = await page.locator('svg .rmn-code').first().evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(phoneCode >= 14, `node code is ${phoneCode}px tall at 375 px`);
  const status = await page.locator('.map-narrow svg text:not([class])').first().evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(status >= 10, `status words are ${status}px tall at 375 px`);
  await assertAccessible(page, 'route map at 375 px');
  await page.setViewportSize({ width: 1280, height: 900 });
  await assertAccessible(page, 'route map');

  // Nodes are real links: follow the CSPO box.
  await page.locator('.map-wide svg a[href="/certifications/cspo"]').click();
  await page.waitForURL(/\/certifications\/cspo$/);
  await assertAccessible(page, 'status page');
  const countText = () => page.locator('#request-count').innerText();
  assert.equal(await countText(), 'Nobody has asked yet.');

  await page.getByLabel('Email (optional)').fill('visitor@example.org');
  await page.getByLabel(/Email me when CSPO practice is available/).check();
  await page.getByRole('button', { name: 'Request an update' }).click();
  await page.waitForURL(/\/certifications\/cspo\?requested=1#request$/);
  assert.match(await page.getByRole('status').innerText(), /Thank you: your request for CSPO practice is counted, once per visitor/);
  assert.equal(await countText(), '1 person asked for an update.');
  await assertAccessible(page, 'status page after a request');
  await shots(page, 'hub-status-requested');

  // A second person (another browser context) asks too; the same first email again does not count.
  const other = await (await env.browser.newContext()).newPage();
  await other.goto(`${env.server.url}/certifications/cspo`);
  await other.getByRole('button', { name: 'Request an update' }).click();
  await other.waitForURL(/requested=1/);
  assert.equal(await other.locator('#request-count').innerText(), '2 people asked for an update.');
  // The first visitor asks again, blank or with the same address: still counted once, and the
  // page thanks them in the same words, never "this email had already asked".
  for (const email of ['', 'VISITOR@example.org']) {
    await page.getByLabel('Email (optional)').fill(email);
    if (email) await page.getByLabel(/Email me when CSPO practice is available/).check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Request an update' }).click()]);
    assert.equal(await countText(), '2 people asked for an update.');
    assert.match(await page.getByRole('status').innerText(), /^Thank you: your request for CSPO practice is counted/);
  }

  // An address the browser's own check lets through but certhub's refuses (no dot in the
  // domain) comes back with the message, the field marked and the text kept.
  await page.getByLabel('Email (optional)').fill('someone@localhost');
  await page.getByRole('button', { name: 'Request an update' }).click();
  await page.locator('#request-error').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Enter an email address like name@example\.com/);
  assert.equal(await page.getByLabel('Email (optional)').inputValue(), 'someone@localhost');
  assert.equal(await page.getByLabel('Email (optional)').getAttribute('aria-invalid'), 'true');
  await assertAccessible(page, 'status page with an error');
  await shots(page, 'hub-status-error');
  // On a phone the message is where the form is, not 6,000 px below the top.
  const phone = await (await env.browser.newContext({ viewport: { width: 375, height: 740 } })).newPage();
  await phone.goto(`${env.server.url}/certifications/a-cspo`);
  await phone.getByLabel(/Email me when A-CSPO practice is available/).check();
  await phone.getByRole('button', { name: 'Request an update' }).click();
  await phone.locator('#request-error').waitFor();
  assert.match(await phone.locator('#request-error').innerText(), /Enter your email address so we can write to you, or untick the box/);
  assert.ok(await phone.locator('#request-error').evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }), 'the error is in view after the page comes back');
  await phone.context().close();
  await other.context().close();
  await context.close();
});

test('compare CSM vs CSPO with the picker; differing rows are marked in words', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/compare`);
  await assertAccessible(page, 'compare picker');
  await page.getByLabel('First certification').selectOption('csm');
  await page.getByLabel('Second certification').selectOption('cspo');
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.waitForURL(/\/compare\/csm-vs-cspo$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'CSM vs CSPO');
  const lane = page.locator('tr.differs', { hasText: 'Lane' });
  assert.match(await lane.innerText(), /Differs[\s\S]*Scrum Master[\s\S]*Product Owner/i);
  const same = page.locator('tbody tr', { hasText: 'Awarding family' });
  assert.equal(await same.getAttribute('class'), null);
  // The differing rows look different too, not by colour alone: a bar and the word.
  const bar = await lane.locator('th').evaluate((el) => getComputedStyle(el).boxShadow);
  assert.notEqual(bar, 'none');
  await assertAccessible(page, 'compare CSM vs CSPO');
  await shots(page, 'hub-compare-csm-vs-cspo');
  // At 375 px each row stacks: no sideways scrolling.
  await page.setViewportSize({ width: 375, height: 900 });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 375));
  await context.close();
});

test('filter courses by format and month; the filtered view has its own address', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/courses`);
  assert.equal(await page.locator('li.course').count(), 17);
  await page.getByLabel('Format').selectOption('in-person');
  await page.getByLabel('Month').selectOption({ label: 'February 2027' });
  await page.getByRole('button', { name: 'Show courses' }).click();
  await page.waitForURL(/\/courses\?.*format=in-person.*month=2027-02/);
  assert.equal(await page.locator('li.course').count(), 1);
  assert.match(await page.locator('li.course').innerText(), /16 February 2027[\s\S]*London \(Chancery Lane\)[\s\S]*£895 \+ VAT/);
  assert.equal(await page.getByLabel('Format').inputValue(), 'in-person');
  await assertAccessible(page, 'courses filtered');
  await shots(page, 'hub-courses-filtered');

  await page.getByLabel('Availability').selectOption('sold-out');
  await page.getByRole('button', { name: 'Show courses' }).click();
  await page.waitForURL(/availability=sold-out/);
  assert.match(await page.locator('main').innerText(), /No upcoming courses match these filters\./);
  await assertAccessible(page, 'courses empty');
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await page.waitForURL(/\/courses$/);
  assert.equal(await page.locator('li.course').count(), 17);
  await context.close();
});

test('without JavaScript: the request form, the picker and the course filter still work', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/certifications/pal-i`);
  await page.getByRole('button', { name: 'Request an update' }).click();
  await page.waitForURL(/requested=1/);
  assert.equal(await page.locator('#request-count').innerText(), '1 person asked for an update.');
  await page.goto(`${env.server.url}/compare`);
  await page.getByLabel('First certification').selectOption('cspo');
  await page.getByLabel('Second certification').selectOption('pspo-i');
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.waitForURL(/\/compare\/cspo-vs-pspo-i$/);
  await page.goto(`${env.server.url}/courses`);
  await page.getByLabel('City').selectOption('London');
  await page.getByRole('button', { name: 'Show courses' }).click();
  await page.waitForURL(/city=London/);
  assert.equal(await page.locator('li.course').count(), 3);
  await context.close();
});

test('keyboard: the skip link comes first and focus is visible', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${env.server.url}/routes`);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    return { text: el.textContent, outline: getComputedStyle(el).outlineStyle };
  });
  assert.equal(first.text, 'Skip to content');
  assert.notEqual(first.outline, 'none');
  // A map node takes focus and shows it on its box.
  await page.locator('.map-wide svg a[href="/certifications/csm"]').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const stroke = await page.locator('.map-wide svg a[href="/certifications/csm"] rect').evaluate((el) => getComputedStyle(el).stroke);
  assert.equal(stroke, 'rgb(194, 65, 12)');
  await context.close();
});

const pages = [
  ['/', 'home'],
  ['/families/scrum-alliance', 'family-scrum-alliance'],
  ['/families/scrum-org', 'family-scrum-org'],
  ['/families/safe', 'family-safe'],
  ['/routes', 'routes'],
  ...['csm', 'cspo', 'a-csm', 'a-cspo', 'csp-sm', 'csp-po', 'caf', 'cal-1', 'psm-i', 'psm-ii', 'psm-iii',
    'pspo-i', 'pspo-ii', 'pspo-iii', 'pal-i', 'ssm'].map((id) => [`/certifications/${id}`, `cert-${id}`]),
  ['/compare', 'compare-picker'],
  ['/compare/csm-vs-cspo', 'compare-csm-vs-cspo'],
  ['/compare/cspo-vs-pspo-i', 'compare-cspo-vs-pspo-i'],
  ['/compare/csm-vs-psm-i', 'compare-csm-vs-psm-i'],
  ['/compare?a=csm&b=csm', 'compare-same-twice'],
  ['/compare/csm-vs-nothing', 'compare-unknown'],
  ['/courses', 'courses'],
  ['/courses?certification=caf', 'courses-empty'],
  ['/practice', 'practice-index'],
  ['/certifications/nothing', 'cert-unknown'],
  ['/families/nothing', 'family-unknown'],
];

test('every hub page: axe-core clean, one h1, no sideways scroll, no CSP violation, at 1280, 375 and 320 px', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const csp = watchCsp(page);
  const problems = [];
  for (const width of [...widths, 320]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [path, name] of pages) {
      csp.length = 0;
      await page.goto(env.server.url + path);
      await page.waitForLoadState('load');
      if (csp.length) problems.push(`${path}: CSP violation: ${csp.join(' | ')}`);
      if ((await page.locator('h1').count()) !== 1) problems.push(`${path}: not one h1`);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scroll > width) problems.push(`${path} at ${width}px: scrolls sideways (${scroll}px)`);
      const violations = await runAxe(page);
      if (violations.length) problems.push(`${path} at ${width}px: ${JSON.stringify(violations)}`);
      await screenshot(page, `hub-${name}`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});
