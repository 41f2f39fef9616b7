"""The concept map read as a person reads it, in headless Chromium: the same colours in every
map, a fit control, marked concepts, a tooltip that leaves the panel alone, counts that follow
the filters, every language of the data, a page without WebGL, and the sizes (10,000 concepts).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from map_fixtures import ARGS, CHROMIUM, Opened, synthetic_glossary

from revops_graph.model import load_glossary
from revops_graph.render import concept_map

pytestmark = pytest.mark.browser

VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"


@pytest.fixture(scope="module")
def revops():
    return load_glossary()


def open_map(browser, tmp_path: Path, shown, name: str = "map.html") -> Opened:
    return Opened(browser, shown.save(tmp_path / name))


def test_a_kind_has_the_same_colour_in_every_map(browser, tmp_path, revops):
    tool = str(revops.find("CRM").iri)  # a Tool
    colours = []
    for k, options in enumerate(({}, {"kinds": ["Tool", "Resource"]}, {"focus": "CRM"})):
        opened = open_map(browser, tmp_path, concept_map(revops, **options), f"m{k}.html")
        try:
            colours.append(opened.shown(opened.node_of(tool))["color"])
            legend = opened.js("[...document.querySelectorAll('#kinds li')].map(li => li.textContent)")
            assert any(item.startswith("Tool") for item in legend)
        finally:
            opened.close()
    assert len(set(colours)) == 1, colours


def test_fit_button_and_key_reset_the_view(browser, tmp_path, revops):
    opened = open_map(browser, tmp_path, concept_map(revops))
    try:
        ratio = "conceptMap.renderer.getCamera().ratio"
        opened.search("CRM system")
        opened.page.wait_for_timeout(600)
        assert opened.js(ratio) < 0.9  # search zoomed in
        opened.page.click("#fit")
        opened.page.wait_for_timeout(600)
        assert opened.js(ratio) == pytest.approx(1)
        opened.js("conceptMap.zoom(3, 50)")
        opened.page.mouse.click(5, 855)  # focus leaves the search box
        opened.page.keyboard.press("0")
        opened.page.wait_for_timeout(600)
        assert opened.js(ratio) == pytest.approx(1)
        assert opened.js("conceptMap.fit(0).then(() => conceptMap.renderer.getCamera().ratio)") == pytest.approx(1)
    finally:
        opened.close()


def test_the_focus_concept_is_marked_and_described(browser, tmp_path, revops):
    opened = open_map(browser, tmp_path, concept_map(revops, focus="CRM", depth=2))
    try:
        crm = opened.node_of(str(revops.find("CRM").iri))
        others = [i for i in range(opened.counts()["nodes"]) if i != crm]
        assert opened.shown(crm)["highlighted"] and opened.shown(crm)["forceLabel"]
        assert not any(opened.shown(i).get("highlighted") for i in others)
        assert opened.page.text_content("#details h3") == "CRM system"
        assert "centre of the map" in opened.page.text_content("#details")
        opened.shot("concept-map-focus.png")
    finally:
        opened.close()


def test_the_tooltip_never_covers_the_panel(browser, tmp_path, revops):
    opened = open_map(browser, tmp_path, concept_map(revops))
    try:
        panel = opened.page.locator("#details").bounding_box()
        # the concept drawn nearest to the panel, clicked (the panel fills) and hovered
        nearest = max(range(opened.counts()["nodes"]), key=lambda i: opened.point(i)["x"])
        opened.click_node(nearest)
        at = opened.point(nearest)
        opened.page.mouse.move(at["x"] - 1, at["y"])
        opened.page.mouse.move(at["x"], at["y"])
        opened.page.wait_for_selector("#tip:not([hidden])", timeout=5000)
        tip = opened.page.locator("#tip").bounding_box()
        assert tip["x"] + tip["width"] <= panel["x"], (tip, panel)
        assert opened.page.text_content("#details h3") == opened.js("i => conceptMap.label(i)", nearest)
    finally:
        opened.close()


def test_every_page_word_follows_the_language(browser, tmp_path, revops):
    opened = open_map(browser, tmp_path, concept_map(revops))
    try:
        def words() -> list[str]:
            return opened.js("""[...document.querySelectorAll('[data-i18n]')].map(e => e.textContent)
                .concat([document.querySelector('#search').placeholder, document.querySelector('#stats').textContent])""")

        english = words()
        opened.js("conceptMap.setLanguage('de')")
        german = words()
        assert all(e != g for e, g in zip(english, german)), list(zip(english, german))
        assert german[-2].startswith("Begriff suchen") and "Begriffen" in german[-1]
    finally:
        opened.close()


def test_every_language_of_the_data_is_offered_and_searched(browser, tmp_path):
    dbpedia = load_glossary([VOCABULARIES / "dbpedia-slice.nq"])
    opened = open_map(browser, tmp_path, concept_map(dbpedia))
    try:
        # many languages: a menu
        options = opened.js("[...document.querySelectorAll('#lang-menu option')].map(o => o.value)")
        assert {"el", "ja", "zh", "ru", "de", "en"} <= set(options)
        opened.page.select_option("#lang-menu", "el")
        assert opened.js("document.documentElement.lang") == "el"
        # search folds case and accents in any script, whatever the chosen language
        for typed, label_lang in (("ΑΒΑΕΙΟ", "el"), ("修道院", "ja"), ("Abbaye", "fr")):
            opened.search(typed)
            chosen = opened.js("conceptMap.selected()")
            assert chosen is not None, typed
            assert opened.js("([i, l]) => conceptMap.data.nodes[i].label[l]", [chosen, label_lang]), typed
        abbey = opened.js("conceptMap.selected()")
        assert opened.shown(abbey)["label"] == opened.js("i => conceptMap.data.nodes[i].label.el", abbey)
        assert opened.errors == []
    finally:
        opened.close()
    codes = load_glossary([VOCABULARIES / "ru-sv-bg-codes.ttl"])
    opened = open_map(browser, tmp_path, concept_map(codes, lang="ru"), "codes.html")
    try:
        assert opened.js("[...document.querySelectorAll('#langs button')].map(b => b.dataset.lang)") == ["bg", "de", "en", "ru", "sv"]
        opened.search("ЖЕЛТЫЙ")  # capitals, and е for ё
        assert opened.page.text_content("#details h3") == "жёлтый"
        opened.page.click("#lang-sv")
        assert opened.page.text_content("#details h3") == "gul"
    finally:
        opened.close()


def test_a_flat_vocabulary_shows_labels_at_the_default_zoom(browser, tmp_path):
    codes = load_glossary([VOCABULARIES / "ru-sv-bg-codes.ttl"])  # no relations at all
    opened = open_map(browser, tmp_path, concept_map(codes, lang="sv"))
    try:
        shown = opened.js("conceptMap.renderer.getNodeDisplayedLabels ? [...conceptMap.renderer.getNodeDisplayedLabels()] : null")
        assert shown is not None and len(shown) >= 8  # one label per grid cell: most of the ten, none piled up
    finally:
        opened.close()


def test_without_webgl_the_page_says_so_and_still_searches(browser, tmp_path, revops):
    path = concept_map(revops).save(tmp_path / "plain.html")
    no_gl = browser.browser_type.launch(executable_path=str(CHROMIUM), args=[*ARGS, "--disable-3d-apis"], headless=True)
    try:
        opened = Opened(no_gl, path)
        assert opened.js("document.body.dataset.renderer") == "none"
        assert opened.page.is_visible("#no-webgl") and "WebGL" in opened.page.text_content("#no-webgl")
        opened.search("CRM system")
        assert opened.page.text_content("#details h3") == "CRM system"
        assert opened.errors == [] and opened.requests == [opened.url]
    finally:
        no_gl.close()


@pytest.mark.slow
def test_ten_thousand_concepts_ready_fast_and_answering(browser, tmp_path):
    glossary = synthetic_glossary(10_000)
    start = time.perf_counter()
    path = concept_map(glossary).save(tmp_path / "big.html")
    rendered = time.perf_counter() - start
    opened = Opened(browser, path, timeout_ms=60_000)
    try:
        assert opened.errors == [] and opened.requests == [opened.url]
        assert opened.counts()["nodes"] == 10_000
        # the answer (concept found, selected, panel filled) comes at once; the camera then glides
        answered_ms, heading = opened.js("""(() => { const t = performance.now(); conceptMap.focus('Concept 9876');
            return [performance.now() - t, document.querySelector('#details h3').textContent]; })()""")
        assert heading == "Concept 9876"
        start = time.perf_counter()
        chosen = opened.js("conceptMap.focus('Concept 9876')")
        focused = time.perf_counter() - start
        assert opened.js("i => conceptMap.data.nodes[i].iri", chosen) == "http://example.org/synthetic/c9876"
        zoom_ms = opened.js("conceptMap.zoom(0.5, 500)")
        start = time.perf_counter()
        opened.js("conceptMap.setLanguage('de')")
        switched = time.perf_counter() - start
        assert opened.shown(chosen)["label"] == "Begriff 9876"
        opened.shot("concept-map-10k.png")
    finally:
        opened.close()
    print(f"\n10,000 concepts: rendered in {rendered:.1f} s, ready in the browser after {opened.seconds:.1f} s, "
          f"focus answered in {answered_ms:.0f} ms and settled in {focused:.2f} s, 500 ms zoom {zoom_ms:.0f} ms, "
          f"language switch {switched:.2f} s")
    # The time goal (< 6 s for command + page, idle machine) is the benchmark's to measure
    # (benchmarks/run.py, "map ready"); this test shows the page works at that size.
    assert answered_ms < 1000


@pytest.mark.slow
def test_past_twenty_thousand_concepts_relations_join_where_they_can_be_read(browser, tmp_path):
    path = concept_map(synthetic_glossary(21_000)).save(tmp_path / "huge.html")
    opened = Opened(browser, path, timeout_ms=180_000)
    try:
        relations = opened.js("conceptMap.data.edges.length")
        # the first frame draws the concepts only; the legend still counts every relation
        assert opened.js("conceptMap.graph.size") == 0 and opened.counts()["edges"] == relations > 0
        chosen = opened.js("conceptMap.focus('Concept 20999')")
        own = opened.js("""i => conceptMap.data.edges.flatMap((e, k) => e.f === i || e.t === i ? ["e" + k] : [])""", chosen)
        assert own
        # once the view has settled, the selection's relations are drawn (and not every relation)
        opened.page.wait_for_function("keys => keys.every(k => conceptMap.graph.hasEdge(k))", arg=own, timeout=60_000)
        assert opened.js("conceptMap.graph.size") < relations
        assert opened.shown(chosen)["highlighted"] is True
        assert opened.errors == [] and opened.requests == [opened.url]
    finally:
        opened.close()
