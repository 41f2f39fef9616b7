"""A SPARQL server whose SELECT and CONSTRUCT answers come page by page.

A query a user writes may match a million rows, and one answer that big is one request a
server may cut off (many cap answers at 10,000 rows) or that takes all the client's memory
at once. :class:`PagedEndpoint` runs the query as a subquery ordered by every variable it
projects (a stable order: rows distinct in those are never tied) and asks for ``LIMIT page
OFFSET k`` until a page comes back short. A CONSTRUCT is paged by the solutions of its
pattern, projected on the template's variables, so the pages' graphs make the whole graph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef, Variable

from .base import Answer, Bindings, SelectResult, parsed_query
from .endpoint import EndpointStore
from .values import inject_values

__all__ = ["PagedEndpoint", "paged_query"]

#: Rows per page.
PAGE = 5000

# PREFIX and BASE declarations and comments: the prologue, which stays in front of the wrapper.
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s*[^\s:<]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)
_CONSTRUCT = re.compile(r"CONSTRUCT\s*", re.IGNORECASE)
_WHERE = re.compile(r"WHERE\s*", re.IGNORECASE)


def _group_end(text: str, start: int) -> int:
    """The index just past the ``}`` closing the group that opens at ``text[start]``; strings,
    IRIs and comments are skipped, so braces in them do not count."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c in "\"'":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i += len(quote)
            while i < len(text) and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
            continue
        if c == "<" and (m := re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:])):
            i += m.end()
            continue
        if c == "#":
            newline = text.find("\n", i)
            i = len(text) if newline < 0 else newline
            continue
        depth += (c == "{") - (c == "}")
        i += 1
        if depth == 0:
            return i
    raise ValueError("unbalanced braces")


def _order(variables: list[str]) -> str:
    return " ".join(f"?{v}" for v in variables)


def paged_query(text: str, form: str) -> tuple[str, list[tuple]] | None:
    """``text`` as a SELECT of its answer's rows in a stable order, to be followed by ``LIMIT n
    OFFSET k``, and for a CONSTRUCT its template (the triples each row makes); ``None`` when it
    cannot be paged (nothing to order by)."""
    prologue = _PROLOGUE.match(text).group(0)  # type: ignore[union-attr]
    body = text[len(prologue):]
    if form == "SELECT":
        variables = [str(v) for v in parsed_query(text).algebra.get("PV") or ()]
        if not variables:
            return None
        order = _order(sorted(variables))
        return f"{prologue}SELECT DISTINCT {order} WHERE {{ {{ {body}\n}} }} ORDER BY {order}", []
    head = _CONSTRUCT.match(body)
    if form != "CONSTRUCT" or head is None:
        return None
    rest = body[head.end():]
    if (short := _WHERE.match(rest)) is not None:  # CONSTRUCT WHERE { pattern }: the pattern is the template
        end = short.end() + _group_end(rest, short.end())
        template, where = rest[short.end():end], rest
    else:
        end = _group_end(rest, 0)
        template, where = rest[:end], rest[end:]
    triples = list(parsed_query(f"{prologue}CONSTRUCT {template} WHERE {{}}").algebra.get("template") or ())
    variables = sorted({str(t) for triple in triples for t in triple if isinstance(t, Variable)})
    if not variables:
        return None
    order = _order(variables)
    return f"{prologue}SELECT DISTINCT {order} WHERE {{ {{ SELECT * {where}\n}} }} ORDER BY {order}", triples


def _instantiate(template: list[tuple], variables: tuple[str, ...], rows: list[tuple], graph: Graph) -> None:
    """Add to ``graph`` the triples ``template`` makes of each row, as CONSTRUCT does: a triple
    with an unbound variable or an impossible term is left out, blank nodes are new per row."""
    for row in rows:
        values = {Variable(v): t for v, t in zip(variables, row) if t is not None}
        fresh: dict[BNode, BNode] = {}
        for triple in template:
            s, p, o = (values.get(t) if isinstance(t, Variable) else fresh.setdefault(t, BNode())
                       if isinstance(t, BNode) else t for t in triple)
            if s is not None and p is not None and o is not None and not isinstance(s, Literal) and isinstance(p, URIRef):
                graph.add((s, p, o))


class PagedEndpoint(EndpointStore):
    """An :class:`~revops_graph.store.EndpointStore` that pages SELECT and CONSTRUCT answers
    (``page`` rows a request) and keeps each query's whole answer, so a query asked twice
    (once to choose what to fetch, once to draw) is sent once. A SELECT's rows come each once
    (what a map draws is a set). ``progress(rows, None)`` is called after each page."""

    def __init__(self, *args: Any, page: int = PAGE,
                 progress: Callable[[int, int | None], None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page = page
        self.progress = progress
        self._answers: dict[tuple[str, str], Answer] = {}

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        names = sorted(bindings)
        text = inject_values(query, names, [[bindings[n] for n in names]]) if names else query
        key = (text, form)
        if key not in self._answers:
            self._answers[key] = self._paged(text, form, timeout)
        return self._answers[key]

    def _paged(self, text: str, form: str, timeout: float) -> Answer:
        try:
            paging = paged_query(text, form)
        except ValueError:  # braces the scan cannot pair: the server judges the query as written
            paging = None
        if paging is None:
            return super().execute(text, form, {}, timeout)
        select, template = paging
        rows: list[tuple] = []
        variables: tuple[str, ...] = ()
        while True:
            answer = super().execute(f"{select} LIMIT {self.page} OFFSET {len(rows)}", "SELECT", {}, timeout)
            assert isinstance(answer, SelectResult)
            variables = variables or answer.variables
            rows += [tuple(dict(zip(answer.variables, row)).get(v) for v in variables) for row in answer.rows]
            if self.progress is not None:
                self.progress(len(rows), None)
            if len(answer.rows) < self.page:
                break
        if form == "SELECT":
            return SelectResult(variables, rows)
        graph = Graph()
        _instantiate(template, variables, rows, graph)
        return graph
