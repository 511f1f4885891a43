"""How training and test arrays reach Keras' ``fit`` and ``predict``.

With the TensorFlow backend, Keras turns NumPy arrays into a tf.data pipeline of its own whose
autotuning thread makes each epoch's spent iterator wait, when it is thrown away, for seconds: on
a 2-core CPU the first step of many epochs waits for a good part of an epoch's time
(``python -m bench.input_pipeline`` measures it; figures in bench/README.md). The studio hands
TensorFlow a pipeline of its own instead, with autotuning off, which gathers the same batches.
Other backends (JAX) iterate over the arrays themselves and get them unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np

# Batches made ready ahead of the step that needs them (one is being trained on meanwhile).
PREFETCH = 2


def uses_pipeline() -> bool:
    """Whether arrays go to Keras through the studio's tf.data pipeline (TensorFlow backend)."""
    import keras

    return keras.backend.backend() == "tensorflow"


def fit_inputs(
    images: np.ndarray, labels: np.ndarray, batch_size: int, shuffle_seed: int
) -> dict[str, Any]:
    """Keyword arguments for ``model.fit`` that train on ``images`` and ``labels`` in batches of
    ``batch_size``, in a new order each epoch (drawn from ``shuffle_seed``), as
    ``fit(images, labels, batch_size=batch_size, shuffle=True)`` does."""
    if not uses_pipeline():
        return {"x": images, "y": labels, "batch_size": batch_size, "shuffle": True}
    # The pipeline shuffles; Keras' own ``shuffle`` is for arrays (and warns about datasets).
    return {
        "x": pipeline((images, labels), batch_size, shuffle_seed=shuffle_seed),
        "shuffle": False,
    }


def validation_inputs(images: np.ndarray | None, labels: np.ndarray | None, batch_size: int):
    """``model.fit``'s ``validation_data`` for these arrays (None when there are none)."""
    if images is None:
        return None
    if not uses_pipeline():
        return (images, labels)
    return pipeline((images, labels), batch_size)


def predict_inputs(images: np.ndarray, batch_size: int) -> dict[str, Any]:
    """Keyword arguments for ``model.predict`` on ``images`` in batches of ``batch_size``."""
    if not uses_pipeline():
        return {"x": images, "batch_size": batch_size}
    return {"x": pipeline((images,), batch_size)}


def pipeline(arrays: tuple[np.ndarray, ...], batch_size: int, shuffle_seed: int | None = None):
    """A tf.data pipeline of batches of ``arrays`` (images, and labels if given), in order or
    shuffled anew each epoch; the last batch may be smaller. Autotuning is off (it is what
    stalls) and batches are gathered from whole tensors by index, as Keras does, rather than
    copied image by image through a shuffle buffer."""
    import tensorflow as tf

    tensors = tuple(tf.constant(array) for array in arrays)
    count = len(arrays[0])
    indices = tf.data.Dataset.range(count)
    if shuffle_seed is not None:
        indices = indices.shuffle(count, seed=shuffle_seed, reshuffle_each_iteration=True)

    def gather(batch_indices):
        batch = tuple(tf.gather(tensor, batch_indices) for tensor in tensors)
        return batch if len(batch) > 1 else batch[0]

    dataset = indices.batch(batch_size).map(gather).prefetch(PREFETCH)
    options = tf.data.Options()
    options.autotune.enabled = False
    # Keras' reason, kept: default graph rewrites would serialise the captured tensors.
    options.experimental_optimization.apply_default_optimizations = False
    return dataset.with_options(options)
