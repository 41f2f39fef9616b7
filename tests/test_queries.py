"""Named queries and the query API: same rows on every store, bound parameters, safety, limits."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from revops_graph.io import resources
from revops_graph.errors import QueryError
from revops_graph.model import Glossary, load_glossary
from revops_graph.namespaces import REVOPS, ROG
from revops_graph.query import (
    Rows,
    ask,
    check,
    construct,
    named_queries,
    named_query,
    select,
    serialize_results,
    update,
)
from revops_graph.store import MemoryStore

QUERY_FILES = sorted(resources.queries_dir().glob("*.rq"))

#: Arguments for the parameters that have no default (labels, as a user types them).
PARAMS = {
    "parts": {"concept": "RevOps"},
    "parts-transitive": {"concept": "Geschäftsbetrieb"},
    "relation-path": {"from": "RevOps", "to": "Sales"},
    "concepts-by-kind": {"kind": "Tool"},
    "label-search": {"text": "umsatz"},
    "relation-source": {"subject": "RevOps", "object": "sales"},
}

STORES = ("memory_store", "oxigraph_store", "endpoint_store")
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HOSTILE = 'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } # \'\'\' """ \\" <http://evil/> \n }'


def _plain(rows: Rows) -> list[tuple]:
    return [tuple(row) for row in rows]


@pytest.mark.server
@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_named_query_same_rows_on_memory_oxigraph_and_endpoint(path, request):
    query = named_query(path.stem)
    results = {name: select(request.getfixturevalue(name), query, PARAMS.get(path.stem, {})) for name in STORES}
    memory = results["memory_store"]
    for name in STORES[1:]:
        assert results[name].variables == memory.variables, name
        assert _plain(results[name]) == _plain(memory), name
    if path.stem != "missing-translation":  # the embedded glossary is fully bilingual
        assert len(memory) > 0


def test_every_query_has_a_bilingual_header_and_uses_its_parameters():
    found = named_queries()
    assert set(found) == {p.stem for p in QUERY_FILES}
    assert len(found) >= 9
    for name, query in found.items():
        assert query.title and query.titel and query.answers, name
        variables = check(query.text).variables
        for param in query.params:
            assert param.name in variables, (name, param.name)
            assert param.default is not None or param.name in PARAMS.get(name, {}), (name, param.name)


def test_parts_match_the_model(memory_store, glossary: Glossary):
    revops = glossary.find("RevOps")
    expected = sorted(
        (r.predicate, r.object) for r in glossary.relations(revops) if r.predicate in (ROG.comprises, ROG.includes)
    )
    rows = select(memory_store, named_query("parts"), {"concept": "Revenue Operations"})
    assert sorted((row.relation, row.part) for row in rows) == expected
    assert all(row.concept == revops.iri for row in rows)


def test_transitive_parts_reach_parts_of_parts():
    graph = load_glossary().graph
    # A part of a part: business operations includes finance, which includes a new concept.
    extra = REVOPS["budgeting"]
    graph.add((extra, RDF.type, SKOS.Concept))
    graph.add((REVOPS["finance"], ROG.includes, extra))
    store = MemoryStore(graph)
    direct = {row.part for row in select(store, named_query("parts"), {"concept": "business operations"})}
    deep = {row.part for row in select(store, named_query("parts-transitive"), {"concept": "business operations"})}
    assert extra not in direct
    assert extra in deep and direct < deep


def test_journey_stages_come_in_stage_index_order(memory_store, glossary: Glossary):
    rows = select(memory_store, named_query("journey-stages"))
    indexes = [int(row["index"]) for row in rows]
    assert indexes == sorted(indexes) and len(set(indexes)) == len(indexes)
    stages = set(glossary.graph.objects(REVOPS["customer-journey"], ROG.hasStage))
    assert {row.stage for row in rows} == stages


def test_label_search_finds_both_languages(memory_store):
    rows = select(memory_store, named_query("label-search"), {"text": "REVENUE"})
    assert rows and all("revenue" in str(row.label).lower() for row in rows)
    german = select(memory_store, named_query("label-search"), {"text": "umsatz"})
    assert {row.lang for row in german} == {Literal("de")}


def test_relation_source_gives_the_sentences_of_the_reified_statement(memory_store, glossary: Glossary):
    subject, obj = glossary.find("CRM").iri, glossary.find("RevOps").iri
    rows = select(memory_store, named_query("relation-source"), {"subject": "CRM", "object": "RevOps"})
    assert {row.sentence for row in rows} == set(glossary.statement_sources(subject, ROG.isToolWithin, obj))
    assert all(str(row.text) == glossary.source_text(row.sentence) for row in rows)


def test_relation_path_edges_chain_from_start_to_end(memory_store):
    rows = select(memory_store, named_query("relation-path"), {"from": "CRM", "to": "Sales"})
    assert rows
    edges = {(row.subject, row.object) for row in rows}
    starts = {s for s, _ in edges}
    assert REVOPS["crm-system"] in starts and REVOPS["sales"] in {o for _, o in edges}
    none = select(memory_store, named_query("relation-path"), {"from": "Sales", "to": "CRM"})
    assert len(none) == 0


def test_missing_translation_reports_what_is_missing():
    graph = load_glossary().graph
    crm = REVOPS["crm-system"]
    for label in list(graph.objects(crm, SKOS.prefLabel)):
        if label.language == "de":
            graph.remove((crm, SKOS.prefLabel, label))
    rows = select(MemoryStore(graph), named_query("missing-translation"))
    assert [(row.concept, row.missing, str(row.lang)) for row in rows] == [(crm, SKOS.prefLabel, "de")]


def test_concept_parameter_accepts_label_curie_and_iri(memory_store):
    by = [
        select(memory_store, named_query("parts"), {"concept": value})
        for value in ("RevOps", "revops:revenue-operations",
                      "<https://w3id.org/revops-graph/glossary/revenue-operations>")
    ]
    assert _plain(by[0]) == _plain(by[1]) == _plain(by[2])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"concept": "RevOps", "colour": "red"}, "unknown parameter colour"),
        ({}, "needs --param concept"),
        ({"concept": "no such thing"}, "no concept is labelled"),
        ({"concept": "<http://example.org/a b>"}, "not a valid IRI"),
    ],
)
def test_bad_parameters_are_clear_errors(memory_store, params, message):
    with pytest.raises(QueryError, match=message):
        select(memory_store, named_query("parts"), params)


@pytest.mark.server
@pytest.mark.parametrize("store", STORES)
def test_injection_attempt_stays_a_literal(store, request):
    target = request.getfixturevalue(store)
    echo = select(target, "SELECT ?value WHERE { }", {"value": HOSTILE})
    assert _plain(echo) == [(Literal(HOSTILE),)]
    assert len(select(target, named_query("label-search"), {"text": HOSTILE})) == 0
    # Nothing was dropped: the data is still there.
    assert ask(target, "ASK { ?s a <http://www.w3.org/2004/02/skos/core#Concept> }")


@pytest.mark.server
@pytest.mark.parametrize("store", STORES)
def test_unprojected_parameter_is_bound_on_every_store(store, request):
    # pyoxigraph substitutes only projected variables; the VALUES fallback must agree.
    query = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?c WHERE { ?c skos:prefLabel ?l }"
    rows = select(request.getfixturevalue(store), query, {"l": Literal("Vertrieb", lang="de")})
    assert _plain(rows) == [(REVOPS["sales"],)]


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "LOAD <http://example.org/data.ttl>",
        "DELETE { ?s ?p ?o } USING <http://example.org/g> WHERE { ?s ?p ?o }",
    ],
    ids=["service", "from", "from-named", "load", "using"],
)
def test_network_access_is_refused_unless_allowed(text):
    with pytest.raises(QueryError, match="--allow-network"):
        check(text, allow_update=True)
    assert check(text, allow_update=True, allow_network=True).form in ("SELECT", "UPDATE")


def test_service_is_refused_before_any_store_runs(memory_store):
    with pytest.raises(QueryError, match="SERVICE"):
        select(memory_store, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")


def test_update_is_refused_without_allow_update():
    graph = load_glossary().graph
    before = len(graph)
    store = MemoryStore(graph)
    text = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    with pytest.raises(QueryError, match="--allow-update"):
        update(store, text)
    with pytest.raises(QueryError, match="update"):
        select(store, text)
    assert len(graph) == before
    update(store, text, allow_update=True)
    assert len(graph) == before + 1


@pytest.mark.server
@pytest.mark.parametrize("store", [s for s in STORES if s != "memory_store"])
def test_endless_query_is_stopped_at_the_time_limit(store, request):
    target = request.getfixturevalue(store)
    started = time.monotonic()
    with pytest.raises(QueryError, match="exceeded 1 s"):
        select(target, ENDLESS, timeout=1)
    assert time.monotonic() - started < 3


def test_endless_query_in_memory_is_reported_at_the_time_limit():
    # In memory the query runs in this process, and one step inside Oxigraph (here COUNT
    # over a cross product) cannot be interrupted: the command answers at the limit and
    # the process exit ends the evaluation. A subprocess, so the test run is not left with it.
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "revops_graph.cli", "query", "-", "--timeout", "1"],
                            input=ENDLESS, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert "exceeded 1 s" in result.stderr
    assert time.monotonic() - started < 10


def test_syntax_error_names_line_column_and_token(memory_store):
    with pytest.raises(QueryError) as caught:
        select(memory_store, "SELECT ?s\nWHERE { ?s ?p ?o }\nLIMT 3")
    message = str(caught.value)
    assert "line 3, column 1" in message and "'LIMT'" in message


def test_wrong_query_form_raises(memory_store):
    with pytest.raises(QueryError, match="ASK query; use ask"):
        select(memory_store, "ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="SELECT query; use select"):
        ask(memory_store, "SELECT * { ?s ?p ?o }")
    with pytest.raises(QueryError, match="SELECT query; use select"):
        construct(memory_store, "SELECT * { ?s ?p ?o }")
    with pytest.raises(QueryError, match="CONSTRUCT query; use construct"):
        select(memory_store, "CONSTRUCT WHERE { ?s ?p ?o }")


@pytest.mark.server
def test_construct_and_describe_give_graphs_alike_on_every_store(request):
    text = "CONSTRUCT { ?c ?p ?o } WHERE { ?c ?p ?o }"
    graphs = [construct(request.getfixturevalue(s), text, {"c": "revops:crm-system"}) for s in STORES]
    assert isinstance(graphs[0], Graph) and len(graphs[0]) > 5
    assert all(set(g) == set(graphs[0]) for g in graphs[1:])
    for store in STORES:
        described = construct(request.getfixturevalue(store), "DESCRIBE <https://w3id.org/revops-graph/glossary/crm-system>")
        assert (REVOPS["crm-system"], RDF.type, ROG.Tool) in described, store


def test_result_formats_are_the_w3c_ones(memory_store):
    import json

    rows = select(memory_store, named_query("parts"), {"concept": "RevOps"})
    doc = json.loads(serialize_results(rows, "json"))
    assert doc["head"]["vars"] == list(rows.variables)
    assert doc["results"]["bindings"][0]["part"]["type"] == "uri"
    csv = serialize_results(rows, "csv").decode().splitlines()
    assert csv[0] == ",".join(rows.variables) and len(csv) == len(rows) + 1
    tsv = serialize_results(rows, "tsv").decode().splitlines()
    assert tsv[0] == "\t".join("?" + v for v in rows.variables)
    assert tsv[1].split("\t")[2].startswith("<https://")
    assert json.loads(serialize_results(True, "json")) == {"head": {}, "boolean": True}


def test_rows_offer_names_and_positions(memory_store):
    rows = select(memory_store, named_query("journey-stages"))
    first = rows[0]
    assert first.stage == first["stage"] == first[2]
    assert isinstance(first.stage, URIRef)
