"""The browser's Back leaves a page in one press.

A page writes its address as it opens (Train adds ?run=1, Compare the runs it shows), and Streamlit
adds a history entry for each write: Back first went to the page's own bare address, which wrote
itself again, so it took two presses to leave each page.
"""

from __future__ import annotations

import subprocess

import pytest

from fmnist_core import architectures
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig

pytestmark = pytest.mark.e2e


def settled(tab) -> None:
    tab.wait_for_timeout(500)
    tab.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]")
    tab.wait_for_selector("h1")


def test_back_goes_to_the_page_before_and_forward_comes_back(browser, own_dashboard):
    store = RunStore(own_dashboard["home"])
    run_id = store.create_run("first", architectures.preset("lecture-1"), TrainConfig().to_dict())
    # Claimed by a process of its own: the fixture stops the runs' workers at the end.
    stand_in = subprocess.Popen(["sleep", "300"])
    store.claim_next_run(stand_in.pid, "CPU test")
    store.record_epoch(run_id, 1, {"loss": 0.5, "accuracy": 0.8})
    store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=0.8)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    try:
        tab.goto(f"{own_dashboard['url']}/dataset")
        settled(tab)
        for page, written in (("Compare", "/compare?runs=1"), ("Train", "/train?run=1")):
            tab.get_by_test_id("stSidebarNav").get_by_text(page, exact=True).click()
            tab.wait_for_url(f"**{written}")  # the page wrote its address
            settled(tab)
        tab.go_back()
        settled(tab)
        assert tab.url.endswith("/compare?runs=1")
        assert tab.locator("h1").first.inner_text() == "Compare"
        tab.go_back()
        settled(tab)
        assert tab.url.endswith("/dataset")
        tab.go_forward()
        settled(tab)
        assert tab.url.endswith("/compare?runs=1")
    finally:
        context.close()
        stand_in.kill()
        stand_in.wait()
