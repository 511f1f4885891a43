"""Draw's probability bars keep every label inside the chart, on a phone too.

The x axis ran to 115% to leave the labels room at a bar's end: on a phone's narrow chart that
room was too small, and a sure guess's "100.0%" was cut at the chart's edge. Only a browser lays
the labels out, so the real figure is drawn by Plotly in Chromium here, at a phone's and a
laptop's width.
"""

from __future__ import annotations

import contextlib
import itertools

import pytest

from ui import charts

pytestmark = pytest.mark.e2e

GUESSES = {
    "sure": [1.0] + [0.0] * 9,
    "likely": [0.022, 0.978] + [0.0] * 8,
    "torn": [0.5, 0.45, 0.05] + [0.0] * 7,
}


@pytest.mark.parametrize("width", [280, 320, 700])
@pytest.mark.parametrize("guess", GUESSES)
def test_every_probability_label_is_whole_inside_the_chart(browser, guess, width):
    with drawn(browser, charts.probability_bars(GUESSES[guess]), width) as (tab, chart):
        labels = tab.locator("text.bartext")
        texts = labels.all_text_contents()
        assert len(texts) == 10 and "%" in texts[0]
        for i in range(labels.count()):
            box = labels.nth(i).bounding_box()
            assert chart["x"] <= box["x"], texts[i]
            assert box["x"] + box["width"] <= chart["x"] + chart["width"], texts[i]


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("width", [320, 700])
def test_the_dataset_class_counts_keep_names_apart_and_counts_inside(
    browser, width, language, monkeypatch
):
    """Standing bars slanted the class names, which on a phone ran into each other (review 105):
    each name's box now clears its neighbours', and each count is whole inside the chart."""
    from ui import i18n

    monkeypatch.setattr(i18n, "language", lambda: language)  # what t() asks
    monkeypatch.setattr(charts, "language", lambda: language)  # and the class names
    with drawn(browser, charts.class_count_bars([6000] * 10, "train"), width) as (tab, chart):
        counts = tab.locator("text.bartext")
        assert counts.all_text_contents() == ["6,000"] * 10
        for i in range(counts.count()):
            box = counts.nth(i).bounding_box()
            assert box["x"] + box["width"] <= chart["x"] + chart["width"]
        names = tab.locator(".yaxislayer-above text")
        boxes = sorted((names.nth(i).bounding_box() for i in range(names.count())), key=_top)
        assert len(boxes) == 10
        for above, below in itertools.pairwise(boxes):
            assert above["y"] + above["height"] <= below["y"] + 1  # no overlap, one name a row
        assert all(box["x"] >= chart["x"] for box in boxes)  # and none cut at the left edge


@contextlib.contextmanager
def drawn(browser, figure, width: int):
    """``figure`` drawn by Plotly in a tab at ``width``: the tab, and the chart's box once its
    bar labels are there."""
    figure.update_layout(width=width)
    tab = browser.new_page(viewport={"width": width + 40, "height": 500})
    try:
        tab.set_content(figure.to_html(include_plotlyjs=True, full_html=True))
        tab.locator("text.bartext").first.wait_for()
        yield tab, tab.locator("svg.main-svg").first.bounding_box()
    finally:
        tab.close()


def _top(box: dict) -> float:
    return box["y"]
