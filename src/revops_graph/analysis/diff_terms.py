"""The triples a diff compares, read from Oxigraph as text and printed as rdflib prints them.

A diff names terms in rdflib's N3 form (``skos:broader``, ``"12"^^xsd:integer``). Where both
glossaries hold only IRIs and literals whose text rdflib keeps as it is (strings, canonical
integers, booleans and dates, language tags), that text is made here and rdflib is not
imported. rdflib reads the diff where it is the right tool: blank nodes (compared by graph
isomorphism), literals rdflib would rewrite (``"007"^^xsd:integer`` is ``7`` to it), and a
glossary given as an rdflib graph.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Union

import pyoxigraph as ox

from ..curies import Curies
from ..io.convert import rdflib_keeps
from ..model import Glossary
from ..model.triples import TripleView

__all__ = ["Plain", "plain_triples", "plain_n3"]

#: a triple as text: subject and predicate IRIs, the object an IRI (text) or a literal
Plain = tuple[str, str, Union[str, ox.Literal]]

_XSD = "http://www.w3.org/2001/XMLSchema#"


def plain_triples(glossary: Glossary) -> list[Plain] | None:
    """Every triple of ``glossary`` (each once), or ``None`` where rdflib must read it."""
    if glossary.graph_built:  # a given (or changed) rdflib graph is the one to read
        return None
    found: list[Plain] = []
    for quad in TripleView(glossary.store).quads((None, None, None)):
        s, o = quad.subject, quad.object
        if type(s) is not ox.NamedNode:
            return None
        if type(o) is ox.NamedNode:
            found.append((s.value, quad.predicate.value, o.value))
        elif type(o) is ox.Literal and rdflib_keeps(o):
            found.append((s.value, quad.predicate.value, o))
        else:
            return None
    return found


def _quoted(text: str) -> str:
    """rdflib's ``Literal._quote_encode``, step by step."""
    if "\n" in text:
        encoded = text.replace("\\", "\\\\")
        if '"""' in text:
            encoded = encoded.replace('"""', '\\"\\"\\"')
        if encoded[-1] == '"' and encoded[-2] != "\\":
            encoded = encoded[:-1] + "\\" + '"'
        return '"""%s"""' % encoded.replace("\r", "\\r")
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")


def plain_n3(curies: Curies) -> Callable[[str | ox.Literal], str]:
    """rdflib's ``n3()`` of a term of :func:`plain_triples`, under the prefixes of ``curies``."""
    def n3(term: str | ox.Literal) -> str:
        if type(term) is str:
            return curies.n3(term)
        assert isinstance(term, ox.Literal)
        encoded = _quoted(term.value)
        if term.language:
            return f"{encoded}@{term.language}"
        datatype = term.datatype.value
        return encoded if datatype == _XSD + "string" else f"{encoded}^^{curies.n3(datatype)}"

    return n3
