"""Files without blank nodes load straight into the store: the same triples and prefixes as
the careful, triple-by-triple path, which still takes every file that needs it."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from revops_graph.errors import InputError
from revops_graph.io import loader
from revops_graph.io.direct import load_direct

HEAD = "@prefix ex: <http://example.org/> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"

# Files the direct path takes, each with something its prefix reading must get right.
DIRECT = {
    "plain.ttl": HEAD + 'ex:a a skos:Concept ; skos:prefLabel "A (first)"@en .\n',
    "sparql-style.ttl": 'PREFIX ex: <http://example.org/>\n  base <http://base.example/>\n'
    'Prefix rel: <rel/>\nex:a rel:p "a database base" .\n',
    "redeclared.ttl": HEAD + "ex:a ex:p ex:b .\n@prefix ex: <http://other.example/> .\nex:c ex:p ex:d .\n",
    "comment-inside.ttl": "@prefix ex: # the namespace follows\n  <http://example.org/> .\nex:a ex:p ex:b .\n",
    "plain.nt": '<http://example.org/a> <http://example.org/p> "b" .\n',
}

# Files it must leave to the careful path, and why.
CAREFUL = {
    "blank.ttl": HEAD + "ex:a ex:p _:x .\n",
    "anonymous.ttl": HEAD + "ex:a ex:p [ ex:q ex:b ] .\n",
    "collection.ttl": HEAD + "ex:a ex:p ( ex:b ex:c ) .\n",
    "directive-mid-line.ttl": HEAD + "ex:a ex:p ex:b . @prefix x: <http://x.example/> .\n",
    "prefix-in-literal.ttl": HEAD + 'ex:a ex:p "see prefix x: <http://x.example/>" .\n',
    "long-string.ttl": HEAD + 'ex:a ex:p """two\n@prefix x: <http://x.example/> .\nlines""" .\n',
    "blank.nt": '_:x <http://example.org/p> "b" .\n',
    "broken.ttl": HEAD + "ex:a ex:p .\n",
}


def _load(paths: list[Path], direct: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], dict[str, str]]:
    with monkeypatch.context() as patch:
        if not direct:
            patch.setattr(loader, "load_direct", lambda *args: None)
        store, prefixes = loader.load_store(paths)
    return sorted(str(q) for q in store), prefixes


def _write(tmp_path: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("name", sorted(DIRECT))
def test_direct_path_is_taken_and_reads_the_prefixes_the_parser_reads(name: str) -> None:
    data = DIRECT[name].encode()
    rdf_format = ox.RdfFormat.TURTLE if name.endswith(".ttl") else ox.RdfFormat.N_TRIPLES
    result = load_direct(ox.Store(), data, rdf_format, None, None)
    assert result is not None
    parser = ox.parse(data, format=rdf_format)
    expected = sorted(str(q) for q in parser)
    assert sorted(str(q) for q in result[0]) == expected
    assert result[1] == (parser.prefixes or {})


@pytest.mark.parametrize("name", sorted(CAREFUL))
def test_files_that_need_care_are_left_to_the_careful_path(name: str) -> None:
    rdf_format = ox.RdfFormat.TURTLE if name.endswith(".ttl") else ox.RdfFormat.N_TRIPLES
    store = ox.Store()
    assert load_direct(store, CAREFUL[name].encode(), rdf_format, None, None) is None
    assert len(store) == 0


def test_both_paths_give_the_same_store_and_prefixes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {k: v for k, v in {**DIRECT, **CAREFUL}.items() if k != "broken.ttl"}
    paths = _write(tmp_path, files)
    fast = _load(paths, True, monkeypatch)
    assert fast == _load(paths, False, monkeypatch)
    assert any(q.startswith("_:f") for q in fast[0])  # blank nodes named by file, as before


def test_a_collection_in_a_later_file_is_not_mistaken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _write(tmp_path, {"plain.ttl": DIRECT["plain.ttl"], "collection.ttl": CAREFUL["collection.ttl"]})
    assert _load(paths, True, monkeypatch) == _load(paths, False, monkeypatch)


def test_errors_still_name_file_and_line(tmp_path: Path) -> None:
    (path,) = _write(tmp_path, {"broken.ttl": CAREFUL["broken.ttl"]})
    with pytest.raises(InputError) as caught:
        loader.load_store([path])
    assert caught.value.path == path
    assert caught.value.line == 3
