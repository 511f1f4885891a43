"""One record per layer kind: its settings, label, summary row, Keras layer and diagram colour.

Like a Keras layer, each kind carries its own defaults, output shape, weight count and build
function, so adding a kind means adding one record here (and its formula's Korean text in the
dashboard's catalog). ``architectures`` walks a spec through these records; the Architecture
page's diagram and layer editor read them too.

>>> conv = LAYER_KINDS["Conv2D"]
>>> conv.defaults["filters"], conv.takes
(32, 'image')
>>> conv.row({**conv.defaults, "filters": 16}, (28, 28, 1)).params
160
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

# The values settings take, shared by the kinds below. Validation refuses anything else and the
# editor's widgets offer exactly these, so a value the editor cannot show is refused with a
# message instead of being clamped silently. Kernels, pools and strides cannot usefully exceed
# the 28x28 image.
ACTIVATIONS = ("linear", "relu", "gelu", "swish", "elu", "tanh", "sigmoid", "softmax")
PADDINGS = ("valid", "same")
WHOLE_NUMBER_RANGES = {
    "filters": (1, 4096),
    "units": (1, 65536),
    "kernel_size": (1, 28),
    "pool_size": (1, 28),
    "strides": (1, 28),
}
RATE_RANGE = (0.0, 0.99)  # a dropout rate of 1 would drop everything
# Keras' default (0.99) lets BatchNorm's moving statistics lag far behind the weights in the short
# runs people do here: a small BatchNorm CNN scored 12% in inference mode after 48 steps while
# scoring 79% in training mode. 0.9 (PyTorch's default) catches up within tens of steps.
BN_MOMENTUM = 0.9
INPUT_COLOUR = "#BBBBBB"  # the input block of the network diagram

# What each formula says, in English, with the layer's numbers filled in; the dashboard has the
# same keys in Korean ("formula." in ui/i18n.py).
FORMULA_TEXTS = {
    "conv": "K·F²·D + K = {filters}·{k}²·{depth} + {filters} = {params}",
    "max_pool": "no weights: keeps the largest value of each {p}x{p} window",
    "average_pool": "no weights: keeps the mean value of each {p}x{p} window",
    # A sum a student can check term by term: two convolutions K·F²·D without bias, two
    # BatchNorms of 4·K, and (when the shape changes) a 1x1 shortcut convolution and its BN.
    "residual": "2 convs + 2 BN = {filters}·{k}²·{depth} + {filters}·{k}²·{filters} "
    "+ 2·4·{filters} = {params}",
    "residual_projected": "2 convs + 2 BN + 1x1 shortcut and its BN = {filters}·{k}²·{depth} "
    "+ {filters}·{k}²·{filters} + 2·4·{filters} + {depth}·{filters} + 4·{filters} = {params}",
    "batch_norm": "4·C = 4·{channels} = {params} (γ, β trained; moving mean and variance not)",
    "flatten": "no weights: {shape} = {size} values in a row",
    "global_average": "no weights: the mean of each of the {maps} feature maps",
    "dense": "(inputs + 1)·outputs = ({inputs} + 1)·{units} = {params}",
    "no_weights": "no weights",
}

# How a window's output size along one side is worked out (the images and windows are square),
# in English with the layer's numbers filled in; the dashboard has the same keys in Korean
# ("size." in ui/i18n.py).
SIZE_TEXTS = {
    "valid": "{size} − {window} + 1 = {out}",
    "valid_strided": "⌊({size} − {window}) / {stride}⌋ + 1 = {out}",
    "same": "padding 'same' keeps {out}",
    "same_strided": "⌈{size} / {stride}⌉ = {out}",
}


@dataclass(frozen=True)
class Setting:
    """One setting of a layer kind: its default and the values the editor offers for it."""

    name: str
    default: Any
    low: float | None = None
    high: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()


def _whole(name: str, default: int | None) -> Setting:
    low, high = WHOLE_NUMBER_RANGES[name]
    return Setting(name, default, low, high, 1)


def _rate(default: float) -> Setting:
    return Setting("rate", default, *RATE_RANGE, 0.05)


def _padding() -> Setting:
    return Setting("padding", "valid", choices=PADDINGS)


def _activation(default: str) -> Setting:
    return Setting("activation", default, choices=ACTIVATIONS)


@dataclass(frozen=True)
class Counted:
    """What a layer makes of its input: output shape, parameters, formula and multiply-adds."""

    output_shape: tuple[int, ...]
    params: int
    formula_key: str  # a key of FORMULA_TEXTS
    formula_values: dict[str, str] = field(default_factory=dict)
    trainable_params: int | None = None  # None: all of them
    multiply_adds: int = 0
    size_key: str = ""  # a key of SIZE_TEXTS, for a layer that slides a window ...
    size_values: dict[str, str] = field(default_factory=dict)  # ... and its numbers


@dataclass(frozen=True)
class Refusal:
    """Why a layer cannot take its input: a key of ``architectures.PROBLEM_TEXTS`` and values."""

    key: str
    values: dict[str, str]


def refuse(key: str, **values: object) -> Refusal:
    """A ``Refusal`` with its values as text, ready for a ``Problem``."""
    return Refusal(key, _texts(**values))


def _texts(**values: object) -> dict[str, str]:
    return {name: str(value) for name, value in values.items()}


def _unchanged(layer: dict[str, Any], shape: tuple[int, ...]) -> Counted:
    return Counted(shape, 0, "no_weights")


@dataclass(frozen=True)
class LayerKind:
    """A layer type of the editor: everything the studio knows about it, in one place.

    ``count(layer, shape)`` works out the layer's summary row from its settings and input shape
    (or refuses a shape it cannot take); ``build(layer, x, kl)`` applies it to the Keras tensor
    ``x``, with ``kl`` being ``keras.layers``; ``code(layer)`` writes the same as Python source
    for an exported script (``fmnist_core.export_script``): a Keras layer's constructor call,
    such as ``layers.Dropout(0.3)``, or, for a kind with a ``helper`` function, a call of that
    function on the tensor ``x``.
    """

    name: str
    settings: tuple[Setting, ...]
    takes: Literal["image", "vector", "any"]  # the input shape it needs
    build: Callable[[dict[str, Any], Any, Any], Any]
    code: Callable[[dict[str, Any]], str]
    colour: str  # its blocks in the network diagram
    count: Callable[[dict[str, Any], tuple[int, ...]], Counted | Refusal] = _unchanged
    label: Callable[[dict[str, Any]], str] | None = None  # None: just the name
    # Source of the function ``code`` calls, for a kind that is not one Keras layer; a network
    # with such a kind is exported in the functional form, ``x = residual_block(x, ...)``.
    helper: str = ""

    @property
    def defaults(self) -> dict[str, Any]:
        """Each setting's default value, in the order the editor shows them."""
        return {setting.name: setting.default for setting in self.settings}

    def describe(self, layer: dict[str, Any]) -> str:
        """A short label of a completed ``layer`` of this kind, e.g. ``Dropout 0.3``."""
        return self.label(layer) if self.label else self.name

    def row(self, layer: dict[str, Any], shape: tuple[int, ...]) -> Counted | Refusal:
        """The summary row of a completed ``layer`` of this kind getting an input of ``shape``."""
        if self.takes == "image" and len(shape) != 3:
            return refuse("needs_image", size=f"{shape[0]:,}")
        if self.takes == "vector" and len(shape) != 1:
            return refuse("dense_on_image", shape=shape_text(shape))
        return self.count(layer, shape)


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as the lecture writes it, e.g. ``22x22x64``; a long vector as ``30,976``, as the
    formulas beside it write the same number."""
    return "x".join(f"{size:,}" for size in shape)


def _spatial(size: int, window: int, stride: int, padding: str) -> int:
    """Keras' output size along one axis for a window sliding with ``stride``."""
    if padding == "same":
        return math.ceil(size / stride)
    return (size - window) // stride + 1


def _size_working(size: int, window: int, stride: int, padding: str) -> dict[str, Any]:
    """How ``_spatial`` works out one side's output size, as ``Counted``'s size fields."""
    key = padding if stride == 1 else f"{padding}_strided"
    out = _spatial(size, window, stride, padding)
    values = _texts(size=size, window=window, stride=stride, out=out)
    return {"size_key": key, "size_values": values}


def _stride_note(layer: dict[str, Any]) -> str:
    return f", strides={layer['strides']}" if layer["strides"] != 1 else ""


def code_literal(value: Any) -> str:
    """``value`` as Python source, strings in double quotes as ruff's formatter writes them."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def call_code(function: str, *arguments: Any, **keywords: Any) -> str:
    """Source of a call such as ``layers.Dense(128, activation="relu")``; keywords that are
    None are left out, so the call shows only what differs from Keras' defaults."""
    written = [code_literal(value) for value in arguments]
    written += [
        f"{key}={code_literal(value)}" for key, value in keywords.items() if value is not None
    ]
    return f"{function}({', '.join(written)})"


def _unless(value: Any, default: Any) -> Any:
    """``value``, or None (left out of the call) when it is Keras' default."""
    return None if value == default else value


# --- Conv2D -------------------------------------------------------------------------------------


def _conv_label(layer: dict[str, Any]) -> str:
    k = layer["kernel_size"]
    return (
        f"Conv2D {layer['filters']}, {k}x{k}{_stride_note(layer)}, "
        f"{layer['padding']}, {layer['activation']}"
    )


def _conv_count(layer: dict[str, Any], shape: tuple[int, ...]) -> Counted | Refusal:
    filters, k, stride, padding = (
        layer[name] for name in ("filters", "kernel_size", "strides", "padding")
    )
    h, w, depth = shape
    if padding == "valid" and k > min(h, w):
        return refuse("kernel_too_big", height=h, width=w, k=k)
    out = (_spatial(h, k, stride, padding), _spatial(w, k, stride, padding), filters)
    weights = k * k * depth * filters
    params = weights + filters
    values = _texts(filters=filters, k=k, depth=depth, params=f"{params:,}")
    return Counted(
        out,
        params,
        "conv",
        values,
        multiply_adds=out[0] * out[1] * weights,
        **_size_working(h, k, stride, padding),
    )


def _conv_build(layer: dict[str, Any], x: Any, kl: Any) -> Any:
    return kl.Conv2D(
        layer["filters"],
        layer["kernel_size"],
        strides=layer["strides"],
        padding=layer["padding"],
        activation=layer["activation"],
    )(x)


def _conv_code(layer: dict[str, Any]) -> str:
    k = layer["kernel_size"]
    return call_code(
        "layers.Conv2D",
        layer["filters"],
        kernel_size=(k, k),
        strides=_unless(layer["strides"], 1),
        padding=_unless(layer["padding"], "valid"),
        activation=_unless(layer["activation"], "linear"),
    )


CONV2D = LayerKind(
    "Conv2D",
    settings=(
        _whole("filters", 32),
        _whole("kernel_size", 3),
        _whole("strides", 1),
        _padding(),
        _activation("relu"),
    ),
    takes="image",
    count=_conv_count,
    build=_conv_build,
    code=_conv_code,
    colour="#0072B2",  # Okabe-Ito blue, like every colour here a colour-blind-safe one
    label=_conv_label,
)


# --- MaxPooling2D and AveragePooling2D: the same windows, a different value kept ------------------


def _pooling(name: str, formula_key: str) -> LayerKind:
    def label(layer: dict[str, Any]) -> str:
        p = layer["pool_size"]
        return f"{name} {p}x{p}, strides={layer['strides'] or p}, {layer['padding']}"

    def count(layer: dict[str, Any], shape: tuple[int, ...]) -> Counted | Refusal:
        p, padding = layer["pool_size"], layer["padding"]
        stride = layer["strides"] or p  # None means "the pool size", as in Keras
        if padding == "valid" and p > min(shape[:2]):
            return refuse("pool_too_big", height=shape[0], width=shape[1], p=p)
        out = (
            _spatial(shape[0], p, stride, padding),
            _spatial(shape[1], p, stride, padding),
            shape[2],
        )
        return Counted(
            out, 0, formula_key, _texts(p=p), **_size_working(shape[0], p, stride, padding)
        )

    def build(layer: dict[str, Any], x: Any, kl: Any) -> Any:
        pool = getattr(kl, name)  # keras.layers.MaxPooling2D or AveragePooling2D
        return pool(layer["pool_size"], strides=layer["strides"], padding=layer["padding"])(x)

    def code(layer: dict[str, Any]) -> str:
        p = layer["pool_size"]
        return call_code(
            f"layers.{name}",
            pool_size=(p, p),
            strides=layer["strides"],
            padding=_unless(layer["padding"], "valid"),
        )

    return LayerKind(
        name,
        settings=(_whole("pool_size", 2), _whole("strides", None), _padding()),
        takes="image",
        count=count,
        build=build,
        code=code,
        colour="#E69F00",
        label=label,
    )


# --- ResidualBlock ------------------------------------------------------------------------------


def _residual_count(layer: dict[str, Any], shape: tuple[int, ...]) -> Counted:
    """Conv-BN-ReLU, conv-BN, plus a 1x1 projection (and its BN) when the shape changes."""
    filters, k, stride = layer["filters"], layer["kernel_size"], layer["strides"]
    h, w, depth = shape
    out = (_spatial(h, k, stride, "same"), _spatial(w, k, stride, "same"), filters)
    conv1 = k * k * depth * filters
    conv2 = k * k * filters * filters
    batch_norms = 2 * 4 * filters
    projected = stride != 1 or depth != filters
    shortcut = depth * filters + 4 * filters if projected else 0
    params = conv1 + conv2 + batch_norms + shortcut
    non_trainable = 2 * 2 * filters + (2 * filters if projected else 0)
    return Counted(
        out,
        params,
        "residual_projected" if projected else "residual",
        _texts(filters=filters, k=k, depth=depth, params=f"{params:,}"),
        trainable_params=params - non_trainable,
        multiply_adds=out[0] * out[1] * (conv1 + conv2 + (depth * filters if projected else 0)),
        **_size_working(h, k, stride, "same"),  # the first convolution's stride sets the size
    )


def _residual_build(layer: dict[str, Any], x: Any, kl: Any) -> Any:
    filters, kernel_size, strides = layer["filters"], layer["kernel_size"], layer["strides"]
    shortcut = x
    y = kl.Conv2D(filters, kernel_size, strides=strides, padding="same", use_bias=False)(x)
    y = kl.BatchNormalization(momentum=BN_MOMENTUM)(y)
    y = kl.Activation("relu")(y)
    y = kl.Conv2D(filters, kernel_size, padding="same", use_bias=False)(y)
    y = kl.BatchNormalization(momentum=BN_MOMENTUM)(y)
    if strides != 1 or x.shape[-1] != filters:
        shortcut = kl.Conv2D(filters, 1, strides=strides, use_bias=False)(x)
        shortcut = kl.BatchNormalization(momentum=BN_MOMENTUM)(shortcut)
    return kl.Activation("relu")(kl.Add()([y, shortcut]))


# ``_residual_build`` as an exported script writes it, with ``layers`` being ``keras.layers``.
RESIDUAL_BLOCK_FUNCTION = f'''def residual_block(x, filters, kernel_size, strides):
    """Conv-BN-ReLU, conv-BN, added to the input (projected by a 1x1 conv when its shape
    changes), then ReLU: the basic block of a ResNet."""
    shortcut = x
    y = layers.Conv2D(filters, kernel_size, strides=strides, padding="same", use_bias=False)(x)
    y = layers.BatchNormalization(momentum={BN_MOMENTUM})(y)
    y = layers.Activation("relu")(y)
    y = layers.Conv2D(filters, kernel_size, padding="same", use_bias=False)(y)
    y = layers.BatchNormalization(momentum={BN_MOMENTUM})(y)
    if strides != 1 or x.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1, strides=strides, use_bias=False)(x)
        shortcut = layers.BatchNormalization(momentum={BN_MOMENTUM})(shortcut)
    return layers.Activation("relu")(layers.Add()([y, shortcut]))
'''


RESIDUAL_BLOCK = LayerKind(
    "ResidualBlock",
    settings=(_whole("filters", 64), _whole("kernel_size", 3), _whole("strides", 1)),
    takes="image",
    count=_residual_count,
    build=_residual_build,
    code=lambda layer: (
        f"residual_block(x, filters={layer['filters']}, kernel_size={layer['kernel_size']}, "
        f"strides={layer['strides']})"
    ),
    helper=RESIDUAL_BLOCK_FUNCTION,
    colour="#56B4E9",
    label=lambda layer: (
        f"ResidualBlock {layer['filters']}, {layer['kernel_size']}x{layer['kernel_size']}"
        f"{_stride_note(layer)}"
    ),
)


# --- BatchNormalization, Activation, Dropout ------------------------------------------------------


def _batch_norm_count(layer: dict[str, Any], shape: tuple[int, ...]) -> Counted:
    channels = shape[-1]
    params = 4 * channels
    values = _texts(channels=channels, params=f"{params:,}")
    return Counted(shape, params, "batch_norm", values, trainable_params=2 * channels)


BATCH_NORMALIZATION = LayerKind(
    "BatchNormalization",
    settings=(),
    takes="any",
    count=_batch_norm_count,
    build=lambda layer, x, kl: kl.BatchNormalization(momentum=BN_MOMENTUM)(x),
    code=lambda layer: call_code("layers.BatchNormalization", momentum=BN_MOMENTUM),
    colour="#CC79A7",
)

ACTIVATION = LayerKind(
    "Activation",
    settings=(_activation("relu"),),
    takes="any",
    build=lambda layer, x, kl: kl.Activation(layer["activation"])(x),
    code=lambda layer: call_code("layers.Activation", layer["activation"]),
    colour="#EEEEEE",
    label=lambda layer: f"Activation {layer['activation']}",
)

DROPOUT = LayerKind(
    "Dropout",
    settings=(_rate(0.3),),
    takes="any",
    build=lambda layer, x, kl: kl.Dropout(layer["rate"])(x),
    code=lambda layer: call_code("layers.Dropout", layer["rate"]),
    colour="#DDDDDD",
    label=lambda layer: f"Dropout {layer['rate']}",
)


# --- from an image to a vector: Flatten and GlobalAveragePooling2D ------------------------------


def _flatten_count(layer: dict[str, Any], shape: tuple[int, ...]) -> Counted:
    size = math.prod(shape)
    return Counted((size,), 0, "flatten", _texts(shape=shape_text(shape), size=f"{size:,}"))


FLATTEN = LayerKind(
    "Flatten",
    settings=(),
    takes="image",
    count=_flatten_count,
    build=lambda layer, x, kl: kl.Flatten()(x),
    code=lambda layer: call_code("layers.Flatten"),
    colour="#F0E442",
)

GLOBAL_AVERAGE_POOLING = LayerKind(
    "GlobalAveragePooling2D",
    settings=(),
    takes="image",
    count=lambda layer, shape: Counted((shape[2],), 0, "global_average", _texts(maps=shape[2])),
    build=lambda layer, x, kl: kl.GlobalAveragePooling2D()(x),
    code=lambda layer: call_code("layers.GlobalAveragePooling2D"),
    colour="#E69F00",
)


# --- Dense --------------------------------------------------------------------------------------


def _dense_count(layer: dict[str, Any], shape: tuple[int, ...]) -> Counted:
    units, inputs = layer["units"], shape[0]
    params = (inputs + 1) * units
    values = _texts(inputs=f"{inputs:,}", units=f"{units:,}", params=f"{params:,}")
    return Counted((units,), params, "dense", values, multiply_adds=inputs * units)


def _dense_build(layer: dict[str, Any], x: Any, kl: Any) -> Any:
    # The softmax output is kept in float32 even under mixed precision, for stable loss.
    dtype = "float32" if layer["activation"] == "softmax" else None
    return kl.Dense(layer["units"], activation=layer["activation"], dtype=dtype)(x)


DENSE = LayerKind(
    "Dense",
    settings=(_whole("units", 128), _activation("relu")),
    takes="vector",
    count=_dense_count,
    build=_dense_build,
    # No float32 output here: the exported script trains in float32 throughout.
    code=lambda layer: call_code(
        "layers.Dense", layer["units"], activation=_unless(layer["activation"], "linear")
    ),
    colour="#009E73",
    label=lambda layer: f"Dense {layer['units']}, {layer['activation']}",
)


# --- the registry: the editor offers the kinds in this order -------------------------------------

LAYER_KINDS: dict[str, LayerKind] = {
    kind.name: kind
    for kind in (
        CONV2D,
        _pooling("MaxPooling2D", "max_pool"),
        _pooling("AveragePooling2D", "average_pool"),
        RESIDUAL_BLOCK,
        BATCH_NORMALIZATION,
        ACTIVATION,
        DROPOUT,
        FLATTEN,
        GLOBAL_AVERAGE_POOLING,
        DENSE,
    )
}


def diagram_colour(name: str) -> str:
    """The fill of a block in the network diagram: its layer kind's colour; grey for the input."""
    return LAYER_KINDS[name].colour if name in LAYER_KINDS else INPUT_COLOUR
