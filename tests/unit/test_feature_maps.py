"""What each layer sees: feature maps per layer and the first filters, from untrained models."""

from __future__ import annotations

import numpy as np
import pytest

from fmnist_core import architectures, data
from fmnist_core.feature_maps import RESIDUAL, SHOWN_KINDS, feature_maps, first_filters

IMAGE_KINDS = {*SHOWN_KINDS, RESIDUAL}


@pytest.fixture(scope="module")
def trousers() -> np.ndarray:
    sample = data.load_folder(data.SAMPLE_DIR)
    index = int(np.flatnonzero(sample.test_labels == 1)[0])
    return data.to_model_input(sample.test_images[index : index + 1])[0, ..., 0]


@pytest.mark.parametrize("preset", ["lecture-1", "lecture-2", "lecture-3", "best"])
def test_every_conv_pool_and_block_of_the_summary_has_maps_of_its_output_shape(preset, trousers):
    spec = architectures.preset(preset)
    model = architectures.build_model(spec)
    expected = [
        (row.position, row.layer.split()[0], row.output_shape)
        for row in architectures.summarise(spec).rows
        if row.layer.split()[0] in IMAGE_KINDS
    ]
    shown = feature_maps(model, trousers)
    assert [(m.position, m.kind, m.output_shape) for m in shown] == expected
    assert all(m.activations.dtype == np.float32 for m in shown)
    assert all(np.isfinite(m.activations).all() for m in shown)


def test_the_maps_follow_the_input_and_repeat_for_the_same_one(trousers):
    model = architectures.build_model(architectures.preset("lecture-3"))
    first = feature_maps(model, trousers)
    again = feature_maps(model, trousers)  # the cached sub-model, no Dropout at inference
    other = feature_maps(model, np.rot90(trousers))
    for a, b, c in zip(first, again, other, strict=True):
        np.testing.assert_array_equal(a.activations, b.activations)
        assert not np.allclose(a.activations, c.activations)
    # The first layer's maps are the first convolution of the image itself: a blank image gives
    # the same value everywhere (the biases, through ReLU), a garment does not.
    blank = feature_maps(model, np.zeros((28, 28), np.float32))[0].activations
    assert np.ptp(blank, axis=(0, 1)).max() == 0
    assert np.ptp(first[0].activations, axis=(0, 1)).max() > 0


def test_the_last_maps_are_what_the_rest_of_the_network_reads(trousers):
    import keras

    model = architectures.build_model(architectures.preset("lecture-2"))
    last = feature_maps(model, trousers)[-1]
    flatten = next(layer for layer in model.layers if type(layer).__name__ == "Flatten")
    flattened = keras.Model(model.input, flatten.output)(trousers[None, ..., None], training=False)
    np.testing.assert_allclose(
        last.activations.reshape(-1), keras.ops.convert_to_numpy(flattened)[0], rtol=1e-6
    )


@pytest.mark.parametrize(
    ("preset", "filters"), [("lecture-1", 16), ("lecture-3", 32), ("best", 64)]
)
def test_the_first_filters_are_the_first_convolutions_kernels(preset, filters):
    model = architectures.build_model(architectures.preset(preset))
    kernels = first_filters(model)
    assert kernels.shape == (3, 3, 1, filters)
    np.testing.assert_array_equal(kernels, model.layers[1].get_weights()[0])


def test_a_network_without_convolutions_has_no_maps_and_no_filters(trousers):
    spec = {
        "name": "dense only",
        "layers": [
            {"type": "Flatten"},
            {"type": "Dense", "units": 32, "activation": "relu"},
            {"type": "Dense", "units": 10, "activation": "softmax"},
        ],
    }
    model = architectures.build_model(spec)
    assert feature_maps(model, trousers) == []
    assert first_filters(model) is None


def test_a_model_built_in_mixed_bfloat16_gives_float32_maps_and_probabilities(trousers):
    # The fast and strong recipes train in bfloat16 on CPUs that compute it natively.
    from fmnist_core import inference, training

    with training.dtype_policy(training.MIXED_POLICY):
        model = architectures.build_model(architectures.preset("strong"))
    shown = feature_maps(model, trousers)
    assert shown and all(m.activations.dtype == np.float32 for m in shown)
    assert all(np.isfinite(m.activations).all() for m in shown)
    probabilities = inference.predict(model, trousers)
    assert probabilities.shape == (10,) and abs(probabilities.sum() - 1) < 1e-3
    assert inference.saliency(model, trousers).shape == (28, 28)
