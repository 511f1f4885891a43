"""What the studio adds to training: worker + streaming callback vs plain ``model.fit``.

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.overhead [--images 20000]

Same model (lecture-2), data, batch size and epochs both ways, in one benchmark run:
  1. plain ``model.fit`` in a fresh process (the baseline), timed per epoch;
  2. the same run queued in a fresh studio home and trained by the real background worker with
     the streaming callback; its per-epoch seconds come from the store;
  3. the plain baseline again, so drift between the two shows.
The first epoch (tracing, warm-up) is left out of the medians. Meanwhile a reader polls the store
every 0.1 s, as the page would, and records how long each epoch took to become visible after
its row was written. Targets: epoch-time ratio <= 1.05; epoch end -> store <= 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")
os.environ.setdefault("FMNIST_WORKER_IDLE", "2")  # the worker leaves soon after its last run

from fmnist_core import architectures, worker
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig

ROOT = Path(__file__).resolve().parents[1]

PLAIN_FIT = r"""
import json, sys, time
import keras
from fmnist_core import architectures, data
from fmnist_core.training import TrainConfig, prepare_data

images, epochs, batch = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
config = TrainConfig(epochs=epochs, batch_size=batch, limit_train=images, validation_split=0.1)
keras.utils.set_random_seed(config.seed)
split = prepare_data(data.load_dataset(), config)
model = architectures.build_model(architectures.preset("lecture-2"))
model.compile(optimizer=keras.optimizers.Adam(config.learning_rate),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
seconds = []
class Clock(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None): self.start = time.perf_counter()
    def on_epoch_end(self, epoch, logs=None): seconds.append(time.perf_counter() - self.start)
model.fit(split.x_train, split.y_train, batch_size=batch, epochs=epochs, shuffle=True,
          verbose=0, validation_data=(split.x_val, split.y_val), callbacks=[Clock()])
print(json.dumps(seconds))
"""


def plain_fit(images: int, epochs: int, batch: int) -> list[float]:
    """Per-epoch seconds of a bare ``model.fit`` in a fresh Python process."""
    result = subprocess.run(
        [sys.executable, "-c", PLAIN_FIT, str(images), str(epochs), str(batch)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def through_worker(images: int, epochs: int, batch: int) -> tuple[list[float], list[float]]:
    """Per-epoch seconds of the same run trained by the worker, and the store-visibility lags."""
    with tempfile.TemporaryDirectory(prefix="fmnist-bench-", ignore_cleanup_errors=True) as folder:
        home = Path(folder)
        os.environ["FMNIST_HOME"] = str(home)
        store = RunStore(home)
        config = TrainConfig(
            epochs=epochs, batch_size=batch, limit_train=images, validation_split=0.1
        )
        run_id = store.create_run("overhead", architectures.preset("lecture-2"), config.to_dict())
        seen: dict[int, float] = {}
        done = threading.Event()

        def poll() -> None:  # the page's view of the store, at 10 Hz
            while not done.is_set():
                for epoch in store.epochs(run_id):
                    seen.setdefault(epoch.epoch, time.time() - epoch.recorded)
                time.sleep(0.1)

        reader = threading.Thread(target=poll, daemon=True)
        reader.start()
        worker.ensure_worker(home)
        while store.get_run(run_id).status in ("queued", "running"):
            time.sleep(0.5)
        done.set()
        reader.join()
        run, epochs = store.get_run(run_id), store.epochs(run_id)
        while worker.worker_running(home):  # it leaves its folder before the folder goes
            time.sleep(0.2)
    if run.status != "finished":
        raise SystemExit(f"the worker run ended {run.status}: {run.error}")
    return [e.seconds for e in epochs], list(seen.values())


def record_latency(samples: int = 200) -> list[float]:
    """Seconds one epoch row takes to commit while another thread keeps reading the store."""
    with tempfile.TemporaryDirectory(prefix="fmnist-bench-", ignore_cleanup_errors=True) as folder:
        home = Path(folder)
        store = RunStore(home)
        run_id = store.create_run("latency", architectures.preset("lecture-2"), {"epochs": samples})
        stop = threading.Event()

        def read() -> None:
            while not stop.is_set():
                store.epochs(run_id)
                store.get_run(run_id)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        latencies = []
        for epoch in range(1, samples + 1):
            start = time.perf_counter()
            store.record_epoch(
                run_id,
                epoch,
                {
                    "loss": 0.5,
                    "accuracy": 0.8,
                    "val_loss": 0.5,
                    "val_accuracy": 0.8,
                    "seconds": 1.0,
                },
            )
            latencies.append(time.perf_counter() - start)
        stop.set()
        reader.join()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=20000)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--batch-size", type=int, default=128)
    args = parser.parse_args()
    shape = (args.images, args.epochs, args.batch_size)

    before = plain_fit(*shape)
    studio, visible_lags = through_worker(*shape)
    after = plain_fit(*shape)
    plain = statistics.median(before[1:] + after[1:])
    ours = statistics.median(studio[1:])
    latencies = sorted(record_latency())
    print(
        f"lecture-2, {args.images:,} images, batch {args.batch_size}, {args.epochs} epochs "
        f"(first epoch of each left out)"
    )
    print(
        f"plain model.fit per epoch: before {statistics.median(before[1:]):.3f} s, after "
        f"{statistics.median(after[1:]):.3f} s (baseline median {plain:.3f} s)"
    )
    print(f"worker + streaming callback per epoch: median {ours:.3f} s")
    print(f"epoch-time ratio studio/plain: {ours / plain:.3f} (target <= 1.05)")
    print(
        f"epoch end -> in the store (record_epoch under a concurrent reader): median "
        f"{statistics.median(latencies) * 1000:.1f} ms, p95 "
        f"{latencies[int(0.95 * len(latencies))] * 1000:.1f} ms, max "
        f"{latencies[-1] * 1000:.1f} ms (target <= 200 ms)"
    )
    print(
        f"written -> seen by a 0.1 s poller: max {max(visible_lags):.2f} s over "
        f"{len(visible_lags)} epochs; the page refreshes every 1.0 s, so it shows an epoch "
        f"at most {1.0 + max(visible_lags):.2f} s after it ends (target <= 1.5 s)"
    )


if __name__ == "__main__":
    main()
