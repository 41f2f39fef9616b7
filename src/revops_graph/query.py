"""Named and ad-hoc SPARQL over any :class:`~revops_graph.store.Store`.

One function per query form, each with one return type:

- :func:`select` -> :class:`Rows` (a list of rdflib ``ResultRow``),
- :func:`ask` -> ``bool``,
- :func:`construct` -> ``rdflib.Graph`` (CONSTRUCT and DESCRIBE).

Before anything runs, the query is parsed with rdflib's SPARQL parser and its algebra
inspected: updates are refused unless ``allow_update``; SERVICE, LOAD and FROM /
FROM NAMED (which rdflib would fetch from any URL, ``file://`` included) unless
``allow_network``. Parameters are RDF terms handed to the store as bindings, never text
pasted into the query. Every query runs under a time limit.

>>> from revops_graph.model import load_glossary
>>> from revops_graph.store import MemoryStore
>>> rows = select(MemoryStore(load_glossary()), named_query("parts"), {"concept": "RevOps"})
>>> [str(r.label) for r in rows]
['Customer success', 'Marketing', 'Sales']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Union

from rdflib import Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import ResultRow
from rdflib.term import Node

from . import resources
from .errors import QueryError
from .namespaces import PREFIXES
from .store import GRAPH_FORMS, SelectResult, Store, inject_values, parsed_query

__all__ = [
    "DEFAULT_TIMEOUT",
    "PARAM_TYPES",
    "RESULT_FORMATS",
    "NamedQuery",
    "Param",
    "Row",
    "Rows",
    "ask",
    "check",
    "construct",
    "labels",
    "named_queries",
    "named_query",
    "parse_header",
    "select",
    "serialize_results",
    "update",
]

#: Seconds a query may run before it is stopped.
DEFAULT_TIMEOUT = 30.0

#: One result row: values by position, by name (``row["label"]``) or attribute (``row.label``).
Row = ResultRow

#: Parameter types a named query may declare, and what a value given as text becomes.
PARAM_TYPES: dict[str, str] = {
    "concept": "a concept: its label in either language, a CURIE (revops:sales) or an IRI",
    "class": "a class: its label (Tool, Kennzahl), a CURIE (rog:Tool) or an IRI",
    "iri": "an IRI or a CURIE",
    "string": "a plain string literal",
    "integer": "an xsd:integer",
    "decimal": "an xsd:decimal",
    "boolean": "true or false",
}

QueryText = Union["NamedQuery", str]


class Rows(list[Row]):
    """The rows of a SELECT query, with the query's variables (also when there are no rows)."""

    def __init__(self, variables: Iterable[str], rows: Iterable[Row] = ()) -> None:
        super().__init__(rows)
        self.variables: tuple[str, ...] = tuple(variables)


@dataclass(frozen=True)
class Param:
    """A declared parameter: ``# param: name type description (default: value)``."""

    name: str
    type: str
    description: str
    default: str | None = None


@dataclass(frozen=True)
class NamedQuery:
    """A query file with its header: English and German title, what it answers, parameters."""

    name: str
    path: Path
    text: str
    title: str
    titel: str
    answers: str
    params: tuple[Param, ...]


_HEADER = re.compile(r"^#\s*(title|titel|answers|param)\s*:\s*(.*?)\s*$")
_DEFAULT = re.compile(r"\s*\(default:\s*(.+?)\)\s*$")


def parse_header(text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
    """The header of a query: leading ``# key: value`` comment lines.

    >>> q = parse_header("# title: T\\n# param: concept concept the whole\\nSELECT * {}")
    >>> q.title, q.params[0].type
    ('T', 'concept')
    """
    fields: dict[str, str] = {}
    params: list[Param] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key != "param":
            fields[key] = value
            continue
        parts = value.split(None, 2)
        if len(parts) < 2 or parts[1] not in PARAM_TYPES:
            raise QueryError(
                f"{path or name}:{number}: '# param:' needs a name and a type ({', '.join(PARAM_TYPES)}), got {value!r}"
            )
        description = parts[2] if len(parts) > 2 else ""
        default = _DEFAULT.search(description)
        if default:
            description = description[: default.start()]
        params.append(Param(parts[0], parts[1], description, default.group(1) if default else None))
    return NamedQuery(
        name=name,
        path=path or Path(f"{name}.rq"),
        text=text,
        title=fields.get("title", ""),
        titel=fields.get("titel", ""),
        answers=fields.get("answers", ""),
        params=tuple(params),
    )


def named_queries() -> dict[str, NamedQuery]:
    """The named queries shipped in ``ontology/queries``, by name (the file stem), sorted."""
    found = {}
    for path in sorted(resources.queries_dir().glob("*.rq")):
        found[path.stem] = parse_header(path.read_text(encoding="utf-8"), path.stem, path)
    return found


def named_query(name: str) -> NamedQuery:
    """One named query; QueryError listing the known names when there is none."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r} (known: {', '.join(queries)})")
    return queries[name]


# -- checking ------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    """A query that parsed and passed the safety rules."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE
    variables: frozenset[str]


def _walk(node: Any) -> Iterable[Any]:
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, Mapping):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)
        elif hasattr(item, "asList") and not isinstance(item, (str, Node)):
            stack.extend(item)


def _syntax_error(exc: Any, text: str, source: str) -> QueryError:
    line_no, column = getattr(exc, "lineno", None), getattr(exc, "col", None)
    line = getattr(exc, "line", "") or ""
    rest = line[column - 1 :] if column else ""
    found = re.match(r"\s*(<[^>\s]*>?|\"[^\"]*\"?|[?$]?\w+|\S)", rest)
    token = found.group(1) if found else "end of query"
    return QueryError(f"{source}: syntax error at line {line_no}, column {column}, at {token!r}: {exc.msg}")


def check(text: str, *, allow_update: bool = False, allow_network: bool = False, source: str = "query") -> Checked:
    """Parse ``text`` and apply the safety rules; the form and the variables it uses.

    Raises QueryError for a syntax error (with line, column and the offending token),
    an update without ``allow_update``, or SERVICE / LOAD / FROM without ``allow_network``.
    A query that passed is remembered: rdflib's parser takes 8-25 ms, as long as a
    whole named query on a 10k-concept Oxigraph store (BENCHMARKS.md).
    """
    return _check(text, allow_update, allow_network, source)


@functools.lru_cache(maxsize=256)
def _check(text: str, allow_update: bool, allow_network: bool, source: str) -> Checked:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        algebra: Any = parsed_query(text).algebra
        form = algebra.name.removesuffix("Query").upper()
    except ParseException as query_exc:
        try:
            algebra = translateUpdate(parseUpdate(text)).algebra
        except ParseException as update_exc:
            # Report whichever reading got further into the text.
            worse = update_exc if update_exc.loc > query_exc.loc else query_exc
            raise _syntax_error(worse, text, source) from None
        except Exception as exc:  # rdflib raises bare Exception for e.g. an unknown prefix
            raise QueryError(f"{source}: {exc}") from None
        form = "UPDATE"
    except Exception as exc:
        raise QueryError(f"{source}: {exc}") from None

    names = {getattr(n, "name", "") for n in _walk(algebra) if isinstance(n, Mapping)}
    if form == "UPDATE" and not allow_update:
        raise QueryError(f"{source} is an update (it changes data); pass --allow-update to run it")
    if not allow_network:
        reasons = []
        if "ServiceGraphPattern" in names:
            reasons.append("SERVICE")
        if "Load" in names:
            reasons.append("LOAD")
        if "DatasetClause" in names or (isinstance(algebra, Mapping) and algebra.get("datasetClause")):
            reasons.append("FROM / FROM NAMED")
        if "UsingClause" in names:
            reasons.append("USING")
        if reasons:
            raise QueryError(
                f"{source} uses {', '.join(reasons)}, which can fetch data from other places; "
                "pass --allow-network to allow it"
            )
    variables = frozenset(str(v) for v in _walk(algebra) if isinstance(v, Variable))
    return Checked(form, variables)


# -- parameters ----------------------------------------------------------------------

_CURIE = re.compile(r"^([A-Za-z][\w.-]*)?:(\S*)$")
_RESOLVE = {
    "concept": """
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?text ?x WHERE {
          ?x skos:prefLabel|skos:altLabel|rdfs:label ?label .
          FILTER (LCASE(STR(?label)) = LCASE(STR(?text)))
          ?x a/rdfs:subClassOf* skos:Concept .
        } ORDER BY ?x""",
    "class": """
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?text ?x WHERE {
          ?x rdfs:label|<http://www.w3.org/2004/02/skos/core#prefLabel> ?label .
          FILTER (LCASE(STR(?label)) = LCASE(STR(?text)))
          { ?x a owl:Class } UNION { ?x a rdfs:Class }
        } ORDER BY ?x""",
}


def _iri(value: str) -> URIRef | None:
    """``<iri>``, an absolute IRI, or a CURIE with a known prefix; None for anything else."""
    import pyoxigraph as ox

    if value.startswith("<") and value.endswith(">"):
        candidate = value[1:-1]
    else:
        match = _CURIE.match(value)
        if match and match.group(1) in PREFIXES:
            candidate = PREFIXES[match.group(1)] + match.group(2)
        elif re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$", value) and ("://" in value or value.startswith("urn:")):
            candidate = value
        else:
            return None
    try:
        ox.NamedNode(candidate)
    except ValueError as exc:
        raise QueryError(f"{value!r} is not a valid IRI: {exc}") from None
    return URIRef(candidate)


def _resolve(store: Store, kind: str, name: str, value: str, timeout: float) -> URIRef:
    iri = _iri(value)
    if iri is not None:
        return iri
    result = store.execute(_RESOLVE[kind], "SELECT", {"text": Literal(value)}, timeout)
    assert isinstance(result, SelectResult)
    hits = [row[1] for row in result.rows if isinstance(row[1], URIRef)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise QueryError(f"parameter {name}: no {kind} is labelled {value!r}")
    raise QueryError(f"parameter {name}: {value!r} labels several: {', '.join(hits)}; give the IRI")


def _convert(store: Store, param: Param, value: str | Node, timeout: float) -> Node:
    if not isinstance(value, str):
        return value
    kind = param.type
    if kind in _RESOLVE:
        return _resolve(store, kind, param.name, value, timeout)
    if kind == "iri":
        iri = _iri(value)
        if iri is None:
            raise QueryError(f"parameter {param.name}: {value!r} is not an IRI or a CURIE with a known prefix")
        return iri
    if kind == "string":
        return Literal(value)
    try:
        if kind == "integer":
            return Literal(int(value), datatype=XSD.integer)
        if kind == "decimal":
            return Literal(Decimal(value), datatype=XSD.decimal)
    except (ValueError, InvalidOperation):
        raise QueryError(f"parameter {param.name}: {value!r} is not {PARAM_TYPES[kind]}") from None
    if value.lower() in ("true", "false"):
        return Literal(value.lower() == "true", datatype=XSD.boolean)
    raise QueryError(f"parameter {param.name}: {value!r} is not {PARAM_TYPES[kind]}")


def _guess(value: str) -> Node:
    """An ad-hoc query's parameter: an IRI or CURIE, a number, else a string."""
    iri = _iri(value)
    if iri is not None:
        return iri
    if re.fullmatch(r"[+-]?\d+", value):
        return Literal(int(value), datatype=XSD.integer)
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return Literal(Decimal(value), datatype=XSD.decimal)
    return Literal(value)


def _bind(
    store: Store, query: NamedQuery | None, checked: Checked, params: Mapping[str, str | Node], timeout: float
) -> dict[str, Node]:
    if query is not None:
        declared = {p.name: p for p in query.params}
        unknown = sorted(set(params) - set(declared))
        if unknown:
            expected = ", ".join(declared) or "none"
            raise QueryError(f"unknown parameter {', '.join(unknown)} for query {query.name} (expected: {expected})")
        out = {}
        for p in query.params:
            value = params.get(p.name, p.default)
            if value is None:
                raise QueryError(f"query {query.name} needs --param {p.name}=... ({PARAM_TYPES[p.type]})")
            out[p.name] = _convert(store, p, value, timeout)
        return out
    unknown = sorted(set(params) - checked.variables)
    if unknown:
        raise QueryError(f"unknown parameter {', '.join(unknown)}: the query has no such variable")
    return {name: _guess(v) if isinstance(v, str) else v for name, v in params.items()}


# -- running -------------------------------------------------------------------------


def _prepare(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | Node] | None,
    allow_network: bool,
    timeout: float,
) -> tuple[str, Checked, dict[str, Node]]:
    named = query if isinstance(query, NamedQuery) else None
    text = named.text if named else str(query)
    checked = check(text, allow_network=allow_network, source=named.name if named else "query")
    if checked.form == "UPDATE":
        raise QueryError("this is an update; run it with update(), not as a query")
    return text, checked, _bind(store, named, checked, params or {}, timeout)


def _wrong_form(checked: Checked, wanted: str) -> QueryError:
    return QueryError(f"this is a {checked.form} query; use {wanted}")


def select(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | Node] | None = None,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Rows:
    """Run a SELECT query (named or text) and return its rows."""
    text, checked, bindings = _prepare(store, query, params, allow_network, timeout)
    if checked.form != "SELECT":
        raise _wrong_form(checked, {"ASK": "ask()"}.get(checked.form, "construct()"))
    result = store.execute(text, "SELECT", bindings, timeout)
    assert isinstance(result, SelectResult)
    labels = {Variable(v): i for i, v in enumerate(result.variables)}
    return Rows(
        result.variables,
        (ResultRow({Variable(v): t for v, t in zip(result.variables, row) if t is not None}, labels) for row in result.rows),  # type: ignore[arg-type]
    )


def ask(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | Node] | None = None,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> bool:
    """Run an ASK query and return its answer."""
    text, checked, bindings = _prepare(store, query, params, allow_network, timeout)
    if checked.form != "ASK":
        raise _wrong_form(checked, "select()" if checked.form == "SELECT" else "construct()")
    return bool(store.execute(text, "ASK", bindings, timeout))


def construct(
    store: Store,
    query: QueryText,
    params: Mapping[str, str | Node] | None = None,
    *,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Graph:
    """Run a CONSTRUCT or DESCRIBE query and return the graph it builds."""
    text, checked, bindings = _prepare(store, query, params, allow_network, timeout)
    if checked.form not in GRAPH_FORMS:
        raise _wrong_form(checked, "select()" if checked.form == "SELECT" else "ask()")
    result = store.execute(text, checked.form, bindings, timeout)
    assert isinstance(result, Graph)
    return result


def update(
    store: Store,
    text: str,
    *,
    allow_update: bool = False,
    allow_network: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Run a SPARQL update; refused unless ``allow_update``."""
    checked = check(text, allow_update=allow_update, allow_network=allow_network, source="update")
    if checked.form != "UPDATE":
        raise QueryError(f"this is a {checked.form} query, not an update")
    store.update(text, timeout)


def _valid_iri(iri: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?x ?label WHERE { ?x skos:prefLabel|rdfs:label ?label }
"""


def labels(store: Store, iris: Iterable[URIRef], lang: str = "en", timeout: float = DEFAULT_TIMEOUT) -> dict[URIRef, str]:
    """Labels for ``iris`` in ``lang`` (else English, else untagged), from the store itself."""
    wanted = sorted(iri for iri in set(iris) if _valid_iri(iri))
    if not wanted:
        return {}
    # The IRIs come from query results; they are written as N-Triples terms, not text.
    text = inject_values(_LABELS, ["x"], [[iri] for iri in wanted])
    result = store.execute(text, "SELECT", {}, timeout)
    assert isinstance(result, SelectResult)
    rank = {lang: 0, "en": 1, "": 2}
    best: dict[URIRef, tuple[int, str]] = {}
    for iri, label in sorted(result.rows, key=lambda r: (str(r[0]), str(r[1]))):
        if isinstance(iri, URIRef) and isinstance(label, Literal):
            score = (rank.get(label.language or "", 3), str(label))
            if iri not in best or score < best[iri]:
                best[iri] = score
    return {iri: label for iri, (_, label) in best.items()}


#: Result formats of :func:`serialize_results`: the W3C SPARQL 1.1 JSON, CSV and TSV formats.
RESULT_FORMATS = ("json", "csv", "tsv")


def serialize_results(result: Rows | bool, fmt: str) -> bytes:
    """SELECT rows or an ASK answer in a W3C SPARQL 1.1 results format (json, csv, tsv).

    rdflib writes SPARQL JSON and pyoxigraph re-serializes it, because rdflib has no
    TSV writer; JSON goes the same way so all three come from one serializer.
    """
    import pyoxigraph as ox
    from rdflib.query import Result

    formats = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
    if fmt not in formats:
        raise QueryError(f"unknown result format {fmt!r} (choose one of {', '.join(RESULT_FORMATS)})")
    if isinstance(result, bool):
        doc = Result("ASK")
        doc.askAnswer = result
    else:
        doc = Result("SELECT")
        doc.vars = [Variable(v) for v in result.variables]
        doc.bindings = [{Variable(k): v for k, v in row.asdict().items()} for row in result]
    data = doc.serialize(format="json")
    assert isinstance(data, bytes)
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=formats[fmt]) or b""
