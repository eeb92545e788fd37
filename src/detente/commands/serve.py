"""`detente serve`: the HTTP API and web UI in one process (uvicorn)."""

from __future__ import annotations

import gc
import ipaddress
import secrets
import sys
from typing import Any

import click

from ..store import mask_url

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
SWITCH_INTERVAL = 0.0005  # seconds; see serve()
MIN_TOKEN_CHARS = 16  # the same floor as detente.api.deps.MIN_TOKEN_CHARS (not imported: the extra is optional)


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the store to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--token", envvar="DETENTE_TOKEN",
              help=f"Bearer token required by write endpoints (env DETENTE_TOKEN), at least {MIN_TOKEN_CHARS} "
                   "characters. Required off loopback; 'generate' makes one and prints it.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True, help="How much the server logs.")
@click.pass_obj
def serve(obj: Any, host: str, port: int, token: str | None, log_level: str) -> None:
    """Serve the HTTP API (/api, OpenAPI at /api/openapi.json) and the web UI (/).

    Binds to loopback by default.  Writes (adding and deleting documents) need
    `Authorization: Bearer TOKEN` when a token is set; off loopback a token is required.
    """
    try:  # the server extra is optional: check its packages, not detente's own modules
        import fastapi  # noqa: F401
        import uvicorn
    except ImportError as exc:
        click.echo(f"error: the server needs the 'server' extra ({exc.name} is missing): "
                   "pip install 'detente[server]'", err=True)
        sys.exit(2)
    from ..api import create_app

    loopback = is_loopback(host)
    if token == "generate":
        token = secrets.token_urlsafe(24)
        click.echo(f"write token: {token}", err=True)
    elif token and len(token) < MIN_TOKEN_CHARS:
        click.echo(f"error: the write token (--token or DETENTE_TOKEN) must be at least {MIN_TOKEN_CHARS} "
                   f"characters long, it has {len(token)}: a short token can be guessed. "
                   "Give a longer one or --token generate", err=True)
        sys.exit(2)
    if not loopback and not token:
        click.echo(f"error: --host {host} is reachable from the network; give --token TOKEN (or --token generate) "
                   "so that only you can add or delete documents", err=True)
        sys.exit(2)
    allowed = ["127.0.0.1", "localhost", "::1", "[::1]"] if loopback else None
    app = create_app(obj.settings, token=token or "", allowed_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"detente: serving {mask_url(obj.settings.db)} at http://{shown}:{port}/ (API: /api, "
               f"writes {'need the token' if token else 'are open to this machine'})", err=True)
    # ingest runs in a worker process (detente.api.jobs), but the threads computing answers (queries,
    # JSON) still hold this process's GIL for stretches; the event loop, which needs it back after
    # every socket call, then waits up to the switch interval each time (5 ms by default): a shorter
    # one keeps answers already kept in memory fast while others are computed
    sys.setswitchinterval(SWITCH_INTERVAL)
    # everything built so far (the app, its settings, the loaded knowledge) lives as long as the server:
    # frozen, the collector no longer walks it on every collection the answers' many small objects
    # trigger (the all-time network answer's route spent ~40 % of its time there at 1M events)
    gc.freeze()
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False,
                proxy_headers=False, timeout_graceful_shutdown=5)


COMMANDS = [serve]

