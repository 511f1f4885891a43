"""The browser's Back leaves a page in one press.

A page writes its address as it opens (Train adds ?run=1, Compare the runs it shows) and as its
settings change, and Streamlit adds a history entry for each write: Back first went to the page's
own earlier address, which the page wrote over again, so it took two presses or more to leave a
page. And the new page's first write can reach the browser before its path does (CI's Chromium,
about one switch in six): Back then found Train's parameter on Compare's address.
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


def open_page(tab, name: str, written: str) -> None:
    """Open the page the sidebar calls ``name``; it writes ``written`` into its address."""
    tab.get_by_test_id("stSidebarNav").get_by_text(name, exact=True).click()
    tab.wait_for_url(f"**{written}")
    settled(tab)


# The sidebar's names of the pages, and what each address keeps of the language.
LANGUAGES = {"en": ("", "Compare", "Train"), "ko": ("lang=ko&", "비교", "학습")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_back_goes_to_the_page_before_and_forward_comes_back(browser, own_dashboard, language):
    store = RunStore(own_dashboard["home"])
    run_id = store.create_run("first", architectures.preset("lecture-1"), TrainConfig().to_dict())
    # Claimed by a process of its own: the fixture stops the runs' workers at the end.
    stand_in = subprocess.Popen(["sleep", "300"])
    store.claim_next_run(stand_in.pid, "CPU test")
    store.record_epoch(run_id, 1, {"loss": 0.5, "accuracy": 0.8})
    store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=0.8)
    lang, compare, train = LANGUAGES[language]
    # The dashboard is the module's: the other language's run is there too, and compared.
    runs = "&".join(f"runs={run.id}" for run in reversed(store.list_runs()))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    try:
        start = f"/dataset?{lang.rstrip('&')}".rstrip("?")
        tab.goto(f"{own_dashboard['url']}{start}")
        settled(tab)
        compared = f"/compare?{lang}{runs}"
        open_page(tab, compare, compared)
        # A setting changed on the page: it is written into the page's entry, not one more.
        tab.get_by_role("tab").nth(1).click()
        compared += "&tab=scores"
        tab.wait_for_url(f"**{compared}")
        settled(tab)
        open_page(tab, train, f"/train?{lang}run={run_id}")
        tab.go_back()
        settled(tab)
        assert tab.url.endswith(compared)
        assert tab.locator("h1").first.inner_text() == compare
        tab.go_back()
        settled(tab)
        assert tab.url.endswith(start)
        tab.go_forward()
        settled(tab)
        assert tab.url.endswith(compared)
    finally:
        context.close()
        stand_in.kill()
        stand_in.wait()


# Streamlit's own writes as a user switches from Dataset to Compare to Train, in three orders it
# made them in.
WRITES = {
    # The path, then the page's first write.
    "usual": ["/compare", "/compare?runs=1", "/train", "/train?run=1"],
    # Each new page's first write before its path: on the old path, then the path with the same
    # parameters (CI's Chromium, about one switch in six).
    "early": [
        "/dataset?runs=1",
        "/compare?runs=1",
        "/compare?run=1",
        "/train?run=1",
    ],
    # With the language in the address: the path comes with it, then the page adds its own.
    "korean": [
        "/compare?lang=ko",
        "/compare?lang=ko&runs=1",
        "/train?lang=ko",
        "/train?lang=ko&run=1",
    ],
}


@pytest.mark.parametrize("order", WRITES)
def test_back_finds_each_page_as_it_was_whatever_order_the_writes_come_in(browser, order):
    context = browser.new_context()
    # A stand-in studio with the script alone; no server is reached (the route answers).
    context.route(
        "http://studio.test/**",
        lambda route: route.fulfill(content_type="text/html", body=f"<body>{_ONE_ENTRY_PER_PAGE}"),
    )
    tab = context.new_page()
    start = "/dataset?lang=ko" if order == "korean" else "/dataset"
    try:
        tab.goto(f"http://studio.test{start}")
        for address in WRITES[order]:
            tab.evaluate("address => history.pushState({}, '', address)", address)
        # A change on the page (another run shown) is written into the page's own entry: Back to
        # an entry of its own did not bring the change back (the page reads its address once).
        tab.evaluate("history.pushState({}, '', '/train?run=2')")
        walked = [tab.url]
        for _ in range(2):
            tab.go_back()
            walked.append(tab.url)
        lang = "lang=ko&" if order == "korean" else ""
        assert [url.removeprefix("http://studio.test") for url in walked] == [
            "/train?run=2",
            f"/compare?{lang}runs=1",
            start,
        ]
    finally:
        context.close()


def test_back_passes_over_the_address_a_tab_opened_when_the_page_wrote_before_the_script(browser):
    """A bookmark to /train: Train wrote ?run=1 before the script was there to replace the entry,
    so Back first showed Train again."""
    context = browser.new_context()
    early_write = "<script>history.pushState({}, '', '/train?run=1')</script>"

    def answer(route):
        first = early_write if route.request.url.endswith("/train") else ""
        route.fulfill(content_type="text/html", body=f"<body>{first}{_ONE_ENTRY_PER_PAGE}")

    context.route("http://studio.test/**", answer)
    tab = context.new_page()
    try:
        tab.goto("http://studio.test/dataset")
        tab.goto("http://studio.test/train")
        assert tab.url.endswith("/train?run=1")
        tab.go_back()
        tab.wait_for_url("**/dataset")
    finally:
        context.close()
