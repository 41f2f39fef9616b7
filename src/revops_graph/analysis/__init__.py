"""Analysis of a vocabulary's graph: the networkx projection (``graph``), the chains that
link two concepts (``chains``), network measures (``measures``), the difference between two
versions (``diff``) and the glossary's metrics with their formulas (``metrics``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .chains import explain as explain
    from .diff import diff_glossaries as diff_glossaries
    from .graph import concept_graph as concept_graph, to_gexf as to_gexf, to_graphml as to_graphml
    from .measures import analyze as analyze, annotated_graph as annotated_graph
    from .metrics import compute as compute, find_metric as find_metric

_EXPORTS = {
    "analyze": "measures",
    "annotated_graph": "measures",
    "compute": "metrics",
    "concept_graph": "graph",
    "diff_glossaries": "diff",
    "explain": "chains",
    "find_metric": "metrics",
    "to_gexf": "graph",
    "to_graphml": "graph",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
