"""A term's page: labels in every language, definition, notes, relations both ways, sources,
known gaps, its neighbourhood on the concept map, its IRI and its description as files."""

from __future__ import annotations

from itertools import groupby

import pyoxigraph as ox

from .html import Frame, attr, esc, external, local_name
from .languages import language_name, pick
from .paths import relative, term_path
from .terms import OWL, RDFS, Link, SiteTerm, text

__all__ = ["term_page"]

#: A term page links to at most about this many terms (a list shows at most 60): each list
#: (one relation's targets, a class's instances, a property's uses) shows its share and
#: counts the rest, so a hub of a 10,000-concept vocabulary with thousands of relations
#: still gets a page under 50 KB; the SPARQL page answers for the rest.
PAGE_LINKS = 150

_DOMAIN, _RANGE, _SUBCLASS_OF, _OWL_CLASS = RDFS + "domain", RDFS + "range", RDFS + "subClassOf", OWL + "Class"


def _cap(lists: int) -> int:
    return max(5, min(60, PAGE_LINKS // max(lists, 1)))


def _capped(frame: Frame, page: str, items: list[str], cap: int) -> str:
    """``<ul>`` of the first ``cap`` items, and how many more there are."""
    shown = "".join(f"<li>{item}</li>" for item in items[:cap])
    if len(items) > cap:
        sparql = attr(relative(page, "sparql.html"))
        shown += f'<li>… {len(items) - cap} {frame.word("more")} (<a href="{sparql}">SPARQL</a>)</li>'
    return f"<ul>{shown}</ul>"


def _section(frame: Frame, key: str, inner: str) -> str:
    return f'<section aria-labelledby="h-{key}"><h2 id="h-{key}">{frame.word(key, "span")}</h2>\n{inner}\n</section>'


def _lines(frame: Frame, lines: tuple[int, ...]) -> str:
    if not lines:
        return ""
    return f' <span class="lines">({frame.word("line")} {", ".join(str(n) for n in lines)})</span>'


def _links(frame: Frame, page: str, links: tuple[Link, ...], outward: bool, cap: int) -> str:
    rows = []
    # incoming links come sorted by subject: group them by predicate (a stable sort keeps the order within)
    for predicate, group in groupby(sorted(links, key=lambda link: link.predicate), key=lambda link: link.predicate):
        group = list(group)
        items = [frame.text(link.value) if link.value is not None
                 else f"{frame.link(page, link.other)}{_lines(frame, link.lines)}" for link in group[:cap]]
        items += [""] * (len(group) - len(items))  # counted, not shown
        rows.append(f"<dt>{frame.link(page, predicate)}</dt><dd>{_capped(frame, page, items, cap)}</dd>")
    return f'<dl class="{"out" if outward else "in"}">{"".join(rows)}</dl>'


def _labels_table(frame: Frame, term: SiteTerm) -> str:
    langs = sorted(set(term.labels) | set(term.alt))
    rows = []
    for lang in langs:
        tag = attr(lang)
        name = esc(language_name(lang)) if lang else "—"
        pref = "<br>".join(esc(x) for x in term.labels.get(lang, ()))
        alt = "<br>".join(esc(x) for x in term.alt.get(lang, ()))
        rows.append(f'<tr><th scope="row"><code>{esc(lang) or "—"}</code> {name}</th>'
                    f'<td lang="{tag}">{pref}</td><td lang="{tag}">{alt}</td></tr>')
    head = (f'<tr><th scope="col">{frame.word("language-tag")}</th><th scope="col">{frame.word("preferred")}</th>'
            f'<th scope="col">{frame.word("alternative")}</th></tr>')
    return f'<table class="labels"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _sentences(frame: Frame, sentences: tuple[str, ...]) -> str:
    quotes = []
    for iri in sentences:
        line, text = frame.vocabulary.sentences.get(iri, (None, {}))
        where = f'<span class="line">{frame.word("line")} {line}</span> ' if line is not None else ""
        quotes.append(f"<blockquote>{where}{frame.text(text, iri, tag='span')}</blockquote>")
    return "\n".join(quotes)


def _property_facts(frame: Frame, page: str, term: SiteTerm, cap: int) -> str:
    vocab = frame.vocabulary
    facts = []
    for key, values in (("domain", vocab.objects(term.iri, _DOMAIN)), ("range", vocab.objects(term.iri, _RANGE))):
        found = sorted(v.value for v in values if type(v) is ox.NamedNode)
        if found:
            facts.append(f'<dt>{frame.word(key)}</dt><dd>{", ".join(frame.link(page, v) for v in found)}</dd>')
    inverse = vocab.glossary.inverse_key(term.iri)
    if inverse is not None:
        facts.append(f'<dt>{frame.word("inverse")}</dt><dd>{frame.link(page, inverse)}</dd>')
    used = vocab.uses(term.iri)
    if used:
        items = [f"{frame.link(page, text(s))} → "
                 + (frame.link(page, o.value) if type(o) is ox.NamedNode else frame.text({"": (text(o),)}))
                 for s, o in used[:cap]]
        items += [""] * (len(used) - len(items))  # counted, not shown
        facts.append(f'<dt>{frame.word("usedIn")} ({len(used)})</dt><dd>{_capped(frame, page, items, cap)}</dd>')
    return f'<dl class="facts">{"".join(facts)}</dl>' if facts else ""


def _class_facts(frame: Frame, page: str, term: SiteTerm, cap: int) -> str:
    vocab = frame.vocabulary
    facts = []
    supers = sorted(o.value for o in vocab.objects(term.iri, _SUBCLASS_OF) if type(o) is ox.NamedNode)
    subs = vocab.children(term.iri, "class")
    instances = vocab.instances.get(term.iri, [])
    groups = [(frame.word("superclasses"), supers), (frame.word("subclasses"), subs),
              (f'{frame.word("instances")} ({len(instances)})', instances)]
    for key, prop in (("domain", _DOMAIN), ("range", _RANGE)):
        found = sorted(s.value for s in vocab.subjects(prop, term.iri) if s.value in vocab.sorts)
        groups.append((f'{frame.word("properties")} ({frame.word(key)})', found))
    for name, found in groups:
        if found:
            items = [frame.link(page, v) for v in found[:cap]] + [""] * max(0, len(found) - cap)
            facts.append(f"<dt>{name}</dt><dd>{_capped(frame, page, items, cap)}</dd>")
    return f'<dl class="facts">{"".join(facts)}</dl>' if facts else ""


def term_page(frame: Frame, term: SiteTerm, mapped: bool) -> str:
    """The HTML of ``term``'s page; ``mapped``: the term is a node of the site's map."""
    page = term.path
    vocab = frame.vocabulary
    lists = len({(True, link.predicate) for link in term.outgoing} | {(False, link.predicate) for link in term.incoming})
    cap = _cap(lists + (5 if term.sort in ("class", "property") else 0))
    local = local_name(term.iri)
    parts = [f'<p class="sort">{frame.word(term.sort)}'
             + "".join(f' · {frame.link(page, t)}' for t in term.types if t in vocab.sorts and t != _OWL_CLASS)
             + "</p>",
             f'<h1>{frame.text(term.labels, local)}</h1>',
             f'<p class="iri">{frame.word("iri")}: {external(term.iri, f"<code>{esc(term.iri)}</code>")}</p>']
    if term.definitions:
        parts.append(_section(frame, "definition", frame.text(term.definitions, tag="p")))
    parts.append(_section(frame, "labels", _labels_table(frame, term)))
    if term.notation:
        parts.append(_section(frame, "notation", " ".join(f"<code>{esc(n)}</code>" for n in term.notation)))
    if term.sort == "property":
        parts.append(_property_facts(frame, page, term, cap))
    elif term.sort == "class":
        parts.append(_class_facts(frame, page, term, cap))
    if term.outgoing:
        parts.append(_section(frame, "outgoing", _links(frame, page, term.outgoing, True, cap)))
    if term.incoming:
        parts.append(_section(frame, "incoming", _links(frame, page, term.incoming, False, cap)))
    if term.notes:
        parts.append(_section(frame, "notes", "".join(
            f"<h3>{frame.link(page, p)}</h3>{frame.text(values, tag='p')}" for p, values in term.notes)))
    if term.gaps:
        gaps = []
        for gap in term.gaps:
            text, said = vocab.gap(gap)
            gaps.append(f'<div class="gap">{frame.text(text, gap, tag="p")}{_sentences(frame, said)}</div>')
        parts.append(_section(frame, "gaps", "\n".join(gaps)))
    if term.sources:
        parts.append(_section(frame, "sources", _sentences(frame, term.sources)))
    if mapped:
        # One shared map page shows the term named in its fragment: with ?near only the term
        # and the terms one relation away (the neighbourhood map), without it the whole map
        # focused there. A map per term would copy the renderer into every page.
        target = attr(relative(page, "map.html") + "#" + term.iri)
        near = attr(relative(page, "map.html") + "?near#" + term.iri)
        parts.append(_section(frame, "neighbourhood",
                              f'<iframe class="neighbourhood" loading="lazy" src="{near}" title="map"></iframe>'
                              f'<p><a href="{target}">{frame.word("openMap")}</a></p>'))
    ttl, jsonld = (relative(page, term_path(term.iri, s)) for s in (".ttl", ".jsonld"))
    parts.append(_section(frame, "download", f'<ul class="files"><li><a href="{attr(ttl)}" download>Turtle</a></li>'
                                             f'<li><a href="{attr(jsonld)}" download>JSON-LD</a></li></ul>'))
    title = esc(pick(term.labels, frame.lang, local_name(term.iri))[0])
    return frame.page(page, title, "\n".join(parts))
