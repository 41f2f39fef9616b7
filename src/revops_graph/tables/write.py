"""A glossary -> rows, and rows -> CSV, TSV, XLSX or YAML bytes."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from .. import _rdflib as rdfl
from ..errors import OutputError
from ..model import Glossary
from .columns import (
    DEFAULT_BASE,
    FAMILIES,
    FAMILY,
    FIXED,
    HEAD,
    HEAD_FAMILIES,
    ID_PATTERN,
    LINE,
    MULTI,
    OPEN_PREDICATES,
    RDF_TYPE,
    SENTENCE_INDEX,
    SKOS_CONCEPT,
    SOURCE,
    TEXT,
    TYPE_WORDS,
    compact,
    defuse_cell,
    family_column,
    literal_column,
    local_part,
    table_vocabulary,
)
from .statements import IRI, PLAIN, TYPED, Statement, Statements, Value, statements

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = [
    "left_out",
    "table_base",
    "table_triples",
    "to_table",
    "write_table",
]


def table_base(glossary: Glossary) -> str:
    """The base IRI a table's ids are relative to by default: the namespace most terms share."""
    spaces = [str(i)[: max(str(i).rfind("/"), str(i).rfind("#")) + 1] for i in table_terms(glossary)]
    return max(sorted(set(spaces)), key=spaces.count) if spaces else DEFAULT_BASE


def table_terms(glossary: Glossary) -> tuple[str, ...]:
    """The rows of a glossary's table (IRIs): every term, whatever sorts its commands work on."""
    return tuple(glossary.terms.select("all"))


def _single(values: list[str], what: str, name: str) -> str:
    if len(values) > 1:
        raise OutputError(f"{name}: {len(values)} values of {what}; a table cell holds one")
    return values[0] if values else ""


def _joined(values: Iterable[str], separator: str, what: str, name: str) -> str:
    items = sorted(values)
    for value in items:
        if separator in value:
            shown = "a line break" if separator == "\n" else repr(separator)
            raise OutputError(f"{name}: {what} {value!r} contains {shown}, which separates values in a cell")
    return ("\n" if separator == "\n" else f"{separator} ").join(items)


def _cells(column: str, values: list[str], name: str) -> dict[str, str]:
    """A text column's cells: the values one cell holds, the others in ``column#2``, ``#3`` ...

    A single-valued column holds the first value sorted; a multi-valued one every value
    without its separator in it (a label with a ``;`` goes to a numbered column of its own).
    """
    spec = literal_column(column)
    assert spec is not None
    ordered = sorted(values)
    if spec.separator:
        fits = [v for v in ordered if spec.separator not in v]
        out = {column: _joined(fits, spec.separator, column, name)}
        rest = [v for v in ordered if spec.separator in v]
    else:
        out, rest = {column: ordered[0]}, ordered[1:]
    out.update({f"{column}#{number}": value for number, value in enumerate(rest, start=2)})
    return out


def _texts(about: list[Statement]) -> dict[str, list[str]]:
    """The term's plain and language-tagged texts by column (``label_fr``, ``comment``, ...)."""
    out: dict[str, list[str]] = {}
    for p, o in about:
        family = _FAMILY_OF.get(p)
        if family is not None and o.sort == PLAIN:
            out.setdefault(family_column(family.name, (o.lang or "").lower()), []).append(o.text)
    return out


_FAMILY_OF = {f.predicate: f for f in FAMILIES}
_WORD_OF = {iri: word for word, iri in TYPE_WORDS.items()}


def to_table(glossary: Glossary, base: str | None = None) -> list[dict[str, str]]:
    """The glossary as table rows (column -> cell text), the layout :func:`import_table` reads.

    One row per term: SKOS concepts, OWL/RDFS classes and properties. Ids are local names under
    ``base`` (default: the namespace most terms share), or full IRIs. Text columns come per
    language the data has (see :func:`column_order`); relation, metric and type columns only
    when some term uses them. Raises :class:`OutputError` when a value cannot be put in a cell
    (e.g. two English definitions).
    """
    vocab = table_vocabulary()
    terms = table_terms(glossary)
    base = base or table_base(glossary)
    columns_of = {p: c for c, p in vocab.relations.items()}
    open_ended = OPEN_PREDICATES
    known, kinds = set(terms), set(vocab.kinds.values())
    read = statements(glossary)

    def ident(text: str) -> str:
        return text[len(base):] if text.startswith(base) and ID_PATTERN.match(text[len(base):]) else text

    def target(iri: str) -> str:
        return ident(iri) if iri in known else compact(iri)

    rows = []
    for iri in terms:
        name = ident(iri)
        about = read.about(iri)
        by_predicate: dict[str, list[Value]] = {}
        for p, o in about:
            by_predicate.setdefault(p, []).append(o)
        types = {o.text for o in by_predicate.get(RDF_TYPE, ()) if o.sort == IRI}
        own = types & kinds
        row = {"id": name, "kind": _single(sorted(local_part(k) for k in own), "kind", name)}
        others = types - own - ({SKOS_CONCEPT} if own else set())  # the kind says "concept"
        row["type"] = _joined((_WORD_OF.get(t) or target(t) for t in others), MULTI, "type", name)
        texts = _texts(about)
        if own:  # the RevOps layout: a label in both German and English is an abbreviation
            both = set(texts.get("alt_de", ())) & set(texts.get("alt_en", ()))
            row["abbreviations"] = _joined(both, MULTI, "abbreviation", name)
            for column in ("alt_de", "alt_en"):
                texts[column] = [v for v in texts.get(column, ()) if v not in both]
        for column, values in texts.items():
            row.update(_cells(column, values, name))
        for column, spec in FIXED.items():
            row[column] = _single([o.text for o in by_predicate.get(spec.predicate, ()) if o.sort in _LITERAL], column, name)
        linked = sorted((p, o.text) for p, objects in by_predicate.items() if p in columns_of
                        for o in objects if o.sort == IRI)
        for p, o_iri in linked:
            if o_iri in known or p in open_ended:
                column = columns_of[p]
                row[column] = (row.get(column, "") + f"{MULTI} " if row.get(column) else "") + target(o_iri)
        row["source"] = _sources(read, by_predicate.get(SOURCE, []))
        rows.append(row)
    used = {c for r in rows for c, v in r.items() if v}
    keep = column_order(used, revops=bool(rows) and all(r["kind"] for r in rows), relations=vocab.relations)
    return [{c: r.get(c, "") for c in keep} for r in rows]


_LITERAL = (PLAIN, TYPED)


def _sources(read: Statements, sentences: list[Value]) -> str:
    """The ``source`` cell: the texts of the sentences, in the order of their lines."""
    in_order = sorted(sentences, key=lambda s: (read.number(s, LINE), read.number(s, SENTENCE_INDEX), s.text))
    return "\n".join(text for s in in_order if (text := read.text(s, TEXT)) is not None)


def column_order(used: set[str], revops: bool, relations: Iterable[str]) -> list[str]:
    """The columns of a table, in order.

    ``id``, ``kind`` and ``type``; the label and definition families (:data:`HEAD_FAMILIES`),
    each with its languages sorted by tag, untagged first; the relations; a metric's fields,
    the editorial notes and ``source``. Sorted tags, not the data's most common language first:
    a column keeps its place when a label in a new language is added. A RevOps table (``revops``:
    every term has a kind) always has the German and English columns it has always had; any
    other has ``type`` and the columns its data fills.
    """
    if revops:
        used = used | set(HEAD)
    else:
        used = used | {"id", "type"}
    order = ["id", "kind", "type"]
    for family in (*HEAD_FAMILIES, None, "formula", *FIXED, "note", "source"):
        if family is None:
            order += list(relations)
        elif family in FAMILY:
            if family == "alt":
                order.append("abbreviations")
            bases = {c.partition("#")[0] for c in used}
            tags = sorted({c[len(family) + 1:] for c in bases if c.startswith(family + "_")} | ({""} if family in bases else set()))
            for column in (family_column(family, tag) for tag in tags):
                numbered = (c for c in used if c.startswith(column + "#"))
                order += [column, *sorted(numbered, key=lambda c: int(c.partition("#")[2]))]
        else:
            order.append(family)
    return [c for c in order if c in used]


def write_table(rows: Sequence[Mapping[str, str]], fmt: str, base: str | None = None) -> bytes:
    """Deterministic bytes of ``rows`` as ``csv``, ``tsv``, ``yaml`` or ``xlsx``.

    ``base``: the IRI the ids are relative to, written as YAML's ``base:`` (the other formats
    have no place for it).

    CSV and TSV cells that would start a formula get a leading ``'`` (``import`` removes it);
    XLSX cells are typed as text.
    """
    columns = list(rows[0]) if rows else list(HEAD)
    if fmt in ("csv", "tsv"):
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\n", delimiter="\t" if fmt == "tsv" else ",")
        writer.writerow(columns)
        # Defused: a definition reading "=HYPERLINK(...)" must stay text in Excel or Calc.
        # A lone CR would end the record (the writer quotes only for "\n"): written as "\n".
        writer.writerows([defuse_cell(_newlines(r.get(c, ""))) for c in columns] for r in rows)
        return out.getvalue().encode("utf-8")
    if fmt == "yaml":
        import yaml

        specs = {c: literal_column(c) for c in columns}
        multi = {"abbreviations", "type", *table_vocabulary().relations,
                 *(c for c, spec in specs.items() if spec and spec.separator == MULTI)}
        lines = {c for c, spec in specs.items() if spec and spec.separator == "\n"}
        items = []
        for r in rows:
            item: dict[str, object] = {}
            for c in columns:
                if not r.get(c):
                    continue
                if c in multi:
                    item[c] = [v.strip() for v in r[c].split(MULTI)]
                elif c in lines:
                    item[c] = r[c].split("\n")
                else:
                    item[c] = r[c]
            items.append(item)
        document = {"base": base, "concepts": items} if base else {"concepts": items}
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
        return text.encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(columns, rows)
    raise ValueError(f"unknown table format {fmt!r} (csv, tsv, yaml, xlsx)")


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time into dcterms:modified whatever was set
                data = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            dst.writestr(entry, data)
    return fixed.getvalue()


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def table_triples(glossary: Glossary) -> set[tuple[Node, Node, Node]]:
    """What "the same graph" means for a round trip through a table.

    The triples whose subject is a term (a concept, class or property) and whose predicate is
    ``rdf:type`` (to an IRI), a text column's (labels, definitions, comments, notes, in any
    language or none: plain literals, compared with surrounding whitespace trimmed, as a cell
    keeps them), a metric or stage field, or a relation column's: to another term, or, for the
    ontology and mapping relations (``equivalent_class``, ``range`` ...), to any IRI.

    Not carried, so not compared: blank nodes (OWL restrictions, ``owl:unionOf`` domains, keys),
    typed literals in text columns, ``skos:hiddenLabel`` and the other SKOS notes, predicates
    without a column (``owl:disjointUnionOf``, ``rdfs:seeAlso``, ``rdfs:isDefinedBy``, status
    annotations), concept schemes and membership in them, and whatever says something about
    IRIs that are not terms (the ontology header, source sentences).
    """
    terms = table_terms(glossary)
    carried = _carrier(set(terms))
    read = statements(glossary)
    out: set[tuple[Node, Node, Node]] = set()
    for s in terms:
        subject = rdfl.URIRef(s)
        for p, o in read.about(s):
            if carried(p, o):
                # a cell keeps no surrounding whitespace (import trims it)
                obj = rdfl.Literal(o.text.strip(), lang=o.lang) if p in _FAMILY_OF else read.rdf(o)
                out.add((subject, rdfl.URIRef(p), obj))
    return out


def _carrier(terms: set[str]) -> Callable[[str, Value], bool]:
    """Whether a table carries a term's ``(predicate, object)`` (see :func:`table_triples`)."""
    vocab = table_vocabulary()
    relations = set(vocab.relations.values())
    open_ended = OPEN_PREDICATES
    fixed = {spec.predicate for spec in FIXED.values()}

    def carried(p: str, o: Value) -> bool:
        if p == RDF_TYPE or p in relations:
            return o.sort == IRI and (p == RDF_TYPE or o.text in terms or p in open_ended)
        if p in _FAMILY_OF:
            return o.sort == PLAIN
        return p in fixed and o.sort in _LITERAL

    return carried


def left_out(glossary: Glossary) -> dict[str, int]:
    """How many statements about the terms a table of ``glossary`` leaves out, by predicate
    (``prefix:name`` or IRI), sorted; ``dcterms:source`` counts as carried (the ``source`` column)."""
    terms = table_terms(glossary)
    carried = _carrier(set(terms))
    read = statements(glossary)
    counts: dict[str, int] = {}
    for s in terms:
        for p, o in read.about(s):
            if not carried(p, o) and p != SOURCE:
                key = compact(p)
                counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))
