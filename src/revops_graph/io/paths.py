"""What callers may pass where files are expected: one path, or any number of them."""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike
from pathlib import Path

__all__ = ["PathsLike", "as_paths"]

#: One file, or several.
PathsLike = str | PathLike[str] | Iterable[str | PathLike[str]]


def as_paths(paths: PathsLike) -> list[Path]:
    """``paths`` as a list of :class:`~pathlib.Path`: one path or an iterable of them.

    A string is one path, never a sequence of one-letter names.

    >>> as_paths("my.ttl")
    [PosixPath('my.ttl')]
    >>> as_paths(["a.ttl", Path("b.nt")])
    [PosixPath('a.ttl'), PosixPath('b.nt')]
    """
    if isinstance(paths, (str, PathLike)):
        return [Path(paths)]
    if isinstance(paths, (bytes, bytearray)):
        raise TypeError("paths must be str or os.PathLike, not bytes")
    return [Path(p) for p in paths]
