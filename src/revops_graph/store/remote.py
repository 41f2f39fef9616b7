"""A vocabulary that lives in a SPARQL server: fetch its graph, streamed, and read it as a glossary.

Everything here only reads: queries are POSTed as ``query=`` (never ``update=``) and the
Graph Store Protocol is only asked to GET. What a command needs of a server's graph
comes either whole (:func:`load_remote`: one CONSTRUCT, or a Graph Store GET, streamed
to a temporary file with progress and a size warning) or in part (see
:mod:`revops_graph.store.remote_part`). Both end in :func:`glossary_from_ntriples`, the
one place that turns fetched N-Triples into a :class:`~revops_graph.model.Glossary`.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Optional

from ..errors import EndpointError, InputError, QueryError
from ..io.loader import LargeGraphWarning
from .endpoint import Connection, check_response

if TYPE_CHECKING:
    import httpx

    from ..model import Glossary
    from .base import SelectResult

__all__ = [
    "Remote",
    "RemoteSizeWarning",
    "fetch_graph",
    "glossary_from_ntriples",
    "load_remote",
]

#: ``progress(bytes_done, total)``; ``total`` is ``None`` when the server does not say.
ByteProgress = Callable[[int, Optional[int]], None]

#: Past this many bytes received a :class:`RemoteSizeWarning` is issued once (the download
#: goes on): some 500,000 triples, which take about half a gigabyte once in memory.
WARN_BYTES = 64 * 2**20

_ACCEPT_NT = "application/n-triples, text/plain;q=0.5"
_ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_NT_TYPES = ("application/n-triples", "text/plain")


class RemoteSizeWarning(LargeGraphWarning):
    """A server's graph is big: fetching it whole will take time and memory."""


@dataclass(frozen=True)
class Remote:
    """A SPARQL query endpoint, and the graph in it that holds the vocabulary.

    ``graph`` is the IRI of a named graph, or ``None`` for the server's default graph.
    Credentials written into the URL (``https://user:pw@host/sparql``) are moved into
    ``connection`` so that no message ever shows them.
    """

    url: str
    graph: str | None = None
    connection: Connection = field(default_factory=Connection)
    _open: list[httpx.Client] = field(default_factory=list, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        import httpx

        try:
            parsed = httpx.URL(self.url)
        except (httpx.InvalidURL, TypeError) as exc:
            raise EndpointError(f"{self.url!r} is not a usable URL: {exc}") from None
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise EndpointError(f"{self.shown_url()!r} is not an http(s) URL of a SPARQL endpoint")
        if parsed.userinfo:
            auth = (parsed.username, parsed.password)
            object.__setattr__(self, "connection", replace(self.connection, auth=self.connection.auth or auth))
            object.__setattr__(self, "url", str(parsed.copy_with(username=None, password=None)))

    @contextmanager
    def session(self) -> Iterator[None]:
        """Share one HTTP client among the requests inside: building one loads the TLS
        certificates, 0.4 s each, and a focus map sends a dozen requests."""
        with self.connection.client() as client:
            self._open.append(client)
            try:
                yield
            finally:
                self._open.remove(client)

    @contextmanager
    def client(self) -> Iterator[httpx.Client]:
        """The session's client, or one of its own for a single request."""
        if self._open:
            yield self._open[-1]
            return
        with self.connection.client() as client:
            yield client

    def shown_url(self) -> str:
        """The URL as messages show it: without user, password or query string."""
        # A query string may carry an API key; userinfo was moved out in __post_init__.
        return self.url.split("?")[0].split("#")[0]

    def where(self) -> str:
        """``graph <g> at URL`` or ``the default graph at URL``, for messages."""
        return f"{'graph <' + self.graph + '>' if self.graph else 'the default graph'} at {self.shown_url()}"

    def scoped(self, pattern: str) -> str:
        """``pattern`` (a group's content) read from :attr:`graph`, bound, never pasted."""
        if self.graph is None:
            return pattern
        from rdflib import URIRef

        from .values import values_block

        return f"{values_block(['graph_'], [[URIRef(self.graph)]])} GRAPH ?graph_ {{ {pattern} }}"


def _send(remote: Remote, client: httpx.Client, query: str | None, accept: str, url: httpx.URL | None = None) -> httpx.Response:
    """The streamed response to ``query`` (or to a GET of ``url``); the caller reads and closes it."""
    import httpx

    shown = remote.shown_url()
    try:
        if query is None:
            response = client.send(client.build_request("GET", url or remote.url, headers={"Accept": accept}), stream=True)
        else:
            request = client.build_request("POST", remote.url, data={"query": query}, headers={"Accept": accept})
            response = client.send(request, stream=True)
            if response.status_code == 405:  # read-only endpoints that take queries by GET only
                response.close()
                response = client.send(client.build_request("GET", remote.url, params={"query": query},
                                                            headers={"Accept": accept}), stream=True)
    except httpx.TimeoutException:
        raise EndpointError(f"{shown} did not answer within {remote.connection.timeout:g} s (raise --timeout)") from None
    except httpx.HTTPError as exc:
        raise EndpointError(f"cannot reach {shown}: {exc or type(exc).__name__}") from None
    if response.status_code >= 400:
        response.read()
        response.close()
        check_response(response, shown)
    return response


def _media(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _download(
    remote: Remote, client: httpx.Client, response: httpx.Response, sink: IO[bytes],
    progress: ByteProgress | None, done: int, warn_bytes: int,
) -> int:
    """Copy ``response`` into ``sink``; returns the bytes done so far (``done`` carried over)."""
    import httpx

    media = _media(response)
    if media not in _NT_TYPES:
        response.close()
        raise EndpointError(f"{remote.shown_url()} answered {media or 'no content type'}, not N-Triples")
    length = response.headers.get("content-length")
    total = done + int(length) if length and length.isdigit() else None
    warned = done > warn_bytes
    try:
        for chunk in response.iter_bytes():
            sink.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
            if done > warn_bytes and not warned:
                warned = True
                warnings.warn(RemoteSizeWarning(
                    f"{remote.where()}: more than {warn_bytes / 2**20:.0f} MiB fetched and still coming; a whole "
                    "vocabulary this big takes minutes and gigabytes in memory; map or list a part of it with "
                    "--focus, --kinds or --query, which fetch only what they show"), stacklevel=3)
    except httpx.TimeoutException:
        raise EndpointError(f"{remote.shown_url()} stopped sending within {remote.connection.timeout:g} s "
                            "(raise --timeout)") from None
    except httpx.HTTPError as exc:
        raise EndpointError(f"{remote.shown_url()} broke off the answer: {exc or type(exc).__name__}") from None
    finally:
        response.close()
    return done


def whole_graph_query(remote: Remote) -> str:
    """The CONSTRUCT that copies the vocabulary's graph."""
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {remote.scoped('?s ?p ?o')} }}"


def fetch_graph(
    remote: Remote,
    sink: IO[bytes],
    *,
    graph_store: str | None = None,
    progress: ByteProgress | None = None,
    warn_bytes: int = WARN_BYTES,
) -> int:
    """Stream the vocabulary's whole graph into ``sink`` as N-Triples; returns the bytes.

    By default one CONSTRUCT on the query endpoint; with ``graph_store`` (the server's
    Graph Store Protocol URL) a GET of ``?graph=IRI`` or ``?default``, which servers
    answer without running a query. ``progress(bytes_done, total_or_None)`` is called as
    bytes arrive; a :class:`RemoteSizeWarning` is issued once past ``warn_bytes``.
    """
    import httpx

    with remote.client() as client:
        if graph_store is None:
            response = _send(remote, client, whole_graph_query(remote), _ACCEPT_NT)
        else:
            url = httpx.URL(graph_store)
            url = url.copy_add_param("graph", remote.graph) if remote.graph else httpx.URL(
                str(url) + ("&" if url.query else "?") + "default")
            response = _send(replace(remote, url=graph_store), client, None, _ACCEPT_NT, url)
        return _download(remote, client, response, sink, progress, 0, warn_bytes)


def construct_into(
    remote: Remote, queries: Iterable[str], sink: IO[bytes], progress: ByteProgress | None = None,
) -> int:
    """Run each CONSTRUCT in turn, appending its N-Triples to ``sink``; returns the bytes.

    N-Triples documents concatenate into one, so parts fetched page by page make one graph.
    """
    done = 0
    with remote.client() as client:
        for query in queries:
            done = _download(remote, client, _send(remote, client, query, _ACCEPT_NT), sink, progress, done, WARN_BYTES)
    return done


def select_rows(remote: Remote, query: str) -> SelectResult:
    """The rows of a SELECT on the server (JSON or XML results)."""
    import pyoxigraph as ox

    from .base import SelectResult, from_results

    with remote.client() as client:
        response = _send(remote, client, query, _ACCEPT_RESULTS)
        try:
            body = response.read()
        finally:
            response.close()
    fmt = ox.QueryResultsFormat.XML if _media(response).endswith("xml") else ox.QueryResultsFormat.JSON
    try:
        result = from_results(body, fmt)
    except (SyntaxError, ValueError) as exc:
        raise EndpointError(f"{remote.shown_url()} answered malformed SPARQL results: {exc}") from None
    if not isinstance(result, SelectResult):
        raise QueryError(f"{remote.shown_url()} answered a yes/no, not rows")
    return result


def glossary_from_ntriples(path: Path, remote: Remote, *, allow_empty: bool = False) -> Glossary:
    """The glossary of the N-Triples fetched into ``path`` (the one place that builds it), in
    an in-memory Oxigraph store like every glossary read from files."""
    from ..io.loader import load_store
    from ..model import Glossary

    try:
        store, prefixes = load_store([path], "nt", allow_empty=True)
    except InputError as exc:
        raise EndpointError(f"{remote.shown_url()} answered a malformed graph: {exc.message}") from None
    if not allow_empty and len(store) == 0:
        raise EndpointError(f"{remote.where()} holds no triples (check --graph)")
    return Glossary.from_store(store, prefixes)


def load_remote(
    remote: Remote, *, graph_store: str | None = None, progress: ByteProgress | None = None,
) -> Glossary:
    """The whole vocabulary of ``remote`` as a glossary (fetched once, through a temporary file)."""
    with tempfile.TemporaryDirectory(prefix="revops-graph-") as folder:
        path = Path(folder) / "graph.nt"
        with path.open("wb") as sink:
            fetch_graph(remote, sink, graph_store=graph_store, progress=progress)
        return glossary_from_ntriples(path, remote)
