"""What counts as a term (model/terms.py), on real vocabularies; expectations come from plain queries here."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from revops_graph.io import resources
from revops_graph.model.terms import TERM_SORTS, VOCABULARY_GRAPH, Terms, describe, find_terms

VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"
FILES = sorted(p for p in VOCABULARIES.iterdir() if p.suffix in (".nq", ".ttl"))
PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
"""
BUILTIN = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
           "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2001/XMLSchema#", "http://www.w3.org/2004/02/skos/core#")


def store_of(*paths: Path) -> ox.Store:
    store = ox.Store()
    for path in paths:
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TURTLE)
    return store


def iris(store: ox.Store, where: str) -> set[str]:
    query = PREFIXES + f"SELECT DISTINCT ?x WHERE {{ GRAPH ?g {{ {where} }} }}"
    default = PREFIXES + f"SELECT DISTINCT ?x WHERE {{ {where} }}"
    return {row["x"].value for q in (query, default) for row in store.query(q) if isinstance(row["x"], ox.NamedNode)}


def independent(store: ox.Store) -> Terms:
    """The rules of the module docstring as SPARQL, written apart from the implementation."""
    kinds = iris(store, "?x rdfs:subClassOf* skos:Concept")
    classes = iris(store, "{ ?x a owl:Class } UNION { ?x a rdfs:Class } UNION { ?x rdfs:subClassOf ?y } "
                          "UNION { ?x owl:equivalentClass ?y }")
    properties = iris(store, "VALUES ?t { rdf:Property owl:ObjectProperty owl:DatatypeProperty owl:FunctionalProperty "
                             "owl:InverseFunctionalProperty owl:TransitiveProperty owl:SymmetricProperty } ?x a ?t")
    properties |= iris(store, "VALUES ?p { rdfs:domain rdfs:range rdfs:subPropertyOf owl:inverseOf "
                              "owl:equivalentProperty schema:domainIncludes schema:rangeIncludes } ?x ?p ?y")
    properties |= iris(store, "?x a owl:AnnotationProperty ; ?p ?y FILTER(?p != rdf:type)")
    classes = {c for c in classes if not c.startswith(BUILTIN)}
    properties = {p for p in properties if not p.startswith(BUILTIN)}
    typed = iris(store, "?x a/rdfs:subClassOf* skos:Concept")
    linked = iris(store, "VALUES ?p { skos:broader skos:narrower skos:related } { ?x ?p ?y } UNION { ?y ?p ?x }")
    linked |= iris(store, "{ ?x skos:inScheme|skos:topConceptOf|skos:prefLabel ?y } UNION { ?y skos:hasTopConcept ?x }")
    schemes = iris(store, "VALUES ?t { skos:ConceptScheme skos:Collection skos:OrderedCollection } ?x a ?t")
    concepts = (typed | (linked - classes - properties)) - schemes - kinds
    concepts = {c for c in concepts if not c.startswith(BUILTIN)}
    used_kinds = iris(store, "?c a ?x . ?x rdfs:subClassOf+ skos:Concept") | (kinds & classes) if concepts else set()
    used_kinds.discard("http://www.w3.org/2004/02/skos/core#Concept")
    return Terms(*(tuple(sorted(s)) for s in (concepts, classes - used_kinds, properties, used_kinds)))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_terms_match_the_rules_written_as_sparql(path: Path) -> None:
    store = store_of(path)
    assert find_terms(store) == independent(store)


def test_the_issue_cases() -> None:
    owl = find_terms(store_of(VOCABULARIES / "dbpedia-slice.nq"))
    assert not owl.concepts and len(owl.classes) == 73 and owl.properties  # an OWL ontology has terms
    disciplines = find_terms(store_of(VOCABULARIES / "discipline.nq"))
    # QUDT disciplines are linked by skos:broader but typed only qudt:Discipline
    assert "http://qudt.org/vocab/discipline/Chemistry" in disciplines.concepts
    codes = find_terms(store_of(VOCABULARIES / "geonames-slice.nq"))
    assert len(codes.concepts) == 129 and codes.kinds == ("http://www.geonames.org/ontology#Code",)
    assert "http://www.geonames.org/ontology#Code" not in codes.classes
    mixed = find_terms(store_of(VOCABULARIES / "mixed-owl-skos.ttl"))
    assert {"https://example.org/mixed#Person", "https://example.org/mixed#Term"} <= set(mixed.classes)
    assert len(mixed.concepts) == 6  # 4 skos:Concept and the two ex:Term linked by skos:broader
    assert "https://example.org/mixed#statusScheme" not in mixed.concepts
    assert mixed.select("all") == tuple(sorted({*mixed.concepts, *mixed.classes, *mixed.properties}))
    assert mixed.select(["classes", "properties"]) == tuple(sorted({*mixed.classes, *mixed.properties}))


def test_the_embedded_glossary_has_concepts_and_kinds_and_no_vocabulary_terms() -> None:
    store = ox.Store()
    for path in resources.glossary_files():
        if path == resources.vocabulary_file():
            continue  # kept in a graph of its own, as the glossary keeps it
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    store.bulk_load(path=str(resources.vocabulary_file()), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode(VOCABULARY_GRAPH))
    terms = find_terms(store)
    expected = iris(store, "?x a/rdfs:subClassOf* skos:Concept")
    typed_in_data = {r["x"].value for r in store.query(
        PREFIXES + "SELECT DISTINCT ?x WHERE { ?x a ?k . GRAPH ?v { ?k rdfs:subClassOf+ skos:Concept } }")}
    assert set(terms.concepts) == expected == typed_in_data
    assert not terms.classes and not terms.properties  # the vocabulary's own classes and properties are not data
    assert terms.kinds and all(k.startswith("https://w3id.org/revops-graph/ontology#") for k in terms.kinds)


def test_select_rejects_an_unknown_sort() -> None:
    with pytest.raises(ValueError, match="unknown sort of term 'clases'"):
        Terms().select("clases")
    assert TERM_SORTS == ("concepts", "classes", "properties", "all")


def test_describe_says_what_there_is_and_how_to_ask() -> None:
    terms = find_terms(store_of(VOCABULARIES / "dbpedia-slice.nq"))
    n_classes, n_properties = len(terms.classes), len(terms.properties)
    assert describe(terms) == (f"found 0 concepts but {n_classes} classes and {n_properties} properties; "
                               f"ask with --terms {'classes' if n_classes >= n_properties else 'properties'}")
    assert describe(Terms(concepts=tuple(f"c{i}" for i in range(1400))), "classes") == (
        "found 0 classes but 1,400 concepts; ask with --terms concepts")
    assert describe(Terms()).startswith("found 0 concepts and no other terms")


def _synthetic_ontology(classes: int) -> bytes:
    lines = ["@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    for i in range(classes):
        lines.append(f'<urn:c{i}> a owl:Class ; rdfs:subClassOf <urn:c{i // 3}> ; rdfs:label "c{i}"@en , "k{i}"@de ; '
                     f'rdfs:comment "class {i}"@en .')
        if i % 10 == 0:
            lines.append(f"<urn:p{i}> a owl:ObjectProperty ; rdfs:domain <urn:c{i}> ; rdfs:range <urn:c{i // 2}> .")
    return "\n".join(lines).encode()


def test_finding_terms_on_40k_triples() -> None:
    # How fast is the benchmark's business (benchmarks/owl_commands.py), not a unit test's.
    store = store_of(*(p for p in FILES if p.suffix == ".nq"))
    store.load(input=_synthetic_ontology(6000), format=ox.RdfFormat.TURTLE)
    assert len(store) >= 40_000
    terms = find_terms(store)
    assert {f"urn:c{i}" for i in range(6000)} <= set(map(str, terms.classes))
    assert {f"urn:p{i}" for i in range(0, 6000, 10)} <= set(map(str, terms.properties))


def _sparql_links(store: ox.Store, terms: Terms) -> set[tuple[str, str, str]]:
    """The edges of model/edges.py's docstring as SPARQL, for comparison."""
    classes, properties = set(terms.classes), set(terms.properties)
    links = set()
    hierarchy = PREFIXES + "SELECT ?s ?p ?o WHERE { VALUES ?p { rdfs:subClassOf owl:equivalentClass } ?s ?p ?x . " \
        "OPTIONAL { ?x owl:unionOf/rdf:rest*/rdf:first ?m } BIND(COALESCE(?m, ?x) AS ?o) }"
    for row in store.query(hierarchy, use_default_graph_as_union=True):
        if row["s"].value in classes and isinstance(row["o"], ox.NamedNode) and row["o"].value in classes:
            links.add((row["s"].value, row["p"].value, row["o"].value))
    props = PREFIXES + "SELECT ?s ?p ?o WHERE { VALUES ?p { rdfs:subPropertyOf owl:inverseOf owl:equivalentProperty } ?s ?p ?o }"
    for row in store.query(props, use_default_graph_as_union=True):
        if row["s"].value in properties and isinstance(row["o"], ox.NamedNode) and row["o"].value in properties:
            links.add((row["s"].value, row["p"].value, row["o"].value))
    ends = PREFIXES + (
        "SELECT ?p ?d ?r WHERE { "
        "VALUES ?dp { rdfs:domain schema:domainIncludes <https://schema.org/domainIncludes> } "
        "VALUES ?rp { rdfs:range schema:rangeIncludes <https://schema.org/rangeIncludes> } "
        "?p ?dp ?dx . ?p ?rp ?rx . "
        "OPTIONAL { ?dx owl:unionOf/rdf:rest*/rdf:first ?dm } BIND(COALESCE(?dm, ?dx) AS ?d) "
        "OPTIONAL { ?rx owl:unionOf/rdf:rest*/rdf:first ?rm } BIND(COALESCE(?rm, ?rx) AS ?r) }")
    for row in store.query(ends, use_default_graph_as_union=True):
        if row["p"].value in properties and all(isinstance(row[v], ox.NamedNode) and row[v].value in classes for v in "dr"):
            links.add((row["d"].value, row["p"].value, row["r"].value))
    return links


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_term_links_match_the_rules_written_as_sparql(path: Path) -> None:
    from revops_graph.model.edges import term_links

    store = store_of(path)
    terms = find_terms(store)
    links = term_links(store, terms)
    assert set(links) == _sparql_links(store, terms)
    assert list(links) == sorted(links)


def test_term_links_of_the_issue_cases() -> None:
    from revops_graph.model.edges import term_links

    schema = store_of(VOCABULARIES / "schema-slice.nq")
    links = term_links(schema, find_terms(schema))
    assert ("http://schema.org/Offer", "http://schema.org/seller", "http://schema.org/Organization") in links
    org = store_of(VOCABULARIES / "org.nq")
    # org:reportsTo's domain and range are owl:unionOf (foaf:Agent, org:Post); foaf:Agent is not loaded
    reports = [link for link in term_links(org, find_terms(org)) if link[1] == "http://www.w3.org/ns/org#reportsTo"]
    assert reports == [("http://www.w3.org/ns/org#Post", "http://www.w3.org/ns/org#reportsTo", "http://www.w3.org/ns/org#Post")]
