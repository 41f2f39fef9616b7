"""What every page shares: escaping, words, multilingual text, links and the page frame.

Multilingual text is written once per site language, each copy in an element with
``data-l`` (the language it is shown for) and ``lang`` (the language it is written in,
which differs when a label falls back); the stylesheet shows only the copies of the
language chosen on ``<html data-lang>``. Page words carry ``data-w`` and are swapped by
``assets/site.js``. Nothing from the data reaches the page unescaped.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from html import escape
from urllib.parse import urlsplit

from ...model.labels import local_name
from .languages import WORDS, language_name, pick
from .paths import relative
from .terms import ByLang, SiteVocabulary

__all__ = ["Frame", "attr", "esc", "external", "local_name"]


def esc(text: str) -> str:
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


class Frame:
    """Page pieces for one site: its languages, its default language and its terms."""

    def __init__(self, vocabulary: SiteVocabulary, lang: str, title: ByLang) -> None:
        self.vocabulary = vocabulary
        self.languages = vocabulary.languages or (lang,)
        self.lang = lang
        self.title = title
        self._links: dict[tuple[str, str], str] = {}
        self._words: dict[tuple[str, str], str] = {}

    # -- words and text --------------------------------------------------------------------

    def word(self, key: str, tag: str = "span") -> str:
        """A page word in the default language, swapped by the page's script on a switch."""
        # some twenty words, asked for 120,000 times by 5,000 pages: each is made once
        found = self._words.get((key, tag))
        if found is None:
            words = WORDS.get(self.lang.split("-")[0])
            text = words[key] if words else WORDS["en"][key]
            lang = self.lang if words else "en"
            found = self._words[(key, tag)] = f'<{tag} data-w="{key}" lang="{attr(lang)}">{esc(text)}</{tag}>'
        return found

    def text(self, values: ByLang, fallback: str = "", tag: str = "span") -> str:
        """``values`` in each site language (one element when all languages show the same)."""
        shown = [(lang, *pick(values, lang, fallback)) for lang in self.languages]
        if len({(text, tag_) for _, text, tag_ in shown}) == 1:
            _, text, real = shown[0]
            return f'<{tag}{self._lang(real)}>{esc(text)}</{tag}>'
        return "".join(f'<{tag}{self._data_l(lang)}{self._lang(real)}>{esc(text)}</{tag}>'
                       for lang, text, real in shown)

    @staticmethod
    @lru_cache(maxsize=256)
    def _data_l(lang: str) -> str:
        return f' data-l="{attr(lang)}"'

    @staticmethod
    @lru_cache(maxsize=256)
    def _lang(real: str) -> str:
        # an untagged literal has no language: lang="" says so instead of inheriting the page's.
        # (A few tags, escaped 120,000 times for 5,000 pages: each once.)
        return f' lang="{attr(real)}"'

    def label(self, iri: str) -> str:
        return self.text(self.vocabulary.labels(iri), local_name(iri))

    # -- links -----------------------------------------------------------------------------

    def link(self, page: str, iri: str) -> str:
        """A link to the term's page, or the IRI itself when it is not a term of this site."""
        # The same term is linked from many pages in the same folder: render it once per folder.
        key = (page.rpartition("/")[0], iri)
        found = self._links.get(key)
        if found is None:
            if iri in self.vocabulary.sorts:
                path = self.vocabulary.term_paths[iri]
                found = f'<a href="{attr(relative(page, path))}">{self.label(iri)}</a>'
            elif iri in self.vocabulary.header_iris:  # a scheme or ontology: described on the index
                found = f'<a href="{attr(relative(page, "index.html"))}">{self.label(iri)}</a>'
            else:
                found = external(iri, self.label(iri))
            self._links[key] = found
        return found

    # -- the frame -------------------------------------------------------------------------

    @cached_property
    def _shared(self) -> tuple[str, str, str]:
        """The site's name, language switch and alternate links: the same on every page."""
        name = esc(pick(self.title, self.lang, "")[0])
        switch = "".join(
            f'<li><a href="?lang={attr(lang)}" hreflang="{attr(lang)}" lang="{attr(lang)}" '
            f'data-set-lang="{attr(lang)}">{esc(language_name(lang))}</a></li>'
            for lang in self.languages
        )
        alternates = "".join(f'<link rel="alternate" hreflang="{attr(lang)}" href="?lang={attr(lang)}">'
                             for lang in self.languages)
        return name, switch, alternates

    def page(self, path: str, title: str, body: str, *, scripts: tuple[str, ...] = (), head: str = "") -> str:
        """A whole page: head, header with navigation and language switch, ``body``, footer."""
        root = "../" * path.count("/")
        name, switch, alternates = self._shared
        tail = "".join(f'<script src="{root}assets/{name_}"></script>' for name_ in scripts)
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="{attr(self.lang)}" data-lang="{attr(self.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="revops-graph">\n'
            f"<title>{title} · {name}</title>\n{alternates}\n"
            f'<link rel="stylesheet" href="{root}assets/site.css">\n'
            f'<script src="{root}assets/site.js"></script>\n{head}</head>\n<body>\n'
            f'<a class="skip" href="#main">{self.word("skip")}</a>\n'
            f'<header><nav aria-label="site"><ul class="nav">'
            f'<li><a href="{root}index.html">{self.word("home")}</a></li>'
            f'<li><a href="{root}map.html">{self.word("map")}</a></li>'
            f'<li><a href="{root}sparql.html">{self.word("sparql")}</a></li></ul></nav>\n'
            f'<nav class="langs" aria-label="language"><ul>{switch}</ul></nav></header>\n'
            f'<main id="main">\n{body}\n</main>\n'
            f'<footer><p>{name} · revops-graph</p></footer>\n{tail}\n</body>\n</html>\n'
        )


def external(iri: str, shown: str) -> str:
    """An IRI outside the site: a link only for http(s) (never ``javascript:``), else code."""
    if urlsplit(iri).scheme in ("http", "https"):
        return f'<a class="ext" href="{attr(iri)}">{shown}</a>'
    return f"<code>{esc(iri)}</code>"
