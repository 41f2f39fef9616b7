"""Every command reads the glossary's Oxigraph store; rdflib only at the edges.

Each command runs in a fresh interpreter that records whether the data's rdflib graph
(:attr:`Glossary.graph`) was ever built and whether rdflib was imported at all. The
edges that keep rdflib on purpose are named: Turtle and JSON-LD are written by rdflib's
serializers, and pySHACL validates a small glossary on an rdflib graph.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
ONTOLOGY = str(DATA / "small-ontology.ttl")
BASE, CHANGED = str(DATA / "analyze" / "base.ttl"), str(DATA / "analyze" / "concept-added.ttl")

#: Runs the command line in this interpreter, then reports what it built and imported.
_PROBE = """
import json, sys
from revops_graph.model import glossary as model

built = []
real = model.Glossary.graph

def graph(self):
    if not self.graph_built:
        built.append(1)
    return real.fget(self)

model.Glossary.graph = property(graph)
from revops_graph.cli import main

sys.argv = ["revops-graph", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
sys.stderr.write("\\nPROBE " + json.dumps({"built": len(built), "rdflib": "rdflib" in sys.modules, "code": code}) + "\\n")
"""


def probe(*args: str, tmp: Path) -> dict[str, object]:
    """What running ``revops-graph *args`` built and imported, and its exit code."""
    env = {**os.environ, "REVOPS_GRAPH_NO_CACHE": "1"}
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          timeout=300, cwd=tmp, env=env)
    line = next((x for x in done.stderr.splitlines() if x.startswith("PROBE ")), None)
    assert line is not None, done.stderr
    return json.loads(line.removeprefix("PROBE "))


STORE_COMMANDS = {
    "concepts": ["concepts"],
    "query": ["query", "parts", "--param", "concept=RevOps"],
    "export-nt": ["export", "--format", "nt"],
    "export-graphml": ["export", "--format", "graphml"],
    "analyze": ["analyze"],
    "lint": ["lint"],
    "lint-ontology": ["lint", "--data", ONTOLOGY],
    "map": ["map", "-o", "map.html"],
    "map-ontology": ["map", "--data", ONTOLOGY, "-o", "map.html"],
    "diff": ["diff", BASE, CHANGED],
    "diff-same": ["diff", BASE, BASE],
    "site": ["site", "-o", "site"],
    "site-lang": ["site", "-o", "site", "--lang", "ja,de"],
    "export-table": ["export-table", "-o", "table.csv"],
    "explain": ["explain", "CRM", "RevOps"],  # a source sentence's line is read from the store
    "metric": ["metric", "--list"],
}


@pytest.mark.parametrize("name", sorted(STORE_COMMANDS))
def test_command_builds_no_rdflib_graph_of_the_data(name: str, tmp_path: Path) -> None:
    found = probe(*STORE_COMMANDS[name], tmp=tmp_path)
    assert found["code"] in (0, 1, None), found  # diff answers 1 for "they differ"
    assert found["built"] == 0, f"{name} built the rdflib graph of the data"


@pytest.mark.parametrize("args", [["validate"], ["build", "-o", "out"]])
def test_shacl_is_an_edge_that_still_builds_the_graph(args: list[str], tmp_path: Path) -> None:
    # a check that the probe sees a build at all: without it the test above could not fail
    assert probe(*args, tmp=tmp_path)["built"] == 1


# -- the on-disk store: a query process only where a --timeout must be enforced ----------

#: Runs the command line, counting the processes it starts (each still started for real).
_SPAWNS = """
import subprocess, sys
started = []
real = subprocess.Popen.__init__

def init(self, args, *a, **k):
    started.append(args)
    real(self, args, *a, **k)

subprocess.Popen.__init__ = init
from revops_graph.cli import main

sys.argv = ["revops-graph", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\nSTARTED %d\\n" % len(started))
"""


@pytest.fixture(scope="module")
def disk_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from revops_graph.store import OxigraphStore

    path = tmp_path_factory.mktemp("disk") / "store"
    OxigraphStore(path).close()  # loaded once: the commands below only query it
    return path


@pytest.mark.parametrize(("timeout", "processes"), [([], 0), (["--timeout", "30"], 1)], ids=["default", "given"])
def test_a_disk_store_query_starts_a_process_only_for_a_given_timeout(
    disk_store: Path, timeout: list[str], processes: int, tmp_path: Path,
) -> None:
    args = ["query", "parts", "--param", "concept=RevOps", "--format", "csv", "--store", f"oxigraph:{disk_store}", *timeout]
    done = subprocess.run([sys.executable, "-c", _SPAWNS, *args], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert "Customer success" in done.stdout, done.stderr
    assert f"STARTED {processes}" in done.stderr


def test_in_process_and_query_process_answer_alike(disk_store: Path) -> None:
    from revops_graph.errors import QueryError
    from revops_graph.query import named_queries, select
    from revops_graph.store import OxigraphStore

    isolated, here = OxigraphStore(disk_store), OxigraphStore(disk_store, isolate=False)
    try:
        for name, query in sorted(named_queries().items()):
            if any(p.default is None for p in query.params):
                continue
            rows = [select(store, query, {}) for store in (isolated, here)]
            assert [list(map(str, r)) for r in rows[0]] == [list(map(str, r)) for r in rows[1]], name
        messages = []
        for store in (isolated, here):
            with pytest.raises(QueryError) as caught:
                store.execute("SELECT * WHERE { ?s ?p }", "SELECT", {}, 30)
            messages.append(str(caught.value))
        assert messages[0] == messages[1]
    finally:
        isolated.close()
        here.close()


_ENDLESS = """
import sys, time
from revops_graph.errors import QueryError
from revops_graph.store import OxigraphStore
store = OxigraphStore(sys.argv[1], isolate=False)
started = time.monotonic()
try:
    store.execute("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "SELECT", {}, 1)
except QueryError as exc:
    print(exc, round(time.monotonic() - started))
"""


def test_in_process_the_limit_ends_the_wait_and_exiting_ends_the_query(disk_store: Path) -> None:
    # In a subprocess: the abandoned query runs on until its process exits, which must be at once.
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _ENDLESS, str(disk_store)], capture_output=True, text=True, timeout=60)
    assert "query exceeded 1 s and was stopped" in done.stdout, done.stderr
    assert time.monotonic() - started < 30  # the query alone would take hours


def test_the_store_view_reads_like_an_rdflib_graph() -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS, SKOS

    from revops_graph.model import load_glossary

    glossary = load_glossary()
    view, graph = glossary.view, load_glossary().graph  # a second glossary: the first builds no graph
    crm = glossary.find("CRM").iri
    assert sorted(view.objects(crm, SKOS.prefLabel)) == sorted(graph.objects(crm, SKOS.prefLabel))
    assert sorted(view.subject_objects(SKOS.broader)) == sorted(graph.subject_objects(SKOS.broader))
    assert ((crm, None, None) in view) and ((crm, RDFS.label, Literal("no such label")) not in view)
    assert len(view) == len(graph) and sorted(view) == sorted(graph)
    assert list(view.objects(URIRef("not/an/absolute/iri"), RDFS.label)) == []  # as rdflib: nothing, no error
    assert view.namespace_manager.curie(str(crm), generate=False) == graph.namespace_manager.curie(str(crm), generate=False)
    assert not glossary.graph_built
