"""The run store: SQLite in ``FMNIST_HOME``, the only module that speaks SQL.

It holds training runs (spec, config, status, results), their per-epoch metrics and live
progress, the stop flag the training callback polls, and the architectures users save. SQLite runs
in WAL mode with a busy timeout, so the dashboard reads while the worker writes. Each run's files
(``model.keras``, history, predictions) live in its own folder under ``FMNIST_HOME/runs/``.

>>> store = RunStore(Path("/tmp/studio"))          # doctest: +SKIP
>>> run_id = store.create_run("try", spec, config)  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
}


class StoreUnavailable(Exception):
    """The store itself cannot be used: damaged, read-only, on a full disk, locked, missing.

    ``key`` and ``values`` say which (``STORE_TEXTS``), so the dashboard can say it in another
    language; ``str(error)`` is one English sentence with what, where and what to do.
    """

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = {name: str(value) for name, value in values.items()}
        super().__init__(STORE_TEXTS[key].format(**self.values))


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
    """The metrics of one finished epoch (``epoch`` counts from 1)."""

    epoch: int
    loss: float | None
    accuracy: float | None
    val_loss: float | None
    val_accuracy: float | None
    learning_rate: float | None
    seconds: float | None
    recorded: float


def check_name(name: str, what: str = "name") -> str:
    """``name`` stripped, or StoreError saying why it cannot be used (see ``names``)."""
    name = (name or "").strip()
    problem = name_problem(name)
    if problem:
        raise StoreError(f"{what} {name[:80]!r} is not usable: {problem}")
    return name


class RunStore:
    """Runs, epochs, progress and saved architectures in ``home/studio.sqlite``.

    Every method opens its own short connection, so one store object can be shared between
    threads, and several processes (dashboard, worker, command line) use the same file safely.
    """

    def __init__(self, home: Path | None = None) -> None:
        self.home = Path(home) if home else settings.studio_home()
        self.path = self.home / "studio.sqlite"
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(
                "cannot_open", path=self.path, detail=error.strerror or error
            ) from error
        # A store someone else owns can still be read (Compare, the run list): it is opened
        # read-only instead of failing on the first write SQLite makes for WAL mode.
        self.read_only = self.path.exists() and not (
            os.access(self.path, os.W_OK) and os.access(self.home, os.W_OK)
        )
        self._read_only_uri = f"file:{self.path}?mode=ro"
        self._migrate()

    # --- plumbing -----------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.read_only:
            connection = sqlite3.connect(
                self._read_only_uri, uri=True, timeout=30, isolation_level=None
            )
        else:
            connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        connection.row_factory = sqlite3.Row
        return connection

    @contextmanager
    def _connect(
        self,
        immediate: bool = False,
        before: Callable[[sqlite3.Connection], None] | None = None,
    ) -> Iterator[sqlite3.Connection]:
        """A connection inside one transaction, committed when the block ends without error.

        ``before`` runs on the connection first, outside the transaction (PRAGMAs that cannot
        run inside one). Every SQLite failure becomes a ``StoreUnavailable`` that says which.
        """
        try:
            connection = self._open()
        except sqlite3.DatabaseError as error:
            raise _unavailable(error, self.path) from error
        try:
            if before:
                before(connection)
            connection.execute("PRAGMA busy_timeout = 30000")
            connection.execute("PRAGMA foreign_keys = ON")
            # IMMEDIATE takes the write lock up front, so two workers claiming a run serialise
            # here instead of both reading the same queued row.
            connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
            yield connection
            connection.execute("COMMIT")
        except sqlite3.IntegrityError:
            _roll_back(connection)
            raise
        except sqlite3.DatabaseError as error:  # damaged, full, read-only, locked: say which
            _roll_back(connection)
            raise _unavailable(error, self.path) from error
        except BaseException:
            _roll_back(connection)
            raise
        finally:
            connection.close()

    def _migrate(self) -> None:
        """Check the file is whole, then bring its schema up to date (once per process)."""
        if self.read_only:
            self._check_read_only()
            return
        with self._connect(immediate=True, before=self._check_whole) as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")
            if version == 0:
                # A new store beside the folders of an earlier one (moved aside when damaged):
                # number runs after them, so a new run never writes into an old run's folder.
                highest = max(self._run_folder_numbers(), default=0)
                if highest:
                    db.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES ('runs', ?)", (highest,)
                    )

    def _check_whole(self, connection: sqlite3.Connection) -> None:
        """Refuse a damaged file; then turn on WAL, which lets readers and a writer work at once."""
        # Damage inside the file can leave queries answering with rows missing and no error at
        # all; quick_check reads every page once (milliseconds for a studio's store).
        problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise StoreUnavailable(
                "damaged", path=self.path, runs=self.home / "runs", detail=_first(problems)
            )
        connection.execute("PRAGMA journal_mode = WAL")

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
        name = check_name(name, "architecture name")
        stored = json.dumps({**spec, "name": name}, ensure_ascii=False)
        now = time.time()
        with self._connect(immediate=True) as db:
            exists = db.execute("SELECT 1 FROM architectures WHERE name = ?", (name,)).fetchone()
            if exists and not replace:
                raise StoreError(
                    f"an architecture named {name!r} already exists: choose another "
                    "name or replace it"
                )
            db.execute(
                "INSERT INTO architectures (name, spec, created, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, updated = excluded.updated",
                (name, stored, now, now),
            )
        return name

    def architecture_names(self) -> list[str]:
        """Saved architectures' names, alphabetically."""
        with self._connect() as db:
            rows = db.execute("SELECT name FROM architectures ORDER BY name COLLATE NOCASE")
            return [row["name"] for row in rows]

    def load_architecture(self, name: str) -> dict[str, Any]:
        """The saved spec ``name``; StoreError when there is none."""
        with self._connect() as db:
            row = db.execute("SELECT spec FROM architectures WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise StoreError(f"there is no saved architecture named {name!r}")
        return json.loads(row["spec"])

    def rename_architecture(self, old: str, new: str) -> str:
        """Rename a saved architecture; the new name must be free."""
        new = check_name(new, "architecture name")
        spec = self.load_architecture(old)
        with self._connect(immediate=True) as db:
            if db.execute("SELECT 1 FROM architectures WHERE name = ?", (new,)).fetchone():
                raise StoreError(f"an architecture named {new!r} already exists")
            db.execute(
                "UPDATE architectures SET name = ?, spec = ?, updated = ? WHERE name = ?",
                (new, json.dumps({**spec, "name": new}, ensure_ascii=False), time.time(), old),
            )
        return new

    def delete_architecture(self, name: str) -> None:
        """Forget a saved architecture (runs trained from it keep their own copy)."""
        with self._connect() as db:
            db.execute("DELETE FROM architectures WHERE name = ?", (name,))

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
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO runs (name, architecture, spec, config, status, created, params, "
                "epochs_planned, started, worker_pid, heartbeat, device) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    spec.get("name", "custom"),
                    json.dumps(spec, ensure_ascii=False),
                    json.dumps(config),
                    "running" if running_in else "queued",
                    now,
                    params,
                    config.get("epochs"),
                    now if running_in else None,
                    pid,
                    now if running_in else None,
                    device,
                ),
            )
            return int(cursor.lastrowid)

    def claim_next_run(self, worker_pid: int, device: str) -> Run | None:
        """Atomically mark the oldest queued run as running by ``worker_pid``; None when idle."""
        now = time.time()
        with self._connect(immediate=True) as db:
            row = db.execute(
                "SELECT id FROM runs WHERE status = 'queued' ORDER BY id LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            db.execute(
                "UPDATE runs SET status = 'running', started = ?, worker_pid = ?, heartbeat = ?, "
                "device = ? WHERE id = ?",
                (now, worker_pid, now, device, row["id"]),
            )
        return self.get_run(row["id"])

    def queued_run_ids(self) -> list[int]:
        """Ids of the runs waiting for a worker, oldest first."""
        with self._connect() as db:
            rows = db.execute("SELECT id FROM runs WHERE status = 'queued' ORDER BY id")
            return [row["id"] for row in rows]

    def heartbeat(self, run_id: int) -> None:
        """Tell watchers the worker training ``run_id`` is alive."""
        with self._connect() as db:
            db.execute("UPDATE runs SET heartbeat = ? WHERE id = ?", (time.time(), run_id))

    def record_progress(self, run_id: int, epoch: int, batch: int, batches_per_epoch: int) -> None:
        """Where training is inside the current epoch (also a heartbeat)."""
        with self._connect() as db:
            db.execute(
                "UPDATE runs SET epoch = ?, batch = ?, batches_per_epoch = ?, heartbeat = ? "
                "WHERE id = ?",
                (epoch, batch, batches_per_epoch, time.time(), run_id),
            )

    def record_epoch(self, run_id: int, epoch: int, metrics: dict[str, float | None]) -> None:
        """Store one finished epoch's metrics (``epoch`` from 1); rewriting an epoch replaces it."""
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO epochs (run_id, epoch, loss, accuracy, val_loss, "
                "val_accuracy, learning_rate, seconds, recorded) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    run_id,
                    epoch,
                    metrics.get("loss"),
                    metrics.get("accuracy"),
                    metrics.get("val_loss"),
                    metrics.get("val_accuracy"),
                    metrics.get("learning_rate"),
                    metrics.get("seconds"),
                    time.time(),
                ),
            )
            db.execute(
                "UPDATE runs SET epoch = ?, heartbeat = ? WHERE id = ?",
                (epoch, time.time(), run_id),
            )

    def set_params(self, run_id: int, params: int) -> None:
        """Record the built model's parameter count."""
        with self._connect() as db:
            db.execute("UPDATE runs SET params = ? WHERE id = ?", (params, run_id))

    def finish_run(
        self,
        run_id: int,
        status: str,
        *,
        test_loss: float | None = None,
        test_accuracy: float | None = None,
        error: str | None = None,
    ) -> None:
        """Record how the run ended: finished, stopped or failed (with the error text)."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        with self._connect() as db:
            db.execute(
                "UPDATE runs SET status = ?, finished = ?, test_loss = ?, test_accuracy = ?, "
                "error = ? WHERE id = ?",
                (status, time.time(), test_loss, test_accuracy, error, run_id),
            )

    # --- stop, cancel, interrupted -------------------------------------------------------------

    def request_stop(self, run_id: int) -> None:
        """Ask the worker to stop ``run_id`` after the current batch; a queued run is cancelled."""
        with self._connect() as db:
            db.execute("UPDATE runs SET stop_requested = 1 WHERE id = ?", (run_id,))
            db.execute(
                "UPDATE runs SET status = 'cancelled', finished = ? WHERE id = ? AND status = "
                "'queued'",
                (time.time(), run_id),
            )

    def stop_requested(self, run_id: int) -> bool:
        """True once someone pressed Stop for ``run_id``."""
        with self._connect() as db:
            row = db.execute("SELECT stop_requested FROM runs WHERE id = ?", (run_id,)).fetchone()
        return bool(row and row["stop_requested"])

    def mark_interrupted(self, now: float | None = None) -> list[int]:
        """Mark running runs whose worker is gone (dead pid or stale heartbeat) as interrupted.

        Their epochs stay. Returns the ids marked. Called by each worker start and page load,
        so it only takes the write lock when there is something to mark.
        """
        now = now or time.time()

        def gone(row: sqlite3.Row) -> bool:
            stale = row["heartbeat"] is None or now - row["heartbeat"] > HEARTBEAT_STALE_SECONDS
            return stale or not pid_alive(row["worker_pid"])

        query = "SELECT id, worker_pid, heartbeat FROM runs WHERE status = 'running'"
        with self._connect() as db:
            if not any(gone(row) for row in db.execute(query).fetchall()):
                return []
        with self._connect(immediate=True) as db:  # look again under the lock, then mark
            marked = [row["id"] for row in db.execute(query).fetchall() if gone(row)]
            for run_id in marked:
                db.execute(
                    "UPDATE runs SET status = 'interrupted', finished = ?, error = ? WHERE id = ?",
                    (now, "the worker process stopped unexpectedly during training", run_id),
                )
        return marked

    # --- reading -------------------------------------------------------------------------------

    def get_run(self, run_id: int) -> Run | None:
        """Run ``run_id``, or None when there is no such run."""
        with self._connect() as db:
            row = db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run(row) if row else None

    def list_runs(self, statuses: tuple[str, ...] | None = None) -> list[Run]:
        """All runs, newest first (optionally only those with one of ``statuses``)."""
        query, args = "SELECT * FROM runs", ()
        if statuses:
            query += f" WHERE status IN ({', '.join('?' * len(statuses))})"
            args = tuple(statuses)
        with self._connect() as db:
            return [_run(row) for row in db.execute(query + " ORDER BY id DESC", args)]

    def epochs_of(self, run_ids: list[int]) -> dict[int, list[Epoch]]:
        """The finished epochs of several runs in one query: {run id: epochs in order}."""
        found: dict[int, list[Epoch]] = {run_id: [] for run_id in run_ids}
        if not run_ids:
            return found
        with self._connect() as db:
            rows = db.execute(
                "SELECT run_id, epoch, loss, accuracy, val_loss, val_accuracy, learning_rate, "
                f"seconds, recorded FROM epochs WHERE run_id IN ({', '.join('?' * len(run_ids))}) "
                "ORDER BY run_id, epoch",
                tuple(run_ids),
            ).fetchall()
        for row in rows:
            values = dict(row)
            found[values.pop("run_id")].append(Epoch(**values))
        return found

    def epochs(self, run_id: int) -> list[Epoch]:
        """The run's finished epochs, in order."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT epoch, loss, accuracy, val_loss, val_accuracy, learning_rate, seconds, "
                "recorded FROM epochs WHERE run_id = ? ORDER BY epoch",
                (run_id,),
            ).fetchall()
        return [Epoch(**dict(row)) for row in rows]

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
        with self._connect() as db:
            if name is not None:
                db.execute(
                    "UPDATE runs SET name = ? WHERE id = ?", (check_name(name, "run name"), run_id)
                )
            if notes is not None:
                db.execute("UPDATE runs SET notes = ? WHERE id = ?", (notes, run_id))
            if tags is not None:
                db.execute("UPDATE runs SET tags = ? WHERE id = ?", (tags.strip(), run_id))

    def delete_run(self, run_id: int) -> None:
        """Delete a finished run with its epochs and files; an active run must be stopped first."""
        run = self.get_run(run_id)
        if run is None:
            return
        if run.active:
            raise StoreError(f"run {run_id} is {run.status}: stop it before deleting it")
        with self._connect() as db:
            db.execute("DELETE FROM runs WHERE id = ?", (run_id,))
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
            sweep_id = int(
                db.execute(
                    "INSERT INTO sweeps (name, varied, created) VALUES (?, ?, ?)",
                    (name, json.dumps(varied, ensure_ascii=False), now),
                ).lastrowid
            )
            run_ids = []
            for run_name, values, spec, config, params in runs:
                cursor = db.execute(
                    "INSERT INTO runs (name, architecture, spec, config, status, created, params, "
                    "epochs_planned, sweep_id, sweep_values) "
                    "VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?)",
                    (
                        check_name(run_name, "run name"),
                        spec.get("name", "custom"),
                        json.dumps(spec, ensure_ascii=False),
                        json.dumps(config),
                        now,
                        params,
                        config.get("epochs"),
                        sweep_id,
                        json.dumps(values, ensure_ascii=False),
                    ),
                )
                run_ids.append(int(cursor.lastrowid))
        return sweep_id, run_ids

    def get_sweep(self, sweep_id: int) -> Sweep | None:
        """Sweep ``sweep_id``, or None when there is none."""
        with self._connect() as db:
            row = db.execute("SELECT * FROM sweeps WHERE id = ?", (sweep_id,)).fetchone()
        return _sweep(row) if row else None

    def list_sweeps(self) -> list[Sweep]:
        """All sweeps that still have runs, newest first."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT * FROM sweeps WHERE id IN (SELECT sweep_id FROM runs) ORDER BY id DESC"
            )
            return [_sweep(row) for row in rows]

    def sweep_runs(self, sweep_id: int) -> list[Run]:
        """The sweep's runs, in the order they were queued."""
        with self._connect() as db:
            rows = db.execute("SELECT * FROM runs WHERE sweep_id = ? ORDER BY id", (sweep_id,))
            return [_run(row) for row in rows]

    def stop_sweep(self, sweep_id: int) -> None:
        """Stop every run of the sweep: running ones after their batch, queued ones cancelled."""
        with self._connect() as db:
            db.execute(
                "UPDATE runs SET stop_requested = 1 WHERE sweep_id = ? AND status IN "
                "('queued', 'running')",
                (sweep_id,),
            )
            db.execute(
                "UPDATE runs SET status = 'cancelled', finished = ? WHERE sweep_id = ? AND "
                "status = 'queued'",
                (time.time(), sweep_id),
            )


def exported_model_name(run_id: int) -> str:
    """The file name a run's model is exported (downloaded) under: ``fmnist-run-12.keras``."""
    return f"fmnist-run-{run_id}.keras"


def _first(problems: list[str]) -> str:
    """The first line of SQLite's integrity report that names a page (not its '***' heading)."""
    lines = [line for problem in problems for line in problem.splitlines()]
    return next((line for line in lines if not line.startswith("***")), lines[0])


def _roll_back(connection: sqlite3.Connection) -> None:
    """Roll back an open transaction; a failing rollback (disk gone) must not hide the cause."""
    with suppress(sqlite3.DatabaseError):
        if connection.in_transaction:
            connection.execute("ROLLBACK")


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


def _run(row: sqlite3.Row) -> Run:
    values = dict(row)
    values["spec"] = json.loads(values["spec"])
    values["config"] = json.loads(values["config"])
    values["stop_requested"] = bool(values["stop_requested"])
    if values["sweep_values"] is not None:
        values["sweep_values"] = json.loads(values["sweep_values"])
    return Run(**values)


def _sweep(row: sqlite3.Row) -> Sweep:
    varied = [(name, list(values)) for name, values in json.loads(row["varied"])]
    return Sweep(id=row["id"], name=row["name"], varied=varied, created=row["created"])
