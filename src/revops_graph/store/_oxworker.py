"""Runs SPARQL queries on an on-disk Oxigraph store, in a child process that stays up.

pyoxigraph evaluates a query in Rust with the GIL released and offers no way to stop
it, so :class:`revops_graph.store.OxigraphStore` runs queries in this script
(``python -I _oxworker.py PATH``) and kills the process at the time limit. The script
imports only pyoxigraph and never the revops_graph package. It serves one query after
another with the store opened (read-only) once: starting a process and opening a
100k-concept store for every query cost 60 ms on top of a 70 ms query (BENCHMARKS.md).
It ends when its stdin closes.

Each request on stdin: an 8-byte big-endian length, then JSON
``{"query", "form", "substitutions": {name: SPARQL-JSON term}}``.
Each answer on stdout: one status byte (``0`` ok, ``3`` failed), an 8-byte length, then
SPARQL JSON results (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE); on failure JSON
``{"message", "line", "column"}``.
"""

from __future__ import annotations

import json
import sys

import pyoxigraph as ox


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
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    opened: dict = {}
    while len(head := stdin.read(8)) == 8:
        request = json.loads(stdin.read(int.from_bytes(head, "big")))
        status, payload = answer(store_path, request, opened)
        stdout.write(bytes([status]) + len(payload).to_bytes(8, "big") + payload)
        stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
