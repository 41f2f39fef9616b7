"""Check profiles: which checks fit the data, and the generic SKOS profile run as SPARQL on Oxigraph.

Profiles: ``revops`` (the SHACL shapes of ``ontology/shapes.ttl``: rog kinds, German and English
required, provenance), ``skos`` (the W3C SKOS integrity conditions S13, S14, S27, S46 and
qSKOS-style quality checks, one query per file in ``ontology/checks/skos/``), ``none``, and
``auto``: ``revops`` for data that uses the rog vocabulary (a ``rog:`` predicate or type), else
``skos``. The user's own shapes (``--shapes``) come on top of any profile.

Each query file starts with a header of ``# key: value`` lines: ``rule`` (the id), ``severity``
(``violation``, ``warning`` or ``info``), ``message`` (``{?var}`` is replaced by the row's
value), ``target`` (``any``; ``concepts`` or ``terms``: the runner binds ``?this`` to each
such term, as :func:`~revops_graph.model.terms.find_terms` counts them, at the start of the
``WHERE`` clause) and ``languages: required`` (the query runs once per required language with
``?lang`` bound). The query selects ``?this`` and may select ``?path`` and ``?value``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..io import resources
from ..io.convert import from_oxigraph, term_text
from ..model.terms import Terms, find_terms
from ..namespaces import ROG_IRI

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = [
    "PROFILES",
    "ProfileCheck",
    "data_languages",
    "load_profile",
    "resolve_profile",
    "profile_rows",
    "run_profile",
    "uses_rog",
]

#: The profiles ``--profile`` takes; ``auto`` chooses by the data (see the module docstring).
PROFILES = ("auto", "skos", "revops", "none")

_SKOS_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")

_HEADER = re.compile(r"^#\s*(rule|severity|message|target|languages)\s*:\s*(.*?)\s*$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class ProfileCheck:
    """One query of a profile with the header it declares."""

    rule: str
    severity: str
    message: str
    query: str
    target: str = "any"
    per_language: bool = False
    path: Path | None = None


def _parse(path: Path) -> ProfileCheck:
    text = path.read_text(encoding="utf-8")
    header = {m.group(1): m.group(2) for m in map(_HEADER.match, text.splitlines()) if m}
    missing = [key for key in ("rule", "severity", "message") if key not in header]
    if missing or header.get("target", "any") not in ("any", "concepts", "terms") or not _WHERE.search(text):
        raise ValueError(f"{path}: a check query needs '# rule:', '# severity:', '# message:', a known '# target:' "
                         f"and a WHERE clause (missing: {', '.join(missing) or 'target or WHERE'})")
    return ProfileCheck(header["rule"], header["severity"], header["message"], text, header.get("target", "any"),
                        header.get("languages") == "required", path)


@cache
def load_profile(name: str) -> tuple[ProfileCheck, ...]:
    """The checks of profile ``name`` (``skos``), read once from ``ontology/checks/<name>/``, by file name."""
    return tuple(_parse(path) for path in sorted(resources.checks_dir(name).glob("*.rq")))


def uses_rog(store: ox.Store) -> bool:
    """Whether the data uses the rog vocabulary: any ``rog:`` predicate or type (default graph)."""
    return bool(store.query(
        f"ASK {{ {{ ?s ?p ?o FILTER(STRSTARTS(STR(?p), {ROG_IRI!r})) }} "
        f"UNION {{ ?s a ?t FILTER(STRSTARTS(STR(?t), {ROG_IRI!r})) }} }}"
    ))


def resolve_profile(profile: str, store: ox.Store | None = None, rog: bool | None = None) -> str:
    """The profile to run: ``profile`` itself, or for ``auto`` ``revops`` when the data uses rog, else ``skos``.

    Raises :class:`ValueError` on an unknown profile.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown check profile {profile!r} (profiles: {', '.join(PROFILES)})")
    if profile != "auto":
        return profile
    if rog is None:
        rog = store is not None and uses_rog(store)
    return "revops" if rog else "skos"


def data_languages(store: ox.Store, concepts: Sequence[str], share: float = 0.5) -> tuple[str, ...]:
    """The languages the vocabulary labels its concepts in: those in which at least ``share`` of
    the ``concepts`` have a ``skos:prefLabel`` (lower-cased, sorted)."""
    if not concepts:
        return ()
    wanted = set(concepts)
    per_lang: dict[str, set[str]] = {}
    for quad in store.quads_for_pattern(None, _SKOS_PREF, None, ox.DefaultGraph()):
        if isinstance(quad.object, ox.Literal) and quad.object.language and quad.subject.value in wanted:
            per_lang.setdefault(quad.object.language.lower(), set()).add(quad.subject.value)
    counts = Counter({lang: len(found) for lang, found in per_lang.items()})
    return tuple(sorted(lang for lang, n in counts.items() if n >= share * len(wanted)))


def _bind(query: str, variable: str, values: Sequence[ox.NamedNode | ox.Literal]) -> str:
    """``query`` with ``VALUES ?variable { ... }`` at the start of its WHERE clause, so filters see the binding."""
    block = f"VALUES ?{variable} {{ {' '.join(str(v) for v in values)} }}\n"
    match = _WHERE.search(query)
    assert match is not None  # checked by _parse
    return query[: match.end()] + "\n  " + block + query[match.end():]


Raw = tuple["Node", "Node | None", "Node | None", str, str, str]
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
#: :data:`Raw` in pyoxigraph terms, as the store answers.
OxRaw = tuple[OxTerm, "OxTerm | None", "OxTerm | None", str, str, str]


def _message(template: str, row: dict[str, OxTerm]) -> str:
    for name, term in row.items():
        template = template.replace(f"{{?{name}}}", term_text(term))
    return template


def run_profile(
    store: ox.Store,
    profile: str = "skos",
    languages: Sequence[str] | None = None,
    terms: Terms | None = None,
) -> list[Raw]:
    """Run a profile's queries on ``store`` (its default graph); results as ``(focus, path, value,
    rule, message, severity)``, the form :func:`~revops_graph.checks.validate.build_report` reads.

    ``languages`` are the required languages: given, a missing label is a violation; ``None``
    takes the data's own (:func:`data_languages`) and a missing one is a warning.
    The terms are rdflib's; :func:`profile_rows` gives them as pyoxigraph's.
    """
    def rdf(term: OxTerm | None) -> Node | None:
        return None if term is None else from_oxigraph(term)

    return [(rdf(f), rdf(p), rdf(v), *rest) for f, p, v, *rest in profile_rows(store, profile, languages, terms)]  # type: ignore[misc]


def profile_rows(
    store: ox.Store,
    profile: str = "skos",
    languages: Sequence[str] | None = None,
    terms: Terms | None = None,
) -> list[OxRaw]:
    """:func:`run_profile` in pyoxigraph terms (no rdflib)."""
    if profile in ("none", "revops"):
        return []
    terms = terms if terms is not None else find_terms(store, "")
    targets = {"concepts": terms.concepts, "terms": terms.select("all")}
    strict = languages is not None
    required = tuple(languages) if languages is not None else data_languages(store, terms.concepts)
    out: list[OxRaw] = []
    for check in load_profile(profile):
        query = check.query
        if check.target != "any":
            if not targets[check.target]:
                continue
            query = _bind(query, "this", [ox.NamedNode(iri) for iri in targets[check.target]])
        runs = [_bind(query, "lang", [ox.Literal(lang)]) for lang in required] if check.per_language else [query]
        severity = "violation" if check.per_language and strict else check.severity
        for text, lang in zip(runs, required if check.per_language else [""]):
            solutions = store.query(text)
            names = [v.value for v in solutions.variables]  # type: ignore[union-attr]
            for solution in solutions:  # type: ignore[union-attr]
                row = {n: solution[n] for n in names if solution[n] is not None}
                if lang:
                    row.setdefault("lang", ox.Literal(lang))
                out.append((row["this"], row.get("path"), row.get("value"), check.rule,
                            _message(check.message, row), severity))
    return out
