"""The site's page model: every term (concept, class or property) with what its page shows.

A term has a *sort*: ``concept`` (the glossary's SKOS concepts and instances of kinds),
``class`` (OWL/RDFS classes) or ``property``. Concepts come from the :class:`Glossary`;
classes and properties by the model's term sorts. The graph is read as Oxigraph's terms,
from the store (or from the rdflib graph a Python caller gave or changed), so that a site
of files never loads rdflib. Everything is sorted here, so the pages have stable bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ... import _rdflib as rdfl
from ...io.convert import rdflib_lexical, rows_in_rdflib_order, to_oxigraph
from ...model import Glossary
from ...model.labels import LABEL_IRIS
from ...model.relations import int_value
from ...model.triples import TripleView
from ...namespaces import PREFIXES, RDFLIB_DEFAULT_PREFIXES, ROG_IRI
from ...namespaces import SKOS_IRI as SKOS
from .languages import site_languages
from .paths import term_path

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["Link", "SiteTerm", "SiteVocabulary"]

ByLang = dict[str, tuple[str, ...]]
#: A term as the store holds it: the index keeps these and converts only what a page shows.
Term = ox.NamedNode | ox.BlankNode | ox.Literal
#: An indexed resource: an IRI by its text, a blank node as itself.
Key = str | ox.BlankNode

# Predicates and classes as IRI text: the index's predicates are text, and the store is asked with them
RDF, RDFS, OWL, DCT = (PREFIXES[p] for p in ("rdf", "rdfs", "owl", "dcterms"))
DC = RDFLIB_DEFAULT_PREFIXES["dc"]
NOTES = tuple(SKOS + n for n in ("scopeNote", "note", "example", "editorialNote", "changeNote", "historyNote")) + (
    RDFS + "comment",)
_ALT, _DEFINITION, _NOTATION, _TYPE = SKOS + "altLabel", SKOS + "definition", SKOS + "notation", RDF + "type"
_SOURCE = DCT + "source"
_GAP, _TEXT, _LINE, _STATED_IN = (ROG_IRI + n for n in ("hasKnownGap", "text", "line", "statedIn"))
#: Shown in their own sections, so not again among "other statements".
SHOWN = frozenset({SKOS + "prefLabel", RDFS + "label", _ALT, SKOS + "hiddenLabel", _DEFINITION, _NOTATION, *NOTES,
                   _TYPE, _SOURCE, _GAP})
#: Bookkeeping links that would only add noise to "relations to this term".
NOT_INCOMING = frozenset({RDF + "subject", RDF + "object", RDF + "predicate", _TYPE, SKOS + "inScheme",
                          SKOS + "topConceptOf", SKOS + "hasTopConcept", RDFS + "isDefinedBy"})
_STRING = "http://www.w3.org/2001/XMLSchema#string"
METADATA = (("title", (DCT + "title", DC + "title")), ("description", (DCT + "description", DC + "description")),
            ("version", (OWL + "versionInfo", DCT + "hasVersion")), ("license", (DCT + "license", DCT + "rights")),
            ("creator", (DCT + "creator", DC + "creator")), ("publisher", (DCT + "publisher", DC + "publisher")),
            ("created", (DCT + "created",)), ("issued", (DCT + "issued",)), ("modified", (DCT + "modified",)),
            ("source", (DCT + "source", DC + "source")))


def lexical(literal: ox.Literal) -> str:
    """A literal's text as rdflib gives it: a typed one in its canonical form (``"01"^^xsd:integer``
    is ``1``, see :func:`~revops_graph.io.convert.rdflib_lexical`)."""
    if literal.language or literal.datatype.value == _STRING:
        return literal.value
    return _canonical(literal)


_canonical = lru_cache(maxsize=1 << 14)(rdflib_lexical)  # a rare text is rewritten by rdflib itself: slow


def text(node: object) -> str:
    """``str()`` of the rdflib term for ``node`` (an Oxigraph term or an rdflib one)."""
    if isinstance(node, ox.Literal):
        return lexical(node)
    if isinstance(node, (ox.NamedNode, ox.BlankNode)):
        return node.value
    return str(node)


def by_lang(values: Iterable[object]) -> ByLang:
    """The literals of ``values`` grouped by language tag (``""`` untagged; Oxigraph lower-cases
    tags), each group sorted."""
    out: dict[str, list[str]] = {}
    for value in values:
        if type(value) is ox.Literal:
            out.setdefault(value.language or "", []).append(lexical(value))
    return {lang: tuple(sorted(set(items))) for lang, items in sorted(out.items())}


_KINDS = {ox.NamedNode: "URIRef", ox.BlankNode: "BNode", str: "URIRef"}


def node_key(node: object) -> tuple[str, str, str]:
    """A sort key for an Oxigraph term or an IRI as text (or an rdflib term): its text, then
    language and datatype, as for the rdflib term (rdflib's own ordering compares term objects and took a fifth of a
    10,000-concept build)."""
    if type(node) is ox.Literal:
        datatype = node.datatype.value
        return lexical(node), node.language or "", "" if node.language or datatype == _STRING else datatype
    return text(node), _KINDS.get(type(node)) or type(node).__name__, ""


def pair_key(pair: tuple[object, object]) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    return node_key(pair[0]), node_key(pair[1])


@dataclass(frozen=True)
class Link:
    """One statement linking this term to another resource (or a literal, as ``value``)."""

    predicate: str
    other: str
    lines: tuple[int, ...] = ()
    value: ByLang | None = None


@dataclass(frozen=True)
class SiteTerm:
    """One term and everything its page shows."""

    iri: str
    sort: str
    labels: ByLang
    alt: ByLang
    definitions: ByLang
    notation: tuple[str, ...]
    types: tuple[str, ...]
    notes: tuple[tuple[str, ByLang], ...]
    outgoing: tuple[Link, ...]
    incoming: tuple[Link, ...]
    sources: tuple[str, ...]
    gaps: tuple[str, ...]
    path: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", term_path(self.iri))


class SiteVocabulary:
    """The terms, labels, sentences and metadata of one vocabulary, as the pages need them."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.graph: Graph | TripleView = glossary.view  # the store, or the rdflib graph once there is one
        self.languages = site_languages(self.graph)
        # a term's labels are looked up by every page that links to it
        self._labels: dict[str, ByLang] = {}

    # -- the graph, indexed once ---------------------------------------------------------

    @cached_property
    def _index(self) -> tuple[dict[Key, dict[str, list[Term]]], dict[Key, dict[str, list[Term]]]]:
        # Each page asks a dozen questions of its term; answered from two dictionaries filled
        # in one pass instead of as many pattern look-ups (a third of the pages' time). They
        # hold the store's own terms: converting every triple to rdflib took longer than the rest.
        out: dict[Key, dict[str, list[Term]]] = {}
        into: dict[Key, dict[str, list[Term]]] = {}
        named = ox.NamedNode
        for s, p, o in self._triples():
            out.setdefault(s.value if type(s) is named else s, {}).setdefault(p.value, []).append(o)
            if type(o) is not ox.Literal:  # a literal is never asked for its subjects
                into.setdefault(o.value if type(o) is named else o, {}).setdefault(p.value, []).append(s)
        return out, into

    def _triples(self, predicate: str | None = None) -> Iterator[tuple[Term, ox.NamedNode, Term]]:
        """The triples (with ``predicate``, an IRI, if given) as Oxigraph's terms."""
        p = None if predicate is None else ox.NamedNode(predicate)
        if isinstance(self.graph, TripleView):
            return ((q.subject, q.predicate, q.object) for q in self.graph.quads((None, p, None)))  # type: ignore[arg-type]
        # an rdflib graph (given, or built since): rdflib is loaded; each term converted once
        done: dict[object, Term] = {}

        def convert(node: object) -> Term:
            found = done.get(node)
            if found is None:
                found = done[node] = to_oxigraph(node)  # type: ignore[arg-type]
            return found

        pattern = (None, None if predicate is None else rdfl.URIRef(predicate), None)
        return ((convert(s), convert(p), convert(o)) for s, p, o in self.graph.triples(pattern))  # type: ignore[misc,arg-type]

    def _pairs(self, predicate: str) -> list[tuple[Term, Term]]:
        """``(subject, object)`` of every statement with ``predicate`` (an IRI), in no order."""
        return [(s, o) for s, _, o in self._triples(predicate)]

    @staticmethod
    def _key(node: object) -> Key | ox.Literal:
        """The index's key for ``node``: an IRI's text; a blank node or literal as Oxigraph's term
        (a literal is no subject: its key finds nothing); an rdflib term is read as well."""
        if isinstance(node, str):
            if rdfl.is_a(node, "BNode"):
                return ox.BlankNode(str(node))
            return to_oxigraph(node) if rdfl.is_a(node, "Literal") else str(node)  # type: ignore[arg-type]
        return node.value if isinstance(node, ox.NamedNode) else node  # type: ignore[return-value]

    def objects(self, node: object, predicate: object) -> list[Term]:
        """``graph.objects(node, predicate)`` as Oxigraph terms (in another order: every use sorts);
        ``node`` and ``predicate`` an IRI as text, or any term."""
        return self._index[0].get(self._key(node), {}).get(text(predicate), [])

    def subjects(self, predicate: object, node: object) -> list[Term]:
        """``graph.subjects(predicate, node)`` as Oxigraph terms (in another order: every use sorts);
        none for a literal ``node`` (the index leaves them out: no page asks)."""
        return self._index[1].get(self._key(node), {}).get(text(predicate), [])

    def predicate_objects(self, node: object) -> list[tuple[str, Term]]:
        """``(predicate IRI, object)`` of the statements about ``node``."""
        return [(p, o) for p, found in self._index[0].get(self._key(node), {}).items() for o in found]

    def subject_predicates(self, node: object) -> list[tuple[Term, str]]:
        """``(subject, predicate IRI)`` of the statements with ``node`` as object."""
        return [(s, p) for p, found in self._index[1].get(self._key(node), {}).items() for s in found]

    # -- which IRIs are terms, and of which sort ----------------------------------------

    @cached_property
    def sorts(self) -> dict[str, str]:
        """IRI -> sort, for every term; a concept that is also a class stays a concept."""
        out: dict[str, str] = {}
        # every sort of term the data has (the term model), whatever the commands list by default
        terms = self.glossary.terms
        for sort, members in (("concept", terms.concepts), ("class", terms.classes), ("property", terms.properties)):
            for iri in members:
                out.setdefault(iri, sort)
        # revops-graph's own kinds get a page only where the data uses them
        kinds = self.glossary.kind_keys
        for iri in self.glossary.concept_keys:
            for kind in self.objects(iri, _TYPE):
                if type(kind) is ox.NamedNode and kind.value in kinds:
                    out.setdefault(kind.value, "class")
        for _, p, _ in self.glossary.relation_keys():
            out.setdefault(p, "property")
        return dict(sorted(out.items()))

    @cached_property
    def term_paths(self) -> dict[str, str]:
        """IRI -> the site-relative path of its page."""
        return {iri: term_path(iri) for iri in self.sorts}

    def of_sort(self, sort: str) -> list[str]:
        return [iri for iri, s in self.sorts.items() if s == sort]

    # -- labels --------------------------------------------------------------------------

    def labels(self, iri: str) -> ByLang:
        """Preferred labels by language, by the model's precedence (``skos:prefLabel``, else
        ``rdfs:label``, ``schema:name``, ``dcterms:title`` ... the first that has any)."""
        found = self._labels.get(iri)
        if found is None:
            props = self._index[0].get(iri, {})
            found = next((f for prop in LABEL_IRIS if (f := by_lang(props.get(prop, ())))), {})
            self._labels[iri] = found
        return found

    def alt(self, iri: str) -> ByLang:
        """Alternative labels and notations (notations untagged)."""
        return by_lang([*self.objects(iri, _ALT), *self.objects(iri, _NOTATION)])

    @cached_property
    def instances(self) -> dict[str, list[str]]:
        """Class IRI -> the terms typed with it, sorted."""
        out: dict[str, list[str]] = {}
        for iri in self.sorts:
            for t in self.objects(iri, _TYPE):
                if self.sorts.get(text(t)) == "class":
                    out.setdefault(text(t), []).append(iri)
        return out

    @cached_property
    def sentences(self) -> dict[str, tuple[int | None, ByLang]]:
        """Source sentence IRI -> (line, text by language)."""
        out = {}
        # in order: of a blank node and an IRI of the same name, the IRI's sentence is kept, as before
        for s in sorted({s for s, _ in self._pairs(_TEXT)}, key=node_key):
            line = next(iter(self.objects(s, _LINE)), None)
            out[text(s)] = (int_value(line) if type(line) is ox.Literal else None, by_lang(self.objects(s, _TEXT)))
        return out

    def lines(self, sources: Iterable[object]) -> tuple[int, ...]:
        found = {self.sentences.get(str(s), (None, {}))[0] for s in sources}
        return tuple(sorted(n for n in found if n is not None))

    # -- the term ------------------------------------------------------------------------

    def statements(self, iri: str) -> list[tuple[str, Term]]:
        """``(predicate IRI, object)`` of every statement about ``iri``, sorted."""
        return sorted(self.predicate_objects(iri), key=pair_key)

    def term(self, iri: str, statements: list[tuple[str, Term]] | None = None) -> SiteTerm:
        """The page model of ``iri`` (``statements``: :meth:`statements`, when already read)."""
        # the term's own table of predicates, read once: a dozen questions are asked of it,
        # most of them (seven kinds of notes) with no answer
        props: dict[str, list[Term]] = self._index[0].get(iri, {})
        sources = self.glossary.statement_source_keys
        outgoing, incoming = [], []
        for p, o in statements if statements is not None else self.statements(iri):
            if p in SHOWN or type(o) is ox.BlankNode:
                continue
            if type(o) is ox.Literal:
                outgoing.append(Link(p, "", value=by_lang([o]) if o.language else {"": (lexical(o),)}))
            else:
                outgoing.append(Link(p, o.value, self.lines(sources(iri, p, o.value))))
        # kept first, then sorted (the same order): a class's thousands of rdf:type links are not sorted
        kept = [(s, p) for s, p in self.subject_predicates(iri)
                if p not in NOT_INCOMING and type(s) is ox.NamedNode and s.value in self.sorts]
        for s, p in sorted(kept, key=pair_key):
            incoming.append(Link(p, s.value, self.lines(sources(s.value, p, iri))))
        return SiteTerm(
            iri=iri,
            sort=self.sorts.get(iri, "concept"),
            labels=self.labels(iri),
            alt=by_lang(props.get(_ALT, ())),
            definitions=by_lang(props.get(_DEFINITION, ())),
            notation=tuple(sorted(text(n) for n in props.get(_NOTATION, ()))),
            types=tuple(sorted(t.value for t in props.get(_TYPE, ()) if type(t) is ox.NamedNode)),
            notes=tuple((p, found) for p in NOTES if (values := props.get(p)) and (found := by_lang(values))),
            outgoing=tuple(outgoing),
            incoming=tuple(incoming),
            sources=tuple(sorted(text(s) for s in props.get(_SOURCE, ()) if text(s) in self.sentences)),
            gaps=tuple(sorted(text(x) for x in props.get(_GAP, ()))),
        )

    def gap(self, iri: str) -> tuple[ByLang, tuple[str, ...]]:
        """A known gap's text (any literal it carries) and the sentences it is stated in."""
        texts = by_lang(o for _, o in self.predicate_objects(iri) if type(o) is ox.Literal)
        said = tuple(sorted(text(s) for s in self.objects(iri, _STATED_IN)))
        return texts, said

    def uses(self, predicate: str) -> list[tuple[Term, Term]]:
        """``(subject, object)`` of every statement with ``predicate``, sorted as rdflib sorts
        its terms (as the page did when it read an rdflib graph)."""
        return rows_in_rdflib_order(self._pairs(predicate))

    # -- the vocabulary as a whole -------------------------------------------------------

    @cached_property
    def headers(self) -> list[tuple[str, dict[str, ByLang | tuple[str, ...]]]]:
        """Each concept scheme (then each ontology) with its metadata: key -> values."""
        out = []
        for kind in (SKOS + "ConceptScheme", OWL + "Ontology"):
            for s in sorted({x.value for x in self.subjects(_TYPE, kind) if type(x) is ox.NamedNode}):
                meta: dict[str, ByLang | tuple[str, ...]] = {}
                for key, props in METADATA:
                    values = [o for p in props for o in self.objects(s, p)]
                    literals = by_lang(values)
                    iris = tuple(sorted(o.value for o in values if type(o) is ox.NamedNode))
                    if literals:
                        meta[key] = literals
                    elif iris:
                        meta[key] = iris
                if "title" not in meta and self.labels(s):
                    meta["title"] = self.labels(s)
                if "description" not in meta:
                    described = by_lang([*self.objects(s, _DEFINITION), *self.objects(s, RDFS + "comment")])
                    if described:
                        meta["description"] = described
                out.append((s, meta))
        return out

    @cached_property
    def header_iris(self) -> frozenset[str]:
        return frozenset(iri for iri, _ in self.headers)

    @cached_property
    def top(self) -> dict[str, list[str]]:
        """Per sort, the roots of its hierarchy: top concepts (or concepts with nothing broader)
        and classes with no named superclass among the site's classes."""
        concepts = self.of_sort("concept")
        tops = sorted({text(c) for c in (*(o for _, o in self._pairs(SKOS + "hasTopConcept")),
                                         *(s for s, _ in self._pairs(SKOS + "topConceptOf"))) if text(c) in self.sorts})
        if not tops:
            tops = [c for c in concepts if not self.parents(c, "concept")]
        classes = [c for c in self.of_sort("class") if not self.parents(c, "class")]
        return {"concept": tops, "class": classes}

    @cached_property
    def _children(self) -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], set[str]] = {}
        pairs = [(text(o), text(s), "concept") for s, o in self._pairs(SKOS + "broader")]
        pairs += [(text(s), text(o), "concept") for s, o in self._pairs(SKOS + "narrower")]
        pairs += [(o.value, text(s), "class") for s, o in self._pairs(RDFS + "subClassOf") if type(o) is ox.NamedNode]
        for parent, child, sort in pairs:
            if self.sorts.get(parent) == sort and self.sorts.get(child) == sort and parent != child:
                out.setdefault((parent, sort), set()).add(child)
        return {key: sorted(found) for key, found in out.items()}

    @cached_property
    def _has_parent(self) -> set[tuple[str, str]]:
        return {(child, sort) for (_, sort), children in self._children.items() for child in children}

    def children(self, iri: str, sort: str) -> list[str]:
        return self._children.get((iri, sort), [])

    def parents(self, iri: str, sort: str) -> bool:
        return (iri, sort) in self._has_parent
