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
