"""Run SPARQL on a store: one function per query form, each with one return type."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.query import ResultRow
from rdflib.term import Node

from ..errors import QueryError
from ..store.base import GRAPH_FORMS, SelectResult, Store
from ..store.values import inject_values
from .guard import Checked, check, explain_syntax_error
from .named import NamedQuery, QueryText
from .params import bind_parameters, valid_iri
from .results import Rows

__all__ = [
    "DEFAULT_TIMEOUT",
    "ask",
    "construct",
    "labels",
    "select",
    "update",
]


#: Seconds a query may run before it is stopped.
DEFAULT_TIMEOUT = 30.0


def _prepare(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | Node] | None,
    allow_network: bool,
    timeout: float,
) -> tuple[str, Checked, dict[str, Node]]:
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
    params: Mapping[str, str | Node] | None = None,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Rows:
    """Run a SELECT query (named or text) and return its rows."""
    text, checked, bindings = _prepare(store, query, params, allow_network, timeout)
    if checked.form != "SELECT":
        raise _wrong_form(checked, {"ASK": "ask()"}.get(checked.form, "construct()"))
    result = _execute(store, text, "SELECT", bindings, timeout, _source(query))
    assert isinstance(result, SelectResult)
    labels = {Variable(v): i for i, v in enumerate(result.variables)}
    return Rows(
        result.variables,
        (ResultRow({Variable(v): t for v, t in zip(result.variables, row) if t is not None}, labels) for row in result.rows),  # type: ignore[arg-type]
    )


def ask(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | Node] | None = None,
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
    params: Mapping[str, str | Node] | None = None,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Graph:
    """Run a CONSTRUCT or DESCRIBE query and return the graph it builds."""
    text, checked, bindings = _prepare(store, query, params, allow_network, timeout)
    if checked.form not in GRAPH_FORMS:
        raise _wrong_form(checked, "select()" if checked.form == "SELECT" else "ask()")
    result = _execute(store, text, checked.form, bindings, timeout, _source(query))
    assert isinstance(result, Graph)
    return result


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


def labels(store: Store, iris: Iterable[URIRef], lang: str = "en", timeout: float = DEFAULT_TIMEOUT) -> dict[URIRef, str]:
    """Labels for ``iris`` in ``lang`` (else English, else untagged), from the store itself."""
    wanted = sorted(iri for iri in set(iris) if valid_iri(iri))
    if not wanted:
        return {}
    # The IRIs come from query results; they are written as N-Triples terms, not text.
    text = inject_values(_LABELS, ["x"], [[iri] for iri in wanted])
    result = store.execute(text, "SELECT", {}, timeout)
    assert isinstance(result, SelectResult)
    rank = {lang: 0, "en": 1, "": 2}
    best: dict[URIRef, tuple[int, str]] = {}
    for iri, label in sorted(result.rows, key=lambda r: (str(r[0]), str(r[1]))):
        if isinstance(iri, URIRef) and isinstance(label, Literal):
            score = (rank.get(label.language or "", 3), str(label))
            if iri not in best or score < best[iri]:
                best[iri] = score
    return {iri: label for iri, (_, label) in best.items()}
