"""Image grids on a phone's width keep their rows; the Train form stays short there.

Streamlit stacks columns one under another below 640 px: a phone showed the Dataset page's 6×6
grid as 36 full-width images in a column, and the Lecture's 4×4 as 16. Only a browser lays the
page out, so only a browser test sees it.
"""

from __future__ import annotations

import itertools

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


def image_columns(phone, container: str, count: int) -> tuple[int, int]:
    """How many images ``container`` holds, and in how many columns they stand (their left
    edges, a few pixels apart at most within one). Stacked, every image stands in one column.
    Grouped by their tops, a row still settling in CI split in two."""
    images = phone.locator(f".st-key-{container} img")
    phone.wait_for_function(  # drawn in parts: every one of them on the page first
        "([key, count]) => document.querySelectorAll(`.st-key-${key} img`).length === count",
        arg=[container, count],
    )
    # Images below a phone's first screen may load only once scrolled to.
    images.last.scroll_into_view_if_needed()
    phone.wait_for_function(  # all ``count`` drawn and loaded: each in its final place
        "([key, count]) => { const shown = [...document.querySelectorAll(`.st-key-${key} img`)];"
        " return shown.length === count"
        " && shown.every(image => image.complete && image.naturalWidth > 0); }",
        arg=[container, count],
    )
    boxes = [images.nth(i).bounding_box() for i in range(images.count())]
    assert all(box["x"] + box["width"] <= PHONE["width"] for box in boxes)
    lefts = sorted(box["x"] for box in boxes)
    columns = 1 + sum(1 for before, after in itertools.pairwise(lefts) if after - before > 4)
    return len(boxes), columns


CAPTIONS = "[data-testid='stBaseButton-tertiary']:visible"


def test_the_dataset_grid_keeps_six_images_a_row_with_their_captions(phone, dashboard):
    opened(phone, dashboard, "dataset")
    assert image_columns(phone, "dataset_images", 36) == (36, 6)
    captions = phone.locator(f".st-key-dataset_images {CAPTIONS}")
    assert captions.count() == 36 and captions.first.inner_text().startswith("#0 ·")


def test_the_class_means_stand_five_a_row_with_their_names_on_a_phone(phone, dashboard):
    """A row of ten stacked into ten full-width images on a phone (review 105)."""
    opened(phone, dashboard, "dataset?lang=ko")
    assert image_columns(phone, "dataset_means_phone", 10) == (10, 5)
    names = phone.locator(".st-key-dataset_means_phone [data-testid='stImageCaption']")
    assert names.first.inner_text() == "티셔츠/상의"
    assert phone.locator(".st-key-dataset_means_wide").is_hidden()


def test_a_larger_grid_on_a_phone_shows_its_images_without_captions(phone, dashboard):
    opened(phone, dashboard, "dataset?grid=8")
    assert image_columns(phone, "dataset_images", 64) == (64, 8)
    # Too narrow for "#12 · Sneaker": they ran into each other. The box below still opens any.
    assert phone.locator(f".st-key-dataset_images {CAPTIONS}").count() == 0


def test_the_lectures_first_sixteen_images_stay_four_by_four(phone, dashboard):
    opened(phone, dashboard, "lecture?step=3")
    assert image_columns(phone, "lecture_first_images", 16) == (16, 4)


RECIPE_FIGURES = ".st-key-train_recipes [data-testid='stCaptionContainer']"


def open_the_form(tab) -> None:
    """The New run form unfolded (it opens folded when there are runs), once it is drawn."""
    tab.wait_for_selector(RECIPE_FIGURES, state="attached")
    wait_idle(tab)
    form = tab.locator("[data-testid='stExpander'] details").first
    if form.get_attribute("open") is None:
        form.locator("summary").click()
    tab.wait_for_function("sel => document.querySelectorAll(sel).length === 4", arg=RECIPE_FIGURES)
    wait_idle(tab)


def test_a_phone_shows_the_chosen_recipes_figures_only(phone, dashboard, browser):
    """Stacked on a phone, the four recipes' figures put Start two screens down."""
    opened(phone, dashboard, "train")
    open_the_form(phone)
    shown = phone.locator(f"{RECIPE_FIGURES}:visible")
    assert shown.count() == 1
    assert shown.first.inner_text().startswith("Measured on the fast network")  # the fast CNN's
    laptop = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        laptop.goto(f"{dashboard['url']}/train")
        open_the_form(laptop)
        assert laptop.locator(f"{RECIPE_FIGURES}:visible").count() == 4  # room for all there
    finally:
        laptop.close()


@pytest.mark.parametrize(
    "address", ["architecture?network=lecture-2", "architecture?network=lecture-3&lang=ko"]
)
def test_the_architecture_summary_fits_a_phone_without_scrolling_sideways(
    phone, dashboard, address
):
    """Six columns on a phone: with each worked sum held together at its operators, the table
    ran past the screen's edge, and its last column ("How it is counted") was cut off."""
    opened(phone, dashboard, address)
    table = phone.locator("[data-testid='stTable'] table").first
    table.wait_for()
    widths = table.evaluate("t => [t.parentElement.clientWidth, t.parentElement.scrollWidth]")
    assert widths[1] <= widths[0], f"the table is {widths[1]} px wide in {widths[0]} px"


def test_the_network_pictures_labels_stand_apart_on_a_phone(phone, dashboard, browser):
    """Lecture-3's fifteen blocks on a phone's width ran their labels together
    ("Conv2DMaxPooling2DConv2D"): the picture keeps room for them and scrolls sideways, and
    says so there (a phone shows no scroll bar), not on a laptop where it all fits."""
    opened(phone, dashboard, "architecture?arch=lecture-3")
    labels = phone.locator(".st-key-arch_picture_box g.annotation")
    labels.first.wait_for(state="attached")
    boxes = labels.evaluate_all(
        "all => all.map(a => { const r = a.getBoundingClientRect();"
        " return [r.left, r.right, r.top, r.bottom]; })"
    )
    assert len(boxes) == 15
    for (left, right, top, bottom), (left2, right2, top2, bottom2) in itertools.combinations(
        boxes, 2
    ):
        same_row = top < bottom2 and top2 < bottom
        assert not (same_row and left < right2 and left2 < right), (left, right, left2, right2)
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"]  # the picture scrolls, not the page
    hint = ".st-key-arch_picture_hint"
    assert "all its 15 blocks" in phone.locator(hint).inner_text()
    assert phone.locator(hint).is_visible()
    laptop = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        laptop.goto(f"{dashboard['url']}/architecture?arch=lecture-3")
        wait_idle(laptop)
        laptop.locator(".st-key-arch_picture_box g.annotation").first.wait_for(state="attached")
        assert laptop.locator(hint).is_hidden()
    finally:
        laptop.close()
