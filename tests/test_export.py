"""Exports: deterministic bytes, prefixes kept, round-trips to an isomorphic graph."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from revops_graph import Glossary, load_glossary, serialize
from revops_graph.export.formats import EXPORT_FORMATS

RDF_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_round_trip_is_isomorphic(glossary: Glossary, fmt: str) -> None:
    parsed = Graph().parse(data=serialize(glossary, fmt), format=RDF_FORMATS[fmt])
    assert isomorphic(parsed, glossary.graph)


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_same_input_same_bytes(glossary: Glossary, fmt: str) -> None:
    assert serialize(glossary, fmt) == serialize(load_glossary(), fmt)


_DIGEST = (
    "import hashlib, sys; from revops_graph import load_glossary, serialize; "
    "print(hashlib.sha256(serialize(load_glossary(sys.argv[2:] or None), sys.argv[1])).hexdigest())"
)


@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_bytes_do_not_depend_on_hash_seed(fmt: str, tmp_path: Path) -> None:
    digests = {
        subprocess.run([sys.executable, "-c", _DIGEST, fmt], env={"PYTHONHASHSEED": seed, "PATH": ""},
                       capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


def test_blank_nodes_export_deterministically(tmp_path: Path) -> None:
    path = tmp_path / "bnodes.ttl"
    path.write_text('@prefix ex: <http://ex/> .\nex:a ex:p [ ex:q 1 ; ex:r [ ex:s "x" ] ] , [ ex:q 2 ] .\n'
                    'ex:b ex:p _:shared . ex:c ex:p _:shared .\n', encoding="utf-8")
    digests = {
        subprocess.run([sys.executable, "-c", _DIGEST, "turtle", str(path)], env={"PYTHONHASHSEED": seed, "PATH": ""},
                       capture_output=True, text=True, check=True).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1
    mine = load_glossary([path])
    assert isomorphic(Graph().parse(data=serialize(mine, "turtle"), format="turtle"), mine.graph)


def test_turtle_keeps_the_prefixes(glossary: Glossary) -> None:
    head = serialize(glossary, "turtle").decode().split("\n\n", 1)[0]
    for prefix in ("revops", "rog", "skos", "dcterms", "rdf", "owl"):
        assert f"PREFIX {prefix}: <" in head
    assert "revops:revenue-operations" in serialize(glossary, "turtle").decode()


def test_jsonld_has_a_context_with_our_prefixes(glossary: Glossary) -> None:
    import json

    doc = json.loads(serialize(glossary, "jsonld"))
    assert doc["@context"]["rog"] == "https://w3id.org/revops-graph/ontology#"
    assert [n["@id"] for n in doc["@graph"]] == sorted(n["@id"] for n in doc["@graph"])


def test_graphml_holds_the_concept_graph(glossary: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    path.write_bytes(serialize(glossary, "graphml"))
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == len(glossary.concept_iris)
    assert graph.number_of_edges() == len(glossary.all_relations())
    crm = "https://w3id.org/revops-graph/glossary/crm-system"
    assert graph.nodes[crm]["label_de"] == "CRM-System"


def test_unknown_format_raises(glossary: Glossary) -> None:
    with pytest.raises(ValueError, match="unknown export format 'pdf'"):
        serialize(glossary, "pdf")


def test_digest_helper_sees_the_package() -> None:
    out = subprocess.run([sys.executable, "-c", _DIGEST, "nt"], capture_output=True, text=True, check=True).stdout
    assert out.strip() == hashlib.sha256(serialize(load_glossary(), "nt")).hexdigest()


# -- the faster writers give rdflib's own bytes ------------------------------------------------

VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"


_LITERALS = """
@prefix ex: <http://example.org/l/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p "b", "a", "b"@en, "a"@fr, "c"@EN, "a"@en-GB, "Z"@de ;
    ex:q "b", "a"^^xsd:string, 2, "10"^^xsd:integer, 1.5, "a"@en ;
    ex:r "same", "same"^^xsd:string ; ex:s ex:y, ex:x, "x" .
"""


@pytest.mark.parametrize("name", ["embedded", "discipline.nq", "geonames-slice.nq", "mixed-owl-skos.ttl", "literals"])
def test_longturtle_writes_rdflib_longturtle_bytes(name: str) -> None:
    from revops_graph.export.longturtle import longturtle

    def graph() -> Graph:  # a fresh one each time: writing binds generated prefixes (ns1) in the graph
        if name == "literals":  # object lists of tagged, untagged, typed literals and IRIs
            return Graph().parse(data=_LITERALS, format="turtle")
        return load_glossary(None if name == "embedded" else VOCABULARIES / name).graph

    # discipline and geonames need generated prefixes, some first met as objects, then as predicates
    assert longturtle(graph()) == graph().serialize(format="longturtle", encoding="utf-8")


@pytest.mark.parametrize("name", ["embedded", "dcat.nq", "mixed-owl-skos.ttl"])
def test_jsonld_is_rdflib_jsonld_sorted(name: str) -> None:
    import json

    from revops_graph.export.formats import _canonical, _used_prefixes

    glossary = load_glossary(None if name == "embedded" else VOCABULARIES / name)
    graph = _canonical(glossary.graph)
    context = _used_prefixes(graph)
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = sorted(({k: v for k, v in n.items() if k != "@context"} for n in doc["@graph"]), key=lambda n: n["@id"])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    expected = json.dumps({"@context": context, "@graph": nodes}, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert serialize(glossary, "jsonld") == expected.encode("utf-8")
