"""The site's languages: which the data has, their names, and the page words in each.

:func:`site_languages` is the one place that decides the data's languages, so that it can
be swapped for the model's own language handling later.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ... import _rdflib as rdfl
from ...model.triples import TripleView
from ...namespaces import PREFIXES, SKOS_IRI

if TYPE_CHECKING:
    from rdflib import Graph

_LABELS = (SKOS_IRI + "prefLabel", PREFIXES["rdfs"] + "label")

__all__ = ["WORDS", "language_name", "pick", "site_languages"]


def site_languages(graph: Graph | TripleView) -> tuple[str, ...]:
    """The language tags of the ``skos:prefLabel`` and ``rdfs:label`` literals, sorted.

    Tags are lower-cased (BCP 47 tags compare case-insensitively); untagged labels add
    no language.
    """
    found: set[str] = set()
    for prop in _LABELS:
        if isinstance(graph, TripleView):  # the tags read from the store's terms, none converted
            found.update(q.object.language for q in graph.quads((None, ox.NamedNode(prop), None))  # type: ignore[arg-type]
                         if isinstance(q.object, ox.Literal) and q.object.language)
            continue
        for label in graph.objects(None, rdfl.URIRef(prop)):  # an rdflib graph: rdflib is loaded
            if isinstance(label, rdfl.Literal) and label.language:
                found.add(label.language.lower())
    return tuple(sorted(found))


def default_language(languages: Iterable[str], wanted: str | None = None) -> str:
    """``wanted`` when given, else English when the data has it, else the first language."""
    languages = tuple(languages)
    if wanted:
        return wanted.lower()
    if "en" in languages or not languages:
        return "en"
    return languages[0]


def pick(values: dict[str, tuple[str, ...]], lang: str, fallback: str) -> tuple[str, str]:
    """The first value in ``lang`` (or its base language, then English, untagged, any), with
    the tag it really has; ``(fallback, "")`` when there is none."""
    base = lang.split("-")[0]
    for tag in (lang, base, "en", ""):
        if values.get(tag):
            return values[tag][0], tag
    for tag in sorted(values):
        if values[tag]:
            return values[tag][0], tag
    return fallback, ""


_NAMES = {
    "ar": "العربية", "cs": "Čeština", "da": "Dansk", "de": "Deutsch", "el": "Ελληνικά", "en": "English",
    "es": "Español", "fi": "Suomi", "fr": "Français", "hu": "Magyar", "it": "Italiano", "ja": "日本語",
    "ko": "한국어", "nl": "Nederlands", "no": "Norsk", "pl": "Polski", "pt": "Português", "ru": "Русский",
    "sv": "Svenska", "tr": "Türkçe", "uk": "Українська", "zh": "中文",
}


def language_name(tag: str) -> str:
    """The language's own name for itself (``de`` -> ``Deutsch``), else the tag."""
    return _NAMES.get(tag) or _NAMES.get(tag.split("-")[0], tag) + ("" if "-" not in tag else f" ({tag})")


#: Page words, English and German; other languages show the English words (tagged ``en``).
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "skip": "Skip to content", "home": "Overview", "map": "Concept map", "sparql": "SPARQL",
        "language": "Language", "search": "Search", "searchLabel": "Search the labels of every language",
        "noResults": "No term matches.", "found": "found", "narrower": "narrower", "metadata": "About this vocabulary", "counts": "In numbers",
        "hierarchy": "Hierarchy", "az": "A–Z", "concepts": "Concepts", "classes": "Classes",
        "properties": "Properties", "relations": "Relations", "languages": "Languages", "triples": "Triples",
        "concept": "Concept", "class": "Class", "property": "Property", "iri": "IRI", "labels": "Labels",
        "preferred": "Preferred", "alternative": "Alternative", "definition": "Definition",
        "notation": "Notation", "kind": "Kind", "outgoing": "Relations from this term",
        "incoming": "Relations to this term", "notes": "Notes", "gaps": "Known gaps", "sources": "Sources",
        "line": "line", "neighbourhood": "Neighbourhood", "openMap": "Open on the concept map",
        "download": "Description", "domain": "Domain", "range": "Range", "inverse": "Inverse",
        "superclasses": "Broader classes", "subclasses": "Narrower classes", "instances": "Instances",
        "usedIn": "Where it is used", "more": "more", "version": "Version", "license": "Licence",
        "creator": "Creator", "publisher": "Publisher", "created": "Created", "modified": "Modified",
        "issued": "Issued", "source": "Source", "description": "Description", "title": "Title",
        "query": "Query", "examples": "Example queries", "run": "Run", "results": "Answer",
        "loading": "Loading the query engine…", "ready": "Ready.", "rows": "rows", "readOnly":
        "Read-only: queries run on a copy of the vocabulary in this page; SERVICE is refused.",
        "termPage": "Term page", "language-tag": "Language", "none": "none", "showMap": "Show as a map",
        "noDefinition": "No definition.", "back": "Back to the overview",
    },
    "de": {
        "skip": "Zum Inhalt springen", "home": "Übersicht", "map": "Begriffskarte", "sparql": "SPARQL",
        "language": "Sprache", "search": "Suche", "searchLabel": "Die Bezeichnungen aller Sprachen durchsuchen",
        "noResults": "Kein Begriff passt.", "found": "gefunden", "narrower": "Unterbegriffe", "metadata": "Über dieses Vokabular", "counts": "In Zahlen",
        "hierarchy": "Hierarchie", "az": "A–Z", "concepts": "Begriffe", "classes": "Klassen",
        "properties": "Eigenschaften", "relations": "Beziehungen", "languages": "Sprachen", "triples": "Tripel",
        "concept": "Begriff", "class": "Klasse", "property": "Eigenschaft", "iri": "IRI", "labels": "Bezeichnungen",
        "preferred": "Vorzugsbezeichnung", "alternative": "Alternativen", "definition": "Definition",
        "notation": "Notation", "kind": "Art", "outgoing": "Beziehungen von diesem Begriff",
        "incoming": "Beziehungen zu diesem Begriff", "notes": "Anmerkungen", "gaps": "Bekannte Lücken",
        "sources": "Quellen", "line": "Zeile", "neighbourhood": "Umgebung", "openMap": "Auf der Begriffskarte öffnen",
        "download": "Beschreibung", "domain": "Definitionsbereich", "range": "Wertebereich", "inverse": "Umkehrung",
        "superclasses": "Oberklassen", "subclasses": "Unterklassen", "instances": "Instanzen",
        "usedIn": "Wo sie vorkommt", "more": "weitere", "version": "Version", "license": "Lizenz",
        "creator": "Urheber", "publisher": "Herausgeber", "created": "Erstellt", "modified": "Geändert",
        "issued": "Veröffentlicht", "source": "Quelle", "description": "Beschreibung", "title": "Titel",
        "query": "Abfrage", "examples": "Beispielabfragen", "run": "Ausführen", "results": "Antwort",
        "loading": "Die Abfrage-Engine wird geladen…", "ready": "Bereit.", "rows": "Zeilen", "readOnly":
        "Nur lesend: Abfragen laufen auf einer Kopie des Vokabulars in dieser Seite; SERVICE wird abgelehnt.",
        "termPage": "Begriffsseite", "language-tag": "Sprache", "none": "keine", "showMap": "Als Karte zeigen",
        "noDefinition": "Keine Definition.", "back": "Zurück zur Übersicht",
    },
}
