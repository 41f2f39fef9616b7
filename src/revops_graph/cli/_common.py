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
    from ..store import Connection, OxigraphStore, Remote

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
AuthOption = Annotated[
    Optional[str],
    typer.Option("--auth", envvar="REVOPS_GRAPH_AUTH", show_envvar=True,
                 help="user:password for the server (HTTP Basic, or Digest with --auth-scheme digest)."),
]
AuthSchemeOption = Annotated[str, typer.Option("--auth-scheme", help="basic or digest.")]
TokenOption = Annotated[
    Optional[str],
    typer.Option("--token", envvar="REVOPS_GRAPH_TOKEN", show_envvar=True, help="Bearer token for the server."),
]
TimeoutOption = Annotated[float, typer.Option("--timeout", help="Seconds before a query (or upload) is stopped.")]
EndpointOption = Annotated[
    Optional[str],
    typer.Option("--endpoint", help="Read the vocabulary from this SPARQL query endpoint instead of --data "
                 "(read only; --focus, --kinds and --query fetch only what they show).", show_default=False),
]
GraphOption = Annotated[
    Optional[str],
    typer.Option("--graph", help="With --endpoint: IRI of the named graph that holds the vocabulary "
                 "(default: the server's default graph).", show_default=False),
]


def connection(auth: str | None, auth_scheme: str, token: str | None, timeout: float) -> Connection:
    """How to reach a server, from the shared options (checked here, before anything is sent)."""
    from ..store import Connection

    if auth_scheme not in ("basic", "digest"):
        raise typer.BadParameter(f"{auth_scheme!r} is not one of 'basic', 'digest'", param_hint="--auth-scheme")
    if auth is not None and ":" not in auth:
        raise typer.BadParameter("expected user:password", param_hint="--auth")
    return Connection(auth=auth, auth_scheme=auth_scheme, token=token, timeout=timeout)


def server_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command that takes ``server: Remote | None`` the data-source options of a SPARQL
    server: ``--endpoint``, ``--graph``, ``--auth``, ``--auth-scheme``, ``--token``, ``--timeout``.

    One decorator instead of six parameters on every command that takes ``--data``.
    """
    import functools
    import inspect

    keyword = inspect.Parameter.KEYWORD_ONLY
    added = [
        inspect.Parameter("endpoint", keyword, default=None, annotation=EndpointOption),
        inspect.Parameter("graph", keyword, default=None, annotation=GraphOption),
        inspect.Parameter("auth", keyword, default=None, annotation=AuthOption),
        inspect.Parameter("auth_scheme", keyword, default="basic", annotation=AuthSchemeOption),
        inspect.Parameter("token", keyword, default=None, annotation=TokenOption),
        inspect.Parameter("timeout", keyword, default=120.0, annotation=TimeoutOption),
    ]
    signature = inspect.signature(command)

    @functools.wraps(command)
    def with_server(*args: object, endpoint: str | None, graph: str | None, auth: str | None, auth_scheme: str,
                    token: str | None, timeout: float, **kwargs: object) -> None:
        if endpoint is None:
            if graph is not None:
                raise typer.BadParameter("--graph needs --endpoint", param_hint="--graph")
            return command(*args, server=None, **kwargs)
        if kwargs.get("data"):
            raise typer.BadParameter("give either --data or --endpoint, not both", param_hint="--endpoint")
        with reported_errors():
            from ..store import Remote

            server = Remote(endpoint, graph, connection(auth, auth_scheme, token, timeout))
        return command(*args, server=server, **kwargs)

    # Annotations are text (postponed evaluation); ``server``'s names a type imported only for
    # type checkers, so it is left out and the others are evaluated where the command lives.
    kept = [
        p.replace(kind=keyword, annotation=eval(p.annotation, command.__globals__) if isinstance(p.annotation, str)  # noqa: S307
                  else p.annotation)
        for name, p in signature.parameters.items() if name != "server"
    ]
    with_server.__signature__ = signature.replace(parameters=kept + added, return_annotation=None)  # type: ignore[attr-defined]
    with_server.__annotations__ = {p.name: p.annotation for p in kept + added}
    return with_server


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


def load(data: list[Path] | None, input_format: str | None = None, server: Remote | None = None) -> Glossary:
    """The user's glossary files, the whole vocabulary of ``server`` (fetched once, with a
    progress bar), or the embedded glossary when neither is given (large-graph warnings
    shown as :func:`large_graph_warnings` does)."""
    from ..model import load_glossary

    with large_graph_warnings():
        if server is not None:
            from ..store import load_remote

            with byte_progress(f"fetching {server.where()}") as progress:
                return load_remote(server, progress=progress)
        return load_glossary(data or None, input_format)


def check_lang(lang: str) -> str:
    if lang not in ("de", "en"):
        raise typer.BadParameter(f"{lang!r} is not one of 'de', 'en'", param_hint="--lang")
    return lang


def write_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@contextmanager
def byte_progress(label: str) -> Iterator[Callable[[int, Optional[int]], None]]:
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

    def progress(done: int, total: int | None) -> None:
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
        if focus is not None:
            part, start = neighbourhood(server, focus, depth, progress)
            return part, str(start)
        if kinds:
            return concepts_of_kinds(server, kinds, progress), None
        from rdflib import URIRef

        return part_of(server, [URIRef(i) for i in iris or ()], progress), None


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

