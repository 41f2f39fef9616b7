"""The table layout: which columns there are, what each holds, and how names match.

Predicates and classes are IRI text, so that writing a table needs no rdflib; ``build``
makes rdflib terms of them where it builds the graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

import pyoxigraph as ox

from ..langtags import parse_languages
from ..model.glossary import vocabulary_view
from ..model.terms import kind_iris
from ..namespaces import PREFIXES as _NS, RDFLIB_DEFAULT_PREFIXES, ROG_IRI as _ROG, SKOS_IRI as _SKOS

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


_RDF, _RDFS, _OWL, _XSD, _DCTERMS = _NS["rdf"], _NS["rdfs"], _NS["owl"], _NS["xsd"], _NS["dcterms"]
_DC = RDFLIB_DEFAULT_PREFIXES["dc"]
_SCHEMA = "http://schema.org/"
RDF_TYPE = _RDF + "type"
XSD_INTEGER = _XSD + "integer"
SKOS_CONCEPT = _SKOS + "Concept"
#: The source sentences a row's ``source`` column holds, and what is read of them.
SOURCE, TEXT, LINE, SENTENCE_INDEX = _DCTERMS + "source", _ROG + "text", _ROG + "line", _ROG + "sentenceIndex"


# Relations that link concepts to other things than concepts; they are not table columns.
NOT_COLUMNS = frozenset({_ROG + "hasKnownGap", _ROG + "statedIn"})


@dataclass(frozen=True)
class Column:
    """A literal-valued column: which predicate, which language or datatype, how many values."""

    predicate: str
    lang: str | None = None
    datatype: str | None = None
    separator: str | None = None  # None: one value


@dataclass(frozen=True)
class Family:
    """Columns ``<name>`` (untagged) and ``<name>_<lang>`` (one BCP 47 tag each) of one predicate."""

    name: str
    predicate: str
    separator: str | None = None  # None: one value per language


#: Text columns by language, in the order a table shows them: the labels in the model's
#: precedence (each predicate its own family, so a label goes back to the predicate it came
#: from), alternative labels, the definitions in the model's precedence, a metric's formula
#: and editorial notes.
FAMILIES: tuple[Family, ...] = (
    Family("term", _SKOS + "prefLabel"),
    Family("label", _RDFS + "label", MULTI),
    Family("name", _SCHEMA + "name"),
    Family("title", _DCTERMS + "title"),
    Family("dc_title", _DC + "title"),
    Family("notation", _SKOS + "notation", MULTI),
    Family("alt", _SKOS + "altLabel", MULTI),
    Family("definition", _SKOS + "definition"),
    Family("comment", _RDFS + "comment"),
    Family("description", _DCTERMS + "description"),
    Family("formula", _ROG + "formula"),
    Family("note", _SKOS + "editorialNote", NOTE_SEPARATOR),
)
FAMILY = {f.name: f for f in FAMILIES}
_LONGEST_FIRST = sorted(FAMILIES, key=lambda f: -len(f.name))
#: Families that name a term: a row's id is made from them, and relation targets may be given by them.
LABEL_FAMILIES = ("term", "label", "name", "title", "dc_title", "alt")
#: Families shown before the relation columns; the others come after them.
HEAD_FAMILIES = ("term", "label", "name", "title", "dc_title", "notation", "alt", "definition", "comment", "description")

#: Literal columns that hold no language.
FIXED: dict[str, Column] = {
    "expression": Column(_ROG + "expression"),
    "unit": Column(_ROG + "unit"),
    "symbol": Column(_ROG + "symbol"),
    "stage_index": Column(_ROG + "stageIndex", datatype=XSD_INTEGER),
}


def family_column(name: str, lang: str) -> str:
    """The column of family ``name`` in language ``lang`` (``""``: untagged)."""
    return f"{name}_{lang}" if lang else name


@cache  # asked of every cell a table writes
def literal_column(column: str) -> Column | None:
    """What a canonical column name holds, when it holds literals.

    ``comment_en#2`` is a further column of ``comment_en``, holding one value: where a term has
    more values in a language than one cell holds (two English comments, a label with a ``;``).
    """
    base, mark, _ = column.partition("#")
    if mark:
        spec = literal_column(base)
        return replace(spec, separator=None) if spec is not None and base not in FIXED else None
    if column in FIXED:
        return FIXED[column]
    for family in _LONGEST_FIRST:  # "dc_title_en": the family's own name may hold a "_"
        if column == family.name or column.startswith(family.name + "_"):
            lang = column[len(family.name) + 1:]
            return Column(family.predicate, lang or None, separator=family.separator)
    return None


def parse_family(name: str) -> tuple[str, str] | None:
    """``(family, tag)`` of a header cell such as ``Term_de-CH`` (tag lower-cased, ``""``: none);
    ``None`` when it names no family. Raises :class:`ValueError` on a tag that is not BCP 47."""
    text = name.strip().casefold()
    for family in _LONGEST_FIRST:
        if text == family.name:
            return family.name, ""
        if text.startswith(family.name) and text[len(family.name):][:1] in ("_", "-", " "):
            tag = text[len(family.name) + 1:].strip()
            if "," in tag:  # parse_languages reads a list; a column holds one language
                raise ValueError(f"{tag!r} is not a language tag (BCP 47, such as en, de-CH, zh-Hant)")
            return family.name, parse_languages(tag)[0]
    return None


#: Columns a table with a ``kind`` column (the RevOps layout) must have.
REQUIRED = ("kind", "term_de", "term_en", "definition_de", "definition_en")


# SKOS's relations and an ontology's class hierarchy: the columns every vocabulary can fill
SKOS_RELATIONS = {"broader": _SKOS + "broader", "narrower": _SKOS + "narrower", "related": _SKOS + "related",
                  "subclass_of": _RDFS + "subClassOf"}


#: An OWL/RDFS ontology's relations, schema.org's, and SKOS's mapping relations: their targets
#: may lie outside the table (``xsd:string``, ``schema:Person``), written as IRIs.
OPEN_RELATIONS = {
    "equivalent_class": _OWL + "equivalentClass", "disjoint_with": _OWL + "disjointWith",
    "domain": _RDFS + "domain", "range": _RDFS + "range",
    "domain_includes": _SCHEMA + "domainIncludes", "range_includes": _SCHEMA + "rangeIncludes",
    "subproperty_of": _RDFS + "subPropertyOf", "inverse_of": _OWL + "inverseOf",
    "equivalent_property": _OWL + "equivalentProperty",
    "exact_match": _SKOS + "exactMatch", "close_match": _SKOS + "closeMatch", "broad_match": _SKOS + "broadMatch",
    "narrow_match": _SKOS + "narrowMatch", "related_match": _SKOS + "relatedMatch",
}


#: Relations whose targets may lie outside the table: the open ones and the class hierarchy
#: (FOAF's ``Person`` is a subclass of ``geo:SpatialThing``).
OPEN_PREDICATES = frozenset({*OPEN_RELATIONS.values(), _RDFS + "subClassOf"})


#: The ``type`` column's words for the three sorts of term.
TYPE_WORDS = {"concept": SKOS_CONCEPT, "class": _OWL + "Class", "property": _RDF + "Property"}


#: Prefixes a cell may use for an IRI (``xsd:string``), fixed so that a table reads the same
#: whatever prefixes the data declared.
PREFIXES = {
    "rdf": _RDF, "rdfs": _RDFS, "owl": _OWL, "xsd": _XSD, "skos": _SKOS,
    "dcterms": _DCTERMS, "dc": _DC, "schema": _SCHEMA, "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#", "org": "http://www.w3.org/ns/org#", "dcat": "http://www.w3.org/ns/dcat#",
    "vcard": "http://www.w3.org/2006/vcard/ns#", "time": "http://www.w3.org/2006/time#",
    "sosa": "http://www.w3.org/ns/sosa/", "ssn": "http://www.w3.org/ns/ssn/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#", "rog": _ROG,
}
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def compact(iri: str) -> str:
    """``iri`` as ``prefix:local`` when one of :data:`PREFIXES` fits, else as it is."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace):]) and not iri.endswith("."):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def expand(text: str) -> str | None:
    """The IRI a ``prefix:local`` cell names, for a prefix of :data:`PREFIXES`; else ``None``."""
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and _LOCAL.fullmatch(local):
        return PREFIXES[prefix] + local
    return None


#: The ids a table writes relative to its base; any other IRI is written in full.
ID_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._~-]*$")


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
        store = vocabulary_view().store
        label = ox.NamedNode(_RDFS + "label")
        #: a kind's name and labels, folded by :func:`column_key` -> its IRI
        self.kinds: dict[str, str] = {}
        for kind in sorted(kind_iris(store)):
            self.kinds[column_key(local_part(kind))] = kind
            for quad in store.quads_for_pattern(ox.NamedNode(kind), label, None):
                self.kinds.setdefault(column_key(quad.object.value), kind)  # type: ignore[union-attr]
        typed = store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(_OWL + "ObjectProperty"))
        props = sorted({q.subject.value for q in typed if isinstance(q.subject, ox.NamedNode)} - NOT_COLUMNS)
        #: column name (snake_case) -> predicate IRI
        self.relations: dict[str, str] = {**SKOS_RELATIONS, **OPEN_RELATIONS,
                                          **{_snake(local_part(p)): p for p in props}}
        self.columns = {column_key(c): c for c in (*HEAD, *TAIL, "type", *FIXED, *self.relations)}

    def column(self, name: str) -> str | None:
        """The canonical column a header cell names (``None``: no such column).

        Raises :class:`ValueError` when it names a text column with a tag that is not BCP 47.
        """
        numbered = re.fullmatch(r"(.+?)\s*#\s*(\d+)", name.strip())
        if numbered:
            base = self.column(numbered[1])
            if base is None or base in FIXED or literal_column(base) is None or int(numbered[2]) < 2:
                return None
            return f"{base}#{int(numbered[2])}"
        fixed = self.columns.get(column_key(name))
        if fixed is not None:
            return fixed
        found = parse_family(name)
        return family_column(*found) if found else None


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
