"""The concept graph as networkx: nodes are concepts, edges are relations."""

from __future__ import annotations

import io

import networkx as nx

from .model import Glossary

__all__ = ["concept_graph", "to_graphml"]


def concept_graph(glossary: Glossary, lang: str = "en") -> nx.MultiDiGraph:
    """A directed multigraph of the glossary's concepts and the relations between them.

    Nodes are concept IRIs with ``label``, ``label_de``, ``label_en`` and ``kind``
    attributes; edges carry ``predicate`` (IRI) and ``label``. Nodes and edges are added
    in sorted order so that everything derived from the graph is deterministic.
    """
    graph = nx.MultiDiGraph()
    for concept in glossary.concepts():
        graph.add_node(
            str(concept.iri),
            label=concept.label(lang),
            label_de=concept.label("de"),
            label_en=concept.label("en"),
            kind=glossary.label(concept.kinds[0], lang) if concept.kinds else "",
        )
    for rel in glossary.all_relations():
        graph.add_edge(
            str(rel.subject), str(rel.object), key=str(rel.predicate),
            predicate=str(rel.predicate), label=rel.predicate_label(lang),
        )
    return graph


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML bytes for ``graph`` (for Gephi, Cytoscape, yEd)."""
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()
