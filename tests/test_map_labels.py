"""The concept map names each concept as the rest of the toolkit does: the model's label
precedence (skos:prefLabel, rdfs:label, schema:name, dcterms:title, ... skos:notation, the local
name), and finds it by its alternative and hidden labels too."""

from __future__ import annotations

from pathlib import Path

import pytest
from map_fixtures import page_data
from rdflib import DCTERMS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from revops_graph.model import Glossary, load_glossary
from revops_graph.render import map_model, render_map, text_in

EX = Namespace("http://example.org/labelled/")
SCHEMA = Namespace("http://schema.org/")
VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"


def labelled() -> Glossary:
    """One concept per step of the precedence, each also holding what comes after it."""
    g = Graph()
    g.add((EX.scheme, RDF.type, SKOS.ConceptScheme))
    g.add((EX.scheme, DCTERMS.title, Literal("Titled scheme", lang="en")))
    steps = {
        "pref": [(SKOS.prefLabel, "Preferred"), (RDFS.label, "Plain label"), (SCHEMA.name, "Schema name")],
        "plain": [(RDFS.label, "Plain label"), (SCHEMA.name, "Schema name"), (DCTERMS.title, "Title")],
        "named": [(SCHEMA.name, "Schema name"), (DCTERMS.title, "Title"), (SKOS.notation, "N-1")],
        "titled": [(DCTERMS.title, "Title"), (SKOS.notation, "N-2")],
        "coded": [(SKOS.notation, "N-3")],
        "bare": [],
    }
    for name, values in steps.items():
        g.add((EX[name], RDF.type, SKOS.Concept))
        g.add((EX[name], SKOS.inScheme, EX.scheme))
        for prop, text in values:
            g.add((EX[name], prop, Literal(text) if prop == SKOS.notation else Literal(f"{text} ({name})", lang="en")))
    g.add((EX.titled, DCTERMS.title, Literal("Titel (titled)", lang="de")))
    g.add((EX.named, SKOS.altLabel, Literal("Other name", lang="en")))
    g.add((EX.named, SKOS.hiddenLabel, Literal("Misspelt nmae", lang="en")))
    g.add((EX.pref, SKOS.broader, EX.plain))
    return Glossary(g)


def test_the_map_labels_by_the_models_precedence():
    model = map_model(labelled())
    label = {iri.rsplit("/", 1)[1]: node.label for iri, node in model.nodes.items()}
    assert label == {
        "pref": {"en": "Preferred (pref)"},
        "plain": {"en": "Plain label (plain)"},
        "named": {"en": "Schema name (named)"},
        "titled": {"de": "Titel (titled)", "en": "Title (titled)"},
        "coded": {"": "N-3"},  # a notation only where nothing else names the concept
        "bare": {"": "bare"},  # the local name last
    }
    assert model.title == {"en": "Titled scheme"}  # the scheme's dcterms:title, not "Concept map"
    # and exactly what the rest of the toolkit calls each concept, in every language
    glossary = labelled()
    for iri, node in model.nodes.items():
        for lang in ("en", "de", "fr"):
            assert text_in(node.label, lang) == glossary.label(EX[iri.rsplit("/", 1)[1]], lang), (iri, lang)


@pytest.mark.parametrize("name", ["tri-lingual-skos.ttl", "foaf.nq", "org.nq", "ru-sv-bg-codes.ttl", "mixed-owl-skos.ttl"])
def test_every_concept_reads_as_the_command_line_names_it(name):
    glossary = load_glossary([VOCABULARIES / name])
    model = map_model(glossary)
    assert model.nodes
    for iri, node in model.nodes.items():
        for lang in model.languages:
            assert text_in(node.label, lang) == glossary.label(URIRef(iri), lang), (iri, lang)


def test_alternative_and_hidden_labels_travel_for_the_search_only():
    model = map_model(labelled())
    named = model.nodes[str(EX.named)]
    assert named.alt == {"en": ("Other name",)} and named.hidden == {"en": ("Misspelt nmae",)}
    nodes = {n["iri"]: n for n in page_data(render_map(labelled()))["nodes"]}
    assert nodes[str(EX.named)]["hid"] == {"en": ["Misspelt nmae"]}
    assert "hid" not in nodes[str(EX.pref)]  # (no key where there is nothing to find: the page stays small)
