"""revops-graph: business glossaries as knowledge graphs (the RevOps glossary by default).

>>> from revops_graph import load_glossary
>>> load_glossary().find("RCO").label("en")
'Revenue cycle operations'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import (
    EndpointError as EndpointError,
    InputError as InputError,
    OutputError as OutputError,
    QueryError as QueryError,
    RevopsGraphError as RevopsGraphError,
    ValidationFailed as ValidationFailed,
)

# The public names below pull in rdflib (0.2 s to import); they load on first use so that
# `import revops_graph.cli` and `revops-graph --help` stay fast. Add new heavy names here.
_LAZY: dict[str, str] = {
    "Concept": "model",
    "ConceptNotFound": "model",
    "Glossary": "model",
    "LargeGraphWarning": "loader",
    "REVOPS": "namespaces",
    "ROG": "namespaces",
    "Relation": "model",
    "load_glossary": "model",
    "serialize": "export",
}

if TYPE_CHECKING:
    from .export import serialize as serialize
    from .loader import LargeGraphWarning as LargeGraphWarning
    from .model import (
        Concept as Concept,
        ConceptNotFound as ConceptNotFound,
        Glossary as Glossary,
        Relation as Relation,
        load_glossary as load_glossary,
    )
    from .namespaces import REVOPS as REVOPS, ROG as ROG


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


__version__ = "0.1.0"

__all__ = [
    "REVOPS",
    "ROG",
    "Concept",
    "ConceptNotFound",
    "EndpointError",
    "Glossary",
    "InputError",
    "LargeGraphWarning",
    "OutputError",
    "QueryError",
    "Relation",
    "RevopsGraphError",
    "ValidationFailed",
    "__version__",
    "load_glossary",
    "serialize",
]
