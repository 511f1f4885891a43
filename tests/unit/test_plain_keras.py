"""A model the studio saves loads in plain Keras, in a Python that cannot import the studio.

A student takes ``model.keras`` to Colab, or a teacher collects the class's models: they call
``keras.models.load_model(path)`` and nothing else. Each optimizer and schedule the studio offers
is trained briefly here, then loaded in a fresh interpreter whose working folder and path hold no
trace of the studio, and its predictions are compared with the studio's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from fmnist_core import data, inference, training
from fmnist_core.store import RunStore
from tests.unit.test_training import TINY_SPEC

LOAD_AND_PREDICT = """
import json, sys
import numpy as np
import keras
assert not any("fmnist" in name for name in sys.modules), "the studio was imported"
model = keras.models.load_model(sys.argv[1])  # exactly what a student would write
images, labels = np.load(sys.argv[2]), np.load(sys.argv[3])
loss, accuracy = model.evaluate(images, labels, verbose=0)  # as the lecture does, integer labels
print(json.dumps({
    "optimizer": type(model.optimizer).__name__,
    "accuracy": accuracy,
    "probabilities": model.predict(images, verbose=0).tolist(),
}))
"""


NPY = ("images.npy", "labels.npy")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("optimizer", "schedule"),
    [("adam", "constant"), ("adamw", "one-cycle"), ("sgd", "cosine"), ("rmsprop", "one-cycle")],
)
def test_a_saved_model_loads_in_plain_keras_and_predicts_the_same(
    optimizer, schedule, isolated_studio, tmp_path
):
    store = RunStore(isolated_studio)
    config = training.TrainConfig(
        epochs=1,
        batch_size=64,
        limit_train=200,
        optimizer=optimizer,
        schedule=schedule,
        label_smoothing=0.05 if schedule == "one-cycle" else 0.0,
        augment_flip=optimizer == "adamw",
    )
    run_id = store.create_run("plain", TINY_SPEC, config.to_dict(), running_in=(os.getpid(), "CPU"))
    dataset = data.load_folder(data.SAMPLE_DIR)
    assert training.train(store.get_run(run_id), store, dataset) == "finished"
    path = store.run_dir(run_id) / "model.keras"

    images = data.to_model_input(dataset.test_images[:64])
    labels = dataset.test_labels[:64].astype(np.int32)
    np.save(tmp_path / "images.npy", images)
    np.save(tmp_path / "labels.npy", labels)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH")}
    result = subprocess.run(
        [sys.executable, "-c", LOAD_AND_PREDICT, str(path), *(str(tmp_path / f) for f in NPY)],
        cwd=elsewhere,  # not the repository: `import fmnist_core` would fail there
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    expected = {"adam": "Adam", "adamw": "AdamW", "sgd": "SGD", "rmsprop": "RMSprop"}[optimizer]
    assert loaded["optimizer"] == expected  # compiled, with its optimizer, as saved
    studio = np.asarray(inference.load_model(path)(images, training=False))
    np.testing.assert_allclose(loaded["probabilities"], studio, atol=1e-5)
    assert loaded["accuracy"] == pytest.approx(np.mean(studio.argmax(axis=1) == labels), abs=1e-6)


def test_the_one_cycle_schedule_is_the_one_the_recipes_were_measured_with():
    from fmnist_core.schedules import OneCycle

    ours, measured_with = training.one_cycle(0.005, 1000), OneCycle(0.005, 1000)
    for step in (0, 1, 150, 299, 300, 301, 500, 900, 999, 1000):
        assert float(ours(step)) == pytest.approx(float(measured_with(step)), rel=1e-3, abs=1e-8)


def test_a_model_saved_with_the_old_schedule_still_loads_in_the_studio(tmp_path):
    import keras

    from fmnist_core.schedules import OneCycle

    inputs = keras.Input((28, 28, 1))
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(inputs))
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(OneCycle(0.005, 100)), loss="mse")
    model.save(tmp_path / "model.keras")
    assert inference.load_model(tmp_path / "model.keras").output_shape == (None, 10)
