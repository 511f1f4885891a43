"""Which training settings make an epoch faster on this machine: input type, batch, XLA, bfloat16.

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.cpu_settings

For each preset (default: lecture-2 and fast), the same model is fitted on the same images with:
  - the lecture's way: float64 inputs (``/ 255.0`` on the uint8 images), batch 32 (the baseline);
  - float32 inputs, batch 32;
  - float32 inputs, batch 128 (what the studio's recipes use);
  - float32 inputs, batch 128, XLA (``jit_compile=True``);
  - float32 inputs, batch 128 and 256, mixed bfloat16 precision (``training.MIXED_POLICY``),
    which the studio uses on CPUs that compute bfloat16 natively (AMX / AVX-512 BF16).
Each is timed over ``--images`` images after a warm-up fit (tracing, not timed), scaled to the
seconds of one 54,000-image epoch, and printed beside its ratio to the baseline measured in the
same run. Run it under ``KERAS_BACKEND=jax`` too (with JAX installed) to compare the backends.
Keras already leaves XLA off on CPU-only machines; this checks that it should.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("FMNIST_OFFLINE", "1")

import keras
import numpy as np

from fmnist_core import architectures, data, device, feeding, training

EPOCH_IMAGES = 54_000  # the training split of the studio's recipes (validation_split 0.1)

# (label, input dtype, batch size, jit_compile, dtype policy); the first is the baseline.
SETTINGS = (
    ("lecture: float64, batch 32", np.float64, 32, False, "float32"),
    ("float32, batch 32", np.float32, 32, False, "float32"),
    ("float32, batch 128", np.float32, 128, False, "float32"),
    ("float32, batch 128, XLA", np.float32, 128, True, "float32"),
    ("float32, batch 128, bfloat16", np.float32, 128, False, training.MIXED_POLICY),
    ("float32, batch 256, bfloat16", np.float32, 256, False, training.MIXED_POLICY),
)


def epoch_seconds(
    preset: str, images: np.ndarray, labels: np.ndarray, batch_size: int, jit: bool, policy: str
) -> float:
    """Seconds for one 54,000-image epoch of ``preset``, timed on ``images`` after a warm-up."""
    keras.utils.set_random_seed(0)
    with training.dtype_policy(policy):
        model = architectures.build_model(architectures.preset(preset))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", jit_compile=jit)
    warm = min(len(labels), 10 * batch_size)
    # Fed as the studio feeds its runs (fmnist_core.feeding: no stalls between epochs).
    model.fit(**feeding.fit_inputs(images[:warm], labels[:warm], batch_size, 0), verbose=0)
    start = time.perf_counter()
    model.fit(**feeding.fit_inputs(images, labels, batch_size, 0), verbose=0)
    return (time.perf_counter() - start) / len(labels) * EPOCH_IMAGES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presets", nargs="+", default=["lecture-2", "fast"])
    parser.add_argument("--images", type=int, default=6400, help="images timed per setting")
    args = parser.parse_args()

    dataset = data.load_dataset()
    raw = dataset.train_images[: args.images][..., np.newaxis]
    labels = dataset.train_labels[: args.images].astype(np.int32)
    print(f"device: {device.describe()}; data: {dataset.source.describe()}", flush=True)
    print(f"each setting timed over {len(labels):,} images, scaled to {EPOCH_IMAGES:,} per epoch")
    for preset in args.presets:
        baseline = None
        for label, dtype, batch_size, jit, policy in SETTINGS:
            images = raw.astype(dtype) / 255.0 if dtype is np.float64 else raw / np.float32(255)
            seconds = epoch_seconds(preset, images, labels, batch_size, jit, policy)
            baseline = baseline or seconds
            print(
                f"{preset:10s} {label:30s} {seconds:7.1f} s per epoch "
                f"({seconds / baseline:.2f}x the lecture's way)",
                flush=True,
            )


if __name__ == "__main__":
    main()
