"""Random shifts: Keras' ``RandomTranslation`` against the studio's ``RandomShift``, per backend.

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.augmentation
    KERAS_BACKEND=jax FMNIST_DATA_DIR=... python -m bench.augmentation   # (on a lent GPU too)

Each way wraps the same network (``--preset``, default ``fast``) behind a shift of up to 10 % and a
horizontal flip, as the ``best`` recipe trains, is compiled with ``jit_compile="auto"`` as the
studio compiles it, and fitted for ``--epochs`` epochs on the first ``--images`` training images
(batch ``--batch``), the ways taking turns ``--rounds`` times so that they share the machine's load
alike. Prints whether Keras compiled the training step with XLA, the first epoch (compiling
included) and the median of the later ones, and each way's later epochs over ``RandomShift``'s;
also checks that both ways shift alike (the same offsets give the same images). Writes the raw
record to bench/results/augmentation-<date>.json (``--results`` elsewhere).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")

import keras
import numpy as np

from bench import records
from fmnist_core import architectures, data
from fmnist_core.augmentation import RandomShift, shift_images

SHIFT = 0.1  # the best recipe's
WAYS = ("Keras' RandomTranslation", "studio's RandomShift")


class EpochClock(keras.callbacks.Callback):
    """Each epoch's seconds."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds: list[float] = []

    def on_epoch_begin(self, epoch, logs=None) -> None:
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None) -> None:
        self.seconds.append(time.perf_counter() - self.started)


def shift_layer(way: str, seed: int):
    """The shift layer ``way`` names."""
    if way == WAYS[0]:
        return keras.layers.RandomTranslation(SHIFT, SHIFT, fill_mode="constant", seed=seed)
    return RandomShift(SHIFT, seed=seed)


def fit_once(way: str, preset: str, images, labels, batch: int, epochs: int) -> dict:
    """Fit ``preset`` behind ``way``'s shift and a flip; XLA or not, and each epoch's seconds."""
    keras.utils.set_random_seed(1)
    trainer = keras.Sequential(
        [
            keras.Input(shape=architectures.INPUT_SHAPE),
            shift_layer(way, seed=1),
            keras.layers.RandomFlip("horizontal", seed=1),
            architectures.build_model(architectures.preset(preset)),
        ]
    )
    trainer.compile(
        optimizer="adam",
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        jit_compile="auto",
    )
    clock = EpochClock()
    trainer.fit(images, labels, batch_size=batch, epochs=epochs, verbose=0, callbacks=[clock])
    return {"way": way, "xla": bool(trainer.jit_compile), "epoch_seconds": clock.seconds}


def largest_difference(images: np.ndarray) -> float:
    """Largest pixel difference between the two ways for the same offsets (should be ~1e-7)."""
    rng = np.random.default_rng(0)
    offsets = rng.uniform(-SHIFT, SHIFT, size=(len(images), 2)).astype("float32") * 28
    ours = shift_images(images, offsets[:, 0], offsets[:, 1])
    # Keras' transform maps an output pixel (x, y) to the input's (x - right, y - down).
    transform = np.zeros((len(images), 8), "float32")
    transform[:, 0] = transform[:, 4] = 1
    transform[:, 2], transform[:, 5] = -offsets[:, 1], -offsets[:, 0]
    theirs = keras.ops.image.affine_transform(images, transform, fill_mode="constant")
    return float(np.abs(keras.ops.convert_to_numpy(ours - theirs)).max())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="fast")
    parser.add_argument("--images", type=int, default=5120)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--results", type=Path, default=None, help="folder (bench/results)")
    args = parser.parse_args()

    dataset = data.load_dataset()
    images = (dataset.train_images[: args.images, ..., None] / 255.0).astype("float32")
    labels = dataset.train_labels[: args.images]
    record = records.new_record(
        "augmentation",
        backend=keras.backend.backend(),
        preset=args.preset,
        images=args.images,
        batch=args.batch,
        epochs=args.epochs,
        shift=SHIFT,
    )
    record["largest_pixel_difference"] = largest_difference(images[:64])
    print(
        f"backend {keras.backend.backend()}; {args.preset} on {args.images:,} images,"
        f" batch {args.batch}"
    )
    print(
        "same offsets, largest pixel difference between the ways:"
        f" {record['largest_pixel_difference']:.1e}"
    )
    record["fits"] = []
    for round_number in range(1, args.rounds + 1):
        for way in WAYS:
            fit = fit_once(way, args.preset, images, labels, args.batch, args.epochs)
            fit["round"] = round_number
            record["fits"].append(fit)
            seconds = ", ".join(f"{s:.2f}" for s in fit["epoch_seconds"])
            print(
                f"  round {round_number}  {way:26}  XLA {'on ' if fit['xla'] else 'off'}"
                f"  epochs (s): {seconds}"
            )

    print(f"\n{'way':26}  XLA  first epoch  later epochs (median)  later over RandomShift's")
    later = {}
    for way in WAYS:
        fits = [fit for fit in record["fits"] if fit["way"] == way]
        later[way] = statistics.median(s for fit in fits for s in fit["epoch_seconds"][1:])
    for way in WAYS:
        fits = [fit for fit in record["fits"] if fit["way"] == way]
        first = statistics.median(fit["epoch_seconds"][0] for fit in fits)
        print(
            f"{way:26}  {'on ' if fits[0]['xla'] else 'off'}  {first:9.2f} s  {later[way]:19.2f} s"
            f"  {later[way] / later[WAYS[1]]:.2f}x"
        )
    record["later_epoch_median"] = later
    path = records.record_path(record, args.results)
    records.write(record, path)
    print(f"\nrecord: {path}")


if __name__ == "__main__":
    main()
