"""Second processes in tests: count the ones forked, and tell when one has gone."""

from __future__ import annotations

import os
import threading
from types import SimpleNamespace

import pytest

from revops_graph.render.site import split


def counted_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of the second processes forked from now on (filled as they are)."""
    pids: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            pids.append(pid)
        return pid

    monkeypatch.setattr(split.os, "fork", counted)
    # Other test modules may leave threads behind in this process (a server's, a kernel
    # client's), which may also end while this test runs: the writer is shown the main
    # thread and only the threads started since this test began (by identity, not by count).
    before = {id(t) for t in threading.enumerate()}

    def started_here() -> int:
        return 1 + sum(1 for t in threading.enumerate() if id(t) not in before)

    monkeypatch.setattr(split, "threading", SimpleNamespace(active_count=started_here))
    return pids


def gone(pid: int) -> bool:
    """Whether process ``pid`` has exited and been reaped."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False
