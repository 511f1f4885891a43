"""The Lecture page in a real Chromium: opened by its address, its steps worked out from the data
the dashboard serves, and a lecture model opened on the Architecture page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bench.served_dashboard import wait_idle
from tests.e2e.test_walkthrough import metric, no_errors

pytestmark = pytest.mark.e2e


def test_the_lecture_page_opens_by_its_address_and_hands_a_model_over(page, dashboard):
    page.goto(f"{dashboard['url']}/lecture")
    page.wait_for_selector('h1:has-text("Lecture")')
    wait_idle(page)
    no_errors(page)
    expect(page.locator("h3")).to_have_count(9)  # one heading per step of the lecture
    full = "60,000 training" in page.locator('[data-testid="stSidebar"]').inner_text()
    # ⌈60,000 · 3/4 / 32⌉ with the full data; ⌈3,000 · 3/4 / 32⌉ with the offline sample.
    expect(metric(page, "Steps per epoch")).to_have_text("1,407" if full else "71")
    page.get_by_role("button", name="Open lecture-2 pool+dropout on the Architecture page").click()
    page.wait_for_selector('h1:has-text("Architecture")')
    wait_idle(page)
    expect(metric(page, "Total parameters")).to_have_text("241,546")
    no_errors(page)


def test_buttons_that_open_another_page_keep_korean(page, dashboard):
    # A page switch writes a whole new address: the language must travel in it.
    page.goto(f"{dashboard['url']}/lecture?lang=ko")
    page.wait_for_selector('h1:has-text("강의")')
    wait_idle(page)
    page.get_by_role("button", name="아키텍처 페이지에서 lecture-2 pool+dropout 열기").click()
    page.wait_for_selector('h1:has-text("아키텍처")')
    wait_idle(page)
    expect(metric(page, "전체 파라미터")).to_have_text("241,546")
    page.get_by_role("button", name="이 네트워크 학습하기").click()
    page.wait_for_selector('h1:has-text("학습")')
    wait_idle(page)
    assert "lang=ko" in page.url and "arch=lecture-2" in page.url
    no_errors(page)
