"""What counts as a term: SKOS concepts, OWL/RDFS classes and properties, read from a pyoxigraph store.

Every command sees the same terms, so the rules live here, in one place:

- a **concept** is typed ``skos:Concept`` or a subclass of it (``rdfs:subClassOf*``, as GeoNames'
  ``gn:Code``), or takes part in ``skos:broader``/``narrower``/``related`` (either end),
  ``skos:inScheme``, ``skos:topConceptOf`` / ``skos:hasTopConcept``, or carries a ``skos:prefLabel``;
  never a concept scheme or collection, and not a class or property that merely has a ``skos:prefLabel``;
- a **class** is typed ``owl:Class`` or ``rdfs:Class`` or states ``rdfs:subClassOf`` /
  ``owl:equivalentClass``: an IRI, not ``owl:Thing``/``owl:Nothing`` and not a class of RDF, RDFS,
  OWL, XSD or SKOS themselves;
- a **property** is typed ``rdf:Property``, ``owl:ObjectProperty``, ``owl:DatatypeProperty`` (or one
  of OWL's property characteristics) or states a domain, range, ``domainIncludes``,
  ``rangeIncludes``, ``subPropertyOf`` or ``inverseOf``; an ``owl:AnnotationProperty`` counts only
  when the data says more about it than its type (ontologies declare ``dcterms:creator`` and the
  like as annotation properties for OWL DL's sake; those are not their terms);
- a **kind** is a class below ``skos:Concept`` that types concepts (``rog:Tool``): when the data has
  concepts, such a class is reported as a kind, the concepts' type, not as a class term.

The type hierarchy is read from every graph of the store; terms only from the data graphs (every
graph but the revops-graph vocabulary's, or the one graph asked for).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from functools import cached_property
from itertools import chain
from typing import TypeVar

import pyoxigraph as ox

from ..namespaces import SKOS_IRI as _SKOS

__all__ = [
    "CLASS_RELATIONS",
    "PROPERTY_RELATIONS",
    "TERM_SORTS",
    "VOCABULARY_GRAPH",
    "Terms",
    "below",
    "describe",
    "find_terms",
    "kind_iris",
]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SCHEMA = ("http://schema.org/", "https://schema.org/")

#: The named graph in which the embedded glossary keeps the revops-graph vocabulary: not data.
VOCABULARY_GRAPH = "urn:revops-graph:vocabulary"

#: The sorts of term a command can be asked for (``--terms``); ``all`` is the three together.
TERM_SORTS = ("concepts", "classes", "properties", "all")
#: What a glossary's terms are unless asked otherwise: its nodes, the SKOS concepts and the
#: OWL/RDFS classes. Properties are the edges between classes (domain to range) and become
#: terms of their own with ``--terms properties`` or ``all``.
DEFAULT_SORTS = ("concepts", "classes")

#: Predicates that relate classes: the hierarchy, equivalence, and a property's ends.
CLASS_RELATIONS: tuple[str, ...] = (
    _RDFS + "subClassOf", _OWL + "equivalentClass", _RDFS + "domain", _RDFS + "range",
    *(ns + name for ns in _SCHEMA for name in ("domainIncludes", "rangeIncludes")),
)
#: Predicates that relate properties to properties.
PROPERTY_RELATIONS: tuple[str, ...] = (_RDFS + "subPropertyOf", _OWL + "inverseOf", _OWL + "equivalentProperty")

# Namespaces whose own classes and properties are the language the data is written in, not its terms.
_BUILTIN = (_RDF, _RDFS, _OWL, _XSD, _SKOS)

_TYPE = ox.NamedNode(_RDF + "type")
_CONCEPT_LINKS = tuple(_SKOS + n for n in ("broader", "narrower", "related", "broaderTransitive", "narrowerTransitive"))
_CONCEPT_SUBJECT_OF = tuple(_SKOS + n for n in ("inScheme", "topConceptOf", "prefLabel"))
_NOT_CONCEPTS = tuple(_SKOS + n for n in ("ConceptScheme", "Collection", "OrderedCollection"))
_CLASS_TYPES = (_OWL + "Class", _RDFS + "Class")
_PROPERTY_TYPES = (_RDF + "Property", _OWL + "ObjectProperty", _OWL + "DatatypeProperty") + tuple(
    _OWL + n for n in (
        "FunctionalProperty", "InverseFunctionalProperty", "TransitiveProperty", "SymmetricProperty",
        "AsymmetricProperty", "ReflexiveProperty", "IrreflexiveProperty",
    )
)
_CLASS_SUBJECT_OF = (_RDFS + "subClassOf", _OWL + "equivalentClass")
_PROPERTY_SUBJECT_OF = (_RDFS + "domain", _RDFS + "range", *PROPERTY_RELATIONS) + tuple(
    ns + n for ns in _SCHEMA for n in ("domainIncludes", "rangeIncludes")
)


@dataclass(frozen=True)
class Terms:
    """The terms of a store by sort, each a sorted tuple of IRIs (see the module's rules)."""

    concepts: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def select(self, sorts: str | Sequence[str] = DEFAULT_SORTS) -> tuple[str, ...]:
        """The IRIs of the chosen sorts (names from :data:`TERM_SORTS`), sorted, each once.

        Raises :class:`ValueError` on an unknown sort.
        """
        names = [sorts] if isinstance(sorts, str) else list(sorts)
        for name in names:
            if name not in TERM_SORTS:
                raise ValueError(f"unknown sort of term {name!r} (sorts: {', '.join(TERM_SORTS)})")
        if "all" in names:
            names = list(TERM_SORTS[:-1])
        return tuple(sorted({iri for name in names for iri in getattr(self, name)}))

    def sort_of(self, iri: str) -> str:
        """``"concept"``, ``"class"`` or ``"property"``: the first sort that holds ``iri`` (``""``: none)."""
        return self._sorts.get(iri, "")

    @cached_property
    def _sorts(self) -> dict[str, str]:
        # One lookup per call: scanning the sorted tuples took 0.4 ms a term (4 s at 10,000).
        return {**dict.fromkeys(self.properties, "property"), **dict.fromkeys(self.classes, "class"),
                **dict.fromkeys(self.concepts, "concept")}

    def counts(self) -> dict[str, int]:
        """How many terms of each sort (and kinds)."""
        return {f.name: len(getattr(self, f.name)) for f in fields(self)}


def _graphs(store: ox.Store, graph: str | None) -> list[ox.NamedNode | ox.DefaultGraph]:
    if graph is not None:
        return [ox.DefaultGraph() if graph == "" else ox.NamedNode(graph)]
    return [ox.DefaultGraph()] + [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)
                                  and g.value != VOCABULARY_GRAPH]  # type: ignore[list-item]


def _quads(store: ox.Store, predicate: str, graphs: Sequence[object] | None) -> Iterator[ox.Quad]:
    # the store's own iterators, chained: a generator in between cost a frame per quad (51,000 at 10,000 concepts)
    p = ox.NamedNode(predicate)
    if graphs is None:
        return store.quads_for_pattern(None, p, None, None)
    return chain.from_iterable(store.quads_for_pattern(None, p, None, g) for g in graphs)  # type: ignore[arg-type]


def _iri(term: object) -> str | None:
    return term.value if isinstance(term, ox.NamedNode) else None


def _instances(store: ox.Store, types: Iterable[str], graphs: Sequence[object]) -> dict[str, set[str]]:
    """Type IRI -> the IRIs typed with it in ``graphs``, asked type by type: only the types the
    rules name are read, and only their instances (not each ``rdf:type`` triple's two ends)."""
    found: dict[str, set[str]] = {}
    for kind in types:
        instances = _subject_iris(chain.from_iterable(
            store.quads_for_pattern(None, _TYPE, ox.NamedNode(kind), g) for g in graphs))  # type: ignore[arg-type]
        if instances:
            found[kind] = instances
    return found


def _subject_iris(quads: Iterable[ox.Quad]) -> set[str]:
    """The subjects of ``quads`` that are IRIs (a concept's thousands of labels are read here)."""
    iri = ox.NamedNode
    return {s.value for q in quads if isinstance(s := q.subject, iri)}


def _builtin(iri: str) -> bool:
    return iri.startswith(_BUILTIN)


T = TypeVar("T", bound=Hashable)


def below(pairs: Iterable[tuple[T, T]], top: T) -> set[T]:
    """``top`` and everything that reaches it by ``(sub, super)`` links (``rdfs:subClassOf*``)."""
    subs: dict[T, set[T]] = {}
    for sub, sup in pairs:
        subs.setdefault(sup, set()).add(sub)
    found, todo = {top}, [top]
    while todo:
        for sub in subs.get(todo.pop(), ()):
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def kind_iris(store: ox.Store) -> set[str]:
    """The IRIs below ``skos:Concept`` by ``rdfs:subClassOf`` links, through blank nodes too, in
    every graph of ``store``: the kinds a concept may have (``skos:Concept`` itself is none)."""
    top = ox.NamedNode(_SKOS + "Concept")
    pairs = ((q.subject, q.object) for q in store.quads_for_pattern(None, ox.NamedNode(_RDFS + "subClassOf"), None))
    return {t.value for t in below(pairs, top) if isinstance(t, ox.NamedNode) and t != top}  # type: ignore[arg-type]


def _concept_classes(store: ox.Store) -> set[str]:
    """``skos:Concept`` and every class below it, in any graph (the vocabulary's included)."""
    links = ((_iri(q.subject), _iri(q.object)) for q in _quads(store, _RDFS + "subClassOf", None))
    return below(((sub, sup) for sub, sup in links if sub and sup), _SKOS + "Concept")


def find_terms(store: ox.Store, graph: str | None = None) -> Terms:
    """The concepts, classes, properties and kinds of ``store`` (see the module's rules).

    ``graph`` is a graph name to read terms from (``""``: the default graph); ``None`` reads
    every graph but :data:`VOCABULARY_GRAPH`. A few passes over the store's indexes, no SPARQL.
    """
    graphs = _graphs(store, graph)
    concept_kinds = _concept_classes(store)
    typed = _instances(store, (*_NOT_CONCEPTS, *_CLASS_TYPES, *_PROPERTY_TYPES, _OWL + "AnnotationProperty",
                               *sorted(concept_kinds)), graphs)
    described: set[str] = set()  # IRIs the data says something about besides their type
    not_concepts = set().union(*(typed.get(t, ()) for t in _NOT_CONCEPTS))

    classes = set().union(*(typed.get(t, ()) for t in _CLASS_TYPES))
    for predicate in _CLASS_SUBJECT_OF:
        classes.update(_subject_iris(_quads(store, predicate, graphs)))
    classes = {c for c in classes if not _builtin(c)}

    properties = set().union(*(typed.get(t, ()) for t in _PROPERTY_TYPES))
    for predicate in _PROPERTY_SUBJECT_OF:
        properties.update(_subject_iris(_quads(store, predicate, graphs)))
    annotations = typed.get(_OWL + "AnnotationProperty", set()) - properties
    if annotations:
        for g in graphs:
            for quad in store.quads_for_pattern(None, None, None, g):  # type: ignore[arg-type]
                s = _iri(quad.subject)
                if s in annotations and quad.predicate.value != _RDF + "type":
                    described.add(s)
        properties |= described
    properties = {p for p in properties if not _builtin(p)}

    concepts = set().union(*(typed.get(kind, ()) for kind in concept_kinds))
    structural: set[str] = set()
    for predicate in _CONCEPT_LINKS:
        for quad in _quads(store, predicate, graphs):
            structural.update(filter(None, (_iri(quad.subject), _iri(quad.object))))
    for predicate in _CONCEPT_SUBJECT_OF:
        structural.update(_subject_iris(_quads(store, predicate, graphs)))
    structural.update(filter(None, (_iri(q.object) for q in _quads(store, _SKOS + "hasTopConcept", graphs))))
    # a class or property with a skos:prefLabel is still a class or property; typed concepts stay concepts
    concepts |= structural - classes - properties
    concepts -= not_concepts | concept_kinds
    concepts = {c for c in concepts if not _builtin(c)}

    kinds: set[str] = set()
    if concepts:
        kinds = {k for k in concept_kinds - {_SKOS + "Concept"} if k in classes or typed.get(k, set()) & concepts}
        classes -= kinds
    return Terms(tuple(sorted(concepts)), tuple(sorted(classes)), tuple(sorted(properties)), tuple(sorted(kinds)))


def describe(terms: Terms, wanted: str | Sequence[str] = "concepts") -> str:
    """Why the ``wanted`` sort is empty, and how to ask for what there is, as one sentence.

    >>> describe(Terms(classes=("a", "b"), properties=("p",)))
    'found 0 concepts but 2 classes and 1 property; ask with --terms classes'
    """
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    if "all" in names:
        names = list(TERM_SORTS[:-1])
    asked = " or ".join(names)
    counts = {name: len(getattr(terms, name)) for name in TERM_SORTS[:-1] if name not in names}
    present = {name: n for name, n in counts.items() if n}
    if not present:
        return f"found 0 {asked} and no other terms (no SKOS concepts, OWL/RDFS classes or properties)"
    told = [f"{n:,} {name if n != 1 else _SINGULAR[name]}" for name, n in present.items()]
    largest = max(present, key=lambda name: present[name])  # the first of the largest, in TERM_SORTS order
    return f"found 0 {asked} but {' and '.join(told)}; ask with --terms {largest}"


_SINGULAR = {"concepts": "concept", "classes": "class", "properties": "property"}
