// Starts the real certhub binary on a free loopback port for a test, and stops it after.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bin = process.env.CERTHUB_BIN || join(repo, 'build', 'certhub');
export const shippedContent = join(repo, 'content');
export const fixtureContent = join(repo, 'tests', 'fixtures', 'good');
// Every test runs on this date, so "upcoming" courses and deadlines do not depend on today.
export const testDate = '2026-11-23T09:00:00Z';
// Sanitizer builds start and answer more slowly.
export const slow = process.env.CERTHUB_SLOW === '1';

// CERTHUB_TEST_DB=postgresql://user@host:port/db runs every server of the suite on PostgreSQL:
// each startServer() gets a fresh database in that cluster (the URL's database is only used to
// run CREATE DATABASE; scripts/pg starts a throwaway cluster). Unset: SQLite files.
export const testDb = process.env.CERTHUB_TEST_DB || '';
export const isPostgresUrl = (db) => /^postgres(ql)?:\/\//.test(db || '');
export const backend = isPostgresUrl(testDb) ? 'postgres' : 'sqlite';

// Runs SQL with psql (from postgresql-client) and returns its unaligned output.
export async function psql(url, sql) {
  const { stdout } = await promisify(execFile)('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1',
                                                        '-d', url, '-c', sql]);
  return stdout.trim();
}

// A new, empty database in the cluster of `admin`; returns its URL.
export async function createDatabase(admin = testDb) {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await psql(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

// On PostgreSQL a test's own file path stands for one database, so a restart with the same
// `db` finds the same data on either backend.
const databases = new Map();
async function databaseFor(db, work) {
  if (backend === 'sqlite' || isPostgresUrl(db)) return db || join(work, 'certhub.db');
  if (!db) return createDatabase();
  if (!databases.has(db)) databases.set(db, createDatabase());
  return databases.get(db);
}

export function tempDir(prefix = 'certhub-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

// A private copy of a content directory, for tests that change content and reload.
export function copyContent(from = shippedContent) {
  const dir = tempDir('certhub-content-');
  cpSync(from, dir, { recursive: true });
  return dir;
}

// Every test client comes from 127.0.0.1, so the per-client limits are off unless a test asks
// for them (`rateLimits: true`, as tests/integration/rate_limits.test.mjs does).
export async function startServer({ content = shippedContent, db, args = [], env = {}, clock = testDate, threads = 2,
                                    rateLimits = false } = {}) {
  const work = tempDir();
  const dbPath = await databaseFor(db, work);
  const proc = spawn(bin, ['serve', '--port', '0', '--threads', String(threads), '--content', content, '--db', dbPath,
                           '--clock', clock, ...(rateLimits ? [] : ['--no-rate-limits']), ...args],
                     { env: { ...process.env, ...env } });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`certhub did not start:\n${log}`)), slow ? 30000 : 10000);
    proc.stdout.on('data', (d) => {
      log += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`certhub exited ${code}:\n${log}`)); });
  });
  proc.removeAllListeners('exit');
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const port = Number(new URL(url).port);
  return {
    url, port, proc, dbPath, work, exited,
    log: () => log,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const result = await exited;
      rmSync(work, { recursive: true, force: true });
      return result;
    },
  };
}

// Sends raw bytes and collects whatever comes back until the server closes or `ms` pass.
export function rawRequest(port, data, { ms = 3000, keepOpen = false } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => { socket.destroy(); resolve(received); }, ms);
    socket.on('data', (d) => { received += d; });
    socket.on('end', () => { clearTimeout(timer); resolve(received); });
    socket.on('error', (e) => { clearTimeout(timer); if (received) resolve(received); else reject(e); });
    socket.on('connect', () => { socket.write(data); if (!keepOpen) socket.end(); });
  });
}

// The CSRF token a page's forms carry.
export const csrfOf = (html) => /name="csrf_token" value="([0-9a-f]{64})"/.exec(html)[1];

// fetch options that post `fields` as a form, as a browser does; an array sends its field once
// per item (checkboxes).
export function form(fields) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [].concat(v)) body.append(k, x);
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
}

// Cookies and the CSRF token of one visitor, carried across requests.
export class Visitor {
  constructor(base) { this.base = base; this.cookies = new Map(); }
  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  async fetch(path, init = {}) {
    const headers = { ...(init.headers || {}) };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    const res = await fetch(this.base + path, { redirect: 'manual', ...init, headers });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }
}
