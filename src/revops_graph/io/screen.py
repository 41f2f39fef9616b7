"""Screening input before it is parsed: syntax by extension, size, encoding, XML entities, nesting depth.

Hostile input is stopped before it can cost much: a file must be a regular, non-empty,
UTF-8 text file; all inputs together must stay under :data:`MAX_INPUT_BYTES`; RDF/XML is
screened with the standard library's expat first (no external entities, no entity that
expands past :data:`MAX_ENTITY_EXPANSION` characters, expat's own amplification limit);
blank nodes may nest at most :data:`MAX_BLANK_NODE_DEPTH` deep. Every failure is an
:class:`~revops_graph.errors.InputError` naming the file and, where known, line and column."""

from __future__ import annotations

import codecs
import re
import stat
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError

__all__ = [
    "FORMATS",
    "MAX_BLANK_NODE_DEPTH",
    "MAX_ENTITY_EXPANSION",
    "MAX_INPUT_BYTES",
    "MAX_TERM_BYTES",
    "format_for",
    "parse_error",
    "screen_file",
    "term_too_large",
]


#: Format names accepted by ``--input-format``, with the file extensions that select them.
FORMATS: dict[str, tuple[ox.RdfFormat, tuple[str, ...]]] = {
    "turtle": (ox.RdfFormat.TURTLE, (".ttl", ".turtle")),
    "trig": (ox.RdfFormat.TRIG, (".trig",)),
    "nt": (ox.RdfFormat.N_TRIPLES, (".nt",)),
    "nquads": (ox.RdfFormat.N_QUADS, (".nq",)),
    "jsonld": (ox.RdfFormat.JSON_LD, (".jsonld", ".json")),
    "xml": (ox.RdfFormat.RDF_XML, (".rdf", ".owl", ".xml")),
}

#: Other names ``--input-format`` accepts: each extension of a syntax (without its dot)
#: and the common long names, since users type the extension they see (``ttl``).
FORMAT_ALIASES: dict[str, str] = {
    **{suffix[1:]: name for name, (_, suffixes) in FORMATS.items() for suffix in suffixes},
    "ntriples": "nt", "n-triples": "nt", "nq": "nquads", "n-quads": "nquads", "json-ld": "jsonld",
    "rdfxml": "xml", "rdf/xml": "xml",
}


#: Total size of the input files above which the in-memory load refuses and points at the
#: Oxigraph store. rdflib costs about 1 KB and 9 µs per triple to load, and its SPARQL and
#: serializers slow down in proportion: 256 MiB of N-Triples (some 1.8 million triples)
#: need about 2 GB.
MAX_INPUT_BYTES = 256 * 1024 * 1024


#: Longest chain of blank nodes (``[ ... [ ... ] ]``, labelled chains, list spines).
#: rdflib's serializers recurse along such chains (RecursionError past ~300) and its
#: blank-node canonicalization slows down sharply (2,000 deep: over 60 s).
MAX_BLANK_NODE_DEPTH = 100


#: The most pyoxigraph's parsers hold of one term (a literal, an IRI): their buffer's
#: fixed maximum. A longer one fails in Rust with a MemoryError, whatever the store.
MAX_TERM_BYTES = 16 * 1024 * 1024


#: Characters one RDF/XML internal entity may expand to (stops "billion laughs").
MAX_ENTITY_EXPANSION = 1_000_000


# rdf:RDF, then a node and a property element per blank-node level, then a literal's markup.
_MAX_XML_DEPTH = 2 * MAX_BLANK_NODE_DEPTH + 8


# pyoxigraph prefixes its messages with the location, which InputError already shows.
_LOCATION = re.compile(r"^Parser error (?:at|on|between) line \d+[^:]*: ", re.IGNORECASE)


_ENTITY_REF = re.compile(r"&([^;&\s]+);")


_NO_LOADER = "No LoadDocumentCallback has been set to load remote contexts"
_REMOTE_CONTEXT = (
    "refusing to fetch a remote JSON-LD @context{where} (nothing is downloaded while parsing); "
    "inline the context object in place of its URL"
)


# pyoxigraph messages that deserve a plainer word to the user.
_PLAINER = {
    "Unexpected end": "unexpected end of the file (is it truncated?)",
    "Unexpected end of file": "unexpected end of the file (is it truncated?)",
    _NO_LOADER: _REMOTE_CONTEXT.format(where=""),
    "<!ENTITY values should be enclosed in double quotes":
        "XML entity declarations must use double quotes and may not point at files or URLs",
}


def format_for(path: str | PathLike[str], fmt: str | None = None) -> ox.RdfFormat:
    """The RDF syntax for ``path``: ``fmt`` (a name or an extension) when given, otherwise
    from its extension.

    >>> format_for("glossary.ttl").name
    'Turtle'
    >>> format_for("glossary", "ttl").name
    'Turtle'
    """
    if fmt is not None:
        name = fmt.lower()
        name = name if name in FORMATS else FORMAT_ALIASES.get(name, name)
        if name not in FORMATS:
            raise InputError(f"unknown format {fmt!r} (choose one of {', '.join(FORMATS)}, or an extension "
                             f"such as ttl)", path=path)
        return FORMATS[name][0]
    suffix = Path(path).suffix.lower()
    for rdf_format, suffixes in FORMATS.values():
        if suffix in suffixes:
            return rdf_format
    if Path(path).is_dir():
        # A folder has no extension to go by; saying what it is helps more than its "syntax".
        raise InputError("is a directory, expected an RDF file", path=path)
    known = ", ".join(s for _, sfx in FORMATS.values() for s in sfx)
    raise InputError(
        f"cannot tell the RDF syntax from {suffix or 'a name without extension'!r}: "
        f"use one of {known} or name the format ({', '.join(FORMATS)})",
        path=path,
    )


def _where(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of byte ``offset``."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def size_of(path: Path) -> int:
    """The size of a regular file, or InputError saying why ``path`` is not one."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, expected an RDF file", path=path)
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or a device (/dev/zero) could feed bytes for ever.
        raise InputError("is not a regular file, expected an RDF file", path=path)
    return info.st_size


def _refuse_binary(data: bytes, path: Path) -> None:
    """InputError when ``data`` looks binary: a NUL byte in its first KiB (as file(1) guesses).

    Only consulted once the text is already known to be bad: Turtle and N-Triples may
    carry a NUL inside a literal.
    """
    nul = data.find(b"\x00", 0, 1024)
    if nul >= 0:
        line, column = _where(data, nul)
        raise InputError("binary data (a NUL byte), not RDF text", path=path, line=line, column=column)


def check_text(data: bytes, path: Path) -> None:
    """Refuse empty, binary and non-UTF-8 input, naming the first bad byte's place."""
    if not data.strip():
        raise InputError("file is empty, expected RDF", path=path)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_binary(data, path)
        line, column = _where(data, exc.start)
        raise InputError(
            f"not UTF-8: byte 0x{data[exc.start]:02X} at offset {exc.start} cannot be decoded; save the file as UTF-8",
            path=path, line=line, column=column,
        ) from None


def screen_xml(data: bytes, path: Path) -> None:
    """Check RDF/XML with expat before pyoxigraph expands anything.

    pyoxigraph expands internal entities without a bound (a 1 KB "billion laughs" grows to
    3 GB in 40 s). expat reports where, refuses external entities here, and carries its own
    amplification limit; every internal entity's expanded length is bounded as well.
    """
    import pyexpat

    parser = pyexpat.ParserCreate()
    expanded: dict[str, int] = {}

    def entity(name, is_parameter, value, base, system_id, public_id, notation):  # noqa: ANN001
        line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        if value is None:
            raise InputError(
                f"external XML entity {name!r} ({system_id or public_id}) refused: nothing is read from "
                "files or URLs while parsing", path=path, line=line, column=column,
            )
        size = len(_ENTITY_REF.sub("", value)) + sum(expanded.get(ref, 0) for ref in _ENTITY_REF.findall(value))
        if size > MAX_ENTITY_EXPANSION:
            raise InputError(
                f"XML entity {name!r} expands to over {MAX_ENTITY_EXPANSION:,} characters (an entity bomb?)",
                path=path, line=line, column=column,
            )
        expanded[name] = size

    depth = 0

    def start(name, attributes):  # noqa: ANN001
        # pyoxigraph's RDF/XML parser slows quadratically with depth (16,000 levels: 1.3 s);
        # each blank-node level takes a node and a property element.
        nonlocal depth
        depth += 1
        if depth > _MAX_XML_DEPTH:
            raise InputError(
                f"XML elements nested deeper than {_MAX_XML_DEPTH} levels "
                f"(blank nodes may nest {MAX_BLANK_NODE_DEPTH} deep); give the inner nodes IRIs",
                path=path, line=parser.CurrentLineNumber, column=parser.CurrentColumnNumber + 1,
            )

    def end(name):  # noqa: ANN001
        nonlocal depth
        depth -= 1

    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except pyexpat.ExpatError as exc:
        message = pyexpat.ErrorString(exc.code)
        if exc.code == getattr(pyexpat.errors, "codes", {}).get(
            "limit on input amplification factor (from DTD and entities) breached"
        ):
            message += " (an entity bomb?)"
        raise InputError(f"not well-formed XML: {message}", path=path, line=exc.lineno, column=exc.offset + 1) from None


def parse_error(exc: SyntaxError, path: str | PathLike[str], head: bytes = b"") -> InputError:
    """The InputError for a pyoxigraph syntax error in ``path``: file, line, column, plain words.

    ``head`` (the file's first KiB) lets binary data be named as such instead of a
    confusing syntax message.
    """
    _refuse_binary(head, Path(path))
    message = _LOCATION.sub("", exc.msg or str(exc))
    if _NO_LOADER in message and message != _NO_LOADER:
        # A remote context met deeper in the document, e.g. a property's scoped context:
        # "Invalid scoped context: No LoadDocumentCallback ..." in the parser's words.
        message = _REMOTE_CONTEXT.format(where=" scoped to a property (in a term definition)")
    return InputError(_PLAINER.get(message, message), path=path, line=exc.lineno, column=exc.offset)


def term_too_large(path: str | PathLike[str], exc: MemoryError) -> InputError | None:
    """The InputError for a term past :data:`MAX_TERM_BYTES` (None for another MemoryError).

    The parser does not say where; the line is that of the first line longer than the
    limit (a term on one line, as nearly always), found by one pass over the file.
    """
    if "buffer maximal size" not in str(exc):
        return None
    path = Path(path)
    line, run = 1, 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            for index, piece in enumerate(chunk.split(b"\n")):
                if index:
                    line, run = line + 1, 0
                run += len(piece)
                if run > MAX_TERM_BYTES:
                    return _term_error(path, line)
    return _term_error(path, None)


def _term_error(path: Path, line: int | None) -> InputError:
    return InputError(
        f"a term (literal or IRI) is over {MAX_TERM_BYTES >> 20} MiB, the most the RDF parser holds in one term "
        "(in memory and in the Oxigraph store alike): split the text or keep it outside the graph",
        path=path, line=line,
    )


def screen_file(path: str | PathLike[str], fmt: str | None = None, chunk_size: int = 1 << 20) -> ox.RdfFormat:
    """Check one file before pyoxigraph loads it into a store; returns its RDF syntax.

    The cheap part of what :func:`load_files` checks, without parsing: a regular, non-empty
    file in a known syntax, valid UTF-8 (read in ``chunk_size`` pieces, so a file of any
    size costs no memory), and RDF/XML screened with expat against external entities and
    entity bombs. Raises :class:`~revops_graph.errors.InputError` naming line and column.
    """
    path = Path(path)
    rdf_format = format_for(path, fmt)
    size_of(path)
    if rdf_format == ox.RdfFormat.RDF_XML:
        data = read_input(path)
        check_text(data, path)
        screen_xml(data, path)
        return rdf_format
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, empty = 0, True
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(chunk_size):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    # The rare bad case: read up to the bad byte again for its line and column
                    # (and at least a KiB, where binary data shows itself by a NUL byte).
                    with path.open("rb") as again:
                        check_text(again.read(max(offset + exc.start + 1, 1024)), path)
                    raise
                if empty and chunk.strip(UTF8_BOM + b" \t\r\n"):
                    empty = False
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    except UnicodeDecodeError:
        check_text(read_input(path), path)  # a truncated character at the very end
        raise
    if empty:
        raise InputError("file is empty, expected RDF", path=path)
    return rdf_format


def too_deep(path: Path) -> InputError:
    return InputError(
        f"blank nodes nested deeper than {MAX_BLANK_NODE_DEPTH} levels; give the inner nodes IRIs", path=path
    )


def link(subject: str, obj: str, up: dict[str, int], down: dict[str, int], path: Path) -> None:
    """Track chain lengths as links arrive, to stop deep nesting while parsing.

    ``up[n]``/``down[n]`` are the longest chains known to end/start at ``n``. Nested
    structures arrive innermost-first or outermost-first, and either order is caught
    here at once; links in any other order are caught by :func:`depth` afterwards.
    """
    before, after = up.get(subject, 1), down.get(obj, 1)
    if before + after > MAX_BLANK_NODE_DEPTH:
        raise too_deep(path)
    down[subject] = max(down.get(subject, 1), after + 1)
    up[obj] = max(up.get(obj, 1), before + 1)


def depth(edges: Sequence[tuple[str, str]]) -> int:
    """Blank nodes in the longest chain linked subject -> object (a cycle counts once).

    Longest path by topological order in plain dicts (300,000 links: well under a second);
    only blank-node cycles, which are rare, go to networkx's condensation.
    """
    children: dict[str, list[str]] = {}
    waiting: dict[str, int] = {}
    for subject, obj in edges:
        children.setdefault(subject, []).append(obj)
        waiting[obj] = waiting.get(obj, 0) + 1
        waiting.setdefault(subject, 0)
    longest = dict.fromkeys(waiting, 1)
    ready = [node for node, count in waiting.items() if count == 0]
    done = 0
    while ready:
        node = ready.pop()
        done += 1
        for child in children.get(node, ()):
            longest[child] = max(longest[child], longest[node] + 1)
            waiting[child] -= 1
            if waiting[child] == 0:
                ready.append(child)
    if done == len(waiting):
        return max(longest.values(), default=0)
    import networkx as nx

    return int(nx.dag_longest_path_length(nx.condensation(nx.DiGraph(edges)))) + 1


UTF8_BOM = b"\xef\xbb\xbf"

def read_input(path: Path) -> bytes:
    """The bytes of one input file, without a UTF-8 byte-order mark."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if data.startswith(UTF8_BOM):
        # Editors on Windows add it; it carries no meaning in UTF-8.
        data = data[len(UTF8_BOM):]
    return data
