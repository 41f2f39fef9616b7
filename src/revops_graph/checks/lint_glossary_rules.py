"""Lint rules for a glossary's terms: abbreviations, duplicate labels, orphans, cycles, inverses, open gaps."""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS
from rdflib.term import Node

from ..model import normalize_label
from ..namespaces import ROG
from .lint_report import LintFinding, LintContext

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "abbreviation_long_form",
]


_ABBREVIATION = re.compile(r"^[A-Z][A-Za-z0-9&]{1,9}$")


_PARENTHESES = re.compile(r"\(([^()]{1,200})\)")


def _looks_like_abbreviation(token: str) -> bool:
    """Short, one word, starting with a capital, with at least two capitals: RCO, RevOps, HR."""
    return bool(_ABBREVIATION.match(token)) and sum(c.isupper() for c in token) >= 2


def abbreviation_long_form(short: str, long: str) -> str | None:
    """The part of ``long`` that ``short`` abbreviates, or ``None`` when it does not fit.

    The algorithm of Schwartz & Hearst (2003): every letter or digit of the abbreviation
    must appear in the long form in order, read from the end, and the first one must start
    a word.

    >>> abbreviation_long_form("RCO", "Revenue Cycle Operations")
    'Revenue Cycle Operations'
    >>> abbreviation_long_form("RevOps", "Revenue Operations")
    'Revenue Operations'
    >>> abbreviation_long_form("DevOps", "Revenue Operations") is None
    True
    """
    s_index, l_index = len(short) - 1, len(long) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            long[l_index].lower() != char or (s_index == 0 and l_index > 0 and long[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = max(long.rfind(" ", 0, l_index + 1), long.rfind("-", 0, l_index + 1)) + 1
    return long[start:]


def _term_before(text: str, short: str) -> tuple[str, str]:
    """The words before an opening parenthesis: (window to match, the capitalised term shown)."""
    words = text.split()
    window = " ".join(words[-min(len(short) + 5, 2 * len(short)):])
    term: list[str] = []
    for word in reversed(words[-(len(short) + 2):]):
        if not word[:1].isupper():
            break
        term.insert(0, word)
    return window, " ".join(term) or window


def _parenthesised(text: str) -> Iterator[tuple[str, str, str]]:
    """(abbreviation, term, quote) pairs written "Term (ABBR)" or "ABBR (Term words)" in ``text``."""
    for match in _PARENTHESES.finditer(text):
        inside = match.group(1).strip()
        before = text[: match.start()].rstrip()
        if _looks_like_abbreviation(inside):
            window, term = _term_before(before, inside)
            if window and abbreviation_long_form(inside, window) is None:
                yield inside, term, f"{term} ({inside})"
            continue
        words = before.split()
        if not words or len(inside.split()) < 2 or not re.fullmatch(r"[\w\s&-]+", inside):
            continue
        head = words[-1].split("-")[0]
        if _looks_like_abbreviation(head) and abbreviation_long_form(head, inside) is None:
            yield head, inside, f"{words[-1]} ({inside})"


def _fitting_abbreviations(ctx: LintContext, concept: URIRef) -> list[str]:
    alts = sorted({str(a) for a in ctx.graph.objects(concept, SKOS.altLabel) if _looks_like_abbreviation(str(a))})
    longs = _long_labels(ctx, concept)
    return [a for a in alts if any(abbreviation_long_form(a, t) for t in longs)]


def _long_labels(ctx: LintContext, concept: URIRef) -> list[str]:
    labels = [*ctx.graph.objects(concept, SKOS.prefLabel), *ctx.graph.objects(concept, SKOS.altLabel)]
    return sorted({str(t) for t in labels if not _looks_like_abbreviation(str(t))})


def check_abbreviations(ctx: LintContext) -> Iterator[LintFinding]:
    # Straight from the graph, not through Glossary.concepts(): only abbreviation-like
    # alternative labels and texts with a parenthesis need a closer look (100,000 concepts:
    # 14.6 s through Concept objects).
    g = ctx.graph
    for iri in ctx.glossary.concept_iris:
        alts = sorted(a for a in g.objects(iri, SKOS.altLabel) if isinstance(a, Literal) and _looks_like_abbreviation(str(a)))
        longs = _long_labels(ctx, iri) if alts else []
        for alt in alts:
            lang = alt.language or ""
            if longs and not any(abbreviation_long_form(str(alt), t) for t in longs):
                yield LintFinding(
                    "abbreviation-mismatch", "error", ctx.concept_label(iri),
                    f"the abbreviation {str(alt)!r} does not fit the term (its letters are not the initials of "
                    f"{' / '.join(repr(t) for t in longs)})",
                    f"correct or remove the skos:altLabel {str(alt)!r}@{lang}",
                    f"skos:altLabel@{lang}",
                )
        for prop, field in ((SKOS.prefLabel, "skos:prefLabel"), (SKOS.definition, "skos:definition")):
            for text in g.objects(iri, prop):
                if "(" not in text:
                    continue
                for short, term, quote in _parenthesised(str(text)):
                    lang = getattr(text, "language", None)
                    yield LintFinding(
                        "abbreviation-mismatch", "error", ctx.concept_label(iri),
                        f"{quote!r}: the abbreviation {short!r} does not fit {term!r}",
                        f"write the right abbreviation of {term!r} in the {field}",
                        f"{field}@{lang}" if lang else field,
                    )
    yield from check_source_abbreviations(ctx)


def check_source_abbreviations(ctx: LintContext) -> Iterator[LintFinding]:
    """The same check over the source sentences (rog:text), reported with their line."""
    g = ctx.graph
    for sentence in sorted(g.subjects(RDF.type, ROG.SourceSentence)):
        text = str(g.value(sentence, ROG.text) or "")
        line = g.value(sentence, ROG.line)
        where = f"source line {line}" if line is not None else f"source {ctx.qname(sentence)}"
        for short, term, quote in _parenthesised(text):
            owners = ctx.labelled(term)
            if len(owners) == 1:
                name, known = ctx.label(owners[0]), _fitting_abbreviations(ctx, owners[0])
            else:
                name, known = where, []
            better = f"the abbreviation of {term!r} is {' / '.join(known)}; " if known else ""
            yield LintFinding(
                "abbreviation-mismatch", "warning", name,
                f"the source writes {quote!r}: {short!r} does not abbreviate {term!r}",
                f"{better}do not adopt {short!r} as a label, and record the error in an skos:editorialNote",
                where,
            )


def check_duplicate_labels(ctx: LintContext) -> Iterator[LintFinding]:
    g = ctx.graph
    index: dict[str, dict[URIRef, set[tuple[str, str]]]] = {}
    for iri in ctx.glossary.concept_iris:
        for prop, kind in ((SKOS.prefLabel, "pref"), (SKOS.altLabel, "alt")):
            for label in g.objects(iri, prop):
                lang = getattr(label, "language", None) or ""
                index.setdefault(normalize_label(str(label)), {}).setdefault(iri, set()).add((kind, lang))
    for key, owners in sorted(index.items()):
        if len(owners) < 2:
            continue
        # an error when two concepts prefer the label in one language: count owners per language
        # (pairwise set intersections would be quadratic in the owners of a common label)
        pref_owners = Counter(lang for uses in owners.values() for lang in {lg for kind, lg in uses if kind == "pref"})
        clash = any(n > 1 for n in pref_owners.values())
        # labels may read the same ("arch, arch"): the IRIs tell the concepts apart
        names = [f"{ctx.label(o)} ({ctx.qname(o)})" for o in sorted(owners, key=ctx.qname)]
        shown = next(str(lbl) for o in sorted(owners) for p in (SKOS.prefLabel, SKOS.altLabel)
                     for lbl in sorted(g.objects(o, p)) if normalize_label(str(lbl)) == key)
        yield LintFinding(
            "duplicate-label", "error" if clash else "warning", ctx.label(min(owners, key=ctx.qname)),
            f"the label {shown!r} names {len(owners)} concepts: {', '.join(names[:-1])} and {names[-1]}",
            "give each concept its own label (skos:prefLabel), keep a shared one as skos:altLabel, "
            "or merge the concepts if they are one",
        )


def check_orphans(ctx: LintContext) -> Iterator[LintFinding]:
    """Concepts related to nothing. Outside RevOps data a concept scheme holds a flat code list
    together (skos:inScheme, skos:topConceptOf), as in the SKOS profile's orphan check."""
    linked = {n for s, _, o in ctx.glossary.relation_triples() for n in (s, o)}
    g = ctx.graph
    if not ctx.uses_rog:
        linked |= {s for p in (SKOS.inScheme, SKOS.topConceptOf) for s in g.subjects(p, None)}
        linked |= set(g.objects(None, SKOS.hasTopConcept))
    relations = "skos:broader or a rog: relation" if ctx.uses_rog else "skos:broader, skos:related or skos:inScheme"
    for iri in ctx.glossary.concept_iris:
        if iri not in linked:
            yield LintFinding(
                "orphan", "warning", ctx.concept_label(iri),
                "the concept has no relation to any other concept",
                f"relate it to another concept ({relations}), or drop it",
            )


#: Chains that must not loop: predicate -> direction (+1 subject to object, -1 reversed).
CHAINS: dict[str, dict[URIRef, int]] = {
    "broader": {SKOS.broader: 1, SKOS.broaderTransitive: 1, SKOS.narrower: -1, SKOS.narrowerTransitive: -1},
    "part-of": {ROG.comprises: 1, ROG.includes: 1, ROG.hasStage: 1,
                ROG.isComprisedBy: -1, ROG.isIncludedIn: -1, ROG.isStageOf: -1},
    "stage order": {ROG.precedes: 1, ROG.follows: -1},
}


def _shortest_loop(graph: nx.DiGraph, start: Node) -> list[Node]:
    """The shortest loop from ``start`` back to it (breadth first, neighbours in sorted order)."""
    parents: dict[Node, Node] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(graph.successors(node)):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return path[::-1]
            if nxt not in parents:
                parents[nxt] = node
                queue.append(nxt)
    return [start]  # unreachable for a node of a strongly connected component with a loop


def check_cycles(ctx: LintContext) -> Iterator[LintFinding]:
    """One finding per group of concepts that loop (strongly connected component).

    Listing every simple cycle (Johnson's algorithm) grows with the number of cycles, which
    is exponential in a tangled chain; the components are found in linear time, and each is
    shown by its shortest loop through its first concept by label.
    """
    import networkx as nx

    for chain, predicates in CHAINS.items():
        graph = nx.DiGraph()
        for predicate, direction in predicates.items():
            for s, o in ctx.graph.subject_objects(predicate):
                graph.add_edge(*((s, o) if direction > 0 else (o, s)))
        for component in nx.strongly_connected_components(graph):
            if len(component) == 1 and not any(graph.has_edge(n, n) for n in component):
                continue
            start = min(component, key=lambda n: (ctx.label(n).casefold(), str(n)))
            names = [ctx.label(n) for n in _shortest_loop(graph.subgraph(component), start)]
            yield LintFinding(
                "cycle", "error", names[0],
                f"{chain} chain loops: {' -> '.join([*names, names[0]])}",
                f"remove or reverse one {chain} link so the chain ends",
            )


_SKOS_PAIRS = frozenset({SKOS.broader, SKOS.narrower, SKOS.related, SKOS.broaderTransitive,
                         SKOS.narrowerTransitive, SKOS.exactMatch, SKOS.closeMatch,
                         SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch})


def check_inverses(ctx: LintContext) -> Iterator[LintFinding]:
    for prop in ctx.glossary.relation_predicates():
        if prop in _SKOS_PAIRS:  # SKOS declares these pairs itself
            continue
        decl = ctx.declaration(prop)
        if (prop, OWL.inverseOf, None) in decl or (None, OWL.inverseOf, prop) in decl:
            continue
        if (prop, RDF.type, OWL.SymmetricProperty) in decl:
            continue
        uses = sum(1 for _ in ctx.graph.triples((None, prop, None)))
        yield LintFinding(
            "missing-inverse", "warning", ctx.label(prop),
            f"{ctx.qname(prop)} is used {uses} time(s) but has no owl:inverseOf and is not an owl:SymmetricProperty",
            f"declare an inverse ({ctx.qname(prop)} owl:inverseOf ...) or make it symmetric",
        )


def check_open_gaps(ctx: LintContext) -> Iterator[LintFinding]:
    g = ctx.graph
    for gap in sorted(g.subjects(RDF.type, ROG.KnownGap)):
        if str(g.value(gap, ROG.status) or "") != "open":
            continue
        lines = sorted(int(n) for s in g.objects(gap, ROG.statedIn) for n in g.objects(s, ROG.line))
        where = ", ".join(f"source line {n}" for n in lines)
        owners = sorted(g.subjects(ROG.hasKnownGap, gap)) or [gap]
        for owner in owners:
            yield LintFinding(
                "open-gap", "info", ctx.label(owner),
                f"known gap still open: {ctx.label(gap)}",
                'fill it from a better source and set rog:status "closed"',
                where,
            )
