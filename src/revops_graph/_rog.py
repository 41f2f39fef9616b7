"""The rdflib namespaces ``ROG`` and ``REVOPS`` (re-exported by :mod:`revops_graph.namespaces`,
which loads this module, and rdflib, only when one of them is asked for)."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from .namespaces import REVOPS_IRI, ROG_IRI

__all__ = ["REVOPS", "ROG"]


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
