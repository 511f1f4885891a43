"""Runs per minute on Ray against local workers, 1 and 2 at once, and memory per training process.

    unshare -n sh -c 'ip link set lo up; FMNIST_DATA_DIR=../shared/data/fashion-mnist \
        python -m bench.ray_throughput [--runs 6 --images 2000 --epochs 1]'

(``unshare -n``, as root: Ray listens on every interface; in a private network namespace it is
reachable from this machine only. Local workers do not care.)

Each set-up queues the same sweep (``seed`` varied, so the runs are alike) of lecture-2 runs in a
fresh studio home, starts the executor through ``worker.ensure_worker`` exactly as the dashboard
does, and times two spans:
  * queue to last end: what a user waits, start-up included (Keras import, data load, and for
    Ray the local instance that ``ray.init()`` starts);
  * first start to last end: the executor at work, start-up left out.
Set-ups: local workers (``FMNIST_EXECUTOR=local``) 1 and 2 at once (the baseline is 1 local
worker), then Ray (``FMNIST_EXECUTOR=ray``, a local instance, 1 CPU per run) 1 and 2 at once.
It also samples the peak resident memory (VmHWM) of every training process (a local worker or a
Ray worker running ``ray::fmnist run N``): the memory one run needs on a CPU node, the figure
that says how many runs fit a node's RAM. Last, for the lecture's three models, the memory their
training state takes on a GPU (float32 weights, gradients and Adam's two moments: 16 bytes per
parameter), beside which each process's framework and CUDA context dominate.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
os.environ["FMNIST_WORKER_IDLE"] = "2"  # workers and the driver leave soon after their last run

from fmnist_core import architectures, sweeps, worker
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig


class PeakMemory:
    """Samples /proc for training processes and keeps each one's peak resident memory (MiB)."""

    def __init__(self) -> None:
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.25):
            for entry in Path("/proc").iterdir():
                try:
                    title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                    if "fmnist_core.worker" not in title and "ray::fmnist run" not in title:
                        continue
                    status = (entry / "status").read_text()
                except (OSError, ValueError):
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        self.peaks[int(entry.name)] = int(line.split()[1]) / 1024

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()


def time_sweep(args, executor: str, at_once: int) -> tuple[float, float, list[float]]:
    """(queue to last end, first start to last end, peak MiB per training process)."""
    os.environ["FMNIST_EXECUTOR"] = executor
    # The sweep's store and models go with the temporary home; the figures are all we keep.
    with tempfile.TemporaryDirectory(
        prefix=f"bench-{executor}-", ignore_cleanup_errors=True
    ) as folder:
        home = Path(folder)
        store = RunStore(home)
        config = TrainConfig(
            epochs=args.epochs, batch_size=32, limit_train=args.images, validation_split=0.1
        )
        seeds = sweeps.Varied("seed", tuple(range(1, args.runs + 1)))
        plan = sweeps.plan(architectures.preset(args.arch), config, [seeds])
        with PeakMemory() as memory:
            queued = time.time()
            sweep_id, _ = sweeps.queue(store, "bench", plan)
            worker.ensure_worker(home, count=at_once)
            while any(run.active for run in store.sweep_runs(sweep_id)):
                time.sleep(0.2)
            runs = store.sweep_runs(sweep_id)
            while worker.worker_running(home):  # the next set-up must not share the cores
                time.sleep(0.2)
    failed = [run.error for run in runs if run.status != "finished"]
    if failed:
        raise SystemExit(f"a run did not finish on {executor}: {failed[0]}")
    last_end = max(run.finished for run in runs)
    first_start = min(run.started for run in runs)
    return last_end - queued, last_end - first_start, sorted(memory.peaks.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--images", type=int, default=2000, help="training images per run")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--arch", default="lecture-2")
    args = parser.parse_args()
    print(
        f"{args.runs} runs of {args.arch}, {args.images:,} images, {args.epochs} epoch(s), "
        f"batch 32 each; {os.cpu_count()} cores"
    )
    baseline = None
    for executor, at_once in (("local", 1), ("local", 2), ("ray", 1), ("ray", 2)):
        waited, working, peaks = time_sweep(args, executor, at_once)
        per_minute, working_per_minute = args.runs / waited * 60, args.runs / working * 60
        baseline = baseline or (per_minute, working_per_minute)
        print(
            f"{executor} {at_once} at once: queue to last end {waited:.1f} s = "
            f"{per_minute:.2f} runs/min (x{per_minute / baseline[0]:.2f}); first start to last "
            f"end {working:.1f} s = {working_per_minute:.2f} runs/min "
            f"(x{working_per_minute / baseline[1]:.2f}); peak RSS per training process "
            f"{', '.join(f'{peak:.0f}' for peak in peaks)} MiB"
        )
    for name in ("lecture-1", "lecture-2", "lecture-3"):
        params = architectures.summarise(architectures.preset(name)).total_params
        print(
            f"{name}: {params:,} parameters, training state (weights, gradients, Adam's two "
            f"moments, float32) {params * 16 / 2**20:.1f} MiB"
        )


if __name__ == "__main__":
    main()
