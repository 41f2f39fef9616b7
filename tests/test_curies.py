"""CURIEs made without rdflib name every IRI as rdflib's namespace manager does."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from revops_graph.curies import Curies
from revops_graph.model import load_glossary

DATA = Path(__file__).parent / "data"
FILES = [None, *sorted((DATA / "vocabularies").glob("*.ttl")), *sorted((DATA / "vocabularies").glob("*.nq")),
         DATA / "small-ontology.ttl"]

ODD = [
    "http://example.org/", "http://example.org/a/b#", "http://example.org/-x", "http://example.org/_x",
    "http://example.org/1abc", "http://example.org/a.b", "http://example.org/(x)", "urn:isbn:123",
    "http://www.w3.org/XML/1998/namespace#lang", "http://www.w3.org/2004/02/skos/core#",
    "http://www.w3.org/2004/02/skos/core", "http://schema.org/Person", "https://schema.org/name",
    "http://example.org/with space", "http://example.org/a<b", "nodeid123", "http://example.org/é",
    "http://purl.org/dc/terms/", "http://purl.org/dc/terms/title", "https://w3id.org/revops-graph/glossary/x",
]


def _iris(store: ox.Store) -> list[str]:
    found = {t.value for q in store for t in (q.subject, q.predicate, q.object) if isinstance(t, (ox.NamedNode, ox.BlankNode))}
    return sorted(found)


@pytest.mark.parametrize("path", FILES, ids=lambda p: "embedded" if p is None else p.name)
def test_curies_are_rdflibs(path: Path | None) -> None:
    glossary = load_glossary(None if path is None else [path])
    rdflib_names = glossary._t.namespace_manager  # rdflib's, over the same prefixes
    ours = Curies(glossary._t.prefixes)

    def theirs(iri: str) -> str:
        try:
            return rdflib_names.curie(iri, generate=False)
        except (KeyError, ValueError):
            return f"<{iri}>"

    iris = [*_iris(glossary.store), *ODD]
    assert [ours.curie(i) for i in iris] == [theirs(i) for i in iris]


@pytest.mark.parametrize("extra", [
    {"a": "http://example.org/x#", "b": "http://example.org/x#", "skos": "http://example.org/s#"},
    {"": "http://example.org/x#", "ex": "http://example.org/", "exx": "http://example.org/x#y/"},
    {"dc": "http://purl.org/dc/terms/", "schema": "http://schema.org/"},
])
def test_prefixes_bound_over_each_other_as_in_rdflib(extra: dict[str, str]) -> None:
    from rdflib import Graph

    from revops_graph.namespaces import bind_prefixes

    names = bind_prefixes(Graph(), extra).namespace_manager
    ours = Curies(extra)
    for iri in ["http://example.org/x#y", "http://example.org/x#y/z", "http://example.org/s#y", "http://example.org/q",
                "http://www.w3.org/2004/02/skos/core#broader", "http://purl.org/dc/terms/title",
                "http://purl.org/dc/elements/1.1/title", "http://schema.org/name", *ODD]:
        try:
            expected = names.curie(iri, generate=False)
        except (KeyError, ValueError):
            expected = f"<{iri}>"
        assert ours.curie(iri) == expected, iri


def test_qnames_make_up_prefixes_as_rdflib_does() -> None:
    from rdflib import Graph

    from revops_graph.namespaces import bind_prefixes

    extra = {"ex": "http://example.org/x#", "": "http://example.org/default#"}
    names = bind_prefixes(Graph(), extra).namespace_manager
    ours = Curies(extra)
    iris = ["http://a.example/p#q", "http://b.example/r/s", "http://a.example/p#t", "http://example.org/x#y",
            "http://example.org/default#z", *ODD, "http://c.example/1", "http://www.w3.org/2004/02/skos/core#broader"]
    for iri in iris:
        try:
            expected = names.qname(iri)
        except ValueError:
            expected = "ValueError"
        try:
            found = ours.qname(iri)
        except ValueError:
            found = "ValueError"
        assert found == expected, iri
