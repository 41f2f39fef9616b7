"""Small faulty HTTP servers on 127.0.0.1 for the reliability tests: one that asks for
HTTP Digest, one that redirects with 307, one that trickles a byte a second, one that
echoes the credentials it was sent. Each runs in a thread and stops with its ``with``."""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

USER, PASSWORD, REALM = "alice", "s3cret-pw", "revops-test"

#: The longest a trickling server keeps a connection (bounds every test using it).
TRICKLE_SECONDS = 30


def _md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()  # MD5: what HTTP Digest uses


class Recording(BaseHTTPRequestHandler):
    """Reads each request's body and notes (method, path, body, Authorization) on the server."""

    def log_message(self, *args: object) -> None:  # keep test output clean
        pass

    def body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else b""
        self.server.seen.append((self.command, self.path, data, self.headers.get("Authorization")))  # type: ignore[attr-defined]
        return data

    def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Digest(Recording):
    """Accepts an upload only with a valid HTTP Digest (qop=auth) for USER/PASSWORD."""

    def do_PUT(self) -> None:
        self.body()
        given = self.headers.get("Authorization") or ""
        fields = dict(re.findall(r'(\w+)="?([^",]*)"?', given))
        if given.startswith("Digest ") and fields.get("username") == USER:
            ha1 = _md5(f"{USER}:{REALM}:{PASSWORD}")
            ha2 = _md5(f"{self.command}:{fields.get('uri')}")
            expected = _md5(f"{ha1}:{fields.get('nonce')}:{fields.get('nc')}:{fields.get('cnonce')}:{fields.get('qop')}:{ha2}")
            if fields.get("response") == expected:
                self.reply(204)
                return
        challenge = f'Digest realm="{REALM}", nonce="{time.time_ns()}", qop="auth", algorithm=MD5'
        self.reply(401, b"unauthorized", {"WWW-Authenticate": challenge})

    do_POST = do_PUT


class Redirect(Recording):
    """``/old...`` answers 307 to ``/new...``, which takes the upload."""

    def do_PUT(self) -> None:
        self.body()
        if self.path.startswith("/old"):
            self.reply(307, headers={"Location": "/new" + self.path[4:]})
        else:
            self.reply(201)

    do_POST = do_PUT


class Trickle(Recording):
    """Answers 200 and then sends its body one byte a second (at most TRICKLE_SECONDS)."""

    def do_POST(self) -> None:
        self.body()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(TRICKLE_SECONDS))
        self.end_headers()
        for _ in range(TRICKLE_SECONDS):
            try:
                self.wfile.write(b" ")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(1)

    do_PUT = do_GET = do_POST


class Echo(Recording):
    """Refuses everything with 401 and echoes the Authorization header it got."""

    def do_POST(self) -> None:
        self.body()
        self.reply(401, f"denied for {self.headers.get('Authorization')}".encode(), {"Content-Type": "text/plain"})

    do_PUT = do_GET = do_POST


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[ThreadingHTTPServer]:
    """``handler`` on a free port of 127.0.0.1; ``server.url`` is its base, ``server.seen`` its requests."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.seen = []  # type: ignore[attr-defined]
    server.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)
