"""Draw's probability bars keep every label inside the chart, on a phone too.

The x axis ran to 115% to leave the labels room at a bar's end: on a phone's narrow chart that
room was too small, and a sure guess's "100.0%" was cut at the chart's edge. Only a browser lays
the labels out, so the real figure is drawn by Plotly in Chromium here, at a phone's and a
laptop's width.
"""

from __future__ import annotations

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
    figure = charts.probability_bars(GUESSES[guess])
    figure.update_layout(width=width)
    tab = browser.new_page(viewport={"width": width + 40, "height": 500})
    try:
        tab.set_content(figure.to_html(include_plotlyjs=True, full_html=True))
        labels = tab.locator("text.bartext")
        labels.first.wait_for()
        chart = tab.locator("svg.main-svg").first.bounding_box()
        texts = labels.all_text_contents()
        assert len(texts) == 10 and "%" in texts[0]
        for i in range(labels.count()):
            box = labels.nth(i).bounding_box()
            assert chart["x"] <= box["x"], texts[i]
            assert box["x"] + box["width"] <= chart["x"] + chart["width"], texts[i]
    finally:
        tab.close()
