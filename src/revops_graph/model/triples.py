"""Triple patterns over an in-memory Oxigraph store, answered in rdflib terms.

The model, the checks and the diff read the graph through the reading calls of
rdflib's ``Graph`` (``triples``, ``objects``, ``value``, ``in``, iteration ...), answered
here from Oxigraph, so that the data stays there (parsed once, no rdflib graph built)
while every reader keeps the rdflib terms it knows. Terms are converted once each and
remembered: an IRI recurs as subject, predicate and object a dozen times.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..io.convert import from_oxigraph, to_oxigraph

if TYPE_CHECKING:
    from rdflib.namespace import NamespaceManager
    from rdflib.term import Node

Pattern = tuple["Node | None", "Node | None", "Node | None"]

__all__ = ["TripleView", "distinct_quads"]


class TripleView:
    """Read-only triple patterns over every graph of ``store`` (rdflib terms in and out).

    Data sits in the default graph; a named graph holds a vocabulary loaded beside it (the
    embedded glossary's ``rog:`` terms), which the model reads as part of the graph. As in an
    rdflib graph of the same data, a triple stated in several graphs is answered once.
    ``prefixes`` (prefix -> namespace) name IRIs as the rdflib graph would
    (:attr:`namespace_manager`).
    """

    def __init__(self, store: ox.Store, prefixes: dict[str, str] | None = None) -> None:
        self.store = store
        self.prefixes = dict(prefixes or {})
        self._in: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}
        self._out: dict[object, Node] = {}
        # one graph (the common case) holds no triple twice: only several need de-duplicating
        self._distinct = next(iter(store.named_graphs()), None) is not None

    def __len__(self) -> int:
        if not self._distinct:
            return len(self.store)
        return len({q.triple for q in self.store.quads_for_pattern(None, None, None)})

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]:
        return self.triples((None, None, None))

    def __contains__(self, pattern: Pattern) -> bool:
        return next(iter(self._quads(*pattern)), None) is not None

    @cached_property
    def namespace_manager(self) -> NamespaceManager:
        """rdflib's prefix table of an rdflib graph of this data (the standard prefixes and the
        data's own): ``n3()`` and ``curie()`` name IRIs with it exactly as that graph did."""
        from rdflib import Graph

        from ..namespaces import bind_prefixes

        return bind_prefixes(Graph(), self.prefixes).namespace_manager

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
        try:
            subject, predicate, obj = self.ox(s), self.ox(p), self.ox(o)
        except ValueError:  # a URIRef Oxigraph refuses (a relative IRI) is in no triple of the store
            return iter(())
        if isinstance(subject, ox.Literal) or isinstance(predicate, (ox.Literal, ox.BlankNode)):
            return iter(())  # no triple has a literal subject or such a predicate (rdflib yields none too)
        quads = self.store.quads_for_pattern(subject, predicate, obj)  # type: ignore[arg-type]
        return distinct_quads(quads) if self._distinct else quads

    def quads(self, pattern: Pattern) -> Iterator[ox.Quad]:
        """The store's quads matching ``(s, p, o)`` (rdflib terms or ``None``), each triple once:
        for readers that filter many triples and convert only the few they keep."""
        return self._quads(*pattern)

    def triples(self, pattern: Pattern) -> Iterator[tuple[Node, Node, Node]]:
        """The triples matching ``(s, p, o)``, ``None`` a wildcard (as rdflib's ``Graph.triples``)."""
        rdf = self.rdf
        for q in self._quads(*pattern):
            yield rdf(q.subject), rdf(q.predicate), rdf(q.object)

    def objects(self, s: Node | None = None, p: Node | None = None) -> Iterator[Node]:
        rdf = self.rdf
        return (rdf(q.object) for q in self._quads(s, p, None))

    def subjects(self, p: Node | None = None, o: Node | None = None) -> Iterator[Node]:
        rdf = self.rdf
        return (rdf(q.subject) for q in self._quads(None, p, o))

    def subject_objects(self, p: Node | None = None) -> Iterator[tuple[Node, Node]]:
        rdf = self.rdf
        return ((rdf(q.subject), rdf(q.object)) for q in self._quads(None, p, None))

    def predicate_objects(self, s: Node | None = None) -> Iterator[tuple[Node, Node]]:
        rdf = self.rdf
        return ((rdf(q.predicate), rdf(q.object)) for q in self._quads(s, None, None))

    def subject_predicates(self, o: Node | None = None) -> Iterator[tuple[Node, Node]]:
        rdf = self.rdf
        return ((rdf(q.subject), rdf(q.predicate)) for q in self._quads(None, None, o))

    def value(self, s: Node | None = None, p: Node | None = None) -> Node | None:
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


def distinct_quads(quads: Iterator[ox.Quad]) -> Iterator[ox.Quad]:
    """Each triple of ``quads`` once, whichever graphs state it."""
    seen: set[ox.Triple] = set()
    for q in quads:
        if q.triple not in seen:
            seen.add(q.triple)
            yield q
