"""The lecture's code as the Lecture page shows it: run with TensorFlow, it builds the presets and
prints what the page says it printed; the page's sums are Keras' own."""

from __future__ import annotations

import numpy as np
import pytest

from fmnist_core import architectures, data
from ui import lecture


@pytest.mark.parametrize("key", lecture.LECTURE_MODELS)
def test_each_model_cell_builds_the_preset_layer_for_layer(key):
    tf = pytest.importorskip("tensorflow")
    scope = {"tf": tf}
    exec(lecture.MODEL_CODE[key], scope)  # the code a student copies from the page
    model = scope["model"]
    rows = architectures.summarise(architectures.preset(key)).rows
    assert [layer.count_params() for layer in model.layers] == [row.params for row in rows]
    assert [tuple(layer.output.shape[1:]) for layer in model.layers] == [
        row.output_shape for row in rows
    ]
    assert model.count_params() == lecture.LECTURE_TOTAL_PARAMS[key]


def test_the_data_cells_print_what_the_page_shows_for_the_lecture(monkeypatch):
    tf = pytest.importorskip("tensorflow")
    full = data.load_folder(data.SAMPLE_DIR)  # the same code on the data at hand
    monkeypatch.setattr(
        tf.keras.datasets.fashion_mnist,
        "load_data",
        lambda: ((full.train_images, full.train_labels), (full.test_images, full.test_labels)),
    )
    printed = []
    scope = {"print": lambda *values: printed.append(" ".join(map(str, values)))}
    exec(lecture.LOAD_CODE + "\n" + lecture.RESHAPE_CODE, scope)
    assert printed == [
        "(3000, 28, 28) (1000, 28, 28)",
        "0 255",
        "0.0 1.0",
        "(3000, 28, 28, 1) (1000, 28, 28, 1)",
    ]
    assert scope["train_X"].dtype == np.float64  # / 255.0, as the lecture divides


@pytest.mark.parametrize(
    ("images", "split", "batch", "expected"),
    [
        (60_000, 0.25, 32, (45_000, 1407)),
        (60_000, 0.2, 64, (48_000, 750)),
        (3000, 0.0, 32, (3000, 94)),
    ],
)
def test_steps_per_epoch_is_keras_count(images, split, batch, expected):
    assert lecture.steps_per_epoch(images, split, batch) == expected


def test_the_label_list_names_every_class_in_both_languages():
    scope = {}
    exec(lecture.label_table_code(), scope)
    assert scope["class_names"] == data.class_names("en")
    for label, korean in enumerate(data.class_names("ko")):
        assert f"# {label} {korean}" in lecture.label_table_code()
