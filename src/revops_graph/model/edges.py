"""How terms that are not SKOS concepts relate: the edges of an ontology, read from a pyoxigraph store.

SKOS concepts relate by ``skos:broader``/``narrower``/``related`` (and the RevOps relations);
classes and properties relate as an ontology says:

- ``A rdfs:subClassOf B`` and ``A owl:equivalentClass B`` between classes;
- a property ``p`` with domain ``D`` and range ``R`` (``rdfs:domain``/``rdfs:range`` or
  schema.org's ``domainIncludes``/``rangeIncludes``) is an edge ``D p R`` between classes, and
  a domain or range that is an ``owl:unionOf`` list stands for each class in it;
- ``p rdfs:subPropertyOf q``, ``p owl:inverseOf q`` and ``p owl:equivalentProperty q`` between properties.

Only edges whose two ends are terms (see :func:`~revops_graph.model.terms.find_terms`) are kept,
so an edge into a vocabulary that is not loaded does not invent a term.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox

from .terms import CLASS_RELATIONS, PROPERTY_RELATIONS, Terms

__all__ = ["term_links"]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_DOMAINS = tuple(p for p in CLASS_RELATIONS if p.endswith(("#domain", "domainIncludes")))
_RANGES = tuple(p for p in CLASS_RELATIONS if p.endswith(("#range", "rangeIncludes")))
_HIERARCHY = (_RDFS + "subClassOf", _OWL + "equivalentClass")

Link = tuple[str, str, str]


def _objects(store: ox.Store, subject: ox.NamedNode | ox.BlankNode, predicate: str) -> Iterator[ox.Term]:
    for quad in store.quads_for_pattern(subject, ox.NamedNode(predicate), None, None):
        yield quad.object


def _members(store: ox.Store, node: ox.Term, depth: int = 0) -> Iterator[str]:
    """The class IRIs ``node`` stands for: itself, or each member of its ``owl:unionOf`` list."""
    if isinstance(node, ox.NamedNode):
        yield node.value
    elif isinstance(node, ox.BlankNode) and depth < 8:  # unions of unions are rare; cyclic lists must not hang
        for head in _objects(store, node, _OWL + "unionOf"):
            seen: set[ox.Term] = set()
            while isinstance(head, ox.BlankNode) and head not in seen:
                seen.add(head)
                for first in _objects(store, head, _RDF + "first"):
                    yield from _members(store, first, depth + 1)
                head = next(_objects(store, head, _RDF + "rest"), None)  # type: ignore[arg-type]


def term_links(store: ox.Store, terms: Terms) -> tuple[Link, ...]:
    """The ontology's edges between ``terms`` as sorted ``(subject, predicate, object)`` IRIs (see the module)."""
    classes, properties = set(terms.classes), set(terms.properties)
    links: set[Link] = set()
    for predicate in _HIERARCHY:
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if quad.subject.value in classes:
                links.update((quad.subject.value, predicate, o) for o in _members(store, quad.object) if o in classes)
    for predicate in PROPERTY_RELATIONS:
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if quad.subject.value in properties and getattr(quad.object, "value", None) in properties:
                links.add((quad.subject.value, predicate, quad.object.value))  # type: ignore[union-attr]
    for prop in properties:
        node = ox.NamedNode(prop)
        domains = {c for p in _DOMAINS for o in _objects(store, node, p) for c in _members(store, o) if c in classes}
        ranges = {c for p in _RANGES for o in _objects(store, node, p) for c in _members(store, o) if c in classes}
        links.update((d, prop, r) for d in domains for r in ranges)
    return tuple(sorted(links))
