"""The documentation site at 1k and 10k concepts, beside pyLODE and Ontospy on the same file.

Each tool runs as its own subprocess (peak RSS from ``os.wait4``), on the same Turtle
file (``benchmarks/generate.py``), in the same run::

    python benchmarks/site_bench.py --sizes 1k 10k
    python benchmarks/site_bench.py --sizes 1k 10k --alternatives ALT_VENV/bin

``--alternatives`` names the ``bin`` folder of a separate virtual environment holding
pyLODE 3.3.4 and Ontospy (``pip install pylode==3.3.4 ontospy``: benchmark-only, never
test dependencies; pyLODE 3.4.1 fails on import). Reported per tool: wall time, peak
memory, files, total bytes, and for our site the bytes of a term page (median and
largest) beside the shared assets every page reuses.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

CLI = [sys.executable, "-m", "revops_graph.cli"]


def _run(argv: list[str], env: dict[str, str] | None = None, timeout: float = 1800) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (the figure to read when other processes share the cores),
    peak RSS in MB and exit code of ``argv``."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code:
        sys.stderr.write(f"{argv[0]} exited {code}: {proc.stderr.read().decode(errors='replace')[-400:]}\n")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _row(tool: str, n: int, seconds: float, cpu: float, mb: float, ok: bool, files: list[Path], pages: list[int],
         shared: int = 0) -> dict[str, object]:
    return {"tool": tool, "n": n, "s": seconds, "cpu": cpu, "mb": mb, "ok": ok, "files": len(files),
            "bytes": sum(p.stat().st_size for p in files), "page_median": statistics.median(pages or [0]),
            "page_max": max(pages or [0]), "shared": shared}


def _ours(ttl: Path, n: int, tmp: Path, env: dict[str, str], alternatives: Path | None) -> dict[str, object]:
    out = tmp / "site"
    seconds, cpu, mb, code = _run([*CLI, "site", "--data", str(ttl), "--out", str(out)])
    pages = [p.stat().st_size for p in (out / "terms").glob("*.html")]
    shared = sum(p.stat().st_size for p in (out / "assets").rglob("*") if p.is_file())
    return _row("revops-graph site", n, seconds, cpu, mb, code == 0, _files(out), pages, shared)


def _pylode(profile: str):  # type: ignore[no-untyped-def]
    # ontpub (the default) documents OWL classes and properties only; vocpub is the SKOS profile
    def run(ttl: Path, n: int, tmp: Path, env: dict[str, str], alternatives: Path | None) -> dict[str, object]:
        html = tmp / f"pylode-{profile}.html"
        seconds, cpu, mb, code = _run([str(alternatives / "pylode"), str(ttl), "-p", profile, "-o", str(html)], env)
        found = [html] if html.exists() else []
        return _row(f"pyLODE 3.3.4 -p {profile}", n, seconds, cpu, mb, code == 0 and bool(found), found,
                    [p.stat().st_size for p in found])
    return run


def _ontospy(ttl: Path, n: int, tmp: Path, env: dict[str, str], alternatives: Path | None) -> dict[str, object]:
    docs = tmp / "ontospy"
    docs.mkdir()
    seconds, cpu, mb, code = _run([str(alternatives / "ontospy"), "gendocs", str(ttl), "--type", "html-complex",
                              "-o", str(docs), "--nobrowser"], env)
    found = _files(docs)
    return _row("Ontospy gendocs html-complex", n, seconds, cpu, mb, code == 0 and bool(found), found,
                [p.stat().st_size for p in found if p.suffix == ".html"])


TOOLS = {"revops-graph site": _ours, "pyLODE ontpub": _pylode("ontpub"), "pyLODE vocpub": _pylode("vocpub"),
         "Ontospy": _ontospy}
ALTERNATIVES = ("pyLODE ontpub", "pyLODE vocpub", "Ontospy")


def measure(n: int, alternatives: Path | None, only: list[str] = ()) -> Iterator[dict[str, object]]:
    """One row per tool on the file of ``n`` concepts (alternatives only with their venv)."""
    ttl = generate.ensure(n, "ttl")
    for name, run in TOOLS.items():
        if (name in ALTERNATIVES and alternatives is None) or (only and not any(o in name for o in only)):
            continue
        with tempfile.TemporaryDirectory(prefix="bench-site-") as folder:
            tmp = Path(folder)
            (tmp / "home").mkdir()
            env = {**os.environ, "HOME": str(tmp / "home")}  # Ontospy writes its cache into HOME
            if name in ALTERNATIVES:
                env.pop("PYTHONPATH", None)
            yield run(ttl, n, tmp, env, alternatives)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=["1k", "10k"])
    parser.add_argument("--alternatives", type=Path, help="bin folder of a venv with pylode and ontospy")
    parser.add_argument("--only", nargs="*", default=[], help="only the tools whose name contains one of these")
    args = parser.parse_args(argv)
    print("| concepts | tool | ok | time (s) | CPU (s) | peak RSS (MB) | files | total MB | page median KB | page max KB | shared assets MB |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        for r in measure(generate.parse_size(size), args.alternatives, args.only):
            print(f"| {generate.size_name(r['n'])} | {r['tool']} | {'yes' if r['ok'] else 'FAILED'} | {r['s']:.1f} | {r['cpu']:.1f} | "
                  f"{r['mb']:.0f} | {r['files']:,} | {r['bytes'] / 1e6:.1f} | {r['page_median'] / 1e3:.1f} | "
                  f"{r['page_max'] / 1e3:.1f} | {r['shared'] / 1e6:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
