"""Where SPARQL runs: in memory, in an embedded Oxigraph store, or on a SPARQL 1.1 server.

Every backend takes the same already-checked query (see :mod:`revops_graph.query`),
parameters as RDF terms (pyoxigraph's or rdflib's), and a time limit, and gives back a
:class:`SelectResult` whose rows are read in pyoxigraph terms (``terms``) or rdflib terms
(``rows``, converted on first use), so the same query answers the same rows wherever the
graph sits:

- :class:`MemoryStore` (``memory``) queries the in-memory Oxigraph store of a
  :class:`~revops_graph.model.Glossary`; parameters go in as ``substitutions``.
- :class:`OxigraphStore` (``oxigraph``; queries in a process of their own, or in this one:
  ``worker``) keeps the glossary in a pyoxigraph store on disk, loads it once and reloads
  only when the source files change; parameters go in as ``substitutions``.
- :class:`EndpointStore` (``endpoint``) talks the SPARQL 1.1 Protocol over httpx;
  parameters go in as a ``VALUES`` block written in N-Triples term syntax (``values``).

:class:`Remote` (``remote``, ``remote_part``) reads a vocabulary that lives in a server: the
whole graph, streamed, or only the part a command needs.

:func:`push` (``graph_store``) uploads a glossary with the SPARQL 1.1 Graph Store Protocol.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .base import SelectResult as SelectResult, Store as Store, parsed_query as parsed_query
    from .endpoint import Connection as Connection, EndpointStore as EndpointStore
    from .memory import MemoryStore as MemoryStore
    from .oxigraph import OxigraphStore as OxigraphStore, load_into as load_into, source_digest as source_digest
    from .graph_store import push as push
    from .values import inject_values as inject_values
    from .remote import Remote as Remote, RemoteSizeWarning as RemoteSizeWarning, fetch_graph as fetch_graph
    from .remote import glossary_from_ntriples as glossary_from_ntriples, load_remote as load_remote
    from .remote_part import concepts_of_kinds as concepts_of_kinds, neighbourhood as neighbourhood
    from .remote_part import part_of as part_of

_EXPORTS = {
    "Connection": "endpoint",
    "EndpointStore": "endpoint",
    "MemoryStore": "memory",
    "OxigraphStore": "oxigraph",
    "Remote": "remote",
    "RemoteSizeWarning": "remote",
    "concepts_of_kinds": "remote_part",
    "fetch_graph": "remote",
    "glossary_from_ntriples": "remote",
    "load_remote": "remote",
    "neighbourhood": "remote_part",
    "part_of": "remote_part",
    "SelectResult": "base",
    "Store": "base",
    "inject_values": "values",
    "load_into": "oxigraph",
    "parsed_query": "base",
    "push": "graph_store",
    "source_digest": "oxigraph",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
