"""Commands on a vocabulary in a SPARQL server, against dumping the graph and using the file.

Starts ``oxigraph serve-read-only`` on a store already loaded with a synthetic glossary
(``oxigraph load --location DIR --file benchmarks/data/glossary-100k.nt``), puts a
byte-counting proxy (its own process, so its buffers count nowhere) in front of it, and
runs each scenario as its own subprocess, so its wall time and peak RSS are its own::

    python benchmarks/endpoint_bench.py --location /path/to/store --size 100k \\
        --focus "Gross payment velocity (UK&I, Public Sector)" --kind Lifecycle

Prints one Markdown table row per scenario: seconds, bytes received from the server, peak
RSS. The focus maps, concept tables and explained chains from the server and from the dump
are compared byte for byte, so the table is only printed for answers that agree. The proxy
streams answers through, so the dump row measures a whole graph (1M: ``--no-file``).
"""

from __future__ import annotations

import argparse
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs

HERE = Path(__file__).resolve().parent
COMMAND = [sys.executable, "-m", "revops_graph.cli"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def forwarding_handler(
    target: str, record: Callable[[str, str, dict[str, list[str]], int], None],
) -> type[http.server.BaseHTTPRequestHandler]:
    """A request handler that forwards to ``target``, streaming each answer through, and calls
    ``record(method, path, form, bytes answered)`` once it is sent (``form``: the URL's and
    the form body's fields)."""
    import httpx

    client = httpx.Client(timeout=3600)

    class Forwarding(http.server.BaseHTTPRequestHandler):
        # Chunked answers need HTTP/1.1; each answer is streamed through chunk by chunk and only
        # counted, so a dump of a million concepts passes without being held in memory.
        protocol_version = "HTTP/1.1"

        def _forward(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            path, _, query = self.path.partition("?")
            form = parse_qs(query)
            if self.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
                form.update(parse_qs(body.decode("utf-8")))
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length", "connection")}
            request = client.build_request(self.command, target + self.path, content=body, headers=headers)
            answer = client.send(request, stream=True)
            size, recorded = 0, False
            try:
                self.send_response(answer.status_code)
                for name, value in answer.headers.items():
                    if name.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding"):
                        self.send_header(name, value)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for chunk in answer.iter_bytes():
                    if chunk:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        size += len(chunk)
                # Counted before the last chunk: a client that has its whole answer finds it counted.
                recorded = True
                record(self.command, path, form, size)
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()
            finally:
                answer.close()
                if not recorded:
                    record(self.command, path, form, size)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward

        def log_message(self, *args: object) -> None:
            pass

    return Forwarding


def proxy(port: int, target: str, counter: Path) -> None:
    """Forward to ``target``; after each answer, write the total bytes answered so far."""
    total = 0

    lock = threading.Lock()

    def count(method: str, path: str, form: dict[str, list[str]], size: int) -> None:
        nonlocal total
        with lock:
            total += size
            # Replaced whole, never truncated: the benchmark may read it at any moment.
            partial = counter.with_suffix(".tmp")
            partial.write_text(str(total))
            os.replace(partial, counter)

    http.server.ThreadingHTTPServer(("127.0.0.1", port), forwarding_handler(target, count)).serve_forever()


def _wait(url: str, process: subprocess.Popen) -> None:
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the process exited with {process.returncode}")
        try:
            httpx.get(url, params={"query": "ASK {}"}, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def _measure(args: list[str], stdout: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one subprocess."""
    start = time.perf_counter()
    with stdout.open("wb") as out:
        process = subprocess.Popen(args, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
    return elapsed, usage.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--location", type=Path, help="an Oxigraph store holding the glossary")
    parser.add_argument("--size", default="100k", help="what the store holds, for the table")
    parser.add_argument("--focus", required=False, default="Gross payment velocity (UK&I, Public Sector)")
    parser.add_argument("--kind", default="Lifecycle")
    parser.add_argument("--to", default="Partner subscription enablement (LATAM, SMB)",
                        help="explain --focus and this concept")
    parser.add_argument("--no-file", action="store_true",
                        help="dump the graph but skip the commands on the file (1M is above the in-memory input limit)")
    parser.add_argument("--proxy", nargs=3, metavar=("PORT", "TARGET", "COUNTER"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.proxy:
        proxy(int(options.proxy[0]), options.proxy[1], Path(options.proxy[2]))
        return
    work = Path(tempfile.mkdtemp(prefix="endpoint-bench-"))
    server_port, proxy_port = _free_port(), _free_port()
    oxigraph = str(Path(sys.executable).with_name("oxigraph"))
    server = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(options.location),
                               "--bind", f"127.0.0.1:{server_port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    counter = work / "bytes"
    counting = subprocess.Popen([sys.executable, __file__, "--proxy", str(proxy_port),
                                 f"http://127.0.0.1:{server_port}", str(counter)])
    endpoint = f"http://127.0.0.1:{proxy_port}/query"
    rows = []
    try:
        _wait(f"http://127.0.0.1:{server_port}/query", server)
        _wait(endpoint, counting)

        def run(name: str, args: list[str], output: str) -> None:
            before = int(counter.read_text()) if counter.exists() else 0
            seconds, rss = _measure(args, work / output)
            after = int(counter.read_text()) if counter.exists() else 0
            rows.append(f"| {name} | {options.size} | {seconds:.1f} | {(after - before) / 2**20:.2f} | {rss / 2**20:.0f} |")
            print(rows[-1], flush=True)

        focus = ["map", "--focus", options.focus, "--depth", "1", "--max-nodes", "0", "-o", "-"]
        kinds = ["concepts", "--kinds", options.kind]
        explain = ["explain", options.focus, options.to]
        run("map --focus (depth 1) --endpoint", COMMAND + focus + ["--endpoint", endpoint], "focus-server.html")
        run(f"concepts --kinds {options.kind} --endpoint", COMMAND + kinds + ["--endpoint", endpoint], "kinds-server.txt")
        run("explain A B --endpoint", COMMAND + explain + ["--endpoint", endpoint], "explain-server.txt")
        dump = work / "dump.nt"
        fetch = ("import sys; from revops_graph.store import Connection, Remote, fetch_graph; "
                 "fetch_graph(Remote(sys.argv[1], connection=Connection(timeout=3600)), open(sys.argv[2], 'wb'))")
        run("dump the graph (CONSTRUCT, streamed to disk)", [sys.executable, "-c", fetch, endpoint, str(dump)], "dump.log")
        if not options.no_file:
            run("map --focus (depth 1) --data dump.nt", COMMAND + focus + ["--data", str(dump)], "focus-file.html")
            run(f"concepts --kinds {options.kind} --data dump.nt", COMMAND + kinds + ["--data", str(dump)], "kinds-file.txt")
            run("explain A B --data dump.nt", COMMAND + explain + ["--data", str(dump)], "explain-file.txt")
            for a, b in (("focus-server.html", "focus-file.html"), ("kinds-server.txt", "kinds-file.txt"),
                         ("explain-server.txt", "explain-file.txt")):
                if (work / a).read_bytes() != (work / b).read_bytes():
                    raise SystemExit(f"{a} and {b} differ: the server and the file disagree")
    finally:
        (work / "dump.nt").unlink(missing_ok=True)
        counting.terminate()
        server.terminate()
        counting.wait()
        server.wait()
    print("\n| scenario | size | seconds | MiB from the server | peak RSS MiB |\n|---|---|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
