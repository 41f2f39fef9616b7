"""diff: findings in words and labels, independent of triple order, syntax and blank-node names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revops_graph import load_glossary, serialize
from revops_graph.cli import app
from revops_graph.analysis.diff import SECTIONS, diff_glossaries

from analyze_fixtures import BASE, DATA


def _diff(new: str, old: Path = BASE, lang: str = "en"):
    return diff_glossaries(load_glossary([old]), load_glossary([DATA / new]), lang)


def _only(result, *sections: str) -> None:
    """Every section not named is empty."""
    assert {name for name, count in result.counts().items() if count} == set(sections), result.text()


@pytest.mark.parametrize("same", ["base.ttl", "bnodes-renamed.nt", "bnodes-labelled.ttl"])
def test_same_glossary_in_other_order_syntax_and_blank_node_names_is_no_difference(same: str) -> None:
    result = _diff(same)
    assert result.same, result.text()
    assert result.text() == "no differences\n"


def test_relabelled_concept_reports_each_label_change_per_language() -> None:
    result = _diff("relabelled.ttl")
    _only(result, "labels_changed")
    found = [(c.concept.iri.rsplit("/", 1)[1], c.property, c.lang, c.removed, c.added) for c in result.labels_changed]
    assert found == [
        ("crm-system", "altLabel", "de", (), ("CRM-Lösung",)),
        ("crm-system", "prefLabel", "en", ("CRM system",), ("CRM platform",)),
    ]
    assert result.text().splitlines() == [
        'relabelled: CRM platform: altLabel@de added "CRM-Lösung"',
        'relabelled: CRM platform: prefLabel@en "CRM system" -> "CRM platform"',
        "2 differences",
    ]


def test_removed_relation_is_worded_with_labels_and_its_statement_listed() -> None:
    result = _diff("relation-removed.ttl")
    _only(result, "relations_removed", "triples_removed")
    assert [r.sentence for r in result.relations_removed] == ["Marketing supports Revenue operations"]
    statement = "revops:stmt-marketing.supports.revenue-operations"
    assert list(result.triples_removed) == [
        f"{statement} rdf:object revops:revenue-operations",
        f"{statement} rdf:predicate rog:supports",
        f"{statement} rdf:subject revops:marketing",
        f"{statement} rdf:type rdf:Statement",
        f"{statement} rog:statedIn revops:src-L3",
    ]


def test_changed_definition_shows_old_and_new_text() -> None:
    result = _diff("definition-changed.ttl")
    _only(result, "definitions_changed")
    (change,) = result.definitions_changed
    assert (change.concept.label, change.lang) == ("Billing", "de")
    assert change.removed == ("Das Stellen von Rechnungen.",)
    assert change.added == ("Das Erstellen und Versenden von Rechnungen.",)


def test_added_and_removed_concept_with_its_relation_in_either_language() -> None:
    added = _diff("concept-added.ttl")
    _only(added, "concepts_added", "relations_added")
    assert [c.label for c in added.concepts_added] == ["Customer success"]
    assert [r.sentence for r in added.relations_added] == ["Revenue operations comprises Customer success"]
    removed = diff_glossaries(load_glossary([DATA / "concept-added.ttl"]), load_glossary([BASE]), "de")
    _only(removed, "concepts_removed", "relations_removed")
    assert [c.label for c in removed.concepts_removed] == ["Kundenerfolg"]
    assert [r.sentence for r in removed.relations_removed] == ["Revenue Operations umfasst Kundenerfolg"]


def test_changed_blank_node_structure_is_a_difference_of_its_triples() -> None:
    result = _diff("bnode-changed.ttl")
    _only(result, "triples_added", "triples_removed")
    assert any(line.endswith('rdf:value "Nur Software."@de') for line in result.triples_added)
    assert any(line.endswith('rdf:value "Nur Software, keine Karteikarten."@de') for line in result.triples_removed)
    # Only the scope note changed: the other blank-node structure (the source's creator) is not listed.
    assert not any("Quelle" in line for line in (*result.triples_added, *result.triples_removed))
    assert all("_:" in line for line in (*result.triples_added, *result.triples_removed))


def test_embedded_glossary_equals_its_own_exports(tmp_path: Path) -> None:
    # An export holds the rog: vocabulary beside the glossary, where its classes (source
    # sentence, known gap) are terms of the file; asked for its concepts, it is the glossary.
    glossary = load_glossary(terms="concepts")
    for fmt, name in (("turtle", "revops.ttl"), ("nt", "revops.nt"), ("jsonld", "revops.jsonld")):
        (tmp_path / name).write_bytes(serialize(glossary, fmt))
        assert diff_glossaries(glossary, load_glossary([tmp_path / name], terms="concepts")).same, fmt


def test_embedded_glossary_with_a_relabelled_concept_and_a_dropped_relation(tmp_path: Path, runner: CliRunner) -> None:
    lines = serialize(load_glossary(), "nt").decode("utf-8").splitlines(keepends=True)
    crm = "<https://w3id.org/revops-graph/glossary/crm-system>"
    manages = f"{crm} <https://w3id.org/revops-graph/ontology#manages> <https://w3id.org/revops-graph/glossary/customer-data> .\n"
    assert manages in lines
    changed = [
        line.replace('"CRM-System"@de', '"CRM-Plattform"@de') for line in lines if line != manages
    ]
    (tmp_path / "new.nt").write_text("".join(reversed(changed)), encoding="utf-8")
    (tmp_path / "old.nt").write_text("".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(tmp_path / "old.nt"), str(tmp_path / "new.nt"), "--lang", "de"])
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        'relabelled: CRM-Plattform: prefLabel@de "CRM-System" -> "CRM-Plattform"',
        "relation removed: CRM-System verwaltet Kundendaten",
        "2 differences",
    ]


def test_cli_exit_codes_0_same_1_different_2_unreadable(runner: CliRunner, tmp_path: Path) -> None:
    same = runner.invoke(app, ["diff", str(BASE), str(DATA / "bnodes-renamed.nt")])
    assert (same.exit_code, same.stdout) == (0, "no differences\n")
    different = runner.invoke(app, ["diff", str(BASE), str(DATA / "relabelled.ttl")])
    assert different.exit_code == 1
    broken = runner.invoke(app, ["diff", str(BASE), str(DATA / "broken.ttl")])
    assert broken.exit_code == 2
    assert broken.stdout == ""
    assert broken.stderr.strip().splitlines() == [
        f"error: {DATA / 'broken.ttl'}:4:1: A dot is expected at the end of statements"
    ]
    missing = runner.invoke(app, ["diff", str(tmp_path / "nope.ttl"), str(BASE)])
    assert missing.exit_code == 2 and "nope.ttl: no such file" in missing.stderr


def test_cli_json_is_sorted_stable_and_complete(runner: CliRunner) -> None:
    first = runner.invoke(app, ["diff", str(BASE), str(DATA / "relabelled.ttl"), "--format", "json"])
    second = runner.invoke(app, ["diff", str(DATA / "bnodes-renamed.nt"), str(DATA / "relabelled.ttl"), "--format", "json"])
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout
    document = json.loads(first.stdout)
    assert first.stdout == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert document["version"] == 1 and document["same"] is False
    assert set(document) == {"version", "same", "counts", *SECTIONS}
    assert document["counts"]["labels_changed"] == 2
    assert document["labels_changed"][1] == {
        "added": ["CRM platform"],
        "concept": {"iri": "https://w3id.org/revops-graph/glossary/crm-system", "label": "CRM platform"},
        "lang": "en",
        "property": "prefLabel",
        "removed": ["CRM system"],
    }


def test_cli_compares_folders_of_files(runner: CliRunner, tmp_path: Path) -> None:
    """A folder is read as all its RDF files: the glossary glossary's folder against one export."""
    folder = tmp_path / "glossary"
    folder.mkdir()
    for path in (Path(__file__).resolve().parents[1] / "ontology").rglob("*.ttl"):
        if path.parent.name in ("ontology", "glossary") and path.name != "shapes.ttl":
            (folder / path.name).write_bytes(path.read_bytes())
    (tmp_path / "export.nt").write_bytes(serialize(load_glossary(), "nt"))
    result = runner.invoke(app, ["diff", str(folder), str(tmp_path / "export.nt")])
    assert (result.exit_code, result.stdout) == (0, "no differences\n"), result.output


def test_other_values_of_a_concept_are_compared_too() -> None:
    result = _diff("expression-changed.ttl")
    _only(result, "properties_changed")
    assert [(c.concept.label, c.property, c.removed, c.added) for c in result.properties_changed] == [
        ("Share of revenue from operations", "rog:expression", ("(operating_revenue / total_revenue) * 100",),
         ("operating_revenue / total_revenue",)),
        ("Share of revenue from operations", "rog:unit", ("%",), ("1",)),
    ]
    assert result.text().splitlines()[0] == (
        'changed: Share of revenue from operations: rog:expression "(operating_revenue / total_revenue) * 100" '
        '-> "operating_revenue / total_revenue"'
    )


# -- without rdflib: the same words where no blank node asks for rdflib.compare ----------------

PLAIN_OLD = """@prefix ex: <http://example.org/v#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a a skos:Concept ; skos:prefLabel "A"@en ; skos:broader ex:b ; ex:size 3 ; ex:seen "2024-02-01"^^xsd:date .
ex:b a skos:Concept ; skos:prefLabel "B"@en ; skos:definition "One line."@en .
<http://example.org/other/x-1> <http://nowhere.example/p> "a \\"quoted\\" back\\\\slash" .
"""
PLAIN_NEW = """@prefix ex: <http://example.org/v#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a a skos:Concept ; skos:prefLabel "A1"@en, "A"@de ; skos:related ex:b ; ex:size 4 ; ex:flag true ;
     ex:seen "2024-02-01"^^xsd:date ; ex:link <http://example.org/v#b> ; ex:lang "en-GB"^^xsd:language .
ex:b a skos:Concept ; skos:prefLabel "B"@en ; skos:definition "Two\\nlines, ending \\"quoted\\""@en .
<http://example.org/other/x-1> <http://nowhere.example/p> "a \\"quoted\\" back\\\\slash", "multi\\r\\nline \\"\\"\\" end" .
<http://example.org/other/x-1> <http://nowhere.example/q> 5, true, "2020-01-01"^^xsd:date, "x"@EN-gb .
ex:c ex:code 1.50 .
"""


def test_a_diff_without_blank_nodes_reads_as_rdflib_prints_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from revops_graph.analysis import diff as module
    from revops_graph.analysis.diff_terms import plain_triples

    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    old.write_text(PLAIN_OLD, encoding="utf-8")
    new.write_text(PLAIN_NEW.replace("ex:c ex:code 1.50 .\n", ""), encoding="utf-8")
    assert plain_triples(load_glossary([old])) is not None and plain_triples(load_glossary([new])) is not None
    plain = diff_glossaries(load_glossary([old]), load_glossary([new]))
    assert "triple added" in plain.text() and "changed: A1: ex:size" in plain.text()
    monkeypatch.setattr(module, "plain_triples", lambda glossary: None)
    assert plain == diff_glossaries(load_glossary([old]), load_glossary([new]))


def test_literals_rdflib_rewrites_and_blank_nodes_are_left_to_rdflib(tmp_path: Path) -> None:
    from revops_graph.analysis.diff_terms import plain_triples

    new = tmp_path / "new.ttl"
    new.write_text(PLAIN_NEW, encoding="utf-8")
    assert plain_triples(load_glossary([new])) is None  # a decimal: rdflib's text of it is rdflib's to make
    assert plain_triples(load_glossary([BASE])) is None  # blank nodes
    result = _diff("base.ttl", old=new)
    assert 'triple removed: ex:c ex:code "1.5"^^xsd:decimal' in result.text()
