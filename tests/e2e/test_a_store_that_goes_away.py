"""A run store that goes away while the Train page watches a run says so in one sentence.

The live view is a fragment: Streamlit reruns it on its own timer, outside the page and so
outside the safety net ``dashboard.py`` puts around pages. When the PostgreSQL server stopped
mid-run, that rerun showed Streamlit's "This app has encountered an error" box. Only a real
server and a real browser show it: AppTest runs fragments as part of the whole page.
"""

from __future__ import annotations

import subprocess

import pytest

from bench.served_dashboard import wait_idle
from fmnist_core import architectures
from fmnist_core.store import RunStore
from fmnist_core.training import RECIPES
from tests.e2e.conftest import ARTIFACTS, served
from tests.e2e.test_walkthrough import no_errors

pytestmark = pytest.mark.e2e

SERVER_DOWN = "does not answer"  # the store's sentence for a server that is away


def test_the_live_run_says_the_server_is_away_and_comes_back_with_it(
    browser, postgres_server, postgres_database, tmp_path, request
):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    home = tmp_path / "home"
    store = RunStore(home)
    run_id = store.create_run(
        "held", architectures.preset("lecture-1"), RECIPES["lecture"].to_dict()
    )
    # "Trained" by a process that stays alive, so the page keeps watching the run live (not this
    # test's own: the dashboard's fixture stops the runs' workers at the end).
    worker = subprocess.Popen(["sleep", "300"])
    request.addfinalizer(worker.kill)
    assert store.claim_next_run(worker.pid, "CPU x86_64, 2 cores (tensorflow)").id == run_id
    store.record_progress(run_id, 1, 3, 10)
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(30_000)
    with served(home, "server-store-away.log") as dashboard:
        try:
            page.goto(f"{dashboard['url']}/train?run={run_id}")
            page.get_by_text("Epoch 1 of").first.wait_for()
            wait_idle(page)
            no_errors(page)
            postgres_server.stop()
            try:
                # The view's next refresh (every second) meets the stopped server.
                page.get_by_text(SERVER_DOWN).first.wait_for(timeout=20_000)
                page.wait_for_timeout(2_500)  # a few more refreshes, still without a crash box
                assert page.get_by_text("This app has encountered an error").count() == 0
                assert page.locator('[data-testid="stException"]').count() == 0
            finally:
                postgres_server.start()
            store.heartbeat(run_id)  # the "worker" is alive and said so while the server was away
            page.get_by_text("Epoch 1 of").first.wait_for(timeout=20_000)
            page.get_by_text(SERVER_DOWN).first.wait_for(state="detached", timeout=20_000)
            no_errors(page)
        finally:
            context.close()
    log = dashboard["log"].read_text(errors="replace")
    assert "run store unavailable on the Train page's live run" in log
    assert "Unexpected error" not in log and "Traceback" not in log, log[-4000:]
