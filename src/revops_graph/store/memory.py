"""The in-memory backend: SPARQL by Oxigraph over the glossary's in-memory store.

The glossary's graph already sits in a pyoxigraph ``Store`` (see
:class:`~revops_graph.model.Glossary`), so queries run there, in Rust, with parameters
as ``substitutions`` (SEP-0007) — or, for a variable a SELECT does not return, as a
``VALUES`` block, as for the on-disk store. Answers keep Oxigraph's terms
(:class:`~revops_graph.store.base.SelectResult` converts them to rdflib's when asked).

Time limit: the query runs in a daemon thread and its answer is read row by row in
Python, where the limit stops it; a single long step inside Oxigraph (a sort, an
aggregate) cannot be interrupted, so the caller gets its error at the limit while that
step runs on until it ends or the process exits. ``--store oxigraph:PATH`` runs queries in
a process of their own that is killed at the limit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..errors import QueryError
from ..io.convert import to_oxigraph
from .base import (
    GRAPH_FORMS,
    Answer,
    Bindings,
    SelectResult,
    Store,
    run_with_limit,
    to_rdflib_graph,
)
from .values import NotProjected, substituted

if TYPE_CHECKING:
    from rdflib import Graph

    from ..model import Glossary

__all__ = [
    "MemoryStore",
]


class MemoryStore(Store):
    """The glossary's in-memory Oxigraph store, queried in this process (the default).

    Given an rdflib ``Graph`` instead (a Python user's own), rdflib queries and updates
    that graph itself: see :class:`RdflibGraphStore`.
    """

    name = "memory"

    def __new__(cls, glossary: Glossary | Graph | ox.Store) -> Store:  # type: ignore[misc]
        if cls is MemoryStore and rdfl.is_a(glossary, "Graph"):
            from .rdflib_graph import RdflibGraphStore

            return RdflibGraphStore(glossary)
        return super().__new__(cls)

    def __init__(self, glossary: Glossary | Graph | ox.Store) -> None:
        # Queries see every graph as the default one: a glossary's vocabulary may sit in its own.
        self.store: ox.Store = glossary if isinstance(glossary, ox.Store) else glossary.store  # type: ignore[union-attr]

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        def run(text: str, terms: Bindings) -> Answer:
            return _answer(_query(self.store, text, terms), form)

        return run_with_limit(lambda: substituted(run, query, bindings), timeout)

    def update(self, update: str, timeout: float) -> None:
        def work() -> None:
            try:
                self.store.update(update)  # an update names its graphs: the data is the default one
            except SyntaxError as exc:
                raise _query_error(exc) from None
            except (OSError, ValueError) as exc:
                raise QueryError(f"Oxigraph could not run the update: {exc}") from None

        run_with_limit(work, timeout)


def _query(store: ox.Store, query: str, bindings: Bindings) -> Any:
    """The query's answer over every graph, the bindings as substitutions."""
    substitutions = {ox.Variable(name): to_oxigraph(term) for name, term in bindings.items()}
    try:
        return store.query(query, substitutions=substitutions, use_default_graph_as_union=True)  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise _query_error(exc) from None
    except RuntimeError as exc:
        if substitutions and "SELECT projection" in str(exc):
            raise NotProjected from None
        raise QueryError(f"Oxigraph could not run the query: {exc}") from None
    except (OSError, ValueError) as exc:
        raise QueryError(f"Oxigraph could not run the query: {exc}") from None


_AT = re.compile(r"^error at (\d+):(\d+): ")


def _query_error(exc: SyntaxError) -> QueryError:
    """Oxigraph's "error at 3:8: expected ..." as "syntax error at line 3, column 8: expected ..."."""
    found = _AT.match(str(exc.msg))
    if found:
        return QueryError(f"syntax error at line {found[1]}, column {found[2]}: {exc.msg[found.end():]}")
    where = f"line {exc.lineno}, column {exc.offset}: " if exc.lineno else ""
    return QueryError(f"syntax error: {where}{exc.msg}")


def _answer(result: Any, form: str) -> Answer:
    """An Oxigraph answer, read row by row (where the time limit can stop it); a graph in rdflib terms."""
    try:
        if form == "ASK":
            return bool(result)
        if form in GRAPH_FORMS:
            return to_rdflib_graph(iter(result))
        variables = tuple(v.value for v in result.variables)
        return SelectResult(variables, terms=[tuple(solution[v] for v in variables) for solution in result])
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"Oxigraph could not run the query: {exc}") from None
