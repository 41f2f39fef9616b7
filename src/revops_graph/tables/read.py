"""Read a table file (CSV, XLSX, YAML) into rows, refusing accidents and bombs."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from os import PathLike
from pathlib import Path

from ..errors import InputError
from .columns import (
    MAX_BYTES,
    MAX_ROWS,
    MAX_XLSX_UNZIPPED,
    MAX_YAML_NODES,
    REQUIRED,
    TABLE_FORMATS,
    TableRow,
    Vocabulary,
    restore_cell,
    table_vocabulary,
)

__all__ = [
    "read_table",
]


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


def _header(path: Path, names: Sequence[object], vocab: Vocabulary, line: int = 1) -> list[str | None]:
    """Canonical column per position (``None`` for an unnamed, empty column)."""
    out: list[str | None] = []
    seen: set[str] = set()
    for raw in names:
        name = _cell(raw)
        if not name:
            out.append(None)
            continue
        column = _column(path, vocab, name, line)
        if column in seen:
            raise InputError(f"column {name!r}: appears twice", path=path, line=line)
        seen.add(column)
        out.append(column)
    _check_required(path, seen, line)
    return out


def _column(path: Path, vocab: Vocabulary, name: str, line: int) -> str:
    """The canonical column a header cell names; an unknown one is an error naming it."""
    try:
        column = vocab.column(name)
    except ValueError as exc:
        raise InputError(f"column {name!r}: {exc}", path=path, line=line) from None
    if column is None:
        raise InputError(f"column {name!r}: unknown column (see the layout in the README)", path=path, line=line)
    return column


def _check_required(path: Path, seen: set[str], line: int | None) -> None:
    """A RevOps table (no ``type`` column) needs its kind and its German and English columns."""
    if "type" not in seen:
        missing = [c for c in REQUIRED if c not in seen]
        if missing:
            also = " (or a 'type' column, for a vocabulary without RevOps kinds)" if "kind" in missing else ""
            raise InputError(f"missing column(s): {', '.join(missing)}{also}", path=path, line=line)


def _rows_from_grid(path: Path, grid: Iterable[tuple[int, Sequence[object]]], vocab: Vocabulary) -> list[TableRow]:
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


def _read_csv(path: Path, vocab: Vocabulary) -> list[TableRow]:
    text = _text(path, _read_bytes(path))
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def grid() -> Iterable[tuple[int, list[str]]]:
        start = 1
        try:
            for record in reader:
                yield start, [restore_cell(cell) for cell in record]  # as export-table wrote it
                start = reader.line_num + 1
        except csv.Error as exc:
            raise InputError(str(exc), path=path, line=reader.line_num) from None

    return _rows_from_grid(path, grid(), vocab)


def _read_xlsx(path: Path, vocab: Vocabulary) -> list[TableRow]:
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


def _read_yaml(path: Path, vocab: Vocabulary) -> tuple[list[TableRow], str | None]:
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
            key_line = key_node.start_mark.line + 1
            column = _column(path, vocab, _scalar(key_node), key_line)
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
    vocab = table_vocabulary()
    if fmt in ("csv", "tsv"):  # the delimiter is read from the header row
        return _read_csv(file, vocab), None
    if fmt == "xlsx":
        return _read_xlsx(file, vocab), None
    return _read_yaml(file, vocab)
