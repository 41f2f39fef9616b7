"""The embedded Oxigraph store on disk: loaded once, reloaded only when the source files change."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import weakref
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import InputError, QueryError
from ..io import resources
from .base import (
    GRAPH_FORMS,
    Answer,
    Bindings,
    Progress,
    Store,
    from_results,
    to_rdflib_graph,
)
from .values import NotProjected, substituted
from .worker import InProcess, Worker, json_term

if TYPE_CHECKING:

    pass

__all__ = [
    "OxigraphStore",
    "load_into",
    "source_digest",
]


_META_GRAPH = ox.NamedNode("urn:revops-graph:store")


_DIGEST = ox.NamedNode("urn:revops-graph:sourceDigest")
_STAMP = ox.NamedNode("urn:revops-graph:sourceStamp")


_PREFIX = ox.NamedNode("urn:revops-graph:prefix")


# Prefix declarations at the head of a Turtle/TriG file, kept for export (bulk_load does
# not report them, and parsing a big file again only for them would cost a pass).
_PREFIX_LINE = re.compile(rb"^[ \t]*(?:@prefix|PREFIX)[ \t]+([A-Za-z][\w.-]*)?:[ \t]*<([^<>\s]*)>", re.MULTILINE)


# Bump when the way files are loaded changes, so old stores reload.
# 2: files go straight into the store with bulk_load, no rdflib graph in between.
_LOAD_VERSION = "2"


_QUAD_FORMATS = (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)


# Named graphs of TriG / N-Quads files join the default graph, as in the in-memory graph.
_MERGE_NAMED = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } ; DROP NAMED"


#: Seconds a reload waits for another process that holds the store for writing (RocksDB
#: allows one writer; readers never wait, they open the store read-only).
LOCK_WAIT = 60.0


# Bytes between two progress calls: a 1M-concept file (629 MB) makes 600 of them.
_PROGRESS_EVERY = 1 << 20


def source_stamp(files: Sequence[str | PathLike[str]], fmt: str | None = None) -> str:
    """The sources' paths, sizes and modification times: what a warm start compares before
    it hashes anything (a store of gigabytes is not read again to learn that nothing changed)."""
    parts = [f"revops-graph-store {_LOAD_VERSION} {fmt or ''}"]
    for path in files:
        try:
            info = os.stat(path)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
        parts.append(f"{os.path.abspath(path)}\t{info.st_size}\t{info.st_mtime_ns}")
    return "\n".join(parts)


def source_digest(files: Sequence[str | PathLike[str]], fmt: str | None = None) -> str:
    """A SHA-256 over the content of ``files`` (in order) and the input format."""
    digest = hashlib.sha256(f"revops-graph-store {_LOAD_VERSION} {fmt or ''}\n".encode())
    for path in files:
        try:
            with open(path, "rb") as handle:
                digest.update(os.fstat(handle.fileno()).st_size.to_bytes(8, "big"))
                # In pieces: a store's sources may be gigabytes.
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return "sha256:" + digest.hexdigest()


class _CountingReader:
    """A binary file whose reads report the bytes done so far to ``progress``.

    pyoxigraph reads 1 KiB at a time; the callback runs at most every ``_PROGRESS_EVERY``
    bytes, so a progress bar costs the Rust parser nothing measurable. A UTF-8 byte-order
    mark at the start is skipped (editors on Windows add it; pyoxigraph refuses it).
    """

    def __init__(self, handle: Any, done: int, total: int, progress: Progress | None) -> None:
        self._handle, self.done, self._total = handle, done, total
        self._progress, self._every, self._next = progress, _PROGRESS_EVERY, done + _PROGRESS_EVERY
        head = handle.read(3)
        if head == b"\xef\xbb\xbf":
            self.done += 3
        else:
            handle.seek(0)

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.done += len(data)
        if self._progress is not None and self.done >= self._next:
            self._next = self.done + self._every
            self._progress(self.done, self._total)
        return data


def load_into(
    store: ox.Store,
    files: Sequence[str | PathLike[str]],
    fmt: str | None = None,
    progress: Progress | None = None,
) -> None:
    """Screen ``files`` and bulk-load them into ``store``'s default graph, no rdflib involved.

    Each file is screened first (:func:`revops_graph.io.screen.screen_file`: UTF-8, RDF/XML
    entities), then parsed by pyoxigraph's ``bulk_load`` straight from disk. Every
    ``bulk_load`` call names blank nodes afresh, so two files' ``_:b1`` stay two nodes.
    ``progress(done, total)`` gets the bytes read from all files. A syntax error is an
    InputError with file, line and column.
    """
    from ..io.loader import parse_error, screen_file
    from ..io.screen import term_too_large

    paths = [Path(p) for p in files]
    formats = [screen_file(p, fmt) for p in paths]
    total = sum(p.stat().st_size for p in paths)
    done = 0
    if progress is not None:
        progress(0, total)
    for path, rdf_format in zip(paths, formats):
        try:
            with path.open("rb") as handle:
                reader = _CountingReader(handle, done, total, progress)
                store.bulk_load(reader, rdf_format)
        except SyntaxError as exc:
            with path.open("rb") as handle:
                head = handle.read(1024)
            raise parse_error(exc, path, head) from None
        except (ValueError, TypeError) as exc:
            raise InputError(str(exc), path=path) from None
        except OSError as exc:
            raise InputError(f"cannot load into the Oxigraph store: {exc}", path=path) from None
        except MemoryError as exc:
            raise (term_too_large(path, exc) or InputError("out of memory while loading", path=path)) from None
        done = reader.done
    if paths and next(store.quads_for_pattern(None, None, None), None) is None:
        # Checked for all files together: counting each file's statements would cost a pass.
        raise InputError("no RDF statements in the files (only comments or prefixes?)", path=paths[-1])
    if any(f in _QUAD_FORMATS for f in formats):
        store.update(_MERGE_NAMED)
    if progress is not None:
        progress(total, total)


def _declared_prefixes(files: Sequence[str | PathLike[str]]) -> dict[str, str]:
    """Prefixes declared in the first 64 KiB of each file (later files win)."""
    found: dict[str, str] = {}
    for path in files:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
        for name, iri in _PREFIX_LINE.findall(head):
            if name:
                found[name.decode()] = iri.decode("utf-8", "replace")
    return found


class OxigraphStore(Store):
    """The glossary in a pyoxigraph store on disk, loaded once and reused across runs.

    The digest of the source files is kept in the store itself, as a triple in the
    named graph ``<urn:revops-graph:store>``; the files are loaded (see :func:`load_into`)
    only when the digest differs (``reloaded`` tells which happened), with
    ``progress(bytes_done, bytes_total)`` called along the way. The digest is written
    last, so a load that was interrupted or failed is redone next time.

    The digest is first read from a read-only view, so any number of processes can
    open and query an up-to-date store at once; only a reload takes RocksDB's writer
    lock, waiting up to :data:`LOCK_WAIT` seconds for another process's reload (and
    then using its result when the digest matches).

    With ``isolate`` (the default) queries run in a process of their own, killed at the
    time limit: the only way to stop a query Oxigraph is evaluating. Without, they run in
    this process (no second interpreter to start): the caller gets its error at the
    limit, but the query runs on until it ends or this process exits.
    """

    def __init__(
        self,
        path: str | PathLike[str],
        files: Sequence[str | PathLike[str]] | None = None,
        fmt: str | None = None,
        progress: Progress | None = None,
        *,
        isolate: bool = True,
    ) -> None:
        self.path = Path(path)
        self.name = f"oxigraph:{self.path}"
        sources = list(files) if files else resources.glossary_files()
        stamp = source_stamp(sources, fmt)
        stored = self._stored(_STAMP)
        self.reloaded = False
        if stored != [stamp]:
            # sizes or times changed (or a first start): the content decides
            digest = source_digest(sources, fmt)
            self.reloaded = self._stored(_DIGEST) != [digest]
            self._reload(sources, fmt, progress, digest, stamp)
        self._worker: Worker | InProcess = Worker(self.path) if isolate else InProcess(self.path)
        weakref.finalize(self, self._worker.close)

    def _stored(self, what: ox.NamedNode, store: ox.Store | None = None) -> list[str] | None:
        """The digest or stamp recorded in the store (read-only view when no store is given)."""
        try:
            if store is None:
                store = ox.Store.read_only(str(self.path))
            return [q.object.value for q in store.quads_for_pattern(None, what, None, _META_GRAPH)]
        except OSError:
            return None  # no store yet, or one being rewritten: the writer path decides

    def _reload(
        self, sources: Sequence[str | PathLike[str]], fmt: str | None, progress: Progress | None, digest: str, stamp: str,
    ) -> None:
        """Load the sources when their content changed; record the stamp either way."""
        store = self._open()
        # Another process may have done this reload while we waited for the lock.
        self.reloaded = self._stored(_DIGEST, store) != [digest]
        if self.reloaded:
            store.clear()
            load_into(store, sources, fmt, progress)
            store.extend(
                ox.Quad(_META_GRAPH, _PREFIX, ox.Literal(f"{name}={iri}"), _META_GRAPH)
                for name, iri in _declared_prefixes(sources).items()
            )
            store.add(ox.Quad(_META_GRAPH, _DIGEST, ox.Literal(digest), _META_GRAPH))
        for old in list(store.quads_for_pattern(None, _STAMP, None, _META_GRAPH)):
            store.remove(old)
        store.add(ox.Quad(_META_GRAPH, _STAMP, ox.Literal(stamp), _META_GRAPH))
        store.flush()
        # Close the read-write instance (the last reference): a read-only one opened
        # by a query process while it is open may read files RocksDB is compacting away.
        del store

    def _open(self) -> ox.Store:
        """The store for writing, waiting (bounded) while another process holds it."""
        deadline = time.monotonic() + LOCK_WAIT
        pause = 0.05
        while True:
            try:
                # RocksDB makes the store's folder but not its parents.
                self.path.parent.mkdir(parents=True, exist_ok=True)
                return ox.Store(str(self.path))
            except OSError as exc:
                locked = "lock" in str(exc).lower()
                if not locked:
                    raise InputError(f"cannot open the Oxigraph store: {exc}", path=self.path) from None
                if time.monotonic() >= deadline:
                    raise InputError(
                        f"cannot open the Oxigraph store: another process is writing to it (waited {LOCK_WAIT:g} s)",
                        path=self.path,
                    ) from None
            time.sleep(pause)
            pause = min(pause * 2, 0.5)

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        return substituted(
            lambda text, terms: self._execute(text, form, {n: json_term(t) for n, t in terms.items()}, timeout),
            query, bindings,
        )

    def _execute(self, query: str, form: str, substitutions: dict[str, dict[str, str]], timeout: float) -> Answer:
        request = {"query": query, "form": form, "substitutions": substitutions}
        status, payload = self._worker.run(request, timeout)
        if status != 0:
            problem = json.loads(payload)
            if substitutions and "SELECT projection" in problem["message"]:
                raise NotProjected
            where = f"line {problem['line']}, column {problem['column']}: " if problem.get("line") else ""
            raise QueryError(f"{where}{problem['message']}")
        if form in GRAPH_FORMS:
            return to_rdflib_graph(ox.parse(payload, format=ox.RdfFormat.N_TRIPLES))  # type: ignore[arg-type]
        return from_results(payload, ox.QueryResultsFormat.JSON)

    def close(self) -> None:
        """End the query process (it also ends by itself when this process exits)."""
        self._worker.close()

    def export(self, fmt: str = "turtle") -> bytes:
        """The store's graph as deterministic N-Triples (``"nt"``) or Turtle, without rdflib.

        pyoxigraph dumps the default graph; the lines are sorted (which groups each
        subject's triples) and, for Turtle, written again by pyoxigraph with the prefixes
        the data uses (the standard ones and those the files declare at their head): the layout :func:`revops_graph.export.formats` gives
        big graphs. Blank nodes, which the store names at random, are first relabelled by
        pyoxigraph's canonicalization (stable for one pyoxigraph version).
        """
        if fmt not in ("turtle", "nt"):
            raise QueryError(f"the Oxigraph store exports turtle or nt, not {fmt!r}")
        store = ox.Store.read_only(str(self.path))
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        declared = [q.object.value.split("=", 1) for q in store.quads_for_pattern(_META_GRAPH, _PREFIX, None, _META_GRAPH)]
        del store
        if b"_:" in data:  # may also be text in a literal: then this is merely redundant
            dataset = ox.Dataset(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
            dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
            data = ox.serialize((quad.triple for quad in dataset), format=ox.RdfFormat.N_TRIPLES) or b""
        lines = sorted({line for line in data.splitlines() if line.strip()})
        del data
        ntriples = b"".join(line + b"\n" for line in lines)
        del lines
        if fmt == "nt":
            return ntriples
        from ..namespaces import PREFIXES

        # As the in-memory graph binds them: ours, then the files' own (which win).
        bound = {**PREFIXES, **dict(declared)}
        used = {p: ns for p, ns in sorted(bound.items()) if f"<{ns}".encode() in ntriples}
        return ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE, prefixes=used) or b""

    def update(self, update: str, timeout: float) -> None:
        # Updates run in this process (the worker opens the store read-only); an update
        # is the user's explicit request, so it is not cut off by the time limit. The
        # worker's read-only view would not see it, so the worker ends first.
        self._worker.close()
        store = self._open()
        try:
            store.update(update)
            store.flush()
        except SyntaxError as exc:
            raise QueryError(f"line {exc.lineno}, column {exc.offset}: {exc.msg}") from None
