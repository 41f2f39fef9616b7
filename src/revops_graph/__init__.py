"""revops-graph: business glossaries as knowledge graphs (the RevOps glossary by default).

>>> from revops_graph import load_glossary
>>> load_glossary().find("RCO").label("en")
'Revenue cycle operations'
"""

from .errors import (
    EndpointError as EndpointError,
    InputError as InputError,
    OutputError as OutputError,
    QueryError as QueryError,
    RevopsGraphError as RevopsGraphError,
    ValidationFailed as ValidationFailed,
)
from .export import serialize as serialize
from .importer import import_table as import_table, to_table as to_table
from .lint import lint_glossary as lint_glossary
from .model import (
    Concept as Concept,
    ConceptNotFound as ConceptNotFound,
    Glossary as Glossary,
    Relation as Relation,
    load_glossary as load_glossary,
)
from .namespaces import REVOPS as REVOPS, ROG as ROG
from .query import ask as ask, construct as construct, select as select
from .store import EndpointStore as EndpointStore, MemoryStore as MemoryStore, OxigraphStore as OxigraphStore
from .validate import validate_glossary as validate_glossary
from .render import ConceptMap as ConceptMap, concept_map as concept_map, render_map as render_map

__version__ = "0.1.0"

__all__ = [
    "Concept",
    "ConceptMap",
    "ConceptNotFound",
    "EndpointError",
    "EndpointStore",
    "Glossary",
    "InputError",
    "MemoryStore",
    "OutputError",
    "OxigraphStore",
    "QueryError",
    "REVOPS",
    "ROG",
    "Relation",
    "RevopsGraphError",
    "ValidationFailed",
    "__version__",
    "ask",
    "concept_map",
    "construct",
    "import_table",
    "lint_glossary",
    "load_glossary",
    "render_map",
    "select",
    "serialize",
    "to_table",
    "validate_glossary",
]
