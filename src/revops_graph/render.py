"""The concept map: one self-contained HTML page (vis-network inlined, no network).

A first version: nodes are concepts labelled in one language, edges are relations with
their labels; the data is embedded as JSON escaped for a <script> block.
"""

from __future__ import annotations

import json
from importlib.resources import files

from .analysis import concept_graph
from .model import Glossary

__all__ = ["render_map"]


def _vis_network_js() -> str:
    # pyvis ships vis-network; inlining it keeps the page offline and self-contained.
    return files("pyvis").joinpath("lib/vis-9.1.2/vis-network.min.js").read_text(encoding="utf-8")


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no "</script>", no HTML comment openers."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_map(glossary: Glossary, lang: str = "en") -> str:
    """The concept map of ``glossary`` as an HTML page (a string)."""
    graph = concept_graph(glossary, lang)
    nodes = [{"id": n, "label": d["label"], "group": d["kind"], "title": d["kind"]} for n, d in sorted(graph.nodes(data=True))]
    edges = [
        {"from": u, "to": v, "label": d["label"], "arrows": "to"}
        for u, v, d in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["predicate"]))
    ]
    data = _script_json({"nodes": nodes, "edges": edges})
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>revops-graph concept map</title>
<style>html,body,#map{{margin:0;height:100%;width:100%;font-family:sans-serif}}</style>
<script>{_vis_network_js()}</script>
</head>
<body>
<div id="map"></div>
<script>
const data = {data};
window.network = new vis.Network(document.getElementById("map"),
  {{nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}},
  {{layout: {{randomSeed: 7}}, physics: {{stabilization: {{iterations: 200}}}}}});
</script>
</body>
</html>
"""
