"""The core commands, in-process (CliRunner) and as the installed script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from revops_graph import Glossary, serialize
from revops_graph.cli import app
from revops_graph.cli.core import BUILD_FILES, MAP_FILE

REPO = Path(__file__).resolve().parents[1]
BROKEN = "@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:d ex:e\n"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_build_writes_every_output(runner: CliRunner, tmp_path: Path, glossary: Glossary) -> None:
    result = runner.invoke(app, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*BUILD_FILES, MAP_FILE])
    assert (tmp_path / "revops.ttl").read_bytes() == serialize(glossary, "turtle")
    assert "<html" in (tmp_path / MAP_FILE).read_text(encoding="utf-8")


def test_committed_outputs_are_fresh(runner: CliRunner, tmp_path: Path) -> None:
    """outputs/ is what `revops-graph build` writes; rebuild and commit when this fails."""
    result = runner.invoke(app, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    committed = REPO / "outputs"
    stale = [name for name, data in _snapshot(tmp_path).items() if (committed / name).read_bytes() != data]
    assert stale == [], "outputs/ is stale: run `revops-graph build` and commit outputs/"


def test_broken_input_one_line_exit_2_outputs_untouched(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", "--out", str(out)]).exit_code == 0
    before = _snapshot(out)
    broken = tmp_path / "broken.ttl"
    broken.write_text(BROKEN, encoding="utf-8")
    result = runner.invoke(app, ["build", "--data", str(broken), "--out", str(out)])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert f"{broken}:4:" in lines[0]
    assert "Traceback" not in result.output
    assert _snapshot(out) == before


def test_build_refuses_a_glossary_missing_a_translation(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "mine.ttl"
    mine.write_text(
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n'
        '<http://ex/a> a skos:Concept ; skos:prefLabel "A"@en ; skos:definition "An A."@en .\n', encoding="utf-8")
    # German and English are the RevOps profile's languages: asked for, or for data that uses rog
    result = runner.invoke(app, ["build", "--data", str(mine), "--profile", "revops", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no skos:prefLabel in 'de'" in result.stderr
    assert not (tmp_path / "out").exists()
    required = runner.invoke(app, ["build", "--data", str(mine), "--require-lang", "de", "--out", str(tmp_path / "out")])
    assert required.exit_code == 1 and "No preferred label in 'de'" in required.stderr
    assert not (tmp_path / "out").exists()
    plain = runner.invoke(app, ["build", "--data", str(mine), "--out", str(tmp_path / "out")])
    assert plain.exit_code == 0, plain.output  # a plain English SKOS file builds


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "nt", "xml"])
def test_export_to_file_round_trips(runner: CliRunner, tmp_path: Path, glossary: Glossary, fmt: str) -> None:
    target = tmp_path / f"export.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    parsed = Graph().parse(target, format={"nt": "nt", "jsonld": "json-ld", "xml": "xml", "turtle": "turtle"}[fmt])
    assert isomorphic(parsed, glossary.graph)


def test_export_to_stdout(runner: CliRunner, glossary: Glossary) -> None:
    result = runner.invoke(app, ["export", "-f", "nt"])
    assert result.exit_code == 0
    assert result.stdout_bytes == serialize(glossary, "nt")


def test_export_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["export", "-f", "pdf"])
    assert result.exit_code == 2
    assert "pdf" in result.output


def test_export_of_user_data(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "mine.nt"
    mine.write_text('<http://ex/a> <http://www.w3.org/2004/02/skos/core#prefLabel> "A"@en .\n', encoding="utf-8")
    result = runner.invoke(app, ["export", "--data", str(mine), "-f", "turtle"])
    assert result.exit_code == 0
    assert '<http://ex/a>' in result.stdout and '"A"@en' in result.stdout
    assert "revops:" not in result.stdout.split("\n\n", 1)[1]


@pytest.mark.parametrize(("lang", "expected"), [("de", "Rechnungsstellung"), ("en", "Billing")])
def test_concepts_table_in_each_language(runner: CliRunner, glossary: Glossary, lang: str, expected: str) -> None:
    result = runner.invoke(app, ["concepts", "--lang", lang], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert expected in result.stdout
    assert f"{len(glossary.concept_iris)} concepts" in result.stdout


def test_concepts_rejects_an_unknown_language(runner: CliRunner) -> None:
    result = runner.invoke(app, ["concepts", "--lang", "fr-"])
    assert result.exit_code == 2 and "'fr-' is not a language tag" in result.output


def test_installed_script_runs_from_another_folder(tmp_path: Path) -> None:
    script = shutil.which("revops-graph") or str(Path(sys.executable).with_name("revops-graph"))
    result = subprocess.run([script, "export", "-f", "nt"], cwd=tmp_path, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr
    assert b"<https://w3id.org/revops-graph/glossary/crm-system>" in result.stdout


def test_module_entry_point_runs_main_and_keeps_exit_codes(tmp_path: Path) -> None:
    # `python -m revops_graph.cli` is main() as the installed script runs it (the benchmark
    # falls back to it); its exit code and one-line error must survive the exit path
    ok = subprocess.run([sys.executable, "-m", "revops_graph.cli", "--help"], capture_output=True, text=True)
    assert ok.returncode == 0 and "validate" in ok.stdout
    missing = tmp_path / "missing.ttl"
    bad = subprocess.run([sys.executable, "-m", "revops_graph.cli", "lint", "--data", str(missing)],
                         capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "no such file" in bad.stderr
