"""explain: shortest relation chains between two concepts, worded, with their source sentences."""

from __future__ import annotations

import pytest
from rdflib import RDF
from typer.testing import CliRunner

from revops_graph import ConceptNotFound, Glossary
from revops_graph.analysis import explain
from revops_graph.cli import app
from revops_graph.namespaces import ROG_IRI

from analyze_fixtures import BASE


def test_forward_steps_use_the_asserted_property_and_parallel_relations_give_two_chains(small: Glossary) -> None:
    chains = explain(small, "CRM", "Marketing")
    assert [[s.sentence for s in c.steps] for c in chains] == [
        ["CRM system is a tool within Revenue operations", "Revenue operations comprises Marketing"],
        ["CRM system is a tool within Revenue operations", "Revenue operations is supported by Marketing"],
    ]
    assert [s.forward for s in chains[1].steps] == [True, False]
    # The step keeps the asserted triple, whichever way it is read.
    last = chains[1].steps[1]
    assert (last.subject.rsplit("/", 1)[1], last.predicate.rsplit("#", 1)[1], last.object.rsplit("/", 1)[1]) == (
        "marketing", "supports", "revenue-operations")


def test_backward_steps_use_the_inverse_label_from_the_vocabulary(small: Glossary) -> None:
    (chain,) = explain(small, "Sales", "CRM system")
    assert [s.sentence for s in chain.steps] == [
        "Sales is comprised by Revenue operations",
        "Revenue operations has tool CRM system",
    ]
    (german,) = explain(small, "Vertrieb", "crm-system", lang="de")
    assert [s.sentence for s in german.steps] == [
        "Vertrieb ist Bestandteil von Revenue Operations",
        "Revenue Operations hat als Tool CRM-System",
    ]


def test_each_step_carries_its_source_sentence_with_line_number(small: Glossary) -> None:
    (chain,) = explain(small, "RevOps", "Sales")
    (step,) = chain.steps
    assert [(s.line, s.text) for s in step.sources] == [(1, "Revenue Operations kombiniert Vertrieb und Marketing.")]
    assert chain.text() == (
        "1. Revenue operations comprises Sales.\n"
        "   line 1: \u201eRevenue Operations kombiniert Vertrieb und Marketing.\u201c"
    )


def test_unlinked_concepts_have_no_chain_and_unknown_labels_raise(small: Glossary) -> None:
    assert explain(small, "CRM", "Billing") == []
    assert explain(small, "RCO", "CRM") == []
    assert explain(small, "RCO", "Rechnungsstellung")[0].steps[0].sentence == "Revenue cycle operations includes Billing"
    with pytest.raises(ConceptNotFound, match="no concept is labelled 'Nope'"):
        explain(small, "Nope", "CRM")


def test_embedded_glossary_crm_to_sales_with_source_sentences(glossary: Glossary) -> None:
    chains = explain(glossary, "CRM", "Sales")
    assert [[s.sentence for s in c.steps] for c in chains] == [
        ["CRM system is a tool within Revenue operations", "Revenue operations comprises Sales"],
        ["CRM system is gone beyond by Revenue operations", "Revenue operations comprises Sales"],
    ]
    for chain in chains:
        for step in chain.steps:
            expected = _stated_in(glossary, step.subject, step.predicate, step.object)
            assert expected and [(s.line, s.text) for s in step.sources] == expected
    assert [s.line for s in chains[0].steps[0].sources] == [12]


def _stated_in(glossary: Glossary, s: object, p: object, o: object) -> list[tuple[int, str]]:
    """The (line, text) of the sentences a statement cites, asked with SPARQL, not the model."""
    rows = glossary.graph.query(
        """SELECT ?line ?text WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; rog:statedIn ?src .
                                      ?src rog:line ?line ; rog:text ?text } ORDER BY ?line""",
        initNs={"rdf": RDF, "rog": ROG_IRI}, initBindings={"s": s, "p": p, "o": o},
    )
    return [(int(line), str(text)) for line, text in rows]


def test_embedded_glossary_walks_journey_stages_through_their_lifecycle(glossary: Glossary) -> None:
    (chain,) = explain(glossary, "Lead-Generierung", "Kundenerweiterung", lang="de")
    assert [s.sentence for s in chain.steps] == [
        "Lead-Generierung ist Phase von Customer Journey",
        "Customer Journey hat Phase Kundenerweiterung",
    ]


def test_embedded_glossary_crm_to_billing_runs_through_revenue_generation(glossary: Glossary, runner: CliRunner) -> None:
    """The issue's example: CRM reaches billing through RevOps, revenue generation and RCO (line 9)."""
    chains = explain(glossary, "CRM", "Billing")
    assert chains
    for chain in chains:
        assert chain.steps[-2].sentence == "Revenue generation is comprised by Revenue cycle operations"
        assert chain.steps[-1].sentence == "Revenue cycle operations includes Billing"
        assert [s.line for s in chain.steps[-1].sources] == [9]
    result = runner.invoke(app, ["explain", "CRM", "Billing"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"CRM system \u2192 Billing: {len(chains)} shortest chains of {len(chains[0].steps)} steps")


def test_unlinked_concepts_are_a_clear_error(glossary: Glossary, runner: CliRunner) -> None:
    """The source never relates employee turnover to anything: no chain, exit 1."""
    assert explain(glossary, "CRM", "Fluktuation") == []
    result = runner.invoke(app, ["explain", "CRM", "Fluktuation"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "error: no chain of relations links 'CRM system' and 'Employee turnover': "
        "they lie in separate parts of the concept graph"
    )


def test_cli_prints_chains_and_honours_max(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "CRM", "Marketing", "--data", str(BASE), "--max", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "CRM system \u2192 Marketing: 2 shortest chains of 2 steps, showing 1\n"
        "\n"
        "Chain 1:\n"
        "1. CRM system is a tool within Revenue operations.\n"
        "   line 2: \u201eEin CRM-System ist ein Tool innerhalb von Revenue Operations.\u201c\n"
        "2. Revenue operations comprises Marketing.\n"
        "   line 1: \u201eRevenue Operations kombiniert Vertrieb und Marketing.\u201c\n"
    )


def test_cli_unknown_concept_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(app, ["explain", "CRM", "Quantum billing", "--data", str(BASE)])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: no concept is labelled 'Quantum billing'; did you mean 'Billing'?"


def test_same_concept_by_two_labels(small: Glossary, runner: CliRunner) -> None:
    assert [c.steps for c in explain(small, "CRM", "CRM-System")] == [()]
    result = runner.invoke(app, ["explain", "CRM", "crm system", "--data", str(BASE)])
    assert (result.exit_code, result.stdout) == (0, "'CRM' and 'crm system' are the same concept: CRM system\n")
