"""Validate files straight from disk: parsed into Oxigraph, checked there as SPARQL, labelled from the store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from ..errors import InputError
from ..io import resources
from ..io.convert import from_oxigraph, to_oxigraph
from ..io.loader import read_quads
from ..model import LABEL_PROPERTIES, choose_label, load_glossary
from ..model.terms import below, find_terms
from ..namespaces import ROG, bind_prefixes
from .profiles import resolve_profile, run_profile
from .shacl_sparql import Unsupported, compile_shapes, run_checks
from .validate import (
    ENGINES,
    SPARQL_FROM_CONCEPTS,
    STATEMENT_PARTS,
    RawResults,
    ValidationReport,
    build_report,
    combined_shapes,
    compact_terms,
    label_of_focus,
    validate_glossary,
)

__all__ = [
    "validate_files",
]


_VOCABULARY_GRAPH = ox.NamedNode("urn:revops-graph:vocabulary")


_DEFAULT_GRAPH = ox.DefaultGraph()


_RDF_TYPE = ox.NamedNode(str(RDF.type))


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

    def values(
        self, predicate: Node, wanted: dict[ox.NamedNode | ox.BlankNode, Node] | None, vocabulary: bool = False
    ) -> dict[Node, list[Node]]:
        """The values of ``predicate`` for the subjects in ``wanted`` (all when ``None``), in the
        data or in the vocabulary, read in one pass."""
        graph = _VOCABULARY_GRAPH if vocabulary else _DEFAULT_GRAPH
        out: dict[Node, list[Node]] = {}
        for quad in self.store.quads_for_pattern(None, to_oxigraph(predicate), None, graph):  # type: ignore[arg-type]
            subject = from_oxigraph(quad.subject) if wanted is None else wanted.get(quad.subject)  # type: ignore
            if subject is not None and (vocabulary or quad.triple not in self.vocabulary_only):
                out.setdefault(subject, []).append(from_oxigraph(quad.object))  # type: ignore[arg-type]
        return out

    def concepts(self) -> int:
        """How many concepts, as :attr:`Glossary.concept_iris <revops_graph.model.Glossary.concept_iris>` counts them."""
        kinds: set[Node] = set()
        for vocabulary in (False, True):  # kinds within the data or within the vocabulary, not across
            links = self.values(RDFS.subClassOf, None, vocabulary)
            kinds |= below(((sub, sup) for sub, sups in links.items() for sup in sups), SKOS.Concept)
        found = set()
        for kind in kinds:
            if isinstance(kind, URIRef):
                for quad in self.store.quads_for_pattern(None, _RDF_TYPE, to_oxigraph(kind), _DEFAULT_GRAPH):
                    if isinstance(quad.subject, ox.NamedNode) and quad.triple not in self.vocabulary_only:
                        found.add(quad.subject)
        return len(found)


def _wanted(nodes: Iterable[Node | None]) -> dict[ox.NamedNode | ox.BlankNode, Node]:
    return {to_oxigraph(n): n for n in nodes if n is not None and not isinstance(n, Literal)}  # type: ignore[misc]


def _store_report(raw: RawResults, data: _Dataset, concepts: int, lang: str) -> ValidationReport:
    """:func:`build_report` with labels read from the store in a few passes, not one lookup per node."""
    focus = _wanted(r[0] for r in raw)
    typed = data.values(RDF.type, focus)
    statements = {n for n, types in typed.items() if RDF.Statement in types}
    sources = {n for n, types in typed.items() if ROG.SourceSentence in types}
    parts = {p: data.values(p, _wanted(statements)) for p in STATEMENT_PARTS}
    parts[ROG.line] = data.values(ROG.line, _wanted(sources))
    named = {r[1] for r in raw} | {r[2] for r in raw if isinstance(r[2], URIRef)} | set(focus.values())
    named.update(v for p in STATEMENT_PARTS for values in parts[p].values() for v in values)
    wanted = _wanted(named)
    found = [data.values(prop, wanted, vocabulary) for vocabulary in (False, True) for prop in LABEL_PROPERTIES]

    def label(node: Node) -> str:
        return choose_label(node, lang, (values.get(node, ()) for values in found))

    def focus_label(node: Node) -> str:
        return label_of_focus(
            node, lambda n, cls: n in (statements if cls == RDF.Statement else sources),
            lambda n, p: parts[p].get(n, ()), label,
        )

    bound = bind_prefixes(Graph(), {p: iri for p, iri in data.prefixes.items() if p})  # as the loader binds them
    return build_report(raw, concepts, focus_label, label, lambda text: compact_terms(text, bound), data.profile)


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
    raw: RawResults = []
    checked = data.concepts() if data.terms is None else len(data.terms.select("all"))
    if shapes_graph is not None:
        concepts = data.concepts()
        checks = None
        if engine == "sparql" or concepts >= SPARQL_FROM_CONCEPTS:
            try:
                checks = compile_shapes(shapes_graph)
            except Unsupported:
                if engine == "sparql":
                    raise
        if checks is None:
            return validate_glossary(load_glossary(paths, fmt), shapes, lang, "pyshacl", data.profile, languages)
        raw = run_checks(checks, data.store)
    if data.terms is not None:
        raw = raw + run_profile(data.store, "skos", languages, data.terms)  # type: ignore[operator]
    return _store_report(raw, data, checked, lang)
