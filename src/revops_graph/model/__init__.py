"""The term model: what the graph's concepts are, what they are called, how they relate.

``labels`` chooses labels by language and folds them for comparison; ``glossary`` is the
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
    from .labels import LABEL_PROPERTIES as LABEL_PROPERTIES, choose_label as choose_label, normalize_label as normalize_label

_EXPORTS = {
    "Concept": "glossary",
    "ConceptNotFound": "glossary",
    "Glossary": "glossary",
    "LABEL_PROPERTIES": "labels",
    "Relation": "glossary",
    "choose_label": "labels",
    "load_glossary": "glossary",
    "normalize_label": "labels",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
