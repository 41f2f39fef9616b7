"""The map's model: which terms and relations a concept map shows, with their texts in every language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..errors import RevopsGraphError
from ..model import Glossary
from ..model.labels import LABEL_IRIS, local_name, pick
from ..model.relations import NOT_RELATION_KEYS, int_value
from ..model.triples import TripleView
from ..namespaces import ROG_IRI, SKOS_IRI as _SKOS
from .map_values import (
    Values, first_types, iris, named_node, objects, relation_triples, statement_index, subject_iris, texts, texts_all,
    values_index, values_of,
)

if TYPE_CHECKING:
    from rdflib import URIRef

    HIERARCHY_PREDICATES: frozenset[URIRef]  # made on first use by the module's __getattr__ (below)

__all__ = [
    "HIERARCHY_KEYS",
    "HIERARCHY_PREDICATES",
    "MAX_NODES",
    "MapEdge",
    "MapModel",
    "MapNode",
    "MapTooLarge",
    "map_model",
    "text_in",
]


#: Past this many concepts the command warns (and suggests ``--focus``) but still draws the map.
MAX_NODES = 20_000


#: The languages the page's own words (legend, buttons, panel) are written in.
UI_LANGS = ("de", "en")


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_TYPE, _SUBCLASS_OF, _CONCEPT, _RESOURCE = _RDF + "type", _RDFS + "subClassOf", _SKOS + "Concept", _RDFS + "Resource"

#: :data:`HIERARCHY_PREDICATES` as IRI text: relations drawn solid and thick, hierarchy and
#: part-of (either direction).
HIERARCHY_KEYS = frozenset({
    _SKOS + "broader", _SKOS + "narrower", _SKOS + "broaderTransitive", _SKOS + "narrowerTransitive", _SUBCLASS_OF,
    *(ROG_IRI + name for name in ("comprises", "isComprisedBy", "includes", "isIncludedIn", "hasStage", "isStageOf")),
})


def __getattr__(name: str) -> object:
    if name == "HIERARCHY_PREDICATES":  # rdflib terms, for Python callers (rdflib imported then)
        value = globals()[name] = frozenset(rdfl.URIRef(iri) for iri in HIERARCHY_KEYS)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Labels for standard terms that vocabularies rarely label themselves.
_STANDARD_LABELS: dict[str, dict[str, str]] = {
    _CONCEPT: {"de": "Begriff", "en": "Concept"},
    _SKOS + "broader": {"de": "Oberbegriff", "en": "broader"},
    _SKOS + "narrower": {"de": "Unterbegriff", "en": "narrower"},
    _SKOS + "related": {"de": "verwandt mit", "en": "related"},
    _SUBCLASS_OF: {"de": "Unterklasse von", "en": "subclass of"},
    _OWL + "Class": {"de": "Klasse", "en": "Class"},
    _RESOURCE: {"de": "Ressource", "en": "Resource"},
}


# Namespaces whose classes are the modelling language itself, not the user's ontology.
_BUILTIN = (_RDF, _RDFS, _OWL, "http://www.w3.org/2001/XMLSchema#")


class MapTooLarge(RevopsGraphError):
    """The map would hold more concepts than anyone can read; show a part instead."""


Texts = dict[str, str]  # language tag ("" untagged) -> text, only the languages the data has


def text_in(texts: Texts, lang: str, fallback: str = "") -> str:
    """The text in ``lang``, else its primary language (``en`` for ``en-gb``), else untagged,
    else English, else any: the one rule the page (concept-map.js ``pick``) follows too."""
    primary = lang.split("-")[0]
    for key in (lang, primary, "", "en"):
        if key in texts:
            return texts[key]
    return next(iter(sorted(texts.items())), ("", fallback))[1]


@dataclass(frozen=True)
class MapNode:
    """A concept (or class) on the map."""

    iri: str
    kind: str
    label: Texts
    alt: dict[str, tuple[str, ...]]
    definition: Texts
    sources: tuple[str, ...]  # IRIs of source sentences
    href: str | None = None  # where a click on the node may lead (the site's page of the term)
    #: ``skos:hiddenLabel`` (misspellings, old names): found by the search, never shown
    hidden: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class MapEdge:
    """A directed relation between two nodes on the map."""

    source: str
    predicate: str
    target: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class MapModel:
    """Everything the page shows, language-independent and sorted (so bytes are stable)."""

    title: Texts
    nodes: dict[str, MapNode]
    edges: tuple[MapEdge, ...]
    kinds: dict[str, Texts]
    relations: dict[str, Texts]
    sentences: dict[str, tuple[int | None, Texts]] = field(default_factory=dict)
    #: every language tag of the mapped labels, sorted: the page offers each
    languages: tuple[str, ...] = ("de", "en")
    #: kind IRI -> its place in the palette, from the whole vocabulary's kinds, so that a
    #: kind keeps its colour and shape in every part of the map and on every page
    styles: dict[str, int] = field(default_factory=dict)
    #: the concept a map of a neighbourhood is centred on (``--focus``), marked on the page
    focus: str | None = None

    def restrict(self, keep: Iterable[str], edges: Iterable[MapEdge] | None = None) -> MapModel:
        """The same model with only the nodes in ``keep`` (and the edges among them)."""
        keep = set(keep)
        chosen = self.edges if edges is None else tuple(edges)
        return replace(
            self,
            nodes={iri: node for iri, node in self.nodes.items() if iri in keep},
            edges=tuple(e for e in chosen if e.source in keep and e.target in keep),
        )


def _term_label(glossary: Glossary, iri: str, languages: Iterable[str]) -> Texts:
    """A kind's or relation's label in every page language (the page's words need them all)."""
    label = {lang: glossary.label(iri, lang) for lang in (*UI_LANGS, *languages)}
    local = local_name(iri)
    if iri in _STANDARD_LABELS and all(value == local for value in label.values()):
        return {lang: pick(_STANDARD_LABELS[iri], lang) for lang in label}
    return label


def _labels(values: dict[str, str], local_name: str) -> Texts:
    """The labels the data has; with none, the IRI's local name (untagged)."""
    return values or {"": local_name}


_DEFINITION, _COMMENT, _ALT_LABEL, _HIDDEN_LABEL, _SOURCE = (
    _SKOS + "definition", _RDFS + "comment", _SKOS + "altLabel", _SKOS + "hiddenLabel", "http://purl.org/dc/terms/source")
_NODE_PREDICATES = (*LABEL_IRIS, _DEFINITION, _COMMENT, _ALT_LABEL, _HIDDEN_LABEL, _SOURCE)


def _first_labels(values: Values, iri: str) -> dict[str, str]:
    """The labels of the first of the model's label properties that has any (as ``Glossary.label``)."""
    return next((found for prop in LABEL_IRIS if (found := texts(values(iri, prop)))), {})


def _node(iri: str, kind: str, values: Values) -> MapNode:
    labels = _first_labels(values, iri)
    definitions = texts(values(iri, _DEFINITION)) or texts(values(iri, _COMMENT))
    alt = texts_all(values(iri, _ALT_LABEL))
    hidden = texts_all(values(iri, _HIDDEN_LABEL))
    return MapNode(
        iri=iri,
        kind=kind,
        label=_labels(labels, local_name(iri)),
        alt={lang: values for lang, values in alt.items() if values},
        hidden=hidden,
        definition=definitions,
        sources=tuple(sorted(iris(values(iri, _SOURCE)))),
    )


Model = tuple[dict[str, MapNode], list[MapEdge], set[str]]  # nodes, edges, the kinds drawn


def _skos_model(glossary: Glossary, view: TripleView) -> Model:
    nodes: dict[str, MapNode] = {}
    names = list(glossary.concept_keys)
    values = values_index(view, names, _NODE_PREDICATES)
    # a class is coloured by its top-level class, a concept by its kind
    roots = _class_roots(view, set(glossary.terms.classes))
    kind_of = first_types(view, names, glossary.kind_keys)
    for iri in names:
        nodes[iri] = _node(iri, roots.get(iri) or kind_of.get(iri, _CONCEPT), values)
    kinds = {n.kind for n in nodes.values()}
    edges = list(_edges_among(view, names, whole_graph=True))
    # an ontology's properties link the classes they join, domain to range
    edges.extend(MapEdge(s, p, o) for s, p, o in glossary.property_link_keys if s in nodes)
    return nodes, edges, kinds


def _iri_objects(view: TripleView, subject: str, predicate: str) -> Iterator[str]:
    return (o.value for o in objects(view, subject, predicate) if type(o) is ox.NamedNode)


def _class_roots(view: TripleView, classes: set[str]) -> dict[str, str]:
    """Each class's top-level class (its first superclass chain, followed to the end)."""
    parents = {c: sorted(p for p in _iri_objects(view, c, _SUBCLASS_OF) if p in classes and p != c) for c in classes}

    def root(cls: str) -> str:
        seen = {cls}
        while parents[cls] and parents[cls][0] not in seen:
            cls = parents[cls][0]
            seen.add(cls)
        return cls

    return {c: root(c) for c in classes}


def _edges_among(view: TripleView, iris: Iterable[str], whole_graph: bool = False) -> Iterable[MapEdge]:
    """Relations among ``iris``; with ``whole_graph`` (most of the graph's subjects) in one pass."""
    members = set(iris)
    statements = statement_index(view)
    if whole_graph:
        triples: Iterable[tuple[str, str, str]] = relation_triples(view, members, NOT_RELATION_KEYS)
    else:
        triples = ((s, q.predicate.value, q.object.value) for s in members if (node := named_node(s)) is not None
                   for q in view.quads((node, None, None))
                   if type(q.object) is ox.NamedNode and q.predicate.value not in NOT_RELATION_KEYS
                   and q.object.value != s)
    for s, p, o in triples:
        if s in members and o in members:
            said = statements.get((s, p, o))
            yield MapEdge(s, p, o, tuple(sorted(set(said))) if said else ())


def _owl_model(view: TripleView) -> Model:
    """Classes, subClassOf and domain->range object properties of an OWL/RDFS ontology."""
    classes: set[str] = set()
    for cls in (_OWL + "Class", _RDFS + "Class"):
        classes.update(subject_iris(view, _TYPE, ox.NamedNode(cls)))
    for quad in view.quads((None, ox.NamedNode(_SUBCLASS_OF), None)):  # type: ignore[arg-type]
        classes.update(c.value for c in (quad.subject, quad.object) if type(c) is ox.NamedNode)
    classes = {c for c in classes if not c.startswith(_BUILTIN)}
    roots = _class_roots(view, classes)
    values = values_index(view, classes, _NODE_PREDICATES)
    nodes = {c: _node(c, roots[c], values) for c in sorted(classes)}
    edges = [MapEdge(c, _SUBCLASS_OF, p) for c in classes
             for p in _iri_objects(view, c, _SUBCLASS_OF) if p in classes and p != c]
    properties = set(subject_iris(view, _TYPE, ox.NamedNode(_OWL + "ObjectProperty")))
    for prop in sorted(properties):
        domains = sorted(d for d in _iri_objects(view, prop, _RDFS + "domain") if d in classes)
        ranges = sorted(r for r in _iri_objects(view, prop, _RDFS + "range") if r in classes)
        edges.extend(MapEdge(d, prop, r) for d in domains for r in ranges)
    return nodes, edges, {n.kind for n in nodes.values()}


def _any_model(glossary: Glossary, view: TripleView, iris: Iterable[str],
               triples: Iterable[tuple[str, str, str]] | None) -> Model:
    """Nodes for arbitrary IRIs (a query's answer), kinds from the glossary where known."""
    kind_keys = glossary.kind_keys
    nodes: dict[str, MapNode] = {}
    kinds: set[str] = set()
    values = values_of(view)
    for iri in sorted(set(iris)):
        types = sorted(_iri_objects(view, iri, _TYPE))
        kind = min((t for t in types if t in kind_keys), default=None) or (
            _CONCEPT if _CONCEPT in types else (types[0] if types else _RESOURCE)
        )
        kinds.add(kind)
        nodes[iri] = _node(iri, kind, values)
    if triples is None:
        edges = list(_edges_among(view, nodes))
    else:
        statements = statement_index(view)
        edges = [MapEdge(s, p, o, tuple(sorted(set(statements.get((s, p, o), ())))))
                 for s, p, o in triples if s in nodes and o in nodes and s != o]
    return nodes, edges, kinds


def map_model(
    glossary: Glossary,
    iris: Iterable[URIRef | str] | None = None,
    triples: Iterable[tuple[URIRef | str, URIRef | str, URIRef | str]] | None = None,
) -> MapModel:
    """What the map of ``glossary`` shows: SKOS concepts, else OWL/RDFS classes.

    With ``iris`` the map shows those resources instead (and the relations among them, or
    exactly ``triples`` when given): that is how a query's answer is mapped. IRIs are given
    as text or as rdflib terms; the graph is read from the glossary's Oxigraph store.
    """
    view = TripleView(glossary.store)
    if iris is not None:
        given = None if triples is None else [(str(s), str(p), str(o)) for s, p, o in triples]
        nodes, edges, kinds = _any_model(glossary, view, map(str, iris), given)
    elif glossary.concept_keys:
        nodes, edges, kinds = _skos_model(glossary, view)
    else:
        nodes, edges, kinds = _owl_model(view)
    edges = sorted(set(edges), key=lambda e: (e.source, e.predicate, e.target))
    sentence_iris = sorted({s for n in nodes.values() for s in n.sources} | {s for e in edges for s in e.sources})
    sentences: dict[str, tuple[int | None, Texts]] = {}
    said_in = values_of(view)
    for iri in sentence_iris:
        said = texts(said_in(iri, ROG_IRI + "text"))
        if said:
            line = next(objects(view, iri, ROG_IRI + "line"), None)
            sentences[iri] = (int_value(line) if type(line) is ox.Literal else None, said)
    # a dcterms:source without text (a web page, a book) is not a sentence to quote
    def quoted(sources: tuple[str, ...]) -> tuple[str, ...]:
        return sources if all(s in sentences for s in sources) else tuple(s for s in sources if s in sentences)

    # (a copy only where a source is dropped: 100,000 dataclass copies cost seconds)
    nodes = {iri: n if quoted(n.sources) is n.sources else replace(n, sources=quoted(n.sources))
             for iri, n in sorted(nodes.items())}
    edges = [e if quoted(e.sources) is e.sources else replace(e, sources=quoted(e.sources)) for e in edges]
    schemes = sorted(subject_iris(view, _TYPE, ox.NamedNode(_SKOS + "ConceptScheme")))
    ontologies = sorted(subject_iris(view, _TYPE, ox.NamedNode(_OWL + "Ontology")))
    titled = schemes if len(schemes) == 1 else ontologies if len(ontologies) == 1 else []
    languages = tuple(sorted({lang for n in nodes.values() for lang in n.label if lang} | set(UI_LANGS)))
    title = {"de": "Begriffskarte", "en": "Concept map"}
    if titled:
        named = _first_labels(said_in, titled[0])
        if named:
            title = named
    return MapModel(
        title=title,
        nodes=nodes,
        edges=tuple(edges),
        kinds={k: _term_label(glossary, k, languages) for k in sorted(kinds)},
        relations={
            p: _term_label(glossary, p, languages)
            for p in sorted({e.predicate for e in edges}, key=lambda p: (p not in HIERARCHY_KEYS, p))
        },
        sentences=sentences,
        languages=languages,
        styles=_styles(glossary, kinds, owl=iris is None and not glossary.concept_keys),
    )


def _styles(glossary: Glossary, drawn: set[str], *, owl: bool) -> dict[str, int]:
    """Palette places for the kinds of the whole vocabulary, whatever part is drawn.

    SKOS: every kind class the vocabulary declares (and ``skos:Concept``) in IRI order; OWL:
    the top-level classes, which are all drawn since a part is cut only after this. Kinds
    only a query's answer brings (a type outside the vocabulary) come after them.
    """
    known = set(drawn) if owl else set(glossary.kind_keys) | {_CONCEPT}
    order = sorted(known) + sorted(set(drawn) - known)
    return {k: i for i, k in enumerate(order)}
