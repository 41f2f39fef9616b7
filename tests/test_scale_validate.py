"""The SPARQL validation engine gives the same findings as pySHACL, and ``auto`` picks by size."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, SKOS

from revops_graph import validate
from revops_graph.model import load_glossary
from revops_graph.shacl_sparql import Unsupported, compile_shapes
from revops_graph.validate import SHAPES_NS, validate_glossary

DATA = Path(__file__).parent / "data"
GLOSSARIES = [*sorted((DATA / "model").glob("*.ttl")), DATA / "scale" / "many-faults.ttl", None]


@pytest.mark.parametrize("path", GLOSSARIES, ids=lambda p: p.name if p else "embedded")
def test_sparql_engine_finds_what_pyshacl_finds(path):
    glossary = load_glossary([path]) if path else load_glossary()
    reference = validate_glossary(glossary, engine="pyshacl")
    fast = validate_glossary(glossary, engine="sparql")
    assert sorted((v.rule, v.focus) for v in fast.violations) == sorted((v.rule, v.focus) for v in reference.violations)
    assert fast == reference  # the same labels, messages, paths and values too


def test_many_faults_meets_every_kind_of_constraint():
    # the equivalence above is only worth something if the faults reach many constraint types
    report = validate_glossary(load_glossary([DATA / "scale" / "many-faults.ttl"]), engine="sparql")
    rules = {v.rule for v in report.violations}
    assert {"prefLabel-unique", "definition-de", "inScheme", "kind-several", "dangling", "Statement-asserted",
            "Statement-subject", "Statement-object", "KnownGap-status", "SourceSentence-line",
            "stageIndex-domain", "symbol-domain", "hasInput-range", "expression-domain"} <= rules


def _engine_used(monkeypatch, glossary, threshold, shapes=None):
    used = []
    for name in ("_pyshacl_results", "_sparql_results"):
        real = getattr(validate, name)
        monkeypatch.setattr(validate, name, lambda *a, _n=name, _r=real: used.append(_n) or _r(*a))
    monkeypatch.setattr(validate, "SPARQL_FROM_CONCEPTS", threshold)
    validate_glossary(glossary, shapes)
    return used


def test_auto_uses_pyshacl_below_the_threshold_and_sparql_from_it(monkeypatch):
    glossary = load_glossary([DATA / "model" / "valid.ttl"])
    count = len(glossary.concept_iris)
    assert _engine_used(monkeypatch, glossary, count + 1) == ["_pyshacl_results"]
    assert _engine_used(monkeypatch, glossary, count) == ["_sparql_results"]


def _shapes_with(param, value) -> Graph:
    shapes = Graph()
    shape, prop = URIRef(SHAPES_NS + "custom"), BNode()
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, SKOS.Concept))
    shapes.add((shape, SH.property, prop))
    shapes.add((prop, SH.path, SKOS.prefLabel))
    shapes.add((prop, SH.message, Literal("custom")))
    shapes.add((prop, param, value))
    return shapes


def test_shapes_outside_the_translated_part_fall_back_to_pyshacl(monkeypatch):
    shapes = _shapes_with(SH.minLength, Literal(100))
    with pytest.raises(Unsupported):
        compile_shapes(shapes)
    glossary = load_glossary([DATA / "model" / "valid.ttl"])
    with pytest.raises(Unsupported):
        validate_glossary(glossary, shapes, engine="sparql")
    assert _engine_used(monkeypatch, glossary, 1, shapes) == ["_pyshacl_results"]


def test_a_constraint_without_message_is_left_to_pyshacl():
    shapes = _shapes_with(SH.minCount, Literal(1))
    shapes.remove((None, SH.message, None))
    with pytest.raises(Unsupported, match="sh:message"):
        compile_shapes(shapes)


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine"):
        validate_glossary(load_glossary([DATA / "model" / "valid.ttl"]), engine="fast")
