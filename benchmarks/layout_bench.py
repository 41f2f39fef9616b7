"""Time the candidate layouts for the concept map on a synthetic glossary-shaped graph.

Usage: python benchmarks/layout_bench.py [--only TEXT] [N ...]   (default 10000)
(needs numpy and scipy for the networkx candidates, igraph for the others)
The graph: a tree (each concept has a broader one, fan-out 4) plus one loose association
per three concepts, the shape of a real glossary. Prints seconds and a quality hint: the
median edge length divided by the median distance of random pairs (lower means related
concepts sit closer together, which is what a reader of the map needs).
"""

from __future__ import annotations

import random
import statistics
import sys
import time

import networkx as nx


def synthetic(n: int) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from((i, (i - 1) // 4) for i in range(1, n))
    graph.add_edges_from((i, (i * 7919) % n) for i in range(0, n, 3) if (i * 7919) % n != i)
    return graph


def quality(graph: nx.Graph, pos: dict) -> float:
    rng = random.Random(1)
    nodes = list(graph)

    def dist(a, b):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        return ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5

    edges = statistics.median(dist(u, v) for u, v in graph.edges())
    pairs = statistics.median(dist(rng.choice(nodes), rng.choice(nodes)) for _ in range(20000))
    return edges / pairs


def candidates():
    def nx_spring(g):
        return nx.spring_layout(g, seed=7)

    def nx_fa2(g):
        return nx.forceatlas2_layout(g, seed=7, max_iter=100)

    def ig(method, **kw):
        def run(g):
            import igraph

            random.seed(7)
            igraph.set_random_number_generator(random)
            ig_graph = igraph.Graph(n=g.number_of_nodes(), edges=list(g.edges()))
            layout = getattr(ig_graph, method)(**kw)
            return dict(enumerate(map(tuple, layout.coords)))

        return run

    yield "igraph layout_drl", ig("layout_drl")
    yield "igraph layout_fruchterman_reingold(grid=True)", ig("layout_fruchterman_reingold", grid=True)
    yield "igraph layout_fruchterman_reingold(grid=False)", ig("layout_fruchterman_reingold", grid=False)
    yield "igraph layout_lgl", ig("layout_lgl")
    yield "networkx forceatlas2_layout(max_iter=100)", nx_fa2
    yield "networkx spring_layout", nx_spring


def main(sizes: list[int], only: str = "") -> None:
    for n in sizes:
        graph = synthetic(n)
        print(f"## {n} nodes, {graph.number_of_edges()} edges")
        for name, run in candidates():
            if only not in name:
                continue
            start = time.perf_counter()
            pos = run(graph)
            took = time.perf_counter() - start
            print(f"{name}: {took:.2f} s, edge/pair length {quality(graph, pos):.3f}", flush=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    only = ""
    if args[:1] == ["--only"]:
        only, args = args[1], args[2:]
    main([int(a) for a in args] or [10000], only)
