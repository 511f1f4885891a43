"""Background workers: separate processes that train queued runs, each one run at a time.

    python -m fmnist_core.worker          # started by the dashboard; runs until idle a while

``FMNIST_WORKERS`` (default 1) workers serve a studio home's run store; each holds the lock of
one slot (``FMNIST_HOME/worker.lock``, ``worker.1.lock``, ...; ``worker-<digest>.lock`` for a
PostgreSQL store) for its whole life, so no more than that train at once, and one more exits at
once. Each limits its threads to its share of the cores.
It marks runs left by a dead worker as interrupted, claims the oldest queued run in one
transaction, heartbeats while it trains, and records the outcome: finished, stopped or failed.
Started with ``start_new_session=True``, it outlives Streamlit reruns, refreshes and closed tabs.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from fmnist_core import settings
from fmnist_core.store import OutageLog, Run, RunStore, StoreUnavailable

log = logging.getLogger("fmnist_studio.worker")


def idle_seconds() -> float:
    """How long an idle worker waits for a run before exiting (``FMNIST_WORKER_IDLE``, 300 s)."""
    return float(os.environ.get("FMNIST_WORKER_IDLE", "300"))


POLL_SECONDS = 0.5
HEARTBEAT_SECONDS = 5.0


def workers_wanted() -> int:
    """How many local workers train at once (``FMNIST_WORKERS``, default 1)."""
    text = os.environ.get("FMNIST_WORKERS", "1")
    return max(1, int(text)) if text.isdigit() else 1


def threads_per_worker(workers: int) -> int:
    """The CPU threads each of ``workers`` workers may use; 0 means no limit.

    The cores are shared out evenly (at least one each). Measured on a 2-core machine
    (``bench.sweep``, bench/README.md): two workers of one thread each trained 1.10–1.15x the
    runs per minute of two workers with no limit, whose thread pools, each sized for every core,
    preempt each other. ``FMNIST_WORKER_THREADS`` overrides it (``0``: let the backend decide).
    """
    chosen = os.environ.get("FMNIST_WORKER_THREADS", "")
    if chosen.isdigit():
        return int(chosen)
    return max(1, (os.cpu_count() or 1) // max(1, workers))


def limit_threads(threads: int) -> None:
    """Make the backend this process imports later use ``threads`` CPU threads (0: no limit).

    TensorFlow reads these variables when it starts its thread pools, and OpenMP (PyTorch, the
    BLAS under NumPy) reads ``OMP_NUM_THREADS``, so this must run before Keras is imported.
    """
    if threads <= 0:
        return
    for variable in ("TF_NUM_INTRAOP_THREADS", "OMP_NUM_THREADS"):
        os.environ[variable] = str(threads)
    os.environ["TF_NUM_INTEROP_THREADS"] = "1"  # one fit at a time: ops run one after another


def _lock_stem() -> str:
    """The lock files' name for the run store the workers serve: ``worker`` for the SQLite file,
    ``worker-`` and a digest of the database's address (without its password) for PostgreSQL.
    A home can serve both in turn (README: unset FMNIST_STORE_URL to go back), and a run queued
    on PostgreSQL waited minutes while the SQLite store's idle workers held the one name."""
    url = settings.store_url()
    if not url:
        return "worker"
    parts = urlsplit(url)
    place = parts._replace(netloc=parts.netloc.rpartition("@")[2], query="", fragment="")
    return "worker-" + hashlib.sha256(urlunsplit(place).encode()).hexdigest()[:12]


def _lock_path(home: Path, slot: int = 0) -> Path:
    # Slot 0 keeps the single worker's old name, so a studio home from before sweeps still works.
    stem = _lock_stem()
    return home / (f"{stem}.lock" if slot == 0 else f"{stem}.{slot}.lock")


def _held(path: Path) -> bool:
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


def workers_running(home: Path | None = None) -> int:
    """How many worker processes serve this studio home's run store now (each holds one slot's
    lock)."""
    home = home or settings.studio_home()
    home.mkdir(parents=True, exist_ok=True)
    stem = _lock_stem()
    return sum(_held(path) for path in [*home.glob(f"{stem}.lock"), *home.glob(f"{stem}.*.lock")])


def worker_running(home: Path | None = None) -> bool:
    """True when a worker process holds one of this studio home's locks."""
    return workers_running(home) > 0


_recent_starts: dict[Path, list[float]] = {}
# The name of the thread that waits for each worker this process started: alive while it is.
REAPER_THREAD = "reap worker"
START_GRACE_SECONDS = 15.0


def ensure_worker(home: Path | None = None, count: int | None = None) -> bool:
    """Start workers for ``home`` until ``count`` serve it; True when one was started.

    ``count`` defaults to ``FMNIST_WORKERS``; no more are started than there are queued runs
    (but one always, to serve a run about to be queued). Each worker gets its own session
    (``start_new_session``), so nothing that happens to the dashboard process or its script runs
    stops it. Their output goes to ``home/worker.log``.

    With ``FMNIST_EXECUTOR`` set to anything but ``local``, one driver process is started instead
    (``fmnist_core.ray_executor``): it trains ``count`` runs at once on the Ray cluster, and fails
    the queued runs with a clear sentence when it cannot (unknown executor, no ray, no cluster).
    """
    home = home or settings.studio_home()
    count = count or workers_wanted()
    now = time.monotonic()
    # A worker just spawned takes a moment to take its lock; count it meanwhile.
    starting = [t for t in _recent_starts.get(home, []) if now - t < START_GRACE_SECONDS]
    running = workers_running(home)
    module = "fmnist_core.worker"
    if os.environ.get("FMNIST_EXECUTOR", "").strip().lower() not in ("", "local"):
        module, wanted = "fmnist_core.ray_executor", 1  # one driver; Ray runs the runs
    else:
        queued = len(RunStore(home).queued_run_ids()) if count > 1 else 1
        wanted = min(count, max(1, queued))
    missing = wanted - max(running, len(starting))
    if missing <= 0:
        return False
    environment = {**os.environ, "FMNIST_HOME": str(home), "FMNIST_WORKERS": str(count)}
    with open(home / "worker.log", "ab") as log_file:
        for _ in range(missing):
            process = subprocess.Popen(
                [sys.executable, "-m", module],
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=environment,
                start_new_session=True,
                cwd=Path(__file__).resolve().parents[1],
            )
            # Reaped when it exits: unwaited, an idle worker that left stayed a zombie under the
            # dashboard's server until the next worker was started.
            threading.Thread(target=process.wait, name=REAPER_THREAD, daemon=True).start()
            starting.append(now)
    _recent_starts[home] = starting
    return True


class Heartbeat:
    """Beats for a run every few seconds from a thread, even while Keras compiles or evaluates."""

    def __init__(self, store: RunStore, run_id: int) -> None:
        self._store, self._run_id = store, run_id
        self._outage = OutageLog(log, f"heartbeat of run {run_id}")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True)

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                self._store.heartbeat(self._run_id)
            except StoreUnavailable as error:  # a missed beat is harmless; training goes on
                self._outage.failed(error)
            else:
                self._outage.written()

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()


def execute(store: RunStore, run, dataset=None, on_gpu: bool = False) -> str:
    """Train one claimed run and record its outcome; an exception becomes status ``failed``.

    The failure is recorded with its real cause (a full disk says so), retrying for a while when
    the store itself cannot be written at that moment, so the run is not later mistaken for one
    whose worker died.
    """
    with Heartbeat(store, run.id):
        return _train_recording_failure(store, run, dataset, on_gpu)


def train_here(
    store: RunStore,
    name: str,
    spec: dict[str, Any],
    config,
    dataset=None,
    *,
    on_gpu: bool | None = None,
    callbacks: Sequence[Any] = (),
    announce: Callable[[int], None] | None = None,
    score_test: bool = True,
) -> Run:
    """Record a run of ``spec`` with ``config`` (a ``TrainConfig``) and train it in this process.

    The command line, the benchmarks and the test fixtures train this way; the dashboard queues
    runs for the worker instead. The run beats and records its outcome exactly as the worker's
    do (a failure with its cause), and Ctrl+C stops it (status ``stopped``). ``on_gpu`` defaults
    to whether the backend sees a GPU; ``callbacks`` are extra Keras callbacks; ``announce`` is
    called with the new run's id before training starts; ``score_test=False`` leaves the test
    split unscored (tuning chooses on validation only). Returns the run as it ended.

    >>> fast = architectures.preset("fast")
    >>> run = train_here(RunStore(), "try", fast, RECIPES["fast"])  # doctest: +SKIP
    """
    from fmnist_core import architectures, device

    if on_gpu is None:
        on_gpu = bool(device.gpu_names())
    run_id = store.create_run(
        name,
        spec,
        config.to_dict(),
        architectures.summarise(spec).total_params,
        running_in=(os.getpid(), device.current().for_one_run().describe()),
    )
    if announce:
        announce(run_id)
    with Heartbeat(store, run_id):
        try:
            _train_recording_failure(
                store, store.get_run(run_id), dataset, on_gpu, callbacks, score_test
            )
        except KeyboardInterrupt:
            store.finish_run(run_id, "stopped")
    return store.get_run(run_id)


def _train_recording_failure(store, run, dataset, on_gpu, callbacks=(), score_test=True) -> str:
    from fmnist_core.training import train  # imports Keras: only training processes pay for it

    try:
        return train(
            run,
            store,
            dataset,
            on_gpu=on_gpu,
            extra_callbacks=tuple(callbacks),
            score_test=score_test,
        )
    except Exception as error:  # any failure in user-built networks ends up here
        log.error("run %s failed:\n%s", run.id, traceback.format_exc())
        record_failure(store, run.id, failure_text(error, store.home))
        return "failed"


def failure_text(error: BaseException, home: Path) -> str:
    """What made a run fail, for the run's error field: a full disk in plain words."""
    disk_full = (isinstance(error, OSError) and error.errno == errno.ENOSPC) or (
        isinstance(error, StoreUnavailable) and error.key == "disk_full"
    )
    if disk_full:
        return (
            f"disk full: no space left on the disk holding {home}; free some space, then train "
            "the run again"
        )
    return f"{type(error).__name__}: {error}"


RECORD_TRIES = 10
RECORD_PAUSE_SECONDS = 3.0


def record_failure(store: RunStore, run_id: int, text: str) -> bool:
    """Mark ``run_id`` failed with ``text``, retrying while the store cannot be written."""
    for attempt in range(RECORD_TRIES):
        try:
            store.finish_run(run_id, "failed", error=text)
            return True
        except StoreUnavailable as error:
            log.warning(
                "could not record run %s as failed (try %s): %s", run_id, attempt + 1, error
            )
            time.sleep(RECORD_PAUSE_SECONDS)
    return False


def serve(
    home: Path | None = None, idle_exit: float | None = None, workers: int | None = None
) -> int:
    """Train queued runs until none has come for ``idle_exit`` seconds; returns runs trained.

    The worker takes one of ``workers`` slots (default ``FMNIST_WORKERS``), each a lock file, and
    leaves at once when all are taken; it limits its threads to its share of the cores. Workers
    never train one run twice: each claims a run in one store transaction.

    Before exiting it lets go of the lock and looks at the queue once more: a run queued during
    its last idle poll found the lock still held (so no new worker was started) and is served
    here, instead of waiting for a worker that never comes.
    """
    home = home or settings.studio_home()
    idle_exit = idle_seconds() if idle_exit is None else idle_exit
    try:
        store = RunStore(home)
    except StoreUnavailable as error:
        log.error("cannot serve %s: %s", home, error)
        return 0
    slots = workers or workers_wanted()
    limit_threads(threads_per_worker(slots))
    trained = 0
    while True:
        with _free_slot(home, slots) as slot:
            if slot is None:
                log.info("%s workers already serve %s", slots, home)
                return trained
            use_one_gpu(slot)
            trained += _serve_until_idle(store, idle_exit)
        # The lock is released here. From now on a page that queues a run finds it free and
        # starts a worker; a run queued before that is still in the queue, and seen here.
        if not store.queued_run_ids():
            log.info("worker %s idle for %.0f s, exiting", os.getpid(), idle_exit)
            return trained


def use_one_gpu(slot: int) -> None:
    """Before the backend loads: on a machine with several GPUs, worker ``slot`` trains on GPU
    ``slot mod count``, so concurrent runs spread over the GPUs instead of sharing the first.

    ``CUDA_VISIBLE_DEVICES`` set by the user wins. JAX is told not to take most of the GPU's
    memory at start-up, so that workers sharing a GPU each get what they need.
    """
    os.environ.setdefault("XLA_PYTHON_CLIENT_PREALLOCATE", "false")
    if "CUDA_VISIBLE_DEVICES" in os.environ:
        return
    from fmnist_core import device

    gpus = device.nvidia_smi().gpus
    if len(gpus) > 1:
        os.environ["CUDA_VISIBLE_DEVICES"] = str(slot % len(gpus))


@contextmanager
def _free_slot(home: Path, slots: int) -> Iterator[int | None]:
    """Hold the lock of the first free slot of ``slots`` while the block runs (None: all taken)."""
    for slot in range(slots):
        with open(_lock_path(home, slot), "a+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue
            yield slot
            return
    yield None


def _serve_until_idle(store: RunStore, idle_exit: float) -> int:
    from fmnist_core import data, device

    interrupted = store.mark_interrupted()
    if interrupted:
        log.info("marked interrupted: %s", interrupted)
    gpus = device.gpu_names()
    device_name = device.current().for_one_run().describe()
    dataset = None
    trained, idle_since = 0, time.monotonic()
    log.info("worker %s serving %s on %s", os.getpid(), store.home, device_name)
    while time.monotonic() - idle_since < idle_exit:
        try:
            run = store.claim_next_run(os.getpid(), device_name)
        except StoreUnavailable as error:  # e.g. the disk is full right now: wait, try again
            log.warning("cannot claim a run: %s", error)
            time.sleep(RECORD_PAUSE_SECONDS)
            continue
        if run is None:
            time.sleep(POLL_SECONDS)
            continue
        dataset = dataset or data.load_dataset()  # once per worker, shared by its runs
        log.info("run %s (%s) started", run.id, run.name)
        status = execute(store, run, dataset, on_gpu=bool(gpus))
        log.info("run %s %s", run.id, status)
        trained += 1
        idle_since = time.monotonic()
    return trained


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    serve()
