"""The term model: what the graph's concepts are, what they are called, how they relate.

``terms`` decides what counts as a concept, class or property; ``labels`` chooses labels by
language (BCP 47 preference lists) and folds them for comparison; ``glossary`` is the
:class:`Glossary` view over a loaded graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .glossary import (
        Concept as Concept,
        ConceptNotFound as ConceptNotFound,
        Glossary as Glossary,
        Relation as Relation,
        load_glossary as load_glossary,
    )
    from .labels import (
        DEFINITION_PREDICATES as DEFINITION_PREDICATES,
        LABEL_PREDICATES as LABEL_PREDICATES,
        LABEL_PROPERTIES as LABEL_PROPERTIES,
        SEARCH_PREDICATES as SEARCH_PREDICATES,
        choose_label as choose_label,
        dominant_language as dominant_language,
        language_counts as language_counts,
        normalize_label as normalize_label,
        parse_languages as parse_languages,
        pick_language as pick_language,
        texts_by_language as texts_by_language,
    )
    from .edges import term_links as term_links
    from .terms import TERM_SORTS as TERM_SORTS, Terms as Terms, describe as describe, find_terms as find_terms

_EXPORTS = {
    "Concept": "glossary",
    "ConceptNotFound": "glossary",
    "DEFINITION_PREDICATES": "labels",
    "Glossary": "glossary",
    "LABEL_PREDICATES": "labels",
    "LABEL_PROPERTIES": "labels",
    "Relation": "glossary",
    "SEARCH_PREDICATES": "labels",
    "TERM_SORTS": "terms",
    "Terms": "terms",
    "choose_label": "labels",
    "describe": "terms",
    "dominant_language": "labels",
    "find_terms": "terms",
    "language_counts": "labels",
    "load_glossary": "glossary",
    "normalize_label": "labels",
    "parse_languages": "labels",
    "pick_language": "labels",
    "term_links": "edges",
    "texts_by_language": "labels",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
