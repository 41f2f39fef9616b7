"""Parameters as RDF terms: labels, CURIEs and IRIs resolved to the term they name.

Parameters given as text become pyoxigraph terms, which every store takes (an rdflib term a
Python caller gives passes through as it is): resolving them needs no rdflib.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..errors import QueryError
from ..io.convert import AnyTerm
from ..namespaces import PREFIXES
from ..store.base import SelectResult, Store
from .guard import Checked
from .named import PARAM_TYPES, NamedQuery, Param

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER, _DECIMAL, _BOOLEAN = (ox.NamedNode(_XSD + name) for name in ("integer", "decimal", "boolean"))

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


def _iri(value: str) -> ox.NamedNode | None:
    """``<iri>``, an absolute IRI, or a CURIE with a known prefix; None for anything else."""
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
        return ox.NamedNode(candidate)
    except ValueError as exc:
        raise QueryError(f"{value!r} is not a valid IRI: {exc}") from None


def _resolve(store: Store, kind: str, name: str, value: str, timeout: float) -> ox.NamedNode:
    iri = _iri(value)
    if iri is not None:
        return iri
    result = store.execute(_RESOLVE[kind], "SELECT", {"text": ox.Literal(value)}, timeout)
    assert isinstance(result, SelectResult)
    hits = [row[1] for row in result.terms if isinstance(row[1], ox.NamedNode)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise QueryError(f"parameter {name}: no {kind} is labelled {value!r}")
    raise QueryError(f"parameter {name}: {value!r} labels several: {', '.join(h.value for h in hits)}; give the IRI")


def _is_text(value: str | AnyTerm) -> bool:
    """Whether a parameter is text to convert, not a term (rdflib's terms are ``str`` too)."""
    return isinstance(value, str) and not rdfl.is_a(value, "Identifier")


def _convert(store: Store, param: Param, value: str | AnyTerm, timeout: float) -> AnyTerm:
    if not _is_text(value):
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
        return ox.Literal(value)
    try:
        if kind == "integer":
            return _integer(value)
        if kind == "decimal":
            return _decimal(value)
    except (ValueError, InvalidOperation):
        raise QueryError(f"parameter {param.name}: {value!r} is not {PARAM_TYPES[kind]}") from None
    if value.lower() in ("true", "false"):
        return ox.Literal(value.lower(), datatype=_BOOLEAN)
    raise QueryError(f"parameter {param.name}: {value!r} is not {PARAM_TYPES[kind]}")


def _integer(value: str) -> ox.Literal:
    """An ``xsd:integer`` in canonical form (``+007`` is ``7``); ValueError for anything else."""
    return ox.Literal(str(int(value)), datatype=_INTEGER)


def _decimal(value: str) -> ox.Literal:
    """An ``xsd:decimal`` written as the number's plain digits (``1e3`` is ``1000``)."""
    number = Decimal(value)
    if not number.is_finite():
        raise InvalidOperation(value)
    return ox.Literal(format(number, "f"), datatype=_DECIMAL)


def _guess(value: str) -> AnyTerm:
    """An ad-hoc query's parameter: an IRI or CURIE, a number, else a string."""
    iri = _iri(value)
    if iri is not None:
        return iri
    if re.fullmatch(r"[+-]?\d+", value):
        return _integer(value)
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return _decimal(value)
    return ox.Literal(value)


def bind_parameters(
    store: Store, query: NamedQuery | None, checked: Checked, params: Mapping[str, str | AnyTerm], timeout: float
) -> dict[str, AnyTerm]:
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
    return {name: _guess(v) if _is_text(v) else v for name, v in params.items()}  # type: ignore[arg-type]


def valid_iri(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True
