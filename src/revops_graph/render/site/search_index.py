"""The search index, built once here in MiniSearch's own serialised form (version 2).

The page loads it with ``MiniSearch.loadJSON`` instead of indexing every label again on
each visit. Tokens are split and lower-cased as MiniSearch's defaults do (split on
Unicode separators and punctuation, ``toLowerCase``), so a query typed in the page finds
what the index holds; a browser test checks that this index equals the one MiniSearch
builds itself from the same documents.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from .terms import SiteVocabulary

__all__ = ["FIELDS", "search_documents", "minisearch_index"]

#: Indexed fields: preferred labels, then alternative labels and notations (every language).
FIELDS = ("label", "alt")


def _separators() -> str:
    # MiniSearch splits on /[\n\r\p{Z}\p{P}]+/u; Python's re has no \p{..}, so the class
    # is spelled out once from the Unicode database.
    chars = ["\n", "\r"]
    for code in range(sys.maxunicode + 1):
        category = unicodedata.category(chr(code))
        if category[0] in "ZP":
            chars.append(chr(code))
    return "[" + "".join(re.escape(c) for c in chars) + "]+"


_SPLIT = re.compile(_separators())


def tokens(text: str) -> tuple[int, list[str]]:
    """MiniSearch's default tokenizer and term processing: the number of distinct raw tokens
    (its field length, which counts the empty token a leading or trailing separator leaves)
    and the terms indexed."""
    raw = _SPLIT.split(text)
    return len(set(raw)), [t.lower() for t in raw if t]


def search_documents(vocabulary: SiteVocabulary) -> list[dict[str, object]]:
    """One document per term: the indexed fields, and what a hit shows (path, labels, sort)."""
    docs = []
    for number, iri in enumerate(vocabulary.sorts):
        labels = vocabulary.labels(iri)
        alt = vocabulary.alt(iri)
        docs.append({
            "id": number,
            "label": " ".join(v for values in labels.values() for v in values),
            "alt": " ".join(v for values in alt.values() for v in values),
            "i": iri,
            "p": vocabulary.term_paths[iri],
            "l": {lang: values[0] for lang, values in labels.items()},
            "s": vocabulary.sorts[iri],
        })
    return docs


def minisearch_index(docs: list[dict[str, object]]) -> dict[str, object]:
    """The ``toJSON()`` form of a MiniSearch over ``docs`` (idField ``id``, fields :data:`FIELDS`,
    stored ``i`` IRI, ``p`` path, ``l`` labels, ``s`` sort)."""
    index: dict[str, dict[str, dict[str, int]]] = {}
    field_length: dict[str, list[int]] = {}
    totals = [0] * len(FIELDS)
    for short, doc in enumerate(docs):
        lengths = []
        for field_id, name in enumerate(FIELDS):
            length, found = tokens(str(doc[name]))
            lengths.append(length)
            totals[field_id] += length
            for term in found:
                slot = index.setdefault(term, {}).setdefault(str(field_id), {})
                slot[str(short)] = slot.get(str(short), 0) + 1
        field_length[str(short)] = lengths
    count = len(docs)
    return {
        "documentCount": count,
        "nextId": count,
        "documentIds": {str(short): doc["id"] for short, doc in enumerate(docs)},
        "fieldIds": {name: i for i, name in enumerate(FIELDS)},
        "fieldLength": field_length,
        "averageFieldLength": [t / count if count else 0 for t in totals],
        "storedFields": {str(short): {"i": doc["i"], "p": doc["p"], "l": doc["l"], "s": doc["s"]} for short, doc in enumerate(docs)},
        "dirtCount": 0,
        "index": sorted([term, fields] for term, fields in index.items()),
        "serializationVersion": 2,
    }
