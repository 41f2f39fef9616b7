"""The benchmark runner's map-in-the-browser rows: the speed-up line and the scenario entries."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

import run  # noqa: E402


def _row(name: str, seconds: list[float], floor: bool = False):
    sc = run.Scenario("map ready in Chromium", name, "x", floor=floor, sizes=(10_000,))
    return sc, 10_000, run.Outcome(seconds=seconds)


def test_speedup_divides_the_baseline_by_each_row():
    rows = [_row("pyvis", [150.0], floor=True), _row("ours", [5.0, 6.0, 7.0])]
    assert run.speedups(rows) == ["map ready in Chromium: ours is 25.0x faster than pyvis"]


def test_no_speedup_without_a_measured_baseline():
    assert run.speedups([_row("pyvis", [], floor=True), _row("ours", [5.0])]) == []


def test_map_scenarios_are_entries_with_the_baseline_as_floor():
    group = [sc for sc in run.scenarios() if sc.group == "map ready in Chromium"]
    assert [(sc.worker, sc.floor) for sc in group] == [
        ("pyvis_default_physics", True), ("bare_sigma_ready", False), ("map_browser", False), ("map_browser", False)]
    assert all(hasattr(run, f"w_{sc.worker}") for sc in group)
    assert group[0].repeats == 1  # minutes per run: once is enough
