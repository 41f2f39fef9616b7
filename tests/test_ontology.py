"""The embedded RevOps glossary: complete, bilingual, faithful to its source, auditable."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from revops_graph import REVOPS, ROG, Glossary
from revops_graph.io import resources
from revops_graph.io.loader import load_files


def test_every_concept_has_both_labels_and_definitions(glossary: Glossary) -> None:
    missing = [
        (c.iri, lang, what)
        for c in glossary.concepts()
        for lang in ("de", "en")
        for what, values in (("prefLabel", c.pref_labels), ("definition", c.definitions))
        if lang not in values
    ]
    assert glossary.concepts(), "the embedded glossary has no concepts"
    assert missing == []


def test_no_two_concepts_share_a_label_or_definition(glossary: Glossary) -> None:
    for lang in ("de", "en"):
        for what in ("label", "definition"):
            values = [getattr(c, what)(lang) for c in glossary.concepts()]
            assert sorted(v for v in set(values) if values.count(v) > 1) == [], (lang, what)


def test_one_preflabel_per_language(glossary: Glossary) -> None:
    for iri in glossary.concept_iris:
        langs = [lit.language for lit in glossary.graph.objects(iri, SKOS.prefLabel)]
        assert sorted(langs) == ["de", "en"], iri


def test_every_concept_is_in_the_scheme_with_one_kind_and_a_source(glossary: Glossary) -> None:
    schemes = set(glossary.graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert schemes == {REVOPS.glossary}
    for concept in glossary.concepts():
        assert (concept.iri, SKOS.inScheme, REVOPS.glossary) in glossary.graph
        assert len(concept.kinds) == 1, concept.iri
        assert concept.sources, f"{concept.iri} has no dcterms:source"
        for sentence in concept.sources:
            assert (sentence, RDF.type, ROG.SourceSentence) in glossary.graph


@pytest.mark.parametrize(
    ("label", "abbreviation"), [("Revenue Operations", "RevOps"), ("Revenue Cycle Operations", "RCO"), ("CRM-System", "CRM")]
)
def test_abbreviations_are_alt_labels(glossary: Glossary, label: str, abbreviation: str) -> None:
    concept = glossary.find(label)
    assert abbreviation in concept.alt_labels["de"]
    assert glossary.find(abbreviation) == concept


def test_devops_is_an_editorial_note_not_a_label(glossary: Glossary) -> None:
    revops = glossary.find("RevOps")
    all_labels = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for o in glossary.graph.objects(None, p)}
    assert not any("DevOps" in label for label in all_labels)
    assert any("DevOps" in note for note in revops.notes["de"])
    assert any("DevOps" in note for note in revops.notes["en"])


def _objects(glossary: Glossary, subject: str, predicate: str) -> set[str]:
    return {r.object_label("en") for r in glossary.relations(glossary.find(subject), predicate)}


@pytest.mark.parametrize(
    ("subject", "predicate", "objects"),
    [
        ("RevOps", "comprises", {"Sales", "Marketing", "Customer success"}),
        ("RevOps", "aligns", {"Processes", "Systems", "Data", "Teams", "People", "Platforms"}),
        ("RevOps", "focusesOn", {"Customer journey", "Cross-functional collaboration", "End-to-end revenue performance"}),
        ("RevOps", "aimsAt", {"Optimisation", "Company growth", "Unified revenue engine", "Breaking down silos",
                              "Revenue growth", "Profit maximisation", "Predictable growth", "Efficiency",
                              "Revenue performance"}),
        ("Optimierung", "concerns", {"Processes", "Systems", "Data", "Revenue generation"}),
        ("Aufbrechen von Silos", "concerns", {"Sales", "Marketing", "Customer success"}),
        ("RCO", "comprises", {"Revenue generation"}),
        ("RevOps", "goesBeyond", {"CRM system"}),
        ("RCO", "includes", {"Billing", "Collections", "Receivables"}),
        ("RCO", "concerns", {"Revenue cycle"}),
        ("RevOps operating model", "unifies", {"Sales", "Marketing", "Customer success"}),
        ("RevOps operating model", "centralizes", {"Data", "Tools", "Processes"}),
        ("RevOps operating model", "aimsAt", {"Reducing silos", "Efficiency", "Forecasts", "Revenue growth"}),
        ("CRM", "isToolWithin", {"Revenue operations"}),
        ("CRM", "manages", {"Customer data", "Customer interactions"}),
        ("Geschäftsbetrieb", "includes", {"Finance", "Human resources", "Logistics"}),
        ("Geschäftsbetrieb", "contrastsWith", {"Revenue operations"}),
        ("Marketing", "supports", {"Revenue operations"}),
        ("Percentage of revenue from operations", "hasInput", {"Operating revenue", "Total revenue"}),
    ],
)
def test_the_source_statements_are_in_the_graph(glossary: Glossary, subject: str, predicate: str, objects: set[str]) -> None:
    assert _objects(glossary, subject, predicate) == objects


def test_customer_journey_stages_keep_the_source_order(glossary: Glossary) -> None:
    journey = glossary.find("Customer Journey")
    stages = sorted(
        (int(glossary.graph.value(r.object, ROG.stageIndex)), r.object_label("en"))
        for r in glossary.relations(journey, "hasStage")
    )
    assert [label for _, label in stages] == ["Lead generation", "Acquisition", "Customer retention", "Customer expansion"]
    chain = [r.object_label("en") for s in ("Lead generation", "Acquisition", "Customer retention")
             for r in glossary.relations(glossary.find(s), "precedes")]
    assert chain == ["Acquisition", "Customer retention", "Customer expansion"]


def test_employee_turnover_is_the_rate_of_leaving(glossary: Glossary) -> None:
    turnover = glossary.find("Fluktuation")
    assert glossary.label(turnover.kinds[0]) == "Metric"
    assert "Rate" in turnover.definition("de") and "verlassen" in turnover.definition("de")
    assert "rate" in turnover.definition("en")


def test_metric_formula_and_inputs(glossary: Glossary) -> None:
    metric = glossary.find("percentage of revenue from operations")
    g = glossary.graph
    assert str(g.value(metric.iri, ROG.expression)) == "(operating_revenue / total_revenue) * 100"
    assert {str(f) for f in g.objects(metric.iri, ROG.formula)} >= {"(Betriebseinnahmen ÷ Gesamteinnahmen) × 100"}
    symbols = {str(g.value(r.object, ROG.symbol)) for r in glossary.relations(metric, "hasInput")}
    assert symbols == {"operating_revenue", "total_revenue"}


def test_every_relation_is_traceable_to_a_source_sentence(glossary: Glossary) -> None:
    relations = glossary.all_relations()
    assert len(relations) > 50
    untraced = [(r.subject, r.predicate, r.object) for r in relations if not r.sources]
    assert untraced == []
    for rel in relations:
        assert rel.sentence(), rel


def test_provenance_is_queryable_with_sparql(glossary: Glossary) -> None:
    rows = list(glossary.graph.query(
        """SELECT ?line ?text WHERE {
             ?st rdf:subject revops:crm-system ; rdf:predicate rog:isToolWithin ;
                 rdf:object revops:revenue-operations ; rog:statedIn ?s .
             ?s rog:line ?line ; rog:text ?text }""",
        initNs={"rdf": RDF, "rog": ROG._NS, "revops": REVOPS},
    ))
    assert [(int(r.line), "einschließlich CRM" in str(r.text)) for r in rows] == [(12, True)]


def test_source_sentences_are_verbatim_from_the_source(glossary: Glossary) -> None:
    lines = resources.source_text_file().read_text(encoding="utf-8").split("\n")
    sentences = list(glossary.graph.subjects(RDF.type, ROG.SourceSentence))
    assert len(sentences) >= 25
    for sentence in sentences:
        line = int(glossary.graph.value(sentence, ROG.line))
        text = str(glossary.graph.value(sentence, ROG.text))
        assert text in lines[line - 1], sentence


def test_german_definitions_quote_the_source_where_it_defines(glossary: Glossary) -> None:
    source = resources.source_text_file().read_text(encoding="utf-8")
    for label in ("Revenue Operations", "RCO", "RevOps-Betriebsmodell", "CRM-System", "Fluktuation", "Geschäftsbetrieb"):
        concept = glossary.find(label)
        assert concept.definition("de") in source, label
        assert not concept.notes.get("de") or "definiert diesen Begriff nicht" not in concept.notes["de"][0]


def test_known_gaps_are_recorded_not_invented(glossary: Glossary) -> None:
    g = glossary.graph
    gaps = {str(g.value(gap, ROG.statedIn)).rsplit("-", 1)[-1]: str(g.value(gap, ROG.status))
            for gap in g.subjects(RDF.type, ROG.KnownGap)}
    assert gaps == {"L08": "open", "L10": "open", "L19": "open", "L21": "open"}
    for gap in g.subjects(RDF.type, ROG.KnownGap):
        owners = list(g.subjects(ROG.hasKnownGap, gap))
        assert len(owners) == 1
        # nothing hangs off a gap except its description: no invented list items
        assert set(g.predicates(gap, None)) == {RDF.type, RDFS.label, SKOS.note, ROG.statedIn, ROG.status}


def test_rog_namespace_class_matches_the_turtle() -> None:
    vocab = load_files([resources.vocabulary_file()])
    declared = {str(s) for s in vocab.subjects(RDFS.isDefinedBy, URIRef(ROG.ontology))} | {str(ROG.ontology)}
    in_class = {str(ROG._NS[name]) for name in ROG.__annotations__}
    assert declared == in_class


def test_every_property_has_labels_definitions_and_an_inverse() -> None:
    """A symmetric property is its own inverse; declaring owl:inverseOf on it as well is redundant."""
    vocab = load_files([resources.vocabulary_file()])
    symmetric = set(vocab.subjects(RDF.type, OWL.SymmetricProperty))
    assert symmetric == {ROG.contrastsWith}
    for prop in vocab.subjects(RDF.type, OWL.ObjectProperty):
        langs = {lit.language for lit in vocab.objects(prop, RDFS.label)}
        assert langs == {"de", "en"}, prop
        assert {lit.language for lit in vocab.objects(prop, SKOS.definition)} == {"de", "en"}, prop
        if prop in symmetric:
            assert vocab.value(prop, OWL.inverseOf) is None, prop
            assert (None, OWL.inverseOf, prop) not in vocab, prop
        elif prop not in (ROG.hasKnownGap, ROG.statedIn):
            inverse = vocab.value(prop, OWL.inverseOf)
            assert inverse is not None, prop
            assert (inverse, OWL.inverseOf, prop) in vocab


def test_every_used_rog_term_is_declared(glossary: Glossary) -> None:
    vocab = load_files([resources.vocabulary_file()])
    used = {t for triple in glossary.graph for t in triple if isinstance(t, URIRef) and str(t).startswith(str(ROG._NS))}
    undeclared = {t for t in used if (t, RDF.type, None) not in vocab}
    assert undeclared == set()


def test_no_literal_is_untagged_where_language_matters(glossary: Glossary) -> None:
    for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.definition, SKOS.editorialNote, ROG.text):
        for o in glossary.graph.objects(None, p):
            assert isinstance(o, Literal) and o.language in ("de", "en"), (p, o)


def test_dcterms_source_is_used_for_concepts(glossary: Glossary) -> None:
    assert set(glossary.graph.objects(None, DCTERMS.source)) >= {REVOPS["source-page"]}
