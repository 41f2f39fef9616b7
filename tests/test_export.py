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


VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"


# GeoNames uses namespaces no prefix is bound to, so the Turtle writer generates ns1, ns2 ...
@pytest.mark.parametrize("data", [None, "geonames-slice.nq", "schema-slice.nq"])
@pytest.mark.parametrize("fmt", sorted(EXPORT_FORMATS))
def test_bytes_do_not_depend_on_hash_seed(fmt: str, data: str | None, tmp_path: Path) -> None:
    files = [str(VOCABULARIES / data)] if data else []
    digests = {
        subprocess.run([sys.executable, "-c", _DIGEST, fmt, *files], env={"PYTHONHASHSEED": seed, "PATH": ""},
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


def _big(tmp_path: Path, n: int) -> Glossary:
    lines = [f'<https://example.org/t/{i:06d}> <http://www.w3.org/2004/02/skos/core#prefLabel> "Term {i} é"@en .'
             for i in range(n)]
    lines += ['<https://example.org/t/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
              '<http://www.w3.org/2004/02/skos/core#Concept> .']
    path = tmp_path / "big.nt"
    path.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    return load_glossary([path])


def test_big_ntriples_come_in_pieces_that_join_to_the_sorted_text(tmp_path: Path) -> None:
    from revops_graph.export.formats import _PIECE, export_pieces

    glossary = _big(tmp_path, _PIECE + 5)
    pieces = list(export_pieces(glossary, "nt"))
    assert len(pieces) == 2  # never the whole text in one piece
    text = b"".join(pieces)
    lines = text.decode("utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == _PIECE + 6 and text.endswith(b" .\n")
    # the same bytes as the rdflib route (a graph built first takes it)
    assert text == serialize(Glossary(glossary.graph), "nt")


def test_big_turtle_read_back_from_the_sorted_lines_is_the_same_graph(tmp_path: Path) -> None:
    from revops_graph.export.formats import _sorted_oxigraph

    import pyoxigraph as ox

    glossary = _big(tmp_path, 30_000)
    text = _sorted_oxigraph(glossary, ox.RdfFormat.TURTLE)
    assert b"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n" in text[:500]  # the prefixes it uses
    back = Graph().parse(data=text, format="turtle")
    assert isomorphic(back, glossary.graph)


def test_export_to_a_file_writes_the_pieces_atomically(tmp_path: Path) -> None:
    from revops_graph.io.files import write_atomic

    out = tmp_path / "out.nt"
    out.write_bytes(b"previous\n")

    def failing():
        yield b"first piece\n"
        raise OSError(28, "No space left on device")

    with pytest.raises(Exception, match="cannot write"):
        write_atomic(out, failing())
    assert out.read_bytes() == b"previous\n" and [p.name for p in tmp_path.iterdir()] == ["out.nt"]
    write_atomic(out, iter([b"a", b"b\n"]))
    assert out.read_bytes() == b"ab\n"


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

    # discipline and geonames need generated prefixes, some first met as objects, then as
    # predicates; rdflib numbers them in its hash order, ours in the triples' sorted order
    assert longturtle(graph()) == _rdflib_longturtle_sorted(graph())


def _rdflib_longturtle_sorted(graph: Graph) -> bytes:
    """rdflib's own longturtle writer, visiting the triples in sorted order first."""
    from io import BytesIO

    from rdflib.plugins.serializers.longturtle import LongTurtleSerializer

    from revops_graph.export.longturtle import _triple_order

    class Sorted(LongTurtleSerializer):
        def preprocess(self) -> None:
            for triple in sorted(self.store.triples((None, None, None)), key=_triple_order):
                self.preprocessTriple(triple)

    out = BytesIO()
    Sorted(graph).serialize(out, encoding="utf-8")
    return out.getvalue()


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
