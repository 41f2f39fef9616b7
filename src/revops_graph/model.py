"""The glossary model: concepts and relations read from an RDF graph.

A :class:`Glossary` wraps one rdflib graph (the embedded RevOps glossary or the user's
files) and answers the questions every other module asks: which concepts are there,
what are their labels, kinds and definitions, how are they related, and which source
sentence states a relation.

>>> glossary = load_glossary()
>>> glossary.find("CRM").label("de")
'CRM-System'
>>> sorted(r.object_label("en") for r in glossary.relations(glossary.find("RevOps"), "comprises"))
['Customer success', 'Marketing', 'Sales']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from os import PathLike
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from . import resources
from .errors import InputError, RevopsGraphError
from .loader import load_files
from .namespaces import ROG

__all__ = [
    "LABEL_PROPERTIES", "Concept", "ConceptNotFound", "Glossary", "Relation", "choose_label", "load_glossary",
    "normalize_label",
]

LANGS = ("de", "en")

# Structural predicates: they link concepts to schemes and classes, not to each other.
_NOT_RELATIONS = frozenset({RDF.type, SKOS.inScheme, SKOS.topConceptOf, DCTERMS.source, ROG.hasKnownGap})


# SKOS's own relations, labelled here because the SKOS vocabulary is not loaded.
_SKOS_LABELS: dict[URIRef, dict[str, str]] = {
    SKOS.broader: {"de": "hat Oberbegriff", "en": "has broader"},
    SKOS.narrower: {"de": "hat Unterbegriff", "en": "has narrower"},
    SKOS.related: {"de": "verwandt mit", "en": "related to"},
}


class ConceptNotFound(RevopsGraphError, LookupError):
    """No concept has that label (or several do)."""


class _CombiningMarks(dict[int, "int | None"]):
    """A ``str.translate`` table that drops combining marks, filled as characters come."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _CombiningMarks()


def normalize_label(text: str) -> str:
    """Fold case, accents and spacing so that labels match as people type them.

    >>> normalize_label("  Geschäftsbetrieb ") == normalize_label("geschaftsbetrieb")
    True
    """
    if not text.isascii():  # ASCII has nothing to decompose (and a lint of 100,000 concepts folds 320,000 labels)
        text = unicodedata.normalize("NFKD", text).translate(_WITHOUT_MARKS)
    return " ".join(text.casefold().split())


def _local_name(iri: str) -> str:
    for sep in ("#", "/", ":"):
        head, found, tail = iri.rstrip("/#").rpartition(sep)
        if found and tail:
            return tail
    return iri


def _by_lang(values: Iterable[Node]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in sorted(values):
        if isinstance(value, Literal):
            out.setdefault(value.language or "", str(value))
    return out


def _all_by_lang(values: Iterable[Node]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for value in sorted(values):
        if isinstance(value, Literal):
            out.setdefault(value.language or "", []).append(str(value))
    return {lang: tuple(items) for lang, items in out.items()}


#: Where a label comes from, each in the data first, then in the vocabulary (see :func:`choose_label`).
LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label)


def choose_label(iri: Node, lang: str, candidates: Iterable[Iterable[Node]]) -> str:
    """The label of ``iri`` in ``lang`` from ``candidates``, without looking anything up.

    ``candidates`` are the values of each :data:`LABEL_PROPERTIES` in the data, then the
    same in the vocabulary: the first that holds a literal wins (in ``lang``, else English,
    else untagged, else any), then SKOS's own relation labels, then the local name. Every
    place that tells an IRI by its label (an rdflib graph, an Oxigraph store) calls this.
    """
    for values in candidates:
        found = _by_lang(values)
        if found:
            return pick(found, lang)
    if iri in _SKOS_LABELS:
        return pick(_SKOS_LABELS[iri], lang)  # type: ignore[index]
    return _local_name(str(iri))


def pick(values: dict[str, str], lang: str, fallback: str = "") -> str:
    """The value in ``lang``, else English, else untagged, else any, else ``fallback``."""
    for key in (lang, "en", ""):
        if key in values:
            return values[key]
    return next(iter(values.values()), fallback)


@dataclass(frozen=True)
class Concept:
    """One concept: its IRI, kinds, labels, definitions and sources."""

    iri: URIRef
    kinds: tuple[URIRef, ...]
    pref_labels: dict[str, str] = field(compare=False)
    alt_labels: dict[str, tuple[str, ...]] = field(compare=False)
    definitions: dict[str, str] = field(compare=False)
    notes: dict[str, tuple[str, ...]] = field(compare=False)
    sources: tuple[URIRef, ...] = field(compare=False)

    def label(self, lang: str = "en") -> str:
        """The preferred label in ``lang`` (falling back to English, then the IRI)."""
        return pick(self.pref_labels, lang, _local_name(self.iri))

    def definition(self, lang: str = "en") -> str:
        """The definition in ``lang`` (falling back to English), or ``""``."""
        return pick(self.definitions, lang)


@dataclass(frozen=True)
class Relation:
    """A relation between two concepts, with the sentences that state it."""

    subject: URIRef
    predicate: URIRef
    object: URIRef
    sources: tuple[URIRef, ...]
    glossary: Glossary = field(repr=False, compare=False)

    def predicate_label(self, lang: str = "en") -> str:
        return self.glossary.label(self.predicate, lang)

    def subject_label(self, lang: str = "en") -> str:
        return self.glossary.label(self.subject, lang)

    def object_label(self, lang: str = "en") -> str:
        return self.glossary.label(self.object, lang)

    def sentence(self, lang: str = "de") -> str:
        """The source text that states this relation (sentences joined), or ``""``."""
        return " ".join(self.glossary.source_text(s) for s in self.sources)


class Glossary:
    """A glossary graph and the questions asked of it."""

    def __init__(self, graph: Graph, files: Sequence[Path] = ()) -> None:
        self.graph = graph
        self.files = tuple(files)

    def __repr__(self) -> str:
        return f"<Glossary {len(self.graph)} triples, {len(self.concept_iris)} concepts>"

    # -- concepts -----------------------------------------------------------------

    @cached_property
    def kind_classes(self) -> frozenset[URIRef]:
        """Classes declared as kinds of concept (subclasses of ``skos:Concept``), in the graph
        or in revops-graph's vocabulary, so a file typing a concept only as ``rog:Tool`` works."""
        found: set[URIRef] = set()
        for graph in (self.graph, self._vocabulary):
            found.update(c for c in graph.transitive_subjects(RDFS.subClassOf, SKOS.Concept) if isinstance(c, URIRef))
        found.discard(SKOS.Concept)
        return frozenset(found)

    @cached_property
    def concept_iris(self) -> tuple[URIRef, ...]:
        """Every concept: ``skos:Concept`` instances and instances of a kind class, sorted."""
        g = self.graph
        found = {s for s in g.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}
        for kind in self.kind_classes:
            found.update(s for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef))
        return tuple(sorted(found))

    @cached_property
    def _concept_set(self) -> frozenset[URIRef]:
        # Built once: a fresh set per call made concepts() quadratic (19 s at 10,000 concepts).
        return frozenset(self.concept_iris)

    def concept(self, iri: URIRef | str) -> Concept:
        """The concept with this IRI."""
        iri = URIRef(iri)
        if iri not in self._concept_set:
            raise ConceptNotFound(f"no concept {iri}")
        g = self.graph
        kinds = tuple(sorted(k for k in g.objects(iri, RDF.type) if k in self.kind_classes))
        return Concept(
            iri=iri,
            kinds=kinds,
            pref_labels=_by_lang(g.objects(iri, SKOS.prefLabel)) or _by_lang(g.objects(iri, RDFS.label)),
            alt_labels=_all_by_lang(g.objects(iri, SKOS.altLabel)),
            definitions=_by_lang(g.objects(iri, SKOS.definition)),
            notes=_all_by_lang(g.objects(iri, SKOS.editorialNote)),
            sources=tuple(sorted(o for o in g.objects(iri, DCTERMS.source) if isinstance(o, URIRef))),
        )

    def concepts(self) -> list[Concept]:
        """All concepts, sorted by IRI."""
        return [self.concept(iri) for iri in self.concept_iris]

    @cached_property
    def _label_index(self) -> dict[str, set[URIRef]]:
        index: dict[str, set[URIRef]] = {}
        g = self.graph
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
    def _vocabulary(self) -> Graph:
        return vocabulary()

    def inverse(self, predicate: URIRef) -> URIRef | None:
        """The inverse of ``predicate`` (``owl:inverseOf`` either way, in the graph or in
        revops-graph's vocabulary), or ``None``."""
        for graph in (self.graph, self._vocabulary):
            found = sorted(
                {o for o in graph.objects(predicate, OWL.inverseOf) if isinstance(o, URIRef)}
                | {s for s in graph.subjects(OWL.inverseOf, predicate) if isinstance(s, URIRef)}
            )
            if found:
                return found[0]
        return None

    def label(self, iri: Node, lang: str = "en") -> str:
        """A human label for any IRI: skos:prefLabel, rdfs:label, then the local name."""
        graphs = (self.graph, self._vocabulary)
        # a generator: the vocabulary is only read when the data has no label
        return choose_label(iri, lang, (g.objects(iri, prop) for g in graphs for prop in LABEL_PROPERTIES))

    def source_text(self, sentence: URIRef) -> str:
        """The text of a source sentence (``rog:text``), or ``""``."""
        return str(self.graph.value(sentence, ROG.text) or "")

    @cached_property
    def _statement_index(self) -> dict[tuple[Node, Node, Node], tuple[URIRef, ...]]:
        # one pass over the reified statements, so looking up a relation's sources is O(1)
        g = self.graph
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
            s in concepts and o in concepts and isinstance(p, URIRef) and p not in _NOT_RELATIONS
            and (want is None or p == want)
        )

    def _relation(self, s: Node, p: Node, o: Node) -> Relation:
        return Relation(s, p, o, self.statement_sources(s, p, o), self)  # type: ignore[arg-type]

    def relation_triples(self) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
        """``(s, p, o)`` of every relation between two concepts, unsorted and without sources (cheap)."""
        # From the object side: a concept is the object of a few triples (its relations) but
        # the subject of a dozen (labels, definitions), and a pass over the whole graph
        # visits every literal too (1.3 M triples: 10 s, against 0.7 s this way).
        g = self.graph
        for o in self.concept_iris:
            for s, p in g.subject_predicates(o):
                if self._is_relation(s, p, o):
                    yield s, p, o  # type: ignore[misc]

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
        return [
            self._relation(iri, p, o) for p, o in sorted(self.graph.predicate_objects(iri))
            if self._is_relation(iri, p, o, want)
        ]

    def incoming(self, concept: Concept | URIRef, predicate: str | URIRef | None = None) -> list[Relation]:
        """Relations from other concepts to ``concept``."""
        iri = concept.iri if isinstance(concept, Concept) else URIRef(concept)
        want = self._predicate(predicate)
        return [
            self._relation(s, p, iri) for s, p in sorted(self.graph.subject_predicates(iri))
            if self._is_relation(s, p, iri, want)
        ]

    @staticmethod
    def _predicate(predicate: str | URIRef | None) -> URIRef | None:
        if predicate is None or isinstance(predicate, URIRef):
            return predicate
        if ":" in predicate:
            return URIRef(predicate)
        return URIRef(ROG._NS[predicate])


@cache
def vocabulary() -> Graph:
    """revops-graph's own ``rog:`` vocabulary, parsed once (treat it as read-only)."""
    return load_files([resources.vocabulary_file()])


def load_glossary(
    paths: Sequence[str | PathLike[str]] | None = None,
    fmt: str | None = None,
) -> Glossary:
    """Load the embedded RevOps glossary, or the user's files when ``paths`` is given.

    Files may be Turtle, TriG, N-Triples, N-Quads, JSON-LD or RDF/XML, chosen by
    extension unless ``fmt`` names one (see :data:`revops_graph.loader.FORMATS`).
    """
    if paths is not None and not paths:
        raise InputError("no input files given")
    files = [Path(p) for p in paths] if paths is not None else resources.glossary_files()
    return Glossary(load_files(files, fmt), files)

