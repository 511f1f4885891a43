"""The background worker as a real process: order, Stop, SIGKILL, and failures recorded."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from fmnist_core import worker
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig
from tests.unit.test_training import TINY_SPEC

QUICK = TrainConfig(epochs=1, batch_size=64, limit_train=200, validation_split=0.2).to_dict()
# Long enough to be caught mid-run: ~190 batches an epoch on the sample, for 100 epochs.
LONG = TrainConfig(epochs=100, batch_size=16, validation_split=0.0).to_dict()


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture
def store(isolated_studio, small_data_dir) -> RunStore:
    return RunStore(isolated_studio)


def test_worker_trains_queued_runs_in_order(store):
    first = store.create_run("first", TINY_SPEC, QUICK)
    second = store.create_run("second", TINY_SPEC, QUICK)
    assert worker.ensure_worker(store.home)
    wait_for(lambda: store.get_run(second).status == "finished", 180, "both runs to finish")
    runs = [store.get_run(first), store.get_run(second)]
    assert all(run.status == "finished" and run.test_accuracy is not None for run in runs)
    assert runs[0].finished <= runs[1].started  # one at a time, oldest first
    assert runs[0].worker_pid == runs[1].worker_pid
    assert all(len(store.epochs(run.id)) == 1 for run in runs)


def test_stop_ends_a_run_within_a_few_batches(store):
    run_id = store.create_run("long", TINY_SPEC, LONG)
    worker.ensure_worker(store.home)
    wait_for(lambda: (store.get_run(run_id).batch or 0) > 0, 120, "training to start")
    store.request_stop(run_id)
    asked = time.monotonic()
    wait_for(lambda: store.get_run(run_id).status == "stopped", 60, "the run to stop")
    assert time.monotonic() - asked < 15
    run = store.get_run(run_id)
    assert run.test_accuracy is None
    assert len(store.epochs(run_id)) < 100
    assert (store.run_dir(run_id) / "model.keras").is_file()  # the partial model is kept


def test_killed_worker_leaves_an_interrupted_run_with_its_epochs(store):
    run_id = store.create_run("doomed", TINY_SPEC, LONG)
    worker.ensure_worker(store.home)
    wait_for(lambda: len(store.epochs(run_id)) >= 1, 180, "a first epoch")
    pid = store.get_run(run_id).worker_pid
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not worker.worker_running(store.home), 30, "the worker to be gone")
    assert store.mark_interrupted() == [run_id]
    run = store.get_run(run_id)
    assert run.status == "interrupted"
    assert len(store.epochs(run_id)) >= 1


def test_an_exception_in_training_is_recorded_as_failed(store, monkeypatch):
    from fmnist_core import training

    def broken(*args, **kwargs):
        raise RuntimeError("out of memory while building the model")

    monkeypatch.setattr(training, "train", broken)
    run_id = store.create_run("broken", TINY_SPEC, QUICK)
    run = store.claim_next_run(os.getpid(), "CPU")
    assert worker.execute(store, run) == "failed"
    failed = store.get_run(run_id)
    assert failed.status == "failed"
    assert failed.error == "RuntimeError: out of memory while building the model"


def children() -> set[int]:
    """This process's child processes, zombies (exited, not waited for) included."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = stat.read_text().split(") ", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        if int(parent) == os.getpid():
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_an_idle_worker_that_exits_leaves_no_zombie_behind(store, monkeypatch):
    monkeypatch.setenv("FMNIST_WORKER_IDLE", "0.5")
    before = children()
    assert worker.ensure_worker(store.home)
    (started,) = children() - before
    wait_for(lambda: worker.worker_running(store.home), 60, "the worker to take its lock")
    # Gone from the process table once it exits: unwaited, it stayed there as a zombie.
    wait_for(lambda: not Path(f"/proc/{started}").exists(), 60, "the idle worker to be reaped")


def test_only_one_worker_serves_a_home(store):
    worker.ensure_worker(store.home)
    wait_for(lambda: worker.worker_running(store.home), 30, "the worker to take its lock")
    assert worker.serve(store.home, idle_exit=1) == 0  # a second one leaves at once


def test_workers_of_the_sqlite_store_do_not_count_for_a_postgresql_one_on_the_same_home(
    isolated_studio, monkeypatch
):
    """README: unset FMNIST_STORE_URL to go back to SQLite. The SQLite store's idle workers held
    the home's one lock name, so a run queued on PostgreSQL got no worker for minutes."""
    isolated_studio.mkdir(parents=True)
    with worker._free_slot(isolated_studio, 1) as slot:  # a worker serving the SQLite file
        assert slot == 0 and worker.workers_running(isolated_studio) == 1
        monkeypatch.setenv("FMNIST_STORE_URL", "postgresql://studio:secret@db:5432/studio")
        assert worker.workers_running(isolated_studio) == 0
        with worker._free_slot(isolated_studio, 1) as taken:  # so one is started for it
            assert taken == 0 and worker.workers_running(isolated_studio) == 1
            monkeypatch.setenv("FMNIST_STORE_URL", "postgresql://studio:other@db:5432/studio")
            assert worker.workers_running(isolated_studio) == 1  # the same database
            monkeypatch.setenv("FMNIST_STORE_URL", "postgresql://studio:secret@db:5432/another")
            assert worker.workers_running(isolated_studio) == 0
    names = " ".join(path.name for path in isolated_studio.glob("worker*.lock"))
    assert "secret" not in names and "db" not in names


def test_a_run_queued_during_the_last_idle_poll_is_still_trained(store, monkeypatch):
    """The race: a page queues a run while the idle worker makes its last poll. The page finds
    the lock held (so starts no worker) and the worker, about to exit, must see the run."""
    queued = []

    def last_poll_then_a_page_queues_a_run(self, worker_pid, device):
        if not queued:  # the worker's last poll finds nothing; the page queues right after
            queued.append(store.create_run("just in time", TINY_SPEC, QUICK))
            assert not worker.ensure_worker(store.home)  # the lock is still held
            return None
        return original(self, worker_pid, device)

    original = RunStore.claim_next_run
    monkeypatch.setattr(RunStore, "claim_next_run", last_poll_then_a_page_queues_a_run)
    monkeypatch.setattr(worker, "execute", lambda store, run, *a, **k: "finished")
    assert worker.serve(store.home, idle_exit=0.3) == 1
    assert store.get_run(queued[0]).status == "running"  # claimed (execute was a stand-in)


def test_a_full_disk_fails_the_run_with_that_cause_and_leaves_no_partial_file(store, monkeypatch):
    import errno

    import keras

    def save_until_the_disk_fills(self, path, *args, **kwargs):
        with open(path, "wb") as handle:
            handle.write(b"half a model")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(keras.Model, "save", save_until_the_disk_fills)
    run_id = store.create_run("fills the disk", TINY_SPEC, QUICK)
    run = store.claim_next_run(os.getpid(), "CPU")
    assert worker.execute(store, run) == "failed"
    failed = store.get_run(run_id)
    assert failed.status == "failed"
    assert failed.error.startswith("disk full: no space left on the disk holding")
    assert list(store.run_dir(run_id).glob("*partial*")) == []


def test_a_failure_is_recorded_once_the_store_can_be_written_again(store, monkeypatch):
    from fmnist_core import training
    from fmnist_core.store import StoreUnavailable

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    original, refusals = RunStore.finish_run, []

    def full_twice(self, *args, **kwargs):
        if len(refusals) < 2:
            refusals.append(1)
            raise StoreUnavailable("disk_full", path=self.path)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(training, "train", broken)
    monkeypatch.setattr(RunStore, "finish_run", full_twice)
    monkeypatch.setattr(worker, "RECORD_PAUSE_SECONDS", 0.01)
    run_id = store.create_run("broken", TINY_SPEC, QUICK)
    assert worker.execute(store, store.claim_next_run(os.getpid(), "CPU")) == "failed"
    assert (store.get_run(run_id).status, store.get_run(run_id).error) == (
        "failed",
        "RuntimeError: boom",
    )


class _RaiseAtEpochEnd:
    """A Keras callback that raises ``error`` after the first epoch, as a crash or Ctrl+C would."""

    def __init__(self, error: BaseException) -> None:
        import keras

        class Raiser(keras.callbacks.Callback):
            def on_epoch_end(self, epoch, logs=None):
                raise error

        self.callback = Raiser()


@pytest.mark.slow
def test_training_here_records_a_crash_with_its_cause_as_the_worker_does(store):
    from fmnist_core import data

    run = worker.train_here(
        store,
        "crashes",
        TINY_SPEC,
        TrainConfig.from_dict(QUICK),
        data.load_dataset(),
        on_gpu=False,
        callbacks=(_RaiseAtEpochEnd(RuntimeError("the callback broke")).callback,),
    )
    assert run.status == "failed"
    assert run.error == "RuntimeError: the callback broke"
    assert run.worker_pid == os.getpid()


@pytest.mark.slow
def test_ctrl_c_stops_a_run_trained_here_and_keeps_its_epochs(store):
    from fmnist_core import data

    announced = []
    run = worker.train_here(
        store,
        "interrupted",
        TINY_SPEC,
        TrainConfig.from_dict(QUICK | {"epochs": 3}),
        data.load_dataset(),
        on_gpu=False,
        callbacks=(_RaiseAtEpochEnd(KeyboardInterrupt()).callback,),
        announce=announced.append,
    )
    assert announced == [run.id]
    assert run.status == "stopped"
    assert len(store.epochs(run.id)) == 1
