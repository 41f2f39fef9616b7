"""The map's values read as plain strings: literals as ``(language, text)``, IRIs as their text.

A map of 100,000 concepts reads half a million labels and definitions. Made rdflib terms and
sorted by rdflib's comparison they took most of the command's time; as strings they sort in
a fraction of it, in the same order (rdflib orders plain and language-tagged strings by their
text). Only a literal of another datatype (a number as a label) keeps its rdflib term, and a
set of values holding one is ordered by rdflib as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Union

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from ..io.convert import from_oxigraph
from ..model.labels import all_by_lang, by_lang
from ..model.triples import TripleView

__all__ = ["Plain", "Values", "first_types", "iris", "relation_triples", "statement_index", "texts", "texts_all", "values_index",
           "values_of"]

#: a string literal (language, text; ``""`` untagged), an IRI, or a literal of another datatype
Plain = Union[tuple[str, str], str, Literal]
#: the plain values of ``(subject IRI, predicate)``
Values = Callable[[str, URIRef], Sequence[Plain]]

_XSD_STRING = str(XSD.string)


def _plain_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Plain | None:
    if type(term) is ox.Literal:
        if term.language:
            return term.language, term.value
        if term.datatype.value == _XSD_STRING:
            return "", term.value
        return from_oxigraph(term)  # type: ignore[return-value]
    if type(term) is ox.NamedNode:
        return term.value
    return None  # a blank node is no label, source or kind


def _plain_rdf(term: Node) -> Plain | None:
    if isinstance(term, Literal):
        if term.datatype is None or str(term.datatype) == _XSD_STRING:
            return term.language or "", str(term)
        return term
    if isinstance(term, URIRef):
        return str(term)
    return None


def values_index(graph: Graph | TripleView, subjects: Iterable[str], predicates: Iterable[URIRef]) -> Values:
    """The values of ``subjects`` for ``predicates``, from one scan of each predicate's triples."""
    named = set(subjects)
    index: dict[URIRef, dict[str, list[Plain]]] = {}
    literal, string = ox.Literal, _XSD_STRING
    for p in predicates:
        by_subject: dict[str, list[Plain]] = {}
        index[p] = by_subject
        if not isinstance(graph, TripleView):
            for s, o in graph.subject_objects(p):
                value = _plain_rdf(o)
                if isinstance(s, URIRef) and str(s) in named and value is not None:
                    by_subject.setdefault(str(s), []).append(value)
            continue
        for quad in graph.quads((None, p, None)):
            subject = quad.subject.value  # (a blank node's id is no IRI of ``subjects``)
            if subject in named and type(quad.subject) is ox.NamedNode:
                o = quad.object
                # (inline: the common case, a tagged or plain string, costs no call)
                value = ((o.language, o.value) if o.language else ("", o.value) if o.datatype.value == string
                         else from_oxigraph(o)) if type(o) is literal else _plain_ox(o)
                if value is not None:
                    by_subject.setdefault(subject, []).append(value)  # type: ignore[arg-type]

    def values(iri: str, predicate: URIRef) -> Sequence[Plain]:
        return index[predicate].get(iri, ())

    return values


def first_types(graph: Graph | TripleView, subjects: Iterable[str], classes: Iterable[URIRef]) -> dict[str, str]:
    """Each of ``subjects`` typed with one of ``classes``: the first of them (by IRI) it has."""
    named = set(subjects)
    first: dict[str, str] = {}
    for cls in sorted(classes):
        if isinstance(graph, TripleView):
            found: Iterable[str] = (q.subject.value for q in graph.quads((None, RDF.type, cls))
                                    if type(q.subject) is ox.NamedNode)
        else:
            found = (str(s) for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef))
        for subject in found:
            if subject in named and subject not in first:
                first[subject] = str(cls)
    return first


def values_of(graph: Graph | TripleView) -> Values:
    """The values of one subject at a time, looked up (for a few IRIs, such as a query's answer)."""
    def values(iri: str, predicate: URIRef) -> Sequence[Plain]:
        found = (_plain_rdf(o) for o in graph.objects(URIRef(iri), predicate))
        return [v for v in found if v is not None]

    return values


def _rdflib(values: Sequence[Plain]) -> list[Node]:
    return [Literal(v[1], lang=v[0] or None) if type(v) is tuple else v if isinstance(v, Literal) else URIRef(v)
            for v in values]


def _odd(values: Sequence[Plain]) -> bool:
    # (most values are all string literals: their count says so without looking at each)
    return sum(type(v) is tuple for v in values) != len(values) and any(isinstance(v, Literal) for v in values)


def texts(values: Sequence[Plain]) -> dict[str, str]:
    """Language -> the least text (as :func:`~revops_graph.model.labels.by_lang` of the rdflib terms)."""
    if _odd(values):
        return by_lang(_rdflib(values))
    out: dict[str, str] = {}
    for lang, text in sorted(v for v in values if type(v) is tuple):
        out.setdefault(lang, text)
    return out


def texts_all(values: Sequence[Plain]) -> dict[str, tuple[str, ...]]:
    """Language -> every text, sorted (as :func:`~revops_graph.model.labels.all_by_lang`)."""
    if _odd(values):
        return all_by_lang(_rdflib(values))
    out: dict[str, list[str]] = {}
    for lang, text in sorted(v for v in values if type(v) is tuple):
        out.setdefault(lang, []).append(text)
    return {lang: tuple(items) for lang, items in out.items()}


def iris(values: Sequence[Plain]) -> list[str]:
    """The IRIs among ``values``."""
    return [v for v in values if type(v) is str]


def statement_index(graph: Graph | TripleView) -> dict[tuple[str, str, str], list[str]]:
    """(s, p, o) -> sentences its reified statements are ``rog:statedIn`` (one pass)."""
    from ..namespaces import ROG

    index: dict[tuple[str, str, str], list[str]] = {}
    for st, s in graph.subject_objects(RDF.subject):
        p, o = graph.value(st, RDF.predicate), graph.value(st, RDF.object)
        said = [str(x) for x in graph.objects(st, ROG.statedIn) if isinstance(x, URIRef)]
        if said and p is not None and o is not None:
            index.setdefault((str(s), str(p), str(o)), []).extend(said)
    return index


def relation_triples(view: TripleView, members: set[str], excluded: Iterable[URIRef]) -> Iterator[tuple[str, str, str]]:
    """Every triple between two different ``members`` whose predicate is not ``excluded``, as strings.

    The store filters: only the triples linking two IRIs reach Python (at 100,000 concepts a
    quarter of the graph's), where the membership is checked.
    """
    query = ("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && isIRI(?o) && ?s != ?o && ?p NOT IN ("
             + ", ".join(f"<{p}>" for p in sorted(excluded)) + ")) }")
    # (a vocabulary beside the data sits in a named graph: every graph counts, as in the view)
    for row in view.store.query(query, use_default_graph_as_union=True):  # type: ignore[union-attr]
        s, p, o = row[0].value, row[1].value, row[2].value
        if s in members and o in members:
            yield s, p, o
