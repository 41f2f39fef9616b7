"""Result rows and their serializations (JSON, CSV, TSV)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib.query import ResultRow

from ..errors import QueryError
from ..io.convert import sparql_json_term

__all__ = [
    "RESULT_FORMATS",
    "Row",
    "Rows",
    "serialize_results",
]


#: One result row: values by position, by name (``row["label"]``) or attribute (``row.label``).
Row = ResultRow


class Rows(list[Row]):
    """The rows of a SELECT query, with the query's variables (also when there are no rows)."""

    def __init__(self, variables: Iterable[str], rows: Iterable[Row] = ()) -> None:
        super().__init__(rows)
        self.variables: tuple[str, ...] = tuple(variables)


#: Result formats of :func:`serialize_results`: the W3C SPARQL 1.1 JSON, CSV and TSV formats.
RESULT_FORMATS = ("json", "csv", "tsv")


def serialize_results(result: Rows | bool, fmt: str) -> bytes:
    """SELECT rows or an ASK answer in a W3C SPARQL 1.1 results format (json, csv, tsv).

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
    else:
        doc = {
            "head": {"vars": list(result.variables)},
            "results": {"bindings": [
                {k: sparql_json_term(v) for k, v in row.asdict().items() if v is not None} for row in result
            ]},
        }
    data = json.dumps(doc).encode("utf-8")
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=formats[fmt]) or b""
