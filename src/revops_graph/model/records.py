"""What the model hands out: a concept (or other term) with its texts, and a relation with its sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..errors import RevopsGraphError
from ..namespaces import SKOS_IRI as _SKOS
from .labels import (
    DEFINITION_IRIS,
    LABEL_IRIS,
    LabelTexts,
    all_texts_by_language,
    local_name,
    pick,
    picked_texts,
    texts_by_language,
)

if TYPE_CHECKING:
    from rdflib import URIRef

    from .glossary import Glossary

__all__ = ["Concept", "ConceptNotFound", "Relation", "concept_rows", "read_concepts", "read_kinds"]


@cache
def not_relations() -> frozenset[URIRef]:
    """Structural predicates: they link concepts to schemes and classes, not to each other
    (rdflib terms, made on first use so that importing the model needs no rdflib)."""
    from ..namespaces import ROG

    return frozenset({rdfl.RDF.type, rdfl.SKOS.inScheme, rdfl.SKOS.topConceptOf, rdfl.DCTERMS.source, ROG.hasKnownGap})


class ConceptNotFound(RevopsGraphError, LookupError):
    """No concept has that label (or several do)."""


@dataclass(frozen=True)
class Concept:
    """One concept: its IRI, kinds, labels, definitions and sources.

    The IRIs are kept as text (``key``, ``kind_keys``, ``source_keys``), read straight from
    Oxigraph; ``iri``, ``kinds`` and ``sources`` give them as rdflib ``URIRef`` terms, made
    (and rdflib imported) when asked for, so listing concepts needs no rdflib.
    """

    key: str
    kind_keys: tuple[str, ...]
    pref_labels: dict[str, str] = field(compare=False)
    alt_labels: dict[str, tuple[str, ...]] = field(compare=False)
    definitions: dict[str, str] = field(compare=False)
    notes: dict[str, tuple[str, ...]] = field(compare=False)
    source_keys: tuple[str, ...] = field(compare=False)

    @property
    def iri(self) -> URIRef:
        """The concept's IRI as an rdflib term."""
        return rdfl.URIRef(self.key)

    @property
    def kinds(self) -> tuple[URIRef, ...]:
        """The concept's kinds (classes below ``skos:Concept`` that type it), sorted."""
        return tuple(rdfl.URIRef(k) for k in self.kind_keys)

    @property
    def sources(self) -> tuple[URIRef, ...]:
        """The source sentences (``dcterms:source``), sorted."""
        return tuple(rdfl.URIRef(k) for k in self.source_keys)

    def label(self, lang: str = "en") -> str:
        """The preferred label in ``lang`` (falling back to English, then the IRI)."""
        return pick(self.pref_labels, lang) if self.pref_labels else local_name(self.key)

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


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SOURCE = "http://purl.org/dc/terms/source"


def read_concepts(
    store: ox.Store, keys: Sequence[str], kind_keys: frozenset[str], subject: ox.NamedNode | None = None,
) -> list[Concept]:
    """The :class:`Concept` of each of ``keys`` (IRIs as text), in one pass per predicate: asking
    six patterns per concept took 0.4 s at 5,000 classes. ``subject``: read only that one."""
    if subject is None:
        labels = all_texts_by_language(store, LABEL_IRIS)
        definitions = all_texts_by_language(store, DEFINITION_IRIS)
    else:
        labels = {subject.value: texts_by_language(store, subject, LABEL_IRIS)}
        definitions = {subject.value: texts_by_language(store, subject, DEFINITION_IRIS)}
    kinds = read_kinds(store, kind_keys, subject)
    alts, notes = (_objects(store, subject, _SKOS + p, ox.Literal) for p in ("altLabel", "editorialNote"))
    sources = _objects(store, subject, _SOURCE, ox.NamedNode)
    out = []
    for key in keys:
        alt, note, source = alts.get(key), notes.get(key), sources.get(key)
        out.append(Concept(
            key, kinds.get(key, ()), labels.get(key, {}), _all_by_lang(alt) if alt else {},
            definitions.get(key, {}), _all_by_lang(note) if note else {},
            tuple(sorted(t.value for t in source)) if source else (),  # type: ignore[union-attr]
        ))
    return out


def concept_rows(
    store: ox.Store, keys: Sequence[str], kind_keys: frozenset[str], lang: str | Sequence[str],
    read: LabelTexts | None = None,
) -> list[tuple[str, tuple[str, ...], str]]:
    """``(label, kind_keys, definition)`` in ``lang`` of each of ``keys``: what :meth:`Concept.label`,
    :attr:`Concept.kind_keys` and :meth:`Concept.definition` give, read without the rest of
    :func:`read_concepts` (alternative labels, notes, sources, the records): a table of
    10,000 concepts prints only these. ``read``: the store's labels, read already."""
    labels = read.picked(lang) if read is not None else picked_texts(store, lang, LABEL_IRIS)
    definitions = picked_texts(store, lang, DEFINITION_IRIS)
    kinds = read_kinds(store, kind_keys)
    return [(labels[key] if key in labels else local_name(key), kinds.get(key, ()), definitions.get(key, ""))
            for key in keys]


def read_kinds(store: ox.Store, kind_keys: Iterable[str], subject: ox.NamedNode | None = None) -> dict[str, tuple[str, ...]]:
    """The kinds of each IRI typed with one of ``kind_keys`` (IRI -> kinds, sorted), asked kind by
    kind: a handful of kinds type thousands of concepts, which ``skos:Concept`` types as well."""
    found: dict[str, tuple[str, ...]] = {}
    predicate = ox.NamedNode(_RDF_TYPE)
    for kind in sorted(kind_keys):  # in order, so each tuple is sorted as it grows
        for quad in store.quads_for_pattern(subject, predicate, ox.NamedNode(kind)):
            if isinstance(term := quad.subject, ox.NamedNode):
                key = term.value
                kinds = found.get(key, ())
                if not kinds or kinds[-1] != kind:  # the same triple in two graphs is one kind
                    found[key] = (*kinds, kind)
    return found


def _objects(store: ox.Store, subject: ox.NamedNode | None, predicate: str, sort: type) -> dict[str, set[object]]:
    """IRI -> its objects of ``predicate`` that are of ``sort`` (a set: a triple in two graphs is one)."""
    out: dict[str, set[object]] = {}
    for quad in store.quads_for_pattern(subject, ox.NamedNode(predicate), None):
        if isinstance(quad.object, sort) and isinstance(quad.subject, ox.NamedNode):
            out.setdefault(quad.subject.value, set()).add(quad.object)
    return out


_STRINGS = frozenset({"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"})


def _all_by_lang(terms: Iterable[object]) -> dict[str, tuple[str, ...]]:
    """:func:`~revops_graph.model.labels.all_by_lang` of pyoxigraph terms: string literals sort
    by their text, as rdflib sorts them; any other literal is sorted by rdflib itself."""
    literals = [t for t in terms if isinstance(t, ox.Literal)]
    if any(t.datatype.value not in _STRINGS for t in literals):
        from ..io.convert import from_oxigraph
        from .labels import all_by_lang

        return all_by_lang(from_oxigraph(t) for t in literals)
    out: dict[str, list[str]] = {}
    for value, lang in sorted((t.value, t.language or "") for t in literals):
        out.setdefault(lang, []).append(value)
    return {lang: tuple(items) for lang, items in out.items()}
