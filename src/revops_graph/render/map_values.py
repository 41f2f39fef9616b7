"""The map's values read from Oxigraph as plain strings: literals as ``(language, text)``, IRIs
as their text.

A map of 100,000 concepts reads half a million labels and definitions. As rdflib terms, sorted
by rdflib's comparison, they took most of the command's time; as strings they sort in a fraction
of it, in the same order (rdflib orders plain and language-tagged strings by their text), and
the command needs no rdflib. Only a literal of another datatype (a number as a label) stays a
pyoxigraph literal, and a set of values holding one is ordered by rdflib, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Union

import pyoxigraph as ox

from .. import _rdflib as rdfl
from ..io.convert import from_oxigraph
from ..model.labels import all_by_lang, by_lang
from ..model.triples import TripleView
from ..namespaces import ROG_IRI

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["Plain", "Values", "first_types", "iris", "named_node", "objects", "relation_triples", "statement_index",
           "subject_iris", "texts", "texts_all", "values_index", "values_of"]

#: a string literal (language, text; ``""`` untagged), an IRI, or a literal of another datatype
Plain = Union[tuple[str, str], str, ox.Literal]
#: the plain values of ``(subject IRI, predicate IRI)``
Values = Callable[[str, str], Sequence[Plain]]

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal]


def _plain(term: OxTerm) -> Plain | None:
    if type(term) is ox.Literal:
        if term.language:
            return term.language, term.value
        if term.datatype.value == _XSD_STRING:
            return "", term.value
        return term
    if type(term) is ox.NamedNode:
        return term.value
    return None  # a blank node is no label, source or kind


def named_node(iri: str) -> ox.NamedNode | None:
    """``iri`` as a pyoxigraph IRI, or ``None`` where Oxigraph refuses it (no triple names it)."""
    try:
        return ox.NamedNode(iri)
    except ValueError:  # an IRI Oxigraph refuses (a relative one) is in no triple of the store
        return None


def objects(view: TripleView, subject: str | OxTerm, predicate: str) -> Iterator[OxTerm]:
    """The objects of ``(subject, predicate)`` in every graph, each once (as rdflib's ``Graph.objects``)."""
    node = named_node(subject) if isinstance(subject, str) else subject
    if node is None:
        return iter(())
    return (q.object for q in view.quads((node, ox.NamedNode(predicate), None)))  # type: ignore[arg-type]


def subject_iris(view: TripleView, predicate: str, obj: OxTerm | None = None) -> Iterator[str]:
    """The IRIs that are subjects of ``(?, predicate, obj)`` (blank nodes left out)."""
    return (q.subject.value for q in view.quads((None, ox.NamedNode(predicate), obj))  # type: ignore[arg-type]
            if type(q.subject) is ox.NamedNode)


def values_index(view: TripleView, subjects: Iterable[str], predicates: Iterable[str]) -> Values:
    """The values of ``subjects`` for ``predicates``, from one scan of each predicate's triples."""
    named = set(subjects)
    index: dict[str, dict[str, list[Plain]]] = {}
    literal, string = ox.Literal, _XSD_STRING
    for p in predicates:
        by_subject: dict[str, list[Plain]] = {}
        index[p] = by_subject
        for quad in view.quads((None, ox.NamedNode(p), None)):  # type: ignore[arg-type]
            subject = quad.subject.value  # (a blank node's id is no IRI of ``subjects``)
            if subject in named and type(quad.subject) is ox.NamedNode:
                o = quad.object
                # (inline: the common case, a tagged or plain string, costs no call)
                value = ((o.language, o.value) if o.language else ("", o.value) if o.datatype.value == string
                         else o) if type(o) is literal else _plain(o)
                if value is not None:
                    by_subject.setdefault(subject, []).append(value)

    def values(iri: str, predicate: str) -> Sequence[Plain]:
        return index[predicate].get(iri, ())

    return values


def first_types(view: TripleView, subjects: Iterable[str], classes: Iterable[str]) -> dict[str, str]:
    """Each of ``subjects`` typed with one of ``classes``: the first of them (by IRI) it has."""
    named = set(subjects)
    first: dict[str, str] = {}
    for cls in sorted(classes):
        for subject in subject_iris(view, _RDF + "type", ox.NamedNode(cls)):
            if subject in named and subject not in first:
                first[subject] = cls
    return first


def values_of(view: TripleView) -> Values:
    """The values of one subject at a time, looked up (for a few IRIs, such as a query's answer)."""
    def values(iri: str, predicate: str) -> Sequence[Plain]:
        found = (_plain(o) for o in objects(view, iri, predicate))
        return [v for v in found if v is not None]

    return values


def _rdflib(values: Sequence[Plain]) -> list[Node]:
    return [rdfl.Literal(v[1], lang=v[0] or None) if type(v) is tuple else from_oxigraph(v)
            if isinstance(v, ox.Literal) else rdfl.URIRef(v) for v in values]


def _odd(values: Sequence[Plain]) -> bool:
    # (most values are all string literals: their count says so without looking at each)
    return sum(type(v) is tuple for v in values) != len(values) and any(isinstance(v, ox.Literal) for v in values)


def texts(values: Sequence[Plain]) -> dict[str, str]:
    """Language -> the least text (as :func:`~revops_graph.model.labels.by_lang` of the rdflib terms)."""
    if _odd(values):  # rdflib's order of a number beside strings, as before
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


def statement_index(view: TripleView) -> dict[tuple[str, str, str], list[str]]:
    """(s, p, o) -> sentences its reified statements are ``rog:statedIn`` (one pass)."""
    index: dict[tuple[str, str, str], list[str]] = {}
    for quad in view.quads((None, ox.NamedNode(_RDF + "subject"), None)):  # type: ignore[arg-type]
        st = quad.subject
        p = next(objects(view, st, _RDF + "predicate"), None)
        o = next(objects(view, st, _RDF + "object"), None)
        said = [x.value for x in objects(view, st, ROG_IRI + "statedIn") if type(x) is ox.NamedNode]
        if said and p is not None and o is not None:
            index.setdefault((quad.object.value, p.value, o.value), []).extend(said)
    return index


def relation_triples(view: TripleView, members: set[str], excluded: Iterable[str]) -> Iterator[tuple[str, str, str]]:
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
