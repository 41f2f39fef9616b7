"""The engine: glossaries sit in an in-memory Oxigraph store; rdflib only where asked for.

Commands read the store directly — concepts, relations, SPARQL, N-Triples and RDF/XML
exports — so none of them builds an rdflib graph of the data, and a read-only query is
not parsed by rdflib first. Each answer is held to the rdflib route it replaced.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revops_graph import Glossary, load_glossary
from revops_graph.export import formats as export
from revops_graph.io import resources
from revops_graph.io.loader import load_files
from revops_graph.query import check, named_queries, select
from revops_graph.query.guard import _check, _plain_read
from revops_graph.store import MemoryStore
from revops_graph.store.rdflib_graph import RdflibGraphStore

FORBIDDEN = ("SERVICE", "LOAD", "FROM", "USING", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def test_loading_and_reading_build_no_rdflib_graph() -> None:
    glossary = load_glossary()
    crm = glossary.find("CRM")
    assert crm.label("de") == "CRM-System"
    assert glossary.relations(glossary.find("RevOps"), "comprises")
    assert glossary.all_relations() and glossary.kind_classes
    select(MemoryStore(glossary), named_queries()["parts"], {"concept": "RevOps"})
    export.serialize(glossary, "nt")
    export.serialize(glossary, "xml")
    assert not glossary.graph_built
    assert len(glossary.graph) == len(glossary.store)  # built on demand, the same triples
    assert glossary.graph_built


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_answers_as_rdflib_did(name: str) -> None:
    glossary = load_glossary()
    query = named_queries()[name]
    params = {p.name: p.default for p in query.params if p.default is not None}
    if any(p.default is None for p in query.params):
        params.update({p.name: "RevOps" for p in query.params if p.default is None and p.type == "concept"})
        params.update({p.name: "Tool" for p in query.params if p.default is None and p.type == "class"})
        params.update({p.name: "revenue" for p in query.params if p.default is None and p.type == "string"})
    oxigraph = select(MemoryStore(glossary), query, params)
    rdflib = select(RdflibGraphStore(load_files(resources.glossary_files())), query, params)
    assert oxigraph.variables == rdflib.variables
    key = lambda row: tuple(str(v) for v in row)  # noqa: E731
    assert sorted(map(key, oxigraph)) == sorted(map(key, rdflib))


@pytest.mark.parametrize("fmt", ["nt", "xml", "turtle-stream"])
def test_exports_from_the_store_are_the_rdflib_routes_bytes(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if fmt == "turtle-stream":
        monkeypatch.setattr(export, "TURTLE_STREAM_THRESHOLD", 0)
        fmt = "turtle"
    files = resources.glossary_files()
    from_store = load_glossary()
    from_graph = Glossary(load_files(files))  # given an rdflib graph, the rdflib route serves
    assert export.serialize(from_store, fmt) == export.serialize(from_graph, fmt)
    assert not from_store.graph_built


def test_a_read_only_query_is_not_parsed_by_rdflib() -> None:
    code = (
        "import sys\n"
        "from revops_graph.cli import main\n"
        "sys.argv = ['revops-graph', 'query', 'parts', '--param', 'concept=RevOps', '--format', 'csv']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('sparql parser imported:', 'rdflib.plugins.sparql.parser' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120).stdout
    assert "Customer success" in out
    assert "sparql parser imported: False" in out


@pytest.mark.parametrize("word", FORBIDDEN)
def test_every_careful_word_takes_the_full_check(word: str) -> None:
    for spelled in (word, word.lower(), word.capitalize()):
        assert _plain_read(f"SELECT * WHERE {{ ?s ?p ?o }} # {spelled}\n") is None
        assert _plain_read(f'SELECT * WHERE {{ ?s ?p "{spelled}" }}') is None
    # a \u escape could spell any word
    assert _plain_read("SELECT * WHERE { SERVIC\\u0045 <http://127.0.0.1:9/> { ?s ?p ?o } }") is None


def test_refusals_still_hold_on_the_fast_path() -> None:
    from revops_graph.errors import QueryError

    with pytest.raises(QueryError, match="SERVICE"):
        check("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="allow-update"):
        check("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


_NAMES = st.sampled_from(sorted(named_queries()))


@settings(max_examples=30, deadline=None)
@given(_NAMES, st.sampled_from(["", "\n", "  "]))
def test_fast_path_agrees_with_the_full_check(name: str, padding: str) -> None:
    text = padding + named_queries()[name].text
    fast = _plain_read(text)
    _check.cache_clear()
    if fast is None:
        return
    from revops_graph.store.base import parsed_query

    algebra = parsed_query(text).algebra
    assert fast.form == algebra.name.removesuffix("Query").upper()
    slow = {str(v) for v in _walk_variables(algebra)}
    assert slow <= fast.variables


def _walk_variables(algebra):
    from rdflib import Variable

    from revops_graph.query.guard import _walk

    return [v for v in _walk(algebra) if isinstance(v, Variable)]
