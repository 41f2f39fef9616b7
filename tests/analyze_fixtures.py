"""Test data of the diff, explain, analyze and metric tests."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "analyze"
#: The small test glossary; its variants in DATA each change one thing.
BASE = DATA / "base.ttl"
