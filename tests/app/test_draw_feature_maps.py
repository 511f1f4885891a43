"""The Draw page's "What each layer sees": feature maps of the classified input, in both languages.

The trained run is lecture-2 (tests/conftest.py ``trained_run``): three convolutions and two
max-pooling layers, so five layers of maps. Trained briefly, it may call the test image wrongly,
and that verdict is an error box: hence ``shows_error`` on the tests that classify one.
"""

from __future__ import annotations

import pytest

from fmnist_core import architectures

LECTURE_2_MAPS = [
    (row.position, row.layer.split()[0], row.output_shape)
    for row in architectures.summarise(architectures.preset("lecture-2")).rows
    if row.layer.startswith(("Conv2D", "MaxPooling2D"))
]


@pytest.fixture
def with_trained_run(trained_run, small_data_dir, monkeypatch):
    home, run_id = trained_run
    monkeypatch.setenv("FMNIST_HOME", str(home))
    return run_id


def classified_test_image(open_page):
    app = open_page("draw")
    app.segmented_control(key="draw_source").set_value("test").run()
    app.number_input(key="draw_index").set_value(7).run()
    return app


def layer_headings(app) -> list[str]:
    """The section's headings: one per layer, then the filters'."""
    return [m.value for m in app.expander[0].markdown] if app.expander else []


def channel_captions(app) -> list[str]:
    """What each picture in the section says it shows."""
    return [caption for image in app.expander[0].get("image") for caption in image.captions]


def test_no_section_before_there_is_something_to_classify(with_trained_run, open_page):
    app = open_page("draw")  # the canvas, still empty
    assert not app.expander


@pytest.mark.shows_error
def test_the_section_shows_every_conv_and_pool_layer_of_the_run(with_trained_run, open_page):
    app = classified_test_image(open_page)
    assert [e.label for e in app.expander] == ["What each layer sees"]
    assert layer_headings(app) == []  # closed: nothing computed while the student draws

    app.session_state["draw_maps_open"] = True
    app.run()
    assert layer_headings(app) == [
        f"**Layer {position} · {kind}** · output {'x'.join(map(str, shape))}"
        for position, kind, shape in LECTURE_2_MAPS
    ] + ["**The first layer's learned filters** · 32 kernels of 3x3"]
    # The first 16 channels of each layer, then the filters' picture.
    assert channel_captions(app) == [
        f"Channels 1–16 of {shape[2]}" for _, _, shape in LECTURE_2_MAPS
    ] + ["Orange: positive weights, blue: negative, white: zero (each filter scaled on its own)."]
    assert [toggle.label for toggle in app.toggle if toggle.key.startswith("draw_maps")] == [
        f"Show all {shape[2]} channels" for _, _, shape in LECTURE_2_MAPS
    ]


@pytest.mark.shows_error
def test_show_all_reveals_the_rest_of_one_layers_channels(with_trained_run, open_page):
    app = classified_test_image(open_page)
    app.session_state["draw_maps_open"] = True
    app.run()
    app.toggle(key="draw_maps_all_3").set_value(True).run()
    captions = channel_captions(app)
    assert captions[2] == "Channels 1–64 of 64"  # layer 3, Conv2D 64
    assert captions[0] == "Channels 1–16 of 32"  # the others stay as they were


@pytest.mark.shows_error
def test_the_section_in_korean(with_trained_run, open_page, monkeypatch):
    import os

    from tests.app.korean_text import english_words, names_users_gave, visible_texts

    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = classified_test_image(open_page)
    app.session_state["draw_maps_open"] = True
    app.run()
    assert [e.label for e in app.expander] == ["각 층이 보는 것"]
    assert layer_headings(app)[0] == "**첫 번째 층 · Conv2D** · 출력 26x26x32"
    assert channel_captions(app)[0] == "채널 32개 중 1–16번"
    names = names_users_gave(os.environ["FMNIST_HOME"])
    english = {text: words for text in visible_texts(app) if (words := english_words(text, names))}
    assert english == {}
