"""rdflib, imported on first use: ``from .. import _rdflib as rdfl`` then ``rdfl.URIRef(...)``.

rdflib costs about 0.1 s to import, a third of a command's start. The commands that read
the graph from Oxigraph (``query``, ``concepts``, ``export --format nt`` ...) never touch it;
the modules on their way name rdflib's terms through this module, so rdflib loads only
when a term is really made (pySHACL, rdflib-based writers, a Python caller asking for
``Glossary.graph`` or rdflib terms). Any name of ``rdflib``, ``rdflib.namespace`` or
``rdflib.term`` is found here, and kept once found.
"""

from __future__ import annotations

import sys
from typing import Any


def is_a(value: object, name: str) -> bool:
    """Whether ``value`` is an instance of rdflib's ``name`` (``"Graph"``, ``"URIRef"`` ...),
    answered without importing rdflib: nothing is an rdflib object before rdflib is loaded."""
    return "rdflib" in sys.modules and isinstance(value, __getattr__(name))


def __getattr__(name: str) -> Any:
    if name.startswith("__"):  # the import machinery's probes (__path__, __file__ ...) stay misses
        raise AttributeError(name)
    import rdflib
    import rdflib.namespace
    import rdflib.term

    for module in (rdflib, rdflib.namespace, rdflib.term):
        if hasattr(module, name):
            value = getattr(module, name)
            globals()[name] = value
            return value
    raise AttributeError(f"rdflib has no {name!r}")
