"""Lint: each rule on a glossary with exactly that fault, the embedded glossary, config, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revops_graph.cli import app
from revops_graph.errors import InputError
from revops_graph.checks import RULES, lint_glossary, load_lint_config
from revops_graph.checks.lint_glossary_rules import abbreviation_long_form
from revops_graph.model import load_glossary

DATA = Path(__file__).parent / "data" / "model"
runner = CliRunner()

#: broken glossary -> the findings (rule, severity, concept, location) lint must report
LINT_FAULTS = {
    "abbreviation-altlabel.ttl": {
        ("abbreviation-mismatch", "error", "Revenue operations", "skos:altLabel@de"),
        ("abbreviation-mismatch", "error", "Revenue operations", "skos:altLabel@en"),
    },
    "abbreviation-definition.ttl": {("abbreviation-mismatch", "error", "Revenue operations", "skos:definition@de")},
    "abbreviation-source.ttl": {("abbreviation-mismatch", "warning", "Revenue operations", "source line 1")},
    "duplicate-label.ttl": {("duplicate-label", "error", "Sales", "")},
    "orphan.ttl": {("orphan", "warning", "Revenue growth", "")},
    "broader-cycle.ttl": {("cycle", "error", "CRM system", "")},
    "part-of-cycle.ttl": {("cycle", "error", "Revenue operations", "")},
    "missing-inverse.ttl": {("missing-inverse", "warning", "mentors", "")},
    "open-gap.ttl": {("open-gap", "info", "Sales", "source line 1")},
    "p04-unconnected.ttl": {("oops-p04-unconnected", "warning", "Region", "")},
    "p08-missing-annotation.ttl": {("oops-p08-missing-annotation", "warning", "Channel", "")},
    "p11-missing-range.ttl": {("oops-p11-missing-domain-range", "warning", "owner", "")},
    "p22-naming.ttl": {("oops-p22-naming", "warning", "Revenue growth", "")},
}


def _found(name: str, disable=()) -> set[tuple[str, str, str, str]]:
    report = lint_glossary(load_glossary([DATA / name]), disable)
    return {(f.rule, f.severity, f.concept, f.location) for f in report.findings}


def test_the_small_valid_glossary_is_clean():
    assert _found("valid.ttl") == set()


def test_every_rule_has_a_broken_glossary():
    assert {rule for expected in LINT_FAULTS.values() for rule, *_ in expected} == set(RULES)


@pytest.mark.parametrize("name", sorted(LINT_FAULTS))
def test_broken_glossary_gives_exactly_its_finding(name):
    assert _found(name) == LINT_FAULTS[name]


@pytest.mark.parametrize("name", sorted(LINT_FAULTS))
def test_disabling_the_rule_silences_it(name):
    rules = {rule for rule, *_ in LINT_FAULTS[name]}
    assert _found(name, sorted(rules)) == set()


def test_messages_and_hints_say_what_and_how():
    report = lint_glossary(load_glossary([DATA / "broader-cycle.ttl"]))
    (finding,) = report.findings
    assert finding.message == "broader chain loops: CRM system -> Sales -> CRM system"
    assert finding.hint and "\n" not in finding.hint
    (altlabel, _) = lint_glossary(load_glossary([DATA / "abbreviation-altlabel.ttl"])).findings
    assert "'DevOps' does not fit" in altlabel.message and "'Revenue operations'" in altlabel.message


@pytest.fixture(scope="module")
def embedded():
    return lint_glossary(load_glossary())


def test_embedded_source_devops_is_caught_with_its_line(embedded):
    devops = [f for f in embedded.findings if f.rule == "abbreviation-mismatch"]
    assert len(devops) == 1
    (finding,) = devops
    assert (finding.severity, finding.concept, finding.location) == ("warning", "Revenue operations", "source line 4")
    assert "'Revenue Operations (DevOps)'" in finding.message
    assert "RevOps" in finding.hint


def test_embedded_glossary_lint_summary(embedded):
    assert embedded.errors == 0
    gaps = sorted((f.concept, f.location) for f in embedded.findings if f.rule == "open-gap")
    assert gaps == [("Marketing", "source line 19"), ("Marketing", "source line 21"),
                    ("Revenue operations", "source line 10"), ("Revenue operations", "source line 8")]
    assert [f.concept for f in embedded.findings if f.rule == "orphan"] == ["Employee turnover"]
    # rog.ttl declares an inverse (or symmetry) for every relation the glossary uses
    assert not [f for f in embedded.findings if f.rule == "missing-inverse"]
    assert not [f for f in embedded.findings if f.rule == "cycle"]


@pytest.mark.parametrize(
    ("short", "long", "fits"),
    [
        ("RCO", "Revenue Cycle Operations", True),
        ("RevOps", "Revenue Operations", True),
        ("CRM", "Customer Relationship Management", True),
        ("CRM", "CRM system", True),
        ("HR", "Human resources", True),
        ("DevOps", "Revenue Operations", False),
        ("KPI", "Revenue Operations", False),
        ("XRM", "Customer Relationship Management", False),
    ],
)
def test_abbreviation_long_form(short, long, fits):
    assert (abbreviation_long_form(short, long) is not None) is fits


# -- configuration and the command ----------------------------------------------------------


def test_pyproject_disables_rules(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.revops-graph.lint]\ndisable = ["cycle"]\n')
    assert load_lint_config(tmp_path / "pyproject.toml") == ["cycle"]
    monkeypatch.chdir(tmp_path)
    data = str(DATA / "broader-cycle.ttl")
    result = runner.invoke(app, ["lint", "--data", data])
    assert result.exit_code == 0, result.output
    assert "[cycle]" not in result.output


def test_unknown_rule_in_pyproject_is_a_usage_error(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.revops-graph.lint]\ndisable = ["orphans"]\n')
    with pytest.raises(InputError, match="unknown lint rule 'orphans'"):
        load_lint_config(tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output


def test_no_pyproject_means_no_rule_disabled(tmp_path):
    assert load_lint_config(tmp_path / "pyproject.toml") == []


def test_cli_lint_exit_1_on_error_and_disable_option():
    data = str(DATA / "broader-cycle.ttl")
    result = runner.invoke(app, ["lint", "--data", data])
    assert result.exit_code == 1
    assert "error: CRM system: broader chain loops: CRM system -> Sales -> CRM system [cycle]" in result.output
    assert "  fix: remove or reverse one broader link so the chain ends" in result.output
    assert runner.invoke(app, ["lint", "--data", data, "--disable", "orphan,cycle"]).exit_code == 0


def test_cli_lint_warnings_only_exit_0_and_json():
    result = runner.invoke(app, ["lint", "--data", str(DATA / "orphan.ttl"), "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["counts"] == {"error": 0, "warning": 1, "info": 0}
    (finding,) = doc["findings"]
    assert finding["rule"] == "orphan" and finding["concept"] == "Revenue growth"
    assert set(finding) == {"rule", "severity", "concept", "message", "hint", "location"}


def test_cli_lint_embedded_exits_0_and_lists_rules():
    result = runner.invoke(app, ["lint"])
    assert result.exit_code == 0
    assert "source line 4" in result.output
    listed = runner.invoke(app, ["lint", "--list-rules"])
    assert [line.split()[0] for line in listed.output.splitlines()] == list(RULES)


def test_cli_lint_unknown_disable_exits_2():
    assert runner.invoke(app, ["lint", "--disable", "nope"]).exit_code == 2


def test_p22_single_words_take_no_side(tmp_path):
    """snake_case ids with one-word ids among them are consistent; one kebab-case id is not."""
    text = (DATA / "valid.ttl").read_text()
    for old, new in (("ex:revenue-operations", "ex:revenue_operations"), ("ex:crm-system", "ex:crm_system"),
                     ("ex:revenue-growth", "ex:revenue_growth")):
        text = text.replace(old, new)
    text = text.replace("ex:stmt-revenue-operations.comprises.sales", "ex:stmt1")
    snake = tmp_path / "snake.ttl"
    snake.write_text(text)
    assert lint_glossary(load_glossary([snake])).findings == ()
    mixed = tmp_path / "mixed.ttl"
    mixed.write_text(text.replace("ex:crm_system", "ex:crm-system"))
    assert {(f.rule, f.concept) for f in lint_glossary(load_glossary([mixed])).findings} == {("oops-p22-naming", "CRM system")}
