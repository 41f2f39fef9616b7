"""Reaching a SPARQL server from the command line: credentials, kept out of argv where they can
be, and the data-source options (``--endpoint``, ``--graph``) of every command that takes ``--data``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ._common import _context, fail, reported_errors

if TYPE_CHECKING:
    from ..store import Connection

AuthOption = Annotated[
    Optional[str],
    typer.Option("--auth", envvar="REVOPS_GRAPH_AUTH", show_envvar=True,
                 help="USER (the password is asked for) or user:password for the server (HTTP Basic, or Digest "
                      "with --auth-scheme digest). A password given here shows in the process list: prefer "
                      "--auth-file, the prompt or the environment variable."),
]
AuthFileOption = Annotated[
    Optional[Path],
    typer.Option("--auth-file", help="File whose first line is user:password (keep it private: chmod 600)."),
]
AuthSchemeOption = Annotated[str, typer.Option("--auth-scheme", help="basic or digest.")]
TokenOption = Annotated[
    Optional[str],
    typer.Option("--token", envvar="REVOPS_GRAPH_TOKEN", show_envvar=True, help="Bearer token for the server."),
]
TimeoutOption = Annotated[float, typer.Option("--timeout", help="Seconds before a query (or upload) is stopped.")]


def connection(
    ctx: typer.Context, auth: str | None, auth_scheme: str, token: str | None, timeout: float,
    auth_file: Path | None = None,
) -> Connection:
    """How to reach a server, from the shared options (checked here, before anything is sent)."""
    from ..store import Connection

    if auth_scheme not in ("basic", "digest"):
        raise typer.BadParameter(f"{auth_scheme!r} is not one of 'basic', 'digest'", param_hint="--auth-scheme")
    _warn_secret_in_argv(ctx, auth, token)
    if auth_file is not None:
        if auth is not None:
            raise typer.BadParameter("give either --auth or --auth-file", param_hint="--auth-file")
        auth = _read_auth_file(auth_file)
    elif auth is not None and ":" not in auth:
        if not _from_argv(ctx, "auth"):
            raise typer.BadParameter("REVOPS_GRAPH_AUTH must be user:password", param_hint="--auth")
        # Asked for, so that the password never appears in the process list or shell history.
        password = typer.prompt(f"password for {auth}", hide_input=True, err=True)
        auth = f"{auth}:{password}"
    return Connection(auth=auth, auth_scheme=auth_scheme, token=token, timeout=timeout)


def _from_argv(ctx: typer.Context, name: str) -> bool:
    return getattr(ctx.get_parameter_source(name), "name", None) == "COMMANDLINE"


def _warn_secret_in_argv(ctx: typer.Context, auth: str | None, token: str | None) -> None:
    """Say so when a password or token came in the command line (it works all the same)."""
    secrets = (("--auth", ":" in (auth or "")), ("--token", bool(token)))
    given = [name for name, secret in secrets if secret and _from_argv(ctx, name.lstrip("-"))]
    if given:
        from rich.console import Console

        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"[yellow]warning:[/] the secret in {' and '.join(given)} shows in the process list; use --auth USER "
            "(asked for), --auth-file or REVOPS_GRAPH_AUTH / REVOPS_GRAPH_TOKEN", markup=True)


def _read_auth_file(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"{path}: cannot read the credentials: {getattr(exc, 'strerror', None) or exc.__class__.__name__}") from None
    if not lines or ":" not in lines[0].strip():
        # The content is not quoted: it may be a password.
        raise fail(f"{path}:1: expected user:password on the first line")
    return lines[0].strip()


EndpointOption = Annotated[
    Optional[str],
    typer.Option("--endpoint", help="Read the vocabulary from this SPARQL query endpoint instead of --data "
                 "(read only; --focus, --kinds and --query fetch only what they show).", show_default=False),
]
GraphOption = Annotated[
    Optional[str],
    typer.Option("--graph", help="With --endpoint: IRI of the named graph that holds the vocabulary "
                 "(default: the server's default graph).", show_default=False),
]


def server_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command that takes ``server: Remote | None`` the data-source options of a SPARQL
    server: ``--endpoint``, ``--graph``, ``--auth``, ``--auth-scheme``, ``--token``, ``--timeout``.

    One decorator instead of six parameters on every command that takes ``--data``.
    """
    import functools
    import inspect

    keyword = inspect.Parameter.KEYWORD_ONLY
    added = [
        inspect.Parameter("endpoint", keyword, default=None, annotation=EndpointOption),
        inspect.Parameter("graph", keyword, default=None, annotation=GraphOption),
        inspect.Parameter("auth", keyword, default=None, annotation=AuthOption),
        inspect.Parameter("auth_file", keyword, default=None, annotation=AuthFileOption),
        inspect.Parameter("auth_scheme", keyword, default="basic", annotation=AuthSchemeOption),
        inspect.Parameter("token", keyword, default=None, annotation=TokenOption),
        inspect.Parameter("timeout", keyword, default=120.0, annotation=TimeoutOption),
    ]
    signature = inspect.signature(command)

    @functools.wraps(command)
    def with_server(*args: object, endpoint: str | None, graph: str | None, auth: str | None,
                    auth_file: Path | None, auth_scheme: str,
                    token: str | None, timeout: float, **kwargs: object) -> None:
        if endpoint is None:
            if graph is not None:
                raise typer.BadParameter("--graph needs --endpoint", param_hint="--graph")
            return command(*args, server=None, **kwargs)
        if kwargs.get("data"):
            raise typer.BadParameter("give either --data or --endpoint, not both", param_hint="--endpoint")
        with reported_errors():
            from ..store import Remote

            server = Remote(endpoint, graph, connection(_context(), auth, auth_scheme, token, timeout, auth_file))
        return command(*args, server=server, **kwargs)

    # Annotations are text (postponed evaluation); ``server``'s names a type imported only for
    # type checkers, so it is left out and the others are evaluated where the command lives.
    kept = [
        p.replace(kind=keyword, annotation=eval(p.annotation, command.__globals__) if isinstance(p.annotation, str)  # noqa: S307
                  else p.annotation)
        for name, p in signature.parameters.items() if name != "server"
    ]
    with_server.__signature__ = signature.replace(parameters=kept + added, return_annotation=None)  # type: ignore[attr-defined]
    with_server.__annotations__ = {p.name: p.annotation for p in kept + added}
    return with_server
