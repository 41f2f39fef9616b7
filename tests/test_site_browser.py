"""The documentation site in a real headless Chromium, opened from ``file://``: every page and
link, search in every language, the remembered language, SPARQL in the page, accessibility.

Needs playwright and Debian's /usr/bin/chromium; skipped without them unless
REVOPS_GRAPH_REQUIRE_ALL=1, where a missing browser fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from revops_graph.model import load_glossary
from revops_graph.render.site import term_path, write_site
from revops_graph.render.site.search_index import search_documents
from revops_graph.render.site.terms import SiteVocabulary

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
FRUIT = Path(__file__).parent / "data" / "site" / "multilingual.ttl"
EX = "http://example.org/voc/"
READY = 'body[data-ready="true"]'


@pytest.fixture(scope="module")
def revops_site(tmp_path_factory, glossary) -> Path:
    out = tmp_path_factory.mktemp("site") / "revops"
    write_site(glossary, out)
    return out


@pytest.fixture(scope="module")
def fruit_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "fruit"
    write_site(load_glossary([FRUIT]), out)
    return out


class Visit:
    """A browser context (one profile: pages share localStorage) that records what pages log and fetch."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(f"{self.page.url}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url}: {e}"))

    def open(self, path: Path, ready: str | None = None) -> None:
        self.page.goto(path.resolve().as_uri())
        if ready:
            self.page.wait_for_selector(ready, state="attached", timeout=60_000)

    def network(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme not in ("file", "data", "blob", "about")]


@pytest.fixture()
def visit(browser):
    v = Visit(browser)
    yield v
    v.context.close()


def _file_of(page_url: str, href: str) -> Path:
    return Path(unquote(urlsplit(href).path))


def test_every_page_and_internal_link_resolves_without_error_or_network(visit, revops_site) -> None:
    pages = [revops_site / "index.html", revops_site / "sparql.html", revops_site / "map.html",
             *sorted((revops_site / "terms").glob("*.html"))]
    broken, anchors_missing = [], []
    for path in pages:
        visit.open(path)
        visit.page.wait_for_load_state("load")
        links = visit.page.eval_on_selector_all(
            "a[href]", "els => els.map(a => [a.getAttribute('href'), a.href])")
        ids = set(visit.page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        for raw, absolute in links:
            parts = urlsplit(absolute)
            if parts.scheme in ("http", "https"):
                continue  # links out of the site (a term's IRI, a licence) are followed by people, not pages
            assert parts.scheme == "file", (path.name, raw)
            target = Path(unquote(parts.path))
            if not target.is_file():
                broken.append((path.name, raw))
            elif raw.startswith("#") and unquote(raw[1:]) not in ids:
                anchors_missing.append((path.name, raw))
    assert len(pages) >= len(load_glossary().concept_iris) + 3  # a page per concept, the index, map, SPARQL
    assert broken == [] and anchors_missing == []
    assert visit.errors == []
    assert visit.network() == []


@pytest.mark.parametrize("text", ["Apfel", "Apple", "Pomme", "林檎", "malus"])
def test_search_finds_a_term_by_its_label_in_each_language(visit, fruit_site, text) -> None:
    visit.open(fruit_site / "index.html", READY)
    visit.page.fill("#search", text)
    first = visit.page.locator("#results a").first
    assert first.get_attribute("href") == term_path(EX + "apple")
    first.click()
    visit.page.wait_for_load_state("load")
    assert visit.page.url.endswith(term_path(EX + "apple"))
    assert visit.errors == []


def test_the_prebuilt_index_is_the_one_minisearch_builds_itself(visit, fruit_site, glossary) -> None:
    for site, docs in ((fruit_site, search_documents(SiteVocabulary(load_glossary([FRUIT])))),):
        visit.open(site / "index.html", READY)
        own = visit.page.evaluate(
            """docs => { const m = new MiniSearch({fields: ["label", "alt"], storeFields: ["i", "p", "l", "s"]});
                        m.addAll(docs); return JSON.parse(JSON.stringify(m)); }""", docs)
        ours = visit.page.evaluate("SITE_SEARCH")
        assert sorted(own.pop("index")) == sorted(ours.pop("index"))
        assert own.pop("averageFieldLength") == pytest.approx(ours.pop("averageFieldLength"))
        assert own == ours


def test_the_language_switch_is_remembered_between_pages(visit, fruit_site) -> None:
    visit.open(fruit_site / "index.html", READY)
    visit.page.focus('[data-set-lang="de"]')
    visit.page.keyboard.press("Enter")  # by keyboard
    assert visit.page.evaluate("document.documentElement.lang") == "de"
    visit.open(fruit_site / term_path(EX + "apple"))
    assert visit.page.evaluate("document.documentElement.lang") == "de"
    assert visit.page.locator("h1").inner_text() == "Apfel"
    assert visit.page.locator('[data-w="outgoing"]').inner_text() == "Beziehungen von diesem Begriff"
    assert visit.page.get_attribute('[data-set-lang="de"]', "aria-current") == "true"
    # a language without page words keeps English words, tagged as English
    visit.page.click('[data-set-lang="ja"]')
    visit.open(fruit_site / "index.html", READY)
    assert visit.page.locator("h1").inner_text() == "果物の語彙"
    assert visit.page.get_attribute('[data-w="search"]', "lang") == "en"
    assert visit.errors == []


def test_sparql_in_the_page_answers_a_named_query_as_the_command_does(visit, revops_site, runner) -> None:
    from revops_graph.cli import app

    visit.open(revops_site / "sparql.html", READY)
    queries = visit.page.evaluate("SITE_QUERIES.map(q => q.name)")
    index = queries.index("journey-stages")
    visit.page.select_option("#examples", str(index))
    visit.page.click("#run")
    rows = visit.page.evaluate("sparqlPage.run(document.getElementById('query').value)")
    expected = json.loads(runner.invoke(app, ["query", "journey-stages", "--format", "json"]).stdout)
    names = expected["head"]["vars"]
    wanted = [[b.get(n, {}).get("value") for n in names] for b in expected["results"]["bindings"]]
    assert rows == wanted and len(rows) > 3
    # the table shows labels, linked to term pages, not only IRIs
    first = visit.page.locator("#answer tbody tr").first.locator("a").first
    assert not first.inner_text().startswith("https://") and first.get_attribute("href").startswith("terms/")
    visit.page.click("#show-map")
    assert visit.page.locator("#answer-map svg a").count() >= 4
    assert visit.errors == [] and visit.network() == []


def test_sparql_in_the_page_is_read_only_and_refuses_service(visit, revops_site) -> None:
    visit.open(revops_site / "sparql.html", READY)
    count = "sparqlPage.run('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')[0][0]"
    before = visit.page.evaluate(count)
    for text in ("INSERT DATA { <http://e/x> <http://e/y> <http://e/z> }",
                 "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"):
        with pytest.raises(Exception):
            visit.page.evaluate("q => sparqlPage.run(q)", text)
    assert visit.page.evaluate(count) == before
    assert visit.network() == []


@pytest.mark.parametrize("name", ["index.html", "term", "map.html", "sparql.html"])
def test_axe_finds_no_serious_or_critical_violation(visit, revops_site, glossary, name) -> None:
    # the term with the most relations: the fullest page
    busiest = max(glossary.concept_iris, key=lambda c: (len(glossary.relations(c)) + len(glossary.incoming(c)), c))
    path = revops_site / (term_path(str(busiest)) if name == "term" else name)
    visit.open(path)
    visit.page.wait_for_load_state("load")
    visit.page.add_script_tag(path=str(AXE))
    result = visit.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
           for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == []


def test_the_site_works_by_keyboard(visit, fruit_site) -> None:
    visit.open(fruit_site / "index.html", READY)
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("document.activeElement.className") == "skip"
    visit.page.keyboard.press("Enter")
    assert visit.page.url.endswith("#main")
    visit.page.focus("#search")
    visit.page.keyboard.type("Birne")
    visit.page.keyboard.press("Tab")
    assert visit.page.evaluate("document.activeElement.getAttribute('href')") == term_path(EX + "pear")
    with visit.page.expect_navigation():
        visit.page.keyboard.press("Enter")
    assert visit.page.url.endswith(term_path(EX + "pear"))
    # the hierarchy opens by keyboard: a <details> summary toggles with Enter
    visit.open(fruit_site / "index.html", READY)
    visit.page.focus(".tree summary")
    visit.page.keyboard.press("Enter")
    assert visit.page.evaluate("document.querySelector('.tree details').open") is True


def test_the_map_page_focuses_the_term_in_its_fragment_and_links_to_its_page(visit, fruit_site) -> None:
    # how a term page shows its neighbourhood: map.html#IRI in an iframe
    visit.open(fruit_site / "index.html", READY)
    visit.page.goto((fruit_site / "map.html").resolve().as_uri() + "#" + EX + "apple")
    visit.page.wait_for_selector("#site-term-link:not([hidden])", state="attached", timeout=60_000)
    assert visit.page.get_attribute("#site-term-link", "href") == term_path(EX + "apple")
    assert "Apple" in visit.page.inner_text("#details")
    with visit.page.expect_navigation():
        visit.page.click("#site-term-link")
    assert visit.page.url.endswith(term_path(EX + "apple"))
    assert visit.errors == [] and visit.network() == []


def test_search_says_how_many_terms_it_found_in_the_chosen_language(visit, fruit_site) -> None:
    visit.open(fruit_site / "index.html", READY)
    visit.page.click('[data-set-lang="de"]')
    visit.page.fill("#search", "Apfel")
    assert visit.page.inner_text("#search-status") == "1 gefunden"
    visit.page.fill("#search", "zzzz")
    assert visit.page.inner_text("#search-status") == "Kein Begriff passt."


def test_a_term_pages_map_shows_the_term_and_its_neighbours_only(visit, fruit_site) -> None:
    fruit = load_glossary([FRUIT])
    # the term page's frame: map.html?near#IRI, one relation away from the term and no further
    page = (fruit_site / term_path(EX + "apple")).read_text(encoding="utf-8")
    assert 'src="../map.html?near#http://example.org/voc/apple"' in page
    visit.page.goto((fruit_site / "map.html").resolve().as_uri() + "?near#" + EX + "apple")
    visit.page.wait_for_selector("#site-term-link:not([hidden])", state="attached", timeout=60_000)
    apple = fruit.concept(EX + "apple")
    near = {str(r.object) for r in fruit.relations(apple)} | {str(r.subject) for r in fruit.incoming(apple)}
    shown = visit.page.evaluate("() => window.conceptMap.counts().nodes")
    assert shown == len(near | {EX + "apple"}) < len(fruit.concept_iris)
    assert visit.errors == [] and visit.network() == []
