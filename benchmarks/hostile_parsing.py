"""Time and peak memory of hostile inputs: our loader against rdflib's own parser.

Three inputs, generated in a temporary folder: a 1 KB RDF/XML entity bomb (10 levels of
ten), one 5 MB literal in N-Triples, and Turtle blank nodes nested 2,000 deep. Each parse
runs in its own process (address space capped, wall time limited) so a runaway parser
cannot take the machine with it.

    python benchmarks/hostile_parsing.py [--timeout 60]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEMORY_CAP = 4 * 2**30

_BOMB_HEAD = '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n  <!ENTITY lol0 "lol">\n'
_RDF_OPEN = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'


def entity_bomb() -> bytes:
    levels = "".join(f'  <!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">\n' for i in range(1, 10))
    body = '<rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>\n</rdf:RDF>\n'
    return (_BOMB_HEAD + levels + "]>\n" + _RDF_OPEN + body).encode()


def huge_literal(size: int = 5_000_000) -> bytes:
    return b'<http://example.org/a> <http://example.org/p> "' + b"x" * size + b'" .\n'


def deep_nesting(depth: int = 2000) -> bytes:
    return b"@prefix ex: <http://example.org/> .\nex:a ex:p " + b"[ ex:p " * depth + b"ex:z" + b" ]" * depth + b" .\n"


CASES = {
    "entity bomb (RDF/XML, 1 KB)": ("bomb.rdf", "xml", entity_bomb),
    "5 MB literal (N-Triples)": ("literal.nt", "nt", huge_literal),
    "2,000-deep nesting (Turtle)": ("deep.ttl", "turtle", deep_nesting),
}

PARSERS = {
    "revops-graph loader": (
        "from revops_graph.io.loader import load_files\n"
        "from revops_graph.errors import InputError\n"
        "try:\n    print(len(load_files([PATH], FMT)), 'triples')\n"
        "except InputError as e:\n    print('InputError:', e)\n"
    ),
    "pyoxigraph alone": (
        "import pyoxigraph as ox\n"
        "fmt = {'xml': ox.RdfFormat.RDF_XML, 'nt': ox.RdfFormat.N_TRIPLES, 'turtle': ox.RdfFormat.TURTLE}[FMT]\n"
        "print(len(list(ox.parse(path=PATH, format=fmt))), 'triples')\n"
    ),
    "rdflib": (
        "import rdflib\n"
        "fmt = {'xml': 'xml', 'nt': 'nt', 'turtle': 'turtle'}[FMT]\n"
        "print(len(rdflib.Graph().parse(PATH, format=fmt)), 'triples')\n"
    ),
}


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


_REPORT_PEAK = "\nimport atexit, resource, sys\natexit.register(lambda: print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"


def measure(code: str, timeout: float) -> tuple[str, str, str]:
    """(seconds, peak MB, outcome) of running ``code`` in a fresh, capped process."""
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _REPORT_PEAK + code], capture_output=True, text=True, timeout=timeout, preexec_fn=_cap
        )
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f}", "?", "still running, killed"
    seconds = time.monotonic() - start
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK ")]
    peak = f"{int(peaks[-1]) / 1024:.0f}" if peaks else "?"
    errors = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("PEAK ")]
    lines = (done.stdout.strip().splitlines() or errors or [""])
    outcome = lines[-1][:90] if done.returncode == 0 else f"exit {done.returncode}: {(errors or [''])[-1][:80]}"
    return f"{seconds:.2f}", peak, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a parse is killed")
    args = parser.parse_args()
    print("| input | parser | seconds | peak RSS MB | outcome |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for label, (name, fmt, make) in CASES.items():
            path = Path(tmp) / name
            path.write_bytes(make())
            for parser_name, template in PARSERS.items():
                code = f"PATH, FMT = {str(path)!r}, {fmt!r}\n" + template
                seconds, peak, outcome = measure(code, args.timeout)
                print(f"| {label} | {parser_name} | {seconds} | {peak} | {outcome} |", flush=True)


if __name__ == "__main__":
    main()
