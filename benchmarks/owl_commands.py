"""Every command on a synthetic OWL ontology (the any-vocabulary goal: 40k triples, each under 3 s).

    python benchmarks/owl_commands.py [--triples 40000] [--repeats 3] [--old CHECKOUT] [--only site,build]

Each command runs as a user runs it (a fresh interpreter, ``--data`` the ontology, no parse
cache), ``--repeats`` times; the table shows the median wall time and the median CPU time
(user + system, second processes included: on a busy machine it moves less). With
``--old`` the same commands run from another checkout too, interleaved run by run (this
machine is noisy), and the table adds old/new ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_owl import ontology


def commands(data: Path, out: Path) -> dict[str, list[str]]:
    d = ["--data", str(data)]
    return {
        "concepts": ["concepts", *d],
        "validate": ["validate", *d],
        "explain": ["explain", *d, "Class 10 en", "Class 20 en"],
        "export graphml": ["export", *d, "--format", "graphml", "-o", str(out / "o.graphml")],
        "export turtle": ["export", *d, "--format", "turtle", "-o", str(out / "o.ttl")],
        "export-table": ["export-table", *d, "-o", str(out / "table.csv")],
        "lint": ["lint", *d],
        "map": ["map", *d, "-o", str(out / "map.html")],
        "diff": ["diff", str(data), str(data)],
        "analyze": ["analyze", *d],
        "site": ["site", *d, "-o", str(out / "site")],
        "build": ["build", *d, "--out", str(out / "build")],
    }


def run(checkout: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system, with its second processes) seconds of one command run
    from ``checkout``'s sources."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "src"), "REVOPS_GRAPH_NO_CACHE": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "revops_graph", *args], check=False, env=env, cwd=checkout,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # lint and validate exit 1 on findings
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return seconds, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=40_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--old", type=Path, help="another checkout to compare with, interleaved")
    parser.add_argument("--only", help="these commands only, comma-separated (such as site,build)")
    options = parser.parse_args()
    names = list(commands(Path("x"), Path("x")))
    chosen = options.only.split(",") if options.only else names
    if unknown := set(chosen) - set(names):
        parser.error(f"--only: no command {', '.join(sorted(unknown))} (there are {', '.join(names)})")
    new = HERE.parent
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / f"ontology-{options.triples // 1000}k.ttl"
        data.write_text(ontology(options.triples), encoding="utf-8")
        out = Path(tmp) / "out"
        out.mkdir()
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for repeat in range(options.repeats):
            # each checkout goes first every other time: the first of a pair runs after the
            # previous command's writes, the second after its own kind
            order = (("new", new), ("old", options.old))[:: -1 if repeat % 2 else 1]
            for name, args in commands(data, out).items():
                if name not in chosen:
                    continue
                for label, checkout in order:
                    if checkout is None:
                        continue
                    times.setdefault((name, label), []).append(run(checkout, args))
    load = os.getloadavg()[0]
    print(f"{options.triples:,} triples, median of {options.repeats} (wall; CPU = user + system), "
          f"load average {load:.1f}\n")
    head = "| command | s | CPU s |" + (" old s | old CPU s | new/old |" if options.old else "")
    print(head + "\n|---|---:|---:|" + ("---:|---:|---:|" if options.old else ""))
    for name in chosen:
        wall, cpu = (statistics.median(m) for m in zip(*times[(name, "new")]))
        row = f"| `{name}` | {wall:.2f} | {cpu:.2f} |"
        if options.old:
            old, old_cpu = (statistics.median(m) for m in zip(*times[(name, "old")]))
            row += f" {old:.2f} | {old_cpu:.2f} | {wall / old:.2f} |"
        print(row)


if __name__ == "__main__":
    main()
