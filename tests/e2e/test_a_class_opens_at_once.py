"""A class opens the studio at the same moment, on a server that has just started.

The first sessions of a fresh server run their scripts in parallel threads while its imports and
caches are still cold; a concurrent import once broke 2 of 5 such first loads with "Something went
wrong". This file's name sorts first, so it meets the session's dashboard cold.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e

PAGES = ["dataset", "architecture", "train", "compare", "draw", "dataset"]


def test_six_students_open_pages_at_once_on_a_fresh_server(browser, dashboard):
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in PAGES]
    try:
        tabs = [context.new_page() for context in contexts]
        for tab, address in zip(tabs, PAGES, strict=True):
            tab.set_default_timeout(120_000)
            tab.goto(f"{dashboard['url']}/{address}", wait_until="commit")  # all load together
        for tab in tabs:
            tab.wait_for_selector("h1")
            tab.wait_for_timeout(300)
            tab.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
        for tab, address in zip(tabs, PAGES, strict=True):
            main = tab.locator('[data-testid="stMain"]').inner_text()
            assert "Something went wrong" not in main, f"/{address}: {main[:500]}"
            assert tab.locator('[data-testid="stException"]').count() == 0, address
    finally:
        for context in contexts:
            context.close()
    log = dashboard["log"].read_text(errors="replace")
    assert "Unexpected error" not in log, log[-3000:]
