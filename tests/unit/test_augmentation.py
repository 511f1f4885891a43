"""Random shifts and flips: the same images as Keras' own translation, and XLA stays possible."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import ops
from keras.src.trainers.trainer import model_supports_jit

from fmnist_core import architectures, training
from fmnist_core.augmentation import RandomShift, shift_images, with_augmentation


def shifted(images: np.ndarray, down: np.ndarray, right: np.ndarray) -> np.ndarray:
    """``images`` moved by the given offsets (pixels, one per image), the way RandomShift does."""
    return ops.convert_to_numpy(shift_images(images, down, right))


def test_shifts_give_the_images_keras_own_translation_gives():
    images = np.random.default_rng(0).random((5, 28, 28, 1)).astype("float32")
    down = np.array([0, 1, 2.8, -0.37, -2.5], "float32")
    right = np.array([0, -2, -2.8, 1.6, 0.25], "float32")
    # Keras' transform maps each output pixel (x, y) to the input's (x - right, y - down).
    transform = np.zeros((5, 8), "float32")
    transform[:, 0] = transform[:, 4] = 1
    transform[:, 2], transform[:, 5] = -right, -down
    theirs = ops.image.affine_transform(images, transform, fill_mode="constant")
    np.testing.assert_allclose(shifted(images, down, right), theirs, atol=1e-6)


def test_a_whole_pixel_shift_moves_pixels_exactly_and_black_comes_in():
    image = np.arange(28 * 28, dtype="float32").reshape(1, 28, 28, 1)
    moved = shifted(image, np.array([2.0], "float32"), np.array([-1.0], "float32"))[0, ..., 0]
    assert np.array_equal(moved[2:, :27], image[0, :26, 1:, 0])
    assert not moved[:2].any() and not moved[:, 27].any()


def test_each_image_gets_its_own_offset_within_the_factor():
    # One bright pixel in the middle of each image: where its weight lands says the offset.
    images = np.zeros((64, 28, 28, 1), "float32")
    images[:, 14, 14] = 1.0
    moved = ops.convert_to_numpy(RandomShift(0.1, seed=3)(images, training=True))[..., 0]
    rows, columns = np.indices((28, 28))
    down = (moved * rows).sum(axis=(1, 2)) / moved.sum(axis=(1, 2)) - 14
    right = (moved * columns).sum(axis=(1, 2)) / moved.sum(axis=(1, 2)) - 14
    assert np.abs(down).max() <= 2.8 + 1e-4 and np.abs(right).max() <= 2.8 + 1e-4
    assert len(np.unique(np.round(down, 3))) > 50  # not one offset for the whole batch
    assert (down < -1).any() and (down > 1).any() and (right < -1).any() and (right > 1).any()
    np.testing.assert_allclose(moved.sum(axis=(1, 2)), 1.0, atol=1e-5)  # inside: nothing lost


def test_shifts_are_repeatable_by_seed_and_off_outside_training():
    images = np.random.default_rng(1).random((4, 28, 28, 1)).astype("float32")
    first = ops.convert_to_numpy(RandomShift(0.1, seed=7)(images, training=True))
    again = ops.convert_to_numpy(RandomShift(0.1, seed=7)(images, training=True))
    assert np.array_equal(first, again) and not np.allclose(first, images)
    still = RandomShift(0.1, seed=7)(images, training=False)
    assert np.array_equal(ops.convert_to_numpy(still), images)


def test_shifts_stay_float32_under_mixed_precision():
    with training.dtype_policy(training.MIXED_POLICY):
        layer = RandomShift(0.1, seed=1)
    out = layer(np.ones((2, 28, 28, 1), "float32"), training=True)
    assert keras.backend.standardize_dtype(out.dtype) == "float32"


def test_a_factor_outside_0_to_1_is_refused():
    with pytest.raises(ValueError, match="between 0 and 1"):
        RandomShift(1.5)


def test_the_best_recipe_trains_a_model_xla_can_compile():
    # Keras' RandomTranslation says it cannot be jit-compiled, which turned XLA off for the whole
    # training step of `best` (its shift and flip); the studio's layers keep it possible.
    recipe = training.RECIPES["best"]
    assert recipe.augment_shift and recipe.augment_flip
    model = architectures.build_model(architectures.preset("best"))
    trainer = with_augmentation(model, recipe.augment_shift, recipe.augment_flip, seed=1)
    assert trainer is not model and model_supports_jit(trainer)
    keras_way = keras.Sequential(
        [keras.Input(shape=architectures.INPUT_SHAPE), keras.layers.RandomTranslation(0.1, 0.1)]
    )
    assert not model_supports_jit(keras_way)  # why the studio has its own layer
    images = np.random.default_rng(2).random((3, 28, 28, 1)).astype("float32")
    np.testing.assert_allclose(
        ops.convert_to_numpy(trainer(images, training=False)),
        ops.convert_to_numpy(model(images, training=False)),
        atol=1e-6,
    )


def test_without_shift_or_flip_the_model_trains_as_it_is():
    model = architectures.build_model(architectures.preset("lecture-1"))
    assert with_augmentation(model, 0.0, False, seed=1) is model
