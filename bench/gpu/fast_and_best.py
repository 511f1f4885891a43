"""On a lent GPU: how fast do the `fast` and `best` recipes reach 0.93 and 0.95 test accuracy,
and what do mixed precision, XLA, the streaming callback and the batch size change?

    KERAS_BACKEND=jax FMNIST_DATA_DIR=... python -m bench.gpu.fast_and_best --budget 420 --out DIR

TensorFlow is not installed on the GPU machines, so this runs the very same studio code under
JAX (carry the ``keras`` wheel, as ``bench/README.md`` explains). Trials run in order of
importance until the time budget is spent: each recipe as the studio trains it, then one change at
a time (float32, float16 instead of bfloat16, the callback's old per-batch wait, larger batches,
no XLA, Keras' own shift layer, which turns XLA off for ``best``). A trial that would not fit in
the time left is skipped and says so. Every trial trains through ``worker.train_here`` on the full
training set (seed 42) and is scored on the test split after each epoch (scoring time not
counted; the first epoch's time includes compiling).
The raw records go to ``DIR/gpu-fast-and-best.json`` after every trial, so a cut-off run keeps
what it measured. On a CPU, ``--limit-train`` and ``--epochs`` make a smoke run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")

import keras

from bench.scoring import TestAccuracyPerEpoch
from fmnist_core import architectures, augmentation, callbacks, data, device, training
from fmnist_core.store import RunStore
from fmnist_core.worker import train_here

TARGETS = (0.93, 0.95)
STUDIO_SHIFT = augmentation.RandomShift


class Deadline(keras.callbacks.Callback):
    """Ends training after the epoch in which the time budget ran out (the record says so)."""

    def __init__(self, deadline: float) -> None:
        super().__init__()
        self.deadline, self.cut = deadline, False

    def on_epoch_end(self, epoch: int, logs=None) -> None:
        if time.monotonic() > self.deadline:
            self.cut = self.model.stop_training = True


@dataclass(frozen=True)
class Trial:
    """One training to measure: a recipe with some settings changed, and how the GPU is used."""

    name: str
    recipe: str
    policy: str = training.MIXED_POLICY  # "float32" turns mixed precision off
    jit: bool | str = training.JIT_COMPILE
    streamer_async: bool = True  # False: the callback's batch hook waits for every step
    keras_shift: bool = False  # True: Keras' RandomTranslation (no XLA) instead of RandomShift
    changes: dict = field(default_factory=dict)  # TrainConfig fields changed from the recipe

    def config(self, epochs: int | None, limit_train: int | None) -> training.TrainConfig:
        """The TrainConfig this trial trains with."""
        values = training.RECIPES[self.recipe].to_dict() | self.changes
        values["mixed_precision"] = self.policy != "float32"
        if epochs and "epochs" not in self.changes:
            values["epochs"] = epochs
        if limit_train and "limit_train" not in self.changes:
            values["limit_train"] = limit_train
        return training.TrainConfig.from_dict(values)


# In order of importance: what the studio does now first, then one change at a time.
TRIALS = (
    Trial("fast as the studio trains it", "fast"),
    Trial("best as the studio trains it", "best"),
    Trial("fast in float32", "fast", policy="float32"),
    Trial("fast, callback waits every batch", "fast", streamer_async=False),
    Trial("fast in mixed float16", "fast", policy="mixed_float16"),
    Trial("fast, batch 512 (2 epochs, speed)", "fast", changes={"batch_size": 512, "epochs": 2}),
    Trial("fast, batch 1024 (2 epochs, speed)", "fast", changes={"batch_size": 1024, "epochs": 2}),
    Trial("best, batch 512 (2 epochs, speed)", "best", changes={"batch_size": 512, "epochs": 2}),
    Trial("best in float32 (2 epochs, speed)", "best", policy="float32", changes={"epochs": 2}),
    Trial(
        "fast with XLA, 5,120 images (speed)",
        "fast",
        changes={"limit_train": 5120, "epochs": 2, "validation_split": 0.0},
    ),
    Trial(
        "fast without XLA, 5,120 images (speed)",
        "fast",
        jit=False,
        changes={"limit_train": 5120, "epochs": 2, "validation_split": 0.0},
    ),
    Trial(
        "fast, batch 512, peak rate 0.01",
        "fast",
        changes={"batch_size": 512, "learning_rate": 0.01},
    ),
    Trial("best in float32", "best", policy="float32"),
    Trial("best, 2,560 images (speed)", "best", changes={"limit_train": 2560, "epochs": 1}),
    Trial(
        "best without augmentation, 2,560 images (speed)",
        "best",
        changes={"limit_train": 2560, "epochs": 1, "augment_shift": 0.0, "augment_flip": False},
    ),
    Trial(
        "best with Keras' RandomTranslation, 2,560 images (speed)",
        "best",
        keras_shift=True,
        changes={"limit_train": 2560, "epochs": 1},
    ),
)


def keras_translation(factor: float, seed: int | None = None):
    """Keras' own shift layer in place of the studio's (the way ``best`` stalled on a GPU)."""
    return keras.layers.RandomTranslation(factor, factor, fill_mode="constant", seed=seed)


def machine() -> dict:
    """What this ran on: GPU name and driver (from nvidia-smi), backend and versions."""
    info = {
        "device": device.describe(),
        "backend": device.backend_name(),
        "keras": keras.__version__,
        "python": platform.python_version(),
        "cpu_cores": os.cpu_count(),
        "date": datetime.date.today().isoformat(),
        "commit": os.environ.get("FMNIST_COMMIT", ""),
    }
    try:
        info["nvidia_smi"] = subprocess.run(
            ["nvidia-smi", "--query-gpu=name,driver_version,memory.total", "--format=csv,noheader"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except OSError:
        info["nvidia_smi"] = ""
    if info["backend"] == "jax":
        import jax

        info["jax"] = jax.__version__
    return info


def estimate(trial: Trial, config: training.TrainConfig, records: list[dict]) -> float | None:
    """Seconds the trial will take, from an earlier trial of the same preset; None if unknown."""
    for record in records:
        if record["recipe"] == trial.recipe and record.get("epoch_seconds"):
            later = record["epoch_seconds"][1:] or record["epoch_seconds"]
            per_image = statistics.median(later) / record["train_images"]
            images = config.limit_train or 60_000
            # Scoring and compiling come on top: allow one first epoch's extra and 20 %.
            extra = record["epoch_seconds"][0] - statistics.median(later)
            return 1.2 * (per_image * images * config.epochs + max(0.0, extra)) + 5
    return None


def run_trial(trial: Trial, config, dataset, store, x_test, on_gpu: bool, deadline: float) -> dict:
    """Train one trial and return its raw record."""
    if trial.policy != "float32":
        training.MIXED_POLICY = trial.policy
    training.JIT_COMPILE = trial.jit
    callbacks.StoreStreamer.async_safe = trial.streamer_async
    augmentation.RandomShift = keras_translation if trial.keras_shift else STUDIO_SHIFT
    scores = TestAccuracyPerEpoch(x_test, dataset.test_labels, label=f"{trial.recipe} ")
    budget = Deadline(deadline)
    started = time.perf_counter()
    run = train_here(
        store,
        f"{trial.name} (gpu bench)",
        architectures.preset(trial.recipe),
        config,
        dataset,
        on_gpu=on_gpu,
        callbacks=(scores, budget),
    )
    wall = time.perf_counter() - started
    run = store.get_run(run.id)
    epochs = store.epochs(run.id)
    seconds = [b - a for a, b in zip([0.0, *scores.seconds], scores.seconds, strict=False)]
    record = {
        "trial": trial.name,
        "recipe": trial.recipe,
        "policy": trial.policy,
        "jit_compile": trial.jit,
        "streamer_async": trial.streamer_async,
        "shift_layer": "keras.layers.RandomTranslation" if trial.keras_shift else "RandomShift",
        "config": config.to_dict(),
        "train_images": len(training.prepare_data(dataset, config).y_train),
        "status": run.status,
        "cut_by_budget": budget.cut,
        "epoch_seconds": [round(s, 3) for s in seconds],
        "test_accuracy_per_epoch": [round(a, 4) for a in scores.accuracies],
        "val_accuracy_per_epoch": [e.val_accuracy for e in epochs],
        "final_test_accuracy": run.test_accuracy,
        "train_seconds": round(scores.train_seconds, 2),
        "wall_seconds": round(wall, 2),
    }
    for target in TARGETS:
        reached = scores.reached(target)
        record[f"reached_{target}"] = (
            None if reached is None else {"epoch": reached[0], "seconds": round(reached[1], 2)}
        )
    return record


def summary(record: dict) -> str:
    """One line per trial for the log."""
    seconds = record["epoch_seconds"]
    later = statistics.median(seconds[1:]) if len(seconds) > 1 else float("nan")
    reached = ", ".join(
        f"{t} at {r['seconds']:.1f} s (epoch {r['epoch']})"
        if (r := record[f"reached_{t}"])
        else f"{t} not reached"
        for t in TARGETS
    )
    cut = " (cut short by the time budget)" if record["cut_by_budget"] else ""
    return (
        f"RESULT {record['trial']}{cut}: first epoch {seconds[0]:.1f} s, later epochs median "
        f"{later:.2f} s; {reached}; final test accuracy {record['final_test_accuracy']:.4f} "
        f"after {record['train_seconds']:.1f} s of training"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=420, help="seconds for all trials")
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    parser.add_argument("--only", nargs="+", help="trial numbers to run (1 = first)")
    parser.add_argument("--epochs", type=int, help="override the recipes' epochs (smoke runs)")
    parser.add_argument("--limit-train", type=int, help="smoke runs only")
    args = parser.parse_args()

    deadline = time.monotonic() + args.budget
    dataset = data.load_dataset()
    home = os.environ.get("FMNIST_HOME") or tempfile.mkdtemp(prefix="fmnist-gpu-")
    store = RunStore(Path(home))
    on_gpu = bool(device.gpu_names())
    about = machine()
    print(f"machine: {json.dumps(about)}; data: {dataset.source.describe()}", flush=True)
    x_test = data.to_model_input(dataset.test_images)
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / "gpu-fast-and-best.json"
    records: list[dict] = []
    chosen = [int(n) for n in args.only] if args.only else range(1, len(TRIALS) + 1)
    for number in chosen:
        trial = TRIALS[number - 1]
        config = trial.config(args.epochs, args.limit_train)
        left = deadline - time.monotonic()
        guess = estimate(trial, config, records)
        if guess is not None and guess > left:
            print(f"SKIPPED {trial.name}: about {guess:.0f} s, {left:.0f} s left", flush=True)
            continue
        if left < 10:
            print(f"SKIPPED {trial.name}: budget spent", flush=True)
            continue
        print(f"TRIAL {number}. {trial.name}: {config.to_dict()}", flush=True)
        records.append(run_trial(trial, config, dataset, store, x_test, on_gpu, deadline))
        print(summary(records[-1]), flush=True)
        out.write_text(json.dumps({"machine": about, "trials": records}, indent=1))
    print(f"records: {out}")


if __name__ == "__main__":
    main()
