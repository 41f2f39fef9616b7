"""The test vocabularies under tests/data/vocabularies/ are what their README says.

The README's table and language lines are checked against the files, so the
two cannot drift apart.  Run this file as a script to print the numbers to
paste into the README after changing a vocabulary:

    python tests/test_vocabulary_data.py
"""

from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

HERE = Path(__file__).resolve().parent / "data" / "vocabularies"
README = HERE / "README.md"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"

CLASS_TYPES = {OWL + "Class", RDFS + "Class"}
PROPERTY_TYPES = {RDF + "Property", OWL + "ObjectProperty", OWL + "DatatypeProperty", OWL + "AnnotationProperty"}
LABELS = {RDFS + "label", SKOS + "prefLabel", SKOS + "altLabel", SKOS + "hiddenLabel"}
FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE}

FILES = sorted(p for p in HERE.iterdir() if p.suffix in FORMATS)


def quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=path, format=FORMATS[path.suffix]))


def stats(path: Path) -> dict:
    """The numbers the README gives for one file (see its 'How counted')."""
    items = quads(path)
    typed = collections.defaultdict(set)
    predicates = collections.Counter()
    languages = collections.Counter()
    for q in items:
        predicates[q.predicate.value] += 1
        if q.predicate.value == RDF + "type" and isinstance(q.subject, ox.NamedNode):
            typed[q.object.value].add(q.subject)
        if q.predicate.value in LABELS and isinstance(q.object, ox.Literal):
            languages[q.object.language or "none"] += 1
    return {
        "triples": len(items),
        "classes": len(set().union(*(typed[t] for t in CLASS_TYPES))),
        "concepts": len(typed[SKOS + "Concept"]),
        "properties": len(set().union(*(typed[t] for t in PROPERTY_TYPES))),
        "subClassOf": predicates[RDFS + "subClassOf"],
        "broader": predicates[SKOS + "broader"],
        "domainIncludes": predicates[SCHEMA + "domainIncludes"],
        "languages": dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


COLUMNS = ["triples", "classes", "concepts", "properties", "subClassOf", "broader", "domainIncludes"]


def table_row(path: Path) -> str:
    s = stats(path)
    return "| " + " | ".join([f"`{path.name}`", str(path.stat().st_size)] + [str(s[c]) for c in COLUMNS]) + " |"


def languages_line(path: Path) -> str:
    langs = stats(path)["languages"]
    return f"- `{path.name}`: " + (", ".join(f"{k} {v}" for k, v in langs.items()) or "no labels")


def readme_rows() -> dict[str, list[str]]:
    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*`([^`]+)`\s*\|(.*)\|\s*$", line)
        if m:
            rows[m.group(1)] = [cell.strip() for cell in m.group(2).split("|")]
    return rows


def readme_languages() -> dict[str, str]:
    lines = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"- `([^`]+)`: (.*)$", line)
        if m and m.group(1) in {p.name for p in FILES}:
            lines[m.group(1)] = line
    return lines


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_readme_table_matches_file(path):
    rows = readme_rows()
    assert path.name in rows, f"{path.name} is missing from the README table"
    expected = table_row(path)
    assert f"| `{path.name}` | " + " | ".join(rows[path.name]) + " |" == expected


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_readme_languages_match_file(path):
    assert readme_languages().get(path.name) == languages_line(path)


def test_readme_lists_no_missing_file():
    names = {p.name for p in FILES}
    assert set(readme_rows()) <= names, set(readme_rows()) - names


def test_total_size_stays_small():
    assert sum(p.stat().st_size for p in FILES) < 3_000_000


def test_every_language_tag_is_well_formed():
    for path in FILES:
        for lang in stats(path)["languages"]:
            assert lang == "none" or re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang), (path.name, lang)


def test_dbpedia_slice_keeps_many_languages_and_scripts():
    langs = stats(HERE / "dbpedia-slice.nq")["languages"]
    assert len(langs) >= 20
    assert {"el", "ru", "ja", "zh", "ko", "ar"} <= set(langs)  # Greek, Cyrillic, CJK, Arabic scripts


def test_geonames_codes_are_concepts_only_through_a_subclass():
    items = quads(HERE / "geonames-slice.nq")
    gn = "http://www.geonames.org/ontology#"
    assert ox.NamedNode(SKOS + "Concept") in {
        q.object for q in items if q.subject == ox.NamedNode(gn + "Code") and q.predicate.value == RDFS + "subClassOf"
    }
    codes = {q.subject for q in items if q.predicate.value == RDF + "type" and q.object == ox.NamedNode(gn + "Code")}
    assert len(codes) == 129
    assert stats(HERE / "geonames-slice.nq")["concepts"] == 0


def test_qudt_disciplines_use_broader_without_skos_concept():
    s = stats(HERE / "discipline.nq")
    assert s["broader"] > 100 and s["concepts"] == 0


# --- the hand-written SKOS files are correct SKOS ---------------------------

HAND_WRITTEN_SKOS = ["tri-lingual-skos.ttl", "ru-sv-bg-codes.ttl", "mixed-owl-skos.ttl"]


def store_of(name: str) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(quads(HERE / name))
    return store


def ask(store: ox.Store, where: str) -> bool:
    return bool(store.query(f"PREFIX skos: <{SKOS}> ASK {{ {where} }}"))


@pytest.mark.parametrize("name", HAND_WRITTEN_SKOS)
def test_skos_integrity(name):
    store = store_of(name)
    # S13: prefLabel, altLabel and hiddenLabel are pairwise disjoint.
    for a, b in [("prefLabel", "altLabel"), ("prefLabel", "hiddenLabel"), ("altLabel", "hiddenLabel")]:
        assert not ask(store, f"?c skos:{a} ?l ; skos:{b} ?l"), (name, a, b)
    # S14: at most one prefLabel per language tag.
    assert not ask(store, "?c skos:prefLabel ?a, ?b FILTER(?a != ?b && lang(?a) = lang(?b))")
    # S27: related is disjoint with broaderTransitive.
    assert not ask(store, "?a skos:related ?b . ?a (skos:broader|^skos:narrower)+ ?b")
    # S46: exactMatch is disjoint with broadMatch and relatedMatch.
    assert not ask(store, "?a skos:exactMatch ?b . ?a skos:broadMatch|skos:relatedMatch ?b")
    # S9: ConceptScheme and Concept are disjoint.
    assert not ask(store, "?x a skos:Concept, skos:ConceptScheme")
    # No cycle in the hierarchy, and broader/narrower stated both ways agree.
    assert not ask(store, "?a (skos:broader|^skos:narrower)+ ?a")
    assert not ask(store, "?a skos:narrower ?b FILTER NOT EXISTS { ?b skos:broader ?a }")


def test_tri_lingual_thesaurus_shape():
    store = store_of("tri-lingual-skos.ttl")
    s = stats(HERE / "tri-lingual-skos.ttl")
    assert set(s["languages"]) == {"fr", "es", "ja"}
    assert s["concepts"] == 14
    # every concept has a prefLabel and a definition in each of the three languages
    assert not ask(store, """?c a skos:Concept . VALUES ?lang { "fr" "es" "ja" }
        FILTER NOT EXISTS { ?c skos:prefLabel ?l FILTER(lang(?l) = ?lang) }""")
    assert not ask(store, """?c a skos:Concept . VALUES ?lang { "fr" "es" "ja" }
        FILTER NOT EXISTS { ?c skos:definition ?d FILTER(lang(?d) = ?lang) }""")
    assert ask(store, "?leaf skos:broader/skos:broader/skos:topConceptOf ?scheme")  # three levels
    assert ask(store, "?c skos:hiddenLabel ?h") and ask(store, "?c skos:notation ?n")
    assert ask(store, "?s <http://purl.org/dc/terms/title> ?t")
    top = {r["c"] for r in store.query("PREFIX skos: <%s> SELECT ?c { ?c skos:topConceptOf ?s }" % SKOS)}
    has_top = {r["c"] for r in store.query("PREFIX skos: <%s> SELECT ?c { ?s skos:hasTopConcept ?c }" % SKOS)}
    assert top == has_top and len(top) == 3


def test_code_list_has_a_notation_per_concept():
    store = store_of("ru-sv-bg-codes.ttl")
    assert set(stats(HERE / "ru-sv-bg-codes.ttl")["languages"]) == {"ru", "sv", "bg"}
    assert not ask(store, "?c a skos:Concept FILTER NOT EXISTS { ?c skos:notation ?n }")
    assert not ask(store, "?a skos:notation ?n . ?b skos:notation ?n FILTER(?a != ?b)")


def test_mixed_file_has_broader_between_non_concepts():
    store = store_of("mixed-owl-skos.ttl")
    ex = "https://example.org/mixed#"
    assert ask(store, f"<{ex}autoRenewal> skos:broader <{ex}renewal> ; a <{ex}Term>")
    assert not ask(store, f"?t a <{ex}Term> . ?t a skos:Concept")
    s = stats(HERE / "mixed-owl-skos.ttl")
    assert (s["classes"], s["concepts"], s["subClassOf"], s["domainIncludes"]) == (6, 4, 3, 2)


if __name__ == "__main__":
    print("| file | bytes | " + " | ".join(COLUMNS) + " |")
    print("|" + " --- |" * (len(COLUMNS) + 2))
    for p in FILES:
        print(table_row(p))
    print()
    for p in FILES:
        print(languages_line(p))
    sys.exit(0)
