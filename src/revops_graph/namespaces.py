"""The namespaces of revops-graph and the prefixes every serializer binds.

``ROG`` is closed: ``ROG.comprises`` works, a misspelt ``ROG.comprise`` raises
``AttributeError``, and a test keeps this list and ``ontology/rog.ttl`` in step.

>>> str(ROG.comprises)
'https://w3id.org/revops-graph/ontology#comprises'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph

    # loaded on first use by the module's __getattr__ (below)
    from ._rog import REVOPS, ROG

__all__ = ["PREFIXES", "REVOPS", "ROG", "ROG_IRI", "REVOPS_IRI", "SKOS_IRI", "bind_prefixes"]

ROG_IRI = "https://w3id.org/revops-graph/ontology#"
REVOPS_IRI = "https://w3id.org/revops-graph/glossary/"
SKOS_IRI = "http://www.w3.org/2004/02/skos/core#"


#: Prefixes bound in every graph revops-graph loads or writes, so exports keep them.
PREFIXES: dict[str, str] = {
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "revops": REVOPS_IRI,
    "rog": ROG_IRI,
    "skos": SKOS_IRI,
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


#: The prefixes rdflib binds in every new graph (rdflib 7's "core" set): the exports written
#: straight from Oxigraph declare the same ones an rdflib graph of the data would.
RDFLIB_DEFAULT_PREFIXES: dict[str, str] = {
    "brick": "https://brickschema.org/schema/Brick#", "csvw": "http://www.w3.org/ns/csvw#",
    "dc": "http://purl.org/dc/elements/1.1/", "dcat": "http://www.w3.org/ns/dcat#",
    "dcmitype": "http://purl.org/dc/dcmitype/", "dcterms": "http://purl.org/dc/terms/",
    "dcam": "http://purl.org/dc/dcam/", "doap": "http://usefulinc.com/ns/doap#", "foaf": "http://xmlns.com/foaf/0.1/",
    "geo": "http://www.opengis.net/ont/geosparql#", "odrl": "http://www.w3.org/ns/odrl/2/",
    "org": "http://www.w3.org/ns/org#", "prof": "http://www.w3.org/ns/dx/prof/", "prov": "http://www.w3.org/ns/prov#",
    "qb": "http://purl.org/linked-data/cube#", "schema": "https://schema.org/", "sh": "http://www.w3.org/ns/shacl#",
    "skos": SKOS_IRI, "sosa": "http://www.w3.org/ns/sosa/",
    "ssn": "http://www.w3.org/ns/ssn/", "time": "http://www.w3.org/2006/time#", "vann": "http://purl.org/vocab/vann/",
    "void": "http://rdfs.org/ns/void#", "wgs": "https://www.w3.org/2003/01/geo/wgs84_pos#",
    "owl": "http://www.w3.org/2002/07/owl#", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def bind_prefixes(graph: Graph, extra: dict[str, str] | None = None) -> Graph:
    """Bind the standard prefixes (and ``extra`` ones, e.g. from a parsed file) to ``graph``."""
    for prefix, iri in sorted({**PREFIXES, **(extra or {})}.items()):
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def __getattr__(name: str) -> Any:
    # ROG and REVOPS are rdflib namespaces: defined, and rdflib imported, on first use only
    if name in ("ROG", "REVOPS"):
        from . import _rog

        value = getattr(_rog, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
