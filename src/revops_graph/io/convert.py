"""Conversion of RDF terms between rdflib and pyoxigraph.

rdflib holds the graph model the toolkit works on; pyoxigraph parses, serializes and
stores. Both sides meet here and nowhere else. rdflib is imported only when an rdflib
term is made or read (see :mod:`revops_graph._rdflib`): pyoxigraph terms pass through
:func:`to_oxigraph` and :func:`sparql_json_term` without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Union

import pyoxigraph as ox

from .. import _rdflib as rdfl

if TYPE_CHECKING:
    from rdflib.term import Node

#: A pyoxigraph term (what the store holds) or an rdflib one (what a Python caller may give).
AnyTerm = Union["Node", ox.NamedNode, ox.BlankNode, ox.Literal]

_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)

__all__ = [
    "from_oxigraph", "in_rdflib_order", "rdflib_keeps", "rdflib_text", "rdflib_truthy", "sparql_json_term", "term_text",
    "to_oxigraph", "triples_to_oxigraph",
]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def from_oxigraph(term: ox.NamedNode | ox.BlankNode | ox.Literal, bnode_prefix: str = "") -> Node:
    """An rdflib term for a pyoxigraph term (``xsd:string`` literals become plain ones)."""
    if isinstance(term, ox.NamedNode):
        return rdfl.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdfl.BNode(bnode_prefix + term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdfl.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return rdfl.Literal(term.value)
        return rdfl.Literal(term.value, datatype=rdfl.URIRef(datatype))
    raise TypeError(f"RDF-star quoted triples are not supported: {term}")


def to_oxigraph(term: AnyTerm) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A pyoxigraph term for an rdflib term (a pyoxigraph term is returned as it is)."""
    if isinstance(term, _OX_TERMS):
        return term
    if isinstance(term, rdfl.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdfl.BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, rdfl.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) not in (_XSD_STRING, _LANG_STRING):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def triples_to_oxigraph(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[ox.Triple]:
    """pyoxigraph triples for rdflib ``(s, p, o)`` tuples."""
    # A term recurs in many triples (a subject in a dozen, a predicate in thousands): convert
    # each once. Terms rdflib holds equal (a language tag in another case) are one term in
    # pyoxigraph too, which lower-cases tags.
    done: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def convert(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        found = done.get(term)
        if found is None:
            found = done[term] = to_oxigraph(term)
        return found

    for s, p, o in triples:
        yield ox.Triple(convert(s), convert(p), convert(o))  # type: ignore[arg-type]


def sparql_json_term(term: AnyTerm) -> dict[str, str]:
    """A term (pyoxigraph's or rdflib's) as a binding of the W3C SPARQL 1.1 JSON results format."""
    if isinstance(term, _OX_TERMS):
        if isinstance(term, ox.NamedNode):
            return {"type": "uri", "value": term.value}
        if isinstance(term, ox.BlankNode):
            return {"type": "bnode", "value": term.value}
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, rdfl.URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, rdfl.BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, rdfl.Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")


# -- pyoxigraph terms read as their rdflib counterparts would be (no rdflib needed) ---------------

_STRINGS = frozenset({_XSD_STRING, _LANG_STRING})
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMBERS = frozenset(_XSD + t for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
))


def term_text(term: AnyTerm) -> str:
    """What rdflib's ``str()`` gives of the term: the IRI, the blank node's id, the literal's text."""
    return term.value if isinstance(term, _OX_TERMS) else str(term)


_INTEGER = re.compile(r"(0|-?[1-9][0-9]*)\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _valid_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:  # rdflib logs a warning for it and keeps the text
        return False
    return True


def _never(text: str) -> bool:
    return False


# Datatypes whose text rdflib keeps unchanged, when it matches (its canonical form).
_KEPT: dict[str, Callable[[str], bool]] = {
    _XSD_STRING: lambda text: True,
    _XSD + "language": lambda text: True,
    _XSD + "integer": lambda text: _INTEGER.match(text) is not None,
    _XSD + "boolean": lambda text: text in ("true", "false"),
    _XSD + "date": lambda text: _DATE.match(text) is not None and _valid_date(text),
}


def rdflib_keeps(term: ox.Literal) -> bool:
    """Whether rdflib's literal has the same text (a language-tagged one, a string, a canonical
    integer, boolean or date); rdflib rewrites others (``"007"^^xsd:integer`` is ``7`` to it)."""
    return bool(term.language) or _KEPT.get(term.datatype.value, _never)(term.value)


def rdflib_text(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """rdflib's ``str()`` of the term, exactly: rdflib reads only a literal whose text it rewrites."""
    if isinstance(term, ox.Literal) and not rdflib_keeps(term):
        return str(from_oxigraph(term))
    return term.value


def in_rdflib_order(terms: Iterable[ox.NamedNode | ox.BlankNode | ox.Literal]) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
    """``terms`` sorted as rdflib sorts its terms: blank nodes, IRIs, then literals (text by
    language, untagged first, then by text); other literals are left to rdflib itself."""
    terms = list(terms)
    if any(isinstance(t, ox.Literal) and t.datatype.value not in _STRINGS for t in terms):
        return sorted(terms, key=from_oxigraph)  # type: ignore[arg-type]

    def order(t: ox.NamedNode | ox.BlankNode | ox.Literal) -> tuple[int, str, str]:
        if isinstance(t, ox.Literal):
            return (40, t.language or "", t.value)
        return (30 if isinstance(t, ox.NamedNode) else 10, "", t.value)

    return sorted(terms, key=order)


def rdflib_truthy(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> bool:
    """``bool()`` of the rdflib term: a literal of an empty text, of a zero number or of
    ``false`` is false (``value or ""`` shows nothing for it)."""
    if not isinstance(term, ox.Literal):
        return bool(term.value)
    datatype = term.datatype.value
    if datatype in _STRINGS:
        return term.value != ""
    if datatype == _XSD + "boolean":
        return term.value.lower() in ("1", "true")
    if datatype in _NUMBERS:
        from decimal import Decimal, InvalidOperation

        try:
            return Decimal(term.value.strip()) != 0
        except InvalidOperation:  # ill-typed: rdflib keeps no value and tells by the text
            return term.value != ""
    return bool(from_oxigraph(term))  # dates, durations ...: rdflib's own reading
