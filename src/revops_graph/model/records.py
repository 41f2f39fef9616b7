"""What the model hands out: a concept (or other term) with its texts, and a relation with its sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import URIRef

from ..errors import RevopsGraphError
from .labels import local_name, pick

if TYPE_CHECKING:
    from .glossary import Glossary

__all__ = ["Concept", "ConceptNotFound", "Relation"]


class ConceptNotFound(RevopsGraphError, LookupError):
    """No concept has that label (or several do)."""


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
        return pick(self.pref_labels, lang, local_name(self.iri))

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
