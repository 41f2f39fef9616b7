"""The concept map reads cleanly, measured in headless Chromium: every label drawn is whole
inside the map (not cut by its edge or under the side panel), concept labels do not overlap
each other, relation labels are never drawn over a concept's label, and a hidden label finds
its concept."""

from __future__ import annotations

from pathlib import Path

import pytest
from map_fixtures import Opened

from revops_graph.model import load_glossary
from revops_graph.render import concept_map

pytestmark = pytest.mark.browser

VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"

# Ink (alpha above a faint antialiasing edge) of sigma's label canvases: in the outermost pixels
# of the map, and where a relation label's ink falls on a concept label's ink.
INK = """() => {
    const canvases = conceptMap.renderer.getCanvases(), ink = {};
    for (const name of ['labels', 'hovers', 'edgeLabels']) {
        const c = canvases[name];
        ink[name] = {canvas: c, alpha: c.getContext('2d').getImageData(0, 0, c.width, c.height).data};
    }
    const {width, height} = ink.labels.canvas, strip = 2;
    const edges = {left: 0, right: 0, top: 0, bottom: 0};
    let crossed = 0;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
        const at = (y * width + x) * 4 + 3;
        const word = ink.labels.alpha[at] > 64 || ink.hovers.alpha[at] > 64;
        if (word && ink.edgeLabels.alpha[at] > 64) crossed++;
        if (!word) continue;
        if (x < strip) edges.left++;
        if (x >= width - strip) edges.right++;
        if (y < strip) edges.top++;
        if (y >= height - strip) edges.bottom++;
    }
    const map = document.getElementById('map').getBoundingClientRect();
    const panel = document.getElementById('details').getBoundingClientRect();
    return {edges, crossed, width, mapRight: map.right, panelLeft: panel.left,
            edgeLabels: conceptMap.edgeLabels().labels.length};
}"""

# Each drawn concept label's box, from the page, checked against the text measured here.
BOXES = """() => {
    const r = conceptMap.renderer, s = r.getSettings(), g = document.createElement('canvas').getContext('2d');
    g.font = `${s.labelWeight} ${s.labelSize}px ${s.labelFont}`;
    return conceptMap.nodeLabels().map(b => {
        const d = r.getNodeDisplayData(b.node), at = r.framedGraphToViewport(d);
        return {node: b.node, label: b.label, box: b.box, text: g.measureText(d.label).width, x: at.x, y: at.y,
                shown: d.label};
    });
}"""


def settle(opened: Opened) -> None:
    opened.js("new Promise(f => requestAnimationFrame(() => requestAnimationFrame(f)))")


def whole_and_apart(opened: Opened, what: str, whole: bool = True) -> dict:
    """Check the current frame: no relation label over a concept label, no two concept labels on
    each other and, with ``whole`` (a fitted view: zoomed in, the map runs past its edges), nothing
    cut at the map's edges."""
    settle(opened)
    ink = opened.js(INK)
    if whole:
        assert ink["edges"] == {"left": 0, "right": 0, "top": 0, "bottom": 0}, (what, ink)
    assert ink["mapRight"] <= ink["panelLeft"] + 0.5, what  # the canvas ends where the side panel begins
    assert ink["crossed"] == 0, (what, ink)
    boxes = opened.js(BOXES)
    assert boxes, what
    for b in boxes:
        left, top, right, bottom = b["box"]
        assert b["label"] == b["shown"] and right - left >= b["text"], (what, b)  # the box holds the whole text
        assert left - 1 <= b["x"] <= right + 1 and top <= b["y"] <= bottom, (what, b)  # beside its own node
        assert not whole or (0 <= left and right <= ink["width"]), (what, b)
    clashes = [(a["label"], c["label"]) for i, a in enumerate(boxes) for c in boxes[i + 1:]
               if a["box"][0] < c["box"][2] and c["box"][0] < a["box"][2] and a["box"][1] < c["box"][3] and c["box"][1] < a["box"][3]]
    assert clashes == [], what
    return ink


def hub(opened: Opened) -> int:
    return opened.js("(() => { const d = conceptMap.data.nodes.map(n => n.d); return d.indexOf(Math.max(...d)); })()")


def check_views(opened: Opened, name: str) -> None:
    """The first view, the hub selected (its relation labels all asking for room), zoomed in, and fit again."""
    whole_and_apart(opened, f"{name}: first view")
    opened.js("i => conceptMap.focus(i)", hub(opened))
    opened.js("conceptMap.fit(0)")
    selected = whole_and_apart(opened, f"{name}: hub selected")
    assert selected["edgeLabels"] >= 2, selected  # relation labels drawn, just not over concept labels
    opened.js("conceptMap.clear()")
    opened.js("conceptMap.zoom(3, 0)")
    whole_and_apart(opened, f"{name}: zoomed in", whole=False)
    opened.js("conceptMap.fit(0)")
    whole_and_apart(opened, f"{name}: fit")


def test_the_glossary_map_reads_cleanly(opened):
    check_views(opened, "glossary")
    opened.shot("concept-map-legible.png")


@pytest.mark.parametrize(("name", "source", "options"), [
    ("focus", None, {"focus": "Revenue operations"}),
    ("foaf", "foaf.nq", {}),
    ("org", "org.nq", {}),
    ("tri-lingual", "tri-lingual-skos.ttl", {"lang": "es"}),
])
def test_other_maps_read_cleanly(browser, tmp_path, name, source, options):
    glossary = load_glossary([VOCABULARIES / source] if source else None)
    opened = Opened(browser, concept_map(glossary, **options).save(tmp_path / f"{name}.html"))
    try:
        assert opened.errors == []
        check_views(opened, name)
    finally:
        opened.close()


def test_a_hidden_label_finds_its_concept_but_is_not_shown(browser, tmp_path):
    thesaurus = load_glossary([VOCABULARIES / "tri-lingual-skos.ttl"])
    opened = Opened(browser, concept_map(thesaurus, lang="es").save(tmp_path / "es.html"))
    try:
        cello = opened.node_of("https://example.org/instruments/cello")
        assert opened.js("conceptMap.find('violoncelo')") == [cello]  # skos:hiddenLabel "Violoncelo"@es
        opened.search("Violoncelo")
        assert opened.js("conceptMap.selected()") == cello
        assert "Violoncelo" not in opened.page.text_content("#details")
        assert opened.page.text_content("#title") == "Instrumentos musicales"  # the scheme's dcterms:title
    finally:
        opened.close()


def test_a_small_sparse_map_labels_every_concept(browser, tmp_path):
    # Ten colours far apart: sigma's label grid alone hid two of them (two nodes in one of its cells).
    codes = load_glossary([VOCABULARIES / "ru-sv-bg-codes.ttl"])
    opened = Opened(browser, concept_map(codes, lang="ru").save(tmp_path / "ru.html"))
    try:
        whole_and_apart(opened, "codes: first view")
        drawn = sorted(b["label"] for b in opened.js(BOXES))
        assert drawn == sorted(c.label("ru") for c in codes.concepts()) and len(drawn) == 10, drawn
    finally:
        opened.close()
