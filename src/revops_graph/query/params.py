"""Parameters as RDF terms: labels, CURIEs and IRIs resolved to the term they name."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from ..errors import QueryError
from ..namespaces import PREFIXES
from ..store.base import SelectResult, Store
from .guard import Checked
from .named import PARAM_TYPES, NamedQuery, Param

_CURIE = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")


_RESOLVE = {
    "concept": """
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?text ?x WHERE {
          ?x skos:prefLabel|skos:altLabel|rdfs:label ?label .
          FILTER (LCASE(STR(?label)) = LCASE(STR(?text)))
          ?x a/rdfs:subClassOf* skos:Concept .
        } ORDER BY ?x""",
    "class": """
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?text ?x WHERE {
          ?x rdfs:label|<http://www.w3.org/2004/02/skos/core#prefLabel> ?label .
          FILTER (LCASE(STR(?label)) = LCASE(STR(?text)))
          { ?x a owl:Class } UNION { ?x a rdfs:Class }
        } ORDER BY ?x""",
}


def _iri(value: str) -> URIRef | None:
    """``<iri>``, an absolute IRI, or a CURIE with a known prefix; None for anything else."""
    import pyoxigraph as ox

    if value.startswith("<") and value.endswith(">"):
        candidate = value[1:-1]
    else:
        match = _CURIE.match(value)
        if match and match.group(1) in PREFIXES:
            candidate = PREFIXES[match.group(1)] + match.group(2)
        elif re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$", value) and ("://" in value or value.startswith("urn:")):
            candidate = value
        else:
            return None
    try:
        ox.NamedNode(candidate)
    except ValueError as exc:
        raise QueryError(f"{value!r} is not a valid IRI: {exc}") from None
    return URIRef(candidate)


def _resolve(store: Store, kind: str, name: str, value: str, timeout: float) -> URIRef:
    iri = _iri(value)
    if iri is not None:
        return iri
    result = store.execute(_RESOLVE[kind], "SELECT", {"text": Literal(value)}, timeout)
    assert isinstance(result, SelectResult)
    hits = [row[1] for row in result.rows if isinstance(row[1], URIRef)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise QueryError(f"parameter {name}: no {kind} is labelled {value!r}")
    raise QueryError(f"parameter {name}: {value!r} labels several: {', '.join(hits)}; give the IRI")


def _convert(store: Store, param: Param, value: str | Node, timeout: float) -> Node:
    if not isinstance(value, str):
        return value
    kind = param.type
    if kind in _RESOLVE:
        return _resolve(store, kind, param.name, value, timeout)
    if kind == "iri":
        iri = _iri(value)
        if iri is None:
            raise QueryError(f"parameter {param.name}: {value!r} is not an IRI or a CURIE with a known prefix")
        return iri
    if kind == "string":
        return Literal(value)
    try:
        if kind == "integer":
            return Literal(int(value), datatype=XSD.integer)
        if kind == "decimal":
            return Literal(Decimal(value), datatype=XSD.decimal)
    except (ValueError, InvalidOperation):
        raise QueryError(f"parameter {param.name}: {value!r} is not {PARAM_TYPES[kind]}") from None
    if value.lower() in ("true", "false"):
        return Literal(value.lower() == "true", datatype=XSD.boolean)
    raise QueryError(f"parameter {param.name}: {value!r} is not {PARAM_TYPES[kind]}")


def _guess(value: str) -> Node:
    """An ad-hoc query's parameter: an IRI or CURIE, a number, else a string."""
    iri = _iri(value)
    if iri is not None:
        return iri
    if re.fullmatch(r"[+-]?\d+", value):
        return Literal(int(value), datatype=XSD.integer)
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return Literal(Decimal(value), datatype=XSD.decimal)
    return Literal(value)


def bind_parameters(
    store: Store, query: NamedQuery | None, checked: Checked, params: Mapping[str, str | Node], timeout: float
) -> dict[str, Node]:
    if query is not None:
        declared = {p.name: p for p in query.params}
        unknown = sorted(set(params) - set(declared))
        if unknown:
            expected = ", ".join(declared) or "none"
            raise QueryError(f"unknown parameter {', '.join(unknown)} for query {query.name} (expected: {expected})")
        out = {}
        for p in query.params:
            value = params.get(p.name, p.default)
            if value is None:
                raise QueryError(f"query {query.name} needs --param {p.name}=... ({PARAM_TYPES[p.type]})")
            out[p.name] = _convert(store, p, value, timeout)
        return out
    unknown = sorted(set(params) - checked.variables)
    if unknown:
        raise QueryError(f"unknown parameter {', '.join(unknown)}: the query has no such variable")
    return {name: _guess(v) if isinstance(v, str) else v for name, v in params.items()}


def valid_iri(iri: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True
