"""What each layer of a trained network sees: its feature maps for one image, and the first filters.

One forward pass of a Keras sub-model, ``keras.Model(model.input, [outputs])``, gives the
output of every convolution, pooling layer and residual block at once; the sub-model is built
once per model and kept while the model lives. Only ``keras`` APIs are used, so it works under
any Keras backend.

A layer here is a layer of the Architecture page's summary, numbered as there. A ResidualBlock
is built from plain Keras layers (two convolutions with BatchNorm, an optional 1x1 projection,
an Add and a ReLU; see ``layer_kinds``); what a student designed, and what the summary lists, is
one block, so the block's output (after its Add and ReLU) is shown, not the six or so Keras layers
inside it: those would break the one-to-one match with the summary and show pre-activation maps
no lecture talks about.

>>> from fmnist_core import architectures
>>> model = architectures.build_model(architectures.preset("lecture-2"))
>>> [(m.position, m.kind, m.output_shape) for m in feature_maps(model, np.zeros((28, 28)))]
[(1, 'Conv2D', (26, 26, 32)), (2, 'MaxPooling2D', (13, 13, 32)), (3, 'Conv2D', (11, 11, 64)), \
(4, 'MaxPooling2D', (5, 5, 64)), (5, 'Conv2D', (3, 3, 128))]
>>> first_filters(model).shape
(3, 3, 1, 32)
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from fmnist_core.data import IMAGE_SIDE as SIDE

# The Keras layers whose outputs are shown, besides residual blocks (found by their Add).
SHOWN_KINDS = ("Conv2D", "MaxPooling2D", "AveragePooling2D")
RESIDUAL = "ResidualBlock"


@dataclass(frozen=True)
class LayerMaps:
    """The feature maps of one layer for one image.

    ``position`` is the layer's number in the architecture summary (1 = the first layer after
    the input); ``kind`` is ``Conv2D``, ``MaxPooling2D``, ``AveragePooling2D`` or
    ``ResidualBlock``; ``name`` the Keras layer's name; ``activations`` (H, W, C) float32.
    """

    position: int
    kind: str
    name: str
    activations: np.ndarray

    @property
    def output_shape(self) -> tuple[int, ...]:
        """(height, width, channels), as the architecture summary writes the layer's output."""
        return tuple(int(size) for size in self.activations.shape)


@dataclass(frozen=True)
class _Shown:
    position: int
    kind: str
    layer: object  # the Keras layer whose output is shown


# One sub-model per loaded model, dropped with the model (a run's model is cached by the UI).
_SUB_MODELS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def feature_maps(model, image: np.ndarray) -> list[LayerMaps]:
    """Every convolution's, pooling layer's and residual block's output for one (28, 28) image.

    ``image`` is a 28x28 float image in 0..1, as ``inference.preprocess`` returns it. One forward
    pass (``training=False``, so Dropout and BatchNorm behave as in inference) gives all layers.
    A network without such layers (only Dense layers) gives an empty list.
    """
    shown, sub_model = _sub_model(model)
    if not shown:
        return []
    x = np.asarray(image, dtype=np.float32).reshape(1, SIDE, SIDE, 1)
    outputs = sub_model(x, training=False)
    import keras

    return [
        LayerMaps(
            item.position,
            item.kind,
            item.layer.name,
            keras.ops.convert_to_numpy(output)[0].astype(np.float32),
        )
        for item, output in zip(shown, outputs, strict=True)
    ]


def first_filters(model) -> np.ndarray | None:
    """The kernels of the model's first Conv2D, (k, k, 1, filters) float32; None without one.

    The first Conv2D in the network is the one that looks at the pixels themselves (in a network
    that starts with a residual block, that block's first convolution), so its kernels are small
    pictures a student can read: edges, blobs, stripes.
    """
    import keras

    conv = next((layer for layer in model.layers if type(layer).__name__ == "Conv2D"), None)
    if conv is None:
        return None
    return keras.ops.convert_to_numpy(conv.kernel).astype(np.float32)


def _sub_model(model) -> tuple[list[_Shown], object]:
    """The layers to show and the sub-model that outputs them, built once per model."""
    cached = _SUB_MODELS.get(model)
    if cached is None:
        import keras

        shown = _shown_layers(model)
        # No outputs at all is not a valid Keras model; a network without convolutions needs none.
        sub_model = (
            keras.Model(model.input, [item.layer.output for item in shown]) if shown else None
        )
        cached = _SUB_MODELS[model] = (shown, sub_model)
    return cached


def _shown_layers(model) -> list[_Shown]:
    """The summary's layers in order, with each residual block's inner Keras layers folded in."""
    layers = [layer for layer in model.layers if type(layer).__name__ != "InputLayer"]
    producer = {id(layer.output): layer for layer in layers}

    def parents(layer) -> list:
        inputs = layer.input if isinstance(layer.input, list) else [layer.input]
        return [producer[id(tensor)] for tensor in inputs if id(tensor) in producer]

    ancestors: dict[int, set[int]] = {}  # layer id -> ids of every layer before it, itself too

    def before(layer) -> set[int]:
        if id(layer) not in ancestors:
            found = {id(layer)}
            for parent in parents(layer):
                found |= before(parent)
            ancestors[id(layer)] = found
        return ancestors[id(layer)]

    # A block ends in an Add of two branches that split at the block's input: the layers on
    # either branch but not on both are inside the block. Its output is the ReLU after the Add.
    inside: set[int] = set()
    block_output: set[int] = set()
    for add in (layer for layer in layers if type(layer).__name__ == "Add"):
        branches = [before(parent) for parent in parents(add)]
        inside |= set().union(*branches) - set.intersection(*branches)
        after = [layer for layer in layers if [id(p) for p in parents(layer)] == [id(add)]]
        if len(after) == 1 and type(after[0]).__name__ == "Activation":
            inside.add(id(add))
            block_output.add(id(after[0]))
        else:
            block_output.add(id(add))

    shown = []
    position = 0
    for layer in layers:
        if id(layer) in inside:
            continue
        position += 1
        if id(layer) in block_output:
            shown.append(_Shown(position, RESIDUAL, layer))
        elif type(layer).__name__ in SHOWN_KINDS:
            shown.append(_Shown(position, type(layer).__name__, layer))
    return shown
