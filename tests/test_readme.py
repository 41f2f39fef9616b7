"""The README stays true: its set-up commands are what CI runs, and every ``console`` block
is run and its output compared.

A ``console`` block holds commands (``$ revops-graph ...``), each followed by what it prints
(stdout, then stderr). A line ``...`` in the expected output stands for any number of lines,
and an expected line ending in `` ...`` stands for any line that begins with the text before
it. Plain ``revops-graph`` commands run in-process; others, and those with a pipe or a
redirection, run in bash, with ``revops-graph`` being this tree's ``python -m revops_graph``. ``http://127.0.0.1:7878`` is
the test's own Oxigraph server (the ``oxigraph serve`` line itself is not run). The
examples run in README order in one scratch folder, as in a reader's shell: a file one
writes is there for the next.

When the glossary or an output format changes on purpose, rewrite the expected outputs with

    REVOPS_GRAPH_UPDATE_README=1 python -m pytest tests/test_readme.py

and review the diff of README.md. Elided outputs that still match are kept; one that no
longer matches is written out in full (shorten it again by hand).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revops_graph.cli import app

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
UPDATE = os.environ.get("REVOPS_GRAPH_UPDATE_README") == "1"
SERVER = "http://127.0.0.1:7878"
ELIDED = "..."
SHELL = re.compile(r"[|<>&;]|\$\(")


def _setup_commands() -> list[str]:
    block = re.search(r"## Set up and run.*?```sh\n(.*?)```", README.read_text(), re.DOTALL)
    assert block, "README has no set-up block"
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_readme_has_two_commands_main_job_then_tests() -> None:
    main_job, tests = _setup_commands()
    assert main_job.endswith("revops-graph build")
    assert tests.endswith("-m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = _setup_commands()
    ci = (REPO / ".ci" / "run").read_text()
    assert tests in ci.splitlines()


# -- the console examples -----------------------------------------------------------------


@dataclass
class Example:
    """One ``$ command`` of a console block and the lines it is said to print."""

    line: int  # of the command in README.md, 1-based
    indent: str
    command: str
    expected: list[str]


def console_examples(text: str) -> list[Example]:
    """Every command of every ``console`` block of ``text``, in order."""
    examples: list[Example] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        fence = re.match(r"^(\s*)```console\s*$", lines[i])
        i += 1
        if not fence:
            continue
        indent = fence.group(1)
        while i < len(lines) and lines[i].strip() != "```":
            body = lines[i][len(indent):]
            if body.startswith("$ "):
                examples.append(Example(i + 1, indent, body[2:], []))
            elif examples:
                examples[-1].expected.append(body)
            i += 1
        i += 1
    return examples


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` fits ``expected`` with its elisions (see the module docstring)."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == ELIDED:
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    if not actual:
        return False
    if head.endswith(" " + ELIDED):
        fits = actual[0].startswith(head[: -len(ELIDED)].rstrip())
    else:
        fits = actual[0].rstrip() == head.rstrip()
    return fits and matches(rest, actual[1:])


def test_matching_elides_lines_and_line_ends() -> None:
    assert matches(["a", "...", "z"], ["a", "b", "c", "z"])
    assert matches(["a", "...", "z"], ["a", "z"])
    assert matches(["a b ..."], ["a b c d"])
    assert not matches(["a", "z"], ["a", "b", "z"])
    assert not matches(["a", "...", "z"], ["a", "b"])
    assert not matches(["a b ..."], ["a c"])


def test_readme_examples_are_found() -> None:
    examples = console_examples(README.read_text())
    commands = [e.command for e in examples]
    assert len(examples) >= 20, commands
    assert any(c.startswith("revops-graph push") for c in commands)
    assert sum(c.startswith("revops-graph ") for c in commands) >= 20, commands


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder to run the examples in: files they write land here, the repository's test
    data and ontology are reachable by the same relative paths as from its root."""
    folder = tmp_path_factory.mktemp("readme")
    for name in ("tests", "ontology"):
        (folder / name).symlink_to(REPO / name)
    return folder


def _run(command: str, cwd: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What ``command`` prints: stdout, then stderr, as lines."""
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("COLUMNS", "120")  # the width the README's tables were printed at
    if SHELL.search(command) or not command.startswith("revops-graph "):
        src = Path(__import__("revops_graph").__file__).parents[1]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")])}
        prelude = f'revops-graph() {{ {shlex.quote(sys.executable)} -m revops_graph "$@"; }}\n'
        done = subprocess.run(["bash", "-c", prelude + command], capture_output=True, cwd=cwd, env=env, timeout=120,
                              check=False)
        out, err = done.stdout.decode(), done.stderr.decode()
    else:
        result = CliRunner().invoke(app, shlex.split(command, comments=True)[1:], catch_exceptions=False)
        out, err = result.stdout, result.stderr
    return (out + err).splitlines()


def _cases() -> list[pytest.param]:
    return [pytest.param(e, id=f"L{e.line}:{e.command[:60]}") for e in console_examples(README.read_text())
            if not e.command.startswith("oxigraph serve")]


@pytest.mark.parametrize("example", _cases())
def test_readme_example(example: Example, workdir: Path, monkeypatch: pytest.MonkeyPatch,
                        request: pytest.FixtureRequest) -> None:
    command = example.command
    if SERVER in command:
        server = request.getfixturevalue("sparql_server")
        command = command.replace(SERVER, server.base)
        actual = [line.replace(server.base, SERVER) for line in _run(command, workdir, monkeypatch)]
    else:
        actual = _run(command, workdir, monkeypatch)
    if matches(example.expected, actual):
        return
    if UPDATE:
        _rewrite(README, example, actual)
        return
    pytest.fail(f"README.md:{example.line}: `$ {example.command}` printed\n" + "\n".join(actual)
                + "\n\ninstead of\n" + "\n".join(example.expected)
                + "\n\n(REVOPS_GRAPH_UPDATE_README=1 rewrites the README's expected outputs)")


def _rewrite(readme: Path, example: Example, output: list[str]) -> None:
    """Put ``output`` into ``readme`` in place of ``example``'s expected lines."""
    lines = readme.read_text().splitlines(keepends=True)
    # The README may have changed above this example in this run: find the command again.
    at = next(i for i, line in enumerate(lines) if line.rstrip("\n") == example.indent + "$ " + example.command)
    end = at + 1
    while not lines[end].lstrip().startswith(("$ ", "```")):
        end += 1
    new = [(example.indent + line).rstrip() + "\n" for line in output]
    readme.write_text("".join(lines[: at + 1] + new + lines[end:]))


def test_update_mode_rewrites_only_the_example(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("text\n  ```console\n  $ revops-graph a\n  old\n  ...\n  $ revops-graph b\n  keep\n  ```\n")
    first = console_examples(readme.read_text())[0]
    assert (first.command, first.expected) == ("revops-graph a", ["old", "..."])
    _rewrite(readme, first, ["new 1", "", "new 2"])
    assert readme.read_text() == ("text\n  ```console\n  $ revops-graph a\n  new 1\n\n  new 2\n"
                                  "  $ revops-graph b\n  keep\n  ```\n")
