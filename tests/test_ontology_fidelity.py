"""The embedded glossary says what its source says, and no more: one test (or a few) per
decision of the second review of the ontology against the source page."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from revops_graph import REVOPS, ROG, Glossary
from revops_graph.io import resources

NS = {"rdf": RDF, "rdfs": RDFS, "owl": OWL, "skos": SKOS, "dcterms": DCTERMS, "rog": ROG._NS, "revops": REVOPS}
MIT = URIRef("https://spdx.org/licenses/MIT")
# spelt out: pytest's collection probes module globals, and rdflib's closed XSD namespace warns
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_LANGUAGE = URIRef("http://www.w3.org/2001/XMLSchema#language")
SCOPE = {REVOPS["sales"], REVOPS["marketing"], REVOPS["customer-success"]}


def _rows(glossary: Glossary, query: str) -> list[tuple]:
    return [tuple(row) for row in glossary.graph.query(query, initNs=NS)]


def _statements(glossary: Glossary, s: URIRef, p: URIRef, o: URIRef) -> list[URIRef]:
    g = glossary.graph
    return [st for st in g.subjects(RDF.subject, s)
            if (st, RDF.predicate, p) in g and (st, RDF.object, o) in g and (st, RDF.type, RDF.Statement) in g]


def _sentences(glossary: Glossary, s: URIRef, p: URIRef, o: URIRef) -> set[str]:
    """The local names (src-L..) of the sentences the one reified statement of (s, p, o) cites."""
    (statement,) = _statements(glossary, s, p, o)
    return {str(x).rsplit("/", 1)[-1] for x in glossary.graph.objects(statement, ROG.statedIn)}


def _labels(glossary: Glossary, iri: URIRef, prop: URIRef, lang: str) -> set[str]:
    return {str(o) for o in glossary.graph.objects(iri, prop) if isinstance(o, Literal) and o.language == lang}


# -- 1. revenue generation: one activity, not an outcome ------------------------------------


def test_nothing_comprised_or_included_is_an_outcome(glossary: Glossary) -> None:
    rows = _rows(glossary, """
        SELECT ?whole ?part WHERE {
            VALUES ?p { rog:comprises rog:includes }
            ?whole ?p ?part . ?part a rog:Outcome }""")
    assert rows == []


def test_revenue_generation_is_the_process_rco_comprises_and_revops_optimises(glossary: Glossary) -> None:
    generation, rco = REVOPS["revenue-generation"], REVOPS["revenue-cycle-operations"]
    revops, optimisation = REVOPS["revenue-operations"], REVOPS["optimisation"]
    assert glossary.concept(generation).kinds == (ROG.Process,)
    assert _sentences(glossary, rco, ROG.comprises, generation) == {"src-L09s2"}
    # line 6: "um die Umsatzgenerierung zu optimieren" -- the aim is the optimisation
    assert _sentences(glossary, revops, ROG.aimsAt, optimisation) >= {"src-L06"}
    assert _sentences(glossary, optimisation, ROG.concerns, generation) == {"src-L06"}
    assert (revops, ROG.aimsAt, generation) not in glossary.graph


def test_the_malformed_word_is_a_hidden_label_with_a_note(glossary: Glossary) -> None:
    generation = REVOPS["revenue-generation"]
    assert _labels(glossary, generation, SKOS.hiddenLabel, "de") == {"Umsatzgeneration"}
    all_shown = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in glossary.graph.objects(None, p)}
    assert "Umsatzgeneration" not in all_shown
    assert glossary.find("Umsatzgeneration").iri == generation
    assert any("Umsatzgeneration" in note for note in glossary.concept(generation).notes["de"])
    # the definitions of the concept's parts use the word, not the misspelling
    assert not any("Umsatzgeneration" in c.definition("de") for c in glossary.concepts())


# -- 2. line 21: the integration is a statement ----------------------------------------------


def test_every_sentence_with_content_is_stated_not_only_a_gap(glossary: Glossary) -> None:
    """Lines 2-3 are the page's title; lines 8 and 10 only announce lists the source lacks."""
    stated = {str(s).rsplit("/", 1)[-1] for _, s in _rows(glossary, """
        SELECT DISTINCT ?st ?s WHERE { ?st a rdf:Statement ; rog:statedIn ?s }""")}
    sentences = {str(s).rsplit("/", 1)[-1] for s in glossary.graph.subjects(RDF.type, ROG.SourceSentence)}
    assert sentences - stated == {"src-L02", "src-L03", "src-L08", "src-L10"}


def test_line_21_integrates_marketing_with_revenue_operations(glossary: Glossary) -> None:
    sentences = _sentences(glossary, REVOPS["marketing"], SKOS.related, REVOPS["revenue-operations"])
    assert sentences == {"src-L21"}


def test_literal_renderings_of_revenue_operations_are_all_noted(glossary: Glossary) -> None:
    notes = " ".join(glossary.concept(REVOPS["revenue-operations"]).notes["de"])
    for line, word in ((8, "Die Einnahmen"), (10, "Einnahmemaßnahmen"), (19, "Umsatztätigkeit"), (21, "Umsatzaktivitäten")):
        assert word in notes, word
        assert word in resources.source_text_file().read_text(encoding="utf-8").split("\n")[line - 1]


# -- 3. partly modelled statements of lines 4, 7 and 22 -----------------------------------------


def test_line_4_optimisation_and_its_scope(glossary: Glossary) -> None:
    g = glossary.graph
    optimisation = REVOPS["optimisation"]
    for resource in ("processes", "systems", "data"):
        for s, p in ((REVOPS["revenue-operations"], ROG.aligns), (optimisation, ROG.concerns)):
            (statement,) = _statements(glossary, s, p, REVOPS[resource])
            assert REVOPS["src-L04"] in set(g.objects(statement, ROG.statedIn)), (p, resource)
            assert set(g.objects(statement, DCTERMS.coverage)) == SCOPE, (p, resource)


def test_coverage_is_only_where_a_sentence_names_the_three_teams(glossary: Glossary) -> None:
    rows = _rows(glossary, """
        SELECT DISTINCT ?st WHERE {
            ?st dcterms:coverage ?f .
            FILTER NOT EXISTS { ?st rog:statedIn ?s . VALUES ?s { revops:src-L04 revops:src-L07s1 } } }""")
    assert rows == []


def test_line_7_silos_lie_between_the_three_functions(glossary: Glossary) -> None:
    silos = REVOPS["breaking-down-silos"]
    assert {r.object for r in glossary.relations(silos, "concerns")} == SCOPE
    for function in SCOPE:
        assert _sentences(glossary, silos, ROG.concerns, function) == {"src-L07s2"}


def test_line_22_data_driven_and_its_unclear_it_are_noted(glossary: Glossary) -> None:
    revops = glossary.concept(REVOPS["revenue-operations"])
    assert REVOPS["src-L22"] in revops.sources
    assert any("datengesteuert" in str(n) for n in glossary.graph.objects(revops.iri, SKOS.note))
    assert any("„Es“" in note for note in revops.notes["de"])


# -- 4. unsupported claims are gone -------------------------------------------------------------


def test_rco_is_a_process_because_line_9_says_so(glossary: Glossary) -> None:
    rco = REVOPS["revenue-cycle-operations"]
    assert glossary.concept(rco).kinds == (ROG.Process,)
    assert _sentences(glossary, rco, RDF.type, ROG.Process) == {"src-L09s1"}
    assert "Gesamtheit der Prozesse" in glossary.source_text(REVOPS["src-L09s1"])


def test_the_only_discipline_is_the_one_the_source_calls_a_strategic_approach(glossary: Glossary) -> None:
    disciplines = set(glossary.graph.subjects(RDF.type, ROG.Discipline))
    assert disciplines == {REVOPS["revenue-operations"]}
    cited = _sentences(glossary, REVOPS["revenue-operations"], RDF.type, ROG.Discipline)
    assert all("Ansatz" in glossary.source_text(REVOPS[s]) for s in cited)


def test_broader_links_are_the_ones_the_source_states(glossary: Glossary) -> None:
    """"Ein CRM-System ... ist ein Tool" (line 12) and "Plattformen - einschließlich CRM" (line 12)."""
    broader = {(str(s).rsplit("/", 1)[-1], str(o).rsplit("/", 1)[-1])
               for s, o in glossary.graph.subject_objects(SKOS.broader)}
    assert broader == {("crm-system", "tools"), ("crm-system", "platforms")}
    assert (REVOPS["customer-data"], SKOS.broader, REVOPS["data"]) not in glossary.graph


# -- 5. every kind has a source -------------------------------------------------------------------


def test_every_kind_assignment_is_stated_in_a_sentence_of_the_concept(glossary: Glossary) -> None:
    for concept in glossary.concepts():
        (kind,) = concept.kinds
        statements = _statements(glossary, concept.iri, RDF.type, kind)
        assert len(statements) == 1, concept.iri
        cited = set(glossary.graph.objects(statements[0], ROG.statedIn))
        assert cited and cited <= set(concept.sources), concept.iri


def test_no_kind_statement_names_another_kind_than_the_concept_has(glossary: Glossary) -> None:
    rows = _rows(glossary, """
        SELECT ?st WHERE {
            ?st a rdf:Statement ; rdf:subject ?c ; rdf:predicate rdf:type ; rdf:object ?k .
            FILTER NOT EXISTS { ?c a ?k } }""")
    assert rows == []


# -- 6. one coherent "tool" -----------------------------------------------------------------------


def test_a_tool_is_a_resource_and_a_narrower_concept_of_tools(glossary: Glossary) -> None:
    g = glossary.graph
    assert (ROG.Tool, RDFS.subClassOf, ROG.Resource) in g
    tools = set(g.subjects(RDF.type, ROG.Tool))
    assert tools == set(g.subjects(SKOS.broader, REVOPS["tools"])) == {REVOPS["crm-system"]}
    assert glossary.concept(REVOPS["tools"]).kinds == (ROG.Resource,)


# -- 7. the structure of the scheme ------------------------------------------------------------


def test_collections_group_the_concepts_by_kind(glossary: Glossary) -> None:
    g = glossary.graph
    collections = set(g.subjects(RDF.type, SKOS.Collection))
    by_kind = {}
    for collection in collections:
        members = set(g.objects(collection, SKOS.member))
        concepts = {m for m in members if m not in collections}
        kinds = {k for m in concepts for k in glossary.concept(m).kinds}
        assert len(kinds) == 1, collection
        (kind,) = kinds
        assert concepts == set(g.subjects(RDF.type, kind)), kind
        by_kind[kind] = collection
        assert {lit.language for lit in g.objects(collection, SKOS.prefLabel)} == {"de", "en"}
    assert set(by_kind) == glossary.kind_classes
    assert (by_kind[ROG.Resource], SKOS.member, by_kind[ROG.Tool]) in g


def test_top_concepts_are_the_defined_entries_and_reach_every_concept(glossary: Glossary) -> None:
    """The page's entries: a sentence that defines the term, or (the metric) its formula."""
    g = glossary.graph
    source = resources.source_text_file().read_text(encoding="utf-8")
    tops = set(g.objects(REVOPS.glossary, SKOS.hasTopConcept))
    assert tops == set(g.subjects(SKOS.topConceptOf, REVOPS.glossary))
    for top in tops:
        formulas = {str(f) for f in g.objects(top, ROG.formula) if f.language == "de"}
        assert glossary.concept(top).definition("de") in source or formulas & set(source.split("\n")), top
        assert (top, SKOS.broader, None) not in g, top
    neighbours: dict[URIRef, set[URIRef]] = {}
    for r in glossary.all_relations():
        neighbours.setdefault(r.subject, set()).add(r.object)
        neighbours.setdefault(r.object, set()).add(r.subject)
    reached, todo = set(tops), list(tops)
    while todo:
        for nxt in neighbours.get(todo.pop(), set()) - reached:
            reached.add(nxt)
            todo.append(nxt)
    assert set(glossary.concept_iris) - reached == set()


# -- 8. metadata ------------------------------------------------------------------------------------


@pytest.mark.parametrize("subject", [ROG.ontology, REVOPS.glossary])
def test_ontology_and_scheme_carry_licence_creator_and_dates(glossary: Glossary, subject: URIRef) -> None:
    g = glossary.graph
    assert {lit.language for lit in g.objects(subject, DCTERMS.title)} == {"de", "en"}
    assert g.value(subject, DCTERMS.license) == MIT
    assert str(g.value(subject, DCTERMS.creator)) == "revops-graph contributors"
    created, modified = g.value(subject, DCTERMS.created), g.value(subject, DCTERMS.modified)
    assert created.datatype == modified.datatype == XSD_DATE
    assert isinstance(created.toPython(), date) and created.toPython() <= modified.toPython()


def test_ontology_has_a_version_iri_that_names_its_version(glossary: Glossary) -> None:
    g = glossary.graph
    version = str(g.value(ROG.ontology, OWL.versionInfo))
    version_iri = g.value(ROG.ontology, OWL.versionIRI)
    assert isinstance(version_iri, URIRef) and str(version_iri).endswith("/" + version)
    assert version_iri != ROG.ontology


def test_source_page_language_is_a_tag_and_its_missing_url_is_said(glossary: Glossary) -> None:
    g = glossary.graph
    page = REVOPS["source-page"]
    assert g.value(page, DCTERMS.language) == Literal("de", datatype=XSD_LANGUAGE)
    # no address is invented: the page's only IRIs are its own and its type
    assert {o for o in g.objects(page, None) if isinstance(o, URIRef)} == {DCTERMS.BibliographicResource}
    assert any("URL" in str(n) and "nicht festgehalten" in str(n) for n in g.objects(page, SKOS.note))


# -- 9. paraphrases are marked, near-duplicates are linked -------------------------------------------


def test_every_german_definition_not_quoted_from_the_source_is_marked(glossary: Glossary) -> None:
    source = resources.source_text_file().read_text(encoding="utf-8")
    unmarked = [
        c.iri for c in glossary.concepts()
        if c.definition("de") not in source
        and not any("definiert diesen Begriff nicht" in note for note in c.notes.get("de", ()))
    ]
    assert unmarked == []


def test_concepts_named_with_the_same_noun_are_related(glossary: Glossary) -> None:
    """"Betriebliche Effizienz" ends with "Effizienz": such pairs are linked, editorially."""
    g = glossary.graph
    concepts = glossary.concepts()
    pairs = {
        (a.iri, b.iri) for a in concepts for b in concepts
        if a.iri != b.iri and a.label("de").lower().endswith(b.label("de").lower())
    }
    assert (REVOPS["operational-efficiency"], REVOPS["efficiency"]) in pairs
    assert (REVOPS["end-to-end-revenue-performance"], REVOPS["revenue-performance"]) in pairs
    for a, b in pairs:
        assert (a, SKOS.related, b) in g or (b, SKOS.related, a) in g, (a, b)


def test_editorial_links_say_so_and_are_only_skos_related(glossary: Glossary) -> None:
    rows = _rows(glossary, """
        SELECT ?st ?p WHERE { ?st a rdf:Statement ; rdf:predicate ?p ; skos:editorialNote ?n . FILTER (lang(?n) = "de") }""")
    assert len(rows) == 4
    for statement, predicate in rows:
        assert predicate == SKOS.related, statement
        notes = list(glossary.graph.objects(statement, SKOS.editorialNote))
        assert {n.language for n in notes} == {"de", "en"}
        assert all(str(n).startswith(("Redaktionelle Verknüpfung", "Editorial link")) for n in notes)


# -- 10. kinds are disjoint; no redundant inverse -----------------------------------------------------


def test_kinds_are_declared_disjoint_and_every_kind_is_covered(glossary: Glossary) -> None:
    """Every two kinds are disjoint: declared for the top kinds, inherited below them."""
    g = glossary.graph
    tops = {k for k in glossary.kind_classes if (k, RDFS.subClassOf, SKOS.Concept) in g}
    assert tops and ROG.Tool not in tops
    for one in tops:
        for other in tops - {one}:
            assert (one, OWL.disjointWith, other) in g or (other, OWL.disjointWith, one) in g, (one, other)
    for kind in glossary.kind_classes:
        assert len(set(g.transitive_objects(kind, RDFS.subClassOf)) & tops) == 1, kind


TWO_DISJOINT_KINDS = """
    SELECT DISTINCT ?c WHERE {
        ?k1 owl:disjointWith ?k2 .
        ?c rdf:type/rdfs:subClassOf* ?k1 , ?k2 }"""


def test_no_concept_is_of_two_disjoint_kinds(glossary: Glossary) -> None:
    assert _rows(glossary, TWO_DISJOINT_KINDS) == []


def test_the_disjointness_query_notices_a_concept_of_two_kinds(glossary: Glossary) -> None:
    """A tool (a resource, by subclass) that were also a process would break the disjointness."""
    graph = Graph()
    for triple in glossary.graph:
        graph.add(triple)
    graph.add((REVOPS["crm-system"], RDF.type, ROG.Process))
    assert _rows(Glossary(graph), TWO_DISJOINT_KINDS) == [(REVOPS["crm-system"],)]


# -- English labels -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("concept", "pref_en", "alt_en"),
    [
        ("forecasting", "Forecasts", set()),  # "die Prognosen ... verbessern": forecasts, not forecasting
        ("breaking-down-silos", "Breaking down silos", set()),  # "aufbrechen"
        ("silo-reduction", "Reducing silos", set()),  # "reduzieren"
        # "Prozentsatz"; line 25's "Anteil" (share) keeps the old label as an alternative
        ("share-of-revenue-from-operations", "Percentage of revenue from operations", {"Share of revenue from operations"}),
        ("employee-turnover", "Employee turnover", set()),
        ("human-resources", "Human resources", set()),
    ],
)
def test_english_labels_render_the_source(glossary: Glossary, concept: str, pref_en: str, alt_en: set[str]) -> None:
    iri = REVOPS[concept]
    assert _labels(glossary, iri, SKOS.prefLabel, "en") == {pref_en}
    assert _labels(glossary, iri, SKOS.altLabel, "en") == alt_en


def test_labels_without_a_source_are_gone(glossary: Glossary) -> None:
    labels = {str(o) for p in (SKOS.prefLabel, SKOS.altLabel) for o in glossary.graph.objects(None, p)}
    assert labels.isdisjoint({"Staff turnover", "HR", "Forecasting"})
