"""The index: what the vocabulary is (metadata), counts, search, hierarchy and A–Z."""

from __future__ import annotations

from .html import Frame, attr, esc, external, local_name
from .languages import pick
from .terms import ByLang

__all__ = ["index_page"]

PAGE = "index.html"
#: Concepts deeper than this in the hierarchy are listed on their own pages only (no cycle
#: or pathological chain makes the index grow without bound).
MAX_DEPTH = 12


def _metadata(frame: Frame) -> str:
    blocks = []
    for iri, meta in frame.vocabulary.headers:
        rows = [f'<dt>{frame.word("iri")}</dt><dd>{external(iri, f"<code>{esc(iri)}</code>")}</dd>']
        for key, values in meta.items():
            if key == "title":
                continue
            if isinstance(values, dict):
                shown = frame.text(values, tag="span")
            else:
                shown = ", ".join(frame.link(PAGE, v) for v in values)
            rows.append(f"<dt>{frame.word(key)}</dt><dd>{shown}</dd>")
        title = meta.get("title")
        heading = frame.text(title) if isinstance(title, dict) else f"<code>{esc(iri)}</code>"
        blocks.append(f'<section class="meta"><h3>{heading}</h3><dl>{"".join(rows)}</dl></section>')
    return "\n".join(blocks)


def _tree(frame: Frame, iri: str, sort: str, path: tuple[str, ...], shown: set[str]) -> str:
    vocab = frame.vocabulary
    children = [c for c in vocab.children(iri, sort) if c not in path]
    item = frame.link(PAGE, iri)
    if not children or len(path) >= MAX_DEPTH or iri in shown:
        # A concept with several broader concepts is expanded once, under its first parent.
        return f"<li>{item}</li>"
    shown.add(iri)
    inner = "".join(_tree(frame, c, sort, (*path, iri), shown) for c in children)
    # The link stays outside the <summary>: a link inside a summary is a control nested in a
    # control, which screen readers announce badly (axe: nested-interactive).
    toggle = f'{frame.word("narrower")} <span class="count">({len(children)})</span>'
    return f"<li>{item} <details><summary>{toggle}</summary><ul>{inner}</ul></details></li>"


def _az(frame: Frame) -> str:
    vocab = frame.vocabulary
    sections = []
    for lang in frame.languages:
        entries = sorted(
            ((pick(vocab.labels(iri), lang, local_name(iri))[0], iri) for iri in vocab.sorts),
            key=lambda e: (e[0].casefold(), e[1]),
        )
        groups: dict[str, list[str]] = {}
        for text, iri in entries:
            letter = text[:1].upper() if text[:1].isalpha() else "#"
            label, real = pick(vocab.labels(iri), lang, local_name(iri))
            groups.setdefault(letter, []).append(
                f'<li><a href="{attr(vocab.term_paths[iri])}" lang="{attr(real)}">{esc(label)}</a></li>')
        letters = " ".join(f'<a href="#az-{attr(lang)}-{attr(letter)}">{esc(letter)}</a>' for letter in groups)
        body = "".join(f'<h3 id="az-{attr(lang)}-{attr(letter)}">{esc(letter)}</h3><ul class="az">{"".join(items)}</ul>'
                       for letter, items in groups.items())
        sections.append(f'<div data-l="{attr(lang)}"><p class="letters">{letters}</p>{body}</div>')
    return "".join(sections)


def _counts(frame: Frame, relations: int) -> str:
    vocab = frame.vocabulary
    rows = [("concepts", len(vocab.of_sort("concept"))), ("classes", len(vocab.of_sort("class"))),
            ("properties", len(vocab.of_sort("property"))), ("relations", relations),
            ("languages", len(vocab.languages)), ("triples", len(vocab.graph))]
    return '<dl class="counts">' + "".join(f"<dt>{frame.word(k)}</dt><dd>{n}</dd>" for k, n in rows) + "</dl>"


def index_page(frame: Frame, title: ByLang, relations: int) -> str:
    """The site's front page."""
    vocab = frame.vocabulary
    search = (
        '<section aria-labelledby="h-search" class="search"><h2 id="h-search">' + frame.word("search") + "</h2>"
        f'<label for="search">{frame.word("searchLabel")}</label> '
        '<input id="search" type="search" autocomplete="off" spellcheck="false">'
        '<p id="search-status" role="status" aria-live="polite"></p><ul id="results"></ul></section>'
    )
    trees = []
    for sort, key in (("concept", "concepts"), ("class", "classes")):
        roots = vocab.top.get(sort, [])
        if roots:
            shown: set[str] = set()
            items = "".join(_tree(frame, r, sort, (), shown) for r in roots)
            trees.append(f"<h3>{frame.word(key)}</h3><ul class=\"tree\">{items}</ul>")
    props = vocab.of_sort("property")
    if props:
        trees.append(f"<h3>{frame.word('properties')}</h3><ul class=\"tree\">"
                     + "".join(f"<li>{frame.link(PAGE, p)}</li>" for p in props) + "</ul>")
    description = next((m["description"] for _, m in vocab.headers if isinstance(m.get("description"), dict)), None)
    body = "\n".join([
        f"<h1>{frame.text(title, tag='span')}</h1>",
        frame.text(description, tag="p") if isinstance(description, dict) else "",
        search,
        f'<section aria-labelledby="h-metadata"><h2 id="h-metadata">{frame.word("metadata")}</h2>{_metadata(frame)}</section>',
        f'<section aria-labelledby="h-counts"><h2 id="h-counts">{frame.word("counts")}</h2>{_counts(frame, relations)}</section>',
        f'<section aria-labelledby="h-hierarchy"><h2 id="h-hierarchy">{frame.word("hierarchy")}</h2>{"".join(trees)}</section>',
        f'<section aria-labelledby="h-az"><h2 id="h-az">{frame.word("az")}</h2>{_az(frame)}</section>',
    ])
    return frame.page(PAGE, esc(pick(title, frame.lang, "")[0]), body,
                      scripts=("minisearch.js", "search.js", "index.js"))
