"""Labels and languages: which label a term shows, and how labels compare."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node


__all__ = [
    "LABEL_PROPERTIES",
    "choose_label",
    "normalize_label",
]


# SKOS's own relations, labelled here because the SKOS vocabulary is not loaded.
SKOS_LABELS: dict[URIRef, dict[str, str]] = {
    SKOS.broader: {"de": "hat Oberbegriff", "en": "has broader"},
    SKOS.narrower: {"de": "hat Unterbegriff", "en": "has narrower"},
    SKOS.related: {"de": "verwandt mit", "en": "related to"},
}


LANGS = ("de", "en")


class _CombiningMarks(dict[int, "int | None"]):
    """A ``str.translate`` table that drops combining marks, filled as characters come."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _CombiningMarks()


def normalize_label(text: str) -> str:
    """Fold case, accents and spacing so that labels match as people type them.

    >>> normalize_label("  Geschäftsbetrieb ") == normalize_label("geschaftsbetrieb")
    True
    """
    if not text.isascii():  # ASCII has nothing to decompose (and a lint of 100,000 concepts folds 320,000 labels)
        text = unicodedata.normalize("NFKD", text).translate(_WITHOUT_MARKS)
    return " ".join(text.casefold().split())


def local_name(iri: str) -> str:
    for sep in ("#", "/", ":"):
        head, found, tail = iri.rstrip("/#").rpartition(sep)
        if found and tail:
            return tail
    return iri


def by_lang(values: Iterable[Node]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in sorted(values):
        if isinstance(value, Literal):
            out.setdefault(value.language or "", str(value))
    return out


def all_by_lang(values: Iterable[Node]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for value in sorted(values):
        if isinstance(value, Literal):
            out.setdefault(value.language or "", []).append(str(value))
    return {lang: tuple(items) for lang, items in out.items()}


#: Where a label comes from, each in the data first, then in the vocabulary (see :func:`choose_label`).
LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label)


def choose_label(iri: Node, lang: str, candidates: Iterable[Iterable[Node]]) -> str:
    """The label of ``iri`` in ``lang`` from ``candidates``, without looking anything up.

    ``candidates`` are the values of each :data:`LABEL_PROPERTIES` in the data, then the
    same in the vocabulary: the first that holds a literal wins (in ``lang``, else English,
    else untagged, else any), then SKOS's own relation labels, then the local name. Every
    place that tells an IRI by its label (an rdflib graph, an Oxigraph store) calls this.
    """
    for values in candidates:
        found = by_lang(values)
        if found:
            return pick(found, lang)
    if iri in SKOS_LABELS:
        return pick(SKOS_LABELS[iri], lang)  # type: ignore[index]
    return local_name(str(iri))


def pick(values: dict[str, str], lang: str, fallback: str = "") -> str:
    """The value in ``lang``, else English, else untagged, else any, else ``fallback``."""
    for key in (lang, "en", ""):
        if key in values:
            return values[key]
    return next(iter(values.values()), fallback)
