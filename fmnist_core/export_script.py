"""A network or a whole run as plain Keras code, to take away from the studio.

``network_code(spec)`` writes the network alone: the ``keras.Sequential([...])`` block of the
lecture's cells, or the functional form for a network with a block that is not one Keras layer
(ResidualBlock). ``run_script(run)`` writes a standalone script, read like a keras-io example,
that loads Fashion-MNIST, builds that network, trains it with the run's recipe and prints the
test loss and accuracy. Neither needs the studio to run: only Keras and NumPy.

Each layer kind writes its own constructor call (``LayerKind.code`` in ``layer_kinds``); the
recipe follows ``training.train`` step by step, in float32 throughout: mixed precision, which the
studio uses only where the device computes bfloat16 natively, is left out (the docstring says
so), since a script cannot know which machine it will run on.
"""

from __future__ import annotations

import dataclasses
import textwrap
from typing import Any

from fmnist_core.architectures import (
    INPUT_SHAPE,
    ArchitectureError,
    _keras_name,
    complete_layer,
    summarise,
)
from fmnist_core.data import NUM_CLASSES
from fmnist_core.layer_kinds import LAYER_KINDS, code_literal
from fmnist_core.store import Run
from fmnist_core.training import TrainConfig

# The learning rate over the run, as ``training._optimizer`` sets it; ``steps`` is the number of
# weight updates in the whole run. One-cycle is ``training.one_cycle``: Keras' CosineDecay.
SCHEDULE_CODE = {
    "constant": "learning_rate = LEARNING_RATE\n",
    "cosine": "# Cosine decay from LEARNING_RATE down to 1% of it over the whole run.\n"
    "learning_rate = keras.optimizers.schedules.CosineDecay(LEARNING_RATE, steps, alpha=0.01)\n",
    "one-cycle": "# One-cycle: a linear warm-up from LEARNING_RATE / 10 to LEARNING_RATE over the "
    "first 30%\n# of the steps, then a cosine down to LEARNING_RATE / 1000.\n"
    "warmup_steps = max(1, round(steps * 0.3))\n"
    "learning_rate = keras.optimizers.schedules.CosineDecay(\n"
    "    LEARNING_RATE / 10,\n"
    "    decay_steps=max(1, steps - warmup_steps),\n"
    "    alpha=0.001,\n"
    "    warmup_target=LEARNING_RATE,\n"
    "    warmup_steps=warmup_steps,\n"
    ")\n",
}


# How the recipe names each optimizer (``training.OPTIMIZERS``), as Keras' classes are named.
OPTIMIZER_NAMES = {"adam": "Adam", "adamw": "AdamW", "sgd": "SGD", "rmsprop": "RMSprop"}


class ExportError(ValueError):
    """A run that cannot be written as a script: says which and why (``export_problem``)."""


@dataclasses.dataclass(frozen=True)
class _ModelCode:
    """The code that defines ``model``: helper functions and the statements that build it."""

    helpers: list[str]
    statements: str

    def module_level(self) -> str:
        """Helpers, then statements, spaced as ruff's formatter spaces top-level code."""
        return "".join(f"\n{helper}\n\n" for helper in self.helpers) + self.statements


def _model_code(spec: dict[str, Any]) -> _ModelCode:
    """The code that builds ``spec``; ArchitectureError listing the problems when it is invalid."""
    problems = summarise(spec).problems
    if problems:
        raise ArchitectureError("; ".join(str(problem) for problem in problems))
    layers = [complete_layer(layer) for layer in spec["layers"]]
    kinds = [LAYER_KINDS[layer["type"]] for layer in layers]
    name = code_literal(_keras_name(spec.get("name", "network")))
    helpers = list(dict.fromkeys(kind.helper for kind in kinds if kind.helper))
    if not helpers:
        calls = "".join(
            f"        {kind.code(layer)},\n" for kind, layer in zip(kinds, layers, strict=True)
        )
        return _ModelCode(
            [],
            "model = keras.Sequential(\n"
            "    [\n"
            "        keras.Input(shape=INPUT_SHAPE),\n"
            f"{calls}"
            "    ],\n"
            f"    name={name},\n"
            ")\n",
        )
    # A block that is not one Keras layer is a function of the tensor: the functional form.
    steps = "".join(
        f"x = {kind.code(layer)}\n" if kind.helper else f"x = {kind.code(layer)}(x)\n"
        for kind, layer in zip(kinds, layers, strict=True)
    )
    return _ModelCode(
        helpers,
        "inputs = keras.Input(shape=INPUT_SHAPE)\n"
        "x = inputs\n"
        f"{steps}"
        f"model = keras.Model(inputs, x, name={name})\n",
    )


def _docstring(*paragraphs: str, verbatim: str = "") -> str:
    """A module docstring: ``paragraphs`` wrapped to the project's line width, then the
    ``verbatim`` lines as they are; safe inside triple quotes whatever a name holds."""
    # 94 leaves room for the quotes on a line of 100.
    text = "\n\n".join(
        # Not at hyphens: "Fashion-" and "MNIST" on two lines read as two words.
        textwrap.fill(
            part.replace("\\", "/").replace('"""', "'''"), width=94, break_on_hyphens=False
        )
        for part in paragraphs
    )
    if verbatim:
        text += f"\n\n{verbatim}"
    elif "\n" not in text:
        return f'"""{text}"""\n'  # a one-line docstring closes on its line
    return f'"""{text}\n"""\n'


def _call_lines(call: str, arguments: str, indent: str = "", end: str = "") -> str:
    """``call(arguments)`` on one line when it fits in 100 characters, else with the arguments
    on a line of their own, as ruff's formatter writes it."""
    line = f"{indent}{call}({arguments}){end}"
    if len(line) <= 100:
        return line + "\n"
    return f"{indent}{call}(\n{indent}    {arguments}\n{indent}){end}\n"


def _network_line(spec: dict[str, Any]) -> str:
    summary = summarise(spec)
    return (
        f"{spec.get('name', 'network')}: {len(summary.rows)} layers, "
        f"{summary.total_params:,} parameters"
    )


def network_code(spec: dict[str, Any]) -> str:
    """Keras code that builds ``spec`` and prints its summary; ArchitectureError when invalid.

    A network of Keras layers is one ``keras.Sequential([...])`` block, like the lecture's
    cells; one with a ResidualBlock defines ``residual_block`` and uses the functional API.

    >>> from fmnist_core.architectures import preset
    >>> print(network_code(preset("lecture-1")).splitlines()[-1])
    model.summary()
    """
    model = _model_code(spec)
    return (
        _docstring(f"{_network_line(spec)}, as Keras code (from Fashion-MNIST CNN Studio).")
        + "\nimport keras\nfrom keras import layers\n\n"
        + f"INPUT_SHAPE = {INPUT_SHAPE!r}  # one greyscale 28x28 image\n\n"
        + model.module_level()
        + "model.summary()\n"
    )


def _optimizer_code(config: TrainConfig) -> str:
    """The studio's optimizer for ``config`` as a constructor call on ``learning_rate``.

    Built by ``training`` itself and compared with a default instance, so the call names exactly
    the settings the studio changes (AdamW's weight decay, SGD's momentum), copied from nowhere.
    """
    from fmnist_core.training import _optimizer

    studio = _optimizer(dataclasses.replace(config, schedule="constant"), total_steps=1)
    defaults = type(studio)().get_config()
    changed = "".join(
        f", {key}={code_literal(value)}"
        for key, value in studio.get_config().items()
        if key not in ("learning_rate", "name") and defaults.get(key) != value
    )
    return f"keras.optimizers.{type(studio).__name__}(learning_rate{changed})"


def _has_validation(config: TrainConfig) -> bool:
    return config.validation == "test" or bool(config.validation_split)


def _recipe_text(config: TrainConfig) -> str:
    """The run's recipe in English, for the script's docstring."""
    if config.validation == "test":
        validation = "the test images as validation data"
    elif config.validation_split:
        validation = f"the last {config.validation_split:.0%} of the training images to validate"
    else:
        validation = "no validation"
    extras = [
        f"random shifts of up to {config.augment_shift:.0%}" if config.augment_shift else "",
        "random horizontal flips" if config.augment_flip else "",
        f"label smoothing {config.label_smoothing:g}" if config.label_smoothing else "",
        f"early stopping after {config.early_stopping_patience} epochs without a better "
        "validation loss"
        if config.early_stopping_patience and _has_validation(config)
        else "",
        # A script cannot know its machine: where bfloat16 is emulated it would be slower.
        "float32 throughout (the studio used mixed bfloat16 precision where the device computes "
        "it natively)"
        if config.mixed_precision
        else "",
    ]
    limit = f" on the first {config.limit_train:,} training images" if config.limit_train else ""
    return (
        f"Recipe: {config.epochs} epoch{'s' * (config.epochs != 1)} of batch "
        f"{config.batch_size}{limit}, "
        f"{OPTIMIZER_NAMES[config.optimizer]} at learning rate {config.learning_rate:g} "
        f"({config.schedule}), "
        + ", ".join([validation, *filter(None, extras), f"seed {config.seed}"])
        + "."
    )


def quick_try(run: Run, script: str | None = None) -> str:
    """The script (its usual name unless ``script`` is given) with a short run's flags: one epoch
    on at most 2,000 images, never more than the run itself trained on."""
    images = min(2000, run.config.get("limit_train") or 2000)
    return f"{script or script_name(run.id)} --epochs 1 --limit-train {images}"


def script_name(run_id: int) -> str:
    """The file name a run's script is exported (downloaded) under: ``fmnist-run-12.py``."""
    return f"fmnist-run-{run_id}.py"


def export_problem(run: Run) -> str | None:
    """Why ``run`` cannot be written as a script, in English; None when it can."""
    if not isinstance(run.spec, dict) or not run.spec.get("layers"):
        return f"run {run.id} has no network to export"
    problems = summarise(run.spec).problems
    if problems:
        return f"run {run.id}'s network cannot be built: {problems[0]}"
    try:
        config = TrainConfig.from_dict(run.config)
    except (TypeError, ValueError) as error:
        return f"run {run.id}'s training settings cannot be read: {error}"
    if config.setting_problems():
        return f"run {run.id}'s training settings are out of range: {config.problems()[0]}"
    return None


def run_script(run: Run, file: str | None = None) -> str:
    """A standalone Python script that trains ``run``'s network with ``run``'s recipe.

    It needs only Keras and NumPy, loads Fashion-MNIST with
    ``keras.datasets.fashion_mnist.load_data()`` (or the four IDX files in ``FMNIST_DATA_DIR``
    when set), prints ``model.summary()``, fits, and prints the test loss and accuracy;
    ``--epochs N`` and ``--limit-train N`` make a quick try. ``file`` is the name it is written
    under (its usage lines say it; default ``script_name``). ExportError (saying why) when
    ``export_problem`` finds one.
    """
    problem = export_problem(run)
    if problem:
        raise ExportError(problem)
    config = TrainConfig.from_dict(run.config)
    model = _model_code(run.spec)
    augment = bool(config.augment_shift or config.augment_flip)
    trainer = "trainer" if augment else "model"

    about = [
        f'Fashion-MNIST CNN Studio run {run.id}, "{run.name}", as a plain Keras script.',
        f"Network: {_network_line(run.spec)}. {_recipe_text(config)}",
    ]
    if run.status == "finished" and run.test_accuracy is not None:
        about.append(
            f"In the studio it reached test accuracy {run.test_accuracy:.4f} (test loss "
            f"{run.test_loss:.4f}). Expect close figures, not the same ones: this script lets "
            "Keras shuffle the batches, in another order than the studio's, and the gap is "
            "widest for a short run on few images."
        )
    elif run.status in ("stopped", "failed", "interrupted", "cancelled"):
        # The recipe is what was asked for, not what happened: say how the run ended.
        ended = "failed" if run.status == "failed" else f"was {run.status}"
        about.append(
            f"In the studio this run {ended} before it finished, so it has no test score; this "
            "script trains the whole recipe."
        )
    about.append(
        "It needs only Keras and NumPy. The images come from "
        "keras.datasets.fashion_mnist.load_data(), or from the four IDX files in the folder "
        "FMNIST_DATA_DIR names when it is set:"
    )
    named = file or script_name(run.id)
    usage = f"    python {named}\n    python {quick_try(run, named)}  # a quick try"
    return "".join(
        [
            _docstring(*about, verbatim=usage),
            # math only counts the steps a schedule needs; a constant rate has none
            _IMPORTS if config.schedule != "constant" else _IMPORTS.replace("import math\n", ""),
            _constants(config),
            _ARGUMENTS,
            _DATA_CODE,
            _validation_code(config),
            "\n\n# --- model\n\n",
            model.module_level(),
            "model.summary()\n",
            _augmentation_code(config) if augment else "",
            _compile_code(config, trainer),
            _fit_code(config, trainer),
            _EVALUATE_CODE,
        ]
    )


_IMPORTS = """
import argparse
import gzip
import math
import os
from pathlib import Path

import keras
import numpy as np
from keras import layers

"""


def _constants(config: TrainConfig) -> str:
    """The run's settings, named once near the top as keras-io examples do."""
    lines = [
        f"EPOCHS = {config.epochs}",
        f"BATCH_SIZE = {config.batch_size}",
        f"LEARNING_RATE = {config.learning_rate!r}",
        f"LIMIT_TRAIN = {config.limit_train!r}  # "
        + ("all the training images" if config.limit_train is None else "the first images only"),
    ]
    if config.validation == "split" and config.validation_split:
        lines.append(
            f"VALIDATION_SPLIT = {config.validation_split!r}  # from the end of the images"
        )
    if config.augment_shift:
        lines.append(f"AUGMENT_SHIFT = {config.augment_shift!r}  # a fraction of the image")
    if config.label_smoothing:
        lines.append(f"LABEL_SMOOTHING = {config.label_smoothing!r}")
    if config.early_stopping_patience and _has_validation(config):
        lines.append(
            f"PATIENCE = {config.early_stopping_patience}  # epochs without a better val_loss"
        )
    lines += [
        f"SEED = {config.seed}",
        f"NUM_CLASSES = {NUM_CLASSES}",
        f"INPUT_SHAPE = {INPUT_SHAPE!r}  # one greyscale 28x28 image",
    ]
    return "\n".join(lines) + "\n\n"


_ARGUMENTS = """parser = argparse.ArgumentParser(
    description=__doc__.splitlines()[0],
    epilog="The images: keras.datasets.fashion_mnist.load_data() (downloaded once), or, without "
    "internet, the four Fashion-MNIST files in the folder the FMNIST_DATA_DIR variable names.",
)
parser.add_argument("--epochs", type=int, default=EPOCHS, help="0: only build and score")
parser.add_argument(
    "--limit-train",
    type=int,
    default=LIMIT_TRAIN,
    metavar="N",
    help="train on the first N training images only (0: all of them)",
)
args = parser.parse_args()
keras.utils.set_random_seed(SEED)  # weights, shuffling and augmentation
"""


# Reading the four IDX files takes a few lines of NumPy: two zero bytes, a type byte, the number
# of dimensions, each dimension as a big-endian 32-bit integer, then the values.
_DATA_CODE = '''

# --- data


def read_idx(folder, name):
    """One Fashion-MNIST IDX file, gzip-compressed (name.gz) or not, as a uint8 array."""
    packed = Path(folder, f"{name}.gz")
    if packed.exists():
        content = gzip.decompress(packed.read_bytes())
    else:
        content = Path(folder, name).read_bytes()
    dimensions = content[3]
    shape = np.frombuffer(content, ">u4", count=dimensions, offset=4)
    return np.frombuffer(content, np.uint8, offset=4 + 4 * dimensions).reshape(shape)


FILES = [
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
]
NEEDED = f"the four files {', '.join(FILES)} (each may end in .gz)"


def load_data():
    """((x_train, y_train), (x_test, y_test)) as uint8 arrays, from FMNIST_DATA_DIR when set."""
    folder = os.environ.get("FMNIST_DATA_DIR")
    if not folder:
        try:
            return keras.datasets.fashion_mnist.load_data()
        except Exception as error:  # no internet, most likely: say what to do instead
            raise SystemExit(
                f"Fashion-MNIST could not be downloaded ({error}). Without internet, set "
                f"FMNIST_DATA_DIR to a folder holding {NEEDED}."
            ) from None
    try:
        x_train, y_train, x_test, y_test = (read_idx(folder, name) for name in FILES)
    except OSError as error:
        raise SystemExit(
            f"FMNIST_DATA_DIR is {folder}, but {error.filename} cannot be read "
            f"({error.strerror}); the folder needs {NEEDED}."
        ) from None
    return (x_train, y_train), (x_test, y_test)


(x_train, y_train), (x_test, y_test) = load_data()
if args.limit_train:
    x_train, y_train = x_train[: args.limit_train], y_train[: args.limit_train]
# Scale the pixels to [0, 1] and add the channel axis: (N, 28, 28) -> (N, 28, 28, 1).
x_train = (x_train.astype("float32") / 255.0)[..., np.newaxis]
x_test = (x_test.astype("float32") / 255.0)[..., np.newaxis]
y_train, y_test = y_train.astype("int32"), y_test.astype("int32")
'''


def _validation_code(config: TrainConfig) -> str:
    if config.validation == "test":
        held_out = "# The run validated on the test images.\nx_val, y_val = x_test, y_test\n"
    elif config.validation_split:
        held_out = (
            "# Validation: the end of the training images, held out before shuffling, as Keras'\n"
            "# validation_split does.\n"
            "split_at = int(len(x_train) * (1 - VALIDATION_SPLIT))\n"
            "x_train, x_val = x_train[:split_at], x_train[split_at:]\n"
            "y_train, y_val = y_train[:split_at], y_train[split_at:]\n"
        )
    else:
        return 'print(f"{len(x_train):,} training images, {len(x_test):,} test images")\n'
    return held_out + (
        'print(f"{len(x_train):,} training images, {len(x_val):,} validation, '
        '{len(x_test):,} test")\n'
    )


def _augmentation_code(config: TrainConfig) -> str:
    steps = []
    if config.augment_shift:
        # The studio draws the same shifts with a layer of its own that XLA can compile
        # (fmnist_core.augmentation); the script keeps the layer a student finds in Keras' docs.
        steps.append(
            "        # The studio shifts the same way with a layer of its own that XLA compiles:\n"
            "        # RandomTranslation turns XLA off for the whole step (slower on a GPU).\n"
        )
        steps.append(
            _call_lines(
                "layers.RandomTranslation",
                'AUGMENT_SHIFT, AUGMENT_SHIFT, fill_mode="constant", seed=SEED',
                indent=" " * 8,
                end=",",
            )
        )
    if config.augment_flip:
        steps.append('        layers.RandomFlip("horizontal", seed=SEED),\n')
    return (
        "\n# Random shifts and flips, active only while training; the test scores `model` alone.\n"
        "trainer = keras.Sequential(\n"
        "    [\n"
        "        keras.Input(shape=INPUT_SHAPE),\n"
        f"{''.join(steps)}"
        "        model,\n"
        "    ],\n"
        '    name="augmented",\n'
        ")\n"
    )


def _compile_code(config: TrainConfig, trainer: str) -> str:
    code = (
        "\n# --- compile\n\n"
        + (
            "steps = math.ceil(len(x_train) / BATCH_SIZE) * args.epochs  # weight updates in all\n"
            if config.schedule != "constant"
            else ""
        )
        + SCHEDULE_CODE[config.schedule]
        + f"optimizer = {_optimizer_code(config)}\n"
    )
    if not config.label_smoothing:
        return code + _call_lines(
            f"{trainer}.compile",
            'optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"]',
        )
    validated = _has_validation(config)
    return code + (
        "# Label smoothing needs one-hot labels, and so the categorical loss and accuracy.\n"
        "y_train = keras.utils.to_categorical(y_train, NUM_CLASSES)\n"
        + ("y_val = keras.utils.to_categorical(y_val, NUM_CLASSES)\n" if validated else "")
        + f"{trainer}.compile(\n"
        "    optimizer=optimizer,\n"
        "    loss=keras.losses.CategoricalCrossentropy(label_smoothing=LABEL_SMOOTHING),\n"
        '    metrics=[keras.metrics.CategoricalAccuracy(name="accuracy")],\n'
        ")\n"
    )


def _fit_code(config: TrainConfig, trainer: str) -> str:
    arguments = ["x_train", "y_train", "batch_size=BATCH_SIZE", "epochs=args.epochs"]
    code = "\n# --- fit\n\n"
    if _has_validation(config):
        arguments.append("validation_data=(x_val, y_val)")
        if config.early_stopping_patience:
            code += (
                "early_stopping = keras.callbacks.EarlyStopping(\n"
                '    monitor="val_loss", patience=PATIENCE, restore_best_weights=True\n'
                ")\n"
            )
            arguments.append("callbacks=[early_stopping]")
    return code + f"{trainer}.fit(\n" + "".join(f"    {a},\n" for a in arguments) + ")\n"


_EVALUATE_CODE = """
# --- evaluate on the test images

# Scored as the studio scores a run: the plain cross-entropy of the true class (whatever
# smoothing trained with) and the share of images whose most likely class is the true one.
probabilities = model.predict(x_test, batch_size=1024, verbose=0)
chosen = probabilities[np.arange(len(y_test)), y_test]
test_loss = -np.mean(np.log(np.clip(chosen, 1e-7, 1.0)))
test_accuracy = np.mean(probabilities.argmax(axis=1) == y_test)
print(f"test loss {test_loss:.4f}, test accuracy {test_accuracy:.4f}")
"""
