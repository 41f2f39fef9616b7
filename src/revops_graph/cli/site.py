"""The ``site`` command: the vocabulary as a static documentation site that works offline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._common import DataOption, InputFormatOption, app, chosen_lang, fail, languages_option, load, reported_errors
from ._server import server_options

if TYPE_CHECKING:
    from ..store import Remote


@app.command("site")
@server_options
def site(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write (replaced as a whole, only if "
                                      "it is a site written before, or empty).")] = Path("site"),
    lang: Annotated[Optional[str], typer.Option(
        "--lang", "-l", callback=languages_option,
        help="Language the pages open in: a tag or a preference list (ru,en), of which the first the data has "
             "is taken (default: en for the embedded glossary, your data's most common language). Readers can "
             "switch to every language of the data.")] = None,
    server: Remote | None = None,
) -> None:
    """Write a static documentation site: index, a page per term, the map and SPARQL, offline.

    With --endpoint the vocabulary is fetched from the server once, whole (a site shows every term).
    """
    from ..langtags import match_language, preferences
    from ..render.site import site_languages, write_site

    with reported_errors():
        glossary = load(data, input_format, server)
        if lang is not None:
            known = site_languages(glossary.view)  # the store read as a graph, no rdflib graph built
            found = match_language(known, preferences(lang)) if known else lang.split(",")[0]
            if found is None:
                raise fail(f"--lang: {lang!r} is not a language of the data ({', '.join(known)})")
            lang = found
        elif data or server is not None:
            lang = chosen_lang("en", glossary, data)
        report = write_site(glossary, out, lang)
    typer.echo(f"wrote {report.path}/: {report.terms} term pages, {report.files} files, "
               f"{report.bytes / 1e6:.1f} MB, languages {', '.join(report.languages) or 'none'}", err=True)
