"""analyze against an independent computation: networkx on real vocabularies and random graphs.

The measures run on igraph, betweenness from the vertices that are not in hanging trees only
(see ``revops_graph.analysis.centrality``); networkx, built here from the relations as a
user would, is the reference. The tolerances are the ones the analysis module documents.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import igraph as ig
import networkx as nx
import pytest

from revops_graph import Glossary, load_glossary
from revops_graph.analysis import analyze
from revops_graph.analysis.centrality import betweenness, bridge_cuts
from revops_graph.analysis.measures import BETWEENNESS_TOLERANCE, MODULARITY_TOLERANCE, PAGERANK_TOLERANCE

from analyze_fixtures import BASE

VOCABS = Path(__file__).parent / "data" / "vocabularies"
SRC = Path(__file__).resolve().parents[1] / "src"


def _reference(glossary: Glossary) -> nx.Graph:
    """The simple undirected graph of the glossary's relations, built without analysis/."""
    graph = nx.Graph()
    graph.add_nodes_from(str(iri) for iri in glossary.concept_iris)
    graph.add_edges_from((str(s), str(o)) for s, _, o in glossary.relation_triples() if s != o)
    return graph


def _graph_with_trees(seed: int) -> nx.Graph:
    """A random graph with cycles, trees hanging off it, tree components and lone vertices."""
    rng = random.Random(seed)
    graph = nx.gnm_random_graph(rng.randrange(5, 40), rng.randrange(5, 60), seed=seed)
    for v in range(len(graph), len(graph) + rng.randrange(0, 60)):
        graph.add_edge(v, rng.randrange(v)) if rng.random() < 0.9 else graph.add_node(v)
    return graph


def _igraph(graph: nx.Graph) -> ig.Graph:
    return ig.Graph(n=len(graph), edges=sorted(tuple(sorted(e)) for e in graph.edges()))


@pytest.mark.parametrize("seed", range(12))
def test_betweenness_from_the_core_is_networkx_exact_betweenness(seed: int) -> None:
    graph = _graph_with_trees(seed)
    n = len(graph)
    expected = nx.betweenness_centrality(graph, normalized=False)
    got = betweenness(_igraph(graph))
    assert len(got) == n
    assert all(abs(got[v] - expected[v]) <= 1e-9 * max(1.0, expected[v]) for v in graph), seed


@pytest.mark.parametrize("seed", range(6))
def test_bridge_cut_sizes_match_cutting_each_bridge(seed: int) -> None:
    graph = _graph_with_trees(seed)
    simple = _igraph(graph)
    cuts = {tuple(sorted(simple.es[e].tuple)): size for e, size in bridge_cuts(simple).items()}
    assert set(cuts) == {tuple(sorted(e)) for e in nx.bridges(graph)} and cuts
    for (u, v), size in cuts.items():
        cut = graph.copy()
        cut.remove_edge(u, v)
        assert size == min(len(nx.node_connected_component(cut, u)), len(nx.node_connected_component(cut, v)))


@pytest.mark.parametrize("data", [None, VOCABS / "prov.nq", VOCABS / "schema-slice.nq", VOCABS / "dbpedia-slice.nq"],
                         ids=["embedded", "prov", "schema", "dbpedia"])
def test_analysis_agrees_with_networkx_within_the_documented_tolerance(data: Path | None) -> None:
    glossary = load_glossary([data] if data else None)
    result = analyze(glossary)
    reference = _reference(glossary)
    assert reference.number_of_edges() > 20
    by_iri = {c.iri: c for c in result.concepts}
    exact = nx.betweenness_centrality(reference)
    assert max(abs(by_iri[n].betweenness - exact[n]) for n in reference) <= BETWEENNESS_TOLERANCE
    pagerank = nx.pagerank(reference, tol=1e-12, max_iter=10_000)  # converged, not stopped early
    assert max(abs(by_iri[n].pagerank - pagerank[n]) for n in reference) <= PAGERANK_TOLERANCE
    assert sorted(map(sorted, result.components)) == sorted(map(sorted, nx.connected_components(reference)))
    bridges = {frozenset((b.a, b.b)) for b in result.bridges}
    assert bridges == {frozenset(e) for e in nx.bridges(reference)}
    # Louvain is a heuristic: igraph's and networkx's find different partitions of about the
    # same quality. Both are partitions of the concepts, and igraph's is at least as good.
    communities = [set(c) for c in result.communities]
    assert sorted(n for c in communities for n in c) == sorted(reference)
    louvain = nx.community.louvain_communities(reference, seed=42)
    assert nx.community.modularity(reference, communities) >= (
        nx.community.modularity(reference, louvain) - MODULARITY_TOLERANCE)


def test_output_is_the_same_under_any_hash_seed(tmp_path: Path) -> None:
    outputs = set()
    for hash_seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(SRC), "REVOPS_GRAPH_NO_CACHE": "1"}
        done = subprocess.run([sys.executable, "-m", "revops_graph", "analyze", "--data", str(VOCABS / "prov.nq"),
                               "--format", "json", "--top", "1000"], env=env, capture_output=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1 and b'"communities"' in outputs.pop()


def test_the_seeded_communities_leave_the_random_module_alone(small: Glossary) -> None:
    random.seed(7)
    expected = [random.random() for _ in range(3)]
    random.seed(7)
    first = analyze(small)
    assert [random.random() for _ in range(3)] == expected
    assert analyze(load_glossary([BASE])) == first
