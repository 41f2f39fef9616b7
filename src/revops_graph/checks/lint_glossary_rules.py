"""Lint rules for a glossary's terms: abbreviations, duplicate labels, orphans, cycles, inverses, open gaps."""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..io.convert import in_rdflib_order
from ..model import normalize_label
from ..model.relations import int_value
from ..namespaces import ROG_IRI, SKOS_IRI as _SKOS
from .lint_report import RDF_TYPE, LintContext, LintFinding, text

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "abbreviation_long_form",
]


_PREF, _ALT, _DEFINITION = _SKOS + "prefLabel", _SKOS + "altLabel", _SKOS + "definition"
_INVERSE_OF = "http://www.w3.org/2002/07/owl#inverseOf"


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


def _fitting_abbreviations(ctx: LintContext, concept: str) -> list[str]:
    alts = sorted({text(a) for a in ctx.objects(concept, _ALT) if _looks_like_abbreviation(text(a))})
    longs = _long_labels(ctx, concept)
    return [a for a in alts if any(abbreviation_long_form(a, t) for t in longs)]


def _long_labels(ctx: LintContext, concept: str) -> list[str]:
    labels = [*ctx.objects(concept, _PREF), *ctx.objects(concept, _ALT)]
    return sorted({text(t) for t in labels if not _looks_like_abbreviation(text(t))})


def check_abbreviations(ctx: LintContext) -> Iterator[LintFinding]:
    # Straight from the graph, not through Glossary.concepts(): only abbreviation-like
    # alternative labels and texts with a parenthesis need a closer look (100,000 concepts:
    # 14.6 s through Concept objects).
    for iri in ctx.glossary.concept_keys:
        alts = [a for a in ctx.objects(iri, _ALT) if isinstance(a, ox.Literal) and _looks_like_abbreviation(a.value)]
        longs = _long_labels(ctx, iri) if alts else []
        for alt in alts:
            lang = alt.language or ""
            if longs and not any(abbreviation_long_form(alt.value, t) for t in longs):
                yield LintFinding(
                    "abbreviation-mismatch", "error", ctx.concept_label(iri),
                    f"the abbreviation {alt.value!r} does not fit the term (its letters are not the initials of "
                    f"{' / '.join(repr(t) for t in longs)})",
                    f"correct or remove the skos:altLabel {alt.value!r}@{lang}",
                    f"skos:altLabel@{lang}",
                )
        for prop, field in ((_PREF, "skos:prefLabel"), (_DEFINITION, "skos:definition")):
            for value in ctx.objects(iri, prop):
                if "(" not in text(value):
                    continue
                for short, term, quote in _parenthesised(text(value)):
                    lang = getattr(value, "language", None)
                    yield LintFinding(
                        "abbreviation-mismatch", "error", ctx.concept_label(iri),
                        f"{quote!r}: the abbreviation {short!r} does not fit {term!r}",
                        f"write the right abbreviation of {term!r} in the {field}",
                        f"{field}@{lang}" if lang else field,
                    )
    yield from check_source_abbreviations(ctx)


def check_source_abbreviations(ctx: LintContext) -> Iterator[LintFinding]:
    """The same check over the source sentences (rog:text), reported with their line."""
    for sentence in ctx.subjects(RDF_TYPE, ROG_IRI + "SourceSentence"):
        said = ctx.value(sentence, ROG_IRI + "text")
        line = ctx.value(sentence, ROG_IRI + "line")
        where = f"source line {text(line)}" if line is not None else f"source {ctx.qname(sentence)}"
        for short, term, quote in _parenthesised("" if said is None else text(said)):
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
    index: dict[str, dict[str, set[tuple[str, str]]]] = {}
    for iri in ctx.glossary.concept_keys:
        for prop, kind in ((_PREF, "pref"), (_ALT, "alt")):
            for label in ctx.objects(iri, prop):
                lang = getattr(label, "language", None) or ""
                index.setdefault(normalize_label(text(label)), {}).setdefault(iri, set()).add((kind, lang))
    for key, owners in sorted(index.items()):
        if len(owners) < 2:
            continue
        # an error when two concepts prefer the label in one language: count owners per language
        # (pairwise set intersections would be quadratic in the owners of a common label)
        pref_owners = Counter(lang for uses in owners.values() for lang in {lg for kind, lg in uses if kind == "pref"})
        clash = any(n > 1 for n in pref_owners.values())
        # labels may read the same ("arch, arch"): the IRIs tell the concepts apart
        names = [f"{ctx.label(o)} ({ctx.qname(o)})" for o in sorted(owners, key=ctx.qname)]
        shown = next(text(lbl) for o in sorted(owners) for p in (_PREF, _ALT)
                     for lbl in in_rdflib_order(ctx.objects(o, p)) if normalize_label(text(lbl)) == key)
        yield LintFinding(
            "duplicate-label", "error" if clash else "warning", ctx.label(min(owners, key=ctx.qname)),
            f"the label {shown!r} names {len(owners)} concepts: {', '.join(names[:-1])} and {names[-1]}",
            "give each concept its own label (skos:prefLabel), keep a shared one as skos:altLabel, "
            "or merge the concepts if they are one",
        )


def _skos_concepts(ctx: LintContext) -> list[str]:
    """The glossary's SKOS concepts (its classes and properties have the OOPS! rules)."""
    return list(ctx.glossary.terms.concepts)


def check_orphans(ctx: LintContext) -> Iterator[LintFinding]:
    """Concepts related to nothing. Outside RevOps data a concept scheme holds a flat code list
    together (skos:inScheme, skos:topConceptOf), as in the SKOS profile's orphan check."""
    linked = {n for s, _, o in ctx.glossary.relation_keys() for n in (s, o)}
    if not ctx.uses_rog:
        iris = (q.subject for p in ("inScheme", "topConceptOf") for q in ctx.quads(None, _SKOS + p, None))
        linked |= {s.value for s in iris if isinstance(s, ox.NamedNode)}
        tops = (q.object for q in ctx.quads(None, _SKOS + "hasTopConcept", None))
        linked |= {o.value for o in tops if isinstance(o, ox.NamedNode)}
    relations = "skos:broader or a rog: relation" if ctx.uses_rog else "skos:broader, skos:related or skos:inScheme"
    for iri in _skos_concepts(ctx):
        if iri not in linked:
            yield LintFinding(
                "orphan", "warning", ctx.concept_label(iri),
                "the concept has no relation to any other concept",
                f"relate it to another concept ({relations}), or drop it",
            )


#: Chains that must not loop: predicate -> direction (+1 subject to object, -1 reversed).
CHAINS: dict[str, dict[str, int]] = {
    "broader": {_SKOS + "broader": 1, _SKOS + "broaderTransitive": 1, _SKOS + "narrower": -1, _SKOS + "narrowerTransitive": -1},
    "part-of": {ROG_IRI + "comprises": 1, ROG_IRI + "includes": 1, ROG_IRI + "hasStage": 1,
                ROG_IRI + "isComprisedBy": -1, ROG_IRI + "isIncludedIn": -1, ROG_IRI + "isStageOf": -1},
    "stage order": {ROG_IRI + "precedes": 1, ROG_IRI + "follows": -1},
}


def _shortest_loop(graph: nx.DiGraph, start: ox.Term) -> list[ox.Term]:
    """The shortest loop from ``start`` back to it (breadth first, neighbours in rdflib's order)."""
    parents: dict[ox.Term, ox.Term] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in in_rdflib_order(graph.successors(node)):
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
            for q in ctx.quads(None, predicate, None):
                graph.add_edge(*((q.subject, q.object) if direction > 0 else (q.object, q.subject)))
        for component in nx.strongly_connected_components(graph):
            if len(component) == 1 and not any(graph.has_edge(n, n) for n in component):
                continue
            start = min(component, key=lambda n: (ctx.label(n).casefold(), text(n)))
            names = [ctx.label(n) for n in _shortest_loop(graph.subgraph(component), start)]
            yield LintFinding(
                "cycle", "error", names[0],
                f"{chain} chain loops: {' -> '.join([*names, names[0]])}",
                f"remove or reverse one {chain} link so the chain ends",
            )


_SKOS_PAIRS = frozenset(_SKOS + p for p in ("broader", "narrower", "related", "broaderTransitive", "narrowerTransitive",
                                            "exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"))


def check_inverses(ctx: LintContext) -> Iterator[LintFinding]:
    for prop in sorted({p for _, p, _ in ctx.glossary.relation_keys()}):
        if prop in _SKOS_PAIRS:  # SKOS declares these pairs itself
            continue
        decl = ctx.declaration(prop)
        if ctx.has(prop, _INVERSE_OF, None, decl) or ctx.has(None, _INVERSE_OF, prop, decl):
            continue
        if ctx.has(prop, RDF_TYPE, "http://www.w3.org/2002/07/owl#SymmetricProperty", decl):
            continue
        uses = sum(1 for _ in ctx.quads(None, prop, None))
        yield LintFinding(
            "missing-inverse", "warning", ctx.label(prop),
            f"{ctx.qname(prop)} is used {uses} time(s) but has no owl:inverseOf and is not an owl:SymmetricProperty",
            f"declare an inverse ({ctx.qname(prop)} owl:inverseOf ...) or make it symmetric",
        )


def check_open_gaps(ctx: LintContext) -> Iterator[LintFinding]:
    for gap in ctx.subjects(RDF_TYPE, ROG_IRI + "KnownGap"):
        status = ctx.value(gap, ROG_IRI + "status")
        if status is None or text(status) != "open":
            continue
        numbers = (int_value(n) for s in ctx.objects(gap, ROG_IRI + "statedIn") if not isinstance(s, ox.Literal)
                   for n in ctx.objects(s, ROG_IRI + "line"))
        lines = sorted(n for n in numbers if n is not None)
        where = ", ".join(f"source line {n}" for n in lines)
        owners = ctx.subjects(ROG_IRI + "hasKnownGap", gap) or [gap]
        for owner in owners:
            yield LintFinding(
                "open-gap", "info", ctx.label(owner),
                f"known gap still open: {ctx.label(gap)}",
                'fill it from a better source and set rog:status "closed"',
                where,
            )
