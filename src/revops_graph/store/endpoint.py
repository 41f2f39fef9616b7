"""A SPARQL 1.1 server as a store: the Protocol over httpx, answers parsed by content type."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..errors import EndpointError, QueryError
from .base import GRAPH_FORMS, Answer, Bindings, Store, from_results, to_rdflib_graph
from .values import inject_values

if TYPE_CHECKING:
    import httpx


__all__ = [
    "Connection",
    "EndpointStore",
]


_ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9, application/json;q=0.8, text/tab-separated-values;q=0.5, text/csv;q=0.4"


_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8, application/ld+json;q=0.7, text/plain;q=0.5"


_RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "text/csv": ox.QueryResultsFormat.CSV,
}


_GRAPH_TYPES = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,  # what older servers call N-Triples
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


@dataclass(frozen=True)
class Connection:
    """How to reach a server: credentials, time limit, TLS verification (always on by default).

    ``auth`` is ``"user:password"`` or a ``(user, password)`` pair, sent with HTTP Basic or,
    when ``auth_scheme="digest"``, HTTP Digest; ``token`` is sent as a bearer token.
    ``transport`` lets tests put an ``httpx.MockTransport`` in place of the network.
    """

    auth: str | tuple[str, str] | None = None
    auth_scheme: str = "basic"
    token: str | None = None
    timeout: float = 30.0
    verify: bool = True
    transport: Any = field(default=None, repr=False)

    def client(self, timeout: float | None = None) -> httpx.Client:
        """An httpx client with these settings."""
        import httpx

        auth: httpx.Auth | None = None
        if self.auth is not None:
            if isinstance(self.auth, str):
                user, sep, password = self.auth.partition(":")
                if not sep:
                    raise EndpointError("--auth must be user:password")
            else:
                user, password = self.auth
            if self.auth_scheme == "digest":
                auth = httpx.DigestAuth(user, password)
            elif self.auth_scheme == "basic":
                auth = httpx.BasicAuth(user, password)
            else:
                raise EndpointError(f"unknown auth scheme {self.auth_scheme!r} (basic or digest)")
        headers = {"User-Agent": "revops-graph"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return httpx.Client(
            auth=auth,
            headers=headers,
            timeout=self.timeout if timeout is None else timeout,
            verify=self.verify,
            transport=self.transport,
            follow_redirects=True,
        )


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _looks_like_html(response: httpx.Response) -> bool:
    head = response.content[:512].lstrip().lower()
    return _media_type(response) in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html"))


def check_response(response: httpx.Response, url: str) -> None:
    if response.status_code >= 400:
        detail = "" if _looks_like_html(response) else " ".join(response.text.split())[:300]
        hint = " (check --auth / --token)" if response.status_code in (401, 403) else ""
        reason = response.reason_phrase or ""
        raise EndpointError(f"{url} answered HTTP {response.status_code} {reason}{hint}{': ' + detail if detail else ''}".strip())
    if _looks_like_html(response):
        raise EndpointError(f"{url} answered an HTML page, not SPARQL results (is it the query endpoint?)")


def _sniff_results(response: httpx.Response) -> ox.QueryResultsFormat | None:
    media = _media_type(response)
    if media in _RESULT_TYPES:
        return _RESULT_TYPES[media]
    head = response.content[:256].lstrip()
    if head.startswith(b"{"):
        return ox.QueryResultsFormat.JSON
    if head.startswith(b"<"):
        return ox.QueryResultsFormat.XML
    return None


class EndpointStore(Store):
    """A SPARQL 1.1 server (Oxigraph, Fuseki, Virtuoso, GraphDB, ...) over the Protocol.

    Queries are POSTed form-encoded (``query=``), updates to ``update_url`` (default: the
    same URL). Results are accepted as SPARQL JSON (also the 1.0 ``typed-literal``),
    SPARQL XML, TSV or CSV; graphs as N-Triples, Turtle, RDF/XML or JSON-LD.
    """

    def __init__(
        self,
        url: str,
        auth: str | tuple[str, str] | None = None,
        token: str | None = None,
        timeout: float = 30.0,
        *,
        auth_scheme: str = "basic",
        update_url: str | None = None,
        connection: Connection | None = None,
    ) -> None:
        self.url = self.name = url
        self.update_url = update_url or url
        self.connection = connection or Connection(auth=auth, auth_scheme=auth_scheme, token=token, timeout=timeout)

    def _post(self, url: str, data: dict[str, str], accept: str, timeout: float) -> httpx.Response:
        import httpx

        try:
            with self.connection.client(timeout) as client:
                response = client.post(url, data=data, headers={"Accept": accept})
                # Quirks of real servers: some refuse a weighted Accept list (406), some
                # read-only endpoints take queries only by GET (405).
                if response.status_code == 406:
                    response = client.post(url, data=data, headers={"Accept": "*/*"})
                if response.status_code == 405 and "query" in data:
                    response = client.get(url, params=data, headers={"Accept": accept})
        except httpx.TimeoutException:
            raise QueryError(f"query exceeded {timeout:g} s: {url} did not answer in time") from None
        except httpx.HTTPError as exc:
            raise EndpointError(f"cannot reach {url}: {exc or type(exc).__name__}") from None
        check_response(response, url)
        return response

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        names = sorted(bindings)
        text = inject_values(query, names, [[bindings[n] for n in names]])
        if form in GRAPH_FORMS:
            response = self._post(self.url, {"query": text}, _ACCEPT_GRAPH, timeout)
            media = _media_type(response)
            rdf_format = _GRAPH_TYPES.get(media)
            if rdf_format is None:
                raise EndpointError(f"{self.url} answered {media or 'no content type'}, not an RDF graph")
            try:
                return to_rdflib_graph(ox.parse(response.content, format=rdf_format))  # type: ignore[arg-type]
            except (SyntaxError, ValueError) as exc:
                raise EndpointError(f"{self.url} answered a malformed graph: {exc}") from None
        response = self._post(self.url, {"query": text}, _ACCEPT_RESULTS, timeout)
        results_format = _sniff_results(response)
        if results_format is None:
            raise EndpointError(f"{self.url} answered {_media_type(response) or 'no content type'}, not SPARQL results")
        try:
            return from_results(response.content, results_format)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{self.url} answered malformed SPARQL results: {exc}") from None

    def update(self, update: str, timeout: float) -> None:
        self._post(self.update_url, {"update": update}, "*/*", timeout)
