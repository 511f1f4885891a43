"""How far a run has got: a stopped part-epoch counts as a part, and no early wild estimate."""

from __future__ import annotations

import dataclasses

from fmnist_core import progress
from fmnist_core.store import Epoch, Run


def a_run(status: str, epochs_planned: int = 2, batch: int = 0, batches: int = 0) -> Run:
    return Run(
        id=1,
        name="r",
        architecture="lecture-1",
        spec={},
        config={},
        status=status,
        created=0.0,
        started=10.0,
        finished=None if status == "running" else 40.0,
        device="CPU",
        params=1,
        test_loss=None,
        test_accuracy=None,
        error=None,
        worker_pid=None,
        heartbeat=None,
        stop_requested=False,
        epoch=1,
        batch=batch,
        batches_per_epoch=batches,
        epochs_planned=epochs_planned,
        notes="",
        tags="",
    )


def an_epoch(number: int, fraction: float | None = None) -> Epoch:
    return Epoch(number, 0.5, 0.8, 0.6, 0.7, 0.001, 3.0, 0.0, fraction)


def test_a_run_stopped_half_way_through_its_only_epoch_is_half_done():
    state = progress.estimate(a_run("stopped", epochs_planned=1), [an_epoch(1, fraction=0.5)])
    assert state.fraction == 0.5


def test_a_finished_run_is_whole_and_a_stopped_run_counts_its_whole_epochs():
    assert progress.estimate(a_run("finished"), [an_epoch(1), an_epoch(2)]).fraction == 1.0
    stopped = progress.estimate(a_run("stopped", epochs_planned=4), [an_epoch(1), an_epoch(2, 0.5)])
    assert stopped.fraction == 1.5 / 4


def test_time_left_waits_for_a_tenth_of_an_epoch():
    # 20 s spent loading data and building the network, then 1 batch of 68: projecting that
    # read "5 min" for a run of seconds.
    early = progress.estimate(a_run("running", batch=1, batches=68), [], now=30.0)
    assert early.remaining is None
    later = progress.estimate(a_run("running", batch=34, batches=68), [], now=30.0)
    assert later.fraction == 0.25 and later.remaining == 60.0


def test_time_left_after_an_epoch_counts_epochs_not_the_start_up():
    # Started at 10 s; 20 s of start-up, then a 3 s epoch and half of the next: at 34.5 s the
    # elapsed time (24.5 s for 1.5 epochs) read 41 s for the 2.5 epochs left, not 2.5 x 3 s.
    state = progress.estimate(
        a_run("running", epochs_planned=4, batch=34, batches=68), [an_epoch(1)], now=34.5
    )
    assert state.fraction == 1.5 / 4
    assert state.remaining == 3.0 * 2.5


def test_an_interrupted_run_took_until_its_last_heartbeat_not_until_it_was_found_dead():
    """Its worker killed 5 s in, a run found dead 28 s later read "Elapsed 33 s"."""
    run = a_run("interrupted")
    assert progress.estimate(run, [an_epoch(1)]).elapsed == 30.0  # no heartbeat: until found
    run = dataclasses.replace(run, heartbeat=15.0)
    assert progress.estimate(run, [an_epoch(1)]).elapsed == 5.0
    finished = dataclasses.replace(a_run("finished"), heartbeat=15.0)
    assert progress.estimate(finished, [an_epoch(1)]).elapsed == 30.0  # its end is its own
