"""rdflib's ``longturtle`` serializer, the same bytes in about half the time.

rdflib works out the prefixed name of an IRI every time the IRI is written (a 40,000-triple
ontology: 150,000 look-ups of 5,500 IRIs, a third of the serializer's time) and encodes each
of its 180,000 small writes on its own. Here a name is worked out once per IRI and the text is
encoded once at the end. Neither changes what is written: the first look-up of an IRI still
registers its prefix at the same point, and once an IRI has a name a later look-up gives the
same one (a prefix, once bound, is never rebound). An IRI without a name is looked up again:
a prefix generated for a later predicate can give it one.
"""

from __future__ import annotations

from io import BytesIO

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.serializers.longturtle import LongTurtleSerializer
from rdflib.term import Node

__all__ = ["longturtle", "longturtle_sorted"]


class _LongTurtle(LongTurtleSerializer):
    def reset(self) -> None:
        super().reset()
        self._pnames: dict[tuple[object, bool], str] = {}
        self._parts: list[str] = []

    def preprocess(self) -> None:
        # rdflib visits the triples in its store's (hash) order, and the first predicate of a
        # namespace without a prefix generates the next "nsN": sorted, the numbers are the same
        # in every run (they were not, under another PYTHONHASHSEED).
        for triple in sorted(self.store.triples((None, None, None)), key=_triple_order):
            self.preprocessTriple(triple)

    def get_pname(self, uri, gen_prefix=True):  # type: ignore[no-untyped-def]
        key = (uri, gen_prefix)
        found = self._pnames.get(key)
        if found is None:
            found = super().get_pname(uri, gen_prefix)
            if found is not None:  # no name yet may become one: a later predicate can bind a prefix
                self._pnames[key] = found
        return found

    def sortProperties(self, properties):  # type: ignore[no-untyped-def]
        # rdflib orders literals by rich comparisons (a fifth of the serializer's time); among
        # literals without a datatype its order is: untagged first, then by language tag,
        # then by text, which a sort key gives at once. Anything else sorts rdflib's way.
        for objects in properties.values():
            if all(type(o) is Literal and o.datatype is None and o.language != "" for o in objects):
                objects.sort(key=_untyped_order)
            else:
                objects.sort()
        ordered = [p for p in self.predicateOrder if p in properties]
        return ordered + sorted(p for p in properties if p not in ordered)

    def write(self, text: str) -> None:
        self._parts.append(text)


def _triple_order(triple: tuple[Node, Node, Node]) -> tuple[tuple[str, str], ...]:
    return tuple((type(term).__name__, str(term)) for term in triple)


def _untyped_order(literal: Literal) -> tuple[bool, str, str]:
    return (bool(literal.language), literal.language or "", str(literal))


def longturtle(graph: Graph) -> bytes:
    """``graph.serialize(format="longturtle", encoding="utf-8")``, faster."""
    serializer = _LongTurtle(graph)
    stream = BytesIO()
    serializer.serialize(stream, encoding="utf-8")
    # rdflib encodes each write with errors="replace"; per character, so once for all is the same
    return "".join(serializer._parts).encode("utf-8", "replace")


def longturtle_sorted(triples: list[tuple[Node, Node, Node]], read_order: list[int], names: Graph) -> bytes:
    """What :func:`longturtle` writes for a graph of ``triples`` (sorted by :func:`_triple_order`,
    no blank nodes, no RDF lists; ``read_order``: the place of each in the graph's own order) with
    the prefix table of ``names``, written straight from them.

    rdflib's writer asks its store for each subject's triples and walks each term through a
    chain of calls (path, squared or default, label); here the same words come from a loop.
    The prefixed names, literal forms and orders are rdflib's own calls, so the text is the same.
    """
    serializer = _LongTurtle(names)
    pname = serializer.get_pname
    is_type, nil, top_class = {RDF.type}, {RDF.nil}, {RDFS.Class}
    # The preprocessing: every name looked up in rdflib's order, so prefixes are generated alike.
    # A name found is remembered by the serializer: only the first look-up of each counts.
    named: tuple[set[Node], set[Node]] = (set(), set())
    refs: dict[Node, int] = {}
    top: set[Node] = set()

    def look_up(node: Node, verb: bool) -> None:
        if node not in named[verb] and pname(node, verb) is not None:
            named[verb].add(node)

    for s, p, o in triples:
        look_up(s, False)
        if p in is_type:
            if o in top_class:
                top.add(s)
        else:
            look_up(p, True)
        if isinstance(o, Literal):
            if o.datatype:
                look_up(o.datatype, False)
        else:
            look_up(o, False)
            refs[o] = refs.get(o, 0) + 1

    labels: tuple[dict[Node, str], dict[Node, str]] = ({}, {})

    def name(node: Node, verb: bool = False) -> str:
        found = labels[verb].get(node)
        if found is None:
            if node in nil:
                found = "()"
            elif verb and node in is_type:
                found = "a"
            else:
                found = pname(node, verb) or node.n3()
            labels[verb][node] = found
        return found

    def datatype_name(datatype: URIRef) -> str | None:
        return pname(datatype, False)

    def text(node: Node) -> str:
        if isinstance(node, Literal):
            return node._literal_n3(use_plain=True, qname_callback=datatype_name)
        return name(node)

    bysubject: dict[Node, dict[Node, list[tuple[int, Node]]]] = {}
    for (s, p, o), index in zip(triples, read_order):
        bysubject.setdefault(s, {}).setdefault(p, []).append((index, o))
    # rdflib's order: the members of rdfs:Class, then the others, least referred to first
    rest = sorted((refs.get(s, 0), s) for s in bysubject if s not in top)
    parts = [f"PREFIX {prefix}: <{uri}>\n" for prefix, uri in sorted(serializer.namespaces.items())]
    for subject in sorted(top) + [s for _, s in rest]:
        # each object list in the graph's order, which rdflib's sort starts from
        properties = {p: [o for _, o in sorted(objects, key=_first)] if len(objects) > 1 else [objects[0][1]]
                      for p, objects in bysubject[subject].items()}
        parts.append(f"\n{name(subject)}\n")
        lead = "    "
        for predicate in serializer.sortProperties(properties):
            objects = properties[predicate]
            parts.append(lead + name(predicate, True))
            if len(objects) == 1:
                parts.append(" " + text(objects[0]))
            else:
                parts.append("\n        " + " ,\n        ".join(map(text, objects)))
            lead = " ;\n    "
        parts.append(" ;\n.\n")
    return "".join(parts).encode("utf-8", "replace")


def _first(pair: tuple[int, Node]) -> int:
    return pair[0]

