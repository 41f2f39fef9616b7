"""The map's model: which terms and relations a concept map shows, with their texts in every language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from ..errors import RevopsGraphError
from ..model import Glossary
from ..model.glossary import NOT_RELATIONS
from ..model.labels import LABEL_PROPERTIES, by_lang, local_name, pick
from ..model.triples import TripleView
from ..namespaces import ROG
from .map_values import Values, first_types, iris, relation_triples, statement_index, texts, texts_all, values_index, values_of

__all__ = [
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


#: Relations drawn solid and thick: hierarchy and part-of (either direction).
HIERARCHY_PREDICATES = frozenset({
    SKOS.broader, SKOS.narrower, SKOS.broaderTransitive, SKOS.narrowerTransitive, RDFS.subClassOf,
    ROG.comprises, ROG.isComprisedBy, ROG.includes, ROG.isIncludedIn, ROG.hasStage, ROG.isStageOf,
})


# Labels for standard terms that vocabularies rarely label themselves.
_STANDARD_LABELS: dict[URIRef, dict[str, str]] = {
    SKOS.Concept: {"de": "Begriff", "en": "Concept"},
    SKOS.broader: {"de": "Oberbegriff", "en": "broader"},
    SKOS.narrower: {"de": "Unterbegriff", "en": "narrower"},
    SKOS.related: {"de": "verwandt mit", "en": "related"},
    RDFS.subClassOf: {"de": "Unterklasse von", "en": "subclass of"},
    OWL.Class: {"de": "Klasse", "en": "Class"},
    RDFS.Resource: {"de": "Ressource", "en": "Resource"},
}


# Namespaces whose classes are the modelling language itself, not the user's ontology.
_BUILTIN = (str(RDF), str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#")


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


def _term_label(glossary: Glossary, iri: URIRef, languages: Iterable[str]) -> Texts:
    """A kind's or relation's label in every page language (the page's words need them all)."""
    label = {lang: glossary.label(iri, lang) for lang in (*UI_LANGS, *languages)}
    local = local_name(str(iri))
    if iri in _STANDARD_LABELS and all(value == local for value in label.values()):
        return {lang: pick(_STANDARD_LABELS[iri], lang) for lang in label}
    return label


def _labels(values: dict[str, str], local_name: str) -> Texts:
    """The labels the data has; with none, the IRI's local name (untagged)."""
    return values or {"": local_name}


_DEFINITION, _COMMENT, _ALT_LABEL, _HIDDEN_LABEL, _SOURCE = (  # (a namespace's attribute is a slow lookup)
    SKOS.definition, RDFS.comment, SKOS.altLabel, SKOS.hiddenLabel, DCTERMS.source)
_NODE_PREDICATES = (*LABEL_PROPERTIES, _DEFINITION, _COMMENT, _ALT_LABEL, _HIDDEN_LABEL, _SOURCE)


def _first_labels(values: Values, iri: str) -> dict[str, str]:
    """The labels of the first of the model's label properties that has any (as ``Glossary.label``)."""
    return next((found for prop in LABEL_PROPERTIES if (found := texts(values(iri, prop)))), {})


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


def _skos_model(glossary: Glossary) -> tuple[dict[str, MapNode], list[MapEdge], set[URIRef]]:
    graph = glossary.view
    nodes: dict[str, MapNode] = {}
    names = [str(iri) for iri in glossary.concept_iris]
    values = values_index(graph, names, _NODE_PREDICATES)
    # a class is coloured by its top-level class, a concept by its kind
    roots = {str(c): str(r) for c, r in _class_roots(graph, {URIRef(c) for c in glossary.terms.classes}).items()}
    kind_of = first_types(graph, names, glossary.kind_classes)
    concept = str(SKOS.Concept)
    for iri in names:
        nodes[iri] = _node(iri, roots.get(iri) or kind_of.get(iri, concept), values)
    kinds = {URIRef(k) for k in {n.kind for n in nodes.values()}}
    edges = list(_edges_among(graph, names, whole_graph=True))
    # an ontology's properties link the classes they join, domain to range
    edges.extend(MapEdge(str(s), str(p), str(o)) for s, p, o in glossary.property_links if str(s) in nodes)
    return nodes, edges, kinds


def _class_roots(graph: Graph | TripleView, classes: set[URIRef]) -> dict[URIRef, URIRef]:
    """Each class's top-level class (its first superclass chain, followed to the end)."""
    parents = {c: sorted(p for p in graph.objects(c, RDFS.subClassOf) if p in classes and p != c) for c in classes}

    def root(cls: URIRef) -> URIRef:
        seen = {cls}
        while parents[cls] and parents[cls][0] not in seen:
            cls = parents[cls][0]
            seen.add(cls)
        return cls

    return {c: root(c) for c in classes}


def _edges_among(graph: Graph | TripleView, iris: Iterable[str], whole_graph: bool = False) -> Iterable[MapEdge]:
    """Relations among ``iris``; with ``whole_graph`` (most of the graph's subjects) in one pass."""
    members = set(iris)
    statements = statement_index(graph)
    if whole_graph and isinstance(graph, TripleView):
        triples: Iterable[tuple[str, str, str]] = relation_triples(graph, members, NOT_RELATIONS)
    else:
        found = graph if whole_graph else (
            (s, p, o) for s in map(URIRef, members) for p, o in graph.predicate_objects(s))
        triples = ((str(s), str(p), str(o)) for s, p, o in found
                   if isinstance(s, URIRef) and isinstance(o, URIRef) and isinstance(p, URIRef)
                   and p not in NOT_RELATIONS and o != s)
    for s, p, o in triples:
        if s in members and o in members:
            said = statements.get((s, p, o))
            yield MapEdge(s, p, o, tuple(sorted(set(said))) if said else ())


def _owl_model(glossary: Glossary) -> tuple[dict[str, MapNode], list[MapEdge], set[URIRef]]:
    """Classes, subClassOf and domain->range object properties of an OWL/RDFS ontology."""
    graph = glossary.view
    classes: set[URIRef] = set()
    for cls in (OWL.Class, RDFS.Class):
        classes.update(c for c in graph.subjects(RDF.type, cls) if isinstance(c, URIRef))
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        classes.update(c for c in (sub, sup) if isinstance(c, URIRef))
    classes = {c for c in classes if not str(c).startswith(_BUILTIN)}
    roots = _class_roots(graph, classes)
    values = values_index(graph, {str(c) for c in classes}, _NODE_PREDICATES)
    nodes = {str(c): _node(str(c), str(roots[c]), values) for c in sorted(classes)}
    edges = [MapEdge(str(c), str(RDFS.subClassOf), str(p)) for c in classes
             for p in graph.objects(c, RDFS.subClassOf) if p in classes and p != c]
    properties = {p for p in graph.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}
    for prop in sorted(properties):
        domains = sorted(d for d in graph.objects(prop, RDFS.domain) if d in classes)
        ranges = sorted(r for r in graph.objects(prop, RDFS.range) if r in classes)
        edges.extend(MapEdge(str(d), str(prop), str(r)) for d in domains for r in ranges)
    return nodes, edges, {URIRef(n.kind) for n in nodes.values()}


def _any_model(
    glossary: Glossary, iris: Iterable[URIRef], triples: Iterable[tuple[URIRef, URIRef, URIRef]] | None
) -> tuple[dict[str, MapNode], list[MapEdge], set[URIRef]]:
    """Nodes for arbitrary IRIs (a query's answer), kinds from the glossary where known."""
    graph = glossary.view
    kind_classes = glossary.kind_classes
    nodes: dict[str, MapNode] = {}
    kinds: set[URIRef] = set()
    values = values_of(graph)
    for iri in sorted(set(iris)):
        types = sorted(t for t in graph.objects(iri, RDF.type) if isinstance(t, URIRef))
        kind = min((t for t in types if t in kind_classes), default=None) or (
            SKOS.Concept if SKOS.Concept in types else (types[0] if types else RDFS.Resource)
        )
        kinds.add(kind)
        nodes[str(iri)] = _node(str(iri), str(kind), values)
    if triples is None:
        edges = list(_edges_among(graph, nodes))
    else:
        statements = statement_index(graph)
        edges = [
            MapEdge(str(s), str(p), str(o), tuple(sorted(set(statements.get((str(s), str(p), str(o)), ())))))
            for s, p, o in triples
            if str(s) in nodes and str(o) in nodes and s != o
        ]
    return nodes, edges, kinds


def map_model(
    glossary: Glossary,
    iris: Iterable[URIRef] | None = None,
    triples: Iterable[tuple[URIRef, URIRef, URIRef]] | None = None,
) -> MapModel:
    """What the map of ``glossary`` shows: SKOS concepts, else OWL/RDFS classes.

    With ``iris`` the map shows those resources instead (and the relations among them, or
    exactly ``triples`` when given): that is how a query's answer is mapped.
    """
    graph = glossary.view
    if iris is not None:
        nodes, edges, kinds = _any_model(glossary, iris, triples)
    elif glossary.concept_iris:
        nodes, edges, kinds = _skos_model(glossary)
    else:
        nodes, edges, kinds = _owl_model(glossary)
    edges = sorted(set(edges), key=lambda e: (e.source, e.predicate, e.target))
    sentence_iris = sorted({s for n in nodes.values() for s in n.sources} | {s for e in edges for s in e.sources})
    sentences: dict[str, tuple[int | None, Texts]] = {}
    for iri in sentence_iris:
        said = by_lang(graph.objects(URIRef(iri), ROG.text))
        if said:
            line = graph.value(URIRef(iri), ROG.line)
            sentences[iri] = (int(line) if isinstance(line, Literal) else None, said)
    # a dcterms:source without text (a web page, a book) is not a sentence to quote
    def quoted(sources: tuple[str, ...]) -> tuple[str, ...]:
        return sources if all(s in sentences for s in sources) else tuple(s for s in sources if s in sentences)

    # (a copy only where a source is dropped: 100,000 dataclass copies cost seconds)
    nodes = {iri: n if quoted(n.sources) is n.sources else replace(n, sources=quoted(n.sources))
             for iri, n in sorted(nodes.items())}
    edges = [e if quoted(e.sources) is e.sources else replace(e, sources=quoted(e.sources)) for e in edges]
    schemes = sorted(s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if isinstance(s, URIRef))
    ontologies = sorted(s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
    titled = schemes if len(schemes) == 1 else ontologies if len(ontologies) == 1 else []
    languages = tuple(sorted({lang for n in nodes.values() for lang in n.label if lang} | set(UI_LANGS)))
    title = {"de": "Begriffskarte", "en": "Concept map"}
    if titled:
        named = _first_labels(values_of(graph), str(titled[0]))
        if named:
            title = named
    return MapModel(
        title=title,
        nodes=nodes,
        edges=tuple(edges),
        kinds={str(k): _term_label(glossary, k, languages) for k in sorted(kinds)},
        relations={
            p: _term_label(glossary, URIRef(p), languages)
            for p in sorted({e.predicate for e in edges}, key=lambda p: (URIRef(p) not in HIERARCHY_PREDICATES, p))
        },
        sentences=sentences,
        languages=languages,
        styles=_styles(glossary, kinds, owl=iris is None and not glossary.concept_iris),
    )


def _styles(glossary: Glossary, drawn: set[URIRef], *, owl: bool) -> dict[str, int]:
    """Palette places for the kinds of the whole vocabulary, whatever part is drawn.

    SKOS: every kind class the vocabulary declares (and ``skos:Concept``) in IRI order; OWL:
    the top-level classes, which are all drawn since a part is cut only after this. Kinds
    only a query's answer brings (a type outside the vocabulary) come after them.
    """
    known = set(drawn) if owl else set(glossary.kind_classes) | {SKOS.Concept}
    order = sorted(known) + sorted(set(drawn) - known)
    return {str(k): i for i, k in enumerate(order)}
