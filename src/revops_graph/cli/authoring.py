"""Commands for people who model their own glossary: import, export-table, validate, lint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._common import (
    DataOption, InputFormatOption, LangOption, ProfileOption, RequireLangOption, app, check_output_file,
    check_profile, fetched_file, large_graph_warnings, load, reported_errors, working, write_stdout,
)

from ._server import server_options

if TYPE_CHECKING:
    from ..store import Remote

ReportFormatOption = Annotated[str, typer.Option("--format", "-f", help="text or json.")]


def _check_report_format(fmt: str) -> None:
    if fmt not in ("text", "json"):
        raise typer.BadParameter(f"{fmt!r} is not one of 'text', 'json'", param_hint="--format")


def _emit_json(value: object) -> None:
    write_stdout((json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8"))


@app.command()
@server_options
def validate(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    fmt: ReportFormatOption = "text",
    shapes: Annotated[Optional[Path], typer.Option("--shapes", help="Your own SHACL shapes, run on top of the profile.")] = None,
    lang: LangOption = "en",
    profile: ProfileOption = "auto",
    require_lang: RequireLangOption = None,
    server: Remote | None = None,
) -> None:
    """Check the data with the checks that fit it; a report grouped by concept.

    RevOps data (it uses the rog vocabulary) meets the RevOps shapes, any other SKOS the W3C
    integrity conditions and quality checks (warnings do not fail). Exit 0 when it conforms,
    1 when it does not, 2 when the input cannot be read. From 500 concepts on the shapes run
    as SPARQL on Oxigraph, without an rdflib graph.
    """
    from ..checks import validate_files

    _check_report_format(fmt)
    required = check_profile(profile, require_lang)
    with reported_errors(), large_graph_warnings(), working("validating with SHACL"):
        if server is not None:
            with fetched_file(server) as path:
                report = validate_files([path], "nt", shapes, lang, profile=profile, languages=required)
        else:
            report = validate_files(data or None, input_format, shapes, lang, profile=profile, languages=required)
    if fmt == "json":
        _emit_json(report.to_dict())
    else:
        typer.echo(report.to_text(), nl=False)
    raise typer.Exit(0 if report.conforms else 1)


@app.command()
@server_options
def lint(
    data: DataOption = None,
    input_format: InputFormatOption = None,
    fmt: ReportFormatOption = "text",
    disable: Annotated[
        Optional[list[str]],
        typer.Option("--disable", help="Rule id to switch off (repeat, or separate with commas)."),
    ] = None,
    config: Annotated[
        Path, typer.Option("--config", help="pyproject.toml with [tool.revops-graph.lint] disable = [...].")
    ] = Path("pyproject.toml"),
    list_rules: Annotated[bool, typer.Option("--list-rules", help="List the rules and exit.")] = False,
    server: Remote | None = None,
) -> None:
    """Find modelling problems SHACL cannot say well; each with a one-line fix hint.

    Exit 1 when any finding has severity error, else 0.
    """
    from ..checks.lint import RULES, lint_glossary, load_lint_config

    _check_report_format(fmt)
    if list_rules:
        for rule in RULES.values():
            typer.echo(f"{rule.id:32} {rule.severity:8} {rule.summary}")
        raise typer.Exit(0)
    switched_off = [part.strip() for item in disable or [] for part in item.split(",") if part.strip()]
    unknown = [rule for rule in switched_off if rule not in RULES]
    if unknown:
        from ._suggest import close_matches, hint

        raise typer.BadParameter(f"unknown rule {unknown[0]!r}{hint(close_matches(unknown[0], RULES))} "
                                 f"(rules: {', '.join(RULES)})", param_hint="--disable")
    with reported_errors():
        off = load_lint_config(config) + switched_off
        glossary = load(data, input_format, server)
        with working("linting"):
            report = lint_glossary(glossary, off)
    if fmt == "json":
        _emit_json(report.to_dict())
    else:
        for finding in report.findings:
            typer.echo(str(finding))
        counts = report.counts()
        typer.echo(", ".join(f"{n} {severity}(s)" for severity, n in counts.items()))
    raise typer.Exit(1 if report.errors else 0)


_RDF_OUTPUTS = {".ttl": "turtle", ".jsonld": "jsonld", ".json": "jsonld", ".nt": "nt", ".rdf": "xml", ".xml": "xml"}


@app.command("import")
def import_(
    table: Annotated[Path, typer.Argument(help="Glossary table: .csv, .xlsx or .yaml (layout in the README).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="RDF file to write (.ttl, .jsonld, .nt, .rdf).")],
    base: Annotated[Optional[str], typer.Option("--base", help="Base IRI of the terms (ends with / or #).")] = None,
) -> None:
    """Turn a spreadsheet or YAML glossary or vocabulary into RDF; errors name the row and column."""
    from ..export.formats import serialize
    from ..io.files import write_atomic
    from ..tables import import_table

    fmt = _RDF_OUTPUTS.get(output.suffix.lower())
    if fmt is None:
        raise typer.BadParameter(f"cannot tell the RDF syntax from {output.suffix or 'no extension'!r}; "
                                 f"use one of {', '.join(_RDF_OUTPUTS)}", param_hint="--output")
    check_output_file(output, "--output")
    with reported_errors():
        glossary = import_table(table, base)
        write_atomic(output, serialize(glossary, fmt))
    terms = glossary.terms
    count = len(terms.select("all"))
    # a RevOps table's rows are all concepts; any other vocabulary's, concepts, classes and properties
    typer.echo(f"wrote {count} {'concepts' if count == len(terms.concepts) else 'terms'} to {output}")


# The name the other table command suggests; `import` stays the documented one.
app.command("import-table", hidden=True)(import_)


@app.command("export-table")
@server_options
def export_table(
    output: Annotated[Path, typer.Option("--output", "-o", help="Table to write: .csv, .xlsx or .yaml.")],
    data: DataOption = None,
    input_format: InputFormatOption = None,
    base: Annotated[Optional[str], typer.Option("--base", help="Base IRI the ids are relative to.")] = None,
    server: Remote | None = None,
) -> None:
    """Write the glossary as a table that `import` reads back: one row per term (SKOS concept,
    OWL/RDFS class or property), text columns per language, relation columns.

    What the table cannot hold (blank nodes such as OWL restrictions, predicates without a
    column) is counted on stderr.
    """
    from ..io.files import write_atomic
    from ..tables import TABLE_FORMATS, to_table, write_table
    from ..tables.write import left_out, table_base

    fmt = TABLE_FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise typer.BadParameter(f"use one of {', '.join(TABLE_FORMATS)}", param_hint="--output")
    check_output_file(output, "--output")
    with reported_errors():
        glossary = load(data, input_format, server)
        yours = bool(data) or server is not None  # not the embedded glossary
        rows = to_table(glossary, base)
        chosen = base or table_base(glossary)
        write_atomic(output, write_table(rows, fmt, chosen if yours or base else None))
        missing = left_out(glossary) if yours else {}  # the embedded glossary's gaps are known and documented
    typer.echo(f"wrote {len(rows)} {'concepts' if len(rows) == len(glossary.terms.concepts) else 'terms'} to {output}")
    if yours and fmt != "yaml":  # a CSV or XLSX cannot say which base its ids are relative to
        typer.echo(f"note: ids are relative to {chosen}; read the table back with --base {chosen}", err=True)
    if missing:
        shown = ", ".join(f"{p} ({n})" for p, n in list(missing.items())[:6])
        more = f" and {len(missing) - 6} more predicates" if len(missing) > 6 else ""
        typer.echo(f"note: the table leaves out {sum(missing.values())} statements about the terms: {shown}{more}",
                   err=True)
