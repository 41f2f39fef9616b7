"""Inputs past the parser's limits, and messages that say what happened and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from revops_graph.cli import app


@pytest.fixture(scope="module")
def huge_literal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.ttl"
    with path.open("w", encoding="utf-8") as out:
        out.write("@prefix ex: <http://example.org/> .\n\nex:a ex:p ex:b .\n")
        out.write('ex:a ex:note "' + "x" * (17 << 20) + '" .\n')
        out.write("ex:c ex:p ex:d .\n")
    return path


@pytest.mark.parametrize("store", ["memory", "oxigraph"])
def test_a_literal_over_16_mib_is_one_line_with_file_line_and_limit(runner: CliRunner, huge_literal: Path,
                                                                     tmp_path: Path, store: str) -> None:
    where = ["--store", f"oxigraph:{tmp_path / 'store'}"] if store == "oxigraph" else []
    result = runner.invoke(app, ["query", "journey-stages", *where, "--data", str(huge_literal)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"error: {huge_literal}:4: a term (literal or IRI) is over 16 MiB")
    assert "Oxigraph store alike" in result.output and len(result.output.strip().splitlines()) == 1
    assert "out of memory" not in result.output


def test_a_remote_context_scoped_to_a_property_is_named_plainly(runner: CliRunner, tmp_path: Path) -> None:
    source = tmp_path / "scoped.jsonld"
    source.write_text('{"@context": {"ex": "http://example.org/", "ex:p": {"@context": "http://127.0.0.1:9/c.jsonld"}},'
                      ' "@id": "ex:a", "ex:p": {"@id": "ex:b"}}', encoding="utf-8")
    result = runner.invoke(app, ["concepts", "--data", str(source)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {source}: refusing to fetch a remote JSON-LD @context scoped to a property (in a term definition) "
        "(nothing is downloaded while parsing); inline the context object in place of its URL")


@pytest.mark.parametrize("query", ["SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                                   "INSERT DATA { <urn:a> <urn:b> <urn:c> }"])
def test_map_refusals_do_not_suggest_options_map_lacks(runner: CliRunner, tmp_path: Path, query: str) -> None:
    (tmp_path / "q.rq").write_text(query, encoding="utf-8")
    result = runner.invoke(app, ["map", "--query", str(tmp_path / "q.rq"), "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 2
    assert "pass --allow-" not in result.output  # map has no such option
    assert result.output.startswith("error: the map's query ")
    assert not (tmp_path / "m.html").exists()
