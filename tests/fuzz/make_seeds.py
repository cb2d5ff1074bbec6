#!/usr/bin/env python3
"""Writes the seed inputs of each harness into tests/fuzz/corpus/NAME/ (seed-*), from the shipped
content, the fixtures and the requests the integration tests send. Run once when a harness is
added; scripts/fuzz then grows each corpus (and keeps it small with -merge=1)."""
import hashlib
import json
import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"


def write(name, data):
    if isinstance(data, str):
        data = data.encode()
    folder = CORPUS / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ("seed-" + hashlib.sha1(data).hexdigest()[:16])).write_bytes(data)


# yaml: every fixture, and the shipped files up to 16 KiB (the question banks are larger: their
# first 200 lines stand for them, so the fuzzer's inputs stay short and fast).
for path in sorted([*ROOT.glob("tests/fixtures/**/*.yaml"), *ROOT.glob("content/**/*.yaml")]):
    text = path.read_text()
    if len(text) > 16384:
        text = "\n".join(text.split("\n")[:200]) + "\n"
    write("yaml", text)

# markdown: the texts the pages render as Markdown (stems, explanations, intros, review rules).
texts = set()
for path in sorted(ROOT.glob("content/**/*.yaml")):
    doc = yaml.safe_load(path.read_text())
    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("stem", "explanation", "intro", "text") and isinstance(value, str):
                    texts.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(doc)
for text in sorted(texts, key=lambda t: (-len(set(t) & set("*_`[]()#|>-~")), t))[:120]:
    write("markdown", text)
for text in ["# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", "~~gone~~ **bold** _it_ `code`\n",
             "<script>alert(1)</script>", "[link](https://example.org \"t\")\n\n> quote\n",
             "1. one\n2. two\n   - nested\n\n```\nfence\n```\n", "&amp; &#x41; &bogus;"]:
    write("markdown", text)

# form: bodies and query strings the pages post and read.
for body in ["csrf_token=abc&mode=mock", "csrf_token=abc&seq=0&selected=a&action=next",
             "csrf_token=abc&seq=2&selected=a&selected=b&selected=c&action=check",
             "csrf_token=abc&mode=mock&abandon=ffff", "csrf_token=abc&confirm_unanswered=1",
             "csrf_token=abc&email=x%40example.org&consent=yes",
             "certification=cspo&format=in-person", "show=wrong", "page=2", "notice=stale",
             "a=1&a=2&b=&c", "name=two+words%20here&x=%E2%9C%93", "%zz=1", "=&&=", ""]:
    write("form", body)

# json_api: an endpoint byte, a question/mode byte, then the body (see json_api_fuzz.cpp).
bodies = {
    0: [{"certification": "demo", "mode": "mock"}, {"certification": "demo", "mode": "training",
        "domain": "events"}, {"certification": "demo", "mode": "training", "missed": "latest"},
        {"certification": "demo", "mode": "sample"}, {"certification": "demo", "mode": "drill"},
        {"certification": "demo", "mode": "mock", "abandon": "f" * 32}, {"mode": "mock"}],
    1: [{"selected": ["a"]}, {"selected": ["a", "b"], "sequence": 0}, {"selected": []},
        {"selected": "a"}, {"selected": ["a"], "sequence": 2147483648}],
    2: [{"flagged": True}, {"flagged": "yes"}],
    3: [{"question": "demo-events-001", "selected": ["a"], "reps": 0},
        {"question": "no-such", "selected": ["a"], "reps": 1}],
    4: [{"certification": "demo", "date": "2026-12-24"}, {"certification": "demo", "date": None},
        {"certification": "demo", "date": "2026-02-30"}],
}
for endpoint, items in bodies.items():
    for i, body in enumerate(items):
        write("json_api", bytes([endpoint, i * 17 % 256]) + json.dumps(body).encode())
write("json_api", b"\x00\x00{not json")
write("json_api", b"\x01\x01[1,2,3]")

# router: a method byte, then a path, or "pattern\npath".
paths = ["/", "/routes", "/compare", "/courses", "/families/demo-family", "/certifications/demo",
         "/certifications/demo/requests", "/compare/demo-vs-demo-pro", "/practice/demo",
         "/practice/demo/sample", "/practice/demo/review", "/practice/demo/attempts",
         "/attempts/abc/q/1", "/attempts/abc/result", "/attempts/abc/missed", "/progress",
         "/progress/demo", "/drill", "/drill/exam-date", "/api/v1/session", "/api/v1/attempts",
         "/api/v1/attempts/abc/answers/1", "/api/v1/attempts/abc/flags/2", "/api/v1/progress",
         "/api/v1/drill/answers", "/api/v1/exam-date", "/healthz", "/metrics",
         "/static/site.css", "//", "/a//b", "/certifications/"]
for i, path in enumerate(paths):
    write("router", bytes([i % 7]) + path.encode())
write("router", b"\x00/a/{x}/c\n/a/b/c")
write("router", b"\x02/{a}/{a}\n/x/y")

# request: raw requests as the integration tests send them.
requests = [
    "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
    "GET / HTTP/1.0\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
    "GET /courses?certification=cspo&format=in-person HTTP/1.1\r\nHost: a\r\n\r\n",
    "GET /certifications/demo HTTP/1.1\r\nHost: a\r\nCookie: certhub_session=" + "0" * 64 +
    "; other=1\r\n\r\n",
    "HEAD /practice/demo HTTP/1.1\r\nHost: a\r\n\r\n",
    "GET /progress/demo?page=2 HTTP/1.1\r\nHost: a\r\n\r\n",
    "POST /api/v1/attempts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
    "POST /api/v1/attempts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
    "POST /api/v1/attempts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    "Content-Length: 40\r\n\r\n{\"certification\":\"demo\",\"mode\":\"mock\"}",
    "POST /practice/demo/attempts HTTP/1.1\r\nHost: x\r\nContent-Type: "
    "application/x-www-form-urlencoded\r\nContent-Length: 24\r\n\r\ncsrf_token=abc&mode=mock",
    "GET /x\"y\xff HTTP/1.1\r\nHost: a\r\n\r\n",
    "GET /a%2Fb/%00?%zz HTTP/1.1\r\nHost: a\r\nX: folded\r\n  line\r\n\r\n",
    "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
    "GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n",
    "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n",
    "DELETE /api/v1/attempts/abc HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
]
for raw in requests:
    write("request", raw.encode("latin-1"))
