"""CSV exports never hold a cell a spreadsheet program would run; import reads them back."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import URIRef
from rdflib.namespace import SKOS

from revops_graph.tables import DEFAULT_BASE, import_table, write_table

DANGEROUS = ['=HYPERLINK("http://evil.example","x")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)",
             "\t=1", "\r=1", "'=already quoted", "''+twice"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_csv_cells_that_start_a_formula_are_defused_and_read_back(tmp_path, text) -> None:
    rows = [{"id": "x", "kind": "Process", "term_de": "T", "term_en": "T en",
             "definition_de": text, "definition_en": "plain"}]
    data = write_table(rows, "csv")
    cells = list(csv.reader(io.StringIO(data.decode(), newline="")))[1]
    assert not cells[4].startswith(("=", "+", "-", "@", "\t", "\r"))  # what Excel and Calc would run
    assert cells[5] == "plain"  # other cells untouched
    path = tmp_path / "g.csv"
    path.write_bytes(data)
    back = import_table(path)
    # Import trims the whitespace around every cell, as always.
    assert {str(o) for o in back.graph.objects(URIRef(DEFAULT_BASE + "x"), SKOS.definition)} == {text.strip(), "plain"}
