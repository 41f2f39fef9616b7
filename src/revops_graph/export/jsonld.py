"""The JSON-LD document rdflib's serializer builds, built with less repeated work.

rdflib's converter asks, for every object of every triple, whether it starts an RDF list
(a look-up in the graph, even for a literal), and works out the compact key of the same
few predicates and the prefixed names of the same IRIs again for each triple: at 40,000
triples two thirds of its time. Here the graph answers "does this node start a list?" from
one set of the nodes that have an ``rdf:first``, and the context remembers what it worked
out. Both give rdflib's own answers (the context does not change while converting), so the
document is the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.plugins.serializers.jsonld import Converter, from_rdf
from rdflib.plugins.shared.jsonld.context import UNDEF, Context
from rdflib.plugins.shared.jsonld.keys import ID, VOCAB
from rdflib.term import Node

__all__ = ["jsonld_document", "jsonld_nodes"]


class _ListFacts:
    """``graph`` for the converter; ``value(node, rdf:first)`` answered at once for nodes
    that have no ``rdf:first`` (then rdflib's answer is the default too)."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph
        self._firsts = set(graph.subjects(RDF.first))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._graph, name)

    def value(self, subject=None, predicate=RDF.value, object=None, default=None, any=True):  # type: ignore[no-untyped-def]  # noqa: A002
        if predicate == RDF.first and object is None and subject is not None and subject not in self._firsts:
            return default
        return self._graph.value(subject, predicate, object, default, any)


class _Context(Context):
    """A context that remembers its answers: they depend only on the context, fixed here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._memo: dict[tuple[Any, ...], Any] = {}
        super().__init__(*args, **kwargs)

    def find_term(self, idref, coercion=None, container=UNDEF, language=None, reverse=False):  # type: ignore[no-untyped-def]
        key = ("term", idref, coercion, container, language, reverse)
        if key not in self._memo:
            self._memo[key] = super().find_term(idref, coercion, container, language, reverse)
        return self._memo[key]

    def shrink_iri(self, iri):  # type: ignore[no-untyped-def]
        key = ("shrink", type(iri), iri)
        if key not in self._memo:
            self._memo[key] = super().shrink_iri(iri)
        return self._memo[key]

    def to_symbol(self, iri):  # type: ignore[no-untyped-def]
        key = ("symbol", str(iri))
        if key not in self._memo:
            self._memo[key] = super().to_symbol(iri)
        return self._memo[key]


def jsonld_document(graph: Graph, context: dict[str, str]) -> Any:
    """What ``graph.serialize(format="json-ld", context=context, auto_compact=True)`` writes,
    as Python objects (its ``@context`` member aside, which may be written differently)."""
    # rdflib's serializer passes use_native_types as a one-tuple, which is true: so here too
    return from_rdf(_ListFacts(graph), _Context(context), None, (False,), False, auto_compact=True)


_TYPE, _NIL = frozenset({RDF.type}), frozenset({RDF.nil})  # set look-ups: an rdflib == is a Python call


class _NoLists:
    """A graph without RDF lists, for the converter: no node starts one."""

    def value(self, *args: Any, **kwargs: Any) -> None:
        return None


def jsonld_nodes(triples: list[tuple[Node, Node, Node]], read_order: list[int], context: dict[str, str]) -> list[dict[str, Any]]:
    """The nodes of :func:`jsonld_document` for a graph of ``triples`` (grouped by subject, no
    blank nodes, no RDF lists; ``read_order``: the place of each in the graph's own order).

    A triple whose predicate the context has a term for (none has, in a context of prefixes
    only) goes through rdflib's converter as it is; the others are put in their node as the
    converter puts them (its ``add_to_node`` without the questions whose answer is known here:
    no lists, no term), typed literals by the converter's own ``to_raw_value``.
    """
    converter = Converter(_Context(context), (False,), False)
    ctx, graph = converter.context, _NoLists()
    if ctx.language:  # plain literals are written otherwise: the converter does it all
        return _converted(converter, triples, read_order)
    id_key, type_key, lang_key, value_key = ctx.id_key, ctx.type_key, ctx.lang_key, ctx.value_key
    keys: dict[tuple[Node, str | None, str | None], str | None] = {}

    def key_of(p: Node, o: Node) -> str | None:
        """The node's key for ``p`` (``None``: a term of the context names it)."""
        literal = isinstance(o, Literal)
        datatype, language = (str(o.datatype) if o.datatype else None, o.language) if literal else ("", None)
        found = keys.get((p, datatype, language), "")
        if found == "":
            if literal:
                term = ctx.find_term(str(p), datatype, language=language)
            else:
                term = next((t for c in (ID, VOCAB, UNDEF) if (t := ctx.find_term(str(p), c, None))), None)
            found = keys[(p, datatype, language)] = None if term else _plain_key(ctx, p)
        return found

    nodemap: dict[str, dict[str, Any]] = {}
    for s, pairs in _by_subject(triples, read_order):
        node_id = ctx.shrink_iri(s)
        if node_id in nodemap:  # rdflib keeps the first of two subjects named alike (in hash order)
            continue
        node = nodemap[node_id] = {id_key: node_id}
        for p, o in pairs:
            p_key = key_of(p, o)
            if p_key is None:
                converter.add_to_node(graph, s, p, o, node, nodemap)
                continue
            if p in _TYPE:
                p_key = type_key
            if p_key == type_key and isinstance(o, URIRef):
                value: Any = ctx.to_symbol(o)
            elif isinstance(o, URIRef) and o not in _NIL:
                value = {id_key: ctx.shrink_iri(o)}
            elif isinstance(o, Literal) and o.datatype is None:
                value = {lang_key: o.language, value_key: str(o)} if o.language else str(o)
            else:
                value = converter.to_raw_value(graph, s, o, nodemap)
            before = node.get(p_key)
            if before:  # as rdflib: a false value (an empty text, 0) is replaced, not added to
                if not isinstance(before, list):
                    node[p_key] = before = [before]
                before.append(value)
            else:
                node[p_key] = value
    return list(nodemap.values())


def _converted(converter: Converter, triples: list[tuple[Node, Node, Node]], read_order: list[int]) -> list[dict[str, Any]]:
    """:func:`jsonld_nodes` by rdflib's converter alone."""
    ctx, graph = converter.context, _NoLists()
    nodemap: dict[str, dict[str, Any]] = {}
    for s, pairs in _by_subject(triples, read_order):
        node_id = ctx.shrink_iri(s)
        if node_id not in nodemap:
            node = nodemap[node_id] = {ctx.id_key: node_id}
            for p, o in pairs:
                converter.add_to_node(graph, s, p, o, node, nodemap)
    return list(nodemap.values())


def _plain_key(ctx: Context, p: Node) -> str:
    """The converter's key for a predicate the context has no term for."""
    p_key = ctx.to_symbol(p)
    key_term = ctx.terms.get(p_key)
    if key_term and (key_term.type or key_term.container):
        return p  # type: ignore[return-value]  # rdflib keys such a predicate by the IRI itself
    return p_key


def _by_subject(triples: list[tuple[Node, Node, Node]], read_order: list[int]) -> Iterator[tuple[Node, list[tuple[Node, Node]]]]:
    """Each subject with its ``(predicate, object)`` pairs in the graph's own order (the
    converter's: which of two false values of a predicate it keeps depends on it)."""
    start = 0
    for end in range(1, len(triples) + 1):
        if end == len(triples) or triples[end][0] is not triples[start][0] and triples[end][0] != triples[start][0]:
            places = sorted(range(start, end), key=read_order.__getitem__)
            yield triples[start][0], [(triples[i][1], triples[i][2]) for i in places]
            start = end
