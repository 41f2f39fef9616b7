"""The table layout: which columns there are, what each holds, and how names match."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from rdflib import Namespace, URIRef
from rdflib.namespace import DC, DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from ..langtags import parse_languages
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


@dataclass(frozen=True)
class Family:
    """Columns ``<name>`` (untagged) and ``<name>_<lang>`` (one BCP 47 tag each) of one predicate."""

    name: str
    predicate: URIRef
    separator: str | None = None  # None: one value per language


_SCHEMA = Namespace("http://schema.org/")

#: Text columns by language, in the order a table shows them: the labels in the model's
#: precedence (each predicate its own family, so a label goes back to the predicate it came
#: from), alternative labels, the definitions in the model's precedence, a metric's formula
#: and editorial notes.
FAMILIES: tuple[Family, ...] = (
    Family("term", SKOS.prefLabel),
    Family("label", RDFS.label, MULTI),
    Family("name", _SCHEMA.name),
    Family("title", DCTERMS.title),
    Family("dc_title", DC.title),
    Family("notation", SKOS.notation, MULTI),
    Family("alt", SKOS.altLabel, MULTI),
    Family("definition", SKOS.definition),
    Family("comment", RDFS.comment),
    Family("description", DCTERMS.description),
    Family("formula", ROG.formula),
    Family("note", SKOS.editorialNote, NOTE_SEPARATOR),
)
FAMILY = {f.name: f for f in FAMILIES}
_LONGEST_FIRST = sorted(FAMILIES, key=lambda f: -len(f.name))
#: Families that name a term: a row's id is made from them, and relation targets may be given by them.
LABEL_FAMILIES = ("term", "label", "name", "title", "dc_title", "alt")
#: Families shown before the relation columns; the others come after them.
HEAD_FAMILIES = ("term", "label", "name", "title", "dc_title", "notation", "alt", "definition", "comment", "description")

#: Literal columns that hold no language.
FIXED: dict[str, Column] = {
    "expression": Column(ROG.expression),
    "unit": Column(ROG.unit),
    "symbol": Column(ROG.symbol),
    "stage_index": Column(ROG.stageIndex, datatype=XSD.integer),
}


def family_column(name: str, lang: str) -> str:
    """The column of family ``name`` in language ``lang`` (``""``: untagged)."""
    return f"{name}_{lang}" if lang else name


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
SKOS_RELATIONS = {"broader": SKOS.broader, "narrower": SKOS.narrower, "related": SKOS.related, "subclass_of": RDFS.subClassOf}


#: An OWL/RDFS ontology's relations, schema.org's, and SKOS's mapping relations: their targets
#: may lie outside the table (``xsd:string``, ``schema:Person``), written as IRIs.
OPEN_RELATIONS = {
    "equivalent_class": OWL.equivalentClass, "disjoint_with": OWL.disjointWith,
    "domain": RDFS.domain, "range": RDFS.range,
    "domain_includes": _SCHEMA.domainIncludes, "range_includes": _SCHEMA.rangeIncludes,
    "subproperty_of": RDFS.subPropertyOf, "inverse_of": OWL.inverseOf, "equivalent_property": OWL.equivalentProperty,
    "exact_match": SKOS.exactMatch, "close_match": SKOS.closeMatch, "broad_match": SKOS.broadMatch,
    "narrow_match": SKOS.narrowMatch, "related_match": SKOS.relatedMatch,
}


#: Relations whose targets may lie outside the table: the open ones and the class hierarchy
#: (FOAF's ``Person`` is a subclass of ``geo:SpatialThing``).
OPEN_PREDICATES = frozenset({*OPEN_RELATIONS.values(), RDFS.subClassOf})


#: The ``type`` column's words for the three sorts of term.
TYPE_WORDS = {"concept": SKOS.Concept, "class": OWL.Class, "property": RDF.Property}


#: Prefixes a cell may use for an IRI (``xsd:string``), fixed so that a table reads the same
#: whatever prefixes the data declared.
PREFIXES = {
    "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD), "skos": str(SKOS),
    "dcterms": str(DCTERMS), "dc": str(DC), "schema": str(_SCHEMA), "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#", "org": "http://www.w3.org/ns/org#", "dcat": "http://www.w3.org/ns/dcat#",
    "vcard": "http://www.w3.org/2006/vcard/ns#", "time": "http://www.w3.org/2006/time#",
    "sosa": "http://www.w3.org/ns/sosa/", "ssn": "http://www.w3.org/ns/ssn/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#", "rog": str(ROG),
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
        self.relations: dict[str, URIRef] = {**SKOS_RELATIONS, **OPEN_RELATIONS,
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
