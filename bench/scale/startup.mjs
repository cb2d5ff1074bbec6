#!/usr/bin/env node
// Start-up time to the first served request: spawn `certhub serve`, poll GET /healthz every
// 2 ms until it answers 200, stop the server (SIGTERM), and repeat; prints each time and the
// median. Each start has 60 s at most.
//   node startup.mjs REPEATS BIN SERVE_ARGS...     (SERVE_ARGS must include --port N)
import { spawn } from 'node:child_process';
import http from 'node:http';

const [repeatsText, bin, ...args] = process.argv.slice(2);
const repeats = Number(repeatsText);
const port = Number(args[args.indexOf('--port') + 1]);

const healthy = () => new Promise((resolve) => {
  const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode === 200));
  });
  req.on('error', () => resolve(false));
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const times = [];
for (let i = 0; i < repeats; i++) {
  const t0 = performance.now();
  const proc = spawn(bin, ['serve', ...args], { stdio: 'ignore' });
  const exited = new Promise((r) => proc.on('exit', r));
  let ok = false;
  while (!ok && performance.now() - t0 < 60_000 && proc.exitCode === null) {
    ok = await healthy();
    if (!ok) await sleep(2);
  }
  const ms = performance.now() - t0;
  proc.kill('SIGTERM');
  await exited;
  if (!ok) throw new Error(`start ${i + 1}: no 200 from /healthz (exit ${proc.exitCode})`);
  times.push(ms);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
console.log(`startup: ${times.map((t) => t.toFixed(0)).join(' ')} ms; median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms (${repeats} starts)`);
