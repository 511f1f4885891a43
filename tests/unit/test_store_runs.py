"""Runs in the store: queue order, atomic claims, progress, stop, interrupted, delete."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import sqlalchemy
import typing_extensions

from fmnist_core import architectures
from fmnist_core.store import MIGRATIONS, RunStore, StoreError, StoreUnavailable, pid_alive
from fmnist_core.training import TrainConfig
from tests.conftest import ROOT

SPEC = architectures.preset("lecture-2")
CONFIG = {"epochs": 3}


@pytest.fixture
def store(tmp_path, database) -> RunStore:
    """A new store: each test runs on SQLite and on PostgreSQL (``database``)."""
    return RunStore(tmp_path / "home")


def test_a_queued_runs_place_counts_the_queued_runs_ahead_and_those_training(store):
    first, second, third = (store.create_run(name, SPEC, CONFIG) for name in "abc")
    assert store.queue_place(first) == (0, 0)
    assert store.queue_place(third) == (2, 0)
    store.claim_next_run(os.getpid(), "CPU")  # the first trains
    assert store.queue_place(second) == (0, 1)
    assert store.queue_place(third) == (1, 1)
    store.request_stop(second)  # cancelled: no longer ahead
    assert store.queue_place(third) == (0, 1)


def test_create_claim_finish(store):
    run_id = store.create_run("first", SPEC, CONFIG, params=241_546)
    assert store.get_run(run_id).status == "queued"
    claimed = store.claim_next_run(os.getpid(), "CPU")
    assert (claimed.id, claimed.status, claimed.device) == (run_id, "running", "CPU")
    store.record_epoch(
        run_id,
        1,
        {
            "loss": 0.5,
            "accuracy": 0.8,
            "val_loss": 0.6,
            "val_accuracy": 0.78,
            "learning_rate": 0.001,
            "seconds": 2.0,
        },
    )
    store.finish_run(run_id, "finished", test_loss=0.55, test_accuracy=0.79)
    run = store.get_run(run_id)
    assert (run.status, run.test_accuracy, run.params) == ("finished", 0.79, 241_546)
    assert [e.val_accuracy for e in store.epochs(run_id)] == [0.78]
    assert store.claim_next_run(os.getpid(), "CPU") is None


def test_queue_is_first_in_first_out(store):
    ids = [store.create_run(f"run {i}", SPEC, CONFIG) for i in range(3)]
    claimed = [store.claim_next_run(os.getpid(), "CPU").id for _ in ids]
    assert claimed == ids


def _claim_all(home: str, found) -> None:
    store = RunStore(home)
    while (run := store.claim_next_run(os.getpid(), "CPU")) is not None:
        found.append(run.id)


def test_two_workers_never_claim_the_same_run(tmp_path, database):
    store = RunStore(tmp_path)
    ids = [store.create_run(f"run {i}", SPEC, CONFIG) for i in range(40)]
    with multiprocessing.Manager() as manager:
        found = manager.list()
        workers = [
            multiprocessing.Process(target=_claim_all, args=(str(tmp_path), found))
            for _ in range(3)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
        claimed = list(found)
    assert sorted(claimed) == ids  # every run claimed exactly once


def test_stop_on_a_queued_run_cancels_it(store):
    run_id = store.create_run("later", SPEC, CONFIG)
    store.request_stop(run_id)
    assert store.get_run(run_id).status == "cancelled"
    assert store.claim_next_run(os.getpid(), "CPU") is None


def test_stop_flag_on_a_running_run(store):
    run_id = store.create_run("now", SPEC, CONFIG)
    store.claim_next_run(os.getpid(), "CPU")
    assert not store.stop_requested(run_id)
    store.request_stop(run_id)
    assert store.stop_requested(run_id)
    assert store.get_run(run_id).status == "running"  # the worker decides when it stops


def test_dead_worker_means_interrupted_with_epochs_kept(store):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    run_id = store.create_run("orphan", SPEC, CONFIG)
    store.claim_next_run(child.pid, "CPU")
    store.record_epoch(run_id, 1, {"loss": 1.0})
    assert store.mark_interrupted() == [run_id]
    run = store.get_run(run_id)
    assert run.status == "interrupted" and "stopped unexpectedly" in run.error
    assert len(store.epochs(run_id)) == 1


def test_stale_heartbeat_means_interrupted(store):
    run_id = store.create_run("silent", SPEC, CONFIG)
    store.claim_next_run(os.getpid(), "CPU")  # alive, but its heartbeat will be old
    assert store.mark_interrupted(now=time.time() + 5) == []
    assert store.mark_interrupted(now=time.time() + 120) == [run_id]


def test_progress_is_recorded(store):
    run_id = store.create_run("p", SPEC, CONFIG)
    store.claim_next_run(os.getpid(), "CPU")
    store.record_progress(run_id, 2, 120, 352)
    run = store.get_run(run_id)
    assert (run.epoch, run.batch, run.batches_per_epoch) == (2, 120, 352)


def test_delete_removes_the_run_and_its_folder(store):
    run_id = store.create_run("gone", SPEC, CONFIG)
    with pytest.raises(StoreError, match="stop it before deleting"):
        store.delete_run(run_id)
    store.request_stop(run_id)
    folder = store.run_dir(run_id)
    (folder / "model.keras").write_bytes(b"x")
    store.delete_run(run_id)
    assert store.get_run(run_id) is None
    assert not folder.exists()


def test_schema_is_versioned(tmp_path):
    store = RunStore(tmp_path)  # the SQLite file's own version field; PostgreSQL's is tested apart
    with sqlite3.connect(store.path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_pid_alive():
    assert pid_alive(os.getpid())
    assert not pid_alive(None)


def test_epochs_of_several_runs_in_one_go(store):
    first = store.create_run("a", SPEC, CONFIG)
    second = store.create_run("b", SPEC, CONFIG)
    for epoch in (1, 2):
        store.record_epoch(first, epoch, {"loss": 1.0 / epoch})
    store.record_epoch(second, 1, {"loss": 0.3})
    found = store.epochs_of([first, second, 999])
    assert [e.loss for e in found[first]] == [1.0, 0.5]
    assert [e.epoch for e in found[second]] == [1]
    assert found[999] == []


def _damaged_copy(tmp_path, mutate) -> Path:
    """A store with 30 runs of 19 epochs each, then its file changed by ``mutate``."""
    home = tmp_path / "damaged"
    store = RunStore(home)
    for number in range(30):
        run_id = store.create_run(f"run {number}", SPEC, TrainConfig().to_dict())
        for epoch in range(1, 20):
            store.record_epoch(run_id, epoch, {"loss": 1.0})
    connection = sqlite3.connect(store.path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    content = bytearray(store.path.read_bytes())
    store.path.write_bytes(bytes(mutate(content)))
    return home


def _zero_page(content: bytearray, page: int) -> bytearray:
    content[4096 * page + 100 : 4096 * (page + 1)] = bytes(4096 - 100)
    return content


@pytest.mark.parametrize(
    "mutate",
    [
        lambda b: b"not a database!!" + b[16:],  # the header
        lambda b: b[: len(b) // 3],  # truncated
        lambda b: _zero_page(b, 20),  # pages inside: queries would answer with rows missing
    ],
    ids=["header", "truncated", "inner pages"],
)
def test_a_damaged_store_is_one_sentence_saying_what_and_what_to_do(tmp_path, mutate):
    home = _damaged_copy(tmp_path, mutate)
    with pytest.raises(StoreUnavailable) as raised:
        RunStore(home).list_runs()
    message = str(raised.value)
    assert raised.value.key == "damaged"
    assert message.startswith(f"The run store {home / 'studio.sqlite'} is damaged (")
    assert "Move that file aside and reload" in message and "\n" not in message


def test_the_cli_says_the_store_is_damaged_instead_of_a_traceback(tmp_path, monkeypatch, capsys):
    from fmnist_core.__main__ import main

    home = _damaged_copy(tmp_path, lambda b: b"not a database!!" + b[16:])
    monkeypatch.setenv("FMNIST_HOME", str(home))
    assert main(["runs", "list"]) == 2
    assert capsys.readouterr().err.startswith("error: The run store ")


def test_a_store_that_cannot_be_written_is_read_and_refuses_changes(tmp_path, monkeypatch):
    from fmnist_core import store as store_module

    writer = RunStore(tmp_path / "shared")
    run_id = writer.create_run("theirs", SPEC, TrainConfig().to_dict())
    really = os.access
    monkeypatch.setattr(
        store_module.os, "access", lambda path, mode: mode != os.W_OK and really(path, mode)
    )
    reader = RunStore(tmp_path / "shared")
    assert reader.read_only
    assert [run.name for run in reader.list_runs()] == ["theirs"]
    with pytest.raises(StoreUnavailable, match="is read-only here, so nothing can be changed"):
        reader.update_run_info(run_id, notes="mine")


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv") or not Path("/usr/bin/python3").exists(),
    reason="needs root to become another user (setpriv) and Debian's python3",
)
def test_a_store_owned_by_someone_else_is_listed_by_a_user_who_cannot_write_it(tmp_path):
    """Real permissions: another user (nobody) lists a WAL store in a folder they cannot write."""
    home = Path(tempfile.mkdtemp(prefix="fmnist-ro-"))
    try:
        store = RunStore(home / "home")
        store.create_run("theirs", SPEC, TrainConfig().to_dict())
        package = home / "code" / "fmnist_core"
        package.mkdir(parents=True)
        for module in ("__init__", "store", "names", "messages", "settings"):  # stdlib + SQLAlchemy
            shutil.copy(ROOT / "fmnist_core" / f"{module}.py", package)
        # Debian's python3 has no SQLAlchemy: it gets ours (pure Python where no compiled part
        # fits), beside the copied package, which nobody can read wherever the checkout is.
        shutil.copytree(Path(sqlalchemy.__file__).parent, home / "code" / "sqlalchemy")
        shutil.copy(typing_extensions.__file__, home / "code")
        subprocess.run(["chmod", "-R", "a+rX,a-w", str(home)], check=True)
        script = (
            "from fmnist_core.store import RunStore\n"
            f"store = RunStore({str(home / 'home')!r})\n"
            "print(store.read_only, [run.name for run in store.list_runs()])\n"
        )
        result = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3"],
            input=script,
            capture_output=True,
            text=True,
            cwd=home / "code",
            env={"PATH": "/usr/bin:/bin", "HOME": str(home)},
            timeout=60,
        )
        assert result.stdout.strip() == "True ['theirs']", result.stderr
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(home)], check=True)
        shutil.rmtree(home)


def test_a_new_store_beside_old_run_folders_numbers_its_runs_after_them(tmp_path):
    old = RunStore(tmp_path / "home")
    first = old.create_run("old", SPEC, TrainConfig().to_dict())
    old.run_dir(first).joinpath("model.keras").write_bytes(b"the old run's model")
    old.path.rename(tmp_path / "studio.sqlite.damaged")  # moved aside, as the message says
    new = RunStore(tmp_path / "home")
    assert new.create_run("new", SPEC, TrainConfig().to_dict()) == first + 1
    assert old.run_dir(first).joinpath("model.keras").read_bytes() == b"the old run's model"


def test_a_run_folder_another_store_made_meanwhile_is_never_a_new_runs(store):
    first = store.create_run("first", SPEC, CONFIG)
    store.run_dir(first + 3).joinpath("model.keras").write_bytes(b"another store's run")
    assert store.create_run("next", SPEC, CONFIG) == first + 4
    _, (in_sweep,) = store.create_sweep("grid", [], [("swept", {}, SPEC, CONFIG, None)])
    assert in_sweep == first + 5


def test_a_store_sent_to_another_process_uses_the_same_database(store, monkeypatch):
    """Worker pools and cluster tasks pickle the store: the copy reads and writes the same runs,
    even where FMNIST_STORE_URL is not set (another machine)."""
    run_id = store.create_run("sent", SPEC, CONFIG)
    sent = pickle.dumps(store)
    monkeypatch.delenv("FMNIST_STORE_URL", raising=False)
    copy = pickle.loads(sent)
    copy.record_epoch(run_id, 1, {"loss": 0.25})
    assert (copy.home, copy.get_run(run_id).name) == (store.home, "sent")
    assert [e.loss for e in store.epochs(run_id)] == [0.25]
