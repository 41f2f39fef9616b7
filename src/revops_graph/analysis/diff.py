"""What changed between two versions of a glossary, in words and labels.

The comparison works on the model, not on the files: concepts are matched by IRI, so
the order of triples, the syntax and the prefixes do not matter. It reports concepts
added or removed, labels changed (``skos:prefLabel``/``skos:altLabel`` per language),
definitions changed (per language), other values of a concept changed (kind, notes,
formula, ...), and relations between concepts added or removed. Every remaining triple
(provenance, source sentences, vocabulary) is compared too: triples without blank nodes
as sets, triples with blank nodes with :func:`rdflib.compare.graph_diff` on canonical
graphs, so renaming a blank node is no change.

>>> from revops_graph import load_glossary
>>> diff_glossaries(load_glossary(), load_glossary()).same
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..curies import Curies
from ..model import Glossary
from ..namespaces import SKOS_IRI as _SKOS
from .diff_terms import Plain, plain_n3, plain_triples

__all__ = [
    "ConceptChange",
    "DiffItem",
    "GlossaryDiff",
    "RelationChange",
    "diff_glossaries",
]

#: Version of the JSON document written by ``diff --format json`` (see :meth:`GlossaryDiff.to_dict`).
JSON_VERSION = 1

#: The sections of a diff, in the order they are reported.
SECTIONS = (
    "concepts_added", "concepts_removed", "labels_changed", "definitions_changed",
    "properties_changed", "relations_added", "relations_removed", "triples_added", "triples_removed",
)

_LABEL_PROPS = {_SKOS + "prefLabel": "prefLabel", _SKOS + "altLabel": "altLabel"}
_DEFINITION = _SKOS + "definition"


@dataclass(frozen=True)
class DiffItem:
    """A concept named in a diff: its IRI and label."""

    iri: str
    label: str


@dataclass(frozen=True)
class ConceptChange:
    """Values of one property of one concept that changed (per language for labels/definitions).

    ``kind`` is ``"label"``, ``"definition"`` or ``"property"``; ``removed`` and ``added``
    are the values only in the old and only in the new glossary (literals as text, other
    terms in Turtle notation).
    """

    concept: DiffItem
    kind: str
    property: str
    lang: str
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True)
class RelationChange:
    """A relation between two concepts, worded with labels."""

    subject: DiffItem
    predicate: str
    predicate_label: str
    object: DiffItem

    @property
    def sentence(self) -> str:
        return f"{self.subject.label} {self.predicate_label} {self.object.label}"


@dataclass(frozen=True)
class GlossaryDiff:
    """The differences between an old and a new glossary; empty when they say the same."""

    concepts_added: tuple[DiffItem, ...] = ()
    concepts_removed: tuple[DiffItem, ...] = ()
    labels_changed: tuple[ConceptChange, ...] = ()
    definitions_changed: tuple[ConceptChange, ...] = ()
    properties_changed: tuple[ConceptChange, ...] = ()
    relations_added: tuple[RelationChange, ...] = ()
    relations_removed: tuple[RelationChange, ...] = ()
    triples_added: tuple[str, ...] = ()
    triples_removed: tuple[str, ...] = ()

    @property
    def same(self) -> bool:
        """True when nothing differs."""
        return not any(getattr(self, name) for name in SECTIONS)

    def counts(self) -> dict[str, int]:
        """How many findings each section has."""
        return {name: len(getattr(self, name)) for name in SECTIONS}

    def to_dict(self) -> dict[str, Any]:
        """The JSON document: ``version``, ``same``, ``counts`` and one list per section.

        Concepts are ``{"iri", "label"}``; label, definition and property changes are
        ``{"concept": {"iri", "label"}, "property", "lang", "removed": [...], "added": [...]}``;
        relations are ``{"subject", "predicate", "predicate_label", "object", "sentence"}``;
        other triples are N-Triples-like lines with canonical blank-node names. Lists are sorted.
        """

        def change(c: ConceptChange) -> dict[str, Any]:
            return {"concept": vars(c.concept), "property": c.property, "lang": c.lang,
                    "removed": list(c.removed), "added": list(c.added)}

        def relation(r: RelationChange) -> dict[str, Any]:
            return {"subject": vars(r.subject), "predicate": r.predicate, "predicate_label": r.predicate_label,
                    "object": vars(r.object), "sentence": r.sentence}

        return {
            "version": JSON_VERSION,
            "same": self.same,
            "counts": self.counts(),
            "concepts_added": [vars(c) for c in self.concepts_added],
            "concepts_removed": [vars(c) for c in self.concepts_removed],
            "labels_changed": [change(c) for c in self.labels_changed],
            "definitions_changed": [change(c) for c in self.definitions_changed],
            "properties_changed": [change(c) for c in self.properties_changed],
            "relations_added": [relation(r) for r in self.relations_added],
            "relations_removed": [relation(r) for r in self.relations_removed],
            "triples_added": list(self.triples_added),
            "triples_removed": list(self.triples_removed),
        }

    def text(self) -> str:
        """The differences in words, one finding per line (definitions over three lines)."""
        lines: list[str] = []
        lines += [f"concept added: {c.label} <{c.iri}>" for c in self.concepts_added]
        lines += [f"concept removed: {c.label} <{c.iri}>" for c in self.concepts_removed]
        for c in self.labels_changed:
            lines.append(f"relabelled: {c.concept.label}: {c.property}@{c.lang}{_values(c)}")
        for c in self.definitions_changed:
            lines.append(f"definition changed: {c.concept.label} @{c.lang}")
            lines += [f"  - {v}" for v in c.removed] + [f"  + {v}" for v in c.added]
        for c in self.properties_changed:
            lines.append(f"changed: {c.concept.label}: {c.property}{_values(c)}")
        lines += [f"relation added: {r.sentence}" for r in self.relations_added]
        lines += [f"relation removed: {r.sentence}" for r in self.relations_removed]
        lines += [f"triple added: {t}" for t in self.triples_added]
        lines += [f"triple removed: {t}" for t in self.triples_removed]
        total = sum(self.counts().values())
        lines.append("no differences" if self.same else f"{total} difference{'s' if total != 1 else ''}")
        return "\n".join(lines) + "\n"


def _values(change: ConceptChange) -> str:
    quoted = [f'"{v}"' for v in (*change.removed, *change.added)]
    if len(change.removed) == 1 and len(change.added) == 1:
        return f" {quoted[0]} -> {quoted[1]}"
    parts = []
    if change.removed:
        parts.append("removed " + ", ".join(f'"{v}"' for v in change.removed))
    if change.added:
        parts.append("added " + ", ".join(f'"{v}"' for v in change.added))
    return " " + "; ".join(parts)


# -- comparison ------------------------------------------------------------------------


# A term is an rdflib term, or (read without rdflib, see ``diff_terms``) an IRI's text or a
# pyoxigraph literal: the two sides of a diff are read alike, so their terms compare.
Term = Any


def _text(term: Term) -> str:
    """A term's text: an IRI, or a literal's lexical form (as ``str()`` of the rdflib term)."""
    return term.value if isinstance(term, ox.Literal) else str(term)


class _Side:
    """One glossary's concepts, their values and the triples the model does not cover;
    ``plain`` its triples as text (:func:`~.diff_terms.plain_triples`), else read by rdflib."""

    def __init__(self, glossary: Glossary, plain: list[Plain] | None) -> None:
        self.glossary = glossary
        if plain is not None:
            self.n3: Callable[[Term], str] = plain_n3(Curies(glossary.prefixes))
            self.concepts: frozenset[Term] = frozenset(glossary.concept_keys)
            predicates: set[Term] = {p for _, p, _ in glossary.relation_keys()}
            self._iri, self._blank = str, None
        else:
            view = glossary.view  # the store read as rdflib terms, or the rdflib graph given
            self.n3 = lambda term: term.n3(view.namespace_manager)
            self.concepts = frozenset(glossary.concept_iris)
            predicates = set(glossary.relation_predicates())
            self._iri, self._blank = rdfl.URIRef, rdfl.BNode
        self.relations: set[tuple[Term, Term, Term]] = set()
        self.values: dict[Term, dict[Term, set[Term]]] = {}  # concept -> property -> values
        self.residue: set[tuple[Term, Term, Term]] = set()
        for triple in plain if plain is not None else view:
            s, p, o = triple
            if s in self.concepts and not self.is_blank(o):
                if o in self.concepts and p in predicates:
                    self.relations.add(triple)
                else:
                    self.values.setdefault(s, {}).setdefault(p, set()).add(o)
            else:
                self.residue.add(triple)

    def is_blank(self, term: Term) -> bool:
        return self._blank is not None and isinstance(term, self._blank)

    def has_blank(self, triple: tuple[Term, Term, Term]) -> bool:
        return self._blank is not None and any(isinstance(t, self._blank) for t in triple)

    def render(self, term: Term) -> str:
        """An IRI in N3 (a CURIE where a prefix is bound), anything else as its text."""
        return self.n3(term) if isinstance(term, self._iri) else _text(term)


def _by_lang(values: Iterable[Term]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for value in values:
        out.setdefault(getattr(value, "language", None) or "", set()).add(_text(value))
    return out


def diff_glossaries(old: Glossary, new: Glossary, lang: str = "en") -> GlossaryDiff:
    """Compare two glossaries concept by concept and relation by relation (labels in ``lang``)."""
    # both sides as text, or both by rdflib: then their terms compare
    plain_a = plain_triples(old)
    plain_b = plain_triples(new) if plain_a is not None else None
    both = plain_a is not None and plain_b is not None
    a, b = _Side(old, plain_a if both else None), _Side(new, plain_b if both else None)

    def item(iri: Term, side: _Side = b) -> DiffItem:
        # Labels come from the side that has the concept: removed relations read as they were.
        glossary = side.glossary if iri in side.concepts else (new if iri in b.concepts else old)
        return DiffItem(str(iri), glossary.label(iri, lang))

    added = tuple(item(c) for c in sorted(b.concepts - a.concepts))
    removed = tuple(item(c) for c in sorted(a.concepts - b.concepts))

    labels: list[ConceptChange] = []
    definitions: list[ConceptChange] = []
    properties: list[ConceptChange] = []
    for concept in sorted(a.concepts & b.concepts):
        before, after = a.values.get(concept, {}), b.values.get(concept, {})
        for p in sorted(set(before) | set(after)):
            old_values, new_values = before.get(p, set()), after.get(p, set())
            if old_values == new_values:
                continue
            if str(p) in _LABEL_PROPS or str(p) == _DEFINITION:
                olds, news = _by_lang(old_values), _by_lang(new_values)
                for language in sorted(set(olds) | set(news)):
                    gone = tuple(sorted(olds.get(language, set()) - news.get(language, set())))
                    came = tuple(sorted(news.get(language, set()) - olds.get(language, set())))
                    if gone or came:
                        name = _LABEL_PROPS.get(str(p), "definition")
                        target = definitions if str(p) == _DEFINITION else labels
                        kind = "definition" if str(p) == _DEFINITION else "label"
                        target.append(ConceptChange(item(concept), kind, name, language, gone, came))
            else:
                gone = tuple(sorted(a.render(v) for v in old_values - new_values))
                came = tuple(sorted(b.render(v) for v in new_values - old_values))
                properties.append(ConceptChange(item(concept), "property", b.render(p), "", gone, came))

    def relation(triple: tuple[Term, Term, Term], side: _Side) -> RelationChange:
        s, p, o = triple
        return RelationChange(item(s, side), str(p), side.glossary.label(p, lang), item(o, side))

    def relation_key(r: RelationChange) -> tuple[str, ...]:
        return (r.subject.label.casefold(), r.predicate_label, r.object.label.casefold(), r.subject.iri, r.object.iri)

    rel_added = sorted((relation(t, b) for t in b.relations - a.relations), key=relation_key)
    rel_removed = sorted((relation(t, a) for t in a.relations - b.relations), key=relation_key)

    triples_added, triples_removed = _residue_diff(a, b)
    return GlossaryDiff(
        concepts_added=added,
        concepts_removed=removed,
        labels_changed=tuple(labels),
        definitions_changed=tuple(definitions),
        properties_changed=tuple(properties),
        relations_added=tuple(rel_added),
        relations_removed=tuple(rel_removed),
        triples_added=triples_added,
        triples_removed=triples_removed,
    )


def _residue_diff(a: _Side, b: _Side) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Triples outside the concept model that differ; blank nodes compared canonically.

    Triples of concepts only one side has are left out: "concept added" says it.
    """
    only_once = (a.concepts ^ b.concepts)

    def keep(triple: tuple[Term, Term, Term]) -> bool:
        return triple[0] not in only_once

    def line(triple: tuple[Term, Term, Term], side: _Side) -> str:
        return " ".join(side.n3(t) for t in triple)

    ground_a = {t for t in a.residue if not a.has_blank(t) and keep(t)}
    ground_b = {t for t in b.residue if not b.has_blank(t) and keep(t)}
    added = [line(t, b) for t in ground_b - ground_a]
    removed = [line(t, a) for t in ground_a - ground_b]

    blank_a = [t for t in a.residue if a.has_blank(t) and keep(t)]
    blank_b = [t for t in b.residue if b.has_blank(t) and keep(t)]
    if blank_a or blank_b:  # (only a side read by rdflib has blank nodes)
        from rdflib.compare import graph_diff, to_isomorphic

        graphs = []
        for triples in (blank_a, blank_b):
            graph = rdfl.Graph()
            for triple in triples:
                graph.add(triple)
            graphs.append(to_isomorphic(graph))
        _, only_a, only_b = graph_diff(graphs[0], graphs[1])
        removed += [line(t, a) for t in only_a]
        added += [line(t, b) for t in only_b]
    return tuple(sorted(added)), tuple(sorted(removed))
