"""Every command on a vocabulary in a SPARQL server answers as on the same data in a file.

The server is a real ``oxigraph serve`` on 127.0.0.1 (see conftest.py) holding the embedded
glossary in its default graph and the small analysis glossary in a named graph. Every
request the commands send passes a small recording proxy, which shows that none writes.
"""

from __future__ import annotations

import http.server
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from revops_graph.cli import app
from revops_graph.query import check
from revops_graph.store import Remote, push

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from endpoint_bench import forwarding_handler  # noqa: E402  (the benchmark's proxy, recording here)

pytestmark = pytest.mark.server

DATA = Path(__file__).resolve().parent / "data"
SMALL = DATA / "analyze" / "base.ttl"
SMALL_GRAPH = "https://example.org/graphs/endpoint-source-small"


@pytest.fixture(scope="module")
def served(sparql_server) -> Iterator[str]:
    """Base URL of the recording proxy in front of the server (small glossary pushed too)."""
    from revops_graph.model import load_glossary

    push(load_glossary([SMALL]), sparql_server.store_url, SMALL_GRAPH)
    seen: list[tuple[str, str, dict[str, list[str]]]] = []
    handler = forwarding_handler(sparql_server.base, lambda method, path, form, _: seen.append((method, path, form)))
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=proxy.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{proxy.server_address[1]}"
    finally:
        proxy.shutdown()
        proxy.server_close()
    # Reads only: every request of every test here was a query, none an update or an upload.
    assert seen, "no request went through the proxy"
    for method, path, form in seen:
        assert method in ("GET", "POST") and path == "/query" and "update" not in form, (method, path, form)
        assert check(form["query"][0], allow_update=False).form in ("SELECT", "CONSTRUCT", "ASK")


def _run(runner, args: list[str], tmp_path: Path | None = None):
    result = runner.invoke(app, args, catch_exceptions=False)
    return result.exit_code, result.stdout


def _same(runner, tmp_path: Path, local: list[str], remote: list[str], outputs: tuple[str, ...] = ()) -> None:
    """Run ``local`` and ``remote`` (``{out}`` replaced by a folder each); exit code, stdout
    and every file named in ``outputs`` must be equal, byte for byte."""
    results = []
    for name, args in (("file", local), ("server", remote)):
        out = tmp_path / name
        out.mkdir()
        (out / "comprises.rq").write_text(COMPRISES, encoding="utf-8")
        code, stdout = _run(runner, [a.replace("{out}", str(out)) for a in args])
        files = {o: (out / o).read_bytes() for o in outputs}
        results.append((code, stdout.replace(str(out), "{out}"), files))
    assert results[0] == results[1]
    assert results[0][0] in (0, 1), results[0][1][-500:]


COMPRISES = "CONSTRUCT { ?a ?p ?b } WHERE { ?a <https://w3id.org/revops-graph/ontology#comprises> ?b . ?a ?p ?b }"
CASES = {
    "concepts": ["concepts", "--lang", "de"],
    "concepts-kinds": ["concepts", "--kinds", "Tool,Metric"],
    "concepts-kind-concept": ["concepts", "--kinds", "Concept"],
    "map-focus": ["map", "-o", "{out}/m.html", "--focus", "CRM", "--depth", "2"],
    "map-focus-folded-label": ["map", "-o", "{out}/m.html", "--focus", "  crm   system "],
    "map-focus-iri": ["map", "-o", "{out}/m.html", "--focus", "https://w3id.org/revops-graph/glossary/crm-system"],
    "map-focus-relations": ["map", "-o", "{out}/m.html", "--focus", "RevOps", "--relations", "comprises", "--lang", "de"],
    "map-focus-kinds": ["map", "-o", "{out}/m.html", "--focus", "CRM-System", "--depth", "3", "--kinds", "Tool,Resource"],
    "map-kinds": ["map", "-o", "{out}/m.html", "--kinds", "Tool"],
    "map-query-select": ["map", "-o", "{out}/m.html", "--query", "tool-within"],
    "map-query-construct": ["map", "-o", "{out}/m.html", "--query", "{out}/comprises.rq"],
    "map-whole": ["map", "-o", "{out}/m.html"],
    "validate": ["validate"],
    "validate-json": ["validate", "--format", "json"],
    "lint": ["lint", "--format", "json", "--config", "{out}/none.toml"],
    "analyze": ["analyze", "--format", "json", "--graphml", "{out}/g.graphml"],
    "explain": ["explain", "CRM", "Customer success"],
    "export": ["export", "--format", "turtle"],
    "build": ["build", "--out", "{out}/build"],
    "export-table": ["export-table", "-o", "{out}/t.csv"],
    "metric-list": ["metric", "--list"],
    "metric": ["metric", "Percentage of revenue from operations", "-i", "operating_revenue=80", "-i", "total_revenue=200"],
}
OUTPUTS = {"map": ("m.html",), "analyze": ("g.graphml",), "export-table": ("t.csv",),
           "build": ("build/revops-glossar.ttl", "build/revops-glossar.nt", "build/concept-map.html")}  # named after the data


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    """The served glossary as a file: what the server holds, byte for byte (the embedded
    glossary's vocabulary included, as one graph: the user's data, not the embedded default)."""
    from revops_graph import load_glossary, serialize

    path = tmp_path_factory.mktemp("dump") / "glossary.nt"
    path.write_bytes(serialize(load_glossary(), "nt"))
    return path


@pytest.mark.parametrize("args", CASES.values(), ids=CASES.keys())
def test_each_command_answers_as_on_the_file(runner, tmp_path, served, dump, args):
    outputs = OUTPUTS.get(args[0], ())
    _same(runner, tmp_path, args + ["--data", str(dump)], args + ["--endpoint", f"{served}/query"], outputs)


SMALL_CASES = {
    "concepts": ["concepts"],
    "map-focus": ["map", "-o", "{out}/m.html", "--focus", "RevOps", "--depth", "1"],
    "explain": ["explain", "Sales", "Marketing", "--lang", "de"],
    "lint": ["lint", "--config", "{out}/none.toml"],
}


@pytest.mark.parametrize("args", SMALL_CASES.values(), ids=SMALL_CASES.keys())
def test_a_named_graph_answers_as_its_file(runner, tmp_path, served, args):
    _same(runner, tmp_path, args + ["--data", str(SMALL)],
          args + ["--endpoint", f"{served}/query", "--graph", SMALL_GRAPH], OUTPUTS.get(args[0], ()))


def test_a_focus_map_fetches_only_the_neighbourhood(served, glossary):
    from revops_graph.store import neighbourhood

    part, start = neighbourhood(Remote(f"{served}/query"), "CRM", 1)
    assert start == glossary.find("CRM").iri
    assert 1 < len(part.concept_iris) < len(glossary.concept_iris) / 4
    assert len(part.graph) < len(glossary.graph) / 2


def test_an_exported_part_holds_what_the_file_map_of_that_part_shows(runner, tmp_path, served, glossary):
    from revops_graph.model import load_glossary
    from revops_graph.render.map_data import map_model
    from revops_graph.render.selection import select

    out = tmp_path / "part.ttl"
    code, _ = _run(runner, ["export", "--endpoint", f"{served}/query", "--focus", "CRM", "--depth", "2", "-o", str(out)])
    assert code == 0
    part = load_glossary([out])
    # The exported part draws the same focus map as the whole file does.
    assert select(map_model(part), focus="CRM", depth=2) == select(map_model(glossary), focus="CRM", depth=2)
    assert len(part.graph) < len(glossary.graph) / 2
    refused = runner.invoke(app, ["export", "--focus", "CRM"])
    assert refused.exit_code == 2 and "give --endpoint" in " ".join(refused.stderr.split())


def test_diff_against_the_server_is_what_push_would_change(runner, tmp_path, served):
    dumped = tmp_path / "dump.ttl"
    assert _run(runner, ["export", "-o", str(dumped)])[0] == 0
    same = _run(runner, ["diff", str(dumped), "--endpoint", f"{served}/query"])
    assert same[0] == 0
    changed = tmp_path / "changed.ttl"
    changed.write_text(dumped.read_text(encoding="utf-8").replace('"CRM system"@en', '"CRM platform"@en'), encoding="utf-8")
    remote = _run(runner, ["diff", str(changed), "--endpoint", f"{served}/query", "--format", "json"])
    local = _run(runner, ["diff", str(dumped), str(changed), "--format", "json"])
    assert remote == local and remote[0] == 1 and "CRM platform" in remote[1]


def test_the_whole_graph_streams_with_progress_by_construct_and_graph_store(sparql_server, glossary):
    import io

    from revops_graph.store import fetch_graph

    sizes = {}
    for how, store in (("construct", None), ("graph store", sparql_server.store_url)):
        calls: list[tuple[int, int | None]] = []
        sink = io.BytesIO()
        sent = fetch_graph(Remote(sparql_server.query_url), sink, graph_store=store, progress=lambda d, t: calls.append((d, t)))
        assert sent == len(sink.getvalue()) and calls[-1][0] == sent
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)
        sizes[how] = len(Graph().parse(data=sink.getvalue(), format="nt"))
    assert sizes == {"construct": len(glossary.graph), "graph store": len(glossary.graph)}


def test_a_big_graph_warns_once(sparql_server):
    import io
    import warnings

    from revops_graph.store import RemoteSizeWarning, fetch_graph

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fetch_graph(Remote(sparql_server.query_url), io.BytesIO(), warn_bytes=10_000)
    assert [w.category for w in caught] == [RemoteSizeWarning]
    assert "--focus" in str(caught[0].message)


def test_a_server_error_is_one_line_with_status_and_no_credential(runner, sparql_server):
    port = sparql_server.base.rsplit(":", 1)[1]
    url = f"http://reader:s3cret-pw@127.0.0.1:{port}/no-such-endpoint?key=abc123"
    result = runner.invoke(app, ["concepts", "--endpoint", url])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and "HTTP 404" in line and f"127.0.0.1:{port}/no-such-endpoint" in line
    assert "s3cret" not in line and "abc123" not in line and "reader" not in line


def test_a_bad_query_answer_names_the_servers_own_message(runner, served):
    result = runner.invoke(app, ["map", "-o", "-", "--endpoint", f"{served}/query", "--query",
                                 "SELECT ?x WHERE { ?x ?p ?o } GROUP BY ?nothing HAVING (?x)"])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_an_empty_graph_and_a_missing_concept_are_clear(runner, served):
    empty = runner.invoke(app, ["concepts", "--endpoint", f"{served}/query", "--graph", "https://example.org/none"])
    assert empty.exit_code == 2 and "holds no triples" in empty.stderr and "https://example.org/none" in empty.stderr
    hostile = '") } } ; DROP ALL ; #'
    missing = runner.invoke(app, ["map", "-o", "-", "--endpoint", f"{served}/query", "--focus", hostile])
    assert missing.exit_code == 2 and "no concept" in missing.stderr


@pytest.mark.parametrize("args, hint", [
    (["concepts", "--graph", "https://example.org/g"], "--graph needs --endpoint"),
    (["concepts", "--endpoint", "http://127.0.0.1:1/query", "--data", str(SMALL)], "either --data or --endpoint"),
    (["concepts", "--endpoint", "ftp://example.org/sparql"], "not an http(s) URL"),
    (["diff", str(SMALL)], "one and --endpoint"),
])
def test_misused_server_options_are_usage_errors(runner, args, hint):
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and hint in " ".join(result.stderr.split())


def test_an_unreachable_server_is_one_line(runner):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = runner.invoke(app, ["lint", "--endpoint", f"http://127.0.0.1:{port}/query"])
    assert result.exit_code == 2 and "cannot reach" in result.stderr and len(result.stderr.strip().splitlines()) == 1

