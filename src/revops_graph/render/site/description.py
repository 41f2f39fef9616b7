"""A term's own description as files to download: its statements as Turtle and JSON-LD.

The statements are those with the term as subject, plus the blank nodes they reach (an
OWL restriction, a list), renamed ``b0``, ``b1``… in order of appearance so the bytes do
not depend on the parser's blank node names. pyoxigraph writes both formats from sorted
triples: fast enough for 10,000 terms, and the same bytes for the same graph.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox

from ...namespaces import PREFIXES
from .terms import SiteVocabulary, lexical, pair_key

__all__ = ["description_files"]


@lru_cache(maxsize=1 << 16)
def _iri(node: str) -> ox.NamedNode:
    # predicates and linked terms recur in thousands of descriptions: convert each once
    return ox.NamedNode(str(node))


def _statements(
    vocabulary: SiteVocabulary, iri: str, first: Iterable[tuple[str, object]] | None
) -> list[ox.Triple]:
    # ``first``: the page model's pairs (predicate IRIs as text, Oxigraph terms), as the
    # vocabulary answers for the blank nodes they reach
    names: dict[str, ox.BlankNode] = {}

    def term(node: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        kind = type(node)
        if kind is ox.NamedNode:
            return node  # type: ignore[return-value]
        if kind is ox.BlankNode:
            key = node.value  # type: ignore[union-attr]
            if key not in names:
                names[key] = ox.BlankNode(f"b{len(names)}")
                todo.append(node)  # type: ignore[arg-type]
            return names[key]
        canonical = lexical(node)  # type: ignore[arg-type]
        return node if canonical == node.value else ox.Literal(canonical, datatype=node.datatype)  # type: ignore[union-attr,return-value]

    root = ox.NamedNode(iri)
    todo: list[ox.NamedNode | ox.BlankNode] = [root]
    out: list[ox.Triple] = []
    seen: set[object] = set()
    while todo:
        subject = todo.pop(0)
        if subject in seen:
            continue
        seen.add(subject)
        if subject == root:
            named, found = root, first if first is not None else vocabulary.statements(iri)
        else:
            named, found = names[subject.value], sorted(vocabulary.predicate_objects(subject), key=pair_key)
        for p, o in found:
            out.append(ox.Triple(named, _iri(p), term(o)))  # type: ignore[arg-type]
    return out


def description_files(
    vocabulary: SiteVocabulary, iri: str, statements: Iterable[tuple[str, object]] | None = None
) -> tuple[bytes, bytes]:
    """``(turtle, jsonld)`` bytes of the statements about ``iri`` (``statements``: its sorted
    ``(predicate, object)`` pairs, :meth:`SiteVocabulary.statements`, when read already)."""
    triples = _statements(vocabulary, iri, statements)
    text = " ".join(str(t) for t in triples)
    prefixes = {p: ns for p, ns in sorted(PREFIXES.items()) if ns in text}
    turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    jsonld = ox.serialize(triples, format=ox.RdfFormat.JSON_LD, prefixes=prefixes)
    return turtle, jsonld
