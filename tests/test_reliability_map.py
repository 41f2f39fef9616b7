"""Data that looks like a template marker stays data on the concept map page."""

from __future__ import annotations

import html
from pathlib import Path

from map_fixtures import page_data
from typer.testing import CliRunner

from revops_graph.cli import app

MARKERS = "{{data}} {{script}} {{vis}} {{style}} {{title}} {{lang}}"


def test_labels_holding_template_markers_leave_the_page_intact(tmp_path: Path, runner: CliRunner) -> None:
    source = tmp_path / "markers.ttl"
    source.write_text(f"""
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <http://example.org/m/> .
ex:scheme a skos:ConceptScheme ; skos:prefLabel "{MARKERS}"@en, "{MARKERS}"@de .
ex:a a skos:Concept ; skos:inScheme ex:scheme ; skos:prefLabel "A {{{{data}}}}"@en ;
    skos:definition "{MARKERS}"@en ; skos:related ex:b .
ex:b a skos:Concept ; skos:inScheme ex:scheme ; skos:prefLabel "B {{{{script}}}}"@en .
""", encoding="utf-8")
    out = tmp_path / "map.html"
    result = runner.invoke(app, ["map", "--data", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    data = page_data(page)  # the browser's JSON.parse of the same text
    labels = {label for node in data["nodes"] for label in node["label"].values()}
    assert {"A {{data}}", "B {{script}}"} <= labels
    assert f"<title>{html.escape(MARKERS)}</title>" in page
