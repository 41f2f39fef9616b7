"""Every listing command on vocabularies nobody here wrote: OWL ontologies and SKOS in other languages.

The term model decides what a command sees (SKOS concepts and OWL/RDFS classes by default,
``--terms`` to choose); an empty choice says what the data holds; without ``--lang`` the
data's most common label language is used.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from revops_graph import load_glossary
from revops_graph.cli import app

VOCABS = Path(__file__).parent / "data" / "vocabularies"
OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def _count(path: Path, query: str) -> int:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TURTLE)
    return len(list(store.query(query, use_default_graph_as_union=True)))


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def test_an_owl_ontology_lists_its_classes(runner: CliRunner) -> None:
    prov = VOCABS / "prov.nq"
    # the ontology's own classes: OWL's (owl:Thing) are the modelling language, not terms
    classes = _count(prov, f"SELECT DISTINCT ?c WHERE {{ ?c a <{OWL}Class> FILTER (isIRI(?c) && !STRSTARTS(STR(?c), '{OWL}')) }}")
    result = runner.invoke(app, ["concepts", "--data", str(prov)])
    assert result.exit_code == 0, result.output
    assert result.stdout.lstrip().startswith(f"{classes} classes")
    assert "│ Agent " in result.stdout and "│ class " in result.stdout


def test_asking_for_an_empty_sort_says_what_there_is(runner: CliRunner) -> None:
    result = runner.invoke(app, ["concepts", "--data", str(VOCABS / "foaf.nq"), "--terms", "concepts"])
    assert result.exit_code == 2
    assert "found 0 concepts but" in result.stderr and "--terms" in result.stderr


def test_properties_are_terms_when_asked(runner: CliRunner) -> None:
    foaf = VOCABS / "foaf.nq"
    glossary = load_glossary([foaf], terms="properties")
    assert glossary.concept_iris and all(glossary.sort_of(i) == "property" for i in glossary.concept_iris)
    result = runner.invoke(app, ["concepts", "--data", str(foaf), "--terms", "properties"])
    assert result.exit_code == 0 and f"{len(glossary.concept_iris)} properties" in result.stdout


def test_analyze_and_explain_work_on_classes(runner: CliRunner) -> None:
    prov = VOCABS / "prov.nq"
    analyzed = runner.invoke(app, ["analyze", "--data", str(prov), "--format", "json"])
    assert analyzed.exit_code == 0, analyzed.output
    assert '"concepts": 0' not in analyzed.stdout
    explained = runner.invoke(app, ["explain", "Agent", "Entity", "--data", str(prov), "--lang", "en"])
    assert explained.exit_code == 0, explained.output
    assert "Agent → Entity" in explained.stdout


def test_property_domain_and_range_link_the_classes() -> None:
    # PROV: prov:wasAttributedTo has domain Entity and range Agent, so the two classes are related
    glossary = load_glossary([VOCABS / "prov.nq"])
    entity = next(i for i in glossary.concept_iris if str(i).endswith("#Entity"))
    targets = {(str(r.predicate).rsplit("#", 1)[-1], str(r.object).rsplit("#", 1)[-1]) for r in glossary.relations(entity)}
    assert ("wasAttributedTo", "Agent") in targets


def test_without_lang_the_datas_most_common_language_is_used(runner: CliRunner) -> None:
    codes = VOCABS / "ru-sv-bg-codes.ttl"
    result = runner.invoke(app, ["concepts", "--data", str(codes)])
    assert result.exit_code == 0, result.output
    glossary = load_glossary([codes])
    labels = {c.pref_labels.get("bg") for c in glossary.concepts()}  # bg, ru and sv tie: the first sorted wins
    assert labels and all(label and label in result.stdout for label in labels)
    swedish = runner.invoke(app, ["concepts", "--data", str(codes), "--lang", "sv"])
    assert all(c.pref_labels["sv"] in swedish.stdout for c in glossary.concepts())
    assert not any(label in swedish.stdout for label in labels if label not in {c.pref_labels["sv"] for c in glossary.concepts()})


def test_the_embedded_glossary_keeps_english_and_its_concepts(runner: CliRunner) -> None:
    result = runner.invoke(app, ["concepts"])
    assert result.exit_code == 0
    assert "Revenue operations" in result.stdout
    assert load_glossary().terms.classes == ()  # the rog: vocabulary is the glossary's kinds, not its terms


FOREIGN = [VOCABS / "prov.nq", VOCABS / "tri-lingual-skos.ttl", VOCABS / "ru-sv-bg-codes.ttl"]


@pytest.mark.parametrize("path", FOREIGN, ids=lambda p: p.name)
def test_every_command_works_on_a_vocabulary_nobody_here_wrote(runner: CliRunner, tmp_path: Path, path: Path) -> None:
    glossary = load_glossary([path])
    terms = len(glossary.concept_iris)
    assert terms > 0
    mapped = runner.invoke(app, ["map", "--data", str(path), "-o", str(tmp_path / "m.html")])
    assert mapped.exit_code == 0, mapped.output
    label = glossary.concept(glossary.concept_iris[0]).label(glossary.language_hint or "en")
    assert label.encode("utf-8") in (tmp_path / "m.html").read_bytes()  # labels of the data's own languages
    exported = runner.invoke(app, ["export", "--format", "graphml", "--data", str(path), "-o", str(tmp_path / "g.graphml")])
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "g.graphml").read_text(encoding="utf-8").count("<node ") == terms
    analyzed = runner.invoke(app, ["analyze", "--data", str(path), "--format", "json"])
    assert analyzed.exit_code == 0 and f'"concepts": {terms}' in analyzed.stdout, analyzed.output
    validated = runner.invoke(app, ["validate", "--data", str(path)])
    assert validated.exit_code == 0, validated.output  # correct SKOS/OWL in any language conforms
    linted = runner.invoke(app, ["lint", "--data", str(path)])
    assert linted.exit_code in (0, 1) and "rog:" not in linted.stdout  # hints in the data's own vocabulary
    same = runner.invoke(app, ["diff", str(path), str(path)])
    assert same.exit_code == 0, same.output
    site = runner.invoke(app, ["site", "--data", str(path), "--out", str(tmp_path / "site")])
    assert site.exit_code == 0 and (tmp_path / "site" / "index.html").is_file(), site.output
    built = runner.invoke(app, ["build", "--data", str(path), "--out", str(tmp_path / "build")])
    assert built.exit_code == 0, built.output
    assert not list((tmp_path / "build").glob("revops.*"))  # named after the data, not the embedded glossary


def test_a_long_list_is_a_plain_table_with_every_term(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from revops_graph.cli import core

    monkeypatch.setattr(core, "PLAIN_TABLE_FROM", 5)  # rich's wrapped layout costs seconds per 10,000 rows
    codes = VOCABS / "ru-sv-bg-codes.ttl"
    result = runner.invoke(app, ["concepts", "--data", str(codes), "--lang", "sv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    glossary = load_glossary([codes])
    assert lines[0] == f"{len(glossary.concept_iris)} concepts" and len(lines) == len(glossary.concept_iris) + 2
    labels = sorted((c.pref_labels["sv"] for c in glossary.concepts()), key=str.casefold)
    assert [line.split("  ")[0].strip() for line in lines[2:]] == labels  # sorted, one per line, not wrapped
