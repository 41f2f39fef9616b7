"""Result rows and their serializations (JSON, CSV, TSV).

A store answers in pyoxigraph terms (:class:`~revops_graph.store.base.SelectResult`);
:class:`Rows` turns them into rdflib ``ResultRow`` terms for a Python caller, and only then is
rdflib imported. :func:`serialize_results` writes either form, so the command line writes
an answer without rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..errors import QueryError
from ..io.convert import sparql_json_term
from ..store.base import SelectResult

if TYPE_CHECKING:
    from rdflib.query import ResultRow as Row

__all__ = [
    "RESULT_FORMATS",
    "Row",
    "Rows",
    "serialize_results",
]


def __getattr__(name: str) -> Any:
    # ``Row`` is rdflib's ResultRow: one result row, its values by position, by name
    # (``row["label"]``) or attribute (``row.label``); rdflib loads when it is asked for.
    if name == "Row":
        from rdflib.query import ResultRow

        return ResultRow
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Rows(list["Row"]):
    """The rows of a SELECT query, with the query's variables (also when there are no rows)."""

    def __init__(self, variables: Iterable[str], rows: Iterable[Row] = ()) -> None:
        super().__init__(rows)
        self.variables: tuple[str, ...] = tuple(variables)

    @classmethod
    def of(cls, result: SelectResult) -> Rows:
        """``result``'s rows as rdflib ``ResultRow`` terms (rdflib terms)."""
        from rdflib import Variable
        from rdflib.query import ResultRow

        labels = {Variable(v): i for i, v in enumerate(result.variables)}
        return cls(result.variables, (
            ResultRow({Variable(v): t for v, t in zip(result.variables, row) if t is not None}, labels)  # type: ignore[arg-type]
            for row in result.rows
        ))


#: Result formats of :func:`serialize_results`: the W3C SPARQL 1.1 JSON, CSV and TSV formats.
RESULT_FORMATS = ("json", "csv", "tsv")


def serialize_results(result: Rows | SelectResult | bool, fmt: str) -> bytes:
    """SELECT rows (rdflib's :class:`Rows` or a store's :class:`SelectResult`) or an ASK answer
    in a W3C SPARQL 1.1 results format (json, csv, tsv).

    The answer is written as SPARQL JSON here and pyoxigraph writes the format asked for,
    so all three come from one serializer (rdflib has no TSV writer, and its result
    writers pull in its SPARQL engine).
    """
    import json

    import pyoxigraph as ox

    formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    if fmt not in formats:
        raise QueryError(f"unknown result format {fmt!r} (choose one of {', '.join(RESULT_FORMATS)})")
    if isinstance(result, bool):
        doc: dict[str, object] = {"head": {}, "boolean": result}
    elif isinstance(result, SelectResult):
        names = result.variables
        doc = {
            "head": {"vars": list(names)},
            "results": {"bindings": [
                {k: sparql_json_term(v) for k, v in zip(names, row) if v is not None} for row in result.terms
            ]},
        }
    else:
        doc = {
            "head": {"vars": list(result.variables)},
            "results": {"bindings": [
                {k: sparql_json_term(v) for k, v in row.asdict().items() if v is not None} for row in result
            ]},
        }
    data = json.dumps(doc).encode("utf-8")
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=formats[fmt]) or b""
