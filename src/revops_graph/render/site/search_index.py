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


def _separators(version: str | None = None) -> str:
    # MiniSearch splits on /[\n\r\p{Z}\p{P}]+/u; Python's re has no \p{..}, so the class
    # is spelled out from the Unicode database: read from the table below for the Unicode
    # version it was made from (scanning all 1.1 million code points took 0.13 s a site),
    # else scanned.
    chars = ["\n", "\r"]
    if (version or unicodedata.unidata_version) == "14.0.0":
        for span in _ZP_14.split():
            first, _, last = span.partition("-")
            chars.extend(chr(code) for code in range(int(first, 16), int(last or first, 16) + 1))
    else:
        chars.extend(chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code))[0] in "ZP")
    return "[" + "".join(re.escape(c) for c in chars) + "]+"


#: The code points of the Unicode categories Z and P in Unicode 14.0.0 (Python 3.11), hex ranges.
_ZP_14 = (
    "20-23 25-2a 2c-2f 3a-3b 3f-40 5b-5d 5f 7b 7d a0-a1 a7 ab b6-b7 bb bf 37e 387 55a-55f 589-58a 5be "
    "5c0 5c3 5c6 5f3-5f4 609-60a 60c-60d 61b 61d-61f 66a-66d 6d4 700-70d 7f7-7f9 830-83e 85e 964-965 "
    "970 9fd a76 af0 c77 c84 df4 e4f e5a-e5b f04-f12 f14 f3a-f3d f85 fd0-fd4 fd9-fda 104a-104f 10fb "
    "1360-1368 1400 166e 1680 169b-169c 16eb-16ed 1735-1736 17d4-17d6 17d8-17da 1800-180a 1944-1945 "
    "1a1e-1a1f 1aa0-1aa6 1aa8-1aad 1b5a-1b60 1b7d-1b7e 1bfc-1bff 1c3b-1c3f 1c7e-1c7f 1cc0-1cc7 1cd3 "
    "2000-200a 2010-2029 202f-2043 2045-2051 2053-205f 207d-207e 208d-208e 2308-230b 2329-232a "
    "2768-2775 27c5-27c6 27e6-27ef 2983-2998 29d8-29db 29fc-29fd 2cf9-2cfc 2cfe-2cff 2d70 2e00-2e2e "
    "2e30-2e4f 2e52-2e5d 3000-3003 3008-3011 3014-301f 3030 303d 30a0 30fb a4fe-a4ff a60d-a60f a673 "
    "a67e a6f2-a6f7 a874-a877 a8ce-a8cf a8f8-a8fa a8fc a92e-a92f a95f a9c1-a9cd a9de-a9df aa5c-aa5f "
    "aade-aadf aaf0-aaf1 abeb fd3e-fd3f fe10-fe19 fe30-fe52 fe54-fe61 fe63 fe68 fe6a-fe6b ff01-ff03 "
    "ff05-ff0a ff0c-ff0f ff1a-ff1b ff1f-ff20 ff3b-ff3d ff3f ff5b ff5d ff5f-ff65 10100-10102 1039f "
    "103d0 1056f 10857 1091f 1093f 10a50-10a58 10a7f 10af0-10af6 10b39-10b3f 10b99-10b9c 10ead "
    "10f55-10f59 10f86-10f89 11047-1104d 110bb-110bc 110be-110c1 11140-11143 11174-11175 111c5-111c8 "
    "111cd 111db 111dd-111df 11238-1123d 112a9 1144b-1144f 1145a-1145b 1145d 114c6 115c1-115d7 "
    "11641-11643 11660-1166c 116b9 1173c-1173e 1183b 11944-11946 119e2 11a3f-11a46 11a9a-11a9c "
    "11a9e-11aa2 11c41-11c45 11c70-11c71 11ef7-11ef8 11fff 12470-12474 12ff1-12ff2 16a6e-16a6f 16af5 "
    "16b37-16b3b 16b44 16e97-16e9a 16fe2 1bc9f 1da87-1da8b 1e95e-1e95f"
)


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
