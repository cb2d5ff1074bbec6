// A real SMTP server for the tests (tests/support/smtp_sink.py on Debian's aiosmtpd) that keeps
// every message certhub sends, and helpers to read them.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { tempDir } from './certhub.mjs';

const sinkScript = join(dirname(fileURLToPath(import.meta.url)), 'smtp_sink.py');
// The python3 on PATH may be another one without aiosmtpd.
const python = process.env.CERTHUB_SMTP_PYTHON || '/usr/bin/python3';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A loopback port that nobody listens on now (for a relay that is down, started later).
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

// One message as the sink kept it: the envelope, the headers (names lower-cased, folded lines
// joined; a repeated header keeps its first value) and the body.
export function parseMessage({ mail_from: mailFrom, rcpt_tos: rcptTos, data }) {
  const split = data.search(/\r?\n\r?\n/);
  const head = split < 0 ? data : data.slice(0, split);
  const body = split < 0 ? '' : data.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  const names = [];
  for (const line of head.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const name = line.slice(0, colon).toLowerCase();
    names.push(name);
    if (!(name in headers)) headers[name] = line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
  }
  return { mailFrom, rcptTos, headers, names, body, raw: data };
}

// Starts the sink on `port` (0: any free one); messages() reads what it kept so far. With
// `delayMs` it waits that long after keeping each message before it answers 250.
export async function startSmtpSink({ port = 0, delayMs = 0 } = {}) {
  const dir = tempDir('certhub-smtp-');
  const file = join(dir, 'messages.jsonl');
  const proc = spawn(python, [sinkScript, String(port), file, String(delayMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  const listening = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`smtp sink did not start:\n${log}`)), 15000);
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /^listening (\d+)/m.exec(out);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`smtp sink exited ${code}:\n${log}`)); });
  });
  proc.removeAllListeners('exit');
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  return {
    port: listening,
    log: () => log,
    messages() {
      let text = '';
      try { text = readFileSync(file, 'utf8'); } catch { return []; }
      return text.split('\n').filter((l) => l.trim()).map((l) => parseMessage(JSON.parse(l)));
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (proc.exitCode === null && proc.signalCode === null) { proc.kill('SIGKILL'); await exited; }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Polls `predicate` (sync or async) until it returns a truthy value, which it returns; throws
// after `timeoutMs` with `what` in the message.
export async function waitFor(predicate, timeoutMs = 15000, what = 'condition', intervalMs = 100) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
