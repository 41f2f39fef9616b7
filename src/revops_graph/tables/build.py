"""Rows -> RDF: concepts, labels, relations and their source sentences."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ..errors import InputError
from ..model import Glossary, normalize_label
from ..namespaces import REVOPS_IRI, ROG, bind_prefixes
from .columns import (
    DEFAULT_BASE,
    FAMILY,
    ID_PATTERN,
    LABEL_FAMILIES,
    MULTI,
    REQUIRED,
    TYPE_WORDS,
    XSD_INTEGER,
    Column,
    TableRow,
    column_key,
    expand,
    literal_column,
    local_part,
    table_vocabulary,
)
from .read import read_table

__all__ = [
    "import_table",
    "table_to_graph",
]


#: Predicates whose values name a row, so that a relation may point at the row by one of them.
NAMING = frozenset(FAMILY[f].predicate for f in LABEL_FAMILIES)


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


def _name_rank(column: str) -> tuple[int, int, str]:
    """Where a label column comes when an id is made from a label: English, German, then layout order."""
    family = next((i for i, f in enumerate(LABEL_FAMILIES) if column == f or column.startswith(f + "_")), len(LABEL_FAMILIES))
    return ({"term_en": 0, "term_de": 1}.get(column, 2), family, column)


def _concept_iri(path: Path, row: TableRow, base: str) -> URIRef:
    ident = _one(path, row, "id")
    if not ident:
        for column in sorted(row.cells, key=_name_rank):
            if _name_rank(column)[1] == len(LABEL_FAMILIES):
                continue
            spec = literal_column(column)
            found = _values(row, column, spec.separator if spec else None)
            if found and _slug(found[0]):
                ident = _slug(found[0])
                break
    if _ABSOLUTE.match(ident):
        return URIRef(ident)
    if not ident:
        raise InputError("column 'id': empty, and no label spelt in Latin letters or digits gives one",
                         path=path, line=row.line_of("id"))
    if not ID_PATTERN.match(ident):
        raise InputError(f"column 'id': {ident!r} is not a usable id (letters, digits, '-', '_', '.', '~')",
                         path=path, line=row.line_of("id"))
    return URIRef(base + ident)


def table_to_graph(rows: Sequence[TableRow], base: str = DEFAULT_BASE, path: str | PathLike[str] = "<table>") -> Graph:
    """The RDF graph of table ``rows``; raises :class:`InputError` naming row and column.

    A table without a ``type`` column follows the RevOps layout: every row is a concept of a
    ``rog:`` kind with German and English labels and definitions. A table with one holds any
    vocabulary's terms: each row is what its ``type`` cell says (``concept``, ``class``,
    ``property``, or any class by prefixed name, IRI or row), and a ``kind``, if given, makes it a
    RevOps concept of that kind.
    """
    file = Path(path)
    vocab = table_vocabulary()
    if not rows:
        raise InputError("the table has no concepts", path=file)
    revops = not any("type" in r.cells for r in rows)
    graph = bind_prefixes(Graph(), {} if base == REVOPS_IRI else {"glossary": base})
    scheme = URIRef(base + "glossary")
    relations = {column: URIRef(p) for column, p in vocab.relations.items()}
    type_words = {word: URIRef(iri) for word, iri in TYPE_WORDS.items()}
    iris: list[URIRef] = []
    seen: dict[URIRef, int] = {}
    labels: dict[str, set[URIRef]] = {}
    concepts: list[URIRef] = []
    for row in rows:
        iri = _concept_iri(file, row, base)
        if iri in seen:
            raise InputError(f"column 'id': {local_part(iri)!r} is already used on line {seen[iri]}", path=file, line=row.line_of("id"))
        seen[iri] = row.line
        iris.append(iri)
        for column in REQUIRED if revops else ():
            if not _one(file, row, column):
                raise InputError(f"column {column!r}: empty; every concept needs it", path=file, line=row.line_of(column))
        kind_name = _one(file, row, "kind")
        if kind_name:
            kind = vocab.kinds.get(column_key(kind_name))
            if kind is None:
                raise InputError(f"column 'kind': unknown kind {kind_name!r} (kinds: "
                                 f"{', '.join(sorted({local_part(k) for k in vocab.kinds.values()}))})",
                                 path=file, line=row.line_of("kind"))
            graph.add((iri, RDF.type, URIRef(kind)))
            graph.add((URIRef(kind), RDFS.subClassOf, SKOS.Concept))  # so the output is self-describing
            concepts.append(iri)
        for column in sorted(row.cells):
            spec = literal_column(column)
            if spec is None:
                continue
            for text in _values(row, column, spec.separator) if spec.separator else filter(None, [_one(file, row, column)]):
                graph.add((iri, URIRef(spec.predicate), _literal(file, row, column, spec, text)))
                if spec.predicate in NAMING:
                    labels.setdefault(normalize_label(text), set()).add(iri)
        for abbreviation in _values(row, "abbreviations", MULTI):
            for lang in ("de", "en"):
                graph.add((iri, SKOS.altLabel, Literal(abbreviation, lang=lang)))
            labels.setdefault(normalize_label(abbreviation), set()).add(iri)
    by_id = {local_part(i): i for i in iris} | {str(i): i for i in iris}
    sentences: dict[str, URIRef] = {}
    for row, iri in zip(rows, iris):
        for word in _values(row, "type", MULTI):
            sort = type_words.get(word.casefold()) or _type(file, row, word, by_id)
            graph.add((iri, RDF.type, sort))
            if sort == SKOS.Concept:
                concepts.append(iri)
        cited = []
        for number, text in enumerate(_values(row, "source", "\n"), start=1):
            # one sentence per line of the cell; the same text in several rows is one sentence
            if text not in sentences:
                sentences[text] = URIRef(f"{base}src-{local_part(iri)}-{number}")
                graph.add((sentences[text], RDF.type, ROG.SourceSentence))
                graph.add((sentences[text], ROG.text, Literal(text)))
            cited.append(sentences[text])
            graph.add((iri, DCTERMS.source, sentences[text]))
        for column, predicate in relations.items():
            for target in _values(row, column, MULTI):
                obj = _target(file, row, column, target, by_id, labels)
                graph.add((iri, predicate, obj))
                if cited:
                    _add_statement(graph, base, (iri, predicate, obj), cited)
    if concepts:  # the concepts' scheme; an ontology's classes and properties belong to none
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme, SKOS.prefLabel, Literal(file.stem or "glossary", lang="en")))
        for iri in concepts:
            graph.add((iri, RDF.type, SKOS.Concept))
            graph.add((iri, SKOS.inScheme, scheme))
    return graph


def _add_statement(graph: Graph, base: str, triple: tuple[URIRef, URIRef, URIRef], sources: list[URIRef]) -> None:
    """The provenance pattern: a reified statement of ``triple`` stated in ``sources``."""
    s, p, o = triple
    statement = URIRef(f"{base}stmt-{local_part(s)}.{local_part(p)}.{local_part(o)}")
    graph.add((statement, RDF.type, RDF.Statement))
    graph.add((statement, RDF.subject, s))
    graph.add((statement, RDF.predicate, p))
    graph.add((statement, RDF.object, o))
    for source in sources:
        graph.add((statement, ROG.statedIn, source))


def _literal(path: Path, row: TableRow, column: str, spec: Column, text: str) -> Literal:
    if spec.datatype == XSD_INTEGER:
        if not re.fullmatch(r"[+-]?\d+", text):
            raise InputError(f"column {column!r}: {text!r} is not a whole number", path=path, line=row.line_of(column))
        return Literal(int(text))
    return Literal(text, lang=spec.lang)


def _type(path: Path, row: TableRow, word: str, by_id: Mapping[str, URIRef]) -> URIRef:
    """A ``type`` cell's class: a row's id, a prefixed name or an IRI (labels are not types)."""
    found = by_id.get(word) or expand(word) or (word if _ABSOLUTE.match(word) else None)
    if found is None:
        raise InputError(f"column 'type': unknown type {word!r} (concept, class, property, a prefixed name "
                         f"such as owl:ObjectProperty, an IRI, or the id of a row)", path=path, line=row.line_of("type"))
    return URIRef(found)


def _target(path: Path, row: TableRow, column: str, target: str, by_id: Mapping[str, URIRef],
            labels: Mapping[str, set[URIRef]]) -> URIRef:
    """A row by its id or label, or any IRI: in full or with a prefix of the layout (``xsd:string``)."""
    if target in by_id:
        return by_id[target]
    expanded = expand(target)
    if expanded is not None:
        return URIRef(expanded)
    if _ABSOLUTE.match(target):
        return URIRef(target)
    hits = labels.get(normalize_label(target), set())
    if len(hits) == 1:
        return next(iter(hits))
    line = row.line_of(column)
    if hits:
        names = ", ".join(sorted(local_part(h) for h in hits))
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
