"""Lazy re-exports: a package names its public objects without importing their modules.

The heavy libraries (rdflib, pyoxigraph, networkx, httpx) load on first use, so that
``revops-graph --help`` and light commands start fast.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, names: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for *package* that load ``names[name]`` (a submodule) on demand."""

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{module}"), name)
        globals_of_package = import_module(package).__dict__
        globals_of_package[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*import_module(package).__dict__, *names})

    return __getattr__, __dir__
