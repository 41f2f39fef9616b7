"""SHACL shapes run as SPARQL queries on an in-memory Oxigraph store.

pySHACL walks every focus node in Python and needs minutes for a glossary of 10,000
concepts. The shapes of ``ontology/shapes.ttl`` use a small part of SHACL, and each
constraint of that part is one SPARQL query over all focus nodes at once. This module
compiles a shapes graph into such queries and runs them; :func:`compile_shapes` raises
:class:`Unsupported` for anything outside that part (and for a constraint without an
``sh:message``, whose wording only pySHACL knows), so the caller can fall back to pySHACL.

Supported: targets ``sh:targetClass``, ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``,
``sh:targetNode`` and SHACL-AF ``sh:SPARQLTarget``; on the focus node ``sh:class`` and
``sh:sparql``; on a property shape with an IRI path ``sh:minCount``, ``sh:maxCount``,
``sh:uniqueLang``, ``sh:class``, ``sh:datatype``, ``sh:nodeKind``, ``sh:pattern``,
``sh:in``, ``sh:hasValue`` and ``sh:qualifiedValueShape`` with ``sh:qualifiedMinCount``
(value shapes made of ``sh:languageIn``, ``sh:class``, ``sh:hasValue`` on a path).
A SPARQL constraint is evaluated with ``$this`` unbound and joined with its targets,
which equals pre-binding for constraints that, like ours, bind ``$this`` in a triple
pattern before any ``FILTER NOT EXISTS`` uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from ..io.convert import from_oxigraph, triples_to_oxigraph

__all__ = ["SHAPES_NS", "Check", "Unsupported", "compile_shapes", "rule_id", "run_checks", "store_of"]

#: Namespace of the shapes in ``ontology/shapes.ttl``; a shape's local name is its rule id.
SHAPES_NS = "https://w3id.org/revops-graph/shapes#"
SH = Namespace("http://www.w3.org/ns/shacl#")
_TYPE_PATH = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
# Predicates of a shape that constrain nothing (or that this module reads on purpose).
_QUIET = {RDF.type, RDFS.label, RDFS.comment, SH.message, SH.name, SH.description, SH.severity, SH.order,
          SH.group, SH.property, SH.path, *_TARGETS}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})", SH.Literal: "isLiteral({v})", SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))", SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}


class Unsupported(Exception):
    """The shapes use a SHACL feature this module does not translate."""


@dataclass(frozen=True)
class Check:
    """One constraint as a query binding ``?this`` and, when the result has them, ``?path``/``?value``."""

    rule: str
    message: str
    severity: str
    query: str
    path: URIRef | None = None  # the constant result path of a property shape
    value_is_focus: bool = False  # node-level constraints report the focus node as sh:value


def rule_id(shape: Node | None, shapes: Graph) -> str:
    """The local name of the shape, or of the named shape that holds a blank property shape."""
    if isinstance(shape, BNode):
        shape = next((s for s in shapes.subjects(SH.property, shape) if isinstance(s, URIRef)), shape)
    text = str(shape or "")
    return text[len(SHAPES_NS):] if text.startswith(SHAPES_NS) else (text.rpartition("#")[2] or "shacl")


def _message(shapes: Graph, *nodes: Node) -> str:
    """The first message (sorted, as the report shows) of the first node that has one."""
    for node in nodes:
        messages = sorted(str(m) for m in shapes.objects(node, SH.message))
        if messages:
            return messages[0]
    raise Unsupported(f"no sh:message on {nodes[0]}: only pySHACL knows its default wording")


def _severity(shapes: Graph, node: Node) -> str:
    return str(shapes.value(node, SH.severity) or SH.Violation).rpartition("#")[2].lower()


def _prefixes(shapes: Graph, node: Node) -> str:
    lines = []
    for owner in shapes.objects(node, SH.prefixes):
        for decl in shapes.objects(owner, SH.declare):
            lines.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
    return "\n".join(sorted(set(lines)))


def _list(shapes: Graph, node: Node) -> list[Node]:
    return list(Collection(shapes, node))


def _target_pattern(shapes: Graph, shape: Node) -> tuple[str, str]:
    """(prefix lines, a group pattern binding ``?this`` to every focus node of ``shape``)."""
    parts, prefixes = [], []
    for c in shapes.objects(shape, SH.targetClass):
        parts.append(f"?this {_TYPE_PATH} {c.n3()} .")
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        parts.append(f"?this {p.n3()} ?_t .")
    for p in shapes.objects(shape, SH.targetObjectsOf):
        parts.append(f"?_t {p.n3()} ?this .")
    nodes = list(shapes.objects(shape, SH.targetNode))
    if nodes:
        parts.append("VALUES ?this { " + " ".join(n.n3() for n in nodes) + " }")
    for target in shapes.objects(shape, SH.target):
        if (target, RDF.type, SH.SPARQLTarget) not in shapes or shapes.value(target, SH.select) is None:
            raise Unsupported(f"target {target} of {shape}")
        prefixes.append(_prefixes(shapes, target))
        parts.append("{ " + str(shapes.value(target, SH.select)).replace("$this", "?this") + " }")
    if (shape, RDF.type, RDFS.Class) in shapes:
        raise Unsupported(f"implicit class target of {shape}")
    union = " UNION ".join("{ " + p + " }" for p in parts)
    return "\n".join(p for p in prefixes if p), f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}"


def _value_condition(shapes: Graph, shape: Node, var: str) -> str:
    """A group pattern that holds when ``var`` conforms to the value shape ``shape``."""
    out = []
    for p, o in shapes.predicate_objects(shape):
        if p in (RDF.type, SH.message, RDFS.label, RDFS.comment):
            continue
        if p == SH.languageIn:
            tags = " || ".join(f'langMatches(lang({var}), "{t}")' for t in _list(shapes, o))
            out.append(f"FILTER(isLiteral({var}) && ({tags}))")
        elif p == SH["class"]:
            out.append(f"{var} {_TYPE_PATH} {o.n3()} .")
        elif p == SH.property:
            path, value = _path(shapes, shapes.value(o, SH.path)), shapes.value(o, SH.hasValue)
            rest = set(shapes.predicates(o)) - {RDF.type, SH.message, SH.path, SH.hasValue}
            if value is None or rest:
                raise Unsupported(f"value shape property {o}")
            out.append(f"{var} {path} {value.n3()} .")
        else:
            raise Unsupported(f"{p} in value shape {shape}")
    return " ".join(out)


def _path(shapes: Graph, path: Node | None) -> str:
    if isinstance(path, URIRef):
        return path.n3()
    if path is not None:
        for op, suffix in ((SH.oneOrMorePath, "+"), (SH.zeroOrMorePath, "*")):
            inner = shapes.value(path, op)
            if isinstance(inner, URIRef):
                return f"{inner.n3()}{suffix}"
    raise Unsupported(f"path {path}")


def _select(prefixes: str, target: str, body: str, project: str = "?this") -> str:
    return f"{prefixes}\nSELECT DISTINCT {project} WHERE {{ {target} {body} }}"


def _property_checks(shapes: Graph, prop: Node, prefixes: str, target: str) -> Iterator[Check]:
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise Unsupported(f"path of {prop}")
    p = path.n3()
    rule, severity = rule_id(prop, shapes), _severity(shapes, prop)
    message = _message(shapes, prop)

    def check(body: str, with_value: bool) -> Check:
        project = "?this ?value" if with_value else "?this"
        return Check(rule, message, severity, _select(prefixes, target, body, project), path)

    constraints = set(shapes.predicates(prop)) - _QUIET
    for param in constraints:
        o = shapes.value(prop, param)
        if param == SH.minCount:
            n = int(o)
            yield check(f"FILTER NOT EXISTS {{ ?this {p} ?_v }}" if n == 1 else
                        f"{{ SELECT ?this (COUNT(DISTINCT ?_v) AS ?_n) WHERE {{ {target} OPTIONAL {{ ?this {p} ?_v }} }}"
                        f" GROUP BY ?this }} FILTER(?_n < {n})", False)
        elif param == SH.maxCount:
            yield check(f"{{ SELECT ?this (COUNT(DISTINCT ?_v) AS ?_n) WHERE {{ {target} ?this {p} ?_v }}"
                        f" GROUP BY ?this }} FILTER(?_n > {int(o)})", False)
        elif param == SH.uniqueLang:
            if o.toPython() is True:
                yield check(f"?this {p} ?_a , ?_b . FILTER(isLiteral(?_a) && lang(?_a) != \"\" && "
                            f"LCASE(lang(?_a)) = LCASE(lang(?_b)) && !sameTerm(?_a, ?_b))", False)
        elif param == SH["class"]:
            yield check(f"?this {p} ?value . FILTER NOT EXISTS {{ ?value {_TYPE_PATH} {o.n3()} }}", True)
        elif param == SH.datatype:
            yield check(f"?this {p} ?value . FILTER(!isLiteral(?value) || datatype(?value) != {o.n3()})", True)
        elif param == SH.nodeKind:
            if o not in _NODE_KINDS:
                raise Unsupported(f"sh:nodeKind {o}")
            yield check(f"?this {p} ?value . FILTER(!{_NODE_KINDS[o].format(v='?value')})", True)
        elif param == SH.pattern:
            flags = shapes.value(prop, SH.flags)
            args = f"{Literal(str(o)).n3()}" + (f", {Literal(str(flags)).n3()}" if flags else "")
            yield check(f"?this {p} ?value . FILTER(isBlank(?value) || !regex(str(?value), {args}))", True)
        elif param == SH.flags:
            continue
        elif param == SH["in"]:
            allowed = " || ".join(f"sameTerm(?value, {t.n3()})" for t in _list(shapes, o))
            yield check(f"?this {p} ?value . FILTER(!({allowed or 'false'}))", True)
        elif param == SH.hasValue:
            yield check(f"FILTER NOT EXISTS {{ ?this {p} {o.n3()} }}", False)
        elif param == SH.qualifiedValueShape:
            if shapes.value(prop, SH.qualifiedMaxCount) is not None or shapes.value(
                    prop, SH.qualifiedValueShapesDisjoint) not in (None, Literal(False)):
                raise Unsupported(f"qualified shape options of {prop}")
            n = int(shapes.value(prop, SH.qualifiedMinCount) or 0)
            cond = _value_condition(shapes, o, "?_v")
            if n == 1:
                yield check(f"FILTER NOT EXISTS {{ ?this {p} ?_v . {cond} }}", False)
            elif n > 1:
                yield check(f"{{ SELECT ?this (COUNT(DISTINCT ?_v) AS ?_n) WHERE {{ {target} OPTIONAL "
                            f"{{ ?this {p} ?_v . {cond} }} }} GROUP BY ?this }} FILTER(?_n < {n})", False)
        elif param in (SH.qualifiedMinCount,):
            continue
        else:
            raise Unsupported(f"{param} on {prop}")


def _node_checks(shapes: Graph, shape: Node) -> Iterator[Check]:
    prefixes, target = _target_pattern(shapes, shape)
    rule, severity = rule_id(shape, shapes), _severity(shapes, shape)
    for param in set(shapes.predicates(shape)) - _QUIET - {SH["class"], SH.sparql, SH.prefixes}:
        raise Unsupported(f"{param} on {shape}")
    for cls in shapes.objects(shape, SH["class"]):
        body = f"FILTER NOT EXISTS {{ ?this {_TYPE_PATH} {cls.n3()} }}"
        yield Check(rule, _message(shapes, shape), severity, _select(prefixes, target, body), value_is_focus=True)
    for constraint in shapes.objects(shape, SH.sparql):
        select = shapes.value(constraint, SH.select)
        if select is None or shapes.value(constraint, SH.deactivated) is not None:
            raise Unsupported(f"SPARQL constraint {constraint}")
        body = "{ " + str(select).replace("$this", "?this") + " }"
        pre = "\n".join(x for x in (prefixes, _prefixes(shapes, constraint)) if x)
        yield Check(rule, _message(shapes, constraint, shape), _severity(shapes, constraint),
                    _select(pre, target, body, "*"), value_is_focus=True)
    for prop in shapes.objects(shape, SH.property):
        yield from _property_checks(shapes, prop, prefixes, target)


def compile_shapes(shapes: Graph) -> list[Check]:
    """Every constraint of every targeted shape in ``shapes`` as a :class:`Check`.

    Raises :class:`Unsupported` when a shape needs a feature outside the supported part.
    """
    if any(True for _ in shapes.triples((None, SH.deactivated, None))):
        raise Unsupported("sh:deactivated")
    shaped = {s for t in _TARGETS for s in shapes.subjects(t, None)}
    return [check for shape in sorted(shaped) for check in _node_checks(shapes, shape)]


def store_of(*graphs: Graph) -> ox.Store:
    """An in-memory Oxigraph store holding the triples of ``graphs`` in its default graph."""
    store = ox.Store()
    for graph in graphs:
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples_to_oxigraph(graph))
    return store


def _substitute(message: str, row: dict[str, Node]) -> str:
    for name, term in row.items():
        message = message.replace(f"{{?{name}}}", str(term)).replace(f"{{${name}}}", str(term))
    return message


def run_checks(checks: list[Check], store: ox.Store) -> list[tuple[Node, Node | None, Node | None, str, str, str]]:
    """Results as ``(focus, path, value, rule, message, severity)``, as pySHACL reports them."""
    out = []
    for check in checks:
        solutions = store.query(check.query)
        names = [v.value for v in solutions.variables]
        for solution in solutions:
            row = {n: from_oxigraph(solution[n]) for n in names if solution[n] is not None}
            focus = row["this"]
            path = row.get("path", check.path)
            value = row.get("value", focus if check.value_is_focus else None)
            out.append((focus, path, value, check.rule, _substitute(check.message, row), check.severity))
    return out
