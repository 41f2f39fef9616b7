"""Ctrl-C while the command line is still starting: one line and exit 130, never a traceback.

Importing the package and the command-line libraries takes a few hundred milliseconds;
a SIGINT in that time used to end in a KeyboardInterrupt traceback and exit -2. Nothing
is written before a command runs, so until then an interrupt simply reports and exits;
:func:`revops_graph.cli._common.reported_errors` switches back to Python's
KeyboardInterrupt while a command works, so that outputs are cleaned up as promised.

Imports only what the interpreter has loaded at startup anyway, so that it can come first.
"""

import os
import signal
import sys
from itertools import pairwise

#: What an interrupted command prints (also used once a command runs).
MESSAGE = "interrupted; every output is either as before or complete, none half-written"


def exit_interrupted(signum: int, frame: object) -> None:
    """A SIGINT handler: the one line on stderr, then exit 130 at once."""
    os.write(2, f"error: {MESSAGE}\n".encode())
    os._exit(130)


def starting_cli() -> bool:
    """Whether this process was started as the ``revops-graph`` command."""
    argv = getattr(sys, "orig_argv", None) or []
    by_module = any(a == "-m" and b in ("revops_graph.cli", "revops_graph.cli.__main__") for a, b in pairwise(argv))
    return by_module or os.path.basename(sys.argv[0] if sys.argv else "") in ("revops-graph", "revops-graph.exe")


def install() -> None:
    """Exit on SIGINT from now on, unless someone else has set a handler (main thread only)."""
    try:
        if signal.getsignal(signal.SIGINT) in (signal.default_int_handler, exit_interrupted):
            signal.signal(signal.SIGINT, exit_interrupted)
    except ValueError:
        pass  # not the main thread: signals are not ours to handle


def install_if_cli() -> None:
    """:func:`install` when this process is the command line (called first thing on import)."""
    if starting_cli():
        install()
