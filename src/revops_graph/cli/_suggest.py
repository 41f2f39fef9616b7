"""Did you mean ...? Close matches for concept labels and query names in error lines."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Glossary


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
    """Every preferred and alternative label of every concept, in every language."""
    for concept in glossary.concepts():
        yield from concept.pref_labels.values()
        for alts in concept.alt_labels.values():
            yield from alts


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
