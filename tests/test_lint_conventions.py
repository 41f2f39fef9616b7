"""lint learns the vocabulary's conventions: majority naming style, schema.org's domainIncludes,
duplicate labels told apart by IRI, hints in the data's own vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, RDFS

from revops_graph.checks import lint_glossary
from revops_graph.model import load_glossary

VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"
SCHEMA = "http://schema.org/"


def lint(path: Path):
    return lint_glossary(load_glossary([path])).findings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def test_naming_is_judged_against_the_majority(tmp_path: Path) -> None:
    names = ["has_part", "part_of", "made_by", "owned_by", "sold_to", "isLocatedIn"]
    body = "\n".join(f'ex:{n} a owl:ObjectProperty ; rdfs:domain ex:A ; rdfs:range ex:A ; rdfs:label "{n}" ; '
                     f'rdfs:comment "c" .' for n in names)
    path = write(tmp_path, "@prefix ex: <https://example.org/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                           "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                           'ex:A a owl:Class ; rdfs:label "A" ; rdfs:comment "c" .\n' + body)
    found = [f for f in lint(path) if f.rule == "oops-p22-naming"]
    snake = sum("_" in n for n in names)
    assert [f.concept for f in found] == ["isLocatedIn"]  # the minority, not the five snake_case names
    assert f"{snake} of {len(names)} property names are snake_case" in found[0].message
    assert "ex:isLocatedIn is lowerCamelCase" in found[0].message


def test_acronyms_are_camel_case() -> None:
    assert not [f for f in lint(VOCABULARIES / "schema-slice.nq") if f.rule == "oops-p22-naming"]  # NGO, URL


@pytest.mark.parametrize("name", ["schema-slice.nq", "sosa.nq"])
def test_domain_and_range_includes_are_connections(name: str) -> None:
    path = VOCABULARIES / name
    data = Dataset(default_union=True)
    data.parse(path, format="nquads")
    includes = {URIRef(SCHEMA + "domainIncludes"), URIRef(SCHEMA + "rangeIncludes")}
    attached = {o for p in includes for o in data.objects(None, p)}
    with_includes = {s for s, p, _ in data.triples((None, None, None)) if p in includes}
    findings = lint(path)
    p04 = " ".join(f.message for f in findings if f.rule == "oops-p04-unconnected")
    p11 = " ".join(f.message for f in findings if f.rule == "oops-p11-missing-domain-range")
    both = {s for s in with_includes if (s, URIRef(SCHEMA + "domainIncludes"), None) in data
            and (s, URIRef(SCHEMA + "rangeIncludes"), None) in data}
    assert attached and both
    assert not [c for c in attached if _names(c, p04)]  # a class a property includes is connected
    assert not [p for p in both if _names(p, p11)]  # a property with both includes has a domain and range


def _names(iri: URIRef, text: str) -> bool:
    local = str(iri).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return f"<{iri}>" in text or f":{local} " in text


def test_duplicate_labels_name_the_iris(tmp_path: Path) -> None:
    path = write(tmp_path, "@prefix ex: <https://example.org/a#> . @prefix ex2: <https://example.org/b#> .\n"
                           "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                           'ex:Arch a skos:Concept ; skos:prefLabel "arch"@en .\n'
                           'ex2:arch a skos:Concept ; skos:prefLabel "arch"@en .\n')
    (finding,) = [f for f in lint(path) if f.rule == "duplicate-label"]
    assert "arch (ex2:arch)" in finding.message and "arch (ex:Arch)" in finding.message


def test_hints_speak_the_data_vocabulary() -> None:
    for name in ("mixed-owl-skos.ttl", "geonames-slice.nq", "org.nq", "sosa.nq"):
        assert not [f for f in lint(VOCABULARIES / name) if "rog:" in f.hint], name
    mixed = [f for f in lint(VOCABULARIES / "mixed-owl-skos.ttl") if f.rule == "oops-p08-missing-annotation"]
    data = load_glossary([VOCABULARIES / "mixed-owl-skos.ttl"]).graph
    langs = {o.language for o in data.objects(None, RDFS.label)}
    assert mixed and all(f.hint.endswith(" in " + " and ".join(sorted(langs))) for f in mixed)
    assert "German" not in " ".join(f.hint for f in mixed)
    assert (None, RDF.type, None) in data


def test_a_flat_code_list_has_no_orphans() -> None:
    assert not [f for f in lint(VOCABULARIES / "ru-sv-bg-codes.ttl") if f.rule == "orphan"]
    assert not [f for f in lint(VOCABULARIES / "geonames-slice.nq") if f.rule == "orphan"]


def test_revops_hints_still_name_rog(tmp_path: Path) -> None:
    path = write(tmp_path, "@prefix rog: <https://w3id.org/revops-graph/ontology#> . @prefix ex: <https://example.org/> .\n"
                           "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                           'ex:s a skos:ConceptScheme . ex:a a rog:Tool ; skos:inScheme ex:s ; skos:prefLabel "a"@en .\n')
    (orphan,) = [f for f in lint(path) if f.rule == "orphan"]
    assert "rog: relation" in orphan.hint
