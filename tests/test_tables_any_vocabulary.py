"""Tables of any vocabulary: OWL/RDFS ontologies and SKOS thesauri, in whatever languages they carry.

The round trip is compared with ``table_triples``: the triples about the terms that a table
holds (types, texts in every language, relations). What a table does not hold (blank nodes
such as OWL restrictions and ``owl:unionOf`` domains, ``skos:hiddenLabel``, ``rdfs:isDefinedBy``,
concept-scheme membership ...) is listed in ``table_triples``' docstring and counted by
``export-table`` on stderr.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from typer.testing import CliRunner

from revops_graph.cli import app
from revops_graph.errors import InputError
from revops_graph.model import Glossary, load_glossary
from revops_graph.tables import import_table, table_triples, to_table, write_table
from revops_graph.tables.columns import HEAD
from revops_graph.tables.write import table_base

VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
INST = Namespace("https://example.org/instruments/")
COL = Namespace("https://example.org/colours/")
EX = Namespace("https://example.org/zoo/")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
runner = CliRunner()


@cache
def _load(name: str) -> Glossary:
    return load_glossary([VOCABULARIES / name])


# file -> (base of its ids, its label languages, triples that must survive the trip)
ROUND_TRIP = {
    "foaf.nq": (str(FOAF), {None}, [
        (FOAF.Person, RDF.type, OWL.Class),
        (FOAF.Person, RDF.type, RDFS.Class),
        (FOAF.Person, RDFS.label, Literal("Person")),
        (FOAF.Person, RDFS.subClassOf, FOAF.Agent),
        (FOAF.Person, RDFS.subClassOf, URIRef("http://www.w3.org/2003/01/geo/wgs84_pos#SpatialThing")),
        (FOAF.Agent, OWL.equivalentClass, URIRef("http://purl.org/dc/terms/Agent")),
        (FOAF.made, OWL.inverseOf, FOAF.maker),
        (FOAF.mbox, RDF.type, OWL.InverseFunctionalProperty),
        (FOAF.knows, RDFS.domain, FOAF.Person),
        (FOAF.Document, OWL.disjointWith, FOAF.Organization),
    ]),
    "org.nq": (str(ORG), {"en", "es", "fr", "it", "ja"}, [
        (ORG.Organization, RDFS.label, Literal("Organization", lang="en")),
        (ORG.Organization, RDFS.label, Literal("organización", lang="es")),
        (ORG.Organization, OWL.equivalentClass, FOAF.Organization),
        (ORG.changedBy, OWL.inverseOf, ORG.originalOrganization),
        (ORG.Head, SKOS.prefLabel, Literal("responsabile", lang="it")),
        (ORG.Head, RDF.type, ORG.Role),
    ]),
    "tri-lingual-skos.ttl": (str(INST), {"fr", "es", "ja", None}, [
        (INST.violin, SKOS.prefLabel, Literal("バイオリン", lang="ja")),
        (INST.violin, SKOS.altLabel, Literal("ヴァイオリン", lang="ja")),
        (INST.violin, SKOS.definition, Literal("Instrument à quatre cordes accordées en quintes, tenu sous le menton.",
                                               lang="fr")),
        (INST.violin, SKOS.notation, Literal("321.322-71")),
        (INST.violin, SKOS.broader, INST.bowed),
        (INST.violin, RDF.type, SKOS.Concept),
    ]),
    "ru-sv-bg-codes.ttl": (str(COL), {"ru", "sv", "bg", None}, [
        (COL.red, SKOS.prefLabel, Literal("червен", lang="bg")),
        (COL.red, SKOS.prefLabel, Literal("красный", lang="ru")),
        (COL.red, SKOS.prefLabel, Literal("röd", lang="sv")),
        (COL.red, SKOS.notation, Literal("C01")),
    ]),
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", sorted(ROUND_TRIP))
def test_export_then_import_gives_back_terms_labels_and_relations(tmp_path: Path, name: str, fmt: str) -> None:
    glossary = _load(name)
    base, languages, expected = ROUND_TRIP[name]
    path = tmp_path / f"{Path(name).stem}.{fmt}"
    path.write_bytes(write_table(to_table(glossary), fmt))
    back = import_table(path, base=base)
    before, after = table_triples(glossary), table_triples(back)
    assert before - after == set() and after - before == set()
    for triple in expected:
        assert triple in after
    # the comparison reaches every language of the data and every term
    assert {o.language for _, _, o in after if isinstance(o, Literal)} == languages
    assert back.terms.select("all") == glossary.terms.select("all")


@pytest.mark.parametrize("name", ["dcat.nq", "prov.nq", "sosa.nq", "geonames-slice.nq", "schema-slice.nq",
                                  "dbpedia-slice.nq", "discipline.nq", "mixed-owl-skos.ttl"])
def test_every_committed_vocabulary_comes_back_from_a_csv(tmp_path: Path, name: str) -> None:
    # SOSA gives one class four English comments, PROV comments with ";" and blank lines,
    # DCAT a label in en-GB and en-US: numbered columns (comment_en#2) hold what one cell cannot
    glossary = _load(name)
    path = tmp_path / "t.csv"
    path.write_bytes(write_table(to_table(glossary), "csv"))
    back = import_table(path, base=table_base(glossary))
    assert table_triples(back) == table_triples(glossary)


def test_labels_go_back_to_the_predicate_they_came_from(tmp_path: Path) -> None:
    path = tmp_path / "foaf.csv"
    path.write_bytes(write_table(to_table(_load("foaf.nq")), "csv"))
    back = import_table(path, base=str(FOAF)).graph
    # FOAF labels with rdfs:label and explains with rdfs:comment: no skos:prefLabel or definition appears
    assert not set(back.triples((None, SKOS.prefLabel, None)))
    assert not set(back.triples((None, SKOS.definition, None)))
    assert len(set(back.triples((None, RDFS.comment, None)))) == 75


def test_language_columns_come_from_the_data_sorted_by_tag() -> None:
    assert list(to_table(_load("tri-lingual-skos.ttl"))[0]) == [
        "id", "type", "term_es", "term_fr", "term_ja", "notation", "alt_es", "alt_fr", "alt_ja",
        "definition_es", "definition_fr", "definition_ja", "broader", "narrower", "related"]
    header = list(to_table(_load("org.nq"))[0])
    assert header[:9] == ["id", "type", "term_en", "term_fr", "term_it", "label_en", "label_es", "label_fr", "label_it"]
    assert "comment_ja" in header and "inverse_of" in header and "equivalent_class" in header
    assert list(to_table(_load("ru-sv-bg-codes.ttl"))[0]) == ["id", "type", "term_bg", "term_ru", "term_sv", "notation"]


def test_the_embedded_glossary_keeps_its_german_and_english_layout() -> None:
    header = list(to_table(load_glossary())[0])
    assert header[: len(HEAD)] == list(HEAD)
    assert "type" not in header and not any(c.endswith(("_fr", "_es")) for c in header)


def test_comparison_notices_a_lost_language(tmp_path: Path) -> None:
    glossary = _load("tri-lingual-skos.ttl")
    rows = [{c: v for c, v in row.items() if c != "term_ja"} for row in to_table(glossary)]
    path = tmp_path / "no-ja.csv"
    path.write_bytes(write_table(rows, "csv"))
    lost = table_triples(glossary) - table_triples(import_table(path, base=str(INST)))
    assert len(lost) == 14 and {(p, o.language) for _, p, o in lost} == {(SKOS.prefLabel, "ja")}


def test_export_is_deterministic() -> None:
    rows = to_table(_load("org.nq"))
    assert write_table(rows, "xlsx") == write_table(to_table(load_glossary([VOCABULARIES / "org.nq"])), "xlsx")


def test_rows_read_from_the_store_or_from_an_rdflib_graph_agree_and_graph_edits_count() -> None:
    # the store is read until an rdflib graph exists; then the graph, which a Python user may change
    org = load_glossary([VOCABULARIES / "org.nq"])
    assert to_table(Glossary(load_glossary([VOCABULARIES / "org.nq"]).graph)) == to_table(org)
    glossary = load_glossary([VOCABULARIES / "tri-lingual-skos.ttl"])
    term = URIRef(str(INST) + to_table(glossary)[0]["id"])
    glossary.graph.add((term, SKOS.prefLabel, Literal("Strings", lang="en")))
    glossary.graph.add((term, SKOS.prefLabel, Literal("typed", datatype=XSD_STRING)))  # typed: no text column
    row = to_table(glossary)[0]
    assert row["term_en"] == "Strings" and "term" not in row
    assert (term, SKOS.prefLabel, Literal("Strings", lang="en")) in table_triples(glossary)


ZOO = """id,type,term_fr,term_ja,Term_de-CH,label_en,definition_fr,subclass_of,domain,range,inverse_of
Animal,class,Animal,動物,Tier,,Un être vivant.,,,,
Cat,class,Chat,猫,Katze,,,Animal,,,
eats,property; owl:ObjectProperty,mange,食べる,frisst,eats; feeds on,,,Animal,Animal,is eaten by
eatenBy,owl:ObjectProperty,est mangé par,,,is eaten by,,,,,
name,owl:DatatypeProperty,nom,名前,Name,,,,Animal,xsd:string,
"""


def test_a_hand_written_ontology_table_imports_any_language(tmp_path: Path) -> None:
    path = tmp_path / "zoo.csv"
    path.write_text(ZOO, encoding="utf-8")
    glossary = import_table(path, base=str(EX))
    g = glossary.graph
    assert (EX.Animal, SKOS.prefLabel, Literal("Tier", lang="de-ch")) in g
    assert (EX.Cat, SKOS.prefLabel, Literal("猫", lang="ja")) in g
    assert (EX.Cat, RDFS.subClassOf, EX.Animal) in g
    assert {(EX.eats, RDF.type, RDF.Property), (EX.eats, RDF.type, OWL.ObjectProperty)} <= set(g)
    assert {str(o) for o in g.objects(EX.eats, RDFS.label)} == {"eats", "feeds on"}
    assert (EX.eats, OWL.inverseOf, EX.eatenBy) in g  # a target given by its label
    assert (EX.name, RDFS.range, XSD_STRING) in g
    assert glossary.terms.classes == (str(EX.Animal), str(EX.Cat))
    assert glossary.terms.properties == (str(EX.eatenBy), str(EX.eats), str(EX.name))
    # an ontology's classes and properties are put in no concept scheme
    assert not set(g.subjects(RDF.type, SKOS.ConceptScheme))


BAD = {
    "id,type,term_english\nx,class,X\n": ":1: column 'term_english': 'english' is not a language tag",
    "id,type,term_de_ch\nx,class,X\n": ":1: column 'term_de_ch': 'de_ch' is not a language tag (BCP 47, such as en, "
                                       "de-CH, zh-Hant) (write 'de-ch')",
    "id,type,term_fr,colour\nx,class,X,red\n": ":1: column 'colour': unknown column",
    "id,type,term_fr\nx,class,X\ny,klass,Y\n": ":3: column 'type': unknown type 'klass'",
    "id,type,term_fr,domain\nx,property,X,Chose\n": ":2: column 'domain': unknown concept 'Chose'",
    "id,type,term_ru\n,class,красный\n": ":2: column 'id': empty, and no label spelt in Latin letters or digits gives one",
}


@pytest.mark.parametrize("text", sorted(BAD))
def test_bad_columns_and_cells_are_one_line_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_table(path)
    message = str(caught.value)
    assert message.startswith(f"{path}{BAD[text]}") and "\n" not in message


def test_yaml_error_names_the_key_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("concepts:\n  - id: x\n    type: class\n    term_english: X\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.yaml:4: column 'term_english': 'english' is not a language tag"):
        import_table(path)


def test_cli_round_trip_of_an_ontology_and_what_it_leaves_out(tmp_path: Path) -> None:
    table = tmp_path / "foaf.xlsx"
    exported = runner.invoke(app, ["export-table", "-o", str(table), "--data", str(VOCABULARIES / "foaf.nq")])
    assert exported.exit_code == 0, exported.output
    assert f"wrote 75 terms to {table}" in exported.output
    assert "note: the table leaves out 150 statements about the terms:" in exported.output
    assert "rdfs:isDefinedBy (75)" in exported.output
    out = tmp_path / "foaf.ttl"
    imported = runner.invoke(app, ["import-table", str(table), "-o", str(out), "--base", str(FOAF)])
    assert imported.exit_code == 0, imported.output
    assert imported.output == f"wrote 75 terms to {out}\n"
    assert table_triples(load_glossary([out])) == table_triples(_load("foaf.nq"))


def test_cli_yaml_carries_its_base_and_csv_says_it(tmp_path: Path) -> None:
    source = VOCABULARIES / "tri-lingual-skos.ttl"
    table = tmp_path / "instruments.yaml"
    exported = runner.invoke(app, ["export-table", "-o", str(table), "--data", str(source)])
    assert exported.exit_code == 0, exported.output
    assert table.read_text(encoding="utf-8").startswith(f"base: {INST}\n")
    out = tmp_path / "instruments.ttl"
    assert runner.invoke(app, ["import", str(table), "-o", str(out)]).exit_code == 0  # no --base needed
    assert table_triples(load_glossary([out])) == table_triples(_load("tri-lingual-skos.ttl"))
    csv_table = tmp_path / "instruments.csv"
    said = runner.invoke(app, ["export-table", "-o", str(csv_table), "--data", str(source)])
    assert f"note: ids are relative to {INST}; read the table back with --base {INST}" in said.output


def test_source_sentences_with_odd_line_numbers_are_ordered_not_refused(tmp_path: Path) -> None:
    # a line number is only a sort key: a decimal or a word in it must not end the export
    data = tmp_path / "lines.ttl"
    data.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix rog: <https://w3id.org/revops-graph/ontology#> .\n"
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<http://ex.org/a> a skos:Concept ; skos:prefLabel \"A\"@en ;\n"
        "  dcterms:source <http://ex.org/s1>, <http://ex.org/s2>, <http://ex.org/s3>, <http://ex.org/s4> .\n"
        "<http://ex.org/s1> rog:line \"two\" ; rog:text \"Words.\" .\n"
        "<http://ex.org/s2> rog:line \"2.5\"^^xsd:decimal ; rog:text \"Half.\" .\n"
        "<http://ex.org/s3> rog:line 2 ; rog:text \"Two.\" .\n"
        "<http://ex.org/s4> rog:line \"NaN\"^^xsd:double ; rog:text \"Nothing.\" .\n",
        encoding="utf-8",
    )
    glossary = load_glossary([data])
    (row,) = to_table(glossary)
    assert row["source"].split("\n")[:2] == ["Two.", "Half."]
    assert set(row["source"].split("\n")[2:]) == {"Words.", "Nothing."}
    assert to_table(Glossary(glossary.graph)) == [row]  # read from an rdflib graph alike
    result = CliRunner().invoke(app, ["export-table", "--data", str(data), "-o", str(tmp_path / "t.csv")])
    assert result.exit_code == 0, result.output
    assert "Half." in (tmp_path / "t.csv").read_text(encoding="utf-8")
