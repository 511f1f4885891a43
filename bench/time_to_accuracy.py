"""A recipe (`fast` by default) against lecture-3, over seeds, under bench/README.md's protocol.

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.time_to_accuracy --seeds 5
    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.time_to_accuracy \
        --recipe strong --seeds 3 --target 0.94

1. Baseline, measured in this run: lecture-3 with the lecture's recipe (batch 32, Adam) is timed
   over ``--baseline-steps`` training steps (after 20 untimed warm-up steps), in chunks before
   the first seed and after each seed so that it shares the machine's load with them, and
   scaled to a full epoch of 45,000 images; times the epochs lecture-3 needs to first reach the
   lecture's 0.9237 (the newest ``bench.lecture`` record in bench/results/ that says so).
2. The recipe's preset (``measured.RECIPE_PRESETS``) with the recipe trains the whole recipe
   once per seed, choosing nothing: validation accuracy is recorded after each epoch, the test
   split is scored once, at the end. A seed reaches the target when that one test score does;
   its time to the target is then its training time.
Prints each seed, the median and lowest test accuracy, the median training time and its ratio
to the baseline, and writes the raw record to bench/results/time_to_accuracy-<date>.json
(``--results`` elsewhere) after every seed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")

import keras

from bench import records
from fmnist_core import architectures, data, device, feeding, training
from fmnist_core.measured import (
    LECTURE_TEST_ACCURACY,
    RECIPE_PRESETS,
    SEEDS_CLAIMED,
    SEEDS_CLAIMED_BY_RECIPE,
    lecture_epochs_per_seed,
    median_epochs,
    seeds_wanted,
)
from fmnist_core.store import RunStore
from fmnist_core.worker import train_here

TARGET = LECTURE_TEST_ACCURACY["lecture-3"]
RATIO_TARGET = 1 / 30  # issue 16: the median `fast` time at most 1/30 of lecture-3's (to TARGET)
MEASURED_RECIPES = [name for name in RECIPE_PRESETS if name != "lecture"]


class FitSeconds(keras.callbacks.Callback):
    """Seconds inside ``model.fit`` (per-epoch validation included; saving and testing not)."""

    def on_train_begin(self, logs=None) -> None:
        self.started = time.perf_counter()

    def on_train_end(self, logs=None) -> None:
        self.seconds = time.perf_counter() - self.started


class Lecture3Timer:
    """Times lecture-3's training steps (lecture recipe: batch 32, Adam) in chunks, so that the
    chunks can be spread between the seeds and share whatever load the machine has with them."""

    def __init__(self, dataset: data.Dataset) -> None:
        config = training.LECTURE_RECIPE
        split = training.prepare_data(dataset, config)
        self.batch = config.batch_size
        self.x, self.y = split.x_train, split.y_train
        self.steps_per_epoch = -(-len(self.y) // self.batch)  # 45,000 images
        self.model = architectures.build_model(architectures.preset("lecture-3"))
        self.model.compile(
            optimizer=keras.optimizers.Adam(config.learning_rate),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        self.chunks: list[dict] = []
        self._offset = 0
        self.time(20, record=False)  # tracing and warm-up, not counted

    def time(self, steps: int, record: bool = True) -> None:
        """Train ``steps`` steps on the next images and (with ``record``) keep their seconds."""
        images = steps * self.batch
        if self._offset + images > len(self.y):
            self._offset = 0
        x = self.x[self._offset : self._offset + images]
        y = self.y[self._offset : self._offset + images]
        self._offset += images
        start = time.perf_counter()
        # Fed as the studio feeds every run (fmnist_core.feeding), the lecture's recipe included.
        self.model.fit(**feeding.fit_inputs(x, y, self.batch, shuffle_seed=0), verbose=0)
        seconds = time.perf_counter() - start
        if record:
            self.chunks.append(
                {"steps": steps, "seconds": seconds, "load_average": records.load_average()}
            )

    @property
    def epoch_seconds(self) -> float:
        """Seconds for one full epoch, from all the steps timed so far."""
        steps = sum(chunk["steps"] for chunk in self.chunks)
        return sum(chunk["seconds"] for chunk in self.chunks) / steps * self.steps_per_epoch


def chunk_sizes(total: int, chunks: int) -> list[int]:
    """``total`` steps shared out as evenly as whole steps allow over ``chunks`` chunks."""
    return [total // chunks + (i < total % chunks) for i in range(chunks)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipe", choices=MEASURED_RECIPES, default="fast")
    parser.add_argument(
        "--seeds",
        type=int,
        help=f"seeds to train (default: as many as a claim stands on, {SEEDS_CLAIMED}; "
        f"{SEEDS_CLAIMED_BY_RECIPE['strong']} for strong)",
    )
    parser.add_argument("--first-seed", type=int, default=1, help="seeds are N, N+1, ...")
    parser.add_argument("--baseline-steps", type=int, default=300)
    parser.add_argument("--target", type=float, default=TARGET)
    parser.add_argument("--limit-train", type=int, help="tiny smoke runs only")
    parser.add_argument(
        "--lecture-epochs",
        type=int,
        help="epochs lecture-3 needs to reach the target, if measured elsewhere",
    )
    parser.add_argument("--results", type=Path, help="the record's folder (bench/results)")
    args = parser.parse_args()
    if args.seeds is None:
        args.seeds = seeds_wanted(args.recipe)
    if args.seeds < 1 or args.baseline_steps < 1:
        parser.error("--seeds and --baseline-steps must be at least 1")

    dataset = data.load_dataset()
    per_seed = lecture_epochs_per_seed("lecture-3")
    lecture_epochs = args.lecture_epochs or median_epochs(per_seed)
    source = (
        "--lecture-epochs"
        if args.lecture_epochs
        else f"bench.lecture records: median of {len(per_seed)} seeds, epochs per seed "
        + ", ".join(f"{seed}: {epochs}" for seed, epochs in per_seed.items())
    )
    if not lecture_epochs:
        parser.error("no bench.lecture record says when lecture-3 reaches it: --lecture-epochs N")
    recipe = training.RECIPES[args.recipe]
    preset = RECIPE_PRESETS[args.recipe]
    record = records.new_record(
        "bench.time_to_accuracy",
        data=dataset.source.describe(),
        target=args.target,
        recipe=args.recipe,
        settings=recipe.to_dict(),
        # the layers trained: a claim stops being shown if the preset changes (measured.py)
        networks={preset: architectures.preset(preset)["layers"]},
    )
    path = records.record_path(record, args.results)

    # The baseline's steps are timed in chunks before the first seed and after each seed, so
    # that lecture-3 and the recipe share the machine's load alike (others use these cores too).
    baseline = Lecture3Timer(dataset)
    chunks = chunk_sizes(max(args.baseline_steps, args.seeds + 1), args.seeds + 1)
    baseline.time(chunks[0])
    print(
        f"lecture-3 baseline, first {chunks[0]} of {sum(chunks)} steps: "
        f"{baseline.epoch_seconds:.1f} s per epoch so far",
        flush=True,
    )

    store = RunStore()
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        config = training.TrainConfig.from_dict(
            recipe.to_dict() | {"seed": seed, "limit_train": args.limit_train}
        )
        timer = FitSeconds()
        run = train_here(
            store,
            f"{args.recipe} recipe, seed {seed} (bench)",
            architectures.preset(preset),
            config,
            dataset,
            callbacks=(timer,),
        )
        epochs = store.epochs(run.id)
        reached = run.test_accuracy is not None and run.test_accuracy >= args.target
        record["runs"].append(
            records.seed_run(
                preset,
                args.recipe,
                seed,
                run,
                epochs,
                timer.seconds,
                seconds_to_target=timer.seconds if reached else None,
            )
        )
        records.write(record, path)
        print(
            f"  seed {seed}: validation accuracy by epoch "
            f"{', '.join(f'{epoch.val_accuracy:.4f}' for epoch in epochs)}; "
            f"test accuracy {run.test_accuracy:.4f} "
            f"({'reaches' if reached else 'below'} {args.target}); "
            f"{timer.seconds:.1f} s of training",
            flush=True,
        )
        baseline.time(chunks[seed - args.first_seed + 1])

    epoch_seconds = baseline.epoch_seconds
    lecture_seconds = epoch_seconds * lecture_epochs
    record["baseline"] = {
        "preset": "lecture-3",
        "recipe": "lecture",
        "epoch_seconds": epoch_seconds,
        "timed_steps": sum(chunks),
        "timed_chunks": baseline.chunks,
        "epochs_to_target": lecture_epochs,
        "epochs_source": source,
        "seconds_to_target": lecture_seconds,
    }
    records.write(record, path)
    per_chunk = [
        f"{chunk['seconds'] / chunk['steps'] * baseline.steps_per_epoch:.0f}"
        for chunk in baseline.chunks
    ]
    print(
        f"lecture-3 baseline: {epoch_seconds:.1f} s per epoch (timed in this run over "
        f"{sum(chunks)} steps, in {len(chunks)} chunks before and between the seeds: "
        f"{', '.join(per_chunk)} s per epoch) x {lecture_epochs} epochs to the lecture's {TARGET} "
        f"({source}) = {lecture_seconds:.0f} s",
        flush=True,
    )

    accuracies = [run["test_accuracy"] for run in record["runs"]]
    seconds = [run["training_seconds"] for run in record["runs"]]
    median_seconds = statistics.median(seconds)
    reaching = sum(accuracy >= args.target for accuracy in accuracies)
    # The time target is the `fast` recipe's; the others are judged by accuracy in their time.
    ratio_target = (
        f"; target 1/{1 / RATIO_TARGET:.0f} = {RATIO_TARGET:.3f}" if args.recipe == "fast" else ""
    )
    print(
        f"{args.recipe} recipe on {preset} ({recipe.epochs} epochs, batch {recipe.batch_size}, "
        f"{recipe.schedule}{', mixed precision' if recipe.mixed_precision else ''}) "
        f"over {len(accuracies)} seeds: test accuracy median {statistics.median(accuracies):.4f}, "
        f"lowest {min(accuracies):.4f}, highest {max(accuracies):.4f}; "
        f"{reaching} of {len(accuracies)} seeds reach {args.target}"
    )
    print(
        f"training time median {median_seconds:.1f} s (fastest {min(seconds):.1f} s, slowest "
        f"{max(seconds):.1f} s); ratio {args.recipe}/lecture-3 (same run): "
        f"{median_seconds / lecture_seconds:.3f} (1/{lecture_seconds / median_seconds:.1f}"
        f"{ratio_target})"
    )
    print(
        f"device: {device.describe()}; CPU: {record['machine']['cpu']}; load average at start "
        f"{record['machine']['load_average_at_start']}, at end {records.load_average()}; "
        f"data: {dataset.source.describe()}"
    )
    print(f"record: {path}")


if __name__ == "__main__":
    main()
