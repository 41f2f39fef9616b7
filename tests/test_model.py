"""The Python API: loading files in every syntax, finding concepts, listing relations."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from revops_graph import ConceptNotFound, Glossary, InputError, load_glossary, serialize
from revops_graph.model import normalize_label

SYNTAXES = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf"}


@pytest.mark.parametrize("label", ["CRM", "crm-system", "CRM system", "Customer Relationship Management", "  crm  "])
def test_find_by_any_label_in_either_language(glossary: Glossary, label: str) -> None:
    assert glossary.find(label).label("en") == "CRM system"


def test_find_ignores_accents_and_case(glossary: Glossary) -> None:
    assert glossary.find("GESCHAFTSBETRIEB") == glossary.find("Geschäftsbetrieb") == glossary.find("business operations")


def test_find_by_iri(glossary: Glossary) -> None:
    iri = "https://w3id.org/revops-graph/glossary/billing"
    assert glossary.find(iri).label("de") == "Rechnungsstellung"


def test_unknown_label_raises(glossary: Glossary) -> None:
    with pytest.raises(ConceptNotFound, match="no concept is labelled 'DevOps'"):
        glossary.find("DevOps")


def test_relations_lists_outgoing_and_incoming(glossary: Glossary) -> None:
    crm = glossary.find("CRM")
    outgoing = {(r.predicate_label("en"), r.object_label("en")) for r in glossary.relations(crm)}
    assert ("is a tool within", "Revenue operations") in outgoing
    assert ("has broader", "Tools") in outgoing
    incoming = {(r.subject_label("de"), r.predicate_label("de")) for r in glossary.incoming(crm)}
    assert incoming == {("Revenue Operations", "geht hinaus über")}


def test_relation_carries_its_source_sentence(glossary: Glossary) -> None:
    [rel] = glossary.relations(glossary.find("Marketing"), "supports")
    assert rel.sentence() == "Die Marketingabteilung unterstützt die Umsatztätigkeit durch:"


def test_normalize_label() -> None:
    assert normalize_label("Kundenerfolg") == normalize_label(" KUNDENERFOLG ")
    assert normalize_label("Funktionsübergreifende") == "funktionsubergreifende"


@pytest.mark.parametrize("fmt", sorted(SYNTAXES))
def test_user_files_in_every_syntax_load_by_extension(glossary: Glossary, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"mine{SYNTAXES[fmt]}"
    path.write_bytes(serialize(glossary, fmt))
    mine = load_glossary([path])
    assert isomorphic(mine.graph, glossary.graph)
    assert mine.find("RCO").label("de") == "Revenue Cycle Operations"


def test_trig_and_nquads_merge_named_graphs(tmp_path: Path) -> None:
    trig = tmp_path / "g.trig"
    trig.write_text(
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
        '<http://ex/g1> { <http://ex/a> a skos:Concept ; skos:prefLabel "A"@en . }\n'
        '<http://ex/g2> { <http://ex/b> a skos:Concept ; skos:prefLabel "B"@en . }\n', encoding="utf-8")
    nq = tmp_path / "g.nq"
    nq.write_text('<http://ex/c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
                  '<http://www.w3.org/2004/02/skos/core#Concept> <http://ex/g3> .\n', encoding="utf-8")
    mine = load_glossary([trig, nq])
    assert [str(i) for i in mine.concept_iris] == ["http://ex/a", "http://ex/b", "http://ex/c"]


def test_format_override_beats_the_extension(glossary: Glossary, tmp_path: Path) -> None:
    path = tmp_path / "glossary.txt"
    path.write_bytes(serialize(glossary, "nt"))
    with pytest.raises(InputError, match="cannot tell the RDF syntax"):
        load_glossary([path])
    assert len(load_glossary([path], fmt="nt").graph) == len(glossary.graph)


def test_broken_turtle_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:d ex:e nope:f .\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_glossary([path])
    assert str(info.value).startswith(f"{path}:3:")
    assert "nope" in str(info.value)
    assert "\n" not in str(info.value)


def test_blank_nodes_of_two_files_stay_apart(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.ttl").write_text(f'_:x <http://ex/p> "{name}" .\n', encoding="utf-8")
    graph = load_glossary([tmp_path / "a.ttl", tmp_path / "b.ttl"]).graph
    assert len(set(graph.subjects())) == 2


def _fold_reference(text: str) -> str:
    """normalize_label as first written: decompose, drop every combining mark, fold case."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


@given(st.text(st.characters(exclude_categories=("Cs",))))
@example("Geschäftsbetrieb")
@example("ﬁ Ǆ e\u0301\u0301 Straße\u00a0x")
def test_normalize_label_folds_as_the_plain_definition(text: str) -> None:
    # the fast paths (ASCII, a cached translate table) must not change a single key
    assert normalize_label(text) == _fold_reference(text)


@pytest.mark.parametrize("data", [None, "vocabularies/mixed-owl-skos.ttl", "vocabularies/discipline.nq", "site/multilingual.ttl"])
def test_every_concept_read_at_once_is_each_read_alone(data: str | None) -> None:
    # concepts() reads all terms in one pass per predicate; concept() asks about one
    glossary = load_glossary(None if data is None else Path(__file__).parent / "data" / data, terms="all")
    together = glossary.concepts()
    assert [c.iri for c in together] == list(glossary.concept_iris)
    assert [vars(c) for c in together] == [vars(glossary.concept(i)) for i in glossary.concept_iris]
    assert any(c.kinds for c in together) == (data is None)  # the embedded glossary's concepts have kinds
