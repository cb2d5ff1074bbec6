// Times the item statistics as the admin page starts them, off the request path, and what a
// visitor sees meanwhile: logs in as the admin, asks for a new computation ROUNDS times, and
// while each runs requests a certification page and /healthz every 5 ms, then prints the
// computation's own time (as the page reports it) and the latency of those pages during it.
//   node time.mjs BASE_URL EMAIL PASSWORD ROUNDS
const [base, email, password, roundsText] = process.argv.slice(2);
const rounds = Number(roundsText || 3);
const cookies = new Map();
async function get(path, init = {}) {
  const headers = { ...(init.headers || {}), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const res = await fetch(base + path, { redirect: 'manual', ...init, headers });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return res;
}
const csrf = (html) => /name="csrf_token" value="([0-9a-f]{64})"/.exec(html)[1];
const post = (path, fields) => get(path, {
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const login = await (await get('/login')).text();
if ((await post('/login', { csrf_token: csrf(login), email, password })).status !== 303) throw new Error('log-in failed');
const percentile = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
for (let r = 0; r < rounds; r++) {
  const page = await (await get('/admin/items')).text();
  const began = performance.now();
  if (r > 0 || !page.includes('id="computing"')) await post('/admin/items/refresh', { csrf_token: csrf(page) });
  const latencies = [];
  let html = '';
  for (;;) {
    for (const path of ['/certifications/csm', '/healthz']) {
      const t = performance.now();
      const res = await fetch(base + path);
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
    }
    html = await (await get('/admin/items')).text();
    if (!html.includes('id="computing"')) break;
    await new Promise((done) => setTimeout(done, 5));
  }
  const wall = (performance.now() - began) / 1000;
  const [, mocks, seconds] = /from (\d+) finished mock exams in ([\d.]+) s/.exec(html);
  const flagged = /(\d+) flagged, flagged first/.exec(html)?.[1] ?? '0';
  console.log(`round ${r + 1}: ${mocks} mocks computed in ${seconds} s (page saw it after ${wall.toFixed(2)} s); ` +
              `${flagged} flagged; other pages meanwhile: ${latencies.length} requests, ` +
              `p50 ${percentile(latencies, 0.5).toFixed(2)} ms, max ${Math.max(...latencies).toFixed(2)} ms`);
}
