"""Training: the settings (``TrainConfig``) and one run from data to saved model (``train``).

``train(run, store)`` reads like a Keras example: prepare the data, build the model, compile, fit
with the streaming callback, save, evaluate on the test prepared. It uses only ``keras`` APIs, so
``KERAS_BACKEND=jax`` (or torch) trains the same models. Keras is imported inside the functions
that need it: the dashboard validates settings with this module without loading Keras.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from fmnist_core import data, device, feeding
from fmnist_core.store import Run, RunStore

OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")

# How a run uses a GPU. Each choice is backed by a figure from a lent GPU in bench/README.md
# ("GPU"); the benchmark there changes them to measure the alternatives.
# Mixed precision computes in this type and keeps weights in float32.
MIXED_POLICY = "mixed_bfloat16"
# Keras' "auto": XLA-compiled steps on a GPU with TensorFlow, always jitted with JAX, as long as
# every layer allows it (the studio's random shift does; Keras' RandomTranslation would not).
JIT_COMPILE: bool | str = "auto"
SCHEDULES = ("constant", "cosine", "one-cycle")
VALIDATION_SOURCES = ("split", "test")


# What an out-of-range setting must be, in English; the dashboard has the same keys in Korean.
ALLOWED_TEXTS = {
    "whole_number_range": "a whole number {low}–{high}",
    "number_range": "between {low} and {high}",
    "one_of": "one of {choices}",
    "all_or_at_least": "all (or 0) for every image, or a whole number of at least {low}",
    "all_or_range": "all (or 0) for every image, or a whole number {low}–{high}",
    "zero_or_range": "0 for every image, or a whole number {low}–{high}",
    "true_or_false": "true or false",
    "patience": "a whole number {low}–{high} (0 turns it off)",
}

# What each kind of setting allows, as an ``ALLOWED_TEXTS`` key.
KINDS = {
    "whole": "whole_number_range",  # an int from low to high
    "number": "number_range",  # a finite int or float from low to high
    "choice": "one_of",  # one of choices
    "bool": "true_or_false",
    "optional_whole": "all_or_at_least",  # None (all), or an int of at least low
}


@dataclass(frozen=True)
class Setting:
    """One training setting, declared once in its ``TrainConfig`` field's metadata: what it
    allows (validation), how the Train page offers it and how the command line takes it.

    >>> SETTINGS["epochs"].accepts(0), SETTINGS["epochs"].flag
    (False, '--epochs')
    """

    kind: str  # a key of KINDS
    label: str  # message key naming it on the Train page and in its messages
    flag: str  # command-line flag
    help: str  # command-line help, in English
    widget: str  # the Train page's widget: slider, select_slider, selectbox, radio, ...
    low: float | None = None
    high: float | None = None
    choices: tuple = ()  # each named on the page by the message "<setting>.<choice>"
    steps: tuple = ()  # the values a select_slider offers, all within low..high
    step: float | None = None  # a slider's or number box's step
    switch: Any = None  # not None: the flag takes no value and sets the setting to this
    allowed: str = ""  # an ALLOWED_TEXTS key, where the kind's usual words are not enough
    help_key: str = ""  # message key of the widget's tooltip
    only_when: tuple[str, Any] | None = None  # (setting, value): otherwise it is not used
    in_recipe: bool = True  # False: a recipe button leaves it as the user set it
    zero_is_off: bool = False  # 0 turns it off (early stopping): shown as "off", not 0

    @property
    def allowed_key(self) -> str:
        """The ``ALLOWED_TEXTS`` key that says what this setting allows."""
        return self.allowed or KINDS[self.kind]

    def allowed_values(self) -> dict[str, str]:
        """The values that fill in ``allowed_key``'s text."""
        if self.kind == "choice":
            return {"choices": ", ".join(self.choices)}
        bounds = {"low": self.low, "high": self.high}
        return {name: plain_number(bound) for name, bound in bounds.items() if bound is not None}

    def accepts(self, value: Any) -> bool:
        """Whether ``value`` is allowed for this setting."""
        if self.kind == "choice":
            return value in self.choices
        if self.kind == "bool":
            return isinstance(value, bool)
        if self.kind == "optional_whole":
            return value is None or (_is_int(value) and value >= self.low)
        typed = _is_int(value) if self.kind == "whole" else _is_number(value)
        return typed and self.low <= value <= self.high


def recipe_changes(values: dict[str, Any], recipe: TrainConfig) -> dict[str, Any]:
    """The settings ``recipe`` sets where ``values`` (a config as a dict) differ from it, with
    the values given."""
    return {
        name: values.get(name)
        for name, declared in SETTINGS.items()
        if declared.in_recipe and values.get(name) != getattr(recipe, name)
    }


def setting(default: Any, **declaration: Any) -> Any:
    """A ``TrainConfig`` field with ``default`` and its ``Setting`` declaration as metadata."""
    return field(default=default, metadata={"setting": Setting(**declaration)})


def plain_number(number: float) -> str:
    """A bound as a person writes it: 1e-6 as 0.000001, 1.0 as 1."""
    if isinstance(number, int):
        return str(number)
    return f"{number:.10f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class SettingProblem:
    """One training setting out of range: ``key`` names what is allowed (``ALLOWED_TEXTS``) and
    ``values`` fill it in, so the dashboard can say it in another language."""

    setting: str
    value: str  # as the user would recognise it: repr() of what was given
    key: str
    values: dict[str, str] = field(default_factory=dict)

    @property
    def allowed(self) -> str:
        """What the setting must be, in English."""
        return ALLOWED_TEXTS[self.key].format(**self.values)

    def __str__(self) -> str:
        return f"{self.setting} is {self.value}; it must be {self.allowed}"


@dataclass(frozen=True)
class TrainConfig:
    """How to train: every setting the Train page and the command line offer, each declared once
    (its range, widget and flag) in its field's ``Setting``."""

    epochs: int = setting(
        10,
        kind="whole",
        low=1,
        high=200,
        label="train.epochs",
        flag="--epochs",
        help="passes over the training images",
        widget="slider",
    )
    batch_size: int = setting(
        128,
        kind="whole",
        low=8,
        high=4096,
        steps=(8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096),
        label="train.batch",
        flag="--batch-size",
        help="images per weight update",
        widget="select_slider",
    )
    optimizer: str = setting(
        "adam",
        kind="choice",
        choices=OPTIMIZERS,  # sgd with momentum 0.9
        label="train.optimizer",
        flag="--optimizer",
        help="how the weights are updated",
        widget="selectbox",
    )
    learning_rate: float = setting(
        0.001,
        kind="number",
        low=1e-6,
        high=1.0,
        steps=(1e-5, 3e-5, 1e-4, 3e-4, 5e-4, 0.001, 0.002, 0.003, 0.005, 0.01, 0.03, 0.1),
        label="train.lr",
        flag="--lr",
        help="learning rate (the peak rate for one-cycle)",
        widget="select_slider",
    )
    schedule: str = setting(
        "constant",
        kind="choice",
        choices=SCHEDULES,
        label="train.schedule",
        flag="--schedule",
        help="how the learning rate changes over the run",
        widget="selectbox",
    )
    validation: str = setting(
        "split",  # "split": hold out the training data's end; "test": the test set
        kind="choice",
        choices=VALIDATION_SOURCES,
        switch="test",
        label="train.validation",
        flag="--validate-on-test",
        help="use the test split as validation data",
        widget="radio",
    )
    validation_split: float = setting(
        0.1,  # of the training images, taken from their end as Keras' validation_split does
        kind="number",
        low=0,
        high=0.5,
        step=0.05,
        only_when=("validation", "split"),
        label="train.val_split",
        flag="--validation-split",
        help="fraction of the training images held out for validation",
        widget="slider",
    )
    limit_train: int | None = setting(
        None,  # train on the first N training images only (quick runs)
        kind="optional_whole",
        low=10,
        step=100,
        in_recipe=False,
        label="train.limit",
        help_key="train.limit_help",
        flag="--limit-train",
        help="train on the first N images (default: all)",
        widget="number_input",
    )
    augment_shift: float = setting(
        0.0,  # random shift, as a fraction of the image (0 = off)
        kind="number",
        low=0,
        high=0.3,
        step=0.02,
        label="train.shift",
        help_key="train.shift_help",
        flag="--augment-shift",
        help="random shift as a fraction of the image (0 = off)",
        widget="slider",
    )
    augment_flip: bool = setting(
        False,
        kind="bool",
        switch=True,
        label="train.flip",
        flag="--flip",
        help="random horizontal flips",
        widget="checkbox",
    )
    early_stopping_patience: int = setting(
        0,  # epochs without val_loss improvement before stopping
        kind="whole",
        low=0,
        high=50,
        allowed="patience",
        label="train.patience",
        help_key="train.patience_help",
        zero_is_off=True,
        flag="--patience",
        help="early-stopping patience: epochs without a better val_loss",
        widget="number_input",
    )
    label_smoothing: float = setting(
        0.0,
        kind="number",
        low=0,
        high=0.3,
        step=0.05,
        label="train.smoothing",
        flag="--label-smoothing",
        help="label smoothing of the cross-entropy loss",
        widget="slider",
    )
    seed: int = setting(
        42,
        kind="whole",
        low=0,
        high=2**31 - 1,
        in_recipe=False,
        label="train.seed",
        flag="--seed",
        help="random seed (weights, shuffling, augmentation)",
        widget="number_input",
    )
    mixed_precision: bool = setting(
        # MIXED_POLICY compute where the device does bfloat16 natively: a GPU, or a CPU with
        # bfloat16 instructions (device.cpu_computes_bfloat16); float32 elsewhere. Off by
        # default, as in Keras; each recipe says (bench/README.md, cpu_settings and GPU: it
        # shortened the strong net's CPU epochs and, at batch 256, the fast net's; on an H200
        # compiling took longer, so short runs there gained nothing).
        False,
        kind="bool",
        switch=True,
        label="train.mixed",
        help_key="train.mixed_help",
        flag="--mixed-precision",
        help="compute in bfloat16 where the device does it natively (a GPU, or a CPU with "
        "AMX or AVX-512 BF16); weights stay float32",
        widget="checkbox",
    )

    def setting_problems(self) -> list[SettingProblem]:
        """Each out-of-range setting, with what is allowed; empty when all are fine."""
        problems = []
        for name, declared in SETTINGS.items():
            value = getattr(self, name)
            if not declared.accepts(value):
                problems.append(
                    SettingProblem(
                        name, repr(value), declared.allowed_key, declared.allowed_values()
                    )
                )
        return problems

    def has_validation_data(self) -> bool:
        """Whether training sees validation data: the test set, or a split above 0."""
        return self.validation == "test" or self.validation_split > 0

    def idle_settings(self) -> list[str]:
        """Settings given a value that cannot act with the others: early stopping watches the
        validation loss, which a validation split of 0 leaves out. (Allowed, since the user
        may mean it, but worth saying.)"""
        if self.early_stopping_patience and not self.has_validation_data():
            return ["early_stopping_patience"]
        return []

    def problems(self) -> list[str]:
        """Each out-of-range setting as an English sentence saying what is allowed."""
        return [str(problem) for problem in self.setting_problems()]

    def to_dict(self) -> dict[str, Any]:
        """The settings as a plain dict (stored with the run)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        """Settings from a dict; unknown names are refused (ValueError) rather than ignored."""
        unknown = set(values) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ValueError(f"unknown training setting(s): {', '.join(sorted(unknown))}")
        return cls(**values)


# Each setting's declaration, by field name, in the order the fields are declared.
SETTINGS: dict[str, Setting] = {
    f.name: f.metadata["setting"] for f in dataclasses.fields(TrainConfig)
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)


# The lecture's recipe: model.fit(train_X, train_Y, epochs=25, validation_split=0.25), batch 32,
# Adam at Keras' default rate.
LECTURE_RECIPE = TrainConfig(
    epochs=25, batch_size=32, optimizer="adam", learning_rate=0.001, validation_split=0.25
)

RECIPES = {
    "lecture": LECTURE_RECIPE,
    # For the `fast` preset on a CPU, chosen on the validation split (bench/README.md, tuning):
    # one-cycle at a high peak rate, mild label smoothing, no augmentation (it pays off only in
    # longer runs); in mixed bfloat16 precision batch 256 had the shortest epoch measured
    # (cpu_settings). 9 epochs of the 16-then-96-filter network ended with a higher median and
    # lowest seed than 10 of the former 32-then-64 one, in about 0.8 of its time.
    "fast": TrainConfig(
        epochs=9,
        batch_size=256,
        optimizer="adam",
        learning_rate=0.005,
        schedule="one-cycle",
        validation_split=0.1,
        label_smoothing=0.05,
        mixed_precision=True,
    ),
    # For the `strong` preset: the most accuracy in ten minutes of a 2-core CPU, chosen on the
    # validation split (bench/README.md, tuning): flips, not shifts, pay off in a run this short.
    "strong": TrainConfig(
        epochs=25,
        batch_size=128,
        optimizer="adam",
        learning_rate=0.003,
        schedule="one-cycle",
        validation_split=0.1,
        augment_flip=True,
        label_smoothing=0.05,
        mixed_precision=True,
    ),
    # For the `best` preset on a GPU.
    "best": TrainConfig(
        epochs=30,
        batch_size=256,
        optimizer="adamw",
        learning_rate=0.003,
        schedule="one-cycle",
        validation_split=0.1,
        augment_shift=0.1,
        augment_flip=True,
        label_smoothing=0.1,
    ),
}

# The recipe each preset was made with: the lecture's for its three models, ours for our own.
PRESET_RECIPES = {
    "lecture-1": "lecture",
    "lecture-2": "lecture",
    "lecture-3": "lecture",
    "fast": "fast",
    "strong": "strong",
    "best": "best",
}


def recipe_for(preset: str | None) -> str:
    """The recipe ``preset`` was made with (``PRESET_RECIPES``); the fast one for a network of
    one's own (None)."""
    return PRESET_RECIPES.get(preset or "", "fast")


@dataclass(frozen=True)
class PreparedData:
    """Arrays for one fit: float32 images (N, 28, 28, 1) and integer labels (N,)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray | None
    y_val: np.ndarray | None
    x_test: np.ndarray
    y_test: np.ndarray


def prepare_data(dataset: data.Dataset, config: TrainConfig) -> PreparedData:
    """Training, validation and test arrays as the config asks, converted to float32 once.

    The validation split is taken from the end of the (limited) training data, as Keras'
    ``validation_split`` does, so lecture recipes see the same images.
    """
    images, labels = dataset.train_images, dataset.train_labels
    if config.limit_train:
        images, labels = images[: config.limit_train], labels[: config.limit_train]
    x_test = data.to_model_input(dataset.test_images)
    y_test = dataset.test_labels.astype(np.int32)
    if config.validation == "test":
        return PreparedData(
            data.to_model_input(images), labels.astype(np.int32), x_test, y_test, x_test, y_test
        )
    # Keras' own rule: split_at = floor(N * (1 - validation_split)).
    cut = int(np.floor(len(labels) * (1.0 - config.validation_split)))
    x = data.to_model_input(images)
    y = labels.astype(np.int32)
    if cut == len(labels):
        return PreparedData(x, y, None, None, x_test, y_test)
    return PreparedData(x[:cut], y[:cut], x[cut:], y[cut:], x_test, y_test)


def one_cycle(peak: float, total_steps: int, warmup: float = 0.3):
    """Smith's one-cycle policy as Keras' own ``CosineDecay``: a linear warm-up from peak/10 to
    ``peak`` over the first ``warmup`` of the steps, then a cosine down to peak/1000.

    Keras' class (not one of ours) so that a saved model loads with plain
    ``keras.models.load_model`` wherever Keras is installed.
    """
    import keras

    warmup_steps = max(1, round(total_steps * warmup))
    return keras.optimizers.schedules.CosineDecay(
        peak / 10,
        decay_steps=max(1, total_steps - warmup_steps),
        alpha=0.001,
        warmup_target=peak,
        warmup_steps=warmup_steps,
    )


@contextlib.contextmanager
def dtype_policy(name: str) -> Iterator[None]:
    """Keras' global dtype policy set to ``name`` while layers are built, then put back: each
    layer keeps the policy it was built with, and later models in this process (a benchmark's
    baseline, the next run) start from the policy they expect."""
    import keras

    before = keras.mixed_precision.global_policy()
    keras.mixed_precision.set_global_policy(name)
    try:
        yield
    finally:
        keras.mixed_precision.set_global_policy(before)


def _optimizer(config: TrainConfig, total_steps: int):
    import keras

    rate: Any = config.learning_rate
    if config.schedule == "cosine":
        rate = keras.optimizers.schedules.CosineDecay(config.learning_rate, total_steps, alpha=0.01)
    elif config.schedule == "one-cycle":
        rate = one_cycle(config.learning_rate, total_steps)
    if config.optimizer == "adamw":
        return keras.optimizers.AdamW(rate, weight_decay=5e-4)
    if config.optimizer == "sgd":
        return keras.optimizers.SGD(rate, momentum=0.9, nesterov=True)
    if config.optimizer == "rmsprop":
        return keras.optimizers.RMSprop(rate)
    return keras.optimizers.Adam(rate)


def train(
    run: Run,
    store: RunStore,
    dataset: data.Dataset | None = None,
    *,
    on_gpu: bool = False,
    extra_callbacks: tuple = (),
    score_test: bool = True,
) -> str:
    """Train ``run`` (already marked running) and record everything; returns the final status.

    Epochs stream into ``store`` as they finish; Stop (the run's stop flag) ends training after
    the current batch and keeps the partial model. Exceptions propagate: the caller records them.
    Mixed precision (the run's setting) is used where the device computes bfloat16 natively: on
    a GPU, or a CPU with bfloat16 instructions. ``score_test=False`` finishes without scoring the
    test split (benchmarks that choose a recipe must not look at it).
    """
    import keras

    from fmnist_core.architectures import build_model
    from fmnist_core.augmentation import with_augmentation
    from fmnist_core.callbacks import StoreStreamer

    config = TrainConfig.from_dict(run.config)
    keras.utils.set_random_seed(config.seed)
    use_mixed = config.mixed_precision and (on_gpu or device.cpu_computes_bfloat16())

    # --- data
    prepared = prepare_data(dataset or data.load_dataset(), config)
    steps_per_epoch = -(-len(prepared.y_train) // config.batch_size)

    # --- model
    with dtype_policy(MIXED_POLICY if use_mixed else "float32"):
        model = build_model(run.spec)
        trainer = with_augmentation(model, config.augment_shift, config.augment_flip, config.seed)
    store.set_params(run.id, model.count_params())
    if config.label_smoothing:
        loss = keras.losses.CategoricalCrossentropy(label_smoothing=config.label_smoothing)
        accuracy = keras.metrics.CategoricalAccuracy(name="accuracy")
        y_train = keras.utils.to_categorical(prepared.y_train, data.NUM_CLASSES)
        y_val = (
            None
            if prepared.y_val is None
            else keras.utils.to_categorical(prepared.y_val, data.NUM_CLASSES)
        )
    else:
        loss = keras.losses.SparseCategoricalCrossentropy()
        accuracy = keras.metrics.SparseCategoricalAccuracy(name="accuracy")
        y_train, y_val = prepared.y_train, prepared.y_val
    trainer.compile(
        optimizer=_optimizer(config, steps_per_epoch * config.epochs),
        loss=loss,
        metrics=[accuracy],
        jit_compile=JIT_COMPILE,
    )

    # --- fit
    streamer = StoreStreamer(store, run.id)
    callbacks = [streamer, *extra_callbacks]
    if config.early_stopping_patience and prepared.x_val is not None:
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor="val_loss",
                patience=config.early_stopping_patience,
                restore_best_weights=True,
            )
        )
    trainer.fit(
        **feeding.fit_inputs(prepared.x_train, y_train, config.batch_size, config.seed),
        epochs=config.epochs,
        verbose=0,
        validation_data=feeding.validation_inputs(prepared.x_val, y_val, config.batch_size),
        callbacks=callbacks,
    )

    # --- save, then evaluate on the test split
    # Saved compiled as the lecture's code uses it, model.evaluate(test_X, test_Y) with integer
    # labels, whatever the loss trained with (label smoothing needs one-hot labels) and whether
    # augmentation wrapped it; the optimizer, with its state, is the one that trained it.
    model.compile(
        optimizer=trainer.optimizer,
        loss=keras.losses.SparseCategoricalCrossentropy(),
        metrics=[keras.metrics.SparseCategoricalAccuracy(name="accuracy")],
    )
    folder = store.run_dir(run.id)
    save_model(model, folder)
    history = [dataclasses.asdict(epoch) for epoch in store.epochs(run.id)]
    (folder / "history.json").write_text(json.dumps(history, indent=1))
    if streamer.stopped_by_user:
        store.finish_run(run.id, "stopped")
        return "stopped"
    if not score_test:
        store.finish_run(run.id, "finished")
        return "finished"
    probabilities = model.predict(
        **feeding.predict_inputs(prepared.x_test, batch_size=1024), verbose=0
    ).astype(np.float32)
    test_loss, test_accuracy = save_test_results(folder, prepared.y_test, probabilities)
    store.finish_run(run.id, "finished", test_loss=test_loss, test_accuracy=test_accuracy)
    return "finished"


def save_model(model, folder: Path) -> Path:
    """Save ``model.keras`` to a temporary name, then rename: readers never see half a file."""
    final = Path(folder) / "model.keras"
    partial = Path(folder) / f"model.{os.getpid()}.partial.keras"
    try:
        model.save(partial)
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)  # a failed save (disk full) leaves nothing half-written
    return final


def save_test_results(
    folder: Path, true_labels: np.ndarray, probabilities: np.ndarray
) -> tuple[float, float]:
    """Store test predictions and the confusion matrix; returns (test loss, test accuracy).

    The loss is the plain cross-entropy of the true class, whatever smoothing training used, so
    runs compare on the same footing.
    """
    from fmnist_core.evaluation import confusion_matrix

    predicted = probabilities.argmax(axis=1)
    chosen = probabilities[np.arange(len(true_labels)), true_labels]
    test_loss = float(-np.mean(np.log(np.clip(chosen, 1e-7, 1.0))))
    test_accuracy = float(np.mean(predicted == true_labels))
    matrix = confusion_matrix(true_labels, predicted)
    partial = Path(folder) / "predictions.partial.npz"
    try:
        np.savez_compressed(
            partial,
            probabilities=probabilities.astype(np.float16),
            true_labels=true_labels.astype(np.uint8),
            predicted_labels=predicted.astype(np.uint8),
            confusion=matrix,
        )
        os.replace(partial, Path(folder) / "predictions.npz")
    finally:
        partial.unlink(missing_ok=True)
    (Path(folder) / "confusion.json").write_text(json.dumps(matrix.tolist()))
    return test_loss, test_accuracy
