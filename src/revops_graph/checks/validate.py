"""Checks that a glossary is fit to publish.

:func:`basic_checks` is the structural minimum: every concept has a preferred label and a
definition in each required language, and every relation points at a concept.
:func:`validate_glossary` runs the SHACL shapes of ``ontology/shapes.ttl`` with pySHACL
and tells the result in labels, grouped by concept. From :data:`SPARQL_FROM_CONCEPTS`
concepts on, the same shapes run as SPARQL queries on an in-memory Oxigraph store
(:mod:`revops_graph.checks.shacl_sparql`), which gives the same findings far faster; pySHACL stays
the engine for small graphs and the reference the SPARQL engine is tested against.
:func:`validate_files` validates files without building an rdflib graph of a big glossary:
they go straight into Oxigraph, and only a small one is parsed again for pySHACL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from os import PathLike
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..curies import Curies
from ..io import resources
from ..io.convert import rdflib_truthy, term_text
from ..io.loader import load_files
from ..model import Glossary
from ..model.glossary import vocabulary as model_vocabulary
from ..model.terms import find_terms
from ..namespaces import ROG_IRI
from .basic import Finding, basic_checks, glossary_store, glossary_uses_rog
from .profiles import resolve_profile, run_profile

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from ..model.triples import TripleView

__all__ = [
    "ENGINES",
    "SPARQL_FROM_CONCEPTS",
    "Finding",
    "ValidationReport",
    "Violation",
    "basic_checks",
    "validate_glossary",
]


#: Engines of :func:`validate_glossary`; ``auto`` picks SPARQL from :data:`SPARQL_FROM_CONCEPTS` on.
ENGINES = ("auto", "pyshacl", "sparql")


#: From this many concepts on, ``auto`` validates with SPARQL on Oxigraph: pySHACL needs
#: 9.4 s for 1,000 generated concepts and 68 s for 10,000 on 2 cores (SPARQL: 0.3 s at 1,000);
#: the embedded glossary (50 concepts) takes 0.6 s.
SPARQL_FROM_CONCEPTS = 500


_DANGLING = "dangling"


_IRI = re.compile(r"https?://[^\s,;()<>\"]+")


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result, told in labels: the concept (``label``), the rule and the message."""

    label: str
    rule: str
    message: str
    severity: str = "violation"
    focus: str = ""
    path: str = ""
    value: str = ""

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready mapping of the fields."""
        return asdict(self)


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate_glossary`: ``conforms`` (no finding of severity
    ``violation``; warnings do not fail) and the findings, sorted; ``profile`` says which checks ran."""

    conforms: bool
    violations: tuple[Violation, ...]
    focus_count: int = 0
    profile: str = "revops"

    def by_concept(self) -> dict[str, list[Violation]]:
        """Violations grouped by the label of the concept (or statement) they concern."""
        groups: dict[str, list[Violation]] = {}
        for violation in self.violations:
            groups.setdefault(violation.label, []).append(violation)
        return groups

    def to_text(self) -> str:
        """A readable report: one block per concept, one line per problem."""
        checked = (f"{self.focus_count} concepts checked against the SHACL shapes" if self.profile == "revops" else
                   f"{self.focus_count} terms checked against the {self.profile} profile")
        if not self.violations:
            return f"conforms: {checked}, no problems\n"
        lines = []
        groups = self.by_concept()
        for label, items in groups.items():
            lines.append(label)
            for item in items:
                severity = "" if item.severity == "violation" else f"{item.severity}: "
                value = f" (value: {item.value})" if item.value and item.value not in item.message else ""
                lines.append(f"  - {severity}{item.message}{value} [{item.rule}]")
        if self.conforms:
            lines.append(f"conforms: {checked}, with {len(self.violations)} warning(s) in {len(groups)} term(s)")
        else:
            lines.append(f"does not conform: {len(self.violations)} problem(s) in {len(groups)} concept(s)")
        return "\n".join(lines) + "\n"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready mapping: ``conforms``, ``count`` and ``concepts`` (label -> problems)."""
        return {
            "conforms": self.conforms,
            "profile": self.profile,
            "count": len(self.violations),
            "concepts": {label: [v.to_dict() for v in items] for label, items in self.by_concept().items()},
        }


def load_shapes(shapes: Graph | str | PathLike[str] | None) -> Graph:
    if rdfl.is_a(shapes, "Graph"):
        return shapes  # type: ignore[return-value]
    return load_files([shapes if shapes is not None else resources.shapes_file()])


def compact_terms(text: str, graph: Graph | TripleView | Curies) -> str:
    """IRIs in a message written as prefixed names (rog:comprises, revops:sales), by rdflib's
    ``qname`` of ``graph`` (made-up ``ns1:`` prefixes for unbound namespaces) or its rebuilding."""
    qname = graph.qname if isinstance(graph, Curies) else graph.namespace_manager.qname

    def short(match: re.Match[str]) -> str:
        try:
            return qname(match.group(0))
        except ValueError:  # not splittable into namespace and local name
            return match.group(0)

    return _IRI.sub(short, text)


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: The parts of a reified statement (IRIs).
STATEMENT_PARTS = (_RDF + "subject", _RDF + "predicate", _RDF + "object")
RDF_STATEMENT, SOURCE_SENTENCE, SOURCE_LINE = _RDF + "Statement", ROG_IRI + "SourceSentence", ROG_IRI + "line"


def _first(values: Iterable[Any]) -> Any:
    """The least of ``values`` by kind and text: a label must not depend on parse order (the
    kinds sort alike in rdflib and pyoxigraph: blank node, literal, IRI)."""
    return min(values, key=lambda term: (type(term).__name__, term_text(term)), default=None)


def shown(term: Any) -> str:
    """``str(term or "")`` of the rdflib term (a false literal, 0 or "", shows nothing), for
    rdflib and pyoxigraph terms alike."""
    if term is None:
        return ""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term.value if rdflib_truthy(term) else ""
    return str(term or "")


def is_iri(term: Any) -> bool:
    """Whether ``term`` (rdflib's or pyoxigraph's) is an IRI."""
    return isinstance(term, ox.NamedNode) or rdfl.is_a(term, "URIRef")


def label_of_focus(
    node: Any,
    is_a: Callable[[Any, str], bool],
    values: Callable[[Any, str], Iterable[Any]],
    label: Callable[[Any], str],
) -> str:
    """A label for a focus node: a concept's label, a statement as a sentence, a source line.

    ``is_a(node, class)`` and ``values(node, predicate)`` (class and predicate IRIs as text)
    read the data (not the vocabulary); nodes are rdflib's or pyoxigraph's terms.
    """
    if is_a(node, RDF_STATEMENT):
        parts = [_first(values(node, p)) for p in STATEMENT_PARTS]
        return "statement: " + " ".join(label(p) if p is not None else "?" for p in parts)
    if is_a(node, SOURCE_SENTENCE):
        return f"source line {shown(_first(values(node, SOURCE_LINE))) or '?'}"
    return label(node)


RawResults = list[tuple["Node", "Node | None", "Node | None", str, str, str]]


def _context_aware(graph: Graph) -> Graph:
    """``graph`` in rdflib's default store: pySHACL wraps its data graph in a Dataset, which
    needs contexts, and the loader's lean store keeps none."""
    if graph.store.context_aware:
        return graph
    copy = rdfl.Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    copy += graph
    return copy


def _pyshacl_results(glossary: Glossary, shapes_graph: Graph, vocabulary: Graph) -> RawResults:
    from pyshacl import validate

    from .shacl_sparql import rule_id

    RDF, _SH = rdfl.RDF, rdfl.Namespace("http://www.w3.org/ns/shacl#")
    _, results, _ = validate(
        _context_aware(glossary.graph), shacl_graph=shapes_graph, ont_graph=vocabulary, inference="none",
        advanced=True,  # SHACL-AF SPARQL targets: the SPARQL-based shapes only visit candidates
    )
    raw: RawResults = []
    for result in results.subjects(RDF.type, _SH.ValidationResult):
        focus = results.value(result, _SH.focusNode)
        path = results.value(result, _SH.resultPath)
        value = results.value(result, _SH.value)
        messages = sorted(str(m) for m in results.objects(result, _SH.resultMessage))
        severity = str(results.value(result, _SH.resultSeverity) or _SH.Violation).rpartition("#")[2].lower()
        rule = rule_id(results.value(result, _SH.sourceShape), shapes_graph)
        raw.append((focus, path, value, rule, messages[0] if messages else rule, severity))  # type: ignore[arg-type]
    return raw


def _sparql_results(glossary: Glossary, shapes_graph: Graph, vocabulary: Graph) -> RawResults:
    from .shacl_sparql import compile_shapes, run_checks, store_of

    # the vocabulary joins the data, as pySHACL's ont_graph does, so kinds are known
    return run_checks(compile_shapes(shapes_graph), store_of(glossary.graph, vocabulary))


def combined_shapes(chosen: str, shapes: Graph | str | PathLike[str] | None) -> Graph | None:
    """The SHACL shapes a profile runs: the RevOps shapes for ``revops``, and the user's ``shapes`` on top."""
    if shapes is None:
        return load_shapes(None) if chosen == "revops" else None
    user = load_shapes(shapes)
    if chosen != "revops":
        return user
    merged = load_shapes(None)
    merged += user
    return merged


def validate_glossary(
    glossary: Glossary,
    shapes: Graph | str | PathLike[str] | None = None,
    lang: str = "en",
    engine: str = "auto",
    profile: str = "auto",
    languages: Sequence[str] | None = None,
) -> ValidationReport:
    """Validate ``glossary`` with the checks of ``profile`` and the user's SHACL ``shapes``.

    ``profile`` (see :mod:`revops_graph.checks.profiles`): ``revops`` runs the SHACL shapes of
    ``ontology/shapes.ttl``, ``skos`` the generic SKOS checks, ``none`` nothing but ``shapes``;
    ``auto`` takes ``revops`` for data that uses the rog vocabulary, else ``skos``.
    ``languages`` are the languages the SKOS profile requires (default: the data's own).

    ``engine`` runs the SHACL shapes: ``pyshacl``, ``sparql`` (the shapes as SPARQL on
    Oxigraph; shapes it cannot translate raise
    :class:`~revops_graph.checks.shacl_sparql.Unsupported`) or ``auto``: SPARQL from
    :data:`SPARQL_FROM_CONCEPTS` concepts on when the shapes translate, else pySHACL. Both
    give the same report.

    pySHACL runs without inference (advanced mode, for SPARQL targets); the revops-graph
    vocabulary is mixed into the data so that kinds (subclasses of ``skos:Concept``) are
    known even when the user's files do not repeat it. A dangling IRI is reported once,
    not again as a wrong kind.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r} (engines: {', '.join(ENGINES)})")
    chosen = resolve_profile(profile, rog=glossary_uses_rog(glossary) if profile == "auto" else None)
    shapes_graph = combined_shapes(chosen, shapes)
    raw: RawResults = []
    if shapes_graph is not None:
        vocabulary = model_vocabulary()  # parsed once per process, read-only here
        use_sparql = engine == "sparql"
        if engine == "auto" and len(glossary.concept_keys) >= SPARQL_FROM_CONCEPTS:
            from .shacl_sparql import Unsupported, compile_shapes

            try:
                compile_shapes(shapes_graph)
                use_sparql = True
            except Unsupported:
                pass
        raw = (_sparql_results if use_sparql else _pyshacl_results)(glossary, shapes_graph, vocabulary)
    checked = len(glossary.terms.concepts)  # the RevOps shapes check SKOS concepts
    if chosen == "skos":
        store = glossary_store(glossary)
        terms = find_terms(store, "")
        raw = raw + run_profile(store, "skos", languages, terms)  # type: ignore[operator]
        checked = len(terms.select("all"))

    # Results are told from the store's view (no rdflib graph built: at 40k triples building it
    # took as long as the checks), or from the rdflib graph where it exists already.
    def label(node: Node) -> str:
        return glossary.label(node, lang)

    def focus_label(node: Node) -> str:
        g = glossary.view
        iri = rdfl.URIRef
        return label_of_focus(node, lambda n, cls: (n, rdfl.RDF.type, iri(cls)) in g, lambda n, p: g.objects(n, iri(p)), label)

    return build_report(raw, checked, focus_label, label, lambda text: compact_terms(text, glossary.view), chosen)


_EMPTY = {
    "revops": ("no-concepts", "The graph holds no skos:Concept; is it a glossary?"),
    "skos": ("no-terms", "The graph holds no SKOS concept, OWL/RDFS class or property; is it a vocabulary?"),
}


def build_report(
    raw: RawResults,
    concepts: int,
    focus_label: Callable[[Node], str],
    label: Callable[[Node], str],
    compact: Callable[[str], str],
    profile: str = "revops",
) -> ValidationReport:
    """The report on raw results, told with the given labels, whichever engine and graph gave them.

    ``concepts`` is how many terms were checked: none is a finding for the ``revops`` and
    ``skos`` profiles (checks that target nothing would pass silently).
    """
    dangling = {(f, p, v) for f, p, v, rule, *_ in raw if rule == _DANGLING}
    # a big glossary has ~100k results naming far fewer distinct nodes: label each once
    focus_label, label = cache(focus_label), cache(label)
    # in sorted order, so that prefixes made up for unbound namespaces (ns1, ns2) do not depend on result order
    compacted = {message: compact(message) for message in sorted({r[4] for r in raw})}
    violations = set()
    for focus, path, value, rule, message, severity in raw:
        if rule != _DANGLING and (focus, path, value) in dangling:
            continue
        violations.add(
            Violation(
                label=focus_label(focus),
                rule=rule,
                message=compacted[message],
                severity=severity,
                focus=term_text(focus),
                path=label(path) if is_iri(path) else "",
                value=label(value) if is_iri(value) else shown(value),
            )
        )
    if not concepts and profile in _EMPTY:
        violations.add(Violation("<graph>", *_EMPTY[profile]))
    conforms = not any(v.severity == "violation" for v in violations)
    return ValidationReport(conforms, tuple(sorted(violations)), concepts, profile)
