"""Runs SPARQL queries on an on-disk Oxigraph store, in a child process that stays up.

pyoxigraph evaluates a query in Rust with the GIL released and offers no way to stop
it, so :class:`revops_graph.store.OxigraphStore` runs queries in this script
(``python -I _oxworker.py PATH``) and kills the process at the time limit. The script
imports only pyoxigraph and never the revops_graph package. It serves one query after
another with the store opened (read-only) once: starting a process and opening a
100k-concept store for every query cost 60 ms on top of a 70 ms query (BENCHMARKS.md).
It ends when its stdin closes, and never outlives the process that started it: on Linux
the kernel kills it when that parent dies (``PR_SET_PDEATHSIG``), and everywhere a watchdog
thread (pyoxigraph releases the GIL while it evaluates) ends it once its parent is gone, so
a ``kill -9`` of the command cannot leave a query running with parent 1. Each query also
carries its time limit: an interval timer with SIGALRM's default action (the kernel ends
the process, GIL or not) stops it a little after the limit even if nobody is left to.

Each request on stdin: an 8-byte big-endian length, then JSON
``{"query", "form", "substitutions": {name: SPARQL-JSON term}, "timeout": seconds}``.
Each answer on stdout: one status byte (``0`` ok, ``3`` failed), an 8-byte length, then
SPARQL JSON results (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE); on failure JSON
``{"message", "line", "column"}``.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time

import pyoxigraph as ox

# Seconds the worker gives a query beyond its limit before ending itself: the parent
# normally kills it right at the limit; this is the backstop for a parent that cannot.
GRACE = 2.0

# How often the watchdog looks for the parent (where no parent-death signal exists).
WATCH_EVERY = 0.2


def die_with_parent(parent: int) -> None:
    """End this process as soon as ``parent`` is gone (kernel signal on Linux, plus a thread)."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass  # the watchdog below still covers it

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_EVERY)
        os._exit(3)

    # Also catches a parent that died before prctl ran (we were re-parented already).
    threading.Thread(target=watch, daemon=True).start()


def _term(spec: dict[str, str]) -> ox.NamedNode | ox.Literal:
    if spec["type"] == "uri":
        return ox.NamedNode(spec["value"])
    if "xml:lang" in spec:
        return ox.Literal(spec["value"], language=spec["xml:lang"])
    if "datatype" in spec:
        return ox.Literal(spec["value"], datatype=ox.NamedNode(spec["datatype"]))
    return ox.Literal(spec["value"])


def answer(store_path: str, request: dict, opened: dict) -> tuple[int, bytes]:
    """Status and payload for one request; the store is opened on first use and kept."""
    try:
        if "store" not in opened:
            opened["store"] = ox.Store.read_only(store_path)
        substitutions = {ox.Variable(k): _term(v) for k, v in request["substitutions"].items()}
        result = opened["store"].query(request["query"], substitutions=substitutions)
        if request["form"] in ("CONSTRUCT", "DESCRIBE"):
            return 0, ox.serialize(result, format=ox.RdfFormat.N_TRIPLES) or b""
        return 0, result.serialize(format=ox.QueryResultsFormat.JSON) or b""
    except SyntaxError as exc:
        problem = {"message": exc.msg, "line": exc.lineno, "column": exc.offset}
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        problem = {"message": str(exc), "line": None, "column": None}
    return 3, json.dumps(problem).encode()


def main() -> int:
    store_path = sys.argv[1]
    if len(sys.argv) > 2:
        die_with_parent(int(sys.argv[2]))
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    opened: dict = {}
    while len(head := stdin.read(8)) == 8:
        request = json.loads(stdin.read(int.from_bytes(head, "big")))
        limit = request.get("timeout")
        if limit:
            signal.setitimer(signal.ITIMER_REAL, float(limit) + GRACE)
        status, payload = answer(store_path, request, opened)
        signal.setitimer(signal.ITIMER_REAL, 0)
        stdout.write(bytes([status]) + len(payload).to_bytes(8, "big") + payload)
        stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
