"""How long an epoch takes when Keras gets the arrays, against the studio's input pipeline.

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.input_pipeline

With the TensorFlow backend, ``model.fit(images, labels)`` feeds Keras' own tf.data pipeline;
the studio feeds ``fmnist_core.feeding``'s (autotuning off). For each setting (the fast recipe's
mixed bfloat16 at batch 256, and float32 at batch 128), the fast network is fitted for
``--epochs`` epochs on the 54,000 training images with validation on the other 6,000, once per
way and ``--rounds`` times, the ways taking turns so that they share the machine's load alike.
Prints each epoch's seconds and how long its first step waited (where the stall shows), their
medians and worst, each way's total and the part of it outside the epochs (``fit`` throwing its
last iterators away can stall too), and the studio's total over Keras', and writes the raw
record to bench/results/input_pipeline-<date>.json (``--results`` elsewhere).
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

# (label, dtype policy, batch size): the fast recipe's, then float32 as on other CPUs.
SETTINGS = (
    ("mixed bfloat16, batch 256", training.MIXED_POLICY, 256),
    ("float32, batch 128", "float32", 128),
)
WAYS = ("Keras' own (arrays)", "studio (fmnist_core.feeding)")


class EpochClock(keras.callbacks.Callback):
    """Each epoch's seconds (validation included) and how long its first training step took."""

    def __init__(self) -> None:
        super().__init__()
        self.epochs: list[float] = []
        self.first_steps: list[float] = []

    def on_epoch_begin(self, epoch, logs=None) -> None:
        self.started = time.perf_counter()
        self.first = True

    def on_train_batch_end(self, batch, logs=None) -> None:
        if self.first:
            self.first_steps.append(time.perf_counter() - self.started)
            self.first = False

    def on_epoch_end(self, epoch, logs=None) -> None:
        self.epochs.append(time.perf_counter() - self.started)


def fit_once(way: str, prepared, policy: str, batch: int, epochs: int) -> dict:
    """Fit the fast network ``epochs`` epochs fed ``way``; its epochs' and first steps' seconds."""
    keras.utils.set_random_seed(1)
    with training.dtype_policy(policy):
        model = architectures.build_model(architectures.preset("fast"))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    x, y, x_val, y_val = prepared.x_train, prepared.y_train, prepared.x_val, prepared.y_val
    if way == WAYS[0]:
        inputs = {"x": x, "y": y, "batch_size": batch, "shuffle": True}
        validation = (x_val, y_val)
    else:
        inputs = feeding.fit_inputs(x, y, batch, shuffle_seed=1)
        validation = feeding.validation_inputs(x_val, y_val, batch)
    clock = EpochClock()
    start = time.perf_counter()
    model.fit(**inputs, epochs=epochs, verbose=0, validation_data=validation, callbacks=[clock])
    return {
        "way": way,
        "seconds": time.perf_counter() - start,
        "epoch_seconds": clock.epochs,
        "first_step_seconds": clock.first_steps,
        "load_average_after": records.load_average(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--limit-train", type=int, help="tiny smoke runs only")
    parser.add_argument("--results", type=Path, help="the record's folder (bench/results)")
    args = parser.parse_args()
    if args.epochs < 2 or args.rounds < 1:
        parser.error("--epochs must be at least 2 (the first traces the model), --rounds 1")
    if keras.backend.backend() != "tensorflow":
        parser.error("only the TensorFlow backend has a pipeline of its own to compare")

    dataset = data.load_dataset()
    config = training.RECIPES["fast"].to_dict() | {"limit_train": args.limit_train}
    prepared = training.prepare_data(dataset, training.TrainConfig.from_dict(config))
    record = records.new_record(
        "bench.input_pipeline",
        data=dataset.source.describe(),
        epochs=args.epochs,
        training_images=len(prepared.y_train),
    )
    record["fits"] = []
    path = records.record_path(record, args.results)
    print(f"device: {device.describe()}; data: {dataset.source.describe()}", flush=True)
    for label, policy, batch in SETTINGS:
        totals: dict[str, list[float]] = {way: [] for way in WAYS}
        for round_ in range(args.rounds):
            # The ways take turns, the first one alternating, so neither always goes first.
            for way in WAYS if round_ % 2 == 0 else WAYS[::-1]:
                fit = fit_once(way, prepared, policy, batch, args.epochs)
                record["fits"].append({"setting": label, **fit})
                records.write(record, path)
                totals[way].append(fit["seconds"])
                steady = fit["epoch_seconds"][1:]  # the first epoch also traces the model
                waits = fit["first_step_seconds"][1:]
                print(
                    f"fast, {label}, {way}: epochs "
                    f"{' '.join(f'{s:.1f}' for s in fit['epoch_seconds'])} s "
                    f"(after the first: median {statistics.median(steady):.1f}, worst "
                    f"{max(steady):.1f}); first step waited median "
                    f"{statistics.median(waits):.2f} s, worst {max(waits):.2f} s; "
                    f"{fit['seconds']:.1f} s in all, "
                    f"{fit['seconds'] - sum(fit['epoch_seconds']):.2f} s of it outside the epochs",
                    flush=True,
                )
        keras_total, studio_total = (statistics.median(totals[way]) for way in WAYS)
        smoke = f" (on {len(prepared.y_train):,} images: shows nothing)" if args.limit_train else ""
        print(
            f"fast, {label}: {args.epochs} epochs in {keras_total:.1f} s fed by Keras, "
            f"{studio_total:.1f} s by the studio's pipeline ({studio_total / keras_total:.2f}x)"
            f"{smoke}",
            flush=True,
        )
    print(f"record: {path}")


if __name__ == "__main__":
    main()
