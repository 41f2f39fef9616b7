"""Languages and label precedence (model/labels.py) on the public vocabularies in tests/data/vocabularies."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDFS, SKOS

from revops_graph.model.labels import (
    DEFINITION_PREDICATES,
    LABEL_PREDICATES,
    SEARCH_PREDICATES,
    all_texts_by_language,
    dominant_language,
    language_counts,
    parse_languages,
    pick_language,
    texts_by_language,
)

VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"
FILES = sorted(p for p in VOCABULARIES.iterdir() if p.suffix in (".nq", ".ttl"))


def store_of(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TURTLE)
    return store


def rdflib_dataset(path: Path) -> Dataset:
    data = Dataset()
    data.parse(path, format="nquads" if path.suffix == ".nq" else "turtle")
    return data


@pytest.mark.parametrize("text, expected", [
    ("ru,en", ("ru", "en")),
    (" de-CH , EN ", ("de-ch", "en")),
    (["sr-Latn-RS", "zh-Hant"], ("sr-latn-rs", "zh-hant")),
    ("en,en,de", ("en", "de")),
    ("x-klingon", ("x-klingon",)),
    ("de-DE-1996", ("de-de-1996",)),
])
def test_parse_languages_accepts_bcp47(text: str, expected: tuple[str, ...]) -> None:
    assert parse_languages(text) == expected


@pytest.mark.parametrize("text, says", [
    ("english", "'english' is not a language tag"),
    ("de_CH", "write 'de-CH'"),
    ("en,,de", "empty language tag"),
    ("e", "'e' is not a language tag"),
    ("de-", "'de-' is not a language tag"),
    ("123", "'123' is not"),
])
def test_parse_languages_rejects_nonsense_with_a_clear_message(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_languages(text)


@pytest.mark.parametrize("available, prefs, expected", [
    (["de", "en"], ["en"], "en"),
    (["DE", "en"], ["de"], "DE"),                       # case-insensitive, returned as the data spells it
    (["de", "en"], ["de-ch", "en"], "de"),              # region falls back to the language
    (["de-AT", "de-CH", "en"], ["de", "en"], "de-AT"),  # the language finds a regional tag, the first sorted
    (["fr", "en"], ["ru", "en"], "en"),                 # along the preference list
    (["fr", ""], ["ru", "en"], ""),                     # then untagged
    (["sv", "bg"], ["ru", "en"], "bg"),                 # then any, sorted
    ([], ["en"], None),
    (["en-gb", "en-us"], ["en-us"], "en-us"),
    (["zh-hant", "zh"], ["zh-hant-tw"], "zh-hant"),     # lookup shortens one subtag at a time
])
def test_pick_language(available: list[str], prefs: list[str], expected: str | None) -> None:
    assert pick_language(available, prefs) == expected
    assert pick_language(list(reversed(available)), prefs) == expected  # the data's order does not matter


def test_precedences_are_in_the_documented_order() -> None:
    assert [p.rpartition("/")[2].rpartition("#")[2] for p in LABEL_PREDICATES] == [
        "prefLabel", "label", "name", "name", "title", "title", "notation"]
    assert DEFINITION_PREDICATES[:2] == (SKOS.definition, RDFS.comment)
    assert SEARCH_PREDICATES[-2:] == (SKOS.altLabel, SKOS.hiddenLabel)


def test_texts_by_language_prefers_the_predicate_per_language() -> None:
    store = ox.Store()
    store.load(input=b"""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix schema: <https://schema.org/> .
        <urn:x> skos:prefLabel "pref"@en ; rdfs:label "label"@en , "etiquette"@fr , "b"@de , "a"@de ;
                schema:name "plain" ; skos:notation "X1" .
        <urn:coded> skos:notation "C1" ; rdfs:label "rot"@de .
        <urn:only-notation> skos:notation "N7" .
    """, format=ox.RdfFormat.TURTLE)
    assert texts_by_language(store, "urn:x") == {"": "plain", "de": "a", "en": "pref", "fr": "etiquette"}
    assert texts_by_language(store, "urn:only-notation") == {"": "N7"}
    assert texts_by_language(store, "urn:coded") == {"de": "rot"}  # the code only when there is no name
    assert texts_by_language(store, "urn:nothing") == {}
    everything = all_texts_by_language(store)
    assert everything["urn:x"] == texts_by_language(store, "urn:x")
    assert everything["urn:only-notation"] == {"": "N7"}


def test_texts_by_language_prefers_the_default_graph() -> None:
    store = ox.Store()
    label = ox.NamedNode(str(RDFS.label))
    store.add(ox.Quad(ox.NamedNode("urn:x"), label, ox.Literal("a vocabulary's", language="en"), ox.NamedNode("urn:g")))
    store.add(ox.Quad(ox.NamedNode("urn:x"), label, ox.Literal("the data's", language="en")))
    assert texts_by_language(store, "urn:x") == {"en": "the data's"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_language_counts_match_an_independent_count(path: Path) -> None:
    expected: Counter[str] = Counter()
    predicates = set(SEARCH_PREDICATES)
    for _, p, o, _ in rdflib_dataset(path).quads((None, None, None, None)):
        if p in predicates and isinstance(o, Literal):
            expected[(o.language or "").lower()] += 1
    counts = language_counts(store_of(path))
    assert counts == expected
    tagged = {k: v for k, v in expected.items() if k}
    top = max(tagged.values(), default=0)
    assert dominant_language(store_of(path)) == (min(k for k, v in tagged.items() if v == top) if tagged else None)


def test_every_language_of_dbpedia_is_found_and_a_cyrillic_label_is_picked() -> None:
    store = store_of(VOCABULARIES / "dbpedia-slice.nq")
    assert len([lang for lang in language_counts(store) if lang]) == 32
    codes = store_of(VOCABULARIES / "ru-sv-bg-codes.ttl")
    texts = texts_by_language(codes, "https://example.org/colours/red")
    assert texts[pick_language(texts, parse_languages("ru,en"))] == "красный"
    assert texts[pick_language(texts, parse_languages("en"))] == "червен"  # no English: the first sorted (bg)


def test_every_command_labels_by_the_whole_precedence() -> None:
    """A scheme named only by dcterms:title and a code named only by skos:notation are labelled by them."""
    from rdflib import URIRef

    from revops_graph.model import load_glossary

    glossary = load_glossary([VOCABULARIES / "tri-lingual-skos.ttl"])
    data = rdflib_dataset(VOCABULARIES / "tri-lingual-skos.ttl")
    title = URIRef("http://purl.org/dc/terms/title")
    (scheme,) = {s for s, _, _, _ in data.quads((None, title, None, None))}
    assert not list(data.quads((scheme, SKOS.prefLabel, None, None))) and not list(data.quads((scheme, RDFS.label, None, None)))
    spanish = {str(o) for _, _, o, _ in data.quads((scheme, title, None, None)) if o.language == "es"}
    assert glossary.label(scheme, "es") in spanish
