#!/usr/bin/python3
"""A mail sink for the tests: an SMTP server on 127.0.0.1 that keeps every message it accepts.

Usage: /usr/bin/python3 smtp_sink.py PORT FILE [DELAY_MS]
PORT 0 picks a free port. DELAY_MS (default 0) is a pause after keeping a message and before the
250 reply: a client killed in that window has its message delivered but not acknowledged. The first line on stdout is "listening PORT"; each accepted message is
appended to FILE as one JSON line {"mail_from", "rcpt_tos", "data"} before the 250 reply, so a
message the client saw accepted is always in the file. Runs until killed (SIGTERM or SIGKILL).
Needs Debian's python3-aiosmtpd, installed for /usr/bin/python3 only.
"""
import asyncio
import json
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, path, delay_ms=0):
        self.path = path
        self.delay = delay_ms / 1000
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        line = json.dumps({
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "data": envelope.content.decode("utf-8", errors="replace"),
        })
        with self.lock, open(self.path, "a", encoding="utf-8") as out:
            out.write(line + "\n")
            out.flush()
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 OK: kept"


def free_port():
    # aiosmtpd's Controller checks it is up by connecting to its port, so it needs a real one.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    if len(sys.argv) not in (3, 4):
        print("usage: smtp_sink.py PORT FILE [DELAY_MS]", file=sys.stderr)
        return 2
    port = int(sys.argv[1]) or free_port()
    open(sys.argv[2], "a").close()
    controller = Controller(Keep(sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 0), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"listening {port}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(3600):
        pass
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
