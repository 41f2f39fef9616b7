"""A glossary -> rows, and rows -> CSV, TSV, XLSX or YAML bytes."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence

from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.term import Node

from ..errors import OutputError
from ..model import Glossary
from ..namespaces import ROG
from .build import ID_PATTERN
from .columns import HEAD, LITERALS, MULTI, TAIL, DEFAULT_BASE, defuse_cell, local_part, table_vocabulary

__all__ = [
    "table_triples",
    "to_table",
    "write_table",
]


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
    vocab = table_vocabulary()
    base = base or _base_of(glossary)
    columns_of = {p: c for c, p in vocab.relations.items()}
    concepts = set(glossary.concept_iris)
    g = glossary.view  # the store, read with rdflib's Graph calls

    def ident(iri: Node) -> str:
        text = str(iri)
        return text[len(base):] if text.startswith(base) and ID_PATTERN.match(text[len(base):]) else text

    rows = []
    for iri in glossary.concept_iris:
        name = ident(iri)
        kinds = [k for k in g.objects(iri, RDF.type) if k in set(vocab.kinds.values())]
        row = {"id": name, "kind": _single(sorted(local_part(k) for k in kinds), "kind", name)}
        for column, spec in LITERALS.items():
            values = [str(o) for o in g.objects(iri, spec.predicate)
                      if isinstance(o, Literal) and (o.language or None) == spec.lang]
            if spec.predicate == SKOS.altLabel:
                both = {str(o) for o in g.objects(iri, SKOS.altLabel) if o.language == "de"} & {
                    str(o) for o in g.objects(iri, SKOS.altLabel) if o.language == "en"}
                values = [v for v in values if v not in both]
                row["abbreviations"] = _joined(both, MULTI, "abbreviation", name)
            row[column] = (_joined(values, spec.separator, column, name) if spec.separator
                           else _single(values, column, name))
        for p, o in sorted(g.predicate_objects(iri)):
            if o not in concepts or p in (RDF.type, SKOS.inScheme, SKOS.topConceptOf, ROG.hasKnownGap):
                continue
            column = columns_of.get(p)
            if column is None:
                raise OutputError(f"{name}: the table layout has no column for the relation {p}")
            row[column] = (row.get(column, "") + f"{MULTI} " if row.get(column) else "") + ident(o)
        sentences = sorted(g.objects(iri, DCTERMS.source),
                           key=lambda s: (int(g.value(s, ROG.line) or 0), int(g.value(s, ROG.sentenceIndex) or 0), str(s)))
        row["source"] = "\n".join(str(g.value(s, ROG.text)) for s in sentences if g.value(s, ROG.text) is not None)
        rows.append(row)
    used = {c for r in rows for c, v in r.items() if v}
    order = [*HEAD, *vocab.relations, *TAIL]
    keep = [c for c in order if c in HEAD or c in used]
    return [{c: r.get(c, "") for c in keep} for r in rows]


def write_table(rows: Sequence[Mapping[str, str]], fmt: str) -> bytes:
    """Deterministic bytes of ``rows`` as ``csv``, ``tsv``, ``yaml`` or ``xlsx``.

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

        multi = {"abbreviations", "alt_de", "alt_en", *table_vocabulary().relations}
        items = []
        for r in rows:
            item: dict[str, object] = {}
            for c in columns:
                if not r.get(c):
                    continue
                if c in multi:
                    item[c] = [v.strip() for v in r[c].split(MULTI)]
                elif c in ("note_de", "note_en"):
                    item[c] = r[c].split("\n")
                else:
                    item[c] = r[c]
            items.append(item)
        text = yaml.safe_dump({"concepts": items}, allow_unicode=True, sort_keys=False, width=100)
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


#: Predicates whose values a table holds (besides the relation columns).
TABLE_PREDICATES = frozenset({RDF.type, *(c.predicate for c in LITERALS.values())})


def table_triples(glossary: Glossary) -> set[tuple[Node, Node, Node]]:
    """What "the same graph" means for a round trip through a table.

    The triples whose subject is a concept and whose predicate is ``rdf:type`` (skos:Concept
    and the kind), a label, definition or editorial note, a metric or stage field, or a
    relation column (``broader``, ``related``, ``rog:`` relations) pointing at a concept.
    """
    vocab = table_vocabulary()
    relations = set(vocab.relations.values())
    concepts = set(glossary.concept_iris)
    keep_types = {SKOS.Concept, *vocab.kinds.values()}
    out = set()
    for s in concepts:
        for p, o in glossary.view.predicate_objects(s):
            if p == RDF.type and o not in keep_types:
                continue
            if p in TABLE_PREDICATES or (p in relations and o in concepts):
                out.add((s, p, o))
    return out
