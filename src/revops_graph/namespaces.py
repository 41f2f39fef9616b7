"""The namespaces of revops-graph and the prefixes every serializer binds.

``ROG`` is closed: ``ROG.comprises`` works, a misspelt ``ROG.comprise`` raises
``AttributeError``, and a test keeps this list and ``ontology/rog.ttl`` in step.

>>> str(ROG.comprises)
'https://w3id.org/revops-graph/ontology#comprises'
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = ["PREFIXES", "REVOPS", "ROG", "ROG_IRI", "REVOPS_IRI", "bind_prefixes"]

ROG_IRI = "https://w3id.org/revops-graph/ontology#"
REVOPS_IRI = "https://w3id.org/revops-graph/glossary/"


class ROG(DefinedNamespace):
    """The revops-graph ontology: kinds of concept, relations, provenance terms."""

    _NS = Namespace(ROG_IRI)
    _fail = True

    # the ontology itself
    ontology: URIRef
    # kinds of concept (each a subclass of skos:Concept)
    Discipline: URIRef
    OperatingModel: URIRef
    BusinessFunction: URIRef
    Process: URIRef
    Lifecycle: URIRef
    JourneyStage: URIRef
    Tool: URIRef
    Resource: URIRef
    Metric: URIRef
    Quantity: URIRef
    Outcome: URIRef
    # provenance and editorial terms
    SourceSentence: URIRef
    KnownGap: URIRef
    # relations between concepts
    comprises: URIRef
    isComprisedBy: URIRef
    includes: URIRef
    isIncludedIn: URIRef
    isToolWithin: URIRef
    hasTool: URIRef
    aligns: URIRef
    isAlignedBy: URIRef
    centralizes: URIRef
    isCentralizedBy: URIRef
    unifies: URIRef
    isUnifiedBy: URIRef
    focusesOn: URIRef
    isFocusOf: URIRef
    hasStage: URIRef
    isStageOf: URIRef
    precedes: URIRef
    follows: URIRef
    aimsAt: URIRef
    isAimOf: URIRef
    goesBeyond: URIRef
    isGoneBeyondBy: URIRef
    contrastsWith: URIRef
    supports: URIRef
    isSupportedBy: URIRef
    hasInput: URIRef
    isInputOf: URIRef
    manages: URIRef
    isManagedBy: URIRef
    concerns: URIRef
    isConcernOf: URIRef
    assesses: URIRef
    isAssessedBy: URIRef
    hasKnownGap: URIRef
    # provenance: a reified statement or a gap points at the sentence(s) that state it
    statedIn: URIRef
    # data properties
    text: URIRef
    line: URIRef
    sentenceIndex: URIRef
    stageIndex: URIRef
    formula: URIRef
    expression: URIRef
    symbol: URIRef
    unit: URIRef
    status: URIRef


REVOPS = Namespace(REVOPS_IRI)

#: Prefixes bound in every graph revops-graph loads or writes, so exports keep them.
PREFIXES: dict[str, str] = {
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "revops": REVOPS_IRI,
    "rog": ROG_IRI,
    "skos": str(SKOS),
    "xsd": str(XSD),
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
    "skos": "http://www.w3.org/2004/02/skos/core#", "sosa": "http://www.w3.org/ns/sosa/",
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
