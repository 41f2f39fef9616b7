"""The in-memory backend: SPARQL over the rdflib graph of a glossary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Graph

from ..namespaces import bind_prefixes
from .base import (
    GRAPH_FORMS,
    Answer,
    Bindings,
    SelectResult,
    Store,
    reported,
    run_with_limit,
    parsed_query,
)

if TYPE_CHECKING:

    from ..model import Glossary

__all__ = [
    "MemoryStore",
]


class MemoryStore(Store):
    """The rdflib graph of a glossary, queried in this process (the default)."""

    name = "memory"

    def __init__(self, glossary: Glossary | Graph) -> None:
        self.graph: Graph = glossary if isinstance(glossary, Graph) else glossary.graph

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        from rdflib import Variable

        init = {Variable(name): term for name, term in bindings.items()}

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
