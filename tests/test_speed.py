"""The foundation stays fast: lean start-up, streamed Turtle for big graphs, a size warning."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from revops_graph.export import formats as export
from revops_graph.io import loader
from revops_graph.cli import app
from revops_graph.model import load_glossary

HEAVY = ("rdflib", "pyoxigraph", "networkx", "pyvis", "pyshacl")


def _modules_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running ``code``."""
    probe = code + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def _cli_modules(*args: str) -> set[str]:
    return _modules_after(
        "import sys\nfrom revops_graph.cli import main\n"
        f"sys.argv = ['revops-graph', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
    )


def test_help_imports_no_heavy_library() -> None:
    loaded = _cli_modules("--help")
    assert "typer" in loaded  # the probe did run the CLI
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_package_import_is_lazy_but_complete() -> None:
    loaded = _modules_after("import revops_graph")
    assert not loaded & set(HEAVY)
    import revops_graph

    for name in revops_graph.__all__:
        assert getattr(revops_graph, name) is not None, name
    assert set(revops_graph.__all__) <= set(dir(revops_graph))
    with pytest.raises(AttributeError):
        revops_graph.no_such_name  # noqa: B018


def test_concepts_command_loads_neither_maps_nor_shacl() -> None:
    loaded = _cli_modules("concepts")
    assert "pyoxigraph" in loaded  # it did load the glossary
    assert not loaded & {"networkx", "pyvis", "pyshacl"}


def test_the_command_table_names_every_command_and_its_module() -> None:
    import importlib

    from revops_graph import cli

    registered = {cli.command_name(c): c.callback.__module__ for c in app.registered_commands}
    assert registered == {name: f"revops_graph.cli.{module}" for name, module in cli.COMMANDS.items()}
    assert [importlib.import_module(f"revops_graph.cli.{m}") for m in cli.MODULES]


@pytest.mark.parametrize("args, only", [
    (("query", "parts", "--param", "concept=RevOps"), "sparql"),
    (("concepts",), "core"),
    (("metric", "--list"), "analyze"),
])
def test_a_command_imports_only_its_own_module(args: tuple[str, ...], only: str) -> None:
    from revops_graph import cli

    loaded, code, out = _command(*args)
    assert code == 0 and out.strip(), out[-300:]
    commands = {m for m in loaded if m.startswith("revops_graph.cli.") and m.rsplit(".", 1)[1] in cli.MODULES}
    assert commands == {f"revops_graph.cli.{only}"}


def test_help_of_one_command_and_of_all_after_running_one() -> None:
    loaded, code, out = _command("--help")
    assert code == 0 and all(f" {name} " in out for name in ("build", "query", "site", "metric"))
    assert "import-table" not in out  # hidden stays hidden
    _, code, out = _command("query", "--help")
    assert code == 0 and "--param" in out and "Usage: revops-graph query" in " ".join(out.split())
    _, code, out = _command("qurey")
    assert code == 2


def test_the_whole_app_survives_a_run_of_one_command() -> None:
    from revops_graph import cli

    before = [cli.command_name(c) for c in app.registered_commands]
    runner = CliRunner()
    import sys as _sys

    argv = _sys.argv
    _sys.argv = ["revops-graph", "queries"]
    try:
        with pytest.raises(SystemExit):
            cli.main()
    finally:
        _sys.argv = argv
    assert [cli.command_name(c) for c in app.registered_commands] == before
    assert runner.invoke(app, ["metric", "--list"]).exit_code == 0


def test_the_map_does_not_import_numpy(tmp_path: Path) -> None:
    # a vocabulary of one kind: its map is coloured by communities, and laid out
    data = Path(__file__).parent / "data" / "vocabularies" / "tri-lingual-skos.ttl"
    loaded = _cli_modules("map", "--data", str(data), "-o", str(tmp_path / "map.html"))
    assert '"groups":[{' in (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "igraph" in loaded and "numpy" not in loaded  # numpy alone took a sixth of a second


# -- rdflib only where it is the right tool ------------------------------------------------------

DATA = Path(__file__).parent / "data"
USER_FILE = str(DATA / "vocabularies" / "mixed-owl-skos.ttl")
QUERY_FILE = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nSELECT ?c ?l WHERE { ?c skos:prefLabel ?l } ORDER BY ?c ?l\n"


def _command(*args: str) -> tuple[set[str], int, str]:
    """Run the command line in a fresh interpreter: the modules loaded at its end, its exit code
    and what it wrote on stdout."""
    probe = (
        "import json, sys\nfrom revops_graph.cli import main\n"
        f"sys.argv = ['revops-graph', *{list(args)!r}]\ncode = 0\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code or 0\n"
        "sys.stdout.flush()\nprint('\\n' + json.dumps([code, sorted(sys.modules)]))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    text, _, last = out.rstrip("\n").rpartition("\n")
    code, modules = json.loads(last)
    return set(modules), code, text


@pytest.mark.parametrize("args, shows", [
    (("query", "concepts-by-kind", "--param", "kind=Tool"), "CRM system"),
    (("query", "concepts-by-kind", "--param", "kind=Tool", "--format", "csv"), "CRM system"),
    (("query", "parts", "--param", "concept=RevOps", "--format", "json"), "Sales"),
    (("query", "QUERY_FILE", "--format", "tsv"), "@en"),
    (("query", "QUERY_FILE", "--data", USER_FILE), "Καταστάσεις"),
    (("query", "concepts-by-kind", "--param", "kind=Termine", "--data", USER_FILE, "--format", "csv"), "http"),
    (("concepts",), "CRM system"),
    (("concepts", "--lang", "de"), "Kennzahl"),
    (("concepts", "--data", USER_FILE, "--lang", "it"), "Persona"),
    (("concepts", "--kinds", "Metric", "--kinds", "https://w3id.org/revops-graph/ontology#Tool"), "CRM system"),
    (("export", "--format", "nt"), "<https://w3id.org/revops-graph/glossary/crm-system>"),
    (("export", "--format", "nt", "--data", USER_FILE), " .\n"),
    (("export", "--format", "xml"), "rdf:RDF"),
    (("queries",), "concepts-by-kind"),
    (("query", "parts", "--param", "concept=RevOps", "--store", "STORE"), "Sales"),
    (("explain", "CRM", "Billing"), "CRM system \u2192 Billing"),
    (("explain", "--data", USER_FILE, "Società", "Contratto"), "Μέρος συμβαλλόμενος σε Σύμβαση"),
    (("metric", "--list"), "inputs: Operating revenue (operating_revenue)"),
    (("metric", "percentage of revenue from operations", "-i", "operating revenue=800", "-i", "total revenue=1000"), "80 %"),
    (("analyze",), "Central concepts"),
    (("analyze", "--data", USER_FILE, "--format", "json"), '"a_iri": "https://example.org/mixed#Party"'),
    (("lint",), "open-gap"),
    (("lint", "--data", USER_FILE, "--format", "json"), '"rule": "oops-p08-missing-annotation"'),
    (("lint", "--data", str(DATA / "model" / "missing-inverse.ttl")), "missing-inverse"),
    (("validate", "--data", USER_FILE), "terms checked against the skos profile"),
    (("validate", "--data", str(DATA / "small-ontology.ttl"), "--format", "json"), '"profile": "skos"'),
    (("map", "--output", "-"), '"iri":"https://w3id.org/revops-graph/glossary/crm-system"'),
    (("map", "-o", "-", "--focus", "CRM", "--depth", "2", "--lang", "de"), '"focus":'),
    (("map", "-o", "-", "--kinds", "Tool", "--kinds", "Ressource", "--relations", "supports"), "<!DOCTYPE html>"),
    (("map", "-o", "-", "--query", "tool-within"), '"iri":"https://w3id.org/revops-graph/glossary/crm-system"'),
    (("map", "-o", "-", "--data", USER_FILE, "--lang", "el,en"), "Καταστάσεις"),
    (("map", "-o", "-", "--data", str(DATA / "vocabularies" / "foaf.nq")), '"iri":"http://xmlns.com/foaf/0.1/Agent"'),
    (("diff", USER_FILE, USER_FILE), "no differences"),
    (("diff", str(DATA / "model" / "valid.ttl"), str(DATA / "model" / "valid.ttl"), "--format", "json"), '"same": true'),
    (("export-table", "-o", "TABLE.csv"), "wrote 50 concepts"),
    (("export-table", "-o", "TABLE.yaml"), "wrote 50 concepts"),
    (("export-table", "-o", "TABLE.csv", "--data", USER_FILE), "wrote 14 terms"),
    (("export-table", "-o", "TABLE.yaml", "--data", USER_FILE), "wrote 14 terms"),
    (("site", "-o", "SITE"), "<title>RevOps glossary"),
    (("site", "-o", "SITE", "--data", USER_FILE), "<title>Καταστάσεις"),
    (("site", "-o", "SITE", "--data", str(DATA / "vocabularies" / "foaf.nq")), "Friend of a Friend (FOAF)"),
])
def test_everyday_commands_do_not_import_rdflib(args: tuple[str, ...], shows: str, tmp_path: Path) -> None:
    query = tmp_path / "labels.rq"
    query.write_text(QUERY_FILE, encoding="utf-8")
    given = {"QUERY_FILE": str(query), "STORE": f"oxigraph:{tmp_path / 'store'}", "SITE": str(tmp_path / "site"),
             **{f"TABLE.{ext}": str(tmp_path / f"table.{ext}") for ext in ("csv", "yaml")}}
    loaded, code, out = _command(*(given.get(a, a) for a in args))
    if "SITE" in args:  # a site is written to its folder (the command reports on stderr)
        out = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert code == 0 and shows in out, (code, out[-500:])
    assert "pyoxigraph" in loaded or args == ("queries",)
    assert "rdflib" not in loaded, sorted(m for m in loaded if m.startswith("revops_graph"))


def test_rdflib_still_serves_where_it_is_the_right_tool() -> None:
    loaded, code, out = _command("export", "--format", "turtle")  # longturtle's layout
    assert code == 0 and "revops:crm-system" in out
    assert "rdflib" in loaded
    base = str(DATA / "analyze" / "base.ttl")
    loaded, code, out = _command("diff", base, str(DATA / "analyze" / "bnodes-renamed.nt"))  # rdflib.compare
    assert code == 0 and "no differences" in out
    assert "rdflib" in loaded
    loaded, code, out = _command("validate")  # pySHACL, on the small embedded glossary
    assert code == 0 and "concepts checked against the SHACL shapes" in out
    assert {"rdflib", "pyshacl"} <= loaded


def test_python_callers_still_get_rdflib_terms() -> None:
    from rdflib import Graph, Literal, URIRef

    from revops_graph.query import named_query, select, select_terms
    from revops_graph.store import MemoryStore

    glossary = load_glossary()
    graph = glossary.graph
    assert isinstance(graph, Graph) and len(graph) == len(glossary.store)
    crm = glossary.find("CRM")
    assert isinstance(crm.iri, URIRef) and all(isinstance(k, URIRef) for k in crm.kinds) and crm.kinds
    assert crm.iri in glossary.concept_iris and str(crm.iri) == crm.key
    rows = select(MemoryStore(glossary), named_query("parts"), {"concept": "RevOps"})
    assert {type(r.label) for r in rows} == {Literal} and sorted(str(r.label) for r in rows) == ["Customer success", "Marketing", "Sales"]
    raw = select_terms(MemoryStore(glossary), named_query("parts"), {"concept": "RevOps"})
    assert all(isinstance(t, (ox.NamedNode, ox.Literal)) for row in raw.terms for t in row if t is not None)
    assert raw.rows == [tuple(r) for r in rows]


def test_the_map_still_takes_and_hands_out_rdflib_terms() -> None:
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDFS, SKOS

    from revops_graph.model import Glossary
    from revops_graph.render import HIERARCHY_PREDICATES, map_model, query_selection

    glossary = load_glossary()
    assert {SKOS.broader, RDFS.subClassOf} <= HIERARCHY_PREDICATES
    assert all(isinstance(p, URIRef) for p in HIERARCHY_PREDICATES)
    iris, triples = query_selection(glossary, "SELECT ?c WHERE { ?c a <https://w3id.org/revops-graph/ontology#Tool> }")
    assert iris and triples is None and all(isinstance(i, URIRef) for i in iris)
    assert map_model(glossary, iris) == map_model(glossary, [str(i) for i in iris])
    edges = [(URIRef(e.source), URIRef(e.predicate), URIRef(e.target)) for e in map_model(glossary).edges[:5]]
    assert map_model(glossary, iris, edges) == map_model(glossary, map(str, iris), [tuple(map(str, e)) for e in edges])
    # a user's own rdflib graph maps as the same data loaded from files
    given = Graph()
    for triple in load_glossary([USER_FILE]).graph:
        given.add(triple)
    assert map_model(Glossary(given)) == map_model(load_glossary([USER_FILE]))


def test_explain_and_metric_still_hand_out_rdflib_terms() -> None:
    from rdflib import URIRef

    from revops_graph.analysis import explain, find_metric

    glossary = load_glossary()
    (chain, *_) = explain(glossary, "CRM", "Billing")
    step = chain.steps[0]
    assert all(isinstance(t, URIRef) for t in (chain.start, chain.end, step.subject, step.predicate, step.object))
    assert (str(chain.start), str(step.predicate)) == (chain.start_key, step.predicate_key)
    sources = [s for c in explain(glossary, "Platforms", "Revenue growth") for st in c.steps for s in st.sources]
    assert sources and all(isinstance(s.iri, URIRef) and str(s.iri) == s.key for s in sources)
    metric = find_metric(glossary, "percentage of revenue from operations")
    assert isinstance(metric.iri, URIRef) and all(isinstance(q.iri, URIRef) for q in metric.inputs)


# -- Turtle export: rdflib's longturtle for small graphs, pyoxigraph above the threshold ----------

def _triples(data: bytes) -> set[str]:
    return {str(t) for t in ox.parse(data, format=ox.RdfFormat.TURTLE)}


def test_big_graphs_stream_turtle_through_oxigraph(monkeypatch: pytest.MonkeyPatch) -> None:
    glossary = load_glossary()
    small = export.serialize(glossary, "turtle")
    monkeypatch.setattr(export, "TURTLE_STREAM_THRESHOLD", len(glossary.graph) - 1)
    big = export.serialize(glossary, "turtle")
    assert small.startswith(b"PREFIX")  # longturtle
    assert big.startswith(b"@prefix")  # pyoxigraph
    assert _triples(big) == _triples(small)
    assert export.serialize(glossary, "turtle") == big


def test_streamed_turtle_is_the_same_bytes_in_every_process() -> None:
    code = (
        "import sys\nfrom revops_graph import load_glossary\nfrom revops_graph.export import formats as export\n"
        "export.TURTLE_STREAM_THRESHOLD = 0\n"
        "sys.stdout.buffer.write(export.serialize(load_glossary(), 'turtle'))"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": "", "REVOPS_GRAPH_NO_CACHE": "1"}).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
    assert next(iter(outputs)).startswith(b"@prefix")


def test_streamed_turtle_names_blank_nodes_canonically(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setattr(export, "TURTLE_STREAM_THRESHOLD", 0)
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    a.write_text("<http://x/s> <http://x/p> [ <http://x/q> 'v' ] .\n")
    b.write_text("<http://x/s> <http://x/p> _:zz .\n_:zz <http://x/q> 'v' .\n")
    assert export.serialize(load_glossary([a]), "turtle") == export.serialize(load_glossary([b]), "turtle")


def test_used_prefixes_are_the_ones_in_use() -> None:
    glossary = load_glossary()
    prefixes = export._used_prefixes(glossary.graph)
    assert {"rog", "revops", "skos", "rdf"} <= set(prefixes)
    assert "prov" not in prefixes  # bound, never used by the embedded glossary


# -- the memory default warns on big graphs ----------------------------------------------------

def test_large_graph_warns_once_past_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MEMORY_WARN_TRIPLES", 1000)
    with pytest.warns(loader.LargeGraphWarning, match="--store oxigraph:PATH") as record:
        glossary = load_glossary()
    assert len(glossary.graph) > 1000
    assert len([w for w in record if issubclass(w.category, loader.LargeGraphWarning)]) == 1


def test_graph_below_the_threshold_loads_silently() -> None:
    assert len(load_glossary().graph) < loader.MEMORY_WARN_TRIPLES
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_glossary()


def test_cli_prints_the_size_warning_in_yellow(monkeypatch: pytest.MonkeyPatch) -> None:
    triples = len(load_glossary().graph)
    monkeypatch.setattr(loader, "MEMORY_WARN_TRIPLES", 1000)
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = CliRunner().invoke(app, ["export", "--format", "nt"])
    assert result.exit_code == 0
    assert "\x1b[33mwarning:" in result.stderr
    assert "--store oxigraph:PATH" in result.stderr
    assert result.stdout.count("\n") == triples


def test_looking_up_a_concept_does_not_depend_on_the_glossary_size(tmp_path, monkeypatch) -> None:
    """concept() once rebuilt the set of all concepts on every call: concepts() was quadratic.
    Counted, not timed: each look-up reads one concept and reuses one membership set."""
    from revops_graph.model import glossary as module

    path = tmp_path / "g.ttl"
    path.write_text("".join(f"<http://x/c{i}> a <http://www.w3.org/2004/02/skos/core#Concept> .\n" for i in range(5000)))
    glossary = load_glossary([path])
    asked: list[int] = []
    real = module.read_concepts

    def counting(store, keys, *rest):
        asked.append(len(keys))
        return real(store, keys, *rest)

    monkeypatch.setattr(module, "read_concepts", counting)
    sets = []  # the objects themselves: an id could be reused once one is freed
    for iri in glossary.concept_iris[:300]:
        assert str(glossary.concept(iri).iri) == str(iri)
        sets.append(glossary._key_set)
    assert asked == [1] * 300 and all(s is sets[0] for s in sets)
