"""The Oxigraph query process never outlives its command, and stops itself at the limit."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from revops_graph.store import OxigraphStore

# A cross product of the whole glossary three times over: hours of work for Oxigraph.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

WORKER = Path(__file__).resolve().parents[1] / "src" / "revops_graph" / "store" / "_oxworker.py"


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.05)
    return not _alive(pid)


@pytest.fixture()
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    OxigraphStore(path).close()  # loaded once, so the command starts its query at once
    return path


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "term"])
def test_the_query_process_dies_with_the_command(store_path: Path, signum: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(WORKER.parents[2])}
    cli = subprocess.Popen(
        [sys.executable, "-m", "revops_graph.cli", "query", "-", "--store", f"oxigraph:{store_path}", "--timeout", "600"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    assert cli.stdin is not None
    cli.stdin.write(ENDLESS.encode())
    cli.stdin.close()
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not workers and time.monotonic() < deadline and cli.poll() is None:
            workers = _children(cli.pid)
            time.sleep(0.05)
        assert workers, "the query process did not start"
        time.sleep(1.0)  # well inside the query now
        cli.send_signal(signum)
        cli.wait(30)
        assert _wait_gone(workers[0], 5), "the query process outlived its command"
    finally:
        for pid in [cli.pid, *workers]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        cli.wait(10)


def test_the_query_process_stops_itself_after_the_limit(store_path: Path) -> None:
    """Even with its parent alive but not watching, a query ends a little after its limit."""
    worker = subprocess.Popen(
        [sys.executable, "-I", str(WORKER), str(store_path), str(os.getpid())],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )
    try:
        assert worker.stdin is not None
        body = json.dumps({"query": ENDLESS, "form": "SELECT", "substitutions": {}, "timeout": 1}).encode()
        worker.stdin.write(len(body).to_bytes(8, "big") + body)
        worker.stdin.flush()
        started = time.monotonic()
        code = worker.wait(20)
        assert time.monotonic() - started < 10
        assert code == -signal.SIGALRM
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.wait(10)


# Opens the store and queries it again and again: what many `query --store` runs do.
_READER = """
import sys
from revops_graph.query import select
from revops_graph.store import OxigraphStore
for _ in range(int(sys.argv[2])):
    store = OxigraphStore(sys.argv[1])
    rows = select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=30)
    store.close()
print(rows[0].n)
"""


def test_readers_of_one_store_do_not_block_each_other(store_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(WORKER.parents[2])}
    readers = [subprocess.Popen([sys.executable, "-c", _READER, str(store_path), "12"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    outcomes = []
    try:
        for reader in readers:
            out, err = reader.communicate(timeout=240)
            outcomes.append((reader.returncode, out.strip(), err.strip()[-300:]))
    finally:
        for reader in readers:
            reader.kill()
            reader.wait(10)
    assert [code for code, _, _ in outcomes] == [0] * 4, outcomes
    assert len({count for _, count, _ in outcomes}) == 1  # the same answer: the store is intact


_HOLDER = """
import sys, time, pyoxigraph as ox
store = ox.Store(sys.argv[1])  # a reload in progress: it holds the writer lock
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_a_reload_waits_for_another_processs_reload(store_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.ttl"
    other.write_text("<urn:x:a> <urn:x:p> <urn:x:b> .\n")
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(store_path), "1.5"], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"holding"
        started = time.monotonic()
        store = OxigraphStore(store_path, [other])
        assert store.reloaded and time.monotonic() - started > 0.5
        store.close()
    finally:
        holder.kill()
        holder.wait(10)
