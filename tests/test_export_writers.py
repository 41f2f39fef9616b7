"""The Turtle, JSON-LD and N-Triples writers that work from the sorted triples write rdflib's bytes.

Each vocabulary is exported twice, by the faster route and by the rdflib route it replaces
(rdflib's longturtle writer and JSON-LD converter over the rdflib graph), from fresh
glossaries, in the order ``build`` writes (Turtle first: it may generate prefixes that the
JSON-LD context then declares). N-Triples are compared where an rdflib graph exists (without
one they come straight from the store).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from types import SimpleNamespace

import pytest

from revops_graph import load_glossary, serialize
from revops_graph.export import triples as shared_triples
from revops_graph.export.jsontext import dumps_indented, sort_key
from revops_graph.export.triples import sharing, sorted_triples

DATA = Path(__file__).parent / "data"

# Object lists of every kind rdflib orders its own way: tagged, untagged, typed (some not
# valid for their datatype), numbers, IRIs; texts needing quotes; IRIs without a prefix,
# with characters to escape, ending in a dot; empty texts (a false value JSON-LD keeps or
# drops by the order it meets them); members of rdfs:Class (written first).
_EDGES = '''
@prefix ex: <http://example.org/x/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:a a rdfs:Class, skos:Concept ; ex:p "b", "a", "b"@en, "a"@fr, "c"@EN, "a"@en-GB, "Z"@de ;
    ex:q "b", "a"^^xsd:string, 2, "010"^^xsd:integer, 1.5, "a"@en, 1.0e3, true, "NaN"^^xsd:double,
         "x"^^xsd:date, "2020-01-01"^^xsd:date ;
    ex:r "same", "same"^^xsd:string ; ex:s ex:y, ex:x, "x", ex:a ;
    rdfs:label "multi\\nline \\"quoted\\" with \\\\ backslash", "trailing quote\\"", """three ""\\" quotes
end""" ;
    <http://other.example/ns/pred> <http://other.example/ns/obj.> ;
    <http://other.example/ns2#p> "x"^^<http://other.example/dt#t> ;
    <http://yet.example/p%20q> <http://yet.example/a(b)> .
ex:b rdfs:subClassOf ex:a ; skos:broader ex:a ; ex:s rdfs:Class, <urn:x:y> .
rdfs:Class a rdfs:Class .
<urn:x:y> ex:s ex:a, ex:b .
ex:c a rdfs:Class ; ex:n ""@en, "" ; ex:u "unicode \\u00fc \\u2603 tab\\t" .
ex:d ex:n "", ""@en ; ex:z 0, 1, false, "" ; ex:w rdfs:Class .
'''


def _owl(classes: int) -> str:
    """An OWL ontology like the ones users bring: a class tree, labels and comments in three
    languages, properties with domains and ranges."""
    lines = ["@prefix owl: <http://www.w3.org/2002/07/owl#> .", "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix ex: <https://example.org/onto#> .", 'ex: a owl:Ontology ; rdfs:label "Ontology"@en .']
    for i in range(classes):
        parent = f" ; rdfs:subClassOf ex:C{i // 3}" if i else ""
        texts = " ; ".join(f'rdfs:label "Class {i} {lang}"@{lang} ; rdfs:comment "Kind {i}."@{lang}' for lang in ("en", "de", "fr"))
        lines.append(f"ex:C{i} a owl:Class{parent} ; {texts} .")
    lines += [f"ex:p{j} a owl:ObjectProperty ; rdfs:domain ex:C{j} ; rdfs:range ex:C{j * 7 % classes} ." for j in range(20)]
    return "\n".join(lines) + "\n"


_FILES = ["dbpedia-slice.nq", "discipline.nq", "foaf.nq", "mixed-owl-skos.ttl", "ru-sv-bg-codes.ttl",
          "schema-slice.nq", "tri-lingual-skos.ttl"]


def _source(name: str, tmp_path: Path) -> Path | None:
    if name == "embedded":
        return None
    if name in ("edges", "owl"):
        path = tmp_path / f"{name}.ttl"
        path.write_text(_EDGES if name == "edges" else _owl(300), encoding="utf-8")
        return path
    return DATA / ("site/multilingual.ttl" if name == "multilingual" else f"vocabularies/{name}")


def _rdflib_route(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_triples, "sorted_triples", lambda glossary: SimpleNamespace(triples=None, read_order=[]))


@pytest.mark.parametrize("graph", ["none", "from-store", "parsed"])
@pytest.mark.parametrize("name", ["embedded", "edges", "owl", "multilingual", *_FILES])
def test_turtle_jsonld_and_ntriples_are_the_rdflib_routes_bytes(name: str, graph: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """``graph``: whether an rdflib graph exists (as in build, where the SHACL check builds
    it), converted from the store or parsed from the files (with the parse cache on)."""
    if graph == "parsed":
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        monkeypatch.delenv("REVOPS_GRAPH_NO_CACHE", raising=False)
    else:  # the rdflib route builds the graph from the store, as the faster route reads it
        monkeypatch.setenv("REVOPS_GRAPH_NO_CACHE", "1")

    def export() -> tuple[bytes, bytes, bytes] | type[Exception]:
        glossary = load_glossary(_source(name, tmp_path))
        if graph != "none":
            assert len(glossary.graph) == len(glossary)
        with sharing(glossary):
            try:
                turtle, jsonld = serialize(glossary, "turtle"), serialize(glossary, "jsonld")
                # without a graph N-Triples come from the store, unless rdflib's Turtle built one
                return turtle, jsonld, serialize(glossary, "nt") if graph != "none" else b""
            except Exception as exc:  # noqa: BLE001  # rdflib cannot order a NaN among decimals in every start order
                return type(exc)

    assert sorted_triples(load_glossary(_source(name, tmp_path))).triples is not None  # the faster route serves
    ours = export()
    with monkeypatch.context() as patch:
        _rdflib_route(patch)
        expected = export()
    assert ours == expected


def test_jsonld_alone_is_the_rdflib_routes_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVOPS_GRAPH_NO_CACHE", "1")
    source = _source("edges", tmp_path)  # no prefix generated by a Turtle export before
    ours = serialize(load_glossary(source), "jsonld")
    _rdflib_route(monkeypatch)
    assert ours == serialize(load_glossary(source), "jsonld")


def test_blank_nodes_and_lists_take_the_rdflib_route(tmp_path: Path) -> None:
    for text in ("<http://x/s> <http://x/p> [ <http://x/q> 'v' ] .", "<http://x/s> <http://x/p> ( <http://x/a> ) ."):
        path = tmp_path / "b.ttl"
        path.write_text(text + "\n", encoding="utf-8")
        assert sorted_triples(load_glossary(path)).triples is None
        assert (b"[" if "[" in text else b"(") in serialize(load_glossary(path), "turtle")


def test_inside_sharing_the_triples_are_read_once() -> None:
    glossary = load_glossary()
    assert sorted_triples(glossary) is not sorted_triples(glossary)
    with sharing(glossary):
        assert sorted_triples(glossary) is sorted_triples(glossary)
        assert sorted_triples(load_glossary()) is not sorted_triples(glossary)
    assert sorted_triples(glossary) is not sorted_triples(glossary)


_VALUES = [
    {}, [], "", "plain", "ünïcode ☃ \u0001 \"q\" \\ \n", 0, -3, 10**20, 1.5, 1e300, 0.1, -0.0,
    math.nan, math.inf, -math.inf, True, False, None,
    {"@language": "en", "@value": "x"}, {"b": [1, {"z": None, "a": []}], "a": {}},
    [[], {}, [1, [2, ["three"]]]], {"@id": "ex:a", "ex:p": ["a", {"@id": "ex:b"}], "ex:q": 1},
    {1: "a key that is not text"}, ("a", "tuple"),
]


@pytest.mark.parametrize("value", _VALUES, ids=range(len(_VALUES)))
def test_json_text_is_the_standard_librarys(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
    assert sort_key(value) == json.dumps(value, sort_keys=True, ensure_ascii=False)
