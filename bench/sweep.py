"""Sweep throughput: 8 tiny runs trained by 1 worker, then by 2 workers, in one benchmark run.

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.sweep [--runs 8 --images 2000]

Each set-up queues the same sweep (``seed`` varied, so the runs are alike) in a fresh studio
home, starts its workers and times from queueing to the last run's end, worker start-up (Keras
import, data load) included, since a user waits for that too:
  1. one worker using every core (the baseline);
  2. two workers, the cores shared out between them (``worker.threads_per_worker``, the split
     the studio uses);
  3. two workers with no thread limit, fighting over the cores (what the split is for).
Prints runs per minute for each and the ratios to the baseline.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")
os.environ["FMNIST_WORKER_IDLE"] = "2"  # workers leave soon after their last run

from fmnist_core import architectures, sweeps, worker
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig


def time_sweep(runs: int, images: int, epochs: int, arch: str, workers: int, threads: str) -> float:
    """Seconds from queueing ``runs`` runs to the end of the last, with ``workers`` workers."""
    os.environ["FMNIST_WORKER_THREADS"] = threads
    with tempfile.TemporaryDirectory(prefix="bench-sweep-", ignore_cleanup_errors=True) as folder:
        home = Path(folder)
        store = RunStore(home)
        config = TrainConfig(
            epochs=epochs, batch_size=128, limit_train=images, validation_split=0.1
        )
        seeds = sweeps.Varied("seed", tuple(range(1, runs + 1)))
        plan = sweeps.plan(architectures.preset(arch), config, [seeds])
        started = time.perf_counter()
        sweep_id, _ = sweeps.queue(store, "bench", plan)
        worker.ensure_worker(home, count=workers)
        while any(run.active for run in store.sweep_runs(sweep_id)):
            time.sleep(0.2)
        seconds = time.perf_counter() - started
        failed = [run.error for run in store.sweep_runs(sweep_id) if run.status != "finished"]
        if failed:
            raise SystemExit(f"a run did not finish: {failed[0]}")
        # The next set-up must not share the cores with these, and the home is removed next:
        # wait for every worker started here to exit, not only for the locks to be free. A
        # worker spawned for a run another had already taken takes its lock late, and it wrote
        # into the home while it was being removed (a CI run found the folder left behind).
        while worker.worker_running(home) or _workers_started_here_alive():
            time.sleep(0.2)
    return seconds


def _workers_started_here_alive() -> bool:
    """Whether a worker process this benchmark started is still alive: ``ensure_worker`` waits
    for each in a thread of its own, which ends when the process does."""
    return any(
        thread.name == worker.REAPER_THREAD and thread.is_alive()
        for thread in threading.enumerate()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--images", type=int, default=2000, help="training images per run")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--arch", default="lecture-2")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    split = worker.threads_per_worker(2)
    print(
        f"{args.runs} runs of {args.arch}, {args.images:,} images, {args.epochs} epochs each; "
        f"{cores} cores"
    )
    setups = [
        ("1 worker, all cores (baseline)", 1, "0"),
        (f"2 workers, {split} thread(s) each (the split chosen)", 2, str(split)),
        ("2 workers, no thread limit", 2, "0"),
    ]
    baseline = None
    for label, workers, threads in setups:
        seconds = time_sweep(args.runs, args.images, args.epochs, args.arch, workers, threads)
        per_minute = args.runs / seconds * 60
        baseline = baseline or per_minute
        print(
            f"{label}: {seconds:.1f} s, {per_minute:.2f} runs/min, "
            f"throughput ratio {per_minute / baseline:.2f}"
        )
    print(f"thread split chosen: {split} thread(s) per worker with 2 workers on {cores} cores")


if __name__ == "__main__":
    main()
