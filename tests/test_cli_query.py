"""The queries, query and push commands: output formats, stores, errors as one line and exit 2."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import Graph, URIRef
from typer.testing import CliRunner

from revops_graph.cli import app
from revops_graph.query import named_queries

runner = CliRunner()


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), input=stdin, env=env)


def one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error:")
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_queries_lists_every_named_query():
    result = run("queries")
    assert result.exit_code == 0
    for name in named_queries():
        assert name in result.stdout


def test_table_shows_labels_not_iris():
    result = run("query", "parts", "--param", "concept=RevOps")
    assert result.exit_code == 0, result.output
    assert "Sales" in result.stdout and "Customer success" in result.stdout
    assert "https://" not in result.stdout
    assert "3 row(s)" in result.stderr


def test_table_caps_rows_with_a_note():
    result = run("query", "label-search", "-p", "text=e", "--limit", "2")
    assert result.exit_code == 0
    assert "showing 2 of" in result.stderr


def test_json_csv_tsv_are_w3c_results():
    base = ("query", "journey-stages")
    doc = json.loads(run(*base, "--format", "json").stdout)
    assert doc["head"]["vars"][:3] == ["lifecycle", "index", "stage"]
    assert [b["index"]["value"] for b in doc["results"]["bindings"]] == ["1", "2", "3", "4"]
    table = list(csv.reader(io.StringIO(run(*base, "--format", "csv").stdout)))
    assert table[0] == doc["head"]["vars"] and len(table) == 5
    assert table[1][2] == doc["results"]["bindings"][0]["stage"]["value"]
    tsv = run(*base, "--format", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:2] == ["?lifecycle", "?index"]


def test_query_from_stdin_and_file_with_typed_parameters(tmp_path):
    text = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT ?l WHERE { ?c skos:prefLabel ?l FILTER(lang(?l) = 'de') }"
    piped = run("query", "-", "-p", "c=revops:sales", "-f", "csv", stdin=text)
    assert piped.exit_code == 0, piped.output
    assert piped.stdout.splitlines() == ["l", "Vertrieb"]
    query_file = tmp_path / "german.rq"
    query_file.write_text("# title: German label\n# param: c concept a concept\n" + text, encoding="utf-8")
    by_label = run("query", str(query_file), "-p", "c=Sales", "-f", "csv")
    assert by_label.stdout.splitlines() == ["l", "Vertrieb"]


def test_construct_prints_turtle():
    text = "PREFIX revops: <https://w3id.org/revops-graph/glossary/>\nCONSTRUCT { revops:sales ?p ?o } WHERE { revops:sales ?p ?o }"
    result = run("query", "-", stdin=text)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) > 3 and {s for s in graph.subjects()} == {URIRef("https://w3id.org/revops-graph/glossary/sales")}


def test_describe_output_is_stable_and_agrees_across_stores(tmp_path):
    text = "DESCRIBE <https://w3id.org/revops-graph/glossary/crm-system>"
    memory = run("query", "-", stdin=text)
    again = run("query", "-", stdin=text)
    oxigraph = run("query", "-", "--store", f"oxigraph:{tmp_path / 'store'}", stdin=text)
    assert memory.exit_code == oxigraph.exit_code == 0, oxigraph.output
    assert memory.stdout_bytes == again.stdout_bytes
    described = {name: set(Graph().parse(data=r.stdout, format="turtle")) for name, r in (("memory", memory), ("oxigraph", oxigraph))}
    # DESCRIBE is up to the engine; both stores run Oxigraph, which gives the outgoing triples
    crm = URIRef("https://w3id.org/revops-graph/glossary/crm-system")
    assert described["memory"] == described["oxigraph"]
    assert {t[0] for t in described["memory"]} == {crm} and len(described["memory"]) > 5


def test_ask_prints_yes_or_no():
    assert run("query", "-", stdin="ASK { ?s ?p ?o }").stdout.strip() == "yes"
    assert run("query", "-", stdin="ASK { <urn:x:none> ?p ?o }").stdout.strip() == "no"


def test_oxigraph_store_gives_the_memory_rows_and_is_reused(tmp_path):
    memory = run("query", "relation-source", "-p", "subject=CRM", "-p", "object=RevOps", "-f", "json")
    store = f"oxigraph:{tmp_path / 'store'}"
    first = run("query", "relation-source", "-p", "subject=CRM", "-p", "object=RevOps", "-f", "json", "--store", store)
    second = run("query", "relation-source", "-p", "subject=CRM", "-p", "object=RevOps", "-f", "json", "--store", store)
    assert first.exit_code == second.exit_code == 0, first.output
    assert json.loads(first.stdout) == json.loads(second.stdout) == json.loads(memory.stdout)


@pytest.mark.parametrize(
    ("args", "stdin", "needles"),
    [
        (("query", "parts", "-p", "concept=RevOps", "-p", "colour=red"), None, ("unknown parameter colour",)),
        (("query", "nonsense"), None, ("neither a named query",)),
        (("query", "-"), "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }", ("SERVICE", "--allow-network")),
        (("query", "-"), "DELETE WHERE { ?s ?p ?o }", ("--allow-update",)),
        (("query", "-"), "SELECT ?s\nWHERE { ?s ?p ?o }\nLIMT 1", ("line 3, column 1", "'LIMT'")),
    ],
    ids=["unknown-param", "unknown-query", "service", "update", "syntax"],
)
def test_errors_are_one_line_and_exit_2(args, stdin, needles):
    one_line_error(run(*args, stdin=stdin), *needles)


def test_update_runs_with_allow_update():
    result = run("query", "-", "--allow-update", stdin="INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")
    assert result.exit_code == 0, result.output
    assert "update done" in result.stderr


def test_unreachable_endpoint_is_one_line():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    one_line_error(run("query", "tool-within", "--endpoint", f"http://127.0.0.1:{port}/query"), "cannot reach")


@pytest.mark.server
def test_endpoint_query_matches_memory(sparql_server):
    memory = run("query", "parts", "-p", "concept=RevOps", "-f", "json")
    remote = run("query", "parts", "-p", "concept=RevOps", "-f", "json", "--endpoint", sparql_server.query_url,
                 env={"REVOPS_GRAPH_TOKEN": "ignored-by-oxigraph"})
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(memory.stdout)


@pytest.mark.server
def test_http_error_is_one_line(sparql_server):
    one_line_error(run("query", "tool-within", "--endpoint", sparql_server.base + "/nope"), "HTTP 404")


@pytest.mark.server
def test_push_into_a_named_graph(sparql_server, glossary):
    graph = "https://example.org/graphs/cli"
    result = run("push", "--graph-store", sparql_server.store_url, "--graph", graph)
    assert result.exit_code == 0, result.output
    assert f"pushed {len(glossary.graph)} triples" in result.stdout
    count = run("query", "-", "-p", f"g=<{graph}>", "-f", "csv", "--endpoint", sparql_server.query_url,
                stdin="SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert count.stdout.splitlines() == ["n", str(len(glossary.graph))]


def test_auth_is_read_from_the_environment():
    # A malformed value proves the variable is read; its use is tested in test_store.
    result = run("query", "tool-within", "--endpoint", "http://127.0.0.1:9/q", env={"REVOPS_GRAPH_AUTH": "no-colon"})
    assert result.exit_code == 2
    assert "user:password" in result.output


def test_expression_error_is_false_not_a_traceback():
    # A broken regular expression is an expression error, which SPARQL's FILTER treats as
    # false (rdflib, the engine before Oxigraph, raised Python's re.error instead).
    result = run("query", "-", stdin='SELECT * WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "(")) }')
    assert result.exit_code == 0, result.output
    assert "0 row(s)" in result.output


def test_table_labels_follow_lang():
    result = run("query", "parts", "--param", "concept=RevOps", "--lang", "de")
    assert result.exit_code == 0
    assert "Vertrieb" in result.stdout and "umfasst" in result.stdout
