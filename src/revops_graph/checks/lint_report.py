"""What lint rules produce and read: findings, the report, the rule record and the shared context.

The rules read the glossary's Oxigraph store through :class:`LintContext`: IRIs as text,
other terms as pyoxigraph's, so linting imports no rdflib (a blank node or typed literal
that only rdflib can label or order is the exception, converted where it occurs).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cached_property
from typing import Union

import pyoxigraph as ox

from ..curies import Curies
from ..io.convert import term_text
from ..model import Glossary, normalize_label
from ..model.glossary import vocabulary_view
from ..model.labels import SEARCH_IRIS
from ..model.triples import distinct_quads
from ..namespaces import SKOS_IRI as _SKOS
from .basic import glossary_uses_rog

#: What a rule hands the context: an IRI as text, or any pyoxigraph term.
Term = Union[str, ox.NamedNode, ox.BlankNode, ox.Literal]

__all__ = [
    "LintFinding",
    "LintReport",
    "Rule",
    "SEVERITIES",
]


#: Severities from worst to mildest; an ``error`` makes ``revops-graph lint`` exit 1.
SEVERITIES = ("error", "warning", "info")


_STANDARD_NS = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2002/07/owl#",
    "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2001/XMLSchema#", "http://purl.org/dc/terms/",
    "http://www.w3.org/ns/prov#",
)
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


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
    """The glossary plus what several rules need (declarations, the vocabulary), read from its
    Oxigraph store as the rules' triple patterns: subject, predicate and object each an IRI as
    text, a pyoxigraph term, or ``None`` for any."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.store = glossary.store
        self._names: Curies | Callable[[str], str]
        #: a glossary's rdflib graph, once built, may have been changed since it was read from
        #: the store: then it is the one to read (in its own order of triples)
        self._graph = glossary.graph if glossary.graph_built else None
        if self._graph is not None:
            self._names = _rdflib_curie(self._graph)
        else:
            self._names = Curies(glossary.view.prefixes)  # type: ignore[union-attr]
        # one graph (the common case) holds no triple twice: only several need de-duplicating
        self._several = next(iter(self.store.named_graphs()), None) is not None

    @property
    def vocabulary(self) -> ox.Store:
        return vocabulary_view().store

    def quads(self, s: Term | None, p: Term | None, o: Term | None, store: ox.Store | None = None) -> Iterator[ox.Quad]:
        """The quads matching the pattern, each triple once (as rdflib's graph of the data has it)."""
        if store is None and self._graph is not None:
            return _graph_quads(self._graph, s, p, o)
        quads = (store or self.store).quads_for_pattern(_node(s), _node(p), _node(o))  # type: ignore[arg-type]
        if not self._several or store is not None:
            return iter(quads)
        return distinct_quads(quads)

    def has(self, s: Term | None, p: Term | None, o: Term | None, store: ox.Store | None = None) -> bool:
        return next(self.quads(s, p, o, store), None) is not None

    def objects(self, s: Term, p: Term) -> list[ox.Term]:
        return [q.object for q in self.quads(s, p, None)]

    def subjects(self, p: Term, o: Term | None = None) -> list[ox.Term]:
        return [q.subject for q in self.quads(None, p, o)]

    def value(self, s: Term, p: Term) -> ox.Term | None:
        return next((q.object for q in self.quads(s, p, None)), None)

    def declaration(self, prop: str) -> ox.Store | None:
        """Where ``prop`` is declared: ``None`` for the glossary's own data, else revops-graph's
        vocabulary (a store to hand to :meth:`has`)."""
        return None if self.has(prop, RDF_TYPE, None) else self.vocabulary

    @cached_property
    def _labels(self) -> dict[str, set[str]]:
        keys = set(self.glossary.concept_keys)
        index: dict[str, set[str]] = {}
        for prop in (_SKOS + "prefLabel", _SKOS + "altLabel"):
            for q in self.quads(None, prop, None):
                if isinstance(q.subject, ox.NamedNode) and q.subject.value in keys:
                    index.setdefault(normalize_label(text(q.object)), set()).add(q.subject.value)
        return index

    def labelled(self, text: str) -> list[str]:
        """The concepts with ``text`` as preferred or alternative label (case and accents folded)."""
        return sorted(self._labels.get(normalize_label(text), ()))

    def label(self, node: Term) -> str:
        if isinstance(node, (str, ox.NamedNode)):
            return self.glossary.label(text(node), "en")
        from ..io.convert import from_oxigraph  # a blank node or literal: labelled as rdflib's term

        return self.glossary.label(from_oxigraph(node), "en")

    def concept_label(self, iri: str) -> str:
        """The English label of a concept as :class:`~revops_graph.model.Concept` gives it."""
        return self.glossary.concept(iri).label("en")

    def qname(self, node: Term) -> str:
        """``node`` as a CURIE with a prefix the data (or rdflib's well-known list) binds, else ``<IRI>``:
        a made-up ``ns1:`` tells the reader nothing."""
        names = self._names
        return names.curie(text(node)) if isinstance(names, Curies) else names(text(node))

    @cached_property
    def uses_rog(self) -> bool:
        """Whether the data uses the rog vocabulary: only then do hints name rog: terms."""
        return glossary_uses_rog(self.glossary)

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """The languages the data labels in, most used first (those with at least half the top count)."""
        counts = Counter(getattr(q.object, "language", None) for p in SEARCH_IRIS for q in self.quads(None, p, None))
        counts.pop(None, None)
        top = max(counts.values(), default=0)
        return tuple(sorted((lang for lang, n in counts.items() if lang and n * 2 >= top), key=lambda x: (-counts[x], x)))

    def in_languages(self) -> str:
        """`` in en and fr`` for the data's languages (nothing for untagged data), to end a hint with."""
        langs = self.languages
        return f" in {' and '.join(langs)}" if langs else ""

    def declared(self, classes: Iterable[str]) -> list[str]:
        """IRIs declared with one of ``classes`` as type, outside the W3C vocabularies."""
        found = {q.subject.value for c in classes for q in self.quads(None, RDF_TYPE, c) if isinstance(q.subject, ox.NamedNode)}
        return sorted(s for s in found if not s.startswith(_STANDARD_NS))


def text(term: Term) -> str:
    """What rdflib's ``str()`` gives of the term: the IRI, the blank node's id, the literal's text."""
    return term if isinstance(term, str) else term_text(term)


def _node(term: Term | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    return ox.NamedNode(term) if isinstance(term, str) else term


def _graph_quads(graph: object, s: Term | None, p: Term | None, o: Term | None) -> Iterator[ox.Quad]:
    """The triples of an rdflib graph matching the pattern, as pyoxigraph quads."""
    from ..io.convert import from_oxigraph, to_oxigraph

    pattern = tuple(None if t is None else from_oxigraph(_node(t)) for t in (s, p, o))  # type: ignore[arg-type]
    for triple in graph.triples(pattern):  # type: ignore[attr-defined]
        yield ox.Quad(*(to_oxigraph(t) for t in triple))  # type: ignore[misc]


def _rdflib_curie(graph: object) -> Callable[[str], str]:
    """CURIEs by an rdflib graph's own namespace manager (for a glossary whose graph was built)."""
    manager = graph.namespace_manager  # type: ignore[attr-defined]

    def curie(iri: str) -> str:
        try:
            return manager.curie(iri, generate=False)  # type: ignore[no-any-return]
        except (KeyError, ValueError):
            return f"<{iri}>"

    return curie


@dataclass(frozen=True)
class Rule:
    """A lint rule: id, severity of its findings, what it checks, and the check."""

    id: str
    severity: str
    summary: str
    check: Callable[[LintContext], Iterator[LintFinding]]
