"""SPARQL commands: queries (list the named ones), query (run one), push (upload the graph)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._common import (
    DataOption, InputFormatOption, LangOption, app, byte_progress, fail, load, open_oxigraph,
    reported_errors, write_stdout,
)
from ._server import (
    AuthFileOption, AuthOption, AuthSchemeOption, TimeoutOption, TokenOption, _from_argv, connection as _connection,
)

if TYPE_CHECKING:
    from ..query import NamedQuery
    from ..store import Connection, SelectResult, Store

OUTPUT_FORMATS = ("table", "csv", "tsv", "json")

@app.command()
def queries() -> None:
    """The named queries: name, title and parameters."""
    from rich.console import Console
    from rich.table import Table

    from ..query import named_queries

    with reported_errors():
        found = named_queries()
    table = Table(title=f"{len(found)} named queries (run with: revops-graph query NAME --param name=value)")
    for column in ("name", "title", "parameters"):
        table.add_column(column, overflow="fold")
    for name, q in found.items():
        params = "\n".join(
            f"{p.name} ({p.type}){' = ' + p.default if p.default else ''}: {p.description}" for p in q.params
        )
        table.add_row(name, f"{q.title}\n[dim]{q.titel}[/]", params or "-")
    Console(soft_wrap=False).print(table)


def _read_query(spec: str) -> NamedQuery | str:
    """A named query, a query file (typed parameters when it has a header), or stdin."""
    from ..errors import QueryError
    from ..query import named_queries, parse_header
    from ._suggest import query_not_found

    if spec == "-":
        return sys.stdin.read()
    found = named_queries()
    if spec in found:
        return found[spec]
    path = Path(spec)
    if not path.is_file():
        raise QueryError(query_not_found(spec, found))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read: {exc}") from None
    header = parse_header(text, path.stem, path)
    return header if header.params else text


def _parse_params(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"{item!r} is not name=value", param_hint="--param")
        out[name.strip().lstrip("?$")] = value
    return out


def _open_store(
    store: str, endpoint: str | None, update_endpoint: str | None, connection: Connection,
    data: list[Path] | None, input_format: str | None, isolate: bool = True,
) -> Store:
    from ..store import EndpointStore, MemoryStore

    if endpoint:
        if store != "memory":
            raise typer.BadParameter("give either --store or --endpoint", param_hint="--store")
        return EndpointStore(endpoint, update_url=update_endpoint, connection=connection)
    if store == "memory":
        return MemoryStore(load(data, input_format))
    return open_oxigraph(store, data, input_format, isolate=isolate)


def _cell(term: object, names: dict[str, str]) -> str:
    """A pyoxigraph term as a table cell: an IRI by its label or CURIE, else its text."""
    import pyoxigraph as ox

    from ..namespaces import PREFIXES

    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        if iri in names:
            return names[iri]
        for prefix, space in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(space):
                return f"{prefix}:{iri[len(space):]}"
        return iri
    return term.value if isinstance(term, (ox.Literal, ox.BlankNode)) else str(term)


def _print_table(result: SelectResult, names: dict[str, str], limit: int) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    rows = result.terms
    table = Table(show_lines=False)
    for variable in result.variables:
        table.add_column(variable, overflow="fold")
    for row in rows[:limit]:
        table.add_row(*(escape(_cell(row[i] if i < len(row) else None, names)) for i in range(len(result.variables))))
    console = Console(soft_wrap=False)
    console.print(table)
    shown = min(limit, len(rows))
    note = f"{len(rows)} row(s)" if shown == len(rows) else f"showing {shown} of {len(rows)} rows; use --limit or --format csv for all"
    Console(stderr=True, highlight=False).print(f"[dim]{note}[/]")


@app.command()
def query(
    ctx: typer.Context,
    query_ref: Annotated[str, typer.Argument(metavar="NAME|FILE|-", help="A named query (see 'queries'), a .rq file, or - for stdin.")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="name=value; repeat for several.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json (W3C SPARQL results).")] = "table",
    store: Annotated[str, typer.Option("--store", help="memory or oxigraph:PATH (loaded once, reused).")] = "memory",
    endpoint: Annotated[Optional[str], typer.Option("--endpoint", help="URL of a SPARQL 1.1 query endpoint.")] = None,
    update_endpoint: Annotated[Optional[str], typer.Option("--update-endpoint", help="URL for updates (default: --endpoint).")] = None,
    auth: AuthOption = None,
    auth_file: AuthFileOption = None,
    auth_scheme: AuthSchemeOption = "basic",
    token: TokenOption = None,
    timeout: TimeoutOption = 30.0,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="Allow SPARQL updates (they change data).")] = False,
    allow_network: Annotated[bool, typer.Option("--allow-network", help="Allow SERVICE, LOAD and FROM, which fetch from other places.")] = False,
    lang: LangOption = "en",
    limit: Annotated[int, typer.Option("--limit", help="Rows shown by --format table.")] = 50,
    data: DataOption = None,
    input_format: InputFormatOption = None,
) -> None:
    """Run a SPARQL query: a named one, a file, or stdin."""
    from .. import query as q

    if fmt not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(OUTPUT_FORMATS)}", param_hint="--format")
    params = _parse_params(param or [])
    connection = _connection(ctx, auth, auth_scheme, token, timeout, auth_file)
    with reported_errors():
        spec = _read_query(query_ref)
        text = spec if isinstance(spec, str) else spec.text
        checked = q.check(text, allow_update=allow_update, allow_network=allow_network,
                          source=query_ref if isinstance(spec, str) else spec.name)
        # A query process of its own is what stops a query at a --timeout the user asked
        # for; the default limit is kept in this process, which exits at the error anyway,
        # without starting a second interpreter.
        isolate = _from_argv(ctx, "timeout")
        target = _open_store(store, endpoint, update_endpoint, connection, data, input_format, isolate)
        source = query_ref if isinstance(spec, str) else spec.name
        with _parameter_hints(target, params, timeout), _syntax_named(text, source):
            _run_query(target, spec, text, checked.form, params, fmt, lang, limit, allow_update, allow_network, timeout)


@contextmanager
def _syntax_named(text: str, source: str) -> Iterator[None]:
    """A syntax error the engine found, worded by rdflib and named after the query's source (``-``, a file)."""
    from .. import query as q
    from ..errors import QueryError

    try:
        yield
    except QueryError as exc:
        if "syntax error" not in str(exc):
            raise
        raise (q.explain_syntax_error(text, source) or exc) from None


@contextmanager
def _parameter_hints(target: Store, params: dict[str, str], timeout: float) -> Iterator[None]:
    """A label in --param that binds nothing gets the store's closest labels."""
    from ..errors import QueryError
    from ._suggest import parameter_hint

    try:
        yield
    except QueryError as exc:
        extra = parameter_hint(target, str(exc), params, timeout)
        if not extra:
            raise
        raise QueryError(f"{exc}{extra}") from None


def _run_query(target: Store, spec: NamedQuery | str, text: str, form: str, params: dict[str, str], fmt: str,
               lang: str, limit: int, allow_update: bool, allow_network: bool, timeout: float) -> None:
    """Run the checked query on ``target`` and print its answer in ``fmt``: from the store's
    pyoxigraph terms, so a SELECT or ASK never imports rdflib (a graph is written by the
    rdflib-based Turtle serializer)."""
    import pyoxigraph as ox

    from .. import query as q

    options = {"allow_network": allow_network, "timeout": timeout}
    if form == "UPDATE":
        if params:
            raise fail("updates take no --param", 2)
        q.update(target, text, allow_update=allow_update, **options)
        typer.echo("update done", err=True)
        return
    if form in ("CONSTRUCT", "DESCRIBE"):
        from ..export.formats import serialize
        from ..model import Glossary

        # The export serializer: sorted, blank nodes relabelled, so the bytes are stable.
        write_stdout(serialize(Glossary(q.construct(target, spec, params, **options)), "turtle"))
        return
    result = q.ask(target, spec, params, **options) if form == "ASK" else q.select_terms(target, spec, params, **options)
    if fmt != "table":
        payload = q.serialize_results(result, fmt)
        write_stdout(payload if payload.endswith(b"\n") else payload + b"\n")
        return
    if isinstance(result, bool):
        typer.echo("yes" if result else "no")
        return
    iris = {t.value for row in result.terms[:limit] for t in row if isinstance(t, ox.NamedNode)}
    names = q.labels(target, iris, lang, timeout)
    _print_table(result, names, limit)


@app.command()
def push(
    ctx: typer.Context,
    graph_store: Annotated[str, typer.Option("--graph-store", help="URL of the server's Graph Store Protocol endpoint.")],
    graph: Annotated[Optional[str], typer.Option("--graph", help="IRI of the target graph (default: the default graph).")] = None,
    add: Annotated[bool, typer.Option("--add", help="Add to the graph (POST) instead of replacing it (PUT).")] = False,
    auth: AuthOption = None,
    auth_file: AuthFileOption = None,
    auth_scheme: AuthSchemeOption = "basic",
    token: TokenOption = None,
    timeout: TimeoutOption = 300.0,
    data: DataOption = None,
    input_format: InputFormatOption = None,
) -> None:
    """Upload the glossary to a SPARQL server with the Graph Store Protocol."""
    from ..store import push as push_graph

    connection = _connection(ctx, auth, auth_scheme, token, timeout, auth_file)
    with reported_errors():
        glossary = load(data, input_format)
        with byte_progress("uploading") as progress:
            sent = push_graph(glossary, graph_store, graph, connection=connection, replace=not add, progress=progress)
    where = f"graph <{graph}>" if graph else "the default graph"
    from ..store.endpoint import redact_url

    typer.echo(f"pushed {len(glossary.graph)} triples ({sent} bytes) to {where} at {redact_url(graph_store)}")
