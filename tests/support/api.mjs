// The JSON API as a test client uses it: a visitor with a session and CSRF token, and calls
// that send the token and decode the answer.
import assert from 'node:assert/strict';
import { Visitor } from './certhub.mjs';

// A visitor that has fetched /api/v1/session (cookie and token). `VisitorClass` lets a test
// pass a subclass, e.g. one that records which app server answered.
export async function apiVisitor(base, VisitorClass = Visitor) {
  const v = new VisitorClass(base);
  const res = await v.fetch('/api/v1/session');
  assert.equal(res.status, 200);
  v.token = (await res.json()).csrf_token;
  assert.match(v.token, /^[0-9a-f]{64}$/);
  return v;
}

// `body` is the decoded JSON, or null for an empty or non-JSON answer (an HTML error page).
export async function call(v, method, path, body) {
  const res = await v.fetch(path, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': v.token },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* an HTML page */ }
  return { status: res.status, body: json, text, type: res.headers.get('content-type') };
}
