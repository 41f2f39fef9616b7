"""Build the whole site (in memory, one file at a time) and write it as one folder swap.

Files are written into a new sibling folder ``.NAME.XXXX.new``; only when every file is
there does the old site move aside (``.NAME.XXXX.old``), the new folder take its name, and
the old one get deleted. A failed or interrupted run deletes its own new folder and leaves
the previous site exactly as it was. Between the two renames the site's path is missing
for an instant (POSIX has no portable atomic swap of two folders); a reader then sees no
site, never half of one. A folder that is not a site written by revops-graph (no
:data:`MARKER` file inside) is never replaced.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...errors import OutputError
from ...export.formats import serialize
from ...model import Glossary
from .. import script_json
from .assets import asset_text, oxigraph_asset, vendor_bytes
from .description import description_files
from .html import Frame
from .index_page import index_page
from .languages import WORDS, default_language
from .map_page import map_page
from .search_index import minisearch_index, search_documents
from .sparql_page import queries_asset, sparql_page
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


def _build(glossary: Glossary, vocabulary: SiteVocabulary, lang: str | None) -> Iterator[tuple[str, bytes]]:
    lang = default_language(vocabulary.languages, lang)
    languages = tuple(sorted({*vocabulary.languages, lang}))
    vocabulary.languages = languages
    title = _title(vocabulary, glossary)
    frame = Frame(vocabulary, lang, title)

    yield "assets/site.css", _site_css(languages)
    yield "assets/site.js", _site_js(languages, lang)
    for name in ("index.js", "sparql.js"):
        yield f"assets/{name}", asset_text(name).encode("utf-8")
    yield "assets/minisearch.js", vendor_bytes("minisearch", "minisearch.umd.js")
    for package in ("minisearch", "oxigraph"):
        yield f"assets/licenses/{package}.txt", vendor_bytes(package, "LICENSE.txt")
    docs = search_documents(vocabulary)
    yield "assets/search.js", f"var SITE_SEARCH = {script_json(minisearch_index(docs))};\n".encode("utf-8")
    yield "assets/queries.js", queries_asset()
    yield "assets/data.js", f"var SITE_DATA = {json.dumps(_ntriples(glossary))};\n".encode("utf-8")
    yield "assets/oxigraph.js", oxigraph_asset(json.dumps)

    relations = sum(1 for _ in glossary.relation_triples())
    yield "index.html", index_page(frame, title, relations).encode("utf-8")
    yield "sparql.html", sparql_page(frame).encode("utf-8")
    page, _ = map_page(glossary, vocabulary, lang)
    yield "map.html", page.encode("utf-8")
    mapped = _mapped(glossary, vocabulary)
    for term, statements in vocabulary.terms():
        yield term.path, term_page(frame, term, term.iri in mapped).encode("utf-8")
        turtle, jsonld = description_files(vocabulary.graph, term.iri, statements)
        yield term.path[: -len(".html")] + ".ttl", turtle
        yield term.path[: -len(".html")] + ".jsonld", jsonld
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
        new = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=parent))
    except OSError as exc:
        raise OutputError(f"{parent}: cannot write: {exc.strerror or exc}") from exc
    files = size = terms = 0
    vocabulary = SiteVocabulary(glossary)
    try:
        os.chmod(new, 0o755)
        made = {str(new)}
        for rel, data in _build(glossary, vocabulary, lang):
            # 16,000 files in a few folders: each folder is made once, each file written with
            # plain system calls (pathlib's mkdir and write_bytes cost more than the writing)
            target = os.path.join(new, rel)
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            _write(target, data)
            files += 1
            size += len(data)
            terms += rel.startswith("terms/") and rel.endswith(".html")
        _swap(new, out)
    except OSError as exc:
        raise OutputError(f"{exc.filename or out}: cannot write the site: {exc.strerror or exc}") from exc
    finally:
        if new.exists():
            shutil.rmtree(new, ignore_errors=True)
    return SiteReport(out, files, size, terms, vocabulary.languages, len(_mapped(glossary, vocabulary)))


def _write(path: str, data: bytes) -> None:
    """``Path(path).write_bytes(data)`` for a new file, in fewer steps."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _swap(new: Path, out: Path) -> None:
    if not out.exists():
        os.rename(new, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=new.parent))
    os.rename(out, old / "site")
    try:
        os.rename(new, out)
    except OSError:
        os.rename(old / "site", out)  # put the previous site back
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
