"""explain on a vocabulary that states broader and narrower both ways and records no sources."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import SKOS

from revops_graph.analysis import explain
from revops_graph.cli import app
from revops_graph.model import load_glossary

SKOS_FILE = Path(__file__).parent / "data" / "vocabularies" / "tri-lingual-skos.ttl"


def test_a_relation_and_its_stated_inverse_are_one_step() -> None:
    glossary = load_glossary([SKOS_FILE])
    child = glossary.find("Cordes frottées")
    (parent,) = [o for o in glossary.graph.objects(child.iri, SKOS.broader) if isinstance(o, URIRef)]
    assert (parent, SKOS.narrower, child.iri) in glossary.graph  # the data states both directions
    chains = explain(glossary, child, glossary.concept(parent), lang="fr")
    assert len(chains) == 1 and len(chains[0]) == 1
    assert "(no source sentence recorded)" not in chains[0].text()


def test_explain_command_prints_each_chain_once(runner) -> None:
    result = runner.invoke(app, ["explain", "--data", str(SKOS_FILE), "Cordes frottées", "Instruments à cordes",
                                 "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "1 shortest chain" in result.output and "Chain 2" not in result.output
    assert "no source sentence" not in result.output
