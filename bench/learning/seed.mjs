// Writes SQL (to stdout) that gives LEARNERS learners a long history on the CSM route: ATTEMPTS
// finished attempts (a fifth of them mock exams) and ANSWERS reviews spread over the last 120
// days, with the cards those answers made. Runs against a migrated certhub database, SQLite or
// PostgreSQL alike: their reviews, the daily tallies of them and the cards. Prints the learners'
// ids (their learner keys) to the file LEARNERS_FILE.
//   node seed.mjs CONTENT_DIR NOW_UNIX LEARNERS ATTEMPTS ANSWERS LEARNERS_FILE
// A browser only gets the id in a cookie the server signed, so the second form turns those ids
// into session cookie values, "ID.HMAC" (src/web/session.cpp), with the installation's key: the
// hex `csrf_key` of table settings, which the server creates when it first starts.
//   node seed.mjs sign KEY_HEX LEARNERS_FILE COOKIES_FILE
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createHash, createHmac } from 'node:crypto';

if (process.argv[2] === 'sign') {
  const [keyHex, idsFile, cookiesFile] = process.argv.slice(3);
  if (!/^([0-9a-f]{2})+$/.test(keyHex || '')) throw new Error(`seed.mjs sign: KEY_HEX is not hex: '${keyHex}'`);
  const key = Buffer.from(keyHex, 'hex');
  const ids = readFileSync(idsFile, 'utf8').split('\n').filter((line) => line !== '');
  const signed = ids.map((id) => `${id}.${createHmac('sha256', key).update(`visitor:${id}`).digest('hex')}`);
  writeFileSync(cookiesFile, signed.join('\n') + '\n');
  process.exit(0);
}

const require = createRequire(new URL('../../package.json', import.meta.url));
const yaml = require('js-yaml');
const [content, nowText, learnersText, attemptsText, answersText, learnersFile] = process.argv.slice(2);
const now = Number(nowText);
const [learners, attempts, answers] = [learnersText, attemptsText, answersText].map(Number);

const questions = [];
const dir = join(content, 'questions', 'csm');
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  const doc = yaml.load(readFileSync(join(dir, file), 'utf8'));
  for (const q of doc.questions) questions.push({ id: q.id, domain: doc.domain });
}

let state = 20261202;  // a fixed seed: the same data every run
const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
// Ids from a hash of their name: distinct, and the same on every run.
const idOf = (name, length) => createHash('sha256').update(name).digest('hex').slice(0, length);
const day = 86400;
const out = [];
const ids = [];
out.push('BEGIN;');
for (let l = 0; l < learners; l++) {
  const learner = idOf(`learner-${l}`, 64);
  ids.push(learner);
  const attemptIds = [];
  for (let a = 0; a < attempts; a++) {
    const id = idOf(`attempt-${l}-${a}`, 32);
    attemptIds.push(id);
    const started = now - Math.floor(((attempts - a) / attempts) * 120 * day);
    const mock = a % 5 === 0;
    const total = mock ? 50 : 20;
    const correct = Math.floor(total * (0.55 + 0.35 * (a / attempts)));
    const passed = mock && correct >= 37 ? 1 : 0;
    // Slots as practice stores them: question ids and option orders (a mock's 50, a training's 20).
    const slots = JSON.stringify(Array.from({ length: total }, () =>
      ({ q: questions[Math.floor(random() * questions.length)].id, o: [2, 0, 3, 1] })));
    out.push(`INSERT INTO attempts (id, session_id, certification, mode, domain, content_version, seed, slots, started_at, deadline, finished_at, abandoned, score_correct, score_answered, score_total, score_passed) VALUES ('${id}', '${learner}', 'csm', '${mock ? 'mock' : 'training'}', '', 'bench', ${a}, '${slots}', ${started}, ${mock ? started + 3600 : 'NULL'}, ${started + 1800}, 0, ${correct}, ${total}, ${total}, ${passed});`);
  }
  const cards = new Map();
  const tallies = new Map();
  for (let r = 0; r < answers; r++) {
    const q = questions[Math.floor(random() * questions.length)];
    const at = now - Math.floor(((answers - r) / answers) * 120 * day);
    const correct = random() < 0.5 + 0.35 * (r / answers);
    const attempt = attemptIds[Math.min(attempts - 1, Math.floor((r / answers) * attempts))];
    out.push(`INSERT INTO reviews (learner, question_id, certification, domain, correct, at, attempt_id, slot) VALUES ('${learner}', '${q.id}', 'csm', '${q.domain}', ${correct ? 'TRUE' : 'FALSE'}, ${at}, '${attempt}', ${r});`);
    const key = `${Math.floor(at / day)}|${q.domain}`;
    const t = tallies.get(key) || { correct: 0, total: 0 };
    t.total++;
    if (correct) t.correct++;
    tallies.set(key, t);
    const c = cards.get(q.id) || { reps: 0, lapses: 0 };
    c.reps++;
    if (!correct) c.lapses++;
    c.at = at;
    c.domain = q.domain;
    c.due = Math.floor(at / day) + (correct ? 1 + Math.floor(random() * 30) : 1);
    cards.set(q.id, c);
  }
  for (const [key, t] of tallies) {
    const [d, domain] = key.split('|');
    out.push(`INSERT INTO review_days (learner, certification, day, domain, correct, total) VALUES ('${learner}', 'csm', ${d}, '${domain}', ${t.correct}, ${t.total});`);
  }
  for (const [id, c] of cards)
    out.push(`INSERT INTO cards (learner, question_id, certification, domain, stability, difficulty, reps, lapses, last_at, due_day) VALUES ('${learner}', '${id}', 'csm', '${c.domain}', 5.0, 5.0, ${c.reps}, ${c.lapses}, ${c.at}, ${c.due});`);
}
out.push('COMMIT;');
process.stdout.write(out.join('\n') + '\n');
writeFileSync(learnersFile, ids.join('\n') + '\n');
