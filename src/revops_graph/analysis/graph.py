"""The concept graph as networkx: nodes are concepts, edges are relations; GraphML and GEXF writers."""

from __future__ import annotations

import io

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import SKOS

from ..model import Glossary

__all__ = [
    "concept_graph",
    "to_gexf",
    "to_graphml",
]


# SKOS's relations and their inverses, for glossaries that use them without loading SKOS.
_SKOS_INVERSES = {SKOS.broader: SKOS.narrower, SKOS.narrower: SKOS.broader, SKOS.related: SKOS.related}


def concept_graph(glossary: Glossary, lang: str = "en") -> nx.MultiDiGraph:
    """A directed multigraph of the glossary's concepts and the relations between them.

    Nodes are concept IRIs with ``label``, ``label_de``, ``label_en`` and ``kind``
    attributes; edges carry ``predicate`` (IRI) and ``label``. Nodes and edges are added
    in sorted order so that everything derived from the graph is deterministic.
    """
    graph = nx.MultiDiGraph()
    # a few kinds and predicates label thousands of nodes and edges: look each label up once
    labels: dict[URIRef, str] = {}

    def label(iri: URIRef) -> str:
        found = labels.get(iri)
        if found is None:
            found = labels[iri] = glossary.label(iri, lang)
        return found

    for concept in glossary.concepts():
        graph.add_node(
            str(concept.iri),
            label=concept.label(lang),
            label_de=concept.label("de"),
            label_en=concept.label("en"),
            kind=label(concept.kinds[0]) if concept.kinds else "",
        )
    for s, p, o in sorted(glossary.relation_triples()):
        graph.add_edge(str(s), str(o), key=str(p), predicate=str(p), label=label(p))
    return graph


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML bytes for ``graph`` (for Gephi, Cytoscape, yEd)."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """GEXF bytes for ``graph`` (Gephi's own format), without the writer's date stamp."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(graph)
    # networkx stamps today's date into <meta>; dropping it keeps the bytes reproducible.
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def inverse_of(glossary: Glossary, predicate: URIRef) -> URIRef | None:
    """The inverse property (``owl:inverseOf`` either way, in the graph or rog.ttl), or None."""
    return glossary.inverse(predicate) or _SKOS_INVERSES.get(predicate)
