"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl in a temporary folder, on 127.0.0.1.

PostgreSQL refuses to run as root; when the tests run as root, the server runs as the
unprivileged user 65534 (setpriv), in a folder that user owns. Debian's `postgresql` package
brings the server (.ci/run installs it); where it or the psycopg driver is missing, `missing()`
says so and the tests that need it skip with that reason.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

NOBODY = 65534
USER = "postgres"  # the server's superuser, trusted on 127.0.0.1 only


def server_binaries() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else Debian's newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(debian[-1]).parent if debian else None


def missing() -> str:
    """Why no server can be started here, or ''."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        return f"the psycopg driver is not installed ({exc}): make venv installs the pinned one"
    if server_binaries() is None:
        return ("PostgreSQL's server is not installed (initdb, pg_ctl): `apt-get install postgresql` on "
                "Debian (.ci/run does)")
    if os.getuid() == 0 and shutil.which("setpriv") is None:
        return "running as root without setpriv, and PostgreSQL refuses to run as root"
    return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One server, started on construction; `url(database)` for SQLAlchemy; `stop()`."""

    def __init__(self):
        self.bin = server_binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="postgres-"))
        if os.getuid() == 0:
            os.chown(self.folder, NOBODY, NOBODY)
        self.port = _free_port()
        self._run("initdb", "-D", str(self.folder / "data"), "-U", USER, "--auth=trust", "--no-sync",
                  "--encoding=UTF8")
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "server.log"), "-w",
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if os.getuid() == 0:
            command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
        done = subprocess.run(command, cwd=self.folder, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.folder / "server.log"
            raise RuntimeError(f"{program} failed: {done.stdout[-1500:]}{done.stderr[-1500:]}"
                               + (log.read_text()[-1500:] if log.is_file() else ""))

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new, empty database; its URL."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres", autocommit=True) as db:
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
