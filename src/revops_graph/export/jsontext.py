"""JSON text as ``json.dumps(..., sort_keys=True, ensure_ascii=False)`` writes it, faster.

With ``indent``, the standard library encodes in pure Python, a generator per container (at
40,000 triples the JSON-LD export's biggest cost); its C encoder serves only unindented text
and is built anew for each call, which the sort of 30,000 values pays each time. The writers
here give the same text for what a JSON-LD document holds (dicts with text keys, lists,
text, numbers, true, false, null) and hand anything else to :mod:`json`.
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["dumps_indented", "sort_key"]

_text: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring
_FULL = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode


def _scalar(value: Any) -> str | None:
    """The JSON text of a scalar, as :mod:`json` writes it; ``None`` for anything else."""
    kind = type(value)
    if kind is str:
        return _text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if math.isfinite(value):
            return float.__repr__(value)
        return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, str):  # an rdflib term, written as its text
        return _text(value)
    return None


def sort_key(value: Any) -> str:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False)``."""
    found = _scalar(value)
    if found is not None:
        return found
    if type(value) is dict and all(type(k) is str for k in value):
        items = [(k, _scalar(v)) for k, v in sorted(value.items())]
        if all(v is not None for _, v in items):
            return "{" + ", ".join(f"{_text(k)}: {v}" for k, v in items) + "}"
    return _FULL(value)


def dumps_indented(value: Any) -> str:
    """``json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)``."""
    parts: list[str] = []
    try:
        _write(value, "\n", parts)
    except _Other:
        return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
    return "".join(parts)


class _Other(Exception):
    """A value this writer leaves to :mod:`json` (a key that is not text, a foreign type)."""


def _write(value: Any, newline: str, parts: list[str]) -> None:
    found = _scalar(value)
    if found is not None:
        parts.append(found)
        return
    kind = type(value)
    if kind is dict:
        if any(type(key) is not str for key in value):
            raise _Other
        items = [(_text(key) + ": ", item) for key, item in sorted(value.items())]
        brackets = "{}"
    elif kind is list:
        items, brackets = [("", item) for item in value], "[]"
    else:
        raise _Other
    if not items:
        parts.append(brackets)
        return
    inner = newline + "  "
    separator = brackets[0] + inner
    for head, item in items:
        parts.append(separator + head)
        _write(item, inner, parts)
        separator = "," + inner
    parts.append(newline + brackets[1])
