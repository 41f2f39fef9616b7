"""Property tests: any label or definition survives export -> re-import, and shows as text in the map.

Labels are drawn from all of Unicode except surrogates (quotes, ``<``, ``&``, newlines,
right-to-left text, control characters). RDF/XML cannot hold the C0 controls other than
tab, newline and carriage return, nor U+FFFE/U+FFFF (XML 1.0), so that format draws from
Unicode without them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SKOS

from revops_graph.render import page as render
from revops_graph.export.formats import serialize
from revops_graph.io.loader import load_files
from revops_graph.model import Glossary
from revops_graph.namespaces import REVOPS, bind_prefixes

SUFFIX = {"turtle": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "xml": ".rdf"}
HOSTILE = [
    '</script><script>alert("x")</script>',
    "<!-- & &amp; ]]> \"'`",
    "Umsatz\u202eevil\u202c \u05e2\u05d1\u05e8\u05d9\u05ea \u0627\u0644\u0639\u0631\u0628\u064a\u0629",
    'line one\nline "two"\r\n\ttab \\ backslash """',
]

_NO_SURROGATES = st.characters(exclude_categories=("Cs",))
_XML_CHARS = st.characters(
    exclude_categories=("Cs",),
    exclude_characters=[chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)] + ["\ufffe", "\uffff"],
)


def _texts(chars: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    # A label must carry a visible character; leading/trailing space is kept as data.
    return st.text(chars, min_size=1, max_size=60).filter(lambda s: s.strip() != "")


def _glossary(label: str, definition: str) -> Glossary:
    graph = Graph()
    concept = REVOPS["Hostile"]
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.prefLabel, Literal(label, lang="en")))
    graph.add((concept, SKOS.definition, Literal(definition, lang="en")))
    return Glossary(bind_prefixes(graph))


def _round_trip(fmt: str, label: str, definition: str, tmp: Path) -> None:
    path = tmp / f"glossary{SUFFIX[fmt]}"
    path.write_bytes(serialize(_glossary(label, definition), fmt))
    again = Glossary(load_files([path]))
    (concept,) = again.concepts()
    assert concept.label("en") == label
    assert concept.definition("en") == definition


_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld"])
@_SETTINGS
@given(label=_texts(_NO_SURROGATES), definition=_texts(_NO_SURROGATES))
def test_text_survives_export_and_reimport(fmt: str, label: str, definition: str, tmp_path: Path) -> None:
    for known in HOSTILE:
        _round_trip(fmt, known, known, tmp_path)
    _round_trip(fmt, label, definition, tmp_path)


@_SETTINGS
@given(label=_texts(_XML_CHARS), definition=_texts(_XML_CHARS))
@example(label=HOSTILE[0], definition=HOSTILE[3])
@example(label=HOSTILE[2], definition=HOSTILE[1])
def test_text_survives_rdfxml_export_and_reimport(label: str, definition: str, tmp_path: Path) -> None:
    _round_trip("xml", label, definition, tmp_path)


def _markup(html: str) -> dict[str, int]:
    """How often each piece of active markup occurs in a page, the inlined libraries aside."""
    for library in ("graphology", "sigma"):
        html = html.replace(render._asset(library), "")
    page = html.lower()
    return {token: page.count(token) for token in ("<script", "</script", "<!--", "<img", "<iframe", "onerror=", "<b ")}


_PLAIN_MARKUP = _markup(render.render_map(_glossary("plain", "d")))


@settings(max_examples=80, deadline=None)
@given(label=_texts(_NO_SURROGATES))
@example(label=HOSTILE[0])
@example(label=HOSTILE[1])
@example(label=HOSTILE[2])
def test_label_is_text_in_the_map(label: str) -> None:
    page = render.render_map(_glossary(label, "d"))
    # The page's own markup is unchanged by the label: it adds no element, comment or handler ...
    assert _markup(page) == _PLAIN_MARKUP
    data = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.DOTALL)
    assert data is not None
    # ... nothing inside the data block can close it or open markup ...
    assert not set(data.group(1)) & set("<>&")
    # ... and the browser's JSON decoding gives back the exact label.
    (node,) = json.loads(data.group(1))["nodes"]
    assert node["label"]["en"] == label
