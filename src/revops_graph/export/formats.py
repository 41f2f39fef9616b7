"""Deterministic serializers: the same graph gives the same bytes, so diffs review well.

Turtle uses rdflib's ``longturtle`` (sorted subjects, predicates and objects, one object
per line) up to :data:`TURTLE_STREAM_THRESHOLD` triples; bigger graphs are written by
pyoxigraph from sorted triples (subjects grouped, same bytes for the same graph): about
three times faster than longturtle at 128,000 triples, where what is left is reading
rdflib's graph (see BENCHMARKS.md). Longturtle's layout stays for graphs people read.
N-Triples are sorted lines; JSON-LD is compacted with our prefixes and its nodes sorted
by ``@id``; RDF/XML is written by pyoxigraph from sorted triples. Blank
nodes are relabelled canonically first (rdflib.compare), so their names are stable too.
Graphs without blank nodes or RDF lists are written in longturtle and JSON-LD straight from
their triples, read and sorted once (:mod:`.triples`): rdflib's bytes, in half the time.
GraphML holds the concept graph (concepts as nodes, relations as edges) for Gephi or
Cytoscape.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..io.convert import triples_to_oxigraph
from ..model import Glossary
from ..namespaces import PREFIXES, RDFLIB_DEFAULT_PREFIXES, bind_prefixes
from .jsontext import dumps_indented, sort_key

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["EXPORT_FORMATS", "TURTLE_STREAM_THRESHOLD", "export_pieces", "serialize"]

_XSD_STRING, _LANG_STRING = PREFIXES["xsd"] + "string", PREFIXES["rdf"] + "langString"

#: Graphs with more triples than this are written to Turtle by pyoxigraph, not rdflib.
#: rdflib's longturtle takes about 0.6 s per 10,000 triples on a laptop core (8 s for
#: 128,000); 50,000 triples (some 4,000 concepts) keeps it near 3 s at worst.
TURTLE_STREAM_THRESHOLD = 50_000


def _canonical(graph: Graph) -> Graph:
    """``graph`` with blank nodes renamed deterministically (only when it has any)."""
    if not any(isinstance(t, rdfl.BNode) for triple in graph for t in triple):
        return graph
    from rdflib.compare import to_canonical_graph

    out = rdfl.Graph()
    for triple in to_canonical_graph(graph):
        out.add(triple)
    return bind_prefixes(out, {p: str(n) for p, n in graph.namespaces() if p})


def _used_prefixes(graph: Graph, triples: Iterable[ox.Triple] | None = None) -> dict[str, str]:
    """The graph's bound prefixes whose namespace some IRI of ``triples`` (default: the graph) uses."""
    bound = {p: str(n) for p, n in graph.namespaces() if p}
    return _prefixes_of(bound, _graph_iris(graph) if triples is None else _iris(triples))


def _graph_iris(graph: Graph) -> set[str]:
    """The IRIs of ``graph``'s terms and literal datatypes, as :func:`_iris` finds them, read
    from rdflib's terms: converting every triple to pyoxigraph first took twice as long."""
    terms: set[object] = set()
    for triple in graph:
        terms.update(triple)
    return _term_iris(terms)


def _triple_iris(triples: Iterable[tuple[Node, Node, Node]]) -> set[str]:
    """:func:`_graph_iris` of a graph of ``triples``, whose subjects and predicates are IRIs."""
    iris = {str(s) for s, _, _ in triples}
    iris.update(str(p) for _, p, _ in triples)
    return iris | _term_iris(o for _, _, o in triples)


def _term_iris(terms: Iterable[object]) -> set[str]:
    iris: set[str] = set()
    for term in terms:
        if isinstance(term, rdfl.URIRef):
            iris.add(str(term))
        elif isinstance(term, rdfl.Literal):
            # as the conversion to pyoxigraph types them (io.convert.to_oxigraph)
            datatype = str(term.datatype) if term.datatype is not None else _XSD_STRING
            iris.add(_LANG_STRING if term.language else datatype if datatype != _LANG_STRING else _XSD_STRING)
    return iris


def _iris(triples: Iterable[ox.Triple]) -> set[str]:
    """The IRIs of ``triples``' terms and literal datatypes."""
    iris: set[str] = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    return iris


def _prefixes_of(bound: dict[str, str], iris: set[str]) -> dict[str, str]:
    """The prefixes of ``bound`` whose namespace some of ``iris`` uses."""
    # Namespaces end in "/" or "#": compare the few distinct heads, not every IRI.
    heads = {iri[: max(iri.rfind("/"), iri.rfind("#")) + 1] for iri in iris}
    used = {n for n in bound.values() if any(h.startswith(n) for h in heads)}
    used.update(n for n in bound.values() if n[-1:] not in "/#" and any(i.startswith(n) for i in iris))
    return {p: n for p, n in sorted(bound.items()) if n in used}


def _turtle(glossary: Glossary) -> bytes:
    if len(glossary) > TURTLE_STREAM_THRESHOLD:
        return _sorted_oxigraph(glossary, ox.RdfFormat.TURTLE)
    # rdflib's writers load rdflib; N-Triples and RDF/XML export do without it.
    from .longturtle import longturtle, longturtle_sorted
    from .triples import names_graph, sorted_triples

    found, names = sorted_triples(glossary), names_graph(glossary)
    if found.triples is not None and names.base is None:  # with a base, IRIs are written relative to it
        return longturtle_sorted(found.triples, found.read_order, names)
    return longturtle(_canonical(glossary.graph))


def _ntriples(glossary: Glossary) -> Iterable[bytes]:
    lines = _store_lines(glossary)
    if lines is not None:
        return _pieces(lines)
    from .triples import sorted_triples

    found = sorted_triples(glossary).triples  # the rdflib graph's triples, read already for Turtle
    if found is not None:
        text = _nt_rows(found).encode("utf-8")
    else:
        text = _canonical(glossary.graph).serialize(format="nt", encoding="utf-8")
    return [b"".join(line + b"\n" for line in sorted(set(text.splitlines())) if line.strip())]


def _nt_rows(triples: list[tuple[Node, Node, Node]]) -> str:
    """What rdflib's N-Triples writer writes for a graph of ``triples`` (no blank nodes), in
    their order: its own rows, each IRI's form worked out once (rdflib validates it per use)."""
    from rdflib.plugins.serializers.nt import _quoteLiteral as quote_literal

    forms: dict[Node, str] = {}

    def form(node: Node) -> str:
        found = forms.get(node)
        if found is None:
            found = forms[node] = node.n3()
        return found

    return "".join(
        f"{form(s)} {form(p)} {quote_literal(o) if isinstance(o, rdfl.Literal) else form(o)} .\n" for s, p, o in triples
    )


def _store_lines(glossary: Glossary, iris: set[str] | None = None) -> list[bytes] | None:
    """The glossary's triples straight from its Oxigraph store as sorted N-Triples lines (without
    the closing `` .``); ``None`` when the rdflib route must serve: the glossary came as an rdflib
    graph, or it has blank nodes, which only rdflib's canonical form names the same whatever file
    they came from. ``iris``: also add :func:`_iris` of the triples to it.

    Lines, not term objects: at a million triples the objects cost more memory than the store
    holding them, and a line is what the sort compares anyway (UTF-8 bytes sort as their text:
    both in code point order).
    """
    if glossary.graph_built:
        return None
    store = glossary.store
    lines: list[bytes] = []
    blank, named, literal = ox.BlankNode, ox.NamedNode, ox.Literal
    add = iris.add if iris is not None else None
    # every graph: the embedded glossary keeps its vocabulary in one of its own
    for quad in store.quads_for_pattern(None, None, None):
        subject, obj = quad.subject, quad.object
        if isinstance(subject, blank) or isinstance(obj, blank):
            return None
        lines.append(str(quad.triple).encode())
        if add is not None:
            # the terms are at hand here: reading them again from the lines took longer than the sort
            if isinstance(subject, named):
                add(subject.value)
            add(quad.predicate.value)
            if isinstance(obj, named):
                add(obj.value)
            elif isinstance(obj, literal):
                add(obj.datatype.value)
    if next(iter(store.named_graphs()), None) is not None:  # a triple may sit in several graphs
        lines = list(set(lines))
    lines.sort()
    return lines


_PIECE = 20_000  # lines per piece: a few megabytes, so the text is never whole in memory


def _pieces(lines: list[bytes]) -> Iterator[bytes]:
    """N-Triples text of ``lines`` in pieces."""
    for start in range(0, len(lines), _PIECE):
        yield b"".join(line + b" .\n" for line in lines[start:start + _PIECE])


class _LineReader(io.RawIOBase):
    """``lines`` as a readable N-Triples stream, for pyoxigraph's parser (no text held whole)."""

    def __init__(self, lines: list[bytes]) -> None:
        self._pieces = _pieces(lines)
        self._piece = memoryview(b"")
        self._at = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        while self._at == len(self._piece):
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            self._piece, self._at = memoryview(piece), 0
        size = min(len(buffer), len(self._piece) - self._at)
        buffer[:size] = self._piece[self._at:self._at + size]
        self._at += size
        return size


def _store_prefixes(glossary: Glossary, iris: set[str]) -> dict[str, str]:
    """The prefixes an rdflib graph of the glossary would have bound, as far as ``iris`` use them."""
    return _prefixes_of({**RDFLIB_DEFAULT_PREFIXES, **PREFIXES, **glossary.prefixes}, iris)


def _sorted_oxigraph(glossary: Glossary, fmt: ox.RdfFormat) -> bytes:
    iris: set[str] = set()
    lines = _store_lines(glossary, iris)
    if lines is not None:
        # parsed back from the lines rather than held as a million term objects
        quads = ox.parse(io.BufferedReader(_LineReader(lines), 1 << 20), format=ox.RdfFormat.N_TRIPLES)
        return ox.serialize(quads, format=fmt, prefixes=_store_prefixes(glossary, iris)) or b""
    graph = glossary.graph
    triples = list(triples_to_oxigraph(graph))
    if any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples):
        graph = _canonical(graph)
        triples = list(triples_to_oxigraph(graph))
    # A triple's str() is its N-Triples line: sorting by it groups each subject's triples.
    triples.sort(key=str)
    return ox.serialize(triples, format=fmt, prefixes=_used_prefixes(graph, triples))


def _jsonld(glossary: Glossary) -> bytes:
    from .jsonld import jsonld_document, jsonld_nodes
    from .triples import names_graph, sorted_triples

    found = sorted_triples(glossary)
    if found.triples is not None:
        names = names_graph(glossary)
        context = _prefixes_of({p: str(n) for p, n in names.namespaces() if p}, _triple_iris(found.triples)) or dict(PREFIXES)
        nodes = jsonld_nodes(found.triples, found.read_order, context)
    else:
        graph = _canonical(glossary.graph)
        context = _used_prefixes(graph) or dict(PREFIXES)
        # The document rdflib's JSON-LD serializer would write, without writing it indented and
        # reading it back (a third of the time).
        doc = jsonld_document(graph, context)
        nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    nodes = sorted(({k: v for k, v in n.items() if k != "@context"} for n in nodes), key=lambda n: str(n.get("@id", "")))
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=sort_key)
    out = {"@context": context, "@graph": nodes}
    return (dumps_indented(out) + "\n").encode("utf-8")


def _graphml(glossary: Glossary) -> bytes:
    from ..analysis.graph import concept_graph, to_graphml

    return to_graphml(concept_graph(glossary))


#: Export formats by name, each a function of the glossary giving bytes (or bytes in pieces).
EXPORT_FORMATS: dict[str, Callable[[Glossary], bytes | Iterable[bytes]]] = {
    "turtle": _turtle,
    "jsonld": _jsonld,
    "nt": _ntriples,
    "xml": lambda g: _sorted_oxigraph(g, ox.RdfFormat.RDF_XML),
    "graphml": _graphml,
}


def export_pieces(glossary: Glossary, fmt: str = "turtle") -> Iterable[bytes]:
    """:func:`serialize`'s bytes in pieces, for writing a big graph without holding its text whole."""
    try:
        writer = EXPORT_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r} (choose one of {', '.join(EXPORT_FORMATS)})") from None
    out = writer(glossary)
    return [out] if isinstance(out, bytes) else out


def serialize(glossary: Glossary, fmt: str = "turtle") -> bytes:
    """The glossary in ``fmt`` (one of :data:`EXPORT_FORMATS`), as deterministic bytes.

    >>> from revops_graph import load_glossary
    >>> serialize(load_glossary(), "turtle").startswith(b"PREFIX")
    True
    """
    return b"".join(export_pieces(glossary, fmt))
