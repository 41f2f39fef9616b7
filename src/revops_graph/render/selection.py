"""Part of a map: the concepts near a focus, of some kinds, or answered by a SPARQL query."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..errors import QueryError, RevopsGraphError
from ..model import ConceptNotFound, Glossary
from ..model.labels import local_name, normalize_label
from ..store import Store
from .map_data import MapModel, Texts, text_in

if TYPE_CHECKING:
    from rdflib import URIRef

__all__ = [
    "query_selection",
    "query_selection_keys",
    "read_query",
    "select",
]


def _match_terms(wanted: Sequence[str], terms: dict[str, Texts], what: str) -> set[str]:
    """IRIs of ``terms`` named by ``wanted`` (an IRI, a local name or a label in any language)."""
    index: dict[str, set[str]] = {}
    for iri, label in terms.items():
        for name in (iri, local_name(iri), *label.values()):
            index.setdefault(normalize_label(name), set()).add(iri)
    chosen: set[str] = set()
    for name in wanted:
        hits = index.get(normalize_label(name))
        if not hits:
            known = ", ".join(sorted({text_in(t, "en") for t in terms.values()}, key=str.casefold))
            raise RevopsGraphError(f"no {what} is called {name!r}; the map has: {known or 'none'}")
        chosen |= hits
    return chosen


def _find_node(model: MapModel, label: str) -> str:
    if label in model.nodes:
        return label
    hits = sorted(
        iri for iri, n in model.nodes.items()
        if normalize_label(label) in {normalize_label(x) for x in (
            *n.label.values(), *(a for alts in n.alt.values() for a in alts), local_name(iri))}
    )
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise ConceptNotFound(f"no concept on the map is labelled {label!r}")
    names = ", ".join(text_in(model.nodes[h].label, "en") for h in hits)
    raise ConceptNotFound(f"{label!r} labels several concepts: {names}; give the IRI instead")


def select(
    model: MapModel,
    *,
    focus: str | None = None,
    depth: int = 1,
    kinds: Sequence[str] = (),
    relations: Sequence[str] = (),
) -> MapModel:
    """Only some kinds and relations, and/or the neighbourhood of ``focus`` up to ``depth`` steps.

    Steps follow relations in either direction. The focus concept itself is always shown.
    """
    keep = set(model.nodes)
    edges = model.edges
    start: str | None = None
    if kinds:
        wanted = _match_terms(kinds, model.kinds, "kind")
        keep = {iri for iri in keep if model.nodes[iri].kind in wanted}
    if relations:
        wanted = _match_terms(relations, model.relations, "relation")
        edges = tuple(e for e in edges if e.predicate in wanted)
    if focus is not None:
        if depth < 0:
            raise RevopsGraphError(f"depth must be 0 or more, not {depth}")
        start = _find_node(model, focus)
        keep.add(start)
        neighbours: dict[str, set[str]] = {}
        for e in edges:
            if e.source in keep and e.target in keep:
                neighbours.setdefault(e.source, set()).add(e.target)
                neighbours.setdefault(e.target, set()).add(e.source)
        reached = {start: 0}
        queue = deque([start])
        while queue:
            here = queue.popleft()
            if reached[here] < depth:
                for there in sorted(neighbours.get(here, ())):
                    if there not in reached:
                        reached[there] = reached[here] + 1
                        queue.append(there)
        keep = set(reached)
    part = model.restrict(keep, edges)
    # Only the sentences the part quotes: the page of one concept's neighbourhood carried every
    # sentence of the vocabulary, and a part fetched from a server has only its own.
    quoted = {s for n in part.nodes.values() for s in n.sources} | {s for e in part.edges for s in e.sources}
    return replace(
        part,
        focus=start if focus is not None else model.focus,
        kinds={k: v for k, v in model.kinds.items() if any(n.kind == k for n in part.nodes.values())},
        relations={r: v for r, v in model.relations.items() if any(e.predicate == r for e in part.edges)},
        sentences={s: v for s, v in model.sentences.items() if s in quoted},
    )


def query_selection(
    glossary: Glossary, query: str, *, timeout: float | None = None, store: Store | None = None
) -> tuple[list[URIRef], list[tuple[URIRef, URIRef, URIRef]] | None]:
    """What a read-only query puts on the map: IRIs, and triples for a CONSTRUCT (rdflib terms).

    A CONSTRUCT maps its graph (IRIs linked by IRIs; literals are left out); a SELECT maps
    the concepts it binds (every IRI, when it binds no concept), with the relations among
    them in the glossary (triples ``None``). The query runs through :mod:`revops_graph.query`,
    so the same safety rules hold: anything but SELECT and CONSTRUCT, and anything that would
    leave the local graph (SERVICE, LOAD, FROM), is refused with
    :class:`~revops_graph.errors.QueryError`, and the time limit applies. ``store`` runs the
    query elsewhere (a SPARQL server whose part ``glossary`` is); by default on ``glossary``.
    :func:`query_selection_keys` gives the same as IRI text.
    """
    iris, triples = query_selection_keys(glossary, query, timeout=timeout, store=store)
    term = rdfl.URIRef
    return [term(i) for i in iris], None if triples is None else [(term(s), term(p), term(o)) for s, p, o in triples]


def query_selection_keys(
    glossary: Glossary, query: str, *, timeout: float | None = None, store: Store | None = None
) -> tuple[list[str], list[tuple[str, str, str]] | None]:
    """:func:`query_selection` as IRI text: a SELECT's answer is read in pyoxigraph terms."""
    from .. import query as sparql
    from ..store import MemoryStore

    limit = sparql.DEFAULT_TIMEOUT if timeout is None else timeout
    form = sparql.check(query, source="the map's query", can_allow=False).form  # map has no --allow-* options
    if form not in {"SELECT", "CONSTRUCT"}:
        raise QueryError(f"only SELECT and CONSTRUCT queries can be mapped, not {form}")
    store = store or MemoryStore(glossary)
    if form == "CONSTRUCT":  # (the query layer answers a graph in rdflib terms)
        triples = sorted(
            (str(s), str(p), str(o)) for s, p, o in sparql.construct(store, query, timeout=limit)
            if all(isinstance(t, rdfl.URIRef) for t in (s, p, o))
        )
        iris = sorted({s for s, _, _ in triples} | {o for _, _, o in triples})
        return iris, triples
    rows = sparql.select_terms(store, query, timeout=limit).terms
    bound = {value.value for row in rows for value in row if type(value) is ox.NamedNode}
    concepts = set(glossary.concept_keys)
    if bound & concepts:
        bound &= concepts  # a kind or a predicate bound beside the concepts is not a concept to draw
    return sorted(bound), None


def read_query(name_or_file: str) -> str:
    """The text of a query file, or of a named query (``ontology/queries/<name>.rq``)."""
    from ..query import named_query

    path = Path(name_or_file)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return named_query(name_or_file).text
