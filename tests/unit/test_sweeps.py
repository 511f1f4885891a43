"""Sweeps: the grid, its checks, and real worker processes training it in parallel."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap

import pytest

from fmnist_core import architectures, sweeps, worker
from fmnist_core.store import RunStore
from fmnist_core.sweeps import SweepError, Varied, parse_vary
from fmnist_core.training import RECIPES, TrainConfig
from tests.unit.test_training import TINY_SPEC
from tests.unit.test_worker import LONG, QUICK, wait_for


@pytest.fixture
def store(isolated_studio, small_data_dir) -> RunStore:
    return RunStore(isolated_studio)


@pytest.fixture
def either_store(isolated_studio, small_data_dir, database) -> RunStore:
    """A store on SQLite, then on PostgreSQL (for the tests that train nothing: they are fast)."""
    return RunStore(isolated_studio)


def test_vary_arguments_are_typed_as_their_setting_takes_them():
    assert parse_vary("learning_rate=0.001, 0.003") == Varied("learning_rate", (0.001, 0.003))
    assert parse_vary("batch_size=64,128") == Varied("batch_size", (64, 128))
    assert parse_vary("optimizer=adam,sgd") == Varied("optimizer", ("adam", "sgd"))
    assert parse_vary("augment_flip=true,false") == Varied("augment_flip", (True, False))
    assert parse_vary("layers.2.rate=0.25,0.5") == Varied("layers.2.rate", (0.25, 0.5))
    assert parse_vary("arch=lecture-1,lecture-2") == Varied("arch", ("lecture-1", "lecture-2"))


def test_a_setting_can_be_named_by_its_train_flag_too():
    assert parse_vary("lr=0.001,0.003") == Varied("learning_rate", (0.001, 0.003))
    assert parse_vary("batch-size=64,128") == Varied("batch_size", (64, 128))
    assert parse_vary("--patience=0,3") == Varied("early_stopping_patience", (0, 3))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("batch_size=64,big", "batch_size=big is not a whole number"),
        ("learning_rate", "learning_rate is not SETTING=V1,V2"),
        ("momentum=0.9", "momentum cannot vary: use a training setting"),
        ("epochs=", "epochs has no values"),
    ],
)
def test_a_vary_argument_that_cannot_be_read_says_why(text, message):
    with pytest.raises(SweepError, match=message):
        parse_vary(text)


def test_a_grid_varies_only_the_varied_settings():
    varied = [parse_vary("learning_rate=0.001,0.003"), parse_vary("layers.1.filters=16,32")]
    plan = sweeps.plan(architectures.preset("fast"), RECIPES["fast"], varied)
    assert [run.values for run in plan.runs] == [
        {"learning_rate": 0.001, "layers.1.filters": 16},
        {"learning_rate": 0.001, "layers.1.filters": 32},
        {"learning_rate": 0.003, "layers.1.filters": 16},
        {"learning_rate": 0.003, "layers.1.filters": 32},
    ]
    base = RECIPES["fast"].to_dict()
    for run in plan.runs:
        config = run.config.to_dict()
        assert {k for k in base if config[k] != base[k]} <= {"learning_rate"}
        assert run.spec["layers"][0]["filters"] == run.values["layers.1.filters"]
        assert run.spec["layers"][1:] == architectures.preset("fast")["layers"][1:]
    assert plan.runs[1].params > plan.runs[0].params  # more filters, more weights


def test_a_sample_is_seeded_and_a_grid_over_64_runs_is_refused():
    varied = [
        parse_vary("epochs=" + ",".join(map(str, range(1, 11)))),
        parse_vary("seed=1,2,3,4,5,6,7"),
    ]
    with pytest.raises(SweepError, match="makes 70 runs; at most 64"):
        sweeps.plan(TINY_SPEC, TrainConfig(), varied)
    first = sweeps.plan(TINY_SPEC, TrainConfig(), varied, sample=5, seed=3)
    again = sweeps.plan(TINY_SPEC, TrainConfig(), varied, sample=5, seed=3)
    assert len(first.runs) == 5 and first.combinations == 70
    assert [r.values for r in first.runs] == [r.values for r in again.runs]
    with pytest.raises(SweepError, match="from 2 to 70"):
        sweeps.plan(TINY_SPEC, TrainConfig(), varied, sample=1)  # one run compares nothing
    with pytest.raises(SweepError, match="from 2 to 70"):
        sweeps.plan(TINY_SPEC, TrainConfig(), varied, sample=71)


def test_a_sweep_with_an_impossible_combination_queues_nothing_and_names_it(either_store):
    store = either_store
    # Layer 3 of the tiny network is Flatten, which has no filters to vary.
    varied = [parse_vary("batch_size=32,4"), parse_vary("layers.3.filters=8,16")]
    with pytest.raises(SweepError) as refused:
        sweeps.plan(TINY_SPEC, TrainConfig(), varied)
    assert str(refused.value).startswith(
        "layers.3.filters: layer 3 of tiny is Flatten, which has no number that can vary; "
        "choose another layer."
    )
    varied = [parse_vary("batch_size=32,4")]
    with pytest.raises(SweepError) as refused:
        sweeps.queue(store, "sweep", sweeps.plan(TINY_SPEC, TrainConfig(), varied))
    assert str(refused.value) == (
        "The combination batch_size=4 cannot run: batch_size is 4; it must be a whole number "
        "8–4096."
    )
    assert store.list_runs() == [] and store.list_sweeps() == []


def test_the_lecture_as_a_sweep_is_its_three_models_with_its_recipe():
    plan = sweeps.lecture_plan()
    assert [run.spec["name"] for run in plan.runs] == [
        architectures.preset(key)["name"] for key in ("lecture-1", "lecture-2", "lecture-3")
    ]
    assert [run.params for run in plan.runs] == [3_989_642, 241_546, 5_240_842]
    assert all(run.config.epochs == 25 and run.config.batch_size == 32 for run in plan.runs)


def test_a_2x2_sweep_with_two_workers_trains_each_combination_exactly_once(store):
    varied = [parse_vary("learning_rate=0.001,0.003"), parse_vary("batch_size=32,64")]
    plan = sweeps.plan(TINY_SPEC, TrainConfig.from_dict(QUICK), varied)
    sweep_id, run_ids = sweeps.queue(store, "rates x batches", plan)
    assert worker.ensure_worker(store.home, count=2)
    wait_for(
        lambda: all(not run.active for run in store.sweep_runs(sweep_id)), 240, "the sweep to end"
    )
    runs = store.sweep_runs(sweep_id)
    assert [run.id for run in runs] == run_ids and len(store.list_runs()) == 4
    assert all(run.status == "finished" and run.test_accuracy is not None for run in runs)
    assert sorted(
        (r.sweep_values["learning_rate"], r.sweep_values["batch_size"]) for r in runs
    ) == [
        (0.001, 32),
        (0.001, 64),
        (0.003, 32),
        (0.003, 64),
    ]
    for run in runs:
        assert run.spec == TINY_SPEC and run.name == sweeps.run_name(
            "rates x batches", sweeps.describe(run.sweep_values)
        )
        expected = QUICK | run.sweep_values
        assert run.config == TrainConfig.from_dict(expected).to_dict()
        assert len(store.epochs(run.id)) == 1
    assert store.get_sweep(sweep_id).settings == ["learning_rate", "batch_size"]


def test_stopping_a_sweep_stops_all_its_runs(store):
    plan = sweeps.plan(TINY_SPEC, TrainConfig.from_dict(LONG), [parse_vary("seed=1,2,3")])
    sweep_id, _ = sweeps.queue(store, "long sweep", plan)
    worker.ensure_worker(store.home, count=2)
    wait_for(
        lambda: any((run.batch or 0) > 0 for run in store.sweep_runs(sweep_id)),
        180,
        "a run to start training",
    )
    store.stop_sweep(sweep_id)
    wait_for(
        lambda: all(not run.active for run in store.sweep_runs(sweep_id)), 60, "the sweep to stop"
    )
    statuses = [run.status for run in store.sweep_runs(sweep_id)]
    assert set(statuses) <= {"stopped", "cancelled"} and "stopped" in statuses


CLAIMER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from fmnist_core.store import RunStore
    store = RunStore(Path(sys.argv[1]))
    print("ready", flush=True)
    while not Path(sys.argv[2]).exists():  # all start claiming together
        time.sleep(0.01)
    while (run := store.claim_next_run(os.getpid(), "CPU")) is not None:
        print(run.id, flush=True)
    """
)


def test_several_worker_processes_never_claim_one_run(either_store, tmp_path):
    store = either_store
    run_ids = [store.create_run(f"run {n}", TINY_SPEC, QUICK) for n in range(120)]
    go = tmp_path / "go"
    claimers = [
        subprocess.Popen(
            [sys.executable, "-c", CLAIMER, str(store.home), str(go)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    # Each has imported the store and opened it before any claims: one process that starts
    # a second earlier (a loaded machine) could otherwise take all 120 before the others run.
    for process in claimers:
        assert process.stdout.readline().strip() == "ready"
    go.touch()
    claimed = [
        [int(line) for line in process.communicate(timeout=120)[0].split()] for process in claimers
    ]
    every_claim = [run_id for ids in claimed for run_id in ids]
    assert sorted(every_claim) == run_ids  # each run exactly once
    assert sum(1 for ids in claimed if ids) >= 2  # and the processes did compete
    pids = {store.get_run(run_id).worker_pid for run_id in run_ids}
    assert pids == {process.pid for process, ids in zip(claimers, claimed, strict=True) if ids}


def test_workers_share_the_cores_out(monkeypatch):
    monkeypatch.delenv("FMNIST_WORKER_THREADS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    assert [worker.threads_per_worker(n) for n in (1, 2, 3, 16)] == [8, 4, 2, 1]
    monkeypatch.setenv("FMNIST_WORKER_THREADS", "0")
    assert worker.threads_per_worker(2) == 0


def test_a_store_from_before_sweeps_is_upgraded_and_keeps_its_runs(isolated_studio):
    import sqlite3

    from fmnist_core.store import MIGRATIONS

    isolated_studio.mkdir(parents=True)
    with sqlite3.connect(isolated_studio / "studio.sqlite") as db:
        db.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
        db.execute(
            "INSERT INTO runs (name, architecture, spec, config, created) "
            "VALUES ('old run', 'tiny', '{}', '{}', 1.0)"
        )
    store = RunStore(isolated_studio)
    (old,) = store.list_runs()
    assert (old.name, old.sweep_id, old.sweep_values) == ("old run", None, None)
    plan = sweeps.plan(TINY_SPEC, TrainConfig(), [parse_vary("seed=1,2")])
    sweep_id, run_ids = sweeps.queue(store, "after the upgrade", plan)
    assert [run.id for run in store.sweep_runs(sweep_id)] == run_ids == [2, 3]


def test_long_sweep_names_are_cut_before_the_values_that_tell_runs_apart():
    from fmnist_core.names import MAX_NAME_LENGTH

    name = "sweep of learning_rate, batch_size"
    names = [
        sweeps.run_name(name, sweeps.describe({"learning_rate": rate, "batch_size": batch}))
        for rate in (0.001, 0.003)
        for batch in (32, 64)
    ]
    assert len(set(names)) == 4 and all(len(n) <= MAX_NAME_LENGTH for n in names)
    assert names[1] == "sweep of learning_rate… · learning_rate=0.001, batch_size=64"
    assert sweeps.run_name("rates", "learning_rate=0.001") == "rates · learning_rate=0.001"
    assert sweeps.run_name(None, "learning_rate=0.001") == "learning_rate=0.001"


def test_the_estimate_counts_the_time_around_each_runs_training(tmp_path):
    """Tiny runs are mostly start-up and the test set: 4 runs of 300 images said "about 1 s"."""
    from fmnist_core.store import Epoch

    store = RunStore(tmp_path)
    run_id = store.create_run("done", architectures.preset("lecture-2"), {"epochs": 1})
    store.claim_next_run(1, "CPU")
    store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=0.8)
    # 30 s from start to end, 2 s of it one epoch.
    run = dataclasses.replace(store.get_run(run_id), started=100.0, finished=130.0)
    epoch = Epoch(1, 0.5, 0.8, 0.6, 0.75, 0.001, 2.0, 0.0)
    around = sweeps.seconds_around_training([(run, [epoch])])
    assert around == 28.0
    assert sweeps.seconds_around_training([]) == 0.0
    seeds = Varied("seed", (1, 2, 3, 4))
    plan = sweeps.plan(architectures.preset("lecture-2"), TrainConfig(limit_train=300), [seeds])
    training_only = sweeps.estimate_seconds(plan, 60_000, 1e-12)
    assert sweeps.estimate_seconds(plan, 60_000, 1e-12, around) == training_only + 4 * 28.0
    assert sweeps.estimate_seconds(plan, 60_000, None, around) is None


def test_the_rate_comes_from_runs_on_enough_images_else_from_the_benchmark(tmp_path):
    """Seconds of a 300-image epoch are mostly its overhead: timed as training they made the
    lecture's three models on the full data 18 hours instead of about 2."""
    from fmnist_core.store import Epoch

    spec = architectures.preset("lecture-2")
    work = architectures.summarise(spec).multiply_adds
    store = RunStore(tmp_path)

    def timed(limit_train: int, seconds: float):
        config = TrainConfig(limit_train=limit_train, validation_split=0.0)
        run = store.get_run(store.create_run("timed", spec, config.to_dict()))
        return run, [Epoch(1, 0.5, 0.8, 0.6, 0.75, 0.001, seconds, 0.0)]

    benchmark = sweeps.seconds_per_multiply_add([], 60_000)
    assert benchmark is not None  # the committed lecture-2 record
    tiny = [timed(300, 1.0)]
    assert sweeps.seconds_per_multiply_add(tiny, 60_000) == benchmark
    enough = [timed(10_000, 20.0), *tiny]
    assert sweeps.seconds_per_multiply_add(enough, 60_000) == pytest.approx(20.0 / (work * 10_000))


def test_the_lecture_as_a_sweep_is_estimated_from_its_benchmarked_epochs():
    """Each of the lecture's models with the lecture's recipe has a committed record: its
    epochs take what they took there, scaled to the images (no time per multiply-add needed)."""
    from fmnist_core.measured import claim

    per_epoch = {
        key: claim(key, "lecture").median_seconds / claim(key, "lecture").epochs
        for key in ("lecture-1", "lecture-2", "lecture-3")
    }
    full = sweeps.estimate_seconds(sweeps.lecture_plan(), 60_000, None)
    assert full == pytest.approx(25 * sum(per_epoch.values()))
    quick = sweeps.lecture_plan(config=sweeps.lecture_try(2, TrainConfig(limit_train=6_000)))
    assert sweeps.estimate_seconds(quick, 60_000, None) == pytest.approx(
        2 * sum(per_epoch.values()) / 10
    )
    # Another recipe on the same network is not what the records timed
    other = sweeps.plan(
        architectures.preset("lecture-2"), TrainConfig(batch_size=64), [Varied("seed", (1, 2))]
    )
    assert sweeps.estimate_seconds(other, 60_000, None) is None


def test_more_training_images_than_there_are_is_refused_once_per_value():
    varied = [Varied("limit_train", (300, 99_999_999)), Varied("learning_rate", (0.001, 0.003))]
    with pytest.raises(SweepError) as raised:
        sweeps.plan(architectures.preset("fast"), TrainConfig(), varied, available=60_000)
    said = [str(problem) for problem in raised.value.problems]
    assert said == [
        "limit_train=99,999,999 is more than the 60,000 training images of the data in use; "
        "give at most 60,000, or all (0) for every image."
    ]  # once, not once per learning rate
    base = dataclasses.replace(TrainConfig(), limit_train=70_000)  # the form's own number
    with pytest.raises(SweepError, match="limit_train=70,000 is more than"):
        sweeps.plan(architectures.preset("fast"), base, [varied[1]], available=60_000)
    assert sweeps.plan(architectures.preset("fast"), TrainConfig(), varied[1:], available=60_000)


def test_a_variant_with_a_layer_changed_is_an_edit_of_its_network_not_the_network():
    varied = [Varied("layers.1.filters", (16, 32)), Varied("learning_rate", (0.001, 0.003))]
    plan = sweeps.plan(architectures.preset("lecture-2"), TrainConfig(), varied)
    names = {run.values["layers.1.filters"]: run.spec["name"] for run in plan.runs}
    # Its run names say the values. With lecture-2's own 32 filters the network is lecture-2.
    assert names == {16: "lecture-2 pool+dropout (edited)", 32: "lecture-2 pool+dropout"}
    edited = [run for run in plan.runs if run.values["layers.1.filters"] == 16]
    assert all(run.spec["description"] == "" for run in edited)
    same = sweeps.plan(architectures.preset("lecture-2"), TrainConfig(), varied[1:])
    assert {run.spec["name"] for run in same.runs} == {"lecture-2 pool+dropout"}


def test_an_impossible_value_is_said_once_by_the_values_its_combinations_share():
    varied = [Varied("learning_rate", (0.001, 0.005)), Varied("layers.1.filters", (16, 0))]
    with pytest.raises(SweepError) as raised:
        sweeps.plan(architectures.preset("lecture-2"), TrainConfig(), varied)
    (problem,) = raised.value.problems
    assert problem.combination == {"layers.1.filters": 0}
    assert str(problem).startswith("The combination layers.1.filters=0 cannot run")
