"""Copy the W3C RDF syntax test suites from rdflib's source distribution into suites/.

rdflib's sdist on PyPI carries the W3C suites under ``test/data/suites/w3c/``. This script
downloads it with pip (the installed rdflib version unless ``--version`` says otherwise)
and extracts only the five syntax suites the loader is tested against, with their
licence and README files. The result is committed, so tests never download anything.

    python tests/w3c/fetch_suites.py [--version 7.6.0]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version as installed_version
from pathlib import Path

SUITES = ("turtle", "ntriples", "nquads", "trig", "rdf-xml")
TARGET = Path(__file__).resolve().parent / "suites"
PREFIX = "test/data/suites/w3c/"
#: Keep the committed copy small.
MAX_TOTAL_BYTES = 5 * 2**20


def _download(version: str, into: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:", "--no-deps",
         f"rdflib=={version}", "-d", str(into)],
        check=True,
    )
    (sdist,) = into.glob("rdflib-*.tar.gz")
    return sdist


def _extract(sdist: Path, target: Path) -> int:
    if target.exists():
        shutil.rmtree(target)
    total = 0
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            _, _, inner = member.name.partition("/")
            if not member.isfile() or not inner.startswith(PREFIX):
                continue
            relative = inner[len(PREFIX):]
            suite = relative.split("/", 1)[0]
            if suite not in SUITES or relative.endswith(".rb"):
                continue
            out = target / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            assert source is not None
            out.write_bytes(source.read())
            total += member.size
    # The suites share the W3C test-suite licence; turtle/ carries its text.
    shutil.copyfile(target / "turtle" / "LICENSE", target / "LICENSE")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=installed_version("rdflib"), help="rdflib version to take the suites from")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        total = _extract(_download(args.version, Path(tmp)), TARGET)
    if total > MAX_TOTAL_BYTES:
        sys.exit(f"the suites take {total:,} bytes, more than {MAX_TOTAL_BYTES:,}; trim SUITES")
    print(f"wrote {total:,} bytes of W3C suites ({', '.join(SUITES)}) to {TARGET}")


if __name__ == "__main__":
    main()
