"""revops-graph: business glossaries as knowledge graphs (the RevOps glossary by default).

>>> from revops_graph import load_glossary
>>> load_glossary().find("RCO").label("en")
'Revenue cycle operations'
"""

from __future__ import annotations

# First of all: a Ctrl-C while the command line is still importing must not be a traceback.
from . import _interrupt

_interrupt.install_if_cli()

from typing import TYPE_CHECKING as _TYPE_CHECKING

from .errors import (
    EndpointError as EndpointError,
    InputError as InputError,
    OutputError as OutputError,
    QueryError as QueryError,
    RevopsGraphError as RevopsGraphError,
    ValidationFailed as ValidationFailed,
)

# The public names below pull in rdflib (0.2 s to import) and more; they load on first use
# so that `import revops_graph.cli` and `revops-graph --help` stay fast. Add new heavy names here.
_LAZY: dict[str, str] = {
    "Concept": "model",
    "ConceptMap": "render",
    "ConceptNotFound": "model",
    "EndpointStore": "store",
    "Glossary": "model",
    "LargeGraphWarning": "io.loader",
    "MemoryStore": "store",
    "OxigraphStore": "store",
    "REVOPS": "namespaces",
    "ROG": "namespaces",
    "Relation": "model",
    "ask": "query",
    "concept_map": "render",
    "construct": "query",
    "import_table": "tables",
    "lint_glossary": "checks",
    "load_glossary": "model",
    "render_map": "render",
    "select": "query",
    "serialize": "export.formats",
    "to_table": "tables",
    "validate_files": "checks",
    "validate_glossary": "checks",
}

if _TYPE_CHECKING:
    from .export.formats import serialize as serialize
    from .tables import import_table as import_table, to_table as to_table
    from .checks.lint import lint_glossary as lint_glossary
    from .io.loader import LargeGraphWarning as LargeGraphWarning
    from .model import Concept as Concept, ConceptNotFound as ConceptNotFound, Glossary as Glossary, Relation as Relation, load_glossary as load_glossary
    from .namespaces import REVOPS as REVOPS, ROG as ROG
    from .query import ask as ask, construct as construct, select as select
    from .render import ConceptMap as ConceptMap, concept_map as concept_map, render_map as render_map
    from .store import EndpointStore as EndpointStore, MemoryStore as MemoryStore, OxigraphStore as OxigraphStore
    from .checks.validate import validate_glossary as validate_glossary
    from .checks.validate_store import validate_files as validate_files


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


from ._version import __version__ as __version__

__all__ = [
    "Concept",
    "ConceptMap",
    "ConceptNotFound",
    "EndpointError",
    "EndpointStore",
    "Glossary",
    "InputError",
    "LargeGraphWarning",
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
    "validate_files",
    "validate_glossary",
]
