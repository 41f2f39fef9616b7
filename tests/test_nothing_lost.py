"""Nothing lost: failed or interrupted writes leave the previous outputs byte-identical.

A serializer raising after the first output is staged, a disk error while staging, a
SIGINT sent to a real ``revops-graph build`` process while it writes, and an embedded
Oxigraph store whose writer is killed with SIGKILL.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from revops_graph.export import formats as export
from revops_graph.io import files
from revops_graph.cli import app
from revops_graph.cli.core import BUILD_FILES, MAP_FILE
from revops_graph.errors import OutputError

OUTPUTS = sorted([*BUILD_FILES, MAP_FILE])


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding a previous build, which a later run must not damage."""
    out = tmp_path / "outputs"
    out.mkdir()
    for name in OUTPUTS:
        (out / name).write_bytes(f"previous {name}\n".encode())
    return out, _snapshot(out)


def test_serializer_failing_after_first_file_is_staged(monkeypatch: pytest.MonkeyPatch, previous) -> None:
    out, before = previous
    staged: list[Path] = []
    real_stage = files._stage

    def stage(*args: object) -> Path:
        tmp = real_stage(*args)
        staged.append(tmp)
        return tmp

    def broken(glossary):  # noqa: ANN001
        assert staged, "the failure must come after a file was staged"
        raise RuntimeError("serializer broke halfway")

    monkeypatch.setattr(files, "_stage", stage)
    monkeypatch.setitem(export.EXPORT_FORMATS, "nt", broken)
    result = CliRunner().invoke(app, ["build", "--out", str(out)])
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)
    assert staged and not any(p.exists() for p in staged)
    assert _snapshot(out) == before


def test_disk_error_while_staging_is_an_output_error(monkeypatch: pytest.MonkeyPatch, previous) -> None:
    out, before = previous
    calls = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(files.os, "fsync", fsync)
    result = CliRunner().invoke(app, ["build", "--out", str(out)])
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert _snapshot(out) == before


def test_failed_export_keeps_the_previous_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "glossary.ttl"
    target.write_bytes(b"previous export\n")

    def broken(glossary):  # noqa: ANN001
        raise RuntimeError("serializer broke")

    monkeypatch.setitem(export.EXPORT_FORMATS, "turtle", broken)
    result = CliRunner().invoke(app, ["export", "--format", "turtle", "--output", str(target)])
    assert isinstance(result.exception, RuntimeError)
    assert target.read_bytes() == b"previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["glossary.ttl"]


def test_successful_build_replaces_all_and_leaves_no_temp_files(previous) -> None:
    out, before = previous
    result = CliRunner().invoke(app, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    after = _snapshot(out)
    assert sorted(after) == OUTPUTS
    assert all(after[name] != before[name] for name in OUTPUTS)


# A real build process whose staging is slowed down, so SIGINT lands while it writes.
_SLOW_BUILD = textwrap.dedent(
    """
    import sys, time
    from revops_graph.io import files
    real = files._stage
    def slow(path, *args):
        tmp = real(path, *args)
        print("staged", path.name, file=sys.stderr, flush=True)
        time.sleep(0.5)
        return tmp
    files._stage = slow
    from revops_graph.cli import main
    sys.argv = ["revops-graph", "build", "--out", sys.argv[1]]
    main()
    """
)


def test_sigint_during_build_changes_nothing(previous) -> None:
    out, before = previous
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_BUILD, str(out)], stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()
    assert first.startswith("staged "), first
    assert any(p.name.endswith(".tmp") for p in out.iterdir()), "a temporary file should exist mid-write"
    proc.send_signal(signal.SIGINT)
    _, rest = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "interrupted; every output is either as before or complete" in rest
    assert "Traceback" not in rest
    assert _snapshot(out) == before


def test_interrupt_during_renames_is_held_back_until_all_are_done(tmp_path: Path) -> None:
    """SIGINT arriving between renames is delivered after the last one, not between."""
    targets = {tmp_path / f"f{i}": f"new {i}".encode() for i in range(3)}
    real_replace = os.replace
    seen = []

    def replace(src, dst):  # noqa: ANN001
        if not seen:
            os.kill(os.getpid(), signal.SIGINT)
        seen.append(dst)
        real_replace(src, dst)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(files.os, "replace", replace)
        with pytest.raises(KeyboardInterrupt):
            files.write_all_atomic(targets)
    assert len(seen) == 3
    assert {p: p.read_bytes() for p in targets} == targets
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f0", "f1", "f2"]


def test_unwritable_folder_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        files.write_atomic(blocker / "sub" / "out.ttl", b"data")


# -- embedded Oxigraph store survives a killed writer ------------------------------

_WRITER = textwrap.dedent(
    """
    import sys, pyoxigraph as ox
    store = ox.Store(sys.argv[1])
    ex = "http://example.org/"
    store.extend(ox.Quad(ox.NamedNode(ex + f"c{i}"), ox.NamedNode(ex + "p"), ox.Literal(str(i))) for i in range(1000))
    print("committed", flush=True)
    i = 1000
    while True:  # keep writing until killed
        store.add(ox.Quad(ox.NamedNode(ex + f"c{i}"), ox.NamedNode(ex + "p"), ox.Literal(str(i))))
        i += 1
    """
)


def test_oxigraph_store_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "committed"
    time.sleep(0.3)  # let it be in the middle of further writes
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    store = ox.Store(str(path))
    ex = "http://example.org/"
    for i in (0, 500, 999):
        assert ox.Quad(ox.NamedNode(ex + f"c{i}"), ox.NamedNode(ex + "p"), ox.Literal(str(i))) in store
    count = len(store)
    assert count >= 1000
    # every triple that made it is whole and readable
    values = {int(q.object.value) for q in store.quads_for_pattern(None, ox.NamedNode(ex + "p"), None)}
    assert values == set(range(count))
