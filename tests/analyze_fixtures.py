"""Fixtures of the diff, explain, analyze and metric tests (imported by those modules)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from revops_graph import Glossary, load_glossary

DATA = Path(__file__).resolve().parent / "data" / "analyze"
#: The small test glossary; its variants in DATA each change one thing.
BASE = DATA / "base.ttl"


@pytest.fixture(scope="module")
def small() -> Glossary:
    """tests/data/analyze/base.ttl, parsed once per module."""
    return load_glossary([BASE])


@pytest.fixture(scope="module")
def embedded() -> Glossary:
    """The embedded RevOps glossary, parsed once per module."""
    return load_glossary()


@pytest.fixture()
def cli() -> CliRunner:
    return CliRunner()
