"""Reading RDF files into an rdflib graph.

Every file is parsed by pyoxigraph (a strict, fast parser that fetches nothing: no
remote JSON-LD contexts, no external XML entities) and its triples handed to rdflib,
whose graph model the rest of the toolkit uses. Named graphs in TriG and N-Quads are
merged into the one graph.

Hostile input is stopped before it is parsed (:mod:`revops_graph.io.screen`). Every
failure is an :class:`~revops_graph.errors.InputError` naming the file and, where known,
line and column.

The graph lives in rdflib's SimpleMemory store: about 1 KB per triple, some 100,000
triples a second. Past :data:`MEMORY_WARN_TRIPLES` triples :func:`load_files` warns
(:class:`LargeGraphWarning`) and suggests the embedded Oxigraph store, which loads 2.7
times faster in half the memory and answers SPARQL 40-160 times faster (see BENCHMARKS.md). Parsed graphs are cached by content (:mod:`revops_graph.io.cache`).

Blank nodes are named in the order they first appear, scoped by file, so the same file
always gives the same graph, names included.

Language tags are checked for well-formedness (BCP 47 syntax, as RDF 1.1 asks), not
against the IANA registry: ``"x"@xx-foobar`` loads, ``"x"@en-toolongsubtag`` does not.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..errors import InputError
from ..namespaces import bind_prefixes
from .convert import from_oxigraph
from .direct import load_direct
from .screen import (
    MAX_BLANK_NODE_DEPTH,
    MAX_INPUT_BYTES,
    UTF8_BOM,
    check_text,
    depth,
    format_for,
    link,
    parse_error,
    read_input,
    screen_file,
    screen_xml,
    size_of,
    term_too_large,
    too_deep,
)

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

__all__ = [
    "LargeGraphWarning",
    "MEMORY_WARN_TRIPLES",
    "file_quads",
    "load_files",
    "load_store",
    "read_quads",
]


#: Above this many triples (some 20,000 concepts) the in-memory (rdflib) graph gets slow to
#: query and export: loading 1.3 million triples takes 12 s and 1.2 GB, a SPARQL search on
#: them 22 s (Oxigraph: 0.5 s). Loading goes on, with a LargeGraphWarning that suggests
#: the Oxigraph store.
MEMORY_WARN_TRIPLES = 250_000


class LargeGraphWarning(UserWarning):
    """The graph is too big for the in-memory default; an Oxigraph store would serve better."""


def _warn_large(path: Path, rdflib: bool = True) -> None:
    # measured at 1.3 M triples: rdflib's graph 1.2 GB, the in-memory Oxigraph store 0.55 GB
    cost = "rdflib's graph: about 1 GB per million triples" if rdflib else "about 0.5 GB per million triples"
    warnings.warn(
        LargeGraphWarning(
            f"{path}: more than {MEMORY_WARN_TRIPLES:,} triples in memory ({cost}); query and export "
            "can use --store oxigraph:PATH to keep graphs this big on disk"
        ),
        stacklevel=4,
    )






_NAMED = ox.NamedNode
_BLANK = ox.BlankNode


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
    blank_link: Callable[[str, str], None] | None = None,
) -> Iterator[ox.Quad]:
    """The triples of one file (``source``: its bytes or an open binary file) as pyoxigraph
    quads in the default graph, as every reader of files in this toolkit sees them.

    Blank nodes are scoped by file, so two files' ``_:b1`` stay two nodes, and numbered in
    the order they appear (pyoxigraph names anonymous ones at random): the same file
    always gives the same names, whether it ends up in rdflib or in an Oxigraph store.
    Named graphs (TriG, N-Quads) join the default graph. Once all is read, the prefixes the
    file declares go into ``prefixes``. Raises :class:`~revops_graph.errors.InputError`
    naming file, line and column; a file without triples is one unless ``allow_empty``.
    ``blank_link(subject, object)`` is told of every triple between two blank nodes.
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
                # only here: a triple between two blank nodes never takes the plain path
                if blank_link is not None and type(quad.subject) is _BLANK and type(quad.object) is _BLANK:
                    blank_link(quad.subject.value, quad.object.value)
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
    except MemoryError as exc:
        too_large = term_too_large(path, exc)
        if too_large is not None:
            raise too_large from None
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
        if handle.read(len(UTF8_BOM)) != UTF8_BOM:
            handle.seek(0)
        yield from file_quads(path, handle, rdf_format, None, prefixes)


def _screened_quads(
    path: Path, data: bytes, fmt: str | None, base_iri: str | None, allow_empty: bool, prefixes: dict[str, str]
) -> Iterator[ox.Quad]:
    """The quads of one file's bytes after every screen: text, XML entities, blank-node depth."""
    rdf_format = format_for(path, fmt)
    if allow_empty and not data.strip():
        return
    check_text(data, path)
    if rdf_format == ox.RdfFormat.RDF_XML:
        screen_xml(data, path)
    links: list[tuple[str, str]] = []
    up: dict[str, int] = {}
    down: dict[str, int] = {}

    def blank_link(subject: str, obj: str) -> None:
        link(subject, obj, up, down, path)
        links.append((subject, obj))

    # the screen rides on file_quads' own loop: a second loop here cost a tenth of a load
    yield from file_quads(path, data, rdf_format, base_iri, prefixes, allow_empty=allow_empty, blank_link=blank_link)
    if len(links) >= MAX_BLANK_NODE_DEPTH and depth(links) > MAX_BLANK_NODE_DEPTH:
        raise too_deep(path)


def _parse_into(
    graph: Graph, path: Path, data: bytes, fmt: str | None, base_iri: str | None, allow_empty: bool
) -> dict[str, str]:
    # An IRI recurs as subject, predicate and object a dozen times: one URIRef each saves
    # 40 % of the conversion (1.3 M triples: 7.4 s -> 4.2 s).
    iris: dict[str, URIRef] = {}

    def node(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
        if type(term) is _NAMED:
            value = term.value
            found = iris.get(value)
            if found is None:
                found = iris[value] = rdfl.URIRef(value)
            return found
        if isinstance(term, ox.BlankNode):
            return rdfl.BNode(term.value)
        return from_oxigraph(term)

    prefixes: dict[str, str] = {}
    # The warning comes as the graph crosses the line, while loading goes on.
    warn_at = MEMORY_WARN_TRIPLES - len(graph)
    add = graph.add
    for count, quad in enumerate(_screened_quads(path, data, fmt, base_iri, allow_empty, prefixes)):
        add((node(quad.subject), node(quad.predicate), node(quad.object)))
        if count == warn_at:
            _warn_large(path)
    return prefixes


def _read_inputs(files: Sequence[Path], fmt: str | None, max_bytes: int) -> list[tuple[Path, bytes]]:
    """Each file's bytes, after the size limit and the syntax check that need no reading."""
    sizes = [size_of(p) for p in files]
    if sum(sizes) > max_bytes:
        biggest = files[sizes.index(max(sizes))]
        raise InputError(
            f"input is {sum(sizes) / 2**20:.1f} MiB, above the {max_bytes / 2**20:.0f} MiB the in-memory graph "
            "is meant for; load it into an Oxigraph store and query that instead",
            path=biggest,
        )
    for path in files:
        format_for(path, fmt)  # an unknown syntax fails before anything is read
    return [(path, read_input(path)) for path in files]


_BATCH = 20_000


def _load_direct(
    store: ox.Store, path: Path, data: bytes, fmt: str | None, base_iri: str | None, graph: ox.NamedNode | None
) -> tuple[ox.Store, dict[str, str]] | None:
    """:func:`~revops_graph.io.direct.load_direct` after the text screen; None: load with care."""
    if not data.strip():
        return None
    check_text(data, path)
    return load_direct(store, data, format_for(path, fmt), base_iri, graph)


def load_store(
    paths: Sequence[str | PathLike[str]],
    fmt: str | None = None,
    base_iri: str | None = None,
    *,
    allow_empty: bool = False,
    max_bytes: int = MAX_INPUT_BYTES,
    graphs: Mapping[Path, str] | None = None,
) -> tuple[ox.Store, dict[str, str]]:
    """Parse ``paths`` into one in-memory Oxigraph store (default graph), and the prefixes
    the files declare. ``graphs`` puts the triples of the files it names into a named graph
    instead (the embedded glossary keeps its ``rog:`` vocabulary apart from its terms).

    The same screens, errors and blank-node names as :func:`load_files`, without building
    an rdflib graph: pyoxigraph parses and stores, so a command that never needs rdflib's
    graph model pays for none of it (parsing is 5-10 times faster, in a third of the memory).
    A Turtle or N-Triples file without blank nodes skips even the Python loop over its
    triples (:mod:`revops_graph.io.direct`).
    """
    files = [Path(p) for p in paths]
    inputs = _read_inputs(files, fmt, max_bytes)
    store = ox.Store()
    prefixes: dict[str, str] = {}
    warned = False
    for path, data in inputs:
        name = (graphs or {}).get(path)
        graph = ox.NamedNode(name) if name is not None else None
        direct = _load_direct(store, path, data, fmt, base_iri, graph)
        if direct is not None:
            store, file_prefixes = direct
        else:
            file_prefixes = {}
            quads = _screened_quads(path, data, fmt, base_iri, allow_empty, file_prefixes)
            if graph is not None:
                quads = (ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads)
            # In batches: one extend() holds every quad of the call in memory until it commits
            # (1.3 M triples: 922 MB peak at once, 577 MB in batches of 20,000, ~10 % slower).
            while batch := list(islice(quads, _BATCH)):
                store.extend(batch)
        prefixes.update(file_prefixes)
        if not warned and len(store) > MEMORY_WARN_TRIPLES:
            warned = True
            _warn_large(path, rdflib=False)
    return store, {p: i for p, i in prefixes.items() if p}


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
    graph comes from the parse cache (:mod:`revops_graph.io.cache`) when the same files,
    byte for byte, were parsed before; graphs above :data:`MEMORY_WARN_TRIPLES` are
    not cached.
    """
    from . import cache

    files = [Path(p) for p in paths]
    inputs = _read_inputs(files, fmt, max_bytes)
    name = cache.key(inputs, fmt, base_iri) if cache.enabled() and not allow_empty else None
    cached = cache.get(name) if name else None
    if cached is not None:
        if len(cached) > MEMORY_WARN_TRIPLES:
            _warn_large(files[-1])
        return cached
    # rdflib's default store keeps a context per triple, which this graph never uses (named
    # graphs are merged): SimpleMemory adds twice and matches 1.7-2.5 times as fast.
    from rdflib.plugins.stores.memory import SimpleMemory

    graph = rdfl.Graph(store=SimpleMemory())
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
