"""A synthetic OWL ontology of about N triples: classes in a hierarchy with labels and comments in
three languages, object properties with domains and ranges (deterministic by seed).

    python benchmarks/generate_owl.py 40000 > benchmarks/data/ontology-40k.ttl

It stands for the ontologies users bring (classes, ``rdfs:subClassOf``, properties between
classes, labels in several languages), at the size the any-vocabulary goal names.
"""

from __future__ import annotations

import random
import sys

LANGS = ("en", "de", "fr")


def ontology(triples: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    classes = max(10, triples // 8)  # 8 triples a class: type, parent, 3 labels, 3 comments
    properties = max(5, classes // 12)
    out = ["@prefix owl: <http://www.w3.org/2002/07/owl#> .",
           "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
           "@prefix ex: <https://example.org/onto#> .", "",
           'ex: a owl:Ontology ; rdfs:label "Synthetic ontology"@en .']
    for i in range(classes):
        parent = f" ; rdfs:subClassOf ex:C{rng.randrange(i)}" if i else ""
        labels = " ; ".join(f'rdfs:label "Class {i} {lang}"@{lang}' for lang in LANGS)
        comments = " ; ".join(f'rdfs:comment "A thing of kind {i} ({lang})."@{lang}' for lang in LANGS)
        out.append(f"ex:C{i} a owl:Class{parent} ; {labels} ; {comments} .")
    for j in range(properties):
        d, r = rng.randrange(classes), rng.randrange(classes)
        out.append(f'ex:p{j} a owl:ObjectProperty ; rdfs:domain ex:C{d} ; rdfs:range ex:C{r} ; '
                   f'rdfs:label "relates {j}"@en .')
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(ontology(int(sys.argv[1]) if len(sys.argv) > 1 else 40_000))
