"""SPARQL by rdflib over a Python user's own rdflib ``Graph``: queries see it, updates change it."""

from __future__ import annotations

from rdflib import Graph

from ..namespaces import bind_prefixes
from .base import (
    GRAPH_FORMS,
    Answer,
    Bindings,
    SelectResult,
    Store,
    parsed_query,
    reported,
    run_with_limit,
)

__all__ = [
    "RdflibGraphStore",
]


class RdflibGraphStore(Store):
    """An rdflib graph queried in this process by rdflib (``MemoryStore(graph)`` gives one)."""

    name = "memory"

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        from rdflib import Variable
        from rdflib.term import Identifier

        from ..io.convert import from_oxigraph

        # parameters may come as pyoxigraph terms (the query layer's): rdflib wants its own
        init = {Variable(name): term if isinstance(term, Identifier) else from_oxigraph(term)  # type: ignore[arg-type]
                for name, term in bindings.items()}

        def work() -> Answer:
            result = self.graph.query(parsed_query(query), initBindings=init)
            if form == "ASK":
                return bool(result.askAnswer)
            if form in GRAPH_FORMS:
                graph = bind_prefixes(Graph())
                for triple in result:
                    graph.add(triple)  # type: ignore[arg-type]
                return graph
            variables = tuple(str(v) for v in (result.vars or ()))
            return SelectResult(variables, [tuple(row) for row in result])  # type: ignore[arg-type]

        return run_with_limit(reported(work), timeout)

    def update(self, update: str, timeout: float) -> None:
        run_with_limit(reported(lambda: self.graph.update(update)), timeout)
