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
}


@pytest.mark.parametrize("name", sorted(STORE_COMMANDS))
def test_command_builds_no_rdflib_graph_of_the_data(name: str, tmp_path: Path) -> None:
    found = probe(*STORE_COMMANDS[name], tmp=tmp_path)
    assert found["code"] in (0, 1, None), found  # diff answers 1 for "they differ"
    assert found["built"] == 0, f"{name} built the rdflib graph of the data"


@pytest.mark.parametrize("args", [["export", "--format", "turtle"], ["export", "--format", "jsonld"]])
def test_rdflib_serializers_are_an_edge_that_still_builds_the_graph(args: list[str], tmp_path: Path) -> None:
    # a check that the probe sees a build at all: without it the test above could not fail
    assert probe(*args, tmp=tmp_path)["built"] == 1
