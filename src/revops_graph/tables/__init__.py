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

Modules: ``columns`` (the layout), ``read`` (files -> rows), ``build`` (rows -> RDF),
``write`` (a glossary -> rows -> bytes).
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
