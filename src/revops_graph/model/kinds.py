"""The kinds of concept (``skos:Concept`` and its subclasses) by the names a user calls them."""

from __future__ import annotations

from .glossary import Glossary
from .labels import local_name, normalize_label

__all__ = ["SKOS_CONCEPT", "concept_type_keys", "kind_key_names"]

SKOS_CONCEPT = "http://www.w3.org/2004/02/skos/core#Concept"


def concept_type_keys(glossary: Glossary) -> list[str]:
    """``skos:Concept`` and every kind class of ``glossary`` (its own and revops-graph's), sorted IRIs."""
    return sorted({SKOS_CONCEPT, *glossary.kind_keys})


def kind_key_names(glossary: Glossary) -> dict[str, set[str]]:
    """Folded names (IRI, local name, German and English labels) of the kinds, each to the
    kind IRIs it names."""
    index: dict[str, set[str]] = {}
    for kind in concept_type_keys(glossary):
        for name in (kind, local_name(kind), glossary.label(kind, "de"), glossary.label(kind, "en")):
            index.setdefault(normalize_label(name), set()).add(kind)
    return index
