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
import math
import random
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files
from os import PathLike
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from .errors import QueryError, RevopsGraphError
from .model import (
    _NOT_RELATIONS,
    LANGS,
    ConceptNotFound,
    Glossary,
    _all_by_lang,
    _by_lang,
    _local_name,
    normalize_label,
    pick,
)
from .namespaces import ROG

__all__ = [
    "HIERARCHY_PREDICATES",
    "MAX_NODES",
    "ConceptMap",
    "MapEdge",
    "MapModel",
    "MapNode",
    "MapTooLarge",
    "concept_map",
    "layout",
    "map_model",
    "query_selection",
    "read_query",
    "render_map",
    "script_json",
    "select",
]

#: Past this many concepts a whole map helps no one; ask for ``--focus`` instead.
MAX_NODES = 5000

#: Relations drawn solid and thick: hierarchy and part-of (either direction).
HIERARCHY_PREDICATES = frozenset({
    SKOS.broader, SKOS.narrower, SKOS.broaderTransitive, SKOS.narrowerTransitive, RDFS.subClassOf,
    ROG.comprises, ROG.isComprisedBy, ROG.includes, ROG.isIncludedIn, ROG.hasStage, ROG.isStageOf,
})

# Labels for standard terms that vocabularies rarely label themselves.
_STANDARD_LABELS: dict[URIRef, dict[str, str]] = {
    SKOS.Concept: {"de": "Begriff", "en": "Concept"},
    SKOS.broader: {"de": "Oberbegriff", "en": "broader"},
    SKOS.narrower: {"de": "Unterbegriff", "en": "narrower"},
    SKOS.related: {"de": "verwandt mit", "en": "related"},
    RDFS.subClassOf: {"de": "Unterklasse von", "en": "subclass of"},
    OWL.Class: {"de": "Klasse", "en": "Class"},
    RDFS.Resource: {"de": "Ressource", "en": "Resource"},
}

# Tableau 10: distinct, colour-blind friendlier than vis's defaults; shapes add a second cue.
_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
_SHAPES = ("dot", "diamond", "square", "triangle", "star", "triangleDown", "hexagon")

# Namespaces whose classes are the modelling language itself, not the user's ontology.
_BUILTIN = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")

_LAYOUT_SEED = 7
_EDGE_LENGTH = 170.0  # median edge length in page pixels after scaling
_SPREAD_LIMIT = 400  # overlap removal is pairwise, in pure Python: cheap below this size
_AREA_PER_NODE = 190.0 * 110.0  # page pixels² each node gets at least (a label and some air)


class MapTooLarge(RevopsGraphError):
    """The map would hold more concepts than anyone can read; show a part instead."""


# -- the model: what the page shows ---------------------------------------------------

Texts = dict[str, str]  # language -> text, with fallbacks already applied


@dataclass(frozen=True)
class MapNode:
    """A concept (or class) on the map."""

    iri: str
    kind: str
    label: Texts
    alt: dict[str, tuple[str, ...]]
    definition: Texts
    sources: tuple[str, ...]  # IRIs of source sentences


@dataclass(frozen=True)
class MapEdge:
    """A directed relation between two nodes on the map."""

    source: str
    predicate: str
    target: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class MapModel:
    """Everything the page shows, language-independent and sorted (so bytes are stable)."""

    title: Texts
    nodes: dict[str, MapNode]
    edges: tuple[MapEdge, ...]
    kinds: dict[str, Texts]
    relations: dict[str, Texts]
    sentences: dict[str, tuple[int | None, Texts]] = field(default_factory=dict)

    def restrict(self, keep: Iterable[str], edges: Iterable[MapEdge] | None = None) -> MapModel:
        """The same model with only the nodes in ``keep`` (and the edges among them)."""
        keep = set(keep)
        chosen = self.edges if edges is None else tuple(edges)
        return replace(
            self,
            nodes={iri: node for iri, node in self.nodes.items() if iri in keep},
            edges=tuple(e for e in chosen if e.source in keep and e.target in keep),
        )


def _texts(values: dict[str, str], fallback: str = "") -> Texts:
    """One text per page language: that language, then English, then any, then ``fallback``."""
    return {lang: pick(values, lang, fallback) for lang in LANGS}


def _term_label(glossary: Glossary, iri: URIRef) -> Texts:
    label = {lang: glossary.label(iri, lang) for lang in LANGS}
    local = _local_name(str(iri))
    if iri in _STANDARD_LABELS and all(value == local for value in label.values()):
        return dict(_STANDARD_LABELS[iri])
    return label


def _labels(values: dict[str, str], local_name: str) -> Texts:
    """Labels fall back from the language to English, then untagged, then the IRI's local name."""
    return {lang: values.get(lang) or values.get("en") or values.get("") or local_name for lang in LANGS}


_NODE_PREDICATES = (SKOS.prefLabel, RDFS.label, SKOS.definition, RDFS.comment, SKOS.altLabel, DCTERMS.source, RDF.type)
Objects = Callable[[URIRef, URIRef], Iterable[Node]]


def _objects_index(graph: Graph, subjects: set[URIRef]) -> Objects:
    """``objects(iri, predicate)`` for the map's predicates, from one scan per predicate.

    At 10,000 concepts a lookup per concept and predicate costs more than the layout; a scan
    of each predicate's triples visits the same values at a fraction of the cost.
    """
    index: dict[URIRef, dict[Node, list[Node]]] = {p: {} for p in _NODE_PREDICATES}
    for p, by_subject in index.items():
        for s, o in graph.subject_objects(p):
            if s in subjects:
                by_subject.setdefault(s, []).append(o)

    def objects(iri: URIRef, predicate: URIRef) -> Iterable[Node]:
        return index[predicate].get(iri, ())

    return objects


def _node(graph: Graph, iri: URIRef, kind: str, objects: Objects | None = None) -> MapNode:
    objects = objects or graph.objects  # type: ignore[assignment]
    labels = _by_lang(objects(iri, SKOS.prefLabel)) or _by_lang(objects(iri, RDFS.label))
    definitions = _by_lang(objects(iri, SKOS.definition)) or _by_lang(objects(iri, RDFS.comment))
    alt = _all_by_lang(objects(iri, SKOS.altLabel))
    return MapNode(
        iri=str(iri),
        kind=kind,
        label=_labels(labels, _local_name(str(iri))),
        alt={lang: alt.get(lang, ()) for lang in LANGS if alt.get(lang)},
        definition=_texts(definitions),
        sources=tuple(sorted(str(s) for s in objects(iri, DCTERMS.source) if isinstance(s, URIRef))),
    )


def _statement_index(graph: Graph) -> dict[tuple[URIRef, URIRef, URIRef], list[str]]:
    """(s, p, o) -> sentences its reified statements are ``rog:statedIn`` (one pass)."""
    index: dict[tuple[URIRef, URIRef, URIRef], list[str]] = {}
    for st, s in graph.subject_objects(RDF.subject):
        p, o = graph.value(st, RDF.predicate), graph.value(st, RDF.object)
        said = [str(x) for x in graph.objects(st, ROG.statedIn) if isinstance(x, URIRef)]
        if said:
            index.setdefault((s, p, o), []).extend(said)  # type: ignore[index]
    return index


def _skos_model(glossary: Glossary) -> tuple[dict[str, MapNode], list[MapEdge], set[URIRef]]:
    graph = glossary.graph
    kind_classes = glossary.kind_classes
    nodes: dict[str, MapNode] = {}
    kinds: set[URIRef] = set()
    objects = _objects_index(graph, set(glossary.concept_iris))
    for iri in glossary.concept_iris:
        kind = min((k for k in objects(iri, RDF.type) if k in kind_classes), default=SKOS.Concept)
        kinds.add(kind)  # type: ignore[arg-type]
        nodes[str(iri)] = _node(graph, iri, str(kind), objects)
    edges = list(_edges_among(graph, glossary.concept_iris, whole_graph=True))
    return nodes, edges, kinds


def _edges_among(graph: Graph, iris: Iterable[URIRef], whole_graph: bool = False) -> Iterable[MapEdge]:
    """Relations among ``iris``; with ``whole_graph`` (most of the graph's subjects) in one scan."""
    members = set(iris)
    statements = _statement_index(graph)
    triples = graph if whole_graph else ((s, p, o) for s in members for p, o in graph.predicate_objects(s))
    for s, p, o in triples:
        if s in members and o in members and p not in _NOT_RELATIONS and isinstance(p, URIRef) and o != s:
            yield MapEdge(str(s), str(p), str(o), tuple(sorted(set(statements.get((s, p, o), ())))))  # type: ignore[arg-type]


def _owl_model(glossary: Glossary) -> tuple[dict[str, MapNode], list[MapEdge], set[URIRef]]:
    """Classes, subClassOf and domain->range object properties of an OWL/RDFS ontology."""
    graph = glossary.graph
    classes: set[URIRef] = set()
    for cls in (OWL.Class, RDFS.Class):
        classes.update(c for c in graph.subjects(RDF.type, cls) if isinstance(c, URIRef))
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        classes.update(c for c in (sub, sup) if isinstance(c, URIRef))
    classes = {c for c in classes if not str(c).startswith(_BUILTIN)}
    parents = {
        c: sorted(p for p in graph.objects(c, RDFS.subClassOf) if p in classes and p != c) for c in classes
    }

    def root(cls: URIRef) -> URIRef:
        seen = {cls}
        while parents[cls] and parents[cls][0] not in seen:
            cls = parents[cls][0]
            seen.add(cls)
        return cls

    nodes = {str(c): _node(graph, c, str(root(c))) for c in sorted(classes)}
    edges = [MapEdge(str(c), str(RDFS.subClassOf), str(p)) for c in classes for p in parents[c]]
    properties = {p for p in graph.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}
    for prop in sorted(properties):
        domains = sorted(d for d in graph.objects(prop, RDFS.domain) if d in classes)
        ranges = sorted(r for r in graph.objects(prop, RDFS.range) if r in classes)
        edges.extend(MapEdge(str(d), str(prop), str(r)) for d in domains for r in ranges)
    return nodes, edges, {URIRef(n.kind) for n in nodes.values()}


def _any_model(
    glossary: Glossary, iris: Iterable[URIRef], triples: Iterable[tuple[URIRef, URIRef, URIRef]] | None
) -> tuple[dict[str, MapNode], list[MapEdge], set[URIRef]]:
    """Nodes for arbitrary IRIs (a query's answer), kinds from the glossary where known."""
    graph = glossary.graph
    kind_classes = glossary.kind_classes
    nodes: dict[str, MapNode] = {}
    kinds: set[URIRef] = set()
    for iri in sorted(set(iris)):
        types = sorted(t for t in graph.objects(iri, RDF.type) if isinstance(t, URIRef))
        kind = min((t for t in types if t in kind_classes), default=None) or (
            SKOS.Concept if SKOS.Concept in types else (types[0] if types else RDFS.Resource)
        )
        kinds.add(kind)
        nodes[str(iri)] = _node(graph, iri, str(kind))
    if triples is None:
        edges = list(_edges_among(graph, [URIRef(i) for i in nodes]))
    else:
        statements = _statement_index(graph)
        edges = [
            MapEdge(str(s), str(p), str(o), tuple(sorted(set(statements.get((s, p, o), ())))))
            for s, p, o in triples
            if str(s) in nodes and str(o) in nodes and s != o
        ]
    return nodes, edges, kinds


def map_model(
    glossary: Glossary,
    iris: Iterable[URIRef] | None = None,
    triples: Iterable[tuple[URIRef, URIRef, URIRef]] | None = None,
) -> MapModel:
    """What the map of ``glossary`` shows: SKOS concepts, else OWL/RDFS classes.

    With ``iris`` the map shows those resources instead (and the relations among them, or
    exactly ``triples`` when given): that is how a query's answer is mapped.
    """
    graph = glossary.graph
    if iris is not None:
        nodes, edges, kinds = _any_model(glossary, iris, triples)
    elif glossary.concept_iris:
        nodes, edges, kinds = _skos_model(glossary)
    else:
        nodes, edges, kinds = _owl_model(glossary)
    edges = sorted(set(edges), key=lambda e: (e.source, e.predicate, e.target))
    sentence_iris = sorted({s for n in nodes.values() for s in n.sources} | {s for e in edges for s in e.sources})
    sentences: dict[str, tuple[int | None, Texts]] = {}
    for iri in sentence_iris:
        text = _by_lang(graph.objects(URIRef(iri), ROG.text))
        if text:
            line = graph.value(URIRef(iri), ROG.line)
            sentences[iri] = (int(line) if isinstance(line, Literal) else None, _texts(text))
    # a dcterms:source without text (a web page, a book) is not a sentence to quote
    nodes = {
        iri: replace(n, sources=tuple(s for s in n.sources if s in sentences)) for iri, n in sorted(nodes.items())
    }
    edges = [replace(e, sources=tuple(s for s in e.sources if s in sentences)) for e in edges]
    schemes = sorted(s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef))
    ontologies = sorted(s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    titled = schemes if len(schemes) == 1 else ontologies if len(ontologies) == 1 else []
    title = _texts({"de": "Begriffskarte", "en": "Concept map"})
    if titled:
        named = _by_lang(graph.objects(titled[0], SKOS.prefLabel)) or _by_lang(graph.objects(titled[0], RDFS.label))
        if named:
            title = _texts(named)
    return MapModel(
        title=title,
        nodes=nodes,
        edges=tuple(edges),
        kinds={str(k): _term_label(glossary, k) for k in sorted(kinds)},
        relations={
            p: _term_label(glossary, URIRef(p))
            for p in sorted({e.predicate for e in edges}, key=lambda p: (URIRef(p) not in HIERARCHY_PREDICATES, p))
        },
        sentences=sentences,
    )


# -- choosing a part: kinds, relations, focus -------------------------------------------


def _match_terms(wanted: Sequence[str], terms: dict[str, Texts], what: str) -> set[str]:
    """IRIs of ``terms`` named by ``wanted`` (an IRI, a local name or a label in any language)."""
    index: dict[str, set[str]] = {}
    for iri, label in terms.items():
        for name in (iri, _local_name(iri), *label.values()):
            index.setdefault(normalize_label(name), set()).add(iri)
    chosen: set[str] = set()
    for name in wanted:
        hits = index.get(normalize_label(name))
        if not hits:
            known = ", ".join(sorted({t["en"] for t in terms.values()}, key=str.casefold))
            raise RevopsGraphError(f"no {what} is called {name!r}; the map has: {known or 'none'}")
        chosen |= hits
    return chosen


def _find_node(model: MapModel, label: str) -> str:
    if label in model.nodes:
        return label
    hits = sorted(
        iri for iri, n in model.nodes.items()
        if normalize_label(label) in {normalize_label(x) for x in (
            *n.label.values(), *(a for alts in n.alt.values() for a in alts), _local_name(iri))}
    )
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise ConceptNotFound(f"no concept on the map is labelled {label!r}")
    names = ", ".join(model.nodes[h].label["en"] for h in hits)
    raise ConceptNotFound(f"{label!r} labels several concepts: {names}; give the IRI instead")


def select(
    model: MapModel,
    *,
    focus: str | None = None,
    depth: int = 1,
    kinds: Sequence[str] = (),
    relations: Sequence[str] = (),
) -> MapModel:
    """Only some kinds and relations, and/or the neighbourhood of ``focus`` up to ``depth`` steps.

    Steps follow relations in either direction. The focus concept itself is always shown.
    """
    keep = set(model.nodes)
    edges = model.edges
    if kinds:
        wanted = _match_terms(kinds, model.kinds, "kind")
        keep = {iri for iri in keep if model.nodes[iri].kind in wanted}
    if relations:
        wanted = _match_terms(relations, model.relations, "relation")
        edges = tuple(e for e in edges if e.predicate in wanted)
    if focus is not None:
        if depth < 0:
            raise RevopsGraphError(f"depth must be 0 or more, not {depth}")
        start = _find_node(model, focus)
        keep.add(start)
        neighbours: dict[str, set[str]] = {}
        for e in edges:
            if e.source in keep and e.target in keep:
                neighbours.setdefault(e.source, set()).add(e.target)
                neighbours.setdefault(e.target, set()).add(e.source)
        reached = {start: 0}
        queue = deque([start])
        while queue:
            here = queue.popleft()
            if reached[here] < depth:
                for there in sorted(neighbours.get(here, ())):
                    if there not in reached:
                        reached[there] = reached[here] + 1
                        queue.append(there)
        keep = set(reached)
    part = model.restrict(keep, edges)
    return replace(
        part,
        kinds={k: v for k, v in model.kinds.items() if any(n.kind == k for n in part.nodes.values())},
        relations={r: v for r, v in model.relations.items() if any(e.predicate == r for e in part.edges)},
    )


# -- layout ------------------------------------------------------------------------------


def _layout_iterations(nodes: int) -> int:
    """Force-layout rounds: 500 settle any map people read node by node; past 2,000 nodes
    200 rounds give the same overall shape, and at 10,000 save 0.85 s of 1.4 s, which keeps
    a 10,000-concept map under 10 s from command to a still page (BENCHMARKS.md)."""
    return 500 if nodes <= 2000 else 200


def layout(node_ids: Sequence[str], edges: Iterable[tuple[str, str]], seed: int = _LAYOUT_SEED) -> dict[str, tuple[int, int]]:
    """Integer page coordinates for every node, the same on every run.

    igraph's Fruchterman-Reingold with its grid approximation: at 10,000 concepts it takes
    well under a second where networkx's spring layout takes minutes (benchmarks/LAYOUT.md).
    The median edge is scaled to a readable length; coordinates are rounded so that the
    last bits of floating point never reach the page.
    """
    import igraph

    index = {iri: i for i, iri in enumerate(node_ids)}
    pairs = sorted({tuple(sorted((index[s], index[t]))) for s, t in edges if s != t})
    if not node_ids:
        return {}
    if len(node_ids) == 1:
        return {node_ids[0]: (0, 0)}
    # igraph draws from a global generator: give it a private, seeded one for this call
    rng = random.Random(seed)
    igraph.set_random_number_generator(rng)
    try:
        graph = igraph.Graph(n=len(node_ids), edges=pairs)
        start = [[math.cos(i * 2.399963) * math.sqrt(i + 1), math.sin(i * 2.399963) * math.sqrt(i + 1)]
                 for i in range(len(node_ids))]
        coords = graph.layout_fruchterman_reingold(seed=start, niter=_layout_iterations(len(node_ids)), grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in pairs) or [1.0]
    cx = sum(x for x, _ in coords) / len(coords)
    cy = sum(y for _, y in coords) / len(coords)
    scale = _EDGE_LENGTH / max(lengths[len(lengths) // 2], 1e-9)
    if len(coords) > _SPREAD_LIMIT:
        # Large force layouts pack nodes densely: give each node room for its label.
        radius = math.sqrt(sum((x - cx) ** 2 + (y - cy) ** 2 for x, y in coords) / len(coords))
        scale = max(scale, math.sqrt(len(coords) * _AREA_PER_NODE / math.pi) / max(radius, 1e-9))
    points = [[(x - cx) * scale, (y - cy) * scale] for x, y in coords]
    if len(points) <= _SPREAD_LIMIT:
        _spread(points)  # small ones are untangled label by label instead
    return {iri: (round(points[i][0]), round(points[i][1])) for iri, i in index.items()}



def _spread(points: list[list[float]], rounds: int = 40) -> None:
    """Push apart nodes whose labels would overlap (force layouts crowd around hubs).

    Labels are wide, so closeness is measured in an ellipse twice as wide as high.
    """
    width, height = 1.1 * _EDGE_LENGTH, 0.5 * _EDGE_LENGTH
    n = len(points)
    for _ in range(rounds):
        moved = False
        for i in range(n):
            xi, yi = points[i]
            for j in range(i + 1, n):
                dx, dy = points[j][0] - xi, points[j][1] - yi
                overlap = 1.0 - math.hypot(dx / width, dy / height)
                if overlap > 0:
                    if dx == 0 and dy == 0:
                        dx, dy = 1.0, 0.0  # same spot: part them sideways, deterministically
                    norm = math.hypot(dx, dy)
                    push = overlap * min(width, height) * 0.5
                    ux, uy = dx / norm * push, dy / norm * push
                    points[i][0] -= ux
                    points[i][1] -= uy
                    points[j][0] += ux
                    points[j][1] += uy
                    xi, yi = points[i]
                    moved = True
        if not moved:
            break


# -- the page ----------------------------------------------------------------------------


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
    return files("revops_graph").joinpath("templates", name).read_text(encoding="utf-8")


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
        from .files import write_atomic

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
) -> ConceptMap:
    """The concept map of ``glossary`` (or of a part of it, or of a query's answer).

    ``lang`` is the language the page opens in (``de`` or ``en``); both are embedded.
    ``focus`` (a label or IRI) with ``depth`` keeps a neighbourhood; ``kinds`` and
    ``relations`` (labels, local names or IRIs) keep only those; ``query`` is SPARQL text
    (SELECT or CONSTRUCT, see :func:`query_selection`). Raises :class:`MapTooLarge` when
    more than ``max_nodes`` concepts would be shown (``None``: no limit).
    """
    if lang not in LANGS:
        raise RevopsGraphError(f"language must be one of {', '.join(LANGS)}, not {lang!r}")
    if query is not None:
        iris, triples = query_selection(glossary, query)
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


# -- a query's answer as a map --------------------------------------------------------


def query_selection(
    glossary: Glossary, query: str, *, timeout: float | None = None
) -> tuple[list[URIRef], list[tuple[URIRef, URIRef, URIRef]] | None]:
    """What a read-only query puts on the map: IRIs, and triples for a CONSTRUCT.

    A CONSTRUCT maps its graph (IRIs linked by IRIs; literals are left out); a SELECT maps
    the concepts it binds (every IRI, when it binds no concept), with the relations among
    them in the glossary (triples ``None``). The query runs through :mod:`revops_graph.query`,
    so the same safety rules hold: anything but SELECT and CONSTRUCT, and anything that would
    leave the local graph (SERVICE, LOAD, FROM), is refused with
    :class:`~revops_graph.errors.QueryError`, and the time limit applies.
    """
    from . import query as sparql
    from .store import MemoryStore

    limit = sparql.DEFAULT_TIMEOUT if timeout is None else timeout
    form = sparql.check(query, source="the map's query").form
    if form not in {"SELECT", "CONSTRUCT"}:
        raise QueryError(f"only SELECT and CONSTRUCT queries can be mapped, not {form}")
    store = MemoryStore(glossary)
    if form == "CONSTRUCT":
        triples = sorted(
            (s, p, o) for s, p, o in sparql.construct(store, query, timeout=limit)
            if isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef)
        )
        iris = sorted({s for s, _, _ in triples} | {o for _, _, o in triples})
        return iris, triples
    rows = sparql.select(store, query, timeout=limit)
    bound = {value for row in rows for value in row if isinstance(value, URIRef)}
    concepts = set(glossary.concept_iris)
    if bound & concepts:
        bound &= concepts  # a kind or a predicate bound beside the concepts is not a concept to draw
    return sorted(bound), None


def read_query(name_or_file: str) -> str:
    """The text of a query file, or of a named query (``ontology/queries/<name>.rq``)."""
    from .query import named_query

    path = Path(name_or_file)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return named_query(name_or_file).text
