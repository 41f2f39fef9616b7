"""Deterministic serializers: the same graph gives the same bytes, so diffs review well.

Turtle uses rdflib's ``longturtle`` (sorted subjects, predicates and objects, one object
per line); N-Triples are sorted lines; JSON-LD is compacted with our prefixes and its
nodes sorted by ``@id``; RDF/XML is written by pyoxigraph from sorted triples. Blank
nodes are relabelled canonically first (rdflib.compare), so their names are stable too.
GraphML holds the concept graph (concepts as nodes, relations as edges) for Gephi or
Cytoscape.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pyoxigraph as ox
from rdflib import BNode, Graph

from .convert import triples_to_oxigraph
from .model import Glossary
from .namespaces import PREFIXES, bind_prefixes

__all__ = ["EXPORT_FORMATS", "serialize"]


def _canonical(graph: Graph) -> Graph:
    """``graph`` with blank nodes renamed deterministically (only when it has any)."""
    if not any(isinstance(t, BNode) for triple in graph for t in triple):
        return graph
    from rdflib.compare import to_canonical_graph

    out = Graph()
    for triple in to_canonical_graph(graph):
        out.add(triple)
    return bind_prefixes(out, {p: str(n) for p, n in graph.namespaces() if p})


def _used_prefixes(graph: Graph) -> dict[str, str]:
    bound = {p: str(n) for p, n in graph.namespaces() if p}
    text = {str(t) for triple in graph for t in triple}
    return {p: n for p, n in sorted(bound.items()) if any(s.startswith(n) for s in text)}


def _turtle(glossary: Glossary) -> bytes:
    return _canonical(glossary.graph).serialize(format="longturtle", encoding="utf-8")


def _ntriples(glossary: Glossary) -> bytes:
    lines = _canonical(glossary.graph).serialize(format="nt", encoding="utf-8").splitlines()
    return b"".join(line + b"\n" for line in sorted(set(lines)) if line.strip())


def _sorted_oxigraph(glossary: Glossary, fmt: ox.RdfFormat) -> bytes:
    graph = _canonical(glossary.graph)
    triples = sorted(triples_to_oxigraph(graph), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return ox.serialize(triples, format=fmt, prefixes=_used_prefixes(graph))


def _jsonld(glossary: Glossary) -> bytes:
    graph = _canonical(glossary.graph)
    context = _used_prefixes(graph) or dict(PREFIXES)
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = doc.get("@graph", [doc] if "@id" in doc else [])
    nodes = sorted(({k: v for k, v in n.items() if k != "@context"} for n in nodes), key=lambda n: str(n.get("@id", "")))
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    out = {"@context": context, "@graph": nodes}
    return (json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _graphml(glossary: Glossary) -> bytes:
    from .analysis import concept_graph, to_graphml

    return to_graphml(concept_graph(glossary))


#: Export formats by name, each a function of the glossary giving bytes.
EXPORT_FORMATS: dict[str, Callable[[Glossary], bytes]] = {
    "turtle": _turtle,
    "jsonld": _jsonld,
    "nt": _ntriples,
    "xml": lambda g: _sorted_oxigraph(g, ox.RdfFormat.RDF_XML),
    "graphml": _graphml,
}


def serialize(glossary: Glossary, fmt: str = "turtle") -> bytes:
    """The glossary in ``fmt`` (one of :data:`EXPORT_FORMATS`), as deterministic bytes.

    >>> from revops_graph import load_glossary
    >>> serialize(load_glossary(), "turtle").startswith(b"PREFIX")
    True
    """
    try:
        writer = EXPORT_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r} (choose one of {', '.join(EXPORT_FORMATS)})") from None
    return writer(glossary)
