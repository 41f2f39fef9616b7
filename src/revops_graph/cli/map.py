"""The ``map`` command: the interactive concept map as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from typing import TYPE_CHECKING

from ._common import (
    DataOption, InputFormatOption, LangOption, app, check_lang, load, load_part, reported_errors, server_options,
    write_stdout,
)

if TYPE_CHECKING:
    from ..model import Glossary
    from ..store import Remote, Store


def _names(values: list[str] | None) -> list[str]:
    """Repeated options and comma-separated lists both work: --kinds Tool,Metric --kinds Outcome."""
    return [name.strip() for value in values or () for name in value.split(",") if name.strip()]


@app.command("map")
@server_options
def map_(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write ('-' for stdout).")] = Path(
        "concept-map.html"
    ),
    lang: LangOption = "en",
    focus: Annotated[Optional[str], typer.Option(help="Show only this concept (label in either language, or IRI) "
                                                 "and its neighbours.")] = None,
    depth: Annotated[int, typer.Option(min=0, help="With --focus: how many relation steps to follow.")] = 1,
    kinds: Annotated[Optional[list[str]], typer.Option("--kinds", help="Show only concepts of these kinds "
                                                      "(labels or local names; repeat or comma-separate).")] = None,
    relations: Annotated[Optional[list[str]], typer.Option("--relations", help="Show only these relations "
                                                          "(labels or local names; repeat or comma-separate).")] = None,
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Map a query's answer: a named query or a "
                                                 ".rq file (SELECT: the concepts it binds; CONSTRUCT: its graph).")] = None,
    max_nodes: Annotated[int, typer.Option(help="Refuse maps larger than this (0: no limit).")] = 5000,
    server: Remote | None = None,
) -> None:
    """Write the interactive concept map: one HTML page that works offline."""
    from ..render import concept_map, read_query

    check_lang(lang)
    if depth != 1 and focus is None:
        raise typer.BadParameter("--depth needs --focus", param_hint="--depth")
    with reported_errors():
        text = read_query(query) if query is not None else None
        where = None
        if server is not None and text is not None:
            glossary, where = _query_part(server, text)
        elif server is not None and (focus is not None or kinds):
            glossary, focus = load_part(server, focus=focus, depth=depth, kinds=_names(kinds))
        else:
            glossary = load(data, input_format, server)
        page = concept_map(
            glossary,
            lang,
            focus=focus,
            depth=depth,
            kinds=_names(kinds),
            relations=_names(relations),
            query=text,
            max_nodes=max_nodes or None,
            query_store=where,
        )
        if str(output) == "-":
            write_stdout(page.html.encode("utf-8"))
            return
        page.save(output)
    typer.echo(f"wrote {output}: {page.nodes} concepts, {page.edges} relations", err=True)
    if page.nodes == 0:
        typer.echo("warning: the map is empty (no concepts or classes matched)", err=True)


def _query_part(server: Remote, text: str) -> tuple[Glossary, Store]:
    """The part of ``server`` that a query's answer maps, and the store that answers it there."""
    from rdflib import Graph

    from ..model import Glossary
    from ..render import query_selection
    from ..store import EndpointStore

    where = EndpointStore(server.url, connection=server.connection)
    # Every IRI the answer binds decides the part (an empty glossary knows no concept to keep);
    # the map then asks the server again and keeps the concepts among them.
    iris, _ = query_selection(Glossary(Graph()), text, store=where)
    glossary, _ = load_part(server, iris=[str(i) for i in iris])
    return glossary, where
