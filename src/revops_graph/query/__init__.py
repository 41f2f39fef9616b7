"""Named and ad-hoc SPARQL over any :class:`~revops_graph.store.Store`.

One function per query form, each with one return type (``run``):

- :func:`select` -> :class:`Rows` (a list of rdflib ``ResultRow``); :func:`select_terms` ->
  the store's :class:`~revops_graph.store.SelectResult` in pyoxigraph terms (no rdflib),
- :func:`ask` -> ``bool``,
- :func:`construct` -> ``rdflib.Graph`` (CONSTRUCT and DESCRIBE).

Before anything runs, the query is parsed with rdflib's SPARQL parser and its algebra
inspected (``guard``): updates are refused unless ``allow_update``; SERVICE, LOAD and FROM /
FROM NAMED (which rdflib would fetch from any URL, ``file://`` included) unless
``allow_network``. Parameters are RDF terms handed to the store as bindings, never text
pasted into the query (``params``). Every query runs under a time limit. Named queries are
``.rq`` files with a header (``named``); answers serialize as JSON, CSV or TSV (``results``).

>>> from revops_graph.model import load_glossary
>>> from revops_graph.store import MemoryStore
>>> from revops_graph.query import named_query, select
>>> rows = select(MemoryStore(load_glossary()), named_query("parts"), {"concept": "RevOps"})
>>> [str(r.label) for r in rows]
['Customer success', 'Marketing', 'Sales']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .guard import check as check, explain_syntax_error as explain_syntax_error
    from .named import (
        PARAM_TYPES as PARAM_TYPES,
        NamedQuery as NamedQuery,
        Param as Param,
        named_queries as named_queries,
        named_query as named_query,
        parse_header as parse_header,
    )
    from .results import RESULT_FORMATS as RESULT_FORMATS, Row as Row, Rows as Rows, serialize_results as serialize_results
    from .run import (
        DEFAULT_TIMEOUT as DEFAULT_TIMEOUT, ask as ask, construct as construct, labels as labels, select as select,
        select_terms as select_terms, update as update,
    )

_EXPORTS = {
    "DEFAULT_TIMEOUT": "run",
    "NamedQuery": "named",
    "PARAM_TYPES": "named",
    "Param": "named",
    "RESULT_FORMATS": "results",
    "Row": "results",
    "Rows": "results",
    "ask": "run",
    "check": "guard",
    "explain_syntax_error": "guard",
    "construct": "run",
    "labels": "run",
    "named_queries": "named",
    "named_query": "named",
    "parse_header": "named",
    "select": "run",
    "select_terms": "run",
    "serialize_results": "results",
    "update": "run",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
