"""Executable metrics: a metric's formula is read from the graph and evaluated safely.

A metric (``rog:Metric``) carries ``rog:expression``, e.g. ``"(operating_revenue /
total_revenue) * 100"``, and ``rog:unit``; its inputs are quantities linked with
``rog:hasInput``, each carrying the ``rog:symbol`` the expression uses. The expression is
parsed with :mod:`ast` and walked by a tiny evaluator that knows numbers, ``+ - * /``,
unary minus and plus, parentheses and the input symbols; anything else (calls, attribute
access, powers, subscripts, names that are not inputs) is refused before any value is
computed. Arithmetic is exact (:class:`fractions.Fraction`).

>>> from revops_graph import load_glossary
>>> glossary = load_glossary()
>>> result = compute(glossary, "share of revenue from operations",
...                  {"operating revenue": "800", "total revenue": "1000"})
>>> result.text()
'80 %'
"""

from __future__ import annotations

import ast
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..errors import RevopsGraphError
from ..model import ConceptNotFound, Glossary, normalize_label
from ..model.labels import pick
from ..namespaces import ROG_IRI

if TYPE_CHECKING:
    from rdflib import URIRef

__all__ = [
    "Metric",
    "MetricError",
    "MetricResult",
    "Quantity",
    "compute",
    "evaluate_expression",
    "find_metric",
    "format_number",
    "metrics",
    "parse_number",
]

#: Longest expression accepted; a formula is a line, not a program.
MAX_EXPRESSION_LENGTH = 500
#: Deepest nesting accepted, so a crafted expression cannot exhaust the stack.
MAX_DEPTH = 100
#: Decimal places shown when a result does not terminate (2/3 -> 0.6667); tiny results keep
#: this many significant digits instead of rounding to 0.
PLACES = 4
#: Largest decimal exponent and most digits an input number may have.
MAX_EXPONENT = 100
MAX_DIGITS = 100


class MetricError(RevopsGraphError):
    """A metric cannot be computed: unknown metric or input, bad value, unsafe formula, x/0."""


@dataclass(frozen=True)
class Quantity:
    """An input of a metric: the quantity concept and the symbol the expression uses."""

    key: str
    symbol: str
    labels: tuple[str, ...]
    label: str

    @property
    def iri(self) -> URIRef:
        """The quantity's IRI as an rdflib term."""
        return rdfl.URIRef(self.key)


@dataclass(frozen=True)
class Metric:
    """A metric with an executable expression."""

    key: str
    label: str
    expression: str
    unit: str
    formula: str
    inputs: tuple[Quantity, ...]

    @property
    def iri(self) -> URIRef:
        """The metric's IRI as an rdflib term."""
        return rdfl.URIRef(self.key)


@dataclass(frozen=True)
class MetricResult:
    """The value of a metric for given inputs, exact, with its unit."""

    metric: Metric
    value: Fraction
    inputs: tuple[tuple[str, Fraction], ...]

    def text(self) -> str:
        """The value with its unit, e.g. ``"80 %"``."""
        number = format_number(self.value)
        return f"{number} {self.metric.unit}" if self.metric.unit else number


def _labels(glossary: Glossary, iri: str) -> tuple[str, ...]:
    concept = glossary.concept(iri)
    found = list(concept.pref_labels.values())
    for values in concept.alt_labels.values():
        found.extend(values)
    return tuple(sorted(set(found)))


_STRINGS = frozenset({"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"})


def _objects(glossary: Glossary, iri: str, prop: str) -> set[ox.Term]:
    """The objects of ``(iri, prop)`` in the store (every graph, each once)."""
    return {q.object for q in glossary.store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(prop), None)}


def _literal(glossary: Glossary, iri: str, prop: str, lang: str = "en") -> str:
    """The literal of ``(iri, prop)`` in ``lang``; of several in one language, the last in
    rdflib's order of literals (for text: the greatest), as when this read an rdflib graph."""
    literals = [v for v in _objects(glossary, iri, ROG_IRI + prop) if isinstance(v, ox.Literal)]
    if any(v.datatype.value not in _STRINGS for v in literals):  # numbers, dates ...: rdflib orders them
        from ..io.convert import from_oxigraph

        ordered = [(v.language or "", str(v)) for v in sorted(from_oxigraph(v) for v in literals)]
    else:
        ordered = sorted((v.language or "", v.value) for v in literals)
    return pick(dict(ordered), lang)


def _metric(glossary: Glossary, iri: str, lang: str) -> Metric:
    inputs = []
    concepts = set(glossary.concept_keys)
    for quantity in sorted(o.value for o in _objects(glossary, iri, ROG_IRI + "hasInput") if isinstance(o, ox.NamedNode)):
        symbol = _literal(glossary, quantity, "symbol")
        label = glossary.label(quantity, lang)
        if not symbol:
            raise MetricError(f"input {label!r} of metric {glossary.label(iri, lang)!r} has no rog:symbol")
        labels = _labels(glossary, quantity) if quantity in concepts else (label,)
        inputs.append(Quantity(quantity, symbol, labels, label))
    return Metric(
        key=iri,
        label=glossary.label(iri, lang),
        expression=_literal(glossary, iri, "expression"),
        unit=_literal(glossary, iri, "unit"),
        formula=_literal(glossary, iri, "formula", lang),
        inputs=tuple(inputs),
    )


def metrics(glossary: Glossary, lang: str = "en") -> list[Metric]:
    """Every concept with a ``rog:expression``, sorted by label."""
    expression = ox.NamedNode(ROG_IRI + "expression")
    iris = {q.subject.value for q in glossary.store.quads_for_pattern(None, expression, None) if isinstance(q.subject, ox.NamedNode)}
    found = [_metric(glossary, iri, lang) for iri in iris]
    return sorted(found, key=lambda m: (m.label.casefold(), m.key))


def find_metric(glossary: Glossary, name: str, lang: str = "en") -> Metric:
    """The metric labelled ``name`` (any label, any language)."""
    try:
        concept = glossary.find(name)
    except ConceptNotFound as exc:
        raise MetricError(str(exc)) from None
    metric = _metric(glossary, concept.key, lang)
    if not metric.expression:
        raise MetricError(f"{metric.label!r} has no rog:expression, so it cannot be computed")
    return metric


def parse_number(text: str) -> Fraction:
    """A finite decimal number (``"800"``, ``"-12.5"``, ``"1e3"``) as an exact fraction."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"{text!r} is not a finite number")
    # Fraction(Decimal("1e999999999")) would build a billion-digit integer: bound the size first.
    if number and (abs(number.adjusted()) > MAX_EXPONENT or len(number.as_tuple().digits) > MAX_DIGITS):
        raise ValueError(f"{text!r} is out of range (at most {MAX_DIGITS} digits, magnitude 1e±{MAX_EXPONENT})")
    return Fraction(number)


def format_number(value: Fraction, places: int = PLACES) -> str:
    """Exact when the decimal terminates within ``places`` digits, else rounded.

    >>> format_number(Fraction(80)), format_number(Fraction(1, 8)), format_number(Fraction(2, 3))
    ('80', '0.125', '0.6667')
    >>> format_number(Fraction(1, 3 * 10**6))
    '0.0000003333'
    """
    rounded = round(value, places)
    if value and not rounded:
        with localcontext() as context:
            context.prec = places
            text = f"{Decimal(value.numerator) / Decimal(value.denominator):f}"
        return text
    text = f"{Decimal(rounded.numerator) / Decimal(rounded.denominator):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# -- the safe evaluator ----------------------------------------------------------------

_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_UNARY = {ast.USub: "-", ast.UAdd: "+"}


def _check(node: ast.AST, symbols: frozenset[str], depth: int = 0) -> None:
    """Refuse anything but numbers, the four operations, signs and known symbols."""
    if depth > MAX_DEPTH:
        raise MetricError("expression is nested too deeply")
    if isinstance(node, ast.Expression):
        _check(node.body, symbols, depth + 1)
    elif isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        _check(node.left, symbols, depth + 1)
        _check(node.right, symbols, depth + 1)
    elif isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        _check(node.operand, symbols, depth + 1)
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        if not math.isfinite(node.value):
            raise MetricError(f"expression contains the number {node.value!r}, which is not finite")
    elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        if node.id not in symbols:
            raise MetricError(f"expression uses {node.id!r}, which is not an input symbol")
    else:
        what = type(node.op).__name__ if isinstance(node, (ast.BinOp, ast.UnaryOp)) else type(node).__name__
        raise MetricError(f"expression contains {what}, which is not allowed (only numbers, + - * /, parentheses, input symbols)")


def _value(node: ast.AST, values: Mapping[str, Fraction]) -> Fraction:
    if isinstance(node, ast.Expression):
        return _value(node.body, values)
    if isinstance(node, ast.Constant):
        # repr gives the literal as written for floats (0.1 -> "0.1"), so no binary error.
        return Fraction(Decimal(repr(node.value)))
    if isinstance(node, ast.Name):
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _value(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    assert isinstance(node, ast.BinOp)
    left, right = _value(node.left, values), _value(node.right, values)
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Sub):
        return left - right
    if isinstance(node.op, ast.Mult):
        return left * right
    if right == 0:
        raise MetricError(f"division by zero in {ast.unparse(node)}")
    return left / right


def parse_expression(expression: str, symbols: frozenset[str]) -> ast.Expression:
    """Parse and check ``expression``; raises :class:`MetricError` when it is not plain arithmetic."""
    if len(expression) > MAX_EXPRESSION_LENGTH:
        raise MetricError(f"expression is longer than {MAX_EXPRESSION_LENGTH} characters")
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except (SyntaxError, ValueError) as exc:
        raise MetricError(f"expression {expression!r} is not valid arithmetic: {getattr(exc, 'msg', exc)}") from None
    except RecursionError:
        raise MetricError("expression is nested too deeply") from None
    _check(tree, symbols)
    return tree


def evaluate_expression(expression: str, values: Mapping[str, Fraction]) -> Fraction:
    """The exact value of an arithmetic ``expression`` over named ``values``; never ``eval``.

    >>> evaluate_expression("(a / b) * 100", {"a": Fraction(800), "b": Fraction(1000)})
    Fraction(80, 1)
    """
    tree = parse_expression(expression, frozenset(values))
    return _value(tree, values)


def _match_inputs(metric: Metric, given: Mapping[str, str]) -> dict[str, Fraction]:
    by_name: dict[str, Quantity] = {}
    for quantity in metric.inputs:
        for name in (quantity.symbol, *quantity.labels):
            by_name[normalize_label(name)] = quantity
    expected = ", ".join(f"{q.label} ({q.symbol})" for q in metric.inputs)
    values: dict[str, Fraction] = {}
    for name, raw in given.items():
        quantity = by_name.get(normalize_label(name))
        if quantity is None:
            raise MetricError(f"{metric.label!r} has no input {name!r}; its inputs are: {expected}")
        if quantity.symbol in values:
            raise MetricError(f"input {quantity.label!r} is given twice")
        try:
            values[quantity.symbol] = parse_number(raw)
        except ValueError as exc:
            raise MetricError(f"input {name!r}: {exc}") from None
    missing = [f"{q.label} ({q.symbol})" for q in metric.inputs if q.symbol not in values]
    if missing:
        raise MetricError(f"{metric.label!r} needs input {', '.join(missing)}; give it with --input \"NAME=VALUE\"")
    return values


def compute(glossary: Glossary, name: str, inputs: Mapping[str, str], lang: str = "en") -> MetricResult:
    """Compute the metric labelled ``name`` from ``inputs`` (input name or symbol -> number text)."""
    metric = find_metric(glossary, name, lang)
    symbols = frozenset(q.symbol for q in metric.inputs)
    # Check the formula before looking at the values, so an unsafe one is refused whatever they are.
    try:
        parse_expression(metric.expression, symbols)
    except MetricError as exc:
        raise MetricError(f"formula of {metric.label!r}: {exc}") from None
    values = _match_inputs(metric, inputs)
    value = evaluate_expression(metric.expression, values)
    return MetricResult(metric, value, tuple(sorted(values.items())))
