"""A private PostgreSQL server for the tests: initdb into a temporary folder, pg_ctl start.

Debian's server binaries live in /usr/lib/postgresql/<version>/bin
(``scripts/install-system-deps.sh`` installs them).  initdb refuses to run as
root, so as root the server runs as the ``postgres`` system user (Debian's
package creates it).  The server listens on 127.0.0.1 on a free port, trusts
local connections, and is stopped (and its folder removed) at the end.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path


def server_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin folder, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def why_unavailable() -> str | None:
    """Why no test server can be started here (None when it can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg 3 is not installed: pip install -e '.[postgres]' (the Makefile's install does)"
    if server_bin() is None:
        return ("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin: "
                "run scripts/install-system-deps.sh (make system-deps)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: cannot start PostgreSQL as an unprivileged user"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """One running test server; :meth:`create_database` gives a fresh database's URL."""

    def __init__(self) -> None:
        self.bin = server_bin()
        assert self.bin is not None
        self.dir = Path(tempfile.mkdtemp(prefix="detente-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.user = "postgres"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.dir, "postgres", "postgres")
        self.dir.chmod(0o755)

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        cmd = [str(a) for a in args]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)

    def start(self) -> None:
        """initdb (the first time) and start; raises RuntimeError with the server's own words when it fails."""
        assert self.bin is not None
        if not self.data.exists():
            r = self._run(self.bin / "initdb", "-D", self.data, "-U", self.user, "-A", "trust", "-E", "UTF8",
                          "--locale", "C.UTF-8", "--no-sync")
            if r.returncode:
                raise RuntimeError(f"initdb failed: {r.stderr or r.stdout}")
        # no fsync (the machine does not crash under a test), but every commit is written
        # before it returns: a test stops the server abruptly and counts what was committed
        options = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
                   " -c full_page_writes=off -c max_connections=60")
        r = self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.dir / "server.log", "-o", options,
                      "-w", "-t", "60", "start")
        if r.returncode:
            log = (self.dir / "server.log").read_text(errors="replace") if (self.dir / "server.log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {r.stderr or r.stdout}\n{log[-2000:]}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "t") -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self, mode: str = "fast") -> None:
        assert self.bin is not None
        if self.data.exists():
            self._run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", timeout=60)

    def cleanup(self) -> None:
        self.stop("immediate")
        for _ in range(3):
            try:
                shutil.rmtree(self.dir)
                return
            except OSError:
                time.sleep(0.5)
