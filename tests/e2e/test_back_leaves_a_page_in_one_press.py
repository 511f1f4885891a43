"""The browser's Back leaves a page in one press.

A page writes its address as it opens (Train adds ?run=1, Compare the runs it shows), and Streamlit
adds a history entry for each write: Back first went to the page's own bare address, which wrote
itself again, so it took two presses to leave each page. And the new page's first write can reach
the browser before its path does (CI's Chromium, about one switch in six): Back then found Train's
parameter on Compare's address.
"""

from __future__ import annotations

import subprocess

import pytest

from fmnist_core import architectures
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig
from ui.address import _ONE_ENTRY_PER_PAGE

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


# Streamlit's own writes, as it made them in a switch from Dataset to Compare to Train where each
# new page's first write came before its path: on the old path, then the path with the same
# parameters (Dataset's bare address first got Compare's ?runs=1, Compare's got Train's ?run=1).
EARLY_WRITES = ["/dataset?runs=1", "/compare?runs=1", "/compare?run=1", "/train?run=1"]
# The same switches in the usual order: the path, then the page's first write.
USUAL_WRITES = ["/compare", "/compare?runs=1", "/train", "/train?run=1"]


@pytest.mark.parametrize("writes", [EARLY_WRITES, USUAL_WRITES], ids=["early", "usual"])
def test_back_finds_each_page_as_it_was_whatever_order_the_writes_come_in(browser, writes):
    context = browser.new_context()
    # A stand-in studio with the script alone; no server is reached (the route answers).
    context.route(
        "http://studio.test/**",
        lambda route: route.fulfill(content_type="text/html", body=f"<body>{_ONE_ENTRY_PER_PAGE}"),
    )
    tab = context.new_page()
    try:
        tab.goto("http://studio.test/dataset")
        for address in writes:
            tab.evaluate("address => history.pushState({}, '', address)", address)
        # A change on the page itself (another run ticked) still adds an entry of its own.
        tab.evaluate("history.pushState({}, '', '/train?run=2')")
        walked = [tab.url]
        for _ in range(3):
            tab.go_back()
            walked.append(tab.url)
        assert [url.removeprefix("http://studio.test") for url in walked] == [
            "/train?run=2",
            "/train?run=1",
            "/compare?runs=1",
            "/dataset",
        ]
    finally:
        context.close()
