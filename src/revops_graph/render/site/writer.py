"""Build the whole site (in memory, one file at a time) and write it as one folder swap.

Files are written into a new sibling folder, swapped in only when every file is there
(see :mod:`.folder`). A failed or interrupted run deletes its own new folder and leaves
the previous site exactly as it was. A folder that is not a site written by revops-graph (no
:data:`MARKER` file inside) is never replaced.

A site of thousands of terms is written into the new folder by two processes (see
:mod:`.split` and :data:`SPLIT_TERMS`), with the same bytes; the swap waits for both.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...errors import OutputError
from ...export.formats import serialize
from ...model import Glossary
from .. import script_json
from .assets import asset_text, oxigraph_asset, vendor_bytes
from .description import description_files
from .folder import SiteFiles, new_folder, swap
from .html import Frame
from .index_page import index_page
from .languages import WORDS, default_language
from .map_page import map_page
from .search_index import minisearch_index, search_documents
from .sparql_page import queries_asset, sparql_page
from .split import second_process
from .term_page import term_page
from .terms import ByLang, SiteVocabulary

__all__ = ["MARKER", "SiteReport", "build_site", "write_site"]

#: Written at the root of every site, so that a later run knows the folder is ours to replace.
MARKER = ".revops-graph-site"


@dataclass(frozen=True)
class SiteReport:
    """What a written site holds."""

    path: Path
    files: int
    bytes: int
    terms: int
    languages: tuple[str, ...]
    mapped: int


def _title(vocabulary: SiteVocabulary, glossary: Glossary) -> ByLang:
    for _, meta in vocabulary.headers:
        title = meta.get("title")
        if isinstance(title, dict):
            return title
    name = glossary.files[0].stem if glossary.files else "vocabulary"
    return {"": (name,)}


def _site_js(languages: tuple[str, ...], lang: str) -> bytes:
    head = (f"var SITE_LANGS = {script_json(list(languages))};\nvar SITE_DEFAULT = {script_json(lang)};\n"
            f"var SITE_WORDS = {script_json(WORDS)};\n")
    return (head + asset_text("site.js")).encode("utf-8")


def _site_css(languages: tuple[str, ...]) -> bytes:
    rules = "".join(f'html[data-lang="{lang}"] [data-l]:not([data-l="{lang}"]) {{ display: none; }}\n'
                    for lang in languages)
    return (asset_text("site.css") + rules).encode("utf-8")


def build_site(glossary: Glossary, lang: str | None = None) -> Iterator[tuple[str, bytes]]:
    """Every file of the site as ``(relative path, bytes)``, in a fixed order.

    ``lang`` is the language pages open in (default: English when the data has it, else
    its first language); readers switch to any language of the data on every page.
    """
    return _build(glossary, SiteVocabulary(glossary), lang)


#: The shares of the site's files, to split its writing between two processes
#: (:data:`SPLIT_TERMS`): the files that read the whole vocabulary at once (search index,
#: N-Triples, index, map), the terms' Turtle and JSON-LD descriptions, and the term
#: pages with the small assets. The second process takes the first and half of the
#: descriptions (every other term's), this one the rest: about as long each.
OVERVIEW, DESCRIPTIONS, PAGES = "overview", "descriptions", "pages"
_ALL = frozenset({OVERVIEW, DESCRIPTIONS, PAGES})


def _build(glossary: Glossary, vocabulary: SiteVocabulary, lang: str | None,
           shares: frozenset[str] = _ALL, half: int | None = None) -> Iterator[tuple[str, bytes]]:
    """The files of ``shares`` (all three: the whole site), in the site's fixed order; with
    ``half`` (0 or 1), the descriptions of the terms of that parity only."""
    lang = default_language(vocabulary.languages, lang)
    languages = tuple(sorted({*vocabulary.languages, lang}))
    vocabulary.languages = languages
    title = _title(vocabulary, glossary)
    frame = Frame(vocabulary, lang, title)
    overview, pages, descriptions = OVERVIEW in shares, PAGES in shares, DESCRIPTIONS in shares

    if pages:
        yield "assets/site.css", _site_css(languages)
        yield "assets/site.js", _site_js(languages, lang)
        for name in ("index.js", "sparql.js"):
            yield f"assets/{name}", asset_text(name).encode("utf-8")
        yield "assets/minisearch.js", vendor_bytes("minisearch", "minisearch.umd.js")
        for package in ("minisearch", "oxigraph"):
            yield f"assets/licenses/{package}.txt", vendor_bytes(package, "LICENSE.txt")
    if overview:
        docs = search_documents(vocabulary)
        yield "assets/search.js", f"var SITE_SEARCH = {script_json(minisearch_index(docs))};\n".encode("utf-8")
    if pages:
        yield "assets/queries.js", queries_asset()
    if overview:
        yield "assets/data.js", f"var SITE_DATA = {json.dumps(_ntriples(glossary))};\n".encode("utf-8")
    if pages:
        yield "assets/oxigraph.js", oxigraph_asset(json.dumps)
    if overview:
        relations = sum(1 for _ in glossary.relation_keys())
        yield "index.html", index_page(frame, title, relations).encode("utf-8")
    if pages:
        yield "sparql.html", sparql_page(frame).encode("utf-8")
    if overview:
        page, _ = map_page(glossary, vocabulary, lang)
        yield "map.html", page.encode("utf-8")
    mapped = _mapped(glossary, vocabulary) if pages else frozenset()
    for number, (iri, path) in enumerate(vocabulary.term_paths.items() if pages or descriptions else ()):
        described = descriptions and (half is None or number % 2 == half)
        if not (pages or described):
            continue
        statements = vocabulary.statements(iri)
        if pages:
            yield path, term_page(frame, vocabulary.term(iri, statements), iri in mapped).encode("utf-8")
        if described:
            turtle, jsonld = description_files(vocabulary, iri, statements)
            yield path[: -len(".html")] + ".ttl", turtle
            yield path[: -len(".html")] + ".jsonld", jsonld
    if pages:
        yield MARKER, b"revops-graph site\n"


def _ntriples(glossary: Glossary) -> str:
    """The graph as sorted N-Triples for the page's store: the export's, which reads the
    Oxigraph store (with blank nodes, relabels them canonically, so the bytes stay stable)."""
    return serialize(glossary, "nt").decode("utf-8")


def _mapped(glossary: Glossary, vocabulary: SiteVocabulary) -> frozenset[str]:
    """The terms the map draws: the concepts, or the classes when there are no concepts."""
    concepts = vocabulary.of_sort("concept")
    return frozenset(concepts or vocabulary.of_sort("class"))


def _is_site(path: Path) -> bool:
    return (path / MARKER).is_file()


def write_site(glossary: Glossary, out: str | os.PathLike[str], lang: str | None = None) -> SiteReport:
    """Build the site and put it at ``out`` in one swap (see the module's docstring)."""
    out = Path(out)
    if out.exists() and not (out.is_dir() and (_is_site(out) or not any(out.iterdir()))):
        raise OutputError(f"{out}: refusing to replace it: not a site written by revops-graph (it has no {MARKER})")
    parent = out.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        new = new_folder(out)
    except OSError as exc:
        raise OutputError(f"{parent}: cannot write: {exc.strerror or exc}") from exc
    vocabulary = SiteVocabulary(glossary)
    previous = str(out) if _is_site(out) else None
    files = SiteFiles(str(new), previous)
    try:
        if vocabulary.term_paths:
            files.folder("terms")  # before a second process writes into it
        split = len(vocabulary.sorts) >= SPLIT_TERMS
        if split:
            _read_shared(vocabulary)
        # the child counts its own files (its copy of ``files`` is never seen again)
        second = _build(glossary, vocabulary, lang, frozenset({OVERVIEW, DESCRIPTIONS}), half=0)
        with second_process(lambda: SiteFiles(str(new), previous).put_all(second), split) as child:
            files.put_all(_build(glossary, vocabulary, lang, frozenset({PAGES, DESCRIPTIONS}), half=1) if child.forked
                          else _build(glossary, vocabulary, lang))
        if child.result is not None:
            files.add(child.result)
        swap(new, out)
    except OSError as exc:
        raise OutputError(f"{exc.filename or out}: cannot write the site: {exc.strerror or exc}") from exc
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return SiteReport(out, files.files, files.bytes, files.terms, vocabulary.languages,
                      len(_mapped(glossary, vocabulary)))


#: From this many terms on, a forked second process writes the overview files and half
#: the descriptions while this one writes the term pages and the other half: about half
#: the work each for a large ontology. Below it, forking costs more than it saves.
SPLIT_TERMS = 2000


def _read_shared(vocabulary: SiteVocabulary) -> None:
    """Read what both shares need before the fork, so that it is read once, not twice."""
    vocabulary.headers  # noqa: B018 - cached: the graph's index and the title
    vocabulary.term_paths  # noqa: B018 - cached: every term and its sort
