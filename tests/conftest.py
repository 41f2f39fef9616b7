"""Shared fixtures: the embedded glossary parsed once per session, and the CLI runner."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from revops_graph import Glossary, load_glossary

#: Set by CI: a test whose real part (browser, server) is missing fails instead of skipping.
REQUIRE_ALL = os.environ.get("REVOPS_GRAPH_REQUIRE_ALL") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip locally when a real part is missing; fail in CI, where everything must run."""
    if REQUIRE_ALL:
        pytest.fail(f"required for CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    """The embedded RevOps glossary (do not mutate: parse a fresh one for that)."""
    return load_glossary()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()
