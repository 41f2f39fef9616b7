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
]


class RevopsGraphError(Exception):
    """Root of every error revops-graph raises on purpose."""

    exit_code: int = 2


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
        return f"{':'.join(where)}: {self.message}"


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
