"""The texts a table of concepts prints, read in one pass, are the records' own."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from revops_graph.langtags import pick_language
from revops_graph.model import load_glossary
from revops_graph.model.labels import (
    LABEL_IRIS,
    LabelTexts,
    all_texts_by_language,
    dominant_language,
    language_counts,
    pick,
    picked_texts,
    texts_by_language,
)
from revops_graph.model.records import concept_rows

DATA = Path(__file__).parent / "data"
FILES = sorted((DATA / "vocabularies").glob("*.[tn][tq]*")) + [DATA / "site" / "multilingual.ttl",
                                                               DATA / "small-ontology.ttl"]
LANGS = ("en", "de", "ru,en", "fr-CA", "bg", "ja", "de-CH,en", "")

TRICKY = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/t/> .
ex:Kind rdfs:subClassOf skos:Concept .
ex:a a skos:Concept , ex:Kind ; skos:notation "A-1" ; rdfs:label "label a"@en , "zz"@en ; skos:prefLabel "b"@de , "a"@de .
ex:b a skos:Concept ; skos:notation "B-1" .
ex:c a skos:Concept ; skos:notation "C-1"@en ; rdfs:label "c"@bg ; skos:definition "d1"@en-GB , "d0"@en-GB .
ex:d a skos:Concept .
"""


@pytest.mark.parametrize("path", [None, *FILES], ids=lambda p: p.name if p else "embedded")
def test_rows_are_what_the_concepts_say(path: Path | None) -> None:
    glossary = load_glossary([path] if path else None, terms="all")
    concepts = glossary.concepts()
    for lang in LANGS:
        rows = concept_rows(glossary.store, glossary.concept_keys, glossary.kind_keys, lang)
        assert rows == [(c.label(lang), c.kind_keys, c.definition(lang)) for c in concepts], lang


@pytest.mark.parametrize("path", [None, *FILES], ids=lambda p: p.name if p else "embedded")
def test_one_read_of_the_labels_counts_and_picks_as_the_separate_reads(path: Path | None) -> None:
    store = load_glossary([path] if path else None).store
    read = LabelTexts(store)
    assert read.counts == language_counts(store, LABEL_IRIS)
    assert read.dominant_language() == dominant_language(store)
    for lang in LANGS:
        assert read.picked(lang) == picked_texts(store, lang)


def test_rows_follow_notation_graph_and_text_order(tmp_path: Path) -> None:
    path = tmp_path / "tricky.ttl"
    path.write_text(TRICKY, encoding="utf-8")
    glossary = load_glossary([path])
    rows = dict(zip(glossary.concept_keys, concept_rows(glossary.store, glossary.concept_keys, glossary.kind_keys, "en")))
    t = "https://example.org/t/"
    assert rows[t + "a"] == ("label a", (t + "Kind",), "")  # a name before a code, the least text first
    assert rows[t + "b"] == ("B-1", (), "")  # a code where nothing else names the term
    assert rows[t + "c"] == ("c", (), "d0")  # the Bulgarian name before the English code
    assert rows[t + "d"] == ("d", (), "")  # the local name


def test_every_subject_read_at_once_is_read_alone_too() -> None:
    store = ox.Store()
    store.load(TRICKY.encode(), format=ox.RdfFormat.TURTLE)
    named = ox.NamedNode("https://example.org/g")
    store.add(ox.Quad(ox.NamedNode("https://example.org/t/a"), ox.NamedNode(LABEL_IRIS[1]), ox.Literal("aa", language="en"), named))
    found = all_texts_by_language(store)
    assert found == {s: texts_by_language(store, ox.NamedNode(s)) for s in found}
    assert found["https://example.org/t/a"]["en"] == "label a"  # the default graph's before a named graph's
    for lang in LANGS:
        assert picked_texts(store, lang) == {s: pick(texts, lang) for s, texts in found.items()}


@pytest.mark.parametrize("keys", [("de", "en"), ("en", "de"), ("fr-CA", "fr-FR", ""), ("EN", "bg"), ("bg", "sv")])
def test_a_remembered_pick_is_the_pick(keys: tuple[str, ...]) -> None:
    values = {key: key or "untagged" for key in keys}
    for lang in LANGS:
        prefs = [lang] if lang else []
        expected = pick_language(keys, [p for t in prefs for p in t.split(",")], ("en",))
        assert pick(values, lang) == values[expected]
        assert pick(dict(reversed(values.items())), lang) == values[expected]


@pytest.mark.parametrize("args", [[], ["--kinds", "no such kind"]])
def test_the_listing_leaves_the_cycle_collector_running(args: list[str]) -> None:
    import gc

    from typer.testing import CliRunner

    from revops_graph.cli import app

    assert gc.isenabled()
    CliRunner().invoke(app, ["concepts", *args])
    assert gc.isenabled()
