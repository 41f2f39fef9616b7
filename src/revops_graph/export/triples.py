"""The glossary's triples read once, sorted, for the Turtle and JSON-LD writers to share.

rdflib's writers read an rdflib graph through its store (a pattern look-up per subject, a
"does this start a list?" per object) and sort as they go; building that graph alone costs
a second at 40,000 triples. Here the triples are read once, as rdflib terms (from the graph
when it exists, else from the Oxigraph store, no graph built), in the order rdflib's
``longturtle`` visits them (:func:`~.longturtle._triple_order`), which also groups each
subject's triples. Graphs with blank nodes (renamed canonically first) or RDF lists are
left to rdflib's own writers (:attr:`SortedTriples.triples` is ``None``).

Inside :func:`sharing` the triples and the prefix table are kept for every writer of the
same glossary (``build`` writes Turtle and JSON-LD from one reading); outside it each
export reads afresh, so a glossary changed between two exports is read as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from rdflib import BNode, Graph
from rdflib.namespace import RDF

if TYPE_CHECKING:
    from rdflib.term import Node

    from ..model import Glossary

__all__ = ["SortedTriples", "names_graph", "sharing", "sorted_triples"]

Triple = tuple["Node", "Node", "Node"]


_shared: WeakKeyDictionary[Glossary, SortedTriples] = WeakKeyDictionary()
_names: WeakKeyDictionary[Glossary, Graph] = WeakKeyDictionary()


class SortedTriples:
    """The triples of a glossary without blank nodes, sorted as ``longturtle`` visits them."""

    def __init__(self, glossary: Glossary) -> None:
        self._glossary = glossary

    @cached_property
    def triples(self) -> list[Triple] | None:
        """Every triple once, sorted; ``None`` when the graph has blank nodes or RDF lists
        (rdflib's writers serve those)."""
        found = self._read
        return None if found is None else found[0]

    @property
    def read_order(self) -> list[int]:
        """For each of :attr:`triples`, its place in the order the graph gave the triples in:
        rdflib's writer sorts each object list from that order, and a few sorts of literals
        of different datatypes give an order that depends on it."""
        found = self._read
        return [] if found is None else found[1]

    @cached_property
    def _read(self) -> tuple[list[Triple], list[int]] | None:
        keyed = []
        first = {RDF.first}  # a set look-up: an rdflib == is a Python call
        for index, (s, p, o) in enumerate(self._in_graph_order()):
            if isinstance(s, BNode) or isinstance(o, BNode) or p in first:
                return None
            keyed.append(((str(s), str(p), type(o).__name__, str(o)), index, (s, p, o)))
        keyed.sort(key=_key)
        return [triple for _, _, triple in keyed], [index for _, index, _ in keyed]

    def _in_graph_order(self) -> Iterator[Triple]:
        """The triples, each subject's in the order rdflib's writers meet them (its graph's
        ``triples((s, None, None))``; a parsed graph gives another order than its whole
        iteration). A few object lists sort differently from another start: a list of
        doubles and decimals with a NaN, which rdflib cannot order."""
        glossary = self._glossary
        if not glossary.graph_built:  # the graph rdflib's route would build: in the store's order
            yield from glossary.view
            return
        graph = glossary.graph
        for subject in graph.subjects(unique=True):
            yield from graph.triples((subject, None, None))


def _key(item: tuple[tuple[str, str, str, str], int, Triple]) -> tuple[str, str, str, str]:
    return item[0]


def sorted_triples(glossary: Glossary) -> SortedTriples:
    """The glossary's :class:`SortedTriples`: the shared one inside :func:`sharing`."""
    return _shared.get(glossary) or SortedTriples(glossary)


def names_graph(glossary: Glossary) -> Graph:
    """The graph whose prefix table names the glossary's IRIs: its rdflib graph once built,
    else an empty graph with the prefixes that graph would have, kept with the glossary.

    Kept, because writing Turtle binds the prefixes it generates (``ns1``) in it, and JSON-LD
    written after declares them, as rdflib's writers do on the glossary's graph.
    """
    if glossary.graph_built:
        return glossary.graph
    found = _names.get(glossary)
    if found is None:
        from rdflib.plugins.stores.memory import SimpleMemory

        from ..namespaces import bind_prefixes

        found = _names[glossary] = bind_prefixes(Graph(store=SimpleMemory()), glossary.prefixes)
    return found


@contextmanager
def sharing(glossary: Glossary) -> Iterator[None]:
    """Within the block, every export of ``glossary`` shares one reading of its triples."""
    _shared[glossary] = SortedTriples(glossary)
    try:
        yield
    finally:
        _shared.pop(glossary, None)
