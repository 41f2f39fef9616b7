"""Run SPARQL on a store: one function per query form, each with one return type.

:func:`select` gives rdflib rows (:class:`~revops_graph.query.results.Rows`), for Python
callers; :func:`select_terms` the store's answer in pyoxigraph terms, which the command line
writes without importing rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import QueryError
from ..io.convert import AnyTerm
from ..store.base import GRAPH_FORMS, SelectResult, Store
from ..store.values import inject_values
from .guard import Checked, check, explain_syntax_error
from .named import NamedQuery, QueryText
from .params import bind_parameters, valid_iri
from .results import Rows

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "DEFAULT_TIMEOUT",
    "ask",
    "construct",
    "labels",
    "select",
    "select_terms",
    "update",
]


#: Seconds a query may run before it is stopped.
DEFAULT_TIMEOUT = 30.0


def _prepare(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | AnyTerm] | None,
    allow_network: bool,
    timeout: float,
) -> tuple[str, Checked, dict[str, AnyTerm]]:
    named = query if isinstance(query, NamedQuery) else None
    text = named.text if named else str(query)
    checked = check(text, allow_network=allow_network, source=named.name if named else "query")
    if checked.form == "UPDATE":
        raise QueryError("this is an update; run it with update(), not as a query")
    return text, checked, bind_parameters(store, named, checked, params or {}, timeout)


def _source(query: QueryText) -> str:
    return query.name if isinstance(query, NamedQuery) else "query"


def _execute(store: Store, text: str, form: str, bindings: Any, timeout: float, source: str) -> Any:
    """``store.execute``, with rdflib's precise account of a syntax error the engine reported."""
    try:
        return store.execute(text, form, bindings, timeout)
    except QueryError as exc:
        if "syntax error" not in str(exc):
            raise
        raise (explain_syntax_error(text, source) or exc) from None


def _wrong_form(checked: Checked, wanted: str) -> QueryError:
    return QueryError(f"this is a {checked.form} query; use {wanted}")


def select(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | AnyTerm] | None = None,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Rows:
    """Run a SELECT query (named or text) and return its rows, in rdflib terms."""
    return Rows.of(select_terms(store, query, params, allow_network=allow_network, timeout=timeout))


def select_terms(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | AnyTerm] | None = None,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> SelectResult:
    """Run a SELECT query as :func:`select` does; its rows in pyoxigraph terms (``.terms``;
    ``.rows`` converts them to rdflib's), for callers that need no rdflib."""
    text, checked, bindings = _prepare(store, query, params, allow_network, timeout)
    if checked.form != "SELECT":
        raise _wrong_form(checked, {"ASK": "ask()"}.get(checked.form, "construct()"))
    result = _execute(store, text, "SELECT", bindings, timeout, _source(query))
    assert isinstance(result, SelectResult)
    return result


def ask(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | AnyTerm] | None = None,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> bool:
    """Run an ASK query and return its answer."""
    text, checked, bindings = _prepare(store, query, params, allow_network, timeout)
    if checked.form != "ASK":
        raise _wrong_form(checked, "select()" if checked.form == "SELECT" else "construct()")
    return bool(_execute(store, text, "ASK", bindings, timeout, _source(query)))


def construct(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | AnyTerm] | None = None,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Graph:
    """Run a CONSTRUCT or DESCRIBE query and return the graph it builds."""
    text, checked, bindings = _prepare(store, query, params, allow_network, timeout)
    if checked.form not in GRAPH_FORMS:
        raise _wrong_form(checked, "select()" if checked.form == "SELECT" else "ask()")
    return _execute(store, text, checked.form, bindings, timeout, _source(query))  # type: ignore[no-any-return]


def update(
    store: Store,
    text: str,
    *,
    allow_update: bool = False,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Run a SPARQL update; refused unless ``allow_update``."""
    checked = check(text, allow_update=allow_update, allow_network=allow_network, source="update")
    if checked.form != "UPDATE":
        raise QueryError(f"this is a {checked.form} query, not an update")
    store.update(text, timeout)


_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?x ?label WHERE { ?x skos:prefLabel|rdfs:label ?label }
"""


def labels(store: Store, iris: Iterable[str], lang: str = "en", timeout: float = DEFAULT_TIMEOUT) -> dict[str, str]:
    """Labels for ``iris`` (rdflib ``URIRef`` terms or plain IRI strings) in ``lang`` (else English,
    else untagged), from the store itself; keyed by the IRIs as given."""
    given = {str(iri): iri for iri in set(iris) if valid_iri(str(iri))}
    if not given:
        return {}
    # The IRIs come from query results; they are written as N-Triples terms, not text.
    text = inject_values(_LABELS, ["x"], [[ox.NamedNode(iri)] for iri in sorted(given)])
    result = store.execute(text, "SELECT", {}, timeout)
    assert isinstance(result, SelectResult)
    rank = {lang: 0, "en": 1, "": 2}
    best: dict[str, tuple[int, str]] = {}
    for iri, label in result.terms:
        if isinstance(iri, ox.NamedNode) and isinstance(label, ox.Literal):
            score = (rank.get(label.language or "", 3), label.value)
            if iri.value not in best or score < best[iri.value]:
                best[iri.value] = score
    return {given[iri]: label for iri, (_, label) in best.items() if iri in given}
