"""Time the same commands on two checkouts of revops-graph, interleaved, and print the ratios.

    python benchmarks/revisions.py OLD_CHECKOUT [NEW_CHECKOUT] [--repeats 7] [--sizes 0 10000] [--data FILE ...]

Each checkout runs with its own ``src`` first on ``PYTHONPATH`` (the same interpreter and
libraries), one run of each in turn, so both see the same machine load; the table gives
medians and new/old. Size 0 is the embedded glossary; other sizes are synthetic glossaries
from ``benchmarks/generate.py``; ``--data`` adds files of one's own (an ontology from
``benchmarks/generate_owl.py``). A command that fails on a checkout shows a dash.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMANDS: list[tuple[str, list[str]]] = [
    ("--help", ["--help"]),
    ("concepts", ["concepts"]),
    ("query parts", ["query", "parts", "--param", "concept=RevOps"]),
    ("export turtle", ["export", "--format", "turtle"]),
    ("export nt", ["export", "--format", "nt"]),
    ("map", ["map", "-o", "{tmp}/map.html"]),
    ("validate", ["validate"]),
    ("lint", ["lint"]),
    ("analyze", ["analyze"]),
    ("site", ["site", "-o", "{tmp}/site"]),
    ("build", ["build", "-o", "{tmp}/build"]),
]


def _run(checkout: Path, args: list[str], data: Path | None, tmp: Path) -> float | None:
    argv = [a.replace("{tmp}", str(tmp)) for a in args]
    if data is not None and argv[0] != "--help":
        if argv[0] == "query":
            return None  # the named query's parameter is a label of the embedded glossary
        argv += ["--data", str(data)]
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "REVOPS_GRAPH_NO_CACHE": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "revops_graph.cli", *argv], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
    elapsed = time.perf_counter() - start
    return elapsed if done.returncode in (0, 1) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path, nargs="?", default=HERE.parent)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0])
    parser.add_argument("--data", type=Path, nargs="+", default=[], help="data files to run the commands on too")
    parser.add_argument("--only", nargs="+", help="commands whose name contains one of these")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import generate

    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"revisions-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    print("| size | command | old (s) | new (s) | new/old |\n|---:|---|---:|---:|---:|")
    runs: list[tuple[str, Path | None]] = [
        (str(size) if size else "embedded", generate.generate(size, formats=("ttl",))["ttl"] if size else None)
        for size in args.sizes
    ] + [(path.name, path) for path in args.data]
    for size_label, data in runs:
        for name, command in COMMANDS:
            if args.only and not any(o in name for o in args.only):
                continue
            times: dict[str, list[float]] = {"old": [], "new": []}
            for _ in range(args.repeats):
                for label, checkout in (("old", args.old), ("new", args.new)):
                    t = _run(checkout, command, data, tmp)
                    if t is not None:
                        times[label].append(t)
            old = statistics.median(times["old"]) if times["old"] else None
            new = statistics.median(times["new"]) if times["new"] else None
            ratio = f"{new / old:.2f}" if old and new else "—"
            show = lambda v: f"{v:.2f}" if v is not None else "—"  # noqa: E731
            print(f"| {size_label} | `{name}` | {show(old)} | {show(new)} | {ratio} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
