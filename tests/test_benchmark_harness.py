"""The benchmark generator makes realistic, deterministic glossaries; the runner measures honestly."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import run  # noqa: E402

ROG = generate.ROG
SKOS = generate.SKOS


def _store(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def _rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(query)]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return generate.generate(500, seed=7, data_dir=tmp_path_factory.mktemp("gen"))


def test_sizes_parse_and_print() -> None:
    assert [generate.parse_size(s) for s in ("1k", "10k", "100k", "1M", "2500")] == [1000, 10000, 100000, 1000000, 2500]
    assert [generate.size_name(n) for n in (1000, 1000000, 2500)] == ["1k", "1M", "2500"]


def test_same_seed_same_bytes_other_seed_other_graph(tmp_path: Path, small: dict[str, Path]) -> None:
    again = generate.generate(500, seed=7, data_dir=tmp_path)
    other = generate.generate(500, seed=8, data_dir=tmp_path / "other")
    assert again["ttl"].read_bytes() == small["ttl"].read_bytes()
    assert again["nt"].read_bytes() == small["nt"].read_bytes()
    assert other["ttl"].read_bytes() != small["ttl"].read_bytes()


def test_turtle_and_ntriples_hold_the_same_graph(small: dict[str, Path]) -> None:
    ttl = {str(t) for t in ox.parse(path=str(small["ttl"]), format=ox.RdfFormat.TURTLE)}
    nt = {str(t) for t in ox.parse(path=str(small["nt"]), format=ox.RdfFormat.N_TRIPLES)}
    assert ttl == nt
    assert 11 * 500 < len(ttl) < 15 * 500  # about 12.8 triples per concept


def test_every_concept_is_bilingual_typed_and_defined(small: dict[str, Path]) -> None:
    store = _store(small["ttl"])
    (n,) = _rows(store, f"SELECT (COUNT(?c) AS ?n) WHERE {{ ?c a <{SKOS}Concept> }}")[0]
    assert int(n) == 500
    for lang in ("de", "en"):
        labels = _rows(store, f'SELECT ?l WHERE {{ ?c <{SKOS}prefLabel> ?l FILTER(LANG(?l) = "{lang}") ?c a <{SKOS}Concept> }}')
        assert len(labels) == 500 and len(set(labels)) == 500, lang  # one each, all distinct
        defs = _rows(store, f'SELECT DISTINCT ?c WHERE {{ ?c <{SKOS}definition> ?d FILTER(LANG(?d) = "{lang}") }}')
        assert len(defs) == 500, lang
    kinds = _rows(store, f"SELECT ?c ?k WHERE {{ ?c a <{SKOS}Concept> ; a ?k FILTER(STRSTARTS(STR(?k), '{ROG}')) }}")
    assert len(kinds) == 500 and len({k for _, k in kinds}) >= 8
    assert _rows(store, f"SELECT ?c WHERE {{ ?c <{SKOS}altLabel> ?a }} LIMIT 1")


def test_relations_are_typed_heavy_tailed_and_some_reified(small: dict[str, Path]) -> None:
    store = _store(small["ttl"])
    forward = {f"{ROG}{name}" for name in generate._REL_NAMES}
    edges = _rows(store, f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o . ?s a <{SKOS}Concept> . ?o a <{SKOS}Concept> }}")
    assert edges and {p for _, p, _ in edges} <= forward
    assert len({p for _, p, _ in edges}) >= 10
    indegree = Counter(o for _, _, o in edges)
    mean = len(edges) / 500
    assert max(indegree.values()) > 10 * mean  # hubs, as in real glossaries
    statements = _rows(store, f"""SELECT ?st ?s ?p ?o ?src WHERE {{
        ?st a <{generate.RDF}Statement> ; <{generate.RDF}subject> ?s ; <{generate.RDF}predicate> ?p ;
            <{generate.RDF}object> ?o ; <{ROG}statedIn> ?src . ?src a <{ROG}SourceSentence> }}""")
    assert statements
    assert all((s, p, o) in set(edges) for _, s, p, o, _ in statements)  # they reify asserted triples


def test_the_model_reads_a_generated_glossary(small: dict[str, Path]) -> None:
    from revops_graph.model import load_glossary
    from revops_graph.checks.validate import basic_checks

    glossary = load_glossary([small["ttl"]])
    assert len(glossary.concept_iris) == 500
    assert basic_checks(glossary) == []
    hub = glossary.concept(generate.concept_iri(0))
    assert len(glossary.incoming(hub)) > 10


def test_generation_streams(tmp_path: Path) -> None:
    peaks = []
    for n in (1_000, 10_000):
        tracemalloc.start()
        generate.generate(n, formats=("ttl",), data_dir=tmp_path)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 2 * peaks[0], peaks  # ten times the concepts, not ten times the memory


# -- the runner --------------------------------------------------------------------------------

def test_peak_rss_is_the_child_own() -> None:
    _, idle, code = run.spawn([sys.executable, "-c", "pass"], {}, 60, subprocess.DEVNULL)
    _, big, _ = run.spawn([sys.executable, "-c", "b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096])"],
                          {}, 60, subprocess.DEVNULL)
    assert code == 0
    assert idle < 40  # not this test process's memory
    assert big > 300 > idle


def test_timeout_kills_the_run() -> None:
    wall, _, code = run.spawn([sys.executable, "-c", "import time; time.sleep(30)"], {}, 0.5, subprocess.DEVNULL)
    assert code is None and wall == 0.5


def test_table_gives_ratios_against_the_floor_of_the_same_size() -> None:
    floor = run.Scenario("g", "raw", floor=True)
    ours = run.Scenario("g", "ours")
    missing = run.Scenario("g", "later")
    rows = [
        (floor, 1000, run.Outcome([1.0, 2.0, 9.0], [10.0, 12.0, 11.0])),
        (ours, 1000, run.Outcome([3.0, 3.0, 100.0], [50.0, 60.0, 55.0])),
        (ours, 10000, run.Outcome([4.0], [70.0])),
        (missing, 1000, run.Outcome(note="revops_graph.x not available")),
    ]
    lines = run.table(rows).splitlines()
    assert lines[2] == "| g | raw | 1k | 2.000 | 12 | floor |"
    assert lines[3] == "| g | ours | 1k | 3.000 | 60 | 1.50x |"
    assert lines[4] == "| g | ours | 10k | 4.000 | 70 | — |"  # no floor measured at 10k
    assert lines[5] == "| g | later | 1k | — | — | revops_graph.x not available |"


def test_placeholders_report_missing_apis(tmp_path: Path) -> None:
    path = generate.generate(50, formats=("ttl",), data_dir=tmp_path)["ttl"]
    scenario = run.Scenario("store load", "store", "store_oxigraph")
    try:
        import revops_graph.store as store  # noqa: F401

        has_store = hasattr(store, "OxigraphStore")
    except ImportError:
        has_store = False
    seconds, _, note = run.run_once(scenario, path, 120)
    if has_store:
        assert seconds is not None or "not available" not in note
    else:
        assert seconds is None and note.endswith("not available")


def test_a_worker_scenario_measures_its_own_work(tmp_path: Path) -> None:
    path = generate.generate(200, formats=("ttl",), data_dir=tmp_path)["ttl"]
    outcome = run.measure(run.Scenario("parse turtle", "raw", "parse_oxigraph"), 200, path, 2, 120)
    assert len(outcome.seconds) == 2 and all(0 < s < 30 for s in outcome.seconds)
    assert all(rss > 5 for rss in outcome.rss_mb)


def test_named_query_scenario_appears_once_the_query_command_exists() -> None:
    names = [sc.group for sc in run.scenarios()]
    has_query = run._cli_has("query") and run._named_queries()
    assert any(g.startswith("`query") for g in names)
    assert any(g == "`query NAME`" for g in names) != bool(has_query)


_WORKERS = sorted({sc.worker for sc in run.scenarios() if sc.worker and sc.group != "map ready in Chromium"})


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate.generate(60, formats=("ttl",), data_dir=tmp_path_factory.mktemp("tiny"))["ttl"]


@pytest.mark.parametrize("worker", _WORKERS)
def test_every_worker_runs_against_the_current_api(worker: str, tiny: Path) -> None:
    # a worker whose call no longer fits the library reports "failed: ..." instead of a time,
    # and a table would show a dash where a figure belongs
    seconds, _, note = run.run_once(run.Scenario("g", worker, worker), tiny, 120)
    assert seconds is not None, note
