"""``--lang ru,en``: a preference list reaches every command whole, not as its first tag.

The data below has a concept labelled in Russian, English and Swedish, one in English and
Swedish only, and one in German and Spanish only, so each fallback step shows in the output.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revops_graph.cli import app
from revops_graph.langtags import match_language, pick_language, preferences
from revops_graph.model.labels import pick

from map_fixtures import Opened, chromium, page_data

DATA = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/p/> .
ex:a a skos:Concept ; skos:prefLabel "яблоко"@ru , "apple"@en , "äpple"@sv ; skos:broader ex:b .
ex:b a skos:Concept ; skos:prefLabel "fruit"@en , "frukt"@sv .
ex:c a skos:Concept ; skos:prefLabel "Obst"@de , "fruta"@es ; skos:related ex:a .
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "fruit.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


# -- the library -------------------------------------------------------------------------------


def test_preferences_read_a_tag_a_list_or_a_sequence() -> None:
    assert preferences("ru") == ("ru",)
    assert preferences("ru, SV") == ("ru", "sv")
    assert preferences(["de-CH", "en"]) == ("de-ch", "en")


@pytest.mark.parametrize("lang, expected", [
    ("ru,sv", "frukt"),       # ru missing: the next in the list, not English
    ("ru,en", "fruit"),
    ("ja,ru", "plain"),       # the whole list missing: untagged before English
    ("sv-FI,en", "frukt"),    # a regional tag finds its language
])
def test_pick_falls_back_along_the_whole_list_then_untagged_then_english(lang: str, expected: str) -> None:
    values = {"en": "fruit", "sv": "frukt", "": "plain"}
    assert pick(values, lang) == expected


def test_pick_takes_english_before_any_other_language_when_nothing_asked_for_is_there() -> None:
    assert pick({"de": "Obst", "en": "fruit", "es": "fruta"}, "ja,ru") == "fruit"
    assert pick({"de": "Obst", "es": "fruta"}, "ja,ru") == "Obst"  # then the first sorted


def test_match_language_never_substitutes_another_language() -> None:
    assert match_language(["de", "en", "sv"], ["ja", "sv"]) == "sv"
    assert match_language(["de", ""], ["ja"]) is None
    assert pick_language(["de", ""], ["ja"]) == ""  # where pick_language would


# -- every command gets the whole list -------------------------------------------------------


def test_concepts_label_each_term_by_the_first_language_of_the_list_it_has(data: Path) -> None:
    out = run("concepts", "--data", str(data), "--lang", "ru,sv")
    assert "яблоко" in out and "frukt" in out and "fruit" not in out
    out = run("concepts", "--data", str(data), "--lang", "ru,en")
    assert "яблоко" in out and "fruit" in out and "frukt" not in out


def test_explain_speaks_the_list(data: Path) -> None:
    out = run("explain", "--data", str(data), "--lang", "sv,ru", "яблоко", "fruit")
    assert "äpple has broader frukt" in out


def test_analyze_labels_by_the_list(data: Path) -> None:
    out = run("analyze", "--data", str(data), "--lang", "es,sv", "--format", "json")
    labels = set(re.findall(r'"label": "([^"]*)"', out))
    assert {"fruta", "frukt", "äpple"} <= labels, labels


def test_a_bad_tag_anywhere_in_the_list_is_one_clear_line(data: Path) -> None:
    result = CliRunner().invoke(app, ["concepts", "--data", str(data), "--lang", "ru,not a tag"])
    assert result.exit_code == 2
    assert "'not a tag' is not a language tag" in result.output


def test_map_opens_in_the_first_language_of_the_list_it_has(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    run("map", "--data", str(data), "--lang", "ja,sv,en", "-o", str(out))
    page = page_data(out.read_text(encoding="utf-8"))
    assert page["lang"] == "sv"
    assert page["fallback"] == ["ja", "sv", "en"]


def test_map_refuses_a_list_of_languages_it_does_not_have(data: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["map", "--data", str(data), "--lang", "ja,ko", "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2
    assert "no language 'ja,ko'" in result.output and not (tmp_path / "m.html").exists()


def test_map_of_the_users_data_opens_in_its_most_common_language(tmp_path: Path) -> None:
    codes = Path(__file__).parent / "data" / "vocabularies" / "tri-lingual-skos.ttl"
    out = tmp_path / "map.html"
    run("map", "--data", str(codes), "-o", str(out))
    page = page_data(out.read_text(encoding="utf-8"))
    assert page["lang"] in {"fr", "es", "ja"}, page["lang"]
    # the embedded glossary keeps English, and a one-language page carries no fallback list
    run("map", "-o", str(out))
    page = page_data(out.read_text(encoding="utf-8"))
    assert page["lang"] == "en" and "fallback" not in page


def test_site_opens_in_the_first_language_of_the_list_the_data_has(data: Path, tmp_path: Path) -> None:
    run("site", "--data", str(data), "--lang", "ja,sv", "-o", str(tmp_path / "site"))
    script = (tmp_path / "site" / "assets" / "site.js").read_text(encoding="utf-8")
    assert json.loads(re.search(r"SITE_DEFAULT = (\"[^\"]*\")", script).group(1)) == "sv"


def test_the_map_page_fills_missing_labels_along_the_list(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    run("map", "--data", str(data), "--lang", "ru,sv", "-o", str(out))
    with chromium() as browser:
        opened = Opened(browser, out)
        shown = opened.js("""() => {
            const m = conceptMap, at = iri => m.label(m.idOf(iri));
            return [at('https://example.org/p/a'), at('https://example.org/p/b'), at('https://example.org/p/c')];
        }""")
        assert opened.errors == []
    # b has no Russian: Swedish, the next in the list (English would be "fruit"); c has neither
    # nor English: the first language sorted
    assert shown == ["яблоко", "frukt", "Obst"]
