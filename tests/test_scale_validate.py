"""The SPARQL validation engine gives the same findings as pySHACL, and ``auto`` picks by size;
``validate_files`` gives the same report straight from files, without an rdflib graph of big data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, SKOS
from typer.testing import CliRunner

from revops_graph.io import loader
from revops_graph.model import glossary as model
from revops_graph.io import resources
from revops_graph.checks import shacl_sparql, validate, validate_store as validate_files_module
from revops_graph.cli import app
from revops_graph.errors import InputError
from revops_graph.model import load_glossary
from revops_graph.checks.shacl_sparql import Unsupported, compile_shapes
from revops_graph.checks import ValidationReport, validate_files, validate_glossary
from revops_graph.checks.shacl_sparql import SHAPES_NS

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
    _threshold(monkeypatch, threshold)
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


# -- straight from files (validate_files): the same report, no rdflib graph of big data -------

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
from test_bad_input import BAD, EXPECTED, assert_one_line_error  # noqa: E402

ABOVE = validate.SPARQL_FROM_CONCEPTS + 100


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ValidationReport]:
    """A generated glossary above the SPARQL threshold and pySHACL's report on it (the reference)."""
    path = generate.generate(ABOVE, formats=("ttl",), data_dir=tmp_path_factory.mktemp("gen"))["ttl"]
    reference = validate_glossary(load_glossary([path]), engine="pyshacl")
    assert reference.focus_count == ABOVE and not reference.conforms  # something to compare
    return path, reference


@pytest.mark.parametrize("path", GLOSSARIES, ids=lambda p: p.name if p else "embedded")
def test_store_path_gives_the_pyshacl_report(path):
    paths = [path] if path else None
    reference = validate_glossary(load_glossary(paths), engine="pyshacl")
    assert validate_files(paths, engine="sparql") == reference


def test_store_path_gives_the_pyshacl_report_above_the_threshold(generated):
    path, reference = generated
    assert validate_files([path]) == reference


def _forbid_rdflib_graphs_of(monkeypatch, data: Path) -> None:
    """Make every way to an rdflib graph of ``data`` raise; the shapes and the vocabulary still load."""
    real = loader.load_files

    def guarded(paths, *args, **kwargs):
        if any(Path(p).resolve() == data.resolve() for p in paths):
            raise AssertionError(f"an rdflib graph of {data} was built")
        return real(paths, *args, **kwargs)

    for module in [m for name, m in sys.modules.items() if name.startswith("revops_graph")]:
        if getattr(module, "load_files", None) is real:
            monkeypatch.setattr(module, "load_files", guarded)
    monkeypatch.setattr(model.Glossary, "__init__", lambda *a, **k: (_ for _ in ()).throw(AssertionError("Glossary")))
    model.vocabulary.cache_clear()  # so the vocabulary really goes through the guarded loader
    monkeypatch.setattr(resources, "glossary_files", lambda: [data])


def test_auto_on_big_input_builds_no_rdflib_graph_of_the_data(monkeypatch, generated):
    path, reference = generated
    _forbid_rdflib_graphs_of(monkeypatch, path)
    with pytest.raises(AssertionError, match="rdflib graph"):
        loader.load_files([path])  # the guard works
    assert validate_files([path]) == reference
    assert validate_files(None) == reference  # the default files take the same way


def _engines(monkeypatch) -> list[str]:
    used: list[str] = []
    real_pyshacl, real_checks = validate._pyshacl_results, shacl_sparql.run_checks
    monkeypatch.setattr(validate, "_pyshacl_results", lambda *a: used.append("pyshacl") or real_pyshacl(*a))
    # imported where the SPARQL engine runs (so that the SKOS checks load no rdflib): patched at the source
    monkeypatch.setattr(shacl_sparql, "run_checks", lambda *a: used.append("sparql") or real_checks(*a))
    return used


def _threshold(monkeypatch, concepts: int) -> None:
    for module in (validate, validate_files_module):
        monkeypatch.setattr(module, "SPARQL_FROM_CONCEPTS", concepts)


def test_store_path_leaves_small_input_to_pyshacl(monkeypatch):
    used = _engines(monkeypatch)
    small = DATA / "model" / "no-kind.ttl"
    assert validate_files([small]) == validate_glossary(load_glossary([small]), engine="pyshacl")
    assert used == ["pyshacl", "pyshacl"]
    used.clear()
    _threshold(monkeypatch, 1)
    validate_files([small])
    assert used == ["sparql"]


def test_store_path_falls_back_to_pyshacl_for_unsupported_shapes(monkeypatch):
    used = _engines(monkeypatch)
    _threshold(monkeypatch, 1)
    shapes = _shapes_with(SH.minLength, Literal(100))
    glossary = DATA / "model" / "valid.ttl"
    report = validate_files([glossary], shapes=shapes)
    assert used == ["pyshacl"]
    assert {v.rule for v in report.violations} == {"custom"}  # the fallback ran the given shapes
    with pytest.raises(Unsupported):
        validate_files([glossary], shapes=shapes, engine="sparql")


def test_store_path_counts_concepts_as_the_model_does(tmp_path):
    # a kind declared in the data only through a vocabulary class is no kind for the model
    data = tmp_path / "kinds.ttl"
    data.write_text(
        "@prefix ex: <http://example.org/> . @prefix rog: <https://w3id.org/revops-graph/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "ex:Gadget rdfs:subClassOf rog:Tool . ex:Widget rdfs:subClassOf ex:Thing . ex:Thing rdfs:subClassOf skos:Concept .\n"
        "ex:a a ex:Gadget . ex:b a ex:Widget . ex:c a rog:Tool . _:d a skos:Concept . ex:e a ex:Thing .\n"
    )
    expected = len(load_glossary([data]).concept_iris)
    assert expected == 3  # b, c, e
    assert validate_files([data], engine="sparql").focus_count == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_refuses_bad_input_in_one_line(name):
    path = BAD / name
    result = CliRunner().invoke(app, ["validate", "--data", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert_one_line_error(result.stderr, path, *EXPECTED[name])


def test_validate_command_on_big_input_prints_the_report_as_before(generated):
    path, reference = generated
    result = CliRunner().invoke(app, ["validate", "--data", str(path)])
    assert result.exit_code == 1
    assert result.stdout == reference.to_text()


def test_store_path_prefers_the_datas_labels_to_the_vocabularys(tmp_path):
    # the vocabulary labels rog:aimsAt "aims at"@en; the data's own label must win, as in Glossary.label
    relabel = tmp_path / "relabel.ttl"
    relabel.write_text(
        '<https://w3id.org/revops-graph/ontology#aimsAt> <http://www.w3.org/2000/01/rdf-schema#label> "targets"@en .\n'
    )
    paths = [DATA / "model" / "wrong-range.ttl", relabel]
    reference = validate_glossary(load_glossary(paths), engine="pyshacl")
    assert [v.path for v in reference.violations] == ["targets"]
    assert validate_files(paths, engine="sparql") == reference


def _error(call) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return str(caught.value)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_store_path_refuses_bad_input_as_the_loader_does(name):
    path = BAD / name
    assert _error(lambda: validate_files([path], engine="sparql")) == _error(lambda: load_glossary([path]))


def test_store_path_refuses_rdf_star_as_the_loader_does(tmp_path):
    star = tmp_path / "star.ttl"
    star.write_text("@prefix ex: <http://example.org/> .\nex:a ex:p << ex:b ex:c ex:d >> .\n")
    message = _error(lambda: validate_files([star], engine="sparql"))
    assert message == _error(lambda: load_glossary([star]))
    assert "RDF-star" in message
