"""The documentation site, without a browser: paths, page content, escaping, languages,
deterministic bytes, the folder swap and the ``site`` command."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from revops_graph.cli import app
from revops_graph.io.convert import to_oxigraph
from revops_graph.model import load_glossary
from revops_graph.render.site import MARKER, build_site, site_languages, term_path, write_site
from revops_graph.render.site import writer as site_writer

DATA = Path(__file__).parent / "data" / "site"
FRUIT = DATA / "multilingual.ttl"
EX = "http://example.org/voc/"


@pytest.fixture(scope="module")
def fruit():
    return load_glossary([FRUIT])


@pytest.fixture(scope="module")
def fruit_site(fruit) -> dict[str, bytes]:
    return dict(build_site(fruit))


@pytest.fixture(scope="module")
def revops_site(glossary) -> dict[str, bytes]:
    return dict(build_site(glossary))


def _page(site: dict[str, bytes], iri: str) -> str:
    return site[term_path(iri)].decode("utf-8")


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# -- paths -------------------------------------------------------------------------------

def test_term_paths_are_stable_readable_and_collision_safe() -> None:
    iris = ["http://example.org/A", "http://example.org/a", "http://other.org/A", "urn:x:A",
            "http://example.org/ü/Äpfel", "http://example.org/a b?c=<d>", "http://example.org/"]
    paths = [term_path(i) for i in iris]
    assert len(set(paths)) == len(iris)
    assert all(re.fullmatch(r"terms/[a-z0-9-]+-[0-9a-f]{8}\.html", p) for p in paths), paths
    assert term_path("http://example.org/ü/Äpfel").startswith("terms/apfel-")
    assert term_path(iris[0]) == term_path(iris[0])


# -- languages ---------------------------------------------------------------------------

def test_the_data_languages_come_from_its_labels(fruit) -> None:
    assert site_languages(fruit.graph) == ("de", "en", "fr", "ja")


def test_the_data_languages_read_from_the_store_are_the_graphs(tmp_path) -> None:
    data = tmp_path / "tags.ttl"
    data.write_text('<urn:a> <http://www.w3.org/2000/01/rdf-schema#label> "a"@EN-GB, "b", "c"@de .\n'
                    '<urn:b> <http://www.w3.org/2004/02/skos/core#prefLabel> "d"@Fr ; <urn:p> "e"@ja .\n')
    glossary = load_glossary(data)
    assert site_languages(glossary.view) == ("de", "en-gb", "fr")  # the store's terms, none converted
    assert site_languages(glossary.graph) == ("de", "en-gb", "fr")


def test_every_page_offers_every_language_with_hreflang(fruit_site) -> None:
    for name in ("index.html", "sparql.html", term_path(EX + "apple")):
        page = fruit_site[name].decode()
        for lang in ("de", "en", "fr", "ja"):
            assert f'hreflang="{lang}" lang="{lang}" data-set-lang="{lang}"' in page
            assert f'<link rel="alternate" hreflang="{lang}"' in page
        assert page.startswith('<!DOCTYPE html>\n<html lang="en" data-lang="en">')


def test_labels_are_shown_per_language_with_their_own_lang(fruit_site) -> None:
    page = _page(fruit_site, EX + "apple")
    for lang, label in (("de", "Apfel"), ("en", "Apple"), ("fr", "Pomme"), ("ja", "林檎")):
        assert f'<span data-l="{lang}" lang="{lang}">{label}</span>' in page
    # the definition exists only in English: shown for French too, but tagged as English
    fruit_page = _page(fruit_site, EX + "fruit")
    assert '<p data-l="fr" lang="en">The sweet part' in fruit_page


def test_open_language_must_be_one_of_the_data(runner, tmp_path) -> None:
    result = runner.invoke(app, ["site", "--data", str(FRUIT), "--out", str(tmp_path / "s"), "--lang", "es"])
    assert result.exit_code == 2
    assert "not a language of the data (de, en, fr, ja)" in result.output


def test_a_link_is_labelled_by_the_models_precedence(tmp_path) -> None:
    """The thesaurus' scheme has a dcterms:title and no skos:prefLabel: a term page's link to
    it reads the title, as the command line names it, not the IRI's local name."""
    thesaurus = load_glossary([Path(__file__).parent / "data" / "vocabularies" / "tri-lingual-skos.ttl"])
    page = _page(dict(build_site(thesaurus, "es")), "https://example.org/instruments/bowed")
    start = page.index(">inScheme<")
    linked = page[start:page.index("</dd>", start)]  # the scheme the term is in
    assert '<span data-l="es" lang="es">Instrumentos musicales</span>' in linked and ">scheme<" not in linked


def test_pages_open_in_the_chosen_language(fruit) -> None:
    site = dict(build_site(fruit, "de"))
    page = site[term_path(EX + "apple")].decode()
    assert page.startswith('<!DOCTYPE html>\n<html lang="de" data-lang="de">')
    assert '<span data-w="outgoing" lang="de">Beziehungen von diesem Begriff</span>' in page


# -- what a term page shows --------------------------------------------------------------

def test_a_concept_page_shows_labels_notation_relations_both_ways_and_files(fruit_site) -> None:
    page = _page(fruit_site, EX + "apple")
    assert "<td lang=\"en\">Malus</td>" in page and "<code>F-01</code>" in page
    assert 'data-w="concept"' in page
    # broader outward, related outward, a custom relation with its label, each a link to the term page
    fruit_link = f'href="{Path(term_path(EX + "fruit")).name}"'
    assert fruit_link in page and "grows on" in page and "Check the Japanese label." in page
    # the parent sees the child in "relations to this term"
    parent = _page(fruit_site, EX + "fruit")
    incoming = parent.split('id="h-incoming"')[1]
    assert Path(term_path(EX + "apple")).name in incoming
    # its own description, as files that hold its statements
    stem = term_path(EX + "apple")[: -len(".html")]
    assert f'href="{Path(stem).name}.ttl" download' in page
    assert b"Pomme" in fruit_site[stem + ".ttl"] and b'"@id":"http://example.org/voc/apple"' in fruit_site[stem + ".jsonld"]
    # its neighbourhood: the site's map page, focused by the fragment
    assert 'src="../map.html?near#http://example.org/voc/apple"' in page


def test_class_and_property_pages_show_domain_range_inverse_and_use(fruit_site) -> None:
    prop = _page(fruit_site, EX + "growsOn")
    facts = prop.split('class="facts"')[1]
    for word, iri in (("domain", "Plant"), ("range", "Tree"), ("inverse", "bears")):
        assert f'data-w="{word}"' in facts
        assert Path(term_path(EX + iri)).name in facts
    assert 'data-w="usedIn"' in facts and "(1)" in facts
    plant = _page(fruit_site, EX + "Plant")
    assert 'data-w="subclasses"' in plant and Path(term_path(EX + "Tree")).name in plant
    assert 'data-w="property"' in prop and 'data-w="class"' in plant


def test_revops_pages_show_source_lines_and_known_gaps(glossary, revops_site) -> None:
    from rdflib.namespace import DCTERMS

    from revops_graph.namespaces import ROG

    with_gap = next(iri for iri in glossary.concept_iris if (iri, ROG.hasKnownGap, None) in glossary.graph)
    page = _page(revops_site, str(with_gap))
    assert 'id="h-gaps"' in page
    with_source = next(iri for iri in glossary.concept_iris if (iri, DCTERMS.source, None) in glossary.graph)
    sentence = next(glossary.graph.objects(with_source, DCTERMS.source))
    line = glossary.graph.value(sentence, ROG.line)
    page = _page(revops_site, str(with_source))
    assert f'<span class="line"><span data-w="line" lang="en">line</span> {line}</span>' in page
    # a relation stated in the text carries its line
    assert re.search(r'class="lines">\(<span data-w="line" lang="en">line</span> \d+', "".join(
        p.decode() for n, p in revops_site.items() if n.endswith(".html")))


def test_term_pages_stay_small_and_never_load_the_query_engine(revops_site) -> None:
    pages = {n: p for n, p in revops_site.items() if n.startswith("terms/") and n.endswith(".html")}
    assert pages and max(len(p) for p in pages.values()) < 50_000
    assert not any(b"oxigraph.js" in p or b"data.js" in p for p in pages.values())
    assert b"assets/oxigraph.js" in revops_site["sparql.html"]


def test_the_index_has_metadata_counts_hierarchy_and_a_to_z(fruit, fruit_site) -> None:
    page = fruit_site["index.html"].decode()
    for text in ("2.1", "https://creativecommons.org/licenses/by/4.0/", "The Orchard Team", "2024-01-15",
                 "Fruit and the trees they grow on."):
        assert text in page
    # concepts as the term model finds them (the IRI javascript:alert(1) takes part in
    # skos:related, so it is one); properties: the two declared and the three relations used
    # (skos:broader, skos:related, and rdfs:subClassOf between the two classes)
    for word, count in (("concepts", len(fruit.terms.concepts)), ("classes", 2), ("properties", 5), ("languages", 4)):
        assert re.search(f'data-w="{word}" lang="en">[^<]+</span></dt><dd>{count}</dd>', page), word
    tree = page.split('id="h-hierarchy"')[1].split('id="h-az"')[0]
    assert tree.index(Path(term_path(EX + "fruit")).name) < tree.index(Path(term_path(EX + "apple")).name)
    assert "<details><summary>" in tree
    # no link inside a <summary>: a control nested in a control (axe: nested-interactive)
    assert not re.search(r"<summary>((?!</summary>).)*<a ", tree)
    az = page.split('id="h-az"')[1]
    assert 'id="az-ja-' in az and 'id="az-de-A"' in az


# -- hostile input -----------------------------------------------------------------------

def test_hostile_labels_and_iris_are_inert(fruit_site) -> None:
    for name, data in fruit_site.items():
        if name.endswith(".html") and name != "map.html":
            text = data.decode()
            assert "<script>alert" not in text and "<img src=x" not in text, name
            assert 'href="javascript:' not in text, name
    page = _page(fruit_site, EX + "hostile")
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;" in page or \
        "&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"quotes\"" in page
    # an IRI with a javascript: scheme is a term with a local page, its IRI shown as text
    assert "<code>javascript:alert(1)</code>" in _page(fruit_site, "javascript:alert(1)")
    assert b"</script><" not in fruit_site["assets/search.js"].replace(b"</script>", b"", 0)
    assert b"<" not in fruit_site["assets/search.js"]


# -- bytes and writing -------------------------------------------------------------------

def test_same_input_same_site_across_processes(tmp_path, fruit) -> None:
    write_site(fruit, tmp_path / "a")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-m", "revops_graph.cli", "site", "--data", str(FRUIT), "--out",
                    str(tmp_path / "b")], check=True, env=env, capture_output=True)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_a_failed_build_leaves_the_previous_site_as_it_was(tmp_path, fruit, monkeypatch) -> None:
    out = tmp_path / "site"
    write_site(fruit, out)
    before = _tree(out)

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    # a disk that fills up half-way through the term pages
    monkeypatch.setattr(site_writer, "description_files", broken)
    with pytest.raises(Exception, match="No space left on device"):
        write_site(fruit, out)
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_new_build_replaces_the_old_site_whole(tmp_path, fruit) -> None:
    out = tmp_path / "site"
    write_site(fruit, out)
    (out / "terms" / "stale.html").write_text("old")
    write_site(fruit, out)
    assert not (out / "terms" / "stale.html").exists() and (out / MARKER).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _inode_flags(path: Path) -> int | None:
    """The folder's ext2-style inode flags (``lsattr``), or ``None`` where there are none."""
    import fcntl
    import struct

    from revops_graph.render.site import folder

    fd = os.open(path, os.O_RDONLY)
    try:
        return struct.unpack("i", fcntl.ioctl(fd, folder._GETFLAGS, b"\0" * 4))[0]
    except OSError:
        return None
    finally:
        os.close(fd)


def test_the_site_folders_are_spread_and_named_as_before(tmp_path, fruit) -> None:
    out = tmp_path / "site"
    write_site(fruit, out)
    # the subfolders made under a scratch name were renamed: no trace of it is left
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_dir()) == \
        ["assets", "assets/licenses", "terms"]
    assert [p.name for p in out.rglob(".*")] == [MARKER]
    if not sys.platform.startswith("linux"):
        return
    from revops_graph.render.site import folder

    probe = tmp_path / "probe"
    probe.mkdir()
    folder._spread(str(probe))
    if not (_inode_flags(probe) or 0) & folder._TOPDIR:
        pytest.skip("this file system has no top-of-hierarchy hint")
    assert (_inode_flags(out) or 0) & folder._TOPDIR  # its subfolders are spread over the disk


def test_a_rebuild_links_the_files_it_would_write_again(tmp_path, fruit) -> None:
    out = tmp_path / "site"
    write_site(fruit, out)
    page = out / term_path(EX + "apple")
    inodes = {p.relative_to(out): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    page.write_bytes(page.read_bytes() + b"<!-- edited -->")  # changed in place: not the site's bytes
    (out / "sparql.html").chmod(0o600)  # another mode: written anew, with the usual one
    mode = (out / "index.html").stat().st_mode
    write_site(fruit, out)
    again = {p.relative_to(out): p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    assert again.keys() == inodes.keys()
    written = {p for p in inodes if again[p] != inodes[p]}
    assert written == {page.relative_to(out), Path("sparql.html")}  # the rest are the same files
    assert not page.read_bytes().endswith(b"<!-- edited -->")
    assert (out / "sparql.html").stat().st_mode == mode and all(p.stat().st_nlink == 1 for p in out.rglob("*") if p.is_file())


def test_a_folder_that_is_not_a_site_is_never_replaced(runner, tmp_path) -> None:
    mine = tmp_path / "docs"
    mine.mkdir()
    (mine / "thesis.tex").write_text("precious")
    result = runner.invoke(app, ["site", "--data", str(FRUIT), "--out", str(mine)])
    assert result.exit_code == 2
    assert f"{mine}: refusing to replace it: not a site written by revops-graph" in result.output
    assert (mine / "thesis.tex").read_text() == "precious"


def test_the_site_command_writes_and_reports(runner, tmp_path) -> None:
    result = runner.invoke(app, ["site", "--data", str(FRUIT), "--out", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    glossary = load_glossary([FRUIT])  # a page per term of every sort, and per relation used
    pages = len(set(glossary.terms.select("all")) | {str(p) for p in glossary.relation_predicates()})
    assert "wrote" in result.output and f"{pages} term pages" in result.output
    assert (tmp_path / "s" / "index.html").is_file()


def test_a_hub_page_stays_under_50_kb_and_counts_what_it_does_not_list() -> None:
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, SKOS

    from revops_graph.model import Glossary

    g = Graph()
    hub = URIRef(EX + "hub")
    for i in range(500):
        c = URIRef(f"{EX}c{i}")
        g.add((c, RDF.type, SKOS.Concept))
        g.add((c, SKOS.prefLabel, Literal(f"A rather long concept label number {i}", lang="en")))
        g.add((c, SKOS.prefLabel, Literal(f"Eine recht lange Begriffsbezeichnung Nummer {i}", lang="de")))
        g.add((c, SKOS.broader, hub))
        g.add((c, SKOS.related, hub))  # incoming links come sorted by subject: broader, related, broader…
        g.add((hub, SKOS.narrower, c))
    g.add((hub, RDF.type, SKOS.Concept))
    # and thirty relations more, each to 50 concepts: many lists, each of them long
    for r in range(30):
        for i in range(50):
            g.add((hub, URIRef(f"{EX}rel{r}"), URIRef(f"{EX}c{i}")))
    site = dict(build_site(Glossary(g)))
    page = site[term_path(str(hub))].decode()
    assert len(page.encode()) < 50_000
    assert page.count("… 495 ") == 3  # narrower (outgoing), broader and related (incoming): 5 shown each
    assert 'href="../sparql.html">SPARQL</a>' in page


VOCABULARIES = sorted(p for p in (Path(__file__).parent / "data" / "vocabularies").iterdir()
                      if p.suffix in (".ttl", ".nq"))


@pytest.mark.parametrize("path", VOCABULARIES, ids=lambda p: p.stem)
def test_any_vocabulary_gets_a_site_whose_links_all_resolve(path) -> None:
    import posixpath

    site = dict(build_site(load_glossary([path])))
    pages = [n for n in site if n.endswith(".html")]
    assert len(pages) > 3
    for name in pages:
        if name == "map.html":
            continue  # the renderer's page: links are made by its script
        for href in re.findall(r'href="([^"]+)"', site[name].decode()):
            href = href.replace("&amp;", "&")
            if href.startswith(("http://", "https://", "?", "#")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href.split("#")[0]))
            assert target in site, (name, href)


def test_page_titles_are_plain_text(fruit_site) -> None:
    for name, data in fruit_site.items():
        if name.endswith(".html") and name != "map.html":
            title = re.search(r"<title>(.*?)</title>", data.decode(), re.S).group(1)
            assert "<" not in title and title.strip(), (name, title)


def test_search_separators_table_is_the_unicode_database() -> None:
    import unicodedata

    from revops_graph.render.site.search_index import _separators

    # the table stands for a scan of Unicode 14.0.0 (Python 3.11); any other version is scanned
    scanned = _separators("a version without a table")
    if unicodedata.unidata_version == "14.0.0":
        assert _separators() == scanned
    assert _separators() == _separators(unicodedata.unidata_version)
    assert re.fullmatch(scanned, "\u3001\u00a0,_") and not re.search(scanned, "a1\u00e9+")


@pytest.mark.parametrize("data", [FRUIT, None])
def test_the_page_models_index_answers_as_the_graph(data, glossary) -> None:
    from rdflib import Literal

    from revops_graph.render.site.terms import SiteVocabulary

    vocabulary = SiteVocabulary(load_glossary(data) if data is not None else glossary)
    graph = vocabulary.graph
    nodes = {n for triple in graph for n in triple}
    # the index answers in Oxigraph's terms, predicates as text; no page asks for a literal's subjects
    for node in nodes:
        assert Counter(vocabulary.predicate_objects(node)) == Counter(
            (str(p), to_oxigraph(o)) for p, o in graph.predicate_objects(node))
        assert isinstance(node, Literal) or Counter(vocabulary.subject_predicates(node)) == Counter(
            (to_oxigraph(s), str(p)) for s, p in graph.subject_predicates(node))
    for s, p, o in graph:
        assert Counter(vocabulary.objects(s, p)) == Counter(map(to_oxigraph, graph.objects(s, p)))
        assert isinstance(o, Literal) or Counter(vocabulary.subjects(p, o)) == Counter(map(to_oxigraph, graph.subjects(p, o)))


_XSD = "http://www.w3.org/2001/XMLSchema#"
_TEXTS = ["0", "01", "-0", "+12", "-007", "12.", ".5", "1.50", "-0.0", "1e3", "+1.5E-2", "INF", "-INF", "NaN", "inf",
          "true", "FALSE", "1", "yes", " 12", "1_000", "\u0661\u0662", "", "2020-01-01", "2020-02-30", "2020-01-01Z",
          "-2020-01-01", "9" * 5000, "12:00:00", "2020-01-01T00:00:00Z", "P1D", "0A", "aGk=", "a  b\tc"]


def test_literals_are_shown_in_rdflibs_canonical_text() -> None:
    import logging
    import warnings

    import pyoxigraph as ox
    from rdflib.term import XSDToPython

    from revops_graph.io.convert import from_oxigraph, rdflib_lexical

    datatypes = {str(t) for t in XSDToPython if t is not None} | {_XSD + "gYear", "http://example.org/unit"}
    with warnings.catch_warnings():  # rdflib warns of the ill-typed ones
        warnings.simplefilter("ignore")
        logging.disable(logging.WARNING)
        try:
            for datatype in sorted(datatypes):
                for text in _TEXTS:
                    literal = ox.Literal(text, datatype=ox.NamedNode(datatype))
                    assert rdflib_lexical(literal) == str(from_oxigraph(literal)), (datatype, text)
        finally:
            logging.disable(logging.NOTSET)
    # the usual ones without rdflib, in a process that has not loaded it
    probe = ("import sys, pyoxigraph as ox\nfrom revops_graph.io.convert import rdflib_lexical\n"
             f"X = {_XSD!r}\n"
             "got = [rdflib_lexical(ox.Literal(t, datatype=ox.NamedNode(X + d))) for t, d in "
             "[('01', 'integer'), ('1', 'boolean'), ('1.50', 'decimal'), ('1e3', 'double'), ('2020-01-01', 'date'),"
             " ('x', 'anyURI')]]\nprint(got, 'rdflib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['1', 'true', '1.50', '1000.0', '2020-01-01', 'x'] False"


def test_rows_of_terms_sort_as_rdflib_sorts_them() -> None:
    import pyoxigraph as ox

    from revops_graph.io.convert import from_oxigraph, rows_in_rdflib_order

    a, b, blank = ox.NamedNode(EX + "a"), ox.NamedNode(EX + "b"), ox.BlankNode("a")
    strings = [ox.Literal("b"), ox.Literal("a", language="en"), ox.Literal("a"), ox.Literal("B", language="de")]
    numbers = [ox.Literal(t, datatype=ox.NamedNode(_XSD + "integer")) for t in ("10", "9", "010")]
    for objects in (strings, strings + numbers):
        rows = [(s, o) for s in (b, blank, a) for o in [b, blank, *objects]]
        assert rows_in_rdflib_order(rows) == sorted(rows, key=lambda row: tuple(map(from_oxigraph, row)))


def test_a_glossary_read_as_an_rdflib_graph_gets_the_same_site_and_its_changes(fruit_site) -> None:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS, SKOS

    glossary = load_glossary([FRUIT])
    graph = glossary.graph  # a Python caller's: the site reads it, not the store
    assert dict(build_site(glossary)) == fruit_site
    graph.add((URIRef(EX + "apple"), SKOS.altLabel, Literal("Holzapfel", lang="de")))
    graph.add((URIRef(EX + "growsOn"), RDFS.comment, Literal("Added in Python.")))
    site = dict(build_site(glossary))
    assert "Holzapfel" in _page(site, EX + "apple") and "Holzapfel" not in _page(fruit_site, EX + "apple")
    assert "Added in Python." in _page(site, EX + "growsOn")
