"""Glossaries and vocabularies kept in spreadsheets: import CSV, XLSX or YAML tables as RDF, and export back.

One row per term; the header names the columns, in any order; names are matched ignoring
case, spaces, ``-`` and ``_`` (``has_input`` = ``hasInput``), except that a text column
needs ``_``, ``-`` or a space before its language tag. Two layouts share the columns:

- **RevOps** (no ``type`` column): every row is a concept of a ``rog:`` kind; ``kind``,
  ``term_de``, ``term_en``, ``definition_de`` and ``definition_en`` are required.
- **Any vocabulary** (a ``type`` column): SKOS concepts, OWL/RDFS classes and properties,
  labelled in any languages; nothing but an id or a label is required.

Columns::

    id              local name of the term's IRI (appended to the base), or a full IRI;
                    blank: made from a label (term_en, term_de, then the others)
    kind            the rog: kind: Discipline, OperatingModel, BusinessFunction, Process,
                    Lifecycle, JourneyStage, Tool, Resource, Metric, Quantity, Outcome
                    (or its label, e.g. "Business function")
    type            ";"-separated rdf:types: concept (skos:Concept), class (owl:Class),
                    property (rdf:Property), a prefixed name (rdfs:Class,
                    owl:ObjectProperty), a full IRI, or the id of a row
    <text>_<lang>   a text in one language, the tag BCP 47 (term_ja, label_de-ch); <text>
                    alone: untagged. One column family per predicate, so a text goes back
                    to the predicate it came from. Labels, in the model's precedence:
                    term (skos:prefLabel), label (rdfs:label, ";"-separated), name
                    (schema:name), title (dcterms:title), dc_title (dc:title), notation
                    (skos:notation, ";"-separated); alt (skos:altLabel, ";"-separated);
                    definitions: definition (skos:definition), comment (rdfs:comment),
                    description (dcterms:description); formula (rog:formula); note
                    (skos:editorialNote, one per line of the cell)
    <text>_<lang>#2, #3 ...   one more value each, where a term has more than one cell
                    holds (two English comments; a label holding the ";" separator)
    abbreviations   ";"-separated; alternative labels in both German and English (RevOps; RCO)
    broader, narrower, related          SKOS relations
    subclass_of, equivalent_class, disjoint_with, domain, range, domain_includes,
    range_includes, subproperty_of, inverse_of, equivalent_property, exact_match,
    close_match, broad_match, narrow_match, related_match
                    an ontology's relations and SKOS's mappings; targets may also be IRIs
                    outside the table, in full or with a common prefix (xsd:string)
    comprises, includes, aligns, ...    any rog: relation between concepts, by its name
                    (snake_case or camelCase); ";"-separated targets, each an id or a
                    label (term, label, abbreviation or alternative label) of a row of the file
    expression, unit   of a metric
    symbol          of a quantity (its name in a metric's expression)
    stage_index     of a journey stage (1, 2, ...)
    source          where the row comes from: the source sentence(s), one per line of the
                    cell; each becomes a rog:SourceSentence that the concept (dcterms:source)
                    and the row's relations (reified rdf:Statement, rog:statedIn) cite

Export writes a text column for each language the data carries, untagged first, then the
tags sorted (not the most common language first: a column keeps its place when a language
is added); the embedded glossary's table keeps its German and English columns.

YAML holds the same columns as keys of a list of mappings, either at the top or under
``concepts:``; multi-valued columns may be YAML lists. An optional top-level ``base:``
sets the base IRI. CSV is UTF-8 (a BOM is fine) with ``,``, ``;`` or tab between cells.
XLSX: the first sheet, header in row 1.

Round trip: importing :func:`to_table` of a glossary gives the same :func:`table_triples`
(terms, their types, texts in every language, relations, the metric and stage fields).
Not round-tripped: blank nodes (OWL restrictions, ``owl:unionOf`` domains, keys), typed
literals in text columns, text predicates and relations without a column
(``skos:hiddenLabel``, ``skos:scopeNote``, ``rdfs:isDefinedBy``, ``rdfs:seeAlso``, status
annotations), a text's surrounding whitespace, concept schemes and membership in them (import
makes one scheme for the table's concepts), the source sentences' line numbers and sentence
split, which sentence states which relation, and known gaps. ``export-table`` counts what it
leaves out.

Modules: ``columns`` (the layout), ``read`` (files -> rows), ``build`` (rows -> RDF),
``statements`` (what a table reads of a glossary, no rdflib needed), ``write`` (a glossary ->
rows -> bytes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .build import import_table as import_table, table_to_graph as table_to_graph
    from .columns import DEFAULT_BASE as DEFAULT_BASE, TABLE_FORMATS as TABLE_FORMATS, TableRow as TableRow
    from .read import read_table as read_table
    from .write import table_triples as table_triples, to_table as to_table, write_table as write_table

_EXPORTS = {
    "DEFAULT_BASE": "columns",
    "TABLE_FORMATS": "columns",
    "TableRow": "columns",
    "import_table": "build",
    "read_table": "read",
    "table_to_graph": "build",
    "table_triples": "write",
    "to_table": "write",
    "write_table": "write",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
