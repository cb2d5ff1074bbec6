// Shared Playwright helpers for the browser tests: Debian's Chromium, axe-core, screenshots.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { repo, startServer } from './certhub.mjs';

export const chromiumPath = process.env.CERTHUB_CHROMIUM || '/usr/bin/chromium';
export const outputDir = process.env.CERTHUB_TEST_OUTPUT || join(repo, 'test-results');
const axePath = join(repo, 'node_modules', 'axe-core', 'axe.min.js');

export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// The set-up every browser test file shares: a certhub server and a Chromium for the whole
// file, both stopped at its end. Returns an object whose `server` and `browser` are set once
// the file's tests start.
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

// Runs axe-core on the page and returns the serious and critical violations. Needs a context
// with JavaScript enabled (axe runs in the page); a javaScriptEnabled: false context hangs.
// The pages' CSP (script-src 'self') refuses the inline <script> that page.addScriptTag
// creates, so when the tag did not load axe, the same source is evaluated through the
// DevTools protocol, which CSP does not govern. Tests therefore keep the real CSP on (no
// bypassCSP), so screenshots and checks see what a visitor's browser enforces.
export async function runAxe(page) {
  const loaded = () => page.evaluate(() => typeof window.axe !== 'undefined');
  if (!(await loaded())) {
    try { await page.addScriptTag({ path: axePath }); } catch { /* refused by CSP */ }
  }
  if (!(await loaded())) await page.evaluate(readFileSync(axePath, 'utf8'));
  const results = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

// Saves a full-page screenshot as {output}/screenshots/{name}-{width}.png; returns the path.
export async function screenshot(page, name) {
  const dir = join(outputDir, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = join(dir, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// The widths every page is checked and photographed at: a phone and a laptop.
export const widths = [1280, 375];

// Fails the test with axe-core's serious and critical violations on the page, if any.
export async function assertAccessible(page, name) {
  const violations = await runAxe(page);
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 2)}`);
}

// A full-page screenshot of the page at each of `widths`.
export async function shots(page, name) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, name);
  }
}
