"""Talking to SPARQL servers: resent uploads, whole-request deadlines, no credential shown.

Every server here is real and local: the small Python servers of ``loopback`` and the
``oxigraph`` server of the ``sparql_server`` fixture.
"""

from __future__ import annotations

import time

import pytest
from loopback import PASSWORD, USER, Digest, Echo, Redirect, Trickle, serve
from typer.testing import CliRunner

from revops_graph.cli import app
from revops_graph.errors import EndpointError
from revops_graph.store import Connection, EndpointStore, push


def _uploads(server: object) -> list[bytes]:
    return [body for method, _, body, _ in server.seen if method == "PUT"]  # type: ignore[attr-defined]


def test_push_answers_a_digest_challenge_and_sends_the_body_again(runner: CliRunner, glossary) -> None:
    with serve(Digest) as server:
        result = runner.invoke(
            app, ["push", "--graph-store", f"{server.url}/store", "--auth-scheme", "digest", "--timeout", "20"],
            env={"REVOPS_GRAPH_AUTH": f"{USER}:{PASSWORD}"},
        )
        assert result.exit_code == 0, result.output
        first, second = _uploads(server)
        assert server.seen[-1][3].startswith("Digest ")
    assert first == second and len(second) > 10_000  # the whole body, both times


def test_push_resends_the_body_with_progress_after_a_digest_challenge(glossary) -> None:
    calls: list[tuple[int, int]] = []
    with serve(Digest) as server:
        sent = push(glossary, f"{server.url}/store", connection=Connection(auth=(USER, PASSWORD), auth_scheme="digest", timeout=20),
                    progress=lambda done, total: calls.append((done, total)), chunk_size=4096)
    assert calls[-1] == (sent, sent)
    assert calls.count((0, sent)) == 2  # the bar starts over for the second sending


def test_push_follows_a_307_redirect_with_its_body(runner: CliRunner) -> None:
    with serve(Redirect) as server:
        result = runner.invoke(app, ["push", "--graph-store", f"{server.url}/old/store", "--timeout", "20"])
        assert result.exit_code == 0, result.output
        paths = [path for method, path, _, _ in server.seen if method == "PUT"]
        assert paths[0].startswith("/old/") and paths[1].startswith("/new/")
        assert _uploads(server)[0] == _uploads(server)[1] != b""


@pytest.mark.parametrize("command", ["query", "push"])
def test_timeout_bounds_the_whole_request_against_a_trickling_server(runner: CliRunner, command: str) -> None:
    with serve(Trickle) as server:
        args = (["query", "journey-stages", "--endpoint", f"{server.url}/query"] if command == "query"
                else ["push", "--graph-store", f"{server.url}/store"])
        started = time.monotonic()
        result = runner.invoke(app, [*args, "--timeout", "2"])
        took = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert "did not answer within 2 s" in result.output
    assert took < 6, f"--timeout 2 held the {command} for {took:.1f} s"


def test_no_message_quotes_the_password_or_a_refusal_body(runner: CliRunner) -> None:
    with serve(Echo) as server:
        url = server.url.replace("http://", f"http://{USER}:{PASSWORD}@") + "/query"
        refused = runner.invoke(app, ["query", "journey-stages", "--endpoint", url, "--timeout", "10"])
        basic = runner.invoke(app, ["query", "journey-stages", "--endpoint", f"{server.url}/query", "--timeout", "10"],
                              env={"REVOPS_GRAPH_AUTH": f"{USER}:{PASSWORD}"})
    closed = runner.invoke(app, ["query", "journey-stages", "--endpoint", url.replace(server.url.rsplit(":", 1)[1], "9"), "--timeout", "5"])
    for result in (refused, basic, closed):
        assert result.exit_code == 2, result.output
        assert PASSWORD not in result.output and "YWxpY2U6" not in result.output  # nor its Base64
    assert "http://***@127.0.0.1" in refused.output and "HTTP 401" in refused.output
    assert "denied for" not in basic.output


def test_endpoint_store_name_hides_userinfo() -> None:
    assert EndpointStore(f"http://{USER}:{PASSWORD}@127.0.0.1:9/q").name == "http://***@127.0.0.1:9/q"


def test_https_against_a_plain_http_server_says_so(sparql_server) -> None:
    store = EndpointStore(sparql_server.query_url.replace("http://", "https://"), timeout=2)
    started = time.monotonic()
    with pytest.raises(EndpointError, match=r"use an http:// URL"):
        store.execute("ASK {}", "ASK", {}, 2)
    assert time.monotonic() - started < 6


def test_https_against_a_python_http_server_says_plain_http() -> None:
    with serve(Echo) as server:
        store = EndpointStore(server.url.replace("http://", "https://"), timeout=5)
        with pytest.raises(EndpointError, match=r"answered in plain HTTP, not HTTPS; use an http:// URL"):
            store.execute("ASK {}", "ASK", {}, 5)


def test_the_password_can_come_from_a_file_or_a_prompt_instead_of_argv(runner: CliRunner, tmp_path) -> None:
    secret = tmp_path / "auth"
    secret.write_text(f"{USER}:{PASSWORD}\n")
    with serve(Digest) as server:
        from_file = runner.invoke(app, ["push", "--graph-store", f"{server.url}/s", "--auth-scheme", "digest",
                                        "--auth-file", str(secret), "--timeout", "20"])
        prompted = runner.invoke(app, ["push", "--graph-store", f"{server.url}/s", "--auth-scheme", "digest",
                                       "--auth", USER, "--timeout", "20"], input=f"{PASSWORD}\n")
    assert from_file.exit_code == 0, from_file.output
    assert prompted.exit_code == 0, prompted.output
    assert PASSWORD not in prompted.output  # asked for without echo


def test_a_malformed_auth_file_is_one_line_without_its_content(runner: CliRunner, tmp_path) -> None:
    secret = tmp_path / "auth"
    secret.write_text(f"{PASSWORD}\n")
    result = runner.invoke(app, ["push", "--graph-store", "http://127.0.0.1:9/s", "--auth-file", str(secret)])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {secret}:1: expected user:password on the first line"


def test_a_password_in_argv_is_warned_about_and_the_environment_is_not(runner: CliRunner) -> None:
    with serve(Digest) as server:
        argv = runner.invoke(app, ["push", "--graph-store", f"{server.url}/s", "--auth-scheme", "digest",
                                   "--auth", f"{USER}:{PASSWORD}", "--timeout", "20"])
        env = runner.invoke(app, ["push", "--graph-store", f"{server.url}/s", "--auth-scheme", "digest", "--timeout", "20"],
                            env={"REVOPS_GRAPH_AUTH": f"{USER}:{PASSWORD}"})
    assert argv.exit_code == env.exit_code == 0, argv.output + env.output
    assert "warning: the secret in --auth shows in the process list" in argv.output
    assert "warning" not in env.output


def test_the_request_thread_ends_soon_after_the_deadline() -> None:
    import threading

    with serve(Trickle) as server:
        with pytest.raises(Exception, match="did not answer within 1 s"):
            EndpointStore(f"{server.url}/q").execute("ASK {}", "ASK", {}, 1)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(t.name == "revops-graph-request" for t in threading.enumerate()):
            time.sleep(0.05)
        assert not any(t.name == "revops-graph-request" for t in threading.enumerate())
