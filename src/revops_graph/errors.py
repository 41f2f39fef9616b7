"""The exception tree of revops-graph.

Every error the library raises on purpose derives from :class:`RevopsGraphError`::

    RevopsGraphError
    ├── InputError          unreadable or malformed input (file, line, column)
    ├── QueryError          a SPARQL query that cannot run (syntax, form, parameters, limits)
    ├── ValidationFailed    the graph was checked and does not conform
    ├── EndpointError       a SPARQL server could not be reached or answered badly
    └── OutputError         an output could not be written (nothing was replaced)

The library never prints or exits; the CLI turns these into one line on stderr and an
exit code (see :data:`EXIT_CODES`).
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

__all__ = [
    "EXIT_CODES",
    "EndpointError",
    "InputError",
    "OutputError",
    "QueryError",
    "RevopsGraphError",
    "ValidationFailed",
    "one_line",
]


def one_line(text: str) -> str:
    """``text`` as one printable line: whitespace runs folded, control characters escaped.

    Error messages quote user input (file names, parser excerpts), which may hold
    newlines or terminal control codes; a report must stay one line and inert.

    >>> one_line("bad\\n  thing\\x1b[31m")
    'bad thing\\\\x1b[31m'
    """
    folded = " ".join(text.split())
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in folded)


class RevopsGraphError(Exception):
    """Root of every error revops-graph raises on purpose."""

    exit_code: int = 2

    def __str__(self) -> str:
        # Every report is one line, whatever the message quotes.
        return one_line(super().__str__())


class InputError(RevopsGraphError):
    """Input that cannot be read: names the file and, where known, the line and column.

    >>> str(InputError("undefined prefix 'ex'", path="glossary.ttl", line=3, column=7))
    "glossary.ttl:3:7: undefined prefix 'ex'"
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [str(self.path) if self.path is not None else "<input>"]
        if self.line is not None:
            where.append(str(self.line))
            if self.column is not None:
                where.append(str(self.column))
        return one_line(f"{':'.join(where)}: {self.message}")


class QueryError(RevopsGraphError):
    """A SPARQL query that cannot run: syntax, wrong form, unknown parameter, limits."""


class ValidationFailed(RevopsGraphError):
    """The graph was checked and does not conform (exit code 1, like a failed check)."""

    exit_code = 1


class EndpointError(RevopsGraphError):
    """A SPARQL server could not be reached, refused the request or answered badly."""


class OutputError(RevopsGraphError):
    """An output could not be written; the previous file is left as it was."""


#: The exit-code contract shared by every command: 0 ok, 1 a check ran and failed,
#: 2 unusable input or usage.
EXIT_CODES: dict[str, int] = {"ok": 0, "check failed": 1, "input or usage error": 2}
