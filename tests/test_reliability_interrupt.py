"""Ctrl-C at any moment of a real ``revops-graph`` process: one line, exit 130.

``-X importtime`` makes the process report each import as it finishes; the signal is
sent a set time after the package has imported its first module (``errors``), so it lands
while the command line is still importing typer, rich and the commands, or later while
the command works. (Before the package's first line the interpreter itself is
starting: a signal there is Python's own business.)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[1] / "src")
MESSAGE = "error: interrupted; every output is either as before or complete, none half-written"


def _sigint(disposition: signal.Handlers) -> Callable[[], None]:
    # The child starts with SIGINT at ``disposition`` whatever this process has: a test run
    # started in the background of a script inherits SIGINT ignored, and so would the child.
    def set_it() -> None:
        signal.signal(signal.SIGINT, disposition)
    return set_it


def _build_interrupted(delay: float, out: Path, disposition: signal.Handlers = signal.SIG_DFL) -> tuple[int, list[str]]:
    """Start ``build``, send SIGINT ``delay`` s after the package's first module is imported:
    its exit code and what it said on stderr (import times left out)."""
    proc = subprocess.Popen(
        # build: seconds of loading, checking and writing, so every delay lands in it
        [sys.executable, "-X", "importtime", "-m", "revops_graph.cli", "build", "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": SRC, "REVOPS_GRAPH_NO_CACHE": "1"},
        preexec_fn=_sigint(disposition),
    )
    assert proc.stderr is not None
    early = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stderr.readline()
            early.append(line)
            if not line or line.rstrip().endswith("revops_graph.errors"):
                break
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        rest = proc.stderr.read()  # the same buffered reader: communicate() would skip its buffer
        proc.wait(60)
    finally:
        proc.kill()
        proc.wait(10)
    said = [line.rstrip("\n") for line in (early + rest.splitlines()) if line.strip() and not line.startswith("import time:")]
    return proc.returncode, said


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8])
def test_sigint_while_starting_or_working_is_one_line_and_130(delay: float, tmp_path: Path) -> None:
    code, said = _build_interrupted(delay, tmp_path / "out")
    if code == 0:
        pytest.skip(f"the command finished within {delay} s")  # nothing left to interrupt
    assert said == [MESSAGE], said
    assert code == 130
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.3])
def test_a_process_started_with_sigint_ignored_keeps_ignoring_it(delay: float, tmp_path: Path) -> None:
    # A script's background job inherits SIGINT ignored, so that Ctrl-C on the script spares
    # it (POSIX shells; Python keeps the disposition): starting or working, build goes on.
    code, said = _build_interrupted(delay, tmp_path / "out", signal.SIG_IGN)
    assert code == 0, said
    assert (tmp_path / "out").is_dir() and any((tmp_path / "out").iterdir())
