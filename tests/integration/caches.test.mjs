// Issue 19: every in-memory cache is bounded by bytes, and /metrics shows each one's bytes,
// entries, hits, misses and evictions. A server with a 1 MiB total (--cache-mib 1) holds a few
// trainings over all topics (about 100 KiB each) and drops the least recently used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, backend } from '../support/certhub.mjs';
import { apiVisitor, call } from '../support/api.mjs';

const caches = ['pages', 'rate_limits', 'attempts', 'question_html', 'readiness'];
let server;
before(async () => { server = await startServer({ args: ['--cache-mib', '1'], rateLimits: true }); });
after(async () => { await server.stop(); });

// { cache: { bytes, budget, entries, hits, misses, evictions } } from /metrics.
async function cacheFigures() {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const out = {};
  const names = { certhub_cache_bytes: 'bytes', certhub_cache_budget_bytes: 'budget', certhub_cache_entries: 'entries',
    certhub_cache_hits_total: 'hits', certhub_cache_misses_total: 'misses', certhub_cache_evictions_total: 'evictions' };
  for (const m of text.matchAll(/^(certhub_cache_[a-z_]+)\{cache="([a-z_]+)"\} (\d+)$/gm)) {
    out[m[2]] ??= {};
    out[m[2]][names[m[1]]] = Number(m[3]);
  }
  for (const name of Object.keys(names)) assert.match(text, new RegExp(`^# TYPE ${name} (gauge|counter)$`, 'm'));
  return out;
}

test('/metrics shows every cache with its bytes, budget, entries, hits, misses and evictions', async () => {
  const figures = await cacheFigures();
  for (const cache of caches) {
    assert.ok(figures[cache], `${cache} is listed`);
    for (const key of ['bytes', 'budget', 'entries', 'hits', 'misses', 'evictions'])
      assert.equal(typeof figures[cache][key], 'number', `${cache} ${key}`);
    assert.ok(figures[cache].bytes <= figures[cache].budget || figures[cache].budget === 0, cache);
  }
  // 1 MiB split in the documented shares (core/cache_budget.hpp).
  const mib = 1024 * 1024;
  assert.equal(figures.pages.budget, (mib / 100 | 0) * 10);
  assert.equal(figures.attempts.budget, backend === 'sqlite' ? (mib / 100 | 0) * 70 : 0);
});

test('a hub page is rendered once, then a hit', async () => {
  const before = (await cacheFigures()).pages;
  await (await fetch(`${server.url}/?cache-test=1`)).text();
  await (await fetch(`${server.url}/?cache-test=1`)).text();
  const after = (await cacheFigures()).pages;
  assert.equal(after.misses, before.misses + 1);
  assert.equal(after.hits, before.hits + 1);
  assert.ok(after.entries >= 1 && after.bytes > before.bytes);
});

test('trainings over all topics fill the attempt cache to its budget and no further', { skip: backend !== 'sqlite' && 'SQLite only: the attempt cache is on only where one app server owns the database (the SQLite run covers this)' }, async () => {
  const before = await cacheFigures();
  const v = await apiVisitor(server.url);
  for (let i = 0; i < 12; i++) {
    const r = await call(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'training' });
    assert.equal(r.status, 201, r.text);
    const page = await v.fetch(`/attempts/${r.body.id}/q/1`);
    assert.equal(page.status, 200);
    await page.text();
  }
  const after = await cacheFigures();
  assert.ok(after.attempts.bytes <= after.attempts.budget, `${after.attempts.bytes} within ${after.attempts.budget}`);
  assert.ok(after.attempts.bytes > after.attempts.budget / 2, 'the cache was used');
  assert.ok(after.attempts.evictions > before.attempts.evictions, 'the oldest were dropped');
  assert.ok(after.attempts.misses > before.attempts.misses);
  // Each question page rendered its question's HTML once; the starts took from the client's bucket.
  assert.ok(after.question_html.misses > before.question_html.misses);
  assert.ok(after.question_html.entries >= 1);
  assert.ok(after.rate_limits.entries >= 1);
  assert.ok(after.rate_limits.hits + after.rate_limits.misses >= before.rate_limits.hits + before.rate_limits.misses + 12);
});

test('the readiness estimate is remembered per learner', async () => {
  const v = await apiVisitor(server.url);
  const before = (await cacheFigures()).readiness;
  for (let i = 0; i < 2; i++) assert.equal((await v.fetch('/progress/csm')).status, 200);
  const after = (await cacheFigures()).readiness;
  assert.equal(after.misses, before.misses + 1);
  assert.equal(after.hits, before.hits + 1);
  assert.ok(after.entries >= 1);
});
