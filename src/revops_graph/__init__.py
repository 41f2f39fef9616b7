"""revops-graph: business glossaries as knowledge graphs (the RevOps glossary by default).

>>> from revops_graph import load_glossary
>>> load_glossary().find("RCO").label("en")
'Revenue cycle operations'
"""

from __future__ import annotations

from .errors import (
    EndpointError as EndpointError,
    InputError as InputError,
    OutputError as OutputError,
    QueryError as QueryError,
    RevopsGraphError as RevopsGraphError,
    ValidationFailed as ValidationFailed,
)
from .export import serialize as serialize
from .model import (
    Concept as Concept,
    ConceptNotFound as ConceptNotFound,
    Glossary as Glossary,
    Relation as Relation,
    load_glossary as load_glossary,
)
from .namespaces import REVOPS as REVOPS, ROG as ROG
from .render import ConceptMap as ConceptMap, concept_map as concept_map, render_map as render_map

__version__ = "0.1.0"

__all__ = [
    "REVOPS",
    "ROG",
    "Concept",
    "ConceptMap",
    "ConceptNotFound",
    "EndpointError",
    "Glossary",
    "InputError",
    "OutputError",
    "QueryError",
    "Relation",
    "RevopsGraphError",
    "ValidationFailed",
    "__version__",
    "concept_map",
    "load_glossary",
    "render_map",
    "serialize",
]
