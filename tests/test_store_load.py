"""The Oxigraph store loads files straight with pyoxigraph: same graph, screened, with progress.

The store path never builds an rdflib graph of the data; these tests compare what it
holds with what the in-memory loader reads, and run the bad-input corpus through it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from revops_graph.io import resources
from revops_graph.store import oxigraph as store_module
from revops_graph.errors import InputError, QueryError
from revops_graph.io.loader import load_files
from revops_graph.query import ask, construct, select
from revops_graph.store import OxigraphStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
from test_bad_input import BAD, EXPECTED, _cli, assert_one_line_error  # noqa: E402

ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def generated_1k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate.generate(1000, formats=("ttl",), data_dir=tmp_path_factory.mktemp("gen"))["ttl"]


def _held(store: OxigraphStore):
    try:
        return construct(store, ALL)
    finally:
        store.close()


@pytest.mark.parametrize("which", ["embedded", "generated 1k"])
def test_store_holds_the_same_graph_as_the_rdflib_loader(which, generated_1k, tmp_path):
    files = resources.glossary_files() if which == "embedded" else [generated_1k]
    held = _held(OxigraphStore(tmp_path / "store", files))
    expected = load_files(files)
    assert len(held) == len(expected) > 1000
    assert isomorphic(held, expected)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_blank_nodes_of_different_files_stay_apart(tmp_path):
    # bulk_load names blank nodes afresh on every call, so _:b1 of two files is two nodes,
    # as the in-memory loader scopes them by file.
    a = _write(tmp_path / "a.ttl", '_:b1 <urn:x:p> "a" .\n')
    b = _write(tmp_path / "b.ttl", '_:b1 <urn:x:p> "b" .\n')
    store = OxigraphStore(tmp_path / "store", [a, b])
    rows = select(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s <urn:x:p> ?o }")
    store.close()
    assert int(rows[0].n) == 2 == len(set(load_files([a, b]).subjects()))


def test_named_graphs_join_the_default_graph_and_blank_nodes_stay_apart(tmp_path):
    trig = _write(tmp_path / "a.trig", '<urn:x:g> { _:b1 <urn:x:p> "in a graph" . }\n_:b1 <urn:x:p> "default" .\n')
    nq = _write(tmp_path / "b.nq", '_:b1 <urn:x:p> "quad" <urn:x:h> .\n')
    store = OxigraphStore(tmp_path / "store", [trig, nq])
    count = int(select(store, COUNT)[0].n)
    subjects = int(select(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")[0].n)
    graphs = int(select(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0].n)
    store.close()
    expected = load_files([trig, nq])
    assert count == len(expected) == 3
    assert subjects == len(set(expected.subjects()))
    assert graphs == 1  # only the store's own bookkeeping graph is left


def test_progress_is_monotone_and_ends_at_the_total(tmp_path, generated_1k, monkeypatch):
    monkeypatch.setattr(store_module, "_PROGRESS_EVERY", 64 * 1024)
    bom = tmp_path / "bom.ttl"
    bom.write_bytes(b"\xef\xbb\xbf<urn:x:a> <urn:x:p> <urn:x:b> .\n")
    files = [*resources.glossary_files(), generated_1k, bom]
    total = sum(p.stat().st_size for p in files)
    calls: list[tuple[int, int]] = []
    store = OxigraphStore(tmp_path / "store", files, progress=lambda done, all_: calls.append((done, all_)))
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    done = [d for d, _ in calls]
    assert done == sorted(done)
    assert {t for _, t in calls} == {total}
    assert len([d for d in done if 0 < d < total]) >= generated_1k.stat().st_size // (64 * 1024) - 1
    assert ask(store, "ASK { <urn:x:a> <urn:x:p> <urn:x:b> }")  # the byte-order mark was skipped
    store.close()
    calls.clear()
    OxigraphStore(tmp_path / "store", files, progress=lambda d, t: calls.append((d, t))).close()
    assert calls == []  # reused: nothing to load, no progress


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_in_the_store_path_is_one_input_error(name, tmp_path):
    line, words = EXPECTED[name]
    if name == "only-prefixes.ttl":
        words = "no RDF statements"  # checked for all files together in the store
    with pytest.raises(InputError) as caught:
        OxigraphStore(tmp_path / "store", [BAD / name])
    message = str(caught.value)
    assert "\n" not in message and words in message and name in message
    if line is not None:
        assert caught.value.line == line and f"{name}:{line}:" in message


@pytest.mark.parametrize("name", ["truncated.ttl", "billion-laughs.rdf", "xxe.rdf", "wrong-encoding.ttl"])
def test_bad_file_in_the_store_command_is_one_line_exit_2(name, tmp_path):
    result = subprocess.run(
        [*_cli(), "query", "-", "--store", f"oxigraph:{tmp_path / 'store'}", "--data", str(BAD / name)],
        input="ASK { ?s ?p ?o }", capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert_one_line_error(result.stderr, BAD / name, *EXPECTED[name])


def test_a_failed_load_is_redone_not_reused(tmp_path):
    good = _write(tmp_path / "g.ttl", "<urn:x:a> <urn:x:p> <urn:x:b> .\n")
    bad = _write(tmp_path / "b.ttl", "<urn:x:a> <urn:x:p> .\n")
    with pytest.raises(InputError):
        OxigraphStore(tmp_path / "store", [good, bad])
    with pytest.raises(InputError):
        OxigraphStore(tmp_path / "store", [good, bad])  # the digest was never written
    bad.write_text("<urn:x:c> <urn:x:p> <urn:x:d> .\n")
    fixed = OxigraphStore(tmp_path / "store", [good, bad])
    assert fixed.reloaded and int(select(fixed, COUNT)[0].n) == 2
    fixed.close()


def test_a_store_in_a_new_folder_is_made_and_a_locked_one_is_named(tmp_path, monkeypatch):
    location = tmp_path / "not" / "yet" / "store"
    store = OxigraphStore(location, resources.glossary_files())
    assert store.reloaded and location.is_dir()
    import pyoxigraph as ox

    from revops_graph.store import oxigraph

    holder = ox.Store(str(location))  # another writer holds RocksDB's lock
    reused = OxigraphStore(location, resources.glossary_files())  # a reader does not need it
    assert not reused.reloaded
    reused.close()
    monkeypatch.setattr(oxigraph, "LOCK_WAIT", 0.3)
    other = tmp_path / "other.ttl"
    other.write_text("<urn:x:a> <urn:x:p> <urn:x:b> .\n")
    with pytest.raises(InputError, match=r"another process is writing to it \(waited 0.3 s\)"):
        OxigraphStore(location, [other])  # a reload does, and waits only so long
    del holder
    store.close()


def test_queries_share_one_process_and_a_timeout_replaces_it(tmp_path):
    store = OxigraphStore(tmp_path / "store", resources.glossary_files())
    first = int(select(store, COUNT)[0].n)
    process = store._worker.process
    assert process is not None and int(select(store, COUNT)[0].n) == first
    assert store._worker.process is process  # kept between queries
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryError, match="exceeded"):
        select(store, endless, timeout=0.5)
    assert process.poll() is not None  # killed at the limit
    assert int(select(store, COUNT)[0].n) == first  # a new one answers
    store.close()


PROBE = """
import json, sys
import rdflib
from revops_graph.io import loader

def refuse(*args, **kwargs):
    raise AssertionError("parsed with rdflib")

rdflib.Graph.parse = refuse
if sys.argv[1] == "oxigraph":
    loader.load_files = refuse  # the memory store is the control: it must parse
from revops_graph.cli import app
try:
    app(["query", "concepts-by-kind", "-p", "kind=rog:Tool", "--format", "csv", *sys.argv[2:]],
        standalone_mode=False)
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("rdflib.plugins.parsers", "revops_graph")))))
"""


def test_the_store_query_path_never_parses_data_with_rdflib(tmp_path):
    def modules(*args: str) -> list[str]:
        done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.strip().splitlines()
        assert "Customer" in done.stdout or len(lines) > 2  # the query printed rows
        return json.loads(lines[-1])

    store_run = modules("oxigraph", "--store", f"oxigraph:{tmp_path / 'store'}")
    assert not [m for m in store_run if m.startswith("rdflib.plugins.parsers")]
    assert "revops_graph.model" not in store_run and "revops_graph.cache" not in store_run
    memory_run = modules("memory")
    assert "revops_graph.model" in memory_run  # the probe sees a parse when there is one


# -- export from the store -------------------------------------------------------------


def test_store_export_gives_the_bytes_of_the_in_memory_export(tmp_path, generated_1k, monkeypatch):
    from revops_graph.export import formats as export
    from revops_graph.model import load_glossary

    embedded = OxigraphStore(tmp_path / "embedded", resources.glossary_files())
    assert embedded.export("nt") == export.serialize(load_glossary(), "nt")
    monkeypatch.setattr(export, "TURTLE_STREAM_THRESHOLD", 0)  # the big-graph layout at any size
    generated = OxigraphStore(tmp_path / "generated", [generated_1k])
    assert generated.export("turtle") == export.serialize(load_glossary([generated_1k]), "turtle")


def test_store_export_is_the_same_across_loads_with_blank_nodes(tmp_path):
    from rdflib import Graph

    doc = _write(tmp_path / "b.ttl", "@prefix ex: <http://example.org/> .\n"
                 'ex:a ex:p [ ex:q "1" ; ex:r [ ex:q "2" ] ] , [ ex:q "3" ] .\n_:x ex:q "4" .\n')
    first = OxigraphStore(tmp_path / "one", [doc]).export("turtle")
    second = OxigraphStore(tmp_path / "two", [doc]).export("turtle")
    assert first == second
    assert first.startswith(b"@prefix ex: <http://example.org/> .")
    assert isomorphic(Graph().parse(data=first, format="turtle"), load_files([doc]))


def test_export_command_from_the_store_never_touches_rdflib_graphs(tmp_path):
    probe = (
        "import sys, rdflib\n"
        "def refuse(*a, **k): raise AssertionError('rdflib graph used')\n"
        "rdflib.Graph.parse = rdflib.Graph.serialize = rdflib.Graph.add = refuse\n"
        "from revops_graph.cli import app\n"
        "try:\n    app(sys.argv[1:], standalone_mode=False)\nexcept SystemExit as exc:\n    assert not exc.code\n"
        "assert 'revops_graph.export' not in sys.modules and 'revops_graph.model' not in sys.modules\n"
    )
    out = tmp_path / "out.nt"
    args = ["export", "--store", f"oxigraph:{tmp_path / 'store'}", "--format", "nt", "--output", str(out)]
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    memory = subprocess.run([*_cli(), "export", "--format", "nt"], capture_output=True, timeout=120, check=True)
    assert out.read_bytes() == memory.stdout
