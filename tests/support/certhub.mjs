// Starts the real certhub binary on a free loopback port for a test, and stops it after.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const bin = process.env.CERTHUB_BIN || join(repo, 'build', 'certhub');
export const shippedContent = join(repo, 'content');
export const fixtureContent = join(repo, 'tests', 'fixtures', 'good');
// Every test runs on this date, so "upcoming" courses and deadlines do not depend on today.
export const testDate = '2026-11-23T09:00:00Z';
// Sanitizer builds start and answer more slowly.
export const slow = process.env.CERTHUB_SLOW === '1';

export function tempDir(prefix = 'certhub-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

// A private copy of a content directory, for tests that change content and reload.
export function copyContent(from = shippedContent) {
  const dir = tempDir('certhub-content-');
  cpSync(from, dir, { recursive: true });
  return dir;
}

export async function startServer({ content = shippedContent, db, args = [], env = {}, clock = testDate } = {}) {
  const work = tempDir();
  const dbPath = db || join(work, 'certhub.db');
  const proc = spawn(bin, ['serve', '--port', '0', '--threads', '2', '--content', content, '--db', dbPath,
                           '--clock', clock, ...args], { env: { ...process.env, ...env } });
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
