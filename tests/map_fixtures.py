"""Graphs for the concept-map tests (a synthetic glossary of any size, hostile labels) and a
map page opened in headless Chromium."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, RDFS, SKOS

from revops_graph.model import Glossary
from revops_graph.namespaces import ROG

EX = Namespace("http://example.org/synthetic/")
KINDS = (ROG.Process, ROG.Tool, ROG.Metric, ROG.Outcome, ROG.Resource)

XSS_LABEL = """<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> 'quoted' & "double\""""


def synthetic_glossary(n: int, *, hostile: bool = False) -> Glossary:
    """``n`` concepts of five kinds: a broader-tree (fan-out 4) plus one association per three.

    Labels are "Begriff i"@de / "Concept i"@en; with ``hostile`` concept 1 is labelled
    and defined with markup that must never run.
    """
    g = Graph()
    for kind in KINDS:
        g.add((kind, RDFS.subClassOf, SKOS.Concept))
    for i in range(n):
        c = EX[f"c{i}"]
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, RDF.type, KINDS[i % len(KINDS)]))
        g.add((c, SKOS.prefLabel, Literal(f"Begriff {i}", lang="de")))
        g.add((c, SKOS.prefLabel, Literal(f"Concept {i}", lang="en")))
        g.add((c, SKOS.definition, Literal(f"Definition of concept {i}.", lang="en")))
        if i:
            g.add((c, SKOS.broader, EX[f"c{(i - 1) // 4}"]))
        if i % 3 == 0 and (i * 7919) % n != i:
            g.add((c, ROG.supports, EX[f"c{(i * 7919) % n}"]))
    if hostile and n > 1:
        c = EX["c1"]
        g.remove((c, SKOS.prefLabel, None))
        g.add((c, SKOS.prefLabel, Literal(XSS_LABEL, lang="en")))
        g.add((c, SKOS.prefLabel, Literal(XSS_LABEL + " de", lang="de")))
        g.add((c, SKOS.altLabel, Literal("</script><script>window.__pwned=1</script>", lang="en")))
        g.add((c, SKOS.definition, Literal("\u2028<b onmouseover=window.__pwned=1>bold</b>", lang="de")))
    return Glossary(g)


def page_data(page: str) -> dict:
    """The JSON a map page embeds (escaped for <script>, still valid JSON)."""
    found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S)
    assert found, "the page embeds no map data"
    return json.loads(found.group(1))


# -- a map page in headless Chromium -----------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
# WebGL without a GPU: Chromium falls back to SwiftShader (software); ANGLE on SwiftShader is
# the path that logs no driver warnings. --disable-3d-apis takes WebGL away (the fallback test).
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# Set by the page after its first frame. (wait_for_function would evaluate a string, which the
# page's Content-Security-Policy rightly forbids.)
READY = 'body[data-ready="true"]'


def missing(reason: str) -> None:
    if os.environ.get("REVOPS_GRAPH_REQUIRE_ALL") == "1":
        pytest.fail(f"{reason} (REVOPS_GRAPH_REQUIRE_ALL=1)")
    pytest.skip(reason)


@contextmanager
def chromium(*extra: str) -> Iterator[object]:
    """Debian's Chromium through playwright (skipped, or failed under REVOPS_GRAPH_REQUIRE_ALL, without)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed")
    if not CHROMIUM.is_file():
        missing(f"{CHROMIUM} is missing")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=[*ARGS, *extra], headless=True)
        try:
            yield launched
        finally:
            launched.close()


class Opened:
    """A map page open in the browser, with what it logged and requested, driven through ``conceptMap``."""

    def __init__(self, browser, path: Path, timeout_ms: int = 60_000) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 860})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.url = path.resolve().as_uri()
        start = time.perf_counter()
        self.page.goto(self.url, wait_until="commit")
        self.page.wait_for_selector(READY, state="attached", timeout=timeout_ms)
        self.seconds = time.perf_counter() - start

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def node_of(self, iri: str) -> int:
        return self.js("iri => conceptMap.idOf(iri)", iri)

    def counts(self) -> dict[str, int]:
        return self.js("conceptMap.counts()")

    def shown(self, node: int) -> dict:
        """What sigma draws for ``node`` (after the page's reducers): color, size, label, hidden, ..."""
        return self.js("id => conceptMap.renderer.getNodeDisplayData(String(id))", node)

    def point(self, node: int) -> dict[str, float]:
        """The node's place on the screen."""
        box = self.page.locator("#map").bounding_box()
        at = self.js("id => { const r = conceptMap.renderer; return r.framedGraphToViewport(r.getNodeDisplayData(String(id))); }", node)
        return {"x": box["x"] + at["x"], "y": box["y"] + at["y"]}

    def search(self, text: str) -> None:
        self.page.fill("#search", text)
        self.page.press("#search", "Enter")
        self.page.wait_for_timeout(50)

    def click_node(self, node: int) -> None:
        at = self.point(node)
        self.page.mouse.click(at["x"], at["y"])

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        target = ARTIFACTS / name
        self.page.screenshot(path=str(target))
        return target

    def close(self) -> None:
        self.page.close()
