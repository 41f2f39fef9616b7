"""Generate synthetic glossaries in the revops-graph model, for benchmarks.

Each concept is a ``skos:Concept`` and one ``rog:`` kind, in one concept scheme, with a
German and an English ``skos:prefLabel``, zero to two ``skos:altLabel``s, a definition
in each language, a ``dcterms:source`` sentence, and typed ``rog:`` relations to other
concepts. Out-degrees follow a Pareto law (most concepts have one or two relations, a
few have dozens) and targets are drawn with a bias towards low indices, so in-degrees
are heavy-tailed too (a few hub concepts, as in real glossaries). About 3 % of the
relations are reified as ``rdf:Statement``s with ``rog:statedIn``, like the embedded
glossary's provenance. About 12.8 triples per concept (1.28 M for 100k).

Everything is derived from the seed and the concept's index, and concepts are written
one at a time, so 1,000,000 concepts need no more memory than 1,000::

    python benchmarks/generate.py --sizes 1k 10k 100k          # Turtle and N-Triples
    python benchmarks/generate.py --sizes 1M --formats ttl     # only Turtle

Files go to ``benchmarks/data/`` (git-ignored): ``glossary-10k.ttl``, ``glossary-10k.nt``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_SEED = 42

ROG = "https://w3id.org/revops-graph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
BASE = "https://example.org/bench-glossary/"

PREFIXES = {"dcterms": DCTERMS, "ex": BASE, "rdf": RDF, "rdfs": RDFS, "rog": ROG, "skos": SKOS, "xsd": XSD}

# Label vocabulary: qualifier x subject x function x context gives 1,024,000 distinct
# labels, so every size up to 1M gets unique preferred labels in both languages.
QUALIFIERS = [
    ("Regional", "regional"), ("Global", "global"), ("Quarterly", "quartalsweise"),
    ("Annual", "jährlich"), ("Monthly", "monatlich"), ("Strategic", "strategisch"),
    ("Operational", "operativ"), ("Inbound", "eingehend"), ("Outbound", "ausgehend"),
    ("Enterprise", "Konzern"), ("Partner", "Partner"), ("Digital", "digital"),
    ("Net", "netto"), ("Gross", "brutto"), ("Weighted", "gewichtet"), ("Projected", "prognostiziert"),
]
SUBJECTS = [
    ("Revenue", "Umsatz"), ("Sales", "Vertriebs"), ("Marketing", "Marketing"), ("Customer", "Kunden"),
    ("Pipeline", "Pipeline"), ("Lead", "Lead"), ("Account", "Account"), ("Contract", "Vertrags"),
    ("Billing", "Abrechnungs"), ("Pricing", "Preis"), ("Quota", "Quoten"), ("Territory", "Gebiets"),
    ("Renewal", "Verlängerungs"), ("Churn", "Abwanderungs"), ("Upsell", "Upsell"), ("Campaign", "Kampagnen"),
    ("Channel", "Kanal"), ("Product", "Produkt"), ("Subscription", "Abonnement"), ("Invoice", "Rechnungs"),
    ("Opportunity", "Verkaufschancen"), ("Deal", "Abschluss"), ("Forecast", "Prognose"), ("Commission", "Provisions"),
    ("Discount", "Rabatt"), ("Onboarding", "Onboarding"), ("Support", "Support"), ("Retention", "Bindungs"),
    ("Expansion", "Expansions"), ("Segment", "Segment"), ("Persona", "Persona"), ("Funnel", "Trichter"),
    ("Booking", "Buchungs"), ("Order", "Auftrags"), ("Payment", "Zahlungs"), ("Collection", "Inkasso"),
    ("Margin", "Margen"), ("Cost", "Kosten"), ("Budget", "Budget"), ("Receivables", "Forderungs"),
]
FUNCTIONS = [
    ("process", "prozess", "Process"), ("metric", "kennzahl", "Metric"), ("report", "bericht", "Resource"),
    ("dashboard", "dashboard", "Tool"), ("model", "modell", "OperatingModel"), ("policy", "richtlinie", "Resource"),
    ("plan", "plan", "Resource"), ("review", "prüfung", "Process"), ("score", "score", "Quantity"),
    ("rate", "quote", "Metric"), ("ratio", "verhältnis", "Metric"), ("stage", "phase", "JourneyStage"),
    ("workflow", "workflow", "Process"), ("team", "team", "BusinessFunction"), ("system", "system", "Tool"),
    ("tool", "werkzeug", "Tool"), ("cycle", "zyklus", "Lifecycle"), ("strategy", "strategie", "Discipline"),
    ("analysis", "analyse", "Process"), ("target", "ziel", "Outcome"), ("threshold", "schwelle", "Quantity"),
    ("playbook", "playbook", "Resource"), ("handoff", "übergabe", "Process"), ("audit", "audit", "Process"),
    ("index", "index", "Metric"), ("cohort", "kohorte", "Resource"), ("backlog", "rückstand", "Quantity"),
    ("velocity", "geschwindigkeit", "Metric"), ("coverage", "abdeckung", "Metric"), ("capacity", "kapazität", "Quantity"),
    ("quality", "qualität", "Outcome"), ("hygiene", "hygiene", "Outcome"), ("governance", "steuerung", "Discipline"),
    ("attribution", "zuordnung", "Process"), ("enablement", "befähigung", "Discipline"),
    ("operations", "betrieb", "BusinessFunction"), ("management", "management", "Discipline"),
    ("planning", "planung", "Process"), ("tracking", "verfolgung", "Process"), ("routing", "zuweisung", "Process"),
]
REGIONS = ["EMEA", "DACH", "APAC", "LATAM", "Nordics", "Benelux", "UK&I", "North America"]
SEGMENTS = [("SMB", "KMU"), ("Mid-Market", "Mittelstand"), ("Enterprise", "Großkunden"),
            ("Public Sector", "Öffentlicher Sektor"), ("Partner", "Partner")]
CONTEXTS = [(f"{r}, {s_en}", f"{r}, {s_de}") for r in REGIONS for s_en, s_de in SEGMENTS]

LABEL_SPACE = len(QUALIFIERS) * len(SUBJECTS) * len(FUNCTIONS) * len(CONTEXTS)
# A multiplier coprime to LABEL_SPACE scatters neighbouring indices across the label space.
_SCATTER = 7919

# Forward relations (inverses are declared in rog.ttl), weighted as in the embedded glossary.
RELATIONS = [
    ("comprises", 6), ("includes", 6), ("supports", 5), ("concerns", 4), ("hasInput", 3),
    ("aligns", 2), ("manages", 2), ("assesses", 2), ("focusesOn", 2), ("aimsAt", 2),
    ("isToolWithin", 1), ("centralizes", 1), ("unifies", 1), ("hasStage", 1), ("precedes", 1),
    ("goesBeyond", 1), ("contrastsWith", 1),
]
_REL_NAMES = [name for name, _ in RELATIONS]
_REL_WEIGHTS = [w for _, w in RELATIONS]
KINDS = sorted({kind for _, _, kind in FUNCTIONS})

SENTENCE_EVERY = 20  # one source sentence per 20 concepts
REIFY_SHARE = 0.03
MAX_DEGREE = 60

DEFINITIONS_EN = [
    "The {f} that {org} uses to steer {s} work for {ctx}.",
    "A {q} {f} for {s} activities in {ctx}, reviewed by revenue operations.",
    "{S} {f} agreed between sales, marketing and customer success for {ctx}.",
]
DEFINITIONS_DE = [
    "{Label}: {art} {F}, mit dem das Unternehmen die Arbeit am Thema {S} für {ctx} steuert.",
    "{Label} beschreibt {art} {F} ({q}) für {ctx}, abgestimmt mit Revenue Operations.",
    "Zwischen Vertrieb, Marketing und Customer Success vereinbart: {F} für {ctx}.",
]


def parse_size(text: str) -> int:
    """``"10k"`` -> 10000, ``"1M"`` -> 1000000, ``"2500"`` -> 2500."""
    text = text.strip()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    number = text[:-1] if factor != 1 else text
    return int(float(number) * factor)


def size_name(n: int) -> str:
    """``10000`` -> ``"10k"`` (the inverse of :func:`parse_size` for round sizes)."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def data_path(n: int, ext: str, seed: int = DEFAULT_SEED, data_dir: Path = DATA_DIR) -> Path:
    """Where the glossary of ``n`` concepts lives (the seed is named unless it is the default)."""
    suffix = "" if seed == DEFAULT_SEED else f"-s{seed}"
    return data_dir / f"glossary-{size_name(n)}{suffix}.{ext}"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def _labels(i: int) -> tuple[str, str, str, tuple[str, str, str, str, str]]:
    """English and German labels and the kind of concept ``i`` (unique for i < LABEL_SPACE)."""
    k = (i * _SCATTER + 13) % LABEL_SPACE
    k, ci = divmod(k, len(CONTEXTS))
    k, fi = divmod(k, len(FUNCTIONS))
    qi, si = divmod(k, len(SUBJECTS))
    q_en, q_de = QUALIFIERS[qi % len(QUALIFIERS)]
    s_en, s_de = SUBJECTS[si]
    f_en, f_de, kind = FUNCTIONS[fi]
    c_en, c_de = CONTEXTS[ci]
    en = f"{q_en} {s_en.lower()} {f_en} ({c_en})"
    de = f"{s_de}{f_de}, {q_de} ({c_de})"
    return en, de, kind, (q_en, s_en, f_en, c_en, f_de)


class Triples:
    """Collects one concept's triples, then writes them as Turtle and N-Triples."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def add(self, s: str, p: str, o: str) -> None:
        self.rows.append((s, p, o))


def iri(value: str) -> str:
    return f"<{value}>"


def lit(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    text = f'"{_escape(value)}"'
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^<{datatype}>"
    return text


def concept_iri(i: int) -> str:
    return f"{BASE}c{i:07d}"


def sentence_iri(j: int) -> str:
    return f"{BASE}src-{j:06d}"


def header_triples(n: int) -> list[tuple[str, str, str]]:
    """The scheme and the kind classes (so the file is a glossary on its own)."""
    scheme = iri(BASE + "scheme")
    rows = [
        (scheme, iri(RDF + "type"), iri(SKOS + "ConceptScheme")),
        (scheme, iri(SKOS + "prefLabel"), lit(f"Synthetisches Glossar ({size_name(n)} Begriffe)", "de")),
        (scheme, iri(SKOS + "prefLabel"), lit(f"Synthetic glossary ({size_name(n)} concepts)", "en")),
    ]
    for kind in KINDS:
        rows.append((iri(ROG + kind), iri(RDFS + "subClassOf"), iri(SKOS + "Concept")))
    return rows


def concept_triples(i: int, n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """The triples of concept ``i`` of ``n`` (and its sentence, reified statements)."""
    en, de, kind, (q_en, s_en, f_en, c_en, f_de) = _labels(i)
    c = iri(concept_iri(i))
    t = Triples()
    a = iri(RDF + "type")
    t.add(c, a, iri(SKOS + "Concept"))
    t.add(c, a, iri(ROG + kind))
    t.add(c, iri(SKOS + "inScheme"), iri(BASE + "scheme"))
    t.add(c, iri(SKOS + "notation"), lit(f"{kind[:3].upper()}-{i:07d}"))
    t.add(c, iri(SKOS + "prefLabel"), lit(de, "de"))
    t.add(c, iri(SKOS + "prefLabel"), lit(en, "en"))
    roll = rng.random()
    if roll < 0.45:  # an acronym, as glossaries list them
        acronym = "".join(w[0] for w in f"{q_en} {s_en} {f_en}".split()).upper()
        t.add(c, iri(SKOS + "altLabel"), lit(f"{acronym} {c_en}", "en"))
    if roll < 0.15 or roll > 0.8:
        t.add(c, iri(SKOS + "altLabel"), lit(f"{s_en}-{f_de} {c_en}", "de"))
    fields = {"q": q_en.lower(), "s": s_en.lower(), "S": s_en, "f": f_en, "ctx": c_en, "org": "the company"}
    t.add(c, iri(SKOS + "definition"), lit(rng.choice(DEFINITIONS_EN).format(**fields), "en"))
    art = "die" if f_de.endswith(("e", "ung", "tät", "gabe", "zahl", "linie")) else "das"
    de_fields = {"Label": de.split(",")[0], "art": art, "F": f_de.capitalize(), "S": s_en, "ctx": c_en,
                 "q": de.split(", ")[1].split(" (")[0]}
    t.add(c, iri(SKOS + "definition"), lit(rng.choice(DEFINITIONS_DE).format(**de_fields), "de"))
    sentence = i // SENTENCE_EVERY
    t.add(c, iri(DCTERMS + "source"), iri(sentence_iri(sentence)))
    if kind == "Metric":
        t.add(c, iri(ROG + "unit"), lit("%"))
    elif kind == "JourneyStage":
        t.add(c, iri(ROG + "stageIndex"), lit(str(1 + i % 5), datatype=XSD + "integer"))
    if i % SENTENCE_EVERY == 0:
        s = iri(sentence_iri(sentence))
        t.add(s, a, iri(ROG + "SourceSentence"))
        t.add(s, iri(ROG + "line"), lit(str(sentence + 1), datatype=XSD + "integer"))
        t.add(s, iri(ROG + "text"), lit(f"{de.split(',')[0]} ist Teil von {SUBJECTS[i % len(SUBJECTS)][1]}arbeit.", "de"))
    degree = min(int(rng.paretovariate(1.5)), MAX_DEGREE, n - 1)
    targets: set[int] = set()
    for _ in range(degree):
        # u**2.5 piles targets onto low indices: a heavy-tailed in-degree (hub concepts).
        j = int(n * rng.random() ** 2.5)
        if j != i:
            targets.add(j)
    for j in sorted(targets):
        pred = rng.choices(_REL_NAMES, _REL_WEIGHTS)[0]
        o = iri(concept_iri(j))
        t.add(c, iri(ROG + pred), o)
        if rng.random() < REIFY_SHARE:
            st = iri(f"{BASE}stmt-{i}.{pred}.{j}")
            t.add(st, a, iri(RDF + "Statement"))
            t.add(st, iri(RDF + "subject"), c)
            t.add(st, iri(RDF + "predicate"), iri(ROG + pred))
            t.add(st, iri(RDF + "object"), o)
            t.add(st, iri(ROG + "statedIn"), iri(sentence_iri(sentence)))
    return t.rows


def iter_triples(n: int, seed: int = DEFAULT_SEED) -> Iterator[list[tuple[str, str, str]]]:
    """The glossary of ``n`` concepts as blocks of triples (header, then one per concept)."""
    if n > LABEL_SPACE:
        raise ValueError(f"at most {LABEL_SPACE} concepts have distinct labels")
    rng = random.Random(seed)
    yield header_triples(n)
    for i in range(n):
        yield concept_triples(i, n, rng)


def _shorten(term: str) -> str:
    """A prefixed name for an IRI when its local part is a plain name, else the IRI."""
    if term.startswith("<"):
        value = term[1:-1]
        for prefix, ns in PREFIXES.items():
            if value.startswith(ns):
                local = value[len(ns):]
                if local and local.replace("-", "").replace("_", "").isalnum() and local[0].isalpha():
                    return f"{prefix}:{local}"
    elif "^^<" in term:
        text, dt = term.split("^^", 1)
        return f"{text}^^{_shorten(dt)}"
    return term


def turtle_block(rows: list[tuple[str, str, str]]) -> str:
    """Rows as Turtle, grouped by subject (``;``) and predicate (``,``) in input order."""
    out: list[str] = []
    by_subject: dict[str, dict[str, list[str]]] = {}
    for s, p, o in rows:
        by_subject.setdefault(s, {}).setdefault(p, []).append(o)
    for s, preds in by_subject.items():
        parts = []
        for p, objects in preds.items():
            name = "a" if p == f"<{RDF}type>" else _shorten(p)
            parts.append(f"{name} {' , '.join(_shorten(o) for o in objects)}")
        out.append(f"{_shorten(s)} " + " ;\n    ".join(parts) + " .\n")
    return "".join(out)


def generate(n: int, seed: int = DEFAULT_SEED, formats: tuple[str, ...] = ("ttl", "nt"),
             data_dir: Path = DATA_DIR, progress: bool = False) -> dict[str, Path]:
    """Write the glossary of ``n`` concepts in ``formats``; returns the paths by format."""
    data_dir.mkdir(parents=True, exist_ok=True)
    paths = {ext: data_path(n, ext, seed, data_dir) for ext in formats}
    tmp = {ext: p.with_name(p.name + ".part") for ext, p in paths.items()}
    handles = {ext: open(p, "w", encoding="utf-8", newline="\n") for ext, p in tmp.items()}
    triples = 0
    try:
        if "ttl" in handles:
            handles["ttl"].write(f"# Synthetic revops-graph glossary: {n} concepts, seed {seed}.\n")
            handles["ttl"].write("".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()) + "\n")
        for k, rows in enumerate(iter_triples(n, seed)):
            triples += len(rows)
            if "ttl" in handles:
                handles["ttl"].write(turtle_block(rows))
            if "nt" in handles:
                handles["nt"].write("".join(f"{s} {p} {o} .\n" for s, p, o in rows))
            if progress and k and k % 100_000 == 0:
                print(f"  {k:,} concepts", file=sys.stderr)
    finally:
        for h in handles.values():
            h.close()
    for ext, p in tmp.items():
        p.replace(paths[ext])
    if progress:
        print(f"{size_name(n)}: {triples:,} triples -> {', '.join(str(p) for p in paths.values())}", file=sys.stderr)
    return paths


def ensure(n: int, ext: str = "ttl", seed: int = DEFAULT_SEED, data_dir: Path = DATA_DIR) -> Path:
    """The file of ``n`` concepts in ``ext``, generated first when missing."""
    path = data_path(n, ext, seed, data_dir)
    if not path.exists():
        generate(n, seed, (ext,), data_dir)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["1k", "10k", "100k"], help="e.g. 1k 10k 100k 1M")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--formats", nargs="+", default=["ttl", "nt"], choices=["ttl", "nt"])
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="folder to write into")
    parser.add_argument("--force", action="store_true", help="rewrite files that exist")
    args = parser.parse_args(argv)
    for size in args.sizes:
        n = parse_size(size)
        todo = tuple(f for f in args.formats if args.force or not data_path(n, f, args.seed, args.out).exists())
        if not todo:
            print(f"{size_name(n)}: up to date", file=sys.stderr)
            continue
        start = time.perf_counter()
        generate(n, args.seed, todo, args.out, progress=True)
        print(f"  in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
