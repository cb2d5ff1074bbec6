// Reads the question banks straight from the content files, so tests can count correct
// answers without asking the server (an independent count).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

export function loadBank(contentDir, certification) {
  const dir = join(contentDir, 'questions', certification);
  const byId = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const doc = yaml.load(readFileSync(join(dir, file), 'utf8'));
    for (const q of doc.questions) byId.set(q.id, { ...q, domain: doc.domain });
  }
  return byId;
}

// The shown letters that are correct, found by option text (the server shuffles options).
export function shownKey(question, shownOptions) {
  const keyTexts = question.key.map((k) => normalize(question.options[k]));
  return shownOptions.filter((o) => keyTexts.includes(normalize(o.text))).map((o) => o.key).sort();
}

export function normalize(text) {
  return String(text).replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}
