"""The store interface every backend implements, and what they share: answers, time limits."""

from __future__ import annotations

import ctypes
import functools
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

import pyoxigraph as ox

from ..errors import QueryError
from ..io.convert import AnyTerm, from_oxigraph, to_oxigraph

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = [
    "SelectResult",
    "Store",
    "parsed_query",
]


#: What a backend answers: rows for SELECT, a bool for ASK, a graph for CONSTRUCT/DESCRIBE.
Answer = Union["SelectResult", bool, "Graph"]


#: Parameters by variable name: pyoxigraph terms, or rdflib terms a Python caller gave.
Bindings = Mapping[str, AnyTerm]

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


class SelectResult:
    """The variables and rows of a SELECT query (``None`` where a variable is unbound).

    A backend gives its rows in pyoxigraph terms (``terms``) or in rdflib terms (``rows``);
    each form is converted from the other on first use only, so a command that writes the
    answer from pyoxigraph terms never imports rdflib, and a Python caller reading ``rows``
    gets rdflib terms as before.
    """

    def __init__(
        self,
        variables: Sequence[str],
        rows: list[tuple[Node | None, ...]] | None = None,
        *,
        terms: list[tuple[OxTerm | None, ...]] | None = None,
    ) -> None:
        if (rows is None) == (terms is None):
            raise TypeError("SelectResult takes rows (rdflib terms) or terms (pyoxigraph terms)")
        self.variables: tuple[str, ...] = tuple(variables)
        self._rows = rows
        self._terms = terms

    @property
    def rows(self) -> list[tuple[Node | None, ...]]:
        """The rows in rdflib terms (imports rdflib when the backend gave pyoxigraph terms)."""
        if self._rows is None:
            self._rows = _converted(self._terms or [], from_oxigraph)
        return self._rows

    @property
    def terms(self) -> list[tuple[OxTerm | None, ...]]:
        """The rows in pyoxigraph terms."""
        if self._terms is None:
            self._terms = _converted(self._rows or [], to_oxigraph)
        return self._terms

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SelectResult):
            return NotImplemented
        return self.variables == other.variables and self.terms == other.terms

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SelectResult(variables={self.variables!r}, {len(self.terms)} rows)"


def _converted(rows: list[tuple[Any, ...]], convert: Callable[[Any], Any]) -> list[tuple[Any, ...]]:
    done: dict[Any, Any] = {}  # a term recurs down a column: convert it once

    def term(value: Any) -> Any:
        if value is None:
            return None
        found = done.get(value)
        if found is None:
            found = done[value] = convert(value)
        return found

    return [tuple(term(v) for v in row) for row in rows]


class Store(ABC):
    """A SPARQL dataset: one interface over memory, embedded Oxigraph and remote servers."""

    #: A short description for messages ("memory", "oxigraph:/path", the endpoint URL).
    name: str = "store"

    @abstractmethod
    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        """Run a checked query of ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE)."""

    @abstractmethod
    def update(self, update: str, timeout: float) -> None:
        """Run a checked SPARQL update (only called when updates were allowed)."""


class _Stopped(BaseException):
    """Raised inside an abandoned query thread (BaseException so rdflib cannot swallow it)."""


def run_with_limit(work: Callable[[], Any], timeout: float) -> Any:
    """Run ``work`` in a thread; at ``timeout`` stop it and raise QueryError.

    rdflib evaluates queries in pure Python, so an asynchronous exception stops the
    thread at its next bytecode (measured: under 15 ms). The thread is a daemon, so an
    interpreter exit never waits for it.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except _Stopped:
            pass
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    thread = threading.Thread(target=target, name="revops-graph-query", daemon=True)
    thread.start()
    try:
        thread.join(timeout)
    finally:
        if thread.is_alive() and thread.ident is not None:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(_Stopped))
            thread.join(1.0)
    if "error" in box:
        raise box["error"]
    if "value" not in box:
        raise QueryError(f"query exceeded {timeout:g} s and was stopped (raise --timeout to allow longer)")
    return box["value"]


def to_rdflib_graph(triples: Iterator[ox.Triple]) -> Graph:
    from rdflib import Graph

    from ..namespaces import bind_prefixes

    graph = bind_prefixes(Graph())
    for t in triples:
        graph.add((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)))
    return graph


def from_results(data: bytes, fmt: ox.QueryResultsFormat) -> SelectResult | bool:
    parsed = ox.parse_query_results(data, format=fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed)
    variables = tuple(v.value for v in parsed.variables)
    return SelectResult(variables, terms=[tuple(solution[v] for v in variables) for solution in parsed])


@functools.lru_cache(maxsize=256)
def parsed_query(text: str) -> Any:
    """rdflib's parsed and translated form of a SPARQL query, remembered.

    The checker (:func:`revops_graph.query.check`) and the in-memory store share it:
    rdflib's parser costs 10-70 ms a query, a good part of a command on the embedded
    glossary. Raises pyparsing's ParseException for a syntax error.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    return translateQuery(parseQuery(text))


def reported(work: Callable[[], Any]) -> Callable[[], Any]:
    """``work`` with rdflib's own evaluation errors turned into QueryError."""

    def run() -> Any:
        try:
            return work()
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises plain Exception for many query problems
            raise QueryError(f"rdflib could not run the query: {exc}") from exc

    return run


#: ``progress(done, total)``: bytes read so far and in all, or bytes sent for :func:`push`.
Progress = Callable[[int, int], None]
