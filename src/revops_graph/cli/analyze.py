"""Commands that reason over a glossary: diff, explain, analyze, metric."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from ._common import (
    DataOption, InputFormatOption, LangOption, TermsOption, app, check_output_file, chosen_lang, fail, load, reported_errors, require_terms, working,
)
from ._server import server_options

if TYPE_CHECKING:
    from ..model import Concept, Glossary
    from ..store import Remote


def _json(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)


def _choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(map(repr, allowed))}", param_hint=option)
    return value


def _rdf_files(path: Path) -> list[Path]:
    """A file as given, or the RDF files directly inside a folder (sorted)."""
    from ..errors import InputError
    from ..io.screen import FORMATS

    if not path.is_dir():
        return [path]
    suffixes = {s for _, found in FORMATS.values() for s in found}
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes)
    if not files:
        raise InputError("folder holds no RDF files", path=path)
    return files


@app.command()
@server_options
def diff(
    old: Annotated[Path, typer.Argument(help="The old glossary: an RDF file, or a folder of them; with --endpoint, "
                                        "the new one, compared with the server's graph.", show_default=False)],
    new: Annotated[Optional[Path], typer.Argument(help="The new glossary: an RDF file, or a folder of them.",
                                                  show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    lang: LangOption = "en",
    input_format: InputFormatOption = None,
    server: Remote | None = None,
) -> None:
    """What changed between two glossaries: concepts, labels, definitions, relations.

    With --endpoint, what pushing the file would change in the server's graph (read only).
    Exit 0 when they say the same, 1 when they differ, 2 when one cannot be read.
    """
    from ..analysis.diff import diff_glossaries
    from ..model import load_glossary

    _choice(fmt, ("text", "json"), "--format")
    if (new is None) == (server is None):
        raise typer.BadParameter("give two glossaries, or one and --endpoint", param_hint="NEW")
    with reported_errors():
        if server is not None:
            after = load_glossary(_rdf_files(old), input_format)
            before = load(None, None, server)
        else:
            before = load_glossary(_rdf_files(old), input_format)
            after = load_glossary(_rdf_files(new), input_format)  # type: ignore[arg-type]
        result = diff_glossaries(before, after, lang)
    typer.echo(_json(result.to_dict()) if fmt == "json" else result.text(), nl=fmt == "json")
    if not result.same:
        raise typer.Exit(1)


@app.command()
@server_options
def explain(
    a: Annotated[str, typer.Argument(help="A concept, by any of its labels (or its IRI).", show_default=False)],
    b: Annotated[str, typer.Argument(help="Another concept, by any of its labels.", show_default=False)],
    data: DataOption = None,
    input_format: InputFormatOption = None,
    lang: LangOption = "en",
    most: Annotated[int, typer.Option("--max", "-n", min=1, help="Show at most this many chains.")] = 5,
    terms: TermsOption = None,
    server: Remote | None = None,
) -> None:
    """The shortest chains of relations linking two concepts, with their source sentences.

    With --endpoint only the terms on the chains are fetched (a search from both ends, one
    query a level), unless --terms is given: then the whole graph.
    """
    from ..analysis.chains import MAX_STEPS, explain as find_chains, linked
    from ._suggest import suggesting_concepts

    with reported_errors():
        apart = ""
        if server is not None and terms is None:
            glossary, (first, second), apart = _chain_part(server, a, b, MAX_STEPS)
            lang = chosen_lang(lang, glossary, data)
        else:
            glossary = load(data, input_format, server)
            require_terms(glossary)
            lang = chosen_lang(lang, glossary, data)
            with suggesting_concepts(glossary, a):
                first = glossary.find(a)
            with suggesting_concepts(glossary, b):
                second = glossary.find(b)
        everything = find_chains(glossary, first, second, lang, limit=None, max_steps=MAX_STEPS)
        far = not everything and (apart == "far" if apart else linked(glossary, first, second))
    names = f"{first.label(lang)} \u2192 {second.label(lang)}"
    if far:
        raise fail(f"no chain of at most {MAX_STEPS} relations links {first.label(lang)!r} and "
                   f"{second.label(lang)!r} (explain looks no further)", 1)
    if not everything:
        raise fail(f"no chain of relations links {first.label(lang)!r} and {second.label(lang)!r}: "
                   "they lie in separate parts of the concept graph", 1)
    if not everything[0].steps:
        typer.echo(f"{a!r} and {b!r} are the same concept: {first.label(lang)}")
        return
    shown = everything[:most]
    steps = len(shown[0])
    more = f", showing {len(shown)}" if len(shown) < len(everything) else ""
    typer.echo(f"{names}: {len(everything)} shortest chain{'s' if len(everything) != 1 else ''} "
               f"of {steps} step{'s' if steps != 1 else ''}{more}")
    for number, chain in enumerate(shown, 1):
        typer.echo(f"\nChain {number}:\n{chain.text()}")


def _chain_part(server: Remote, a: str, b: str, max_steps: int) -> tuple[Glossary, tuple[Concept, Concept], str]:
    """The part of ``server``'s vocabulary that holds the chains from ``a`` to ``b``, the two
    terms, and why there is no chain (see :class:`~revops_graph.store.remote_chains.Chains`)."""
    from ..store.remote_chains import chain_part
    from ..store.remote_part import dominant_language
    from ._common import large_graph_warnings

    # The search is most of the time (a query a level); the part it fetches is small.
    with large_graph_warnings(), working(f"searching chains in {server.where()}", unit="terms reached") as reached, \
            server.session():
        found = chain_part(server, a, b, max_steps, reached=reached)
        found.part.language_hint = dominant_language(server)  # type: ignore[attr-defined]
    part = found.part
    return part, (part.concept(found.start), part.concept(found.end)), found.apart


@app.command()
@server_options
def analyze(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    lang: LangOption = "en",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many central concepts and bridges to list.")] = 10,
    graphml: Annotated[Optional[Path], typer.Option("--graphml", help="Also write the annotated concept graph as GraphML.")] = None,
    gexf: Annotated[Optional[Path], typer.Option("--gexf", help="Also write the annotated concept graph as GEXF (Gephi).")] = None,
    terms: TermsOption = None,
    server: Remote | None = None,
) -> None:
    """Central concepts (degree, betweenness, PageRank), components, communities and bridges."""
    from ..analysis import analyze as measure

    _choice(fmt, ("table", "json"), "--format")
    for path, option in ((graphml, "--graphml"), (gexf, "--gexf")):
        if path is not None:
            check_output_file(path, option)
    with reported_errors():
        glossary = load(data, input_format, server)
        require_terms(glossary)
        lang = chosen_lang(lang, glossary, data)
        with working("measuring the concept graph"):
            result = measure(glossary, lang)
        outputs: dict[Path, bytes] = {}
        if graphml is not None or gexf is not None:
            # networkx, for the GraphML and GEXF writers only: not imported without them
            from ..analysis import annotated_graph, to_gexf, to_graphml
            from ..io.files import write_all_atomic

            graph = annotated_graph(glossary, result, lang)
            if graphml is not None:
                outputs[graphml] = to_graphml(graph)
            if gexf is not None:
                outputs[gexf] = to_gexf(graph)
            write_all_atomic(outputs)
    if fmt == "json":
        document = result.to_dict(top)
        document["bridges"] = document["bridges"][:top]
        typer.echo(_json(document))
    else:
        _print_analysis(result, top)
    for path in outputs:
        typer.echo(f"wrote {path}", err=True)


def _print_analysis(result: Any, top: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(soft_wrap=True, highlight=False)
    if not console.is_terminal:
        # Piped or captured output is not bound to a window: give the table room for its labels.
        console.width = 120
    summary = result.to_dict(top)["summary"]
    console.print(
        f"{summary['concepts']} concepts, {summary['relations']} relations, {summary['components']} connected "
        f"components, {summary['communities']} communities (Louvain, seed 42), {summary['bridges']} bridges",
        markup=False,
    )
    if result.betweenness_sample:
        console.print(f"betweenness estimated from {result.betweenness_sample} sampled concepts (seed 42)", markup=False)
    table = Table(title=f"Central concepts (top {min(top, len(result.concepts))} by PageRank)")
    for column in ("#", "concept", "kind", "degree", "betweenness", "PageRank", "community"):
        table.add_column(column, justify="right" if column not in ("concept", "kind") else "left")
    for rank, c in enumerate(result.concepts[:top], 1):
        table.add_row(str(rank), c.label, c.kind, str(c.degree), f"{c.betweenness:.4f}", f"{c.pagerank:.4f}", str(c.community))
    console.print(table, markup=False)

    def listing(title: str, groups: tuple[tuple[str, ...], ...]) -> None:
        console.print(f"\n{title}", markup=False)
        for number, members in enumerate(groups, 1):
            console.print(f"  {number}. ({len(members)}) {', '.join(result.label(m) for m in members)}", markup=False)

    listing("Connected components:", result.components)
    listing("Communities:", result.communities)
    console.print(f"\nBridges (relations whose removal splits the graph; top {min(top, len(result.bridges))} by size cut off):",
                  markup=False)
    for bridge in result.bridges[:top]:
        console.print(f"  {result.label(bridge.a)} \u2014 {result.label(bridge.b)}: cuts off {bridge.separates}",
                      markup=False)


@app.command()
@server_options
def metric(
    name: Annotated[Optional[str], typer.Argument(help="The metric, by any of its labels.", show_default=False)] = None,
    inputs: Annotated[
        Optional[list[str]],
        typer.Option("--input", "-i", help='An input as "NAME=VALUE" (NAME: any label of the quantity, or its symbol); repeat.'),
    ] = None,
    show_list: Annotated[bool, typer.Option("--list", help="List the metrics that can be computed.")] = False,
    data: DataOption = None,
    input_format: InputFormatOption = None,
    lang: LangOption = "en",
    server: Remote | None = None,
) -> None:
    """Compute a metric from its formula in the glossary, e.g. percentage of revenue from operations."""
    from ..analysis.metrics import compute, metrics
    from ._suggest import suggesting_concepts

    if not show_list and name is None:
        raise typer.BadParameter("name a metric, or use --list", param_hint="NAME")
    given: dict[str, str] = {}
    for item in inputs or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise fail(f"--input {item!r}: expected NAME=VALUE, e.g. \"total revenue=1000\"")
        if key.strip() in given:
            raise fail(f"--input {key.strip()!r} is given twice")
        given[key.strip()] = value
    with reported_errors():
        glossary = load(data, input_format, server)
        if show_list:
            found = metrics(glossary, lang)
        else:
            with suggesting_concepts(glossary, name or ""):
                glossary.find(name or "")  # an unknown name gets close matches
            result = compute(glossary, name or "", given, lang)
    if show_list:
        for m in found:
            ins = ", ".join(f"{q.label} ({q.symbol})" for q in m.inputs)
            typer.echo(f"{m.label}: {m.formula or m.expression}" + (f" [{m.unit}]" if m.unit else "") + f"; inputs: {ins}")
        if not found:
            typer.echo("no metric in this glossary has a rog:expression")
        return
    typer.echo(result.text())
