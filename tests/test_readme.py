"""The README's two set-up commands stay true: CI runs the test command verbatim."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _setup_commands() -> list[str]:
    block = re.search(r"## Set up and run.*?```sh\n(.*?)```", (REPO / "README.md").read_text(), re.S)
    assert block, "README has no set-up block"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_has_two_commands_main_job_then_tests() -> None:
    main_job, tests = _setup_commands()
    assert main_job.endswith("revops-graph build")
    assert tests.endswith("-m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = _setup_commands()
    ci = (REPO / ".ci" / "run").read_text()
    assert tests in ci.splitlines()
