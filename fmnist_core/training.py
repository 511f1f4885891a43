"""Training: the settings (``TrainConfig``) and one run from data to saved model (``train``).

``train(run, store)`` reads like a Keras example: prepare the data, build the model, compile, fit
with the streaming callback, save, evaluate on the test split. It uses only ``keras`` APIs, so
``KERAS_BACKEND=jax`` (or torch) trains the same models. Keras is imported inside the functions
that need it: the dashboard validates settings with this module without loading Keras.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from fmnist_core import data
from fmnist_core.store import Run, RunStore

OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
SCHEDULES = ("constant", "cosine", "one-cycle")
VALIDATION_SOURCES = ("split", "test")


# What an out-of-range setting must be, in English; the dashboard has the same keys in Korean.
ALLOWED_TEXTS = {
    "whole_number_range": "a whole number {low}–{high}",
    "number_range": "between {low} and {high}",
    "one_of": "one of {choices}",
    "all_or_at_least": "empty (all images) or at least {low}",
    "true_or_false": "true or false",
    "patience": "a whole number {low}–{high} (0 turns it off)",
}


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


def _allowed_values(key: str, bounds: tuple) -> dict[str, str]:
    if key == "one_of":
        return {"choices": ", ".join(bounds)}
    return dict(zip(("low", "high"), (str(bound) for bound in bounds), strict=False))


@dataclass(frozen=True)
class TrainConfig:
    """How to train: every setting the Train page and the command line offer, with its range."""

    epochs: int = 10  # 1..200
    batch_size: int = 128  # 8..4096
    optimizer: str = "adam"  # adam, adamw, sgd (momentum 0.9), rmsprop
    learning_rate: float = 0.001  # 1e-6..1
    schedule: str = "constant"  # constant, cosine, one-cycle
    validation: str = "split"  # "split": hold out the training data's end; "test": the test set
    validation_split: float = 0.1  # 0..0.5 of the training images (as Keras' validation_split)
    limit_train: int | None = None  # train on the first N training images only (quick runs)
    augment_shift: float = 0.0  # random shift, as a fraction of the image (0 = off, up to 0.3)
    augment_flip: bool = False  # random horizontal flip
    early_stopping_patience: int = 0  # epochs without val_loss improvement before stopping; 0 off
    label_smoothing: float = 0.0  # 0..0.3
    seed: int = 42
    mixed_precision: bool = True  # float16 compute, used only when training on a GPU

    def setting_problems(self) -> list[SettingProblem]:
        """Each out-of-range setting, with what is allowed; empty when all are fine."""
        whole = "whole_number_range"
        checks = [
            (_is_int(self.epochs) and 1 <= self.epochs <= 200, "epochs", whole, (1, 200)),
            (
                _is_int(self.batch_size) and 8 <= self.batch_size <= 4096,
                "batch_size",
                whole,
                (8, 4096),
            ),
            (self.optimizer in OPTIMIZERS, "optimizer", "one_of", OPTIMIZERS),
            (
                _is_number(self.learning_rate) and 1e-6 <= self.learning_rate <= 1.0,
                "learning_rate",
                "number_range",
                ("0.000001", 1),
            ),
            (self.schedule in SCHEDULES, "schedule", "one_of", SCHEDULES),
            (self.validation in VALIDATION_SOURCES, "validation", "one_of", VALIDATION_SOURCES),
            (
                _is_number(self.validation_split) and 0 <= self.validation_split <= 0.5,
                "validation_split",
                "number_range",
                (0, 0.5),
            ),
            (
                self.limit_train is None or (_is_int(self.limit_train) and self.limit_train >= 10),
                "limit_train",
                "all_or_at_least",
                (10,),
            ),
            (
                _is_number(self.augment_shift) and 0 <= self.augment_shift <= 0.3,
                "augment_shift",
                "number_range",
                (0, 0.3),
            ),
            (isinstance(self.augment_flip, bool), "augment_flip", "true_or_false", ()),
            (
                _is_int(self.early_stopping_patience) and 0 <= self.early_stopping_patience <= 50,
                "early_stopping_patience",
                "patience",
                (0, 50),
            ),
            (
                _is_number(self.label_smoothing) and 0 <= self.label_smoothing <= 0.3,
                "label_smoothing",
                "number_range",
                (0, 0.3),
            ),
            (_is_int(self.seed) and 0 <= self.seed < 2**31, "seed", whole, (0, 2**31 - 1)),
            (isinstance(self.mixed_precision, bool), "mixed_precision", "true_or_false", ()),
        ]
        return [
            SettingProblem(name, repr(getattr(self, name)), key, _allowed_values(key, bounds))
            for ok, name, key, bounds in checks
            if not ok
        ]

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
    # For the `fast` preset on a CPU, found by measurement (bench/README.md): one-cycle at a high
    # peak rate gets there in 6 epochs; batch 128 is as fast per epoch as larger batches here and
    # learns more per epoch; mild label smoothing; no augmentation, which pays off only in longer
    # runs.
    "fast": TrainConfig(
        epochs=6,
        batch_size=128,
        optimizer="adam",
        learning_rate=0.005,
        schedule="one-cycle",
        validation_split=0.1,
        label_smoothing=0.05,
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


@dataclass(frozen=True)
class Split:
    """Arrays for one fit: float32 images (N, 28, 28, 1) and integer labels (N,)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray | None
    y_val: np.ndarray | None
    x_test: np.ndarray
    y_test: np.ndarray


def prepare_data(dataset: data.Dataset, config: TrainConfig) -> Split:
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
        return Split(
            data.to_model_input(images), labels.astype(np.int32), x_test, y_test, x_test, y_test
        )
    # Keras' own rule: split_at = floor(N * (1 - validation_split)).
    cut = int(np.floor(len(labels) * (1.0 - config.validation_split)))
    x = data.to_model_input(images)
    y = labels.astype(np.int32)
    if cut == len(labels):
        return Split(x, y, None, None, x_test, y_test)
    return Split(x[:cut], y[:cut], x[cut:], y[cut:], x_test, y_test)


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


def _with_augmentation(model, config: TrainConfig):
    """The model to fit: ``model`` itself, or wrapped behind random shift/flip layers.

    The augmentation layers are only active in training; the saved model is ``model`` alone.
    """
    import keras

    augment = []
    if config.augment_shift:
        augment.append(
            keras.layers.RandomTranslation(
                config.augment_shift, config.augment_shift, fill_mode="constant", seed=config.seed
            )
        )
    if config.augment_flip:
        augment.append(keras.layers.RandomFlip("horizontal", seed=config.seed))
    if not augment:
        return model
    from fmnist_core.architectures import INPUT_SHAPE

    return keras.Sequential([keras.Input(shape=INPUT_SHAPE), *augment, model], name="augmented")


def train(
    run: Run,
    store: RunStore,
    dataset: data.Dataset | None = None,
    *,
    on_gpu: bool = False,
    extra_callbacks: tuple = (),
) -> str:
    """Train ``run`` (already marked running) and record everything; returns the final status.

    Epochs stream into ``store`` as they finish; Stop (the run's stop flag) ends training after
    the current batch and keeps the partial model. Exceptions propagate: the caller records them.
    """
    import keras

    from fmnist_core.architectures import build_model
    from fmnist_core.callbacks import StoreStreamer

    config = TrainConfig.from_dict(run.config)
    keras.utils.set_random_seed(config.seed)
    use_mixed = on_gpu and config.mixed_precision
    keras.mixed_precision.set_global_policy("mixed_float16" if use_mixed else "float32")

    # --- data
    split = prepare_data(dataset or data.load_dataset(), config)
    steps_per_epoch = -(-len(split.y_train) // config.batch_size)

    # --- model
    model = build_model(run.spec)
    store.set_params(run.id, model.count_params())
    trainer = _with_augmentation(model, config)
    if config.label_smoothing:
        loss = keras.losses.CategoricalCrossentropy(label_smoothing=config.label_smoothing)
        accuracy = keras.metrics.CategoricalAccuracy(name="accuracy")
        y_train = keras.utils.to_categorical(split.y_train, data.NUM_CLASSES)
        y_val = None if split.y_val is None else keras.utils.to_categorical(split.y_val, 10)
    else:
        loss = keras.losses.SparseCategoricalCrossentropy()
        accuracy = keras.metrics.SparseCategoricalAccuracy(name="accuracy")
        y_train, y_val = split.y_train, split.y_val
    trainer.compile(
        optimizer=_optimizer(config, steps_per_epoch * config.epochs), loss=loss, metrics=[accuracy]
    )

    # --- fit
    streamer = StoreStreamer(store, run.id)
    callbacks = [streamer, *extra_callbacks]
    if config.early_stopping_patience and split.x_val is not None:
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor="val_loss",
                patience=config.early_stopping_patience,
                restore_best_weights=True,
            )
        )
    trainer.fit(
        split.x_train,
        y_train,
        batch_size=config.batch_size,
        epochs=config.epochs,
        shuffle=True,
        verbose=0,
        validation_data=None if split.x_val is None else (split.x_val, y_val),
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
    probabilities = model.predict(split.x_test, batch_size=1024, verbose=0).astype(np.float32)
    test_loss, test_accuracy = save_test_results(folder, split.y_test, probabilities)
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
