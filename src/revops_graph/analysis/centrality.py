"""Exact betweenness and bridge cut sizes of an undirected igraph graph, using its trees.

A vocabulary's graph is mostly a hierarchy: many concepts hang off the rest in trees (a
leaf, a branch of leaves), and only a *core* (the 2-core: what is left once leaves are
peeled off, again and again) has cycles. On a tree, betweenness is counting: a vertex lies
on the one path of every pair it separates. So Brandes' search (igraph, in C) runs only from
the core's vertices, each counted once for itself and once for every vertex of the trees
hanging off it, which all reach the rest of the graph through it. The result is the exact
betweenness, equal to igraph's own up to floating-point summation order (relative 1e-12).
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import igraph as ig

__all__ = [
    "betweenness",
    "bridge_cuts",
]


class _Peeled:
    """A graph with its trees peeled off: who hangs off whom, and the sizes involved."""

    def __init__(self, graph: ig.Graph) -> None:
        n = graph.vcount()
        neighbours = graph.get_adjlist()
        left = [len(a) for a in neighbours]
        self.peeled = [False] * n
        #: 1 + the vertices peeled into this one (its hanging trees)
        self.size = [1] * n
        #: the sizes of the subtrees peeled into this vertex, one per branch
        self.branches: list[list[int]] = [[] for _ in range(n)]
        queue = [v for v in range(n) if left[v] == 1]
        for v in queue:  # the list grows while it is walked
            if left[v] != 1:  # the last vertex of a tree: its root, left standing
                continue
            self.peeled[v] = True
            parent = next(u for u in neighbours[v] if not self.peeled[u])
            self.size[parent] += self.size[v]
            self.branches[parent].append(self.size[v])
            left[v] = 0
            left[parent] -= 1
            if left[parent] == 1:
                queue.append(parent)
        self.core = [v for v in range(n) if left[v] >= 2]
        components = graph.connected_components()
        sizes = components.sizes()
        #: the size of each vertex's connected component
        self.component = [sizes[c] for c in components.membership]

    def separated(self, v: int) -> float:
        """Pairs of vertices that ``v`` separates through its trees: every shortest path
        between a vertex of one of its hanging branches and any vertex outside that branch
        passes through ``v``."""
        rest = self.component[v] - self.size[v]
        parts = [*self.branches[v], rest] if rest else self.branches[v]
        total = self.component[v] - 1
        return (total * total - sum(p * p for p in parts)) / 2


def betweenness(graph: ig.Graph) -> list[float]:
    """Exact betweenness of each vertex of an undirected, simple ``graph``, as pair counts
    (not normalised), as ``graph.betweenness(directed=False)`` computes it."""
    peeled = _Peeled(graph)
    raw = [peeled.separated(v) for v in range(graph.vcount())]
    by_weight: dict[int, list[int]] = defaultdict(list)
    for v in peeled.core:
        by_weight[peeled.size[v]].append(v)
    through = [0.0] * graph.vcount()
    for weight in sorted(by_weight):
        # igraph counts each (source, target) path once, halving its undirected dependency.
        found = graph.betweenness(directed=False, sources=by_weight[weight])
        for v in peeled.core:
            through[v] += weight * found[v]
    for v in peeled.core:
        size, outside = peeled.size[v], peeled.component[v] - peeled.size[v]
        # ``through`` counted core-to-core paths with both ends weighted, once each way,
        # plus each core source's paths into v's own trees, which ``separated`` counts already.
        raw[v] += through[v] - (size - 1) * outside / 2
    return raw


def bridge_cuts(graph: ig.Graph) -> dict[int, int]:
    """Each bridge of ``graph`` (by edge id) with the number of vertices on the smaller side
    once it is cut, in one pass.

    Cutting every bridge leaves 2-edge-connected blocks; the bridges join the blocks into a
    forest, and the side a bridge cuts off is the subtree below it.
    """
    import igraph as ig

    found = graph.bridges()
    if not found:
        return {}
    cut = graph.copy()
    cut.delete_edges(found)
    blocks = cut.connected_components()
    block_of = blocks.membership
    ends = [(block_of[e.source], block_of[e.target]) for e in graph.es[found]]
    forest = ig.Graph(n=len(blocks), edges=ends)
    block_size = blocks.sizes()
    below = list(block_size)  # vertices in the subtree rooted at a block
    whole = [0] * len(blocks)  # vertices in the block's tree
    seen = [False] * len(blocks)
    for root in range(len(blocks)):
        if seen[root]:
            continue
        tree, _, parents = forest.bfs(root)  # the blocks of root's tree, root first
        for b in reversed(tree):
            seen[b] = True
            if b != root:
                below[parents[b]] += below[b]
        for b in tree:
            whole[b] = below[root]
    out = {}
    for edge, (a, b) in zip(found, ends):
        # In a rooted tree the child of an edge is the end with the smaller subtree.
        child = min(a, b, key=lambda x: below[x])
        out[edge] = min(below[child], whole[child] - below[child])
    return out
