"""The run store: SQLite in ``FMNIST_HOME`` by default, PostgreSQL by URL; the only module that
speaks SQL.

It holds training runs (spec, config, status, results), their per-epoch metrics and live
progress, the stop flag the training callback polls, and the architectures users save. Each run's
files (``model.keras``, history, predictions) live in its own folder under ``FMNIST_HOME/runs/``,
whichever database holds the rows.

Which database: ``FMNIST_STORE_URL`` unset means the SQLite file ``FMNIST_HOME/studio.sqlite``
(WAL mode with a busy timeout, so the dashboard reads while the worker writes; nothing to install
or start). ``postgresql://user:password@host:port/database`` means that PostgreSQL database, for a
class or a cluster whose workers run on several machines.

Why SQLAlchemy Core: one set of queries and one migration list serve both databases, as in
MLflow's ``sqlalchemy_store.py``. SQLAlchemy renders each statement's parameters for its driver
(``sqlite3`` or psycopg 3), translates ``SELECT ... FOR UPDATE SKIP LOCKED`` (PostgreSQL's way to
let many workers claim queued runs at once; SQLite, which has no row locks, gets it without the
clause and serialises claims with ``BEGIN IMMEDIATE`` instead), pools and pre-pings PostgreSQL
connections (a restarted server costs one failed ping, not a failed write), and wraps every
driver's errors in one hierarchy, which ``StoreUnavailable`` turns into one sentence. We use Core,
not the ORM: the store's rows are plain dataclasses and its queries are short SQL, which stays
readable as SQL. The queries are written in the SQL both databases share (``ON CONFLICT``,
``RETURNING``); only the file checks of SQLite (integrity, WAL, read-only) and the place each keeps
its schema version differ, in a few marked lines.

>>> store = RunStore(Path("/tmp/studio"))          # doctest: +SKIP
>>> run_id = store.create_run("try", spec, config)  # doctest: +SKIP
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy
from sqlalchemy import bindparam, column, event, select, table, text
from sqlalchemy.engine import Connection, Engine, RowMapping
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.pool import NullPool

from fmnist_core import settings
from fmnist_core.names import name_problem

# Each entry upgrades the schema by one version; applied in order on open, never edited once
# released (add a new entry instead).
MIGRATIONS = [
    """
    CREATE TABLE architectures (
        name TEXT PRIMARY KEY,
        spec TEXT NOT NULL,
        created REAL NOT NULL,
        updated REAL NOT NULL
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        architecture TEXT NOT NULL,
        spec TEXT NOT NULL,
        config TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued',
        created REAL NOT NULL,
        started REAL,
        finished REAL,
        device TEXT,
        params INTEGER,
        test_loss REAL,
        test_accuracy REAL,
        error TEXT,
        worker_pid INTEGER,
        heartbeat REAL,
        stop_requested INTEGER NOT NULL DEFAULT 0,
        epoch INTEGER,
        batch INTEGER,
        batches_per_epoch INTEGER,
        epochs_planned INTEGER,
        notes TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX runs_by_status ON runs (status, id);
    CREATE TABLE epochs (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        epoch INTEGER NOT NULL,
        loss REAL,
        accuracy REAL,
        val_loss REAL,
        val_accuracy REAL,
        learning_rate REAL,
        seconds REAL,
        recorded REAL NOT NULL,
        PRIMARY KEY (run_id, epoch)
    );
    """,
    # Sweeps: runs that share a sweep id and differ only in the varied settings.
    """
    CREATE TABLE sweeps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        varied TEXT NOT NULL,
        created REAL NOT NULL
    );
    ALTER TABLE runs ADD COLUMN sweep_id INTEGER REFERENCES sweeps (id);
    ALTER TABLE runs ADD COLUMN sweep_values TEXT;
    CREATE INDEX runs_by_sweep ON runs (sweep_id, id);
    """,
    # The share of its batches an epoch trained, when Stop ended it early (NULL: all of them).
    """
    ALTER TABLE epochs ADD COLUMN fraction REAL;
    """,
]

STATUSES = ("queued", "running", "finished", "stopped", "failed", "interrupted", "cancelled")
ACTIVE = ("queued", "running")
HEARTBEAT_STALE_SECONDS = 60.0


class StoreError(ValueError):
    """Something a user asked of the store cannot be done (e.g. a name already taken)."""


# What is wrong with the store itself, what it means and what to do, in English; the dashboard
# has the same keys in Korean.
STORE_TEXTS = {
    "damaged": "The run store {path} is damaged ({detail}). Move that file aside and reload: the "
    "studio starts a new, empty store, and each run's files in {runs} stay where they are.",
    "disk_full": "The disk holding the run store {path} is full. Free some space, then try again.",
    "read_only": "The run store {path} is read-only here, so nothing can be changed. Set "
    "FMNIST_HOME to a folder you can write, or ask the store's owner.",
    "read_only_old": "The run store {path} was made by an older version of the studio and is "
    "read-only here, so it cannot be upgraded. Open it once where it can be written.",
    "busy": "The run store {path} stayed locked by another process for 30 s. Try again in a "
    "moment.",
    "cannot_open": "The run store {path} cannot be opened ({detail}). Check that FMNIST_HOME "
    "names a folder you can write.",
    # PostgreSQL (FMNIST_STORE_URL): {server} is host:port/database, never the password.
    # The driver's own words come last, quoted, so the sentence reads whole in either language.
    "server_down": "The run store's PostgreSQL server {server} does not answer. Start the server "
    "or correct the host and port in FMNIST_STORE_URL, then try again; what is already recorded "
    "is kept. (The driver said: {detail}.)",
    "unknown_host": "The run store's PostgreSQL host {host} is not known on this machine. "
    "Correct the host in FMNIST_STORE_URL (or this machine's name service), then try again.",
    "no_ssl": "The PostgreSQL server {server} does not accept SSL connections, which "
    "FMNIST_STORE_URL asks for (sslmode). Remove sslmode from the URL or turn SSL on in the "
    "server, then try again.",
    # PostgreSQL does not say which of the two was wrong, so neither does the studio.
    "wrong_password": "The PostgreSQL server {server} refused user {user}: the user name or the "
    "password is wrong, or the password is missing. Correct them in FMNIST_STORE_URL, or ask the "
    "database's owner.",
    "no_database": "The PostgreSQL server {server} has no database named {database}. Create it "
    "for that user (createdb -O {user} {database}) or correct the name in FMNIST_STORE_URL, then "
    "try again.",
    "bad_url": "FMNIST_STORE_URL ({url}) is not a PostgreSQL address ({detail}). Write it as "
    "postgresql://user:password@host:port/database, or unset it to use the SQLite file in "
    "FMNIST_HOME.",
    "no_driver": "FMNIST_STORE_URL names a PostgreSQL database, but its driver (psycopg) is not "
    "installed. Run pip install -r requirements-cluster.txt, then try again.",
    "database_error": "The run store's PostgreSQL database {server} refused the request "
    "({detail}). Check FMNIST_STORE_URL and the user's rights on that database, then try again.",
    # What is wrong with a URL: the {detail} of "bad_url", translated like the sentences (the
    # dashboard fills it in through ``StoreUnavailable.detail_key``), never a sentence itself.
    "url_unreadable": "it cannot be read as a URL: it must start with postgresql://",
    "url_scheme": "it starts with {scheme}://, not postgresql://",
    "url_no_database": "it names no database after the port",
    "url_port": "port {port} is not a number from 1 to 65535",
    "url_at": "its user name or password holds an @, :, / or ? as it is: write each percent-"
    "encoded (@ as %40, : as %3A, / as %2F, ? as %3F)",
}

# How long a write that must not be lost (an epoch, a run's outcome) keeps trying while the
# PostgreSQL server does not answer, e.g. during a restart, before it gives up with "server_down".
RECONNECT_SECONDS = 30.0


class StoreUnavailable(Exception):
    """The store itself cannot be used: damaged, read-only, on a full disk, locked, missing.

    ``key`` and ``values`` say which (``STORE_TEXTS``), so the dashboard can say it in another
    language; ``str(error)`` is one English sentence with what, where and what to do.
    """

    def __init__(self, key: str, detail_key: str | None = None, **values: object) -> None:
        # ``detail_key`` names a STORE_TEXTS fragment for {detail} (filled with ``values``), so
        # the detail can be translated too instead of showing English inside another language.
        self.key = key
        self.detail_key = detail_key
        self.values = {name: str(value) for name, value in values.items()}
        if detail_key is not None:
            self.values["detail"] = STORE_TEXTS[detail_key].format(**self.values)
        super().__init__(STORE_TEXTS[key].format(**self.values))


class OutageLog:
    """Logs once that ``what`` (a run's progress, its heartbeats) cannot be written while the
    store is away, and once that it is written again: a loop writing every second or two logged
    each failure's whole sentence, seven copies during a 12 s database restart, which read as
    lost work though training and its epochs went on."""

    def __init__(self, logger: logging.Logger, what: str) -> None:
        self._logger, self._what, self._away = logger, what, False

    def failed(self, error: StoreUnavailable) -> None:
        """A write of ``what`` failed: said the first time only."""
        if not self._away:
            self._logger.warning(
                "%s not recorded while the run store does not answer; training goes on, and it "
                "is written again once the store answers: %s",
                self._what,
                error,
            )
        self._away = True

    def written(self) -> None:
        """A write of ``what`` went through: said when it follows failures."""
        if self._away:
            self._logger.info("%s recorded again: the run store answers", self._what)
        self._away = False


def _unavailable(error: sqlite3.DatabaseError, path: Path) -> StoreUnavailable:
    """The SQLite error as a StoreUnavailable that says what it means for the user."""
    text = str(error).lower()
    if "readonly" in text or "read-only" in text:
        key = "read_only"
    elif "full" in text:
        key = "disk_full"
    elif "locked" in text or "busy" in text:
        key = "busy"
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        key = "damaged"
    else:
        key = "cannot_open"
    return StoreUnavailable(key, path=path, runs=path.parent / "runs", detail=error)


def _postgres_unavailable(error: DBAPIError, url: sqlalchemy.URL) -> StoreUnavailable:
    """The PostgreSQL error as a StoreUnavailable: server down, wrong password, no database..."""
    cause = error.orig if error.orig is not None else error
    # The driver's first line says what happened; the next ones are hints for DBAs.
    detail = " ".join((str(cause).strip().splitlines() or [""])[0].split()).rstrip(".")
    for secret in (url.password, *_query_values(url, "password")):
        if secret:  # drivers do not echo it, but a message must never show it
            detail = detail.replace(str(secret), "***")
    lowered = detail.lower()
    server = _server_name(url)
    user = _user_name(url)
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return StoreUnavailable("wrong_password", server=server, user=user)
    if f'database "{url.database}" does not exist' in lowered:
        return StoreUnavailable("no_database", server=server, database=url.database, user=user)
    if "failed to resolve host" in lowered or "could not translate host name" in lowered:
        return StoreUnavailable("unknown_host", host=_host_name(url))
    if "does not support ssl" in lowered:
        return StoreUnavailable("no_ssl", server=server)
    # A refused or dropped connection, or a server shutting down or starting up: the server is
    # (for now) not there, which a retry may outlive; anything else is the database's answer.
    if _server_gone(error, cause, lowered):
        return StoreUnavailable("server_down", server=server, detail=detail)
    return StoreUnavailable("database_error", server=server, detail=detail)


def _server_gone(error: DBAPIError, cause: BaseException, lowered: str) -> bool:
    """True when the connection itself failed (over TCP or a unix socket alike), not a query."""
    if error.connection_invalidated or any(sign in lowered for sign in _SERVER_GONE):
        return True
    # Judged by its nature, not its wording: an OperationalError while connecting (no statement
    # yet) that the server did not answer with a code of its own (a refused login has one), or
    # answered with "connection exception" (08...) or "shutting down / starting up" (57P...).
    state = getattr(cause, "sqlstate", None) or ""
    return isinstance(error, sqlalchemy.exc.OperationalError) and (
        state.startswith(("08", "57P")) or (error.statement is None and not state)
    )


_SERVER_GONE = (
    "connection failed",
    "connection is bad",  # psycopg, when connecting over a unix socket fails
    "failed to resolve host",
    "connection refused",
    "could not connect",
    "no such file or directory",  # the socket file is gone: the server is stopped
    "is the server running",
    "server closed the connection",
    "terminating connection",
    "terminated",
    "the database system is",  # ... shutting down / starting up / in recovery mode
    "consuming input failed",
    "connection is closed",
    "connection timeout",
    "timeout expired",
)


def _query_values(url: sqlalchemy.URL, name: str) -> tuple[str, ...]:
    """The values of ``?name=`` in ``url`` (a tuple: libpq allows one per host)."""
    value = url.query.get(name)
    if value is None:
        return ()
    return tuple(value) if isinstance(value, tuple) else (value,)


def _host_name(url: sqlalchemy.URL) -> str:
    """The host libpq connects to (a socket folder stands for the host; ``?host=`` counts)."""
    return url.host or next(iter(_query_values(url, "host")), None) or "localhost"


def _server_name(url: sqlalchemy.URL) -> str:
    """``host:port/database`` for messages (``?host=`` and ``?port=`` count as libpq counts
    them, so the message names the port actually used)."""
    port = url.port or next(iter(_query_values(url, "port")), None) or 5432
    return f"{_host_name(url)}:{port}/{url.database or ''}"


def _user_name(url: sqlalchemy.URL) -> str:
    """The user libpq logs in as: the URL's, its ``?user=``, else this machine's login name."""
    return url.username or next(iter(_query_values(url, "user")), None) or getpass.getuser()


def _hide_password(url: str) -> str:
    """``url`` with every password replaced by ``***``, whatever the URL's shape: what lies
    between the first ':' after the user (a ':' not followed by '/', so not the scheme's) and
    the last '@', and any ``?password=`` / ``&password=`` value."""
    at = url.rfind("@")  # the last @: a password may hold one
    if at > 0:
        head = url[:at]
        colon = next(
            (i for i, char in enumerate(head) if char == ":" and head[i + 1 : i + 2] != "/"), None
        )
        if colon is not None:
            url = f"{head[: colon + 1]}***{url[at:]}"
    return re.sub(r"(?i)([?&]password=)[^&#]*", r"\1***", url)


SQLITE_FILE = "studio.sqlite"  # the run store's file in FMNIST_HOME, without FMNIST_STORE_URL


def location(url_text: str | None, home: Path) -> tuple[str, str]:
    """Where the runs are kept, for people, without opening the store: ("sqlite", the file) or
    ("postgresql", ``host:port/database``), never a password (an unreadable URL is shown with
    it hidden)."""
    if url_text is None:
        return "sqlite", str(home / SQLITE_FILE)
    try:
        return "postgresql", _server_name(sqlalchemy.make_url(url_text))
    except (ArgumentError, ValueError):
        return "postgresql", _hide_password(url_text)


def _port_problem(url_text: str, url: sqlalchemy.URL | None) -> str | None:
    """The port the user wrote when it is not a TCP port (1-65535), else None: ``host:abc``,
    ``?port=abc`` or ``:99999`` would otherwise fail later as a traceback or a database error."""
    if url is None:  # unreadable: look for host:port in the text itself
        match = re.search(r"@[^/?#]*?:([^/?#@]*)(?:[/?#]|$)", url_text)
        ports = [match.group(1)] if match and not match.group(1).isdigit() else []
    else:
        ports = [str(url.port)] if url.port is not None else []
        for value in _query_values(url, "port"):
            ports += value.split(",")  # libpq: one port per host, comma-separated
    for port in ports:
        if not (port.strip().isdigit() and 1 <= int(port) <= 65535):
            return port
    return None


def _postgres_engine(url_text: str) -> tuple[Engine, sqlalchemy.URL]:
    """The pooled engine for ``url_text`` (one per URL and process), or why there cannot be one."""
    engine = _ENGINES.get(url_text)
    if engine is not None:
        return engine, engine.url
    shown = _hide_password(url_text)
    try:
        url = sqlalchemy.make_url(url_text)
    except (ArgumentError, ValueError) as error:  # ValueError: a port that is not a number
        port = _port_problem(url_text, None)
        if port is not None:
            raise StoreUnavailable("bad_url", "url_port", url=shown, port=port) from error
        raise StoreUnavailable("bad_url", "url_unreadable", url=shown) from error
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3, not SQLAlchemy's psycopg2
    if url.drivername != "postgresql+psycopg":
        raise StoreUnavailable("bad_url", "url_scheme", url=shown, scheme=url.drivername)
    if "@" in (url.host or ""):  # user:p@ss@host: a password's @ read as the host's start
        raise StoreUnavailable("bad_url", "url_at", url=shown)
    port = _port_problem(url_text, url)
    if port is not None:
        raise StoreUnavailable("bad_url", "url_port", url=shown, port=port)
    if not url.database:
        raise StoreUnavailable("bad_url", "url_no_database", url=shown)
    try:
        engine = sqlalchemy.create_engine(
            url,
            # A pooled connection the server dropped (restart) is found by a ping and replaced,
            # instead of failing the next write.
            pool_pre_ping=True,
            pool_size=2,
            max_overflow=8,
            connect_args={"connect_timeout": 5},  # an unreachable host answers in 5 s, not 2 min
        )
    except (ImportError, NoSuchModuleError) as error:
        raise StoreUnavailable("no_driver") from error
    _ENGINES[url_text] = engine
    return engine, url


# One pool per PostgreSQL URL and process: pages make a RunStore per rerun, and each would
# otherwise open its own connections.
_ENGINES: dict[str, Engine] = {}


def _forget_pools_after_fork() -> None:
    # A forked child must not use (or, on garbage collection, close) its parent's connections:
    # SQLAlchemy's documented way is to drop them from the child's pool without closing them.
    for engine in _ENGINES.values():
        engine.dispose(close=False)


os.register_at_fork(after_in_child=_forget_pools_after_fork)


@dataclass(frozen=True)
class Run:
    """One training run as stored; ``spec`` and ``config`` are the dicts it was started with."""

    id: int
    name: str
    architecture: str
    spec: dict[str, Any]
    config: dict[str, Any]
    status: str
    created: float
    started: float | None
    finished: float | None
    device: str | None
    params: int | None
    test_loss: float | None
    test_accuracy: float | None
    error: str | None
    worker_pid: int | None
    heartbeat: float | None
    stop_requested: bool
    epoch: int | None
    batch: int | None
    batches_per_epoch: int | None
    epochs_planned: int | None
    notes: str
    tags: str
    sweep_id: int | None = None
    sweep_values: dict[str, Any] | None = None  # {varied setting: this run's value}

    @property
    def active(self) -> bool:
        """Queued or running: the run may still change."""
        return self.status in ACTIVE


@dataclass(frozen=True)
class Sweep:
    """Runs queued together: ``varied`` lists each varied setting with its values, in order."""

    id: int
    name: str
    varied: list[tuple[str, list[Any]]]
    created: float

    @property
    def settings(self) -> list[str]:
        """The varied settings' names, in order (``learning_rate``, ``layers.2.filters``, ...)."""
        return [name for name, _ in self.varied]


@dataclass(frozen=True)
class Epoch:
    """The metrics of one finished epoch (``epoch`` counts from 1).

    An epoch that Stop ended early has the share of its batches it trained as ``fraction``
    (None: all of them); its training metrics average those batches only, and its validation
    metrics score the model as it was kept.
    """

    epoch: int
    loss: float | None
    accuracy: float | None
    val_loss: float | None
    val_accuracy: float | None
    learning_rate: float | None
    seconds: float | None
    recorded: float
    fraction: float | None = None

    @property
    def position(self) -> float:
        """Where the epoch ends on an epoch axis: 3 for the whole third epoch, 2.25 for a
        quarter of it."""
        return self.epoch if self.fraction is None else self.epoch - 1 + self.fraction


def check_name(name: str, what: str = "name", rule=name_problem) -> str:
    """``name`` stripped, or StoreError saying why it cannot be used (see ``names``; ``rule``
    says why a name is refused, ``architectures.saved_name_problem`` for saved networks)."""
    name = (name or "").strip()
    problem = rule(name)
    if problem:
        raise StoreError(f"{what} {name[:80]!r} is not usable: {problem}")
    return name


def _saved_name_problem(name: str):
    # Imported here: the presets' module reaches this one through the data and layer modules.
    from fmnist_core.architectures import saved_name_problem

    return saved_name_problem(name)


class RunStore:
    """Runs, epochs, progress and saved architectures, in ``home/studio.sqlite`` or in the
    PostgreSQL database ``FMNIST_STORE_URL`` names; run files always under ``home/runs/``.

    Every method works in its own short transaction, so one store object can be shared between
    threads, and several processes (dashboard, workers, command line; on PostgreSQL, on several
    machines) use the same store safely.
    """

    def __init__(self, home: Path | None = None) -> None:
        self._open_store(Path(home) if home else settings.studio_home(), settings.store_url())

    def __getstate__(self) -> dict[str, Any]:
        # Sent to another process (multiprocessing, a cluster task): the same home and database,
        # with its own connections there.
        return {"home": self.home, "url": self._url_text}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._open_store(state["home"], state["url"])

    def _open_store(self, home: Path, url: str | None) -> None:
        self.home = home
        self.path = self.home / SQLITE_FILE
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(
                "cannot_open", path=self.path, detail=error.strerror or error
            ) from error
        self._url_text = url
        self.read_only = False
        self._url: sqlalchemy.URL | None = None
        if url:
            self.engine, self._url = _postgres_engine(url)
        else:
            # A store someone else owns can still be read (Compare, the run list): it is opened
            # read-only instead of failing on the first write SQLite makes for WAL mode.
            self.read_only = self.path.exists() and not (
                os.access(self.path, os.W_OK) and os.access(self.home, os.W_OK)
            )
            self._read_only_uri = f"file:{self.path}?mode=ro"
            # Short connections, as before: a file's connections cost nothing to open.
            self.engine = sqlalchemy.create_engine(
                "sqlite://", creator=self._open, poolclass=NullPool
            )
            event.listen(self.engine, "begin", _begin_sqlite)
        self._migrate()

    @property
    def _on_postgres(self) -> bool:
        """True when the rows live in PostgreSQL (``FMNIST_STORE_URL``), not the SQLite file."""
        return self._url is not None

    # --- plumbing -----------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """A new SQLite connection; SQLAlchemy's transactions start with ``_begin_sqlite``."""
        if self.read_only:
            connection = sqlite3.connect(
                self._read_only_uri, uri=True, timeout=30, isolation_level=None
            )
        else:
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.execute("PRAGMA busy_timeout = 30000")
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    @contextmanager
    def _connect(self, immediate: bool = False) -> Iterator[Connection]:
        """A connection inside one transaction, committed when the block ends without error.

        ``immediate`` takes SQLite's write lock up front (PostgreSQL locks rows instead). Every
        database failure but a broken constraint becomes a ``StoreUnavailable`` that says which.
        """
        try:
            with self.engine.connect() as connection:
                if immediate:
                    connection.execution_options(sqlite_begin="BEGIN IMMEDIATE")
                with connection.begin():
                    yield connection
        except IntegrityError:
            raise
        except DBAPIError as error:  # damaged, full, read-only, locked, server down: say which
            raise self._unavailable(error) from error

    def _unavailable(self, error: DBAPIError) -> StoreUnavailable:
        if self._url is not None:
            return _postgres_unavailable(error, self._url)
        return _unavailable(error.orig or error, self.path)

    def _keep_trying(self, write: Callable[[], _T]) -> _T:
        """``write()``, tried again while the PostgreSQL server is away for up to
        ``RECONNECT_SECONDS`` (a restart), then StoreUnavailable("server_down")."""
        deadline = time.monotonic() + RECONNECT_SECONDS
        while True:
            try:
                return write()
            except StoreUnavailable as error:
                # A host not found may be the name service restarting with the server.
                away = error.key in ("server_down", "unknown_host")
                if not away or time.monotonic() >= deadline:
                    raise
                time.sleep(0.5)

    def _migrate(self) -> None:
        """Check the file is whole, then bring its schema up to date (once per store object)."""
        if self.read_only:
            self._check_read_only()
            return
        if not self._on_postgres:
            self._check_whole()
        with self._connect(immediate=True) as db:
            if self._on_postgres:
                # Workers starting together on a new database would all create the tables: the
                # first takes this lock for its transaction, the others then find them made.
                db.execute(text("SELECT pg_advisory_xact_lock(7411)"))
                db.execute(text("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)"))
            version = self._schema_version(db)
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                if self._on_postgres:
                    script = _postgres_types(script)
                for statement in filter(str.strip, script.split(";")):
                    db.execute(text(statement))
                self._set_schema_version(db, number)

    def _schema_version(self, db: Connection) -> int:
        """How many migrations the database has had (SQLite: its header's user_version)."""
        if self._on_postgres:
            return db.execute(text("SELECT max(version) FROM schema_version")).scalar() or 0
        return db.execute(text("PRAGMA user_version")).scalar()

    def _set_schema_version(self, db: Connection, number: int) -> None:
        if self._on_postgres:
            db.execute(text("DELETE FROM schema_version"))
            db.execute(text("INSERT INTO schema_version VALUES (:number)"), {"number": number})
        else:
            db.execute(text(f"PRAGMA user_version = {number}"))

    def _check_whole(self) -> None:
        """Refuse a damaged file; then turn on WAL, which lets readers and a writer work at once."""
        try:
            connection = self._open()
        except sqlite3.DatabaseError as error:
            raise _unavailable(error, self.path) from error
        try:
            # Damage inside the file can leave queries answering with rows missing and no error
            # at all; quick_check reads every page once (milliseconds for a studio's store).
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                raise StoreUnavailable(
                    "damaged", path=self.path, runs=self.home / "runs", detail=_first(problems)
                )
            connection.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as error:
            raise _unavailable(error, self.path) from error
        finally:
            connection.close()

    def _number_after_folders(self, db: Connection) -> None:
        """Make the next run's number higher than every run folder in FMNIST_HOME (inside the
        transaction that inserts runs). The folders may be another store's: a new database for
        an old home, a damaged file moved aside, or PostgreSQL and SQLite taking turns on one
        home, where each numbered its runs on its own and a run trained after switching back
        wrote its model into the other store's run of the same number."""
        highest = max(self._run_folder_numbers(), default=0)
        if not highest:
            return
        if self._on_postgres:
            # One run-creating transaction at a time reads and moves the sequence: two moving
            # it at once could set it back below a number the other had just taken.
            db.execute(text("SELECT pg_advisory_xact_lock(7412)"))
            sequence = db.execute(text("SELECT pg_get_serial_sequence('runs', 'id')")).scalar_one()
            # The name comes from PostgreSQL itself, already quoted as an identifier.
            last, called = db.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
            if highest >= (last + 1 if called else last):  # the number it would give next
                db.execute(
                    text("SELECT setval(:sequence, :highest)"),
                    {"sequence": sequence, "highest": highest},
                )
            return
        counted = db.execute(text("SELECT 1 FROM sqlite_sequence WHERE name = 'runs'")).first()
        moving = (
            # No run inserted yet: SQLite has no row of the runs' numbers to move.
            "INSERT INTO sqlite_sequence (name, seq) VALUES ('runs', :highest)"
            if counted is None
            else "UPDATE sqlite_sequence SET seq = :highest WHERE name = 'runs' AND seq < :highest"
        )
        db.execute(text(moving), {"highest": highest})

    def _claim_folder(self, run_id: int) -> None:
        """Make a new run's folder now, so that its number is taken in FMNIST_HOME for any other
        store too (``_number_after_folders``), not only once a worker writes its files. A home
        this machine cannot write (a cluster's studio machine may only read the share) is left
        to the worker, whose check says what is wrong with it."""
        with suppress(OSError):
            self.run_dir(run_id)

    def _run_folder_numbers(self) -> list[int]:
        folder = self.home / "runs"
        if not folder.is_dir():
            return []
        return [int(path.name) for path in folder.iterdir() if path.name.isdigit()]

    def _check_read_only(self) -> None:
        """Open a store we may not write: whole, and of this version's schema."""
        try:
            connection = self._open()
            try:
                connection.execute("PRAGMA user_version").fetchone()
            except sqlite3.OperationalError:
                # A WAL store without its shared-memory file can only be read as an unchanging
                # snapshot (SQLite's immutable mode): fine for someone who cannot write it anyway.
                connection.close()
                self._read_only_uri += "&immutable=1"
                connection = self._open()
            try:
                problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
                version = connection.execute("PRAGMA user_version").fetchone()[0]
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            raise _unavailable(error, self.path) from error
        if problems != ["ok"]:
            raise StoreUnavailable(
                "damaged", path=self.path, runs=self.home / "runs", detail=_first(problems)
            )
        if version < len(MIGRATIONS):
            raise StoreUnavailable("read_only_old", path=self.path)

    def run_dir(self, run_id: int, create: bool = True) -> Path:
        """The folder holding run ``run_id``'s files (created unless ``create`` is False)."""
        folder = self.home / "runs" / str(run_id)
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        return folder

    def model_path(self, run_id: int) -> Path:
        """Where run ``run_id``'s trained model is (``model.keras``; it may not exist yet)."""
        return self.run_dir(run_id, create=False) / "model.keras"

    # --- saved architectures ------------------------------------------------------------------

    def save_architecture(self, name: str, spec: dict[str, Any], replace: bool = False) -> str:
        """Save ``spec`` under ``name``; an existing name is refused unless ``replace``."""
        name = check_name(name, "architecture name", _saved_name_problem)
        stored = json.dumps({**spec, "name": name}, ensure_ascii=False)
        now = time.time()
        with self._connect(immediate=True) as db:
            exists = db.execute(
                text("SELECT 1 FROM architectures WHERE name = :name"), {"name": name}
            ).first()
            if exists and not replace:
                raise StoreError(
                    f"an architecture named {name!r} already exists: choose another "
                    "name or replace it"
                )
            db.execute(
                text(
                    "INSERT INTO architectures (name, spec, created, updated) "
                    "VALUES (:name, :spec, :now, :now) ON CONFLICT (name) DO UPDATE "
                    "SET spec = excluded.spec, updated = excluded.updated"
                ),
                {"name": name, "spec": stored, "now": now},
            )
        return name

    def architecture_names(self) -> list[str]:
        """Saved architectures' names, alphabetically (ignoring case)."""
        with self._connect() as db:
            rows = db.execute(text("SELECT name FROM architectures ORDER BY lower(name), name"))
            return list(rows.scalars())

    def load_architecture(self, name: str) -> dict[str, Any]:
        """The saved spec ``name``; StoreError when there is none."""
        with self._connect() as db:
            spec = db.execute(
                text("SELECT spec FROM architectures WHERE name = :name"), {"name": name}
            ).scalar()
        if spec is None:
            raise StoreError(f"there is no saved architecture named {name!r}")
        return json.loads(spec)

    def rename_architecture(self, old: str, new: str) -> str:
        """Rename a saved architecture; the new name must be free."""
        new = check_name(new, "architecture name", _saved_name_problem)
        spec = self.load_architecture(old)
        with self._connect(immediate=True) as db:
            if db.execute(
                text("SELECT 1 FROM architectures WHERE name = :name"), {"name": new}
            ).first():
                raise StoreError(f"an architecture named {new!r} already exists")
            db.execute(
                text(
                    "UPDATE architectures SET name = :new, spec = :spec, updated = :now "
                    "WHERE name = :old"
                ),
                {
                    "new": new,
                    "spec": json.dumps({**spec, "name": new}, ensure_ascii=False),
                    "now": time.time(),
                    "old": old,
                },
            )
        return new

    def delete_architecture(self, name: str) -> None:
        """Forget a saved architecture (runs trained from it keep their own copy)."""
        with self._connect() as db:
            db.execute(text("DELETE FROM architectures WHERE name = :name"), {"name": name})

    # --- runs: creating, claiming, finishing ---------------------------------------------------

    def create_run(
        self,
        name: str,
        spec: dict[str, Any],
        config: dict[str, Any],
        params: int | None = None,
        *,
        running_in: tuple[int, str] | None = None,
    ) -> int:
        """Queue a run and return its id; the worker picks queued runs up oldest first.

        ``name`` (or, when empty, the network's name) must pass :func:`check_name`, the same rule
        as renaming, so a name accepted here is never refused later.

        ``running_in=(pid, device)`` records it as already running in that process instead
        (the command line trains in the foreground, so no worker may claim it).
        """
        name = check_name((name or "").strip() or spec.get("name", "run"), "run name")
        now = time.time()
        pid, device = running_in or (None, None)
        with self._connect(immediate=True) as db:
            self._number_after_folders(db)
            run_id = db.execute(
                text(
                    "INSERT INTO runs (name, architecture, spec, config, status, created, params, "
                    "epochs_planned, started, worker_pid, heartbeat, device) "
                    "VALUES (:name, :architecture, :spec, :config, :status, :now, :params, "
                    ":epochs, :started, :pid, :started, :device) RETURNING id"
                ),
                {
                    "name": name,
                    "architecture": spec.get("name", "custom"),
                    "spec": json.dumps(spec, ensure_ascii=False),
                    "config": json.dumps(config),
                    "status": "running" if running_in else "queued",
                    "now": now,
                    "params": params,
                    "epochs": config.get("epochs"),
                    "started": now if running_in else None,
                    "pid": pid,
                    "device": device,
                },
            ).scalar_one()
            self._claim_folder(run_id)
        return run_id

    def claim_next_run(self, worker_pid: int, device: str) -> Run | None:
        """Atomically mark the oldest queued run as running by ``worker_pid``; None when idle.

        On PostgreSQL, workers claiming at once each lock a different queued row (``FOR UPDATE
        SKIP LOCKED``) instead of waiting for each other; on SQLite they take turns.
        """
        now = time.time()
        with self._connect(immediate=True) as db:
            run_id = db.execute(_NEXT_QUEUED).scalar()
            if run_id is None:
                return None
            db.execute(
                text(
                    "UPDATE runs SET status = 'running', started = :now, worker_pid = :pid, "
                    "heartbeat = :now, device = :device WHERE id = :id"
                ),
                {"now": now, "pid": worker_pid, "device": device, "id": run_id},
            )
        return self.get_run(run_id)

    def record_device(self, run_id: int, device: str) -> None:
        """Name where a claimed run trains, once that is known (a Ray task's node and GPU)."""
        with self._connect() as db:
            db.execute(
                text("UPDATE runs SET device = :device WHERE id = :id"),
                {"device": device, "id": run_id},
            )

    def queued_run_ids(self) -> list[int]:
        """Ids of the runs waiting for a worker, oldest first."""
        with self._connect() as db:
            rows = db.execute(text("SELECT id FROM runs WHERE status = 'queued' ORDER BY id"))
            return list(rows.scalars())

    def queue_place(self, run_id: int) -> tuple[int, int]:
        """Where a queued run stands: how many queued runs are ahead of it (workers take them
        oldest first), and how many runs are training now."""
        with self._connect() as db:
            ahead, training = db.execute(
                text(
                    "SELECT COALESCE(SUM(CASE WHEN status = 'queued' AND id < :id THEN 1 ELSE 0 "
                    "END), 0), COALESCE(SUM(CASE WHEN status = 'running' THEN 1 ELSE 0 END), 0) "
                    "FROM runs"
                ),
                {"id": run_id},
            ).one()
        return int(ahead), int(training)

    def heartbeat(self, run_id: int) -> None:
        """Tell watchers the worker training ``run_id`` is alive."""
        with self._connect() as db:
            db.execute(
                text("UPDATE runs SET heartbeat = :now WHERE id = :id"),
                {"now": time.time(), "id": run_id},
            )

    def record_progress(self, run_id: int, epoch: int, batch: int, batches_per_epoch: int) -> None:
        """Where training is inside the current epoch (also a heartbeat)."""
        with self._connect() as db:
            db.execute(
                text(
                    "UPDATE runs SET epoch = :epoch, batch = :batch, "
                    "batches_per_epoch = :batches, heartbeat = :now WHERE id = :id"
                ),
                {
                    "epoch": epoch,
                    "batch": batch,
                    "batches": batches_per_epoch,
                    "now": time.time(),
                    "id": run_id,
                },
            )

    def record_epoch(self, run_id: int, epoch: int, metrics: dict[str, float | None]) -> None:
        """Store one finished epoch's metrics (``epoch`` from 1); rewriting an epoch replaces it.

        While the PostgreSQL server does not answer (a restart), it keeps trying for up to
        ``RECONNECT_SECONDS``, then raises StoreUnavailable("server_down"); the epochs stored
        before stay, and writing resumes once the server is back.
        """
        values = {name: metrics.get(name) for name in EPOCH_METRICS}

        def write() -> None:
            with self._connect() as db:
                db.execute(
                    text(
                        "INSERT INTO epochs (run_id, epoch, loss, accuracy, val_loss, "
                        "val_accuracy, learning_rate, seconds, fraction, recorded) VALUES "
                        "(:run_id, :epoch, :loss, :accuracy, :val_loss, :val_accuracy, "
                        ":learning_rate, :seconds, :fraction, :now) ON CONFLICT (run_id, epoch) "
                        "DO UPDATE SET loss = excluded.loss, accuracy = excluded.accuracy, "
                        "val_loss = excluded.val_loss, val_accuracy = excluded.val_accuracy, "
                        "learning_rate = excluded.learning_rate, seconds = excluded.seconds, "
                        "fraction = excluded.fraction, recorded = excluded.recorded"
                    ),
                    {"run_id": run_id, "epoch": epoch, "now": time.time(), **values},
                )
                db.execute(
                    text("UPDATE runs SET epoch = :epoch, heartbeat = :now WHERE id = :id"),
                    {"epoch": epoch, "now": time.time(), "id": run_id},
                )

        self._keep_trying(write)

    def set_params(self, run_id: int, params: int) -> None:
        """Record the built model's parameter count."""
        with self._connect() as db:
            db.execute(
                text("UPDATE runs SET params = :params WHERE id = :id"),
                {"params": params, "id": run_id},
            )

    def finish_run(
        self,
        run_id: int,
        status: str,
        *,
        test_loss: float | None = None,
        test_accuracy: float | None = None,
        error: str | None = None,
    ) -> None:
        """Record how the run ended: finished, stopped or failed (with the error text).

        Like ``record_epoch``, it outlasts a PostgreSQL restart of up to ``RECONNECT_SECONDS``.
        """
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")

        def write() -> None:
            with self._connect() as db:
                db.execute(
                    text(
                        "UPDATE runs SET status = :status, finished = :now, "
                        "test_loss = :test_loss, test_accuracy = :test_accuracy, error = :error "
                        "WHERE id = :id"
                    ),
                    {
                        "status": status,
                        "now": time.time(),
                        "test_loss": test_loss,
                        "test_accuracy": test_accuracy,
                        "error": error,
                        "id": run_id,
                    },
                )

        self._keep_trying(write)

    # --- stop, cancel, interrupted -------------------------------------------------------------

    def request_stop(self, run_id: int) -> None:
        """Ask the worker to stop ``run_id`` after the current batch; a queued run is cancelled."""
        with self._connect() as db:
            db.execute(text("UPDATE runs SET stop_requested = 1 WHERE id = :id"), {"id": run_id})
            db.execute(
                text(
                    "UPDATE runs SET status = 'cancelled', finished = :now "
                    "WHERE id = :id AND status = 'queued'"
                ),
                {"now": time.time(), "id": run_id},
            )

    def stop_requested(self, run_id: int) -> bool:
        """True once someone pressed Stop for ``run_id``."""
        with self._connect() as db:
            flag = db.execute(
                text("SELECT stop_requested FROM runs WHERE id = :id"), {"id": run_id}
            ).scalar()
        return bool(flag)

    def mark_interrupted(self, now: float | None = None) -> list[int]:
        """Mark running runs whose worker is gone (dead pid or stale heartbeat) as interrupted.

        Their epochs stay. Returns the ids marked. Called by each worker start and page load,
        so it only takes the write lock when there is something to mark.
        """
        now = now or time.time()

        def gone(row: RowMapping) -> bool:
            stale = row["heartbeat"] is None or now - row["heartbeat"] > HEARTBEAT_STALE_SECONDS
            return stale or not pid_alive(row["worker_pid"])

        with self._connect() as db:
            if not any(gone(row) for row in db.execute(_RUNNING).mappings()):
                return []
        with self._connect(immediate=True) as db:  # look again under the lock, then mark
            running = db.execute(_RUNNING.with_for_update()).mappings()
            marked = [row["id"] for row in running if gone(row)]
            for run_id in marked:
                db.execute(
                    text(
                        "UPDATE runs SET status = 'interrupted', finished = :now, error = :error "
                        "WHERE id = :id"
                    ),
                    {
                        "now": now,
                        "error": "the worker process stopped unexpectedly during training",
                        "id": run_id,
                    },
                )
        return marked

    # --- reading -------------------------------------------------------------------------------

    def get_run(self, run_id: int) -> Run | None:
        """Run ``run_id``, or None when there is no such run."""
        with self._connect() as db:
            row = (
                db.execute(text("SELECT * FROM runs WHERE id = :id"), {"id": run_id})
                .mappings()
                .first()
            )
        return _run(row) if row else None

    def list_runs(self, statuses: tuple[str, ...] | None = None) -> list[Run]:
        """All runs, newest first (optionally only those with one of ``statuses``)."""
        query = text("SELECT * FROM runs ORDER BY id DESC")
        values: dict[str, Any] = {}
        if statuses:
            query = text(
                "SELECT * FROM runs WHERE status IN :statuses ORDER BY id DESC"
            ).bindparams(bindparam("statuses", expanding=True))
            values = {"statuses": list(statuses)}
        with self._connect() as db:
            return [_run(row) for row in db.execute(query, values).mappings()]

    def epochs_of(self, run_ids: list[int]) -> dict[int, list[Epoch]]:
        """The finished epochs of several runs in one query: {run id: epochs in order}."""
        found: dict[int, list[Epoch]] = {run_id: [] for run_id in run_ids}
        if not run_ids:
            return found
        query = text(
            "SELECT run_id, epoch, loss, accuracy, val_loss, val_accuracy, learning_rate, "
            "seconds, recorded, fraction FROM epochs WHERE run_id IN :run_ids "
            "ORDER BY run_id, epoch"
        ).bindparams(bindparam("run_ids", expanding=True))
        with self._connect() as db:
            rows = db.execute(query, {"run_ids": list(run_ids)}).mappings().all()
        for row in rows:
            values = dict(row)
            found[values.pop("run_id")].append(Epoch(**values))
        return found

    def epochs(self, run_id: int) -> list[Epoch]:
        """The run's finished epochs, in order."""
        return self.epochs_of([run_id])[run_id]

    # --- managing ------------------------------------------------------------------------------

    def update_run_info(
        self,
        run_id: int,
        *,
        name: str | None = None,
        notes: str | None = None,
        tags: str | None = None,
    ) -> None:
        """Rename a run or change its notes and tags."""
        changes = {}
        if name is not None:
            changes["name"] = check_name(name, "run name")
        if notes is not None:
            changes["notes"] = notes
        if tags is not None:
            changes["tags"] = tags.strip()
        if not changes:
            return
        assignments = ", ".join(f"{field} = :{field}" for field in changes)  # fixed field names
        with self._connect() as db:
            db.execute(
                text(f"UPDATE runs SET {assignments} WHERE id = :id"), {**changes, "id": run_id}
            )

    def delete_run(self, run_id: int) -> None:
        """Delete a finished run with its epochs and files; an active run must be stopped first."""
        run = self.get_run(run_id)
        if run is None:
            return
        if run.active:
            raise StoreError(f"run {run_id} is {run.status}: stop it before deleting it")
        with self._connect() as db:
            db.execute(text("DELETE FROM runs WHERE id = :id"), {"id": run_id})
        shutil.rmtree(self.home / "runs" / str(run_id), ignore_errors=True)

    # --- sweeps --------------------------------------------------------------------------------

    def create_sweep(
        self,
        name: str,
        varied: list[tuple[str, list[Any]]],
        runs: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, Any], int | None]],
    ) -> tuple[int, list[int]]:
        """Queue a sweep's runs, all or none, in one transaction; returns (sweep id, run ids).

        ``runs`` holds each run's (name, varied values, spec, config, params); every run records
        its varied values, so pages can lay the sweep out as a grid.
        """
        name = check_name(name, "sweep name")
        now = time.time()
        with self._connect(immediate=True) as db:
            self._number_after_folders(db)
            sweep_id = db.execute(
                text(
                    "INSERT INTO sweeps (name, varied, created) VALUES (:name, :varied, :now) "
                    "RETURNING id"
                ),
                {"name": name, "varied": json.dumps(varied, ensure_ascii=False), "now": now},
            ).scalar_one()
            run_ids = []
            for run_name, values, spec, config, params in runs:
                run_id = db.execute(
                    text(
                        "INSERT INTO runs (name, architecture, spec, config, status, created, "
                        "params, epochs_planned, sweep_id, sweep_values) VALUES (:name, "
                        ":architecture, :spec, :config, 'queued', :now, :params, :epochs, "
                        ":sweep_id, :sweep_values) RETURNING id"
                    ),
                    {
                        "name": check_name(run_name, "run name"),
                        "architecture": spec.get("name", "custom"),
                        "spec": json.dumps(spec, ensure_ascii=False),
                        "config": json.dumps(config),
                        "now": now,
                        "params": params,
                        "epochs": config.get("epochs"),
                        "sweep_id": sweep_id,
                        "sweep_values": json.dumps(values, ensure_ascii=False),
                    },
                ).scalar_one()
                self._claim_folder(run_id)
                run_ids.append(run_id)
        return sweep_id, run_ids

    def get_sweep(self, sweep_id: int) -> Sweep | None:
        """Sweep ``sweep_id``, or None when there is none."""
        with self._connect() as db:
            row = (
                db.execute(text("SELECT * FROM sweeps WHERE id = :id"), {"id": sweep_id})
                .mappings()
                .first()
            )
        return _sweep(row) if row else None

    def list_sweeps(self) -> list[Sweep]:
        """All sweeps that still have runs, newest first."""
        with self._connect() as db:
            rows = db.execute(
                text(
                    "SELECT * FROM sweeps WHERE id IN (SELECT sweep_id FROM runs) ORDER BY id DESC"
                )
            )
            return [_sweep(row) for row in rows.mappings()]

    def sweep_runs(self, sweep_id: int) -> list[Run]:
        """The sweep's runs, in the order they were queued."""
        with self._connect() as db:
            rows = db.execute(
                text("SELECT * FROM runs WHERE sweep_id = :id ORDER BY id"), {"id": sweep_id}
            )
            return [_run(row) for row in rows.mappings()]

    def stop_sweep(self, sweep_id: int) -> None:
        """Stop every run of the sweep: running ones after their batch, queued ones cancelled."""
        with self._connect() as db:
            db.execute(
                text(
                    "UPDATE runs SET stop_requested = 1 WHERE sweep_id = :id AND status IN "
                    "('queued', 'running')"
                ),
                {"id": sweep_id},
            )
            db.execute(
                text(
                    "UPDATE runs SET status = 'cancelled', finished = :now WHERE sweep_id = :id "
                    "AND status = 'queued'"
                ),
                {"now": time.time(), "id": sweep_id},
            )


def exported_model_name(run_id: int) -> str:
    """The file name a run's model is exported (downloaded) under: ``fmnist-run-12.keras``."""
    return f"fmnist-run-{run_id}.keras"


def _first(problems: list[str]) -> str:
    """The first line of SQLite's integrity report that names a page (not its '***' heading)."""
    lines = [line for problem in problems for line in problem.splitlines()]
    return next((line for line in lines if not line.startswith("***")), lines[0])


def _begin_sqlite(connection: Connection) -> None:
    """Start SQLite's transaction ourselves (SQLAlchemy's documented recipe for pysqlite).

    ``BEGIN IMMEDIATE`` (``_connect(immediate=True)``) takes the write lock up front, so two
    workers claiming a run serialise here instead of both reading the same queued row.
    """
    connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))


def _postgres_types(script: str) -> str:
    """A migration (written in SQLite's SQL) with PostgreSQL's names for its two column types.

    SQLite's REAL is 8 bytes; PostgreSQL's is 4 (times would lose their seconds), so it becomes
    DOUBLE PRECISION; an AUTOINCREMENT key becomes an identity column (never reusing an id, as
    AUTOINCREMENT promises, so a run's folder is never an earlier run's).
    """
    script = re.sub(r"\bREAL\b", "DOUBLE PRECISION", script)
    return script.replace(
        "INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    )


_T = TypeVar("_T")
_RUNS = table("runs", column("id"), column("status"), column("worker_pid"), column("heartbeat"))
# The oldest queued run, locked for this transaction on PostgreSQL; rows other workers have
# locked are skipped, so each claims a different run. SQLite has no row locks: SQLAlchemy leaves
# the clause out there, and BEGIN IMMEDIATE serialises the claims instead.
_NEXT_QUEUED = (
    select(_RUNS.c.id)
    .where(_RUNS.c.status == "queued")
    .order_by(_RUNS.c.id)
    .limit(1)
    .with_for_update(skip_locked=True)
)
_RUNNING = select(_RUNS.c.id, _RUNS.c.worker_pid, _RUNS.c.heartbeat).where(
    _RUNS.c.status == "running"
)
EPOCH_METRICS = (
    "loss",
    "accuracy",
    "val_loss",
    "val_accuracy",
    "learning_rate",
    "seconds",
    "fraction",
)


def pid_alive(pid: int | None) -> bool:
    """True when a process ``pid`` exists (and is not a zombie) on this machine."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child stays a zombie until reaped; it is not alive for our purposes
        status = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
        return status != "Z"
    except (OSError, IndexError):
        return True


def _run(row: RowMapping) -> Run:
    values = dict(row)
    values["spec"] = json.loads(values["spec"])
    values["config"] = json.loads(values["config"])
    values["stop_requested"] = bool(values["stop_requested"])
    if values["sweep_values"] is not None:
        values["sweep_values"] = json.loads(values["sweep_values"])
    return Run(**values)


def _sweep(row: RowMapping) -> Sweep:
    varied = [(name, list(values)) for name, values in json.loads(row["varied"])]
    return Sweep(id=row["id"], name=row["name"], varied=varied, created=row["created"])
