"""The table layout: which columns there are, what each holds, and how names match."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from ..model.glossary import vocabulary as model_vocabulary
from ..namespaces import ROG

__all__ = [
    "DEFAULT_BASE",
    "TABLE_FORMATS",
    "TableRow",
]


#: Base IRI of imported concepts when neither ``--base`` nor the YAML ``base:`` gives one.
DEFAULT_BASE = "https://example.org/glossary/"


#: Table formats by file extension.
TABLE_FORMATS = {".csv": "csv", ".tsv": "tsv", ".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}


# A CSV cell a spreadsheet program would run as a formula (OWASP "CSV injection"): one
# starting with = + - @ tab or CR, after any quote marks already added by us.
_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def defuse_cell(text: str) -> str:
    """A CSV cell that no spreadsheet program runs: ``'`` before a formula start.

    A cell that already starts with quotes before such a character gets one more, so that
    :func:`restore_cell` gives back exactly what was written.

    >>> defuse_cell("=HYPERLINK(1)"), defuse_cell("'=x"), defuse_cell("plain")
    ("'=HYPERLINK(1)", "''=x", 'plain')
    """
    return "'" + text if _FORMULA.match(text) else text


def restore_cell(text: str) -> str:
    """The cell :func:`defuse_cell` was given (other cells unchanged)."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


MAX_BYTES = 20_000_000  # a glossary table is kilobytes; this refuses accidents and bombs


MAX_XLSX_UNZIPPED = 200_000_000


MAX_ROWS = 100_000


MAX_YAML_NODES = 200_000  # after expanding aliases ("billion laughs" guard)


MULTI = ";"


NOTE_SEPARATOR = "\n"


# Relations that link concepts to other things than concepts; they are not table columns.
NOT_COLUMNS = frozenset({ROG.hasKnownGap, ROG.statedIn})


@dataclass(frozen=True)
class Column:
    """A literal-valued column: which predicate, which language or datatype, how many values."""

    predicate: URIRef
    lang: str | None = None
    datatype: URIRef | None = None
    separator: str | None = None  # None: one value


LITERALS: dict[str, Column] = {
    "term_de": Column(SKOS.prefLabel, "de"),
    "term_en": Column(SKOS.prefLabel, "en"),
    "alt_de": Column(SKOS.altLabel, "de", separator=MULTI),
    "alt_en": Column(SKOS.altLabel, "en", separator=MULTI),
    "definition_de": Column(SKOS.definition, "de"),
    "definition_en": Column(SKOS.definition, "en"),
    "note_de": Column(SKOS.editorialNote, "de", separator=NOTE_SEPARATOR),
    "note_en": Column(SKOS.editorialNote, "en", separator=NOTE_SEPARATOR),
    "formula_de": Column(ROG.formula, "de"),
    "formula_en": Column(ROG.formula, "en"),
    "expression": Column(ROG.expression),
    "unit": Column(ROG.unit),
    "symbol": Column(ROG.symbol),
    "stage_index": Column(ROG.stageIndex, datatype=XSD.integer),
}


REQUIRED = ("kind", "term_de", "term_en", "definition_de", "definition_en")


# SKOS's relations and an ontology's class hierarchy: the columns every vocabulary can fill
SKOS_RELATIONS = {"broader": SKOS.broader, "narrower": SKOS.narrower, "related": SKOS.related, "subclass_of": RDFS.subClassOf}


HEAD = ("id", "kind", "term_de", "term_en", "abbreviations", "alt_de", "alt_en", "definition_de", "definition_en")


TAIL = ("formula_de", "formula_en", "expression", "unit", "symbol", "stage_index", "note_de", "note_en", "source")


def column_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def local_part(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


class Vocabulary:
    """Kinds and relations the table can name, read from revops-graph's ``rog.ttl``."""

    def __init__(self) -> None:
        g = model_vocabulary()
        kinds = {c for c in g.transitive_subjects(RDFS.subClassOf, SKOS.Concept) if isinstance(c, URIRef)}
        kinds.discard(SKOS.Concept)
        self.kinds: dict[str, URIRef] = {}
        for kind in sorted(kinds):
            self.kinds[column_key(local_part(kind))] = kind
            for label in g.objects(kind, RDFS.label):
                self.kinds.setdefault(column_key(str(label)), kind)
        props = sorted(p for p in g.subjects(RDF.type, OWL.ObjectProperty)
                       if isinstance(p, URIRef) and p not in NOT_COLUMNS)
        #: column name (snake_case) -> predicate
        self.relations: dict[str, URIRef] = {**SKOS_RELATIONS, **{_snake(local_part(p)): p for p in props}}
        self.columns = {column_key(c): c for c in (*HEAD, *LITERALS, "source", *self.relations)}


@dataclass
class TableRow:
    """One row of a table: its line in the file, its cells by column name, each cell's own line."""

    line: int
    cells: dict[str, str | list[str]]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, column: str) -> int:
        return self.lines.get(column, self.line)


@cache
def table_vocabulary() -> Vocabulary:
    return Vocabulary()
