"""metric: formulas read from the graph, evaluated exactly by a whitelist evaluator (never eval)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from revops_graph import Glossary, load_glossary
from revops_graph.cli import app
from revops_graph.analysis.metrics import MetricError, compute, evaluate_expression, format_number, metrics, parse_number

from analyze_fixtures import DATA

VARIANTS = DATA / "metrics-variants.ttl"
SHARE = "percentage of revenue from operations"


@pytest.fixture(scope="module")
def variants() -> Glossary:
    return load_glossary([VARIANTS])


def test_percentage_of_revenue_from_operations_is_80_percent(runner: CliRunner) -> None:
    result = runner.invoke(app, ["metric", SHARE, "--input", "operating revenue=800", "--input", "total revenue=1000"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "80 %\n", "")


def test_formula_comes_from_the_graph(glossary: Glossary) -> None:
    (metric,) = metrics(glossary)
    assert metric.expression == "(operating_revenue / total_revenue) * 100"
    assert metric.unit == "%"
    assert [(q.label, q.symbol) for q in metric.inputs] == [
        ("Operating revenue", "operating_revenue"), ("Total revenue", "total_revenue")]
    # Another glossary, another formula: the same command computes what that graph says.
    ratio = compute(load_glossary([VARIANTS]), "Ratio", {"x": "3", "y": "4"})
    assert ratio.value == Fraction(-3, 4) + Fraction(1, 2)
    assert ratio.text() == "-0.25"


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ({"Betriebseinnahmen": "1", "Gesamteinnahmen": "3"}, "33.3333 %"),
        ({"operating_revenue": "0.1", "total_revenue": "0.3"}, "33.3333 %"),
        ({"Operating Revenue": "1", "TOTAL revenue": "8"}, "12.5 %"),
        ({"operating revenue": "1e3", "total revenue": "4000"}, "25 %"),
        ({"operating revenue": "-50", "total revenue": "200"}, "-25 %"),
    ],
)
def test_inputs_by_any_label_or_symbol_and_exact_arithmetic(glossary: Glossary, inputs: dict, expected: str) -> None:
    assert compute(glossary, SHARE, inputs).text() == expected


def test_exact_not_binary_floating_point(glossary: Glossary) -> None:
    result = compute(glossary, SHARE, {"operating revenue": "0.1", "total revenue": "0.3"})
    assert result.value == Fraction(100, 3)
    assert evaluate_expression("0.1 + 0.2", {}) == Fraction(3, 10)
    assert format_number(Fraction(1, 3) * 3) == "1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-i", "operating revenue=800"], "error: 'Percentage of revenue from operations' needs input Total revenue (total_revenue); "
         'give it with --input "NAME=VALUE"'),
        (["-i", "operating revenue=800", "-i", "total revenue=0"], "error: division by zero in operating_revenue / total_revenue"),
        (["-i", "operating revenue=eight hundred", "-i", "total revenue=1000"],
         "error: input 'operating revenue': 'eight hundred' is not a number"),
        (["-i", "operating revenue=NaN", "-i", "total revenue=1000"], "error: input 'operating revenue': 'NaN' is not a finite number"),
        (["-i", "revenue=800", "-i", "total revenue=1000"],
         "error: 'Percentage of revenue from operations' has no input 'revenue'; its inputs are: "
         "Operating revenue (operating_revenue), Total revenue (total_revenue)"),
        (["-i", "operating revenue 800"], "error: --input 'operating revenue 800': expected NAME=VALUE, e.g. \"total revenue=1000\""),
        (["-i", "operating revenue=1", "-i", "operating_revenue=2"], "error: input 'Operating revenue' is given twice"),
    ],
)
def test_bad_inputs_give_one_error_line_and_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["metric", SHARE, *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [message]


def test_concept_without_formula_and_unknown_metric(runner: CliRunner) -> None:
    crm = runner.invoke(app, ["metric", "CRM"])
    assert (crm.exit_code, crm.stderr.strip()) == (2, "error: 'CRM system' has no rog:expression, so it cannot be computed")
    nope = runner.invoke(app, ["metric", "churn"])
    assert (nope.exit_code, nope.stderr.strip()) == (2, "error: no concept is labelled 'churn'")


@pytest.mark.parametrize(
    ("metric", "refusal"),
    [
        ("Import os", "expression contains Call"),
        ("Attribute access", "expression contains Attribute"),
        ("Function call", "expression contains Call"),
        ("Huge power", "expression contains Pow"),
        ("Undeclared symbol", "expression uses 'secret', which is not an input symbol"),
    ],
)
def test_hostile_formulas_in_a_glossary_are_refused(
    variants: Glossary, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, metric: str, refusal: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(MetricError, match=refusal):
        compute(variants, metric, {"x": "2"})
    result = runner.invoke(app, ["metric", metric, "-i", "x=2", "--data", str(VARIANTS)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and refusal in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing ran: no file "pwned"


def test_division_by_an_expression_that_is_zero(variants: Glossary) -> None:
    with pytest.raises(MetricError, match=r"division by zero in x / \(y - y\)"):
        compute(variants, "Zero divisor", {"Amount x": "1", "y": "5"})


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os')",
        "__import__('os').system('true')",
        "x.real",
        "().__class__.__bases__[0]",
        "open('/etc/passwd')",
        "x ** 999999999",
        "9 ** 9 ** 9",
        "x // 2",
        "x % 2",
        "x if x else 1",
        "[x]",
        "lambda: x",
        "x < 1",
        "x and 1",
        "~x",
        "'text'",
        "True + 1",
        "1e999",
        "f'{x}'",
        "x; 1",
        "-" * 150 + "x",  # nested deeper than MAX_DEPTH
        "+".join(["x"] * 300),  # longer than MAX_EXPRESSION_LENGTH
    ],
)
def test_evaluator_refuses_everything_but_arithmetic(expression: str) -> None:
    with pytest.raises(MetricError):
        evaluate_expression(expression, {"x": Fraction(2)})


def test_evaluator_computes_the_allowed_grammar() -> None:
    values = {"a": Fraction(6), "b": Fraction(4)}
    assert evaluate_expression("-(a - b) * +2 / (b - 3) + 0.5", values) == Fraction(-7, 2)
    assert evaluate_expression("  a/b  ", values) == Fraction(3, 2)
    # Parentheses do not nest the tree, so many of them are fine.
    assert evaluate_expression("(" * 200 + "a" + ")" * 200, values) == 6


@pytest.mark.parametrize("text", ["", "1,5", "0x10", "inf", "1/2", "--1", "1e999999999", "1e-101", "1" * 101])
def test_parse_number_rejects_non_decimals(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_tiny_and_long_results_are_formatted_sensibly() -> None:
    assert format_number(Fraction(1, 3 * 10**6)) == "0.0000003333"
    assert format_number(Fraction(-1, 8)) == "-0.125"
    assert format_number(Fraction(10**30)) == "1" + "0" * 30
    assert format_number(Fraction(-1, 10**9)) == "-0.000000001"


# Expression trees: a number, a symbol, ("-", tree) or (left, operator, right).
_leaf = st.one_of(st.integers(-10**6, 10**6), st.sampled_from(["a", "b"]))
_tree = st.recursive(
    _leaf,
    lambda kids: st.one_of(st.tuples(kids, st.sampled_from("+-*/"), kids), st.tuples(st.just("-"), kids)),
    max_leaves=12,
)


def _text(tree: object) -> str:
    if isinstance(tree, tuple) and len(tree) == 2:
        return f"-({_text(tree[1])})"
    if isinstance(tree, tuple):
        return f"({_text(tree[0])} {tree[1]} {_text(tree[2])})"
    return f"({tree})" if isinstance(tree, int) and tree < 0 else str(tree)


def _reference(tree: object, values: dict[str, Fraction]) -> Fraction:
    """The value of the tree, computed directly with Fractions (no parsing involved)."""
    if isinstance(tree, tuple) and len(tree) == 2:
        return -_reference(tree[1], values)
    if isinstance(tree, tuple):
        left, op, right = _reference(tree[0], values), tree[1], _reference(tree[2], values)
        if op == "/" and right == 0:
            raise ZeroDivisionError
        return {"+": left + right, "-": left - right, "*": left * right}[op] if op != "/" else left / right
    return values[tree] if isinstance(tree, str) else Fraction(tree)


@given(tree=_tree, a=st.fractions(), b=st.fractions())
@settings(max_examples=150, deadline=None)
def test_evaluator_agrees_with_direct_fraction_arithmetic(tree: object, a: Fraction, b: Fraction) -> None:
    values = {"a": a, "b": b}
    try:
        expected = _reference(tree, values)
    except ZeroDivisionError:
        with pytest.raises(MetricError, match="division by zero"):
            evaluate_expression(_text(tree), values)
        return
    assert evaluate_expression(_text(tree), values) == expected


def test_metric_list(runner: CliRunner) -> None:
    result = runner.invoke(app, ["metric", "--list"])
    assert result.exit_code == 0
    assert result.stdout == (
        "Percentage of revenue from operations: (Operating revenue ÷ Total revenue) × 100 [%]; "
        "inputs: Operating revenue (operating_revenue), Total revenue (total_revenue)\n"
    )
    german = runner.invoke(app, ["metric", "--list", "--lang", "de"])
    assert german.stdout.startswith("Prozentsatz der Einnahmen aus der Geschäftstätigkeit: (Betriebseinnahmen ÷ Gesamteinnahmen) × 100 [%]")
    none = runner.invoke(app, ["metric"])
    assert none.exit_code == 2
