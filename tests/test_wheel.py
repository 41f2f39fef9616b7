"""`pip install .` (a real wheel, not editable) carries the ontology and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO)],
        check=True, capture_output=True,
    )
    [built] = out.glob("revops_graph-*.whl")
    return built


def test_wheel_carries_the_ontology(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("revops_graph/ontology/rog.ttl", "revops_graph/ontology/glossary/concepts.ttl",
                   "revops_graph/ontology/source/revops-glossary.de.txt", "revops_graph/py.typed"):
        assert needed in names


def test_installed_wheel_works_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import revops_graph, sys; from revops_graph import load_glossary; from revops_graph.io import resources; "
            "print(revops_graph.__file__); print(resources.ontology_dir()); "
            "print(load_glossary().find('RCO').label('de'))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    module_file, ontology, label = result.stdout.splitlines()
    assert module_file.startswith(str(target))
    assert ontology.startswith(str(target))
    assert label == "Revenue Cycle Operations"


def test_first_hour_on_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    """What the README leads a new user to type, on an installed copy: the version, -h,
    ``python -m revops_graph``, one path given to load_glossary, a one-line usage error."""
    from revops_graph._version import __version__

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    data = tmp_path / "mine.ttl"
    data.write_bytes((REPO / "tests" / "data" / "analyze" / "base.ttl").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(target)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True)

    assert run("-m", "revops_graph", "--version").stdout == f"revops-graph {__version__}\n"
    assert "Usage:" in run("-m", "revops_graph", "-h").stdout
    loaded = run("-c", "from revops_graph import load_glossary; print(len(load_glossary('mine.ttl').concept_iris))")
    assert loaded.returncode == 0 and int(loaded.stdout) > 0, loaded.stderr
    typo = run("-m", "revops_graph", "exprot")
    assert typo.returncode == 2
    assert typo.stderr.count("\n") == 1 and "Did you mean 'export'" in typo.stderr
