"""A run as a plain Keras script, a network as Keras code (fmnist_core/export_script.py).

A student takes the script to Colab or a machine without the studio: it must build exactly the
run's network, train with the run's recipe, print the test scores, import nothing of the studio
and read like the project's own code (ruff).
"""

from __future__ import annotations

import ast
import math
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import keras
import numpy as np
import pytest

from fmnist_core import architectures, data, training
from fmnist_core.__main__ import main
from fmnist_core.export_script import export_problem, network_code, run_script
from fmnist_core.store import RunStore
from tests.unit.test_training import TINY_SPEC

ROOT = Path(__file__).resolve().parents[2]
# Each preset with the recipe it is meant for: together they use every kind of layer, every
# schedule but cosine, augmentation and label smoothing.
PRESET_RECIPES = training.PRESET_RECIPES
# Recipes the presets' own do not cover: test-as-validation, no validation, early stopping,
# a limit, the other optimizers and cosine.
OTHER_CONFIGS = [
    training.TrainConfig(
        optimizer="sgd",
        schedule="cosine",
        validation="test",
        early_stopping_patience=3,
        augment_shift=0.12,
        label_smoothing=0.1,
        limit_train=500,
    ),
    training.TrainConfig(optimizer="rmsprop", validation_split=0.0, early_stopping_patience=2),
    training.TrainConfig(optimizer="adamw", augment_flip=True, early_stopping_patience=4),
]


def stored_run(home: Path, spec: dict, config: training.TrainConfig, name: str = "") -> object:
    store = RunStore(home)
    return store.get_run(store.create_run(name, spec, config.to_dict()))


def layers_of(model) -> list[dict]:
    """Each layer's kind, weights, output shape and settings (all but its numbered name)."""
    return [
        {
            "kind": type(layer).__name__,
            "params": layer.count_params(),
            "output": tuple(layer.output.shape),
            "settings": {k: v for k, v in layer.get_config().items() if k != "name"},
        }
        for layer in model.layers
        if not isinstance(layer, keras.layers.InputLayer)
    ]


def built_from_code(code: str, capsys) -> tuple[object, str]:
    """The model a piece of exported code builds, and what it printed."""
    namespace: dict = {}
    exec(compile(code, "exported.py", "exec"), namespace)
    return namespace["model"], capsys.readouterr().out


# Every layer kind with settings away from Keras' defaults, in both forms.
UNUSUAL_SPECS = [
    {
        "name": "every kind in a row",
        "layers": [
            {
                "type": "Conv2D",
                "filters": 8,
                "kernel_size": 5,
                "strides": 2,
                "padding": "same",
                "activation": "tanh",
            },
            {"type": "AveragePooling2D", "pool_size": 3, "strides": 1, "padding": "same"},
            {"type": "BatchNormalization"},
            {"type": "Activation", "activation": "gelu"},
            {"type": "MaxPooling2D", "pool_size": 2, "padding": "same"},
            {"type": "Dropout", "rate": 0.15},
            {"type": "Flatten"},
            {"type": "Dense", "units": 33, "activation": "linear"},
            {"type": "Dense", "units": 10, "activation": "softmax"},
        ],
    },
    {
        "name": "projected residual",
        "layers": [
            {"type": "ResidualBlock", "filters": 12, "kernel_size": 5, "strides": 2},
            {"type": "ResidualBlock", "filters": 12, "kernel_size": 3, "strides": 1},
            {"type": "GlobalAveragePooling2D"},
            {"type": "Dense", "units": 10, "activation": "softmax"},
        ],
    },
]


@pytest.mark.parametrize("key", list(architectures.PRESETS))
def test_each_presets_keras_code_builds_the_same_network(key, capsys):
    spec = architectures.preset(key)
    code = network_code(spec)
    model, printed = built_from_code(code, capsys)
    total = architectures.summarise(spec).total_params
    assert model.count_params() == total
    assert f"Total params: {total:,}" in printed  # model.summary() was printed
    # Layer by layer, the same layers with the same settings as the studio builds.
    assert layers_of(model) == layers_of(architectures.build_model(spec))
    # The lecture's networks read like its cells; a residual network needs the functional form.
    if key == "best":
        assert "def residual_block(x, filters, kernel_size, strides):" in code
        assert "keras.Model(inputs, x" in code
    else:
        assert "model = keras.Sequential(\n    [\n        keras.Input(shape=INPUT_SHAPE),\n" in code


@pytest.mark.parametrize("spec", UNUSUAL_SPECS, ids=lambda spec: spec["name"])
def test_every_kinds_settings_reach_the_keras_code(spec, capsys):
    model, _ = built_from_code(network_code(spec), capsys)
    assert layers_of(model) == layers_of(architectures.build_model(spec))


def test_the_lecture_1_code_writes_only_what_differs_from_keras_defaults():
    code = network_code(architectures.preset("lecture-1"))
    assert "        layers.Conv2D(16, kernel_size=(3, 3)),\n" in code  # no activation: linear
    assert '        layers.Dense(128, activation="relu"),\n' in code
    assert '        layers.Dense(10, activation="softmax"),\n' in code


def test_an_invalid_network_has_no_code():
    broken = {"name": "broken", "layers": [{"type": "Dense", "units": 10}]}
    with pytest.raises(architectures.ArchitectureError, match="Dense layer needs a vector"):
        network_code(broken)


@pytest.mark.slow
def test_each_presets_script_builds_it_with_its_recipe_and_scores_it(
    isolated_studio, monkeypatch, capsys
):
    """The scripts themselves, run with --epochs 0: model.summary() shows the preset's count."""
    monkeypatch.setenv("FMNIST_DATA_DIR", str(data.SAMPLE_DIR))
    for key, recipe in PRESET_RECIPES.items():
        run = stored_run(isolated_studio, architectures.preset(key), training.RECIPES[recipe])
        path = isolated_studio / f"{key}.py"
        path.write_text(run_script(run))
        monkeypatch.setattr(sys, "argv", [str(path), "--epochs", "0", "--limit-train", "100"])
        runpy.run_path(str(path), run_name="__main__")
        out = capsys.readouterr().out
        total = architectures.summarise(run.spec).total_params
        assert f"Total params: {total:,}" in out, key
        assert re.search(r"test loss \d+\.\d{4}, test accuracy [01]\.\d{4}", out), key


@pytest.mark.parametrize("optimizer", training.OPTIMIZERS)
@pytest.mark.parametrize("schedule", training.SCHEDULES)
def test_the_scripts_optimizer_and_learning_rate_are_the_studios(
    optimizer, schedule, isolated_studio
):
    config = training.TrainConfig(optimizer=optimizer, schedule=schedule, learning_rate=0.003)
    script = run_script(stored_run(isolated_studio, TINY_SPEC, config))
    # The script's compile section, from the step count (a schedule's) to the optimizer, run
    # on 1,000 images; a constant rate counts no steps, nor imports math for them.
    section = script[script.index("# --- compile") :]
    assert ("steps = " in section) == (schedule != "constant")
    assert ("import math" in script) == (schedule != "constant")
    section = section[: section.index("\n", section.index("optimizer = ")) + 1]
    namespace = {
        "keras": keras,
        "math": math,
        "np": np,
        "x_train": np.zeros((1000, 28, 28, 1)),
        "BATCH_SIZE": config.batch_size,
        "LEARNING_RATE": config.learning_rate,
        "args": SimpleNamespace(epochs=config.epochs),
    }
    exec(section, namespace)
    steps = math.ceil(1000 / config.batch_size) * config.epochs
    studio = training._optimizer(config, steps).get_config()
    exported = namespace["optimizer"].get_config()
    studio.pop("name"), exported.pop("name")  # numbered apart: adam, adam_1, ...
    assert exported == studio


def scripts_of_every_kind(home: Path) -> dict[str, str]:
    scripts = {
        key: run_script(
            stored_run(home, architectures.preset(key), training.RECIPES[recipe], 'a "quoted" 런')
        )
        for key, recipe in PRESET_RECIPES.items()
    }
    for number, config in enumerate(OTHER_CONFIGS):
        scripts[f"other_{number}"] = run_script(
            stored_run(home, architectures.preset("fast"), config, 'ends in \\ and """')
        )
    return scripts


def test_scripts_and_network_code_pass_the_projects_ruff(isolated_studio, tmp_path):
    folder = tmp_path / "exported"
    folder.mkdir()
    for name, script in scripts_of_every_kind(isolated_studio).items():
        (folder / f"run_{name}.py").write_text(script, encoding="utf-8")
    for key in architectures.PRESETS:
        (folder / f"network_{key}.py").write_text(network_code(architectures.preset(key)))
    config = str(ROOT / "pyproject.toml")
    for command in (["check"], ["format", "--check", "--diff"]):
        checked = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--config", config, str(folder)],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_header_names_the_run_its_network_and_recipe(isolated_studio):
    store = RunStore(isolated_studio)
    run_id = store.create_run(
        "my lecture run", architectures.preset("lecture-2"), training.LECTURE_RECIPE.to_dict()
    )
    store.finish_run(run_id, "finished", test_loss=0.31, test_accuracy=0.8907)
    script = run_script(store.get_run(run_id))
    header = ast.get_docstring(ast.parse(script))
    assert header.startswith(f'Fashion-MNIST CNN Studio run {run_id}, "my lecture run"')
    flat = " ".join(header.split())
    assert "Network: lecture-2 pool+dropout: 9 layers, 241,546 parameters." in flat
    assert "Recipe: 25 epochs of batch 32, Adam at learning rate 0.001 (constant)" in flat
    assert "the last 25% of the training images to validate" in flat
    assert "test accuracy 0.8907" in flat
    # Honest about why a student's figures differ: the batch order (review 104 ran one and saw
    # another score, on the same machine and backend).
    assert "Expect close figures, not the same ones: this script lets Keras shuffle" in flat
    assert "EPOCHS = 25\nBATCH_SIZE = 32\nLEARNING_RATE = 0.001\n" in script
    assert "VALIDATION_SPLIT = 0.25" in script


def test_a_run_that_cannot_be_written_says_why(isolated_studio):
    no_layers = stored_run(isolated_studio, {"name": "empty", "layers": []}, training.TrainConfig())
    assert export_problem(no_layers) == f"run {no_layers.id} has no network to export"
    broken = {"name": "broken", "layers": [{"type": "Dense", "units": 10}]}
    invalid = stored_run(isolated_studio, broken, training.TrainConfig())
    assert "network cannot be built" in export_problem(invalid)


@pytest.mark.slow
def test_a_tiny_runs_exported_script_trains_without_the_studio(
    isolated_studio, tmp_path, monkeypatch, capsys
):
    config = training.TrainConfig(epochs=1, batch_size=64, limit_train=300, validation_split=0.1)
    run = stored_run(isolated_studio, TINY_SPEC, config, "tiny")
    target = tmp_path / "tiny_run.py"
    assert main(["export", "--run", str(run.id), "--output", str(target)]) == 0
    assert f"Keras script written to {target}" in capsys.readouterr().out
    script = target.read_text(encoding="utf-8")
    assert "fmnist_core" not in script

    # Somewhere the studio cannot be imported from: another folder, no PYTHONPATH.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["FMNIST_DATA_DIR"] = str(data.SAMPLE_DIR)
    done = subprocess.run(
        [sys.executable, str(target)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    total = architectures.summarise(TINY_SPEC).total_params
    assert f"Total params: {total:,}" in done.stdout
    assert "270 training images, 30 validation" in done.stdout  # the end of the first 300
    found = re.search(r"test loss (\d+\.\d{4}), test accuracy ([01]\.\d{4})", done.stdout)
    assert found, done.stdout[-2000:]
    assert 0.0 <= float(found.group(2)) <= 1.0


def test_an_exported_script_without_the_data_says_what_to_do(isolated_studio, tmp_path):
    # Offline, Keras' download failed with a traceback; a wrong folder, with another.
    run = stored_run(isolated_studio, TINY_SPEC, training.TrainConfig(epochs=1), "tiny")
    target = tmp_path / "tiny_run.py"
    target.write_text(run_script(run), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FMNIST_DATA_DIR")}

    def run_it(*arguments: str, **variables: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, str(target), *arguments],
            cwd=tmp_path,
            env=env | variables,
            capture_output=True,
            text=True,
            timeout=300,
        )

    assert "FMNIST_DATA_DIR" in run_it("--help").stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = run_it(FMNIST_DATA_DIR=str(empty))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert f"{empty}/train-images-idx3-ubyte cannot be read (No such file" in missing.stderr
    assert "the folder needs the four files train-images-idx3-ubyte, " in missing.stderr
    # No internet: the download refused at once by a proxy on a closed local port (no network
    # call), in a Keras home of its own where no copy is cached.
    offline = run_it(
        KERAS_HOME=str(tmp_path / "keras"),
        HTTPS_PROXY="http://127.0.0.1:9",
        https_proxy="http://127.0.0.1:9",
    )
    assert offline.returncode == 1 and "Traceback" not in offline.stderr, offline.stderr[-2000:]
    assert "Fashion-MNIST could not be downloaded (" in offline.stderr
    assert "Without internet, set FMNIST_DATA_DIR to a folder holding the four files" in (
        offline.stderr
    )


def test_cli_export_writes_the_script_under_its_default_name(
    isolated_studio, tmp_path, monkeypatch, capsys
):
    run = stored_run(isolated_studio, architectures.preset("fast"), training.RECIPES["fast"])
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--run", str(run.id), "--json"]) == 0
    written = tmp_path / f"fmnist-run-{run.id}.py"
    assert written.read_text(encoding="utf-8") == run_script(run)
    assert f"fmnist-run-{run.id}.py" in capsys.readouterr().out
    # A second export refuses to overwrite it.
    assert main(["export", "--run", str(run.id)]) == 2
    assert "already exists; choose another name with --output" in capsys.readouterr().err


def test_cli_export_of_a_missing_or_unbuildable_run_exits_2(isolated_studio, tmp_path, capsys):
    assert main(["export", "--run", "41"]) == 2
    assert "there is no run 41" in capsys.readouterr().err
    broken = {"name": "broken", "layers": [{"type": "Dense", "units": 10}]}
    run = stored_run(isolated_studio, broken, training.TrainConfig())
    target = tmp_path / "broken.py"
    assert main(["export", "--run", str(run.id), "--output", str(target)]) == 2
    assert "network cannot be built" in capsys.readouterr().err
    assert not target.exists()


def test_cli_export_prints_no_tensorflow_start_up_lines(isolated_studio, tmp_path):
    # In a fresh process, as a student runs it: TensorFlow's C++ start-up lines (oneDNN, CUDA
    # drivers, a cuInit error without a GPU) would come before the studio's own two lines.
    run = stored_run(isolated_studio, architectures.preset("fast"), training.RECIPES["fast"])
    target = tmp_path / "fast.py"
    done = subprocess.run(
        [sys.executable, "-m", "fmnist_core", "export", "--run", str(run.id), "--output", target],
        env=os.environ | {"FMNIST_HOME": str(isolated_studio)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and target.is_file()
    assert done.stderr == ""
    assert f"Keras script written to {target}" in done.stdout


def test_a_one_epoch_run_on_few_images_reads_right_and_its_quick_try_fits_it(
    isolated_studio, tmp_path, capsys
):
    from fmnist_core.__main__ import main

    config = training.TrainConfig(epochs=1, limit_train=600)
    run = stored_run(isolated_studio, architectures.preset("lecture-2"), config)
    flat = " ".join(ast.get_docstring(ast.parse(run_script(run))).split())
    assert "Recipe: 1 epoch of batch" in flat and "on the first 600 training images" in flat
    assert main(["export", "--run", str(run.id), "--output", str(tmp_path / "run.py")]) == 0
    # The suggested quick try asks for no more images than the run trained on, in both places.
    assert "--epochs 1 --limit-train 600" in capsys.readouterr().out
    assert "--epochs 1 --limit-train 600  # a quick try" in (tmp_path / "run.py").read_text()


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("lecture-2 pool+dropout (edited)", "lecture-2-pool-dropout-edited.py"),
        ("바지 넷", "바지-넷.py"),
        ("a/b", "a-b.py"),
        ("..", "network.py"),
    ],
)
def test_a_network_s_code_downloads_under_a_name_a_shell_runs_without_quotes(name, file):
    from fmnist_core.names import file_name

    assert file_name(name, ".py") == file


def test_the_docstring_never_breaks_a_word_at_its_hyphen():
    from fmnist_core.export_script import _docstring

    for width in range(60, 100):  # wherever the line would end, "Fashion-MNIST" stays whole
        assert "Fashion-MNIST" in _docstring("word " * (width // 5) + "on Fashion-MNIST images.")


def test_a_script_written_under_another_name_says_that_name_in_its_usage(
    isolated_studio, tmp_path, monkeypatch
):
    run = stored_run(isolated_studio, architectures.preset("fast"), training.RECIPES["fast"])
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--run", str(run.id), "--output", "run3.py"]) == 0
    text = (tmp_path / "run3.py").read_text(encoding="utf-8")
    assert "    python run3.py\n" in text and "python run3.py --epochs 1" in text
    assert "fmnist-run-" not in text


def test_a_stopped_runs_script_says_the_run_stopped_before_it_finished(isolated_studio):
    run = stored_run(isolated_studio, architectures.preset("fast"), training.RECIPES["fast"])
    RunStore(isolated_studio).finish_run(run.id, "stopped")
    stopped = RunStore(isolated_studio).get_run(run.id)
    text = run_script(stopped)
    assert "this run was stopped before it finished, so it has no test score" in text
    assert "this run was" not in run_script(run)  # a queued one: nothing to say yet
