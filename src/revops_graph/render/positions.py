"""Positions computed ahead of time: igraph's seeded Fruchterman-Reingold, then overlaps spread apart."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence

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
    if nodes <= 2000:
        return 500
    # At 100,000 concepts 80 rounds took 4-6 s of a 30 s budget; 40 from a tighter start
    # (:func:`_start_spacing`) take a third of that and keep related nodes about as close:
    # median edge / median random pair 0.50 instead of 0.47.
    return 200 if nodes <= 20_000 else 40


def _start_spacing(nodes: int) -> float:
    """How far apart the starting spiral puts nodes. igraph's grid Fruchterman-Reingold slows
    steeply as the start spreads: at 100,000 nodes (80 rounds, shared machine) the spiral at 0.7
    of its spacing settled in 2.6 s instead of 18 s, with related nodes a little less close
    (median edge / median random pair 0.25 instead of 0.20); at 0.5 and 40 rounds, a third
    as long again. Maps up to 20,000 keep the spacing."""
    return 1.0 if nodes <= 20_000 else 0.5


def _group_edges(node_ids: Sequence[str], pairs: list[tuple[int, int]], groups: Mapping[str, str]) -> list[tuple[int, int]]:
    """Edges from each unconnected node to an invisible hub of its group (appended after the nodes).

    A flat vocabulary (no relations) would otherwise be laid out as an even disc of dots; tied
    to their group's hub, concepts of one kind or scheme gather into one cluster each.
    """
    linked = {i for pair in pairs for i in pair}
    hubs: dict[str, int] = {}
    extra: list[tuple[int, int]] = []
    for i, iri in enumerate(node_ids):
        if i not in linked and iri in groups:
            hub = hubs.setdefault(groups[iri], len(node_ids) + len(hubs))
            extra.append((i, hub))
    # hubs of different groups are tied in a ring, so that clusters sit side by side, not apart
    ring = sorted(hubs.values())
    extra.extend((a, b) for a, b in zip(ring, ring[1:] + ring[:1]) if a != b)
    return extra


def layout(
    node_ids: Sequence[str],
    edges: Iterable[tuple[str, str]],
    seed: int = _LAYOUT_SEED,
    groups: Mapping[str, str] | None = None,
) -> dict[str, tuple[int, int]]:
    """Integer page coordinates for every node, the same on every run.

    ``groups`` (node -> a group name, e.g. its kind) gathers nodes without relations by group.

    igraph's Fruchterman-Reingold with its grid approximation: at 10,000 concepts it takes
    well under a second where networkx's spring layout takes minutes (benchmarks/LAYOUT.md).
    The median edge is scaled to a readable length; coordinates are rounded so that the
    last bits of floating point never reach the page.
    """
    import igraph

    index = {iri: i for i, iri in enumerate(node_ids)}
    found: set[tuple[int, int]] = set()
    for s, t in edges:
        if s != t:
            a, b = index[s], index[t]
            found.add((a, b) if a < b else (b, a))  # (a tuple sorted per edge cost a second at 100,000)
    pairs = sorted(found)
    if not node_ids:
        return {}
    if len(node_ids) == 1:
        return {node_ids[0]: (0, 0)}
    # igraph draws from a global generator: give it a private, seeded one for this call
    rng = random.Random(seed)
    igraph.set_random_number_generator(rng)
    extra = _group_edges(node_ids, pairs, groups or {})
    size = len(node_ids) + len({b for _, b in extra})
    try:
        # igraph's C-level graph: the same layout, without Graph's wrappers (Graph() imports
        # numpy, a sixth of a second, to check whether the edges are an array)
        graph = igraph.GraphBase(size, pairs + extra)
        spacing = _start_spacing(size)
        start = [[spacing * math.cos(i * 2.399963) * math.sqrt(i + 1), spacing * math.sin(i * 2.399963) * math.sqrt(i + 1)]
                 for i in range(size)]
        coords = graph.layout_fruchterman_reingold(seed=start, niter=_layout_iterations(size), grid="auto")
    finally:
        igraph.set_random_number_generator(random)
    # the scale comes from the real edges; a flat vocabulary has only the ties to its hubs
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in (pairs or extra)) or [1.0]
    coords = coords[: len(node_ids)]
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
