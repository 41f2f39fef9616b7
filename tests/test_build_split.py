"""``build`` draws a large vocabulary's map in a second process: the same bytes as one
process, and a failure there leaves the previous outputs, with no process left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fork_fixtures import counted_forks, gone
from typer.testing import CliRunner

from revops_graph import render
from revops_graph.cli import app, core

if not hasattr(os, "fork"):
    pytest.skip("the map is drawn by the same process where there is no fork", allow_module_level=True)


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """Split every build, however small; the ids of the second processes forked."""
    monkeypatch.setattr(core, "BUILD_SPLIT_TRIPLES", 0)
    return counted_forks(monkeypatch)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_map_drawn_by_a_second_process_has_the_bytes_of_one(tmp_path, monkeypatch, forks) -> None:
    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path / "two")])
    assert result.exit_code == 0, result.output
    assert len(forks) == 1 and gone(forks[0])
    monkeypatch.setattr(core, "BUILD_SPLIT_TRIPLES", 10**12)
    assert CliRunner().invoke(app, ["build", "--out", str(tmp_path / "one")]).exit_code == 0
    assert len(forks) == 1
    assert _snapshot(tmp_path / "two") == _snapshot(tmp_path / "one")


def test_a_failed_map_leaves_the_previous_outputs(tmp_path, monkeypatch, forks) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["build", "--out", str(out)]).exit_code == 0
    before = _snapshot(out)

    def broken(*args, **kwargs):
        raise RuntimeError("the map broke")

    monkeypatch.setattr(render, "render_map", broken)
    result = CliRunner().invoke(app, ["build", "--out", str(out)])
    assert isinstance(result.exception, RuntimeError) and "the map broke" in str(result.exception)
    assert _snapshot(out) == before  # no temporary file left either
    assert len(forks) == 2 and all(gone(pid) for pid in forks)
