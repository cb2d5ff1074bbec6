#!/usr/bin/env node
// Writes a content directory for the big-bank benchmarks: a copy of content/ whose CSM question
// bank (questions/csm/*.yaml) is replaced by COUNT generated questions, split over the domains
// by the CSM's domain weights. Questions have the shipped bank's shape and about its size
// (~1.4 KB of YAML each, as the shipped 432 are): 70% single choice, 20% multiple (choose 2 of 5), 10% true/false,
// unique ids and stems, keys spread over the letters, a reason per option.
//   node bench/core/gen-bank.mjs OUT_DIR [COUNT=100000]
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [out, countText = '100000'] = process.argv.slice(2);
if (!out) {
  console.error('usage: gen-bank.mjs OUT_DIR [COUNT]');
  process.exit(2);
}
const count = Number(countText);
// content/certifications/csm.yaml: domain ids and weights (percent).
const domains = [
  ['scrum-theory', 14], ['scrum-team', 20], ['events', 22], ['artifacts', 18], ['sm-competencies', 14], ['sm-service', 12],
];

rmSync(out, { recursive: true, force: true });
cpSync(join(repo, 'content'), out, { recursive: true });
const bankDir = join(out, 'questions', 'csm');
for (const f of readdirSync(bankDir)) rmSync(join(bankDir, f));
mkdirSync(bankDir, { recursive: true });

const words = ('sprint backlog increment product goal developers scrum master owner team review retrospective ' +
  'planning daily transparency inspection adaptation empiricism value stakeholder done definition forecast ' +
  'commitment refinement estimate capacity impediment coaching facilitation organization courage focus openness ' +
  'respect self-managing cross-functional timebox outcome feedback release quality risk delivery customer').split(' ');
let state = 0x2545f491;
const rand = (n) => {  // xorshift32: the same bank on every run
  state ^= state << 13; state >>>= 0; state ^= state >>> 17; state ^= state << 5; state >>>= 0;
  return state % n;
};
const phrase = (n) => Array.from({ length: n }, () => words[rand(words.length)]).join(' ');
const quote = (s) => JSON.stringify(s);  // a JSON string is a valid YAML double-quoted scalar
const letters = 'abcdef';

let written = 0;
let total = 0;
for (const [i, [domain, weight]] of domains.entries()) {
  const n = i === domains.length - 1 ? count - written : Math.round((count * weight) / 100);
  written += n;
  const lines = [`certification: csm`, `domain: ${domain}`, `questions:`];
  for (let k = 1; k <= n; k++) {
    const id = `csm-${domain}-g${String(k).padStart(6, '0')}`;
    const roll = rand(10);
    const type = roll < 7 ? 'single' : roll < 9 ? 'multiple' : 'true-false';
    lines.push(`  - id: ${id}`, `    type: ${type}`);
    let options;
    let key;
    if (type === 'true-false') {
      options = ['True', 'False'];
      key = [letters[rand(2)]];
    } else if (type === 'multiple') {
      options = Array.from({ length: 5 }, () => phrase(6 + rand(6)));
      const first = rand(5);
      key = [letters[first], letters[(first + 1 + rand(4)) % 5]].sort();
      lines.push('    choose: 2');
    } else {
      options = Array.from({ length: 4 }, () => phrase(6 + rand(6)));
      key = [letters[k % 4]];  // keys rotate over a..d: no letter holds more than 35%
    }
    lines.push(`    difficulty: ${1 + rand(3)}`, `    scenario: ${rand(3) === 0}`, `    sample: ${k <= 3}`);
    lines.push('    stem: |', `      Question ${id}: in a Scrum Team, what about the ${phrase(10 + rand(8))}?`);
    lines.push('    options:');
    options.forEach((text, j) => lines.push(`      ${letters[j]}: ${quote(text)}`));
    lines.push(`    key: [${key.join(', ')}]`);
    lines.push('    explanation: |', `      ${phrase(20 + rand(12))}.`);
    lines.push('    reasons:');
    options.forEach((_, j) => lines.push(
      `      ${letters[j]}: ${quote(`${key.includes(letters[j]) ? 'Correct' : 'Wrong'}: ${phrase(8 + rand(6))}.`)}`));
    lines.push(`    reference: Scrum Guide 2020, "${words[rand(words.length)]}"`, '');
  }
  writeFileSync(join(bankDir, `${domain}.yaml`), lines.join('\n') + '\n');
  total += n;
}
console.log(`gen-bank: ${total} CSM questions in ${bankDir}`);
