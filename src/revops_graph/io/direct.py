"""Loading a file straight into an Oxigraph store, when nothing it holds needs Python's hand.

The careful path (:func:`revops_graph.io.loader.file_quads`) walks every triple in Python
to name blank nodes in order, screen their nesting, refuse quoted triples and merge named
graphs: at 1.3 million triples that loop costs more than Oxigraph's own parse and insert.
A Turtle or N-Triples file that has no blank node and no triple term needs none of it, and
its text tells which files cannot have one: blank nodes are written ``_:x``, ``[ ]`` or
``( ... )``, triple terms ``<< ... >>``. A file with parentheses (which mostly sit in
literals) is loaded into an empty store only, and given back when a collection turned up.

Turtle's prefixes feed the export's prefix tables, so they are read from the text:
without long (triple-quoted) strings a line cannot start inside a literal, an IRI or a
comment, so a directive at a line's start is a directive. Whenever the text leaves any
doubt the answer is None and the careful path loads the file.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

__all__ = ["load_direct"]

_RDF_FIRST = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
_DIRECT = (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES)

_WS = rb"(?:\s|#[^\n]*)"  # Turtle counts comments as white space
_NS = rb"[^\s<>\"'#:]*:"
# Anything that may start a directive (a superset: literals may match), in lower-case text.
_CANDIDATE = re.compile(rb"@prefix|@base|(?<![\w@])prefix" + _WS + rb"+" + _NS + rb"|(?<![\w@])base" + _WS + rb"*<")
# A whole directive from a line's start.
_DIRECTIVE = re.compile(
    rb"(?i)[ \t]*(?:@prefix" + _WS + rb"+" + _NS + _WS + rb"*<[^>\s]*>" + _WS + rb"*\."
    rb"|prefix" + _WS + rb"+" + _NS + _WS + rb"*<[^>\s]*>"
    rb"|@base" + _WS + rb"*<[^>\s]*>" + _WS + rb"*\."
    rb"|base" + _WS + rb"*<[^>\s]*>)"
)


def _hits(text: bytes, word: bytes) -> list[int]:
    # bytes.find outruns a regular expression over the whole file some tenfold
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def _prefixes(data: bytes, base_iri: str | None) -> dict[str, str] | None:
    """The prefixes a Turtle file declares, as its parser would report them, or None when
    the text alone cannot tell for sure."""
    if b'"""' in data or b"'''" in data:
        return None
    lower = data.lower()  # the keywords are case-insensitive
    directives: dict[int, bytes] = {}
    for at in sorted(_hits(lower, b"prefix") + _hits(lower, b"base")):
        found = _CANDIDATE.match(lower, at - 1 if at and lower[at - 1] == ord("@") else at)
        if found is None:
            continue  # a word such as "database", or "prefix" in running text
        start = data.rfind(b"\n", 0, found.start()) + 1
        whole = _DIRECTIVE.match(data, start)
        if whole is None or whole.end() < found.end():
            return None  # not at a line's start, or not whole: maybe in a literal
        directives[start] = whole.group()
    if not directives:
        return {}
    parser = ox.parse(b"\n".join(directives.values()), format=ox.RdfFormat.TURTLE, base_iri=base_iri)
    try:
        for _ in parser:
            return None  # the directives alone hold no triple
    except SyntaxError:
        return None
    return dict(parser.prefixes or {})


def load_direct(
    store: ox.Store,
    data: bytes,
    rdf_format: ox.RdfFormat,
    base_iri: str | None,
    graph: ox.NamedNode | None,
) -> tuple[ox.Store, dict[str, str]] | None:
    """Load ``data`` (already screened as text) into ``store`` without a Python loop:
    the store to go on with and the file's prefixes, or None, with ``store`` unchanged,
    when the file needs the careful path (blank nodes, triple terms, prefixes the text
    cannot settle, a syntax error to report, no triple at all)."""
    if rdf_format not in _DIRECT or b"_:" in data or b"<<" in data:
        return None
    collections = False
    if rdf_format == ox.RdfFormat.TURTLE:
        if b"[" in data:
            return None
        collections = b"(" in data
        if collections and len(store):
            return None  # a collection's blank nodes could not be told from the store's own
    prefixes = _prefixes(data, base_iri) if rdf_format == ox.RdfFormat.TURTLE else {}
    if prefixes is None:
        return None
    before = len(store)
    target = store if not collections else ox.Store()
    try:
        # one transaction: a failing file leaves the store as it was
        target.load(data, format=rdf_format, base_iri=base_iri, to_graph=graph)
    except (SyntaxError, ValueError, OSError, MemoryError):
        return None
    if collections and next(target.quads_for_pattern(None, _RDF_FIRST, None), None) is not None:
        return None
    if len(target) == before:
        return None  # no new triple: the careful path tells an empty file from repeated triples
    return target, prefixes
