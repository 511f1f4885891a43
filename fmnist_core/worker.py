"""The background worker: a separate process that trains queued runs, one at a time.

    python -m fmnist_core.worker          # started by the dashboard; runs until idle a while

It holds an exclusive lock on ``FMNIST_HOME/worker.lock`` for its whole life, so at most one
worker trains per studio home (one run at a time on the device); a second one exits at once.
It marks runs left by a dead worker as interrupted, claims the oldest queued run in one
transaction, heartbeats while it trains, and records the outcome: finished, stopped or failed.
Started with ``start_new_session=True``, it outlives Streamlit reruns, refreshes and closed tabs.
"""

from __future__ import annotations

import fcntl
import logging
import os
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from fmnist_core import settings
from fmnist_core.store import RunStore

log = logging.getLogger("fmnist_studio.worker")

IDLE_EXIT_SECONDS = float(os.environ.get("FMNIST_WORKER_IDLE", "300"))
POLL_SECONDS = 0.5
HEARTBEAT_SECONDS = 5.0


def _lock_path(home: Path) -> Path:
    return home / "worker.lock"


def worker_running(home: Path | None = None) -> bool:
    """True when a worker process holds this studio home's lock."""
    home = home or settings.studio_home()
    home.mkdir(parents=True, exist_ok=True)
    with open(_lock_path(home), "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False


_recent_starts: dict[Path, float] = {}
START_GRACE_SECONDS = 15.0


def ensure_worker(home: Path | None = None) -> bool:
    """Start a worker for ``home`` unless one is running; True when one was started.

    The worker gets its own session (``start_new_session``), so nothing that happens to the
    dashboard process or its script runs stops it. Its output goes to ``home/worker.log``.
    """
    home = home or settings.studio_home()
    # A worker just spawned takes a moment to take its lock; don't start a second meanwhile.
    if time.monotonic() - _recent_starts.get(home, -START_GRACE_SECONDS) < START_GRACE_SECONDS:
        return False
    if worker_running(home):
        return False
    _recent_starts[home] = time.monotonic()
    environment = {**os.environ, "FMNIST_HOME": str(home)}
    with open(home / "worker.log", "ab") as log_file:
        subprocess.Popen(
            [sys.executable, "-m", "fmnist_core.worker"],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=environment,
            start_new_session=True,
            cwd=Path(__file__).resolve().parents[1],
        )
    return True


class Heartbeat:
    """Beats for a run every few seconds from a thread, even while Keras compiles or evaluates."""

    def __init__(self, store: RunStore, run_id: int) -> None:
        self._store, self._run_id = store, run_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True)

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            self._store.heartbeat(self._run_id)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()


def execute(store: RunStore, run, dataset=None, on_gpu: bool = False) -> str:
    """Train one claimed run and record its outcome; an exception becomes status ``failed``."""
    from fmnist_core.training import train  # imports Keras: only the worker pays for it

    with Heartbeat(store, run.id):
        try:
            return train(run, store, dataset, on_gpu=on_gpu)
        except Exception as error:  # any failure in user-built networks ends up here
            log.error("run %s failed:\n%s", run.id, traceback.format_exc())
            store.finish_run(run.id, "failed", error=f"{type(error).__name__}: {error}")
            return "failed"


def serve(home: Path | None = None, idle_exit: float = IDLE_EXIT_SECONDS) -> int:
    """Train queued runs until none has come for ``idle_exit`` seconds; returns runs trained."""
    home = home or settings.studio_home()
    store = RunStore(home)
    with open(_lock_path(home), "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("another worker already serves %s", home)
            return 0
        from fmnist_core import data, device

        interrupted = store.mark_interrupted()
        if interrupted:
            log.info("marked interrupted: %s", interrupted)
        gpus = device.gpu_names()
        device_name = device.describe()
        dataset = None
        trained, idle_since = 0, time.monotonic()
        log.info("worker %s serving %s on %s", os.getpid(), home, device_name)
        while time.monotonic() - idle_since < idle_exit:
            run = store.claim_next_run(os.getpid(), device_name)
            if run is None:
                time.sleep(POLL_SECONDS)
                continue
            dataset = dataset or data.load_dataset()  # once per worker, shared by its runs
            log.info("run %s (%s) started", run.id, run.name)
            status = execute(store, run, dataset, on_gpu=bool(gpus))
            log.info("run %s %s", run.id, status)
            trained += 1
            idle_since = time.monotonic()
        log.info("worker %s idle for %.0f s, exiting", os.getpid(), idle_exit)
        return trained


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    serve()
