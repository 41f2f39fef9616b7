"""Atomic writing: an output is either the old file or the complete new one, never half."""

from __future__ import annotations

import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from ..errors import OutputError

__all__ = ["Content", "remove_stale_temp_files", "write_atomic", "write_all_atomic"]

#: What an output holds: its bytes, its bytes in pieces (an iterable, written as they come, so a
#: big export is never whole in memory), or a function producing either when its turn comes (so a
#: serializer failing halfway is handled like a failed write).
Content = bytes | Iterable[bytes] | Callable[[], "bytes | Iterable[bytes]"]


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0o666 less umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# Our temporary files: ".NAME.revops.PID.RANDOM.tmp" beside the output. The PID tells
# whether the writer still runs; a file whose writer is gone (killed with -9, power
# cut) is litter that the next write into the folder removes.
_TEMP = re.compile(r"\..+\.revops\.(\d+)\.\w+\.tmp")

#: Seconds a temporary file must have been left unchanged before it counts as litter: a
#: writer on another machine or in another container (whose PIDs we cannot see) that
#: shares the folder is still writing to its file.
STALE_AFTER = 60.0


def _writer_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: alive
    return True


def remove_stale_temp_files(folder: Path) -> list[Path]:
    """Remove our temporary files in ``folder`` whose writing process no longer runs.

    Only names of our own pattern are touched, never one of a running process (a
    concurrent build's staged file) nor one changed in the last :data:`STALE_AFTER` seconds. Returns what was removed; errors are ignored, as
    litter must not stop a write.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        found = _TEMP.fullmatch(entry.name)
        if found and not _writer_alive(int(found.group(1))):
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime < STALE_AFTER:
                    continue
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def _stage(path: Path, data: bytes | Iterable[bytes], staged: dict[Path, Path]) -> Path:
    """Write ``data`` to a temporary file beside ``path`` (same file system), synced.

    The temporary file is entered in ``staged`` the moment it exists (with interrupts
    held back for that instant), so whoever cleans up always knows about it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with _interrupts_deferred():
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.revops.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        tmp = staged[path] = Path(name)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), _mode_for(path))
        if isinstance(data, (bytes, bytearray, memoryview)):
            handle.write(data)
        else:
            for piece in data:
                handle.write(piece)
        handle.flush()
        os.fsync(handle.fileno())
    return tmp


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold back SIGINT/SIGTERM while the renames run, so they all happen or none start.

    Python runs signal handlers in the main thread whichever thread the kernel picked, so
    a recording handler defers the signal even in a process with other threads (a mask
    would not: the kernel hands the signal to any thread that does not block it). The
    signals are delivered on exit: Ctrl-C still works, a moment later. Only the main
    thread may install handlers; elsewhere this does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def record(signum: int, frame: object) -> None:
        pending.append(signum)

    previous = {signum: signal.signal(signum, record) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(pending):
            handler = previous[signum]
            if callable(handler):
                handler(signum, None)  # SIGINT's default handler raises KeyboardInterrupt
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), signum)


def write_all_atomic(outputs: Mapping[Path, Content]) -> None:
    """Write several files so that a failure or interrupt replaces none of them.

    Every file is staged first (content given as bytes, or produced by calling it);
    only when all are on disk are they renamed into place, with SIGINT/SIGTERM held
    back until the last rename. On any error, or an interrupt while staging, the
    staged files are removed and the previous outputs stay byte-identical. Temporary
    files left in the target folders by a writer that was killed are removed first.
    """
    staged: dict[Path, Path] = {}
    for folder in {Path(path).parent for path in outputs}:
        remove_stale_temp_files(folder)
    current = Path()
    try:
        for path, content in outputs.items():
            current = Path(path)
            data = content() if callable(content) else content
            _stage(current, data, staged)
        with _interrupts_deferred():
            for current, tmp in staged.items():
                os.replace(tmp, current)
    except OSError as exc:
        # The output's own name: a failed write() (disk full) carries no file name at all,
        # and a failed rename would name the temporary file.
        raise OutputError(f"{current}: cannot write: {exc.strerror or exc}") from exc
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def write_atomic(path: str | os.PathLike[str], data: Content) -> None:
    """Write one file atomically (see :func:`write_all_atomic`)."""
    write_all_atomic({Path(path): data})
