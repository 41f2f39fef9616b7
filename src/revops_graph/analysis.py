"""The concept graph as networkx: nodes are concepts, edges are relations.

On top of the projection: :func:`explain` finds the shortest chains of relations between
two concepts and words them with their source sentences; :func:`analyze` measures the
graph (degree, betweenness, PageRank, components, communities, bridges); GraphML and
GEXF writers give Gephi and Cytoscape the concept graph with those measures attached.
Everything is deterministic: nodes and edges are added in sorted order, community
detection uses a fixed seed, and scores are rounded.
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import SKOS

from .model import Concept, Glossary, Relation
from .namespaces import ROG

__all__ = [
    "Analysis",
    "Bridge",
    "Chain",
    "ConceptScore",
    "Source",
    "Step",
    "analyze",
    "annotated_graph",
    "concept_graph",
    "explain",
    "to_gexf",
    "to_graphml",
]

#: Seed of the Louvain community detection, so communities are the same on every run.
SEED = 42
#: Decimal places kept of betweenness and PageRank, so outputs do not vary in the last bit.
DIGITS = 6
#: Above this many concepts, betweenness is estimated from this many sampled sources.
BETWEENNESS_SAMPLE = 500
#: Most chains :func:`explain` enumerates before sorting (a guard for dense graphs).
MAX_ENUMERATED = 1000

# SKOS's relations and their inverses, for glossaries that use them without loading SKOS.
_SKOS_INVERSES = {SKOS.broader: SKOS.narrower, SKOS.narrower: SKOS.broader, SKOS.related: SKOS.related}


def concept_graph(glossary: Glossary, lang: str = "en") -> nx.MultiDiGraph:
    """A directed multigraph of the glossary's concepts and the relations between them.

    Nodes are concept IRIs with ``label``, ``label_de``, ``label_en`` and ``kind``
    attributes; edges carry ``predicate`` (IRI) and ``label``. Nodes and edges are added
    in sorted order so that everything derived from the graph is deterministic.
    """
    graph = nx.MultiDiGraph()
    for concept in glossary.concepts():
        graph.add_node(
            str(concept.iri),
            label=concept.label(lang),
            label_de=concept.label("de"),
            label_en=concept.label("en"),
            kind=glossary.label(concept.kinds[0], lang) if concept.kinds else "",
        )
    for rel in glossary.all_relations():
        graph.add_edge(
            str(rel.subject), str(rel.object), key=str(rel.predicate),
            predicate=str(rel.predicate), label=rel.predicate_label(lang),
        )
    return graph


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """The simple undirected projection: one edge wherever any relation links two concepts."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    return simple


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML bytes for ``graph`` (for Gephi, Cytoscape, yEd)."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF bytes for ``graph`` (Gephi's own format), without the writer's date stamp."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(graph)
    # networkx stamps today's date into <meta>; dropping it keeps the bytes reproducible.
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# -- labels and inverses ---------------------------------------------------------------


def inverse_of(glossary: Glossary, predicate: URIRef) -> URIRef | None:
    """The inverse property (``owl:inverseOf`` either way, in the graph or rog.ttl), or None."""
    return glossary.inverse(predicate) or _SKOS_INVERSES.get(predicate)


# -- explain ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """A source sentence: its line in the source file and its (German) text."""

    iri: URIRef
    line: int | None
    text: str


@dataclass(frozen=True)
class Step:
    """One relation on a chain, as asserted (``subject predicate object``) and as read.

    ``forward`` is False when the chain walks the relation from object to subject;
    ``sentence`` then uses the inverse property ("Revenue operations has tool CRM system"),
    or the asserted direction when no inverse is known.
    """

    subject: URIRef
    predicate: URIRef
    object: URIRef
    forward: bool
    sentence: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Chain:
    """A shortest chain of relations from one concept to another."""

    start: URIRef
    end: URIRef
    steps: tuple[Step, ...]

    def __len__(self) -> int:
        return len(self.steps)

    def text(self) -> str:
        """The chain as lines: each step's sentence, then its source sentences indented."""
        lines = []
        for number, step in enumerate(self.steps, 1):
            lines.append(f"{number}. {step.sentence}.")
            for source in step.sources:
                where = f"line {source.line}" if source.line is not None else source.iri.rsplit("/", 1)[-1]
                lines.append(f"   {where}: \u201e{source.text}\u201c")
            if not step.sources:
                lines.append("   (no source sentence recorded)")
        return "\n".join(lines)


def _sources(glossary: Glossary, relation: Relation) -> tuple[Source, ...]:
    found = []
    for iri in relation.sources:
        line = glossary.graph.value(iri, ROG.line)
        found.append(Source(iri, int(line) if line is not None else None, glossary.source_text(iri)))
    return tuple(sorted(found, key=lambda s: (s.line if s.line is not None else 10**9, str(s.iri))))


def _step(glossary: Glossary, relation: Relation, forward: bool, lang: str) -> Step:
    s, p, o = relation.subject, relation.predicate, relation.object
    label = glossary.label
    inverse = None if forward else inverse_of(glossary, p)
    if inverse is None:
        sentence = f"{label(s, lang)} {label(p, lang)} {label(o, lang)}"
    else:
        sentence = f"{label(o, lang)} {label(inverse, lang)} {label(s, lang)}"
    return Step(s, p, o, forward, sentence, _sources(glossary, relation))


def _resolve(glossary: Glossary, concept: Concept | str) -> Concept:
    return concept if isinstance(concept, Concept) else glossary.find(concept)


def explain(
    glossary: Glossary,
    a: Concept | str,
    b: Concept | str,
    lang: str = "en",
    limit: int | None = 10,
) -> list[Chain]:
    """The shortest chains of relations between concepts ``a`` and ``b`` (found by any label).

    Relations are walked both ways; each step is worded in the direction walked, using the
    inverse property when going against the asserted direction, with its source sentences.
    Chains are sorted by their wording and at most ``limit`` are returned. An empty list
    means the two concepts are not connected; ``a == b`` gives one chain of no steps.
    Raises :class:`~revops_graph.model.ConceptNotFound` for an unknown label.
    """
    start, end = _resolve(glossary, a), _resolve(glossary, b)
    if start.iri == end.iri:
        return [Chain(start.iri, end.iri, ())]
    relations: dict[tuple[str, str], list[Relation]] = {}
    simple = nx.Graph()
    simple.add_nodes_from(str(iri) for iri in glossary.concept_iris)
    for rel in glossary.all_relations():
        relations.setdefault((str(rel.subject), str(rel.object)), []).append(rel)
        if rel.subject != rel.object:
            simple.add_edge(str(rel.subject), str(rel.object))
    try:
        paths = list(itertools.islice(nx.all_shortest_paths(simple, str(start.iri), str(end.iri)), MAX_ENUMERATED))
    except nx.NetworkXNoPath:
        return []
    chains: list[Chain] = []
    for path in paths:
        choices = []
        for u, v in itertools.pairwise(path):
            forward = [_step(glossary, r, True, lang) for r in relations.get((u, v), [])]
            backward = [_step(glossary, r, False, lang) for r in relations.get((v, u), [])]
            choices.append(forward + backward)
        for steps in itertools.islice(itertools.product(*choices), MAX_ENUMERATED):
            chains.append(Chain(start.iri, end.iri, tuple(steps)))
    chains.sort(key=lambda c: tuple((s.sentence, str(s.predicate)) for s in c.steps))
    return chains[:limit] if limit is not None else chains


# -- analyze ---------------------------------------------------------------------------


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


def _groups(sets: list[set[str]], labels: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    """Node sets as tuples sorted by label, largest set first, ties by first label."""
    ordered = [tuple(sorted(s, key=lambda n: (labels[n].casefold(), n))) for s in sets]
    ordered.sort(key=lambda members: (-len(members), labels[members[0]].casefold(), members[0]))
    return tuple(ordered)


def analyze(glossary: Glossary, lang: str = "en", seed: int = SEED) -> Analysis:
    """Measure the concept graph of ``glossary`` with networkx.

    Degree counts relations on the directed multigraph. Betweenness, PageRank,
    components, Louvain communities (fixed ``seed``) and bridges use the simple
    undirected projection: the glossary asserts each relation in one direction only and
    declares the inverse, so direction is a modelling convention, not a flow.
    """
    graph = concept_graph(glossary, lang)
    simple = undirected(graph)
    labels = {n: d["label"] for n, d in graph.nodes(data=True)}
    # Exact betweenness costs one shortest-path search per concept: large graphs are sampled (seeded).
    sampled = BETWEENNESS_SAMPLE if simple.number_of_nodes() > BETWEENNESS_SAMPLE else None
    betweenness = nx.betweenness_centrality(simple, k=sampled, seed=seed)
    pagerank = nx.pagerank(simple) if simple.number_of_nodes() else {}
    components = _groups([set(c) for c in nx.connected_components(simple)], labels)
    communities = _groups(
        [set(c) for c in nx.community.louvain_communities(simple, seed=seed)] if simple.number_of_edges() else
        [{n} for n in simple.nodes], labels,
    )
    component_of = {n: i for i, members in enumerate(components, 1) for n in members}
    community_of = {n: i for i, members in enumerate(communities, 1) for n in members}
    scores = [
        ConceptScore(
            iri=n,
            label=labels[n],
            kind=graph.nodes[n]["kind"],
            degree=graph.degree(n),
            betweenness=round(betweenness.get(n, 0.0), DIGITS),
            pagerank=round(pagerank.get(n, 0.0), DIGITS),
            component=component_of[n],
            community=community_of[n],
        )
        for n in graph.nodes
    ]
    scores.sort(key=lambda c: (-c.pagerank, -c.degree, c.label.casefold(), c.iri))
    bridges = []
    for (u, v), separates in _bridges(simple).items():
        a, b = sorted((u, v), key=lambda n: (labels[n].casefold(), n))
        bridges.append(Bridge(a, b, separates))
    bridges.sort(key=lambda e: (-e.separates, labels[e.a].casefold(), labels[e.b].casefold(), e.a, e.b))
    return Analysis(tuple(scores), graph.number_of_edges(), components, communities, tuple(bridges), sampled)


def _bridges(simple: nx.Graph) -> dict[tuple[str, str], int]:
    """Each bridge with the number of concepts on the smaller side once it is cut, in one pass.

    Cutting every bridge leaves 2-edge-connected blocks; the bridges join the blocks into a
    forest, and the side a bridge cuts off is the subtree below it.
    """
    found = list(nx.bridges(simple))
    cut = simple.copy()
    cut.remove_edges_from(found)
    block_of = {n: i for i, block in enumerate(nx.connected_components(cut)) for n in block}
    forest = nx.Graph()
    forest.add_nodes_from(set(block_of.values()), size=0)
    for block in block_of.values():
        forest.nodes[block]["size"] += 1
    forest.add_edges_from((block_of[u], block_of[v]) for u, v in found)
    below: dict[int, int] = {}  # concepts in the subtree rooted at a block
    whole: dict[int, int] = {}  # concepts in the block's tree
    for tree in nx.connected_components(forest):
        root = min(tree)
        for block in nx.dfs_postorder_nodes(forest, root):
            below[block] = forest.nodes[block]["size"] + sum(below.get(c, 0) for c in forest[block] if c in below)
        for block in tree:
            whole[block] = below[root]
    out = {}
    for u, v in found:
        # In a rooted tree the child of an edge is the end with the smaller subtree.
        child = min(block_of[u], block_of[v], key=lambda b: below[b])
        out[(u, v)] = min(below[child], whole[child] - below[child])
    return out


def annotated_graph(glossary: Glossary, analysis: Analysis, lang: str = "en") -> nx.MultiDiGraph:
    """The concept graph with each node's measures as attributes, for Gephi or Cytoscape."""
    graph = concept_graph(glossary, lang)
    for score in analysis.concepts:
        graph.nodes[score.iri].update(
            degree=score.degree, betweenness=score.betweenness, pagerank=score.pagerank,
            component=score.component, community=score.community,
        )
    return graph
