"""Network measures of the concept graph: degree, betweenness, PageRank, components, communities, bridges.

Computed with igraph (in C) on the simple undirected projection, built straight from the
glossary's relations. Deterministic: vertices and edges are added in sorted order, Louvain
draws its random choices from a generator seeded with ``SEED``, and scores are rounded to
``DIGITS`` places, so the same input gives the same bytes under any ``PYTHONHASHSEED``.

Agreement with networkx (the library these measures used before; tests check it on real
vocabularies):

* betweenness is exact (no sampling) and equal to ``networkx.betweenness_centrality`` up to
  the rounding: within ``BETWEENNESS_TOLERANCE``;
* PageRank is solved to machine precision (ARPACK) and equal to networkx's run to
  convergence (``tol=1e-12``) within ``PAGERANK_TOLERANCE``, the rounding; networkx's default
  power iteration stops earlier (an L1 change under 1e-6 per concept), so the scores
  analyze printed with it differ from these by up to 1.3e-5 (10,000 concepts);
* components and bridges (with the concepts each cuts off) are the same;
* communities are Louvain's, as before, but igraph's implementation, so the partition
  differs from networkx's (Louvain is a heuristic: either library finds another one with
  another seed); its modularity is within ``MODULARITY_TOLERANCE`` of networkx's on the
  vocabularies tested (higher on most; 0.002 lower on the 10,000-concept benchmark glossary).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..model import Glossary
from . import centrality

if TYPE_CHECKING:
    import igraph as ig
    import networkx as nx

__all__ = [
    "Analysis",
    "Bridge",
    "ConceptScore",
    "analyze",
    "annotated_graph",
]


#: Decimal places kept of betweenness and PageRank, so outputs do not vary in the last bit.
DIGITS = 6


#: How far the measures may lie from networkx's (see the module's docstring).
BETWEENNESS_TOLERANCE = 1e-6
PAGERANK_TOLERANCE = 1e-6
MODULARITY_TOLERANCE = 0.01


#: Seed of the Louvain community detection, so communities are the same on every run.
SEED = 42


#: Kept for the JSON summary's ``betweenness_sample`` (always ``null`` now): betweenness is
#: exact at every size.
BETWEENNESS_SAMPLE = None


@dataclass(frozen=True)
class ConceptScore:
    """The measures of one concept in the concept graph."""

    iri: str
    label: str
    kind: str
    degree: int
    betweenness: float
    pagerank: float
    component: int
    community: int


@dataclass(frozen=True)
class Bridge:
    """A relation whose removal splits its component; ``separates`` concepts fall on the smaller side."""

    a: str
    b: str
    separates: int


@dataclass(frozen=True)
class Analysis:
    """Measures of the concept graph: per-concept scores, components, communities, bridges.

    ``concepts`` is ranked by PageRank (then degree, then label); components and
    communities are numbered from 1, largest first; each is a tuple of concept IRIs.
    ``bridges`` come largest cut first. ``betweenness_sample`` is None when betweenness is
    exact, else the number of sampled source concepts it was estimated from.
    """

    concepts: tuple[ConceptScore, ...]
    relations: int
    components: tuple[tuple[str, ...], ...]
    communities: tuple[tuple[str, ...], ...]
    bridges: tuple[Bridge, ...]
    betweenness_sample: int | None = None

    def label(self, iri: str) -> str:
        """The label of a concept in the analysis."""
        return self._labels[iri]

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {c.iri: c.label for c in self.concepts}

    def to_dict(self, top: int | None = None) -> dict[str, object]:
        """A JSON-ready dictionary (the ``--format json`` document)."""
        labels = self._labels

        def group(number: int, members: tuple[str, ...]) -> dict[str, object]:
            return {"id": number, "size": len(members), "concepts": [labels[m] for m in members]}

        return {
            "summary": {
                "concepts": len(self.concepts),
                "relations": self.relations,
                "components": len(self.components),
                "communities": len(self.communities),
                "bridges": len(self.bridges),
                "betweenness_sample": self.betweenness_sample,
            },
            "central_concepts": [vars(c) for c in self.concepts[:top]],
            "components": [group(n, m) for n, m in enumerate(self.components, 1)],
            "communities": [group(n, m) for n, m in enumerate(self.communities, 1)],
            "bridges": [
                {"a": labels[e.a], "b": labels[e.b], "a_iri": e.a, "b_iri": e.b, "separates": e.separates}
                for e in self.bridges
            ],
        }


def _groups(sets: Iterable[Iterable[int]], nodes: list[str], labels: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    """Vertex sets as tuples of IRIs sorted by label, largest set first, ties by first label."""
    ordered = [tuple(sorted((nodes[v] for v in s), key=lambda n: (labels[n].casefold(), n))) for s in sets]
    ordered.sort(key=lambda members: (-len(members), labels[members[0]].casefold(), members[0]))
    return tuple(ordered)


def analyze(glossary: Glossary, lang: str = "en", seed: int = SEED) -> Analysis:
    """Measure the concept graph of ``glossary`` (igraph, in C).

    Degree counts relations on the directed multigraph. Betweenness (exact), PageRank,
    components, Louvain communities (fixed ``seed``) and bridges use the simple
    undirected projection: the glossary asserts each relation in one direction only and
    declares the inverse, so direction is a modelling convention, not a flow.
    """
    concepts = glossary.concepts()
    nodes = [c.key for c in concepts]
    labels = {n: c.label(lang) for n, c in zip(nodes, concepts)}
    kind_labels: dict[str, str] = {}  # a few kinds label thousands of concepts: look each up once
    for concept in concepts:
        for kind in concept.kind_keys[:1]:
            if kind not in kind_labels:
                kind_labels[kind] = glossary.label(kind, lang)
    simple, degree, relations = _projection(glossary, nodes)
    n = len(nodes)
    # networkx's normalisation: the share of the (n-1)(n-2)/2 pairs of other concepts.
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    betweenness = [b * scale for b in centrality.betweenness(simple)]
    with _seeded(seed):
        # ARPACK: the same scores as the default PRPACK (to 1e-14), ten times sooner here
        pagerank = simple.pagerank(directed=False, implementation="arpack") if n else []
        communities = _groups(_louvain(simple), nodes, labels)
    components = _groups(simple.connected_components(), nodes, labels)
    component_of = {m: i for i, members in enumerate(components, 1) for m in members}
    community_of = {m: i for i, members in enumerate(communities, 1) for m in members}
    scores = [
        ConceptScore(
            iri=node,
            label=labels[node],
            kind=kind_labels[concept.kind_keys[0]] if concept.kind_keys else "",
            degree=degree[i],
            betweenness=round(betweenness[i], DIGITS),
            pagerank=round(pagerank[i], DIGITS),
            component=component_of[node],
            community=community_of[node],
        )
        for i, (node, concept) in enumerate(zip(nodes, concepts))
    ]
    scores.sort(key=lambda c: (-c.pagerank, -c.degree, c.label.casefold(), c.iri))
    bridges = []
    for edge, separates in centrality.bridge_cuts(simple).items():
        u, v = simple.es[edge].tuple
        a, b = sorted((nodes[u], nodes[v]), key=lambda m: (labels[m].casefold(), m))
        bridges.append(Bridge(a, b, separates))
    bridges.sort(key=lambda e: (-e.separates, labels[e.a].casefold(), labels[e.b].casefold(), e.a, e.b))
    return Analysis(tuple(scores), relations, components, communities, tuple(bridges), BETWEENNESS_SAMPLE)


def _projection(glossary: Glossary, nodes: list[str]) -> tuple[ig.Graph, list[int], int]:
    """The simple undirected igraph graph of the relations between ``nodes`` (vertex i is
    ``nodes[i]``), each node's degree in the directed multigraph, and the number of relations."""
    import igraph as ig

    index = {node: i for i, node in enumerate(nodes)}
    degree = [0] * len(nodes)
    pairs = set()
    triples = set(glossary.relation_keys())
    for s, _, o in triples:
        i, j = index[s], index[o]
        degree[i] += 1
        degree[j] += 1  # a relation of a concept to itself counts twice, as in networkx
        if i != j:
            pairs.add((i, j) if i < j else (j, i))
    # sorted edges: igraph's results (Louvain's moves above all) follow the edge order
    return ig.Graph(n=len(nodes), edges=sorted(pairs)), degree, len(triples)


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph's random choices drawn from a generator seeded with ``seed``, so they are the
    same on every run; the ``random`` module's own state is left alone."""
    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)  # igraph's default: the random module


def _louvain(graph: ig.Graph) -> list[list[int]]:
    """Louvain communities (igraph's multilevel); each lone vertex is a community of its own."""
    if not graph.ecount():
        return [[v] for v in range(graph.vcount())]
    return list(graph.community_multilevel())


def annotated_graph(glossary: Glossary, analysis: Analysis, lang: str = "en") -> nx.MultiDiGraph:
    """The concept graph with each node's measures as attributes, for Gephi or Cytoscape."""
    from .graph import concept_graph

    graph = concept_graph(glossary, lang)
    for score in analysis.concepts:
        graph.nodes[score.iri].update(
            degree=score.degree, betweenness=score.betweenness, pagerank=score.pagerank,
            component=score.component, community=score.community,
        )
    return graph
