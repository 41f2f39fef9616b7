"""The concept map: one self-contained, deterministic HTML page (vis-network inlined).

The page shows concepts coloured and shaped by kind, relations as labelled arrows
(hierarchy and part-of solid and thick, loose associations dashed), and embeds both
languages so that a switch on the page changes German <-> English without regenerating.
It makes no network request: vis-network comes from pyvis's package data and the page
template is ours (pyvis's own loads Bootstrap from a CDN).

What is mapped:

* SKOS concepts when the graph has some (the RevOps glossary, most thesauri);
* otherwise OWL/RDFS classes, ``rdfs:subClassOf`` and the object properties whose domain
  and range are classes, coloured by their top-level class, so that an ontology someone
  else wrote can be mapped too;
* or the answer of a read-only SPARQL query (:func:`query_selection`).

Positions are computed here, ahead of time (igraph's Fruchterman-Reingold with its grid,
seeded; see ``benchmarks/LAYOUT.md``), and the browser does no physics: 10,000 concepts
open in a few seconds, and the same graph gives the same bytes.

>>> from revops_graph.model import load_glossary
>>> page = render_map(load_glossary(), lang="de")
>>> page.startswith("<!DOCTYPE html>") and "cdn" not in page.lower()
True
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from os import PathLike
from pathlib import Path

from rdflib import URIRef

from ..errors import RevopsGraphError
from ..model import Glossary
from ..model.labels import LANGS
from ..store import Store
from .positions import layout
from .map_data import HIERARCHY_PREDICATES, MAX_NODES, MapModel, MapTooLarge, map_model
from .selection import query_selection, select

__all__ = [
    "ConceptMap",
    "concept_map",
    "render_map",
    "script_json",
]


# Tableau 10: distinct, colour-blind friendlier than vis's defaults; shapes add a second cue.
_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")


_SHAPES = ("dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon")


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, no ``<!--``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` ... and U+2028/U+2029 are escaped too (they
    end a line in older JavaScript). Keys are sorted so the bytes are stable.

    >>> print(script_json({"a": "</script><b>&"}))
    {"a":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


@cache
def _asset(name: str) -> str:
    if name == "vis-network.min.js":
        # pyvis ships vis-network; inlining it keeps the page offline and self-contained.
        return files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")
    return files("revops_graph").joinpath("render", "templates", name).read_text(encoding="utf-8")


def _page_data(model: MapModel, lang: str) -> dict[str, object]:
    node_ids = list(model.nodes)
    position = layout(node_ids, ((e.source, e.target) for e in model.edges))
    number = {iri: i for i, iri in enumerate(node_ids)}
    kind_ids = list(model.kinds)
    kind_number = {k: i for i, k in enumerate(kind_ids)}
    relation_ids = list(model.relations)
    relation_number = {r: i for i, r in enumerate(relation_ids)}
    sentence_ids = list(model.sentences)
    sentence_number = {iri: i for i, iri in enumerate(sentence_ids)}
    kind_counts = {k: 0 for k in kind_ids}
    for node in model.nodes.values():
        kind_counts[node.kind] += 1
    relation_counts = {r: 0 for r in relation_ids}
    for edge in model.edges:
        relation_counts[edge.predicate] += 1
    return {
        "lang": lang,
        "title": model.title,
        "kinds": [
            {"iri": k, "label": model.kinds[k], "color": _COLORS[i % len(_COLORS)],
             "shape": _SHAPES[i % len(_SHAPES)], "count": kind_counts[k]}
            for i, k in enumerate(kind_ids)
        ],
        "relations": [
            {"iri": r, "label": model.relations[r], "hierarchy": URIRef(r) in HIERARCHY_PREDICATES,
             "count": relation_counts[r]}
            for r in relation_ids
        ],
        "sentences": [
            {"line": model.sentences[s][0], "text": model.sentences[s][1]} for s in sentence_ids
        ],
        "nodes": [
            {"iri": n.iri, "k": kind_number[n.kind],
             "label": n.label, "alt": n.alt, "def": n.definition,
             "src": [sentence_number[s] for s in n.sources],
             "x": position[n.iri][0], "y": position[n.iri][1]}
            for n in model.nodes.values()
        ],
        "edges": [
            {"f": number[e.source], "t": number[e.target], "r": relation_number[e.predicate],
             "src": [sentence_number[s] for s in e.sources]}
            for e in model.edges
        ],
    }


def _page(model: MapModel, lang: str) -> str:
    data = _page_data(model, lang)
    page = _asset("concept-map.html")
    # The template holds three markers; each is replaced once, in order, by trusted text.
    for marker, value in (
        ("{{lang}}", html.escape(lang, quote=True)),
        ("{{title}}", html.escape(model.title[lang])),
        ("{{style}}", _asset("concept-map.css")),
        ("{{vis}}", _asset("vis-network.min.js")),
        ("{{data}}", script_json(data)),
        ("{{script}}", _asset("concept-map.js")),
    ):
        head, found, tail = page.partition(marker)
        if not found:
            raise RuntimeError(f"the map template lacks {marker}")
        page = head + value + tail
    return page


@dataclass(frozen=True)
class ConceptMap:
    """A rendered concept map: the page, and what it shows.

    In Jupyter the map displays inline (an ``<iframe srcdoc>``, sandboxed to scripts);
    :meth:`save` writes the page atomically.
    """

    html: str
    nodes: int
    edges: int
    height: int = 640

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{int(self.height)}px;border:1px solid #d0d7de;border-radius:6px" '
            'title="concept map"></iframe>'
        )

    def save(self, path: str | PathLike[str]) -> Path:
        """Write the page to ``path`` (atomically) and return the path."""
        from ..io.files import write_atomic

        write_atomic(path, self.html.encode("utf-8"))
        return Path(path)


def concept_map(
    glossary: Glossary,
    lang: str = "en",
    *,
    focus: str | None = None,
    depth: int = 1,
    kinds: Sequence[str] = (),
    relations: Sequence[str] = (),
    query: str | None = None,
    max_nodes: int | None = MAX_NODES,
    query_store: Store | None = None,
) -> ConceptMap:
    """The concept map of ``glossary`` (or of a part of it, or of a query's answer).

    ``lang`` is the language the page opens in (``de`` or ``en``); both are embedded.
    ``focus`` (a label or IRI) with ``depth`` keeps a neighbourhood; ``kinds`` and
    ``relations`` (labels, local names or IRIs) keep only those; ``query`` is SPARQL text
    (SELECT or CONSTRUCT, see :func:`query_selection`). Raises :class:`MapTooLarge` when
    more than ``max_nodes`` concepts would be shown (``None``: no limit). ``query_store``
    runs ``query`` there instead (a SPARQL server of which ``glossary`` holds the answer's part).
    """
    if lang not in LANGS:
        raise RevopsGraphError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    if query is not None:
        iris, triples = query_selection(glossary, query, store=query_store)
        model = map_model(glossary, iris, triples)
    else:
        model = map_model(glossary)
    if focus is not None or kinds or relations:
        model = select(model, focus=focus, depth=depth, kinds=kinds, relations=relations)
    if max_nodes is not None and len(model.nodes) > max_nodes:
        raise MapTooLarge(
            f"the map would show {len(model.nodes)} concepts, more than {max_nodes} that anyone can read; "
            "show a part with --focus LABEL --depth N (or --kinds, --query), or raise --max-nodes"
        )
    return ConceptMap(_page(model, lang), len(model.nodes), len(model.edges))


def render_map(glossary: Glossary, lang: str = "en", **options: object) -> str:
    """The concept map of ``glossary`` as an HTML page (a string); options as :func:`concept_map`."""
    return concept_map(glossary, lang, **options).html  # type: ignore[arg-type]
