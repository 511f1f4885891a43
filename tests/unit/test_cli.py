"""The command line: exit codes, tables and JSON a script can read."""

from __future__ import annotations

import dataclasses
import json

import pytest

from fmnist_core import architectures
from fmnist_core.__main__ import main
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig


def run_cli(capsys, *args) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_arch_list_shows_presets_and_saved(capsys, isolated_studio):
    RunStore(isolated_studio).save_architecture("mine", architectures.preset("lecture-2"))
    status, out, _ = run_cli(capsys, "arch", "list", "--json")
    assert status == 0
    listing = {entry["name"]: entry for entry in json.loads(out)}
    assert listing["lecture-1"]["total_params"] == 3_989_642
    assert listing["mine"]["kind"] == "saved"


def test_arch_list_shows_the_presets_while_the_store_is_away_and_says_why(capsys, isolated_studio):
    RunStore(isolated_studio)
    path = isolated_studio / "studio.sqlite"
    path.write_bytes(b"not a database!!" + path.read_bytes()[16:])
    status, out, err = run_cli(capsys, "arch", "list")
    assert status == 1  # the list is not whole
    assert [line.split()[0] for line in out.splitlines()[2:]] == list(architectures.PRESETS)
    assert err.startswith(f"error: saved architectures not listed: The run store {path} is damaged")
    status, out, _ = run_cli(capsys, "arch", "list", "--json")
    assert status == 1 and [e["name"] for e in json.loads(out)] == list(architectures.PRESETS)


def test_arch_show_prints_rows_and_totals(capsys):
    status, out, _ = run_cli(capsys, "arch", "show", "lecture-2")
    assert status == 0
    assert "K·F²·D + K = 64·3²·32 + 64 = 18,496" in out
    assert "total params: 241,546" in out


def test_arch_show_json(capsys):
    status, out, _ = run_cli(capsys, "arch", "show", "lecture-3", "--json")
    shown = json.loads(out)
    assert status == 0
    assert shown["total_params"] == 5_240_842
    assert shown["layers"][5]["output_shape"] == [12, 12, 256]


def test_unknown_architecture_is_an_error_with_the_known_names(capsys):
    status, _, err = run_cli(capsys, "arch", "show", "lecture-9")
    assert status == 2
    assert "no architecture named 'lecture-9'" in err and "lecture-1" in err


def test_invalid_saved_architecture_exits_non_zero(capsys, isolated_studio):
    broken = {
        "name": "broken",
        "layers": [{"type": "Conv2D"}, {"type": "Dense", "units": 10, "activation": "softmax"}],
    }
    RunStore(isolated_studio).save_architecture("broken", broken)
    status, out, _ = run_cli(capsys, "arch", "show", "broken")
    assert status == 1
    assert "problem: layer 2 Dense" in out


def test_data_info(capsys, small_data_dir):
    status, out, _ = run_cli(capsys, "data", "info", "--json")
    info = json.loads(out)
    assert status == 0
    assert info["source"] == "data-dir"
    assert info["train_per_class"] == [300] * 10


def test_data_info_reports_a_bad_file(capsys, small_data_dir):
    (small_data_dir / "t10k-images-idx3-ubyte.gz").write_bytes(b"")
    status, _, err = run_cli(capsys, "data", "info")
    assert status == 2
    bad = small_data_dir / "t10k-images-idx3-ubyte.gz"
    assert err.startswith(f"error: {bad} is ") and err.count(bad.name) == 1


def test_train_on_a_few_hundred_images_then_list_it(capsys, small_data_dir, database):
    """Trained and listed with the run store on SQLite, then on PostgreSQL."""
    status, out, _ = run_cli(
        capsys,
        "train",
        "--arch",
        "lecture-2",
        "--epochs",
        "2",
        "--limit-train",
        "300",
        "--batch-size",
        "32",
        "--name",
        "cli run",
    )
    assert status == 0
    assert "epoch 1/2" in out and "epoch 2/2" in out
    assert "run 1 finished: test accuracy" in out
    status, out, _ = run_cli(capsys, "runs", "list", "--json")
    runs = json.loads(out)
    assert [(r["name"], r["status"], len(r["epochs"])) for r in runs] == [
        ("cli run", "finished", 2)
    ]


def test_train_refuses_bad_arguments(capsys, small_data_dir):
    status, _, err = run_cli(capsys, "train", "--arch", "lecture-2", "--batch-size", "3")
    assert status == 2
    assert "--batch-size is 3; it must be a whole number 8–4096" in err  # the flag, as typed
    status, _, err = run_cli(capsys, "train", "--arch", "lecture-2", "--limit-train", "99999")
    assert status == 2
    assert "--limit-train 99,999 is more than the 3,000 training images" in err
    status, _, err = run_cli(capsys, "train", "--arch", "nope")
    assert status == 2 and "no architecture named 'nope'" in err
    _, out, _ = run_cli(capsys, "runs", "list")
    assert "no runs yet" in out


def test_predict_prints_probabilities_for_an_image(capsys, trained_run, monkeypatch, tmp_path):
    from PIL import Image

    from fmnist_core import data

    home, run_id = trained_run
    monkeypatch.setenv("FMNIST_HOME", str(home))
    image = data.load_folder(data.SAMPLE_DIR).test_images[0]
    Image.fromarray(255 - image).save(tmp_path / "item.png")
    status, out, err = run_cli(
        capsys, "predict", "--run", str(run_id), str(tmp_path / "item.png"), "--json"
    )
    result = json.loads(out)
    assert status == 0
    assert "never tested" not in err  # a finished, tested run: nothing to warn about
    assert len(result["probabilities"]) == 10
    assert abs(sum(result["probabilities"].values()) - 1) < 1e-6
    assert result["prediction"] == max(result["probabilities"], key=result["probabilities"].get)
    # Dark on white, as a photo on paper: inverted, and said, as README promises.
    assert result["notes"] == [
        "item.png has a light background, so its colours were inverted: Fashion-MNIST's "
        "garments are light on black"
    ]
    Image.fromarray(image).save(tmp_path / "as-in-the-data.png")
    status, out, _ = run_cli(
        capsys, "predict", "--run", str(run_id), str(tmp_path / "as-in-the-data.png")
    )
    assert status == 0 and "note:" not in out


def test_predict_refuses_missing_runs_and_bad_files(capsys, trained_run, monkeypatch, tmp_path):
    home, run_id = trained_run
    monkeypatch.setenv("FMNIST_HOME", str(home))
    status, _, err = run_cli(capsys, "predict", "--run", "99", "x.png")
    assert status == 2 and "there is no run 99" in err
    (tmp_path / "notes.txt").write_text("not an image")
    status, _, err = run_cli(capsys, "predict", "--run", str(run_id), str(tmp_path / "notes.txt"))
    assert status == 2 and "not an image this studio can read" in err


def test_predict_checks_the_size_before_reading(capsys, trained_run, monkeypatch, tmp_path):
    home, run_id = trained_run
    monkeypatch.setenv("FMNIST_HOME", str(home))
    sparse = tmp_path / "huge.png"
    with open(sparse, "wb") as handle:  # 3 GB on paper, nothing on disk: read, it would be 3 GB
        handle.truncate(3 * 1024**3)
    status, _, err = run_cli(capsys, "predict", "--run", str(run_id), str(sparse))
    assert status == 2 and "huge.png is 3221.2 MB; the limit is 10 MB" in err
    status, _, err = run_cli(capsys, "predict", "--run", str(run_id), "/dev/zero")
    assert status == 2 and "the limit is 10 MB" in err  # an endless file: read up to the limit
    status, _, err = run_cli(capsys, "predict", "--run", str(run_id), str(tmp_path))
    assert status == 2 and "cannot read" in err


@pytest.mark.parametrize("run_id", ["100000000000000000000", "²", "-1", "0"])
def test_predict_refuses_run_ids_no_run_can_have(capsys, run_id):
    status, out, err = run_cli(capsys, "predict", "--run", run_id, "x.png")
    assert (status, out) == (2, "")
    assert "is not a run id" in err and err.count("\n") == 1  # one line, no usage block


def test_a_mistake_in_the_command_is_one_line_naming_the_help_or_json_when_asked(capsys):
    status, out, err = run_cli(capsys, "train", "--arch", "lecture-2", "--epochs", "1.5")
    assert (status, out) == (2, "")
    assert err == (
        "error: argument --epochs: invalid int value: '1.5' "
        "(python -m fmnist_core train --help lists what it takes)\n"
    )
    status, out, err = run_cli(capsys)
    assert err == (
        "error: the following arguments are required: command "
        "(python -m fmnist_core --help lists what it takes)\n"
    )
    # Asked for JSON, a script gets its mistakes as JSON too, on stdout: a parse error, and one
    # found while running.
    status, out, err = run_cli(capsys, "train", "--arch", "lecture-2", "--epochs", "x", "--json")
    assert (status, err) == (2, "")
    assert json.loads(out)["error"].startswith("argument --epochs: invalid int value: 'x'")
    status, out, err = run_cli(capsys, "arch", "show", "nope", "--json")
    assert (status, err) == (2, "")
    assert json.loads(out) == {
        "error": "no architecture named 'nope'; known: lecture-1, lecture-2, lecture-3, fast, "
        "strong, best"
    }


def test_export_model_writes_a_keras_file_and_refuses_to_overwrite(
    capsys, trained_run, monkeypatch, tmp_path
):
    home, run_id = trained_run
    monkeypatch.setenv("FMNIST_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_cli(capsys, "runs", "export-model", "--run", str(run_id))
    assert status == 0 and f"model written to fmnist-run-{run_id}.keras" in out
    assert "keras.models.load_model(" in out
    exported = tmp_path / f"fmnist-run-{run_id}.keras"
    assert exported.read_bytes() == (RunStore(home).model_path(run_id)).read_bytes()
    status, _, err = run_cli(capsys, "runs", "export-model", "--run", str(run_id))
    assert status == 2 and "already exists" in err
    status, _, err = run_cli(
        capsys, "runs", "export-model", "--run", str(run_id), "--output", "m.h5"
    )
    assert status == 2 and "must end in .keras" in err
    status, _, err = run_cli(capsys, "runs", "export-model", "--run", "99")
    assert status == 2 and "there is no run 99" in err


def test_every_training_setting_has_a_flag_with_help(capsys):
    from fmnist_core.__main__ import build_parser
    from fmnist_core.training import SETTINGS

    with pytest.raises(SystemExit):
        main(["train", "--help"])
    shown = " ".join(capsys.readouterr().out.split())  # argparse wraps long help lines
    parser = build_parser()
    for name, declared in SETTINGS.items():
        assert f"{declared.flag} " in shown and declared.help in shown, name
        if declared.switch is not None:
            given, expected = [], declared.switch
        else:
            expected = declared.choices[-1] if declared.choices else declared.low
            given = [str(expected)]
        args = parser.parse_args(["train", "--arch", "lecture-2", declared.flag, *given])
        assert getattr(args, name) == expected, declared.flag
        untouched = parser.parse_args(["train", "--arch", "lecture-2"])
        assert getattr(untouched, name) is None  # not given: the recipe's value is used


def test_the_known_flags_keep_their_spelling(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    shown = capsys.readouterr().out
    for flag in (
        "--epochs EPOCHS",
        "--batch-size BATCH_SIZE",
        "--lr LR",
        "--optimizer OPTIMIZER",
        "--schedule SCHEDULE",
        "--validation-split VALIDATION_SPLIT",
        "--validate-on-test",
        "--limit-train LIMIT_TRAIN",
        "--augment-shift AUGMENT_SHIFT",
        "--flip",
        "--no-flip",
        "--no-mixed-precision",
        "--patience PATIENCE",
        "--label-smoothing LABEL_SMOOTHING",
        "--seed SEED",
        "--recipe {lecture,fast,strong,best}",
    ):
        assert flag in shown


def test_a_switch_a_recipe_turns_on_can_be_turned_off():
    from fmnist_core.__main__ import _config_from, build_parser

    parser = build_parser()
    spec = architectures.preset("strong")
    strong = _config_from(
        parser.parse_args(["train", "--arch", "strong", "--recipe", "strong"]), spec
    )
    assert strong.augment_flip and strong.mixed_precision
    plain = _config_from(
        parser.parse_args(
            ["train", "--arch", "strong", "--recipe", "strong", "--no-flip", "--no-mixed-precision"]
        ),
        spec,
    )
    assert not plain.augment_flip and not plain.mixed_precision
    assert plain.epochs == strong.epochs  # the rest of the recipe stays


def test_without_recipe_a_network_trains_with_the_recipe_it_was_made_with():
    # As the Train page pairs them: `train --arch best` is the best recipe, not the lecture's.
    from fmnist_core.__main__ import _config_from, build_parser
    from fmnist_core.training import RECIPES

    parser = build_parser()
    for arch, recipe in (("lecture-2", "lecture"), ("fast", "fast"), ("best", "best")):
        args = parser.parse_args(["train", "--arch", arch, "--epochs", "2"])
        config = _config_from(args, architectures.preset(arch))
        assert config == dataclasses.replace(RECIPES[recipe], epochs=2), arch
    own = architectures.preset("lecture-1")
    own["layers"][0]["filters"] = 7  # a network of one's own: the fast recipe, as on the page
    args = parser.parse_args(["train", "--arch", "mine"])
    assert _config_from(args, own) == RECIPES["fast"]
    args = parser.parse_args(["sweep", "--arch", "best", "--vary", "lr=0.001,0.002"])
    assert _config_from(args, architectures.preset("best")) == RECIPES["best"]
    args = parser.parse_args(["train", "--arch", "best", "--recipe", "lecture"])
    assert _config_from(args, architectures.preset("best")) == RECIPES["lecture"]


def test_runs_list_counts_the_part_of_an_epoch_a_stopped_run_trained(capsys, isolated_studio):
    import os

    store = RunStore(isolated_studio)
    run_id = store.create_run("halted", architectures.preset("lecture-2"), {"epochs": 5})
    store.claim_next_run(os.getpid(), "CPU")
    store.record_epoch(run_id, 1, {"loss": 0.9})
    store.record_epoch(run_id, 2, {"loss": 0.7, "fraction": 0.35})
    store.finish_run(run_id, "stopped")
    _, out, _ = run_cli(capsys, "runs", "list")
    (row,) = [line for line in out.splitlines() if "halted" in line]
    assert "stopped" in row and " 1.35/5 " in f"{row} "


def _runs_of_a_class(home):
    """Run 1 finished (2 epochs), runs 2 and 3 a sweep (2 training, 3 queued), run 4 stopped."""
    import os

    from fmnist_core.sweeps import Plan, PlannedRun, queue

    store = RunStore(home)
    config = TrainConfig(epochs=2)
    spec = architectures.preset("lecture-2")
    done = store.create_run("done", spec, config.to_dict())
    store.claim_next_run(os.getpid(), "CPU x86_64, 2 cores (tensorflow)")
    for epoch in (1, 2):
        store.record_epoch(done, epoch, {"loss": 1 / epoch, "accuracy": 0.5, "seconds": 3.0})
    store.finish_run(done, "finished", test_loss=0.5, test_accuracy=0.81)
    planned = [PlannedRun({"seed": seed}, spec, config, 241_546) for seed in (1, 2)]
    sweep_id, _ = queue(store, "seeds", Plan((), tuple(planned), 2))
    store.claim_next_run(os.getpid(), "CPU")  # run 2 trains; run 3 waits
    halted = store.create_run("halted", spec, config.to_dict())
    store.finish_run(halted, "stopped")
    return store, sweep_id


def test_runs_show_stop_and_delete_as_a_teacher_scripts_a_class(capsys, isolated_studio):
    store, sweep_id = _runs_of_a_class(isolated_studio)
    status, out, _ = run_cli(capsys, "runs", "show", "1")
    assert status == 0
    assert out.startswith("run 1: done (lecture-2 pool+dropout), finished\n")
    assert "test:    accuracy 0.8100, loss 0.5000" in out and "batch_size=128" in out
    assert [line.split()[0] for line in out.splitlines()[-2:]] == ["1", "2"]  # every epoch
    assert json.loads(run_cli(capsys, "runs", "show", "2", "--json")[1])["sweep"]["id"] == sweep_id
    # One sweep's runs, the sweep named in the listing.
    _, out, _ = run_cli(capsys, "runs", "list", "--sweep", str(sweep_id))
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["3", "2"]  # newest first
    assert out.splitlines()[0].endswith("sweep")
    # Stop the whole sweep: the queued run is cancelled, the one training is asked to stop.
    status, out, _ = run_cli(capsys, "runs", "stop", "--sweep", str(sweep_id))
    assert status == 0 and out.splitlines() == [
        "run 2: stop sent: it ends after the batch under way, keeping what it trained",
        "run 3: cancelled before it started",
    ]
    assert store.get_run(2).stop_requested and store.get_run(3).status == "cancelled"
    _, out, _ = run_cli(capsys, "runs", "stop", "1")
    assert out == "run 1: already finished: nothing to stop\n"
    status, _, err = run_cli(capsys, "runs", "stop", "1", "--sweep", str(sweep_id))
    assert status == 2 and "not both" in err
    status, _, err = run_cli(capsys, "runs", "stop", "--sweep", "9")
    assert err == (
        "error: there is no sweep 9; `python -m fmnist_core runs list` shows each run's sweep\n"
    )
    # Delete: never a run still training, never without --yes when nobody can be asked.
    status, _, err = run_cli(capsys, "runs", "delete", "1", "2", "--yes")
    assert status == 2 and "nothing deleted: run 2 is running; stop it first" in err
    assert store.get_run(1) is not None
    status, _, err = run_cli(capsys, "runs", "delete", "1", "4")
    assert status == 2 and "add --yes" in err
    status, out, _ = run_cli(capsys, "runs", "delete", "1", "4", "--yes", "--json")
    assert (status, json.loads(out)) == (0, {"deleted": [1, 4]})
    assert store.get_run(1) is None and not (isolated_studio / "runs" / "1").exists()
    status, _, err = run_cli(capsys, "runs", "show", "1")
    assert status == 2 and err.startswith("error: there is no run 1;")
    # A whole sweep, once its runs have ended, as `runs stop --sweep` stops it.
    status, _, err = run_cli(capsys, "runs", "delete", "--sweep", str(sweep_id), "--yes")
    assert status == 2 and "nothing deleted: run 2 is running" in err
    store.finish_run(2, "stopped")
    status, out, _ = run_cli(capsys, "runs", "delete", "--sweep", str(sweep_id), "--yes")
    assert status == 0 and out.splitlines() == [
        "run 2 deleted, with its files",
        "run 3 deleted, with its files",
    ]
    assert store.sweep_runs(sweep_id) == []
    status, _, err = run_cli(capsys, "runs", "delete")
    assert status == 2 and "name the runs to delete (runs delete 4 5)" in err


def test_a_listing_cut_short_by_head_ends_quietly(isolated_studio):
    import subprocess
    import sys

    from tests.conftest import ROOT

    store = RunStore(isolated_studio)
    spec = architectures.preset("lecture-2")
    for number in range(3000):  # more lines than a pipe holds, so `head` closes it mid-listing
        store.create_run(f"run {number}", spec, {"epochs": 1})
    shell = f"{sys.executable} -m fmnist_core runs list | head -3"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell], cwd=ROOT, capture_output=True, text=True
    )
    assert len(done.stdout.splitlines()) == 3
    assert done.stderr == ""  # no BrokenPipeError traceback
    assert done.returncode == 141  # ended by the closed pipe, as a shell command would be


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["train", "--arch", "lecture-2", "--epochs", "0"], "error: --epochs is 0; it must be"),
        (["train", "--arch", "nope"], "error: no architecture named 'nope'"),
        (["device"], None),  # imports TensorFlow and asks it for GPUs
    ],
)
def test_a_fresh_command_prints_no_native_start_up_lines(isolated_studio, args, line):
    """TensorFlow's C++ start-up lines (oneDNN, cuda drivers, cuInit) buried the one-line message.

    A fresh interpreter, since they come only from the first import in a process.
    """
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "fmnist_core", *args], cwd=ROOT, capture_output=True, text=True
    )
    if line is None:
        assert done.returncode == 0 and done.stderr == ""
    else:
        assert done.returncode == 2
        (only,) = done.stderr.splitlines()
        assert only.startswith(line)


def test_runs_list_lines_up_korean_names(capsys, isolated_studio):
    store = RunStore(isolated_studio)
    store.create_run("중지된 예제", architectures.preset("lecture-2"), {"epochs": 1})
    store.create_run("plain", architectures.preset("lecture-2"), {"epochs": 1})
    _, out, _ = run_cli(capsys, "runs", "list")
    (korean,) = [line for line in out.splitlines() if "중지된" in line]
    (plain,) = [line for line in out.splitlines() if " plain " in line]
    # Each Korean character takes two terminal columns: the next column starts where it does
    # in the other row.
    after = [korean.index("lecture-2"), plain.index("lecture-2")]
    assert after[0] + sum(1 for c in "중지된 예제" if c != " ") == after[1]


def test_limit_train_takes_all_or_0_for_every_image_and_says_so(capsys):
    from fmnist_core.__main__ import _config_from, build_parser

    parser = build_parser()
    fast = architectures.preset("fast")
    for value in ("all", "0", "ALL"):
        args = parser.parse_args(["train", "--arch", "fast", "--limit-train", value])
        assert _config_from(args, fast).limit_train is None
    args = parser.parse_args(["train", "--arch", "fast", "--limit-train", "600"])
    assert _config_from(args, fast).limit_train == 600
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "all (or 0) for every image, or a whole number of at least 10" in shown


def test_predict_with_a_run_that_ended_untested_says_so(capsys, trained_run, monkeypatch, tmp_path):
    import shutil

    from PIL import Image

    from fmnist_core import architectures, data
    from fmnist_core.training import TrainConfig

    home, trained_id = trained_run  # shared by the session: copied, not changed
    mine = RunStore(tmp_path / "home")
    run_id = mine.create_run("halted", architectures.preset("lecture-2"), TrainConfig().to_dict())
    mine.finish_run(run_id, "stopped")  # as a run stopped before its test leaves it
    mine.model_path(run_id).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(RunStore(home).model_path(trained_id), mine.model_path(run_id))
    monkeypatch.setenv("FMNIST_HOME", str(tmp_path / "home"))
    Image.fromarray(255 - data.load_folder(data.SAMPLE_DIR).test_images[0]).save(
        tmp_path / "item.png"
    )
    status, out, err = run_cli(capsys, "predict", "--run", str(run_id), str(tmp_path / "item.png"))
    assert status == 0 and out
    assert f"note: run {run_id} is stopped and was never tested" in err
