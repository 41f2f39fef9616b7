"""The concept map in a real headless Chromium (WebGL in software): offline, searchable,
bilingual, safe. tests/test_map_reading.py holds the reading and control points, and the
sizes; map_fixtures.py opens the pages.

Needs playwright and Debian's /usr/bin/chromium; skipped without them unless
REVOPS_GRAPH_REQUIRE_ALL=1 (CI), where a missing browser fails. Screenshots go to
test-artifacts/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from map_fixtures import XSS_LABEL, READY, Opened, synthetic_glossary

from revops_graph.model import load_glossary
from revops_graph.namespaces import REVOPS
from revops_graph.render import concept_map

pytestmark = pytest.mark.browser

DATA = Path(__file__).parent / "data"


def test_loads_offline_without_errors_and_shows_every_concept(opened):
    assert opened.errors == []
    assert opened.requests == [opened.url]  # the page itself, nothing else
    concepts = len(load_glossary().concept_iris)
    assert opened.js("conceptMap.graph.order") == concepts == opened.counts()["nodes"]
    assert opened.js("conceptMap.renderer instanceof Sigma")
    relations = len(list(load_glossary().all_relations()))
    assert opened.page.text_content("#stats") == f"{concepts} of {concepts} concepts · {relations} of {relations} relations"
    # the legend lists the kinds with their counts
    counts = opened.js("Array.from(document.querySelectorAll('#kinds .count'), e => +e.textContent)")
    assert sum(counts) == concepts
    opened.shot("concept-map.png")


def test_search_ignores_accents_and_case_and_focuses_the_node(opened):
    ops = opened.node_of(str(REVOPS["business-operations"]))
    crm = opened.node_of(str(REVOPS["crm-system"]))
    for typed, expected in (("geschaftsbetrieb", ops), ("OPERATIVES GESCHAFT", ops), ("Business Operations", ops),
                            ("crm-SYSTEM", crm), ("  crm system ", crm)):
        opened.search(typed)
        assert opened.js("conceptMap.selected()") == expected, typed
        assert opened.shown(expected)["highlighted"], typed  # the searched concept is marked
    assert opened.page.text_content("#details h3") == "CRM system"
    assert opened.errors == []


def test_language_switch_changes_labels_without_reloading(opened):
    crm = opened.node_of(str(REVOPS["crm-system"]))
    assert opened.shown(crm)["label"] == "CRM system"
    opened.search("CRM")
    opened.page.click("#lang-de")
    assert opened.shown(crm)["label"] == "CRM-System"
    assert opened.js("document.documentElement.lang") == "de"
    assert "Kennzahl" in opened.page.text_content("#kinds")
    assert opened.page.text_content("#details h3") == "CRM-System"
    assert opened.page.get_attribute("#search", "placeholder").startswith("Begriff suchen")
    assert opened.page.text_content("#fit") == "Einpassen"
    relations = len(list(load_glossary().all_relations()))
    assert opened.page.text_content("#stats").endswith(f"von {relations} Beziehungen")
    assert len(opened.requests) == 1  # switched in place, not regenerated or reloaded
    opened.shot("concept-map-de.png")
    opened.page.click("#lang-en")
    assert opened.shown(crm)["label"] == "CRM system"
    assert opened.page.get_attribute("#search", "placeholder").startswith("Search a concept")


def test_click_shows_details_and_highlights_the_neighbourhood(opened):
    glossary = load_glossary()
    rev = glossary.find("RevOps")
    node = opened.node_of(str(rev.iri))
    opened.click_node(node)
    details = opened.page.text_content("#details")
    assert rev.definition("en") in details
    assert "Revenue Operations ist ein kollaborativer Ansatz" in details  # a source sentence (German only)
    neighbours = {str(r.object) for r in glossary.relations(rev)} | {str(r.subject) for r in glossary.incoming(rev)}
    drawn = opened.js("""conceptMap.data.nodes.map((n, i) =>
        [n.iri, conceptMap.renderer.getNodeDisplayData(String(i)).color])""")
    bright = {iri for iri, color in drawn if color != "#e4e7eb"}
    assert bright == neighbours | {str(rev.iri)}
    box = opened.page.locator("#map").bounding_box()
    opened.page.wait_for_timeout(400)  # two clicks closer together are sigma's double click
    opened.page.mouse.click(box["x"] + 6, box["y"] + box["height"] - 6)  # an empty corner clears the highlight
    assert opened.js("conceptMap.selected()") is None
    assert opened.js("conceptMap.data.nodes.every((n, i) => conceptMap.renderer.getNodeDisplayData(String(i)).color !== '#e4e7eb')")


def test_hover_shows_a_tooltip_with_the_definition(opened):
    crm = load_glossary().find("CRM")
    at = opened.point(opened.node_of(str(crm.iri)))
    opened.page.mouse.move(at["x"], at["y"])
    opened.page.wait_for_selector("#tip:not([hidden])", timeout=5000)
    assert crm.definition("en") in opened.page.text_content("#tip")


def test_hovering_an_arrow_quotes_the_sentence_that_states_it(opened):
    glossary = load_glossary()
    # a point on an arrow of "includes", away from both ends: walk along it until sigma reports
    # the edge there (a short arrow hidden under its nodes' labels may give none: take the next)
    found = False
    for rel in glossary.relations(glossary.find("Business operations"), "includes"):
        a, b = (opened.point(opened.node_of(x)) for x in (str(rel.subject), str(rel.object)))
        for k in range(30, 71, 2):
            opened.page.mouse.move(a["x"] + (b["x"] - a["x"]) * k / 100, a["y"] + (b["y"] - a["y"]) * k / 100)
            if opened.page.is_visible("#tip") and "→" in opened.page.text_content("#tip"):
                found = True
                break
        if found:
            break
    assert found
    opened.page.wait_for_selector("#tip:not([hidden])", timeout=5000)
    tip = opened.page.text_content("#tip")
    assert "includes" in tip and rel.subject_label("en") in tip and rel.object_label("en") in tip
    assert rel.sources and all(glossary.source_text(s) in tip for s in rel.sources)


def test_filters_hide_kinds_and_relations(opened):
    kinds = opened.js("conceptMap.data.kinds.map(k => [k.label.en, k.count])")
    index, (name, count) = next((i, k) for i, k in enumerate(kinds) if k[0] == "Outcome")
    total = opened.counts()
    outcome = opened.js("k => conceptMap.data.nodes.findIndex(n => n.k === k)", index)
    opened.page.locator("#kinds input").nth(index).uncheck()
    after = opened.counts()
    assert after["nodes"] == total["nodes"] - count and after["edges"] < total["edges"]
    assert opened.shown(outcome)["hidden"]
    # the footer follows the filters
    assert opened.page.text_content("#stats") == f"{after['nodes']} of {total['nodes']} concepts · {after['edges']} of {total['edges']} relations"
    relations = opened.js("conceptMap.data.relations.map(r => [r.label.en, r.count])")
    r_index = next(i for i, r in enumerate(relations) if r[0] == "includes")
    opened.page.locator("#kinds input").nth(index).check()
    opened.page.locator("#relations input").nth(r_index).uncheck()
    assert opened.counts()["edges"] == total["edges"] - relations[r_index][1]
    assert opened.counts()["nodes"] == total["nodes"]


def test_hostile_labels_show_as_text_and_run_nothing(browser, tmp_path):
    path = concept_map(synthetic_glossary(8, hostile=True)).save(tmp_path / "xss.html")
    opened = Opened(browser, path)
    try:
        opened.search("window.__pwned")
        opened.page.wait_for_timeout(300)
        assert opened.js("typeof window.__pwned") == "undefined"
        assert opened.page.text_content("#details h3") == XSS_LABEL
        assert opened.shown(1)["label"] == XSS_LABEL
        assert opened.js("document.querySelectorAll('img, #details script, #details b').length") == 0
        opened.page.fill("#search", "<script")
        assert XSS_LABEL in opened.page.text_content("#results")
        opened.page.click("#lang-de")
        assert opened.js("typeof window.__pwned") == "undefined"
        assert opened.errors == [] and opened.requests == [opened.url]
    finally:
        opened.close()


def test_an_owl_ontology_maps_in_the_browser(browser, tmp_path):
    path = concept_map(load_glossary([DATA / "small-ontology.ttl"]), lang="de").save(tmp_path / "zoo.html")
    opened = Opened(browser, path)
    try:
        assert opened.errors == [] and opened.counts()["nodes"] == 7
        opened.search("pinguin")
        assert opened.page.text_content("#details h3") == "Pinguin"
        assert "Unterklasse von" in opened.page.text_content("#relations")
    finally:
        opened.close()


def test_jupyter_iframe_runs_the_map(browser, tmp_path):
    shown = concept_map(load_glossary(), focus="RevOps")
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body>{shown._repr_html_()}</body></html>", encoding="utf-8")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(host.resolve().as_uri())
        frame = page.frames[1]
        frame.wait_for_selector(READY, state="attached", timeout=30_000)
        assert frame.evaluate("conceptMap.graph.order") == shown.nodes
        assert requests == [host.resolve().as_uri()]
    finally:
        page.close()
