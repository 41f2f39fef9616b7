"""Lint rules do work linear in the glossary, counted in Python steps (calls and lines) rather than timed.

The synthetic glossary is built to hit what used to be quadratic or worse: one label shared
by every concept (pairwise comparison of its owners), a hub related to every concept with
reified statements (a scan of the hub's statements per relation), and a tangled broader
chain with exponentially many simple cycles (listing them all).
"""

from __future__ import annotations

import sys

import networkx  # noqa: F401  (imported here so that its import is not counted as a rule's work)
import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, SKOS

from revops_graph.checks.lint import RULES
from revops_graph.checks.lint_report import LintContext as _Context
from revops_graph.model import Glossary
from revops_graph.namespaces import ROG

EX = Namespace("https://example.org/scale/")
SMALL, LARGE = 60, 240  # four times the concepts


def tangled_glossary(n: int) -> Glossary:
    g = Graph()
    for i in range(n):
        c = EX[f"c{i}"]
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, RDF.type, ROG.Process))
        g.add((c, SKOS.prefLabel, Literal("Shared term", lang="en")))
        g.add((c, SKOS.prefLabel, Literal(f"Begriff {i}", lang="de")))
        g.add((c, SKOS.altLabel, Literal(f"ST{i}", lang="en")))
        # i -> i+1 and i -> i+2 around a ring: one loop group, exponentially many simple cycles
        g.add((c, SKOS.broader, EX[f"c{(i + 1) % n}"]))
        g.add((c, SKOS.broader, EX[f"c{(i + 2) % n}"]))
        if i:
            g.add((EX.c0, ROG.comprises, c))
            st = EX[f"st{i}"]
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, EX.c0))
            g.add((st, RDF.predicate, ROG.comprises))
            g.add((st, RDF.object, c))
            g.add((st, ROG.statedIn, EX.src))
    return Glossary(g)


class Budget(Exception):
    pass


def count_steps(fn, budget: float = float("inf")) -> int:
    """Python work done by ``fn()``: function calls, generator resumptions and lines run."""
    steps = 0

    def trace(frame, event, arg):
        nonlocal steps
        steps += 1
        if steps > budget:
            raise Budget(f"more than {budget:.0f} steps")
        return trace

    sys.settrace(trace)
    try:
        fn()
    finally:
        sys.settrace(None)
    return steps


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_lint_rule_work_grows_linearly(rule_id):
    def run(n: int):
        ctx = _Context(tangled_glossary(n))
        ctx.vocabulary  # the vocabulary is loaded once whatever the size: not the rule's work
        return lambda: list(RULES[rule_id].check(ctx))

    small = count_steps(run(SMALL), budget=20_000 * SMALL)  # a few thousand steps per concept at most
    # linear: four times the concepts, at most about four times the steps (plus slack for
    # sorting's n log n); a quadratic rule makes 16x, and the budget stops an exponential one
    large = count_steps(run(LARGE), budget=6 * small + 1000)
    assert large <= 5.5 * small + 1000, (small, large)


def test_tangled_chain_is_one_finding_with_its_shortest_loop():
    ctx = _Context(tangled_glossary(SMALL))
    findings: list = []
    count_steps(lambda: findings.extend(RULES["cycle"].check(ctx)), budget=20_000 * SMALL)
    assert len(findings) == 1
    # c0 has the first label; its shortest way back: c0 -> c2 -> ... in steps of two (n even)
    loop = findings[0].message.split(": ", 1)[1].split(" -> ")
    assert loop[0] == loop[-1] == "Shared term"
    assert len(loop) == SMALL // 2 + 1


def test_shared_label_is_still_an_error_when_two_concepts_prefer_it_in_one_language():
    ctx = _Context(tangled_glossary(SMALL))
    (finding,) = [f for f in RULES["duplicate-label"].check(ctx) if "'Shared term'" in f.message]
    assert finding.severity == "error"
    assert f"names {SMALL} concepts" in finding.message

