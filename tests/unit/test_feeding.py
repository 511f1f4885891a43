"""The input pipeline the studio hands Keras: the same batches as Keras' own, without stalls."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from fmnist_core import feeding

IMAGES = np.arange(10 * 4, dtype=np.float32).reshape(10, 2, 2, 1)  # image i holds 4i..4i+3
LABELS = np.arange(10, dtype=np.int32)


def epochs_of(dataset, count: int) -> list[list[tuple[np.ndarray, ...]]]:
    """``count`` passes over ``dataset``, each a list of its batches as NumPy arrays."""
    return [[tuple(np.asarray(part) for part in batch) for batch in dataset] for _ in range(count)]


@pytest.mark.skipif(not feeding.uses_pipeline(), reason="the pipeline is TensorFlow's")
def test_shuffled_batches_hold_every_image_once_in_a_new_order_each_epoch():
    dataset = feeding.fit_inputs(IMAGES, LABELS, batch_size=4, shuffle_seed=7)["x"]
    passes = epochs_of(dataset, 3)
    orders = []
    for batches in passes:
        assert [len(labels) for _, labels in batches] == [4, 4, 2]  # the last batch is smaller
        labels = np.concatenate([labels for _, labels in batches])
        images = np.concatenate([images for images, _ in batches])
        assert sorted(labels.tolist()) == list(range(10))
        np.testing.assert_array_equal(images, IMAGES[labels])  # each image keeps its label
        orders.append(labels.tolist())
    assert len({tuple(order) for order in orders}) == 3


@pytest.mark.skipif(not feeding.uses_pipeline(), reason="the pipeline is TensorFlow's")
def test_the_same_seed_gives_the_same_orders():
    def orders(seed):
        dataset = feeding.fit_inputs(IMAGES, LABELS, batch_size=4, shuffle_seed=seed)["x"]
        return [
            np.concatenate([b[1] for b in batches]).tolist() for batches in epochs_of(dataset, 2)
        ]

    assert orders(3) == orders(3)
    assert orders(3) != orders(4)


@pytest.mark.skipif(not feeding.uses_pipeline(), reason="the pipeline is TensorFlow's")
def test_validation_and_prediction_keep_the_order_and_autotuning_is_off():
    validation = feeding.validation_inputs(IMAGES, LABELS, batch_size=4)
    (batches,) = epochs_of(validation, 1)
    assert np.concatenate([labels for _, labels in batches]).tolist() == list(range(10))
    prediction = feeding.predict_inputs(IMAGES, batch_size=3)["x"]
    np.testing.assert_array_equal(np.concatenate(list(prediction.as_numpy_iterator())), IMAGES)
    for dataset in (validation, prediction):
        assert dataset.options().autotune.enabled is False  # what made epochs stall
    assert feeding.validation_inputs(None, None, batch_size=4) is None


def test_other_backends_get_the_arrays_themselves(monkeypatch):
    monkeypatch.setattr(feeding, "uses_pipeline", lambda: False)
    assert feeding.fit_inputs(IMAGES, LABELS, 4, 1) == {
        "x": IMAGES,
        "y": LABELS,
        "batch_size": 4,
        "shuffle": True,
    }
    assert feeding.validation_inputs(IMAGES, LABELS, 4) == (IMAGES, LABELS)
    assert feeding.predict_inputs(IMAGES, 4) == {"x": IMAGES, "batch_size": 4}


@pytest.mark.skipif(not feeding.uses_pipeline(), reason="the pipeline is TensorFlow's")
def test_keras_fits_and_predicts_from_it_with_one_step_per_batch():
    model = keras.Sequential(
        [keras.Input((2, 2, 1)), keras.layers.Flatten(), keras.layers.Dense(10, "softmax")]
    )
    model.compile("adam", "sparse_categorical_crossentropy")
    steps = []
    counter = keras.callbacks.LambdaCallback(
        on_train_batch_end=lambda batch, logs: steps.append(batch)
    )
    history = model.fit(
        **feeding.fit_inputs(IMAGES, LABELS, 4, 1),
        epochs=2,
        verbose=0,
        validation_data=feeding.validation_inputs(IMAGES, LABELS, 4),
        callbacks=[counter],
    )
    assert steps == [0, 1, 2, 0, 1, 2]
    assert len(history.history["val_loss"]) == 2
    assert model.predict(**feeding.predict_inputs(IMAGES, 4), verbose=0).shape == (10, 10)
