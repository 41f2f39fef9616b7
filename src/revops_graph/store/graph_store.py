"""Upload a glossary to a server with the SPARQL 1.1 Graph Store Protocol."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..errors import EndpointError
from .base import Progress
from .endpoint import Connection, check_response

if TYPE_CHECKING:

    from ..model import Glossary

__all__ = [
    "push",
]


def push(
    glossary: Glossary,
    graph_store_url: str,
    graph: str | None = None,
    *,
    connection: Connection | None = None,
    replace: bool = True,
    progress: Progress | None = None,
    chunk_size: int = 64 * 1024,
) -> int:
    """Upload ``glossary`` as N-Triples with the SPARQL 1.1 Graph Store Protocol.

    ``replace`` PUTs (the graph is replaced), otherwise POSTs (triples are added). The
    body is streamed in ``chunk_size`` pieces and ``progress(sent, total)`` is called
    after each. ``graph`` names the target graph; the default graph when ``None``.
    Returns the number of bytes sent.
    """
    import httpx
    import pyoxigraph as ox

    from ..io.convert import triples_to_oxigraph

    # Plain N-Triples straight from the graph: a server does not care about order, and
    # the store stays below the export step in the data flow.
    body = ox.serialize(triples_to_oxigraph(glossary.graph), format=ox.RdfFormat.N_TRIPLES)
    total = len(body)
    connection = connection or Connection()

    def chunks() -> Iterator[bytes]:
        sent = 0
        if progress is not None:
            progress(0, total)
        for start in range(0, total, chunk_size):
            piece = body[start : start + chunk_size]
            sent += len(piece)
            yield piece
            if progress is not None:
                progress(sent, total)

    url = httpx.URL(graph_store_url)
    url = url.copy_add_param("graph", graph) if graph else httpx.URL(str(url) + ("&" if url.query else "?") + "default")
    headers = {"Content-Type": "application/n-triples", "Content-Length": str(total)}
    try:
        with connection.client() as client:
            response = client.request("PUT" if replace else "POST", url, content=chunks(), headers=headers)
    except httpx.TimeoutException:
        raise EndpointError(f"{graph_store_url} did not answer within {connection.timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise EndpointError(f"cannot reach {graph_store_url}: {exc or type(exc).__name__}") from None
    if response.status_code >= 400:
        check_response(response, graph_store_url)
    return total
