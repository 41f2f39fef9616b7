"""Progress on stderr: a spinner or a bar for steps that take a while, silent elsewhere.

Libraries report progress through an optional ``progress(done, total)`` callback and never
draw; these helpers give the command line such callbacks. Nothing is drawn when stderr is
not a terminal (a log or a pipe gets no bar) or for steps shorter than
:data:`PROGRESS_AFTER`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

#: Seconds a step runs before its progress line appears: quick steps stay quiet.
PROGRESS_AFTER = 1.0

Progress = Callable[[int, int], None]


def stderr_console() -> Console:
    """A console on stderr for one message or one progress line.

    A new one each time: a console fixes its colours when it is made (FORCE_COLOR, NO_COLOR,
    a terminal or not). A progress line that is showing redirects sys.stderr, so what other
    consoles print lands above it rather than through it.
    """
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _ignore(done: int, total: int) -> None:
    pass


def _maybe_terminal() -> bool:
    """Whether stderr may be a terminal to rich (a tty, or one forced by the environment)."""
    import os
    import sys

    forced = any(os.environ.get(name) for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"))
    return forced or (hasattr(sys.stderr, "isatty") and sys.stderr.isatty())


@contextmanager
def working(label: str, total: int | None = None, unit: str | None = None) -> Iterator[Progress]:
    """Show ``label`` on stderr while the block runs; yields a ``progress(done, total)`` callback.

    Without ``total`` it is a spinner with the elapsed time (and the count done so far, as
    ``1,234 unit``, when ``unit`` is given); with one, a bar with the count and the time left,
    moved by the callback.
    """
    if not _maybe_terminal():
        yield _ignore  # a pipe or a log: not even rich is imported (it costs 60 ms a command)
        return
    console = stderr_console()
    if not console.is_terminal:
        yield _ignore
        return
    from rich.markup import escape
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn,
    )

    columns = [SpinnerColumn(), TextColumn(escape(label))]
    if unit is not None and total is None:
        columns.append(TextColumn(f"{{task.completed:,.0f}} {escape(unit)}"))
    columns += [TimeElapsedColumn()] if total is None else [BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    bar = Progress(*columns, console=console, transient=True)
    task = bar.add_task(label, total=total)
    lock, state = threading.Lock(), {"done": False, "shown": False}

    def show() -> None:
        with lock:
            if not state["done"]:
                bar.start()
                state["shown"] = True

    def progress(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    # Started from a timer so that a step ending within PROGRESS_AFTER draws nothing at all.
    timer = threading.Timer(PROGRESS_AFTER, show)
    timer.daemon = True
    timer.start()
    try:
        yield progress
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["shown"]:
                bar.stop()


@contextmanager
def byte_progress(label: str) -> Iterator[Progress]:
    """A ``progress(done, total)`` callback drawing a bar of bytes on stderr from its first call on.

    Nothing is drawn when it is never called (a store that is reused, not reloaded) or
    when stderr is not a terminal.
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    console = stderr_console()
    bar = Progress(TextColumn(label), BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
                   console=console, transient=True)
    task = None

    def progress(done: int, total: int) -> None:
        nonlocal task
        if not console.is_terminal:
            return  # a log file gets no bar (rich would leave an empty line in it)
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield progress
    finally:
        if task is not None:  # stopping a bar never started still prints a line break
            bar.stop()
