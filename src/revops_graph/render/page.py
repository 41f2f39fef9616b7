"""The concept map: one self-contained, deterministic HTML page (sigma.js + graphology inlined).

The page draws concepts with WebGL (sigma.js), coloured by kind and sized by their number of
relations, relations as arrows (hierarchy and part-of thick, loose associations thin), and
embeds every language of the labels so that the page switches language without regenerating.
It makes no network request: the renderer is vendored (``assets/vendor``) and inlined.

What is mapped:

* SKOS concepts when the graph has some (the RevOps glossary, most thesauri);
* otherwise OWL/RDFS classes, ``rdfs:subClassOf`` and the object properties whose domain
  and range are classes, coloured by their top-level class, so that an ontology someone
  else wrote can be mapped too;
* or the answer of a read-only SPARQL query (:func:`query_selection`).

Positions are computed here, ahead of time (igraph's Fruchterman-Reingold with its grid,
seeded; see ``benchmarks/LAYOUT.md``), and the browser does no physics: the same graph
gives the same bytes.

>>> from revops_graph.model import load_glossary
>>> page = render_map(load_glossary(), lang="de")
>>> page.startswith("<!DOCTYPE html>") and "cdn" not in page.lower()
True
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from os import PathLike
from pathlib import Path

from ..errors import RevopsGraphError
from ..langtags import match_language, preferences
from ..model import Glossary
from ..model.labels import normalize_label
from ..store import Store
from .map_data import HIERARCHY_KEYS, MapModel, MapNode, MapTooLarge, map_model, text_in
from .positions import layout
from .selection import query_selection_keys, select

__all__ = [
    "ConceptMap",
    "concept_map",
    "kind_style",
    "map_page",
    "render_map",
    "script_json",
]


# Tableau 20, the ten strong colours first: a vocabulary's first ten kinds never share a hue.
_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
           "#a0cbe8", "#ffbe7d", "#ff9d9a", "#499894", "#8cd17d",
           "#b6992d", "#d4a6c8", "#fabfd2", "#d7b5a6", "#79706e")


# A second cue beside colour, on the nodes (concept-map-draw.js, same order), in the legend, the
# panel and the search list.
_SHAPES = ("dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon")


def kind_style(place: int) -> tuple[str, str]:
    """The colour and shape of the kind at ``place`` in :attr:`MapModel.styles` (the site uses it too)."""
    return _COLORS[place % len(_COLORS)], _SHAPES[place % len(_SHAPES)]


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


_VENDOR = {"graphology": ("graphology", "graphology.umd.min.js"), "sigma": ("sigma", "sigma.min.js")}


@cache
def _asset(name: str) -> str:
    if name in _VENDOR:
        return files("revops_graph").joinpath("render", "assets", "vendor", *_VENDOR[name]).read_text(encoding="utf-8")
    return files("revops_graph").joinpath("render", "templates", name).read_text(encoding="utf-8")


def _groups(model: MapModel) -> dict[str, str]:
    """What gathers unconnected nodes in the layout: their kind, or (one kind only) their initial."""
    kinds = {n.kind for n in model.nodes.values()}
    if len(kinds) > 1:
        return {iri: n.kind for iri, n in model.nodes.items()}
    return {iri: normalize_label(text_in(n.label, "en"))[:1] for iri, n in model.nodes.items()}


_GROUPS_SHOWN = 12  # communities named in the legend, the largest first; the rest share one grey
_OTHER_COLOR = "#bab0ac"
_COMMUNITY_SEED = 7


def _communities(model: MapModel, node_ids: Sequence[str]) -> tuple[list[int], list[dict[str, object]]] | None:
    """Communities of relations (igraph's multilevel modularity, seeded), when nothing else groups.

    A vocabulary of one kind is drawn in one colour: with relations, its communities give the
    first view structure instead, each in a colour and named after its most connected concept.
    Returns each node's group number and the groups, or None (kinds, or no community of two).
    """
    import igraph

    if len({n.kind for n in model.nodes.values()}) != 1 or not model.edges:
        return None
    index = {iri: i for i, iri in enumerate(node_ids)}
    pairs = sorted({tuple(sorted((index[e.source], index[e.target]))) for e in model.edges if e.source != e.target})
    # the C-level graph: igraph.Graph() imports numpy (a sixth of a second) to look at the edges
    graph = igraph.GraphBase(len(node_ids), pairs)
    # igraph's multilevel visits nodes in random order: a private, seeded generator for this call
    igraph.set_random_number_generator(random.Random(_COMMUNITY_SEED))
    try:
        membership = graph.community_multilevel()
    finally:
        igraph.set_random_number_generator(random)
    degree = graph.degree()
    found: dict[int, list[int]] = {}
    for node, community in enumerate(membership):
        found.setdefault(community, []).append(node)  # (each community's nodes in order)
    members = sorted((c for c in found.values() if len(c) > 1), key=lambda c: (-len(c), c[0]))
    if len(members) < 2:
        return None
    shown = members[:_GROUPS_SHOWN]
    number = [len(shown)] * len(node_ids)  # the last group: the rest (small communities, loose concepts)
    groups: list[dict[str, object]] = []
    for g, community in enumerate(shown):
        for i in community:
            number[i] = g
        hub = min(community, key=lambda i: (-degree[i], i))
        colour = _COLORS[g + 1 if g >= 9 else g]  # (the palette's grey is the rest's)
        groups.append({"label": model.nodes[node_ids[hub]].label, "color": colour, "count": len(community)})
    rest = len(node_ids) - sum(len(c) for c in shown)
    if rest:
        groups.append({"label": {"de": "Übrige", "en": "Others"}, "color": _OTHER_COLOR, "count": rest, "rest": True})
    return number, groups


def _page_data(model: MapModel, lang: str) -> dict[str, object]:
    node_ids = list(model.nodes)
    position = layout(node_ids, ((e.source, e.target) for e in model.edges), groups=_groups(model))
    communities = _communities(model, node_ids)
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
    degree = dict.fromkeys(node_ids, 0)
    for edge in model.edges:
        relation_counts[edge.predicate] += 1
        degree[edge.source] += 1
        degree[edge.target] += 1
    places = {k: model.styles.get(k, len(model.styles) + i) for i, k in enumerate(kind_ids)}
    return {
        "lang": lang,
        "languages": list(model.languages),
        "focus": number.get(model.focus) if model.focus else None,
        "title": model.title,
        "groups": communities[1] if communities else None,
        "kinds": [
            {"iri": k, "label": model.kinds[k], "color": kind_style(places[k])[0],
             "shape": kind_style(places[k])[1], "count": kind_counts[k]}
            for k in kind_ids
        ],
        "relations": [
            {"iri": r, "label": model.relations[r], "hierarchy": r in HIERARCHY_KEYS,
             "count": relation_counts[r]}
            for r in relation_ids
        ],
        "sentences": [
            {"line": model.sentences[s][0], "text": model.sentences[s][1]} for s in sentence_ids
        ],
        "nodes": [_node_data(n, i, kind_number, degree, sentence_number, position, communities)
                  for i, n in enumerate(model.nodes.values())],
        "edges": [
            {"f": number[e.source], "t": number[e.target], "r": relation_number[e.predicate],
             "src": [sentence_number[s] for s in e.sources]}
            for e in model.edges
        ],
    }


def _node_data(node: MapNode, i: int, kind_number: dict[str, int], degree: dict[str, int],
               sentence_number: dict[str, int], position: dict[str, tuple[int, int]],
               communities: tuple[list[int], list[dict[str, object]]] | None) -> dict[str, object]:
    x, y = position[node.iri]
    data: dict[str, object] = {"iri": node.iri, "k": kind_number[node.kind], "d": degree[node.iri],
                               "label": node.label, "alt": node.alt, "def": node.definition,
                               "src": [sentence_number[s] for s in node.sources] if node.sources else [],
                               "x": x, "y": y}
    if node.href:
        data["href"] = node.href
    if node.hidden:
        data["hid"] = node.hidden
    if communities:
        data["c"] = communities[0][i]
    return data


def map_page(model: MapModel, lang: str | Sequence[str] = "en") -> str:
    """The HTML page of ``model``, opening in ``lang``: a tag or a preference list (``"ru,en"``),
    of which the first language the map offers (see :attr:`MapModel.languages`) opens the page and
    the rest is where a label missing in the reader's language comes from. Nodes with an ``href``
    link there from the panel and on double-click: that is how the documentation site embeds the map."""
    prefs = preferences(lang)
    opening = match_language(model.languages, prefs)
    if opening is None:
        raise RevopsGraphError(f"the map has no language {','.join(prefs)!r}; it has {', '.join(model.languages)}")
    lang = opening
    data = _page_data(model, lang)
    if len(prefs) > 1:  # only then: a one-language page's bytes stay as they were
        data["fallback"] = list(prefs)
    return fill_template(_asset("concept-map.html"), {
        "lang": html.escape(lang, quote=True),
        "title": html.escape(text_in(model.title, lang)),
        "style": _asset("concept-map.css"),
        "graphology": _asset("graphology"),
        "sigma": _asset("sigma"),
        "data": script_json(data),
        # (one script: the drawing helpers first, then the page that uses them)
        "script": _asset("concept-map-draw.js") + _asset("concept-map.js"),
    })


_MARKER = re.compile(r"\{\{(\w+)\}\}")


def fill_template(template: str, values: dict[str, str]) -> str:
    """``template`` with each ``{{name}}`` replaced by ``values[name]``, in one pass.

    Replaced text is never searched again, so data that reads ``{{data}}`` (a label, a
    definition) stays text. Each name must occur in the template exactly once.

    >>> fill_template("<h1>{{title}}</h1>{{data}}", {"title": "{{data}}", "data": "[1]"})
    '<h1>{{data}}</h1>[1]'
    """
    found = _MARKER.findall(template)
    if sorted(found) != sorted(values):
        raise RuntimeError(f"the map template has the markers {sorted(found)}, expected {sorted(values)}")
    return _MARKER.sub(lambda marker: values[marker.group(1)], template)


@dataclass(frozen=True)
class ConceptMap:
    """A rendered concept map: the page, and what it shows.

    In Jupyter the map displays inline (an ``<iframe srcdoc>``, sandboxed to scripts);
    :meth:`save` writes the page atomically.
    """

    html: str = field(repr=False)
    nodes: int
    edges: int
    height: int = 640

    def __repr__(self) -> str:
        # The page is half a megabyte: a console or a log shows what it holds, Jupyter the page.
        return f"<ConceptMap: {self.nodes} concepts, {self.edges} relations, {len(self.html):,} characters of HTML>"

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
    lang: str | Sequence[str] = "en",
    *,
    focus: str | None = None,
    depth: int = 1,
    kinds: Sequence[str] = (),
    relations: Sequence[str] = (),
    query: str | None = None,
    max_nodes: int | None = None,
    query_store: Store | None = None,
) -> ConceptMap:
    """The concept map of ``glossary`` (or of a part of it, or of a query's answer).

    ``lang`` is the language the page opens in, or a preference list (see :func:`map_page`);
    every language of the labels is embedded.
    ``focus`` (a label or IRI) with ``depth`` keeps a neighbourhood; ``kinds`` and
    ``relations`` (labels, local names or IRIs) keep only those; ``query`` is SPARQL text
    (SELECT or CONSTRUCT, see :func:`query_selection`). Any size is drawn by default; with
    ``max_nodes`` a map of more concepts raises :class:`MapTooLarge`. ``query_store``
    runs ``query`` there instead (a SPARQL server of which ``glossary`` holds the answer's part).
    """
    if query is not None:
        iris, triples = query_selection_keys(glossary, query, store=query_store)
        model = map_model(glossary, iris, triples)
    else:
        model = map_model(glossary)
    if focus is not None or kinds or relations:
        model = select(model, focus=focus, depth=depth, kinds=kinds, relations=relations)
    if max_nodes is not None and len(model.nodes) > max_nodes:
        raise MapTooLarge(
            f"the map would show {len(model.nodes)} concepts, more than the limit of {max_nodes}; "
            "show a part with --focus LABEL --depth N (or --kinds, --query), or raise --max-nodes"
        )
    return ConceptMap(map_page(model, lang), len(model.nodes), len(model.edges))


def render_map(glossary: Glossary, lang: str = "en", **options: object) -> str:
    """The concept map of ``glossary`` as an HTML page (a string); options as :func:`concept_map`."""
    return concept_map(glossary, lang, **options).html  # type: ignore[arg-type]
