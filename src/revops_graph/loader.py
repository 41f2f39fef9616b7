"""Reading RDF files into an rdflib graph.

Every file is parsed by pyoxigraph (a strict, fast parser that fetches nothing: no
remote JSON-LD contexts, no external XML entities) and its triples handed to rdflib,
whose graph model the rest of the toolkit uses. Named graphs in TriG and N-Quads are
merged into the one graph.

rdflib holds about 1.5 KB per triple and adds some 25,000 triples a second, so past
:data:`MEMORY_WARN_TRIPLES` triples :func:`load_files` warns (:class:`LargeGraphWarning`)
and suggests the embedded Oxigraph store, which loads 10 times faster in a third of the
memory (see BENCHMARKS.md).
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .convert import from_oxigraph
from .errors import InputError
from .namespaces import bind_prefixes

__all__ = ["FORMATS", "MEMORY_WARN_TRIPLES", "LargeGraphWarning", "format_for", "load_files"]

#: Above this many triples the in-memory (rdflib) graph is slow and big: 250,000 triples
#: (some 20,000 concepts) take about 10 s and 400 MB; 1.3 million take a minute and 2 GB.
MEMORY_WARN_TRIPLES = 250_000


class LargeGraphWarning(UserWarning):
    """The graph is too big for the in-memory default; an Oxigraph store would serve better."""

#: Format names accepted by ``--format``, with the file extensions that select them.
FORMATS: dict[str, tuple[ox.RdfFormat, tuple[str, ...]]] = {
    "turtle": (ox.RdfFormat.TURTLE, (".ttl", ".turtle")),
    "trig": (ox.RdfFormat.TRIG, (".trig",)),
    "nt": (ox.RdfFormat.N_TRIPLES, (".nt",)),
    "nquads": (ox.RdfFormat.N_QUADS, (".nq",)),
    "jsonld": (ox.RdfFormat.JSON_LD, (".jsonld", ".json")),
    "xml": (ox.RdfFormat.RDF_XML, (".rdf", ".owl", ".xml")),
}

# pyoxigraph prefixes its messages with the location, which InputError already shows.
_LOCATION = re.compile(r"^Parser error (?:at|on) line \d+[^:]*: ", re.IGNORECASE)


def format_for(path: str | PathLike[str], fmt: str | None = None) -> ox.RdfFormat:
    """The RDF syntax for ``path``: ``fmt`` when given, otherwise from its extension.

    >>> format_for("glossary.ttl").name
    'Turtle'
    """
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(
                f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)})", path=path
            )
        return FORMATS[fmt][0]
    suffix = Path(path).suffix.lower()
    for rdf_format, suffixes in FORMATS.values():
        if suffix in suffixes:
            return rdf_format
    known = ", ".join(s for _, sfx in FORMATS.values() for s in sfx)
    raise InputError(f"cannot tell the RDF syntax from {suffix or 'no extension'!r}; use one of {known} or --format", path=path)


def _warn_large(path: Path) -> None:
    warnings.warn(
        LargeGraphWarning(
            f"{path}: more than {MEMORY_WARN_TRIPLES:,} triples in memory (rdflib): loading is slow and "
            "needs about 1.5 GB per million triples; use --store oxigraph:PATH for graphs this big"
        ),
        stacklevel=4,
    )


def _read(path: Path, fmt: str | None) -> bytes:
    format_for(path, fmt)  # an unknown syntax fails before anything is read
    if path.is_dir():
        raise InputError("is a directory, expected an RDF file", path=path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if not data.strip():
        raise InputError("file is empty, expected RDF", path=path)
    return data


def _parse_into(graph: Graph, path: Path, data: bytes, fmt: str | None, base_iri: str | None) -> dict[str, str]:
    rdf_format = format_for(path, fmt)
    # Blank nodes are scoped per file, so two files' "_:b1" stay two nodes.
    scope = "f" + hashlib.sha1(str(path).encode()).hexdigest()[:8]
    parser = ox.parse(data, format=rdf_format, base_iri=base_iri)
    # The warning comes as the graph crosses the line, while loading goes on.
    warn_at = MEMORY_WARN_TRIPLES - len(graph)
    try:
        add = graph.add
        for count, quad in enumerate(parser):
            if count == warn_at:
                _warn_large(path)
            add(
                (
                    from_oxigraph(quad.subject, scope),
                    from_oxigraph(quad.predicate),
                    from_oxigraph(quad.object, scope),
                )
            )
    except SyntaxError as exc:
        message = _LOCATION.sub("", exc.msg)
        raise InputError(message, path=path, line=exc.lineno, column=exc.offset) from None
    except (ValueError, TypeError) as exc:
        raise InputError(str(exc), path=path) from None
    return dict(parser.prefixes or {})


def load_files(
    paths: Sequence[str | PathLike[str]],
    fmt: str | None = None,
    base_iri: str | None = None,
) -> Graph:
    """Parse ``paths`` into one rdflib graph with the standard prefixes bound.

    ``fmt`` overrides the syntax guessed from each file's extension. Raises
    :class:`~revops_graph.errors.InputError` naming the file, line and column. The
    graph comes from the parse cache (:mod:`revops_graph.cache`) when the same files,
    byte for byte, were parsed before; graphs above :data:`MEMORY_WARN_TRIPLES` are
    not cached.
    """
    from . import cache

    inputs = [(Path(path), _read(Path(path), fmt)) for path in paths]
    name = cache.key(inputs, fmt, base_iri) if cache.enabled() else None
    graph = cache.get(name) if name else None
    if graph is not None:
        if len(graph) > MEMORY_WARN_TRIPLES:
            _warn_large(inputs[-1][0])
        return graph
    graph = Graph()
    prefixes: dict[str, str] = {}
    with cache.no_gc():
        for path, data in inputs:
            prefixes.update(_parse_into(graph, path, data, fmt, base_iri))
    graph = bind_prefixes(graph, {p: i for p, i in prefixes.items() if p})
    # Past the warning size the cache would cost more than it saves: a 100k-concept graph
    # reloads in 13 s instead of 31 s but peaks at 2.7 GB instead of 1.9 GB, and each entry
    # takes some 300 MB of disk. Such graphs belong in the Oxigraph store.
    if name and len(graph) <= MEMORY_WARN_TRIPLES:
        cache.put(name, graph)
    return graph
