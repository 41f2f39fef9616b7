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
from pathlib import Path

import pytest

SRC = str(Path(__file__).resolve().parents[1] / "src")
MESSAGE = "error: interrupted; every output is either as before or complete, none half-written"


@pytest.mark.parametrize("delay", [0.0, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8])
def test_sigint_while_starting_or_working_is_one_line_and_130(delay: float, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        # build: seconds of loading, checking and writing, so every delay lands in it
        [sys.executable, "-X", "importtime", "-m", "revops_graph.cli", "build", "--out", str(tmp_path / "out")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": SRC, "REVOPS_GRAPH_NO_CACHE": "1"},
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
    if proc.returncode == 0:
        pytest.skip(f"the command finished within {delay} s")  # nothing left to interrupt
    assert said == [MESSAGE], said
    assert proc.returncode == 130
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
