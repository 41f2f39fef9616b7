"""Conversion of RDF terms between rdflib and pyoxigraph.

rdflib holds the graph model the toolkit works on; pyoxigraph parses, serializes and
stores. Both sides meet here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

__all__ = ["from_oxigraph", "sparql_json_term", "to_oxigraph", "triples_to_oxigraph"]

_XSD_STRING = str(XSD.string)
_LANG_STRING = str(RDF.langString)


def from_oxigraph(term: ox.NamedNode | ox.BlankNode | ox.Literal, bnode_prefix: str = "") -> Node:
    """An rdflib term for a pyoxigraph term (``xsd:string`` literals become plain ones)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(bnode_prefix + term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"RDF-star quoted triples are not supported: {term}")


def to_oxigraph(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
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


def sparql_json_term(term: Node) -> dict[str, str]:
    """A term as a binding of the W3C SPARQL 1.1 JSON results format."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"not an RDF term: {term!r}")
