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
from .validate import validate_glossary as validate_glossary

__version__ = "0.1.0"

__all__ = [
    "REVOPS",
    "ROG",
    "Concept",
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
    "import_table",
    "lint_glossary",
    "load_glossary",
    "serialize",
    "to_table",
    "validate_glossary",
]
