"""Where the ontology, the embedded glossary, the shapes and the named queries live.

This is the only module that knows the layout of ``ontology/``. In a wheel the folder is
carried inside the package (``revops_graph/ontology``); in a source checkout it sits at
the top of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = [
    "checks_dir",
    "glossary_files",
    "ontology_dir",
    "queries_dir",
    "shapes_file",
    "source_text_file",
    "templates_dir",
    "vocabulary_file",
]

_PACKAGE_DIR = Path(__file__).resolve().parents[1]


@cache
def ontology_dir() -> Path:
    """The folder holding the ontology files (installed copy first, then the checkout)."""
    for candidate in (_PACKAGE_DIR / "ontology", _PACKAGE_DIR.parents[1] / "ontology"):
        if (candidate / "rog.ttl").is_file():
            return candidate
    raise FileNotFoundError(
        f"revops-graph's ontology files are missing (looked in {_PACKAGE_DIR / 'ontology'})"
    )


def vocabulary_file() -> Path:
    """The ``rog:`` ontology: classes of kind and relation properties."""
    return ontology_dir() / "rog.ttl"


def glossary_files() -> list[Path]:
    """The files of the embedded RevOps glossary, vocabulary first, in a fixed order."""
    return [vocabulary_file(), *sorted((ontology_dir() / "glossary").glob("*.ttl"))]


def shapes_file() -> Path:
    """The SHACL shapes the glossary is validated against."""
    return ontology_dir() / "shapes.ttl"


def queries_dir() -> Path:
    """The folder of named SPARQL queries (``<name>.rq``)."""
    return ontology_dir() / "queries"


def checks_dir(profile: str) -> Path:
    """The folder of a check profile's SPARQL queries (``ontology/checks/<profile>/*.rq``)."""
    return ontology_dir() / "checks" / profile


def source_text_file() -> Path:
    """The German source page the embedded glossary was modelled from."""
    return ontology_dir() / "source" / "revops-glossary.de.txt"


def templates_dir() -> Path:
    """The folder of glossary table templates (``glossary-template.csv`` / ``.yaml``)."""
    return ontology_dir() / "templates"
