"""A parse cache: the rdflib graph of a set of input files, pickled under the user's cache dir.

Parsing builds an rdflib graph triple by triple; unpickling a graph already built is about
three times faster (see BENCHMARKS.md). Entries are keyed by a SHA-256 of the input
files' contents (and paths, format, base IRI and library versions), so any change to an
input is a miss. They live in ``$XDG_CACHE_HOME/revops-graph/`` (``~/.cache/revops-graph/``),
never inside the installed package; the folder is private to the user, and only files the
user owns and nobody else can write are read. A corrupt or unreadable entry is dropped and
rebuilt. ``REVOPS_GRAPH_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from .. import _rdflib as rdfl

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["MAX_ENTRIES", "cache_dir", "enabled", "get", "key", "no_gc", "put"]

#: Entries kept; the least recently used go first.
MAX_ENTRIES = 8
_VERSION = b"revops-graph parse cache 3"  # 2: blank nodes named in order of appearance; 3: SimpleMemory


def enabled() -> bool:
    """False when ``REVOPS_GRAPH_NO_CACHE`` is set to anything but ``""`` or ``"0"``."""
    return os.environ.get("REVOPS_GRAPH_NO_CACHE", "") in ("", "0")


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/revops-graph``, by default ``~/.cache/revops-graph``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "revops-graph"


def key(inputs: Sequence[tuple[Path, bytes]], fmt: str | None, base_iri: str | None) -> str:
    """The cache key of ``inputs`` (path and content of each file) read with ``fmt``."""
    import pyoxigraph
    import rdflib

    from .._version import __version__

    digest = hashlib.sha256(_VERSION)
    for dist, version in (("revops-graph", __version__), ("rdflib", rdflib.__version__), ("pyoxigraph", pyoxigraph.__version__)):
        digest.update(f"\0{dist}={version}".encode())
    digest.update(f"\0{fmt}\0{base_iri}".encode())
    for path, data in inputs:
        # The path matters too: blank nodes are scoped by it.
        digest.update(f"\0{path}\0{len(data)}\0".encode())
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a graph is built.

    Building (or pickling) a graph allocates millions of objects and no reference
    cycles; without the pause, the collector rescans the growing heap again and again
    (at 128,000 triples: 40 % of a parse, 70 % of an unpickle, 55 % of a pickle).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _private(path: Path) -> bool:
    st = path.stat()
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def get(name: str) -> Graph | None:
    """The cached graph ``name``, or None (missing, not private, or corrupt: then dropped)."""
    path = cache_dir() / f"{name}.pickle"
    try:
        if not (_private(path.parent) and _private(path)):
            return None
        with no_gc(), path.open("rb") as handle:  # streamed: no second copy of the bytes
            graph = pickle.load(handle)
        if not isinstance(graph, rdfl.Graph):
            raise TypeError(f"not a graph: {type(graph).__name__}")
        os.utime(path)  # recently used
        return graph
    except OSError:  # no entry, or no usable cache folder
        return None
    except Exception:  # a corrupt entry of any kind: drop it, the caller rebuilds it
        with suppress(OSError):
            path.unlink()
        return None


def put(name: str, graph: Graph) -> None:
    """Store ``graph`` as ``name``; failures are ignored (the cache is only an accelerator)."""
    import tempfile

    folder = cache_dir()
    tmp: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _private(folder):
            return
        # Pickled straight to a private temporary file (no copy of the bytes in memory),
        # then renamed: readers see the old entry or the whole new one.
        fd, tmp_name = tempfile.mkstemp(prefix=".entry-", dir=folder)
        tmp = Path(tmp_name)
        with no_gc(), open(fd, "wb") as handle:  # the pickler's memo is millions of tuples too
            pickle.dump(graph, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{name}.pickle")
        tmp = None
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[MAX_ENTRIES:]:
            old.unlink(missing_ok=True)
    except Exception:  # read-only home, full disk, a race with another process: parse next time
        return
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
