"""The ``map`` command: the interactive concept map as one self-contained HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from typing import TYPE_CHECKING

from ._common import (
    DataOption, InputFormatOption, app, check_output_file, chosen_lang, languages_option, load, load_part,
    listed_names, reported_errors, working, write_stdout,
)
from ._server import server_options

if TYPE_CHECKING:
    from ..model import Glossary
    from ..store import Remote, Store


def _query_text(spec: str) -> str:
    """The query of ``--query``: a .rq file or a named query, with close names when neither."""
    from ..errors import QueryError
    from ..query import named_queries
    from ..render import read_query
    from ._suggest import query_not_found

    if not Path(spec).is_file() and spec not in named_queries():
        raise QueryError(query_not_found(spec, named_queries()))
    return read_query(spec)


@app.command("map")
@server_options
def map_(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write ('-' for stdout).")] = Path(
        "concept-map.html"
    ),
    lang: Annotated[Optional[str], typer.Option(
        "--lang", "-l", callback=languages_option,
        help="Language the page opens in: a tag (ru, de-CH) or a preference list (ru,en) whose first language "
             "on the map opens it and whose rest fills missing labels; the page offers every language of the "
             "labels. Default: en for the embedded glossary, your data's most common language.")] = None,
    focus: Annotated[Optional[str], typer.Option(help="Show only this concept (label in either language, or IRI) "
                                                 "and its neighbours.")] = None,
    depth: Annotated[int, typer.Option(min=0, help="With --focus: how many relation steps to follow.")] = 1,
    kinds: Annotated[Optional[list[str]], typer.Option("--kinds", help="Show only concepts of these kinds "
                                                      "(labels or local names; repeat or comma-separate).")] = None,
    relations: Annotated[Optional[list[str]], typer.Option("--relations", help="Show only these relations "
                                                          "(labels or local names; repeat or comma-separate).")] = None,
    query: Annotated[Optional[str], typer.Option("--query", "-q", help="Map a query's answer: a named query or a "
                                                 ".rq file (SELECT: the concepts it binds; CONSTRUCT: its graph).")] = None,
    max_nodes: Annotated[int, typer.Option(help="Refuse maps larger than this (0: no limit, the default).")] = 0,
    server: Remote | None = None,
) -> None:
    """Write the interactive concept map: one HTML page that works offline."""
    from ..render import MAX_NODES, concept_map
    from ._suggest import suggesting_concepts

    if depth != 1 and focus is None:
        raise typer.BadParameter("--depth needs --focus", param_hint="--depth")
    if str(output) != "-":
        check_output_file(output, "--output")
    with reported_errors():
        query_text = _query_text(query) if query is not None else None
        where = None
        if server is not None and query_text is not None:
            glossary, where = _query_part(server, query_text)
        elif server is not None and (focus is not None or kinds):
            glossary, focus = load_part(server, focus=focus, depth=depth, kinds=listed_names(kinds))
        else:
            glossary = load(data, input_format, server)
        with suggesting_concepts(glossary, focus or ""), working("laying out the map"):
            page = concept_map(
                glossary,
                lang or _data_language(glossary, data),
                focus=focus,
                depth=depth,
                kinds=listed_names(kinds),
                relations=listed_names(relations),
                query=query_text,
                max_nodes=max_nodes or None,
                query_store=where,
            )
        if str(output) == "-":
            write_stdout(page.html.encode("utf-8"))
            return
        page.save(output)
    typer.echo(f"wrote {output}: {page.nodes} concepts, {page.edges} relations", err=True)
    if page.nodes > MAX_NODES:
        typer.echo(f"warning: {page.nodes:,} concepts on one map; --focus LABEL --depth N shows a readable part",
                   err=True)
    if page.nodes == 0:
        typer.echo("warning: the map is empty (no concepts or classes matched)", err=True)


def _data_language(glossary: Glossary, data: list[Path] | None) -> str:
    """Without ``--lang``: the data's most common language, English to fill the gaps (the
    embedded glossary: English)."""
    chosen = chosen_lang("en", glossary, data)
    return chosen if chosen == "en" else f"{chosen},en"


def _query_part(server: Remote, text: str) -> tuple[Glossary, Store]:
    """The part of ``server`` that a query's answer maps, and the store that answers it there
    (page by page, with progress; the answer is kept, so drawing the map does not ask again)."""
    import pyoxigraph as ox

    from ..model import Glossary
    from ..render import query_selection_keys
    from ..store.paged import PagedEndpoint

    where = PagedEndpoint(server.url, connection=server.connection)
    # Every IRI the answer binds decides the part (an empty glossary knows no concept to keep);
    # the map then reads the kept answer again and keeps the concepts among them.
    with working(f"running the query on {server.shown_url()}", unit="rows") as progress:
        where.progress = progress
        iris, _ = query_selection_keys(Glossary.from_store(ox.Store()), text, store=where)
    where.progress = None
    glossary, _ = load_part(server, iris=iris)
    return glossary, where
