"""Did you mean ...? Close matches for concept labels, query names and rule ids in error lines."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Glossary
    from ..store import Store


def close_matches(word: str, candidates: Iterable[str], fold: bool = False) -> list[str]:
    """Up to three candidates that look like ``word`` (difflib's ratio of 0.6 or more).

    With ``fold``, case, accents and spacing are ignored as concept lookups ignore them.
    """
    from ..model.labels import normalize_label

    key = normalize_label if fold else (lambda text: text)
    folded: dict[str, str] = {}
    for candidate in candidates:
        folded.setdefault(key(candidate), candidate)
    return [folded[m] for m in difflib.get_close_matches(key(word), list(folded), n=3)]


def hint(matches: list[str]) -> str:
    """``; did you mean 'A' or 'B'?``, or nothing when there is no close match."""
    return f"; did you mean {' or '.join(map(repr, matches))}?" if matches else ""


def concept_labels(glossary: Glossary) -> Iterator[str]:
    """Every preferred and alternative label of every concept, in every language; for a
    vocabulary without SKOS concepts (an OWL ontology), the labels of its classes."""
    concepts = glossary.concepts()
    for concept in concepts:
        yield from concept.pref_labels.values()
        for alts in concept.alt_labels.values():
            yield from alts
    if not concepts:
        from rdflib.namespace import OWL, RDF, RDFS, SKOS

        graph = glossary.graph
        for kind in (OWL.Class, RDFS.Class):
            for cls in graph.subjects(RDF.type, kind):
                for prop in (SKOS.prefLabel, RDFS.label):
                    yield from (str(label) for label in graph.objects(cls, prop))


@contextmanager
def suggesting_concepts(glossary: Glossary, wanted: str) -> Iterator[None]:
    """Add close labels to a "no concept is labelled ..." error raised inside."""
    from ..model import ConceptNotFound

    try:
        yield
    except ConceptNotFound as exc:
        if not str(exc).startswith("no concept") or "did you mean" in str(exc):
            raise  # several concepts share the label: the message names them already
        raise ConceptNotFound(f"{exc}{hint(close_matches(wanted, concept_labels(glossary), fold=True))}") from None


def query_not_found(spec: str, names: Iterable[str]) -> str:
    """Why ``spec`` is neither a named query nor a file, with the closest names."""
    names = list(names)
    return (f"{spec!r} is neither a named query nor a query file{hint(close_matches(spec, names))} "
            f"(named queries: {', '.join(names)})")


# What query/params says when a label binds nothing; the store's labels then give the hint.
_UNLABELLED = re.compile(r"^parameter (\S+): no (concept|class) is labelled ")
_LABELS = {
    "concept": """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?label WHERE { ?x skos:prefLabel|skos:altLabel|rdfs:label ?label .
                                       ?x a/rdfs:subClassOf* skos:Concept }""",
    "class": """PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?label WHERE { ?x skos:prefLabel|rdfs:label ?label .
                                       { ?x a owl:Class } UNION { ?x a rdfs:Class } }""",
}


def parameter_hint(store: Store, message: str, params: Mapping[str, str], timeout: float) -> str:
    """Close labels for a ``--param`` whose label bound nothing (``message`` is the error),
    read from ``store``; nothing when the error is another or the store cannot say."""
    from ..errors import RevopsGraphError
    from ..query import select_terms

    found = _UNLABELLED.match(message)
    if found is None or found.group(1) not in params:
        return ""
    try:
        result = select_terms(store, _LABELS[found.group(2)], timeout=timeout)
    except RevopsGraphError:
        return ""  # the hint is a courtesy: the original error is what matters
    labels = (row[0].value for row in result.terms if row[0] is not None)
    return hint(close_matches(params[found.group(1)], labels, fold=True))
