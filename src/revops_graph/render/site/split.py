"""A share of the work done by a forked second process, for sites of thousands of terms.

The child is forked once the data is read: it builds its share of the pages from its copy
of the parent's memory, writes only its own files, shares nothing mutable with the parent
and sends back one small pickled answer, its result or its error, through a pipe. The
parent waits for it before going on (the caller swaps the site in only then), raises its
error, and stops it (``SIGKILL``, then reaps it) if the parent itself fails or is
interrupted first: no child outlives the build or writes into a folder being deleted.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Generic, NoReturn, TypeVar

__all__ = ["Share", "read_all", "second_process", "write_all"]

T = TypeVar("T")


@dataclass
class Share(Generic[T]):
    """Whether the child took its share (``forked``) and, once it is done, what it returned."""

    forked: bool
    result: T | None = None
    _finish: Callable[[], None] | None = field(default=None, repr=False)

    def wait(self) -> T | None:
        """Wait for the child now rather than on leaving the block (raising its error);
        what it returned (``None`` without a child)."""
        if self._finish is not None:
            finish, self._finish = self._finish, None
            finish()
        return self.result


@contextmanager
def second_process(work: Callable[[], T], wanted: bool = True) -> Iterator[Share[T]]:
    """Run ``work`` in a forked child (when ``wanted``, the platform forks and no other thread
    runs) while the ``with`` block does the rest; on leaving the block (or at
    :meth:`Share.wait`), wait for the child and raise its error, or set :attr:`Share.result`.
    Without a child, the block is told to do it all."""
    # A fork copies only the calling thread: with other Python threads running, a lock one of
    # them holds would stay locked in the child for ever, so such a process does it all itself.
    if not (wanted and hasattr(os, "fork") and threading.active_count() == 1):
        yield Share(False)
        return
    read, write = os.pipe()
    gc.freeze()  # the child's collections leave the shared pages alone (fewer copy-on-write faults)
    try:
        pid = os.fork()
    finally:
        gc.unfreeze()
    if pid == 0:
        os.close(read)
        _child(work, write)
    os.close(write)
    waited = False

    def finish() -> None:
        nonlocal waited
        answer = read_all(read)
        status = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        waited = True
        if status != 0:
            raise pickle.loads(answer) if answer else RuntimeError(f"the second process stopped (status {status})")
        share.result = pickle.loads(answer)

    share: Share[T] = Share(True, _finish=finish)
    try:
        yield share
        share.wait()
    finally:
        os.close(read)
        if not waited:  # this process failed or was interrupted: so is the child
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _child(work: Callable[[], object], pipe: int) -> NoReturn:
    """Does ``work``, sends its result or its error, and exits without ever returning into
    the parent's code (its clean-ups, its ``finally`` blocks, its buffered output)."""
    status = 1
    answer = b""
    try:
        answer = pickle.dumps(work())
        status = 0
    except BaseException as exc:  # noqa: BLE001 - every error goes to the parent, which raises it
        try:
            answer = pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - an error that does not pickle goes as text
            answer = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
    finally:
        try:
            write_all(pipe, answer)
        finally:
            os._exit(status)


def write_all(fd: int, data: bytes) -> None:
    """Write all of ``data`` to ``fd`` (``os.write`` may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_all(fd: int) -> bytes:
    """Everything left to read from ``fd`` (a pipe, a file), to its end."""
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)
