"""Training settings and one real (tiny) training run, in process."""

from __future__ import annotations

import dataclasses
import json
import os

import numpy as np
import pytest

from fmnist_core import architectures, data, training
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig

TINY = {"type": "Conv2D", "filters": 4, "kernel_size": 3, "activation": "relu"}
TINY_SPEC = {
    "name": "tiny",
    "layers": [
        TINY,
        {"type": "MaxPooling2D", "pool_size": 4},
        {"type": "Flatten"},
        {"type": "Dense", "units": 10, "activation": "softmax"},
    ],
}


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("epochs", 0, "epochs is 0; it must be a whole number 1–200"),
        ("epochs", 201, "epochs is 201"),
        ("batch_size", 4, "batch_size is 4; it must be a whole number 8–4096"),
        ("batch_size", 8192, "batch_size is 8192"),
        ("optimizer", "adagrad", "optimizer is 'adagrad'; it must be one of adam"),
        ("learning_rate", 0.0, "learning_rate is 0.0"),
        ("learning_rate", 5.0, "learning_rate is 5.0"),
        ("learning_rate", float("nan"), "learning_rate is nan"),
        ("schedule", "step", "schedule is 'step'"),
        ("validation", "train", "validation is 'train'"),
        ("validation_split", 0.6, "validation_split is 0.6; it must be between 0 and 0.5"),
        ("validation_split", -0.1, "validation_split is -0.1"),
        ("limit_train", 5, "limit_train is 5"),
        ("augment_shift", 0.5, "augment_shift is 0.5"),
        ("early_stopping_patience", -1, "early_stopping_patience is -1"),
        ("label_smoothing", 0.5, "label_smoothing is 0.5"),
        ("seed", -1, "seed is -1"),
        ("epochs", 2.5, "epochs is 2.5"),
        ("epochs", True, "epochs is True"),
    ],
)
def test_each_out_of_range_setting_is_refused(setting, value, message):
    problems = TrainConfig(**{setting: value}).problems()
    assert len(problems) == 1
    assert problems[0].startswith(message)


def test_defaults_and_recipes_are_valid():
    assert TrainConfig().problems() == []
    for recipe in training.RECIPES.values():
        assert recipe.problems() == []
    lecture = training.LECTURE_RECIPE
    assert (lecture.epochs, lecture.batch_size, lecture.optimizer, lecture.validation_split) == (
        25,
        32,
        "adam",
        0.25,
    )


def test_unknown_settings_are_refused():
    with pytest.raises(ValueError, match="unknown training setting"):
        TrainConfig.from_dict({"epochs": 2, "momentum": 0.9})


def test_validation_split_takes_the_end_like_keras():
    dataset = data.load_folder(data.SAMPLE_DIR)
    split = training.prepare_data(dataset, TrainConfig(validation_split=0.25, limit_train=1000))
    assert (len(split.y_train), len(split.y_val)) == (750, 250)
    assert np.array_equal(split.y_val, dataset.train_labels[750:1000])
    assert split.x_train.dtype == np.float32 and split.x_train.shape[1:] == (28, 28, 1)
    on_test = training.prepare_data(dataset, TrainConfig(validation="test"))
    assert len(on_test.y_val) == len(dataset.test_labels)


@pytest.mark.parametrize("schedule", ["constant", "one-cycle"])
def test_a_tiny_run_finishes_with_epochs_results_and_files(tmp_path, schedule):
    store = RunStore(tmp_path)
    config = TrainConfig(
        epochs=2,
        batch_size=32,
        limit_train=300,
        validation_split=0.2,
        schedule=schedule,
        label_smoothing=0.1 if schedule != "constant" else 0,
        augment_shift=0.1,
    )
    run_id = store.create_run("tiny", TINY_SPEC, config.to_dict())
    run = store.claim_next_run(os.getpid(), "CPU")
    status = training.train(run, store, data.load_folder(data.SAMPLE_DIR))
    assert status == "finished"
    run = store.get_run(run_id)
    assert 0.0 <= run.test_accuracy <= 1.0 and run.test_loss > 0
    assert run.params == architectures.summarise(TINY_SPEC).total_params
    epochs = store.epochs(run_id)
    assert [e.epoch for e in epochs] == [1, 2]
    assert all(e.val_loss is not None and e.seconds > 0 for e in epochs)
    folder = store.run_dir(run_id)
    assert {"model.keras", "predictions.npz", "confusion.json", "history.json"} <= {
        p.name for p in folder.iterdir()
    }
    matrix = np.array(json.loads((folder / "confusion.json").read_text()))
    assert matrix.sum() == 1000  # every test image of the sample, once
    assert not list(folder.glob("*partial*"))


@pytest.mark.parametrize(("native", "policy"), [(True, "mixed_bfloat16"), (False, "float32")])
def test_mixed_precision_is_used_where_the_cpu_computes_bfloat16(
    tmp_path, monkeypatch, native, policy
):
    import keras

    monkeypatch.setattr(training.device, "cpu_computes_bfloat16", lambda: native)
    store = RunStore(tmp_path)
    config = TrainConfig(epochs=1, batch_size=64, limit_train=256, mixed_precision=True)
    run_id = store.create_run("bf16", TINY_SPEC, config.to_dict())
    status = training.train(
        store.claim_next_run(os.getpid(), "CPU"), store, data.load_folder(data.SAMPLE_DIR)
    )
    assert status == "finished" and store.get_run(run_id).test_accuracy is not None
    model = keras.models.load_model(store.run_dir(run_id) / "model.keras")
    conv = next(layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D))
    assert conv.dtype_policy.name == policy
    assert model.layers[-1].compute_dtype == "float32"  # the softmax output stays float32
    # Later models in this process start from float32 again (a benchmark's baseline).
    assert keras.mixed_precision.global_policy().name == "float32"


def test_a_run_can_finish_without_scoring_the_test_split(tmp_path):
    store = RunStore(tmp_path)
    config = TrainConfig(epochs=1, batch_size=64, limit_train=256)
    run_id = store.create_run("tuning", TINY_SPEC, config.to_dict())
    status = training.train(
        store.claim_next_run(os.getpid(), "CPU"),
        store,
        data.load_folder(data.SAMPLE_DIR),
        score_test=False,
    )
    run = store.get_run(run_id)
    assert status == run.status == "finished"
    assert run.test_accuracy is None and run.test_loss is None
    assert store.epochs(run_id)[0].val_accuracy is not None
    assert not (store.run_dir(run_id) / "predictions.npz").exists()


def test_same_seed_gives_the_same_curves(tmp_path):
    store = RunStore(tmp_path)
    dataset = data.load_folder(data.SAMPLE_DIR)
    config = TrainConfig(epochs=1, batch_size=64, limit_train=256, seed=7).to_dict()
    losses = []
    for _ in range(2):
        run_id = store.create_run("seeded", TINY_SPEC, config)
        training.train(store.claim_next_run(os.getpid(), "CPU"), store, dataset)
        losses.append(store.epochs(run_id)[0].loss)
    assert losses[0] == pytest.approx(losses[1], rel=1e-5)


def test_images_are_converted_to_float32_once_per_run_not_per_epoch(tmp_path, monkeypatch):
    converted = []
    original = data.to_model_input

    def counting(images):
        converted.append(len(images))
        return original(images)

    monkeypatch.setattr(data, "to_model_input", counting)
    dataset = data.load_folder(data.SAMPLE_DIR)
    store = RunStore(tmp_path)
    config = TrainConfig(epochs=3, batch_size=64, limit_train=320, validation_split=0.25)
    store.create_run("three epochs", TINY_SPEC, config.to_dict())
    training.train(store.claim_next_run(os.getpid(), "CPU"), store, dataset)
    # The training images (validation taken as a view of them) and the test images, once each.
    assert converted == [len(dataset.test_labels), 320]
    split = training.prepare_data(dataset, config)
    assert split.x_train.base is not None and split.x_train.base is split.x_val.base  # views


def test_every_setting_is_declared_once_with_all_it_needs():
    from ui import i18n

    assert list(training.SETTINGS) == [f.name for f in dataclasses.fields(TrainConfig)]
    flags = [declared.flag for declared in training.SETTINGS.values()]
    assert len(set(flags)) == len(flags) and all(flag.startswith("--") for flag in flags)
    default = TrainConfig()
    for name, declared in training.SETTINGS.items():
        assert declared.kind in training.KINDS, name
        assert declared.help and declared.widget, name
        assert declared.accepts(getattr(default, name)), name
        # What the page shows (label, tooltip, each choice's name) exists in both languages.
        keys = [declared.label, declared.help_key] + [f"{name}.{c}" for c in declared.choices]
        for key in filter(None, keys):
            assert set(i18n.MESSAGES[key]) == set(i18n.LANGUAGES), key
        if declared.kind in ("whole", "number"):
            assert declared.low < declared.high, name
        if declared.kind == "choice":
            assert declared.choices, name
        assert all(declared.accepts(step) for step in declared.steps), name
        if declared.only_when:
            other, value = declared.only_when
            assert training.SETTINGS[other].accepts(value), name


@pytest.mark.parametrize(
    ("setting", "allowed", "refused"),
    [
        ("epochs", [1, 200], [0, 201, 2.0]),
        ("learning_rate", [1e-6, 1, 0.5], [1e-7, 1.01, float("inf")]),
        ("limit_train", [None, 10], [9, 0, 10.0]),
        ("augment_flip", [True, False], [1, None]),
        ("validation", ["split", "test"], ["train"]),
    ],
)
def test_a_setting_accepts_its_bounds_and_nothing_beyond(setting, allowed, refused):
    declared = training.SETTINGS[setting]
    assert all(declared.accepts(value) for value in allowed)
    assert not any(declared.accepts(value) for value in refused)


def test_early_stopping_is_idle_without_validation_data():
    assert TrainConfig(early_stopping_patience=2, validation_split=0.0).idle_settings() == [
        "early_stopping_patience"
    ]
    assert TrainConfig(early_stopping_patience=2, validation_split=0.1).idle_settings() == []
    assert not TrainConfig(
        early_stopping_patience=2, validation_split=0.0, validation="test"
    ).idle_settings()
    assert TrainConfig(early_stopping_patience=0, validation_split=0.0).idle_settings() == []
