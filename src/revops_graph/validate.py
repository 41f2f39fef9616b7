"""Checks that a glossary is fit to publish.

:func:`basic_checks` is the structural minimum: every concept has a preferred label and a
definition in each required language, and every relation points at a concept.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from .model import Glossary

__all__ = ["Finding", "basic_checks"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: which concept (its label), a rule id and a message."""

    focus: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.message} [{self.rule}]"


def basic_checks(glossary: Glossary, langs: tuple[str, ...] = ("de", "en")) -> list[Finding]:
    """Structural problems in ``glossary``, sorted; an empty list means it passes."""
    findings: list[Finding] = []
    g = glossary.graph
    if not glossary.concept_iris:
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
