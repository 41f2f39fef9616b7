"""A large site is written by two processes: the same bytes as one, and every failure of
either leaves the previous site as it was, with no process left behind."""

from __future__ import annotations

import hashlib
import os
import signal
import threading
from pathlib import Path

import pytest
from fork_fixtures import counted_forks, gone

from revops_graph.errors import OutputError
from revops_graph.model import load_glossary
from revops_graph.render.site import write_site
from revops_graph.render.site import writer as site_writer

if not hasattr(os, "fork"):
    pytest.skip("the site is written by one process where there is no fork", allow_module_level=True)

FRUIT = Path(__file__).parent / "data" / "site" / "multilingual.ttl"


@pytest.fixture(scope="module")
def fruit():
    return load_glossary([FRUIT])


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """Split every site, however small; the ids of the second processes forked."""
    monkeypatch.setattr(site_writer, "SPLIT_TERMS", 0)
    return counted_forks(monkeypatch)


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_site_written_by_two_processes_has_the_bytes_of_one(tmp_path, fruit, monkeypatch, forks) -> None:
    split_report = write_site(fruit, tmp_path / "two")
    assert len(forks) == 1 and gone(forks[0])
    monkeypatch.setattr(site_writer, "SPLIT_TERMS", 10**9)
    whole_report = write_site(fruit, tmp_path / "one")
    assert len(forks) == 1
    assert _tree(tmp_path / "two") == _tree(tmp_path / "one")
    assert (split_report.files, split_report.bytes, split_report.terms) == \
        (whole_report.files, whole_report.bytes, whole_report.terms)
    assert split_report.files == len(_tree(tmp_path / "one"))


def _broken(*args, **kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("where", ["map_page", "description_files"])  # the second process's share, then the first's
def test_a_failure_in_either_process_leaves_the_previous_site(tmp_path, fruit, monkeypatch, forks, where) -> None:
    out = tmp_path / "site"
    write_site(fruit, out)
    before = _tree(out)
    monkeypatch.setattr(site_writer, where, _broken)
    with pytest.raises(OutputError, match="No space left on device"):
        write_site(fruit, out)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert len(forks) == 2 and all(gone(pid) for pid in forks)


def test_a_second_process_that_dies_is_an_error(tmp_path, fruit, monkeypatch, forks) -> None:
    out = tmp_path / "site"
    write_site(fruit, out)
    before = _tree(out)
    monkeypatch.setattr(site_writer, "map_page", lambda *args: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(RuntimeError, match="second process stopped"):
        write_site(fruit, out)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_process_with_other_threads_does_not_fork(tmp_path, fruit, forks) -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        report = write_site(fruit, tmp_path / "site")
    finally:
        stop.set()
        other.join()
    assert forks == [] and report.files == len(_tree(tmp_path / "site"))
