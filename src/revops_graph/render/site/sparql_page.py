"""The SPARQL page and its data: the vocabulary as N-Triples, the named queries as examples.

The engine (``assets/oxigraph.js``, 5.4 MB) and the data (``assets/data.js``) are loaded by
this page only; term pages never carry them.
"""

from __future__ import annotations

import re

from ...namespaces import PREFIXES
from ...query import named_queries
from .. import script_json
from .html import Frame

__all__ = ["queries_asset", "sparql_page"]

PAGE = "sparql.html"
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _term(value: str) -> str:
    """A parameter's default as SPARQL: a CURIE or IRI as ``<IRI>``, anything else as a string."""
    prefix, found, rest = value.partition(":")
    if found and prefix in PREFIXES and " " not in value:
        return f"<{PREFIXES[prefix]}{rest}>"
    if re.match(r"^https?://\S+$", value):
        return f"<{value}>"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def example_text(text: str, defaults: dict[str, str]) -> str:
    """The query with each defaulted parameter bound by a ``VALUES`` at the start of its WHERE."""
    if not defaults:
        return text
    values = " ".join(f"VALUES ?{name} {{ {_term(value)} }}" for name, value in sorted(defaults.items()))
    return _WHERE.sub(lambda m: m.group(0) + f"\n  {values}", text, count=1)


def queries_asset() -> bytes:
    """``assets/queries.js``: every named query with its titles and its text."""
    out = []
    for name, q in sorted(named_queries().items()):
        defaults = {p.name: p.default for p in q.params if p.default is not None}
        needs = [p.name for p in q.params if p.default is None]
        out.append({"name": name, "title": q.title, "titel": q.titel, "answers": q.answers,
                    "text": example_text(q.text, defaults), "needs": needs})
    return f"var SITE_QUERIES = {script_json(out)};\n".encode("utf-8")


def sparql_page(frame: Frame) -> str:
    body = (
        f'<h1>{frame.word("sparql")}</h1>\n<p>{frame.word("readOnly")}</p>\n'
        '<form id="query-form">'
        f'<p><label for="examples">{frame.word("examples")}</label> <select id="examples"></select></p>'
        f'<p><label for="query">{frame.word("query")}</label><br>'
        '<textarea id="query" rows="14" cols="100" spellcheck="false"></textarea></p>'
        f'<p><button id="run" type="submit" disabled>{frame.word("run")}</button> '
        f'<button id="show-map" type="button" hidden>{frame.word("showMap")}</button></p></form>\n'
        '<p id="status" role="status" aria-live="polite"></p>\n'
        f'<section aria-labelledby="h-results"><h2 id="h-results">{frame.word("results")}</h2>'
        '<div class="scroll"><table id="answer"></table></div><div id="answer-map"></div></section>'
    )
    return frame.page(PAGE, "SPARQL", body,
                      scripts=("search.js", "queries.js", "data.js", "oxigraph.js", "sparql.js"))
