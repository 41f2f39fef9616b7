"""Files in and out: screening and parsing RDF (``screen``, ``loader``), the parse cache
(``cache``), atomic writes (``files``), term conversion between rdflib and pyoxigraph
(``convert``) and where the packaged data lives (``resources``).
"""
