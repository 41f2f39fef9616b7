"""Triple patterns over an in-memory Oxigraph store, answered in rdflib terms.

The model reads the graph through these few rdflib-``Graph``-like calls, so that the data
stays in Oxigraph (parsed once, no rdflib graph built) while the model's public API keeps
handing out the rdflib terms its users know. Terms are converted once each and remembered:
an IRI recurs as subject, predicate and object a dozen times.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
from rdflib.term import Node

from ..io.convert import from_oxigraph, to_oxigraph

__all__ = ["TripleView"]


class TripleView:
    """Read-only triple patterns over every graph of ``store`` (rdflib terms in and out).

    Data sits in the default graph; a named graph holds a vocabulary loaded beside it (the
    embedded glossary's ``rog:`` terms), which the model reads as part of the graph.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self._in: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}
        self._out: dict[object, Node] = {}

    def __len__(self) -> int:
        return len(self.store)

    def ox(self, term: Node | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
        """The pyoxigraph term for an rdflib term (``None`` stays a wildcard)."""
        if term is None:
            return None
        found = self._in.get(term)
        if found is None:
            found = self._in[term] = to_oxigraph(term)
        return found

    def rdf(self, term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
        """The rdflib term for a pyoxigraph term."""
        found = self._out.get(term)
        if found is None:
            found = self._out[term] = from_oxigraph(term)
        return found

    def _quads(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[ox.Quad]:
        subject, predicate = self.ox(s), self.ox(p)
        if isinstance(subject, ox.Literal) or isinstance(predicate, (ox.Literal, ox.BlankNode)):
            return iter(())  # no triple has a literal subject or such a predicate (rdflib yields none too)
        return self.store.quads_for_pattern(subject, predicate, self.ox(o))  # type: ignore[arg-type]

    def triples(self, s: Node | None = None, p: Node | None = None, o: Node | None = None) -> Iterator[tuple[Node, Node, Node]]:
        rdf = self.rdf
        for q in self._quads(s, p, o):
            yield rdf(q.subject), rdf(q.predicate), rdf(q.object)

    def objects(self, s: Node, p: Node) -> Iterator[Node]:
        rdf = self.rdf
        return (rdf(q.object) for q in self._quads(s, p, None))

    def subjects(self, p: Node, o: Node) -> Iterator[Node]:
        rdf = self.rdf
        return (rdf(q.subject) for q in self._quads(None, p, o))

    def predicate_objects(self, s: Node) -> Iterator[tuple[Node, Node]]:
        rdf = self.rdf
        return ((rdf(q.predicate), rdf(q.object)) for q in self._quads(s, None, None))

    def subject_predicates(self, o: Node) -> Iterator[tuple[Node, Node]]:
        rdf = self.rdf
        return ((rdf(q.subject), rdf(q.predicate)) for q in self._quads(None, None, o))

    def value(self, s: Node, p: Node) -> Node | None:
        return next(self.objects(s, p), None)

    def transitive_subjects(self, p: Node, o: Node) -> Iterator[Node]:
        """``o`` and every subject that reaches it through ``p`` (as rdflib's ``Graph`` does)."""
        seen: set[Node] = set()
        todo = [o]
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            yield node
            todo.extend(s for s in self.subjects(p, node) if s not in seen)
