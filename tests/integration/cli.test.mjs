// The command line: exit codes scripts rely on, and lint output with file:line:column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bin, fixtureContent, copyContent, tempDir } from '../support/certhub.mjs';

const run = (...args) => spawnSync(bin, args, { encoding: 'utf8' });

test('every subcommand has --help and exits 0 for it', () => {
  for (const sub of ['serve', 'lint', 'migrate']) {
    const r = run(sub, '--help');
    assert.equal(r.status, 0, sub);
    assert.match(r.stdout, /Usage|OPTIONS|Options/);
  }
});

test('an unknown option is a usage error (exit 2)', () => {
  assert.equal(run('serve', '--no-such-flag').status, 2);
  assert.equal(run().status, 2);
});

test('lint exits 0 on clean content and reports counts', () => {
  const r = run('lint', fixtureContent);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /demo: 32 questions; theory 18 events 14/);
  assert.match(r.stdout, /0 errors, 0 warnings/);
});

test('lint exits 1 and prints file:line:column for each problem', () => {
  const dir = copyContent(fixtureContent);
  try {
    const file = join(dir, 'certifications', 'demo.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('level: 1\n', 'level: one\n'));
    const r = run('lint', dir);
    assert.equal(r.status, 1);
    assert.ok(r.stdout.includes(`${file}:6:8: error: field 'level' must be a number`), r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('serve refuses to start on invalid content, with the same messages', () => {
  const dir = copyContent(fixtureContent);
  try {
    writeFileSync(join(dir, 'routes.yaml'), 'ladders:\n  - [demo, nobody]\n');
    const r = run('serve', '--port', '0', '--content', dir, '--db', join(dir, 'x.db'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /routes\.yaml:2:\d+: error: unknown certification 'nobody'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migrate brings a new database to the latest schema, and is idempotent', () => {
  const dir = tempDir();
  try {
    const db = join(dir, 'm.db');
    const first = run('migrate', '--db', db);
    assert.equal(first.status, 0, first.stderr);
    const version = /schema at version (\d+)/.exec(first.stdout)[1];
    const second = run('migrate', '--db', db);
    assert.equal(second.status, 0);
    assert.match(second.stdout, new RegExp(`schema at version ${version}`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migrate on an unusable path fails with exit 3 and a message', () => {
  const r = run('migrate', '--db', '/proc/certhub/nope.db');
  assert.equal(r.status, 3);
  assert.match(r.stderr, /cannot open SQLite database/);
});
