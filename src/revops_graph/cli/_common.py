"""What every command shares: the app, the ``--data``/``--format`` options, error handling."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Annotated, Optional

import typer
from typer.core import TyperGroup

try:  # typer 0.2x carries its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer uses click itself
    from click import exceptions as click_errors  # type: ignore[no-redef]

from ._progress import byte_progress, stderr_console, working

if TYPE_CHECKING:
    from ..model import Glossary
    from ..store import OxigraphStore, Remote


def usage_line(exc: click_errors.ClickException) -> str:
    """One line for a usage or option error, with close matches and where to read more.

    click's own rendering is a usage block, a hint and a boxed message: several lines where
    the README promises one.
    """
    if isinstance(exc, click_errors.NoSuchOption):
        message = f"no such option {exc.option_name}"
        if exc.possibilities:
            message += f"; did you mean {' or '.join(sorted(exc.possibilities))}?"
    else:
        message = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click_errors.UsageError) and ctx is not None:
        message = f"{message} (see '{ctx.command_path} --help')"
    return message


class OneLineErrors(TyperGroup):
    """The command group, reporting usage errors as one line on stderr (exit 2)."""

    def main(self, *args: object, standalone_mode: bool = True, **kwargs: object) -> object:  # type: ignore[override]
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[arg-type]
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[arg-type]
        except click_errors.NoArgsIsHelpError as exc:
            if exc.format_message().strip():  # rich has printed the help already
                exc.show()
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            _print_error(_escape(usage_line(exc)))
            sys.exit(exc.exit_code)
        except typer.Abort:
            _print_error("aborted")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="revops-graph",
    help="Model, query, export and map business glossaries as knowledge graphs (RevOps by default).",
    cls=OneLineErrors,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        from .._version import __version__

        typer.echo(f"revops-graph {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_show_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    # The group's own options; its help text stays the one given to the Typer above.
    pass

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
                 "turtle, trig, nt, nquads, jsonld, xml, or an extension (ttl, nq, owl, rdf, json)."),
]


def listed_names(values: list[str] | None) -> list[str]:
    """Repeated options and comma-separated lists both work: --kinds Tool,Metric --kinds Outcome."""
    return [name.strip() for value in values or () for name in value.split(",") if name.strip()]


def languages_option(ctx: typer.Context, value: str | None) -> str | None:
    """``--lang``: a BCP 47 tag or a preference list (``ru,en``), checked and passed on as one
    string (``"ru,en"``) that every label lookup reads as the list (:func:`..langtags.preferences`)."""
    if value is None or ctx.resilient_parsing:
        return value
    tags = check_languages(value, "--lang")
    return ",".join(tags)


def check_languages(value: str, hint: str) -> tuple[str, ...]:
    """``value`` as a language preference list, or a usage error naming the option ``hint``."""
    from ..langtags import parse_languages

    try:
        return parse_languages(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=hint) from None


LangOption = Annotated[str, typer.Option(
    "--lang", "-l", callback=languages_option,
    help="Label language: a BCP 47 tag (ru, de-CH) or a preference list (ru,en); falls back along the list, "
         "then to untagged labels, then English, then any.",
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
    help="Which terms: concepts (SKOS), classes (OWL/RDFS), properties or all (default: concepts and classes).",
)]


def _print_error(message: str) -> None:
    stderr_console().print(f"[bold red]error:[/] {message}", markup=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one red line on stderr and return the Exit to raise."""
    _print_error(message)
    return typer.Exit(code)


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and the documented exit code."""
    import signal

    from .. import _interrupt
    from ..errors import RevopsGraphError

    # While the command works, Ctrl-C raises KeyboardInterrupt, so staged outputs are
    # removed on the way out (before, the handler of _interrupt simply exits). A process
    # started with SIGINT ignored (a background job of a script) keeps ignoring it.
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
    """Set the SIGINT handler in the main thread, unless SIGINT is ignored there; the previous
    one (None where nothing was set)."""
    import signal

    try:
        if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
            return None
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
            stderr_console().print(f"[yellow]warning:[/] {_escape(str(message))}", markup=True)
        else:
            original(message, category, *_, **__)  # type: ignore[arg-type]

    with warnings.catch_warnings():
        original = warnings.showwarning
        warnings.simplefilter("always", LargeGraphWarning)
        warnings.showwarning = show  # restored by catch_warnings
        yield


def load(data: list[Path] | None, input_format: str | None = None, server: Remote | None = None) -> Glossary:
    """The user's glossary files, the whole vocabulary of ``server`` (fetched once, with a
    progress bar), or the embedded glossary when neither is given (large-graph warnings
    shown as :func:`large_graph_warnings` does)."""
    from ..model import load_glossary
    from ..model.terms import DEFAULT_SORTS

    with large_graph_warnings():
        if server is not None:
            from ..store import load_remote

            with byte_progress(f"fetching {server.where()}") as progress:
                return load_remote(server, progress=progress)
        with working(reading(data)):
            return load_glossary(data or None, input_format, terms=_param("terms") or DEFAULT_SORTS)



def _param(name: str) -> object:
    """The running command's value of option ``name`` (``None`` outside a command)."""
    ctx = _context()
    return ctx.params.get(name) if ctx is not None else None


def _context() -> Any:
    """The running command's context (typer's own copy of click), or ``None``."""
    from typer._click.globals import get_current_context

    return get_current_context(silent=True)


def require_terms(glossary: Glossary) -> None:
    """Stop with one line that says what the data holds when the chosen sorts of term are
    empty, and how to ask for it: never a silent "0 concepts"."""
    if not glossary.concept_keys:
        raise fail(glossary.describe_terms())


def chosen_lang(
    lang: str, glossary: Glossary, data: list[Path] | None, dominant: Callable[[], str | None] | None = None,
) -> str:
    """``--lang`` as given; when it was not given, for the user's files, the data's most
    common label language (the embedded glossary keeps English). ``dominant``: how to find
    that language from labels read already (default: count them in the store)."""
    from ..model.labels import dominant_language

    if _lang_given() or not (data or _param("endpoint")):  # the embedded glossary speaks English
        return lang
    hint = getattr(glossary, "language_hint", None)  # a part of a server's vocabulary: the whole's language
    return hint or (dominant() if dominant is not None else dominant_language(glossary.store)) or lang


def _lang_given() -> bool:
    """Whether the running command's ``--lang`` was given (not its default)."""
    from typer._click.core import ParameterSource

    ctx = _context()
    return ctx is not None and ctx.get_parameter_source("lang") not in (None, ParameterSource.DEFAULT)


def reading(data: list[Path] | None) -> str:
    """What a progress line says while ``data`` is read."""
    if not data:
        return "reading the embedded glossary"
    size = sum(p.stat().st_size for p in data if p.is_file())
    names = data[0].name if len(data) == 1 else f"{len(data)} files"
    return f"reading {names} ({size / 1e6:.1f} MB)" if size >= 1e6 else f"reading {names}"


def check_output_file(path: Path, option: str) -> None:
    """Refuse an output file whose folder does not exist.

    A mistyped folder in ``-o`` should not quietly become a new tree of folders; ``--out DIR``
    (a folder of outputs, as ``build`` takes) is created with its parents instead.
    """
    parent = path.parent
    if not parent.is_dir():
        what = "is not a folder" if parent.exists() else "does not exist"
        raise typer.BadParameter(f"{str(path)!r}: {str(parent)!r} {what} (create the folder first)",
                                 param_hint=option)


def write_stdout(data: bytes | Iterable[bytes]) -> None:
    """``data`` (bytes, or bytes in pieces) on stdout."""
    for piece in (data,) if isinstance(data, bytes) else data:
        sys.stdout.buffer.write(piece)
    sys.stdout.buffer.flush()


def open_oxigraph(spec: str, data: list[Path] | None, input_format: str | None = None, *,
                  isolate: bool = True) -> OxigraphStore:
    """The store of ``--store oxigraph:PATH`` holding ``data``, (re)loaded with a progress bar;
    ``isolate``: queries in a process of their own (see :class:`~revops_graph.store.OxigraphStore`)."""
    from ..store import OxigraphStore

    kind, sep, path = spec.partition(":")
    if kind != "oxigraph" or not sep or not path:
        raise typer.BadParameter(f"{spec!r} is not 'memory' or 'oxigraph:PATH'", param_hint="--store")
    with byte_progress(f"loading into {path}") as progress:
        return OxigraphStore(path, data or None, input_format, progress=progress, isolate=isolate)


def load_part(
    server: Remote, *, focus: str | None = None, depth: int = 1, kinds: list[str] | None = None,
    iris: list[str] | None = None,
) -> tuple[Glossary, str | None]:
    """Only the part of ``server``'s vocabulary a command shows, and the focus concept's IRI:
    the neighbourhood of ``focus`` (``depth`` steps), else the concepts of ``kinds``, else
    everything about ``iris``. Fetched with a progress bar. A vocabulary without SKOS
    concepts (an OWL ontology, mapped as classes) is fetched whole."""
    from ..store import concepts_of_kinds, load_remote, neighbourhood, part_of
    from ..store.remote_part import has_concepts, vocabulary_part

    with large_graph_warnings(), byte_progress(f"fetching from {server.where()}") as progress, server.session():
        if not has_concepts(server, vocabulary_part(server)):
            return load_remote(server, progress=progress), focus
        from rdflib import URIRef

        from ..store.remote_part import dominant_language

        if focus is not None:
            part, start = neighbourhood(server, focus, depth, progress)
        elif kinds:
            part, start = concepts_of_kinds(server, kinds, progress), None
        else:
            part, start = part_of(server, [URIRef(i) for i in iris or ()], progress), None
        if not _lang_given():  # a count over the whole server: only when the language is not given
            part.language_hint = dominant_language(server)
        return part, None if start is None else str(start)


@contextmanager
def fetched_file(server: Remote) -> Iterator[Path]:
    """The whole vocabulary of ``server`` in a temporary N-Triples file, for the commands that
    read files (validate); fetched once, streamed, with a progress bar; removed afterwards."""
    import tempfile

    from ..store import fetch_graph

    with tempfile.TemporaryDirectory(prefix="revops-graph-") as folder:
        path = Path(folder) / "graph.nt"
        with large_graph_warnings(), byte_progress(f"fetching {server.where()}") as progress, path.open("wb") as sink:
            fetch_graph(server, sink, progress=progress)
        yield path

