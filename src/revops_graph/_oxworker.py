"""Runs one SPARQL query on an on-disk Oxigraph store, in a child process.

pyoxigraph evaluates a query in Rust with the GIL released and offers no way to stop
it, so :class:`revops_graph.store.OxigraphStore` runs each query in this script
(``python -I _oxworker.py``) and kills the process at the time limit. The script
imports only pyoxigraph (about 40 ms to start) and never the revops_graph package.

stdin: JSON ``{"path", "query", "form", "substitutions": {name: SPARQL-JSON term}}``.
stdout: SPARQL JSON results (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE).
On failure: exit 3 and JSON ``{"message", "line", "column"}`` on stderr.
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


def main() -> int:
    request = json.load(sys.stdin)
    try:
        store = ox.Store.read_only(request["path"])
        substitutions = {ox.Variable(k): _term(v) for k, v in request["substitutions"].items()}
        result = store.query(request["query"], substitutions=substitutions)
        if request["form"] in ("CONSTRUCT", "DESCRIBE"):
            data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        else:
            data = result.serialize(format=ox.QueryResultsFormat.JSON)
    except SyntaxError as exc:
        json.dump({"message": exc.msg, "line": exc.lineno, "column": exc.offset}, sys.stderr)
        return 3
    except (OSError, ValueError, TypeError, RuntimeError) as exc:
        json.dump({"message": str(exc), "line": None, "column": None}, sys.stderr)
        return 3
    sys.stdout.buffer.write(data or b"")
    return 0


if __name__ == "__main__":
    sys.exit(main())
