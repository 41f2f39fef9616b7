"""The glossary model: concepts and relations read from an RDF graph.

A :class:`Glossary` holds one graph (the embedded RevOps glossary or the user's files) in
an in-memory Oxigraph store and answers the questions every other module asks: which
concepts are there, what are their labels, kinds and definitions, how are they related,
and which source sentence states a relation. Files are parsed once, by pyoxigraph, and
stay in Oxigraph; :attr:`Glossary.graph`, the same data as an rdflib graph (for pySHACL
and for Python users who work in rdflib), is built only when asked for. So are rdflib's
terms: concepts, kinds and labels are read as text (``concept_keys``, ``Concept.key``),
and ``concept_iris``, ``Concept.iri`` and relations make rdflib ``URIRef`` terms.

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
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .. import _rdflib as rdfl, namespaces
from ..errors import InputError
from ..io import resources
from ..io.convert import rdflib_truthy
from ..io.loader import load_files, load_store
from ..io.paths import PathsLike, as_paths
from . import labels as _labels, relations as _rel
from .labels import choose_label, normalize_label, plain_label
from .records import Concept, ConceptNotFound, Relation, not_relations, read_concepts
from .terms import DEFAULT_SORTS, VOCABULARY_GRAPH, Terms, describe, find_terms, kind_iris
from .triples import TripleView

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

__all__ = [
    "Concept",
    "ConceptNotFound",
    "Glossary",
    "Relation",
    "load_glossary",
]


def __getattr__(name: str) -> object:
    if name == "NOT_RELATIONS":  # rdflib terms, made on first use (see records.not_relations)
        return not_relations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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

                graph = rdfl.Graph(store=SimpleMemory())
                term, add = self._t.rdf, graph.add  # each term converted once
                for q in self.store.quads_for_pattern(None, None, None):
                    add((term(q.subject), term(q.predicate), term(q.object)))
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
    def kind_keys(self) -> frozenset[str]:
        """Classes declared as kinds of concept (subclasses of ``skos:Concept``), in the graph
        or in revops-graph's vocabulary, so a file typing a concept only as ``rog:Tool`` works."""
        return frozenset(kind_iris(self.store) | kind_iris(self._vocabulary.store))

    @cached_property
    def kind_classes(self) -> frozenset[URIRef]:
        """:attr:`kind_keys` as rdflib terms."""
        return frozenset(rdfl.URIRef(k) for k in self.kind_keys)

    @cached_property
    def terms(self) -> Terms:
        """Every term the data has, by sort (see :mod:`revops_graph.model.terms`)."""
        return find_terms(self.store)

    @cached_property
    def concept_keys(self) -> tuple[str, ...]:
        """The glossary's terms of the chosen sorts (by default its SKOS concepts and OWL/RDFS
        classes), sorted, as IRI text (no rdflib needed); :attr:`concept_iris` as rdflib terms."""
        return tuple(sorted(self.terms.select(self.term_sorts)))

    @cached_property
    def concept_iris(self) -> tuple[URIRef, ...]:
        """:attr:`concept_keys` as rdflib ``URIRef`` terms."""
        return tuple(rdfl.URIRef(iri) for iri in self.concept_keys)

    def sort_of(self, iri: URIRef | str) -> str:
        """``"concept"``, ``"class"`` or ``"property"``: which sort of term ``iri`` is (``""``: none)."""
        return self.terms.sort_of(str(iri))

    def describe_terms(self) -> str:
        """What the data holds when the chosen sorts are empty, and how to ask for it."""
        return describe(self.terms, self.term_sorts)

    @cached_property
    def _key_set(self) -> frozenset[str]:
        return frozenset(self.concept_keys)

    @cached_property
    def _concept_set(self) -> frozenset[URIRef]:
        # Built once: a fresh set per call made concepts() quadratic (19 s at 10,000 concepts).
        return frozenset(self.concept_iris)

    def concept(self, iri: URIRef | str) -> Concept:
        """The concept with this IRI."""
        if str(iri) not in self._key_set:
            raise ConceptNotFound(f"no concept {iri}")
        return read_concepts(self.store, [str(iri)], self.kind_keys, ox.NamedNode(str(iri)))[0]

    def concepts(self) -> list[Concept]:
        """All concepts, sorted by IRI."""
        return list(self._all_concepts)

    @cached_property
    def _all_concepts(self) -> tuple[Concept, ...]:
        # read once, all at once: checks, the concept graph and the site each ask for every one
        return tuple(read_concepts(self.store, self.concept_keys, self.kind_keys))

    @cached_property
    def _label_index(self) -> dict[str, set[str]]:
        return _rel.label_index(self.store, self._key_set)

    def find(self, label: str) -> Concept:
        """The concept with ``label`` as a preferred or alternative label, in any language.

        Case, accents and spacing are ignored; an IRI works too. Raises
        :class:`ConceptNotFound` when no concept, or more than one, has the label.
        """
        if str(label) in self._key_set:  # an IRI (text, or an rdflib URIRef, which hashes apart from text)
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
        revops-graph's vocabulary), or ``None``; :meth:`inverse_key` as text."""
        found = self.inverse_key(str(predicate))
        return None if found is None else rdfl.URIRef(found)

    def inverse_key(self, predicate: str) -> str | None:
        """The IRI of the inverse of the property ``predicate`` (an IRI), or ``None``."""
        return _rel.inverse_key((self.store, self._vocabulary.store), predicate)

    def label(self, iri: Node | str, lang: str = "en") -> str:
        """A human label for any IRI: skos:prefLabel, rdfs:label, then the local name."""
        if type(iri) is str or rdfl.is_a(iri, "URIRef"):  # read from Oxigraph, where that decides
            found = plain_label((self.store, self._vocabulary.store), str(iri), lang)
            if found is not None:
                return found
            iri = rdfl.URIRef(iri)
        graphs = (self._t, self._vocabulary)
        # a generator: the vocabulary is only read when the data has no label
        return choose_label(iri, lang, (g.objects(iri, prop) for g in graphs for prop in _labels.LABEL_PROPERTIES))

    def source_text(self, sentence: URIRef | str) -> str:
        """The text of a source sentence (``rog:text``), or ``""``."""
        found = _rel.first_value(self.store, str(sentence), namespaces.ROG_IRI + "text")
        # as str(value or "") of the rdflib term: a false literal (0, "") gives ""
        return found.value if found is not None and rdflib_truthy(found) else ""  # type: ignore[union-attr,arg-type]

    @cached_property
    def _statement_index(self) -> dict[tuple[ox.Term, ox.Term, ox.Term], tuple[str, ...]]:
        return _rel.statement_index(self.store)

    def statement_sources(self, s: Node, p: Node, o: Node) -> tuple[URIRef, ...]:
        """The sentences a reified statement of ``(s, p, o)`` is ``rog:statedIn``."""
        try:
            key = (self._t.ox(s), self._t.ox(p), self._t.ox(o))
        except ValueError:  # a term Oxigraph refuses is in no statement
            return ()
        return tuple(rdfl.URIRef(k) for k in self._statement_index.get(key, ()))  # type: ignore[arg-type]

    def statement_source_keys(self, s: str, p: str, o: str) -> tuple[str, ...]:
        """:meth:`statement_sources` of a relation between IRIs, given and answered as text."""
        return self._statement_index.get((ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)), ())

    # -- relations ----------------------------------------------------------------

    def _is_relation(self, s: Node, p: Node, o: Node, want: URIRef | None = None) -> bool:
        """Whether ``(s, p, o)`` links two concepts (with predicate ``want``, if given)."""
        concepts = self._concept_set
        return (
            s in concepts and o in concepts and isinstance(p, rdfl.URIRef) and p not in not_relations()
            and (want is None or p == want)
        )

    def _relation(self, s: Node, p: Node, o: Node) -> Relation:
        return Relation(s, p, o, self.statement_sources(s, p, o), self)  # type: ignore[arg-type]

    def relation_triples(self) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
        """``(s, p, o)`` of every relation between two concepts, unsorted and without sources
        (cheap); :meth:`relation_keys` as rdflib terms."""
        term = rdfl.URIRef
        for s, p, o in self.relation_keys():
            yield term(s), term(p), term(o)

    def relation_keys(self) -> Iterator[tuple[str, str, str]]:
        """``(s, p, o)`` IRIs of every relation between two concepts, each once, unsorted, no rdflib."""
        yield from _rel.relation_keys(self.store, self.concept_keys, self._key_set)
        yield from self.property_link_keys

    @cached_property
    def property_link_keys(self) -> tuple[tuple[str, str, str], ...]:
        """An ontology's properties as relations between the classes they link, domain to
        range (``Keeper feeds Animal``), where the data states no such triple itself."""
        return _rel.property_link_keys(self.store, self.terms, self._key_set)

    @cached_property
    def property_links(self) -> tuple[tuple[URIRef, URIRef, URIRef], ...]:
        """:attr:`property_link_keys` as rdflib terms."""
        return tuple((rdfl.URIRef(s), rdfl.URIRef(p), rdfl.URIRef(o)) for s, p, o in self.property_link_keys)

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
        iri = concept.iri if isinstance(concept, Concept) else rdfl.URIRef(concept)
        want = self._predicate(predicate)
        direct = [(p, o) for p, o in self._t.predicate_objects(iri) if self._is_relation(iri, p, o, want)]
        links = [(p, o) for s, p, o in self.property_links if s == iri and (want is None or p == want)]
        return [self._relation(iri, p, o) for p, o in sorted(set(direct + links))]

    def incoming(self, concept: Concept | URIRef, predicate: str | URIRef | None = None) -> list[Relation]:
        """Relations from other concepts to ``concept``."""
        iri = concept.iri if isinstance(concept, Concept) else rdfl.URIRef(concept)
        want = self._predicate(predicate)
        direct = [(s, p) for s, p in self._t.subject_predicates(iri) if self._is_relation(s, p, iri, want)]
        links = [(s, p) for s, p, o in self.property_links if o == iri and (want is None or p == want)]
        return [self._relation(s, p, iri) for s, p in sorted(set(direct + links))]

    @staticmethod
    def _predicate(predicate: str | URIRef | None) -> URIRef | None:
        if predicate is None or isinstance(predicate, rdfl.URIRef):
            return predicate
        if ":" in predicate:
            return rdfl.URIRef(predicate)
        return rdfl.URIRef(namespaces.ROG._NS[predicate])


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
