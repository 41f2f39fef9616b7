"""How the concept map draws, checked in headless Chromium: each kind's shape on its nodes (read
from the renderer and seen in a screenshot), relation labels that never overlap, communities that
give a flat vocabulary structure, and a camera that jumps instead of gliding past 20,000 concepts.
"""

from __future__ import annotations

import base64

import pytest
from map_fixtures import Opened, page_data
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, SKOS

from revops_graph.model import Glossary, load_glossary
from revops_graph.render import concept_map
from revops_graph.render.map_data import MapEdge, MapModel, MapNode
from revops_graph.render.page import map_page

pytestmark = pytest.mark.browser


# -- shapes --------------------------------------------------------------------------------------

# Where to look around a node, in units of its radius on the screen (y downwards), and which of
# those places each shape covers: diagonals at 0.6 and sides at 0.88 tell the shapes apart.
PROBES = {"upper left": (-0.6, -0.6), "upper right": (0.6, -0.6), "lower left": (-0.6, 0.6),
          "lower right": (0.6, 0.6), "top": (0, -0.88), "bottom": (0, 0.88), "left": (-0.88, 0), "right": (0.88, 0)}
COVERS = {
    "dot": set(PROBES),
    "square": {"upper left", "upper right", "lower left", "lower right"},
    "diamond": {"top", "bottom", "left", "right"},
    "triangle": {"lower left", "lower right"},
    "triangleDown": {"upper left", "upper right"},
}


def pixels(browser, png: bytes, points: list[tuple[float, float]]) -> list[list[int]]:
    """The RGB of ``points`` in a PNG, decoded by the browser in a blank page of its own."""
    page = browser.new_page()
    try:
        return page.evaluate("""async ([data, points]) => {
            const img = new Image(); img.src = 'data:image/png;base64,' + data; await img.decode();
            const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            return points.map(([x, y]) => Array.from(g.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)));
        }""", [base64.b64encode(png).decode(), points])
    finally:
        page.close()


def rgb(colour: str) -> list[int]:
    return [int(colour[k:k + 2], 16) for k in (1, 3, 5)]


def test_each_node_is_drawn_in_its_kinds_shape(browser, opened):
    kinds = opened.js("conceptMap.data.kinds")
    nodes = opened.js("conceptMap.data.nodes.map(n => n.k)")
    # the renderer draws every node with the shape program, given its kind's shape (the legend's)
    assert opened.js("conceptMap.renderer.nodePrograms.shape.constructor.name") == "NodeShapeProgram"
    for i, k in enumerate(nodes):
        shown = opened.shown(i)
        assert (shown["type"], shown["shape"]) == ("shape", kinds[k]["shape"]), (i, kinds[k])
    legend = opened.js("[...document.querySelectorAll('#kinds svg')].map(s => s.firstChild.tagName)")
    assert legend == [{"dot": "circle", "square": "rect"}.get(k["shape"], "polygon") for k in kinds]
    # and the pixels: one node of each shape, centred and enlarged (its neighbours move far off)
    seen = 0
    for shape, covered in COVERS.items():
        node = next((i for i, k in enumerate(nodes) if kinds[k]["shape"] == shape), None)
        if node is None:
            continue
        colour = kinds[nodes[node]]["color"]
        at = opened.js("""async i => { const r = conceptMap.renderer, c = r.getCamera(), d = r.getNodeDisplayData(String(i));
            c.setState({x: d.x, y: d.y, ratio: 0.02, angle: 0});
            await new Promise(f => requestAnimationFrame(() => requestAnimationFrame(f)));
            const p = r.framedGraphToViewport(r.getNodeDisplayData(String(i)));
            return {x: p.x, y: p.y, radius: r.scaleSize(r.getNodeDisplayData(String(i)).size)}; }""", node)
        box = opened.page.locator("#map").bounding_box()
        assert at["radius"] > 20, at  # big enough that a pixel says which shape it is
        cx, cy, r = box["x"] + at["x"], box["y"] + at["y"], at["radius"]
        points = {name: (cx + dx * r, cy + dy * r) for name, (dx, dy) in PROBES.items()}
        points["centre"], points["outside"] = (cx, cy), (cx + 1.3 * r, cy - 1.3 * r)
        found = dict(zip(points, pixels(browser, opened.page.screenshot(), list(points.values()))))
        inside = {name for name, got in found.items() if max(abs(a - b) for a, b in zip(got, rgb(colour))) < 40}
        assert inside == covered | {"centre"}, (shape, found)
        seen += 1
    assert seen >= 4
    opened.shot("concept-map-shapes.png")


# -- relation labels -----------------------------------------------------------------------------

def overlapping(a: list[list[float]], b: list[list[float]]) -> bool:
    """Whether two convex boxes (corner lists) overlap: no edge of either separates them."""
    for poly in (a, b):
        for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
            nx, ny = y2 - y1, x1 - x2
            pa = [x * nx + y * ny for x, y in a]
            pb = [x * nx + y * ny for x, y in b]
            if max(pa) <= min(pb) or max(pb) <= min(pa):
                return False
    return True


def test_relation_labels_never_overlap(opened):
    # the most connected concept, selected at the default zoom: its relations' labels all ask for
    # a place around it, and sigma alone piles them up
    hub = opened.js("""(() => { const d = conceptMap.data.nodes.map(n => n.d); return d.indexOf(Math.max(...d)); })()""")
    assert opened.js("conceptMap.data.nodes.map(n => n.d)")[hub] >= 10
    opened.js("conceptMap.fit(0)")
    opened.js("i => conceptMap.focus(i)", hub)
    opened.js("conceptMap.fit(0)")
    drawn = opened.js("conceptMap.edgeLabels()")
    boxes = [label["box"] for label in drawn["labels"]]
    assert len(boxes) >= 5, drawn
    assert drawn["skipped"] > 0  # there was a crowd to sort out
    clashes = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlapping(a, b)]
    assert clashes == []
    # the selection's relations come first: every drawn label at this zoom is one of the hub's
    edges = opened.js("conceptMap.data.edges")
    assert all(hub in (edges[int(label["edge"][1:])]["f"], edges[int(label["edge"][1:])]["t"]) for label in drawn["labels"])
    # zoomed in, every relation may be labelled, still without overlap
    opened.js("conceptMap.clear()")
    opened.js("conceptMap.zoom(3, 0)")
    boxes = [label["box"] for label in opened.js("conceptMap.edgeLabels()")["labels"]]
    assert len(boxes) >= 5
    assert not any(overlapping(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    opened.shot("concept-map-edge-labels.png")


# -- communities ---------------------------------------------------------------------------------

EX = Namespace("http://example.org/flat/")


def flat_vocabulary(clusters: int = 4, size: int = 8) -> Glossary:
    """Concepts of one kind, no scheme: ``clusters`` tightly related sets, each tied to the next once."""
    g = Graph()
    for c in range(clusters):
        for i in range(size):
            node = EX[f"t{c}-{i}"]
            g.add((node, RDF.type, SKOS.Concept))
            g.add((node, SKOS.prefLabel, Literal(f"Term {c}-{i}", lang="en")))
            for j in range(i + 1, size):
                if (i + j) % 3:  # dense but not complete
                    g.add((node, SKOS.related, EX[f"t{c}-{j}"]))
        g.add((EX[f"t{c}-0"], SKOS.broader, EX[f"t{(c + 1) % clusters}-1"]))
    return Glossary(g)


def test_a_flat_vocabulary_is_grouped_by_its_communities(browser, tmp_path):
    glossary = flat_vocabulary()
    first = concept_map(glossary).html
    assert concept_map(glossary).html == first  # the communities are seeded: the same bytes every time
    data = page_data(first)
    assert len(data["kinds"]) == 1 and data["groups"] is not None
    opened = Opened(browser, concept_map(glossary).save(tmp_path / "flat.html"))
    try:
        assert opened.errors == []
        colours = opened.js("conceptMap.data.nodes.map((n, i) => [n.iri, conceptMap.renderer.getNodeDisplayData(String(i)).color])")
        by_cluster: dict[str, set[str]] = {}
        for iri, colour in colours:
            by_cluster.setdefault(iri.rsplit("/", 1)[1].split("-")[0], set()).add(colour)
        # each related set in one colour of its own: the first view shows the four groups
        assert all(len(c) == 1 for c in by_cluster.values()), by_cluster
        assert len(set.union(*by_cluster.values())) == 4
        # the legend names each group after its most connected concept, with its count
        legend = opened.js("[...document.querySelectorAll('#groups li')].map(li => li.textContent)")
        assert opened.page.is_visible("#groups-section") and len(legend) == 4
        assert all(item.startswith("Term ") and item.endswith("8") for item in legend), legend
        # and filters like a kind
        opened.page.locator("#groups input").nth(0).uncheck()
        assert opened.counts()["nodes"] == 24
        # group members sit together: closer to each other than to the other groups
        place = {iri: (n["x"], n["y"]) for iri, n in ((n["iri"], n) for n in data["nodes"])}

        def mean_distance(pairs):
            pairs = list(pairs)
            return sum(((place[a][0] - place[b][0]) ** 2 + (place[a][1] - place[b][1]) ** 2) ** 0.5 for a, b in pairs) / len(pairs)

        iris = sorted(place)
        same = [(a, b) for a in iris for b in iris if a < b and a.split("-")[0] == b.split("-")[0]]
        other = [(a, b) for a in iris for b in iris if a < b and a.split("-")[0] != b.split("-")[0]]
        assert mean_distance(same) < mean_distance(other)
    finally:
        opened.close()
    # a vocabulary with kinds keeps its kinds' colours
    assert page_data(concept_map(load_glossary()).html)["groups"] is None


# -- the camera past 20,000 concepts -------------------------------------------------------------

CAMERA_MOVES = """async what => {
    const camera = conceptMap.renderer.getCamera(), moves = [];
    const count = () => moves[moves.length - 1]++;
    camera.on('updated', count);
    for (const step of [() => conceptMap.zoom(2, 500), () => conceptMap.focus(what), () => conceptMap.fit()]) {
        moves.push(0); await step();
    }
    camera.off('updated', count);
    return {moves, ratio: camera.ratio};
}"""


def big_model(n: int) -> MapModel:
    """``n`` concepts of two kinds in a broader-tree, built as a map model (no RDF to parse)."""
    kinds = {"http://example.org/big/A": {"en": "A"}, "http://example.org/big/B": {"en": "B"}}
    kind = sorted(kinds)
    nodes = {f"http://example.org/big/c{i:05d}": MapNode(f"http://example.org/big/c{i:05d}", kind[i % 2],
                                                         {"en": f"Concept {i}"}, {}, {}, ())
             for i in range(n)}
    iris = sorted(nodes)
    edges = tuple(MapEdge(iris[i], str(SKOS.broader), iris[(i - 1) // 4]) for i in range(1, n))
    return MapModel(title={"en": "Big"}, nodes=nodes, edges=edges, kinds=kinds,
                    relations={str(SKOS.broader): {"en": "broader"}}, styles={k: i for i, k in enumerate(kind)})


@pytest.mark.slow
def test_past_twenty_thousand_concepts_the_camera_jumps(browser, tmp_path, opened):
    # a small map glides: a 500 ms zoom, a focus and a fit move the camera over many frames
    small = opened.js(CAMERA_MOVES, "Revenue operations")
    assert all(moves > 3 for moves in small["moves"]), small
    path = tmp_path / "big.html"
    path.write_text(map_page(big_model(20_001)), encoding="utf-8")
    big = Opened(browser, path, timeout_ms=120_000)
    try:
        assert big.errors == [] and big.counts()["nodes"] == 20_001
        moved = big.js(CAMERA_MOVES, "Concept 12345")
        # each move is one jump: the camera is set once and the next frame shows it
        assert moved["moves"] == [1, 1, 1], moved
        assert moved["ratio"] == pytest.approx(1)
        assert big.js("conceptMap.selected()") == big.node_of("http://example.org/big/c12345")
    finally:
        big.close()
