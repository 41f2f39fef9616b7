"""A SPARQL 1.1 server as a store: the Protocol over httpx, answers parsed by content type."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from ..errors import EndpointError, QueryError
from .base import GRAPH_FORMS, Answer, Bindings, Store, from_results, to_rdflib_graph
from .values import inject_values

if TYPE_CHECKING:
    import httpx


__all__ = [
    "Connection",
    "EndpointStore",
    "redact_url",
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

    def secrets(self) -> list[str]:
        """The password and token, so that no message ever quotes them."""
        password = self.auth.partition(":")[2] if isinstance(self.auth, str) else self.auth[1] if self.auth else ""
        return [s for s in (password, self.token) if s and len(s) >= 3]

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
        limit = self.timeout if timeout is None else timeout
        headers = {"User-Agent": "revops-graph"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return httpx.Client(
            auth=auth,
            headers=headers,
            # Connecting (with its TLS handshake) gets part of the time, so a server that
            # never completes a handshake is told apart from one that is slow to answer.
            timeout=httpx.Timeout(limit, connect=limit * 0.75),
            verify=self.verify,
            transport=self.transport,
            follow_redirects=True,
        )


def redact_url(url: str) -> str:
    """``url`` with any ``user:password@`` replaced by ``***@``, for messages and logs.

    >>> redact_url("https://alice:s3cret@db.example/sparql")
    'https://***@db.example/sparql'
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable URL>"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))


def scrub(text: str, url: str, connection: Connection) -> str:
    """``text`` with the URL's userinfo, the password and the token blanked out."""
    text = text.replace(url, redact_url(url))
    userinfo = urlsplit(url).netloc.rpartition("@")[0] if "@" in url else ""
    for secret in [*connection.secrets(), userinfo.partition(":")[2]]:
        if secret:
            text = text.replace(secret, "***")
    return text


def send(
    connection: Connection,
    url: str,
    timeout: float,
    work: Callable[[httpx.Client], httpx.Response],
    *,
    late: type[Exception] = EndpointError,
) -> httpx.Response:
    """Run ``work`` (one or more requests) with ``timeout`` as a deadline for all of it.

    httpx's timeouts bound each read, so a server sending a byte a second would hold a
    request for ever; ``work`` runs in a thread instead and, at the deadline, the client
    is closed (its socket fails on the next read, ending the thread) and ``late`` is
    raised. Errors name the URL without its credentials and never quote the password.
    """
    import httpx

    shown = redact_url(url)
    client = connection.client(timeout)
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["response"] = work(client)
        except BaseException as exc:  # noqa: BLE001 (handed over to the calling thread)
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="revops-graph-request", daemon=True)
    try:
        worker.start()
        worker.join(timeout)
    finally:
        client.close()
    if worker.is_alive() or isinstance(outcome.get("error"), httpx.TimeoutException):
        if isinstance(outcome.get("error"), httpx.ConnectTimeout) and url.lower().startswith("https:"):
            raise EndpointError(f"{shown}: no TLS handshake within {timeout:g} s; if the server speaks plain HTTP, use an http:// URL") from None
        message = f"{shown} did not answer within {timeout:g} s (--timeout bounds the whole request)"
        raise late(f"query exceeded {timeout:g} s: {message}" if late is QueryError else message) from None
    error = outcome.get("error")
    if isinstance(error, httpx.HTTPError):
        detail = scrub(str(error) or type(error).__name__, url, connection)
        if "WRONG_VERSION_NUMBER" in detail or "wrong version number" in detail:
            raise EndpointError(f"{shown} answered in plain HTTP, not HTTPS; use an http:// URL") from None
        raise EndpointError(f"cannot reach {shown}: {detail}") from None
    if error is not None:
        raise error
    response: httpx.Response = outcome["response"]
    check_response(response, url, connection)
    return response


def _media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def _looks_like_html(response: httpx.Response) -> bool:
    head = response.content[:512].lstrip().lower()
    return _media_type(response) in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html"))


def check_response(response: httpx.Response, url: str, connection: Connection | None = None) -> None:
    """Raise an EndpointError for an HTTP error or an HTML page; quotes no credentials."""
    shown = redact_url(url)
    refused = response.status_code in (401, 403, 407)
    if response.status_code >= 400:
        # The body of a refusal is not shown: servers echo the credentials they were sent.
        detail = "" if refused or _looks_like_html(response) else " ".join(response.text.split())[:300]
        if detail:
            detail = scrub(detail, url, connection or Connection())
        hint = " (check --auth / --auth-file / --token)" if refused else ""
        reason = response.reason_phrase or ""
        raise EndpointError(f"{shown} answered HTTP {response.status_code} {reason}{hint}{': ' + detail if detail else ''}".strip())
    if _looks_like_html(response):
        raise EndpointError(f"{shown} answered an HTML page, not SPARQL results (is it the query endpoint?)")


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
        self.url = url
        self.name = redact_url(url)
        self.update_url = update_url or url
        self.connection = connection or Connection(auth=auth, auth_scheme=auth_scheme, token=token, timeout=timeout)

    def _post(self, url: str, data: dict[str, str], accept: str, timeout: float) -> httpx.Response:
        def work(client: httpx.Client) -> httpx.Response:
            response = client.post(url, data=data, headers={"Accept": accept})
            # Quirks of real servers: some refuse a weighted Accept list (406), some
            # read-only endpoints take queries only by GET (405).
            if response.status_code == 406:
                response = client.post(url, data=data, headers={"Accept": "*/*"})
            if response.status_code == 405 and "query" in data:
                response = client.get(url, params=data, headers={"Accept": accept})
            return response

        return send(self.connection, url, timeout, work, late=QueryError)

    def execute(self, query: str, form: str, bindings: Bindings, timeout: float) -> Answer:
        names = sorted(bindings)
        text = inject_values(query, names, [[bindings[n] for n in names]])
        if form in GRAPH_FORMS:
            response = self._post(self.url, {"query": text}, _ACCEPT_GRAPH, timeout)
            media = _media_type(response)
            rdf_format = _GRAPH_TYPES.get(media)
            if rdf_format is None:
                raise EndpointError(f"{self.name} answered {media or 'no content type'}, not an RDF graph")
            try:
                return to_rdflib_graph(ox.parse(response.content, format=rdf_format))  # type: ignore[arg-type]
            except (SyntaxError, ValueError) as exc:
                raise EndpointError(f"{self.name} answered a malformed graph: {exc}") from None
        response = self._post(self.url, {"query": text}, _ACCEPT_RESULTS, timeout)
        results_format = _sniff_results(response)
        if results_format is None:
            raise EndpointError(f"{self.name} answered {_media_type(response) or 'no content type'}, not SPARQL results")
        try:
            return from_results(response.content, results_format)
        except (SyntaxError, ValueError) as exc:
            raise EndpointError(f"{self.name} answered malformed SPARQL results: {exc}") from None

    def update(self, update: str, timeout: float) -> None:
        self._post(self.update_url, {"update": update}, "*/*", timeout)
