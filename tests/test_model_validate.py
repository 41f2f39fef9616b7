"""SHACL validation: the shapes, validate_glossary, `revops-graph validate`, and `build` refusing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from typer.testing import CliRunner

from revops_graph.io import resources
from revops_graph.cli import app
from revops_graph.io.loader import load_files
from revops_graph.model import load_glossary
from revops_graph.namespaces import ROG
from revops_graph.checks import validate_glossary
from revops_graph.checks.shacl_sparql import SHAPES_NS

DATA = Path(__file__).parent / "data" / "model"
runner = CliRunner()

#: broken glossary -> the one (rule id, concept label) SHACL must report for it
SHACL_FAULTS = {
    "no-german-label.ttl": ("prefLabel-de", "Sales"),
    "two-english-labels.ttl": ("prefLabel-unique", "Sales"),
    "no-english-definition.ttl": ("definition-en", "Revenue growth"),
    "no-kind.ttl": ("kind-missing", "Sales"),
    "two-kinds.ttl": ("kind-several", "Sales"),
    "no-scheme.ttl": ("inScheme", "Revenue growth"),
    "wrong-range.ttl": ("aimsAt-range", "Revenue operations"),
    "wrong-domain.ttl": ("isToolWithin-domain", "Sales"),
    "dangling.ttl": ("dangling", "Revenue operations"),
    "statement-without-source.ttl": ("Statement-statedIn", "statement: Revenue operations comprises Sales"),
    "statement-not-asserted.ttl": ("Statement-asserted", "statement: Revenue operations comprises Revenue growth"),
}


@pytest.fixture(scope="module")
def embedded_report():
    return validate_glossary(load_glossary())


def test_embedded_glossary_conforms(embedded_report):
    assert embedded_report.conforms, embedded_report.to_text()
    assert embedded_report.violations == ()
    assert embedded_report.focus_count == 50


def test_small_valid_glossary_conforms():
    report = validate_glossary(load_glossary([DATA / "valid.ttl"]))
    assert report.conforms and report.violations == ()


@pytest.mark.parametrize("name", sorted(SHACL_FAULTS))
def test_broken_glossary_reports_exactly_its_fault(name):
    report = validate_glossary(load_glossary([DATA / name]))
    assert not report.conforms
    assert [(v.rule, v.label) for v in report.violations] == [SHACL_FAULTS[name]]


def test_wrong_kind_names_the_offending_value():
    (violation,) = validate_glossary(load_glossary([DATA / "wrong-range.ttl"])).violations
    assert violation.path == "aims at"
    assert violation.value == "Sales"
    assert "must point at an outcome" in violation.message


def test_dangling_iri_is_reported_once_with_prefixed_names():
    (violation,) = validate_glossary(load_glossary([DATA / "dangling.ttl"])).violations
    assert violation.value == "marketing"
    assert violation.message.startswith("rog:comprises points at ex:marketing")


def test_several_kinds_message_names_both():
    (violation,) = validate_glossary(load_glossary([DATA / "two-kinds.ttl"])).violations
    assert "rog:BusinessFunction" in violation.message and "rog:Process" in violation.message


def test_every_shape_has_an_english_message():
    shapes = load_files([resources.shapes_file()])
    all_shapes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    all_shapes |= set(shapes.objects(None, SH.property))
    assert len(all_shapes) > 40
    for shape in all_shapes:
        messages = list(shapes.objects(shape, SH.message))
        assert any(isinstance(m, Literal) and m.language == "en" for m in messages), shape
        if isinstance(shape, URIRef):
            assert str(shape).startswith(SHAPES_NS)


def test_shapes_cover_vocabulary():
    """Every kind-specific rdfs:domain / rdfs:range in rog.ttl has its shape."""
    vocab = load_files([resources.vocabulary_file()])
    shapes = load_files([resources.shapes_file()])
    kinds = set(vocab.transitive_subjects(RDFS.subClassOf, SKOS.Concept)) - {SKOS.Concept}
    kinds |= {ROG.KnownGap, ROG.SourceSentence}
    checked = 0
    for prop in set(vocab.subjects(RDFS.domain, None)) | set(vocab.subjects(RDFS.range, None)):
        local = str(prop).rpartition("#")[2]
        domain, range_ = vocab.value(prop, RDFS.domain), vocab.value(prop, RDFS.range)
        if domain in kinds:
            shape = URIRef(f"{SHAPES_NS}{local}-domain")
            assert (shape, SH.targetSubjectsOf, prop) in shapes, shape
            assert (shape, SH["class"], domain) in shapes, shape
            checked += 1
        if range_ in kinds:
            shape = URIRef(f"{SHAPES_NS}{local}-range")
            assert (shape, SH.targetSubjectsOf, prop) in shapes, shape
            props = [p for p in shapes.objects(shape, SH.property) if (p, SH.path, prop) in shapes]
            assert props and (props[0], SH["class"], range_) in shapes, shape
            checked += 1
    assert checked >= 30


def test_custom_shapes_graph_is_used():
    shapes = Graph()
    shape = URIRef(SHAPES_NS + "needs-altLabel")
    prop = BNode()
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, SKOS.Concept))
    shapes.add((shape, SH.property, prop))
    shapes.add((prop, SH.path, SKOS.altLabel))
    shapes.add((prop, SH.minCount, Literal(1)))
    report = validate_glossary(load_glossary([DATA / "valid.ttl"]), shapes)
    assert {(v.rule, v.label) for v in report.violations} == {("needs-altLabel", "Sales"), ("needs-altLabel", "Revenue growth")}


# -- the command ---------------------------------------------------------------------------


def test_cli_validate_embedded_exits_0():
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("conforms: 50 concepts")


def test_cli_validate_groups_by_label_and_exits_1():
    result = runner.invoke(app, ["validate", "--data", str(DATA / "wrong-range.ttl")])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "Revenue operations"
    assert lines[1].startswith('  - "aims at" (rog:aimsAt) must point at an outcome') and lines[1].endswith("[aimsAt-range]")
    assert "(value: Sales)" in lines[1]
    assert "https://example.org" not in result.output


def test_cli_validate_json():
    result = runner.invoke(app, ["validate", "--data", str(DATA / "no-kind.ttl"), "--format", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["conforms"] is False and doc["count"] == 1
    assert [v["rule"] for v in doc["concepts"]["Sales"]] == ["kind-missing"]


def test_cli_validate_unreadable_input_exits_2(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <https://example.org/> .\nex:a ex:b .\n")
    result = runner.invoke(app, ["validate", "--data", str(bad)])
    assert result.exit_code == 2
    assert "bad.ttl:2" in result.output
    missing = runner.invoke(app, ["validate", "--data", str(tmp_path / "nope.ttl")])
    assert missing.exit_code == 2
    assert runner.invoke(app, ["validate", "--format", "xml"]).exit_code == 2


def test_build_refuses_a_graph_that_fails_shacl(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--data", str(DATA / "wrong-range.ttl"), "--out", str(out)])
    assert result.exit_code == 1
    assert "aimsAt-range" in result.output
    assert "nothing was written" in result.output
    assert not out.exists()


def test_build_publishes_a_valid_graph(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", "--data", str(DATA / "valid.ttl"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "testglossar.ttl").is_file()  # named after the scheme (de and en tie: the first sorted)


def test_a_graph_without_concepts_does_not_conform(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    report = validate_glossary(load_glossary([empty]))  # no rog: term, so the SKOS profile
    assert not report.conforms
    assert [(v.rule, v.label) for v in report.violations] == [("no-terms", "<graph>")]
    as_revops = validate_glossary(load_glossary([empty]), profile="revops")
    assert [(v.rule, v.label) for v in as_revops.violations] == [("no-concepts", "<graph>")]


# -- build's basic checks ------------------------------------------------------------------------

_BASIC = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/b/> .
ex:a a skos:Concept ; skos:prefLabel "Alpha"@en ; skos:definition "First."@en ;
    skos:broader ex:nowhere ; skos:related ex:b ; skos:narrower "loose" .
ex:nowhere a <http://www.w3.org/2002/07/owl#Class> .
ex:b a skos:Concept ; skos:prefLabel "Beta"@de .
"""


@pytest.mark.parametrize("rog", [False, True])
@pytest.mark.parametrize("graph_first", [False, True])
def test_basic_checks_find_missing_texts_and_dangling_links(tmp_path: Path, rog: bool, graph_first: bool) -> None:
    from revops_graph.checks.basic import Finding, basic_checks

    extra = "ex:a <https://w3id.org/revops-graph/ontology#comprises> ex:undescribed .\n" if rog else ""
    path = tmp_path / "basic.ttl"
    path.write_text(_BASIC + extra, encoding="utf-8")
    glossary = load_glossary(path, terms="concepts")  # the class ex:nowhere is no concept
    if graph_first:  # with rdflib's graph built, the graph answers whether the data uses rog
        assert len(glossary.graph)
    dangling = Finding("Alpha", "dangling", "has broader points at http://example.org/b/nowhere, which is not a concept")
    if not rog:  # any vocabulary: no language is required, links must land
        assert basic_checks(glossary) == [dangling]
        return
    assert basic_checks(glossary) == [
        Finding("Alpha", "dangling", "comprises points at http://example.org/b/undescribed, which is not described"),
        dangling,
        Finding("Alpha", "definition", "no skos:definition in 'de'"),
        Finding("Alpha", "pref-label", "no skos:prefLabel in 'de'"),
        Finding("Beta", "definition", "no skos:definition in 'de'"),
        Finding("Beta", "definition", "no skos:definition in 'en'"),
        Finding("Beta", "pref-label", "no skos:prefLabel in 'en'"),
    ]
