"""Where SPARQL runs: in memory, in an embedded Oxigraph store, or on a SPARQL 1.1 server.

Every backend takes the same already-checked query (see :mod:`revops_graph.query`),
parameters as RDF terms, and a time limit, and gives back rdflib terms, so the same
query answers the same rows wherever the graph sits:

- :class:`MemoryStore` queries the rdflib graph of a :class:`~revops_graph.model.Glossary`;
  parameters go in as ``initBindings``.
- :class:`OxigraphStore` keeps the glossary in a pyoxigraph store on disk, loads it once
  and reloads only when the source files change; parameters go in as ``substitutions``.
- :class:`EndpointStore` talks the SPARQL 1.1 Protocol over httpx; parameters go in as a
  ``VALUES`` block written in N-Triples term syntax (see :func:`inject_values`).

:func:`push` uploads a glossary with the SPARQL 1.1 Graph Store Protocol.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import json
import os
import re
import select
import subprocess
import sys
import threading
import time
import weakref
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from . import resources
from .convert import from_oxigraph, to_oxigraph
from .errors import EndpointError, InputError, QueryError
from .namespaces import bind_prefixes

if TYPE_CHECKING:
    import httpx

    from .model import Glossary

__all__ = [
    "Connection",
    "EndpointStore",
    "MemoryStore",
    "OxigraphStore",
    "SelectResult",
    "Store",
    "inject_values",
    "load_into",
    "parsed_query",
    "push",
    "source_digest",
]

#: What a backend answers: rows for SELECT, a bool for ASK, a graph for CONSTRUCT/DESCRIBE.
Answer = Union["SelectResult", bool, Graph]
Bindings = Mapping[str, Node]
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


@dataclass(frozen=True)
class SelectResult:
    """The variables and rows of a SELECT query (``None`` where a variable is unbound)."""

    variables: tuple[str, ...]
    rows: list[tuple[Node | None, ...]]


class Store(ABC):
    """A SPARQL dataset: one interface over memory, embedded Oxigraph and remote servers."""

    #: A short description for messages ("memory", "oxigraph:/path", the endpoint URL).
    name: str = "store"

    @abstractmethod
    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        """Run a checked query of ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE)."""

    @abstractmethod
    def update(self, update: str, timeout: float) -> None:
        """Run a checked SPARQL update (only called when updates were allowed)."""


# -- running a query under a time limit ----------------------------------------------


class _Stopped(BaseException):
    """Raised inside an abandoned query thread (BaseException so rdflib cannot swallow it)."""


def _run_with_limit(work: Callable[[], Any], timeout: float) -> Any:
    """Run ``work`` in a thread; at ``timeout`` stop it and raise QueryError.

    rdflib evaluates queries in pure Python, so an asynchronous exception stops the
    thread at its next bytecode (measured: under 15 ms). The thread is a daemon, so an
    interpreter exit never waits for it.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = work()
        except _Stopped:
            pass
        except BaseException as exc:  # handed to the caller's thread below
            box["error"] = exc

    thread = threading.Thread(target=target, name="revops-graph-query", daemon=True)
    thread.start()
    try:
        thread.join(timeout)
    finally:
        if thread.is_alive() and thread.ident is not None:
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(_Stopped))
            thread.join(1.0)
    if "error" in box:
        raise box["error"]
    if "value" not in box:
        raise QueryError(f"query exceeded {timeout:g} s and was stopped (raise --timeout to allow longer)")
    return box["value"]


def _to_rdflib_graph(triples: Iterator[ox.Triple]) -> Graph:
    graph = bind_prefixes(Graph())
    for t in triples:
        graph.add((from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object)))
    return graph


def _from_results(data: bytes, fmt: ox.QueryResultsFormat) -> SelectResult | bool:
    parsed = ox.parse_query_results(data, format=fmt)
    if isinstance(parsed, ox.QueryBoolean):
        return bool(parsed)
    variables = tuple(v.value for v in parsed.variables)
    rows = [
        tuple(None if solution[v] is None else from_oxigraph(solution[v]) for v in variables)
        for solution in parsed
    ]
    return SelectResult(variables, rows)


# -- in memory (rdflib) --------------------------------------------------------------


class MemoryStore(Store):
    """The rdflib graph of a glossary, queried in this process (the default)."""

    name = "memory"

    def __init__(self, glossary: Glossary | Graph) -> None:
        self.graph: Graph = glossary if isinstance(glossary, Graph) else glossary.graph

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        from rdflib import Variable

        init = {Variable(name): term for name, term in bindings.items()}

        def work() -> Answer:
            result = self.graph.query(parsed_query(query), initBindings=init)
            if form == "ASK":
                return bool(result.askAnswer)
            if form in GRAPH_FORMS:
                graph = bind_prefixes(Graph())
                for triple in result:
                    graph.add(triple)  # type: ignore[arg-type]
                return graph
            variables = tuple(str(v) for v in (result.vars or ()))
            return SelectResult(variables, [tuple(row) for row in result])  # type: ignore[arg-type]

        return _run_with_limit(_reported(work), timeout)

    def update(self, update: str, timeout: float) -> None:
        _run_with_limit(_reported(lambda: self.graph.update(update)), timeout)


@functools.lru_cache(maxsize=256)
def parsed_query(text: str) -> Any:
    """rdflib's parsed and translated form of a SPARQL query, remembered.

    The checker (:func:`revops_graph.query.check`) and the in-memory store share it:
    rdflib's parser costs 10-70 ms a query, a good part of a command on the embedded
    glossary. Raises pyparsing's ParseException for a syntax error.
    """
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    return translateQuery(parseQuery(text))


def _reported(work: Callable[[], Any]) -> Callable[[], Any]:
    """``work`` with rdflib's own evaluation errors turned into QueryError."""

    def run() -> Any:
        try:
            return work()
        except QueryError:
            raise
        except Exception as exc:  # rdflib raises plain Exception for many query problems
            raise QueryError(f"rdflib could not run the query: {exc}") from exc

    return run


# -- embedded Oxigraph on disk -------------------------------------------------------

_META_GRAPH = ox.NamedNode("urn:revops-graph:store")
_DIGEST = ox.NamedNode("urn:revops-graph:sourceDigest")
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

# Bytes between two progress calls: a 1M-concept file (629 MB) makes 600 of them.
_PROGRESS_EVERY = 1 << 20

#: ``progress(done, total)``: bytes read so far and in all, or bytes sent for :func:`push`.
Progress = Callable[[int, int], None]


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

    Each file is screened first (:func:`revops_graph.loader.screen_file`: UTF-8, RDF/XML
    entities), then parsed by pyoxigraph's ``bulk_load`` straight from disk. Every
    ``bulk_load`` call names blank nodes afresh, so two files' ``_:b1`` stay two nodes.
    ``progress(done, total)`` gets the bytes read from all files. A syntax error is an
    InputError with file, line and column.
    """
    from .loader import parse_error, screen_file

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
    """

    def __init__(
        self,
        path: str | PathLike[str],
        files: Sequence[str | PathLike[str]] | None = None,
        fmt: str | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.path = Path(path)
        self.name = f"oxigraph:{self.path}"
        sources = list(files) if files else resources.glossary_files()
        digest = source_digest(sources, fmt)
        store = self._open()
        stored = [q.object.value for q in store.quads_for_pattern(None, _DIGEST, None, _META_GRAPH)]
        self.reloaded = stored != [digest]
        if self.reloaded:
            store.clear()
            load_into(store, sources, fmt, progress)
            store.extend(
                ox.Quad(_META_GRAPH, _PREFIX, ox.Literal(f"{name}={iri}"), _META_GRAPH)
                for name, iri in _declared_prefixes(sources).items()
            )
            store.add(ox.Quad(_META_GRAPH, _DIGEST, ox.Literal(digest), _META_GRAPH))
            store.flush()
        # Close the read-write instance (the last reference): a read-only one opened
        # by a query process while it is open may read files RocksDB is compacting away.
        del store
        self._worker = _Worker(self.path)
        weakref.finalize(self, self._worker.close)

    def _open(self) -> ox.Store:
        try:
            # RocksDB makes the store's folder but not its parents.
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.path))
        except OSError as exc:
            hint = " (is another process using it?)" if "lock" in str(exc).lower() else ""
            raise InputError(f"cannot open the Oxigraph store{hint}: {exc}", path=self.path) from None

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        try:
            return self._execute(query, form, {name: _json_term(term) for name, term in bindings.items()}, timeout)
        except _NotProjected:
            # pyoxigraph substitutes (SEP-0007) only variables a SELECT returns; for any
            # other the same terms go in as a VALUES block, as for a server.
            names = sorted(bindings)
            return self._execute(inject_values(query, names, [[bindings[n] for n in names]]), form, {}, timeout)

    def _execute(self, query: str, form: str, substitutions: dict[str, dict[str, str]], timeout: float) -> Answer:
        request = {"query": query, "form": form, "substitutions": substitutions}
        status, payload = self._worker.run(request, timeout)
        if status != 0:
            problem = json.loads(payload)
            if substitutions and "SELECT projection" in problem["message"]:
                raise _NotProjected
            where = f"line {problem['line']}, column {problem['column']}: " if problem.get("line") else ""
            raise QueryError(f"{where}{problem['message']}")
        if form in GRAPH_FORMS:
            return _to_rdflib_graph(ox.parse(payload, format=ox.RdfFormat.N_TRIPLES))  # type: ignore[arg-type]
        return _from_results(payload, ox.QueryResultsFormat.JSON)

    def close(self) -> None:
        """End the query process (it also ends by itself when this process exits)."""
        self._worker.close()

    def export(self, fmt: str = "turtle") -> bytes:
        """The store's graph as deterministic N-Triples (``"nt"``) or Turtle, without rdflib.

        pyoxigraph dumps the default graph; the lines are sorted (which groups each
        subject's triples) and, for Turtle, written again by pyoxigraph with the prefixes
        the data uses (the standard ones and those the files declare at their head): the layout :func:`revops_graph.export.serialize` gives
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
        from .namespaces import PREFIXES

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


class _NotProjected(Exception):
    pass


class _Worker:
    """The query process of one store (``_oxworker.py``), started on the first query.

    It keeps the store open between queries; at a time limit it is killed (pyoxigraph
    cannot stop a running query) and the next query starts a new one.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.process: subprocess.Popen[bytes] | None = None

    def run(self, request: dict[str, Any], timeout: float) -> tuple[int, bytes]:
        """Send one request; the status byte and payload of the answer."""
        if self.process is None or self.process.poll() is not None:
            script = Path(__file__).with_name("_oxworker.py")
            self.process = subprocess.Popen(
                [sys.executable, "-I", str(script), str(self.path)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0,
            )
        assert self.process.stdin is not None
        body = json.dumps(request).encode()
        deadline = time.monotonic() + timeout
        try:
            self.process.stdin.write(len(body).to_bytes(8, "big") + body)
            head = self._read(9, deadline)
            return head[0], self._read(int.from_bytes(head[1:], "big"), deadline)
        except TimeoutError:
            self.close()
            raise QueryError(f"query exceeded {timeout:g} s and was stopped (raise --timeout to allow longer)") from None
        except (BrokenPipeError, EOFError):
            code = self.close()
            raise QueryError(f"the Oxigraph query process stopped (exit {code})") from None

    def _read(self, size: int, deadline: float) -> bytes:
        assert self.process is not None and self.process.stdout is not None
        fd = self.process.stdout.fileno()
        chunks = []
        while size:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, min(size, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def close(self) -> int | None:
        """Stop the process (if any); its exit code."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            process.kill()
        code = process.wait()
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()
        return code


def _json_term(term: Node) -> dict[str, str]:
    """A term as a SPARQL JSON results binding (what the worker reads)."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    raise QueryError(f"a parameter must be an IRI or a literal, not {term!r}")


# -- parameters as a VALUES block (for servers) --------------------------------------

# SPARQL tokens that may hide braces: comments, strings (long forms first), IRIs.
_TOKENS = re.compile(
    r"""(?P<skip>\#[^\n]*|\s+
        |\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
        |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'
        |<[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<open>\{)|(?P<close>\})|(?P<lparen>\()|(?P<rparen>\))
      |(?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _where_brace(query: str) -> int:
    """The offset just after the ``{`` that opens the query's WHERE pattern."""
    form: str | None = None
    depth_paren = 0
    template_skipped = False
    tokens = _TOKENS.finditer(query)
    for match in tokens:
        kind = match.lastgroup
        if kind == "skip":
            continue
        text = match.group()
        if form is None:
            if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = text.upper()
            continue
        if form == "CONSTRUCT" and not template_skipped:
            if kind == "open":
                depth = 1
                for inner in tokens:
                    if inner.lastgroup == "open":
                        depth += 1
                    elif inner.lastgroup == "close":
                        depth -= 1
                        if depth == 0:
                            break
                template_skipped = True
                continue
            raise QueryError("parameters need the long form CONSTRUCT { template } WHERE { pattern }")
        if kind == "lparen":
            depth_paren += 1
        elif kind == "rparen":
            depth_paren -= 1
        elif kind == "open" and depth_paren == 0:
            return match.end()
    raise QueryError("cannot find the WHERE pattern of the query to bind parameters into")


def values_block(variables: Sequence[str], rows: Sequence[Sequence[Node]]) -> str:
    """``VALUES (?a ?b) { (t1 t2) ... }`` with every term in N-Triples syntax.

    Terms are written by pyoxigraph, whose N-Triples serialization escapes quotes,
    backslashes and line breaks, so a value can never end its literal early.
    """
    for name in variables:
        if not _VARNAME.match(name):
            raise QueryError(f"{name!r} is not a usable variable name")
    lines = []
    for row in rows:
        cells = []
        for term in row:
            if isinstance(term, BNode) or not isinstance(term, (URIRef, Literal)):
                raise QueryError(f"a parameter must be an IRI or a literal, not {term!r}")
            try:
                cells.append(str(to_oxigraph(term)))
            except ValueError as exc:
                raise QueryError(f"{term.n3()} is not a valid RDF term: {exc}") from None
        lines.append("(" + " ".join(cells) + ")")
    return "VALUES (" + " ".join("?" + n for n in variables) + ") { " + " ".join(lines) + " }"


def inject_values(query: str, variables: Sequence[str], rows: Sequence[Sequence[Node]]) -> str:
    """``query`` with a VALUES block of ``rows`` first in its WHERE pattern.

    The query is tokenized (comments, strings and IRIs skipped) to find the brace that
    opens the WHERE pattern; the user's values are never formatted into the text, only
    their N-Triples serialization (see :func:`values_block`).
    """
    if not variables:
        return query
    at = _where_brace(query)
    return f"{query[:at]} {values_block(variables, rows)}\n{query[at:]}"


# -- a SPARQL 1.1 server -------------------------------------------------------------

_ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9, application/json;q=0.8, text/tab-separated-values;q=0.5, text/csv;q=0.4"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8, application/ld+json;q=0.7, text/plain;q=0.5"
_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "text/csv": ox.QueryResultsFormat.CSV,
}
_GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # what older servers call N-Triples
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


@dataclass(frozen=True)
class Connection:
    """How to reach a server: credentials, time limit, TLS verification (always on by default).

    ``auth`` is ``"user:password"`` or a ``(user, password)`` pair, sent with HTTP Basic or,
    when ``auth_scheme="digest"``, HTTP Digest; ``token`` is sent as a bearer token.
    ``transport`` lets tests put an ``httpx.MockTransport`` in place of the network.
    """

    auth: str | tuple[str, str] | None = None
    auth_scheme: str = "basic"
    token: str | None = None
    timeout: float = 30.0
    verify: bool = True
    transport: Any = field(default=None, repr=False)

    def client(self, timeout: float | None = None) -> httpx.Client:
        """An httpx client with these settings."""
        import httpx

        auth: httpx.Auth | None = None
        if self.auth is not None:
            if isinstance(self.auth, str):
                user, sep, password = self.auth.partition(":")
                if not sep:
                    raise EndpointError("--auth must be user:password")
            else:
                user, password = self.auth
            if self.auth_scheme == "digest":
                auth = httpx.DigestAuth(user, password)
            elif self.auth_scheme == "basic":
                auth = httpx.BasicAuth(user, password)
            else:
                raise EndpointError(f"unknown auth scheme {self.auth_scheme!r} (basic or digest)")
        headers = {"User-Agent": "revops-graph"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return httpx.Client(
            auth=auth,
            headers=headers,
            timeout=self.timeout if timeout is None else timeout,
            verify=self.verify,
            transport=self.transport,
            follow_redirects=True,
        )


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _looks_like_html(response: httpx.Response) -> bool:
    head = response.content[:512].lstrip().lower()
    return _media_type(response) in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html"))


def _check_response(response: httpx.Response, url: str) -> None:
    if response.status_code >= 400:
        detail = "" if _looks_like_html(response) else " ".join(response.text.split())[:300]
        hint = " (check --auth / --token)" if response.status_code in (401, 403) else ""
        reason = response.reason_phrase or ""
        raise EndpointError(f"{url} answered HTTP {response.status_code} {reason}{hint}{': ' + detail if detail else ''}".strip())
    if _looks_like_html(response):
        raise EndpointError(f"{url} answered an HTML page, not SPARQL results (is it the query endpoint?)")


def _sniff_results(response: httpx.Response) -> ox.QueryResultsFormat | None:
    media = _media_type(response)
    if media in _RESULT_TYPES:
        return _RESULT_TYPES[media]
    head = response.content[:256].lstrip()
    if head.startswith(b"{"):
        return ox.QueryResultsFormat.JSON
    if head.startswith(b"<"):
        return ox.QueryResultsFormat.XML
    return None


class EndpointStore(Store):
    """A SPARQL 1.1 server (Oxigraph, Fuseki, Virtuoso, GraphDB, ...) over the Protocol.

    Queries are POSTed form-encoded (``query=``), updates to ``update_url`` (default: the
    same URL). Results are accepted as SPARQL JSON (also the 1.0 ``typed-literal``),
    SPARQL XML, TSV or CSV; graphs as N-Triples, Turtle, RDF/XML or JSON-LD.
    """

    def __init__(
        self,
        url: str,
        auth: str | tuple[str, str] | None = None,
        token: str | None = None,
        timeout: float = 30.0,
        *,
        auth_scheme: str = "basic",
        update_url: str | None = None,
        connection: Connection | None = None,
    ) -> None:
        self.url = self.name = url
        self.update_url = update_url or url
        self.connection = connection or Connection(auth=auth, auth_scheme=auth_scheme, token=token, timeout=timeout)

    def _post(self, url: str, data: dict[str, str], accept: str, timeout: float) -> httpx.Response:
        import httpx

        try:
            with self.connection.client(timeout) as client:
                response = client.post(url, data=data, headers={"Accept": accept})
                # Quirks of real servers: some refuse a weighted Accept list (406), some
                # read-only endpoints take queries only by GET (405).
                if response.status_code == 406:
                    response = client.post(url, data=data, headers={"Accept": "*/*"})
                if response.status_code == 405 and "query" in data:
                    response = client.get(url, params=data, headers={"Accept": accept})
        except httpx.TimeoutException:
            raise QueryError(f"query exceeded {timeout:g} s: {url} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise EndpointError(f"cannot reach {url}: {exc or type(exc).__name__}") from None
        _check_response(response, url)
        return response

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        names = sorted(bindings)
        text = inject_values(query, names, [[bindings[n] for n in names]])
        if form in GRAPH_FORMS:
            response = self._post(self.url, {"query": text}, _ACCEPT_GRAPH, timeout)
            media = _media_type(response)
            rdf_format = _GRAPH_TYPES.get(media)
            if rdf_format is None:
                raise EndpointError(f"{self.url} answered {media or 'no content type'}, not an RDF graph")
            try:
                return _to_rdflib_graph(ox.parse(response.content, format=rdf_format))  # type: ignore[arg-type]
            except (SyntaxError, ValueError) as exc:
                raise EndpointError(f"{self.url} answered a malformed graph: {exc}") from None
        response = self._post(self.url, {"query": text}, _ACCEPT_RESULTS, timeout)
        results_format = _sniff_results(response)
        if results_format is None:
            raise EndpointError(f"{self.url} answered {_media_type(response) or 'no content type'}, not SPARQL results")
        try:
            return _from_results(response.content, results_format)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{self.url} answered malformed SPARQL results: {exc}") from None

    def update(self, update: str, timeout: float) -> None:
        self._post(self.update_url, {"update": update}, "*/*", timeout)


# -- Graph Store Protocol ------------------------------------------------------------


def push(
    glossary: Glossary,
    graph_store_url: str,
    graph: str | None = None,
    *,
    connection: Connection | None = None,
    replace: bool = True,
    progress: Progress | None = None,
    chunk_size: int = 64 * 1024,
) -> int:
    """Upload ``glossary`` as N-Triples with the SPARQL 1.1 Graph Store Protocol.

    ``replace`` PUTs (the graph is replaced), otherwise POSTs (triples are added). The
    body is streamed in ``chunk_size`` pieces and ``progress(sent, total)`` is called
    after each. ``graph`` names the target graph; the default graph when ``None``.
    Returns the number of bytes sent.
    """
    import httpx
    import pyoxigraph as ox

    from .convert import triples_to_oxigraph

    # Plain N-Triples straight from the graph: a server does not care about order, and
    # the store stays below the export step in the data flow.
    body = ox.serialize(triples_to_oxigraph(glossary.graph), format=ox.RdfFormat.N_TRIPLES)
    total = len(body)
    connection = connection or Connection()

    def chunks() -> Iterator[bytes]:
        sent = 0
        if progress is not None:
            progress(0, total)
        for start in range(0, total, chunk_size):
            piece = body[start : start + chunk_size]
            sent += len(piece)
            yield piece
            if progress is not None:
                progress(sent, total)

    url = httpx.URL(graph_store_url)
    url = url.copy_add_param("graph", graph) if graph else httpx.URL(str(url) + ("&" if url.query else "?") + "default")
    headers = {"Content-Type": "application/n-triples", "Content-Length": str(total)}
    try:
        with connection.client() as client:
            response = client.request("PUT" if replace else "POST", url, content=chunks(), headers=headers)
    except httpx.TimeoutException:
        raise EndpointError(f"{graph_store_url} did not answer within {connection.timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise EndpointError(f"cannot reach {graph_store_url}: {exc or type(exc).__name__}") from None
    if response.status_code >= 400:
        _check_response(response, graph_store_url)
    return total
