"""Conversion of RDF terms between rdflib and pyoxigraph.

rdflib holds the graph model the toolkit works on; pyoxigraph parses, serializes and
stores. Both sides meet here and nowhere else. rdflib is imported only when an rdflib
term is made or read (see :mod:`revops_graph._rdflib`): pyoxigraph terms pass through
:func:`to_oxigraph` and :func:`sparql_json_term` without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Union

import pyoxigraph as ox

from .. import _rdflib as rdfl

if TYPE_CHECKING:
    from rdflib.term import Node

#: A pyoxigraph term (what the store holds) or an rdflib one (what a Python caller may give).
AnyTerm = Union["Node", ox.NamedNode, ox.BlankNode, ox.Literal]

_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)

__all__ = [
    "from_oxigraph", "in_rdflib_order", "rdflib_keeps", "rdflib_lexical", "rdflib_text", "rdflib_truthy",
    "rows_in_rdflib_order", "sparql_json_term", "term_text", "to_oxigraph", "triples_to_oxigraph",
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
_INTEGERS = frozenset(_XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
))
_DECIMAL, _DOUBLES, _BOOLEAN, _DATE = _XSD + "decimal", frozenset({_XSD + "double", _XSD + "float"}), _XSD + "boolean", _XSD + "date"
_NUMBERS = _INTEGERS | _DOUBLES | {_DECIMAL}
#: The datatypes whose text rdflib rewrites (it reads a value and writes that back: ``"01"^^xsd:integer``
#: is ``1``): those rdflib 7 reads a value of, but for the strings, which it keeps as they are.
_REWRITTEN = _NUMBERS | {_BOOLEAN, _DATE} | frozenset(_XSD + t for t in (
    "time", "dateTime", "duration", "dayTimeDuration", "yearMonthDuration", "hexBinary", "base64Binary",
    "normalizedString", "token",
)) | {"http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral", "http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML"}
# the texts rewritten here as rdflib would; any other (signs of INF, spaces, odd digits ...) rdflib rewrites itself
_INTEGER_TEXT = re.compile(r"[+-]?[0-9]{1,4000}")
_DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_DOUBLE_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def term_text(term: AnyTerm) -> str:
    """What rdflib's ``str()`` gives of the term: the IRI, the blank node's id, the literal's text."""
    return term.value if isinstance(term, _OX_TERMS) else str(term)


def rdflib_lexical(literal: ox.Literal) -> str:
    """The literal's text as rdflib gives it (``str()`` of its rdflib term): a typed literal in
    rdflib's canonical form (``"01"^^xsd:integer`` is ``1``, ``"1"^^xsd:boolean`` ``true``).
    Written here for the usual texts of numbers, booleans and dates; any other typed text
    is read by rdflib itself (imported then), which may warn of it."""
    text = literal.value
    if literal.language:
        return text
    datatype = literal.datatype.value
    if datatype not in _REWRITTEN:
        return text
    if datatype in _INTEGERS and _INTEGER_TEXT.fullmatch(text):
        return str(int(text))
    if datatype == _BOOLEAN and text.lower() in ("1", "true", "0", "false"):
        return "true" if text.lower() in ("1", "true") else "false"
    if datatype == _DECIMAL and _DECIMAL_TEXT.fullmatch(text):
        from decimal import Decimal

        return f"{Decimal(text):f}"
    if datatype in _DOUBLES and _DOUBLE_TEXT.fullmatch(text):
        return str(float(text))
    if datatype == _DATE and _DATE_TEXT.fullmatch(text) and _is_date(text):
        return text
    return str(from_oxigraph(literal))


def _is_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:  # 2023-02-30: rdflib warns of it
        return False
    return True


def _never(text: str) -> bool:
    return False


_CANONICAL_INTEGER = re.compile(r"(0|-?[1-9][0-9]*)\Z")
# Datatypes whose text rdflib keeps unchanged, when it matches (its canonical form).
_KEPT: dict[str, Callable[[str], bool]] = {
    _XSD_STRING: lambda text: True,
    _XSD + "language": lambda text: True,
    _XSD + "integer": lambda text: _CANONICAL_INTEGER.match(text) is not None,
    _BOOLEAN: lambda text: text in ("true", "false"),
    _DATE: lambda text: _DATE_TEXT.fullmatch(text) is not None and _is_date(text),
}


def rdflib_keeps(term: ox.Literal) -> bool:
    """Whether rdflib's literal certainly has the same text (a language-tagged one, a string, a
    canonical integer, boolean or date); rdflib rewrites others (``"007"^^xsd:integer`` is ``7``)."""
    return bool(term.language) or _KEPT.get(term.datatype.value, _never)(term.value)


def rdflib_text(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    """rdflib's ``str()`` of the term, exactly (a literal's by :func:`rdflib_lexical`)."""
    return rdflib_lexical(term) if isinstance(term, ox.Literal) else term.value


def _typed_literal(terms: Iterable[object]) -> bool:
    # a literal other than a string: rdflib orders those by value
    return any(type(t) is ox.Literal and t.datatype.value not in _STRINGS for t in terms)


def _rdflib_key(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> tuple[int, str, str]:
    if type(term) is ox.Literal:
        return (40, term.language or "", term.value)
    return (30 if type(term) is ox.NamedNode else 10, "", term.value)


def in_rdflib_order(terms: Iterable[ox.NamedNode | ox.BlankNode | ox.Literal]) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
    """``terms`` sorted as rdflib sorts its terms: blank nodes, IRIs, then literals (text by
    language, untagged first, then by text); other literals are left to rdflib itself."""
    terms = list(terms)
    return sorted(terms, key=from_oxigraph if _typed_literal(terms) else _rdflib_key)  # type: ignore[arg-type]


def rows_in_rdflib_order(rows: Iterable[tuple[ox.NamedNode | ox.BlankNode | ox.Literal, ...]]) -> list[tuple]:
    """Rows of terms sorted as rdflib sorts rows of its terms (:func:`in_rdflib_order`, term by term)."""
    rows = list(rows)
    if _typed_literal(t for row in rows for t in row):
        return sorted(rows, key=lambda row: tuple(map(from_oxigraph, row)))
    return sorted(rows, key=lambda row: tuple(map(_rdflib_key, row)))


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
