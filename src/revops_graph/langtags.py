"""Language tags (BCP 47): parsing a preference list and choosing among the languages present.

Pure and dependency-free, so that checking ``--lang`` loads nothing of the term model;
:mod:`revops_graph.model.labels` re-exports both functions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

__all__ = ["parse_languages", "pick_language"]


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


def pick_language(available: Iterable[str], prefs: Sequence[str]) -> str | None:
    """Which of the ``available`` language keys (as spelt in the data; ``""`` is untagged) to use.

    For each preference in turn: the same tag (case-insensitive), then the tag shortened
    (``de-CH`` finds ``de``), then a longer tag of it (``de`` finds ``de-AT``, the first sorted);
    after the whole list, untagged, then any key (the first sorted), so the choice never depends
    on the order of the data. ``None`` only when nothing is available.

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
    for pref in prefs:
        pref = pref.lower()
        for candidate in (pref, *_truncations(pref)):
            if candidate and candidate in lowered:
                return lowered[candidate]
        for low, key in lowered.items():
            if pref and low.startswith(pref + "-"):
                return key
    if "" in lowered:
        return lowered[""]
    return keys[0]
