"""A source sentence's line number as hand-written data may give it: a word, ``2.5``, ``12.0``.

A line is only shown (and sorted by): a whole number is shown, anything else is left out;
no command may end in a traceback over it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revops_graph.cli import app

DATA = Path(__file__).parent / "data" / "odd" / "line-numbers.ttl"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def _ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, [*args, "--data", str(DATA)])
    assert result.exit_code == 0, result.output
    return result.output


def test_explain_shows_the_whole_line_and_leaves_out_the_others(runner: CliRunner) -> None:
    out = _ok(runner, "explain", "A", "B")
    assert "line 12: \u201eA, dann B.\u201c" in out
    assert "s1: \u201eA und B.\u201c" in out  # "two": named by the sentence, not a line


def test_lint_names_only_whole_lines(runner: CliRunner) -> None:
    out = _ok(runner, "lint")
    assert re.search(r"A \(source line 12\): known gap still open", out), out


def test_the_map_gives_whole_lines_and_none_for_the_rest(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "map.html"
    _ok(runner, "map", "-o", str(page))
    data = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S).group(1))
    lines = {s["text"][""]: s["line"] for s in data["sentences"]}
    assert lines == {"A und B.": None, "B allein.": None, "A, dann B.": 12}, data["sentences"]


def test_the_site_shows_the_whole_line(runner: CliRunner, tmp_path: Path) -> None:
    _ok(runner, "site", "-o", str(tmp_path / "site"))
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    # a relation's sentences: the one with a whole line names it, the others add nothing
    assert re.findall(r'class="lines">\((?:<[^>]*>[^<]*</span>) ([^)]*)\)', pages) == ["12", "12"]


def test_export_table_keeps_every_sentence(runner: CliRunner, tmp_path: Path) -> None:
    _ok(runner, "export-table", "-o", str(tmp_path / "t.csv"))
    text = (tmp_path / "t.csv").read_text(encoding="utf-8")
    assert "A und B." in text and "B allein." in text
