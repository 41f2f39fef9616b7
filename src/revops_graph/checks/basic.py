"""The structural minimum a glossary must meet before anything is published (``build``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from typing import TYPE_CHECKING

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..model import Glossary
from ..namespaces import ROG_IRI

if TYPE_CHECKING:
    from rdflib import Graph

    from ..model.triples import TripleView

__all__ = ["REVOPS_LANGUAGES", "Finding", "basic_checks", "glossary_store", "glossary_uses_rog", "graph_uses_rog"]


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
    # Read from the model's view of the store: building rdflib's graph just for these
    # look-ups, and the full Concept of every term when no language is required, took a
    # second on a 40k-triple ontology.
    g = glossary.view
    rog = langs is not None or glossary_uses_rog(glossary)
    if langs is None:
        langs = REVOPS_LANGUAGES if rog else ()
    if not glossary.concept_iris and rog:
        findings.append(Finding("<graph>", "no-concepts", "the graph holds no skos:Concept"))
    concepts = glossary._concept_set
    for iri in glossary.concept_iris if langs else ():
        concept = glossary.concept(iri)
        for lang in langs:
            if lang not in concept.pref_labels:
                findings.append(Finding(concept.label("en"), "pref-label", f"no skos:prefLabel in {lang!r}"))
            if lang not in concept.definitions:
                findings.append(Finding(concept.label("en"), "definition", f"no skos:definition in {lang!r}"))
    # The links are read a predicate at a time: asking each term for all its statements
    # converted every triple of a 40k-triple ontology to rdflib terms.
    rog_predicates = sorted(p for p in _predicates(glossary) if p.startswith(ROG_IRI))
    SKOS, URIRef = rdfl.SKOS, rdfl.URIRef  # basic checks read rdflib terms (build imports rdflib anyway)
    related = (SKOS.broader, SKOS.narrower, SKOS.related)
    for p in (*related, *map(URIRef, rog_predicates)):
        for s, _, o in g.triples((None, p, None)):
            if s not in concepts or not isinstance(o, URIRef):
                continue
            if p in related and o not in concepts:
                findings.append(Finding(glossary.concept(s).label("en"), "dangling",
                                        f"{glossary.label(p)} points at {o}, which is not a concept"))
            if str(p).startswith(ROG_IRI) and g.value(o, rdfl.RDF.type) is None:
                findings.append(Finding(glossary.concept(s).label("en"), "dangling",
                                        f"{glossary.label(p)} points at {o}, which is not described"))
    return sorted(findings)



def _predicates(glossary: Glossary) -> set[str]:
    """The predicates of the glossary's triples, in whichever graph they are stated."""
    if glossary.graph_built:  # it may have been changed since it was read from the store
        return {str(p) for p in glossary.graph.predicates(unique=True)}
    found = glossary.store.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    return {solution["p"].value for solution in found}  # type: ignore[union-attr,index]


#: The languages the RevOps profile requires of every concept.
REVOPS_LANGUAGES = ("de", "en")


def glossary_store(glossary: Glossary) -> ox.Store:
    """The glossary's pyoxigraph store: its own when it has one, else one built from its graph."""
    store = getattr(glossary, "store", None)
    if isinstance(store, ox.Store):
        return store
    from .shacl_sparql import store_of

    return store_of(glossary.graph)


def glossary_uses_rog(glossary: Glossary) -> bool:
    """:func:`graph_uses_rog` of the glossary's graph, asked of its store while no rdflib graph
    exists (a scan of rdflib's graph costs 0.1 s at 40k triples, the store's answer 0.01 s)."""
    if glossary.graph_built:
        return graph_uses_rog(glossary.graph)
    # the rdflib graph holds every graph of the store: ask their union
    return bool(glossary.store.query(
        f"ASK {{ {{ ?s ?p ?o FILTER(STRSTARTS(STR(?p), {ROG_IRI!r})) }} "
        f"UNION {{ ?s a ?t FILTER(STRSTARTS(STR(?t), {ROG_IRI!r})) }} }}",
        use_default_graph_as_union=True,
    ))


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def graph_uses_rog(graph: Graph | TripleView) -> bool:
    """Whether ``graph`` uses a rog: predicate or type (the RevOps profile's data)."""
    for s, p, o in graph:  # stops at the first rog: term; RevOps data has one in its first triples
        if str(p).startswith(ROG_IRI) or (str(p) == _RDF_TYPE and str(o).startswith(ROG_IRI)):
            return True
    return False
