"""Named queries: ``ontology/queries/<name>.rq`` files and their ``# title/answers/param`` headers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from ..errors import QueryError
from ..io import resources

__all__ = [
    "NamedQuery",
    "PARAM_TYPES",
    "Param",
    "named_queries",
    "named_query",
    "parse_header",
]


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
