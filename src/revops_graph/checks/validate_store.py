"""Validate files straight from disk: parsed into Oxigraph, checked there as SPARQL, labelled from the store.

The findings are told in pyoxigraph terms and the report is written without rdflib: the
SKOS profile's checks on a file import none. rdflib is the right tool where pySHACL runs (on
small RevOps glossaries, or shapes the SPARQL engine cannot translate) and for SHACL shapes
themselves (parsed as an rdflib graph, then run as SPARQL on the store): those paths load it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..curies import Curies
from ..errors import InputError
from ..io import resources
from ..io.convert import in_rdflib_order, term_text, to_oxigraph
from ..io.loader import read_quads
from ..model import load_glossary
from ..model.labels import LABEL_IRIS, SKOS_LABELS, local_name, pick
from ..model.terms import below, find_terms
from .profiles import OxRaw, profile_rows, resolve_profile
from .validate import (
    ENGINES,
    RDF_STATEMENT,
    SOURCE_LINE,
    SOURCE_SENTENCE,
    SPARQL_FROM_CONCEPTS,
    STATEMENT_PARTS,
    ValidationReport,
    build_report,
    combined_shapes,
    compact_terms,
    label_of_focus,
    validate_glossary,
)

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "validate_files",
]


_VOCABULARY_GRAPH = ox.NamedNode("urn:revops-graph:vocabulary")


_DEFAULT_GRAPH = ox.DefaultGraph()


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_SKOS_CONCEPT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#Concept")

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class _Dataset:
    """The data and the revops-graph vocabulary in one in-memory Oxigraph store.

    The default graph holds both, as pySHACL sees them with ``ont_graph`` (queries over a
    union of two graphs ran the checks at half the speed). The vocabulary also sits in a
    graph of its own, and the triples only it adds are remembered, so "the data" alone (for
    labels, which prefer the data's, and for the concepts) is the default graph without them.
    """

    def __init__(self, files: Sequence[Path], fmt: str | None, profile: str = "auto", shapes: bool = False) -> None:
        self.store = store = ox.Store()
        self.prefixes: dict[str, str] = {}
        for path in files:
            store.bulk_extend(read_quads(path, fmt, self.prefixes))
        self.vocabulary_only: set[ox.Triple] = set()
        # the profile and the terms come from the data alone, before the vocabulary joins it
        self.profile = resolve_profile(profile, store)
        self.terms = find_terms(store, "") if self.profile == "skos" else None
        if self.profile != "revops" and not shapes:
            return  # the SKOS checks need no kinds: the vocabulary stays out
        vocabulary = list(read_quads(resources.vocabulary_file()))
        for quad in vocabulary:
            if quad not in store:
                self.vocabulary_only.add(quad.triple)
        store.extend([ox.Quad(*q.triple, _VOCABULARY_GRAPH) for q in vocabulary])  # type: ignore[misc]
        store.extend([ox.Quad(*t) for t in self.vocabulary_only])  # type: ignore[misc]

    def values(self, predicate: str, wanted: set[Term] | None, vocabulary: bool = False) -> dict[Term, list[Term]]:
        """The values of ``predicate`` for the subjects in ``wanted`` (all when ``None``), in the
        data or in the vocabulary, read in one pass."""
        graph = _VOCABULARY_GRAPH if vocabulary else _DEFAULT_GRAPH
        out: dict[Term, list[Term]] = {}
        for quad in self.store.quads_for_pattern(None, ox.NamedNode(predicate), None, graph):
            subject = quad.subject
            if (wanted is None or subject in wanted) and (vocabulary or quad.triple not in self.vocabulary_only):
                out.setdefault(subject, []).append(quad.object)  # type: ignore[arg-type]
        return out

    def concepts(self) -> int:
        """How many concepts, as :attr:`Glossary.concept_iris <revops_graph.model.Glossary.concept_iris>` counts them."""
        kinds: set[Term] = set()
        for vocabulary in (False, True):  # kinds within the data or within the vocabulary, not across
            links = self.values(_SUBCLASS_OF, None, vocabulary)
            kinds |= below(((sub, sup) for sub, sups in links.items() for sup in sups), _SKOS_CONCEPT)
        found = set()
        for kind in kinds:
            if isinstance(kind, ox.NamedNode):
                for quad in self.store.quads_for_pattern(None, ox.NamedNode(_RDF_TYPE), kind, _DEFAULT_GRAPH):
                    if isinstance(quad.subject, ox.NamedNode) and quad.triple not in self.vocabulary_only:
                        found.add(quad.subject)
        return len(found)


def _wanted(nodes: Iterable[Term | None]) -> set[Term]:
    return {n for n in nodes if n is not None and not isinstance(n, ox.Literal)}


def _label(node: Term, lang: str, candidates: Iterable[Iterable[Term]]) -> str:
    """:func:`~revops_graph.model.choose_label` of pyoxigraph terms: the first predicate with a
    literal wins (per language the least in rdflib's order), then SKOS's labels, the local name."""
    for values in candidates:
        found: dict[str, str] = {}
        for value in in_rdflib_order(values):
            if isinstance(value, ox.Literal):
                found.setdefault(value.language or "", value.value)
        if found:
            return pick(found, lang)
    iri = term_text(node)
    return pick(SKOS_LABELS[iri], lang) if iri in SKOS_LABELS else local_name(iri)


def _store_report(raw: list[OxRaw], data: _Dataset, concepts: int, lang: str) -> ValidationReport:
    """:func:`build_report` with labels read from the store in a few passes, not one lookup per node."""
    focus = _wanted(r[0] for r in raw)
    typed = data.values(_RDF_TYPE, focus)
    statements = {n for n, types in typed.items() if ox.NamedNode(RDF_STATEMENT) in types}
    sources = {n for n, types in typed.items() if ox.NamedNode(SOURCE_SENTENCE) in types}
    parts = {p: data.values(p, _wanted(statements)) for p in STATEMENT_PARTS}
    parts[SOURCE_LINE] = data.values(SOURCE_LINE, _wanted(sources))
    named = {r[1] for r in raw} | {r[2] for r in raw if isinstance(r[2], ox.NamedNode)} | focus
    named.update(v for p in STATEMENT_PARTS for values in parts[p].values() for v in values)
    wanted = _wanted(named)
    found = [data.values(prop, wanted, vocabulary) for vocabulary in (False, True) for prop in LABEL_IRIS]

    def label(node: Term) -> str:
        return _label(node, lang, (values.get(node, ()) for values in found))

    def focus_label(node: Term) -> str:
        return label_of_focus(
            node, lambda n, cls: n in (statements if cls == RDF_STATEMENT else sources),
            lambda n, p: parts[p].get(n, ()), label,
        )

    bound = Curies({p: iri for p, iri in data.prefixes.items() if p})  # as the loader binds them
    return build_report(raw, concepts, focus_label, label, lambda text: compact_terms(text, bound), data.profile)  # type: ignore[arg-type]


def validate_files(
    paths: Sequence[str | PathLike[str]] | None = None,
    fmt: str | None = None,
    shapes: Graph | str | PathLike[str] | None = None,
    lang: str = "en",
    engine: str = "auto",
    profile: str = "auto",
    languages: Sequence[str] | None = None,
) -> ValidationReport:
    """Validate the glossary in ``paths`` (default: the embedded one), as :func:`validate_glossary`
    does on ``load_glossary(paths, fmt)``, with the same report.

    pyoxigraph parses the files straight into an in-memory Oxigraph store (with the same
    checks and error messages as the loader) and the concepts are counted there. The SKOS
    profile always runs there. With the SPARQL engine (``auto`` from :data:`SPARQL_FROM_CONCEPTS`
    concepts on) the SHACL shapes run on that store and labels are read from it: no rdflib graph
    of the data is built. Otherwise (``pyshacl``, few concepts, or shapes outside what SPARQL
    covers) the files are loaded with :func:`~revops_graph.model.load_glossary` for pySHACL.
    Raises :class:`~revops_graph.errors.InputError` naming file, line and column on bad input.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown validation engine {engine!r} (engines: {', '.join(ENGINES)})")
    if paths is not None and not paths:
        raise InputError("no input files given")
    if engine == "pyshacl":
        return validate_glossary(load_glossary(paths, fmt), shapes, lang, engine, profile, languages)
    files = [Path(p) for p in paths] if paths is not None else resources.glossary_files()
    data = _Dataset(files, fmt, profile, shapes is not None)
    shapes_graph = combined_shapes(data.profile, shapes)
    raw: list[OxRaw] = []
    checked = data.concepts() if data.terms is None else len(data.terms.select("all"))
    if shapes_graph is not None:
        concepts = data.concepts()
        checks = None
        if engine == "sparql" or concepts >= SPARQL_FROM_CONCEPTS:
            from .shacl_sparql import Unsupported, compile_shapes, run_checks

            try:
                checks = compile_shapes(shapes_graph)
            except Unsupported:
                if engine == "sparql":
                    raise
        if checks is None:
            return validate_glossary(load_glossary(paths, fmt), shapes, lang, "pyshacl", data.profile, languages)
        raw = [(*(None if t is None else to_oxigraph(t) for t in r[:3]), *r[3:]) for r in run_checks(checks, data.store)]  # type: ignore[misc]
    if data.terms is not None:
        raw = raw + profile_rows(data.store, "skos", languages, data.terms)
    return _store_report(raw, data, checked, lang)
