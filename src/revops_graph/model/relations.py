"""Relations between a glossary's terms, read from Oxigraph as IRI text (no rdflib terms made).

The questions the commands ask of relations (which triples link two terms, which sentences
state a relation, which property is another's inverse, what a source sentence says) are
answered here on the store with plain strings. :class:`~revops_graph.model.Glossary` asks
these too and hands rdflib terms to Python callers (``relation_triples``, ``Relation``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from ..namespaces import ROG_IRI, SKOS_IRI as _SKOS
from .labels import normalize_label
from .terms import Terms

__all__ = [
    "NOT_RELATION_KEYS",
    "first_value",
    "int_value",
    "inverse_key",
    "label_index",
    "property_link_keys",
    "relation_keys",
    "statement_index",
]

Key = tuple[str, str, str]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_INVERSE_OF = ox.NamedNode("http://www.w3.org/2002/07/owl#inverseOf")

#: Structural predicates: they link concepts to schemes and classes, not to each other.
NOT_RELATION_KEYS = frozenset({
    _RDF + "type", _SKOS + "inScheme", _SKOS + "topConceptOf", "http://purl.org/dc/terms/source", ROG_IRI + "hasKnownGap",
})

#: The labels a concept is found by (``Glossary.find``).
_FIND_BY = tuple(ox.NamedNode(p) for p in (_SKOS + "prefLabel", _SKOS + "altLabel", _SKOS + "hiddenLabel", _RDFS + "label"))


def _several_graphs(store: ox.Store) -> bool:
    """Whether a triple may be stated twice (once per graph): one graph holds no triple twice."""
    return next(iter(store.named_graphs()), None) is not None


def relation_keys(store: ox.Store, concept_keys: Iterable[str], key_set: frozenset[str]) -> Iterator[Key]:
    """``(s, p, o)`` of every triple linking two of ``key_set``, each once, unsorted.

    Read from the object side: a concept is the object of a few triples (its relations) but
    the subject of a dozen (labels, definitions), and a pass over the whole graph visits
    every literal too (1.3 M triples: 10 s, against 0.7 s this way).
    """
    seen: set[Key] | None = set() if _several_graphs(store) else None
    for o in concept_keys:
        for quad in store.quads_for_pattern(None, None, ox.NamedNode(o)):
            s, p = quad.subject, quad.predicate.value
            if isinstance(s, ox.NamedNode) and s.value in key_set and p not in NOT_RELATION_KEYS:
                triple = (s.value, p, o)
                if seen is not None:
                    if triple in seen:
                        continue
                    seen.add(triple)
                yield triple


def property_link_keys(store: ox.Store, terms: Terms, key_set: frozenset[str]) -> tuple[Key, ...]:
    """An ontology's properties as relations between the classes they link, domain to range
    (``Keeper feeds Animal``), where the data states no such triple itself."""
    if not terms.classes:
        return ()
    from .edges import term_links

    properties = set(terms.properties)
    found = []
    for s, p, o in term_links(store, terms):
        # the look-up last: most links are subclass links, which are no property's
        if p in properties and s in key_set and o in key_set and not _stated(store, s, p, o):
            found.append((s, p, o))
    return tuple(found)


def _stated(store: ox.Store, s: str, p: str, o: str) -> bool:
    return next(iter(store.quads_for_pattern(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o))), None) is not None


def _objects(store: ox.Store, subject: ox.NamedNode | ox.BlankNode, predicate: str) -> Iterator[ox.Term]:
    return (q.object for q in store.quads_for_pattern(subject, ox.NamedNode(predicate), None))


def statement_index(store: ox.Store) -> dict[tuple[ox.Term, ox.Term, ox.Term], tuple[str, ...]]:
    """The sentences (IRIs, sorted) each reified statement ``(s, p, o)`` is ``rog:statedIn``: one
    pass over the statements, so looking up a relation's sources is O(1)."""
    index: dict[tuple[ox.Term, ox.Term, ox.Term], set[str]] = {}
    kind = ox.NamedNode(_RDF + "Statement")
    for quad in store.quads_for_pattern(None, ox.NamedNode(_RDF + "type"), kind):
        st = quad.subject
        sources = {x.value for x in _objects(store, st, ROG_IRI + "statedIn") if isinstance(x, ox.NamedNode)}
        for s in set(_objects(store, st, _RDF + "subject")):
            for p in set(_objects(store, st, _RDF + "predicate")):
                for o in set(_objects(store, st, _RDF + "object")):
                    index.setdefault((s, p, o), set()).update(sources)
    return {key: tuple(sorted(found)) for key, found in index.items()}


def inverse_key(stores: Sequence[ox.Store], predicate: str) -> str | None:
    """The inverse of ``predicate`` (``owl:inverseOf`` either way), from the first of ``stores``
    that names one (the smallest IRI if several), or ``None``."""
    try:
        node = ox.NamedNode(predicate)
    except ValueError:
        return None
    for store in stores:
        found = {q.object.value for q in store.quads_for_pattern(node, _INVERSE_OF, None) if isinstance(q.object, ox.NamedNode)}
        found.update(q.subject.value for q in store.quads_for_pattern(None, _INVERSE_OF, node) if isinstance(q.subject, ox.NamedNode))
        if found:
            return min(found)
    return None


def first_value(store: ox.Store, subject: str, predicate: str) -> ox.Term | None:
    """The first object of ``(subject, predicate)`` (as rdflib's ``Graph.value``), or ``None``."""
    try:
        node = ox.NamedNode(subject)
    except ValueError:
        return None
    return next(_objects(store, node, predicate), None)


def int_value(term: ox.Term | None) -> int | None:
    """A literal as a whole number (``"12"``, ``"12.0"``); ``None`` for none, or for a text that
    is no whole number (``"two"``, ``"2.5"``, ``NaN``): data written by hand says odd things
    about a line, and a report or page shows no line rather than fail."""
    if term is None:
        return None
    text = getattr(term, "value", str(term))
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    return int(number) if number.is_finite() and number == number.to_integral_value() else None


def label_index(store: ox.Store, key_set: frozenset[str]) -> dict[str, set[str]]:
    """Each normalised label (preferred, alternative, hidden, ``rdfs:label``) -> the terms of
    ``key_set`` that carry it."""
    index: dict[str, set[str]] = {}
    for predicate in _FIND_BY:
        for quad in store.quads_for_pattern(None, predicate, None):
            subject = quad.subject
            if isinstance(subject, ox.NamedNode) and subject.value in key_set:
                index.setdefault(normalize_label(quad.object.value), set()).add(subject.value)  # type: ignore[union-attr]
    return index
