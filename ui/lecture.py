"""The lecture "텐서플로 기반 딥러닝 — Fashion MNIST, CNN 적용" as the Lecture page follows it.

Its code cells and what it printed, kept as the lecture's own record (the studio's figures are
computed live next to them, never copied from here), and the small sums the page does with the
data in use: how many images train, how many steps an epoch takes, which stored runs are runs of
a lecture model.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection, Sequence

from fmnist_core import architectures, data, training
from fmnist_core.measured import LECTURE_TEST_ACCURACY
from fmnist_core.store import Run
from fmnist_core.training import LECTURE_RECIPE

# The lecture's three models, in the order it builds them.
LECTURE_MODELS = tuple(LECTURE_TEST_ACCURACY)
# Step 5's quick try: the lecture's recipe on fewer images and epochs, so that a class on CPUs
# sees the curves grow within minutes (the full recipe takes lecture-3 over an hour there).
QUICK_RECIPE = dataclasses.replace(LECTURE_RECIPE, epochs=3, limit_train=12_000)
PRESET_LAYERS = {key: architectures.preset(key)["layers"] for key in LECTURE_MODELS}

# What the lecture printed (on the full 60,000 + 10,000 images).
# The steps' headings in the lecture's order; each opens with its number ("3. The first 16 …"),
# which makes its anchor (#step-3).
STEP_TITLES = (
    "lecture.load_title",
    "lecture.reshape_title",
    "lecture.grid_title",
    "lecture.model1_title",
    "lecture.fit_title",
    "lecture.plots_title",
    "lecture.evaluate_title",
    "lecture.model2_title",
    "lecture.model3_title",
)
LECTURE_FIRST_LABELS = "[9 0 0 3 0 2 7 2 5 5 0 9 5 5 7 9]"
LECTURE_TOTAL_PARAMS = {"lecture-1": 3_989_642, "lecture-2": 241_546, "lecture-3": 5_240_842}
LECTURE_IMAGES = {"train": 60_000, "test": 10_000}

LOAD_CODE = """\
import tensorflow as tf

fashion_mnist = tf.keras.datasets.fashion_mnist
(train_X, train_Y), (test_X, test_Y) = fashion_mnist.load_data()
print(train_X.shape, test_X.shape)
print(train_X.min(), train_X.max())

train_X = train_X / 255.0
test_X = test_X / 255.0
print(train_X.min(), train_X.max())"""

RESHAPE_CODE = """\
train_X = train_X.reshape(-1, 28, 28, 1)
test_X = test_X.reshape(-1, 28, 28, 1)
print(train_X.shape, test_X.shape)"""

GRID_CODE = """\
import matplotlib.pyplot as plt

plt.figure(figsize=(10, 10))
for c in range(16):
    plt.subplot(4, 4, c + 1)
    plt.imshow(train_X[c].reshape(28, 28), cmap='gray')
plt.show()

print(train_Y[:16])"""

MODEL_CODE = {
    "lecture-1": """\
model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(input_shape=(28, 28, 1), kernel_size=(3, 3), filters=16),
    tf.keras.layers.Conv2D(kernel_size=(3, 3), filters=32),
    tf.keras.layers.Conv2D(kernel_size=(3, 3), filters=64),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(units=128, activation='relu'),
    tf.keras.layers.Dense(units=10, activation='softmax')
])""",
    "lecture-2": """\
model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(input_shape=(28, 28, 1), kernel_size=(3, 3), filters=32),
    tf.keras.layers.MaxPool2D(strides=(2, 2)),
    tf.keras.layers.Conv2D(kernel_size=(3, 3), filters=64),
    tf.keras.layers.MaxPool2D(strides=(2, 2)),
    tf.keras.layers.Conv2D(kernel_size=(3, 3), filters=128),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(units=128, activation='relu'),
    tf.keras.layers.Dropout(rate=0.3),
    tf.keras.layers.Dense(units=10, activation='softmax')
])""",
    "lecture-3": """\
model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(input_shape=(28, 28, 1), kernel_size=(3, 3), filters=32,
                           padding='same', activation='relu'),
    tf.keras.layers.Conv2D(kernel_size=(3, 3), filters=64, padding='same', activation='relu'),
    tf.keras.layers.MaxPool2D(pool_size=(2, 2)),
    tf.keras.layers.Dropout(rate=0.5),
    tf.keras.layers.Conv2D(kernel_size=(3, 3), filters=128, padding='same', activation='relu'),
    tf.keras.layers.Conv2D(kernel_size=(3, 3), filters=256, padding='valid', activation='relu'),
    tf.keras.layers.MaxPool2D(pool_size=(2, 2)),
    tf.keras.layers.Dropout(rate=0.5),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(units=512, activation='relu'),
    tf.keras.layers.Dropout(rate=0.5),
    tf.keras.layers.Dense(units=256, activation='relu'),
    tf.keras.layers.Dropout(rate=0.5),
    tf.keras.layers.Dense(units=10, activation='softmax')
])""",
}

COMPILE_CODE = """\
model.compile(optimizer=tf.keras.optimizers.Adam(),
              loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])
model.summary()"""

FIT_CODE = "history = model.fit(train_X, train_Y, epochs=25, validation_split=0.25)"

PLOT_CODE = """\
plt.figure(figsize=(12, 4))

plt.subplot(1, 2, 1)
plt.plot(history.history['loss'], 'b-', label='loss')
plt.plot(history.history['val_loss'], 'r--', label='val_loss')
plt.xlabel('Epoch')
plt.legend()

plt.subplot(1, 2, 2)
plt.plot(history.history['accuracy'], 'g-', label='accuracy')
plt.plot(history.history['val_accuracy'], 'r--', label='val_accuracy')
plt.xlabel('Epoch')
plt.ylim(0.7, 1)
plt.legend()

plt.show()"""

EVALUATE_CODE = "model.evaluate(test_X, test_Y, verbose=0)"


def label_table_code() -> str:
    """The ten labels as the list a student writes in code, English names with the lecture's
    Korean ones beside them."""
    english, korean = data.class_names("en"), data.class_names("ko")
    width = max(len(repr(name)) for name in english) + 3  # quotes, comma, two spaces
    lines = [
        f"{'class_names = [' if label == 0 else ' ' * 15}{repr(name) + ',':<{width}}"
        f"# {label} {korean[label]}"
        for label, name in enumerate(english)
    ]
    return "\n".join(lines) + "\n]"


def steps_per_epoch(images: int, validation_split: float, batch_size: int) -> tuple[int, int]:
    """How many of ``images`` train and how many batches an epoch takes, as ``fit`` counts them.

    Keras keeps the first ``floor(images * (1 - validation_split))`` images for training (the
    rest validate) and runs one step per batch, the last one possibly short:

    >>> steps_per_epoch(60_000, 0.25, 32)
    (45000, 1407)
    """
    training = math.floor(images * (1.0 - validation_split))
    return training, math.ceil(training / batch_size)


def is_lecture_model(run: Run, key: str) -> bool:
    """Whether ``run`` trained the lecture's model ``key``, layer for layer (whatever its name)."""
    try:
        layers = [architectures.complete_layer(layer) for layer in run.spec.get("layers", [])]
    except (architectures.ArchitectureError, AttributeError):
        return False
    return layers == [architectures.complete_layer(layer) for layer in PRESET_LAYERS[key]]


def recipe_changes(run: Run) -> dict[str, object]:
    """The settings of the lecture's recipe that ``run`` changed (its epochs among them), with
    the values it used; empty when it followed the recipe (its image count may differ)."""
    return training.recipe_changes(run.config, LECTURE_RECIPE)


def follows_lecture_recipe(run: Run) -> bool:
    """Whether ``run`` used every setting of the lecture's recipe (its image count may differ)."""
    return not recipe_changes(run)


def finished_runs(runs: Sequence[Run], key: str, yours: Collection[int] = ()) -> list[Run]:
    """The finished runs of lecture model ``key``: those among ``yours`` (the runs a student
    started on the page, which it promised to show) first, newest first; then the rest, closest
    to the lecture's experiment first: fewest settings changed from its recipe (fewer epochs
    still follow it), then the most epochs (curves to read, not a dot), the most training
    images, the newest. The first is the run every step of the page shows for the model."""
    model_runs = [run for run in runs if run.status == "finished" and is_lecture_model(run, key)]
    started_here = sorted((run for run in model_runs if run.id in yours), key=lambda run: -run.id)
    return started_here + sorted(
        (run for run in model_runs if run.id not in yours),
        key=lambda run: (
            len([name for name in recipe_changes(run) if name != "epochs"]),
            -run.epochs_planned,
            -(run.config.get("limit_train") or math.inf),
            -run.id,
        ),
    )


# Settings that leave a run's curves where they are: a seed moves them a little, the GPU's
# number format not at all.
NOT_TRAINING = ("seed", "mixed_precision")


def training_differences(
    first: Run, second: Run, epochs: tuple[int, int]
) -> dict[str, tuple[object, object]]:
    """The settings ``first`` and ``second`` were trained with differently, as (first's value,
    second's value): what, beside their networks, makes their curves differ. ``epochs`` are the
    epochs each trained, which count rather than the epochs asked for (a run may stop early)."""
    differences: dict[str, tuple[object, object]] = {}
    if epochs[0] != epochs[1]:
        differences["epochs"] = epochs
    for name in training.SETTINGS:
        if name in ("epochs", *NOT_TRAINING):
            continue
        values = (first.config.get(name), second.config.get(name))
        if values[0] != values[1]:
            differences[name] = values
    return differences
