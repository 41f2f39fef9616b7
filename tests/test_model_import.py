"""Import from CSV/XLSX/YAML, export to a table, and the round trip of the embedded glossary."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS
from typer.testing import CliRunner

from revops_graph.io import resources
from revops_graph.cli import app
from revops_graph.errors import InputError, OutputError
from revops_graph.tables import DEFAULT_BASE, import_table, table_triples, to_table, write_table
from revops_graph.checks.lint import lint_glossary
from revops_graph.model import Glossary, load_glossary
from revops_graph.namespaces import REVOPS, REVOPS_IRI, ROG
from revops_graph.checks.validate import validate_glossary

IMPORT = Path(__file__).parent / "data" / "model" / "import"
runner = CliRunner()


@pytest.fixture(scope="module")
def embedded() -> Glossary:
    return load_glossary()


@pytest.fixture(scope="module")
def embedded_rows(embedded):
    return to_table(embedded)


# -- the round trip -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "yaml", "xlsx"])
def test_export_then_import_gives_the_same_graph(embedded, embedded_rows, tmp_path, fmt):
    path = tmp_path / f"glossary.{fmt}"
    path.write_bytes(write_table(embedded_rows, fmt))
    back = import_table(path, base=REVOPS_IRI)
    before, after = table_triples(embedded), table_triples(back)
    assert before == after
    # the comparison covers what matters, so a lost relation or label would show
    assert len(before) > 400
    assert (REVOPS["revenue-operations"], ROG.comprises, REVOPS["sales"]) in after
    assert (REVOPS["revenue-operations"], SKOS.altLabel, Literal("RevOps", lang="en")) in after
    assert (REVOPS["marketing"], SKOS.altLabel, Literal("Marketing department", lang="en")) in after
    assert (REVOPS["crm-system"], SKOS.broader, REVOPS["platforms"]) in after
    assert (REVOPS["customer-retention"], ROG.stageIndex, Literal(3)) in after
    assert (REVOPS["share-of-revenue-from-operations"], ROG.expression,
            Literal("(operating_revenue / total_revenue) * 100")) in after
    assert (REVOPS["acquisition"], RDF.type, ROG.JourneyStage) in after


def test_round_trip_comparison_notices_a_change(embedded, embedded_rows, tmp_path):
    rows = [dict(r) for r in embedded_rows]
    sales = next(r for r in rows if r["id"] == "sales")
    sales["term_en"] = "Selling"
    path = tmp_path / "changed.csv"
    path.write_bytes(write_table(rows, "csv"))
    diff = table_triples(embedded) ^ table_triples(import_table(path, base=REVOPS_IRI))
    assert diff == {(REVOPS["sales"], SKOS.prefLabel, Literal("Sales", lang="en")),
                    (REVOPS["sales"], SKOS.prefLabel, Literal("Selling", lang="en"))}


def test_reimported_embedded_glossary_conforms_and_keeps_provenance(embedded_rows, tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_bytes(write_table(embedded_rows, "csv"))
    back = import_table(path, base=REVOPS_IRI)
    assert validate_glossary(back).conforms
    g = back.graph
    sentences = set(g.subjects(RDF.type, ROG.SourceSentence))
    texts = {str(g.value(s, ROG.text)) for s in sentences}
    assert any(t.startswith("Revenue Operations (DevOps)") for t in texts)
    # the same sentence cited by several rows is one sentence
    assert len(texts) == len(sentences)
    stmt = URIRef(f"{REVOPS_IRI}stmt-revenue-operations.comprises.sales")
    assert (stmt, ROG.statedIn, None) in g
    assert (REVOPS["revenue-operations"], DCTERMS.source, None) in g


@pytest.mark.parametrize("fmt", ["csv", "yaml", "xlsx"])
def test_table_export_is_deterministic(embedded_rows, fmt):
    assert write_table(embedded_rows, fmt) == write_table(embedded_rows, fmt)


def test_export_refuses_what_a_cell_cannot_hold():
    g = load_glossary()
    g.graph.add((REVOPS["sales"], RDF.type, ROG.Process))
    with pytest.raises(OutputError, match="sales: 2 values of kind; a table cell holds one"):
        to_table(g)


def test_a_second_definition_goes_to_a_numbered_column_and_comes_back(tmp_path):
    g = load_glossary()
    second = Literal("Another definition.", lang="en")
    g.graph.add((REVOPS["sales"], SKOS.definition, second))
    g.graph.add((REVOPS["sales"], SKOS.altLabel, Literal("Sales; Vertrieb", lang="en")))  # holds the separator
    rows = to_table(g)
    columns = list(rows[0])
    assert columns[columns.index("definition_en") + 1] == "definition_en#2"
    assert "alt_en#2" in columns
    path = tmp_path / "two.csv"
    path.write_bytes(write_table(rows, "csv"))
    back = import_table(path, base=REVOPS_IRI)
    assert second in set(back.graph.objects(REVOPS["sales"], SKOS.definition))
    assert table_triples(back) == table_triples(g)


# -- templates and layouts --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["glossary-template.csv", "glossary-template.yaml"])
def test_templates_import_validate_and_lint_clean(name):
    glossary = import_table(resources.templates_dir() / name)
    assert len(glossary.concept_iris) == 4
    assert validate_glossary(glossary).conforms
    assert lint_glossary(glossary).findings == ()
    ex = "https://example.org/glossary/"
    # targets by label ("Marketing", "Revenue growth") and by abbreviation ("RevOps")
    assert (URIRef(ex + "revenue-operations"), ROG.comprises, URIRef(ex + "marketing")) in glossary.graph
    assert (URIRef(ex + "revenue-operations"), ROG.aimsAt, URIRef(ex + "revenue-growth")) in glossary.graph
    assert (URIRef(ex + "marketing"), ROG.supports, URIRef(ex + "revenue-operations")) in glossary.graph


def test_templates_agree():
    csv_graph = import_table(resources.templates_dir() / "glossary-template.csv")
    yaml_graph = import_table(resources.templates_dir() / "glossary-template.yaml")
    assert table_triples(csv_graph) == table_triples(yaml_graph)


def test_semicolon_delimited_csv_and_default_base():
    glossary = import_table(IMPORT / "semicolon-delimited.csv")
    ro = URIRef(DEFAULT_BASE + "revenue-operations")
    assert set(glossary.graph.objects(ro, ROG.comprises)) == {URIRef(DEFAULT_BASE + "sales")}


def test_xlsx_errors_name_the_sheet_row(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["id", "kind", "term_de", "term_en", "definition_de", "definition_en", "stage_index"])
    sheet.append(["lead", "JourneyStage", "Lead", "Lead", "Eine Phase.", "A stage.", 1])
    sheet.append(["deal", "JourneyStage", "Abschluss", "Deal", "Eine Phase.", "A stage.", "second"])
    path = tmp_path / "stages.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        import_table(path)
    assert str(caught.value) == f"{path}:3: column 'stage_index': 'second' is not a whole number"


# -- errors: row and column, exit 2, nothing written -------------------------------------------

ERRORS = {
    "unknown-kind.csv": ":4: column 'kind': unknown kind 'Foo' (kinds: BusinessFunction, Discipline,",
    "unknown-target.csv": ":2: column 'comprises': unknown concept 'Marketing' (not an id or label in this file)",
    "duplicate-id.csv": ":3: column 'id': 'sales' is already used on line 2",
    "missing-column.csv": ":1: missing column(s): kind",
    "unknown-column.csv": ":1: column 'comprses': unknown column",
    "empty-definition.yaml": ":13: column 'definition_en': empty; every concept needs it",
    "yaml-bomb.yaml": ": the YAML expands to more than 200000 nodes (aliases); refusing it",
    "recursive-alias.yaml": ": recursive YAML alias; refusing it",
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_import_errors_name_row_and_column(name):
    with pytest.raises(InputError) as caught:
        import_table(IMPORT / name)
    text = str(caught.value)
    assert text.startswith(str(IMPORT / name))
    assert ERRORS[name] in text
    if ERRORS[name].startswith(": "):  # whole-file problems still say which line they met
        assert caught.value.line is not None


def test_cli_import_writes_turtle_that_loads(tmp_path):
    out = tmp_path / "glossary.ttl"
    template = resources.templates_dir() / "glossary-template.yaml"
    result = runner.invoke(app, ["import", str(template), "-o", str(out), "--base", "https://acme.example/terms/"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 4 concepts to {out}\n"
    glossary = load_glossary([out])
    assert glossary.find("RevOps").iri == URIRef("https://acme.example/terms/revenue-operations")
    assert glossary.find("RevOps").kinds == (ROG.Discipline,)


def test_cli_import_error_exit_2_and_nothing_clobbered(tmp_path):
    out = tmp_path / "glossary.ttl"
    out.write_text("previous\n")
    result = runner.invoke(app, ["import", str(IMPORT / "unknown-kind.csv"), "-o", str(out)])
    assert result.exit_code == 2
    assert "unknown-kind.csv:4: column 'kind': unknown kind 'Foo'" in result.output
    assert out.read_text() == "previous\n"
    fresh = tmp_path / "fresh.ttl"
    assert runner.invoke(app, ["import", str(IMPORT / "unknown-kind.csv"), "-o", str(fresh)]).exit_code == 2
    assert not fresh.exists()
    assert runner.invoke(app, ["import", str(IMPORT / "nope.csv"), "-o", str(fresh)]).exit_code == 2
    assert runner.invoke(app, ["import", str(IMPORT / "duplicate-id.csv"), "-o", str(tmp_path / "x.txt")]).exit_code == 2


def test_cli_import_rejects_bad_base(tmp_path):
    result = runner.invoke(app, ["import", str(IMPORT / "semicolon-delimited.csv"), "-o", str(tmp_path / "g.ttl"),
                                 "--base", "not an iri"])
    assert result.exit_code == 2
    assert "base IRI" in result.output


def test_cli_export_table_round_trips(tmp_path):
    table = tmp_path / "revops.xlsx"
    result = runner.invoke(app, ["export-table", "-o", str(table)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "revops.ttl"
    assert runner.invoke(app, ["import", str(table), "-o", str(out), "--base", REVOPS_IRI]).exit_code == 0
    assert table_triples(load_glossary([out])) == table_triples(load_glossary())


# -- any text survives the trip -------------------------------------------------------------

_cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";"),
    min_size=1, max_size=40,
).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None)
@given(term=_cell_text, definition=_cell_text, fmt=st.sampled_from(["csv", "yaml", "xlsx"]))
def test_any_label_and_definition_round_trip(tmp_path_factory, term, definition, fmt):
    rows = [{"id": "x", "kind": "Process", "term_de": term, "term_en": term + " (en)",
             "definition_de": definition, "definition_en": "=" + definition}]
    path = tmp_path_factory.mktemp("t") / f"g.{fmt}"
    path.write_bytes(write_table(rows, fmt))
    back = import_table(path)
    iri = URIRef(DEFAULT_BASE + "x")
    assert back.graph.value(iri, SKOS.prefLabel) is not None
    assert {str(o) for o in back.graph.objects(iri, SKOS.prefLabel)} == {term, term + " (en)"}
    assert {str(o) for o in back.graph.objects(iri, SKOS.definition)} == {definition, "=" + definition}


def test_xlsx_export_writes_text_not_formulas(tmp_path):
    from openpyxl import load_workbook

    rows = [{"id": "x", "kind": "Process", "term_de": "=HYPERLINK(\"http://x\")", "term_en": "X",
             "definition_de": "d", "definition_en": "d"}]
    path = tmp_path / "g.xlsx"
    path.write_bytes(write_table(rows, "xlsx"))
    cell = load_workbook(path).worksheets[0]["C2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"


def test_xlsx_carries_no_save_time(embedded_rows):
    # openpyxl writes the time of saving into docProps/core.xml: two exports a second apart
    # differed in one byte, so a table's bytes depended on the clock
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(write_table(embedded_rows, "xlsx"))) as book:
        core = book.read("docProps/core.xml").decode("utf-8")
    assert "<dcterms:modified" in core and "2000-01-01T00:00:00Z</dcterms:modified>" in core
    assert "<dcterms:created" in core and "2000-01-01T00:00:00Z</dcterms:created>" in core
