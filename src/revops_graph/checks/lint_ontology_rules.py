"""Lint rules from the OOPS! pitfall catalogue: P04 unconnected elements, P08 missing annotations, P11 missing domain or range, P22 inconsistent naming."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .lint_report import RDF_TYPE, LintContext, LintFinding

if TYPE_CHECKING:
    pass



_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"


_CLASSES = (_OWL + "Class", _RDFS + "Class")


_OBJECT_DATA = (_OWL + "ObjectProperty", _OWL + "DatatypeProperty")
_PROPERTIES = (*_OBJECT_DATA, "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property")


_LABELS = (_RDFS + "label", "http://www.w3.org/2004/02/skos/core#prefLabel")
_DESCRIPTIONS = (_RDFS + "comment", "http://www.w3.org/2004/02/skos/core#definition", "http://purl.org/dc/terms/description")


# schema.org attaches properties to classes with these instead of rdfs:domain / rdfs:range
_DOMAINS = (_RDFS + "domain", *(ns + "domainIncludes" for ns in ("http://schema.org/", "https://schema.org/")))
_RANGES = (_RDFS + "range", *(ns + "rangeIncludes" for ns in ("http://schema.org/", "https://schema.org/")))
_SUBCLASS, _INVERSE = _RDFS + "subClassOf", _OWL + "inverseOf"


def check_p04_unconnected(ctx: LintContext) -> Iterator[LintFinding]:
    has = ctx.has
    for cls in ctx.declared(_CLASSES):
        connected = (
            has(cls, _SUBCLASS, None) or has(None, _SUBCLASS, cls) or has(None, RDF_TYPE, cls)
            or any(has(None, p, cls) for p in (*_DOMAINS, *_RANGES))
        )
        if not connected:
            yield LintFinding(
                "oops-p04-unconnected", "warning", ctx.label(cls),
                f"the class {ctx.qname(cls)} is connected to nothing (no superclass, subclass, property or instance)",
                "place it under a superclass or use it as a domain/range, or remove it",
            )
    for prop in ctx.declared(_PROPERTIES):
        connected = any(has(prop, p, None) for p in (*_DOMAINS, *_RANGES, _INVERSE, _RDFS + "subPropertyOf"))
        if not connected and not has(None, prop, None) and not has(None, _INVERSE, prop):
            yield LintFinding(
                "oops-p04-unconnected", "warning", ctx.label(prop),
                f"the property {ctx.qname(prop)} is connected to nothing (no domain, range, inverse or use)",
                "give it a domain and range, or remove it",
            )


def check_p08_annotations(ctx: LintContext) -> Iterator[LintFinding]:
    for element in ctx.declared((*_CLASSES, *_PROPERTIES)):
        missing = []
        if not any(ctx.has(element, p, None) for p in _LABELS):
            missing.append("rdfs:label")
        if not any(ctx.has(element, p, None) for p in _DESCRIPTIONS):
            missing.append("rdfs:comment or skos:definition")
        if missing:
            yield LintFinding(
                "oops-p08-missing-annotation", "warning", ctx.label(element),
                f"{ctx.qname(element)} has no {' and no '.join(missing)}",
                f"add {' and '.join(missing)}{ctx.in_languages()}",
            )


def check_p11_domain_range(ctx: LintContext) -> Iterator[LintFinding]:
    for prop in ctx.declared(_OBJECT_DATA):
        missing = [name for ps, name in ((_DOMAINS, "rdfs:domain"), (_RANGES, "rdfs:range"))
                   if not any(ctx.has(prop, p, None) for p in ps)]
        if missing:
            yield LintFinding(
                "oops-p11-missing-domain-range", "warning", ctx.label(prop),
                f"{ctx.qname(prop)} has no {' and no '.join(missing)}",
                f"declare {' and '.join(missing)} so tools and SHACL shapes know what it links",
            )


_STYLES: dict[str, re.Pattern[str]] = {
    "kebab-case": re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$"),
    "snake_case": re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$"),
    # acronyms run on in camel case (schema:NGO, URL, RDFData): a capital after a capital is no other style
    "lowerCamelCase": re.compile(r"^[a-z][a-z0-9]*(?:[A-Z][A-Za-z0-9]*)+$"),
    "UpperCamelCase": re.compile(r"^[A-Z][A-Za-z0-9]*$"),
}


def _local(iri: str) -> str:
    return re.split(r"[#/:]", iri.rstrip("/#"))[-1]


def _style(name: str) -> str | None:
    """The naming style of ``name``; ``None`` for a single lowercase word, which fits several."""
    if re.fullmatch(r"[a-z][a-z0-9]*", name):
        return None
    return next((style for style, pattern in _STYLES.items() if pattern.match(name)), "mixed")


def _minority(ctx: LintContext, elements: Iterable[str], what: str) -> Iterator[LintFinding]:
    """Names not in the style most ``what`` names of the data share, told against that majority."""
    styles = {e: style for e in elements if (style := _style(_local(e))) is not None}
    if len(styles) < 2:
        return
    counts = Counter(styles.values())
    usual = min(counts, key=lambda s: (-counts[s], s))
    for element, style in sorted(styles.items()):
        if style != usual:
            yield LintFinding(
                "oops-p22-naming", "warning", ctx.label(element),
                f"the {what} {ctx.qname(element)} is {style}; {counts[usual]} of {len(styles)} {what}s are {usual}",
                f"name it in {usual}, as the others are",
            )


def check_p22_naming(ctx: LintContext) -> Iterator[LintFinding]:
    """Inconsistent naming: each sort (classes, properties, concept IRIs) against its own majority."""
    yield from _minority(ctx, ctx.declared(_CLASSES), "class name")
    yield from _minority(ctx, ctx.declared(_PROPERTIES), "property name")
    yield from _minority(ctx, ctx.glossary.terms.concepts, "concept IRI")
