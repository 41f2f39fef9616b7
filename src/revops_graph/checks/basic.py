"""The structural minimum a glossary must meet before anything is published (``build``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from ..model import Glossary
from ..model.triples import TripleView
from ..namespaces import ROG_IRI
from .shacl_sparql import store_of

__all__ = ["REVOPS_LANGUAGES", "Finding", "basic_checks", "glossary_store", "graph_uses_rog"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: which concept (its label), a rule id and a message."""

    focus: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.message} [{self.rule}]"


def basic_checks(glossary: Glossary, langs: Sequence[str] | None = None) -> list[Finding]:
    """Structural problems in ``glossary``, sorted; an empty list means it passes.

    ``langs`` are the languages every concept needs a preferred label and a definition in;
    ``None`` asks the data: German and English for RevOps data (it uses the rog vocabulary),
    none for any other vocabulary, whose languages the SKOS profile checks instead. A graph
    without concepts fails only as RevOps data: an OWL ontology has classes instead.
    """
    findings: list[Finding] = []
    g = glossary.view
    rog = langs is not None or graph_uses_rog(g)
    if langs is None:
        langs = REVOPS_LANGUAGES if rog else ()
    if not glossary.concept_iris and rog:
        findings.append(Finding("<graph>", "no-concepts", "the graph holds no skos:Concept"))
    concepts = set(glossary.concept_iris)
    for concept in glossary.concepts():
        name = concept.label("en")
        for lang in langs:
            if lang not in concept.pref_labels:
                findings.append(Finding(name, "pref-label", f"no skos:prefLabel in {lang!r}"))
            if lang not in concept.definitions:
                findings.append(Finding(name, "definition", f"no skos:definition in {lang!r}"))
        for p, o in g.predicate_objects(concept.iri):
            if p in (SKOS.broader, SKOS.narrower, SKOS.related) and isinstance(o, URIRef) and o not in concepts:
                findings.append(Finding(name, "dangling", f"{glossary.label(p)} points at {o}, which is not a concept"))
            if (
                isinstance(o, URIRef)
                and str(p).startswith("https://w3id.org/revops-graph/ontology#")
                and (o, RDF.type, None) not in g
            ):
                findings.append(Finding(name, "dangling", f"{glossary.label(p)} points at {o}, which is not described"))
    return sorted(findings)


#: The languages the RevOps profile requires of every concept.
REVOPS_LANGUAGES = ("de", "en")


def glossary_store(glossary: Glossary) -> ox.Store:
    """The glossary's pyoxigraph store: its own when it has one, else one built from its graph."""
    store = getattr(glossary, "store", None)
    return store if isinstance(store, ox.Store) else store_of(glossary.graph)


def graph_uses_rog(graph: Graph | TripleView) -> bool:
    """Whether ``graph`` uses a rog: predicate or type (the RevOps profile's data)."""
    for s, p, o in graph:  # stops at the first rog: term; RevOps data has one in its first triples
        if str(p).startswith(ROG_IRI) or (p == RDF.type and str(o).startswith(ROG_IRI)):
            return True
    return False
