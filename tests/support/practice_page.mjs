// What the browser tests do on a practice question page: start a training from its mode page,
// and read the question shown to find it in the bank with its key in shown letters.
import assert from 'node:assert/strict';
import { shownKey } from './bank.mjs';

// Starts a CSM training (one domain, or all) and returns the attempt's URL without /q/1.
export async function startTraining(page, baseUrl, domain = '') {
  await page.goto(`${baseUrl}/practice/csm/training`);
  if (domain) await page.getByLabel('Topic').selectOption(domain);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/\/q\/1$/);
  return page.url().replace(/\/q\/1$/, '');
}

// The question on the page, found in `bank` by its stem, and its key as shown letters.
export async function currentKey(page, bank) {
  const stem = (await page.locator('#stem').innerText()).replace(/\s+/g, ' ').trim();
  const options = await page.locator('.option').evaluateAll((els) => els.map((el) => ({
    key: el.querySelector('input').value,
    text: el.querySelector('.option-text').textContent.replace(/\s+/g, ' ').trim(),
  })));
  const norm = (t) => String(t).replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
  const question = [...bank.values()].find((q) => norm(q.stem) === norm(stem));
  assert.ok(question, `question found by its stem: ${stem.slice(0, 60)}`);
  return { question, key: shownKey(question, options), options };
}
