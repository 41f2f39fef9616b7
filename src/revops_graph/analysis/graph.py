"""The concept graph as networkx: nodes are concepts, edges are relations; GraphML and GEXF writers."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import networkx as nx

from .. import _rdflib as rdfl
from ..model import Glossary
from ..namespaces import SKOS_IRI as _SKOS

if TYPE_CHECKING:
    from rdflib import URIRef

__all__ = [
    "concept_graph",
    "to_gexf",
    "to_graphml",
]


# SKOS's relations and their inverses, for glossaries that use them without loading SKOS.
_SKOS_INVERSES = {_SKOS + "broader": _SKOS + "narrower", _SKOS + "narrower": _SKOS + "broader", _SKOS + "related": _SKOS + "related"}


def concept_graph(glossary: Glossary, lang: str = "en") -> nx.MultiDiGraph:
    """A directed multigraph of the glossary's concepts and the relations between them.

    Nodes are concept IRIs with ``label``, ``label_de``, ``label_en`` and ``kind``
    attributes; edges carry ``predicate`` (IRI) and ``label``. Nodes and edges are added
    in sorted order so that everything derived from the graph is deterministic.
    """
    graph = nx.MultiDiGraph()
    # a few kinds and predicates label thousands of nodes and edges: look each label up once
    labels: dict[str, str] = {}

    def label(iri: str) -> str:
        found = labels.get(iri)
        if found is None:
            found = labels[iri] = glossary.label(iri, lang)
        return found

    for concept in glossary.concepts():
        graph.add_node(
            concept.key,
            label=concept.label(lang),
            label_de=concept.label("de"),
            label_en=concept.label("en"),
            kind=label(concept.kind_keys[0]) if concept.kind_keys else "",
        )
    for s, p, o in sorted(glossary.relation_keys()):
        graph.add_edge(s, o, key=p, predicate=p, label=label(p))
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
    found = inverse_key(glossary, str(predicate))
    return None if found is None else rdfl.URIRef(found)


def inverse_key(glossary: Glossary, predicate: str) -> str | None:
    """:func:`inverse_of` of an IRI given and answered as text (no rdflib)."""
    return glossary.inverse_key(predicate) or _SKOS_INVERSES.get(predicate)
