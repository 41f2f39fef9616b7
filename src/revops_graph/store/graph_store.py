"""Upload a glossary to a server with the SPARQL 1.1 Graph Store Protocol."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .base import Progress
from .endpoint import Connection, send

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
    after each; it can be sent again from the start, as HTTP Digest (after the 401
    challenge) and 307/308 redirects need. ``connection.timeout`` bounds the whole
    upload. ``graph`` names the target graph; the default graph when ``None``.
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

    url = httpx.URL(graph_store_url)
    url = url.copy_add_param("graph", graph) if graph else httpx.URL(str(url) + ("&" if url.query else "?") + "default")
    headers = {"Content-Type": "application/n-triples", "Content-Length": str(total)}
    content = _Body(body, chunk_size, progress)

    def work(client: httpx.Client) -> httpx.Response:
        return client.request("PUT" if replace else "POST", url, content=content, headers=headers)

    send(connection, graph_store_url, connection.timeout, work)
    return total


class _Body:
    """The upload as pieces, iterable again from the start for every resend.

    httpx refuses to send a generator twice (``StreamConsumed``); an object whose
    ``__iter__`` starts over is sent anew after a Digest challenge or a redirect.
    """

    def __init__(self, data: bytes, chunk_size: int, progress: Progress | None) -> None:
        self._data, self._chunk_size, self._progress = data, chunk_size, progress

    def __iter__(self) -> Iterator[bytes]:
        total = len(self._data)
        if self._progress is not None:
            self._progress(0, total)
        for start in range(0, total, self._chunk_size):
            piece = self._data[start : start + self._chunk_size]
            yield piece
            if self._progress is not None:
                self._progress(start + len(piece), total)
