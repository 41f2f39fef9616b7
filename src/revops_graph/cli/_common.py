"""What every command shares: the app, the ``--data``/``--format`` options, error handling."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from ..model import Glossary

app = typer.Typer(
    name="revops-graph",
    help="Model, query, export and map business glossaries as knowledge graphs (RevOps by default).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DataOption = Annotated[
    Optional[list[Path]],
    typer.Option(
        "--data",
        "-d",
        help="Your own glossary file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML); "
        "repeat for several. Default: the embedded RevOps glossary.",
        show_default=False,
    ),
]
InputFormatOption = Annotated[
    Optional[str],
    typer.Option("--input-format", help="Syntax of the --data files when the extension does not tell: "
                 "turtle, trig, nt, nquads, jsonld, xml."),
]
LangOption = Annotated[str, typer.Option("--lang", "-l", help="Label language: de or en.")]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one red line on stderr and return the Exit to raise."""
    from rich.console import Console

    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]error:[/] {message}", markup=True)
    return typer.Exit(code)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and the documented exit code."""
    from ..errors import RevopsGraphError

    try:
        yield
    except RevopsGraphError as exc:
        raise fail(_escape(str(exc)), exc.exit_code) from None
    except KeyboardInterrupt:
        raise fail("interrupted; every output is either as before or complete, none half-written", 130) from None


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def load(data: list[Path] | None, input_format: str | None = None) -> Glossary:
    """The user's glossary files, or the embedded one when ``data`` is empty.

    A :class:`~revops_graph.loader.LargeGraphWarning` is printed in yellow on stderr as
    soon as the graph grows past the in-memory limit (loading goes on).
    """
    import warnings

    from ..loader import LargeGraphWarning
    from ..model import load_glossary

    def show(message: Warning | str, category: type[Warning], *_: object, **__: object) -> None:
        if issubclass(category, LargeGraphWarning):
            from rich.console import Console

            Console(stderr=True, highlight=False, soft_wrap=True).print(
                f"[yellow]warning:[/] {_escape(str(message))}", markup=True
            )
        else:
            original(message, category, *_, **__)  # type: ignore[arg-type]

    with warnings.catch_warnings():
        original = warnings.showwarning
        warnings.simplefilter("always", LargeGraphWarning)
        warnings.showwarning = show  # restored by catch_warnings
        return load_glossary(data or None, input_format)


def check_lang(lang: str) -> str:
    if lang not in ("de", "en"):
        raise typer.BadParameter(f"{lang!r} is not one of 'de', 'en'", param_hint="--lang")
    return lang


def write_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
