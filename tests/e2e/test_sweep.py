"""A small sweep started from the Train page in a real Chromium, then its heatmap on Compare."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bench.served_dashboard import wait_idle
from fmnist_core.store import RunStore
from tests.e2e.conftest import assert_log_clean, screenshot
from tests.e2e.test_walkthrough import choose, no_errors, open_page

pytestmark = pytest.mark.e2e


def pick(page, label: str, option: str) -> None:
    """Add ``option`` to the multiselect labelled ``label``."""
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(option)
    page.get_by_role("option", name=option, exact=True).first.click()
    page.keyboard.press("Escape")
    wait_idle(page)


def test_a_2x2_sweep_from_the_train_page_ends_in_a_heatmap(page, own_dashboard):
    dashboard = own_dashboard
    open_page(page, dashboard, "train", 'button:has-text("Start training")')
    choose(page, "Network", "Preset · lecture-2 pool+dropout")
    epochs = page.get_by_role("slider", name="Epochs")
    epochs.focus()
    epochs.press("Home")  # 1 epoch
    wait_idle(page)
    images = page.get_by_role("spinbutton", name="Training images (0 = all)")
    images.fill("300")
    images.press("Enter")
    wait_idle(page)
    page.get_by_text("Sweep: train several variants at once").click()
    wait_idle(page)
    pick(page, "What varies (up to 3)", "Learning rate")
    pick(page, "What varies (up to 3)", "Batch size")
    pick(page, "Values of Learning rate", "0.003")
    pick(page, "Values of Batch size", "64")
    expect(page.get_by_text("Runs: 4; about")).to_be_visible()
    page.get_by_role("button", name="Start sweep").click()
    wait_idle(page)
    expect(page.get_by_text("is queued: 4 runs")).to_be_visible()
    store = RunStore(dashboard["home"])
    sweep = store.list_sweeps()[0]
    deadline_ms = 300_000
    waited = 0
    while any(run.active for run in store.sweep_runs(sweep.id)) and waited < deadline_ms:
        page.wait_for_timeout(2000)
        waited += 2000
    assert {run.status for run in store.sweep_runs(sweep.id)} == {"finished"}
    no_errors(page)
    screenshot(page, "sweep-train")

    open_page(page, dashboard, "compare", '[data-testid="stDataFrame"]')
    choose(page, "Sweep", f"#{sweep.id} {sweep.name}")
    expect(page.get_by_text("Best combination, chosen on validation accuracy: #")).to_be_visible()
    heatmap = page.locator('[data-testid="stPlotlyChart"] .heatmaplayer')
    expect(heatmap.first).to_be_attached(timeout=30_000)
    no_errors(page)
    screenshot(page, "sweep-compare")
    assert_log_clean(dashboard)
