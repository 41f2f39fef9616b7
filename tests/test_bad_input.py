"""Broken and hostile RDF input: exit code 2, one line naming file and line, within bounds.

Every file in ``tests/data/bad/`` holds one fault. Each goes through the real command line
twice: in-process with typer's CliRunner and as a real ``revops-graph`` subprocess whose
address space is capped with ``RLIMIT_AS`` (so an entity bomb that expanded would die, not
pass). Large inputs are generated at test time.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revops_graph.cli import app
from revops_graph.errors import InputError
from revops_graph.io.loader import MAX_BLANK_NODE_DEPTH, MAX_INPUT_BYTES, load_files

BAD = Path(__file__).parent / "data" / "bad"

#: Address-space cap for every subprocess run here (a bare start needs ~200 MB of it).
MEMORY_LIMIT = 512 * 2**20
#: No bad input may keep the command busy longer than this (seconds).
TIME_LIMIT = 30

#: file -> (line the error must name or None when the parser gives none, words it must say)
EXPECTED: dict[str, tuple[int | None, str]] = {
    "bad-language-tag.ttl": (5, "subtag"),
    "billion-laughs.rdf": (9, "entity bomb"),
    "binary-garbage.ttl": (3, "binary data"),
    "empty.ttl": (None, "empty"),
    "glossary.txt": (None, "cannot tell the RDF syntax"),
    "iri-with-space.ttl": (3, "Invalid IRI code point ' '"),
    "not-well-formed.rdf": (4, "mismatched tag"),
    "only-prefixes.ttl": (None, "no RDF statements"),
    "remote-context.jsonld": (None, "remote JSON-LD @context"),
    "truncated.ttl": (6, "truncated"),
    "undefined-prefix.ttl": (3, "prefix revops: has not been declared"),
    "unterminated-string.nt": (1, "truncated"),
    "wrong-encoding.ttl": (6, "not UTF-8: byte 0xE4"),
    "xxe.rdf": (3, "external XML entity 'secret'"),
}


def _deep_turtle(depth: int) -> bytes:
    head = b"@prefix ex: <http://example.org/> .\nex:a ex:p "
    return head + b"[ ex:p " * depth + b"ex:z" + b" ]" * depth + b" .\n"


def _huge_literal(size: int) -> bytes:
    return (
        b"<https://w3id.org/revops-graph/glossary/RevOps> <http://www.w3.org/2004/02/skos/core#definition> \""
        + b"x" * size
        + b'"@en .\n'
    )


def _cli() -> list[str]:
    exe = shutil.which("revops-graph", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-c", "from revops_graph.cli import main; main()"]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_bounded(args: list[str], cwd: Path | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``revops-graph args`` as a real process under the memory cap; result and seconds."""
    start = time.monotonic()
    result = subprocess.run(
        [*_cli(), *args], capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=_limit_memory, cwd=cwd
    )
    return result, time.monotonic() - start


def assert_one_line_error(stderr: str, path: Path, line: int | None, words: str) -> None:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("error: ")
    assert str(path) in lines[0] or path.name in lines[0]
    if line is not None:
        assert re.search(rf"{re.escape(path.name)}:{line}(:\d+)?: ", lines[0]), lines[0]
    assert words in lines[0]


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_in_process(name: str) -> None:
    path = BAD / name
    result = CliRunner().invoke(app, ["export", "--data", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert_one_line_error(result.stderr, path, *EXPECTED[name])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_real_process_within_memory_bound(name: str) -> None:
    path = BAD / name
    result, seconds = run_bounded(["export", "--data", str(path)])
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert_one_line_error(result.stderr, path, *EXPECTED[name])
    assert seconds < TIME_LIMIT


def test_loader_error_carries_line_and_column() -> None:
    with pytest.raises(InputError) as caught:
        load_files([BAD / "wrong-encoding.ttl"])
    error = caught.value
    assert (error.path, error.line, error.column) == (BAD / "wrong-encoding.ttl", 6, 32)


def test_xxe_never_reads_the_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    doc = tmp_path / "xxe.rdf"
    doc.write_text((BAD / "xxe.rdf").read_text().replace("file:///etc/passwd", secret.as_uri()))
    result, _ = run_bounded(["export", "--data", str(doc), "--format", "nt"])
    assert result.returncode == 2
    assert "TOP-SECRET-CONTENT" not in result.stdout + result.stderr


def test_external_dtd_is_never_read(tmp_path: Path) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY secret "TOP-SECRET-CONTENT">\n')
    doc = tmp_path / "dtd.rdf"
    doc.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF SYSTEM "{dtd.as_uri()}">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">\n'
        '<rdf:Description rdf:about="http://example.org/a"><ex:p>&secret;</ex:p></rdf:Description>\n</rdf:RDF>\n'
    )
    result = CliRunner().invoke(app, ["export", "--data", str(doc), "--format", "nt"])
    assert result.exit_code == 2
    assert "TOP-SECRET-CONTENT" not in result.output
    assert_one_line_error(result.stderr, doc, None, "secret")


def test_memory_bound_would_catch_an_expanding_parser(tmp_path: Path) -> None:
    """The cap is real: pyoxigraph alone, unscreened, cannot expand the bomb within it."""
    code = (
        "import pyoxigraph as ox, sys\n"
        f"list(ox.parse(path={str(BAD / 'billion-laughs.rdf')!r}, format=ox.RdfFormat.RDF_XML))\n"
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, timeout=120, preexec_fn=_limit_memory
        )
    except subprocess.TimeoutExpired:
        return  # still expanding after two minutes: the bomb works, which is the point
    assert result.returncode != 0


# -- generated inputs --------------------------------------------------------------


def test_directory_where_a_file_was_expected(tmp_path: Path) -> None:
    folder = tmp_path / "glossary.ttl"
    folder.mkdir()
    result, _ = run_bounded(["export", "--data", str(folder)])
    assert result.returncode == 2
    assert_one_line_error(result.stderr, folder, None, "is a directory")


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--data", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, tmp_path / "missing.txt", None, "no such file")


def test_device_is_refused_before_reading() -> None:
    result, seconds = run_bounded(["export", "--data", "/dev/zero", "--input-format", "nt"])
    assert result.returncode == 2
    assert_one_line_error(result.stderr, Path("/dev/zero"), None, "not a regular file")


def test_input_above_the_size_threshold_suggests_the_store(tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    with big.open("wb") as handle:  # sparse: the guard must refuse without reading it
        handle.truncate(MAX_INPUT_BYTES + 1)
    result, seconds = run_bounded(["export", "--data", str(big)])
    assert result.returncode == 2
    assert_one_line_error(result.stderr, big, None, "Oxigraph store")
    assert seconds < 5


def test_very_deep_nesting_is_refused_fast(tmp_path: Path) -> None:
    deep = tmp_path / "deep.ttl"
    deep.write_bytes(_deep_turtle(2000))
    result, seconds = run_bounded(["export", "--data", str(deep)])
    assert result.returncode == 2
    assert_one_line_error(result.stderr, deep, None, f"nested deeper than {MAX_BLANK_NODE_DEPTH} levels")
    assert seconds < 10


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:p " + "[ ex:p " * 200_000 + "ex:z" + " ]" * 200_000 + " .\n"),
        ("list.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:p " + "( " * 200_000 + "ex:z" + " )" * 200_000 + " .\n"),
        ("labelled.nt", "".join(f"_:b{i} <http://example.org/p> _:b{i + 1} .\n" for i in range(200_000))),
        ("deep.jsonld", '{"@id": "http://example.org/a", "http://example.org/p": '
         + '{"http://example.org/p": ' * 200_000 + '"x"' + "}" * 200_000 + "}"),
        ("deep.rdf", '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
         'xmlns:ex="http://example.org/">' + "<rdf:Description><ex:p>" * 200_000
         + "</ex:p></rdf:Description>" * 200_000 + "</rdf:RDF>\n"),
    ],
)
def test_extreme_nesting_stops_early_within_bounds(tmp_path: Path, name: str, text: str) -> None:
    """200,000 levels in each syntax: refused in seconds, under the memory cap."""
    doc = tmp_path / name
    doc.write_text(text)
    result, seconds = run_bounded(["export", "--data", str(doc)])
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert "deep" in result.stderr or "stack" in result.stderr
    assert seconds < 10


def test_chain_in_scrambled_order_is_still_measured(tmp_path: Path) -> None:
    """Links arriving in no nesting order escape the early check, not the final one."""
    lines = [f"_:b{i} <http://example.org/p> _:b{i + 1} .\n" for i in range(MAX_BLANK_NODE_DEPTH + 5)]
    order = sorted(range(len(lines)), key=lambda i: (i * 7919) % len(lines))
    doc = tmp_path / "scrambled.nt"
    doc.write_text("".join(lines[i] for i in order))
    with pytest.raises(InputError, match=f"deeper than {MAX_BLANK_NODE_DEPTH}"):
        load_files([doc])


def test_blank_node_cycle_with_a_long_tail_is_measured(tmp_path: Path) -> None:
    lines = ["_:a <http://example.org/p> _:b .\n", "_:b <http://example.org/p> _:a .\n"]
    tail = [f"_:t{i} <http://example.org/p> _:t{i + 1} .\n" for i in range(MAX_BLANK_NODE_DEPTH + 5)]
    doc = tmp_path / "cycle.nt"
    scrambled = [tail[(i * 7919) % len(tail)] for i in range(len(tail))]  # past the early check
    doc.write_text("".join(lines + ["_:b <http://example.org/p> _:t0 .\n"] + scrambled))
    with pytest.raises(InputError, match=f"deeper than {MAX_BLANK_NODE_DEPTH}"):
        load_files([doc])
    doc.write_text("".join(lines))
    assert len(load_files([doc])) == 2


def test_nesting_at_the_limit_still_loads(tmp_path: Path) -> None:
    ok = tmp_path / "ok.ttl"
    ok.write_bytes(_deep_turtle(MAX_BLANK_NODE_DEPTH))
    assert len(load_files([ok])) == MAX_BLANK_NODE_DEPTH + 1


def test_huge_literal_loads_and_exports_within_bounds(tmp_path: Path) -> None:
    """A 5 MB literal is valid RDF: it must load and export quickly, not be refused."""
    huge = tmp_path / "huge.nt"
    huge.write_bytes(_huge_literal(5_000_000))
    result, seconds = run_bounded(["export", "--data", str(huge), "--format", "nt"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("x") >= 5_000_000
    assert seconds < 10


def test_well_formed_unregistered_language_tag_is_accepted(tmp_path: Path) -> None:
    """Documented choice: BCP 47 syntax is checked, the IANA registry is not."""
    doc = tmp_path / "tag.ttl"
    doc.write_text('<https://w3id.org/revops-graph/glossary/X> <http://www.w3.org/2000/01/rdf-schema#label> "x"@xx-foobar .\n')
    (literal,) = load_files([doc]).objects()
    assert literal.language == "xx-foobar"


def test_file_name_with_newline_stays_one_line(tmp_path: Path) -> None:
    odd = tmp_path / "two\nlines.ttl"
    odd.write_bytes(b"")
    result = CliRunner().invoke(app, ["export", "--data", str(odd)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "two lines.ttl" in result.stderr


def test_utf8_bom_is_tolerated(tmp_path: Path) -> None:
    doc = tmp_path / "bom.ttl"
    doc.write_bytes(b"\xef\xbb\xbf<http://example.org/a> <http://example.org/p> \"x\" .\n")
    assert len(load_files([doc])) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        load_files([fifo])
