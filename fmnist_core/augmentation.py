"""Random shifts and flips while training, as layers every backend can compile with XLA.

Keras' own ``RandomTranslation`` marks itself ``supports_jit = False`` (TensorFlow has no XLA
kernel for its image transform), and one such layer turns XLA off for the whole training step:
``jit_compile="auto"`` then resolves to False, and under JAX the step runs op by op. That is the
likely cause of the stall a lent H200 showed (bench/README.md, GPU): the ``best`` recipe's first
epoch on 2,304 images had not ended after 70 s, while without its augmentation it took 11.1 s,
compiling included. ``RandomShift`` draws the same shifts (uniform, up to a fraction of the
image, bilinear, black coming in at the edge) and applies them as two small matrix products,
which XLA compiles on every backend.

>>> import numpy as np
>>> layer = RandomShift(0.1, seed=1)
>>> tuple(layer(np.ones((2, 28, 28, 1), "float32")).shape)  # a new offset for each image
(2, 28, 28, 1)
"""

from __future__ import annotations

import keras
from keras import ops

from fmnist_core.architectures import INPUT_SHAPE


class RandomShift(keras.layers.Layer):
    """Shift each image by its own random offset of up to ``factor`` of its height and width.

    An offset is a real number of pixels; in-between pixels are interpolated bilinearly and what
    comes in at the edge is black (0), as ``keras.layers.RandomTranslation(factor, factor,
    fill_mode="constant")`` does. Because a shift moves rows and columns independently, the
    shifted image is ``rows @ image @ columns.T`` with one interpolation matrix per axis.
    Active only while training. Input and output: ``(batch, height, width, channels)``.
    """

    def __init__(self, factor: float, seed: int | None = None, **kwargs) -> None:
        # float32 whatever the global policy: the shifted pixels are exact, and the network's
        # first layer casts them to its own compute type.
        kwargs.setdefault("dtype", "float32")
        super().__init__(**kwargs)
        if not 0 <= factor <= 1:
            raise ValueError(f"factor must be between 0 and 1, got {factor}")
        self.factor = factor
        self.seed = seed
        self.generator = keras.random.SeedGenerator(seed)

    def call(self, images, training: bool = True):
        if not training or not self.factor:
            return images
        batch = ops.shape(images)[0]
        height, width = images.shape[1], images.shape[2]
        # Offsets in pixels, (batch, 2): down, right.
        offsets = keras.random.uniform(
            (batch, 2), -self.factor, self.factor, seed=self.generator, dtype=self.compute_dtype
        ) * ops.convert_to_tensor([height, width], dtype=self.compute_dtype)
        return shift_images(images, offsets[:, 0], offsets[:, 1], self.compute_dtype)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self) -> dict:
        return {**super().get_config(), "factor": self.factor, "seed": self.seed}


def shift_images(images, down, right, dtype: str = "float32"):
    """``images`` (batch, height, width, channels), each moved ``down`` and ``right`` by its own
    number of pixels (one per image, real numbers): ``rows @ image @ columns.T``."""
    rows = interpolation_matrices(images.shape[1], down, dtype)
    columns = interpolation_matrices(images.shape[2], right, dtype)
    shifted_rows = ops.einsum("bip,bpqc->biqc", rows, images)
    return ops.einsum("bjq,biqc->bijc", columns, shifted_rows)


def interpolation_matrices(size: int, offsets, dtype: str = "float32"):
    """One ``(size, size)`` matrix per offset: row ``i`` holds the bilinear weights with which
    source pixels make output pixel ``i`` of a line shifted by ``offset`` (forward: positive
    offsets move the content down or right).

    Output pixel ``i`` reads the source at ``i - offset``; source pixel ``p`` weighs
    ``max(0, 1 - |p - (i - offset)|)``, so an integer offset copies pixels exactly and a source
    position outside the line contributes nothing (black comes in).
    """
    positions = ops.arange(size, dtype=dtype)
    output = ops.reshape(positions, (1, size, 1))
    source = ops.reshape(positions, (1, 1, size))
    reads_at = output - ops.reshape(ops.cast(offsets, dtype), (-1, 1, 1))
    return ops.relu(1.0 - ops.abs(source - reads_at))


def with_augmentation(model, shift: float, flip: bool, seed: int):
    """The model to fit: ``model`` itself, or wrapped behind random shift and flip layers.

    The augmentation layers are only active in training; the saved model is ``model`` alone.
    """
    augment = []
    if shift:
        augment.append(RandomShift(shift, seed=seed))
    if flip:
        augment.append(keras.layers.RandomFlip("horizontal", seed=seed))
    if not augment:
        return model
    return keras.Sequential([keras.Input(shape=INPUT_SHAPE), *augment, model], name="augmented")
