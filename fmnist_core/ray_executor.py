"""Runs executed on a Ray cluster (``FMNIST_EXECUTOR=ray``; the default ``local`` is worker.py).

    FMNIST_EXECUTOR=ray RAY_ADDRESS=10.0.0.5:6379 python -m fmnist_core sweep ... --workers 8

``worker.ensure_worker`` then starts one driver per studio home (``python -m
fmnist_core.ray_executor``) instead of local workers, so no page, CLI or sweep code has a second
path. The driver connects to Ray (``RAY_ADDRESS`` as Ray reads it; unset: the cluster ``ray
start`` made on this machine, else a private local instance), claims queued runs from the store,
at most ``FMNIST_WORKERS`` (``--workers``) at once, and runs each as one Ray task asking for
``FMNIST_RAY_CPUS_PER_RUN`` CPUs (default 1) and ``FMNIST_RAY_GPUS_PER_RUN`` GPUs (default 0.5
when the cluster has GPUs, so two small runs share one; 0 otherwise). Ray places the task on
whichever node has them; there it trains through ``worker.execute`` like a local worker, with
the store opened from the environment the driver passes along, so epochs stream live, Stop and
heartbeats work, and the run's device names the node.

A run is claimed with the driver's pid: Ray ends a driver's tasks when the driver ends, so a dead
driver means dead runs (``RunStore.mark_interrupted`` checks that pid on the studio's machine).
A task whose worker process or node dies is reported to the driver by Ray, which marks its run
``interrupted`` at once; its epochs stay. Tasks are never retried: a second try would train the
run twice into the same epochs.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import socket
import time
from pathlib import Path
from typing import Any

from fmnist_core import settings, worker
from fmnist_core.messages import read_back
from fmnist_core.store import SQLITE_FILE, OutageLog, RunStore, StoreUnavailable

log = logging.getLogger("fmnist_studio.ray")

# What can go wrong between the studio and the cluster, in English (the dashboard has the same
# keys in Korean). No final full stop: the Train page shows them inside "Training failed: ...".
CLUSTER_TEXTS = {
    "unknown_executor": "FMNIST_EXECUTOR={value} is not an executor: set it to local (train on "
    "this machine, the default) or ray (train on a Ray cluster), then train the run again",
    "no_ray": "FMNIST_EXECUTOR=ray, but the ray package is not installed here: install the "
    "cluster parts (pip install -r requirements-cluster.txt) or unset FMNIST_EXECUTOR, then "
    "train the run again",
    "cannot_connect": "the Ray cluster at {address} could not be reached ({detail}): check "
    "RAY_ADDRESS and that the head node runs (ray start --head), then train the run again",
    "bad_amount": "{name}={value} is not an amount: give how many CPUs or GPUs one run asks "
    "the cluster for (1, 0.5, 0.25...), then train the run again",
    "home_missing": "Ray node {node} has no studio home at {home}: FMNIST_HOME must be a folder "
    "that every node of the cluster mounts at the same path (an NFS share, for example); mount "
    "it there, then train the run again",
    "home_not_writable": "Ray node {node} cannot write the run's files into {folder} ({detail}): "
    "FMNIST_HOME must be a folder that every node mounts at the same path with write access; "
    "fix the mount, then train the run again",
}


class ClusterProblem(Exception):
    """Runs cannot be trained on the cluster; ``key`` and ``values`` say why (``CLUSTER_TEXTS``)."""

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = {name: str(value) for name, value in values.items()}
        super().__init__(CLUSTER_TEXTS[key].format(**self.values))


def read_problem(text: str | None) -> tuple[str, dict[str, str]] | None:
    """The ``CLUSTER_TEXTS`` key and values a stored failure text was made from, or None."""
    return read_back(CLUSTER_TEXTS, text)


def ray_address() -> str:
    """The cluster the driver joins (``RAY_ADDRESS``, as Ray reads it); "" for the one started
    with ``ray start`` on this machine, else a private local instance."""
    return os.environ.get("RAY_ADDRESS", "").strip()


def executor_name() -> str:
    """Which executor trains queued runs (``FMNIST_EXECUTOR``: ``local``, the default, or ``ray``).

    Raises ClusterProblem for any other value.
    """
    value = os.environ.get("FMNIST_EXECUTOR", "").strip().lower() or "local"
    if value not in ("local", "ray"):
        raise ClusterProblem("unknown_executor", value=value)
    return value


def cpus_per_run() -> float:
    """CPUs one run asks Ray for (``FMNIST_RAY_CPUS_PER_RUN``, default 1)."""
    return _amount("FMNIST_RAY_CPUS_PER_RUN", "1")


def gpus_per_run(cluster_gpus: float) -> float:
    """GPUs one run asks Ray for (``FMNIST_RAY_GPUS_PER_RUN``).

    Default 0.5 when the cluster has GPUs: the lecture's models use a small part of one (see
    bench/ray_throughput.py), so two runs share it; 0 on a cluster without GPUs.
    """
    return _amount("FMNIST_RAY_GPUS_PER_RUN", "0.5" if cluster_gpus > 0 else "0")


def _amount(name: str, default: str) -> float:
    text = os.environ.get(name, "").strip() or default
    try:
        amount = float(text)
    except ValueError:
        amount = -1.0
    if not 0 <= amount < float("inf"):
        raise ClusterProblem("bad_amount", name=name, value=text)
    return amount


# Variables a task needs to open the same store, data and backend as the studio. FMNIST_HOME is
# made absolute by the driver, so it names the same folder on every node that mounts it.
PASSED_ON = (
    "FMNIST_STORE_URL",
    "FMNIST_DATA_DIR",
    "FMNIST_OFFLINE",
    "KERAS_BACKEND",
    "KERAS_HOME",
    "FMNIST_GPU",
    "TF_CPP_MIN_LOG_LEVEL",
)


def task_environment(home: Path, cpus: float, gpus: float) -> dict[str, str]:
    """The environment each run's task gets on its node (Ray's ``runtime_env`` ``env_vars``)."""
    environment = {"FMNIST_HOME": str(Path(home).resolve())}
    environment.update({name: os.environ[name] for name in PASSED_ON if name in os.environ})
    # The backend's thread pools sized to the CPUs Ray gave the run (see worker.limit_threads).
    threads = str(max(1, int(cpus)))
    environment.update(
        TF_NUM_INTRAOP_THREADS=threads, OMP_NUM_THREADS=threads, TF_NUM_INTEROP_THREADS="1"
    )
    if 0 < gpus < 1:
        # Runs sharing a GPU must not each reserve all of its memory up front (JAX does by
        # default; TensorFlow grows on demand, set in device.py).
        environment["XLA_PYTHON_CLIENT_PREALLOCATE"] = "false"
    return environment


# --- the task: runs on whichever node Ray picks ---------------------------------------------------

_dataset_here: Any = None  # one load per Ray worker process, shared by the runs it trains


def home_problem(home: Path, run_id: int, node: str) -> ClusterProblem | None:
    """Why this node cannot keep run ``run_id``'s files under ``home``; None when it can.

    The home must already exist (an unmounted share would otherwise become a new, empty home on
    the node's own disk, whose files the dashboard never sees) and the run's folder must take a
    file.
    """
    if not home.is_dir() or not (
        os.environ.get("FMNIST_STORE_URL") or (home / SQLITE_FILE).is_file()
    ):
        return ClusterProblem("home_missing", node=node, home=home)
    folder = home / "runs" / str(run_id)
    probe = folder / f".written-by-{node}-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        return ClusterProblem(
            "home_not_writable", node=node, folder=folder, detail=error.strerror or error
        )
    return None


def train_on_node(run_id: int) -> dict[str, str]:
    """Train claimed run ``run_id`` in this Ray worker; returns ``{"status": ..., "error": ...}``.

    A home this node cannot write is reported back without touching the store (with SQLite the
    store is in that home), and the driver records the failure.
    """
    import ray

    from fmnist_core import data, device

    global _dataset_here
    node = ray.util.get_node_ip_address()
    home = settings.studio_home()
    if problem := home_problem(home, run_id, node):
        return {"status": "failed", "error": str(problem)}
    store = RunStore(home)
    # The GPU Ray gave the task (it sets CUDA_VISIBLE_DEVICES), numbered as on its node.
    here = dataclasses.replace(device.current().for_one_run(), node=node)
    store.record_device(run_id, here.describe())
    run = store.get_run(run_id)
    if run is None or run.status != "running":  # deleted while it waited for a node
        return {"status": run.status if run else "deleted"}
    try:
        _dataset_here = _dataset_here or data.load_dataset()
    except Exception as error:  # e.g. FMNIST_DATA_DIR not mounted on this node
        return {"status": "failed", "error": worker.failure_text(error, home)}
    log.info("run %s (%s) started on %s", run.id, run.name, here.describe())
    return {"status": worker.execute(store, run, _dataset_here, on_gpu=bool(here.gpus))}


# --- the driver: one process per studio home, on the studio's machine -----------------------------


def connect() -> None:
    """Start or join Ray quietly; the studio's code travels with the job to every node.

    Raises ClusterProblem when ray is missing or the cluster cannot be reached.
    """
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    try:
        import ray
    except ImportError as error:
        raise ClusterProblem("no_ray") from error
    address = ray_address()
    if found := re.fullmatch(r"(?P<host>[^:/]+):(?P<port>\d+)", address):
        # ray.init retries an unreachable head for ever; a plain connection says it at once.
        try:
            socket.create_connection((found["host"], int(found["port"])), timeout=10).close()
        except OSError as error:
            raise ClusterProblem(
                "cannot_connect", address=address, detail=error.strerror or error
            ) from error
    package = Path(__file__).resolve().parent
    try:
        ray.init(
            include_dashboard=False,
            log_to_driver=False,  # task output goes to Ray's own logs, not into worker.log
            logging_level=logging.WARNING,
            # Shipping fmnist_core itself means worker nodes need the packages, not a checkout,
            # and every node runs exactly the driver's code.
            runtime_env={"py_modules": [str(package)], "excludes": ["__pycache__", "*.pyc"]},
        )
    except Exception as error:  # Ray raises ConnectionError, RuntimeError, ValueError...
        where = address or "this machine"
        raise ClusterProblem("cannot_connect", address=where, detail=error) from error


def serve(home: Path | None = None, idle_exit: float | None = None, runs_at_once: int = 0) -> int:
    """Drive queued runs through Ray until none has come for ``idle_exit`` s; returns runs done.

    One driver per home (it holds the first worker slot's lock, so pages see a worker running);
    ``runs_at_once`` defaults to ``FMNIST_WORKERS``. Problems reaching the cluster fail the queued
    runs with a sentence saying what to do, shown on the Train page and by ``sweep --wait``.
    """
    home = Path(home or settings.studio_home()).resolve()
    idle_exit = worker.idle_seconds() if idle_exit is None else idle_exit
    runs_at_once = runs_at_once or worker.workers_wanted()
    try:
        store = RunStore(home)
    except StoreUnavailable as error:
        log.error("cannot serve %s: %s", home, error)
        return 0
    with worker._free_slot(home, 1) as slot:
        if slot is None:
            log.info("a driver already serves %s", home)
            return 0
        try:
            executor_name()
            cpus = cpus_per_run()
            connect()
        except ClusterProblem as problem:
            return _fail_queued(store, problem)
        import ray

        try:
            gpus = gpus_per_run(ray.cluster_resources().get("GPU", 0))
            return _drive(store, idle_exit, runs_at_once, cpus, gpus)
        except ClusterProblem as problem:
            return _fail_queued(store, problem)
        finally:
            ray.shutdown()


def _fail_queued(store: RunStore, problem: ClusterProblem) -> int:
    log.error("%s", problem)
    for run_id in store.queued_run_ids():
        store.finish_run(run_id, "failed", error=str(problem))
    return 0


def _drive(store: RunStore, idle_exit: float, runs_at_once: int, cpus: float, gpus: float) -> int:
    import ray

    interrupted = store.mark_interrupted()
    if interrupted:
        log.info("marked interrupted: %s", interrupted)
    train = ray.remote(train_on_node)
    resources = {
        "num_cpus": cpus,
        "num_gpus": gpus,
        "max_retries": 0,  # a retried run would train a second time into the same epochs
        "runtime_env": {"env_vars": task_environment(store.home, cpus, gpus)},
    }
    log.info(
        "driver %s: up to %s runs at once, %s CPU and %s GPU each, cluster %s",
        os.getpid(),
        runs_at_once,
        cpus,
        gpus,
        ray.cluster_resources(),
    )
    in_flight: dict[Any, int] = {}
    done, idle_since, beaten = 0, time.monotonic(), time.monotonic()
    outage = OutageLog(log, "the heartbeats of the runs on the cluster")
    while in_flight or time.monotonic() - idle_since < idle_exit:
        while len(in_flight) < runs_at_once:
            try:
                run = store.claim_next_run(os.getpid(), None)
            except StoreUnavailable as error:
                log.warning("cannot claim a run: %s", error)
                break
            if run is None:
                break
            # The task's name is its process title on the node (``ray::fmnist run 7``).
            task = train.options(name=f"fmnist run {run.id}", **resources).remote(run.id)
            in_flight[task] = run.id
            log.info("run %s (%s) sent to the cluster", run.id, run.name)
        if not in_flight:
            time.sleep(worker.POLL_SECONDS)
            continue
        ready, _ = ray.wait(list(in_flight), num_returns=1, timeout=worker.POLL_SECONDS)
        for reference in ready:
            _record_outcome(store, in_flight.pop(reference), reference)
            done += 1
            idle_since = time.monotonic()
        if time.monotonic() - beaten > worker.HEARTBEAT_SECONDS:
            # A run waiting for a free node has no task beating for it yet; Ray watches the
            # tasks themselves and reports a dead one here, so the driver beats for them all.
            for run_id in in_flight.values():
                try:
                    store.heartbeat(run_id)
                except StoreUnavailable as error:  # a missed beat is harmless
                    outage.failed(error)
                else:
                    outage.written()
            beaten = time.monotonic()
    log.info("driver %s idle for %.0f s, exiting", os.getpid(), idle_exit)
    return done


def _record_outcome(store: RunStore, run_id: int, reference: Any) -> None:
    """Record what became of ``run_id``'s task: its failure text, or interrupted if it died."""
    import ray
    from ray import exceptions

    # Ray's ways of saying the process or machine running the task is gone.
    lost = (
        exceptions.WorkerCrashedError,
        exceptions.NodeDiedError,
        exceptions.OwnerDiedError,
        exceptions.ObjectLostError,
        exceptions.LocalRayletDiedError,
    )

    try:
        outcome = ray.get(reference)
    except lost as error:
        log.warning("run %s lost its Ray worker: %s", run_id, error)
        run = store.get_run(run_id)
        if run and run.status == "running":
            text = f"the Ray worker stopped unexpectedly during training ({type(error).__name__})"
            store.finish_run(run_id, "interrupted", error=text)
        return
    except exceptions.RayError as error:  # e.g. the studio's code could not be loaded there
        log.error("run %s failed on the cluster: %s", run_id, error)
        worker.record_failure(store, run_id, f"{type(error).__name__}: {error}".splitlines()[0])
        return
    if outcome.get("error"):
        worker.record_failure(store, run_id, outcome["error"])
    log.info("run %s %s", run_id, outcome["status"])


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # Through the module's own name, not __main__, so Ray sends the task function by reference.
    from fmnist_core import ray_executor

    ray_executor.serve()
