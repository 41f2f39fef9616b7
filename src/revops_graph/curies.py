"""IRIs shortened to CURIEs (``skos:broader``) exactly as rdflib's ``NamespaceManager.curie``
names them with ``generate=False``, without importing rdflib.

Reports (lint, validate) name terms with the prefixes an rdflib graph of the data binds:
rdflib's own well-known set, then :data:`~revops_graph.namespaces.PREFIXES` and the data's
prefixes bound over them (:func:`~revops_graph.namespaces.bind_prefixes`). This module keeps
that prefix table and rdflib's way of splitting an IRI (XML name rules, the longest bound
namespace), so a report reads the same whichever library read the data.

>>> Curies({"ex": "http://example.org/onto#"}).curie("http://example.org/onto#Thing")
'ex:Thing'
>>> Curies().curie("http://www.w3.org/2004/02/skos/core#broader")
'skos:broader'
>>> Curies().curie("http://nowhere.example/x")
'<http://nowhere.example/x>'
"""

from __future__ import annotations

from unicodedata import category

from .namespaces import PREFIXES, RDFLIB_DEFAULT_PREFIXES

__all__ = ["Curies"]

_XMLNS = "http://www.w3.org/XML/1998/namespace"
# rdflib's Graph() binds its well-known set and then xml:
_INITIAL = {**RDFLIB_DEFAULT_PREFIXES, "xml": _XMLNS}
# rdflib's XML name rules (rdflib.namespace.split_uri)
_NAME_START = ("Ll", "Lu", "Lo", "Lt", "Nl")
_SPLIT_START = (*_NAME_START, "Nd")
_NAME = (*_NAME_START, "Mc", "Me", "Mn", "Lm", "Nd")
_NAME_CHARS = ("\u00b7", "\u0387", "-", ".", "_", "%", "(", ")")
_INVALID = '<>" {}|\\^`'


def _split(iri: str) -> tuple[str, str] | None:
    """rdflib's ``split_uri``: namespace and local name, or ``None`` where it cannot split."""
    if iri.startswith(_XMLNS):
        return _XMLNS, iri.split(_XMLNS)[1]
    length = len(iri)
    for i in range(length):
        c = iri[-i - 1]
        if category(c) not in _NAME:
            if c in _NAME_CHARS:
                continue
            for j in range(-1 - i, length):
                if category(iri[j]) in _SPLIT_START or iri[j] == "_":
                    if not iri[:j]:
                        break
                    return iri[:j], iri[j:]
            break
    return None


class Curies:
    """The CURIE of each IRI under the prefixes an rdflib graph of data with ``prefixes`` binds."""

    def __init__(self, prefixes: dict[str, str] | None = None) -> None:
        self._namespace: dict[str, str] = {}  # prefix -> namespace
        self._prefix: dict[str, str] = {}  # namespace -> prefix
        for prefix, namespace in _INITIAL.items():
            self._store_bind(prefix, namespace)
        #: every namespace rdflib's trie holds: each ever bound, each split off so far
        self._known = set(_INITIAL.values())
        for prefix, namespace in sorted({**PREFIXES, **(prefixes or {})}.items()):
            self._bind(prefix, namespace)
        self._cache: dict[str, tuple[str, str]] = {}

    def _store_bind(self, prefix: str, namespace: str) -> None:
        # rdflib's Memory.bind with override=True
        bound_namespace = self._namespace.get(prefix)
        bound_prefix = self._prefix.get(namespace)
        if bound_prefix is None and bound_namespace is not None:
            bound_prefix = self._prefix.get(bound_namespace)
        if bound_prefix is not None:
            del self._namespace[bound_prefix]
        if bound_namespace is not None:
            del self._prefix[bound_namespace]
        self._prefix[namespace] = prefix
        self._namespace[prefix] = namespace

    def _bind(self, prefix: str, namespace: str) -> None:
        # rdflib's NamespaceManager.bind with override=True, replace=True
        bound = self._namespace.get(prefix)
        if (bound and bound != namespace) or self._prefix.get(namespace) != prefix:
            self._store_bind(prefix, namespace)
        self._known.add(namespace)

    def _compute(self, iri: str, generate: bool) -> tuple[str, str]:
        """rdflib's ``compute_qname``: ``(prefix, local name)``; ``ValueError`` for an IRI it will
        not split, ``KeyError`` for an unbound namespace unless ``generate`` binds ``nsN`` to it."""
        if iri in self._cache:
            return self._cache[iri]
        if any(c in iri for c in _INVALID):
            raise ValueError(f"{iri!r} does not look like a valid URI")
        split = _split(iri)
        if split is None:
            if not self._prefix.get(iri):
                raise ValueError(f"cannot split {iri!r}")
            namespace, name = iri, ""
        else:
            namespace, name = split
        self._known.add(namespace)
        longer = [k for k in self._known if len(k) > len(namespace) and k.startswith(namespace) and iri.startswith(k)]
        if longer:
            namespace = max(longer, key=len)
            name = iri[len(namespace):]
        prefix = self._prefix.get(namespace)
        if prefix is None:
            if not generate:
                raise KeyError(namespace)
            number = 1
            while f"ns{number}" in self._namespace:
                number += 1
            prefix = f"ns{number}"
            self._store_bind(prefix, namespace)
        self._cache[iri] = (prefix, name)
        return prefix, name

    def curie(self, iri: str) -> str:
        """``prefix:name`` for ``iri``, else ``<iri>`` (a made-up ``ns1:`` tells the reader nothing)."""
        try:
            prefix, name = self._compute(iri, generate=False)
        except (KeyError, ValueError):
            return f"<{iri}>"
        return f"{prefix}:{name}"

    def n3(self, iri: str) -> str:
        """rdflib's ``URIRef.n3`` with this prefix table (``NamespaceManager.normalizeUri``):
        ``prefix:name`` when the namespace rdflib splits off is bound, else ``<iri>``."""
        split = _split(iri)
        if split is None:
            return f"<{iri}>"
        self._known.add(split[0])
        if self._prefix.get(split[0]) is None:
            return f"<{iri}>"
        return self.qname(iri)

    def qname(self, iri: str) -> str:
        """rdflib's ``NamespaceManager.qname``: ``prefix:name``, a made-up ``nsN`` prefix for an
        unbound namespace; ``ValueError`` where the IRI does not split."""
        prefix, name = self._compute(iri, generate=True)
        return f"{prefix}:{name}" if prefix else name
