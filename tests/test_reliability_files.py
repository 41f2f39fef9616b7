"""Atomic writes: no litter survives a kill -9, and a failed write names its file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from revops_graph.io import files

SRC = str(Path(__file__).resolve().parents[1] / "src")

# A writer that stages its first file, says so, and then waits to be killed.
_STUCK_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from revops_graph.io import files
    real = files._stage
    def slow(path, *args):
        tmp = real(path, *args)
        print("staged", flush=True)
        time.sleep(60)
        return tmp
    files._stage = slow
    out = Path(sys.argv[1])
    files.write_all_atomic({out / "a.ttl": b"new a", out / "b.ttl": b"new b"})
    """
)


def test_temp_files_of_a_killed_writer_are_removed_by_the_next_write(tmp_path: Path) -> None:
    (tmp_path / "a.ttl").write_bytes(b"old a")
    unrelated = tmp_path / ".notes.swp.tmp"
    unrelated.write_bytes(b"someone else's")
    writer = subprocess.Popen([sys.executable, "-c", _STUCK_WRITER, str(tmp_path)], stdout=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": SRC})
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == b"staged"
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.kill()
        writer.wait(10)
    litter = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp") and p != unrelated]
    assert litter, "the killed writer should have left its staged file"
    assert (tmp_path / "a.ttl").read_bytes() == b"old a"

    files.write_atomic(tmp_path / "c.ttl", b"c")  # just written: perhaps a writer we cannot see
    assert [p for p in tmp_path.iterdir() if p in litter] == litter
    for path in litter:  # as if the kill was a while ago
        os.utime(path, (time.time() - files.STALE_AFTER - 1,) * 2)
    files.write_atomic(tmp_path / "c.ttl", b"c")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.swp.tmp", "a.ttl", "c.ttl"]


def test_a_running_writers_temp_file_is_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / f".x.ttl.revops.{os.getpid()}.abc123.tmp"  # this process runs
    mine.write_bytes(b"staged by a concurrent write")
    files.write_atomic(tmp_path / "y.ttl", b"y")
    assert mine.exists()


_FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    # A real failing write(2) without root or a tiny file system: the kernel refuses to
    # let this process grow a file past 4 KiB (EFBIG), as a full disk refuses (ENOSPC).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    from revops_graph.cli import main
    sys.argv = ["revops-graph", "export", "--format", "nt", "-o", sys.argv[1]]
    main()
    """
)


def test_a_failed_write_names_the_output(tmp_path: Path) -> None:
    out = tmp_path / "glossary.nt"
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _FULL_DISK, str(out)], capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": SRC, "REVOPS_GRAPH_NO_CACHE": "1"})
    assert time.monotonic() - started < 120
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == f"error: {out}: cannot write: File too large"
    assert list(tmp_path.iterdir()) == []  # nothing half-written, no temporary file
