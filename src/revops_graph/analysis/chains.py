"""Explain how two concepts are linked: the shortest chains of relations, worded with their source sentences.

The chains are found and worded on IRIs as text, read from the glossary's Oxigraph store:
explaining imports no rdflib. Their terms read as rdflib ``URIRef`` (``Step.subject``,
``Chain.start``, ``Source.iri`` ...), made when asked for; ``*_key`` gives each as text.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from typing import TYPE_CHECKING

import networkx as nx

from .. import _rdflib as rdfl
from ..model import Concept, Glossary
from ..model.relations import first_value, int_value
from ..namespaces import ROG_IRI
from .graph import inverse_key

if TYPE_CHECKING:
    from rdflib import URIRef

__all__ = [
    "MAX_STEPS",
    "Chain",
    "Source",
    "Step",
    "explain",
    "linked",
]


#: Most chains :func:`explain` enumerates before sorting (a guard for dense graphs).
MAX_ENUMERATED = 1000
#: The longest chain the ``explain`` command looks for, in a file or on a server alike (a search
#: on a server asks one query a level, and a chain of more relations explains little).
MAX_STEPS = 10


@dataclass(frozen=True)
class Source:
    """A source sentence: its line in the source file and its (German) text."""

    key: str
    line: int | None
    text: str

    @property
    def iri(self) -> URIRef:
        """The sentence's IRI as an rdflib term."""
        return rdfl.URIRef(self.key)


@dataclass(frozen=True)
class Step:
    """One relation on a chain, as asserted (``subject predicate object``) and as read.

    ``forward`` is False when the chain walks the relation from object to subject;
    ``sentence`` then uses the inverse property ("Revenue operations has tool CRM system"),
    or the asserted direction when no inverse is known.
    """

    subject_key: str
    predicate_key: str
    object_key: str
    forward: bool
    sentence: str
    sources: tuple[Source, ...]

    @property
    def subject(self) -> URIRef:
        return rdfl.URIRef(self.subject_key)

    @property
    def predicate(self) -> URIRef:
        return rdfl.URIRef(self.predicate_key)

    @property
    def object(self) -> URIRef:
        return rdfl.URIRef(self.object_key)


@dataclass(frozen=True)
class Chain:
    """A shortest chain of relations from one concept to another."""

    start_key: str
    end_key: str
    steps: tuple[Step, ...]

    @property
    def start(self) -> URIRef:
        return rdfl.URIRef(self.start_key)

    @property
    def end(self) -> URIRef:
        return rdfl.URIRef(self.end_key)

    def __len__(self) -> int:
        return len(self.steps)

    def text(self) -> str:
        """The chain as lines: each step's sentence, then its source sentences indented (none
        when the data records none: most vocabularies carry no provenance, and a line per step
        saying so is noise)."""
        lines = []
        for number, step in enumerate(self.steps, 1):
            lines.append(f"{number}. {step.sentence}.")
            for source in step.sources:
                where = f"line {source.line}" if source.line is not None else source.key.rsplit("/", 1)[-1]
                lines.append(f"   {where}: \u201e{source.text}\u201c")
        return "\n".join(lines)


Triple = tuple[str, str, str]


def _sources(glossary: Glossary, relation: Triple) -> tuple[Source, ...]:
    found = []
    for iri in glossary.statement_source_keys(*relation):
        line = int_value(first_value(glossary.store, iri, ROG_IRI + "line"))
        found.append(Source(iri, line, glossary.source_text(iri)))
    return tuple(sorted(found, key=_source_order))


def _source_order(source: Source) -> tuple[int, str]:
    return (source.line if source.line is not None else 10**9, source.key)


def _step(glossary: Glossary, relation: Triple, forward: bool, lang: str) -> Step:
    s, p, o = relation
    label = glossary.label
    inverse = None if forward else inverse_key(glossary, p)
    if inverse is None:
        sentence = f"{label(s, lang)} {label(p, lang)} {label(o, lang)}"
    else:
        sentence = f"{label(o, lang)} {label(inverse, lang)} {label(s, lang)}"
    return Step(s, p, o, forward, sentence, _sources(glossary, relation))


def _merged(steps: list[Step]) -> list[Step]:
    """One step per wording: a relation and its stated inverse (A broader B, B narrower A) read
    the same way along the chain, so they are one step with the sources of both."""
    by_sentence: dict[str, Step] = {}
    for step in steps:
        seen = by_sentence.get(step.sentence)
        if seen is None:
            by_sentence[step.sentence] = step
        else:
            sources = tuple(sorted(set(seen.sources) | set(step.sources), key=_source_order))
            by_sentence[step.sentence] = replace(seen if seen.forward or not step.forward else step, sources=sources)
    return list(by_sentence.values())


def _resolve(glossary: Glossary, concept: Concept | str) -> Concept:
    return concept if isinstance(concept, Concept) else glossary.find(concept)


def _relation_graph(glossary: Glossary) -> tuple[dict[tuple[str, str], list[Triple]], nx.Graph]:
    """The relations by their two ends, and the simple undirected graph they make."""
    relations: dict[tuple[str, str], list[Triple]] = {}
    simple = nx.Graph()
    simple.add_nodes_from(glossary.concept_keys)
    for s, p, o in sorted(glossary.relation_keys()):
        relations.setdefault((s, o), []).append((s, p, o))
        if s != o:
            simple.add_edge(s, o)
    return relations, simple


def _distance(simple: nx.Graph, a: str, b: str) -> float:
    try:
        return nx.shortest_path_length(simple, a, b)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return float("inf")


def linked(glossary: Glossary, a: Concept, b: Concept) -> bool:
    """Whether any chain of relations, however long, links ``a`` and ``b``."""
    return _distance(_relation_graph(glossary)[1], a.key, b.key) < float("inf")


def explain(
    glossary: Glossary,
    a: Concept | str,
    b: Concept | str,
    lang: str = "en",
    limit: int | None = 10,
    max_steps: int | None = None,
) -> list[Chain]:
    """The shortest chains of relations between concepts ``a`` and ``b`` (found by any label).

    Relations are walked both ways; each step is worded in the direction walked, using the
    inverse property when going against the asserted direction, with its source sentences.
    Chains are sorted by their wording and at most ``limit`` are returned. An empty list
    means the two concepts are not connected (by at most ``max_steps`` relations, if given);
    ``a == b`` gives one chain of no steps.
    Raises :class:`~revops_graph.model.ConceptNotFound` for an unknown label.
    """
    start, end = _resolve(glossary, a), _resolve(glossary, b)
    if start.key == end.key:
        return [Chain(start.key, end.key, ())]
    relations, simple = _relation_graph(glossary)
    if max_steps is not None and _distance(simple, start.key, end.key) > max_steps:
        return []
    try:
        paths = list(itertools.islice(nx.all_shortest_paths(simple, start.key, end.key), MAX_ENUMERATED))
    except nx.NetworkXNoPath:
        return []
    chains: list[Chain] = []
    for path in paths:
        choices = []
        for u, v in itertools.pairwise(path):
            forward = [_step(glossary, r, True, lang) for r in relations.get((u, v), [])]
            backward = [_step(glossary, r, False, lang) for r in relations.get((v, u), [])]
            choices.append(_merged(forward + backward))
        for steps in itertools.islice(itertools.product(*choices), MAX_ENUMERATED):
            chains.append(Chain(start.key, end.key, tuple(steps)))
    chains.sort(key=lambda c: tuple((s.sentence, s.predicate_key) for s in c.steps))
    return chains[:limit] if limit is not None else chains
