"""Positions computed ahead of time: igraph's seeded Fruchterman-Reingold, then overlaps spread apart."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence

__all__ = [
    "layout",
]


_LAYOUT_SEED = 7


_EDGE_LENGTH = 170.0  # median edge length in page pixels after scaling


_SPREAD_LIMIT = 400  # overlap removal is pairwise, in pure Python: cheap below this size


_AREA_PER_NODE = 190.0 * 110.0  # page pixels² each node gets at least (a label and some air)


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
