"""analyze: centrality, components, communities and bridges; deterministic GraphML/GEXF export."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from revops_graph import Glossary, load_glossary
from revops_graph.analysis import analyze, annotated_graph, concept_graph, to_gexf, to_graphml
from revops_graph.cli import app

from analyze_fixtures import BASE, DATA


def _by_label(result) -> dict:
    return {c.label: c for c in result.concepts}


def test_small_glossary_scores_components_and_bridges(small: Glossary) -> None:
    result = analyze(small)
    scores = _by_label(result)
    # Revenue operations: is-tool-within, 2 x comprises, supports.
    assert {label: c.degree for label, c in scores.items()} == {
        "Revenue operations": 4, "Marketing": 2, "Share of revenue from operations": 2, "CRM system": 1,
        "Sales": 1, "Revenue cycle operations": 1, "Billing": 1, "Operating revenue": 1, "Total revenue": 1,
    }
    # Betweenness, normalised by (n-1)(n-2)/2 = 28 pairs: the hub of three leaves lies on 3, of two on 1.
    assert scores["Revenue operations"].betweenness == round(3 / 28, 6)
    assert scores["Share of revenue from operations"].betweenness == round(1 / 28, 6)
    assert scores["Billing"].betweenness == 0
    assert result.concepts[0].label == "Revenue operations"
    assert sum(c.pagerank for c in result.concepts) == pytest.approx(1, abs=1e-5)
    labels = [[result.label(n) for n in members] for members in result.components]
    assert labels == [
        ["CRM system", "Marketing", "Revenue operations", "Sales"],
        ["Operating revenue", "Share of revenue from operations", "Total revenue"],
        ["Billing", "Revenue cycle operations"],
    ]
    assert result.relations == 7
    # Every edge of a tree is a bridge; the two parallel relations of Marketing make one edge.
    assert sorted((result.label(b.a), result.label(b.b), b.separates) for b in result.bridges) == [
        ("Billing", "Revenue cycle operations", 1),
        ("CRM system", "Revenue operations", 1),
        ("Marketing", "Revenue operations", 1),
        ("Operating revenue", "Share of revenue from operations", 1),
        ("Revenue operations", "Sales", 1),
        ("Share of revenue from operations", "Total revenue", 1),
    ]
    # A community never spans two components.
    for members in result.communities:
        assert len({scores[result.label(m)].component for m in members}) == 1


def test_embedded_glossary_central_concepts_and_structure(glossary: Glossary) -> None:
    result = analyze(glossary)
    assert [c.label for c in result.concepts[:2]] == ["Revenue operations", "RevOps operating model"]
    graph = concept_graph(glossary)
    assert result.concepts[0].degree == graph.degree("https://w3id.org/revops-graph/glossary/revenue-operations")
    simple = nx.Graph(graph.to_undirected())
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), sorted(c)))
    assert [len(c) for c in result.components] == [len(c) for c in components]
    # The source never relates employee turnover to anything else: it stands alone.
    assert [result.label(m) for m in result.components[-1]] == ["Employee turnover"]
    assert len(result.bridges) == sum(1 for _ in nx.bridges(simple))
    top = result.bridges[0]
    # RevOps reaches RCO only through the optimisation of revenue generation (line 6), which RCO
    # comprises (line 9): cutting that link separates revenue generation, RCO, its three processes
    # and its cycle.
    assert (result.label(top.a), result.label(top.b), top.separates) == ("Optimisation", "Revenue generation", 6)
    assert sorted(m for c in result.communities for m in c) == sorted(graph.nodes)


def test_analysis_is_deterministic(glossary: Glossary) -> None:
    first, second = analyze(glossary), analyze(load_glossary())
    assert first == second
    graph = annotated_graph(glossary, first)
    assert to_gexf(graph) == to_gexf(annotated_graph(load_glossary(), second))
    assert to_graphml(graph) == to_graphml(annotated_graph(load_glossary(), second))


def test_gexf_and_graphml_carry_the_measures(glossary: Glossary) -> None:
    result = analyze(glossary)
    graph = annotated_graph(glossary, result)
    gexf = to_gexf(graph)
    assert b"lastmodifieddate" not in gexf
    root = ET.fromstring(gexf)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    assert len(root.findall(".//g:node", ns)) == len(glossary.concept_iris)
    assert len(root.findall(".//g:edge", ns)) == len(glossary.all_relations())
    back = nx.read_graphml(io.BytesIO(to_graphml(graph)))
    revops = back.nodes["https://w3id.org/revops-graph/glossary/revenue-operations"]
    assert revops["pagerank"] == result.concepts[0].pagerank
    assert revops["degree"] == concept_graph(glossary).degree("https://w3id.org/revops-graph/glossary/revenue-operations")


def test_cli_json_top_and_exports_written(runner: CliRunner, tmp_path: Path) -> None:
    graphml, gexf = tmp_path / "g.graphml", tmp_path / "out" / "g.gexf"
    gexf.parent.mkdir()  # an output file's folder must exist (only --out DIR is created)
    result = runner.invoke(app, ["analyze", "--format", "json", "--top", "3", "--graphml", str(graphml), "--gexf", str(gexf)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [c["label"] for c in document["central_concepts"]] == [
        "Revenue operations", "RevOps operating model", "Revenue cycle operations"]
    assert len(document["bridges"]) == 3
    glossary = load_glossary()
    simple = nx.Graph(concept_graph(glossary).to_undirected())
    assert document["summary"] == {
        "betweenness_sample": None, "bridges": sum(1 for _ in nx.bridges(simple)),
        "communities": len(document["communities"]), "components": nx.number_connected_components(simple),
        "concepts": len(glossary.concept_iris), "relations": len(glossary.all_relations())}
    assert result.stdout == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert graphml.read_bytes().startswith(b"<?xml") and gexf.read_bytes().startswith(b"<?xml")
    again = runner.invoke(app, ["analyze", "--format", "json", "--top", "3"])
    assert again.stdout == result.stdout


def test_cli_table_on_small_glossary(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", "--data", str(BASE), "--top", "2", "--lang", "en"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("9 concepts, 7 relations, 3 connected components, ")
    assert "  1. (4) CRM system, Marketing, Revenue operations, Sales" in out
    assert "  3. (2) Billing, Revenue cycle operations" in out
    assert out.count("cuts off 1") == 2


def test_cli_export_failure_leaves_earlier_file_untouched(runner: CliRunner, tmp_path: Path) -> None:
    graphml = tmp_path / "g.graphml"
    graphml.write_bytes(b"previous")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["analyze", "--graphml", str(graphml), "--gexf", str(blocker / "g.gexf")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert graphml.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "g.graphml"]


def test_cli_unreadable_glossary(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", "--data", str(DATA / "broken.ttl")])
    assert result.exit_code == 2
    assert f"{DATA / 'broken.ttl'}:4:1:" in result.stderr


def test_betweenness_is_exact_and_deterministic_at_any_size(small: Glossary) -> None:
    first, second = analyze(small), analyze(load_glossary([BASE]))
    assert first.betweenness_sample is None and first.to_dict()["summary"]["betweenness_sample"] is None
    assert first == second
