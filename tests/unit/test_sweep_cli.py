"""`python -m fmnist_core sweep`: queue, wait with two workers, and refuse what cannot run."""

from __future__ import annotations

import json
import re

from fmnist_core.store import RunStore
from tests.unit.test_cli import run_cli
from tests.unit.test_training import TINY_SPEC

TINY_FLAGS = ("--epochs", "1", "--batch-size", "64", "--limit-train", "200")


def test_a_sweep_waited_for_prints_each_run_and_runs_list_shows_its_sweep(
    capsys, isolated_studio, small_data_dir
):
    RunStore(isolated_studio).save_architecture("tiny", TINY_SPEC)
    status, out, err = run_cli(
        capsys,
        "sweep",
        "--arch",
        "tiny",
        "--vary",
        "learning_rate=0.001,0.003",
        *TINY_FLAGS,
        "--workers",
        "2",
        "--wait",
        "--name",
        "two rates",
    )
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "sweep 1 (two rates): 2 runs queued (of 2 combinations), 2 workers"
    assert re.fullmatch(r"about .+ one run after another on this machine, .+", lines[1])
    # The workers outlive the sweep for a while, and it says so.
    assert lines[-1].startswith("the workers wait ") and "(FMNIST_WORKER_IDLE)" in lines[-1]
    ended = sorted(lines[2:-1])
    assert [line.split(":")[0].split()[:3] for line in ended] == [
        ["run", "1", "finished"],
        ["run", "2", "finished"],
    ]
    assert ended[0].endswith(": learning_rate=0.001") and ended[1].endswith("=0.003")
    status, out, _ = run_cli(capsys, "runs", "list", "--json")
    listed = {run["id"]: run for run in json.loads(out)}
    assert listed[1]["sweep"] == {"id": 1, "values": {"learning_rate": 0.001}}
    assert listed[2]["sweep"] == {"id": 1, "values": {"learning_rate": 0.003}}
    assert listed[2]["config"]["learning_rate"] == 0.003 and listed[2]["config"]["epochs"] == 1


def test_a_sweep_with_an_impossible_combination_exits_2_naming_it_and_queues_nothing(
    capsys, isolated_studio
):
    status, out, err = run_cli(
        capsys, "sweep", "--arch", "lecture-2", "--vary", "layers.1.kernel_size=3,30"
    )
    assert status == 2 and out == ""
    assert err.startswith("error: nothing queued. The combination layers.1.kernel_size=30 cannot")
    assert RunStore(isolated_studio).list_runs() == []


def test_a_sweep_of_one_run_exits_2_saying_why_and_queues_nothing(capsys, isolated_studio):
    # As the Train page refuses it: one run compares nothing, and `train` trains it.
    status, out, err = run_cli(capsys, "sweep", "--arch", "lecture-2", "--vary", "lr=0.001")
    assert (status, out) == (2, "")
    assert err == (
        "error: nothing queued. One run is not a sweep: give a varied setting a second value, "
        "or train that run on its own.\n"
    )
    status, out, err = run_cli(
        capsys, "sweep", "--arch", "lecture-2", "--vary", "lr=0.001,0.003", "--sample", "1"
    )
    assert (status, out) == (2, "")
    assert err.endswith("With 2 combinations there is nothing to sample: train both.\n")
    assert RunStore(isolated_studio).list_runs() == []


def test_a_sweep_json_lists_its_queued_runs(capsys, isolated_studio, monkeypatch):
    from fmnist_core import worker

    monkeypatch.delenv("FMNIST_WORKERS", raising=False)
    started = []
    monkeypatch.setattr(worker, "ensure_worker", lambda home, count: started.append(count))
    status, out, _ = run_cli(
        capsys,
        "sweep",
        "--arch",
        "lecture-2",
        "--vary",
        "batch_size=32,64",
        "--vary",
        "optimizer=adam,sgd",
        "--sample",
        "3",
        "--json",
    )
    shown = json.loads(out)
    assert status == 0 and started == [1]
    assert shown["name"] == "sweep of batch_size, optimizer"
    # Unnamed, its runs are named by their values alone: the made-up name only repeated them.
    assert all(run["name"].startswith("batch_size=") for run in shown["runs"])
    assert [run["status"] for run in shown["runs"]] == ["queued"] * 3
    assert len({json.dumps(run["sweep"]["values"]) for run in shown["runs"]}) == 3


def test_the_lectures_sweep_needs_no_base_network_and_says_how_long_it_takes(
    capsys, isolated_studio, full_data_dir, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda home, count: None)
    # As README writes it: the three networks are the sweep, the first its base.
    status, out, err = run_cli(capsys, "sweep", "--vary", "arch=lecture-1,lecture-2,lecture-3")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("sweep 1 (sweep of arch): 3 runs queued")
    # Three times 25 epochs on every image, from the benchmark records: hours on this machine.
    took = re.fullmatch(
        r"about (\d+) h \d+ min one run after another on this machine, .+", lines[1]
    )
    assert took and int(took.group(1)) >= 1, lines[1]
    runs = RunStore(isolated_studio).sweep_runs(1)
    assert [run.architecture for run in runs] == [
        "lecture-1 plain conv",
        "lecture-2 pool+dropout",
        "lecture-3 deep CNN",
    ]
    status, _, err = run_cli(capsys, "sweep", "--vary", "lr=0.001,0.003")
    assert status == 2 and "name the base network with --arch" in err


def test_a_sweep_counts_the_workers_left_from_earlier_runs_that_will_train_it(
    capsys, isolated_studio, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda home, count: None)
    isolated_studio.mkdir(parents=True)
    with worker._free_slot(isolated_studio, 2), worker._free_slot(isolated_studio, 2):
        status, out, _ = run_cli(capsys, "sweep", "--arch", "lecture-2", "--vary", "lr=0.1,0.2")
    assert status == 0 and out.splitlines()[0].endswith(
        "2 runs queued (of 2 combinations), 2 workers"
    )


def test_a_problem_found_twice_is_said_once(capsys, isolated_studio):
    status, _, err = run_cli(
        capsys, "sweep", "--arch", "lecture-1", "--vary", "layers.9.filters=8,16"
    )
    assert status == 2
    assert ".;" not in err
    sentences = [s for s in err.removeprefix("error: nothing queued. ").split(". ") if s.strip()]
    assert len(sentences) == len(set(sentences)), err


def test_a_sweep_over_more_images_than_there_are_exits_2_and_queues_nothing(
    capsys, isolated_studio, small_data_dir
):
    status, out, err = run_cli(
        capsys, "sweep", "--arch", "lecture-1", "--vary", "limit_train=99999999,300", "--json"
    )
    assert status == 2 and err == ""
    assert "limit_train=99,999,999 is more than the" in json.loads(out)["error"]
    assert RunStore(isolated_studio).list_runs() == []


def test_each_problem_ends_as_a_sentence(capsys, isolated_studio):
    status, _, err = run_cli(
        capsys,
        "sweep",
        "--arch",
        "lecture-2",
        "--vary",
        "epochs=0,2",
        "--vary",
        "layers.1.kernel_size=3,30",
    )
    assert status == 2
    # "…a whole number 1–200. The combination…", not "…1–200 The combination…"
    assert re.search(r"\d The combination", err) is None, err
    assert err.count("The combination") == 2
