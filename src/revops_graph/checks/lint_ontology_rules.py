"""Lint rules from the OOPS! pitfall catalogue: P04 unconnected elements, P08 missing annotations, P11 missing domain or range, P22 inconsistent naming."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from .lint_report import LintFinding, LintContext

if TYPE_CHECKING:
    pass



_CLASSES = (OWL.Class, RDFS.Class)


_PROPERTIES = (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)


_DESCRIPTIONS = (RDFS.comment, SKOS.definition, DCTERMS.description)


def check_p04_unconnected(ctx: LintContext) -> Iterator[LintFinding]:
    g = ctx.graph
    for cls in ctx.declared(_CLASSES):
        connected = (
            (cls, RDFS.subClassOf, None) in g or (None, RDFS.subClassOf, cls) in g
            or (None, RDFS.domain, cls) in g or (None, RDFS.range, cls) in g or (None, RDF.type, cls) in g
        )
        if not connected:
            yield LintFinding(
                "oops-p04-unconnected", "warning", ctx.label(cls),
                f"the class {ctx.qname(cls)} is connected to nothing (no superclass, subclass, property or instance)",
                "place it under a superclass or use it as a domain/range, or remove it",
            )
    for prop in ctx.declared(_PROPERTIES):
        connected = any((prop, p, None) in g for p in (RDFS.domain, RDFS.range, OWL.inverseOf, RDFS.subPropertyOf))
        if not connected and (None, prop, None) not in g and (None, OWL.inverseOf, prop) not in g:
            yield LintFinding(
                "oops-p04-unconnected", "warning", ctx.label(prop),
                f"the property {ctx.qname(prop)} is connected to nothing (no domain, range, inverse or use)",
                "give it a domain and range, or remove it",
            )


def check_p08_annotations(ctx: LintContext) -> Iterator[LintFinding]:
    g = ctx.graph
    for element in ctx.declared((*_CLASSES, *_PROPERTIES)):
        missing = []
        if (element, RDFS.label, None) not in g and (element, SKOS.prefLabel, None) not in g:
            missing.append("rdfs:label")
        if not any((element, p, None) in g for p in _DESCRIPTIONS):
            missing.append("rdfs:comment or skos:definition")
        if missing:
            yield LintFinding(
                "oops-p08-missing-annotation", "warning", ctx.label(element),
                f"{ctx.qname(element)} has no {' and no '.join(missing)}",
                f"add {' and '.join(missing)} in German and English",
            )


def check_p11_domain_range(ctx: LintContext) -> Iterator[LintFinding]:
    g = ctx.graph
    for prop in ctx.declared((OWL.ObjectProperty, OWL.DatatypeProperty)):
        missing = [name for p, name in ((RDFS.domain, "rdfs:domain"), (RDFS.range, "rdfs:range")) if (prop, p, None) not in g]
        if missing:
            yield LintFinding(
                "oops-p11-missing-domain-range", "warning", ctx.label(prop),
                f"{ctx.qname(prop)} has no {' and no '.join(missing)}",
                f"declare {' and '.join(missing)} so tools and SHACL shapes know what it links",
            )


_STYLES: dict[str, re.Pattern[str]] = {
    "kebab-case": re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
    "snake_case": re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$"),
    "lowerCamelCase": re.compile(r"^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$"),
    "UpperCamelCase": re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$"),
}


def _local(iri: str) -> str:
    return re.split(r"[#/:]", iri.rstrip("/#"))[-1]


def _style(name: str) -> str:
    return next((style for style, pattern in _STYLES.items() if pattern.match(name)), "mixed")


def check_p22_naming(ctx: LintContext) -> Iterator[LintFinding]:
    expected = [(cls, "UpperCamelCase", "class") for cls in ctx.declared(_CLASSES)]
    expected += [(p, "lowerCamelCase", "property") for p in ctx.declared(_PROPERTIES)]
    for element, style, what in expected:
        name = _local(str(element))
        if not (_STYLES[style].match(name) or (style == "lowerCamelCase" and re.fullmatch(r"[a-z][a-z0-9]*", name))):
            yield LintFinding(
                "oops-p22-naming", "warning", ctx.label(element),
                f"the {what} name {name!r} is not {style} like the other {what} names",
                f"rename {ctx.qname(element)} in {style}",
            )
    # a single lowercase word ("sales") fits kebab-case and snake_case alike: it takes no side
    styles = {iri: _style(_local(str(iri))) for iri in ctx.glossary.concept_iris
              if not re.fullmatch(r"[a-z0-9]+", _local(str(iri)))}
    if len(styles) < 2:
        return
    counts = Counter(styles.values())
    usual = max(sorted(counts), key=lambda s: counts[s])
    for iri, style in sorted(styles.items()):
        if style != usual:
            yield LintFinding(
                "oops-p22-naming", "warning", ctx.label(iri),
                f"the concept IRI {ctx.qname(iri)} is {style}; {counts[usual]} of {len(styles)} concept IRIs are {usual}",
                f"name the concept's IRI in {usual}",
            )
