"""Glossaries kept in spreadsheets: import CSV, XLSX or YAML tables as RDF, and export back.

The layout (one row per concept; the header names the columns, in any order; names are
matched ignoring case, spaces, ``-`` and ``_``, so ``has_input`` = ``hasInput``)::

    id              local name of the concept IRI (appended to the base), or a full IRI;
                    blank: made from term_en ("Revenue growth" -> revenue-growth)
    kind            the rog: kind: Discipline, OperatingModel, BusinessFunction, Process,
                    Lifecycle, JourneyStage, Tool, Resource, Metric, Quantity, Outcome
                    (or its label, e.g. "Business function")                  required
    term_de         German preferred label                                    required
    term_en         English preferred label                                   required
    abbreviations   ";"-separated; alternative labels in both languages (RevOps; RCO)
    alt_de, alt_en  ";"-separated alternative labels in one language
    definition_de   German definition                                         required
    definition_en   English definition                                        required
    note_de, note_en  editorial notes, one per line of the cell
    broader, narrower, related          SKOS relations
    comprises, includes, aligns, ...    any rog: relation between concepts, by its name
                    (snake_case or camelCase); ";"-separated targets, each an id or a
                    label (term, abbreviation or alternative label) of a row of the file
    formula_de, formula_en, expression, unit   of a metric
    symbol          of a quantity (its name in a metric's expression)
    stage_index     of a journey stage (1, 2, ...)
    source          where the row comes from: the source sentence(s), one per line of the
                    cell; each becomes a rog:SourceSentence that the concept (dcterms:source)
                    and the row's relations (reified rdf:Statement, rog:statedIn) cite

YAML holds the same columns as keys of a list of mappings, either at the top or under
``concepts:``; multi-valued columns may be YAML lists. An optional top-level ``base:``
sets the base IRI. CSV is UTF-8 (a BOM is fine) with ``,``, ``;`` or tab between cells.
XLSX: the first sheet, header in row 1.

Round trip: importing :func:`to_table` of a glossary gives the same :func:`table_triples`
(concepts, kinds, labels, definitions, editorial notes, relations, the metric and stage
fields). Not round-tripped: the source sentences' line numbers and sentence split (the
``source`` cell carries their text only), which sentence states which relation, known gaps,
and the concept scheme's own description.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from os import PathLike
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from .errors import InputError, OutputError
from .model import Glossary, normalize_label, vocabulary as model_vocabulary
from .namespaces import REVOPS_IRI, ROG, bind_prefixes

__all__ = [
    "DEFAULT_BASE",
    "TABLE_FORMATS",
    "TableRow",
    "import_table",
    "read_table",
    "table_to_graph",
    "table_triples",
    "to_table",
    "write_table",
]

#: Base IRI of imported concepts when neither ``--base`` nor the YAML ``base:`` gives one.
DEFAULT_BASE = "https://example.org/glossary/"
#: Table formats by file extension.
TABLE_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml"}

MAX_BYTES = 20_000_000  # a glossary table is kilobytes; this refuses accidents and bombs
MAX_XLSX_UNZIPPED = 200_000_000
MAX_ROWS = 100_000
MAX_YAML_NODES = 200_000  # after expanding aliases ("billion laughs" guard)

_MULTI = ";"
_NOTE_SEPARATOR = "\n"
# Relations that link concepts to other things than concepts; they are not table columns.
_NOT_COLUMNS = frozenset({ROG.hasKnownGap, ROG.statedIn})


@dataclass(frozen=True)
class _Column:
    """A literal-valued column: which predicate, which language or datatype, how many values."""

    predicate: URIRef
    lang: str | None = None
    datatype: URIRef | None = None
    separator: str | None = None  # None: one value


_LITERALS: dict[str, _Column] = {
    "term_de": _Column(SKOS.prefLabel, "de"),
    "term_en": _Column(SKOS.prefLabel, "en"),
    "alt_de": _Column(SKOS.altLabel, "de", separator=_MULTI),
    "alt_en": _Column(SKOS.altLabel, "en", separator=_MULTI),
    "definition_de": _Column(SKOS.definition, "de"),
    "definition_en": _Column(SKOS.definition, "en"),
    "note_de": _Column(SKOS.editorialNote, "de", separator=_NOTE_SEPARATOR),
    "note_en": _Column(SKOS.editorialNote, "en", separator=_NOTE_SEPARATOR),
    "formula_de": _Column(ROG.formula, "de"),
    "formula_en": _Column(ROG.formula, "en"),
    "expression": _Column(ROG.expression),
    "unit": _Column(ROG.unit),
    "symbol": _Column(ROG.symbol),
    "stage_index": _Column(ROG.stageIndex, datatype=XSD.integer),
}
_REQUIRED = ("kind", "term_de", "term_en", "definition_de", "definition_en")
_SKOS_RELATIONS = {"broader": SKOS.broader, "narrower": SKOS.narrower, "related": SKOS.related}
_HEAD = ("id", "kind", "term_de", "term_en", "abbreviations", "alt_de", "alt_en", "definition_de", "definition_en")
_TAIL = ("formula_de", "formula_en", "expression", "unit", "symbol", "stage_index", "note_de", "note_en", "source")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


class _Vocabulary:
    """Kinds and relations the table can name, read from revops-graph's ``rog.ttl``."""

    def __init__(self) -> None:
        g = model_vocabulary()
        kinds = {c for c in g.transitive_subjects(RDFS.subClassOf, SKOS.Concept) if isinstance(c, URIRef)}
        kinds.discard(SKOS.Concept)
        self.kinds: dict[str, URIRef] = {}
        for kind in sorted(kinds):
            self.kinds[_key(_local(kind))] = kind
            for label in g.objects(kind, RDFS.label):
                self.kinds.setdefault(_key(str(label)), kind)
        props = sorted(p for p in g.subjects(RDF.type, OWL.ObjectProperty)
                       if isinstance(p, URIRef) and p not in _NOT_COLUMNS)
        #: column name (snake_case) -> predicate
        self.relations: dict[str, URIRef] = {**_SKOS_RELATIONS, **{_snake(_local(p)): p for p in props}}
        self.columns = {_key(c): c for c in (*_HEAD, *_LITERALS, "source", *self.relations)}


# -- reading tables --------------------------------------------------------------------------


@dataclass
class TableRow:
    """One row of a table: its line in the file, its cells by column name, each cell's own line."""

    line: int
    cells: dict[str, str | list[str]]
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, column: str) -> int:
        return self.lines.get(column, self.line)


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise InputError("is a directory, expected a table", path=path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file is {size} bytes; tables over {MAX_BYTES} bytes are refused", path=path)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None


def _text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("not UTF-8 text", path=path, line=line) from None


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header(path: Path, names: Sequence[object], vocab: _Vocabulary, line: int = 1) -> list[str | None]:
    """Canonical column per position (``None`` for an unnamed, empty column)."""
    out: list[str | None] = []
    seen: set[str] = set()
    for raw in names:
        name = _cell(raw)
        if not name:
            out.append(None)
            continue
        column = vocab.columns.get(_key(name))
        if column is None:
            raise InputError(f"column {name!r}: unknown column (see the layout in the README)", path=path, line=line)
        if column in seen:
            raise InputError(f"column {name!r}: appears twice", path=path, line=line)
        seen.add(column)
        out.append(column)
    missing = [c for c in _REQUIRED if c not in seen]
    if missing:
        raise InputError(f"missing column(s): {', '.join(missing)}", path=path, line=line)
    return out


def _rows_from_grid(path: Path, grid: Iterable[tuple[int, Sequence[object]]], vocab: _Vocabulary) -> list[TableRow]:
    rows: list[TableRow] = []
    header: list[str | None] | None = None
    for line, values in grid:
        if header is None:
            header = _header(path, values, vocab, line)
            continue
        cells = [_cell(v) for v in values]
        if not any(cells):
            continue
        extra = [c for c in cells[len(header):] if c]
        if extra:
            raise InputError(f"row has {len(cells)} cells but the header names {len(header)} columns", path=path, line=line)
        if len(rows) >= MAX_ROWS:
            raise InputError(f"more than {MAX_ROWS} rows", path=path, line=line)
        rows.append(TableRow(line, {c: v for c, v in zip(header, cells) if c is not None}))
    if header is None:
        raise InputError("the table is empty (no header row)", path=path)
    return rows


def _read_csv(path: Path, vocab: _Vocabulary) -> list[TableRow]:
    text = _text(path, _read_bytes(path))
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def grid() -> Iterable[tuple[int, list[str]]]:
        start = 1
        try:
            for record in reader:
                yield start, record
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError(str(exc), path=path, line=reader.line_num) from None

    return _rows_from_grid(path, grid(), vocab)


def _read_xlsx(path: Path, vocab: _Vocabulary) -> list[TableRow]:
    from openpyxl import load_workbook

    data = _read_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise InputError("not an XLSX workbook (not a zip archive)", path=path) from None
    if unzipped > MAX_XLSX_UNZIPPED:
        raise InputError(f"the workbook unpacks to {unzipped} bytes; refusing it", path=path)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, InvalidFileException, ...)
        raise InputError(f"cannot read the workbook: {exc}", path=path) from None
    try:
        sheet = book.worksheets[0]
        return _rows_from_grid(path, enumerate(sheet.iter_rows(values_only=True), start=1), vocab)
    finally:
        book.close()


def _read_yaml(path: Path, vocab: _Vocabulary) -> tuple[list[TableRow], str | None]:
    import yaml

    text = _text(path, _read_bytes(path))
    try:
        # The safe loader's composer builds nodes only (no Python objects are constructed);
        # the nodes keep their line numbers for error messages.
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path=path,
                         line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None) from None
    _guard_expansion(path, root)
    base = None
    items = root
    if isinstance(root, yaml.MappingNode):
        top = {_scalar(k): v for k, v in root.value}
        base_node = top.get("base")
        base = _scalar(base_node) if base_node is not None else None
        items = top.get("concepts")
    if not isinstance(items, yaml.SequenceNode):
        line = (items or root).start_mark.line + 1 if (items or root) is not None else None
        raise InputError("expected a list of concepts (at the top or under 'concepts:')", path=path, line=line)
    rows = []
    for item in items.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            raise InputError("expected a mapping of column: value", path=path, line=line)
        row = TableRow(line, {})
        for key_node, value_node in item.value:
            name = _scalar(key_node)
            column = vocab.columns.get(_key(name))
            key_line = key_node.start_mark.line + 1
            if column is None:
                raise InputError(f"column {name!r}: unknown column (see the layout in the README)", path=path, line=key_line)
            if isinstance(value_node, yaml.SequenceNode):
                row.cells[column] = [_scalar(v, path) for v in value_node.value]
            else:
                row.cells[column] = _scalar(value_node, path)
            row.lines[column] = key_line
        rows.append(row)
    if len(rows) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS} concepts", path=path)
    return rows, base


def _scalar(node: object, path: Path | None = None) -> str:
    import yaml

    if node is None:
        return ""
    if not isinstance(node, yaml.ScalarNode):
        raise InputError("expected a single value or a list of values", path=path,
                         line=node.start_mark.line + 1)  # type: ignore[attr-defined]
    if node.tag == "tag:yaml.org,2002:null":
        return ""
    return str(node.value).strip()


def _guard_expansion(path: Path, root: object) -> None:
    """Refuse YAML whose aliases expand to too many nodes, or refer to themselves."""
    import yaml

    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise InputError("recursive YAML alias; refusing it", path=path, line=node.start_mark.line + 1)
        active.add(key)
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_YAML_NODES:
                raise InputError(f"the YAML expands to more than {MAX_YAML_NODES} nodes (aliases); refusing it",
                                 path=path, line=child.start_mark.line + 1)
        active.discard(key)
        sizes[key] = total
        return total

    if root is not None:
        size(root)  # type: ignore[arg-type]


def read_table(path: str | PathLike[str]) -> tuple[list[TableRow], str | None]:
    """The rows of a CSV, XLSX or YAML table (and the YAML ``base:``, if any)."""
    file = Path(path)
    fmt = TABLE_FORMATS.get(file.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the table format from {file.suffix or 'no extension'!r}; "
                         f"use one of {', '.join(TABLE_FORMATS)}", path=file)
    vocab = _vocabulary()
    if fmt == "csv":
        return _read_csv(file, vocab), None
    if fmt == "xlsx":
        return _read_xlsx(file, vocab), None
    return _read_yaml(file, vocab)


@cache
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


# -- rows to RDF ---------------------------------------------------------------------------------

_ID = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._~-]*$")
_ABSOLUTE = re.compile(r"^(?:https?://|urn:)\S+$")


def _values(row: TableRow, column: str, separator: str | None) -> list[str]:
    value = row.cells.get(column, "")
    items = value if isinstance(value, list) else (value.split(separator) if separator else [value])
    return [v.strip() for v in items if v and v.strip()]


def _one(path: Path, row: TableRow, column: str) -> str:
    value = row.cells.get(column, "")
    if isinstance(value, list):
        if len(value) > 1:
            raise InputError(f"column {column!r}: one value expected, got {len(value)}", path=path, line=row.line_of(column))
        value = value[0] if value else ""
    return value.strip()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize_label(text)).strip("-")


def _concept_iri(path: Path, row: TableRow, base: str) -> URIRef:
    ident = _one(path, row, "id") or _slug(_one(path, row, "term_en") or _one(path, row, "term_de"))
    if _ABSOLUTE.match(ident):
        return URIRef(ident)
    if not _ID.match(ident):
        raise InputError(f"column 'id': {ident!r} is not a usable id (letters, digits, '-', '_', '.', '~')",
                         path=path, line=row.line_of("id"))
    return URIRef(base + ident)


def table_to_graph(rows: Sequence[TableRow], base: str = DEFAULT_BASE, path: str | PathLike[str] = "<table>") -> Graph:
    """The RDF graph of table ``rows``; raises :class:`InputError` naming row and column."""
    file = Path(path)
    vocab = _vocabulary()
    if not rows:
        raise InputError("the table has no concepts", path=file)
    graph = bind_prefixes(Graph(), {} if base == REVOPS_IRI else {"glossary": base})
    scheme = URIRef(base + "glossary")
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, SKOS.prefLabel, Literal(file.stem or "glossary", lang="en")))
    iris: list[URIRef] = []
    seen: dict[URIRef, int] = {}
    labels: dict[str, set[URIRef]] = {}
    for row in rows:
        iri = _concept_iri(file, row, base)
        if iri in seen:
            raise InputError(f"column 'id': {_local(iri)!r} is already used on line {seen[iri]}", path=file, line=row.line_of("id"))
        seen[iri] = row.line
        iris.append(iri)
        for column in _REQUIRED:
            if not _one(file, row, column):
                raise InputError(f"column {column!r}: empty; every concept needs it", path=file, line=row.line_of(column))
        kind_name = _one(file, row, "kind")
        kind = vocab.kinds.get(_key(kind_name))
        if kind is None:
            raise InputError(f"column 'kind': unknown kind {kind_name!r} (kinds: "
                             f"{', '.join(sorted({_local(k) for k in vocab.kinds.values()}))})",
                             path=file, line=row.line_of("kind"))
        graph.add((iri, RDF.type, SKOS.Concept))
        graph.add((iri, RDF.type, kind))
        graph.add((kind, RDFS.subClassOf, SKOS.Concept))  # so the output is self-describing
        graph.add((iri, SKOS.inScheme, scheme))
        for column, spec in _LITERALS.items():
            for text in _values(row, column, spec.separator) if spec.separator else filter(None, [_one(file, row, column)]):
                graph.add((iri, spec.predicate, _literal(file, row, column, spec, text)))
                if spec.predicate in (SKOS.prefLabel, SKOS.altLabel):
                    labels.setdefault(normalize_label(text), set()).add(iri)
        for abbreviation in _values(row, "abbreviations", _MULTI):
            for lang in ("de", "en"):
                graph.add((iri, SKOS.altLabel, Literal(abbreviation, lang=lang)))
            labels.setdefault(normalize_label(abbreviation), set()).add(iri)
    by_id = {_local(i): i for i in iris} | {str(i): i for i in iris}
    sentences: dict[str, URIRef] = {}
    for row, iri in zip(rows, iris):
        cited = []
        for number, text in enumerate(_values(row, "source", "\n"), start=1):
            # one sentence per line of the cell; the same text in several rows is one sentence
            if text not in sentences:
                sentences[text] = URIRef(f"{base}src-{_local(iri)}-{number}")
                graph.add((sentences[text], RDF.type, ROG.SourceSentence))
                graph.add((sentences[text], ROG.text, Literal(text)))
            cited.append(sentences[text])
            graph.add((iri, DCTERMS.source, sentences[text]))
        for column, predicate in vocab.relations.items():
            for target in _values(row, column, _MULTI):
                obj = _target(file, row, column, target, by_id, labels)
                graph.add((iri, predicate, obj))
                if cited:
                    _add_statement(graph, base, (iri, predicate, obj), cited)
    return graph


def _add_statement(graph: Graph, base: str, triple: tuple[URIRef, URIRef, URIRef], sources: list[URIRef]) -> None:
    """The provenance pattern: a reified statement of ``triple`` stated in ``sources``."""
    s, p, o = triple
    statement = URIRef(f"{base}stmt-{_local(s)}.{_local(p)}.{_local(o)}")
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, s))
    graph.add((statement, RDF.predicate, p))
    graph.add((statement, RDF.object, o))
    for source in sources:
        graph.add((statement, ROG.statedIn, source))


def _literal(path: Path, row: TableRow, column: str, spec: _Column, text: str) -> Literal:
    if spec.datatype == XSD.integer:
        if not re.fullmatch(r"[+-]?\d+", text):
            raise InputError(f"column {column!r}: {text!r} is not a whole number", path=path, line=row.line_of(column))
        return Literal(int(text))
    return Literal(text, lang=spec.lang)


def _target(path: Path, row: TableRow, column: str, target: str, by_id: Mapping[str, URIRef],
            labels: Mapping[str, set[URIRef]]) -> URIRef:
    if target in by_id:
        return by_id[target]
    hits = labels.get(normalize_label(target), set())
    if len(hits) == 1:
        return next(iter(hits))
    line = row.line_of(column)
    if hits:
        names = ", ".join(sorted(_local(h) for h in hits))
        raise InputError(f"column {column!r}: {target!r} names several concepts ({names}); use the id", path=path, line=line)
    raise InputError(f"column {column!r}: unknown concept {target!r} (not an id or label in this file)", path=path, line=line)


def import_table(path: str | PathLike[str], base: str | None = None) -> Glossary:
    """Read a CSV, XLSX or YAML glossary table into a :class:`Glossary`.

    ``base`` (else the YAML ``base:``, else :data:`DEFAULT_BASE`) is prepended to the ids.
    Raises :class:`~revops_graph.errors.InputError` as ``file:line: column 'x': problem``.
    """
    rows, yaml_base = read_table(path)
    chosen = base or yaml_base or DEFAULT_BASE
    if not _ABSOLUTE.match(chosen) or not chosen.endswith(("/", "#")):
        raise InputError(f"base IRI {chosen!r} must be absolute and end with '/' or '#'", path=path)
    return Glossary(table_to_graph(rows, chosen, path), [Path(path)])


# -- the round trip: graph to table -----------------------------------------------------------


def _base_of(glossary: Glossary) -> str:
    spaces = [str(i)[: max(str(i).rfind("/"), str(i).rfind("#")) + 1] for i in glossary.concept_iris]
    return max(sorted(set(spaces)), key=spaces.count) if spaces else DEFAULT_BASE


def _single(values: list[str], what: str, name: str) -> str:
    if len(values) > 1:
        raise OutputError(f"{name}: {len(values)} values of {what}; a table cell holds one")
    return values[0] if values else ""


def _joined(values: Iterable[str], separator: str, what: str, name: str) -> str:
    items = sorted(values)
    for value in items:
        if separator in value or (separator != "\n" and "\n" in value):
            shown = "a line break" if separator == "\n" or "\n" in value else repr(separator)
            raise OutputError(f"{name}: {what} {value!r} contains {shown}, which separates values in a cell")
    return ("\n" if separator == "\n" else f"{separator} ").join(items)


def to_table(glossary: Glossary, base: str | None = None) -> list[dict[str, str]]:
    """The glossary as table rows (column -> cell text), the layout :func:`import_table` reads.

    Ids are local names under ``base`` (default: the namespace most concepts share), or full
    IRIs. Columns for relations and metric fields appear only when some concept uses them.
    Raises :class:`OutputError` when a value cannot be put in a cell (e.g. two English
    definitions, or a relation the layout has no column for).
    """
    vocab = _vocabulary()
    base = base or _base_of(glossary)
    columns_of = {p: c for c, p in vocab.relations.items()}
    concepts = set(glossary.concept_iris)
    g = glossary.graph

    def ident(iri: Node) -> str:
        text = str(iri)
        return text[len(base):] if text.startswith(base) and _ID.match(text[len(base):]) else text

    rows = []
    for iri in glossary.concept_iris:
        name = ident(iri)
        kinds = [k for k in g.objects(iri, RDF.type) if k in set(vocab.kinds.values())]
        row = {"id": name, "kind": _single(sorted(_local(k) for k in kinds), "kind", name)}
        for column, spec in _LITERALS.items():
            values = [str(o) for o in g.objects(iri, spec.predicate)
                      if isinstance(o, Literal) and (o.language or None) == spec.lang]
            if spec.predicate == SKOS.altLabel:
                both = {str(o) for o in g.objects(iri, SKOS.altLabel) if o.language == "de"} & {
                    str(o) for o in g.objects(iri, SKOS.altLabel) if o.language == "en"}
                values = [v for v in values if v not in both]
                row["abbreviations"] = _joined(both, _MULTI, "abbreviation", name)
            row[column] = (_joined(values, spec.separator, column, name) if spec.separator
                           else _single(values, column, name))
        for p, o in sorted(g.predicate_objects(iri)):
            if o not in concepts or p in (RDF.type, SKOS.inScheme, SKOS.topConceptOf, ROG.hasKnownGap):
                continue
            column = columns_of.get(p)
            if column is None:
                raise OutputError(f"{name}: the table layout has no column for the relation {p}")
            row[column] = (row.get(column, "") + f"{_MULTI} " if row.get(column) else "") + ident(o)
        sentences = sorted(g.objects(iri, DCTERMS.source),
                           key=lambda s: (int(g.value(s, ROG.line) or 0), int(g.value(s, ROG.sentenceIndex) or 0), str(s)))
        row["source"] = "\n".join(str(g.value(s, ROG.text)) for s in sentences if g.value(s, ROG.text) is not None)
        rows.append(row)
    used = {c for r in rows for c, v in r.items() if v}
    order = [*_HEAD, *vocab.relations, *_TAIL]
    keep = [c for c in order if c in _HEAD or c in used]
    return [{c: r.get(c, "") for c in keep} for r in rows]


def write_table(rows: Sequence[Mapping[str, str]], fmt: str) -> bytes:
    """Deterministic bytes of ``rows`` as ``csv``, ``yaml`` or ``xlsx``."""
    columns = list(rows[0]) if rows else list(_HEAD)
    if fmt == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([r.get(c, "") for c in columns] for r in rows)
        return out.getvalue().encode("utf-8")
    if fmt == "yaml":
        import yaml

        multi = {"abbreviations", "alt_de", "alt_en", *_vocabulary().relations}
        items = []
        for r in rows:
            item: dict[str, object] = {}
            for c in columns:
                if not r.get(c):
                    continue
                if c in multi:
                    item[c] = [v.strip() for v in r[c].split(_MULTI)]
                elif c in ("note_de", "note_en"):
                    item[c] = r[c].split("\n")
                else:
                    item[c] = r[c]
            items.append(item)
        text = yaml.safe_dump({"concepts": items}, allow_unicode=True, sort_keys=False, width=100)
        return text.encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(columns, rows)
    raise ValueError(f"unknown table format {fmt!r} (csv, yaml, xlsx)")


def _xlsx(columns: Sequence[str], rows: Sequence[Mapping[str, str]]) -> bytes:
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "glossary"
    sheet.append(list(columns))
    for r in rows:
        sheet.append([r.get(c, "") for c in columns])
    for line in sheet.iter_rows():
        for cell in line:
            # openpyxl stores text starting with "=" as a formula; a glossary cell is text
            if cell.data_type == "f":
                cell.data_type = "s"
    stamp = datetime(2000, 1, 1)
    book.properties.created = book.properties.modified = stamp
    raw = io.BytesIO()
    book.save(raw)
    # Rewrite the archive with fixed entry times so that the same table gives the same bytes.
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return fixed.getvalue()


#: Predicates whose values a table holds (besides the relation columns).
TABLE_PREDICATES = frozenset({RDF.type, *(c.predicate for c in _LITERALS.values())})


def table_triples(glossary: Glossary) -> set[tuple[Node, Node, Node]]:
    """What "the same graph" means for a round trip through a table.

    The triples whose subject is a concept and whose predicate is ``rdf:type`` (skos:Concept
    and the kind), a label, definition or editorial note, a metric or stage field, or a
    relation column (``broader``, ``related``, ``rog:`` relations) pointing at a concept.
    """
    vocab = _vocabulary()
    relations = set(vocab.relations.values())
    concepts = set(glossary.concept_iris)
    keep_types = {SKOS.Concept, *vocab.kinds.values()}
    out = set()
    for s in concepts:
        for p, o in glossary.graph.predicate_objects(s):
            if p == RDF.type and o not in keep_types:
                continue
            if p in TABLE_PREDICATES or (p in relations and o in concepts):
                out.add((s, p, o))
    return out

