"""The stores: Oxigraph reuse and reload, VALUES injection, endpoint quirks, Graph Store push.

The auth and server-quirk tests use ``httpx.MockTransport`` because the real Oxigraph
server has no authentication and answers only well-formed SPARQL JSON; everything else
runs against the real server or the real embedded store.
"""

from __future__ import annotations

import base64
import shutil

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from revops_graph.io import resources
from revops_graph.errors import EndpointError
from revops_graph.io.loader import load_files
from revops_graph.query import ask, construct, named_query, select
from revops_graph.store import (
    Connection,
    EndpointStore,
    OxigraphStore,
    SelectResult,
    inject_values,
    push,
    source_digest,
)

TYPED_LITERAL_JSON = b"""{"head": {"vars": ["n", "c"]}, "results": {"bindings": [
  {"n": {"type": "typed-literal", "datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "4"},
   "c": {"type": "uri", "value": "https://w3id.org/revops-graph/glossary/sales"}}]}}"""
XML_RESULTS = b"""<?xml version="1.0"?>
<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="label"/></head>
<results><result><binding name="label"><literal xml:lang="de">Vertrieb</literal></binding></result></results></sparql>"""


# -- the embedded Oxigraph store -----------------------------------------------------


def _copy_glossary(folder):
    folder.mkdir()
    copies = []
    for path in resources.glossary_files():
        target = folder / path.name
        shutil.copyfile(path, target)
        copies.append(target)
    return copies


def test_oxigraph_store_is_reused_when_unchanged_and_reloaded_when_changed(tmp_path):
    files = _copy_glossary(tmp_path / "src")
    location = tmp_path / "store"
    first = OxigraphStore(location, files)
    assert first.reloaded
    del first
    again = OxigraphStore(location, files)
    assert not again.reloaded
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = int(select(again, count)[0].n)
    assert before == len(load_files(files))
    del again
    with files[-1].open("a", encoding="utf-8") as handle:
        handle.write('\n<urn:x:new> <http://www.w3.org/2000/01/rdf-schema#label> "neu"@de .\n')
    changed = OxigraphStore(location, files)
    assert changed.reloaded
    assert int(select(changed, count)[0].n) == before + 1
    assert ask(changed, 'ASK { <urn:x:new> ?p "neu"@de }')


def test_source_digest_follows_content_not_timestamps(tmp_path):
    files = _copy_glossary(tmp_path / "src")
    digest = source_digest(files)
    files[0].touch()
    assert source_digest(files) == digest
    files[0].write_bytes(files[0].read_bytes() + b"\n")
    assert source_digest(files) != digest


# -- VALUES injection ----------------------------------------------------------------


def test_values_go_into_the_where_pattern_not_a_template_string_or_comment():
    query = (
        "PREFIX ex: <http://example.org/>\n"
        "# a comment with { a brace\n"
        'CONSTRUCT { ?s ex:says "}{" } WHERE { ?s ?p ?o }'
    )
    injected = inject_values(query, ["s"], [[URIRef("http://example.org/a")]])
    assert 'WHERE { VALUES (?s) { (<http://example.org/a>) }' in injected
    from rdflib.plugins.sparql.parser import parseQuery

    parseQuery(injected)


def test_values_skip_a_brace_in_a_select_expression():
    query = "SELECT ?s (EXISTS { ?s ?p ?o } AS ?e) WHERE { ?s ?q ?r }"
    injected = inject_values(query, ["s"], [[URIRef("urn:x:a")]])
    assert injected.index("VALUES") > injected.index("WHERE")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_any_string_survives_the_values_block(value):
    graph = Graph()
    text = inject_values("SELECT ?v WHERE { }", ["v"], [[Literal(value)]])
    assert [str(row[0]) for row in graph.query(text)] == [value]


# -- a SPARQL server: quirks and credentials (MockTransport) -------------------------


def _mock(handler) -> Connection:
    return Connection(transport=httpx.MockTransport(handler))


def test_basic_auth_and_accept_header_are_sent():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["auth"] = request.headers.get("authorization")
        seen["accept"] = request.headers.get("accept")
        seen["body"] = request.content
        return httpx.Response(200, content=TYPED_LITERAL_JSON, headers={"content-type": "application/sparql-results+json"})

    store = EndpointStore("https://sparql.example/query", connection=Connection(
        auth="ana:s3cret", transport=httpx.MockTransport(handler)))
    select(store, "SELECT ?n ?c WHERE { ?c ?p ?n }")
    assert seen["auth"] == "Basic " + base64.b64encode(b"ana:s3cret").decode()
    assert seen["accept"].startswith("application/sparql-results+json")
    assert seen["body"].startswith(b"query=")


def test_digest_auth_answers_the_challenge():
    attempts = []

    def handler(request: httpx.Request) -> httpx.Response:
        header = request.headers.get("authorization", "")
        attempts.append(header)
        if not header.startswith("Digest "):
            return httpx.Response(401, headers={"www-authenticate": 'Digest realm="sparql", nonce="abc123", qop="auth"'})
        return httpx.Response(200, content=TYPED_LITERAL_JSON, headers={"content-type": "application/sparql-results+json"})

    store = EndpointStore("https://sparql.example/query", connection=Connection(
        auth=("ana", "s3cret"), auth_scheme="digest", transport=httpx.MockTransport(handler)))
    select(store, "SELECT ?n ?c WHERE { ?c ?p ?n }")
    assert attempts[0] == ""
    assert 'username="ana"' in attempts[1] and 'realm="sparql"' in attempts[1] and "s3cret" not in attempts[1]


def test_bearer_token_is_sent():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        return httpx.Response(200, json={"head": {}, "boolean": True})

    store = EndpointStore("https://sparql.example/query", connection=Connection(
        token="t0k3n", transport=httpx.MockTransport(handler)))
    assert ask(store, "ASK { ?s ?p ?o }") is True
    assert seen == ["Bearer t0k3n"]


def test_tls_verification_is_on_by_default():
    assert Connection().verify is True
    assert EndpointStore("https://sparql.example/query").connection.verify is True


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(TYPED_LITERAL_JSON, "application/sparql-results+json"), (TYPED_LITERAL_JSON, "text/plain")],
    ids=["sparql10-typed-literal", "json-with-wrong-type"],
)
def test_sparql_10_json_and_mislabelled_json_are_read(content, content_type):
    def handler(request):
        return httpx.Response(200, content=content, headers={"content-type": content_type})

    store = EndpointStore("https://sparql.example/query", connection=_mock(handler))
    result = store.execute("SELECT ?n ?c WHERE { ?c ?p ?n }", "SELECT", {}, 5)
    assert isinstance(result, SelectResult)
    assert result.rows == [(Literal(4), URIRef("https://w3id.org/revops-graph/glossary/sales"))]


def test_xml_results_are_read():
    def handler(request):
        return httpx.Response(200, content=XML_RESULTS, headers={"content-type": "application/sparql-results+xml"})

    rows = select(EndpointStore("https://x.example/sparql", connection=_mock(handler)), "SELECT ?label WHERE { ?s ?p ?label }")
    assert [row.label for row in rows] == [Literal("Vertrieb", lang="de")]


def test_turtle_graph_is_read():
    def handler(request):
        assert "application/n-triples" in request.headers["accept"]
        return httpx.Response(200, text="<urn:x:a> <urn:x:b> 'c' .", headers={"content-type": "text/turtle; charset=utf-8"})

    graph = construct(EndpointStore("https://x.example/sparql", connection=_mock(handler)), "CONSTRUCT WHERE { ?s ?p ?o }")
    assert set(graph) == {(URIRef("urn:x:a"), URIRef("urn:x:b"), Literal("c"))}


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.Response(200, text="<!DOCTYPE html><html><body>Login</body></html>", headers={"content-type": "text/html"}), "HTML page"),
        (httpx.Response(502, text="<html><body>Bad gateway</body></html>", headers={"content-type": "text/html"}), "HTTP 502"),
        (httpx.Response(401, text="no"), r"HTTP 401.*--auth"),
        (httpx.Response(200, text="hello", headers={"content-type": "text/plain"}), "not SPARQL results"),
        (httpx.Response(200, text='{"head": ', headers={"content-type": "application/sparql-results+json"}), "malformed"),
    ],
    ids=["html-page", "html-error", "unauthorized", "plain-text", "truncated-json"],
)
def test_bad_server_answers_are_clear_endpoint_errors(response, message):
    store = EndpointStore("https://x.example/sparql", connection=_mock(lambda request: response))
    with pytest.raises(EndpointError, match=message):
        select(store, "SELECT * WHERE { ?s ?p ?o }")


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_endpoint_is_an_endpoint_error():
    store = EndpointStore(f"http://127.0.0.1:{_closed_port()}/query")
    with pytest.raises(EndpointError, match="cannot reach"):
        select(store, "SELECT * WHERE { ?s ?p ?o }")


# -- Graph Store Protocol against the real server ------------------------------------


@pytest.mark.server
def test_push_to_a_named_graph_streams_with_progress(sparql_server, glossary):
    calls = []
    graph = "https://example.org/graphs/revops"
    sent = push(glossary, sparql_server.store_url, graph, chunk_size=16 * 1024, progress=lambda s, t: calls.append((s, t)))
    assert len(calls) > 3
    assert calls[0] == (0, sent) and calls[-1] == (sent, sent)
    assert [s for s, _ in calls] == sorted(s for s, _ in calls)
    store = EndpointStore(sparql_server.query_url)
    rows = select(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": URIRef(graph)})
    assert int(rows[0].n) == len(glossary.graph)


@pytest.mark.server
def test_pushed_default_graph_holds_the_whole_glossary(endpoint_store, glossary):
    rows = select(endpoint_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0].n) == len(glossary.graph)


def test_push_sends_credentials_and_n_triples():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.update(method=request.method, url=str(request.url), type=request.headers["content-type"],
                     auth=request.headers.get("authorization"), body=request.read())
        return httpx.Response(204)

    from revops_graph.model import load_glossary

    push(load_glossary(), "https://x.example/store", connection=Connection(token="t", transport=httpx.MockTransport(handler)))
    assert seen["method"] == "PUT" and seen["url"] == "https://x.example/store?default"
    assert seen["type"] == "application/n-triples" and seen["auth"] == "Bearer t"
    assert len(Graph().parse(data=seen["body"], format="nt")) > 1000


@pytest.mark.server
def test_http_error_from_the_real_server_is_an_endpoint_error(sparql_server):
    store = EndpointStore(sparql_server.base + "/no-such-endpoint")
    with pytest.raises(EndpointError, match="HTTP 404"):
        select(store, named_query("tool-within"))


def test_406_and_405_quirks_are_retried():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append((request.method, request.headers["accept"]))
        if request.method == "POST" and request.headers["accept"] != "*/*":
            return httpx.Response(406)
        if request.method == "POST":
            return httpx.Response(405)
        assert request.url.params["query"].startswith("SELECT")
        return httpx.Response(200, content=TYPED_LITERAL_JSON, headers={"content-type": "application/sparql-results+json"})

    rows = select(EndpointStore("https://x.example/sparql", connection=_mock(handler)), "SELECT ?n ?c WHERE { ?c ?p ?n }")
    assert [row.n for row in rows] == [Literal(4)]
    assert [method for method, _ in calls] == ["POST", "POST", "GET"]


def test_update_on_the_oxigraph_store_persists_until_the_sources_change(tmp_path):
    from revops_graph.query import update

    files = _copy_glossary(tmp_path / "src")
    store = OxigraphStore(tmp_path / "store", files)
    update(store, "INSERT DATA { <urn:x:a> <urn:x:b> 'c' }", allow_update=True)
    assert ask(store, "ASK { <urn:x:a> <urn:x:b> 'c' }")
    reopened = OxigraphStore(tmp_path / "store", files)
    assert not reopened.reloaded and ask(reopened, "ASK { <urn:x:a> <urn:x:b> 'c' }")


@pytest.mark.server
def test_update_reaches_the_servers_update_endpoint(endpoint_store):
    from revops_graph.query import update

    # A named graph of its own, so the default graph the other tests compare stays as pushed.
    update(endpoint_store, "INSERT DATA { GRAPH <urn:x:test> { <urn:x:a> <urn:x:b> 'c' } }", allow_update=True)
    assert ask(endpoint_store, "ASK { GRAPH <urn:x:test> { <urn:x:a> <urn:x:b> 'c' } }")
