"""Where each page of the site lives: stable, collision-safe, file-system-safe paths.

A term's page is named after its local name (readable) plus eight hex digits of the
SHA-256 of its full IRI (unique): two IRIs that differ only in case, in a character
a file system cannot hold, or in their namespace still get two files, and the same IRI
gets the same path in every build.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from functools import lru_cache

from ...model.labels import local_name

__all__ = ["relative", "term_path"]

_UNSAFE = re.compile(r"[^a-z0-9]+")


def term_path(iri: str, suffix: str = ".html") -> str:
    """The site-relative path of the page (or ``.ttl``/``.jsonld`` file) of ``iri``.

    >>> term_path("https://w3id.org/revops-graph/glossary/lead-management")
    'terms/lead-management-067857cd.html'
    >>> term_path("http://example.org/A") != term_path("http://example.org/a")
    True
    """
    return f"terms/{_stem(str(iri))}{suffix}"


@lru_cache(maxsize=1 << 16)
def _stem(iri: str) -> str:
    # each term's page, its two files and every link to it need the name: work it out once
    folded = unicodedata.normalize("NFKD", local_name(iri)).encode("ascii", "ignore").decode().lower()
    slug = _UNSAFE.sub("-", folded).strip("-")[:40].strip("-") or "term"
    digest = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


def relative(page: str, target: str) -> str:
    """The link from the page at ``page`` to ``target`` (both site-relative, ``/``-separated).

    >>> relative("terms/a-1.html", "terms/b-2.html"), relative("terms/a-1.html", "map.html")
    ('b-2.html', '../map.html')
    """
    here = posixpath.dirname(page)
    if here == posixpath.dirname(target):
        return posixpath.basename(target)
    if not here:
        return target
    return _relpath(target, here)


@lru_cache(maxsize=1 << 12)
def _relpath(target: str, here: str) -> str:
    # every term page links the same few pages of another folder (the map, the index)
    return posixpath.relpath(target, here)
