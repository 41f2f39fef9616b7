"""What lint rules produce and read: findings, the report, the rule record and the shared context."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from ..model import Glossary, normalize_label
from ..model.glossary import vocabulary_view
from ..model.labels import SEARCH_PREDICATES
from ..model.triples import TripleView
from .basic import graph_uses_rog

if TYPE_CHECKING:
    pass

__all__ = [
    "LintFinding",
    "LintReport",
    "Rule",
    "SEVERITIES",
]


#: Severities from worst to mildest; an ``error`` makes ``revops-graph lint`` exit 1.
SEVERITIES = ("error", "warning", "info")


_STANDARD_NS = tuple(str(ns) for ns in (RDF, RDFS, OWL, SKOS, XSD, DCTERMS, PROV))


@dataclass(frozen=True)
class LintFinding:
    """One finding: the rule, its severity, the concept's label, what is wrong and how to fix it.

    ``concept`` is the label of what the finding is about: a concept, or for the ontology
    rules a class or property. ``location`` says where (a label field, a source line).
    """

    rule: str
    severity: str
    concept: str
    message: str
    hint: str
    location: str = ""

    def sort_key(self) -> tuple[int, str, str, str, str]:
        # zero-padded numbers so that "source line 8" sorts before "source line 10"
        where = re.sub(r"\d+", lambda m: m.group(0).zfill(8), self.location)
        return (SEVERITIES.index(self.severity), self.rule, self.concept.casefold(), where, self.message)

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready mapping of the fields."""
        return asdict(self)

    def __str__(self) -> str:
        where = f" ({self.location})" if self.location else ""
        return f"{self.severity}: {self.concept}{where}: {self.message} [{self.rule}]\n  fix: {self.hint}"


@dataclass(frozen=True)
class LintReport:
    """The findings of :func:`lint_glossary`, worst first, and the rules that ran."""

    findings: tuple[LintFinding, ...]
    rules: tuple[str, ...]

    @property
    def errors(self) -> int:
        """How many findings have severity ``error``."""
        return sum(f.severity == "error" for f in self.findings)

    def counts(self) -> dict[str, int]:
        """Findings per severity."""
        return {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES}

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready mapping: ``counts``, ``rules`` that ran, ``findings``."""
        return {"counts": self.counts(), "rules": list(self.rules), "findings": [f.to_dict() for f in self.findings]}


class LintContext:
    """The glossary plus what several rules need (declarations, the vocabulary)."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        # read from the glossary's Oxigraph store: lint builds no rdflib graph of the data
        self.graph = glossary.view

    @property
    def vocabulary(self) -> TripleView:
        return vocabulary_view()

    def declaration(self, prop: URIRef) -> Graph | TripleView:
        """The graph that declares ``prop``: the glossary's own, else revops-graph's vocabulary."""
        return self.graph if (prop, RDF.type, None) in self.graph else self.vocabulary

    @cached_property
    def _labels(self) -> dict[str, set[URIRef]]:
        index: dict[str, set[URIRef]] = {}
        for iri in self.glossary.concept_iris:
            for prop in (SKOS.prefLabel, SKOS.altLabel):
                for label in self.graph.objects(iri, prop):
                    index.setdefault(normalize_label(str(label)), set()).add(iri)
        return index

    def labelled(self, text: str) -> list[URIRef]:
        """The concepts with ``text`` as preferred or alternative label (case and accents folded)."""
        return sorted(self._labels.get(normalize_label(text), ()))

    def label(self, node: Node) -> str:
        return self.glossary.label(node, "en")

    def concept_label(self, iri: URIRef) -> str:
        """The English label of a concept as :class:`~revops_graph.model.Concept` gives it."""
        return self.glossary.concept(iri).label("en")

    def qname(self, node: Node) -> str:
        """``node`` as a CURIE with a prefix the data (or rdflib's well-known list) binds, else ``<IRI>``:
        a made-up ``ns1:`` tells the reader nothing."""
        try:
            return self.graph.namespace_manager.curie(str(node), generate=False)
        except (KeyError, ValueError):
            return f"<{node}>"

    @cached_property
    def uses_rog(self) -> bool:
        """Whether the data uses the rog vocabulary: only then do hints name rog: terms."""
        return graph_uses_rog(self.graph)

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """The languages the data labels in, most used first (those with at least half the top count)."""
        counts = Counter(getattr(o, "language", None) for p in SEARCH_PREDICATES for o in self.graph.objects(None, p))
        counts.pop(None, None)
        top = max(counts.values(), default=0)
        return tuple(sorted((lang for lang, n in counts.items() if lang and n * 2 >= top), key=lambda x: (-counts[x], x)))

    def in_languages(self) -> str:
        """`` in en and fr`` for the data's languages (nothing for untagged data), to end a hint with."""
        langs = self.languages
        return f" in {' and '.join(langs)}" if langs else ""

    def declared(self, classes: Iterable[URIRef]) -> list[URIRef]:
        """IRIs declared with one of ``classes`` as type, outside the W3C vocabularies."""
        found = {s for c in classes for s in self.graph.subjects(RDF.type, c) if isinstance(s, URIRef)}
        return sorted(s for s in found if not str(s).startswith(_STANDARD_NS))


@dataclass(frozen=True)
class Rule:
    """A lint rule: id, severity of its findings, what it checks, and the check."""

    id: str
    severity: str
    summary: str
    check: Callable[[LintContext], Iterator[LintFinding]]
