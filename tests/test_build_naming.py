"""build names its outputs after the data: the scheme's or ontology's label, or --name."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import DC, OWL, RDF

from revops_graph.cli import app

VOCABULARIES = Path(__file__).parent / "data" / "vocabularies"


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_outputs_take_the_ontology_title(runner, tmp_path: Path) -> None:
    path = VOCABULARIES / "foaf.nq"
    data = Dataset(default_union=True)
    data.parse(path, format="nquads")
    (ontology,) = data.subjects(RDF.type, OWL.Ontology)
    (title,) = [t for t in data.objects(ontology, DC.title) if isinstance(t, Literal)]
    stem = "-".join("".join(c if c.isalnum() else " " for c in str(title).lower()).split())
    result = runner.invoke(app, ["build", "--data", str(path), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert names(tmp_path) == sorted(["concept-map.html", f"{stem}.jsonld", f"{stem}.nt", f"{stem}.ttl"])


def test_a_scheme_in_cyrillic_keeps_its_script(runner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--data", str(VOCABULARIES / "ru-sv-bg-codes.ttl"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "цветове.ttl" in names(tmp_path)  # the scheme's label in the first of its equally used languages (bg)


def test_name_option_names_the_files(runner, tmp_path: Path) -> None:
    mine = runner.invoke(app, ["build", "--data", str(VOCABULARIES / "tri-lingual-skos.ttl"), "--name", "instruments",
                               "--out", str(tmp_path / "a")])
    assert mine.exit_code == 0 and "instruments.ttl" in names(tmp_path / "a")


@pytest.mark.parametrize("bad", ["a/b", "..", "my vocab"])
def test_a_name_that_is_no_file_name_is_refused(runner, tmp_path: Path, bad: str) -> None:
    result = runner.invoke(app, ["build", "--data", str(VOCABULARIES / "foaf.nq"), "--name", bad, "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--name" in result.output
    assert not list(tmp_path.iterdir())
