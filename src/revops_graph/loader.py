"""Reading RDF files into an rdflib graph.

Every file is parsed by pyoxigraph (a strict, fast parser that fetches nothing: no
remote JSON-LD contexts, no external XML entities) and its triples handed to rdflib,
whose graph model the rest of the toolkit uses. Named graphs in TriG and N-Quads are
merged into the one graph.

Hostile input is stopped before it can cost much: a file must be a regular, non-empty,
UTF-8 text file; all inputs together must stay under :data:`MAX_INPUT_BYTES`; RDF/XML is
screened with the standard library's expat first (no external entities, no entity that
expands past :data:`MAX_ENTITY_EXPANSION` characters, expat's own amplification limit);
blank nodes may nest at most :data:`MAX_BLANK_NODE_DEPTH` deep. Every failure is an
:class:`~revops_graph.errors.InputError` naming the file and, where known, line and column.

The graph lives in rdflib's SimpleMemory store: about 1 KB per triple, some 100,000
triples a second. Past :data:`MEMORY_WARN_TRIPLES` triples :func:`load_files` warns
(:class:`LargeGraphWarning`) and suggests the embedded Oxigraph store, which loads 2.7
times faster in half the memory and answers SPARQL 40-160 times faster (see BENCHMARKS.md). Parsed graphs are cached by content (:mod:`revops_graph.cache`).

Blank nodes are named in the order they first appear, scoped by file, so the same file
always gives the same graph, names included.

Language tags are checked for well-formedness (BCP 47 syntax, as RDF 1.1 asks), not
against the IANA registry: ``"x"@xx-foobar`` loads, ``"x"@en-toolongsubtag`` does not.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import stat
import warnings
from collections.abc import Iterator, Sequence
from os import PathLike
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.plugins.stores.memory import SimpleMemory
from rdflib.term import Node

from .convert import from_oxigraph
from .errors import InputError
from .namespaces import bind_prefixes

__all__ = [
    "FORMATS",
    "MAX_BLANK_NODE_DEPTH",
    "MAX_ENTITY_EXPANSION",
    "MAX_INPUT_BYTES",
    "MEMORY_WARN_TRIPLES",
    "LargeGraphWarning",
    "file_quads",
    "format_for",
    "load_files",
    "parse_error",
    "read_quads",
    "screen_file",
]

#: Format names accepted by ``--input-format``, with the file extensions that select them.
FORMATS: dict[str, tuple[ox.RdfFormat, tuple[str, ...]]] = {
    "turtle": (ox.RdfFormat.TURTLE, (".ttl", ".turtle")),
    "trig": (ox.RdfFormat.TRIG, (".trig",)),
    "nt": (ox.RdfFormat.N_TRIPLES, (".nt",)),
    "nquads": (ox.RdfFormat.N_QUADS, (".nq",)),
    "jsonld": (ox.RdfFormat.JSON_LD, (".jsonld", ".json")),
    "xml": (ox.RdfFormat.RDF_XML, (".rdf", ".owl", ".xml")),
}

#: Above this many triples (some 20,000 concepts) the in-memory (rdflib) graph gets slow to
#: query and export: loading 1.3 million triples takes 12 s and 1.2 GB, a SPARQL search on
#: them 22 s (Oxigraph: 0.5 s). Loading goes on, with a LargeGraphWarning that suggests
#: the Oxigraph store.
MEMORY_WARN_TRIPLES = 250_000

#: Total size of the input files above which the in-memory load refuses and points at the
#: Oxigraph store. rdflib costs about 1 KB and 9 µs per triple to load, and its SPARQL and
#: serializers slow down in proportion: 256 MiB of N-Triples (some 1.8 million triples)
#: need about 2 GB.
MAX_INPUT_BYTES = 256 * 1024 * 1024


class LargeGraphWarning(UserWarning):
    """The graph is too big for the in-memory default; an Oxigraph store would serve better."""


def _warn_large(path: Path) -> None:
    warnings.warn(
        LargeGraphWarning(
            f"{path}: more than {MEMORY_WARN_TRIPLES:,} triples in memory (rdflib): about 1 GB per million "
            "triples, and queries and exports slow down; query and export can use --store oxigraph:PATH "
            "for graphs this big"
        ),
        stacklevel=4,
    )

#: Longest chain of blank nodes (``[ ... [ ... ] ]``, labelled chains, list spines).
#: rdflib's serializers recurse along such chains (RecursionError past ~300) and its
#: blank-node canonicalization slows down sharply (2,000 deep: over 60 s).
MAX_BLANK_NODE_DEPTH = 100

#: Characters one RDF/XML internal entity may expand to (stops "billion laughs").
MAX_ENTITY_EXPANSION = 1_000_000

# rdf:RDF, then a node and a property element per blank-node level, then a literal's markup.
_MAX_XML_DEPTH = 2 * MAX_BLANK_NODE_DEPTH + 8

# pyoxigraph prefixes its messages with the location, which InputError already shows.
_LOCATION = re.compile(r"^Parser error (?:at|on|between) line \d+[^:]*: ", re.IGNORECASE)
_ENTITY_REF = re.compile(r"&([^;&\s]+);")
_UTF8_BOM = b"\xef\xbb\xbf"

# pyoxigraph messages that deserve a plainer word to the user.
_PLAINER = {
    "Unexpected end": "unexpected end of the file (is it truncated?)",
    "Unexpected end of file": "unexpected end of the file (is it truncated?)",
    "No LoadDocumentCallback has been set to load remote contexts":
        "refusing to fetch a remote JSON-LD @context (nothing is downloaded while parsing); inline the context",
    "<!ENTITY values should be enclosed in double quotes":
        "XML entity declarations must use double quotes and may not point at files or URLs",
}


def format_for(path: str | PathLike[str], fmt: str | None = None) -> ox.RdfFormat:
    """The RDF syntax for ``path``: ``fmt`` when given, otherwise from its extension.

    >>> format_for("glossary.ttl").name
    'Turtle'
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})", path=path)
        return FORMATS[fmt][0]
    suffix = Path(path).suffix.lower()
    for rdf_format, suffixes in FORMATS.values():
        if suffix in suffixes:
            return rdf_format
    known = ", ".join(s for _, sfx in FORMATS.values() for s in sfx)
    raise InputError(
        f"cannot tell the RDF syntax from {suffix or 'a name without extension'!r}: "
        f"use one of {known} or name the format ({', '.join(FORMATS)})",
        path=path,
    )


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def _size_of(path: Path) -> int:
    """The size of a regular file, or InputError saying why ``path`` is not one."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, expected an RDF file", path=path)
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device (/dev/zero) could feed bytes for ever.
        raise InputError("is not a regular file, expected an RDF file", path=path)
    return info.st_size


def _refuse_binary(data: bytes, path: Path) -> None:
    """InputError when ``data`` looks binary: a NUL byte in its first KiB (as file(1) guesses).

    Only consulted once the text is already known to be bad: Turtle and N-Triples may
    carry a NUL inside a literal.
    """
    nul = data.find(b"\x00", 0, 1024)
    if nul >= 0:
        line, column = _where(data, nul)
        raise InputError("binary data (a NUL byte), not RDF text", path=path, line=line, column=column)


def _check_text(data: bytes, path: Path) -> None:
    """Refuse empty, binary and non-UTF-8 input, naming the first bad byte's place."""
    if not data.strip():
        raise InputError("file is empty, expected RDF", path=path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_binary(data, path)
        line, column = _where(data, exc.start)
        raise InputError(
            f"not UTF-8: byte 0x{data[exc.start]:02X} at offset {exc.start} cannot be decoded; save the file as UTF-8",
            path=path, line=line, column=column,
        ) from None


def _screen_xml(data: bytes, path: Path) -> None:
    """Check RDF/XML with expat before pyoxigraph expands anything.

    pyoxigraph expands internal entities without a bound (a 1 KB "billion laughs" grows to
    3 GB in 40 s). expat reports where, refuses external entities here, and carries its own
    amplification limit; every internal entity's expanded length is bounded as well.
    """
    import pyexpat

    parser = pyexpat.ParserCreate()
    expanded: dict[str, int] = {}

    def entity(name, is_parameter, value, base, system_id, public_id, notation):  # noqa: ANN001
        line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        if value is None:
            raise InputError(
                f"external XML entity {name!r} ({system_id or public_id}) refused: nothing is read from "
                "files or URLs while parsing", path=path, line=line, column=column,
            )
        size = len(_ENTITY_REF.sub("", value)) + sum(expanded.get(ref, 0) for ref in _ENTITY_REF.findall(value))
        if size > MAX_ENTITY_EXPANSION:
            raise InputError(
                f"XML entity {name!r} expands to over {MAX_ENTITY_EXPANSION:,} characters (an entity bomb?)",
                path=path, line=line, column=column,
            )
        expanded[name] = size

    depth = 0

    def start(name, attributes):  # noqa: ANN001
        # pyoxigraph's RDF/XML parser slows quadratically with depth (16,000 levels: 1.3 s);
        # each blank-node level takes a node and a property element.
        nonlocal depth
        depth += 1
        if depth > _MAX_XML_DEPTH:
            raise InputError(
                f"XML elements nested deeper than {_MAX_XML_DEPTH} levels "
                f"(blank nodes may nest {MAX_BLANK_NODE_DEPTH} deep); give the inner nodes IRIs",
                path=path, line=parser.CurrentLineNumber, column=parser.CurrentColumnNumber + 1,
            )

    def end(name):  # noqa: ANN001
        nonlocal depth
        depth -= 1

    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except pyexpat.ExpatError as exc:
        message = pyexpat.ErrorString(exc.code)
        if exc.code == getattr(pyexpat.errors, "codes", {}).get(
            "limit on input amplification factor (from DTD and entities) breached"
        ):
            message += " (an entity bomb?)"
        raise InputError(f"not well-formed XML: {message}", path=path, line=exc.lineno, column=exc.offset + 1) from None


def parse_error(exc: SyntaxError, path: str | PathLike[str], head: bytes = b"") -> InputError:
    """The InputError for a pyoxigraph syntax error in ``path``: file, line, column, plain words.

    ``head`` (the file's first KiB) lets binary data be named as such instead of a
    confusing syntax message.
    """
    _refuse_binary(head, Path(path))
    message = _LOCATION.sub("", exc.msg or str(exc))
    return InputError(_PLAINER.get(message, message), path=path, line=exc.lineno, column=exc.offset)


def screen_file(path: str | PathLike[str], fmt: str | None = None, chunk_size: int = 1 << 20) -> ox.RdfFormat:
    """Check one file before pyoxigraph loads it into a store; returns its RDF syntax.

    The cheap part of what :func:`load_files` checks, without parsing: a regular, non-empty
    file in a known syntax, valid UTF-8 (read in ``chunk_size`` pieces, so a file of any
    size costs no memory), and RDF/XML screened with expat against external entities and
    entity bombs. Raises :class:`~revops_graph.errors.InputError` naming line and column.
    """
    path = Path(path)
    rdf_format = format_for(path, fmt)
    _size_of(path)
    if rdf_format == ox.RdfFormat.RDF_XML:
        data = _read(path)
        _check_text(data, path)
        _screen_xml(data, path)
        return rdf_format
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, empty = 0, True
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(chunk_size):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    # The rare bad case: read up to the bad byte again for its line and column
                    # (and at least a KiB, where binary data shows itself by a NUL byte).
                    with path.open("rb") as again:
                        _check_text(again.read(max(offset + exc.start + 1, 1024)), path)
                    raise
                if empty and chunk.strip(_UTF8_BOM + b" \t\r\n"):
                    empty = False
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    except UnicodeDecodeError:
        _check_text(_read(path), path)  # a truncated character at the very end
        raise
    if empty:
        raise InputError("file is empty, expected RDF", path=path)
    return rdf_format


def _too_deep(path: Path) -> InputError:
    return InputError(
        f"blank nodes nested deeper than {MAX_BLANK_NODE_DEPTH} levels; give the inner nodes IRIs", path=path
    )


def _link(subject: str, obj: str, up: dict[str, int], down: dict[str, int], path: Path) -> None:
    """Track chain lengths as links arrive, to stop deep nesting while parsing.

    ``up[n]``/``down[n]`` are the longest chains known to end/start at ``n``. Nested
    structures arrive innermost-first or outermost-first, and either order is caught
    here at once; links in any other order are caught by :func:`_depth` afterwards.
    """
    before, after = up.get(subject, 1), down.get(obj, 1)
    if before + after > MAX_BLANK_NODE_DEPTH:
        raise _too_deep(path)
    down[subject] = max(down.get(subject, 1), after + 1)
    up[obj] = max(up.get(obj, 1), before + 1)


def _depth(edges: Sequence[tuple[str, str]]) -> int:
    """Blank nodes in the longest chain linked subject -> object (a cycle counts once).

    Longest path by topological order in plain dicts (300,000 links: well under a second);
    only blank-node cycles, which are rare, go to networkx's condensation.
    """
    children: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}
    for subject, obj in edges:
        children.setdefault(subject, []).append(obj)
        waiting[obj] = waiting.get(obj, 0) + 1
        waiting.setdefault(subject, 0)
    longest = dict.fromkeys(waiting, 1)
    ready = [node for node, count in waiting.items() if count == 0]
    done = 0
    while ready:
        node = ready.pop()
        done += 1
        for child in children.get(node, ()):
            longest[child] = max(longest[child], longest[node] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    if done == len(waiting):
        return max(longest.values(), default=0)
    import networkx as nx

    return int(nx.dag_longest_path_length(nx.condensation(nx.DiGraph(edges)))) + 1


def _read(path: Path) -> bytes:
    """The bytes of one input file, without a UTF-8 byte-order mark."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if data.startswith(_UTF8_BOM):
        # Editors on Windows add it; it carries no meaning in UTF-8.
        data = data[len(_UTF8_BOM):]
    return data


_NAMED = ox.NamedNode
_PLAIN = (ox.NamedNode, ox.Literal)  # terms passed on as parsed: no blank node to name, no triple term
_QUADS = (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)


def file_quads(
    path: str | PathLike[str],
    source: bytes | BinaryIO,
    rdf_format: ox.RdfFormat,
    base_iri: str | None = None,
    prefixes: dict[str, str] | None = None,
    *,
    allow_empty: bool = False,
) -> Iterator[ox.Quad]:
    """The triples of one file (``source``: its bytes or an open binary file) as pyoxigraph
    quads in the default graph, as every reader of files in this toolkit sees them.

    Blank nodes are scoped by file, so two files' ``_:b1`` stay two nodes, and numbered in
    the order they appear (pyoxigraph names anonymous ones at random): the same file
    always gives the same names, whether it ends up in rdflib or in an Oxigraph store.
    Named graphs (TriG, N-Quads) join the default graph. Once all is read, the prefixes the
    file declares go into ``prefixes``. Raises :class:`~revops_graph.errors.InputError`
    naming file, line and column; a file without triples is one unless ``allow_empty``.
    """
    path = Path(path)
    scope = "f" + hashlib.sha1(str(path).encode()).hexdigest()[:8]
    blank: dict[str, ox.BlankNode] = {}

    def named(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        if isinstance(term, ox.BlankNode):
            found = blank.get(term.value)
            if found is None:
                found = blank[term.value] = ox.BlankNode(f"{scope}b{len(blank)}")
            return found
        if not isinstance(term, _PLAIN):
            raise InputError(f"RDF-star quoted triples are not supported: {term}", path=path)
        return term

    merge = rdf_format in _QUADS
    count = 0
    parser = ox.parse(source, format=rdf_format, base_iri=base_iri)
    try:
        for quad in parser:
            count += 1
            subject, obj = quad.subject, quad.object
            if merge or type(subject) is not _NAMED or not isinstance(obj, _PLAIN):
                quad = ox.Quad(named(subject), quad.predicate, named(obj))  # type: ignore[arg-type]
            yield quad
    except SyntaxError as exc:
        if isinstance(source, bytes):
            head = source[:1024]
        else:
            with path.open("rb") as handle:
                head = handle.read(1024)
        raise parse_error(exc, path, head) from None
    except (ValueError, TypeError) as exc:
        raise InputError(str(exc), path=path) from None
    except MemoryError:
        raise InputError("out of memory while parsing; load large data into the Oxigraph store", path=path) from None
    if count == 0 and not allow_empty:
        raise InputError("no RDF statements in the file (only comments or prefixes?)", path=path)
    if prefixes is not None:
        prefixes.update(parser.prefixes or {})


def read_quads(
    path: str | PathLike[str], fmt: str | None = None, prefixes: dict[str, str] | None = None
) -> Iterator[ox.Quad]:
    """:func:`file_quads` of a file streamed from disk (any size, little memory), after the
    checks of :func:`screen_file`; a UTF-8 byte-order mark is skipped as :func:`load_files` does."""
    path = Path(path)
    rdf_format = screen_file(path, fmt)
    with path.open("rb") as handle:
        if handle.read(len(_UTF8_BOM)) != _UTF8_BOM:
            handle.seek(0)
        yield from file_quads(path, handle, rdf_format, None, prefixes)


def _parse_into(
    graph: Graph, path: Path, data: bytes, fmt: str | None, base_iri: str | None, allow_empty: bool
) -> dict[str, str]:
    rdf_format = format_for(path, fmt)
    if allow_empty and not data.strip():
        return {}
    _check_text(data, path)
    if rdf_format == ox.RdfFormat.RDF_XML:
        _screen_xml(data, path)
    # An IRI recurs as subject, predicate and object a dozen times: one URIRef each saves
    # 40 % of the conversion (1.3 M triples: 7.4 s -> 4.2 s).
    iris: dict[str, URIRef] = {}

    def node(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
        if type(term) is _NAMED:
            value = term.value
            found = iris.get(value)
            if found is None:
                found = iris[value] = URIRef(value)
            return found
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        return from_oxigraph(term)

    prefixes: dict[str, str] = {}
    # The warning comes as the graph crosses the line, while loading goes on.
    warn_at = MEMORY_WARN_TRIPLES - len(graph)
    links: list[tuple[str, str]] = []
    up: dict[str, int] = {}
    down: dict[str, int] = {}
    add = graph.add
    for count, quad in enumerate(file_quads(path, data, rdf_format, base_iri, prefixes, allow_empty=allow_empty)):
        subject, obj = quad.subject, quad.object
        if isinstance(obj, ox.BlankNode) and isinstance(subject, ox.BlankNode):
            _link(subject.value, obj.value, up, down, path)
            links.append((subject.value, obj.value))
        add((node(subject), node(quad.predicate), node(obj)))
        if count == warn_at:
            _warn_large(path)
    if len(links) >= MAX_BLANK_NODE_DEPTH and _depth(links) > MAX_BLANK_NODE_DEPTH:
        raise _too_deep(path)
    return prefixes


def load_files(
    paths: Sequence[str | PathLike[str]],
    fmt: str | None = None,
    base_iri: str | None = None,
    *,
    allow_empty: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
) -> Graph:
    """Parse ``paths`` into one rdflib graph with the standard prefixes bound.

    ``fmt`` overrides the syntax guessed from each file's extension. A file without
    triples is an error unless ``allow_empty``; inputs larger than ``max_bytes`` in total
    are refused (see :data:`MAX_INPUT_BYTES`). Raises
    :class:`~revops_graph.errors.InputError` naming the file, line and column. The
    graph comes from the parse cache (:mod:`revops_graph.cache`) when the same files,
    byte for byte, were parsed before; graphs above :data:`MEMORY_WARN_TRIPLES` are
    not cached.
    """
    from . import cache

    files = [Path(p) for p in paths]
    sizes = [_size_of(p) for p in files]
    if sum(sizes) > max_bytes:
        biggest = files[sizes.index(max(sizes))]
        raise InputError(
            f"input is {sum(sizes) / 2**20:.1f} MiB, above the {max_bytes / 2**20:.0f} MiB the in-memory graph "
            "is meant for; load it into an Oxigraph store and query that instead",
            path=biggest,
        )
    for path in files:
        format_for(path, fmt)  # an unknown syntax fails before anything is read
    inputs = [(path, _read(path)) for path in files]
    name = cache.key(inputs, fmt, base_iri) if cache.enabled() and not allow_empty else None
    cached = cache.get(name) if name else None
    if cached is not None:
        if len(cached) > MEMORY_WARN_TRIPLES:
            _warn_large(files[-1])
        return cached
    # rdflib's default store keeps a context per triple, which this graph never uses (named
    # graphs are merged): SimpleMemory adds twice and matches 1.7-2.5 times as fast.
    graph = Graph(store=SimpleMemory())
    prefixes: dict[str, str] = {}
    with cache.no_gc():
        for path, data in inputs:
            prefixes.update(_parse_into(graph, path, data, fmt, base_iri, allow_empty))
    graph = bind_prefixes(graph, {p: i for p, i in prefixes.items() if p})
    # Past the warning size the cache would cost more than it saves: a 100k-concept graph
    # reloads in 13 s instead of 31 s but peaks at 2.7 GB instead of 1.9 GB, and each entry
    # takes some 300 MB of disk. Such graphs belong in the Oxigraph store.
    if name and len(graph) <= MEMORY_WARN_TRIPLES:
        cache.put(name, graph)
    return graph
