"""A new user's first hour: what a fresh clone and the README lead people to type."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import revops_graph
from revops_graph import concept_map, load_glossary
from revops_graph._version import __version__
from revops_graph.cli import app
from revops_graph.errors import InputError
from revops_graph.io.screen import format_for

REPO = Path(__file__).resolve().parents[1]
SRC = Path(revops_graph.__file__).resolve().parents[1]
BASE = REPO / "tests" / "data" / "analyze" / "base.ttl"


def _module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "revops_graph", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, check=False)


# -- --version, -h, python -m revops_graph -------------------------------------------------


def test_version_option(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"revops-graph {__version__}\n"


@pytest.mark.parametrize("args", [["-h"], ["export", "-h"]])
def test_h_is_help(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout and "--help" in result.stdout


def test_python_dash_m_revops_graph(tmp_path: Path) -> None:
    done = _module("--version", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, f"revops-graph {__version__}\n")
    bad = _module("export", "--format", "nope", cwd=tmp_path)
    assert bad.returncode == 2 and bad.stdout == ""


# -- usage errors: one line, with close matches ------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["qurey", "parts"], "error: No such command 'qurey'. Did you mean 'query'?"),
        (["query", "parts", "--formt", "csv"], "error: no such option --formt; did you mean --format"),
        (["export", "--format", "nope"], "error: Invalid value for --format: 'nope' is not one of"),
        (["query"], "error: Missing argument 'NAME|FILE|-'."),
    ],
)
def test_usage_errors_are_one_line_with_a_suggestion(runner: CliRunner, args: list[str], expected: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(expected), result.stderr
    assert "--help'" in result.stderr  # where to read more
    assert "╭" not in result.stderr


def test_explain_offers_close_labels(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "CRM", "Biling"])
    assert result.exit_code == 2
    assert result.stderr == "error: no concept is labelled 'Biling'; did you mean 'Billing'?\n"


def test_metric_and_map_focus_offer_close_labels(runner: CliRunner, tmp_path: Path) -> None:
    metric = runner.invoke(app, ["metric", "share of revenue from operation", "-i", "x=1"])
    assert metric.exit_code == 2 and "did you mean 'Share of revenue from operations'" in metric.stderr
    focus = runner.invoke(app, ["map", "--focus", "CRM sytem", "-o", str(tmp_path / "m.html")])
    assert focus.exit_code == 2 and "did you mean 'CRM system'" in focus.stderr
    assert not (tmp_path / "m.html").exists()


def test_map_focus_on_an_owl_ontology_offers_class_labels(runner: CliRunner, tmp_path: Path) -> None:
    ontology = REPO / "tests" / "data" / "small-ontology.ttl"  # classes, no SKOS concept
    result = runner.invoke(app, ["map", "--data", str(ontology), "--focus", "Kepper", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2
    assert result.stderr == "error: no concept on the map is labelled 'Kepper'; did you mean 'Keeper'?\n"


def test_unknown_query_names_the_closest(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "tol-within"])
    assert result.exit_code == 2
    assert "did you mean 'tool-within'?" in result.stderr and result.stderr.count("\n") == 1
    mapped = runner.invoke(app, ["map", "--query", "tols.rq", "-o", str(tmp_path / "m.html")])
    assert mapped.exit_code == 2 and "'tols.rq' is neither a named query nor a query file" in mapped.stderr


def test_query_parameter_label_gets_close_labels_in_memory(runner: CliRunner) -> None:
    result = runner.invoke(app, ["query", "parts", "-p", "concept=Geschaftsbetreib"])
    assert result.exit_code == 2
    assert result.stderr == ("error: parameter concept: no concept is labelled 'Geschaftsbetreib'; "
                             "did you mean 'Geschäftsbetrieb'?\n")


@pytest.mark.server
def test_query_parameter_label_gets_close_labels_from_a_server(runner: CliRunner, sparql_server: Any) -> None:
    result = runner.invoke(app, ["query", "concepts-by-kind", "-p", "kind=Tol", "--endpoint", sparql_server.query_url])
    assert result.exit_code == 2
    assert result.stderr == "error: parameter kind: no class is labelled 'Tol'; did you mean 'Tool'?\n"


def test_lint_disable_names_the_closest_rule(runner: CliRunner) -> None:
    result = runner.invoke(app, ["lint", "--disable", "orphn"])
    assert result.exit_code == 2
    assert "unknown rule 'orphn'; did you mean 'orphan'?" in result.stderr and result.stderr.count("\n") == 1


def test_no_suggestion_when_nothing_is_close(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "CRM", "Zzzzqx"])
    assert result.stderr == "error: no concept is labelled 'Zzzzqx'\n"


# -- load_glossary and input formats -------------------------------------------------------


def test_load_glossary_takes_one_path_as_str_or_path() -> None:
    as_list = load_glossary([str(BASE)])
    for one in (str(BASE), BASE):
        assert set(load_glossary(one).concept_iris) == set(as_list.concept_iris)


def test_a_directory_is_called_a_directory(runner: CliRunner, tmp_path: Path) -> None:
    for command in (["validate"], ["concepts"]):
        result = runner.invoke(app, [*command, "--data", str(tmp_path)])
        assert result.exit_code == 2
        assert result.stderr == f"error: {tmp_path}: is a directory, expected an RDF file\n"


@pytest.mark.parametrize(("alias", "name"), [("ttl", "Turtle"), ("TTL", "Turtle"), ("nq", "N-Quads"),
                                              ("owl", "RDF/XML"), ("rdf", "RDF/XML"), ("json", "JSON-LD"),
                                              ("jsonld", "JSON-LD"), ("trig", "TriG"), ("nt", "N-Triples")])
def test_input_format_takes_file_extensions(alias: str, name: str) -> None:
    assert format_for("data", alias).name == name


def test_input_format_ttl_on_the_command_line(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "glossary"  # no extension: the format must come from --input-format
    data.write_bytes(BASE.read_bytes())
    result = runner.invoke(app, ["concepts", "--data", str(data), "--input-format", "ttl"])
    assert result.exit_code == 0, result.output
    with pytest.raises(InputError, match="unknown format 'turtl'"):
        format_for(data, "turtl")


def test_import_reads_tsv_and_export_table_writes_it(runner: CliRunner, tmp_path: Path) -> None:
    table = tmp_path / "g.tsv"
    exported = runner.invoke(app, ["export-table", "-o", str(table), "--data", str(BASE)])
    assert exported.exit_code == 0, exported.output
    header = table.read_text(encoding="utf-8").splitlines()[0]
    assert "\t" in header and "," not in header
    imported = runner.invoke(app, ["import", str(table), "-o", str(tmp_path / "g.ttl"),
                                   "--base", "https://w3id.org/revops-graph/glossary/"])
    assert imported.exit_code == 0, imported.output
    assert set(load_glossary(tmp_path / "g.ttl").concept_iris) == set(load_glossary(BASE).concept_iris)


# -- outputs into folders that do not exist -------------------------------------------------


@pytest.mark.parametrize(("args", "name"), [(["export"], "out.ttl"), (["map"], "map.html"),
                                            (["export-table"], "t.csv"), (["analyze", "--graphml"], "g.graphml")])
def test_an_output_file_in_a_missing_folder_is_refused(runner: CliRunner, tmp_path: Path, args: list[str],
                                                       name: str) -> None:
    target = tmp_path / "no-such-folder" / name
    option = [] if args[-1].startswith("--") else ["-o"]
    result = runner.invoke(app, [*args, *option, str(target)])
    assert result.exit_code == 2
    assert f"'{tmp_path / 'no-such-folder'}' does not exist (create the folder first)" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not target.parent.exists()


def test_build_creates_its_output_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--out", str(tmp_path / "a" / "b")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "b" / "revops.ttl").is_file()


# -- progress on a terminal, silence elsewhere ---------------------------------------------


def _stderr_on_a_terminal(args: list[str], cwd: Path, delay: str) -> tuple[int, bytes]:
    """Run the command with stderr on a pseudo-terminal; return its exit code and stderr."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "100"}
    code = (f"import revops_graph.cli._progress as c; c.PROGRESS_AFTER = {delay}; "
            "from revops_graph.cli import main; main()")
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=slave,
                               cwd=cwd, env=env)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    return process.wait(60), seen


def test_long_steps_show_progress_on_a_terminal(tmp_path: Path) -> None:
    code, seen = _stderr_on_a_terminal(["export", "--format", "nt"], tmp_path, "0.0")
    assert code == 0
    assert b"reading the embedded glossary" in seen and b"writing nt" in seen


def test_concepts_counts_what_it_collects(tmp_path: Path, glossary: Any) -> None:
    code, seen = _stderr_on_a_terminal(["concepts"], tmp_path, "0.0")
    assert code == 0
    total = len(glossary.concept_iris)
    assert b"collecting concepts" in seen and f"0/{total}".encode() in seen
    assert f"laying out {total} rows".encode() in seen


def test_quick_steps_stay_quiet_on_a_terminal(tmp_path: Path) -> None:
    code, seen = _stderr_on_a_terminal(["export", "--format", "nt"], tmp_path, "60.0")
    assert (code, seen) == (0, b"")


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    code = "import revops_graph.cli._progress as c; c.PROGRESS_AFTER = 0.0; from revops_graph.cli import main; main()"
    done = subprocess.run([sys.executable, "-c", code, "export", "--format", "nt"], capture_output=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120, check=False)
    assert done.returncode == 0 and done.stderr == b""


# -- repr of a concept map -------------------------------------------------------------------


def test_concept_map_repr_is_short_and_the_page_stays_in_repr_html() -> None:
    page = concept_map(load_glossary(BASE))
    assert len(repr(page)) < 200
    assert repr(page) == f"<ConceptMap: {page.nodes} concepts, {page.edges} relations, {len(page.html):,} characters of HTML>"
    assert page._repr_html_().startswith("<iframe srcdoc=")
