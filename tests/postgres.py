"""A real PostgreSQL server for the tests, started and stopped by the tests themselves.

Debian's ``postgresql`` binaries (``.ci/run`` installs them when missing) run a throwaway cluster:
``initdb`` into a temporary folder, owned by and run as ``nobody`` when the tests run as root
(PostgreSQL refuses to run as root), listening on a free port of 127.0.0.1 and on a unix socket
in that folder. ``postgres`` logs in without a password (trust); the role ``student`` must give
its password (SCRAM), so a wrong password can be tested for real. Durability is switched off
(``fsync``, ``synchronous_commit``): the cluster lives for one test session.

>>> with PostgresServer.started(Path("/tmp/pg")) as server:  # doctest: +SKIP
...     url = server.new_database()                            # postgresql://postgres@.../test_1
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STUDENT_PASSWORD = "right-horse-battery"  # the role ``student``'s password in the test cluster


def find_bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: ``pg_config --bindir``, Debian's versioned
    folders (newest first), or the PATH; None when PostgreSQL is not installed."""
    candidates = []
    if shutil.which("pg_config"):
        result = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(result.stdout.strip())
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True
    )
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb")).resolve().parent))
    for folder in candidates:
        if folder and all((Path(folder) / tool).exists() for tool in ("initdb", "pg_ctl")):
            return Path(folder)
    return None


def free_port() -> int:
    """A TCP port of 127.0.0.1 nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PostgresServer:
    """One test cluster in ``folder``: start, stop, and a fresh database per test."""

    def __init__(self, folder: Path, bindir: Path) -> None:
        self.folder = folder
        self.bindir = bindir
        self.data = folder / "data"
        self.port = free_port()
        self._databases = 0
        # PostgreSQL will not run as root: as root, every server command runs as nobody.
        self._as_owner = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []

    @classmethod
    @contextmanager
    def started(cls, folder: Path) -> Iterator[PostgresServer]:
        """A running cluster in ``folder``, stopped when the block ends, whatever happened."""
        bindir = find_bindir()
        if bindir is None:
            raise FileNotFoundError("PostgreSQL's initdb and pg_ctl are not installed")
        server = cls(folder, bindir)
        try:
            server.create()
            server.start()
            server.admin(
                f"CREATE ROLE student LOGIN PASSWORD '{STUDENT_PASSWORD}'",
            )
            yield server
        finally:
            server.stop()

    def _run(self, *command: str) -> None:
        result = subprocess.run(
            [*self._as_owner, *command], capture_output=True, text=True, timeout=60
        )
        if result.returncode:
            log = self.folder / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr}{tail}")

    def create(self) -> None:
        """initdb the cluster, with trust for postgres and a password for student."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._as_owner:
            shutil.chown(self.folder, "nobody", "nogroup")
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "--encoding=UTF8",
            "--locale=C",
        )
        (self.data / "pg_hba.conf").write_text(
            "local all all trust\n"
            "host all student 127.0.0.1/32 scram-sha-256\n"
            "host all all 127.0.0.1/32 trust\n"
        )

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self) -> None:
        """Stop the server now (running transactions are cut off, as in a crash or restart)."""
        if (self.data / "postmaster.pid").exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def url(self, database: str, user: str = "postgres", password: str | None = None) -> str:
        """``postgresql://user[:password]@127.0.0.1:port/database``."""
        login = f"{user}:{password}" if password else user
        return f"postgresql://{login}@127.0.0.1:{self.port}/{database}"

    def socket_url(self, database: str, user: str = "postgres") -> str:
        """``postgresql://user@/database?host=FOLDER&port=PORT``: over the unix socket in the
        cluster's folder, its port given in the query (libpq's form for sockets)."""
        return f"postgresql://{user}@/{database}?host={self.folder}&port={self.port}"

    def admin(self, statement: str) -> None:
        """Run one statement as postgres, outside a transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(
            host=str(self.folder), port=self.port, user="postgres", dbname="postgres"
        ) as connection:
            connection.autocommit = True
            connection.execute(statement)

    def new_database(self) -> str:
        """A new, empty database (owned by student, who may use it too); returns its URL."""
        self._databases += 1
        name = f"test_{self._databases}"
        self.admin(f"CREATE DATABASE {name} OWNER student")
        return self.url(name)
