"""The commands that read a whole vocabulary, or only part of one, from a SPARQL server answer as
on the same data in a file, and fetch no more than they need.

A real ``oxigraph serve`` on 127.0.0.1 (see conftest.py) holds the embedded glossary in its
default graph and OWL ontologies in named graphs; a counting proxy in front of it records every
query and the bytes of every answer.
"""

from __future__ import annotations

import http.server
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from revops_graph.cli import app
from revops_graph.store import push

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from endpoint_bench import forwarding_handler  # noqa: E402  (the benchmark's proxy, recording here)

pytestmark = pytest.mark.server

DATA = Path(__file__).resolve().parent / "data"
SMALL = DATA / "analyze" / "base.ttl"
# Pushed to named graphs: two OWL ontologies and a SKOS thesaurus in French, Spanish and Japanese.
ONTOLOGIES = {name: DATA / "vocabularies" / f"{name}.nq" for name in ("org", "foaf")}
SOURCES = {**ONTOLOGIES, "tri-lingual": DATA / "vocabularies" / "tri-lingual-skos.ttl"}
GRAPH = "https://example.org/graphs/endpoint-parts-"


@dataclass
class Proxy:
    """The proxy's URL and what passed through it: ``(query text, bytes answered)`` per request."""

    url: str
    seen: list[tuple[str, int]] = field(default_factory=list)

    def since(self, mark: int) -> list[tuple[str, int]]:
        return self.seen[mark:]


@pytest.fixture(scope="module")
def proxy(sparql_server) -> Iterator[Proxy]:
    from revops_graph.model import load_glossary

    push(load_glossary([SMALL]), sparql_server.store_url, GRAPH + "small")
    for name, path in SOURCES.items():
        push(load_glossary([path]), sparql_server.store_url, GRAPH + name)
    seen: Proxy | None = None
    # Checked when the module is done: an assertion in the proxy's own thread would be lost.
    requests: list[tuple[str, str, bool]] = []

    def record(method: str, path: str, form: dict[str, list[str]], size: int) -> None:
        requests.append((method, path, "update" in form))
        seen.seen.append((form.get("query", [""])[0], size))  # type: ignore[union-attr]

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), forwarding_handler(sparql_server.base, record))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seen = Proxy(f"http://127.0.0.1:{server.server_address[1]}/query")
    try:
        yield seen
    finally:
        server.shutdown()
        server.server_close()
    # Reads only: every request of every test here was a query, none an update or an upload.
    assert requests, "no request went through the proxy"
    for method, path, update in requests:
        assert method in ("GET", "POST") and path == "/query" and not update, (method, path, update)


@pytest.fixture(scope="module")
def dump(tmp_path_factory) -> Path:
    """What the server's default graph holds, as a file."""
    from revops_graph import load_glossary, serialize

    path = tmp_path_factory.mktemp("dump") / "glossary.nt"
    path.write_bytes(serialize(load_glossary(), "nt"))
    return path


def _run(runner, args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args, catch_exceptions=False)
    return result.exit_code, result.stdout


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# A vocabulary that states no title is titled after its file, which a server's graph has not:
# the sources here state theirs (the embedded glossary's scheme, org's and the thesaurus' dcterms:title).
@pytest.mark.parametrize("source", ["default", "org", "tri-lingual"])
def test_a_site_from_the_server_is_the_site_from_the_file(runner, tmp_path, proxy, dump, source):
    data, graph = (dump, []) if source == "default" else (SOURCES[source], ["--graph", GRAPH + source])
    mark = len(proxy.seen)
    assert _run(runner, ["site", "-o", str(tmp_path / "file"), "--data", str(data)])[0] == 0
    assert _run(runner, ["site", "-o", str(tmp_path / "server"), "--endpoint", proxy.url, *graph])[0] == 0
    made = _tree(tmp_path / "file")
    assert len(made) > 20 and made == _tree(tmp_path / "server")
    # The whole graph, fetched once by one CONSTRUCT.
    queries = [q for q, _ in proxy.since(mark)]
    assert len(queries) == 1 and queries[0].lstrip().startswith("CONSTRUCT")


def test_the_counting_proxy_streams_and_counts_every_byte(proxy, dump):
    """The benchmark's proxy passes answers through in chunks (it never holds a dump whole)
    and counts exactly the bytes the client got."""
    import httpx

    mark = len(proxy.seen)
    with httpx.stream("POST", proxy.url, data={"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"},
                      headers={"Accept": "application/n-triples"}) as answer:
        assert answer.headers.get("transfer-encoding") == "chunked" and "content-length" not in answer.headers
        received = sum(len(chunk) for chunk in answer.iter_bytes())
    assert received > dump.stat().st_size / 2
    assert [size for _, size in proxy.since(mark)] == [received]


COMPRISES = """PREFIX rog: <https://w3id.org/revops-graph/ontology#>
# a comment with a brace {
CONSTRUCT { ?a rog:comprises ?b . ?b rog:note [ rog:says "}" ] } WHERE { ?a rog:comprises ?b }"""
PAGED_QUERIES = {
    "select": "SELECT ?c ?l WHERE { ?c <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?l LIMIT 100",
    "construct": COMPRISES.replace("comprises", "aimsAt"),
    "construct-where": "CONSTRUCT WHERE { ?a <https://w3id.org/revops-graph/ontology#concerns> ?b }",
}


@pytest.mark.parametrize("name", PAGED_QUERIES)
def test_a_paged_answer_is_the_whole_answer(proxy, name):
    from rdflib.compare import isomorphic

    from revops_graph import query as sparql
    from revops_graph.store import EndpointStore
    from revops_graph.store.paged import PagedEndpoint

    text = PAGED_QUERIES[name]
    run = sparql.select if name == "select" else sparql.construct
    whole = run(EndpointStore(proxy.url), text)
    mark = len(proxy.seen)
    pages: list[int] = []
    paged = run(PagedEndpoint(proxy.url, page=3, progress=lambda done, _: pages.append(done)), text)
    sent = [q for q, _ in proxy.since(mark)]
    if name == "select":
        assert sorted(map(tuple, paged)) == sorted(set(map(tuple, whole))) and len(whole) == 100
    else:
        assert len(whole) > 7 and isomorphic(paged, whole)
    # Page after page of 3 rows, each a bounded request, the last one short.
    assert len(sent) == len(pages) > 2 and all(f"LIMIT 3 OFFSET {3 * i}" in q for i, q in enumerate(sent))
    assert pages == sorted(pages) and pages[-1] - pages[-2] < 3


def test_map_of_a_query_pages_it_once_and_draws_the_file_map(runner, tmp_path, proxy, dump):
    query = tmp_path / "comprises.rq"
    query.write_text(COMPRISES, encoding="utf-8")
    file_map, server_map = tmp_path / "file.html", tmp_path / "server.html"
    assert _run(runner, ["map", "-o", str(file_map), "--query", str(query), "--data", str(dump)])[0] == 0
    mark = len(proxy.seen)
    assert _run(runner, ["map", "-o", str(server_map), "--query", str(query), "--endpoint", proxy.url])[0] == 0
    assert file_map.read_bytes() == server_map.read_bytes() and b"comprises" in file_map.read_bytes()
    # The query went once, paged: never whole, and not again to draw the map.
    mine = [q for q, _ in proxy.since(mark) if "rog:comprises" in q]
    assert len(mine) == 1 and "ORDER BY ?a ?b LIMIT 5000 OFFSET 0" in mine[0]


ORG, FOAF = "http://www.w3.org/ns/org#", "http://xmlns.com/foaf/0.1/"
EXPLAIN = {
    "several-chains": ("default", ["CRM", "Billing"]),
    "sources": ("default", ["CRM", "Customer success", "--lang", "de"]),
    "no-chain": ("default", ["CRM", "Fluktuation"]),
    "same-term": ("default", ["CRM", "CRM system"]),
    "named-graph": ("small", ["Sales", "Marketing", "--lang", "de"]),
    "org-subclass": ("org", ["Organization", "Formal Organization"]),
    "org-three-steps": ("org", ["http://purl.org/goodrelations/v1#BusinessEntity", ORG + "ChangeEvent"]),
    "foaf-property-link": ("foaf", [FOAF + "OnlineGamingAccount", FOAF + "Person"]),
    "foaf-many-chains": ("foaf", [FOAF + "Group", FOAF + "Project", "--max", "30"]),
    "terms-whole-graph": ("foaf", [FOAF + "Group", FOAF + "Project", "--terms", "all"]),
}


@pytest.mark.parametrize("case", EXPLAIN)
def test_explain_on_the_server_prints_what_the_file_gives(runner, proxy, dump, case):
    source, args = EXPLAIN[case]
    data = {"default": dump, "small": SMALL}.get(source) or ONTOLOGIES[source]
    graph = [] if source == "default" else ["--graph", GRAPH + source]
    on_file = runner.invoke(app, ["explain", *args, "--data", str(data)])
    on_server = runner.invoke(app, ["explain", *args, "--endpoint", proxy.url, *graph])
    assert (on_server.exit_code, on_server.stdout, on_server.stderr) == (on_file.exit_code, on_file.stdout, on_file.stderr)
    assert on_file.exit_code == (1 if case == "no-chain" else 0) and (on_file.stdout or on_file.stderr).strip()


def test_explain_of_an_unknown_label_on_the_server_is_one_line(runner, proxy):
    result = runner.invoke(app, ["explain", "CRM", "No such concept at all", "--endpoint", proxy.url])
    assert result.exit_code == 2 and "No such concept at all" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("source, a, b", [("default", "CRM", "Customer success"),
                                          ("org", "http://purl.org/goodrelations/v1#BusinessEntity", ORG + "ChangeEvent")])
def test_explain_fetches_the_chains_not_the_graph(runner, tmp_path, proxy, source, a, b):
    from revops_graph.store import Remote
    from revops_graph.store.remote import whole_graph_query

    graph = None if source == "default" else GRAPH + source
    mark = len(proxy.seen)
    code, _ = _run(runner, ["explain", a, b, "--endpoint", proxy.url, *(["--graph", graph] if graph else [])])
    assert code == 0
    sent = proxy.since(mark)
    whole = whole_graph_query(Remote(proxy.url, graph))
    mark = len(proxy.seen)
    out = tmp_path / "whole.nt"
    _run(runner, ["export", "-o", str(out), "--format", "nt", "--endpoint", proxy.url, *(["--graph", graph] if graph else [])])
    dumped = sum(size for _, size in proxy.since(mark))
    assert whole in [q for q, _ in proxy.since(mark)]  # the check below would catch a whole fetch
    assert whole not in [q for q, _ in sent] and not any("LIMIT" not in q and "VALUES" not in q and
                                                         q.lstrip().startswith("CONSTRUCT") for q, _ in sent[1:])
    assert sum(size for _, size in sent) < dumped / 3


def test_the_search_on_the_server_stops_where_the_file_does(proxy, glossary):
    """A chain longer than the steps searched is none, on the server as in the file."""
    from revops_graph.analysis import explain
    from revops_graph.store import Remote
    from revops_graph.store.remote_chains import chain_part

    a, b = glossary.find("CRM"), glossary.find("Billing")
    steps = len(explain(glossary, a, b)[0])
    assert steps >= 3
    for most in (steps - 1, steps):
        reached: list[int] = []
        found = chain_part(Remote(proxy.url), "CRM", "Billing", most, reached=lambda n, _: reached.append(n))
        on_file = explain(glossary, a, b, limit=None, max_steps=most)
        assert len(reached) >= most and reached == sorted(reached) and reached[0] > 2  # a report per level
        assert (found.apart == "far") == (on_file == []) == (most < steps)
        assert len(explain(found.part, a.iri, b.iri, limit=None, max_steps=most)) == len(on_file)


DECOY = """@prefix ex: <https://example.org/decoy/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
ex:a a skos:Concept ; skos:prefLabel "Alpha"@en ; skos:related ex:c ; ex:uses ex:hub .
ex:c a skos:Concept ; skos:prefLabel "Gamma"@en ; skos:related ex:d .
ex:d a skos:Concept ; skos:prefLabel "Delta"@en ; skos:related ex:b .
ex:b a skos:Concept ; skos:prefLabel "Beta"@en ; ex:uses ex:hub .
ex:hub a owl:ObjectProperty ; skos:prefLabel "Hub"@en .
"""


def test_a_node_that_is_no_term_is_left_out_and_the_search_runs_again(runner, tmp_path, sparql_server, proxy):
    """A property with a preferred label looks like a concept to the server; the part shows it
    is none, and the chain found instead is the file's (three steps, not two through it)."""
    from revops_graph.model import load_glossary

    path = tmp_path / "decoy.ttl"
    path.write_text(DECOY, encoding="utf-8")
    push(load_glossary([path]), sparql_server.store_url, GRAPH + "decoy")
    on_file = _run(runner, ["explain", "Alpha", "Beta", "--data", str(path)])
    mark = len(proxy.seen)
    assert _run(runner, ["explain", "Alpha", "Beta", "--endpoint", proxy.url, "--graph", GRAPH + "decoy"]) == on_file
    assert on_file[0] == 0 and "of 3 steps" in on_file[1] and "Hub" not in on_file[1]
    levels = [q for q, _ in proxy.since(mark) if q.lstrip().startswith("PREFIX") and "SELECT DISTINCT ?f ?p ?n" in q]
    assert len(levels) > 3  # a search of one level, then a second search without the decoy


def test_a_focus_map_counts_the_servers_languages_only_when_lang_is_not_given(runner, tmp_path, proxy):
    """The language count reads labels across the whole server; with --lang it is not needed,
    and without it, it reads a bounded sample (a million terms' labels took half a minute)."""
    from revops_graph.store.remote_part import LANGUAGE_SAMPLE

    def counts(*extra: str) -> list[str]:
        mark = len(proxy.seen)
        code, _ = _run(runner, ["map", "--focus", "CRM", "--endpoint", proxy.url, "-o", str(tmp_path / "m.html"), *extra])
        assert code == 0
        return [q for q, _ in proxy.since(mark) if "GROUP BY ?lang" in q]

    assert counts("--lang", "de") == []
    counted = counts()
    assert len(counted) == 1 and f"LIMIT {LANGUAGE_SAMPLE}" in counted[0]


@pytest.mark.parametrize("args", [
    ["concepts"],
    ["concepts", "--lang", "ja,fr"],
    ["map", "-o", "{out}/m.html"],
    ["map", "-o", "{out}/m.html", "--focus", "Instrumentos de cuerda", "--lang", "es"],
    ["analyze", "--format", "json"],
    ["export-table", "-o", "{out}/t.csv"],
], ids=["concepts", "concepts-ja-fr", "map", "map-focus-es", "analyze", "export-table"])
def test_a_thesaurus_in_french_spanish_and_japanese_answers_as_its_file(runner, tmp_path, proxy, args):
    """No German, no English: the server's part speaks the languages the file does."""
    answers = []
    for where, source in (("file", ["--data", str(SOURCES["tri-lingual"])]),
                          ("server", ["--endpoint", proxy.url, "--graph", GRAPH + "tri-lingual"])):
        out = tmp_path / where
        out.mkdir()
        code, stdout = _run(runner, [a.replace("{out}", str(out)) for a in args] + source)
        written = {p.name: p.read_bytes() for p in out.iterdir()}
        answers.append((code, stdout.replace(str(out), "{out}"), written))
    assert answers[0] == answers[1]
    assert answers[0][0] == 0
