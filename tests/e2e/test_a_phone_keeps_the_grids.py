"""Image grids on a phone's width keep their rows.

Streamlit stacks columns one under another below 640 px: a phone showed the Dataset page's 6×6
grid as 36 full-width images in a column, and the Lecture's 4×4 as 16. Only a browser lays the
page out, so only a browser test sees it.
"""

from __future__ import annotations

import pytest

from bench.served_dashboard import wait_idle
from tests.e2e.test_walkthrough import no_errors

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.set_default_timeout(60_000)
    yield tab
    context.close()


def opened(phone, dashboard, address: str) -> None:
    """The page at ``address`` opened on the phone, drawn, without errors."""
    phone.goto(f"{dashboard['url']}/{address}")
    wait_idle(phone)
    no_errors(phone)


def image_rows(phone, container: str) -> list[list[dict]]:
    """The boxes of the images in ``container``, grouped by the row they sit on."""
    images = phone.locator(f".st-key-{container} img")
    images.first.wait_for()
    # Images below a phone's first screen may load only once scrolled to.
    images.last.scroll_into_view_if_needed()
    phone.wait_for_function(  # every image loaded, so each has its final size and place
        "key => [...document.querySelectorAll(`.st-key-${key} img`)]"
        ".every(image => image.complete && image.naturalWidth > 0)",
        arg=container,
    )
    rows: list[list[dict]] = []
    for box in sorted((images.nth(i).bounding_box() for i in range(images.count())), key=top):
        if rows and abs(top(box) - top(rows[-1][0])) < 4:
            rows[-1].append(box)
        else:
            rows.append([box])
    return rows


def top(box: dict) -> float:
    return box["y"]


CAPTIONS = "[data-testid='stBaseButton-tertiary']:visible"


def test_the_dataset_grid_keeps_six_images_a_row_with_their_captions(phone, dashboard):
    opened(phone, dashboard, "dataset")
    rows = image_rows(phone, "dataset_images")
    assert [len(row) for row in rows] == [6] * 6
    assert all(box["x"] + box["width"] <= PHONE["width"] for row in rows for box in row)
    captions = phone.locator(f".st-key-dataset_images {CAPTIONS}")
    assert captions.count() == 36 and captions.first.inner_text().startswith("#0 ·")


def test_a_larger_grid_on_a_phone_shows_its_images_without_captions(phone, dashboard):
    opened(phone, dashboard, "dataset?grid=8")
    rows = image_rows(phone, "dataset_images")
    assert [len(row) for row in rows] == [8] * 8
    # Too narrow for "#12 · Sneaker": they ran into each other. The box below still opens any.
    assert phone.locator(f".st-key-dataset_images {CAPTIONS}").count() == 0


def test_the_lectures_first_sixteen_images_stay_four_by_four(phone, dashboard):
    opened(phone, dashboard, "lecture?step=3")
    rows = image_rows(phone, "lecture_first_images")
    assert [len(row) for row in rows] == [4] * 4
