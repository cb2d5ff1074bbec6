// Writes SQL (to stdout) for MOCKS finished CSM mock exams of 50 questions each, with one answer
// step per answered slot, as practice stores them (slots JSON with option orders, steps with
// shown letters). Learners differ in ability, so the statistics have something to find. Runs
// against a migrated certhub database, SQLite or PostgreSQL alike.
//   node seed.mjs CONTENT_DIR NOW_UNIX MOCKS
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';

const require = createRequire(new URL('../../package.json', import.meta.url));
const yaml = require('js-yaml');
const [content, nowText, mocksText] = process.argv.slice(2);
const now = Number(nowText);
const mocks = Number(mocksText);

const questions = [];
const dir = join(content, 'questions', 'csm');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  const doc = yaml.load(readFileSync(join(dir, file), 'utf8'));
  for (const q of doc.questions) questions.push({ id: q.id, keys: Object.keys(q.options), key: q.key });
}

let state = 20261202;  // a fixed seed: the same data every run
const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
const idOf = (name) => createHash('sha256').update(name).digest('hex').slice(0, 32);
const out = ['BEGIN;'];
for (let m = 0; m < mocks; m++) {
  const id = idOf(`mock-${m}`);
  const learner = idOf(`learner-${m}`) + idOf(`learner-b-${m}`);
  const started = now - 86400 - m * 60;
  const ability = 0.3 + 0.65 * random();
  const slots = [];
  const steps = [];
  for (let i = 0; i < 50; i++) {
    const q = questions[Math.floor(random() * questions.length)];
    // Shown option i is the question's option order[i]: a rotation, so letters differ from keys.
    const shift = Math.floor(random() * q.keys.length);
    const order = q.keys.map((_, k) => (k + shift) % q.keys.length);
    slots.push({ q: q.id, o: order });
    if (random() < 0.05) continue;  // left open
    const shownOf = (key) => String.fromCharCode(97 + order.indexOf(q.keys.indexOf(key)));
    let chosen;
    if (random() < ability) chosen = q.key.map(shownOf);
    else chosen = [shownOf(q.keys.find((k) => !q.key.includes(k)))];
    steps.push(`('${id}', ${steps.length + 1}, ${i}, 'answer', '${chosen.sort().join(',')}', ${started + 60 + i * 30})`);
  }
  out.push(`INSERT INTO attempts (id, session_id, certification, mode, domain, content_version, seed, slots, started_at, deadline, finished_at, abandoned) VALUES ('${id}', '${learner}', 'csm', 'mock', '', 'bench', ${m}, '${JSON.stringify(slots)}', ${started}, ${started + 3600}, ${started + 3000}, 0);`);
  if (steps.length) out.push(`INSERT INTO steps (attempt_id, seq, slot, kind, value, at) VALUES ${steps.join(', ')};`);
}
out.push('COMMIT;');
process.stdout.write(out.join('\n') + '\n');
