// The hub pages over HTTP on the shipped content: home, families, route map, certification
// and status pages, the request-an-update flow, comparisons and the course schedule.
// The server's clock is fixed at 2026-11-23 (support/certhub.mjs), so "upcoming" never drifts.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, copyContent, tempDir, Visitor, csrfOf } from '../support/certhub.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server.stop(); });

async function page(path, base = server.url) {
  const res = await fetch(base + path, { redirect: 'manual' });
  return { res, status: res.status, html: await res.text() };
}

// The page as a reader hears it: tags become spaces, entities are decoded, and no space is
// left before punctuation that followed an inline element.
const text = (html) => html.replace(/<(style|title)[^>]*>[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]+>/g, ' ')
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'")
  .replace(/&amp;/g, '&').replace(/\s+/g, ' ').replace(/ ([,.;:)])/g, '$1').replace(/\( /g, '(');
const count = (html, needle) => html.split(needle).length - 1;
const h1 = (html) => text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)[1]).trim();
const title = (html) => /<title>([^<]*)<\/title>/.exec(html)[1];
const description = (html) => /<meta name="description" content="([^"]*)">/.exec(html)[1];

function assertPageBasics(html) {
  assert.equal(count(html, '<h1'), 1, 'one h1');
  assert.equal(count(html, '<main'), 1, 'one main landmark');
  assert.match(html, /<header class="site-header">/);
  assert.match(html, /<nav aria-label="Main">/);
  assert.match(html, /<footer/);
  assert.ok(title(html).length > 10, 'a title');
  assert.ok(description(html).length > 20, 'a meta description');
  assert.doesNotMatch(html, / style="/, 'no inline style attributes');
  assert.doesNotMatch(html, /(src|href)="https?:\/\/[^"]*\.(css|js|png|svg|woff2?)"/, 'no outside assets');
}

const ids = ['csm', 'cspo', 'a-csm', 'a-cspo', 'csp-sm', 'csp-po', 'caf', 'cal-1', 'psm-i', 'psm-ii',
  'psm-iii', 'pspo-i', 'pspo-ii', 'pspo-iii', 'pal-i', 'ssm'];

describe('home', () => {
  test('says what certhub is and lists families, live practice and featured comparisons', async () => {
    const { status, html } = await page('/');
    assert.equal(status, 200);
    assertPageBasics(html);
    const t = text(html);
    assert.match(t, /Scrum Alliance, Scrum\.org and SAFe certifications in one place/);
    for (const [id, name] of [['scrum-alliance', 'Scrum Alliance'], ['scrum-org', 'Scrum.org'], ['safe', 'SAFe (Scaled Agile)']])
      assert.match(html, new RegExp(`<a href="/families/${id}">${name.replace(/[.()]/g, '\\$&')}</a>`));
    assert.match(html, /<h2 id="live-title">Live practice<\/h2>/);
    assert.match(html, /href="\/practice\/csm">CSM practice<\/a>/);
    assert.match(t, /Mock exams of 50 questions in 60 minutes/);
    for (const pair of ['csm-vs-cspo', 'cspo-vs-pspo-i', 'csm-vs-psm-i'])
      assert.match(html, new RegExp(`href="/compare/${pair}"`));
    assert.match(html, /href="\/certifications\/ssm"/);
  });
});

describe('family pages', () => {
  test('Scrum Alliance: best page first, route map, lanes, glossary, right route, next page, section', async () => {
    const { status, html } = await page('/families/scrum-alliance');
    assert.equal(status, 200);
    assertPageBasics(html);
    assert.equal(h1(html), 'Scrum Alliance certifications');
    const t = text(html);
    assert.match(html, /<h2 id="best-first">Best page to open first<\/h2>/);
    assert.match(t, /Pass the CSM test at the first attempt CSM practice Timed 50-question mock exams/);
    assert.match(html, /<a href="\/compare\/csm-vs-cspo">CSM vs CSPO<\/a>/);
    // The family's part of the route map, nodes linking to certification pages.
    const svg = /<div class="map-wide"><svg[\s\S]*?<\/svg>/.exec(html)[0];
    for (const id of ['csm', 'a-csm', 'csp-sm', 'cspo', 'a-cspo', 'csp-po', 'caf', 'cal-1'])
      assert.match(svg, new RegExp(`href="/certifications/${id}"`));
    assert.doesNotMatch(svg, /href="\/certifications\/psm-i"/);
    assert.match(svg, /Live practice/);
    assert.match(html, /href="\/routes">the full route map<\/a>/);
    // Lanes with best fit and current status.
    assert.match(html, /<h2 id="lanes">What each lane is really for<\/h2>/);
    assert.match(t, /Scrum Master Running Scrum well for a team/);
    assert.match(t, /CSM Live practice A-CSM Practice not available yet CSP-SM Practice not available yet/);
    assert.match(t, /Facilitation Designing and guiding workshops/);
    // Exam glossary: exam, official focus, practice availability.
    assert.match(html, /<h2 id="glossary">Exam glossary<\/h2>/);
    assert.match(t, /CSM Certified ScrumMaster Exam: 50 questions in 60 minutes\. Live practice Practise the CSM Official focus The test draws on the CSM learning objectives/);
    assert.match(t, /CSPO Certified Scrum Product Owner Exam: No exam\. Practice not available yet Meanwhile: CSM/);
    // Each certification once in each of the map, the lanes and the glossary, and the section list
    // in a line of codes: no long repeated summaries.
    assert.match(t, /Pages in this section CSM CSM practice A-CSM CSP-SM CSPO A-CSPO CSP-PO CAF CAL 1 Other families/);
    assert.match(html, /<h2 id="right-route">When Scrum Alliance is the right route<\/h2>/);
    assert.match(t, /You want to learn in a live class with a trainer/);
    assert.match(t, /Best next page Certified ScrumMaster \(CSM\): The CSM is the usual first step/);
    assert.match(html, /<a href="\/practice\/csm">CSM practice<\/a>/);
    assert.match(html, /<a href="\/families\/scrum-org">Scrum\.org<\/a>/);
    assert.match(t, /checked 22 November 2026/);
  });

  test('Scrum.org and SAFe have their own ladders and goals', async () => {
    const org = await page('/families/scrum-org');
    assert.equal(org.status, 200);
    assertPageBasics(org.html);
    assert.match(text(org.html), /Take the PSM I Professional Scrum Master I \(PSM I\)/);
    for (const id of ['psm-i', 'psm-ii', 'psm-iii', 'pspo-i', 'pspo-ii', 'pspo-iii', 'pal-i'])
      assert.match(org.html, new RegExp(`href="/certifications/${id}"`));
    assert.match(text(org.html), /PSM I Professional Scrum Master I Exam: 80 questions in 60 minutes/);
    const safe = await page('/families/safe');
    assert.equal(safe.status, 200);
    assertPageBasics(safe.html);
    assert.equal(h1(safe.html), 'SAFe (Scaled Agile) certifications');
    assert.match(text(safe.html), /SSM SAFe Scrum Master Exam: 45 questions in 90 minutes/);
    assert.match(safe.html, /href="\/compare\/csm-vs-ssm">CSM vs SSM<\/a>/);
  });

  test('an unknown family is a 404 that links to the real ones', async () => {
    const { status, html } = await page('/families/agile-alliance');
    assert.equal(status, 404);
    assert.equal(h1(html), 'No such certification family');
    for (const id of ['scrum-alliance', 'scrum-org', 'safe']) assert.match(html, new RegExp(`href="/families/${id}"`));
  });
});

describe('route map', () => {
  test('/routes draws every ladder as an SVG whose nodes link to certification pages', async () => {
    const { status, html } = await page('/routes');
    assert.equal(status, 200);
    assertPageBasics(html);
    assert.equal(h1(html), 'Certification route map');
    const svg = /<div class="map-wide"><svg[\s\S]*?<\/svg>/.exec(html)[0];
    for (const id of ids) assert.equal(count(svg, `href="/certifications/${id}"`), 1, id);
    // The same map in two columns for phones, and a legend of what the map uses.
    const narrow = /<div class="map-narrow"><svg[\s\S]*?<\/svg>/.exec(html)[0];
    for (const id of ids) assert.equal(count(narrow, `href="/certifications/${id}"`), 1, id);
    const legend = text(/<ul class="map-legend">[\s\S]*?<\/ul>/.exec(html)[0]);
    assert.equal(legend.trim(), 'Next step on a ladder Roughly equivalent level in another family Live practice Practice not available yet');
    assert.match(svg, /role="group"/);
    assert.match(svg, /stroke-dasharray="6 5"/, 'dashed cross-family links');
    assert.match(svg, /<desc[^>]*>[^<]*CSM, then A-CSM, then CSP-SM/);
    assert.match(svg, /Roughly equivalent levels: CSPO and PSPO I; CSM and PSM I; A-CSM and PSM II; CAL 1 and PAL-I\./);
    assert.match(svg, /Live practice: CSM, PSM I, PSPO I\./);
    // The same ladders in words, for every reader.
    const t = text(html);
    assert.match(t, /Scrum Master: CSM Live practice A-CSM Practice not available yet CSP-SM Practice not available yet/);
    assert.match(t, /Facilitation \(standalone\): CAF Practice not available yet/);
    assert.match(t, /Product Owner: PSPO I Live practice PSPO II Practice not available yet PSPO III Practice not available yet/);
    assert.match(html, /href="\/compare\/cspo-vs-pspo-i">compare them side by side/);
  });
});

describe('certification pages', () => {
  test('every certification has a page with its name, facts and sources', async () => {
    for (const id of ids) {
      const { status, html } = await page(`/certifications/${id}`);
      assert.equal(status, 200, id);
      assertPageBasics(html);
      for (const label of ['Awarding family', 'Official focus', 'Prerequisites', 'Training', 'Fees', 'Renewal'])
        assert.match(html, new RegExp(`<th scope="row">${label}</th>`), `${id}: ${label}`);
      assert.match(html, /<th scope="row">Exam<\/th>/, id);
      assert.match(html, /<p class="sources-label">Sources<\/p><ul><li><a href="https:\/\//, id);
      assert.match(html, /checked <time datetime="2026-11-22">22 November 2026<\/time>/, id);
      assert.match(html, /<h2 id="ladder">Ladder position<\/h2>/, id);
    }
  });

  test('CSM: the facts table shows the exam format, pass mark and the sources it follows', async () => {
    const { res, html } = await page('/certifications/csm');
    assert.equal(h1(html), 'Certified ScrumMaster (CSM)');
    assert.match(title(html), /^CSM \(Certified ScrumMaster\)/);
    const t = text(html);
    assert.match(t, /Questions: 50 questions/);
    assert.match(t, /Time limit: 60 minutes/);
    assert.match(t, /Pass mark: 37 of 50 \(74%\)/);
    assert.match(t, /Question types: multiple choice/);
    assert.match(t, /Languages: English, Spanish \(Castilian\)/);
    assert.match(t, /Every 2 years: 20 SEUs and US\$100/);
    assert.match(t, /16 hours; in person or live online/);
    assert.match(t, /Two attempts are free within 90 days/);
    // Where sources disagree, the page says which it follows.
    assert.match(html, /<h2 id="disagree">Where sources disagree<\/h2>/);
    assert.match(t, /"37 out of 60"/);
    assert.match(t, /This page follows Scrum Alliance's own support article/);
    // Domain weights are certhub's estimate.
    assert.match(t, /certhub's estimate, not an official weighting/);
    assert.match(t, /Scrum events 22%/);
    // Ladder: entry step, next A-CSM; equivalent PSM I.
    assert.match(t, /Step 1 of 3 on the Scrum Alliance Scrum Master ladder/);
    assert.match(t, /Previous step: none, this is the entry step/);
    assert.match(html, /Next step:<\/span> <a href="\/certifications\/a-csm">A-CSM, Advanced Certified ScrumMaster<\/a>/);
    assert.match(html, /<a href="\/certifications\/psm-i">PSM I<\/a> \(<a href="\/compare\/csm-vs-psm-i">compare<\/a>\)/);
    // A live route: practice entry points, no status form.
    for (const mode of ['sample', 'training', 'mock']) assert.match(html, new RegExp(`href="/practice/csm/${mode}"`));
    assert.doesNotMatch(html, /Request an update/);
    assert.equal(res.headers.get('set-cookie'), null);
  });

  test('CSPO: a status page with the snapshot, adjacent routes and the request form', async () => {
    const { res, html } = await page('/certifications/cspo');
    assert.match(title(html), /practice status and exam guide/);
    const t = text(html);
    assert.match(t, /Practice not available yet: certhub has no practice for the CSPO yet/);
    assert.match(t, /Provider Scrum Alliance Official name Certified Scrum Product Owner Code CSPO Ladder position Step 1 of 3/);
    assert.match(t, /Exam No exam There is no CSPO test/);
    // Its upcoming courses from the schedule, and the way to all of them.
    assert.match(t, /Upcoming CSPO courses From the example schedule: sample dates, prices and trainers\. 28 November 2026, 2 days: Live online, £795 \+ VAT\. Sold out/);
    assert.match(html, /<a href="\/courses\?certification=cspo">All 11 upcoming CSPO courses<\/a>/);
    assert.match(t, /Exam claims\. Some prep and blog pages describe a CSPO exam/);
    assert.match(html, /<h2 id="adjacent">Routes to use meanwhile<\/h2>/);
    assert.match(t, /CSM Live practice Scrum Alliance's entry Scrum Master certification/);
    assert.match(html, /href="\/compare\/cspo-vs-pspo-i">Compare with this route/);
    assert.match(html, /<form method="post" action="\/certifications\/cspo\/requests#request"/);
    assert.match(html, /<label for="request-email">Email \(optional\)<\/label>/);
    assert.match(html, /<input id="request-consent" name="consent" type="checkbox"/);
    assert.match(html, /<input type="hidden" name="csrf_token" value="[0-9a-f]{64}">/);
    assert.match(t, /Nobody has asked yet\./);
    assert.match(res.headers.get('set-cookie'), /^certhub_session=[0-9a-f]{64}\.[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    // The page is rendered once and filled in per visitor: each gets the token for its own cookie.
    const again = await page('/certifications/cspo');
    assert.notEqual(csrfOf(again.html), csrfOf(html));
    assert.notEqual(again.res.headers.get('set-cookie'), res.headers.get('set-cookie'));
    assert.doesNotMatch(again.html, /certhub-hole/);
  });

  test('PSM I, SSM and PSM III show their own exam facts', async () => {
    const psm = text((await page('/certifications/psm-i')).html);
    assert.match(psm, /Pass mark: 68 of 80 \(85%\)/);
    assert.match(psm, /Question types: multiple choice, multiple answer and true\/false/);
    const ssm = text((await page('/certifications/ssm')).html);
    assert.match(ssm, /45 questions in 90 minutes/);
    assert.match(ssm, /Pass mark: 73%/);
    assert.match(ssm, /Every year/);
    const psm3 = text((await page('/certifications/psm-iii')).html);
    assert.match(psm3, /Pass mark: Pass or did not pass \(no numeric mark\)/);
    assert.match(psm3, /Step 3 of 3/);
    assert.match(psm3, /Next step: none, this is the top of the ladder/);
    const caf = text((await page('/certifications/caf')).html);
    assert.match(caf, /The CAF is a standalone route/);
  });

  test('an unknown certification is a 404 that links to the real ones', async () => {
    const { status, html } = await page('/certifications/csm-2');
    assert.equal(status, 404);
    assert.equal(h1(html), 'No such certification');
    for (const id of ids) assert.match(html, new RegExp(`href="/certifications/${id}"`));
  });
});

// One visitor's way through the form: the page gives the cookie and token, the POST uses them.
async function formVisitor(base, id) {
  const v = new Visitor(base);
  const html = await (await v.fetch(`/certifications/${id}`)).text();
  const token = /name="csrf_token" value="([0-9a-f]+)"/.exec(html)[1];
  return { v, token };
}

function post(v, id, fields) {
  return v.fetch(`/certifications/${id}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const countOf = async (base, id) =>
  /<p class="count" id="request-count">([^<]*)<\/p>/.exec(await (await fetch(`${base}/certifications/${id}`)).text())[1];

describe('request an update', () => {
  test('a good request redirects to the page, which thanks and shows the count', async () => {
    const { v, token } = await formVisitor(server.url, 'a-cspo');
    assert.equal(await countOf(server.url, 'a-cspo'), 'Nobody has asked yet.');
    const res = await post(v, 'a-cspo', { csrf_token: token, email: 'learner@example.org', consent: 'yes' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/certifications/a-cspo?requested=1#request');
    const html = await (await v.fetch('/certifications/a-cspo?requested=1')).text();
    assert.match(html, /role="status">Thank you: your request for A-CSPO practice is counted, once per visitor/);
    assert.match(html, /1 person asked for an update\./);
    // Another visitor's anonymous request (no email) counts too.
    const other = await formVisitor(server.url, 'a-cspo');
    assert.equal((await post(other.v, 'a-cspo', { csrf_token: other.token })).status, 303);
    assert.equal(await countOf(server.url, 'a-cspo'), '2 people asked for an update.');
  });

  test('demand cannot be inflated: one visitor posting the blank form many times counts once', async () => {
    const { v, token } = await formVisitor(server.url, 'pspo-ii');
    for (let i = 0; i < 40; i++) {
      const res = await post(v, 'pspo-ii', { csrf_token: token });
      assert.equal(res.status, 303);
    }
    assert.equal(await countOf(server.url, 'pspo-ii'), '1 person asked for an update.');
    // An email given later is kept on the same request, still counted once.
    await post(v, 'pspo-ii', { csrf_token: token, email: 'later@example.org', consent: 'yes' });
    assert.equal(await countOf(server.url, 'pspo-ii'), '1 person asked for an update.');
  });

  test('the same email counts once, and the answer never says whether an address had asked', async () => {
    const { v, token } = await formVisitor(server.url, 'csp-po');
    const first = await post(v, 'csp-po', { csrf_token: token, email: 'Twice@Example.org', consent: 'yes' });
    const again = await post(v, 'csp-po', { csrf_token: token, email: '  twice@example.ORG ', consent: 'yes' });
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), first.headers.get('location'));
    // Someone else typing the same address gets the same words, not "already asked".
    const { v: v2, token: t2 } = await formVisitor(server.url, 'csp-po');
    const stranger = await post(v2, 'csp-po', { csrf_token: t2, email: 'twice@example.org', consent: 'yes' });
    assert.equal(stranger.headers.get('location'), '/certifications/csp-po?requested=1#request');
    const page2 = await (await v2.fetch('/certifications/csp-po?requested=1')).text();
    assert.doesNotMatch(page2, /already asked|had already/);
    assert.equal(await countOf(server.url, 'csp-po'), '1 person asked for an update.');
    // The same email for another route is a new request.
    const { v: v3, token: t3 } = await formVisitor(server.url, 'caf');
    assert.equal((await post(v3, 'caf', { csrf_token: t3, email: 'twice@example.org', consent: 'yes' })).status, 303);
    assert.equal(await countOf(server.url, 'caf'), '1 person asked for an update.');
  });

  test('consent ticked without an email is refused with a message at the form (400)', async () => {
    const { v, token } = await formVisitor(server.url, 'psm-iii');
    const res = await post(v, 'psm-iii', { csrf_token: token, consent: 'yes' });
    assert.equal(res.status, 400);
    const html = await res.text();
    assert.match(html, /role="alert">Enter your email address so we can write to you, or untick the box\./);
    assert.match(html, /<input id="request-email"[^>]* aria-invalid="true"/);
    // The form posts to its own section, so the browser shows the message where the form is.
    assert.match(html, /action="\/certifications\/psm-iii\/requests#request"/);
    assert.equal(await countOf(server.url, 'psm-iii'), 'Nobody has asked yet.');
  });

  test('a bad email shows the form again with a message and the input kept, escaped (400)', async () => {
    const { v, token } = await formVisitor(server.url, 'a-csm');
    const res = await post(v, 'a-csm', { csrf_token: token, email: 'not an <email>', consent: 'yes' });
    assert.equal(res.status, 400);
    const html = await res.text();
    assertPageBasics(html);
    assert.match(html, /role="alert">Enter an email address like name@example\.com, or leave the field empty\./);
    assert.match(html, /value="not an &lt;email&gt;" aria-invalid="true" aria-describedby="request-error"/);
    assert.doesNotMatch(html, /not an <email>/);
    assert.match(html, /<input id="request-consent" name="consent" type="checkbox" value="yes" checked>/);
    assert.equal(await countOf(server.url, 'a-csm'), 'Nobody has asked yet.');
  });

  test('an email without consent is refused with a message (400)', async () => {
    const { v, token } = await formVisitor(server.url, 'a-csm');
    const res = await post(v, 'a-csm', { csrf_token: token, email: 'someone@example.org' });
    assert.equal(res.status, 400);
    const html = await res.text();
    assert.match(html, /Tick the box to let us email you/);
    assert.match(html, /value="someone@example\.org"/);
    assert.equal(await countOf(server.url, 'a-csm'), 'Nobody has asked yet.');
  });

  test('RejectsMissingCsrfToken, a wrong token and a visitor without a cookie (403)', async () => {
    const { v, token } = await formVisitor(server.url, 'pal-i');
    const missing = await post(v, 'pal-i', { email: 'x@example.org', consent: 'yes' });
    assert.equal(missing.status, 403);
    const html = await missing.text();
    assert.match(html, /<h1 id="page-title">Request not accepted<\/h1>/);
    assert.match(html, /href="\/certifications\/pal-i#request"/);
    const wrong = await post(v, 'pal-i', { csrf_token: '0'.repeat(64), email: 'x@example.org', consent: 'yes' });
    assert.equal(wrong.status, 403);
    const stranger = await fetch(`${server.url}/certifications/pal-i/requests`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf_token: token, email: 'x@example.org', consent: 'yes' }).toString(),
    });
    assert.equal(stranger.status, 403);
    assert.equal(await countOf(server.url, 'pal-i'), 'Nobody has asked yet.');
  });

  test('a request for a live route or an unknown route is 404', async () => {
    const { v, token } = await formVisitor(server.url, 'cspo');
    assert.equal((await post(v, 'csm', { csrf_token: token })).status, 404);
    assert.equal((await post(v, 'nope', { csrf_token: token })).status, 404);
    assert.equal((await fetch(`${server.url}/certifications/cspo/requests`)).status, 405);
  });

  test('the count is stored in the database and survives a restart', async () => {
    const dir = tempDir();
    const db = join(dir, 'requests.db');
    try {
      const first = await startServer({ db });
      const { v, token } = await formVisitor(first.url, 'psm-ii');
      await post(v, 'psm-ii', { csrf_token: token, email: 'a@example.org', consent: 'yes' });
      const other = await formVisitor(first.url, 'psm-ii');
      await post(other.v, 'psm-ii', { csrf_token: other.token, email: 'b@example.org', consent: 'yes' });
      assert.equal(await countOf(first.url, 'psm-ii'), '2 people asked for an update.');
      await first.stop();
      const second = await startServer({ db });
      try {
        assert.equal(await countOf(second.url, 'psm-ii'), '2 people asked for an update.');
        // The earlier visitor's cookie and token still work, and duplicates still count once.
        const again = new Visitor(second.url);
        again.cookies = v.cookies;
        const res = await post(again, 'psm-ii', { csrf_token: token, email: 'A@example.org', consent: 'yes' });
        assert.equal(res.headers.get('location'), '/certifications/psm-ii?requested=1#request');
        assert.equal(await countOf(second.url, 'psm-ii'), '2 people asked for an update.');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('compare', () => {
  test('the picker has two labelled selects grouped by family and the featured pairs', async () => {
    const { status, html } = await page('/compare');
    assert.equal(status, 200);
    assertPageBasics(html);
    assert.match(html, /<form method="get" action="\/compare"/);
    assert.match(html, /<label for="compare-a">First certification<\/label>/);
    assert.match(html, /<label for="compare-b">Second certification<\/label>/);
    assert.match(html, /<optgroup label="Scrum\.org"><option value="psm-i">PSM I \(Professional Scrum Master I\)<\/option>/);
    assert.match(html, /href="\/compare\/cspo-vs-pspo-i">CSPO vs PSPO I<\/a>/);
  });

  test('the picker redirects to the pair page; the same id twice or a missing side is 400', async () => {
    const ok = await page('/compare?a=csm&b=cspo');
    assert.equal(ok.status, 303);
    assert.equal(ok.res.headers.get('location'), '/compare/csm-vs-cspo');
    const same = await page('/compare?a=csm&b=csm');
    assert.equal(same.status, 400);
    assert.match(same.html, /Choose two different certifications to compare\./);
    assert.match(same.html, /<option value="csm" selected>/);
    const half = await page('/compare?a=csm&b=');
    assert.equal(half.status, 400);
    assert.match(half.html, /Choose a certification in both lists\./);
    const unknown = await page('/compare?a=csm&b=zzz');
    assert.equal(unknown.status, 404);
    const twice = await page('/compare/cspo-vs-cspo');
    assert.equal(twice.status, 400);
  });

  test('CSM vs CSPO shows the facts side by side with differing rows marked', async () => {
    const { status, html } = await page('/compare/csm-vs-cspo');
    assert.equal(status, 200);
    assertPageBasics(html);
    assert.equal(h1(html), 'CSM vs CSPO');
    const t = text(html);
    assert.match(t, /Pick CSM to run Scrum for a team, CSPO to own product decisions/);
    assert.match(t, /Awarding family Scrum Alliance Scrum Alliance/);
    assert.match(t, /Exam Differs 50 questions in 60 minutes Sources .* No exam Sources/);
    assert.match(t, /Pass mark Differs 37 of 50 \(74%\) No exam/);
    assert.match(t, /Renewal Every 2 years: 20 SEUs and US\$100 Sources .* Every 2 years: 20 SEUs and US\$100/);
    assert.match(html, /<tr class="differs">\s*<th scope="row">Lane <span class="differs-tag">Differs<\/span>/);
    assert.doesNotMatch(html, /<tr class="differs">\s*<th scope="row">Awarding family/);
    // Training: both 16 hours, CSPO's formats unpublished. The values agree, so the row does not
    // differ just because one side names its formats.
    assert.match(t, /Training 16 hours; in person or live online Sources .* 16 hours Sources/);
    assert.doesNotMatch(html, /<tr class="differs">\s*<th scope="row">Training/);
    const [, differing, total] = /(\d+) of (\d+) facts differ/.exec(t);
    assert.equal(count(html, '<tr class="differs">'), Number(differing));
    assert.equal(count(html, '<th scope="row">'), Number(total));
    assert.match(html, /href="\/compare\/cspo-vs-csm">Swap the columns/);
  });

  test('CSPO vs PSPO I and any other pair work; unknown ids are 404 with links to valid ones', async () => {
    const featured = await page('/compare/cspo-vs-pspo-i');
    assert.equal(featured.status, 200);
    assert.match(text(featured.html), /Awarding family Differs Scrum Alliance Scrum\.org/);
    assert.match(text(featured.html), /Pass mark Differs No exam 68 of 80 \(85%\)/);
    const any = await page('/compare/psm-iii-vs-caf');
    assert.equal(any.status, 200);
    assert.equal(h1(any.html), 'PSM III vs CAF');
    for (const bad of ['/compare/csm-vs-xyz', '/compare/xyz-vs-csm', '/compare/csm', '/compare/-vs-']) {
      const r = await page(bad);
      assert.equal(r.status, 404, bad);
      assert.match(r.html, /There is no comparison at that address/);
      for (const id of ids) assert.match(r.html, new RegExp(`href="/certifications/${id}"`), `${bad}: ${id}`);
    }
  });
});

describe('courses', () => {
  const courseCount = (html) => count(html, '<li class="course">');

  test('lists the upcoming example schedule with price, format, trainer and availability', async () => {
    const { status, html } = await page('/courses');
    assert.equal(status, 200);
    assertPageBasics(html);
    const t = text(html);
    assert.match(t, /Example schedule\. This is an example schedule/);
    assert.match(t, /Courses starting on or after 23 November 2026/);
    assert.equal(courseCount(html), 17);
    assert.match(t, /17 upcoming courses/);
    assert.match(t, /the trainers are made-up names, not real people/);
    assert.match(t, /28 November 2026, 2 days Format Live online Price £795 \+ VAT Trainer Ada Example Availability Sold out/);
    assert.match(t, /15 December 2026, 2 days Format In person, London \(Chancery Lane\) Price £895 \+ VAT Trainer Cleo Placeholder/);
    // The example covers the CSM as well as the CSPO (and the Scrum.org courses).
    for (const code of ['CSM', 'CSPO', 'PSM I', 'PSPO I'])
      assert.match(html, new RegExp(`<option value="[a-z-]+">${code} \\(`), code);
    assert.match(html, /href="https:\/\/certhub\.example\/book\/cspo-online-2026-12-12">Book/);
    assert.doesNotMatch(html, /href="https:\/\/certhub\.example\/book\/cspo-online-2026-11-28"/, 'sold out: no booking link');
    for (const f of ['certification', 'format', 'city', 'month', 'availability'])
      assert.match(html, new RegExp(`<label for="f-${f}">[^<]+</label>`), f);
    assert.match(html, /<option value="2027-03">March 2027<\/option>/);
  });

  test('each filter narrows the list and stays selected, so the view can be linked', async () => {
    const cases = [
      ['certification=cspo', 11],
      ['certification=csm', 4],
      ['format=in-person', 4],
      ['format=live-online', 13],
      ['city=London', 3],
      ['month=2026-12', 5],
      ['availability=sold-out', 2],
      ['availability=nearly-full', 2],
      ['format=in-person&month=2027-02&availability=book-now', 1],
    ];
    for (const [query, n] of cases) {
      const { status, html } = await page(`/courses?${query}`);
      assert.equal(status, 200, query);
      assert.equal(courseCount(html), n, query);
      assert.match(text(html), new RegExp(`${n} upcoming courses? matching your filters`), query);
      assert.match(html, /href="\/courses">Clear filters<\/a>/);
    }
    const linked = (await page('/courses?format=in-person&month=2027-02')).html;
    assert.match(linked, /<option value="in-person" selected>In person<\/option>/);
    assert.match(linked, /<option value="2027-02" selected>February 2027<\/option>/);
    assert.match(text(linked), /16 February 2027, 2 days Format In person, London \(Chancery Lane\) Price £895 \+ VAT Trainer Dev Fictional Availability Book now/);
  });

  test('an empty result says so', async () => {
    const { status, html } = await page('/courses?certification=caf');
    assert.equal(status, 200);
    assert.equal(courseCount(html), 0);
    assert.match(text(html), /No upcoming courses match these filters\./);
    const wrongMonth = await page('/courses?month=2026-10');
    assert.match(text(wrongMonth.html), /No upcoming courses match these filters\./);
  });

  test('past courses are hidden, relative to the server clock, not today', async () => {
    const content = copyContent();
    const file = join(content, 'courses.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + `  - id: cspo-online-2026-11-20
    title: Certified Scrum Product Owner (CSPO)
    certification: cspo
    format: live-online
    start: 2026-11-20
    days: 2
    price: 795
    currency: GBP
    vat: excl
    trainer: Past Trainer
    availability: book-now
    booking_url: https://certhub.example/book/past
  - id: cspo-online-2026-11-23
    title: Certified Scrum Product Owner (CSPO)
    certification: cspo
    format: live-online
    start: 2026-11-23
    days: 1
    price: 100
    currency: EUR
    vat: incl
    trainer: Today Trainer
    availability: book-now
    booking_url: https://certhub.example/book/today
`);
    const own = await startServer({ content });
    try {
      const { html } = await page('/courses', own.url);
      assert.doesNotMatch(html, /Past Trainer/);
      assert.match(text(html), /23 November 2026, 1 day Format Live online Price €100 incl\. VAT Trainer Today Trainer/);
      assert.equal(courseCount(html), 18);
      assert.doesNotMatch(html, /<option value="2026-11-20"/);
    } finally {
      await own.stop();
      rmSync(content, { recursive: true, force: true });
    }
  });
});
