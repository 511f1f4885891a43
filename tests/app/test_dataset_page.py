"""The Dataset page, driven through its widgets as a user would."""

from __future__ import annotations

import numpy as np
import pytest

from tests.app.conftest import texts


def grid_captions(app) -> list[str]:
    # Each image of the grid is captioned by the button that opens it up close (in small type).
    return [
        button.label.removeprefix(":small[").removesuffix("]")
        for button in app.button
        if button.key.startswith("dataset_open_")
    ]


def test_page_shows_a_grid_of_captioned_images(small_data_dir, open_page):
    app = open_page("dataset")
    assert not app.exception
    captions = grid_captions(app)
    assert len(captions) == 36  # default 6x6
    assert captions[0].startswith("#0 · ")
    # The class box shows its first few classes only: the caption says it holds all ten.
    assert "3,000 images match (all 10 classes)" in texts(app)


def test_class_filter_really_filters(small_data_dir, open_page):
    app = open_page("dataset")
    app.multiselect(key="dataset_classes").set_value([1]).run()
    captions = grid_captions(app)
    assert captions and all(c.endswith("· Trouser") for c in captions)
    assert "300 images match (1 of 10 classes)" in texts(app)


def test_one_class_picked_after_clearing_them_all_is_that_class(small_data_dir, open_page):
    """With another setting in the address (the test split), "Clear all" then one class brought
    all ten back: the page took its own address for a link followed (review 105)."""
    app = open_page("dataset", query_params={"split": "test"})
    app.multiselect(key="dataset_classes").set_value([]).run()
    assert "No class is selected" in texts(app)
    app.multiselect(key="dataset_classes").set_value([1]).run()
    assert app.multiselect(key="dataset_classes").value == [1]
    assert "100 images match (1 of 10 classes)" in texts(app)
    assert dict(app.query_params) == {"split": "test", "classes": "1"}


def test_split_and_grid_size(small_data_dir, open_page):
    app = open_page("dataset")
    app.segmented_control(key="dataset_split").set_value("test").run()
    app.select_slider(key="dataset_grid").set_value(4).run()
    assert len(grid_captions(app)) == 16
    assert "1,000 images match" in texts(app)


def test_paging_moves_through_the_images(small_data_dir, open_page):
    app = open_page("dataset")
    first_page = grid_captions(app)
    app.pagination[0].set_value(2).run()
    second_page = grid_captions(app)
    assert second_page != first_page
    assert "page 2 of 84" in texts(app)
    assert "images 37–72" in texts(app)


def test_shuffle_uses_the_visible_seed(small_data_dir, open_page):
    app = open_page("dataset")
    in_order = grid_captions(app)
    app.toggle(key="dataset_shuffle").set_value(True).run()
    shuffled = grid_captions(app)
    assert shuffled != in_order
    app.number_input(key="dataset_seed").set_value(5).run()
    reseeded = grid_captions(app)
    app.number_input(key="dataset_seed").set_value(0).run()
    assert grid_captions(app) == shuffled != reseeded


def test_inspecting_an_image_shows_its_label_and_pixels(small_data_dir, open_page):
    app = open_page("dataset")
    app.selectbox(key="dataset_inspect").set_value(5).run()
    assert "Image #5 of the Train split" in texts(app)
    charts = list(app.get("plotly_chart"))
    assert len(charts) == 3  # pixel heatmap, histogram, class counts


def test_a_click_on_a_caption_opens_that_image_up_close(small_data_dir, open_page):
    app = open_page("dataset")
    app.multiselect(key="dataset_classes").set_value([3]).run()
    caption = grid_captions(app)[4]
    image = int(caption.split(" ")[0].lstrip("#"))
    app.button(key=f"dataset_open_{image}").click().run()
    assert not app.exception
    # The image becomes the one inspected, for the section below and for the address ...
    assert app.selectbox(key="dataset_inspect").value == image
    assert app.query_params["image"] == str(image)
    # ... and it opens in a dialog on the spot: its label and pixels twice, there and below.
    assert texts(app).count(f"Image #{image} of the Train split · label 3 (Dress)") == 2
    assert len(list(app.get("plotly_chart"))) == 5
    # Once: the next rerun (a slider moved, the dialog closed) does not open it again.
    app.run()
    assert texts(app).count(f"Image #{image} of the Train split") == 1
    assert len(list(app.get("plotly_chart"))) == 3


def test_korean_class_names(small_data_dir, open_page):
    app = open_page("dataset", language="ko")
    app.multiselect(key="dataset_classes").set_value([1]).run()
    assert all(c.endswith("· 바지") for c in grid_captions(app))


def test_sample_banner_appears_only_on_the_sample(open_page, small_data_dir, monkeypatch):
    with_data = open_page("dataset")
    assert not with_data.warning
    monkeypatch.delenv("FMNIST_DATA_DIR")
    on_sample = open_page("dataset")
    assert "offline sample" in on_sample.warning[0].value
    assert "because downloads are turned off (FMNIST_OFFLINE)" in on_sample.warning[0].value
    in_korean = open_page("dataset", language="ko")
    assert "이유: 다운로드가 꺼져 있음 (FMNIST_OFFLINE)" in in_korean.warning[0].value


@pytest.mark.shows_error
def test_bad_data_file_is_a_message_not_a_traceback(small_data_dir, open_page):
    (small_data_dir / "train-images-idx3-ubyte.gz").write_bytes(b"garbage")
    app = open_page("dataset")
    assert not app.exception
    said = app.error[0].value
    assert f"{small_data_dir / 'train-images-idx3-ubyte.gz'} is " in said
    assert said.count("train-images-idx3-ubyte.gz") == 1
    assert "because FMNIST_DATA_DIR names it" in said  # what to unset to fall back
    assert not app.image


def test_all_70000_images_can_be_browsed(full_data_dir, open_page):
    app = open_page("dataset")
    assert "60,000 images match" in texts(app)
    app.segmented_control(key="dataset_split").set_value("test").run()
    assert "10,000 images match" in texts(app)


def test_the_view_is_kept_in_the_address_and_a_link_opens_it(small_data_dir, open_page):
    app = open_page("dataset")
    assert dict(app.query_params) == {}  # an untouched page keeps a plain address
    app.segmented_control(key="dataset_split").set_value("test").run()
    app.multiselect(key="dataset_classes").set_value([3, 1]).run()
    app.pagination[0].set_value(3).run()
    third_page = grid_captions(app)
    image = int(third_page[4].split(" ")[0].lstrip("#"))
    app.selectbox(key="dataset_inspect").set_value(image).run()
    link = dict(app.query_params)
    # Plain to read and to edit by hand: /dataset?split=test&classes=1&classes=3&page=3&image=...
    assert link == {"split": "test", "classes": ["1", "3"], "page": "3", "image": str(image)}
    # A refresh, or the link opened by a student: a new session with nothing but the address.
    opened = open_page("dataset", query_params=link)
    assert grid_captions(opened) == third_page
    assert "page 3 of" in texts(opened)
    assert f"Image #{image} of the Test split" in texts(opened)


@pytest.mark.parametrize(
    ("link", "unused"),
    [
        (
            {
                "split": "validation",
                "classes": ["12", "-1"],
                "grid": "99",
                "page": "0",
                "image": "x",
            },
            "split (train or test), classes (class numbers from 0 to 9, e.g. classes=1&classes=3), "
            "grid (4 to 12), page (1 to 84), image (an image of the split and classes shown, 0 to "
            "2,999)",
        ),
        (
            {"classes": ["x"], "seed": "-3", "page": "99999", "image": "²"},
            "classes (class numbers from 0 to 9, e.g. classes=1&classes=3), seed (a whole number "
            "from 0), page (1 to 84), image (an image of the split and classes shown, 0 to 2,999)",
        ),
        ({"classes": "", "page": "²"}, "classes (class numbers"),
        ({"split": "nope", "grid": "40"}, "split (train or test), grid (4 to 12)"),
    ],
)
def test_an_address_the_page_cannot_use_opens_the_default_view_and_says_so(
    small_data_dir, open_page, link, unused
):
    app = open_page("dataset", query_params=link)
    assert len(grid_captions(app)) == 36 and grid_captions(app)[0].startswith("#0 · ")
    assert "3,000 images match" in texts(app)
    said = "Part of this page's address could not be used, so these settings start as they "
    assert f"{said}usually do: {unused}" in app.info[0].value


def test_an_address_naming_some_classes_well_shows_those_and_says_the_rest(
    small_data_dir, open_page
):
    app = open_page("dataset", query_params={"classes": ["1", "42", "x"]})
    assert "300 images match" in texts(app)  # the trousers: once thrown away with the rest
    assert app.info[0].value == (
        "Part of this page's address could not be used and is left out: classes=42, x (class "
        "numbers from 0 to 9, e.g. classes=1&classes=3)."
    )
    assert app.query_params["classes"] in ("1", ["1"])


def test_a_setting_the_page_does_not_have_is_said_with_the_one_it_may_mean(
    small_data_dir, open_page
):
    """A hand-typed ?class=3 (the page takes ?classes=) opened every class without a word."""
    app = open_page("dataset", query_params={"class": "3", "zoom": "2", "lang": "en"})
    assert "3,000 images match" in texts(app)
    assert app.info[0].value == (
        "The address names settings this page does not have, so they were ignored: class (did "
        "you mean classes?), zoom. This page's settings are split, classes, grid, seed, page, "
        "image."
    )
    assert "class" not in app.query_params and "zoom" not in app.query_params


def test_an_address_of_the_pages_own_settings_says_nothing(small_data_dir, open_page):
    app = open_page("dataset", query_params={"classes": "3", "split": "test", "lang": "en"})
    assert not app.info


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_link_to_an_image_the_classes_leave_out_says_what_it_is(
    small_data_dir, open_page, monkeypatch, language
):
    from fmnist_core import data

    monkeypatch.setenv("FMNIST_LANG", language)
    labels = data.load_folder(data.SAMPLE_DIR).test_labels
    sandal = int(np.flatnonzero(labels == 5)[0])
    app = open_page("dataset", query_params={"split": "test", "classes": "3", "image": str(sandal)})
    said = {
        "en": f"Image {sandal} of this split is a Sandal, which the classes shown leave out: add "
        "it to Classes to see it.",
        "ko": f"이 분할의 이미지 {sandal}번은 샌들이며, 보이는 클래스에 들어 있지 않습니다.",
    }[language]
    assert said in app.info[0].value
    assert "could not be used" not in app.info[0].value  # not "out of range": it is not


def test_a_visit_to_another_page_comes_back_to_the_same_view(small_data_dir, open_page):
    app = open_page("dataset")
    app.segmented_control(key="dataset_split").set_value("test").run()
    app.multiselect(key="dataset_classes").set_value([1]).run()
    app.pagination[0].set_value(2).run()
    second_page = grid_captions(app)
    app.switch_page("app_pages/architecture.py").run()
    app.switch_page("app_pages/dataset.py").run()
    assert grid_captions(app) == second_page and "page 2 of" in texts(app)
    assert app.query_params["page"] == "2"


def test_a_link_to_one_image_opens_the_page_that_holds_it(small_data_dir, open_page):
    app = open_page("dataset", query_params={"split": "test", "classes": "1"})
    app.pagination[0].set_value(2).run()
    image = int(grid_captions(app)[5].split(" ")[0].lstrip("#"))  # a trouser on page 2
    # Sent with the wrong page, or none: the image decides.
    for page in ({"page": "1"}, {}):
        opened = open_page(
            "dataset", query_params={"split": "test", "classes": "1", "image": str(image)} | page
        )
        assert "page 2 of" in texts(opened) and not opened.info
        assert f"Image #{image} of the Test split" in texts(opened)


def test_a_view_opened_from_a_link_is_kept_after_a_visit_to_another_page(small_data_dir, open_page):
    linked = {"split": "test", "classes": ["0", "6"], "seed": "42", "page": "2"}
    app = open_page("dataset", query_params=linked)
    assert "page 2 of" in texts(app)
    inspected = int(app.selectbox(key="dataset_inspect").options[4].split(" ")[0].lstrip("#"))
    app.selectbox(key="dataset_inspect").set_value(inspected).run()
    second_page = grid_captions(app)
    app.switch_page("app_pages/home.py").run()
    app.switch_page("app_pages/dataset.py").run()
    assert grid_captions(app) == second_page and "page 2 of" in texts(app)
    assert app.selectbox(key="dataset_inspect").value == inspected
    assert app.query_params["page"] == "2"


def test_a_class_named_twice_in_the_address_counts_once(small_data_dir, open_page):
    app = open_page("dataset", query_params={"classes": ["1", "1"]})
    assert not app.info and "300 images match" in texts(app)
    assert app.query_params["classes"] in ("1", ["1"])  # written back once


def test_a_link_followed_later_in_the_session_opens_its_image_up_close(small_data_dir, open_page):
    """A Lecture caption's link (?split=train&grid=4&image=3) followed after the page was left
    on another view showed that view, without the image it named."""
    app = open_page("dataset")
    app.segmented_control(key="dataset_split").set_value("test").run()
    app.multiselect(key="dataset_classes").set_value([1]).run()
    app.pagination[0].set_value(2).run()
    app.switch_page("app_pages/lecture.py").run()
    app.switch_page("app_pages/dataset.py")
    app.query_params.clear()  # a link is the whole address
    app.query_params.update({"split": "train", "grid": "4", "image": "3"})
    app.run()
    assert not app.exception
    # The view the link names, each setting it leaves out at its default (every class, page 1).
    assert app.segmented_control(key="dataset_split").value == "train"
    assert app.multiselect(key="dataset_classes").value == list(range(10))
    assert "page 1 of" in texts(app)
    assert app.selectbox(key="dataset_inspect").value == 3
    # Opened up close in a dialog, and in the section below.
    assert texts(app).count("Image #3 of the Train split · label") == 2
    # The page's own writes after that are not a link: the user's next change stands.
    app.segmented_control(key="dataset_split").set_value("test").run()
    assert app.segmented_control(key="dataset_split").value == "test"
    assert app.query_params["split"] == "test"
