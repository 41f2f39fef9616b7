"""Checks that a vocabulary is fit to publish: SHACL validation (``validate`` with pySHACL,
``validate_store`` and ``shacl_sparql`` straight on Oxigraph) and lint rules (``lint`` with the
rules in ``lint_glossary_rules`` and ``lint_ontology_rules``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .basic import basic_checks as basic_checks
    from .lint import RULES as RULES, lint_glossary as lint_glossary, load_lint_config as load_lint_config
    from .lint_report import LintFinding as LintFinding, LintReport as LintReport
    from .validate import (
        ValidationReport as ValidationReport,
        Violation as Violation,
        validate_glossary as validate_glossary,
    )
    from .validate_store import validate_files as validate_files

_EXPORTS = {
    "LintFinding": "lint_report",
    "LintReport": "lint_report",
    "RULES": "lint",
    "ValidationReport": "validate",
    "Violation": "validate",
    "basic_checks": "basic",
    "lint_glossary": "lint",
    "load_lint_config": "lint",
    "validate_files": "validate_store",
    "validate_glossary": "validate",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
