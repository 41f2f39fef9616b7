"""What every command shares: the app, the ``--data``/``--format`` options, error handling."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:
    from ..model import Glossary
    from ..store import OxigraphStore

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


def _languages(ctx: typer.Context, value: str | None) -> str | None:
    """``--lang``: a BCP 47 tag or a preference list (``ru,en``), checked; the command gets the first
    tag (what every consumer can use today), the whole list stays in ``ctx.meta`` (:func:`preferred_languages`)."""
    if value is None or ctx.resilient_parsing:
        return value
    tags = check_languages(value, "--lang")
    ctx.meta["revops_graph.languages"] = tags
    return tags[0]


def check_languages(value: str, hint: str) -> tuple[str, ...]:
    """``value`` as a language preference list, or a usage error naming the option ``hint``."""
    from ..langtags import parse_languages

    try:
        return parse_languages(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=hint) from None


def preferred_languages(default: tuple[str, ...] = ("en",)) -> tuple[str, ...]:
    """The whole ``--lang`` preference list of the running command (``default`` when not given)."""
    import click

    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("revops_graph.languages", default) if ctx is not None else default


LangOption = Annotated[str, typer.Option(
    "--lang", "-l", callback=_languages,
    help="Label language: a BCP 47 tag (ru, de-CH) or a preference list (ru,en); falls back along the list, "
         "then to untagged labels, then to any.",
)]


ProfileOption = Annotated[str, typer.Option(
    "--profile",
    help="Checks to run: auto (revops for data that uses the rog vocabulary, else skos), skos (W3C SKOS "
         "integrity and quality checks), revops (the RevOps shapes: rog kinds, German and English) or none.",
)]
RequireLangOption = Annotated[Optional[str], typer.Option(
    "--require-lang",
    help="Languages every concept needs a preferred label in (ru,en); missing ones fail the check. "
         "Default: the languages the vocabulary itself uses (a warning).",
)]


def check_profile(profile: str, require_lang: str | None) -> tuple[str, ...] | None:
    """The ``--profile`` value checked, and ``--require-lang`` as a language list (``None``: from the data)."""
    from ..checks.profiles import PROFILES

    if profile not in PROFILES:
        raise typer.BadParameter(f"{profile!r} is not one of {', '.join(PROFILES)}", param_hint="--profile")
    return None if require_lang is None else check_languages(require_lang, "--require-lang")


def _term_sorts(value: str | None) -> str | None:
    from ..model.terms import TERM_SORTS

    if value is not None and value not in TERM_SORTS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(TERM_SORTS)}", param_hint="--terms")
    return value


TermsOption = Annotated[Optional[str], typer.Option(
    "--terms", callback=_term_sorts,
    help="Which terms: concepts (SKOS), classes (OWL/RDFS), properties or all (default: every sort the data has).",
)]


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one red line on stderr and return the Exit to raise."""
    from rich.console import Console

    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]error:[/] {message}", markup=True)
    return typer.Exit(code)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and the documented exit code."""
    import signal

    from .. import _interrupt
    from ..errors import RevopsGraphError

    # While the command works, Ctrl-C raises KeyboardInterrupt, so staged outputs are
    # removed on the way out (before, the handler of _interrupt simply exits).
    previous = _interrupt_handler(signal.default_int_handler)
    try:
        yield
    except RevopsGraphError as exc:
        raise fail(_escape(str(exc)), exc.exit_code) from None
    except KeyboardInterrupt:
        raise fail(_interrupt.MESSAGE, 130) from None
    finally:
        if previous is not None:
            _interrupt_handler(previous)


def _interrupt_handler(handler: object) -> object:
    """Set the SIGINT handler in the main thread; the previous one (None elsewhere)."""
    import signal

    try:
        return signal.signal(signal.SIGINT, handler)  # type: ignore[arg-type]
    except ValueError:
        return None


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@contextmanager
def large_graph_warnings() -> Iterator[None]:
    """Print a :class:`~revops_graph.io.loader.LargeGraphWarning` in yellow on stderr as soon as
    the graph grows past the in-memory limit (loading goes on)."""
    import warnings

    from ..io.loader import LargeGraphWarning

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
        yield


def load(data: list[Path] | None, input_format: str | None = None) -> Glossary:
    """The user's glossary files, or the embedded one when ``data`` is empty (large-graph
    warnings shown as :func:`large_graph_warnings` does)."""
    from ..model import load_glossary

    with large_graph_warnings():
        return load_glossary(data or None, input_format)


def check_lang(lang: str) -> str:
    """The first tag of a ``--lang`` value (already checked when it came through :data:`LangOption`)."""
    return check_languages(lang, "--lang")[0]


def write_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@contextmanager
def byte_progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback drawing a bar on stderr from its first call on.

    Nothing is drawn when it is never called (a store that is reused, not reloaded) or
    when stderr is not a terminal.
    """
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    console = Console(stderr=True)
    bar = Progress(TextColumn(label), BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
                   console=console, transient=True)
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if not console.is_terminal:
            return  # a log file gets no bar (rich would leave an empty line in it)
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield progress
    finally:
        if task is not None:  # stopping a bar never started still prints a line break
            bar.stop()


def open_oxigraph(spec: str, data: list[Path] | None, input_format: str | None = None) -> OxigraphStore:
    """The store of ``--store oxigraph:PATH`` holding ``data``, (re)loaded with a progress bar."""
    from ..store import OxigraphStore

    kind, sep, path = spec.partition(":")
    if kind != "oxigraph" or not sep or not path:
        raise typer.BadParameter(f"{spec!r} is not 'memory' or 'oxigraph:PATH'", param_hint="--store")
    with byte_progress(f"loading into {path}") as progress:
        return OxigraphStore(path, data or None, input_format, progress=progress)
