"""The core commands: build, export, concepts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._common import (
    DataOption, InputFormatOption, LangOption, ProfileOption, RequireLangOption, TermsOption, app,
    check_output_file, check_profile, chosen_lang, fail, load, open_oxigraph, reported_errors, require_terms, working,
    listed_names, load_part, write_stdout,
)
from ._server import server_options

if TYPE_CHECKING:
    from ..model import Glossary
    from ..store import Remote

#: What ``build`` writes, file name -> export format (the map is rendered separately); the
#: embedded glossary's names: the user's data takes its own name (:func:`output_stem`).
BUILD_FILES = {"revops.ttl": "turtle", "revops.jsonld": "jsonld", "revops.nt": "nt"}
MAP_FILE = "concept-map.html"


#: From this many triples on, ``build`` draws the concept map in a second process (about a
#: third of its time for a 40,000-triple ontology); below it, forking costs more than it saves.
BUILD_SPLIT_TRIPLES = 10_000


def build_files(stem: str) -> dict[str, str]:
    """:data:`BUILD_FILES` named ``stem.*``."""
    return {f"{stem}{Path(name).suffix}": fmt for name, fmt in BUILD_FILES.items()}


def _slug(text: str) -> str:
    import re

    from ..model import normalize_label

    # letters of any script stay (a Japanese scheme keeps its name); the rest becomes single dashes
    return re.sub(r"[\W_]+", "-", normalize_label(text)).strip("-")[:80]


def output_stem(glossary: Glossary, data: list[Path] | None, name: str | None, server: Remote | None = None) -> str:
    """The name of ``build``'s files: ``--name``, else the data's (a file's or a server's) concept
    scheme or ontology label, else the first file's name; ``revops`` for the embedded glossary."""
    from ..checks.basic import glossary_store
    from ..model.labels import dominant_language, pick_language, texts_by_language

    if name is not None:
        if not _slug(name) or _slug(name) != name.casefold().strip():
            raise typer.BadParameter(f"{name!r}: use letters, digits and dashes (such as {_slug(name) or 'my-vocabulary'!r})",
                                     param_hint="--name")
        return name.strip()
    if not data and server is None:
        return "revops"
    store = glossary_store(glossary)
    prefs = tuple(filter(None, (dominant_language(store), "en")))
    for kind in ("http://www.w3.org/2004/02/skos/core#ConceptScheme", "http://www.w3.org/2002/07/owl#Ontology"):
        found = store.query(f"SELECT ?s WHERE {{ ?s a <{kind}> FILTER isIRI(?s) }} ORDER BY STR(?s)")
        for row in found:  # type: ignore[union-attr]
            texts = texts_by_language(store, row["s"])
            if texts and (slug := _slug(texts[pick_language(texts, prefs)])):  # type: ignore[index]
                return slug
    return (_slug(data[0].stem) if data else "") or "vocabulary"


@app.command()
@server_options
def build(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path("outputs"),
    profile: ProfileOption = "auto",
    require_lang: RequireLangOption = None,
    name: Annotated[Optional[str], typer.Option(
        "--name", help="Name of the files written (default: the data's scheme or ontology label; revops for the embedded glossary).",
    )] = None,
    server: Remote | None = None,
) -> None:
    """Check the glossary, then write Turtle, JSON-LD, N-Triples and the concept map, named after the data."""
    from functools import partial

    from ..export.formats import serialize
    from ..export.triples import sharing
    from ..io.files import Content, write_all_atomic
    from ..render import render_map
    from ..render.site.split import second_process
    from ..checks.validate import basic_checks, validate_glossary

    required = check_profile(profile, require_lang)
    with reported_errors():
        glossary = load(data, input_format, server)
        # languages come from the profile: German and English for RevOps data, else the data's own
        with working("checking"):
            findings = basic_checks(glossary, ("de", "en") if profile == "revops" else None)
        if findings:
            from rich.markup import escape

            for finding in findings:
                typer.echo(escape(str(finding)), err=True)
            raise fail(f"{len(findings)} problem(s) found; nothing was written to {out}", 1)
        # An invalid graph is never published: SHACL runs after the basic checks.
        with working("validating with SHACL"):
            report = validate_glossary(glossary, profile=profile, languages=required)
        if not report.conforms:
            typer.echo(report.to_text(), err=True, nl=False)
            raise fail(f"the glossary does not pass the {report.profile} checks; nothing was written to {out}", 1)
        # Produced one by one while staging: a serializer failing halfway changes nothing.
        outputs: dict[Path, Content] = {
            out / file: partial(serialize, glossary, fmt) for file, fmt in build_files(output_stem(glossary, data, name, server)).items()
        }
        draw = lambda: render_map(glossary).encode("utf-8")  # noqa: E731
        # a large vocabulary's map is drawn by a second process while this one serializes
        with second_process(draw, len(glossary) >= BUILD_SPLIT_TRIPLES) as mapper:
            outputs[out / MAP_FILE] = mapper.wait if mapper.forked else draw
            with working(f"writing {len(outputs)} files to {out}"), sharing(glossary):  # the triples read once
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

    if output is not None:
        check_output_file(output, "--output")
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
        from ..export.formats import EXPORT_FORMATS, export_pieces

        if fmt not in EXPORT_FORMATS:
            raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
        with reported_errors():
            if part and server is not None:
                glossary, _ = load_part(server, focus=focus, depth=depth, kinds=listed_names(kinds))
            else:
                glossary = load(data, input_format, server)
            payload = export_pieces(glossary, fmt)  # N-Triples come in pieces, written as they come
    with reported_errors(), working(f"writing {fmt}"):
        if output is None:
            write_stdout(payload)
        else:
            write_atomic(output, payload)


def _sorts_title(glossary: Glossary, iris: Sequence[str]) -> str:
    """What the listed terms are: "concepts", "classes", "properties", or "terms" when mixed."""
    sorts = set(map(glossary.terms.sort_of, iris))
    plural = {"concept": "concepts", "class": "classes", "property": "properties"}
    return plural.get(next(iter(sorts)), "terms") if len(sorts) == 1 else "terms"


@app.command()
@server_options
def concepts(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    lang: LangOption = "en",
    terms: TermsOption = None,
    kinds: Annotated[Optional[list[str]], typer.Option("--kinds", help="Only concepts of these kinds (labels, local "
                                                      "names or IRIs; repeat or comma-separate).")] = None,
    server: Remote | None = None,
) -> None:
    """A table of the terms (SKOS concepts and OWL/RDFS classes unless --terms says): label, kind and definition."""
    from ..io.cache import no_gc
    from ..model.kinds import SKOS_CONCEPT
    from ..model.labels import LabelTexts
    from ..model.records import concept_rows

    wanted = listed_names(kinds)
    with reported_errors(), no_gc():  # 50,000 containers, no cycle: nothing to collect
        if server is not None and wanted:
            glossary, _ = load_part(server, kinds=wanted)  # only the concepts of those kinds leave the server
        else:
            glossary = load(data, input_format, server)
        require_terms(glossary)
        labels = LabelTexts(glossary.store)  # read once: the labels listed and the language they are listed in
        lang = chosen_lang(lang, glossary, data, labels.dominant_language)
        # IRIs as text and only the texts shown, read in one pass from Oxigraph: no rdflib, no records
        iris = glossary.concept_keys
        every = dict(zip(iris, concept_rows(glossary.store, iris, glossary.kind_keys, lang, labels)))
        if wanted:
            chosen = _kinds_named(glossary, wanted)
            # A concept typed only skos:Concept has no kind: "Concept" names those.
            iris = tuple(i for i in iris if chosen.intersection(every[i][1])
                         or (SKOS_CONCEPT in chosen and not every[i][1] and glossary.sort_of(i) == "concept"))
        rows = []
        kind_labels: dict[tuple[str, ...], str] = {}  # a handful of kinds label thousands of concepts
        with working("collecting concepts", total=len(iris)) as progress:
            for done, iri in enumerate(iris, 1):
                label, kind_keys, definition = every[iri]
                kind = kind_labels.get(kind_keys)
                if kind is None:
                    kind = kind_labels[kind_keys] = ", ".join(glossary.label(k, lang) for k in kind_keys)
                rows.append((label, kind or glossary.sort_of(iri), definition))
                if done % 256 == 0:
                    progress(done, len(iris))
    title = f"{len(iris)} {_sorts_title(glossary, iris)}"
    rows.sort(key=lambda r: r[0].casefold())
    if len(rows) > PLAIN_TABLE_FROM:
        write_stdout(_plain_table(title, rows).encode("utf-8"))
        return
    # only for the wrapped table: a long list never imports rich
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in ("label", "kind", "definition"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    console = Console(soft_wrap=False)
    with working(f"laying out {len(rows)} rows"), console.capture() as laid_out:
        console.print(table, markup=False, highlight=False)
    console.file.write(laid_out.get())
    console.file.flush()


#: From this many rows on, ``concepts`` writes a plain table: rich's layout of wrapped
#: cells takes 11 of 15 s at 10,000 concepts, and nobody reads such a list wrapped.
PLAIN_TABLE_FROM = 2000


def _plain_table(title: str, rows: list[tuple[str, str, str]], width: int = 120) -> str:
    """One line per term: label and kind in aligned columns, the definition's start after them."""
    label_w = min(40, max(len("label"), *(len(r[0]) for r in rows)))
    kind_w = min(24, max(len("kind"), *(len(r[1]) for r in rows)))
    room = max(20, width - label_w - kind_w - 4)

    def cell(text: str, size: int) -> str:
        text = " ".join(text.split())
        return (text if len(text) <= size else text[: size - 1] + "…").ljust(size)

    lines = [title, f"{cell('label', label_w)}  {cell('kind', kind_w)}  definition"]
    lines += [f"{cell(a, label_w)}  {cell(b, kind_w)}  {cell(c, room).rstrip()}".rstrip() for a, b, c in rows]
    return "\n".join(lines) + "\n"


def _kinds_named(glossary: Glossary, names: list[str]) -> set[str]:
    """The kind IRIs that ``names`` name (labels, local names, IRIs), as a server is asked."""
    from ..errors import RevopsGraphError
    from ..model.kinds import kind_key_names
    from ..model.labels import normalize_label

    index = kind_key_names(glossary)
    chosen: set[str] = set()
    for name in names:
        hits = index.get(normalize_label(name))
        if not hits:
            known = ", ".join(sorted({glossary.label(k, "en") for ks in index.values() for k in ks}, key=str.casefold))
            raise RevopsGraphError(f"no kind is called {name!r}; the glossary has: {known}")
        chosen |= hits
    return chosen
