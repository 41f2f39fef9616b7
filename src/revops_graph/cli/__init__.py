"""The ``revops-graph`` command line: parses arguments, calls the library, reports errors.

Each command group lives in its own module and registers itself on the typer app. Heavy
libraries are imported inside the commands, so every command loads only what it uses; and
:func:`main` imports only the module of the command it runs, and lets typer build only that
command's options (building all seventeen took a quarter of `query NAME`'s start-up).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

__all__ = ["COMMANDS", "app", "main"]

#: The modules that register commands, in the order their commands are listed in the help.
MODULES = ("core", "sparql", "authoring", "analyze", "map", "site")

#: Each command and the module that registers it (a test keeps this in step with the modules).
COMMANDS = {
    "build": "core", "export": "core", "concepts": "core",
    "queries": "sparql", "query": "sparql", "push": "sparql",
    "validate": "authoring", "lint": "authoring", "import": "authoring", "import-table": "authoring",
    "export-table": "authoring",
    "diff": "analyze", "explain": "analyze", "analyze": "analyze", "metric": "analyze",
    "map": "map",
    "site": "site",
}


def _registered(modules: Iterable[str]) -> typer.Typer:
    """The app with the commands of ``modules`` registered (importing a module registers them)."""
    for module in modules:
        import_module(f"{__name__}.{module}")
    from ._common import app

    return app


def command_name(info: object) -> str:
    """The name typer gives a registered command: its own, or its function's in kebab case."""
    from typer.main import get_command_name

    return getattr(info, "name", None) or get_command_name(info.callback.__name__)  # type: ignore[attr-defined]


def __getattr__(name: str) -> object:
    # ``revops_graph.cli.app`` is the whole app, every command registered.
    if name == "app":
        return _registered(MODULES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``revops-graph`` script."""
    from .. import _interrupt

    # Until a command runs (and switches to KeyboardInterrupt), Ctrl-C reports and exits 130.
    _interrupt.install()
    first = sys.argv[1] if len(sys.argv) > 1 else ""
    module = COMMANDS.get(first)
    app = _registered((module,) if module else MODULES)
    everything = app.registered_commands
    if module:
        # A named command: the group knows only it (help, errors and options are its own).
        app.registered_commands = [c for c in everything if command_name(c) == first]
    try:
        app()
    finally:
        # Commands registered meanwhile (a command importing another's module) are kept.
        added = [c for c in app.registered_commands if all(c is not e for e in everything)]
        app.registered_commands = everything + added
        # Python's shutdown runs the cyclic collector over every object still alive: after
        # a graph of 1.3 M triples that alone took 13 s (lint at 100,000 concepts: 37.6 s ->
        # 23.6 s). Frozen objects are skipped by the collector and freed all the same.
        gc.freeze()
