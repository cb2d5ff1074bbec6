// Kill -9 under load: every answer the server acknowledged must still be there after a restart,
// and the database must pass SQLite's integrity check. Short form for CI; set
// CERTHUB_DURABILITY_ROUNDS and CERTHUB_DURABILITY_LEARNERS for a longer run (bench/durability).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { startServer, tempDir, Visitor } from '../support/certhub.mjs';

const rounds = Number(process.env.CERTHUB_DURABILITY_ROUNDS || 4);
const learners = Number(process.env.CERTHUB_DURABILITY_LEARNERS || 16);

async function session(v) {
  v.token = (await (await v.fetch('/api/v1/session')).json()).csrf_token;
}

async function send(v, method, path, body) {
  const res = await v.fetch(path, {
    method, headers: { 'content-type': 'application/json', 'x-csrf-token': v.token }, body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

test(`answers acknowledged before SIGKILL survive (${rounds} kills, ${learners} learners)`, async () => {
  const dir = tempDir('certhub-durability-');
  const db = join(dir, 'durable.db');
  const acked = new Map();  // attempt id -> Map(index -> selected)
  const people = [];
  let server = await startServer({ db });
  for (let i = 0; i < learners; i++) {
    const v = new Visitor(server.url);
    await session(v);
    // A mock exam: its answers may change, so every save is a new step to keep.
    const r = await send(v, 'POST', '/api/v1/attempts', { certification: 'csm', mode: 'mock' });
    assert.equal(r.status, 201);
    people.push({ v, id: r.body.id, questions: r.body.questions, next: 1 });
    acked.set(r.body.id, new Map());
  }
  for (let round = 0; round < rounds; round++) {
    for (const p of people) p.v.base = server.url;
    // Every learner answers as fast as it can until the server dies under it.
    let stop = false;
    const load = people.map(async (p) => {
      while (!stop && p.next <= p.questions.length) {
        const q = p.questions[p.next - 1];
        const selected = q.type === 'multiple' ? ['a', 'b'] : [q.options[p.next % q.options.length].key];
        try {
          const r = await send(p.v, 'PUT', `/api/v1/attempts/${p.id}/answers/${p.next}`, { selected });
          if (r.status === 200) acked.get(p.id).set(p.next, selected);
          p.next += 1;
        } catch {
          return;  // connection refused or reset: the server is gone
        }
      }
    });
    await new Promise((r) => setTimeout(r, 150 + Math.random() * 400));
    server.proc.kill('SIGKILL');
    stop = true;
    await server.exited;
    rmSync(server.work, { recursive: true, force: true });
    await Promise.all(load);
    const check = spawnSync('sqlite3', [db, 'PRAGMA integrity_check;'], { encoding: 'utf8' });
    assert.equal(check.stdout.trim(), 'ok', check.stderr);
    server = await startServer({ db });
    for (const p of people) {
      p.v.base = server.url;
      const state = await p.v.fetch(`/api/v1/attempts/${p.id}`);
      assert.equal(state.status, 200);
      const body = await state.json();
      for (const [index, selected] of acked.get(p.id)) {
        assert.deepEqual(body.questions[index - 1].selected, [...selected].sort(), `attempt ${p.id} question ${index}`);
      }
    }
  }
  const total = [...acked.values()].reduce((n, m) => n + m.size, 0);
  assert.ok(total > learners, `only ${total} answers were acknowledged`);
  console.log(`# ${total} acknowledged answers checked after ${rounds} kills`);
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});
