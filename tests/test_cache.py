"""The parse cache: hit on the same bytes, miss on any change, safe when broken, off on request."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

import pytest

from revops_graph.io import cache, loader, resources
from revops_graph.errors import InputError
from revops_graph.export.formats import serialize
from revops_graph.model import load_glossary

TTL = "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:b ex:p [ ex:q 'v' ] .\n"


@pytest.fixture
def cache_home(_private_parse_cache: Path) -> Path:
    return _private_parse_cache


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files actually parsed (not served from the cache)."""
    seen: list[Path] = []
    real = loader._parse_into

    def spy(graph, path, *args):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(graph, path, *args)

    monkeypatch.setattr(loader, "_parse_into", spy)
    return seen


#: The embedded glossary's files: a load without the cache parses each once.
FILES = len(resources.glossary_files())


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def _load(paths=None):
    # the parse cache serves the rdflib form of a glossary, which is built when first asked for
    glossary = load_glossary(paths)
    glossary.graph
    return glossary


def test_second_load_of_the_same_files_is_served_from_the_cache(cache_home: Path, parses: list[Path]) -> None:
    first = _load()
    parsed = len(parses)
    second = _load()
    assert parsed == FILES and len(parses) == parsed  # nothing parsed the second time
    assert set(second.graph) == set(first.graph)
    assert serialize(second, "turtle") == serialize(first, "turtle")  # prefixes came along
    assert len(_entries(cache_home)) == 1


def test_a_changed_file_is_parsed_again(tmp_path: Path, parses: list[Path]) -> None:
    path = tmp_path / "g.ttl"
    path.write_text(TTL)
    assert len(load_glossary([path]).graph) == 3
    path.write_text(TTL + "ex:c ex:p ex:a .\n")
    assert len(load_glossary([path]).graph) == 4
    assert parses == [path, path]


def test_the_cache_lives_in_the_user_cache_dir_and_is_private(cache_home: Path) -> None:
    _load()
    (entry,) = _entries(cache_home)
    assert cache.cache_dir() == cache_home
    assert entry.stat().st_mode & 0o777 == 0o600
    assert cache_home.stat().st_mode & 0o077 == 0
    package = Path(loader.__file__).parent
    assert not list(package.rglob("*.pickle"))


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps({"a": 1})])
def test_a_corrupt_entry_is_dropped_and_rebuilt(cache_home: Path, parses: list[Path], garbage: bytes) -> None:
    expected = set(load_glossary().graph)
    (entry,) = _entries(cache_home)
    entry.write_bytes(garbage)
    assert set(load_glossary().graph) == expected
    assert len(parses) == 2 * FILES  # parsed again
    assert isinstance(pickle.loads(entry.read_bytes()), type(load_glossary().graph))


def test_an_entry_others_could_write_is_not_read(cache_home: Path, parses: list[Path]) -> None:
    _load()
    (entry,) = _entries(cache_home)
    entry.chmod(0o666)
    _load()
    assert len(parses) == 2 * FILES


def test_opt_out_writes_and_reads_nothing(cache_home: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVOPS_GRAPH_NO_CACHE", "1")
    first, second = _load(), _load()
    # without a cache the rdflib graph is converted from the Oxigraph store, not parsed again
    assert parses == []
    assert not cache_home.exists()
    assert set(first.graph) == set(second.graph) == set(loader.load_files(resources.glossary_files()))


def test_an_unusable_cache_dir_does_not_stop_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # revops-graph/ cannot be made under a file
    assert len(load_glossary().concept_iris) > 10


def test_old_entries_are_pruned(tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    for i in range(4):
        path = tmp_path / f"g{i}.ttl"
        path.write_text(TTL)
        _load([path])
    assert len(_entries(cache_home)) == 2


def test_bad_input_is_still_reported_and_not_cached(tmp_path: Path, cache_home: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix ex: <http://example.org/> .\nex:a ex:p .\n")
    for _ in range(2):
        with pytest.raises(InputError) as info:
            _load([path])
        assert info.value.line == 2
    assert gc.isenabled()
    assert not _entries(cache_home)


def test_blank_nodes_of_two_files_stay_apart_through_the_cache(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    a.write_text("_:x <http://x/p> 'a' .\n")
    b.write_text("_:x <http://x/p> 'b' .\n")
    for _ in range(2):  # parse, then cache
        graph = load_glossary([a, b]).graph
        assert len(set(graph.subjects())) == 2


def test_graphs_past_the_warning_size_are_not_cached(
    cache_home: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MEMORY_WARN_TRIPLES", 1000)
    for _ in range(2):
        with pytest.warns(loader.LargeGraphWarning):
            _load()
    assert len(parses) == 2 * FILES
    assert not _entries(cache_home)


def test_gc_is_paused_only_while_building() -> None:
    with cache.no_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cache.no_gc():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
