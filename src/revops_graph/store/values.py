"""Bound parameters as a SPARQL ``VALUES`` block, for servers that take no bindings."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import pyoxigraph as ox

from ..errors import QueryError
from ..io.convert import AnyTerm, to_oxigraph

__all__ = [
    "inject_values",
]


# SPARQL tokens that may hide braces: comments, strings (long forms first), IRIs.
_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n]*|\s+
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'
        |<[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<open>\{)|(?P<close>\})|(?P<lparen>\()|(?P<rparen>\))
      |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _where_brace(query: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE pattern."""
    form: str | None = None
    depth_paren = 0
    template_skipped = False
    tokens = _TOKENS.finditer(query)
    for match in tokens:
        kind = match.lastgroup
        if kind == "skip":
            continue
        text = match.group()
        if form is None:
            if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = text.upper()
            continue
        if form == "CONSTRUCT" and not template_skipped:
            if kind == "open":
                depth = 1
                for inner in tokens:
                    if inner.lastgroup == "open":
                        depth += 1
                    elif inner.lastgroup == "close":
                        depth -= 1
                        if depth == 0:
                            break
                template_skipped = True
                continue
            raise QueryError("parameters need the long form CONSTRUCT { template } WHERE { pattern }")
        if kind == "lparen":
            depth_paren += 1
        elif kind == "rparen":
            depth_paren -= 1
        elif kind == "open" and depth_paren == 0:
            return match.end()
    raise QueryError("cannot find the WHERE pattern of the query to bind parameters into")


def values_block(variables: Sequence[str], rows: Sequence[Sequence[AnyTerm]]) -> str:
    """``VALUES (?a ?b) { (t1 t2) ... }`` with every term in N-Triples syntax.

    Terms are written by pyoxigraph, whose N-Triples serialization escapes quotes,
    backslashes and line breaks, so a value can never end its literal early.
    """
    for name in variables:
        if not _VARNAME.match(name):
            raise QueryError(f"{name!r} is not a usable variable name")
    lines = []
    for row in rows:
        cells = []
        for term in row:
            try:
                converted = to_oxigraph(term)
            except TypeError:
                converted = None
            except ValueError as exc:
                raise QueryError(f"{term.n3()} is not a valid RDF term: {exc}") from None  # type: ignore[union-attr]
            if not isinstance(converted, (ox.NamedNode, ox.Literal)):
                raise QueryError(f"a parameter must be an IRI or a literal, not {term!r}")
            cells.append(str(converted))
        lines.append("(" + " ".join(cells) + ")")
    return "VALUES (" + " ".join("?" + n for n in variables) + ") { " + " ".join(lines) + " }"


def inject_values(query: str, variables: Sequence[str], rows: Sequence[Sequence[AnyTerm]]) -> str:
    """``query`` with a VALUES block of ``rows`` first in its WHERE pattern.

    The query is tokenized (comments, strings and IRIs skipped) to find the brace that
    opens the WHERE pattern; the user's values are never formatted into the text, only
    their N-Triples serialization (see :func:`values_block`).
    """
    if not variables:
        return query
    at = _where_brace(query)
    return f"{query[:at]} {values_block(variables, rows)}\n{query[at:]}"


class NotProjected(Exception):
    """pyoxigraph substitutes (SEP-0007) only the variables a SELECT returns."""


T = TypeVar("T")


def substituted(run: Callable[[str, Mapping[str, AnyTerm]], T], query: str, bindings: Mapping[str, AnyTerm]) -> T:
    """``run(query, bindings)`` with the bindings as substitutions; when ``run`` raises
    :class:`NotProjected`, the same terms go in as a ``VALUES`` block instead, as for a server."""
    try:
        return run(query, bindings)
    except NotProjected:
        names = sorted(bindings)
        return run(inject_values(query, names, [[bindings[n] for n in names]]), {})
