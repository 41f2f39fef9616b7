"""Labels and languages: which label a term shows, and how labels compare."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Union

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..langtags import parse_languages, pick_language, preferences
from ..namespaces import SKOS_IRI as _SKOS

if TYPE_CHECKING:
    from rdflib import URIRef
    from rdflib.term import Node

    # made on first use by the module's __getattr__ (below)
    DEFINITION_PREDICATES: tuple[URIRef, ...]
    LABEL_PREDICATES: tuple[URIRef, ...]
    LABEL_PROPERTIES: tuple[URIRef, ...]
    SEARCH_PREDICATES: tuple[URIRef, ...]


__all__ = [
    "DEFINITION_PREDICATES",
    "LABEL_PREDICATES",
    "LABEL_PROPERTIES",
    "SEARCH_PREDICATES",
    "LabelTexts",
    "all_texts_by_language",
    "choose_label",
    "dominant_language",
    "language_counts",
    "normalize_label",
    "parse_languages",
    "pick",
    "pick_language",
    "picked_texts",
    "texts_by_language",
]


_RDFS = "http://www.w3.org/2000/01/rdf-schema#"

# SKOS's own relations, labelled here because the SKOS vocabulary is not loaded (by IRI).
SKOS_LABELS: dict[str, dict[str, str]] = {
    _SKOS + "broader": {"de": "hat Oberbegriff", "en": "has broader"},
    _SKOS + "narrower": {"de": "hat Unterbegriff", "en": "has narrower"},
    _SKOS + "related": {"de": "verwandt mit", "en": "related to"},
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
        if isinstance(value, rdfl.Literal):
            out.setdefault(value.language or "", str(value))
    return out


def all_by_lang(values: Iterable[Node]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for value in sorted(values):
        if isinstance(value, rdfl.Literal):
            out.setdefault(value.language or "", []).append(str(value))
    return {lang: tuple(items) for lang, items in out.items()}


def choose_label(iri: Node, lang: str | Sequence[str], candidates: Iterable[Iterable[Node]]) -> str:
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
    if str(iri) in SKOS_LABELS:
        return pick(SKOS_LABELS[str(iri)], lang)
    return local_name(str(iri))


def plain_label(stores: Sequence[ox.Store], iri: str, lang: str | Sequence[str]) -> str | None:
    """:func:`choose_label` read from Oxigraph ``stores`` (the data's, then the vocabulary's),
    without rdflib; ``None`` where a language has several values for the deciding predicate,
    which rdflib's order of literals decides (the caller asks :func:`choose_label` then)."""
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        node = None  # no triple has it: the fallbacks below decide
    for store in stores if node is not None else ():
        for predicate in LABEL_IRIS:
            found: dict[str, set[str]] = {}
            for quad in store.quads_for_pattern(node, ox.NamedNode(predicate), None):
                if isinstance(quad.object, ox.Literal):
                    found.setdefault(quad.object.language or "", set()).add(quad.object.value)
            if any(len(texts) > 1 for texts in found.values()):
                return None
            if found:
                return pick({lang: next(iter(texts)) for lang, texts in found.items()}, lang)
    return pick(SKOS_LABELS[iri], lang) if iri in SKOS_LABELS else local_name(iri)


def pick(values: dict[str, str], lang: str | Sequence[str], fallback: str = "") -> str:
    """The value in ``lang`` — a tag or a preference list such as ``"ru,en"`` (regional variants
    match, see :func:`pick_language`) — else untagged, else English, else the first language
    sorted, else ``fallback``."""
    key = picked_language(tuple(values), preferences(lang))
    return values[key] if key is not None else fallback


@lru_cache(maxsize=1024)
def picked_language(keys: tuple[str, ...], prefs: tuple[str, ...]) -> str | None:
    """:func:`pick_language` of ``keys`` for ``prefs`` then English, remembered: the terms of a
    vocabulary share a few sets of languages, and 20,000 picks took 0.2 s one by one."""
    return pick_language(keys, prefs, ("en",))


# --- labels and definitions read from a pyoxigraph store -----------------------------------

_SCHEMA = ("http://schema.org/", "https://schema.org/")
_DCTERMS = "http://purl.org/dc/terms/"
_DC = "http://purl.org/dc/elements/1.1/"

# The predicates below as IRI strings, which the Oxigraph readers here take; the public
# tuples of rdflib terms are made from them on first use (module ``__getattr__``).
LABEL_IRIS: tuple[str, ...] = (
    _SKOS + "prefLabel", _RDFS + "label", *(ns + "name" for ns in _SCHEMA),
    _DCTERMS + "title", _DC + "title", _SKOS + "notation",
)
DEFINITION_IRIS: tuple[str, ...] = (
    _SKOS + "definition", _RDFS + "comment", _DCTERMS + "description", *(ns + "description" for ns in _SCHEMA),
)
SEARCH_IRIS: tuple[str, ...] = (*LABEL_IRIS, _SKOS + "altLabel", _SKOS + "hiddenLabel")

_AS_RDFLIB = {
    #: Where a term's label comes from, highest precedence first; the local name comes after them all.
    "LABEL_PREDICATES": LABEL_IRIS,
    #: Where a term's definition comes from, highest precedence first.
    "DEFINITION_PREDICATES": DEFINITION_IRIS,
    #: Where a label comes from, each in the data first, then in the vocabulary (see :func:`choose_label`):
    #: the same precedence, read from an rdflib graph, where the first property with any value wins.
    "LABEL_PROPERTIES": LABEL_IRIS,
    #: What a search matches: every label, and the alternative and hidden (misspelt, obsolete) ones.
    "SEARCH_PREDICATES": SEARCH_IRIS,
}


def __getattr__(name: str) -> tuple[URIRef, ...]:
    """``LABEL_PREDICATES``, ``DEFINITION_PREDICATES``, ``LABEL_PROPERTIES``, ``SEARCH_PREDICATES``:
    the predicates as rdflib ``URIRef`` terms, made (and rdflib imported) when first asked for."""
    if name not in _AS_RDFLIB:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = tuple(rdfl.URIRef(iri) for iri in _AS_RDFLIB[name])
    return value

Subject = Union[str, "ox.NamedNode", "ox.BlankNode"]


def _node(subject: Subject) -> ox.NamedNode | ox.BlankNode:
    return ox.NamedNode(subject) if isinstance(subject, str) else subject


def _texts(quads: Iterable[ox.Quad], order: dict[str, int], out: dict[str, tuple[int, bool, str]]) -> None:
    """Fold literal values into ``out`` (language -> (precedence, in a named graph, text)), keeping the least."""
    for quad in quads:
        value = quad.object
        if isinstance(value, ox.Literal):
            lang = value.language or ""
            key = (order[quad.predicate.value], not isinstance(quad.graph_name, ox.DefaultGraph), value.value)
            if lang not in out or key < out[lang]:
                out[lang] = key


def _finish(found: dict[str, tuple[int, bool, str]], codes: int | None) -> dict[str, str]:
    # a notation is a code, not a name: it labels a term only when nothing else does
    if codes is not None and any(order != codes for order, _, _ in found.values()):
        found = {lang: key for lang, key in found.items() if key[0] != codes}
    return {lang: text for lang, (_, _, text) in sorted(found.items())}


def texts_by_language(
    store: ox.Store, iri: Subject, predicates: Sequence[str] = LABEL_IRIS, graph: object = None,
) -> dict[str, str]:
    """The text of ``iri`` per language (``""``: untagged) from ``predicates``, in ``graph`` (``None``: any).

    Precedence is by predicate first, then by language: in each language the value comes from
    the first predicate that has one *in that language*, so a term with ``skos:prefLabel@en``
    and only ``rdfs:label@fr`` reads French in French. Among values of the same predicate and
    language the default graph's win over named graphs', then the least text (deterministic).
    Pass the dictionary to :func:`pick_language` to choose a language; an empty one means
    "fall back to the local name". ``skos:notation`` is a code, not a name: it counts only when no
    other predicate has a value in any language (a code list labelled in Bulgarian shows
    "червен" to an English reader, not "C01").
    """
    subject = _node(iri)
    order = {str(p): i for i, p in enumerate(predicates)}
    found: dict[str, tuple[int, bool, str]] = {}
    for predicate in predicates:
        _texts(store.quads_for_pattern(subject, ox.NamedNode(str(predicate)), None, graph), order, found)  # type: ignore[arg-type]
    return _finish(found, order.get(_SKOS + "notation"))


def all_texts_by_language(
    store: ox.Store, predicates: Sequence[str] = LABEL_IRIS, graph: object = None,
) -> dict[str, dict[str, str]]:
    """:func:`texts_by_language` for every subject at once (IRI or blank-node id -> texts), one pass per predicate."""
    found, coded, codes = _all_texts(store, predicates, graph)
    out: dict[str, dict[str, str]] = {}
    for subject, texts in found.items():
        if subject in coded:
            out[subject] = _finish(texts, codes)
        elif len(texts) == 1:
            ((lang, (_, _, text)),) = texts.items()
            out[subject] = {lang: text}
        else:
            out[subject] = {lang: text for lang, (_, _, text) in sorted(texts.items())}
    return out


def picked_texts(
    store: ox.Store, lang: str | Sequence[str], predicates: Sequence[str] = LABEL_IRIS, graph: object = None,
) -> dict[str, str]:
    """The text in ``lang`` of every subject that has any: :func:`pick` of its
    :func:`all_texts_by_language`, without making the dictionaries of texts it picks from."""
    return _picked(*_all_texts(store, predicates, graph), lang)


class LabelTexts:
    """One read of the labels (:data:`LABEL_IRIS`, every graph) of ``store``: each subject's texts
    and how many literals each language has, so that a listing picks its texts and chooses their
    language (:meth:`dominant_language`) from the same quads, read once."""

    def __init__(self, store: ox.Store) -> None:
        tally: dict[str | None, int] = {}
        self._store = store
        self._found, self._coded, self._codes = _all_texts(store, LABEL_IRIS, None, tally)
        #: How many label literals each language tag has (as :func:`language_counts` of :data:`LABEL_IRIS`).
        self.counts = _lowered(tally)

    def picked(self, lang: str | Sequence[str]) -> dict[str, str]:
        """:func:`picked_texts` of the labels in ``lang``."""
        return _picked(self._found, self._coded, self._codes, lang)

    def dominant_language(self) -> str | None:
        """:func:`dominant_language` of the store: these counts and the other search labels'."""
        return _most_common(self.counts + language_counts(self._store, SEARCH_IRIS[len(LABEL_IRIS):]))


_Found = dict[str, dict[str, tuple[int, bool, str]]]


def _picked(found: _Found, coded: set[str], codes: int | None, lang: str | Sequence[str]) -> dict[str, str]:
    prefs = preferences(lang)
    out: dict[str, str] = {}
    for subject, texts in found.items():
        if subject in coded:
            finished = _finish(texts, codes)
            out[subject] = finished[picked_language(tuple(finished), prefs)]  # type: ignore[index]
        else:
            out[subject] = texts[picked_language(tuple(texts), prefs)][2]  # type: ignore[index]
    return out


def _all_texts(
    store: ox.Store, predicates: Sequence[str], graph: object, tally: dict[str | None, int] | None = None,
) -> tuple[_Found, set[str], int | None]:
    """Each subject's best (precedence, in a named graph, text) per language, the subjects given a
    code, and the codes' precedence: what :func:`_finish` turns into :func:`texts_by_language`.
    ``tally``: count each literal's language tag (as spelt) into it, too."""
    order = {str(p): i for i, p in enumerate(predicates)}
    # a store without named graphs (most files) needs no graph name read per quad
    graphs = graph is not None or next(iter(store.named_graphs()), None) is not None
    found: _Found = {}
    literal, default = ox.Literal, ox.DefaultGraph
    codes = order.get(_SKOS + "notation")
    coded: set[str] = set()  # the subjects given a code, which the notation rule may drop
    for predicate in predicates:
        rank = order[str(predicate)]
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, graph):  # type: ignore[arg-type]
            subject = quad.subject.value
            texts = found.get(subject)
            # named already: :func:`_finish` drops every code (10,000 notations, unread unless counted)
            named = rank == codes and texts and any(key[0] != codes for key in texts.values())
            if named and tally is None:
                continue
            value = quad.object
            if not isinstance(value, literal):
                continue
            tag = value.language
            if tally is not None:
                tally[tag] = tally.get(tag, 0) + 1
                if named:
                    continue
            if texts is None:
                texts = found[subject] = {}
            lang = tag or ""
            key = (rank, graphs and not isinstance(quad.graph_name, default), value.value)
            old = texts.get(lang)
            if old is None or key < old:
                texts[lang] = key
                if rank == codes:
                    coded.add(subject)
    return found, coded, codes


def language_counts(store: ox.Store, predicates: Sequence[str] = SEARCH_IRIS, graph: object = None) -> Counter[str]:
    """How many label literals each language tag (lower-cased; ``""``: untagged) has in ``store``."""
    found: dict[str | None, int] = {}  # by the tag as spelt: lower-cased once per tag, not per literal
    literal = ox.Literal
    for predicate in predicates:
        for quad in store.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, graph):  # type: ignore[arg-type]
            value = quad.object
            if isinstance(value, literal):
                lang = value.language
                found[lang] = found.get(lang, 0) + 1
    return _lowered(found)


def _lowered(tally: dict[str | None, int]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for lang, n in tally.items():
        counts[(lang or "").lower()] += n
    return counts


def dominant_language(store: ox.Store, graph: object = None) -> str | None:
    """The data's most common label language (ties: the first sorted); ``None`` when no label has a tag."""
    return _most_common(language_counts(store, graph=graph))


def _most_common(counts: Counter[str]) -> str | None:
    counts.pop("", None)
    return min(counts, key=lambda lang: (-counts[lang], lang), default=None)
