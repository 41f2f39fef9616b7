"""Language tags (BCP 47): parsing a preference list and choosing among the languages present.

Pure and dependency-free, so that checking ``--lang`` loads nothing of the term model;
:mod:`revops_graph.model.labels` re-exports both functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

__all__ = ["match_language", "parse_languages", "pick_language", "preferences"]


# BCP 47 (RFC 5646) well-formed tags: language[-extlang][-script][-region](-variant)*(-extension)*[-privateuse],
# a private-use tag, or one of the grandfathered "i-" tags; case does not matter.
_BCP47 = re.compile(
    r"""^(?:
        [a-z]{2,3}(?:-[a-z]{3}){0,3}                  # language (4 to 8 letters are reserved, none registered)
        (?:-[a-z]{4})?                                # script
        (?:-(?:[a-z]{2}|[0-9]{3}))?                   # region
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*      # variants
        (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*           # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?                    # private use
      | x(?:-[a-z0-9]{1,8})+
      | i-[a-z]{2,8}
    )$""",
    re.VERBOSE,
)


def parse_languages(text: str | Sequence[str]) -> tuple[str, ...]:
    """A language preference list from ``"ru,en"`` or ``["ru", "en"]``: BCP 47 tags, lower-cased,
    each once, in the order given.

    Raises :class:`ValueError` naming the first tag that is not BCP 47.

    >>> parse_languages("de-CH, en")
    ('de-ch', 'en')
    """
    parts = text.split(",") if isinstance(text, str) else [p for item in text for p in item.split(",")]
    tags: list[str] = []
    for part in parts:
        tag = part.strip().lower()
        if not _BCP47.match(tag):
            shown = part.strip()
            hint = f" (write {shown.replace('_', '-')!r})" if "_" in tag and _BCP47.match(tag.replace("_", "-")) else ""
            raise ValueError(f"{shown!r} is not a language tag (BCP 47, such as en, de-CH, zh-Hant){hint}"
                             if shown else "an empty language tag: give tags such as 'ru,en'")
        if tag not in tags:
            tags.append(tag)
    return tuple(tags)


def _truncations(tag: str) -> Iterator[str]:
    """``de-ch-1996`` -> ``de-ch``, ``de``: the tag shortened subtag by subtag (RFC 4647 lookup)."""
    parts = tag.split("-")
    for end in range(len(parts) - 1, 0, -1):
        if len(parts[end - 1]) > 1:  # a single-letter subtag introduces an extension: never end on one
            yield "-".join(parts[:end])


def pick_language(available: Iterable[str], prefs: Sequence[str], then: Sequence[str] = ()) -> str | None:
    """Which of the ``available`` language keys (as spelt in the data; ``""`` is untagged) to use.

    For each preference in turn: the same tag (case-insensitive), then the tag shortened
    (``de-CH`` finds ``de``), then a longer tag of it (``de`` finds ``de-AT``, the first sorted);
    after the whole list, untagged, then the tags of ``then`` (exactly), then any key (the first
    sorted), so the choice never depends on the order of the data. ``None`` only when nothing
    is available.

    >>> pick_language(["de", "en", "fr-CA"], ["de-CH", "en"])
    'de'
    >>> pick_language(["fr-CA", "fr-FR", ""], ["fr"])
    'fr-CA'
    """
    keys = sorted(set(available), key=lambda k: (k.lower(), k))
    if not keys:
        return None
    lowered: dict[str, str] = {}
    for key in keys:
        lowered.setdefault(key.lower(), key)
    found = _match(lowered, prefs)
    if found is not None:
        return found
    if "" in lowered:
        return lowered[""]
    for tag in then:
        if tag.lower() in lowered:
            return lowered[tag.lower()]
    return keys[0]


def match_language(available: Iterable[str], prefs: Sequence[str]) -> str | None:
    """The key of ``available`` that one of ``prefs`` asks for (as :func:`pick_language`
    matches), or ``None``: never untagged or any other language in its place.

    >>> match_language(["de", "en"], ["ja", "en-GB"]), match_language(["de", ""], ["ja"])
    ('en', None)
    """
    lowered: dict[str, str] = {}
    for key in sorted(set(available), key=lambda k: (k.lower(), k)):
        lowered.setdefault(key.lower(), key)
    return _match(lowered, prefs)


def _match(lowered: dict[str, str], prefs: Sequence[str]) -> str | None:
    for pref in prefs:
        pref = pref.lower()
        for candidate in (pref, *_truncations(pref)):
            if candidate and candidate in lowered:
                return lowered[candidate]
        for low, key in lowered.items():
            if pref and low.startswith(pref + "-"):
                return key
    return None


@lru_cache(maxsize=256)
def _preferences(text: str) -> tuple[str, ...]:
    return parse_languages(text) if "," in text else (text.strip().lower(),)


def preferences(lang: str | Sequence[str]) -> tuple[str, ...]:
    """``lang`` as a preference list: one tag (``"ru"``), a comma-separated list (``"ru,en"``,
    what ``--lang`` passes on) or a sequence of tags.

    >>> preferences("ru, en"), preferences("de-CH"), preferences(["sv", "bg"])
    (('ru', 'en'), ('de-ch',), ('sv', 'bg'))
    """
    if isinstance(lang, str):
        return _preferences(lang)
    return tuple(tag.lower() for tag in lang)
