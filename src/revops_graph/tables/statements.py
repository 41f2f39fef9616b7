"""What a table reads of a glossary: each term's statements, predicates as IRI text.

Read from the glossary's Oxigraph store, so that writing a table needs no rdflib; from its
rdflib graph where one was given or built (changes made to it are read there). Either way
an object reads as rdflib's term did: its text is rdflib's ``str()`` of it, and a "plain"
literal is one rdflib holds without a datatype (a string or a language-tagged text).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, NamedTuple, Union

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..io.convert import from_oxigraph, rdflib_text, rdflib_truthy
from ..model import Glossary
from ..model.triples import TripleView

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["BLANK", "IRI", "PLAIN", "TYPED", "Statement", "Statements", "Value", "statements"]

#: The sorts of object: an IRI, a blank node, a literal without a datatype, any other literal.
IRI, BLANK, PLAIN, TYPED = "iri", "blank", "plain", "typed"

_STRINGS = ("http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")


class Value(NamedTuple):
    """An object of a statement, as a table reads it."""

    sort: str  # IRI, BLANK, PLAIN or TYPED
    text: str  # rdflib's str() of the term
    lang: str | None  # a literal's language tag
    term: object  # the term itself (pyoxigraph's or rdflib's), to read on from


Statement = tuple[str, Value]  # predicate IRI, object


def statements(glossary: Glossary) -> Statements:
    """The statements of ``glossary``: its rdflib graph once that exists, else its store."""
    return GraphStatements(glossary.graph) if glossary.graph_built else StoreStatements(glossary.store)


def _ox_value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Value:
    if type(term) is ox.NamedNode:
        return Value(IRI, term.value, None, term)
    if type(term) is ox.Literal:
        plain = term.datatype.value in _STRINGS  # rdflib holds these without a datatype
        return Value(PLAIN if plain else TYPED, term.value if plain else rdflib_text(term), term.language, term)
    if type(term) is ox.BlankNode:
        return Value(BLANK, term.value, None, term)
    raise TypeError(f"RDF-star quoted triples are not supported: {term}")


class StoreStatements:
    """Statements read from an Oxigraph store (every graph, each triple once)."""

    def __init__(self, store: ox.Store) -> None:
        self._view = TripleView(store)

    def about(self, subject: str) -> list[Statement]:
        """``(predicate, object)`` of each triple about the IRI ``subject``, in the store's order."""
        return [(q.predicate.value, _ox_value(q.object)) for q in self._view.quads((ox.NamedNode(subject), None, None))]

    def _first(self, node: Value, predicate: str) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
        found = next(self._view.quads((node.term, ox.NamedNode(predicate), None)), None)  # type: ignore[arg-type]
        return None if found is None else found.object  # type: ignore[return-value]

    def text(self, node: Value, predicate: str) -> str | None:
        """``str(graph.value(node, predicate))``, ``None`` where there is no value."""
        found = self._first(node, predicate)
        return None if found is None else rdflib_text(found)

    def number(self, node: Value, predicate: str) -> float:
        """The value as a number to sort by: ``0`` where there is none (or rdflib's literal is
        false); a text that is no number (``"2.5"`` is one, ``"two"`` not) sorts after every number."""
        found = self._first(node, predicate)
        return _sort_number(rdflib_text(found)) if found is not None and rdflib_truthy(found) else 0

    def rdf(self, value: Value) -> Node:
        """The object as an rdflib term."""
        return from_oxigraph(value.term)  # type: ignore[arg-type]


def _rdf_value(term: Node) -> Value:
    if isinstance(term, rdfl.Literal):
        return Value(PLAIN if term.datatype is None else TYPED, str(term), term.language, term)
    return Value(IRI if isinstance(term, rdfl.URIRef) else BLANK, str(term), None, term)


class GraphStatements:
    """Statements read from an rdflib graph (given by a Python caller, or built and maybe changed)."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph

    def about(self, subject: str) -> list[Statement]:
        return [(str(p), _rdf_value(o)) for p, o in self._graph.predicate_objects(rdfl.URIRef(subject))]

    def text(self, node: Value, predicate: str) -> str | None:
        found = self._graph.value(node.term, rdfl.URIRef(predicate))  # type: ignore[arg-type]
        return None if found is None else str(found)

    def number(self, node: Value, predicate: str) -> float:
        found = self._graph.value(node.term, rdfl.URIRef(predicate))  # type: ignore[arg-type]
        return _sort_number(str(found)) if found else 0

    def rdf(self, value: Value) -> Node:
        return value.term  # type: ignore[return-value]


def _sort_number(text: str) -> float:
    """``text`` as a number to sort by; a text that is no number sorts after every number."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return math.inf
    return value if value == value else math.inf  # NaN sorts last, not anywhere


#: A glossary's statements, read from whichever form is the one to read.
Statements = Union[StoreStatements, GraphStatements]
