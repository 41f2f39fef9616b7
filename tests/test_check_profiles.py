"""Checks that fit the data: the generic SKOS profile (ontology/checks/skos/*.rq), profile choice, and the commands."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Literal, Namespace
from rdflib.namespace import RDF, SKOS

from revops_graph.checks import validate_files
from revops_graph.checks.profiles import load_profile, resolve_profile, run_profile, uses_rog
from revops_graph.cli import app
from revops_graph.io import resources
from revops_graph.io.loader import read_quads
from revops_graph.model.terms import find_terms

VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"
SKOS_CHECKS = sorted(resources.checks_dir("skos").glob("*.rq"))
HEAD = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix ex: <https://example.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


def store_of(*paths: Path) -> ox.Store:
    store = ox.Store()
    for path in paths:
        store.bulk_extend(read_quads(path))  # as the toolkit reads files: every graph into the default graph
    return store


def turtle(tmp_path: Path, body: str, name: str = "data.ttl") -> Path:
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return path


def rules(store: ox.Store, languages: tuple[str, ...] | None = None) -> list[tuple[str, str, str]]:
    return sorted((rule, str(focus), severity) for focus, _, _, rule, _, severity in run_profile(store, "skos", languages))


@pytest.mark.parametrize("path", SKOS_CHECKS, ids=lambda p: p.stem)
def test_every_check_file_declares_its_rule_and_parses(path: Path) -> None:
    (check,) = [c for c in load_profile("skos") if c.path == path]
    assert check.rule.startswith("skos-") and check.severity in ("violation", "warning", "info") and check.message
    ox.Store().query(check.query.replace("?lang", '"en"') if check.per_language else check.query)


@pytest.mark.parametrize("body, rule", [
    ('ex:a a skos:Concept ; skos:prefLabel "Cat"@en ; skos:altLabel "Cat"@en .', "skos-S13"),
    ('ex:a a skos:Concept ; skos:prefLabel "Cat"@en ; skos:hiddenLabel "Cat"@en .', "skos-S13"),
    ('ex:a a skos:Concept ; skos:prefLabel "Cat"@en , "Kitty"@en .', "skos-S14"),
    ("ex:a a skos:Concept ; skos:broader ex:b . ex:b a skos:Concept ; skos:broader ex:c . ex:c skos:related ex:a .",
     "skos-S27"),
    ("ex:a skos:exactMatch ex:b ; skos:broadMatch ex:b .", "skos-S46"),
    ("ex:a skos:exactMatch ex:b . ex:b skos:relatedMatch ex:a .", "skos-S46"),
])
def test_each_w3c_integrity_condition_is_found(tmp_path: Path, body: str, rule: str) -> None:
    found = rules(store_of(turtle(tmp_path, body)))
    assert (rule, "https://example.org/a", "violation") in found


def test_qskos_checks_find_orphans_cycles_and_missing_metadata(tmp_path: Path) -> None:
    path = turtle(tmp_path, """
        ex:s a skos:ConceptScheme .
        ex:lonely a skos:Concept ; skos:prefLabel "lonely"@en ; skos:definition "alone"@en .
        ex:x skos:broader ex:y ; skos:prefLabel "x"@en . ex:y skos:prefLabel "y"@en .
        ex:z skos:narrower ex:y ; skos:broader ex:x ; skos:prefLabel "z"@en .
    """)
    found = rules(store_of(path))
    assert ("skos-orphan", "https://example.org/lonely", "warning") in found
    assert {f for r, f, _ in found if r == "skos-cycle"} == {f"https://example.org/{n}" for n in "xyz"}
    assert sum(r == "skos-scheme-metadata" for r, _, _ in found) == 3
    assert {f for r, f, _ in found if r == "skos-undocumented"} == {f"https://example.org/{n}" for n in "xyz"}


def test_the_hand_written_skos_files_pass_the_integrity_conditions() -> None:
    for name in ("tri-lingual-skos.ttl", "ru-sv-bg-codes.ttl", "mixed-owl-skos.ttl"):
        found = rules(store_of(VOCABULARIES / name))
        assert not [f for f in found if f[2] == "violation"], name


def test_missing_languages_come_from_the_data() -> None:
    """GeoNames codes: the languages most codes have; each gap counted independently with rdflib."""
    path = VOCABULARIES / "geonames-slice.nq"
    data = Dataset(default_union=True)
    data.parse(path, format="nquads")
    gn = Namespace("http://www.geonames.org/ontology#")
    codes = set(data.subjects(RDF.type, gn.Code))
    langs = {lit.language for c in codes for lit in data.objects(c, SKOS.prefLabel) if isinstance(lit, Literal)}
    majority = {lang for lang in langs
                if sum(any(getattr(v, "language", None) == lang for v in data.objects(c, SKOS.prefLabel)) for c in codes)
                >= len(codes) / 2}
    gaps = {(str(c), lang) for c in codes for lang in majority
            if not any(getattr(v, "language", None) == lang for v in data.objects(c, SKOS.prefLabel))}
    store = store_of(path)
    found = [(str(focus), message) for focus, _, _, rule, message, _ in run_profile(store) if rule == "skos-missing-language"]
    assert len(found) == len(gaps) and len(gaps) > 0
    assert {(f, m.split("'")[1]) for f, m in found} == gaps


def test_required_languages_from_an_option_are_violations() -> None:
    store = store_of(VOCABULARIES / "tri-lingual-skos.ttl")
    concepts = find_terms(store, "").concepts
    found = [r for r in rules(store, ("de",)) if r[0] == "skos-missing-language"]
    assert len(found) == len(concepts) and {severity for *_, severity in found} == {"violation"}
    assert not [r for r in rules(store, ("fr",)) if r[0] == "skos-missing-language"]


def test_profile_follows_the_vocabulary() -> None:
    rog = store_of(*resources.glossary_files()[1:])  # the embedded glossary's data, without the vocabulary file
    assert uses_rog(rog) and resolve_profile("auto", rog) == "revops"
    plain = store_of(VOCABULARIES / "tri-lingual-skos.ttl")
    assert not uses_rog(plain) and resolve_profile("auto", plain) == "skos"
    assert resolve_profile("revops", plain) == "revops"
    with pytest.raises(ValueError, match="unknown check profile 'shacl'"):
        resolve_profile("shacl", plain)


def test_validate_files_on_non_german_skos_conforms_and_names_no_german() -> None:
    for name in ("tri-lingual-skos.ttl", "ru-sv-bg-codes.ttl", "geonames-slice.nq"):
        report = validate_files([VOCABULARIES / name])
        assert report.conforms and report.profile == "skos", report.to_text()
        assert not [v for v in report.violations if "German" in v.message or "'de'" in v.message]
    forced = validate_files([VOCABULARIES / "tri-lingual-skos.ttl"], profile="revops")
    assert not forced.conforms and any("German" in v.message for v in forced.violations)


# -- the commands ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["tri-lingual-skos.ttl", "ru-sv-bg-codes.ttl", "mixed-owl-skos.ttl", "dbpedia-slice.nq"])
def test_validate_and_build_pass_on_plain_vocabularies(runner, tmp_path: Path, name: str) -> None:
    data = str(VOCABULARIES / name)
    result = runner.invoke(app, ["validate", "--data", data])
    assert result.exit_code == 0, result.output
    assert "conforms:" in result.output and "skos profile" in result.output
    out = tmp_path / "out"
    built = runner.invoke(app, ["build", "--data", data, "--out", str(out)])
    assert built.exit_code == 0, built.output
    assert (out / "concept-map.html").is_file()


def test_validate_options(runner, tmp_path: Path) -> None:
    data = str(VOCABULARIES / "tri-lingual-skos.ttl")
    required = runner.invoke(app, ["validate", "--data", data, "--require-lang", "de,fr"])
    assert required.exit_code == 1 and "No preferred label in 'de'" in required.output
    bad = runner.invoke(app, ["validate", "--data", data, "--profile", "shacl"])
    assert bad.exit_code == 2 and "'shacl' is not one of auto, skos, revops, none" in bad.output
    bad_lang = runner.invoke(app, ["validate", "--data", data, "--require-lang", "french"])
    assert bad_lang.exit_code == 2 and "'french' is not a language tag" in bad_lang.output
    shapes = tmp_path / "mine.ttl"
    shapes.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <urn:mine> a sh:NodeShape ; sh:targetClass skos:Concept ;
          sh:property [ sh:path skos:example ; sh:minCount 1 ; sh:message "needs an example" ] .""")
    mine = runner.invoke(app, ["validate", "--data", data, "--shapes", str(shapes)])
    assert mine.exit_code == 1 and "needs an example" in mine.output and "skos profile" not in mine.output
    revops = runner.invoke(app, ["build", "--data", data, "--profile", "revops", "--out", str(tmp_path / "o")])
    assert revops.exit_code == 1 and not (tmp_path / "o").exists()


def test_lang_takes_a_preference_list(runner) -> None:
    data = str(VOCABULARIES / "ru-sv-bg-codes.ttl")
    russian = runner.invoke(app, ["concepts", "--data", data, "--lang", "ru,en"])
    assert russian.exit_code == 0 and "красный" in russian.output
    swedish = runner.invoke(app, ["concepts", "--data", data, "--lang", "sv-FI"])  # region falls back to sv
    assert swedish.exit_code == 0 and "röd" in swedish.output
    bad = runner.invoke(app, ["concepts", "--data", data, "--lang", "english"])
    assert bad.exit_code == 2 and "'english' is not a language tag" in bad.output
