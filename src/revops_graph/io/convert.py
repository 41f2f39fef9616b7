"""Conversion of RDF terms between rdflib and pyoxigraph.

rdflib holds the graph model the toolkit works on; pyoxigraph parses, serializes and
stores. Both sides meet here and nowhere else. rdflib is imported only when an rdflib
term is made or read (see :mod:`revops_graph._rdflib`): pyoxigraph terms pass through
:func:`to_oxigraph` and :func:`sparql_json_term` without it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Union

import pyoxigraph as ox

from .. import _rdflib as rdfl

if TYPE_CHECKING:
    from rdflib.term import Node

#: A pyoxigraph term (what the store holds) or an rdflib one (what a Python caller may give).
AnyTerm = Union["Node", ox.NamedNode, ox.BlankNode, ox.Literal]

_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)

__all__ = ["from_oxigraph", "sparql_json_term", "to_oxigraph", "triples_to_oxigraph"]

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
