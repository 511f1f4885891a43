"""The store streamer, driven as Keras drives it: whole epochs, and one that Stop cuts short."""

from __future__ import annotations

import os
import sqlite3
from types import SimpleNamespace

import pytest

from fmnist_core import architectures, comparison
from fmnist_core.callbacks import StoreStreamer
from fmnist_core.store import MIGRATIONS, Epoch, RunStore

SPEC = architectures.preset("lecture-2")
LOGS = {"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6, "val_accuracy": 0.78}


@pytest.fixture
def store(tmp_path, database) -> RunStore:
    """A new store: each test runs on SQLite and on PostgreSQL (``database``)."""
    return RunStore(tmp_path / "home")


def training_run(store: RunStore, name: str, epochs: int, steps: int):
    """A run claimed as a worker claims it, and its streamer as Keras starts it (unthrottled)."""
    run_id = store.create_run(name, SPEC, {"epochs": epochs})
    store.claim_next_run(os.getpid(), "CPU")
    streamer = StoreStreamer(store, run_id, writes_per_second=1e9)
    streamer.set_model(SimpleNamespace(stop_training=False))
    streamer.set_params({"steps": steps, "epochs": epochs})
    streamer.on_train_begin()
    return run_id, streamer


def run_epoch(streamer: StoreStreamer, epoch: int, batches: int) -> None:
    streamer.on_epoch_begin(epoch)
    for batch in range(batches):
        streamer.on_train_batch_end(batch)
        if streamer.model.stop_training:
            break  # as Keras' loop does after the batch hooks
    streamer.on_epoch_end(epoch, dict(LOGS))


def test_an_epoch_cut_short_by_stop_says_how_much_of_it_trained(store):
    run_id, streamer = training_run(store, "stopped", epochs=3, steps=8)
    run_epoch(streamer, 0, batches=8)
    store.request_stop(run_id)  # pressed during the second epoch, seen after its 3rd batch
    streamer.on_epoch_begin(1)
    for batch in range(3):
        streamer.on_train_batch_end(batch)
    assert streamer.model.stop_training
    streamer.on_epoch_end(1, dict(LOGS))

    whole, cut = store.epochs(run_id)
    assert (whole.fraction, whole.position) == (None, 1)
    assert (cut.fraction, cut.position) == (3 / 8, 1.375)
    table = comparison.runs_table([store.get_run(run_id)], {run_id: [whole, cut]})
    assert table["epochs_run"].tolist() == [1.38]
    cut_best = comparison.overfitting([whole, Epoch(**{**cut.__dict__, "val_loss": 0.1})])
    assert (cut_best.best_val_loss_epoch, cut_best.epochs_after_best) == (1.38, 0)  # as shown
    history = comparison.histories_table([store.get_run(run_id)], {run_id: [whole, cut]})
    assert history["fraction"].tolist()[1] == 0.375


def test_whole_epochs_have_no_fraction_even_when_stop_comes_at_their_end(store):
    run_id, streamer = training_run(store, "stopped at an epoch's end", epochs=3, steps=4)
    streamer.on_epoch_begin(0)
    for batch in range(4):
        streamer.on_train_batch_end(batch)
    store.request_stop(run_id)  # seen only in on_epoch_end: the epoch was whole
    streamer.on_epoch_end(0, dict(LOGS))
    (epoch,) = store.epochs(run_id)
    assert epoch.fraction is None and streamer.model.stop_training


def test_a_store_from_before_partial_epochs_is_upgraded_and_keeps_its_epochs(isolated_studio):
    isolated_studio.mkdir(parents=True)
    with sqlite3.connect(isolated_studio / "studio.sqlite") as db:
        db.executescript(MIGRATIONS[0] + ";" + MIGRATIONS[1] + "; PRAGMA user_version = 2;")
        db.execute(
            "INSERT INTO runs (name, architecture, spec, config, created) "
            "VALUES ('old run', 'tiny', '{}', '{}', 1.0)"
        )
        db.execute("INSERT INTO epochs (run_id, epoch, loss, recorded) VALUES (1, 1, 0.5, 2.0)")
    store = RunStore(isolated_studio)
    (epoch,) = store.epochs(1)
    assert (epoch.loss, epoch.fraction, epoch.position) == (0.5, None, 1)


def test_progress_that_cannot_be_written_while_the_store_is_away_is_said_once(
    isolated_studio, monkeypatch, caplog
):
    from fmnist_core.store import StoreUnavailable

    store = RunStore(isolated_studio)
    run_id, streamer = training_run(store, "through an outage", epochs=1, steps=12)
    written = store.record_progress
    away = {"batches": range(2, 9)}  # seven writes fail, as in a 12 s server restart

    def sometimes_away(run, epoch, batch, batches):
        if batch in away["batches"]:
            raise StoreUnavailable("server_down", server="db:5432/studio", detail="refused")
        return written(run, epoch, batch, batches)

    monkeypatch.setattr(store, "record_progress", sometimes_away)
    with caplog.at_level("INFO", logger="fmnist_core.callbacks"):
        run_epoch(streamer, 0, 12)
    said = [record.getMessage() for record in caplog.records]
    assert len(said) == 2, said
    assert said[0].startswith(f"progress of run {run_id} not recorded while the run store does")
    assert said[1] == f"progress of run {run_id} recorded again: the run store answers"
    assert [epoch.epoch for epoch in store.epochs(run_id)] == [1]
