"""Part of a vocabulary in a SPARQL server: what a focus map, a kind or a query's answer needs.

A command on a part must answer as it would on the whole graph, so a part holds, for its
concepts: every triple they are the subject of (types, labels, definitions, relations),
the reified statements about their relations with the sentences those cite, their own
source sentences, and the vocabulary around them: the kinds (subclasses of
``skos:Concept``) with their labels, the labels of the predicates used, and the concept
schemes and ontologies that title a map. Concepts outside the part appear only as
objects without types, so they are no concepts of the part and draw no edge.

Every value a user gives (a label, a kind, an IRI) reaches the server in a ``VALUES``
block written in N-Triples syntax (:func:`~revops_graph.store.values.values_block`);
lists are paged with ``ORDER BY ... LIMIT ... OFFSET`` so that no answer is unbounded.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rdflib import Literal, URIRef

from ..model import ConceptNotFound, Glossary
from ..model.glossary import NOT_RELATIONS
from ..model.kinds import concept_type_keys, kind_key_names
from ..model.labels import LABEL_IRIS, normalize_label
from .remote import ByteProgress, Remote, construct_into, glossary_from_ntriples, select_rows
from .values import values_block

__all__ = [
    "concepts_of_kinds",
    "find_concept",
    "has_concepts",
    "neighbourhood",
    "part_of",
    "vocabulary_part",
]

#: Rows per page of a list, IRIs per VALUES block of a part.
PAGE = 5000
BATCH = 500

_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rog: <https://w3id.org/revops-graph/ontology#>
"""

# A kind's, scheme's or ontology's name, by the model's precedence (a scheme may be named by
# dcterms:title alone, and the map's title must be the file's).
_LABEL_PROPERTIES = "VALUES ?lp { %s }" % " ".join(f"<{iri}>" for iri in LABEL_IRIS)

# The vocabulary around the concepts: kinds and their labels, schemes and ontologies.
_VOCABULARY = """CONSTRUCT { ?k rdfs:subClassOf ?sup . ?k ?lp ?l . ?s a ?type . ?s ?lp ?sl }
WHERE { %s }"""
# Written so that each branch starts from a bound or rare term: a pattern led by
# "?k ?lp ?l" reads every label of the vocabulary first (11 s at 100,000 concepts).
_VOCABULARY_PATTERN = """{ ?k rdfs:subClassOf+ skos:Concept . ?k rdfs:subClassOf ?sup }
UNION { { { ?k rdfs:subClassOf+ skos:Concept } UNION { VALUES ?k { skos:Concept } } } OPTIONAL { ?k ?lp ?l . %s } }
UNION { VALUES ?type { skos:ConceptScheme owl:Ontology } ?s a ?type OPTIONAL { ?s ?lp ?sl . %s } }""" % (
    _LABEL_PROPERTIES, _LABEL_PROPERTIES)

# What a part holds of each concept ?c (bound by VALUES).
_PART = """CONSTRUCT { ?c ?p ?o . ?p skos:prefLabel ?ppl . ?p rdfs:label ?prl . ?st ?sp ?so . ?src ?q ?v }
WHERE { %s }"""
# Each branch carries its own VALUES: a group sees only what is bound inside it, and a
# branch without its bound values would scan the whole graph. The predicates' labels are
# joined from the concepts' triples, one label property per branch: an OPTIONAL with a
# VALUES of properties read every label of the vocabulary per batch (8.2 s against 2.3 s
# for 500 concepts at 100,000).
_PART_PATTERN = """{ {c} ?c ?p ?o }
UNION { {c} ?c ?p ?o . ?p skos:prefLabel ?ppl }
UNION { {c} ?c ?p ?o . ?p rdfs:label ?prl }
UNION { {c} ?st rdf:subject ?c ; ?sp ?so }
UNION { {c} ?c dcterms:source ?src . ?src ?q ?v }
UNION { {c} ?said rdf:subject ?c ; rog:statedIn ?src . ?src ?q ?v }"""

# Steps of a neighbourhood: concepts one relation away from ?f, either direction.
_STEP = """SELECT DISTINCT ?n WHERE { %s }"""
# FILTER EXISTS keeps the type test after the step: joined first, it lists every concept.
_STEP_PATTERN = """{ {f} ?f ?p ?n } UNION { {f} ?n ?p ?f }
FILTER(isIRI(?n) && ?n != ?f && ?p NOT IN ({excluded}))
FILTER EXISTS { {types} ?n a ?type }"""

_FIND = """SELECT DISTINCT ?c ?l WHERE { %s }"""
_NAMING = "VALUES ?lp { skos:prefLabel skos:altLabel skos:hiddenLabel rdfs:label }"
# A label exactly as typed, in the vocabulary's languages: an index lookup.
_FIND_EXACT = """{labels} ?c ?lp ?l . %s {test}""" % _NAMING
# Otherwise a scan of every label (case-insensitive): seconds at 100,000 concepts.
_FIND_PATTERN = """{needle} ?c ?lp ?l . %s
FILTER(isLiteral(?l) && CONTAINS(LCASE(STR(?l)), ?needle))
{test}""" % _NAMING

_OF_KINDS = """SELECT DISTINCT ?c WHERE { %s }"""


def _fill(pattern: str, **parts: str) -> str:
    """``pattern`` with ``{name}`` replaced in one pass (SPARQL's own braces stay as they are,
    and a value that contains ``{name}`` is never expanded again)."""
    return re.sub(r"\{(\w+)\}", lambda m: parts.get(m.group(1), m.group(0)), pattern)


def _query(remote: Remote, template: str, pattern: str) -> str:
    return _PREFIXES + template % remote.scoped(pattern)


def _pages(remote: Remote, template: str, pattern: str, order: str) -> Iterator[tuple]:
    """Rows of a SELECT, page by page over a stable order (a server may cap its answers)."""
    offset = 0
    while True:
        rows = select_rows(remote, _query(remote, template, pattern) + f" ORDER BY {order} LIMIT {PAGE} OFFSET {offset}")
        yield from rows.rows
        if len(rows.rows) < PAGE:
            return
        offset += PAGE


def _batches(iris: Sequence[URIRef]) -> Iterator[Sequence[URIRef]]:
    for start in range(0, len(iris), BATCH):
        yield iris[start : start + BATCH]


def vocabulary_part(remote: Remote, progress: ByteProgress | None = None) -> Glossary:
    """The kinds, schemes and ontologies of the server's vocabulary, with their labels."""
    return _fetch(remote, [_query(remote, _VOCABULARY, _VOCABULARY_PATTERN)], progress)


def _fetch(remote: Remote, queries: Iterable[str], progress: ByteProgress | None) -> Glossary:
    with tempfile.TemporaryDirectory(prefix="revops-graph-") as folder:
        path = Path(folder) / "part.nt"
        with path.open("wb") as sink:
            construct_into(remote, queries, sink, progress)
        return glossary_from_ntriples(path, remote, allow_empty=True)


def _concept_types(vocab: Glossary) -> list[URIRef]:
    """``skos:Concept`` and every kind class, from the server and revops-graph's vocabulary."""
    return [URIRef(k) for k in concept_type_keys(vocab)]


def part_of(remote: Remote, iris: Iterable[URIRef], progress: ByteProgress | None = None) -> Glossary:
    """The part of the vocabulary that tells everything about ``iris`` (see the module)."""
    members = sorted(set(iris))
    queries = [_query(remote, _VOCABULARY, _VOCABULARY_PATTERN)]
    queries += [
        _query(remote, _PART, _fill(_PART_PATTERN, c=values_block(["c"], [[iri] for iri in batch])))
        for batch in _batches(members)
    ]
    return _fetch(remote, queries, progress)


def find_concept(remote: Remote, label: str, vocab: Glossary, test: str | None = None) -> URIRef:
    """The one concept that ``label`` names (a label in any language, or the IRI); ``test``,
    a filter on ``?c``, widens what counts (default: typed as a concept or a kind).

    An IRI, or a label exactly as stored (untagged or in a language of the vocabulary's
    schemes, ``en`` or ``de``), is looked up in the server's index. Otherwise the server
    narrows the candidates by a case-insensitive ``CONTAINS`` of the label's longest word
    (a scan of every label) and the match is the same folding of case, accents and spacing
    as on a file.
    """
    types = values_block(["type"], [[t] for t in _concept_types(vocab)])
    test = test or f"FILTER EXISTS {{ {types} ?c a ?type }}"
    if ":" in label and not any(c.isspace() for c in label):
        pattern = f"{values_block(['c'], [[URIRef(label)]])} {test}"
        if select_rows(remote, _query(remote, "SELECT ?c WHERE { %s }", pattern)).rows:
            return URIRef(label)
    text = " ".join(label.split())
    languages = sorted({"en", "de"} | {o.language for o in vocab.graph.objects() if isinstance(o, Literal) and o.language})
    forms = [[Literal(text)]] + [[Literal(text, lang=lang)] for lang in languages]
    exact = {row[0] for row in _pages(remote, _FIND, _fill(_FIND_EXACT, labels=values_block(["l"], forms), test=test),
                                      "?c ?l") if isinstance(row[0], URIRef)}
    if exact:
        return _one(remote, label, exact)
    wanted = normalize_label(label)
    words = sorted("".join(c if c.isalnum() and c.isascii() else " " for c in label.casefold()).split(), key=len)
    needle = label.casefold() if not words else words[-1]
    pattern = _fill(_FIND_PATTERN, needle=values_block(["needle"], [[Literal(needle)]]), test=test)
    hits: set[URIRef] = set()
    for iri, text in _pages(remote, _FIND, pattern, "?c ?l"):
        if isinstance(iri, URIRef) and normalize_label(str(text)) == wanted:
            hits.add(iri)
    return _one(remote, label, hits)


def _one(remote: Remote, label: str, hits: set[URIRef]) -> URIRef:
    if len(hits) == 1:
        return next(iter(hits))
    if not hits:
        raise ConceptNotFound(f"no concept in {remote.where()} is labelled {label!r}")
    raise ConceptNotFound(f"{label!r} labels several concepts in {remote.where()}: "
                          f"{', '.join(sorted(str(h) for h in hits))}; give the IRI instead")


def neighbourhood(
    remote: Remote, focus: str, depth: int, progress: ByteProgress | None = None,
) -> tuple[Glossary, URIRef]:
    """The concepts up to ``depth`` relation steps from ``focus`` (either direction), as a
    part (:func:`part_of`), and the focus concept's IRI."""
    vocab = vocabulary_part(remote)
    start = find_concept(remote, focus, vocab)
    types = values_block(["type"], [[t] for t in _concept_types(vocab)])
    excluded = ", ".join(f"<{p}>" for p in sorted(NOT_RELATIONS))
    reached = {start}
    frontier = [start]
    for _ in range(depth):
        found: set[URIRef] = set()
        for batch in _batches(sorted(frontier)):
            pattern = _fill(_STEP_PATTERN, f=values_block(["f"], [[iri] for iri in batch]), types=types, excluded=excluded)
            found.update(row[0] for row in _pages(remote, _STEP, pattern, "?n") if isinstance(row[0], URIRef))
        frontier = sorted(found - reached)
        reached |= found
        if not frontier:
            break
    return part_of(remote, reached, progress), start


def kind_names(vocab: Glossary) -> dict[str, set[URIRef]]:
    """Folded names (IRI, local name, labels) of the kinds, each to the kinds it names."""
    return {name: {URIRef(k) for k in kinds} for name, kinds in kind_key_names(vocab).items()}


def concepts_of_kinds(
    remote: Remote, kinds: Sequence[str], progress: ByteProgress | None = None,
) -> Glossary:
    """The part (:func:`part_of`) holding the concepts of ``kinds`` (labels, local names or
    IRIs of kind classes); an unknown kind is a :class:`ConceptNotFound` listing the kinds."""
    vocab = vocabulary_part(remote)
    index = kind_names(vocab)
    chosen: set[URIRef] = set()
    for name in kinds:
        hits = index.get(normalize_label(name))
        if not hits:
            known = ", ".join(sorted({vocab.label(k, "en") for k in _concept_types(vocab)}, key=str.casefold))
            raise ConceptNotFound(f"no kind is called {name!r}; {remote.where()} has: {known}")
        chosen |= hits
    pattern = values_block(["type"], [[k] for k in sorted(chosen)]) + " ?c a ?type . FILTER(isIRI(?c))"
    members = [row[0] for row in _pages(remote, _OF_KINDS, pattern, "?c") if isinstance(row[0], URIRef)]
    return part_of(remote, members, progress)


def has_concepts(remote: Remote, vocab: Glossary) -> bool:
    """Whether the server's graph holds any concept (an OWL ontology without SKOS holds none)."""
    types = values_block(["type"], [[t] for t in _concept_types(vocab)])
    rows = select_rows(remote, _query(remote, "SELECT ?c WHERE { %s } LIMIT 1", f"{types} ?c a ?type ."))
    return bool(rows.rows)


#: How many language-tagged labels :func:`dominant_language` counts on a server.
LANGUAGE_SAMPLE = 20_000


def dominant_language(remote: Remote) -> str | None:
    """The most common label language of the vocabulary on the server (ties: the first sorted),
    as :func:`revops_graph.model.labels.dominant_language` finds it in a file, so a part speaks
    the language the whole would. Counted over the first :data:`LANGUAGE_SAMPLE` tagged labels
    the server gives: all of them in a vocabulary of some thousand terms, and a count over a
    million terms' labels took longer than fetching a focus map's part."""
    from ..model.labels import SEARCH_PREDICATES

    values = " ".join(f"<{p}>" for p in SEARCH_PREDICATES)
    sample = remote.scoped(f"VALUES ?p {{ {values} }} ?s ?p ?o FILTER(LANG(?o) != \"\")")
    query = (
        "SELECT ?lang (COUNT(*) AS ?n) WHERE { { SELECT ?o WHERE { %s } LIMIT %d } BIND(LCASE(LANG(?o)) AS ?lang) } "
        "GROUP BY ?lang ORDER BY DESC(?n) ?lang LIMIT 1" % (sample, LANGUAGE_SAMPLE)
    )
    rows = select_rows(remote, query).rows
    return str(rows[0][0]) if rows and rows[0][0] is not None else None
