"""Where an on-disk store's queries run: a process of their own, started once and killed at
the time limit (:class:`Worker`), or a thread of this process (:class:`InProcess`)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ..errors import QueryError
from ..io.convert import AnyTerm, sparql_json_term
from . import _oxworker
from .base import run_with_limit

class Worker:
    """The query process of one store (``_oxworker.py``), started on the first query.

    It keeps the store open between queries; at a time limit it is killed (pyoxigraph
    cannot stop a running query) and the next query starts a new one. It is given this
    process's PID and dies with it; on Linux the kernel's parent-death signal follows the
    *thread* that started it, so a process started from a short-lived thread ends with
    that thread, and the next query simply starts another.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.process: subprocess.Popen[bytes] | None = None

    def run(self, request: dict[str, Any], timeout: float) -> tuple[int, bytes]:
        """Send one request; the status byte and payload of the answer."""
        if self.process is None or self.process.poll() is not None:
            script = Path(__file__).with_name("_oxworker.py")
            self.process = subprocess.Popen(
                [sys.executable, "-I", str(script), str(self.path), str(os.getpid())],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0,
            )
        assert self.process.stdin is not None
        body = json.dumps({**request, "timeout": timeout}).encode()
        deadline = time.monotonic() + timeout
        try:
            self.process.stdin.write(len(body).to_bytes(8, "big") + body)
            head = self._read(9, deadline)
            return head[0], self._read(int.from_bytes(head[1:], "big"), deadline)
        except TimeoutError:
            self.close()
            raise QueryError(f"query exceeded {timeout:g} s and was stopped (raise --timeout to allow longer)") from None
        except (BrokenPipeError, EOFError):
            code = self.close()
            raise QueryError(f"the Oxigraph query process stopped (exit {code})") from None

    def _read(self, size: int, deadline: float) -> bytes:
        assert self.process is not None and self.process.stdout is not None
        fd = self.process.stdout.fileno()
        chunks = []
        while size:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(fd, min(size, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def close(self) -> int | None:
        """Stop the process (if any); its exit code."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            process.kill()
        code = process.wait()
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                pipe.close()
        return code


class InProcess:
    """The same requests and answers as :class:`Worker`, answered in this process.

    No second interpreter starts (some 60 ms, more than a query on a small store takes).
    The query runs in a thread, and at the time limit the caller gets the same error as
    from the worker; but Oxigraph cannot be stopped, so the query itself runs on until it
    ends or this process exits: right for a command, which exits at the error.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._opened: dict[str, Any] = {}

    def run(self, request: dict[str, Any], timeout: float) -> tuple[int, bytes]:
        """Answer one request: the status byte and payload the worker would send."""
        return run_with_limit(lambda: _oxworker.answer(str(self.path), request, self._opened), timeout)

    def close(self) -> None:
        """Drop the read-only view of the store (an update must not run beside it)."""
        self._opened.clear()


def json_term(term: AnyTerm) -> dict[str, str]:
    """A parameter as a SPARQL JSON results binding (what the worker reads)."""
    try:
        binding = sparql_json_term(term)
    except TypeError:
        binding = {"type": "bnode"}
    if binding["type"] == "bnode":
        raise QueryError(f"a parameter must be an IRI or a literal, not {term!r}")
    return binding
