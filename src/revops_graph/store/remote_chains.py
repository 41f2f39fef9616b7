"""What ``explain A B`` needs of a vocabulary in a SPARQL server: the terms on the shortest
chains of relations between two terms, and nothing else.

A breadth-first search runs from both ends at once, one level at a time, each level one
query (per 500 terms) with the frontier bound in ``VALUES``; it stops where the two searches
meet, or after ``max_steps`` relations. A step follows what :meth:`Glossary.all_relations`
counts as a relation: a triple between two terms (either direction, not ``rdf:type`` and the
like) or a property from its domain to its range. Which IRIs are terms the server is asked
generously (typed as a concept or class, or in a SKOS or class hierarchy); the terms on the
chains are then fetched whole (:func:`~revops_graph.store.remote_part.part_of`, with their
predicates' inverses and the properties that link them) and classified as on a file. A node
that turns out not to be a term is left out and the search runs again, so the chains are
those the whole graph would give.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import OWL, RDFS, SKOS

from ..model import Glossary
from ..model.glossary import NOT_RELATIONS
from .remote import ByteProgress, Remote
from .remote_part import (
    _PART, _PART_PATTERN, _VOCABULARY, _VOCABULARY_PATTERN, _batches, _concept_types, _fetch, _fill, _pages, _query,
    find_concept, vocabulary_part,
)
from .values import values_block

__all__ = ["Chains", "chain_part"]

_BUILTIN = ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", str(RDFS), str(OWL), "http://www.w3.org/2001/XMLSchema#",
            str(SKOS))
_DOMAIN = ("(rdfs:domain|<http://schema.org/domainIncludes>|<https://schema.org/domainIncludes>)"
           "/(owl:unionOf/rdf:rest*/rdf:first)?")
_RANGE = _DOMAIN.replace("domain", "range").replace("Domain", "Range")

# An IRI that may be a term (concept or class): generous, the part decides for sure. A concept
# scheme is no term (unless a class too): left out here, as it links every top concept.
_TERM = """FILTER(isIRI(?{v}) && {builtin})
FILTER(EXISTS { {types} ?{v} a ?type_ }
  || EXISTS { VALUES ?tp_ { skos:inScheme skos:topConceptOf skos:prefLabel rdfs:subClassOf owl:equivalentClass
      skos:broader skos:narrower skos:related skos:broaderTransitive skos:narrowerTransitive } ?{v} ?tp_ ?to_ }
  || EXISTS { VALUES ?tl_ { skos:broader skos:narrower skos:related skos:broaderTransitive skos:narrowerTransitive
      skos:hasTopConcept } ?ts_ ?tl_ ?{v} })
FILTER NOT EXISTS { VALUES ?nc_ { skos:ConceptScheme skos:Collection skos:OrderedCollection } ?{v} a ?nc_
  FILTER NOT EXISTS { ?{v} a ?ct_ VALUES ?ct_ { owl:Class rdfs:Class } }
  FILTER NOT EXISTS { ?{v} rdfs:subClassOf|owl:equivalentClass ?sup_ } }"""

# One level of the search: the terms one relation away from each term ?f of the frontier.
_STEP = "SELECT DISTINCT ?f ?p ?n WHERE { %s }"
_STEP_PATTERN = """{ {f} { ?f ?p ?n } UNION { ?n ?p ?f } FILTER(?p NOT IN ({excluded})) }
UNION { {f} ?p {domain} ?f . ?p {range} ?n FILTER({builtin_p}) }
UNION { {f} ?p {range} ?f . ?p {domain} ?n FILTER({builtin_p}) }
FILTER(?n != ?f)
{term}"""

# The properties that link terms of the part (with their domain and range lists) and the
# inverses of the predicates on the chains, with their labels.
_AROUND = """CONSTRUCT { ?q ?qp ?qo . ?x ?xp ?xo . ?p owl:inverseOf ?i . ?i owl:inverseOf ?p . ?i ?lp ?il }
WHERE { %s }"""
_AROUND_PATTERN = """{ {q} ?q ?qp ?qo }
UNION { {q} ?q (rdfs:domain|rdfs:range|<http://schema.org/domainIncludes>|<http://schema.org/rangeIncludes>|<https://schema.org/domainIncludes>|<https://schema.org/rangeIncludes>)/(owl:unionOf|rdf:rest|rdf:first)* ?x FILTER(isBlank(?x)) ?x ?xp ?xo }
UNION { {p} { ?p owl:inverseOf ?i } UNION { ?i owl:inverseOf ?p } OPTIONAL { VALUES ?lp { skos:prefLabel rdfs:label } ?i ?lp ?il } }"""

#: Searches run again at most this often, each time without the nodes found not to be terms.
ROUNDS = 5


@dataclass(frozen=True)
class Chains:
    """The part of a server's vocabulary that holds the shortest chains from ``start`` to
    ``end``; ``apart`` says why there is none: ``"separate"`` (no chain at all) or
    ``"far"`` (none within the steps searched); ``""`` when chains were found."""

    part: Glossary
    start: URIRef
    end: URIRef
    apart: str


def _not_builtin(variable: str) -> str:
    return " && ".join(f'!STRSTARTS(STR(?{variable}), "{ns}")' for ns in _BUILTIN)


class _Search:
    """The two-ended search of one round (the server, the term test, the nodes left out)."""

    def __init__(self, remote: Remote, vocab: Glossary, skip: set[URIRef], reached: ByteProgress | None) -> None:
        self.remote, self.skip, self.reached = remote, skip, reached
        types = values_block(["type_"], [[t] for t in sorted({*_concept_types(vocab), OWL.Class, RDFS.Class})])
        self.parts = {
            "excluded": ", ".join(f"<{p}>" for p in sorted(NOT_RELATIONS)),
            "domain": _DOMAIN, "range": _RANGE, "builtin_p": _not_builtin("p"),
            "term": _fill(_TERM, v="n", builtin=_not_builtin("n"), types=types),
        }
        self.edges: dict[tuple[URIRef, URIRef], set[URIRef]] = {}  # (f, n) -> predicates

    def step(self, frontier: Sequence[URIRef]) -> dict[URIRef, set[URIRef]]:
        """Each term one relation away from ``frontier``, with the frontier terms it is next to."""
        found: dict[URIRef, set[URIRef]] = {}
        for batch in _batches(sorted(frontier)):
            pattern = _fill(_STEP_PATTERN, f=values_block(["f"], [[iri] for iri in batch]), **self.parts)
            for f, p, n in _pages(self.remote, _STEP, pattern, "?f ?p ?n"):
                if isinstance(n, URIRef) and isinstance(p, URIRef) and n not in self.skip:
                    found.setdefault(n, set()).add(f)  # type: ignore[arg-type]
                    self.edges.setdefault((f, n), set()).add(p)  # type: ignore[arg-type]
        return found

    def run(self, a: URIRef, b: URIRef, max_steps: int) -> tuple[set[URIRef], str]:
        """The nodes on the shortest chains from ``a`` to ``b``, and why there are none (see :class:`Chains`)."""
        dist: tuple[dict[URIRef, int], dict[URIRef, int]] = ({a: 0}, {b: 0})
        pred: tuple[dict[URIRef, set[URIRef]], dict[URIRef, set[URIRef]]] = ({a: set()}, {b: set()})
        frontier, depth = [[a], [b]], [0, 0]
        while depth[0] + depth[1] < max_steps:
            side = 0 if len(frontier[0]) <= len(frontier[1]) else 1
            if not frontier[side]:
                return set(), "separate"
            depth[side] += 1
            level = []
            for n, near in sorted(self.step(frontier[side]).items()):
                if dist[side].get(n, depth[side]) < depth[side]:
                    continue  # reached on an earlier level: not on a shortest chain this way
                if n not in dist[side]:
                    dist[side][n] = depth[side]
                    level.append(n)
                pred[side].setdefault(n, set()).update(near)
            frontier[side] = level
            if self.reached is not None:
                self.reached(len(dist[0]) + len(dist[1]), None)
            meeting = [n for n in level if n in dist[1 - side]]
            if meeting:
                return _back(pred[0], meeting) | _back(pred[1], meeting), ""
        return set(), "far"


def _back(pred: dict[URIRef, set[URIRef]], ends: Iterable[URIRef]) -> set[URIRef]:
    """``ends`` and every node on a shortest way back from them to where ``pred`` started."""
    seen, todo = set(ends), list(ends)
    while todo:
        for p in pred.get(todo.pop(), ()):
            if p not in seen:
                seen.add(p)
                todo.append(p)
    return seen


def _part(remote: Remote, search: _Search, nodes: set[URIRef], progress: ByteProgress | None) -> Glossary:
    """Everything about ``nodes`` that the chains between them are worded with."""
    members = sorted(nodes)
    predicates = sorted({p for (f, n), ps in search.edges.items() if f in nodes and n in nodes for p in ps})
    queries = [_query(remote, _VOCABULARY, _VOCABULARY_PATTERN)]
    queries += [_query(remote, _PART, _fill(_PART_PATTERN, c=values_block(["c"], [[i] for i in batch])))
                for batch in _batches(members)]
    queries += [_query(remote, _AROUND, _fill(_AROUND_PATTERN, q=values_block(["q"], [[i] for i in batch]),
                                              p=values_block(["p"], [[i] for i in batch])))
                for batch in _batches(predicates)]
    return _fetch(remote, queries, progress)


def chain_part(
    remote: Remote, a: str, b: str, max_steps: int, progress: ByteProgress | None = None,
    reached: ByteProgress | None = None,
) -> Chains:
    """The part of ``remote``'s vocabulary that holds the shortest chains (of at most
    ``max_steps`` relations) between the terms labelled ``a`` and ``b`` (see the module).

    ``reached(terms, None)`` is called after each level of the search, ``progress(bytes,
    total)`` as the part arrives."""
    vocab = vocabulary_part(remote)
    types = values_block(["type_"], [[t] for t in sorted({*_concept_types(vocab), OWL.Class, RDFS.Class})])
    test = _fill(_TERM, v="c", builtin=_not_builtin("c"), types=types)
    start, end = find_concept(remote, a, vocab, test), find_concept(remote, b, vocab, test)
    skip: set[URIRef] = set()
    for _ in range(ROUNDS):
        search = _Search(remote, vocab, skip, reached)
        nodes, apart = (({start}, "") if start == end else search.run(start, end, max_steps))
        part = _part(remote, search, nodes | {start, end}, progress)
        wrong = nodes - set(part.concept_iris) - {start, end}
        if not wrong:
            return Chains(part, start, end, apart)
        skip |= wrong
    # A vocabulary this unlike the term rules' common cases: the chains of the whole graph.
    from .remote import load_remote

    return Chains(load_remote(remote, progress=progress), start, end, "")
