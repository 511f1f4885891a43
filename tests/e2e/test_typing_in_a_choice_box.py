"""Typing in a box of several choices, then Enter, adds what was typed and nothing else.

Streamlit's multiselect matches typed text fuzzily ("0.001" also matches 0.0001, "Shirt" also
"T-shirt/top") and, when more than one option matches, offers "Select N matches" first, which
Enter then picks: a sweep grew a run nobody asked for. Only a real browser shows this.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bench.served_dashboard import wait_idle
from tests.e2e.test_walkthrough import no_errors, open_page

pytestmark = pytest.mark.e2e


def type_and_enter(page, label: str, text: str) -> None:
    box = page.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(text, delay=30)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    wait_idle(page)


def chips(page, label: str):
    """The chips in the multiselect labelled ``label``, as a locator."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(
        has=page.get_by_role("combobox", name=label)
    )
    return box.locator("[data-tag]")


def chosen(page, label: str) -> list[str]:
    """The chips in the multiselect labelled ``label``."""
    return [chip.get_attribute("aria-label") for chip in chips(page, label).all()]


def test_a_typed_class_on_the_dataset_page_adds_that_class_alone(page, dashboard):
    open_page(page, dashboard, "dataset", '[data-testid="stImage"]')
    # Every class at first. Retried: on a busy machine the box's own code can arrive after the
    # script run has ended, and until then a grey placeholder stands in its place.
    expect(chips(page, "Classes")).to_have_count(10)
    page.get_by_role("button", name="Clear all").first.click()
    wait_idle(page)
    type_and_enter(page, "Classes", "Shirt")
    assert chosen(page, "Classes") == ["Shirt"]
    no_errors(page)


def test_a_typed_sweep_value_adds_that_value_alone(page, dashboard):
    open_page(page, dashboard, "train", 'button:has-text("Start training")')
    page.get_by_text("Sweep: train several variants at once").click()
    wait_idle(page)
    type_and_enter(page, "What varies (up to 3)", "Learning rate")
    before = chosen(page, "Values of Learning rate")
    assert len(before) == 1  # the form's own rate
    type_and_enter(page, "Values of Learning rate", "0.001")
    assert chosen(page, "Values of Learning rate") == [*before, "0.001"]
    assert page.get_by_text("Runs: 2").count() == 1
    no_errors(page)
