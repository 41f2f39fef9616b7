"""The glossary model: concepts and relations read from an RDF graph.

A :class:`Glossary` holds one graph (the embedded RevOps glossary or the user's files) in
an in-memory Oxigraph store and answers the questions every other module asks: which
concepts are there, what are their labels, kinds and definitions, how are they related,
and which source sentence states a relation. Files are parsed once, by pyoxigraph, and
stay in Oxigraph; :attr:`Glossary.graph`, the same data as an rdflib graph (for pySHACL
and for Python users who work in rdflib), is built only when asked for.

>>> glossary = load_glossary()
>>> glossary.find("CRM").label("de")
'CRM-System'
>>> sorted(r.object_label("en") for r in glossary.relations(glossary.find("RevOps"), "comprises"))
['Customer success', 'Marketing', 'Sales']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache, cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from ..errors import InputError
from ..io import resources
from ..io.loader import load_files, load_store
from ..io.paths import PathsLike, as_paths
from ..namespaces import ROG
from .labels import (
    DEFINITION_PREDICATES,
    LABEL_PREDICATES,
    LABEL_PROPERTIES,
    all_by_lang,
    choose_label,
    normalize_label,
    texts_by_language,
)
from .records import Concept, ConceptNotFound, Relation, read_concepts
from .terms import DEFAULT_SORTS, VOCABULARY_GRAPH, Terms, describe, find_terms
from .triples import TripleView

__all__ = [
    "Concept",
    "ConceptNotFound",
    "Glossary",
    "Relation",
    "load_glossary",
]


# Structural predicates: they link concepts to schemes and classes, not to each other.
NOT_RELATIONS = frozenset({RDF.type, SKOS.inScheme, SKOS.topConceptOf, DCTERMS.source, ROG.hasKnownGap})




class Glossary:
    """A glossary graph and the questions asked of it.

    Give it an rdflib ``graph`` or a pyoxigraph ``store`` (its default graph); the other
    form is derived on first use, from a snapshot of the given one: change a graph before
    asking the glossary about it, not after.
    """

    def __init__(
        self,
        graph: Graph | None = None,
        files: Sequence[Path] = (),
        *,
        store: ox.Store | None = None,
        prefixes: dict[str, str] | None = None,
        fmt: str | None = None,
        terms: str | Sequence[str] = DEFAULT_SORTS,
    ) -> None:
        if (graph is None) == (store is None):
            raise TypeError("Glossary takes an rdflib graph or a pyoxigraph store")
        self._graph = graph
        self._store = store
        self.files = tuple(files)
        self.prefixes = dict(prefixes or {})
        self._fmt = fmt
        #: The sorts of term this glossary's commands work on (some of ``"concepts"``,
        #: ``"classes"``, ``"properties"``, or ``"all"``; by default concepts and classes).
        self.term_sorts = terms
        #: The language to speak when none was asked for, where the glossary is only a part of
        #: a vocabulary (fetched from a server); ``None``: the data's own most common language.
        self.language_hint: str | None = None

    @classmethod
    def from_store(cls, store: ox.Store, prefixes: dict[str, str] | None = None) -> Glossary:
        """A glossary over the default graph of an Oxigraph store (not copied)."""
        return cls(store=store, prefixes=prefixes)

    @property
    def store(self) -> ox.Store:
        """The graph in an in-memory Oxigraph store (default graph)."""
        if self._store is None:
            from ..io.convert import triples_to_oxigraph

            store = ox.Store()
            store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples_to_oxigraph(self._graph))  # type: ignore[arg-type]
            self._store = store
        return self._store

    @property
    def graph(self) -> Graph:
        """The graph as rdflib's ``Graph``, built on first use (the parse cache serves files)."""
        if self._graph is None:
            from ..io import cache

            if self.files and cache.enabled():  # a pickled graph of the same files may be waiting
                self._graph = load_files(self.files, self._fmt)
            else:  # converting what the store holds is cheaper than parsing the files again
                from rdflib.plugins.stores.memory import SimpleMemory

                from ..namespaces import bind_prefixes

                graph = Graph(store=SimpleMemory())
                rdf, add = self._t.rdf, graph.add  # each term converted once
                for q in self.store.quads_for_pattern(None, None, None):
                    add((rdf(q.subject), rdf(q.predicate), rdf(q.object)))
                self._graph = bind_prefixes(graph, self.prefixes)
        return self._graph

    @property
    def graph_built(self) -> bool:
        """Whether the rdflib form exists (given, or built since): then it is the one to read."""
        return self._graph is not None

    @cached_property
    def _t(self) -> TripleView:
        # a given rdflib graph names IRIs with its own prefixes
        given = {p: str(n) for p, n in self._graph.namespaces() if p} if self._graph is not None else {}
        return TripleView(self.store, {**given, **self.prefixes})

    @property
    def view(self) -> Graph | TripleView:
        """The graph for reading with rdflib's ``Graph`` calls (``triples``, ``objects``,
        ``value``, ``in`` ...): answered from the Oxigraph store, no rdflib graph built; the
        rdflib graph itself once it exists, since changes made to it are read there."""
        return self._graph if self._graph is not None else self._t

    def __len__(self) -> int:
        return len(self.store) if self._graph is None else len(self._graph)

    def __repr__(self) -> str:
        return f"<Glossary {len(self)} triples, {len(self.concept_iris)} concepts>"

    # -- concepts -----------------------------------------------------------------

    @cached_property
    def kind_classes(self) -> frozenset[URIRef]:
        """Classes declared as kinds of concept (subclasses of ``skos:Concept``), in the graph
        or in revops-graph's vocabulary, so a file typing a concept only as ``rog:Tool`` works."""
        found: set[URIRef] = set()
        for graph in (self._t, self._vocabulary):
            found.update(c for c in graph.transitive_subjects(RDFS.subClassOf, SKOS.Concept) if isinstance(c, URIRef))
        found.discard(SKOS.Concept)
        return frozenset(found)

    @cached_property
    def terms(self) -> Terms:
        """Every term the data has, by sort (see :mod:`revops_graph.model.terms`)."""
        return find_terms(self.store)

    @cached_property
    def concept_iris(self) -> tuple[URIRef, ...]:
        """The glossary's terms of the chosen sorts (by default its SKOS concepts and OWL/RDFS
        classes), sorted."""
        # (select sorts the strings: sorting 100,000 URIRefs again, by rdflib's comparison, took 4 s)
        return tuple(URIRef(iri) for iri in self.terms.select(self.term_sorts))

    def sort_of(self, iri: URIRef | str) -> str:
        """``"concept"``, ``"class"`` or ``"property"``: which sort of term ``iri`` is (``""``: none)."""
        return self.terms.sort_of(str(iri))

    def describe_terms(self) -> str:
        """What the data holds when the chosen sorts are empty, and how to ask for it."""
        return describe(self.terms, self.term_sorts)

    @cached_property
    def _concept_set(self) -> frozenset[URIRef]:
        # Built once: a fresh set per call made concepts() quadratic (19 s at 10,000 concepts).
        return frozenset(self.concept_iris)

    def concept(self, iri: URIRef | str) -> Concept:
        """The concept with this IRI."""
        iri = URIRef(iri)
        if iri not in self._concept_set:
            raise ConceptNotFound(f"no concept {iri}")
        g = self._t
        kinds = tuple(sorted(k for k in g.objects(iri, RDF.type) if k in self.kind_classes))
        return Concept(
            iri=iri,
            kinds=kinds,
            pref_labels=texts_by_language(self.store, str(iri), LABEL_PREDICATES),
            alt_labels=all_by_lang(g.objects(iri, SKOS.altLabel)),
            definitions=texts_by_language(self.store, str(iri), DEFINITION_PREDICATES),
            notes=all_by_lang(g.objects(iri, SKOS.editorialNote)),
            sources=tuple(sorted(o for o in g.objects(iri, DCTERMS.source) if isinstance(o, URIRef))),
        )

    def concepts(self) -> list[Concept]:
        """All concepts, sorted by IRI."""
        return list(self._all_concepts)

    @cached_property
    def _all_concepts(self) -> tuple[Concept, ...]:
        # read once, all at once: checks, the concept graph and the site each ask for every one
        return tuple(read_concepts(self._t, self.concept_iris, self.kind_classes))

    @cached_property
    def _label_index(self) -> dict[str, set[URIRef]]:
        index: dict[str, set[URIRef]] = {}
        g = self._t
        for iri in self.concept_iris:
            for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, RDFS.label):
                for label in g.objects(iri, prop):
                    index.setdefault(normalize_label(str(label)), set()).add(iri)
        return index

    def find(self, label: str) -> Concept:
        """The concept with ``label`` as a preferred or alternative label, in any language.

        Case, accents and spacing are ignored; an IRI works too. Raises
        :class:`ConceptNotFound` when no concept, or more than one, has the label.
        """
        # Only IRI-looking text is tried as an IRI (rdflib logs a warning for anything else).
        if ":" in label and not any(c.isspace() for c in label) and URIRef(label) in self._concept_set:
            return self.concept(label)
        hits = self._label_index.get(normalize_label(label), set())
        if len(hits) == 1:
            return self.concept(next(iter(hits)))
        if not hits:
            raise ConceptNotFound(f"no concept is labelled {label!r}")
        names = ", ".join(sorted(self.label(h) for h in hits))
        raise ConceptNotFound(f"{label!r} labels several concepts: {names}")

    # -- labels and sources -------------------------------------------------------

    @property
    def _vocabulary(self) -> TripleView:
        return vocabulary_view()

    def inverse(self, predicate: URIRef) -> URIRef | None:
        """The inverse of ``predicate`` (``owl:inverseOf`` either way, in the graph or in
        revops-graph's vocabulary), or ``None``."""
        for graph in (self._t, self._vocabulary):
            found = sorted(
                {o for o in graph.objects(predicate, OWL.inverseOf) if isinstance(o, URIRef)}
                | {s for s in graph.subjects(OWL.inverseOf, predicate) if isinstance(s, URIRef)}
            )
            if found:
                return found[0]
        return None

    def label(self, iri: Node, lang: str = "en") -> str:
        """A human label for any IRI: skos:prefLabel, rdfs:label, then the local name."""
        graphs = (self._t, self._vocabulary)
        # a generator: the vocabulary is only read when the data has no label
        return choose_label(iri, lang, (g.objects(iri, prop) for g in graphs for prop in LABEL_PROPERTIES))

    def source_text(self, sentence: URIRef) -> str:
        """The text of a source sentence (``rog:text``), or ``""``."""
        return str(self._t.value(sentence, ROG.text) or "")

    @cached_property
    def _statement_index(self) -> dict[tuple[Node, Node, Node], tuple[URIRef, ...]]:
        # one pass over the reified statements, so looking up a relation's sources is O(1)
        g = self._t
        index: dict[tuple[Node, Node, Node], set[URIRef]] = {}
        for st in g.subjects(RDF.type, RDF.Statement):
            sources = {x for x in g.objects(st, ROG.statedIn) if isinstance(x, URIRef)}
            for s in g.objects(st, RDF.subject):
                for p in g.objects(st, RDF.predicate):
                    for o in g.objects(st, RDF.object):
                        index.setdefault((s, p, o), set()).update(sources)
        return {key: tuple(sorted(found)) for key, found in index.items()}

    def statement_sources(self, s: URIRef, p: URIRef, o: URIRef) -> tuple[URIRef, ...]:
        """The sentences a reified statement of ``(s, p, o)`` is ``rog:statedIn``."""
        return self._statement_index.get((s, p, o), ())

    # -- relations ----------------------------------------------------------------

    def _is_relation(self, s: Node, p: Node, o: Node, want: URIRef | None = None) -> bool:
        """Whether ``(s, p, o)`` links two concepts (with predicate ``want``, if given)."""
        concepts = self._concept_set
        return (
            s in concepts and o in concepts and isinstance(p, URIRef) and p not in NOT_RELATIONS
            and (want is None or p == want)
        )

    def _relation(self, s: Node, p: Node, o: Node) -> Relation:
        return Relation(s, p, o, self.statement_sources(s, p, o), self)  # type: ignore[arg-type]

    def relation_triples(self) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
        """``(s, p, o)`` of every relation between two concepts, unsorted and without sources (cheap)."""
        # From the object side: a concept is the object of a few triples (its relations) but
        # the subject of a dozen (labels, definitions), and a pass over the whole graph
        # visits every literal too (1.3 M triples: 10 s, against 0.7 s this way).
        g = self._t
        for o in self.concept_iris:
            for s, p in g.subject_predicates(o):
                if self._is_relation(s, p, o):
                    yield s, p, o  # type: ignore[misc]
        yield from self.property_links

    @cached_property
    def property_links(self) -> tuple[tuple[URIRef, URIRef, URIRef], ...]:
        """An ontology's properties as relations between the classes they link, domain to
        range (``Keeper feeds Animal``), where the data states no such triple itself."""
        if not self.terms.classes:
            return ()
        from .edges import term_links

        terms, properties = self._concept_set, set(self.terms.properties)
        found = []
        for s, p, o in term_links(self.store, self.terms):
            edge = (URIRef(s), URIRef(p), URIRef(o))
            # the look-up last: most links are subclass links, which are no property's
            if p in properties and edge[0] in terms and edge[2] in terms and edge not in self._t:
                found.append(edge)  # not already a relation of its own
        return tuple(found)

    def relation_predicates(self) -> list[URIRef]:
        """Predicates that link one concept to another anywhere in the graph, sorted."""
        return sorted({p for _, p, _ in self.relation_triples()})

    def all_relations(self) -> list[Relation]:
        """Every relation between two concepts, sorted."""
        return [self._relation(s, p, o) for s, p, o in sorted(self.relation_triples())]

    def relations(self, concept: Concept | URIRef, predicate: str | URIRef | None = None) -> list[Relation]:
        """Relations from ``concept`` to other concepts, optionally of one predicate.

        ``predicate`` is an IRI or a local name of the ``rog:`` vocabulary (``"comprises"``).
        Incoming relations are found with the inverse, e.g. ``"isComprisedBy"``, when the
        graph does not assert both directions: see :meth:`incoming`.
        """
        iri = concept.iri if isinstance(concept, Concept) else URIRef(concept)
        want = self._predicate(predicate)
        direct = [(p, o) for p, o in self._t.predicate_objects(iri) if self._is_relation(iri, p, o, want)]
        links = [(p, o) for s, p, o in self.property_links if s == iri and (want is None or p == want)]
        return [self._relation(iri, p, o) for p, o in sorted(set(direct + links))]

    def incoming(self, concept: Concept | URIRef, predicate: str | URIRef | None = None) -> list[Relation]:
        """Relations from other concepts to ``concept``."""
        iri = concept.iri if isinstance(concept, Concept) else URIRef(concept)
        want = self._predicate(predicate)
        direct = [(s, p) for s, p in self._t.subject_predicates(iri) if self._is_relation(s, p, iri, want)]
        links = [(s, p) for s, p, o in self.property_links if o == iri and (want is None or p == want)]
        return [self._relation(s, p, iri) for s, p in sorted(set(direct + links))]

    @staticmethod
    def _predicate(predicate: str | URIRef | None) -> URIRef | None:
        if predicate is None or isinstance(predicate, URIRef):
            return predicate
        if ":" in predicate:
            return URIRef(predicate)
        return URIRef(ROG._NS[predicate])


@cache
def vocabulary() -> Graph:
    """revops-graph's own ``rog:`` vocabulary as an rdflib graph, parsed once (treat it as read-only)."""
    return load_files([resources.vocabulary_file()])


@cache
def vocabulary_view() -> TripleView:
    """revops-graph's own ``rog:`` vocabulary in Oxigraph, parsed once."""
    return TripleView(load_store([resources.vocabulary_file()])[0])


def load_glossary(
    paths: PathsLike | None = None,
    fmt: str | None = None,
    terms: str | Sequence[str] = DEFAULT_SORTS,
) -> Glossary:
    """Load the embedded RevOps glossary, or the user's files when ``paths`` is given.

    ``terms`` chooses what the glossary's terms are (:data:`~revops_graph.model.terms.TERM_SORTS`):
    by default its SKOS concepts and OWL/RDFS classes, the nodes of a vocabulary.
    Files may be Turtle, TriG, N-Triples, N-Quads, JSON-LD or RDF/XML, chosen by
    extension unless ``fmt`` names one (see :data:`revops_graph.io.screen.FORMATS`).
    """
    if paths is not None and not paths:
        raise InputError("no input files given")
    files = as_paths(paths) if paths is not None else resources.glossary_files()
    # The embedded glossary's rog: vocabulary sits in its own graph: its classes and
    # properties are the glossary's kinds and relations, not terms of the glossary.
    graphs = {resources.vocabulary_file(): VOCABULARY_GRAPH} if paths is None else None
    store, prefixes = load_store(files, fmt, graphs=graphs)
    return Glossary(store=store, files=files, prefixes=prefixes, fmt=fmt, terms=terms)
