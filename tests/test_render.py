"""The concept map without a browser: data, escaping, determinism, fallbacks, parts, queries."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from map_fixtures import XSS_LABEL, page_data, synthetic_glossary
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from typer.testing import CliRunner

from revops_graph.cli import app
from revops_graph.errors import QueryError, RevopsGraphError
from revops_graph.model import ConceptNotFound, load_glossary
from revops_graph.namespaces import REVOPS, ROG
from revops_graph.render import (
    ConceptMap,
    MapTooLarge,
    concept_map,
    map_model,
    query_selection,
    render_map,
    script_json,
    text_in,
)

DATA = Path(__file__).parent / "data"
OWL_FILE = DATA / "small-ontology.ttl"
ZOO = "http://example.org/zoo#"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@pytest.fixture(scope="module")
def page(glossary):
    return render_map(glossary)


def by_iri(data: dict) -> dict[str, dict]:
    return {n["iri"]: n for n in data["nodes"]}


def relation_names(data: dict) -> set[str]:
    return {r["iri"] for r in data["relations"]}


# -- the page ------------------------------------------------------------------------------


def test_page_is_self_contained(page):
    assert "extends Sigma" in page and "new Renderer(graph" in page and "window.conceptMap" in page
    # nothing is fetched: no external script, stylesheet, font or image, and a CSP that forbids it
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert "@import" not in page and "url(http" not in page
    assert "default-src 'none'" in page


def test_every_concept_and_relation_is_on_the_map(glossary, page):
    data = page_data(page)
    assert [n["iri"] for n in data["nodes"]] == [str(i) for i in glossary.concept_iris]
    pairs = {(data["nodes"][e["f"]]["iri"], data["relations"][e["r"]]["iri"], data["nodes"][e["t"]]["iri"])
             for e in data["edges"]}
    expected = {(str(r.subject), str(r.predicate), str(r.object)) for r in glossary.all_relations()}
    assert pairs == expected


def test_both_languages_and_details_are_embedded(glossary, page):
    crm = by_iri(page_data(page))[str(glossary.find("CRM").iri)]
    assert crm["label"] == {"de": "CRM-System", "en": "CRM system"}
    concept = glossary.find("CRM")
    assert crm["def"]["de"] == concept.definition("de") and crm["def"]["en"] == concept.definition("en")
    ops = by_iri(page_data(page))[str(REVOPS["business-operations"])]
    assert ops["alt"] == {"de": ["Operatives Geschäft"]}


def test_source_sentences_of_concepts_and_relations(glossary, page):
    data = page_data(page)
    sentences = data["sentences"]
    rev = by_iri(data)[str(REVOPS["revenue-operations"])]
    quoted = {sentences[k]["text"]["de"] for k in rev["src"]}
    assert {glossary.source_text(s) for s in glossary.find("RevOps").sources} <= quoted | {""}
    comprises = [e for e in data["edges"] if data["relations"][e["r"]]["iri"] == str(ROG.comprises)
                 and data["nodes"][e["f"]]["iri"] == str(REVOPS["revenue-operations"])
                 and data["nodes"][e["t"]]["iri"] == str(REVOPS.sales)]
    assert len(comprises) == 1
    lines = sorted(sentences[k]["line"] for k in comprises[0]["src"])
    assert lines == [6]  # the reified statement is rog:statedIn src-L06
    assert "Revenue Operations ist ein kollaborativer Ansatz" in sentences[comprises[0]["src"][0]]["text"]["de"]


def test_hierarchy_relations_are_marked_apart_from_associations(page):
    relations = {r["iri"]: r["hierarchy"] for r in page_data(page)["relations"]}
    assert relations[str(ROG.comprises)] and relations[str(ROG.includes)] and relations[str(ROG.hasStage)]
    assert relations[str(SKOS.broader)]
    assert not relations[str(ROG.aligns)] and not relations[str(ROG.aimsAt)]


def test_kinds_get_distinct_colour_and_shape_pairs(page):
    kinds = page_data(page)["kinds"]
    assert len({k["color"] for k in kinds}) == len(kinds) == 11  # colour alone tells them apart on the map
    assert {k["label"]["de"] for k in kinds} >= {"Kennzahl", "Phase", "Tool"}


def test_positions_are_precomputed_and_spread(page):
    nodes = page_data(page)["nodes"]
    points = {(n["x"], n["y"]) for n in nodes}
    assert len(points) == len(nodes)  # no two concepts on the same spot
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)


def test_opening_language_is_a_choice(glossary):
    assert page_data(render_map(glossary, lang="de"))["lang"] == "de"
    assert '<html lang="de">' in render_map(glossary, lang="de")
    with pytest.raises(RevopsGraphError, match="no language 'fr'; it has de, en"):
        render_map(glossary, lang="fr")


def test_a_kind_keeps_its_colour_and_shape_in_every_part_of_the_map(glossary):
    def styles(**options) -> dict[str, tuple[str, str]]:
        return {k["iri"]: (k["color"], k["shape"]) for k in page_data(concept_map(glossary, **options).html)["kinds"]}

    whole = styles()
    parts = [styles(kinds=["Tool", "Resource"]), styles(focus="CRM"), styles(query=SELECT_TOOLS),
             styles(focus="Revenue operations", depth=0)]
    for part in parts:
        assert len(part) < len(whole) and all(part[k] == whole[k] for k in part)


def test_every_language_of_the_data_is_offered(tmp_path):
    trilingual = load_glossary([DATA / "vocabularies" / "tri-lingual-skos.ttl"])
    data = page_data(render_map(trilingual, lang="ja"))
    assert {"fr", "es", "ja", "de", "en"} <= set(data["languages"]) and data["lang"] == "ja"
    assert any("ja" in n["label"] for n in data["nodes"])
    # the command takes the same languages
    out = tmp_path / "fr.html"
    result = run("--data", str(DATA / "vocabularies" / "tri-lingual-skos.ttl"), "--lang", "fr", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert '<html lang="fr">' in out.read_text(encoding="utf-8")
    result = run("--data", str(DATA / "vocabularies" / "tri-lingual-skos.ttl"), "--lang", "xx", "-o", str(out))
    assert result.exit_code == 2 and "no language 'xx'" in result.output


def test_the_focus_concept_is_marked(glossary):
    data = page_data(concept_map(glossary, focus="CRM", depth=2).html)
    assert data["nodes"][data["focus"]]["iri"] == str(glossary.find("CRM").iri)
    assert page_data(concept_map(glossary).html)["focus"] is None


def test_importance_travels_with_the_nodes(page, glossary):
    degree = {n["iri"]: n["d"] for n in page_data(page)["nodes"]}
    hub = max(degree, key=degree.get)
    assert hub == str(glossary.find("Revenue operations").iri)
    assert degree[hub] == len(list(glossary.relations(URIRef(hub)))) + len(list(glossary.incoming(URIRef(hub))))


def test_a_node_may_link_to_a_page(glossary):
    from dataclasses import replace

    from revops_graph.render import map_page

    model = map_model(glossary)
    crm = str(glossary.find("CRM").iri)
    model = replace(model, nodes={i: replace(n, href="terms/crm.html" if i == crm else None) for i, n in model.nodes.items()})
    nodes = by_iri(page_data(map_page(model, "de")))
    assert nodes[crm]["href"] == "terms/crm.html" and sum("href" in n for n in nodes.values()) == 1


def test_a_flat_vocabulary_is_grouped_by_kind():
    from revops_graph.render import layout

    ids = [f"c{i}" for i in range(300)]
    groups = {iri: "abc"[i % 3] for i, iri in enumerate(ids)}
    spread = layout(ids, [], groups=groups)
    centres = {g: [sum(spread[i][k] for i in ids if groups[i] == g) / 100 for k in (0, 1)] for g in "abc"}

    def closest(iri: str) -> str:
        return min("abc", key=lambda g: (spread[iri][0] - centres[g][0]) ** 2 + (spread[iri][1] - centres[g][1]) ** 2)

    # without groups the three kinds mix evenly (a third each); grouped, nearly all sit in their own cluster
    assert sum(closest(i) == groups[i] for i in ids) >= 270
    assert len(set(spread.values())) == 300


def test_repr_is_short(glossary):
    shown = concept_map(glossary)
    assert len(repr(shown)) < 120 and f"{len(glossary.concept_iris)} concepts" in repr(shown)


# -- determinism -----------------------------------------------------------------------------


def test_same_bytes_twice(glossary, page):
    assert render_map(glossary) == page
    assert render_map(load_glossary()) == page


def test_same_bytes_whatever_the_hash_seed(page):
    code = ("import hashlib, sys; from revops_graph.model import ConceptNotFound, load_glossary; from revops_graph.render import render_map; "
            "sys.stdout.write(hashlib.sha256(render_map(load_glossary()).encode()).hexdigest())")
    digests = set()
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        digests.add(result.stdout)
    assert digests == {hashlib.sha256(page.encode()).hexdigest()}


# -- escaping --------------------------------------------------------------------------------


def test_script_json_cannot_close_the_script_element():
    hostile = {"a": "</script><script>alert(1)</script>", "b": "<!-- & -->", "c": "\u2028\u2029"}
    text = script_json(hostile)
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == hostile


def test_hostile_labels_stay_data(tmp_path):
    page = render_map(synthetic_glossary(6, hostile=True))
    assert "window.__pwned" in page  # the label is there, as escaped data ...
    assert "<img src=x" not in page and "<script>window.__pwned" not in page  # ... never as markup
    # only the four script elements close (graphology, sigma, the data, the page's code); nothing opens a comment
    assert page.lower().count("</script") == 4
    assert "<!--" not in page
    node = by_iri(page_data(page))["http://example.org/synthetic/c1"]
    assert node["label"]["en"] == XSS_LABEL
    # the page's own code writes data only with textContent
    code = page[page.index("// The concept map page:"):]
    assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "document.write" not in code


def test_title_is_escaped():
    g = synthetic_glossary(3).graph
    g.add((URIRef("http://example.org/scheme"), SKOS.prefLabel, __import__("rdflib").Literal("</title><script>x</script>", lang="en")))
    g.add((URIRef("http://example.org/scheme"), __import__("rdflib").RDF.type, SKOS.ConceptScheme))
    page = render_map(__import__("revops_graph").Glossary(g))
    assert "<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>" in page


def test_jupyter_display_is_an_escaped_iframe(glossary):
    shown = concept_map(glossary)
    frame = shown._repr_html_()
    assert frame.startswith("<iframe srcdoc=\"") and 'sandbox="allow-scripts"' in frame
    srcdoc = frame[len('<iframe srcdoc="'):frame.index('" sandbox=')]
    assert '"' not in srcdoc and "<" not in srcdoc
    assert html.unescape(srcdoc) == shown.html


def test_save_writes_the_page(glossary, tmp_path):
    shown = concept_map(glossary, focus="CRM")
    target = shown.save(tmp_path / "sub" / "map.html")
    assert target.read_bytes() == shown.html.encode("utf-8")
    assert isinstance(shown, ConceptMap) and shown.nodes == len(page_data(shown.html)["nodes"])


# -- any vocabulary --------------------------------------------------------------------------


def test_owl_ontology_maps_classes_subclasses_and_properties():
    g = load_glossary([OWL_FILE])
    # no SKOS here: the classes are the terms, and the properties link them domain to range
    assert {str(i).removeprefix(ZOO) for i in g.concept_iris} == {"Animal", "Mammal", "Bird", "Penguin", "Keeper", "Enclosure", "Zebra"}
    model = map_model(g)
    assert set(model.nodes) == {ZOO + c for c in ("Animal", "Mammal", "Bird", "Penguin", "Keeper", "Enclosure", "Zebra")}
    edges = {(e.source.removeprefix(ZOO), e.predicate, e.target.removeprefix(ZOO)) for e in model.edges}
    sub = str(RDFS.subClassOf)
    assert edges == {
        ("Mammal", sub, "Animal"), ("Bird", sub, "Animal"), ("Penguin", sub, "Bird"), ("Zebra", sub, "Mammal"),
        ("Keeper", ZOO + "feeds", "Animal"), ("Animal", ZOO + "livesIn", "Enclosure"),
    }
    # coloured by top-level class
    assert model.nodes[ZOO + "Penguin"].kind == ZOO + "Animal" and model.nodes[ZOO + "Keeper"].kind == ZOO + "Keeper"
    assert model.relations[sub] == {"de": "Unterklasse von", "en": "subclass of"}
    assert model.relations[ZOO + "livesIn"] == {"de": "lebt in", "en": "lives in"}
    assert model.title == {"de": "Zoo-Ontologie", "en": "Zoo ontology"}
    assert model.nodes[ZOO + "Animal"].definition["en"] == "A living being that moves."


def test_labels_fall_back_to_english_then_the_local_name():
    model = map_model(load_glossary([OWL_FILE]))
    # the model keeps the languages the data has; the fallback is applied when a text is picked
    assert model.nodes[ZOO + "Penguin"].label == {"de": "Pinguin"}
    assert text_in(model.nodes[ZOO + "Penguin"].label, "en") == "Pinguin"  # no English: any there is
    assert model.nodes[ZOO + "Enclosure"].label == {"": "Enclosure"}  # no label: the local name
    assert text_in(model.nodes[ZOO + "Enclosure"].label, "de") == "Enclosure"
    assert model.nodes[ZOO + "Mammal"].label == {"de": "Säugetier", "en": "Mammal"}
    assert text_in({"en": "colour", "en-us": "color"}, "en-us") == "color"
    assert text_in({"en": "colour", "fr": "couleur"}, "en-gb") == "colour"  # primary tag
    data = page_data(render_map(load_glossary([OWL_FILE]), lang="de"))
    assert by_iri(data)[ZOO + "Bird"]["label"]["de"] == "Vogel"
    rel = next(r for r in data["relations"] if r["iri"] == str(RDFS.subClassOf))
    assert rel["hierarchy"] is True


# -- a part of the map: focus, depth, kinds, relations ---------------------------------------


def neighbours(glossary, iri) -> set[str]:
    return {str(r.object) for r in glossary.relations(iri)} | {str(r.subject) for r in glossary.incoming(iri)}


def test_focus_and_depth(glossary):
    crm = glossary.find("CRM-System").iri
    one = by_iri(page_data(render_map(glossary, focus="crm system", depth=1)))
    assert set(one) == {str(crm)} | neighbours(glossary, crm)
    zero = by_iri(page_data(render_map(glossary, focus="CRM", depth=0)))
    assert set(zero) == {str(crm)}
    two = set(by_iri(page_data(render_map(glossary, focus=str(crm), depth=2))))
    expected = set(one) | {n for m in one for n in neighbours(glossary, URIRef(m))}
    assert two == expected and len(two) > len(one)


def test_focus_on_an_unknown_label_is_an_error(glossary):
    with pytest.raises(ConceptNotFound, match="no concept on the map is labelled 'Nope'"):
        render_map(glossary, focus="Nope")
    twins = synthetic_glossary(3)
    twins.graph.add((URIRef("http://example.org/synthetic/c2"), SKOS.altLabel, Literal("Concept 1", lang="en")))
    with pytest.raises(ConceptNotFound, match="labels several concepts: Concept 1, Concept 2"):
        render_map(twins, focus="concept 1")


def test_kinds_filter(glossary):
    data = page_data(render_map(glossary, kinds=["Tool", "ressource"]))  # English and German labels
    kinds = {k["iri"] for k in data["kinds"]}
    assert kinds == {str(ROG.Tool), str(ROG.Resource)}
    expected = {str(c.iri) for c in glossary.concepts() if set(c.kinds) & {ROG.Tool, ROG.Resource}}
    assert set(by_iri(data)) == expected
    with pytest.raises(RevopsGraphError, match="no kind is called 'Planet'"):
        render_map(glossary, kinds=["Planet"])


def test_relations_filter(glossary):
    data = page_data(render_map(glossary, relations=["comprises", "schließt ein"]))
    assert relation_names(data) == {str(ROG.comprises), str(ROG.includes)}
    assert len(data["edges"]) == sum(1 for r in glossary.all_relations() if r.predicate in {ROG.comprises, ROG.includes})
    assert len(data["nodes"]) == len(glossary.concept_iris)  # relations filter edges, not concepts


def test_too_large_a_map_asks_for_focus():
    g = synthetic_glossary(40)
    with pytest.raises(MapTooLarge, match="--focus"):
        concept_map(g, max_nodes=30)
    assert concept_map(g, max_nodes=30, focus="Concept 0", depth=1).nodes == 5  # itself and 4 narrower
    assert concept_map(g, max_nodes=None).nodes == 40


# -- a query's answer -------------------------------------------------------------------------

SELECT_TOOLS = """
PREFIX rog: <https://w3id.org/revops-graph/ontology#>
SELECT ?tool ?thing WHERE { ?tool a rog:Tool ; ?p ?thing . ?thing a rog:Resource }
"""


def test_select_maps_the_bound_concepts_and_relations_among_them(glossary):
    iris, triples = query_selection(glossary, SELECT_TOOLS)
    assert triples is None
    crm = glossary.find("CRM").iri
    assert crm in iris and all(isinstance(i, URIRef) for i in iris)
    data = page_data(render_map(glossary, query=SELECT_TOOLS))
    assert set(by_iri(data)) == {str(i) for i in iris}
    edges = {(data["nodes"][e["f"]]["iri"], data["nodes"][e["t"]]["iri"]) for e in data["edges"]}
    expected = {(str(r.subject), str(r.object)) for r in glossary.all_relations()
                if r.subject in iris and r.object in iris}
    assert edges == expected and edges


def test_select_draws_only_the_concepts_it_binds(glossary):
    query = """PREFIX rog: <https://w3id.org/revops-graph/ontology#>
    SELECT ?tool ?kind ?p WHERE { ?tool a rog:Tool, ?kind ; ?p ?x . ?x a rog:Resource }"""
    iris, _ = query_selection(glossary, query)
    assert iris == [glossary.find("CRM").iri]  # not rog:Tool, skos:Concept or the predicates
    classes, _ = query_selection(glossary, "SELECT ?c WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> }")
    assert ROG.Tool in classes  # no concept bound at all: every IRI is drawn


def test_construct_maps_its_graph(glossary):
    query = """PREFIX rog: <https://w3id.org/revops-graph/ontology#>
    CONSTRUCT { ?whole rog:comprises ?part } WHERE { ?whole rog:comprises ?part }"""
    data = page_data(render_map(glossary, query=query))
    assert relation_names(data) == {str(ROG.comprises)}
    assert len(data["edges"]) == sum(1 for r in glossary.all_relations() if r.predicate == ROG.comprises)
    assert by_iri(data)[str(REVOPS.sales)]["label"]["de"] == "Vertrieb"


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("ASK { ?s ?p ?o }", "only SELECT and CONSTRUCT"),
        ("DESCRIBE <http://example.org/x>", "only SELECT and CONSTRUCT"),
        ("DELETE WHERE { ?s ?p ?o }", "is an update"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "uses SERVICE"),
        ("SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }", "uses FROM"),
        ("SELECT * WHERE { ?s ?p }", "syntax error at line 1"),
    ],
)
def test_queries_that_are_not_read_only_or_local_are_refused(glossary, query, problem):
    size = len(glossary.graph)
    with pytest.raises(QueryError, match=problem):
        query_selection(glossary, query)
    assert len(glossary.graph) == size


# -- the command -------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(app, ["map", *args])


def test_cli_writes_the_map(tmp_path):
    out = tmp_path / "map.html"
    result = run("-o", str(out), "--lang", "de", "--focus", "CRM", "--depth", "1")
    assert result.exit_code == 0, result.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["lang"] == "de" and len(data["nodes"]) == 6


def test_cli_maps_an_owl_file_and_a_query_file(tmp_path):
    out = tmp_path / "zoo.html"
    assert run("--data", str(OWL_FILE), "-o", str(out)).exit_code == 0
    assert len(page_data(out.read_text())["nodes"]) == 7
    query = tmp_path / "tools.rq"
    query.write_text(SELECT_TOOLS)
    result = run("--query", str(query), "-o", str(out), "--kinds", "Tool,Resource")
    assert result.exit_code == 0, result.output
    assert {k["iri"] for k in page_data(out.read_text())["kinds"]} == {str(ROG.Tool), str(ROG.Resource)}


def test_cli_errors_are_one_line_and_leave_the_old_file(tmp_path):
    out = tmp_path / "map.html"
    out.write_text("old")
    for args in (["--focus", "Nope"], ["--kinds", "Planet"], ["--query", "ASK { ?s ?p ?o }"],
                 ["--query", "no-such-query"], ["--lang", "fr"], ["--depth", "2"]):
        result = run("-o", str(out), *args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        assert out.read_text() == "old"


def test_cli_draws_a_big_map_with_a_warning(tmp_path, monkeypatch):
    import revops_graph.render as render

    monkeypatch.setattr(render, "MAX_NODES", 20, raising=False)
    ttl = tmp_path / "big.ttl"
    synthetic_glossary(30).graph.serialize(ttl, format="turtle")
    result = run("--data", str(ttl), "-o", str(tmp_path / "m.html"))
    assert result.exit_code == 0 and "warning: 30 concepts on one map" in result.output
    assert (tmp_path / "m.html").exists()


def test_cli_refuses_a_huge_map_and_suggests_focus(tmp_path):
    ttl = tmp_path / "big.ttl"
    synthetic_glossary(30).graph.serialize(ttl, format="turtle")
    result = run("--data", str(ttl), "-o", str(tmp_path / "m.html"), "--max-nodes", "20")
    assert result.exit_code == 2 and "--focus" in result.output
    assert not (tmp_path / "m.html").exists()


def test_build_writes_the_same_map(tmp_path, page):
    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "concept-map.html").read_text(encoding="utf-8") == page
