"""The Train page's queue keeps up while it shows a run that has ended.

A page left on a finished run drew its "Waiting in the queue" list once: it went on listing a
run another tab had cancelled (or a worker had long since trained), and never showed a run
queued from another browser. Only a real server and a real browser rerun a fragment on its
timer: AppTest runs fragments as part of the whole page.
"""

from __future__ import annotations

import subprocess

import pytest

from bench.served_dashboard import wait_idle
from fmnist_core import architectures
from fmnist_core.store import RunStore
from fmnist_core.training import RECIPES
from tests.e2e.conftest import ARTIFACTS, assert_log_clean, served
from tests.e2e.test_walkthrough import no_errors

pytestmark = pytest.mark.e2e


def test_the_queue_of_a_page_watching_an_ended_run_follows_other_browsers(
    browser, tmp_path, request
):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    store = RunStore(tmp_path / "home")
    lecture = RECIPES["lecture"].to_dict()
    ended = store.create_run("ended", architectures.preset("lecture-1"), lecture)
    # "Trained" by a process of its own: the dashboard's fixture stops the runs' workers.
    trainer = subprocess.Popen(["sleep", "300"])
    request.addfinalizer(trainer.kill)
    store.claim_next_run(trainer.pid, "CPU test")
    store.record_epoch(ended, 1, {"loss": 0.6, "accuracy": 0.8})
    store.finish_run(ended, "finished", test_loss=0.5, test_accuracy=0.81)
    # The page's worker takes the first and trains it for long; the second waits behind it.
    long_run = store.create_run("long", architectures.preset("lecture-1"), lecture)
    waiting = store.create_run("waiting", architectures.preset("lecture-2"), lecture)
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(30_000)
    with served(store.home, "server-queue.log") as dashboard:
        try:
            page.goto(f"{dashboard['url']}/train?run={ended}")
            page.get_by_text(f"#{waiting} waiting").first.wait_for()
            wait_idle(page)
            store.request_stop(waiting)  # as a second tab's Cancel does
            assert store.get_run(waiting).status == "cancelled"
            page.get_by_text(f"#{waiting} waiting").first.wait_for(state="detached", timeout=15_000)
            page.get_by_text("Waiting in the queue").first.wait_for(state="detached")
            # Queued from another browser (or the command line): listed without a reload.
            later = store.create_run("later", architectures.preset("lecture-1"), lecture)
            page.get_by_text(f"#{later} later").first.wait_for(timeout=15_000)
            no_errors(page)
            # The line under the run picker follows the runs training elsewhere: it went on
            # saying "Training now: run #10, listed below" over no list once #10 had ended.
            line = page.get_by_text(f"Training now: run #{long_run}, listed below")
            line.wait_for(timeout=120_000)  # once the page's worker has loaded Keras
            store.request_stop(later)  # cancelled, so the worker takes nothing after
            store.request_stop(long_run)
            line.wait_for(state="detached", timeout=60_000)
            assert store.get_run(long_run).status == "stopped"
        finally:
            context.close()
    assert_log_clean(dashboard)
