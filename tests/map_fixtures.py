"""Graphs for the concept-map tests: a synthetic glossary of any size, hostile labels."""

from __future__ import annotations

import json
import re

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, RDFS, SKOS

from revops_graph.model import Glossary
from revops_graph.namespaces import ROG

EX = Namespace("http://example.org/synthetic/")
KINDS = (ROG.Process, ROG.Tool, ROG.Metric, ROG.Outcome, ROG.Resource)

XSS_LABEL = """<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> 'quoted' & "double\""""


def synthetic_glossary(n: int, *, hostile: bool = False) -> Glossary:
    """``n`` concepts of five kinds: a broader-tree (fan-out 4) plus one association per three.

    Labels are "Begriff i"@de / "Concept i"@en; with ``hostile`` concept 1 is labelled
    and defined with markup that must never run.
    """
    g = Graph()
    for kind in KINDS:
        g.add((kind, RDFS.subClassOf, SKOS.Concept))
    for i in range(n):
        c = EX[f"c{i}"]
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, RDF.type, KINDS[i % len(KINDS)]))
        g.add((c, SKOS.prefLabel, Literal(f"Begriff {i}", lang="de")))
        g.add((c, SKOS.prefLabel, Literal(f"Concept {i}", lang="en")))
        g.add((c, SKOS.definition, Literal(f"Definition of concept {i}.", lang="en")))
        if i:
            g.add((c, SKOS.broader, EX[f"c{(i - 1) // 4}"]))
        if i % 3 == 0 and (i * 7919) % n != i:
            g.add((c, ROG.supports, EX[f"c{(i * 7919) % n}"]))
    if hostile and n > 1:
        c = EX["c1"]
        g.remove((c, SKOS.prefLabel, None))
        g.add((c, SKOS.prefLabel, Literal(XSS_LABEL, lang="en")))
        g.add((c, SKOS.prefLabel, Literal(XSS_LABEL + " de", lang="de")))
        g.add((c, SKOS.altLabel, Literal("</script><script>window.__pwned=1</script>", lang="en")))
        g.add((c, SKOS.definition, Literal("\u2028<b onmouseover=window.__pwned=1>bold</b>", lang="de")))
    return Glossary(g)


def page_data(page: str) -> dict:
    """The JSON a map page embeds (escaped for <script>, still valid JSON)."""
    found = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S)
    assert found, "the page embeds no map data"
    return json.loads(found.group(1))
