"""Atomic writing: an output is either the old file or the complete new one, never half."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import OutputError

__all__ = ["write_atomic", "write_all_atomic"]


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0o666 less umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path`` (same file system), synced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), _mode_for(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_all_atomic(outputs: Mapping[Path, bytes]) -> None:
    """Write several files so that a failure before the last rename replaces none of them.

    Every file is staged first; only when all are on disk are they renamed into place
    (each rename is atomic). On any error, or an interrupt, the staged files are removed
    and the previous outputs stay byte-identical.
    """
    staged: dict[Path, Path] = {}
    try:
        for path, data in outputs.items():
            staged[Path(path)] = _stage(Path(path), data)
        for path, tmp in staged.items():
            os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{exc.filename or ''}: cannot write: {exc.strerror or exc}") from exc
    finally:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write one file atomically (see :func:`write_all_atomic`)."""
    write_all_atomic({Path(path): data})
