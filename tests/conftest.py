"""Shared fixtures: the embedded glossary parsed once per session, the CLI runner, and for
SPARQL a real Oxigraph server on 127.0.0.1 and the three stores."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from revops_graph.model import Glossary, load_glossary
from revops_graph.store import EndpointStore, MemoryStore, OxigraphStore, push

#: Set by CI: a test whose real part (browser, server) is missing fails instead of skipping.
REQUIRE_ALL = os.environ.get("REVOPS_GRAPH_REQUIRE_ALL") == "1"


def missing(reason: str) -> None:
    """Skip for a missing real part, or fail when CI requires every part."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (REVOPS_GRAPH_REQUIRE_ALL=1)")
    pytest.skip(reason)


@dataclass(frozen=True)
class SparqlServer:
    """A running ``oxigraph serve`` with the glossary pushed into its default graph."""

    base: str
    log: Path

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"


def _oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    """The embedded RevOps glossary (do not mutate: parse a fresh one for that)."""
    return load_glossary()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def small() -> Glossary:
    """The small test glossary of the analysis tests (tests/data/analyze/base.ttl)."""
    return load_glossary([Path(__file__).resolve().parent / "data" / "analyze" / "base.ttl"])


@pytest.fixture(scope="session")
def sparql_server(tmp_path_factory: pytest.TempPathFactory, glossary: Glossary) -> Iterator[SparqlServer]:
    binary = _oxigraph_binary()
    if binary is None:
        missing("the oxigraph server binary is not installed (pip install oxigraph)")
    folder = tmp_path_factory.mktemp("oxigraph-server")
    port = _free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        # --timeout-s: an endless query that a test abandons must not keep the server busy.
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}", "--timeout-s", "10"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = SparqlServer(f"http://127.0.0.1:{port}", log)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"oxigraph serve exited with {process.returncode}: {log.read_text(errors='replace')}")
            try:
                if httpx.get(server.query_url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("oxigraph serve did not answer within 30 s")
            time.sleep(0.1)
        push(glossary, server.store_url)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def memory_store(glossary: Glossary) -> MemoryStore:
    return MemoryStore(glossary)


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory: pytest.TempPathFactory) -> OxigraphStore:
    return OxigraphStore(tmp_path_factory.mktemp("oxigraph-store") / "store")


@pytest.fixture(scope="session")
def endpoint_store(sparql_server: SparqlServer) -> EndpointStore:
    return EndpointStore(sparql_server.query_url, update_url=sparql_server.update_url)


@pytest.fixture(autouse=True)
def _private_parse_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test caches parses in a fresh folder, never in the user's ~/.cache."""
    home = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv("REVOPS_GRAPH_NO_CACHE", raising=False)
    return home / "revops-graph"


# -- a map page in headless Chromium (map_fixtures.py drives it) ----------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium through playwright, once per test module."""
    from map_fixtures import chromium

    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def revops_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded glossary's concept map, written once per test module."""
    from revops_graph.render import concept_map

    return concept_map(load_glossary()).save(tmp_path_factory.mktemp("map") / "revops.html")


@pytest.fixture
def opened(browser: object, revops_file: Path) -> Iterator[object]:
    """The embedded glossary's map, open in a fresh page."""
    from map_fixtures import Opened

    page = Opened(browser, revops_file)
    yield page
    page.close()
