"""Run every benchmark scenario and print a table of medians, peak memory and ratios.

Each run of a scenario is its own subprocess, so its peak RSS (``os.wait4``'s
``ru_maxrss``) is its own. Each scenario belongs to a group with one *floor*: the raw
library doing the same work (or the bare script doing the same job), measured in the
same run; the ratio column is ``median / floor median`` at the same size::

    python benchmarks/run.py --quick                 # 1k and 10k, 3 repeats
    python benchmarks/run.py --sizes 1k 10k 100k     # 100k runs once (see --big-repeats)
    python benchmarks/run.py --only parse search     # groups whose name contains these

Missing data files are generated first (``benchmarks/generate.py``). In-process
scenarios time only their own work (setup such as loading the graph to serialize is
not timed, but counts towards peak RSS); command scenarios time the whole command,
interpreter start-up included, as a user waits for it.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (the sibling module, importable once HERE is on the path)

PY = sys.executable
CLI = [PY, "-m", "revops_graph.cli"]
_console_script = Path(PY).with_name("revops-graph")
if _console_script.exists():
    CLI = [str(_console_script)]
RESULT = "@@RESULT "
BIG = 100_000  # sizes from here on run --big-repeats times
EMBEDDED = 0  # the "size" of scenarios on the embedded glossary

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
Q_CONTAINS = f"""SELECT ?c ?label WHERE {{
  ?c <{SKOS}prefLabel> ?label .
  FILTER(CONTAINS(LCASE(STR(?label)), "pipeline"))
}}"""
Q_GROUP = """SELECT ?kind (COUNT(?c) AS ?n) WHERE {
  ?c a ?kind .
} GROUP BY ?kind ORDER BY DESC(?n)"""
# The bare script's equivalent of `revops-graph concepts`: labels, kinds, definitions.
Q_CONCEPTS = f"""SELECT ?c ?label ?kind ?def WHERE {{
  ?c a <{SKOS}Concept> .
  OPTIONAL {{ ?c <{SKOS}prefLabel> ?label FILTER(LANG(?label) = "en") }}
  OPTIONAL {{ ?c a ?kind FILTER(?kind != <{SKOS}Concept>) }}
  OPTIONAL {{ ?c <{SKOS}definition> ?def FILTER(LANG(?def) = "en") }}
}} ORDER BY LCASE(STR(?label))"""


# -- what runs inside a worker subprocess -------------------------------------------------

class NotAvailable(Exception):
    """The API a placeholder scenario needs is not there (yet)."""


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _ox_store(path: str, on_disk: str | None = None):
    import pyoxigraph as ox

    store = ox.Store(on_disk) if on_disk else ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.TURTLE)
    return store


def _glossary(path: str):
    from revops_graph import load_glossary

    return load_glossary([path])


def w_parse_rdflib(path: str) -> float:
    from rdflib import Graph

    return _timed(lambda: Graph().parse(path, format="turtle"))


def w_parse_oxigraph(path: str) -> float:
    return _timed(lambda: _ox_store(path))


def w_parse_oxigraph_stream(path: str) -> float:
    import pyoxigraph as ox

    return _timed(lambda: sum(1 for _ in ox.parse(path=path, format=ox.RdfFormat.TURTLE)))


def w_load_glossary(path: str) -> float:
    import warnings

    warnings.simplefilter("ignore")  # the size warning is part of the product, not the figure
    return _timed(lambda: _glossary(path))


def w_load_glossary_cold(path: str) -> float:
    # A first run: nothing cached yet, so the parse also writes the entry.
    os.environ["XDG_CACHE_HOME"] = folder = tempfile.mkdtemp(prefix="bench-cold-")
    try:
        return w_load_glossary(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def w_serialize_rdflib(path: str) -> float:
    graph = _glossary(path).graph
    return _timed(lambda: graph.serialize(format="turtle", encoding="utf-8"))


def w_serialize_oxigraph(path: str) -> float:
    import pyoxigraph as ox

    store = _ox_store(path)
    return _timed(lambda: store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()))


def w_serialize_ours(path: str) -> float:
    from revops_graph import serialize

    glossary = _glossary(path)
    return _timed(lambda: serialize(glossary, "turtle"))


def w_serialize_longturtle(path: str) -> float:
    from revops_graph.export import formats as export

    export.TURTLE_STREAM_THRESHOLD = sys.maxsize  # what every size would cost without streaming
    return w_serialize_ours(path)


def _rdflib_query(path: str, query: str) -> float:
    graph = _glossary(path).graph
    return _timed(lambda: list(graph.query(query)))


def _oxigraph_query(path: str, query: str) -> float:
    store = _ox_store(path)
    return _timed(lambda: list(store.query(query)))


def w_contains_rdflib(path: str) -> float:
    return _rdflib_query(path, Q_CONTAINS)


def w_contains_oxigraph(path: str) -> float:
    return _oxigraph_query(path, Q_CONTAINS)


def w_group_rdflib(path: str) -> float:
    return _rdflib_query(path, Q_GROUP)


def w_group_oxigraph(path: str) -> float:
    return _oxigraph_query(path, Q_GROUP)


def _require(module: str, name: str):
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError:
        raise NotAvailable(f"{module} not available") from None
    if not hasattr(mod, name):
        raise NotAvailable(f"{module}.{name} not available")
    return getattr(mod, name)


def w_oxigraph_disk(path: str) -> float:
    folder = tempfile.mkdtemp(prefix="bench-ox-")
    try:
        return _timed(lambda: _ox_store(path, folder).flush())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def w_store_oxigraph(path: str) -> float:
    store_cls = _require("revops_graph.store", "OxigraphStore")
    folder = tempfile.mkdtemp(prefix="bench-store-")
    try:
        return _timed(lambda: store_cls(folder, [path]).close())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# Named queries on the Oxigraph store vs the same text and bound term on pyoxigraph itself.
# Both sides run the query once untimed first (disk caches, our query process started),
# then time the second run; the *first query* rows time the first run of ours.
STORE_QUERIES = {
    "concepts-by-kind": ("kind", ("iri", generate.ROG + "Tool")),
    "label-search": ("text", ("string", "pipeline")),
}


def _store_query_args(name: str):
    from revops_graph.query import named_query

    variable, (kind, value) = STORE_QUERIES[name]
    return named_query(name).text, variable, kind, value


def _direct_store_query(path: str, name: str) -> float:
    import pyoxigraph as ox

    text, variable, kind, value = _store_query_args(name)
    term = ox.NamedNode(value) if kind == "iri" else ox.Literal(value)
    folder = tempfile.mkdtemp(prefix="bench-ox-")
    try:
        _ox_store(path, folder).flush()
        store = ox.Store.read_only(folder)
        run = lambda: list(store.query(text, substitutions={ox.Variable(variable): term}))  # noqa: E731
        run()
        return _timed(run)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _our_store_query(path: str, name: str, first: bool = False) -> float:
    from rdflib import Literal, URIRef

    from revops_graph.query import named_query, select
    from revops_graph.store import OxigraphStore

    _, variable, kind, value = _store_query_args(name)
    params = {variable: URIRef(value) if kind == "iri" else Literal(value)}
    folder = tempfile.mkdtemp(prefix="bench-store-")
    try:
        store = OxigraphStore(folder, [path])
        run = lambda: select(store, named_query(name), params)  # noqa: E731
        if not first:
            run()
        seconds = _timed(run)
        store.close()
        return seconds
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def w_store_dump_raw(path: str) -> float:
    import pyoxigraph as ox

    folder = tempfile.mkdtemp(prefix="bench-ox-")
    try:
        store = _ox_store(path, folder)
        store.flush()
        return _timed(lambda: store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph()))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def w_store_export(path: str) -> float:
    from revops_graph.store import OxigraphStore

    folder = tempfile.mkdtemp(prefix="bench-store-")
    try:
        store = OxigraphStore(folder, [path])
        return _timed(lambda: store.export("turtle"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# w_store_kind_direct, w_store_kind_ours, w_store_kind_ours_first, and the same for search.
for _short, _name in (("kind", "concepts-by-kind"), ("search", "label-search")):
    globals()[f"w_store_{_short}_direct"] = functools.partial(_direct_store_query, name=_name)
    globals()[f"w_store_{_short}_ours"] = functools.partial(_our_store_query, name=_name)
    globals()[f"w_store_{_short}_ours_first"] = functools.partial(_our_store_query, name=_name, first=True)


def w_render_map(path: str) -> float:
    render_map = _require("revops_graph", "render_map")
    glossary = _glossary(path)
    return _timed(lambda: render_map(glossary))


def w_validate(path: str) -> float:
    validate_glossary = _require("revops_graph", "validate_glossary")
    glossary = _glossary(path)
    return _timed(lambda: validate_glossary(glossary))


def w_validate_raw(path: str) -> float:
    # The floor: pyoxigraph loading the file and the vocabulary, then running the shapes'
    # queries (compiled untimed) and reading every row; no labels, no report.
    import pyoxigraph as ox

    from revops_graph.io import resources
    from revops_graph.io.loader import load_files
    from revops_graph.checks.shacl_sparql import compile_shapes

    queries = [check.query for check in compile_shapes(load_files([resources.shapes_file()]))]

    def run() -> None:
        store = _ox_store(path)
        store.bulk_load(path=str(resources.vocabulary_file()), format=ox.RdfFormat.TURTLE)
        for query in queries:
            for _ in store.query(query):
                pass

    return _timed(run)


def w_validate_files(path: str) -> float:
    validate_files = _require("revops_graph", "validate_files")
    return _timed(lambda: validate_files([path]))


def w_validate_pyshacl(path: str) -> float:
    from revops_graph.checks.validate import validate_glossary

    glossary = _glossary(path)
    return _timed(lambda: validate_glossary(glossary, engine="pyshacl"))


def w_lint(path: str) -> float:
    from revops_graph.checks.lint import lint_glossary

    glossary = _glossary(path)
    return _timed(lambda: lint_glossary(glossary))


# -- the concept map in a real browser: our map vs pyvis's default physics ---------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MAP_READY = 'body[data-ready="true"]'  # set by our page once laid out, drawn and still
PYVIS_NODES = 2_000
PYVIS_CAP_S = 300.0
# vis-network announces the end of motion with "stabilized"; pyvis assigns the global
# `network`, so a setter installed before the page's scripts catches it in time.
PYVIS_HOOK = """Object.defineProperty(window, "network", {configurable: true,
  get() { return this.__network; },
  set(v) { this.__network = v;
    v.on("stabilizationIterationsDone", () => { window.__iterationsDone = performance.now(); });
    v.on("stabilized", () => { if (!window.__stabilized) window.__stabilized = performance.now();
                                document.title = "stabilized"; }); }});"""


def _browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise NotAvailable("playwright not installed") from None
    if not Path(CHROMIUM).is_file():
        raise NotAvailable(f"{CHROMIUM} missing")
    return sync_playwright()


def w_map_browser(path: str) -> float:
    """`revops-graph map --data PATH -o FILE` (all of it), then the page in Chromium until it marks itself ready."""
    with _browser() as p, tempfile.TemporaryDirectory(prefix="bench-map-") as folder:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=MAP_ARGS, headless=True)
        page = browser.new_page(viewport=MAP_VIEWPORT)
        out = Path(folder) / "map.html"
        start = time.perf_counter()  # the browser is running already, as a user's is
        subprocess.run([*CLI, "map", "--data", path, "-o", str(out)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page.goto(out.as_uri(), wait_until="commit")  # (as in _opened)
        page.wait_for_selector(MAP_READY, state="attached", timeout=PYVIS_CAP_S * 1000)
        seconds = time.perf_counter() - start
        browser.close()
        return seconds


MAP_VIEWPORT = {"width": 1400, "height": 860}
# sigma draws with WebGL; headless Chromium without a GPU renders it in software (SwiftShader)
MAP_ARGS = [*CHROMIUM_ARGS, "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
ZOOM = "conceptMap.zoom(2, 500)"  # a 500 ms animated zoom in, resolved once its last frame is drawn


def _map_file(path: str) -> Path:
    """Our page for ``path``, written once by `revops-graph map` and reused by the in-page rows."""
    out = Path(path).with_suffix(".map.html")
    if not out.exists() or out.stat().st_mtime < Path(path).stat().st_mtime:
        subprocess.run([*CLI, "map", "--data", path, "-o", str(out)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out


def _bare_file(path: str) -> Path:
    """A bare sigma.js page drawing the same nodes (same positions) and edges, default settings."""
    out = Path(path).with_suffix(".bare.html")
    if out.exists() and out.stat().st_mtime >= _map_file(path).stat().st_mtime:
        return out
    import re

    page = _map_file(path).read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S).group(1))
    vendor = Path(__import__("revops_graph").__file__).parent / "render" / "assets" / "vendor"
    nodes = [[n["x"], -n["y"], n["label"].get("en", "")] for n in data["nodes"]]
    edges = [[e["f"], e["t"]] for e in data["edges"]]
    out.write_text(
        "<!DOCTYPE html><html><body style='margin:0'><div id='m' style='width:100vw;height:100vh'></div>"
        f"<script>{(vendor / 'graphology' / 'graphology.umd.min.js').read_text()}</script>"
        f"<script>{(vendor / 'sigma' / 'sigma.min.js').read_text()}</script>"
        f"<script>const N={json.dumps(nodes)}, E={json.dumps(edges)};"
        "const g=new graphology.Graph({multi:true});N.forEach((n,i)=>g.addNode(i,{x:n[0],y:n[1],size:2,label:n[2]}));"
        "E.forEach(e=>g.addEdge(e[0],e[1]));const r=new Sigma(g,document.getElementById('m'));"
        "window.conceptMap={zoom:(k,ms)=>{const t=performance.now();return r.getCamera().animate({ratio:r.getCamera().ratio/k},"
        "{duration:ms}).then(()=>new Promise(f=>requestAnimationFrame(()=>requestAnimationFrame(f)))).then(()=>performance.now()-t)}};"
        "requestAnimationFrame(()=>requestAnimationFrame(()=>document.body.dataset.ready='true'));</script></body></html>",
        encoding="utf-8")
    return out


def _opened(p, page_file: Path):
    browser = p.chromium.launch(executable_path=CHROMIUM, args=MAP_ARGS, headless=True)
    page = browser.new_page(viewport=MAP_VIEWPORT)
    start = time.perf_counter()
    # the page marks itself ready; goto's own wait for "load" gives up after 30 s, which the
    # bare page of 100,000 concepts (its data inline) takes longer than on a busy machine
    page.goto(page_file.as_uri(), wait_until="commit")
    page.wait_for_selector(MAP_READY, state="attached", timeout=PYVIS_CAP_S * 1000)
    return browser, page, time.perf_counter() - start


def _in_page(page_file: Path, expression: str) -> float:
    with _browser() as p:
        browser, page, _ = _opened(p, page_file)
        try:
            return page.evaluate(expression) / 1000
        finally:
            browser.close()


def w_map_zoom(path: str) -> float:
    """Our page: a 500 ms animated zoom, until its last frame is drawn."""
    return _in_page(_map_file(path), ZOOM)


def w_bare_sigma_zoom(path: str) -> float:
    """A bare sigma.js page of the same graph: the same 500 ms zoom."""
    return _in_page(_bare_file(path), ZOOM)


def w_bare_sigma_ready(path: str) -> float:
    """A bare sigma.js page of the same graph (positions given), until its first frame."""
    with _browser() as p:
        browser, _, seconds = _opened(p, _bare_file(path))
        browser.close()
        return seconds


def w_map_focus(path: str) -> float:
    """Our page: search a concept by label and focus it (camera moved, panel filled)."""
    return _in_page(_map_file(path), """(async () => { const t = performance.now();
        await conceptMap.focus(conceptMap.find(conceptMap.label(conceptMap.data.nodes.length - 1))[0]);
        return performance.now() - t; })()""")


def _descendants_rss_gb(root: int) -> float:
    """Proportional resident memory (PSS: shared pages split among their users, so the libraries
    every Chromium process maps count once) of every process below ``root``, in GB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, []))
        try:
            status = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("Pss:")), 0)
    return total / 1024 / 1024


def w_map_memory(path: str) -> float:
    """Our page once ready: the resident memory of Chromium (all its processes), in GB (not seconds)."""
    with _browser() as p:
        browser, page, _ = _opened(p, _map_file(path))
        try:
            page.wait_for_timeout(1000)
            return _descendants_rss_gb(os.getpid())
        finally:
            browser.close()


def _pyvis_subset(path: str, n: int):
    """pyvis's default Network (default physics) of the first ``n`` concepts and their relations."""
    from pyvis.network import Network

    glossary = _glossary(path)
    keep = set(glossary.concept_iris[:n])
    net = Network(cdn_resources="in_line")  # pyvis's defaults otherwise; in_line: no network here
    for iri in sorted(keep):
        net.add_node(str(iri), label=glossary.label(iri))
    for s, p, o in sorted(glossary.relation_triples()):
        if s in keep and o in keep:
            net.add_edge(str(s), str(o), title=glossary.label(p))
    return net


def w_pyvis_default_physics(path: str) -> float:
    """pyvis's default physics on 2,000 nodes in Chromium until vis-network reports it stabilized."""
    with _browser() as p, tempfile.TemporaryDirectory(prefix="bench-pyvis-") as folder:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.add_init_script(PYVIS_HOOK)
        out = Path(folder) / "pyvis.html"
        net = _pyvis_subset(path, PYVIS_NODES)  # the subset's nodes and edges, as a user has them
        start = time.perf_counter()
        out.write_text(net.generate_html(), encoding="utf-8")
        page.goto(out.as_uri())
        try:
            page.wait_for_function("document.title === 'stabilized'", timeout=PYVIS_CAP_S * 1000, polling=500)
        except Exception as exc:  # playwright's TimeoutError: report the cap, a lower bound
            if "Timeout" not in type(exc).__name__:
                raise
            print(f"pyvis: not stabilized after {PYVIS_CAP_S:.0f} s; the figure is a lower bound", file=sys.stderr)
        seconds = time.perf_counter() - start
        browser.close()
        return seconds


def worker(name: str, path: str) -> None:
    """Run one in-process scenario and print its result line."""
    try:
        seconds = globals()[f"w_{name}"](path)
        print(RESULT + json.dumps({"seconds": seconds}), flush=True)
    except NotAvailable as exc:
        print(RESULT + json.dumps({"na": str(exc)}), flush=True)
    except Exception as exc:  # e.g. a placeholder's guessed call no longer fits the API
        print(RESULT + json.dumps({"na": f"failed: {type(exc).__name__}: {exc}"[:120]}), flush=True)


# -- scenarios ---------------------------------------------------------------------------------

@dataclass
class Scenario:
    """One thing to measure: an in-process worker, a command, or an import."""

    group: str
    name: str
    worker: str | None = None  # w_<worker> runs in a subprocess and times itself
    argv: Callable[[Path | None], list[str]] | None = None  # a command timed from outside
    env: dict[str, str] = field(default_factory=dict)
    floor: bool = False  # the raw-library baseline of its group
    max_size: int | None = None  # larger sizes are skipped (impractical)
    sizes: tuple[int, ...] | None = None  # fixed sizes (EMBEDDED for the built-in glossary)
    importtime: str | None = None  # module whose cumulative import time is the figure
    warm: bool = False  # one unmeasured run first, so the parse cache is filled
    ok_codes: tuple[int, ...] = (0,)  # exit codes of a command that count as done (1: a check found problems)
    repeats: int | None = None  # runs at every size, whatever --repeats says (for minutes-long baselines)


def _bare_script(body: str) -> Callable[[Path | None], list[str]]:
    """A command running a bare rdflib script over the embedded glossary's files."""
    def argv(_: Path | None) -> list[str]:
        from revops_graph.io import resources

        files = [str(p) for p in resources.glossary_files()]
        script = "import sys\nfrom rdflib import Graph\ng = Graph()\nfor f in sys.argv[1:]:\n    g.parse(f, format='turtle')\n" + body
        return [PY, "-c", script, *files]
    return argv


def _named_queries() -> list[Path]:
    try:
        from revops_graph.io import resources

        return sorted(resources.queries_dir().glob("*.rq"))
    except Exception:
        return []


# The parameters the everyday-latency rows give each named query (CURIEs become IRIs).
EVERYDAY_PARAMS: dict[str, dict[str, str]] = {
    "concepts-by-kind": {"kind": "rog:Tool"},
    "journey-stages": {"lifecycle": "revops:customer-journey"},
    "label-search": {"text": "revenue"},
    "parts": {"concept": "revops:revops"},
    "parts-transitive": {"concept": "revops:revops"},
    "tool-within": {"concept": "revops:crm-system"},
}


def _bare_query(rq: Path, params: dict[str, str]) -> str:
    """The bare script's query: the same text, the same parameters as initBindings."""
    from revops_graph.namespaces import PREFIXES

    bindings = {}
    for name, value in params.items():
        prefix, _, local = value.partition(":")
        term = f"URIRef({PREFIXES[prefix] + local!r})" if prefix in PREFIXES else f"Literal({value!r})"
        bindings[name] = term
    init = "{" + ", ".join(f"{n!r}: {t}" for n, t in bindings.items()) + "}"
    return ("from rdflib import Literal, URIRef\n"
            f"for row in g.query(open({str(rq)!r}).read(), initBindings={init}):\n    print(*row)\n")


def _cli_has(command: str) -> bool:
    try:
        from typer.main import get_command

        from revops_graph.cli import app

        return command in get_command(app).commands  # type: ignore[attr-defined]
    except Exception:
        return False


def _store_cli(path: Path | None) -> list[str]:
    """The command loading ``path`` into a fresh store (removed afterwards), then one ASK."""
    script = ('d=$(mktemp -d); echo "ASK { ?s ?p ?o }" | "$@" --store "oxigraph:$d/store" --data "$0"; '
              'rc=$?; rm -rf "$d"; exit $rc')
    return ["sh", "-c", script, str(path), *CLI, "query", "-"]


def _site_cli(path: Path | None) -> list[str]:
    """The documentation site of ``path`` written into a fresh folder (removed afterwards)."""
    script = 'd=$(mktemp -d); "$@" --data "$0" --out "$d/site"; rc=$?; rm -rf "$d"; exit $rc'
    return ["sh", "-c", script, str(path), *CLI, "site"]


HEAVY = ("rdflib", "pyoxigraph", "networkx", "pyvis", "pyshacl", "typer", "rich")


def scenarios(query_name: str | None = None) -> list[Scenario]:
    """Every scenario, in table order. A new one is one more entry here."""
    no_cache = {"REVOPS_GRAPH_NO_CACHE": "1"}
    out = [
        Scenario("parse turtle", "pyoxigraph Store.bulk_load (raw)", "parse_oxigraph", floor=True),
        Scenario("parse turtle", "pyoxigraph parse, stream only", "parse_oxigraph_stream"),
        Scenario("parse turtle", "rdflib Graph.parse (raw)", "parse_rdflib", max_size=100_000),
        Scenario("parse turtle", "revops_graph.load_glossary, no cache", "load_glossary", env=no_cache,
                 max_size=100_000),
        Scenario("parse turtle", "revops_graph.load_glossary, first run (writes the cache)", "load_glossary_cold",
                 max_size=100_000),
        Scenario("parse turtle", "revops_graph.load_glossary, warm cache", "load_glossary", warm=True,
                 max_size=100_000),
        Scenario("serialize turtle", "pyoxigraph Store.dump (raw)", "serialize_oxigraph", floor=True),
        Scenario("serialize turtle", "rdflib serialize turtle (raw)", "serialize_rdflib", max_size=100_000),
        Scenario("serialize turtle", "revops_graph.serialize turtle", "serialize_ours", max_size=100_000),
        Scenario("serialize turtle", "revops_graph.serialize, longturtle at any size", "serialize_longturtle",
                 max_size=10_000),
        Scenario("search CONTAINS", "pyoxigraph", "contains_oxigraph", floor=True),
        Scenario("search CONTAINS", "rdflib", "contains_rdflib", max_size=100_000),
        Scenario("GROUP BY count", "pyoxigraph", "group_oxigraph", floor=True),
        Scenario("GROUP BY count", "rdflib", "group_rdflib", max_size=100_000),
        Scenario("store load", "pyoxigraph on-disk bulk_load (raw)", "oxigraph_disk", floor=True),
        Scenario("store load", "revops_graph.store.OxigraphStore (API)", "store_oxigraph"),
        Scenario("store load", "revops-graph query --store oxigraph:PATH (loads, then ASK)", argv=_store_cli),
        Scenario("store export turtle", "pyoxigraph on-disk Store.dump (raw, unsorted)", "store_dump_raw", floor=True),
        Scenario("store export turtle", "OxigraphStore.export (sorted, = export --store)", "store_export"),
        Scenario("store query concepts-by-kind", "pyoxigraph Store.query (raw)", "store_kind_direct", floor=True),
        Scenario("store query concepts-by-kind", "OxigraphStore + query.select", "store_kind_ours"),
        Scenario("store query concepts-by-kind", "OxigraphStore + query.select, first query", "store_kind_ours_first"),
        Scenario("store query label-search", "pyoxigraph Store.query (raw)", "store_search_direct", floor=True),
        Scenario("store query label-search", "OxigraphStore + query.select", "store_search_ours"),
        Scenario("store query label-search", "OxigraphStore + query.select, first query", "store_search_ours_first"),
        Scenario("concept map", "revops_graph.render.render_map (HTML only)", "render_map", max_size=10_000),
        Scenario("validation", "pyoxigraph bulk_load + the shapes' SPARQL queries (raw)", "validate_raw", floor=True),
        Scenario("validation", "revops_graph.validate_files (load, checks, labelled report)", "validate_files"),
        Scenario("validation", "validate_glossary on a loaded Glossary (checks and report only)", "validate",
                 max_size=100_000),
        Scenario("validation", "validate_glossary, pySHACL engine", "validate_pyshacl", max_size=10_000),
        Scenario("validation", "revops-graph validate (command)", argv=lambda p: [*CLI, "validate", "--data", str(p)],
                 env=no_cache, ok_codes=(0, 1)),
        Scenario("lint", "pyoxigraph Store.bulk_load (raw)", "parse_oxigraph", floor=True),
        Scenario("lint", "rdflib Graph.parse (raw), for comparison", "parse_rdflib", max_size=100_000),
        Scenario("lint", "lint_glossary on a loaded Glossary (rules only)", "lint", max_size=100_000),
        Scenario("lint", "revops-graph lint (command)", argv=lambda p: [*CLI, "lint", "--data", str(p)],
                 env=no_cache, ok_codes=(0, 1)),
        # pyLODE and Ontospy, beside it on the same files, live in benchmarks/site_bench.py (their own venv)
        Scenario("site", "pyoxigraph Store.bulk_load (raw)", "parse_oxigraph", floor=True, max_size=10_000),
        Scenario("site", "revops-graph site (command: every page, map, search index, SPARQL assets)",
                 argv=_site_cli, max_size=10_000),
        Scenario("map ready in Chromium", "pyvis default physics, 2,000-node subset, until stabilized (capped at 300 s)",
                 "pyvis_default_physics", floor=True, sizes=(10_000,), repeats=1),
        Scenario("map ready in Chromium", "bare sigma.js page, same nodes and edges, positions given, until drawn",
                 "bare_sigma_ready"),
        Scenario("map ready in Chromium", "revops-graph map + page until ready, all concepts, no cache",
                 "map_browser", env=no_cache),
        Scenario("map ready in Chromium", "revops-graph map + page until ready, all concepts, warm cache",
                 "map_browser", warm=True),
        Scenario("map 500 ms zoom", "bare sigma.js page, same graph: conceptMap-like 500 ms animated zoom",
                 "bare_sigma_zoom", floor=True),
        Scenario("map 500 ms zoom", "our page: conceptMap.zoom(2, 500) until the last frame",
                 "map_zoom"),
        Scenario("map focus", "our page: conceptMap.focus(first hit of find()) until the view settles",
                 "map_focus", floor=True),
        Scenario("map page memory", "our page once ready: PSS of all Chromium processes, figure in GB (not s)",
                 "map_memory", floor=True, repeats=1),
    ]
    # Everyday latency on the embedded glossary: the command vs a bare rdflib script.
    concepts_argv = lambda _: [*CLI, "concepts"]  # noqa: E731
    export_argv = lambda _: [*CLI, "export", "--format", "turtle"]  # noqa: E731
    out += [
        Scenario("startup", "python -c pass", argv=lambda _: [PY, "-c", "pass"], floor=True, sizes=(EMBEDDED,)),
        Scenario("startup", "revops-graph --help", argv=lambda _: [*CLI, "--help"], sizes=(EMBEDDED,)),
        Scenario("`concepts`", "bare rdflib script: parse + SPARQL", floor=True, sizes=(EMBEDDED,),
                 argv=_bare_script(f"for row in g.query({Q_CONCEPTS!r}):\n    print(*row)\n")),
        Scenario("`concepts`", "revops-graph concepts, no cache", argv=concepts_argv, env=no_cache, sizes=(EMBEDDED,)),
        Scenario("`concepts`", "revops-graph concepts, warm cache", argv=concepts_argv, warm=True, sizes=(EMBEDDED,)),
        Scenario("`export`", "bare rdflib script: parse + longturtle", floor=True, sizes=(EMBEDDED,),
                 argv=_bare_script("sys.stdout.buffer.write(g.serialize(format='longturtle', encoding='utf-8'))\n")),
        Scenario("`export`", "revops-graph export, no cache", argv=export_argv, env=no_cache, sizes=(EMBEDDED,)),
        Scenario("`export`", "revops-graph export, warm cache", argv=export_argv, warm=True, sizes=(EMBEDDED,)),
    ]
    out += _engine_scenarios(query_name)
    queries = _named_queries()
    if query_name:
        queries = [q for q in queries if q.stem == query_name]
    if queries and _cli_has("query"):
        rq = queries[0]
        params = EVERYDAY_PARAMS.get(rq.stem, {})
        flags = [arg for name, value in sorted(params.items()) for arg in ("--param", f"{name}={value}")]
        query_argv = lambda _: [*CLI, "query", rq.stem, *flags]  # noqa: E731
        out += [
            Scenario(f"`query {rq.stem}`", "bare rdflib script: parse + query", floor=True, sizes=(EMBEDDED,),
                     argv=_bare_script(_bare_query(rq, params))),
            Scenario(f"`query {rq.stem}`", "revops-graph query, no cache", argv=query_argv, env=no_cache,
                     sizes=(EMBEDDED,)),
            Scenario(f"`query {rq.stem}`", "revops-graph query, warm cache", argv=query_argv, warm=True,
                     sizes=(EMBEDDED,)),
        ]
    else:
        out.append(Scenario("`query NAME`", "revops-graph query (not available)", sizes=(EMBEDDED,)))
    out.append(Scenario("import", "python -X importtime: revops_graph.cli", importtime="revops_graph.cli", sizes=(EMBEDDED,)))
    out += [Scenario("import", f"python -X importtime: {m}", importtime=m, sizes=(EMBEDDED,)) for m in HEAVY]
    return out


def _oxigraph_cli() -> str | None:
    """The ``oxigraph`` command (from the test extra's ``oxigraph`` package), if installed."""
    found = Path(PY).with_name("oxigraph")
    return str(found) if found.exists() else shutil.which("oxigraph")


def _ox_script(body: str) -> Callable[[Path | None], list[str]]:
    """A bare pyoxigraph script: the embedded glossary's files (or the data file) into an
    in-memory Store, then ``body`` — the fastest a user could do the same work in Python."""
    def argv(path: Path | None) -> list[str]:
        from revops_graph.io import resources

        files = [str(path)] if path else [str(p) for p in resources.glossary_files()]
        script = ("import sys\nimport pyoxigraph as ox\ns = ox.Store()\nfor f in sys.argv[1:]:\n"
                  "    s.bulk_load(path=f, format=ox.RdfFormat.TURTLE)\n" + body)
        return [PY, "-c", script, *files]
    return argv


def _data(path: Path | None) -> list[str]:
    """``--data FILE`` for a synthetic size, nothing for the embedded glossary."""
    return ["--data", str(path)] if path else []


def _ox_cli_query(oxcli: str, text: str) -> Callable[[Path | None], list[str]]:
    """The ``oxigraph`` CLI loading the data into a new store folder, then answering ``text``
    (the CLI has no in-memory store: loading is part of what a user of it pays)."""
    def argv(path: Path | None) -> list[str]:
        from revops_graph.io import resources

        given = [path] if path else resources.glossary_files()
        files = " ".join(f"'{p}'" for p in given)
        script = (f'd=$(mktemp -d); "$0" load --location "$d/s" --file {files} >/dev/null 2>&1 && '
                  f'"$0" query --location "$d/s" --query "$1" --results-format csv; rc=$?; rm -rf "$d"; exit $rc')
        return ["sh", "-c", script, oxcli, text]
    return argv


def _valued_query(rq: Path, params: dict[str, str]) -> str:
    """The named query's text with its parameters as a VALUES block (for tools that bind none)."""

    from revops_graph.namespaces import PREFIXES
    from revops_graph.store.values import inject_values

    from rdflib import Literal, URIRef
    names = sorted(params)
    terms = []
    for name in names:
        prefix, _, local = params[name].partition(":")
        terms.append(URIRef(PREFIXES[prefix] + local) if prefix in PREFIXES else Literal(params[name]))
    text = rq.read_text(encoding="utf-8")
    return inject_values(text, names, [terms]) if names else text


def _engine_scenarios(query_name: str | None) -> list[Scenario]:
    """Each everyday command beside a pyoxigraph script and the ``oxigraph`` CLI doing the same work."""
    SIZES = (EMBEDDED, 10_000, 100_000)  # noqa: N806
    out: list[Scenario] = []
    queries = [q for q in _named_queries() if not query_name or q.stem == query_name]
    oxcli = _oxigraph_cli()
    if queries and _cli_has("query"):
        rq = queries[0]
        params = EVERYDAY_PARAMS.get(rq.stem, {})
        text = _valued_query(rq, params)
        group = f"engine: `query {rq.stem}`"
        out.append(Scenario(group, "pyoxigraph script: parse + query", floor=True, sizes=SIZES,
                            argv=_ox_script(f"for row in s.query({text!r}):\n    print(*row)\n")))
        if oxcli:
            out.append(Scenario(group, "oxigraph CLI: load + query", argv=_ox_cli_query(oxcli, text), sizes=SIZES))
        flags = [arg for name, value in sorted(params.items()) for arg in ("--param", f"{name}={value}")]
        # csv: every row as text, the work the script does; the table (labels, the first 50 rows
        # drawn by rich) is the default a person reads, timed beside it
        out.append(Scenario(group, "revops-graph query --format csv",
                            argv=lambda p: [*CLI, "query", rq.stem, *flags, "--format", "csv", *_data(p)],
                            env={"REVOPS_GRAPH_NO_CACHE": "1"}, sizes=SIZES))
        out.append(Scenario(group, "revops-graph query (table)", argv=lambda p: [*CLI, "query", rq.stem, *flags, *_data(p)],
                            env={"REVOPS_GRAPH_NO_CACHE": "1"}, sizes=SIZES))
    concepts_q = f"SELECT ?c ?l WHERE {{ ?c a <{SKOS}Concept> ; <{SKOS}prefLabel> ?l }}"
    out += [
        Scenario("engine: `concepts`", "pyoxigraph script: parse + SELECT", floor=True, sizes=SIZES,
                 argv=_ox_script(f"for row in s.query({concepts_q!r}):\n    print(*row)\n")),
        Scenario("engine: `concepts`", "revops-graph concepts", sizes=SIZES,
                 argv=lambda p: [*CLI, "concepts", *_data(p)], env={"REVOPS_GRAPH_NO_CACHE": "1"}),
        Scenario("engine: `export --format nt`", "pyoxigraph script: parse + sorted N-Triples", floor=True,
                 sizes=(EMBEDDED, 10_000, 100_000),
                 argv=_ox_script("ts = sorted((q.triple for q in s), key=str)\n"
                                 "sys.stdout.buffer.write(ox.serialize(ts, format=ox.RdfFormat.N_TRIPLES))\n")),
        Scenario("engine: `export --format nt`", "revops-graph export --format nt", sizes=(EMBEDDED, 10_000, 100_000),
                 argv=lambda p: [*CLI, "export", "--format", "nt", *(["--data", str(p)] if p else [])],
                 env={"REVOPS_GRAPH_NO_CACHE": "1"}),
    ]
    out += [
        Scenario("engine: `export --format turtle`", "pyoxigraph script: parse + sorted Turtle", floor=True,
                 sizes=(10_000, 100_000),
                 argv=_ox_script("ts = sorted((q.triple for q in s), key=str)\n"
                                 "sys.stdout.buffer.write(ox.serialize(ts, format=ox.RdfFormat.TURTLE))\n")),
        Scenario("engine: `export --format turtle`", "revops-graph export --format turtle", sizes=(10_000, 100_000),
                 argv=lambda p: [*CLI, "export", "--format", "turtle", *_data(p)], env={"REVOPS_GRAPH_NO_CACHE": "1"}),
    ]
    if oxcli:
        out.append(Scenario("engine: `export --format turtle`", "oxigraph CLI convert (unsorted)", sizes=(10_000, 100_000),
                            argv=lambda p: [oxcli, "convert", "--from-file", str(p), "--to-format", "ttl"]))
        out.append(Scenario("engine: `concepts`", "oxigraph CLI: load + query", argv=_ox_cli_query(oxcli, concepts_q),
                            sizes=SIZES))
        out.append(Scenario("engine: `export --format nt`", "oxigraph CLI convert (unsorted)", sizes=(10_000, 100_000),
                            argv=lambda p: [oxcli, "convert", "--from-file", str(p), "--to-format", "nt"]))
    # The graph analyze measures: the concepts, linked by the relations between them (a link
    # to the scheme, skos:inScheme, is not a relation between concepts: counted, its hub made
    # betweenness a quarter cheaper than on the graph analyze reports on).
    igraph_body = (
        "import igraph as ig\n"
        f"names = sorted({{q.subject.value for q in s.quads_for_pattern(None, ox.NamedNode('{RDF}type'), ox.NamedNode('{SKOS}Concept'))}})\n"
        "ix = {n: i for i, n in enumerate(names)}\n"
        f"rel = [(q.subject.value, q.object.value) for q in s.quads_for_pattern(None, None, None) "
        f"if q.subject.value in ix and q.object.value in ix and q.predicate.value.startswith(('https://w3id.org/revops-graph/ontology#', '{SKOS}'))]\n"
        "g = ig.Graph(n=len(names), edges=[(ix[a], ix[b]) for a, b in rel]).simplify()\n"
        "b = g.betweenness(directed=False); pr = g.pagerank(); cm = g.community_multilevel()\n"
        "print(len(names), max(b, default=0), len(cm))\n"
    )
    out += [
        Scenario("engine: `analyze`", "igraph script: parse + betweenness, PageRank, communities", floor=True,
                 sizes=(10_000,), argv=_ox_script(igraph_body)),
        Scenario("engine: `analyze`", "revops-graph analyze", sizes=(10_000,),
                 argv=lambda p: [*CLI, "analyze", "--data", str(p)], env={"REVOPS_GRAPH_NO_CACHE": "1"}),
    ]
    return out


# -- running -----------------------------------------------------------------------------------

@dataclass
class Outcome:
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


# wait4's ru_maxrss counts the memory a child had before it called exec, and Python starts
# children with vfork, so a child of this script would report at least this script's RSS.
# The launcher is a bare interpreter (-S -I, about 9 MB) that forks, execs the command,
# and writes the command's own wall time and peak RSS to a file.
LAUNCHER = """import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{time.perf_counter() - start} {usage.ru_maxrss}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def spawn(argv: list[str], env: dict[str, str], timeout: float, stdout: Any) -> tuple[float, float, int | None]:
    """Run ``argv``; wall seconds, peak RSS in MB of that process, exit status (None on timeout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".usage") as usage:
        proc = subprocess.Popen([PY, "-S", "-I", "-c", LAUNCHER, usage.name, *argv], env={**os.environ, **env},
                                stdout=stdout, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            code = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return timeout, 0.0, None
        wall, kb = usage.read().split()
        return float(wall), int(kb) / 1024, code


def run_once(sc: Scenario, path: Path | None, timeout: float) -> tuple[float | None, float, str]:
    """One measurement: seconds (None when not available or failed), MB, note."""
    if sc.importtime:
        with tempfile.TemporaryFile("w+") as err:
            proc = subprocess.run([PY, "-X", "importtime", "-c", f"import {sc.importtime}"],
                                  stderr=err, stdout=subprocess.DEVNULL, timeout=timeout, check=False)
            err.seek(0)
            for line in err:
                parts = line.split("|")
                if len(parts) == 3 and parts[2].strip() == sc.importtime:
                    return int(parts[1]) / 1e6, 0.0, ""
        return None, 0.0, f"not importable (exit {proc.returncode})"
    if sc.worker:
        with tempfile.TemporaryFile("w+") as out:
            _, rss, code = spawn([PY, __file__, "--worker", sc.worker, str(path)], sc.env, timeout, out)
            out.seek(0)
            text = out.read()
        if code is None:
            return None, rss, f"timeout after {timeout:.0f} s"
        found = [json.loads(line[len(RESULT):]) for line in text.splitlines() if line.startswith(RESULT)]
        if not found:
            return None, rss, f"failed (exit {code})"
        if "na" in found[-1]:
            return None, rss, found[-1]["na"]
        return found[-1]["seconds"], rss, ""
    if sc.argv:
        wall, rss, code = spawn(sc.argv(path), sc.env, timeout, subprocess.DEVNULL)
        if code is None:
            return None, rss, f"timeout after {timeout:.0f} s"
        if code not in sc.ok_codes:
            return None, rss, f"failed (exit {code})"
        return wall, rss, ""
    return None, 0.0, "not available"


def measure(sc: Scenario, size: int, path: Path | None, repeats: int, timeout: float) -> Outcome:
    outcome = Outcome()
    if sc.warm:
        run_once(sc, path, timeout)
    for _ in range(repeats):
        seconds, rss, note = run_once(sc, path, timeout)
        if seconds is None:
            outcome.note = note
            break
        outcome.seconds.append(seconds)
        outcome.rss_mb.append(rss)
    return outcome


def fmt_size(size: int) -> str:
    return "embedded" if size == EMBEDDED else generate.size_name(size)


def table(rows: list[tuple[Scenario, int, Outcome]]) -> str:
    """A Markdown table, ratios against the floor of the same group and size."""
    floors = {(sc.group, size): o.median for sc, size, o in rows if sc.floor and o.median}
    lines = ["| group | scenario | size | median s | peak RSS MB | ratio to floor |",
             "|---|---|---|---:|---:|---:|"]
    for sc, size, o in rows:
        floor = floors.get((sc.group, size))
        if o.median is None:
            cells = ["—", "—", o.note or "not available"]
        else:
            ratio = "floor" if sc.floor else (f"{o.median / floor:.2f}x" if floor else "—")
            rss = f"{max(o.rss_mb):.0f}" if any(o.rss_mb) else "—"
            cells = [f"{o.median:.3f}", rss, ratio]
        lines.append(f"| {sc.group} | {sc.name} | {fmt_size(size)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def speedups(rows: list[tuple[Scenario, int, Outcome]]) -> list[str]:
    """For groups whose floor is a slow baseline (pyvis's physics): how many times faster each row is."""
    out = []
    for floor_sc, size, floor in rows:
        if floor_sc.floor and floor.median and floor_sc.group.startswith("map ready"):
            for sc, other_size, o in rows:
                if sc.group == floor_sc.group and not sc.floor and other_size == size and o.median:
                    out.append(f"{sc.group}: {sc.name} is {floor.median / o.median:.1f}x faster than {floor_sc.name}")
    return out


def _selected(sc: Scenario, only: list[str] | None) -> bool:
    return not only or any(o.lower() in sc.group.lower() for o in only)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worker", nargs=2, metavar=("SCENARIO", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--sizes", nargs="+", default=["1k", "10k", "100k"], help="concepts: 1k 10k 100k 1M")
    parser.add_argument("--quick", action="store_true", help="1k and 10k only")
    parser.add_argument("--repeats", "-n", type=int, default=3, help="runs per scenario (the median is shown)")
    parser.add_argument("--big-repeats", type=int, default=1, help=f"runs per scenario from {BIG:,} concepts on")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run before it is killed")
    parser.add_argument("--only", nargs="+", help="run the groups whose name contains one of these")
    parser.add_argument("--query-name", help="the named query for the everyday-latency scenario")
    parser.add_argument("--json", type=Path, help="also write the raw measurements here")
    args = parser.parse_args(argv)
    if args.worker:
        worker(*args.worker)
        return 0
    sizes = [generate.parse_size(s) for s in (["1k", "10k"] if args.quick else args.sizes)]
    # Every child caches parses in a folder of this run, never in the user's cache.
    os.environ["XDG_CACHE_HOME"] = cache_home = tempfile.mkdtemp(prefix="bench-cache-")
    try:
        rows = run_all(args, sizes)
    finally:
        shutil.rmtree(cache_home, ignore_errors=True)
    print(table(rows))
    for line in speedups(rows):
        print(line)
    if args.json:
        args.json.write_text(json.dumps([
            {"group": sc.group, "scenario": sc.name, "size": size, "seconds": o.seconds, "rss_mb": o.rss_mb,
             "note": o.note, "floor": sc.floor} for sc, size, o in rows], indent=2) + "\n")
    return 0


def run_all(args: argparse.Namespace, sizes: list[int]) -> list[tuple[Scenario, int, Outcome]]:
    rows: list[tuple[Scenario, int, Outcome]] = []
    for sc in scenarios(args.query_name):
        if not _selected(sc, args.only):
            continue
        for size in sc.sizes or sizes:
            if sc.max_size and size > sc.max_size:
                continue
            path = generate.ensure(size) if size != EMBEDDED else None
            repeats = sc.repeats or (args.big_repeats if size >= BIG else args.repeats)
            outcome = measure(sc, size, path, repeats, args.timeout)
            rows.append((sc, size, outcome))
            shown = f"{outcome.median:.3f} s" if outcome.median is not None else outcome.note
            print(f"  {sc.group} / {sc.name} / {fmt_size(size)}: {shown}", file=sys.stderr, flush=True)
    return rows


if __name__ == "__main__":
    sys.exit(main())
