"""Explain how two concepts are linked: the shortest chains of relations, worded with their source sentences."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

import networkx as nx
from rdflib import URIRef

from ..model import Concept, Glossary, Relation
from ..namespaces import ROG
from .graph import inverse_of

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

    iri: URIRef
    line: int | None
    text: str


@dataclass(frozen=True)
class Step:
    """One relation on a chain, as asserted (``subject predicate object``) and as read.

    ``forward`` is False when the chain walks the relation from object to subject;
    ``sentence`` then uses the inverse property ("Revenue operations has tool CRM system"),
    or the asserted direction when no inverse is known.
    """

    subject: URIRef
    predicate: URIRef
    object: URIRef
    forward: bool
    sentence: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Chain:
    """A shortest chain of relations from one concept to another."""

    start: URIRef
    end: URIRef
    steps: tuple[Step, ...]

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
                where = f"line {source.line}" if source.line is not None else source.iri.rsplit("/", 1)[-1]
                lines.append(f"   {where}: \u201e{source.text}\u201c")
        return "\n".join(lines)


def _sources(glossary: Glossary, relation: Relation) -> tuple[Source, ...]:
    found = []
    for iri in relation.sources:
        line = glossary.view.value(iri, ROG.line)  # the store: explaining builds no rdflib graph
        found.append(Source(iri, int(line) if line is not None else None, glossary.source_text(iri)))
    return tuple(sorted(found, key=_source_order))


def _source_order(source: Source) -> tuple[int, str]:
    return (source.line if source.line is not None else 10**9, str(source.iri))


def _step(glossary: Glossary, relation: Relation, forward: bool, lang: str) -> Step:
    s, p, o = relation.subject, relation.predicate, relation.object
    label = glossary.label
    inverse = None if forward else inverse_of(glossary, p)
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


def _relation_graph(glossary: Glossary) -> tuple[dict[tuple[str, str], list[Relation]], nx.Graph]:
    """The relations by their two ends, and the simple undirected graph they make."""
    relations: dict[tuple[str, str], list[Relation]] = {}
    simple = nx.Graph()
    simple.add_nodes_from(str(iri) for iri in glossary.concept_iris)
    for rel in glossary.all_relations():
        relations.setdefault((str(rel.subject), str(rel.object)), []).append(rel)
        if rel.subject != rel.object:
            simple.add_edge(str(rel.subject), str(rel.object))
    return relations, simple


def _distance(simple: nx.Graph, a: URIRef, b: URIRef) -> float:
    try:
        return nx.shortest_path_length(simple, str(a), str(b))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return float("inf")


def linked(glossary: Glossary, a: Concept, b: Concept) -> bool:
    """Whether any chain of relations, however long, links ``a`` and ``b``."""
    return _distance(_relation_graph(glossary)[1], a.iri, b.iri) < float("inf")


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
    if start.iri == end.iri:
        return [Chain(start.iri, end.iri, ())]
    relations, simple = _relation_graph(glossary)
    if max_steps is not None and _distance(simple, start.iri, end.iri) > max_steps:
        return []
    try:
        paths = list(itertools.islice(nx.all_shortest_paths(simple, str(start.iri), str(end.iri)), MAX_ENUMERATED))
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
            chains.append(Chain(start.iri, end.iri, tuple(steps)))
    chains.sort(key=lambda c: tuple((s.sentence, str(s.predicate)) for s in c.steps))
    return chains[:limit] if limit is not None else chains
