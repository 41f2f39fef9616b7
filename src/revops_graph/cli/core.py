"""The core commands: build, export, concepts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._common import (
    DataOption, InputFormatOption, LangOption, app, check_lang, fail, load, load_part, open_oxigraph, reported_errors,
    server_options, write_stdout,
)

if TYPE_CHECKING:
    from rdflib import URIRef

    from ..model import Glossary
    from ..store import Remote

#: What ``build`` writes, file name -> export format (the map is rendered separately).
BUILD_FILES = {"revops.ttl": "turtle", "revops.jsonld": "jsonld", "revops.nt": "nt"}
MAP_FILE = "concept-map.html"


@app.command()
@server_options
def build(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path("outputs"),
    server: Remote | None = None,
) -> None:
    """Check the glossary, then write Turtle, JSON-LD, N-Triples and the concept map."""
    from functools import partial

    from ..export.formats import serialize
    from ..io.files import Content, write_all_atomic
    from ..render import render_map
    from ..checks.validate import basic_checks, validate_glossary

    with reported_errors():
        glossary = load(data, input_format, server)
        findings = basic_checks(glossary)
        if findings:
            from rich.markup import escape

            for finding in findings:
                typer.echo(escape(str(finding)), err=True)
            raise fail(f"{len(findings)} problem(s) found; nothing was written to {out}", 1)
        # An invalid graph is never published: SHACL runs after the basic checks.
        report = validate_glossary(glossary)
        if not report.conforms:
            typer.echo(report.to_text(), err=True, nl=False)
            raise fail(f"the glossary does not conform to the SHACL shapes; nothing was written to {out}", 1)
        # Produced one by one while staging: a serializer failing halfway changes nothing.
        outputs: dict[Path, Content] = {
            out / name: partial(serialize, glossary, fmt) for name, fmt in BUILD_FILES.items()
        }
        outputs[out / MAP_FILE] = lambda: render_map(glossary).encode("utf-8")
        write_all_atomic(outputs)
    typer.echo(f"wrote {len(outputs)} files to {out}: {', '.join(sorted(p.name for p in outputs))}")


@app.command()
@server_options
def export(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, jsonld, nt, xml or graphml.")] = "turtle",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (stdout when absent).")] = None,
    store: Annotated[Optional[str], typer.Option(
        "--store", help="oxigraph:PATH: load into (or reuse) that store and write from it; turtle or nt, for big graphs.",
    )] = None,
    focus: Annotated[Optional[str], typer.Option(help="With --endpoint: only this concept's neighbourhood "
                                                 "(label or IRI), as map --focus fetches it.")] = None,
    depth: Annotated[int, typer.Option(min=0, help="With --focus: how many relation steps to follow.")] = 1,
    kinds: Annotated[Optional[list[str]], typer.Option("--kinds", help="With --endpoint: only the concepts of "
                                                      "these kinds, as concepts --kinds fetches them.")] = None,
    server: Remote | None = None,
) -> None:
    """Write the glossary in one format, deterministically; from a server, the whole graph or a part."""
    from ..io.files import write_atomic
    from .map import _names

    part = focus is not None or bool(kinds)
    if part and server is None:
        raise typer.BadParameter("--focus and --kinds select a part of a server's vocabulary: give --endpoint",
                                 param_hint="--focus" if focus is not None else "--kinds")
    if store is not None:
        if server is not None:
            raise typer.BadParameter("give either --store or --endpoint", param_hint="--store")
        if fmt not in ("turtle", "nt"):
            raise typer.BadParameter(f"{fmt!r}: --store exports turtle or nt", param_hint="--format")
        with reported_errors():
            # Written by pyoxigraph from the store: the data never enters an rdflib graph.
            payload = open_oxigraph(store, data, input_format).export(fmt)
    else:
        from ..export.formats import EXPORT_FORMATS, serialize

        if fmt not in EXPORT_FORMATS:
            raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
        with reported_errors():
            if part and server is not None:
                glossary, _ = load_part(server, focus=focus, depth=depth, kinds=_names(kinds))
            else:
                glossary = load(data, input_format, server)
            payload = serialize(glossary, fmt)
    with reported_errors():
        if output is None:
            write_stdout(payload)
        else:
            write_atomic(output, payload)


@app.command()
@server_options
def concepts(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    lang: LangOption = "en",
    kinds: Annotated[Optional[list[str]], typer.Option("--kinds", help="Only concepts of these kinds (labels, local "
                                                      "names or IRIs; repeat or comma-separate).")] = None,
    server: Remote | None = None,
) -> None:
    """A table of the concepts: label, kind and definition."""
    from rich.console import Console
    from rich.table import Table

    from rdflib.namespace import SKOS

    from .map import _names

    check_lang(lang)
    wanted = _names(kinds)
    with reported_errors():
        if server is not None and wanted:
            glossary, _ = load_part(server, kinds=wanted)  # only the concepts of those kinds leave the server
        else:
            glossary = load(data, input_format, server)
        shown = glossary.concepts()
        if wanted:
            chosen = _kinds_named(glossary, wanted)
            # A concept typed only skos:Concept has no kind: "Concept" names those.
            shown = [c for c in shown if chosen.intersection(c.kinds) or (SKOS.Concept in chosen and not c.kinds)]
        table = Table(title=f"{len(shown)} concepts", show_lines=False)
        for column in ("label", "kind", "definition"):
            table.add_column(column, overflow="fold")
        for concept in sorted(shown, key=lambda c: c.label(lang).casefold()):
            kind = ", ".join(glossary.label(k, lang) for k in concept.kinds)
            table.add_row(concept.label(lang), kind, concept.definition(lang), style=None)
        Console(soft_wrap=False).print(table, markup=False, highlight=False)


def _kinds_named(glossary: Glossary, names: list[str]) -> set[URIRef]:
    """The kind IRIs that ``names`` name (labels, local names, IRIs), as a server is asked."""
    from ..errors import RevopsGraphError
    from ..model.labels import normalize_label
    from ..store.remote_part import kind_names

    index = kind_names(glossary)
    chosen: set[URIRef] = set()
    for name in names:
        hits = index.get(normalize_label(name))
        if not hits:
            known = ", ".join(sorted({glossary.label(k, "en") for ks in index.values() for k in ks}, key=str.casefold))
            raise RevopsGraphError(f"no kind is called {name!r}; the glossary has: {known}")
        chosen |= hits
    return chosen
