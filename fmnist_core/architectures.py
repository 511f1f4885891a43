"""Network specs: presets, validation, per-layer summaries, JSON, and ``build_model``.

A network is a plain, JSON-serialisable spec: a name, a description and an ordered list of
layers, each a dict with a ``type`` and its settings::

    {"name": "tiny", "layers": [
        {"type": "Conv2D", "filters": 8, "kernel_size": 3, "activation": "relu"},
        {"type": "Flatten"},
        {"type": "Dense", "units": 10, "activation": "softmax"}]}

The input is always a 28x28 greyscale image, (28, 28, 1). Each layer type is one record in
``fmnist_core.layer_kinds``; following it layer by layer, shapes and parameter counts are worked
out in plain Python with Keras' own rules, so the Architecture page explains a network without
loading Keras, and ``build_model`` turns a valid spec into a Keras 3 model using only ``keras``
APIs, so it builds under any backend (tensorflow, jax, torch).

>>> summarise(preset("lecture-1")).total_params
3989642
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from fmnist_core.data import IMAGE_SIDE, NUM_CLASSES
from fmnist_core.layer_kinds import (
    ACTIVATIONS,
    FORMULA_TEXTS,
    LAYER_KINDS,
    PADDINGS,
    RATE_RANGE,
    SIZE_TEXTS,
    WHOLE_NUMBER_RANGES,
    Refusal,
    shape_text,
)
from fmnist_core.messages import KeyedMessage
from fmnist_core.names import NameProblem, name_problem

INPUT_SHAPE = (IMAGE_SIDE, IMAGE_SIDE, 1)  # one greyscale Fashion-MNIST image
MAX_PARAMS = 50_000_000
# Far beyond any network of this lecture (lecture-3 has 14 layers, best 12), and small enough that
# the page, its diagram and its editor stay quick; an imported 10,000-layer file once hung it.
MAX_LAYERS = 100
LAYER_TYPES = tuple(LAYER_KINDS)


class ArchitectureError(ValueError):
    """A spec or its JSON is malformed (not merely invalid as a network): says what and where."""


# What a malformed network file or link says, in English; the dashboard has the same keys in
# Korean.
JSON_TEXTS = {
    "not_json": "this is not valid JSON ({detail})",
    "json_syntax": "this is not valid JSON: line {line}, column {column}: {detail}",
    "not_utf8": "this is not valid JSON: it is not UTF-8 text (is it the file the studio "
    "exported?)",
    "not_object": "the JSON must be an object with a 'layers' list",
    "keras_model": "this is a Keras model file (model.to_json()), not a network saved by this "
    "studio: export the network from the Architecture page, or build it there layer by layer",
    "no_layers": "the JSON has no 'layers' list (or it is empty)",
    "too_many_layers": "the network has {count} layers, more than the {most} this studio "
    "handles — remove some",
    "layer_not_object": "a layer must be an object with a 'type', got {got}",
    "no_type": 'the layer has no \'type\'; give it one, such as "type": "Conv2D"',
    "type_not_name": "a layer's 'type' must be a name such as 'Conv2D', got {got}",
    "unknown_type": "unknown layer type {type}; use one of {types}",
    "unknown_setting": "{type} has no setting {unknown}; its settings are {settings}",
    "in_layer": "layer {position}: {detail}",
    "not_text": "the JSON's 'name' and 'description' must be text",
    "bad_name": "the name {name} is not usable: {detail}",
}


@dataclass(frozen=True)
class JsonProblem(KeyedMessage):
    """Why a network's JSON cannot be read: ``key`` (``JSON_TEXTS``) and its ``values``; a
    problem in one layer holds it as ``inner``, a bad name its ``name_problem``."""

    inner: JsonProblem | None = None
    name_problem: NameProblem | None = None

    TEXTS: ClassVar[dict[str, str]] = JSON_TEXTS

    def __str__(self) -> str:
        detail = self.inner or self.name_problem
        values = self.values if detail is None else {**self.values, "detail": str(detail)}
        return self.TEXTS[self.key].format(**values)


class JsonError(ArchitectureError):
    """A network file or link that cannot be read; ``problem`` says why in either language."""

    def __init__(self, problem: JsonProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def _json_error(key: str, **values: str) -> JsonError:
    return JsonError(JsonProblem(key, values))


# What each kind of problem says, in English; the dashboard has the same keys in Korean.
PROBLEM_TEXTS = {
    "malformed": "{detail}",
    "bad_whole_number": "{setting} is {value}; it must be a whole number from {low} to {high}",
    "bad_padding": "padding is {value}; use 'valid' or 'same'",
    "bad_activation": "activation {value} is unknown; use one of {choices}",
    "bad_rate": "rate is {value}; a dropout rate must be from {low} to {high}",
    "needs_image": "needs an image-shaped input (height x width x channels) but gets a vector "
    "of {size}; move it before Flatten / GlobalAveragePooling2D",
    "dense_on_image": "input is {shape}, an image; a Dense layer needs a vector — insert Flatten "
    "or GlobalAveragePooling2D before it",
    # A kernel is at most 28 wide: only layers before it (pooling, strides, valid convolutions;
    # lecture-1 has no pooling to remove) can have shrunk the image below it.
    "kernel_too_big": "input is {height}x{width}, kernel {k}x{k} does not fit — use a smaller "
    "kernel or padding 'same', or let the layers before it shrink the image less",
    "pool_too_big": "input is {height}x{width}, pool {p}x{p} does not fit — remove it or use "
    "padding 'same'",
    "too_many_params": "the network has {total} parameters, more than the {limit} this studio "
    "trains — use fewer filters or units, or pool before Flatten",
    "too_many_layers": "the network has {count} layers, more than the {limit} this studio "
    "handles — remove some",
    "no_output": "the network has no output layer — add Dense(10, softmax) at the end",
    "wrong_output": "the output layer must be Dense(10, softmax), one probability per class; it "
    "is Dense({units}, {activation})",
}

# Problems with a setting's value itself, whatever comes before the layer.
SETTING_PROBLEMS = {"bad_whole_number", "bad_padding", "bad_activation", "bad_rate"}


@dataclass(frozen=True)
class Problem:
    """One reason a network cannot be built, tied to a layer (position 0 = the whole network).

    ``key`` names the kind of problem (see ``PROBLEM_TEXTS``) and ``values`` fill its text, so
    the dashboard can say the same in another language.
    """

    position: int
    layer_type: str
    key: str
    values: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """What is wrong and what to do, in English."""
        return PROBLEM_TEXTS[self.key].format(**self.values)

    def __str__(self) -> str:
        if self.position == 0:
            return self.message
        return f"layer {self.position} {self.layer_type}: {self.message}"


@dataclass(frozen=True)
class LayerRow:
    """One line of a network summary, as the lecture's tables show it."""

    position: int
    layer: str  # e.g. "Conv2D 16, 3x3, valid, linear"
    output_shape: tuple[int, ...]
    params: int
    trainable_params: int
    formula_key: str  # the lecture's formula (see ``FORMULA_TEXTS``) ...
    formula_values: dict[str, str]  # ... and this layer's numbers to fill in
    multiply_adds: int
    size_key: str = ""  # how a sliding window's output size is worked out (``SIZE_TEXTS``) ...
    size_values: dict[str, str] = field(default_factory=dict)  # ... with this layer's numbers

    @property
    def formula(self) -> str:
        """The formula with this layer's numbers, in English."""
        return FORMULA_TEXTS[self.formula_key].format(**self.formula_values)

    @property
    def size_working(self) -> str:
        """How the output's side was worked out (``26 − 3 + 1 = 24``), in English; empty for a
        layer that slides no window."""
        return SIZE_TEXTS[self.size_key].format(**self.size_values) if self.size_key else ""


@dataclass(frozen=True)
class Summary:
    """Per-layer rows and totals of a network, or the problems that stop it from being built."""

    rows: list[LayerRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """True when the network can be built as it stands."""
        return not self.problems

    @property
    def total_params(self) -> int:
        """All parameters, trainable or not."""
        return sum(row.params for row in self.rows)

    @property
    def trainable_params(self) -> int:
        """Parameters the optimizer changes (all but BatchNorm's moving mean and variance)."""
        return sum(row.trainable_params for row in self.rows)

    @property
    def non_trainable_params(self) -> int:
        """BatchNorm's moving statistics: counted, stored, but not trained."""
        return self.total_params - self.trainable_params

    @property
    def multiply_adds(self) -> int:
        """Estimated multiply-adds for one image through the network (convs and dense layers)."""
        return sum(row.multiply_adds for row in self.rows)

    @property
    def weight_bytes(self) -> int:
        """Memory the weights take as float32."""
        return 4 * self.total_params


# --- describing and checking layers -----------------------------------------------------------


def memory_text(size: float) -> str:
    """A byte count as Keras' ``model.summary()`` writes it (1024 bytes a KB, two decimals:
    "15.22 MB" for lecture-1's weights), so the figure a student reads here is the one Keras
    prints."""
    for unit in ("B", "KB", "MB"):
        if size < 1024:
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} GB"


def new_layer(layer_type: str) -> dict[str, Any]:
    """A layer of ``layer_type`` with its default settings."""
    if layer_type not in LAYER_KINDS:
        raise _json_error("unknown_type", type=repr(layer_type), types=", ".join(LAYER_TYPES))
    return {"type": layer_type, **LAYER_KINDS[layer_type].defaults}


def complete_layer(layer: dict[str, Any]) -> dict[str, Any]:
    """``layer`` with missing settings filled by defaults; unknown types or settings are refused."""
    if isinstance(layer, dict) and "type" not in layer:  # said without the layer's whole text
        raise _json_error("no_type")
    if not isinstance(layer, dict):
        raise _json_error("layer_not_object", got=_short(layer))
    if not isinstance(layer["type"], str):
        raise _json_error("type_not_name", got=_short(layer["type"]))
    full = new_layer(layer["type"])
    unknown = set(layer) - set(full)
    if unknown:
        raise _json_error(
            "unknown_setting",
            type=layer["type"],
            unknown=", ".join(sorted(unknown)),
            settings=", ".join(sorted(set(full) - {"type"})) or "—",
        )
    full.update(layer)
    return full


def comparable_layer(layer: dict[str, Any]) -> dict[str, Any]:
    """``layer`` written out in full, so two ways of writing the same layer compare equal: its
    defaults filled in, and a pooling layer's default stride (None) as its pool size, which is
    what Keras does with it."""
    layer = complete_layer(layer)
    if "pool_size" in layer and layer.get("strides") is None:
        layer["strides"] = layer["pool_size"]
    return layer


def layers_differ(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Whether two specs' layers differ (names and descriptions aside; a layer's defaults
    written out or left out are the same layer)."""
    return [comparable_layer(layer) for layer in first["layers"]] != [
        comparable_layer(layer) for layer in second["layers"]
    ]


def copied_preset(spec: dict[str, Any]) -> str | None:
    """The preset whose layers ``spec`` has, unchanged (a saved copy of ``fast``), so its
    measured figures hold for it; None for a network of one's own."""
    for key, preset_spec in PRESETS.items():
        try:
            if not layers_differ(spec, preset_spec):
                return key
        except ArchitectureError:  # a layer no preset has: not a copy of one
            return None
    return None


def _short(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters, for messages about what a file held."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def describe_layer(layer: dict[str, Any]) -> str:
    """A short label, e.g. ``Conv2D 16, 3x3, valid, linear`` or ``Dropout 0.3``."""
    return LAYER_KINDS[layer["type"]].describe(layer)


def _value_problems(layer: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """Settings out of range, independent of the input shape: (key, values) pairs."""
    problems = []
    for name, (low, high) in WHOLE_NUMBER_RANGES.items():
        if name not in layer:
            continue
        value = layer[name]
        if name == "strides" and value is None and "pool_size" in layer:
            continue  # pooling: None means "the pool size", as in Keras
        whole = isinstance(value, int) and not isinstance(value, bool)
        if not (whole and low <= value <= high):
            problems.append(
                (
                    "bad_whole_number",
                    {"setting": name, "value": _short(value), "low": str(low), "high": str(high)},
                )
            )
    # Membership tests on tuples of strings: a list or dict from a file is simply not in them.
    if "padding" in layer and not _one_of(layer["padding"], PADDINGS):
        problems.append(("bad_padding", {"value": _short(layer["padding"])}))
    if "activation" in layer and not _one_of(layer["activation"], ACTIVATIONS):
        problems.append(
            (
                "bad_activation",
                {"value": _short(layer["activation"]), "choices": ", ".join(ACTIVATIONS)},
            )
        )
    if "rate" in layer:
        rate, (low, high) = layer["rate"], RATE_RANGE
        number = isinstance(rate, (int, float)) and not isinstance(rate, bool)
        if not (number and low <= rate <= high):
            problems.append(
                ("bad_rate", {"value": _short(rate), "low": str(low), "high": str(high)})
            )
    return problems


def _one_of(value: Any, choices: tuple[str, ...]) -> bool:
    return isinstance(value, str) and value in choices


# --- the summary: shapes, parameters, formulas ------------------------------------------------


def summarise(spec: dict[str, Any]) -> Summary:
    """Work out every layer's output shape, parameters and formula, and every problem.

    Settings out of range are reported for all layers; shapes are followed until the first
    layer with a setting out of range or that cannot take its input (later layers' shapes are
    then unknown). A valid network ends in Dense(10, softmax) and has at most 50M parameters.
    """
    problems: list[Problem] = []
    rows: list[LayerRow] = []
    count = len(spec.get("layers", []))
    if count > MAX_LAYERS:
        return Summary(
            problems=[
                Problem(0, "", "too_many_layers", {"count": f"{count:,}", "limit": str(MAX_LAYERS)})
            ]
        )
    try:
        layers = [complete_layer(layer) for layer in spec.get("layers", [])]
    except ArchitectureError as error:
        return Summary(problems=[Problem(0, "", "malformed", {"detail": str(error)})])

    for position, layer in enumerate(layers, start=1):
        problems += [
            Problem(position, layer["type"], key, values) for key, values in _value_problems(layer)
        ]
    # The layers before the first setting out of range are still worked out: one mistyped
    # number leaves the rest of the summary in view.
    counted_layers = layers[: problems[0].position - 1] if problems else layers

    shape: tuple[int, ...] = INPUT_SHAPE
    for position, layer in enumerate(counted_layers, start=1):
        kind = LAYER_KINDS[layer["type"]]
        counted = kind.row(layer, shape)
        if isinstance(counted, Refusal):
            # The shapes after this layer are unknown, so the later layers cannot be checked.
            problems.append(Problem(position, kind.name, counted.key, counted.values))
            break
        rows.append(
            LayerRow(
                position,
                kind.describe(layer),
                counted.output_shape,
                counted.params,
                counted.params if counted.trainable_params is None else counted.trainable_params,
                counted.formula_key,
                counted.formula_values,
                counted.multiply_adds,
                counted.size_key,
                counted.size_values,
            )
        )
        shape = counted.output_shape

    if not problems:
        problems += _output_problems(layers)
        total = sum(row.params for row in rows)
        if total > MAX_PARAMS:
            problems.append(
                Problem(
                    0, "", "too_many_params", {"total": f"{total:,}", "limit": f"{MAX_PARAMS:,}"}
                )
            )
    return Summary(rows=rows, problems=problems)


def _output_problems(layers: list[dict[str, Any]]) -> list[Problem]:
    last = layers[-1] if layers else None
    if last is None or last["type"] != "Dense":
        return [Problem(0, "", "no_output")]
    if last["units"] != NUM_CLASSES or last["activation"] != "softmax":
        return [
            Problem(
                len(layers),
                "Dense",
                "wrong_output",
                {"units": str(last["units"]), "activation": str(last["activation"])},
            )
        ]
    return []


def validate(spec: dict[str, Any]) -> list[Problem]:
    """Every problem that stops ``spec`` from being built; empty when it is valid."""
    return summarise(spec).problems


def fix_dense_on_image(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` with Flatten inserted before the first Dense that gets an image; the
    spec unchanged when that would only move the problem on (a Dense placed before the
    convolutions: the layers after it would then get a vector where they need an image)."""
    fixed = copy.deepcopy(spec)
    for problem in validate(spec):
        if problem.key == "dense_on_image":
            fixed["layers"].insert(problem.position - 1, {"type": "Flatten"})
            break
    if any(problem.key == "needs_image" for problem in validate(fixed)):
        return spec
    return fixed


# --- building the Keras model -----------------------------------------------------------------


def build_model(spec: dict[str, Any]):
    """A Keras 3 model for a valid ``spec`` (raises ArchitectureError listing the problems).

    Uses only ``keras`` APIs, so it builds under any Keras backend.
    """
    problems = validate(spec)
    if problems:
        raise ArchitectureError("; ".join(str(p) for p in problems))
    import keras  # imported here: the summary and the page never need it
    from keras import layers as kl

    inputs = keras.Input(shape=INPUT_SHAPE, name="image")
    x = inputs
    for layer in (complete_layer(item) for item in spec["layers"]):
        x = LAYER_KINDS[layer["type"]].build(layer, x, kl)
    return keras.Model(inputs, x, name=_keras_name(spec.get("name", "network")))


def _keras_name(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "_-" else "_" for c in name)
    return cleaned.strip("_") or "network"


# --- JSON -------------------------------------------------------------------------------------


def to_json(spec: dict[str, Any]) -> str:
    """The spec as pretty JSON, settings completed, ready to save or download."""
    clean = {
        "name": spec.get("name", "network"),
        "description": spec.get("description", ""),
        "layers": [complete_layer(layer) for layer in spec.get("layers", [])],
    }
    return json.dumps(clean, indent=2, ensure_ascii=False)


def from_json(text: str | bytes) -> dict[str, Any]:
    """Read a spec from JSON; ArchitectureError says what is wrong with it.

    The spec's structure is checked here (object, a list of layers of known types and settings);
    whether it makes a valid network is :func:`validate`'s job.
    """
    try:
        raw = json.loads(text)
    # Where it goes wrong, in words both languages can say (Python's own are English).
    except UnicodeDecodeError as error:
        raise _json_error("not_utf8") from error
    except json.JSONDecodeError as error:
        raise _json_error(
            "json_syntax", line=str(error.lineno), column=str(error.colno), detail=error.msg
        ) from error
    # ValueError covers integers of thousands of digits, RecursionError thousands of nested
    # brackets: both are malformed files, not crashes.
    except (ValueError, RecursionError) as error:
        raise _json_error("not_json", detail=_short(str(error), 200)) from error
    if not isinstance(raw, dict):
        raise _json_error("not_object")
    layers = raw.get("layers")
    if "layers" not in raw and {"class_name", "config"} <= set(raw):  # model.to_json()
        raise _json_error("keras_model")
    if not isinstance(layers, list) or not layers:
        raise _json_error("no_layers")
    if len(layers) > MAX_LAYERS:
        raise _json_error("too_many_layers", count=f"{len(layers):,}", most=str(MAX_LAYERS))
    completed = []
    for position, layer in enumerate(layers, start=1):
        try:
            completed.append(complete_layer(layer))
        except JsonError as error:
            raise JsonError(
                JsonProblem("in_layer", {"position": str(position)}, inner=error.problem)
            ) from error
    name = raw.get("name") or "imported"
    description = raw.get("description") or ""
    if not isinstance(name, str) or not isinstance(description, str):
        raise _json_error("not_text")
    problem = name_problem(name.strip())
    if problem:
        raise JsonError(JsonProblem("bad_name", {"name": repr(name[:80])}, name_problem=problem))
    return {
        "name": name.strip(),
        "description": description,
        "layers": completed,
    }


# --- presets ----------------------------------------------------------------------------------


def saved_name_problem(name: str) -> NameProblem | None:
    """Why a saved architecture cannot be called ``name`` (already stripped): the rule for every
    name, and not a preset's key or name (``lecture-2``, ``lecture-2 pool+dropout``), which
    ``--arch`` and ``?arch=`` would then read two ways. None when it can."""
    problem = name_problem(name)
    if problem:
        return problem
    for key, preset_spec in PRESETS.items():
        if name.casefold() in (key.casefold(), preset_spec["name"].casefold()):
            return NameProblem("preset", {"preset": key})
    return None


def _conv(filters, padding="valid", activation="relu", kernel_size=3, strides=1):
    return {
        "type": "Conv2D",
        "filters": filters,
        "kernel_size": kernel_size,
        "strides": strides,
        "padding": padding,
        "activation": activation,
    }


def _dense(units, activation="relu"):
    return {"type": "Dense", "units": units, "activation": activation}


def _dropout(rate):
    return {"type": "Dropout", "rate": rate}


def _pool(pool_size=2, strides=None):
    return {"type": "MaxPooling2D", "pool_size": pool_size, "strides": strides, "padding": "valid"}


_FLATTEN = {"type": "Flatten"}
_BN = {"type": "BatchNormalization"}
_RELU = {"type": "Activation", "activation": "relu"}
_OUTPUT = _dense(NUM_CLASSES, "softmax")

PRESETS: dict[str, dict[str, Any]] = {
    "lecture-1": {
        "name": "lecture-1 plain conv",
        "layers": [
            _conv(16, activation="linear"),
            _conv(32, activation="linear"),
            _conv(64, activation="linear"),
            _FLATTEN,
            _dense(128),
            _OUTPUT,
        ],
    },
    "lecture-2": {
        "name": "lecture-2 pool+dropout",
        "layers": [
            _conv(32, activation="linear"),
            _pool(strides=2),
            _conv(64, activation="linear"),
            _pool(strides=2),
            _conv(128, activation="linear"),
            _FLATTEN,
            _dense(128),
            _dropout(0.3),
            _OUTPUT,
        ],
    },
    "lecture-3": {
        "name": "lecture-3 deep CNN",
        "layers": [
            _conv(32, "same"),
            _conv(64, "same"),
            _pool(),
            _dropout(0.5),
            _conv(128, "same"),
            _conv(256, "valid"),
            _pool(),
            _dropout(0.5),
            _FLATTEN,
            _dense(512),
            _dropout(0.5),
            _dense(256),
            _dropout(0.5),
            _OUTPUT,
        ],
    },
    "fast": {
        "name": "fast CNN",
        "layers": [
            _conv(16),
            _pool(),
            _conv(96),
            _pool(),
            _FLATTEN,
            _dense(256),
            _dropout(0.25),
            _OUTPUT,
        ],
    },
    "strong": {
        "name": "strong CNN",
        "layers": [
            _conv(32, "same"),
            _conv(32, "same"),
            _pool(),
            _dropout(0.25),
            _conv(64, "same"),
            _conv(64, "same"),
            _pool(),
            _dropout(0.25),
            _FLATTEN,
            _dense(256),
            _dropout(0.5),
            _OUTPUT,
        ],
    },
    "best": {
        "name": "best residual CNN",
        "layers": [
            _conv(64, "same", "linear"),
            _BN,
            _RELU,
            {"type": "ResidualBlock", "filters": 64, "kernel_size": 3, "strides": 1},
            {"type": "ResidualBlock", "filters": 64, "kernel_size": 3, "strides": 1},
            {"type": "ResidualBlock", "filters": 128, "kernel_size": 3, "strides": 2},
            {"type": "ResidualBlock", "filters": 128, "kernel_size": 3, "strides": 1},
            {"type": "ResidualBlock", "filters": 256, "kernel_size": 3, "strides": 2},
            {"type": "ResidualBlock", "filters": 256, "kernel_size": 3, "strides": 1},
            {"type": "GlobalAveragePooling2D"},
            _dropout(0.3),
            _OUTPUT,
        ],
    },
}


# What each preset is, in English, with its figures left as blanks: the counts come from the
# network itself and what it reached here ({measured}) from the benchmarks' committed records,
# said by ``fmnist_core.measured`` (median and lowest over seeds), so no figure is typed twice.
# The dashboard has the same keys in Korean.
PRESET_TEXTS = {
    "lecture-1": "The lecture's first model: three convolutions without activation or pooling, so "
    "the flattened map is huge ({flattened} values) and the first Dense layer holds almost all of "
    "its {params} parameters. Lecture test accuracy: {lecture_accuracy}; with the lecture's "
    "recipe here: {measured}.",
    "lecture-2": "The lecture's second model: max pooling after the convolutions shrinks the map "
    "to {last_map} before Flatten, cutting the parameters {fewer}-fold to {params}, and "
    "Dropout(0.3) fights overfitting. Lecture test accuracy: {lecture_accuracy}; with the "
    "lecture's recipe here: {measured}.",
    "lecture-3": "The lecture's deep CNN: four ReLU convolutions ('same' padding keeps 28x28 at "
    "first), two pooling stages, heavy Dropout(0.5) and two Dense layers; {params} parameters. "
    "Lecture test accuracy: {lecture_accuracy} after 25 epochs; with the lecture's recipe here: "
    "{measured}.",
    "fast": "Ours, for CPUs: two ReLU convolutions (filters: {filters}; each followed by max "
    "pooling), Dense(256) and Dropout(0.25); {macs} million multiply-adds per image, {fewer}x "
    "fewer than lecture-3. The first convolution is narrow because its 26x26 maps are the "
    "largest the network computes: few filters there make both convolutions cheap, and the "
    "wider second one keeps the accuracy (chosen on validation, bench/README.md). With the "
    "fast recipe (batch {batch}, {optimizer} at up to {rate} on a {schedule} schedule, label "
    "smoothing {smoothing}, {epochs} epochs, mixed precision where the device computes "
    "bfloat16): {measured}. No BatchNorm: on a CPU, Keras' BatchNormalization doubled the epoch "
    "time of a net this size, and the one-cycle schedule trains it well without.",
    "strong": "Ours, for ten minutes on a CPU: four ReLU convolutions in two stages ('same' "
    "padding; 32, then 64 filters; max pooling and Dropout(0.25) after each stage), Dense(256) "
    "and Dropout(0.5); {macs} million multiply-adds per image, {params} parameters. With the "
    "strong recipe (random horizontal flips, {optimizer} at up to {rate} on a {schedule} "
    "schedule, label smoothing {smoothing}, batch {batch}, {epochs} epochs, mixed precision "
    "where the device computes bfloat16): {measured}. No BatchNorm: on a CPU it tripled this "
    "network's epoch time.",
    "best": "Ours, for GPUs: a small ResNet (a stem convolution, then residual blocks at 64, 128 "
    "and 256 filters, each stage halving the image) with BatchNorm and a global-average head; "
    "{macs} million multiply-adds per image. The best recipe ({optimizer}, {schedule}, shifts "
    "and flips, label smoothing {smoothing}, {epochs} epochs) is made for a GPU; on a CPU it was "
    "cut to the epochs that fit in an hour: {measured}.",
}


def preset_figures(key: str, say: Callable[..., str] | None = None) -> dict[str, str]:
    """The figures a preset's description names, as text: counts worked out from the network,
    recipe settings from its recipe, and what it reached here (``measured``) as ``say`` words a
    claim (default: ``fmnist_core.measured.claim_words``, in English)."""
    from fmnist_core import measured
    from fmnist_core.training import RECIPES

    summary = summarise(_PRESET_LAYERS[key])
    flat = next((row for row in summary.rows if row.layer == "Flatten"), None)
    before_flat = summary.rows[flat.position - 2] if flat else None
    figures = {
        "params": f"{summary.total_params:,}",
        "macs": f"{summary.multiply_adds / 1e6:,.1f}",  # millions, as the English says them
        # The whole count, for the dashboard to word in a language that groups digits otherwise
        # (Korean: 239만, not 2.4백만).
        "multiply_adds": str(summary.multiply_adds),
        "flattened": f"{flat.output_shape[0]:,}" if flat else "",
        "last_map": shape_text(before_flat.output_shape) if before_flat else "",
    }
    if key in measured.LECTURE_TEST_ACCURACY:
        figures["lecture_accuracy"] = measured.percent(measured.LECTURE_TEST_ACCURACY[key])
    if key == "lecture-2":
        first = summarise(_PRESET_LAYERS["lecture-1"]).total_params
        figures["fewer"] = f"{first / summary.total_params:.1f}"
    if key == "fast":
        deep = summarise(_PRESET_LAYERS["lecture-3"]).multiply_adds
        figures["fewer"] = f"{deep / summary.multiply_adds:.0f}"
    convolutions = [
        layer["filters"] for layer in _PRESET_LAYERS[key]["layers"] if "filters" in layer
    ]
    figures["filters"] = ", ".join(map(str, convolutions))
    if key in RECIPES:
        recipe = RECIPES[key]
        figures |= {
            "batch": str(recipe.batch_size),
            "optimizer": {"adam": "Adam", "adamw": "AdamW"}.get(recipe.optimizer, recipe.optimizer),
            "rate": f"{recipe.learning_rate:g}",
            "schedule": recipe.schedule,
            "smoothing": f"{recipe.label_smoothing:g}",
            "epochs": str(recipe.epochs),
        }
    recipe_name = "lecture" if key in measured.LECTURE_TEST_ACCURACY else key
    figures["measured"] = (say or measured.claim_words)(
        measured.claim(key, recipe_name), "accuracy"
    )
    return figures


def preset(key: str) -> dict[str, Any]:
    """A fresh copy of preset ``key`` (``lecture-1``, ``lecture-2``, ``lecture-3``, ``fast``,
    ``strong``, ``best``), safe to edit."""
    if key not in PRESETS:
        raise ArchitectureError(f"no preset {key!r}; the presets are {', '.join(PRESETS)}")
    return copy.deepcopy(PRESETS[key])


_PRESET_LAYERS = {key: {"layers": spec["layers"]} for key, spec in PRESETS.items()}
for _key, _spec in PRESETS.items():
    _spec["description"] = PRESET_TEXTS[_key].format(**preset_figures(_key))
