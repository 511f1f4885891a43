"""The Draw page: no model yet, a test image with ten probabilities, and bad uploads."""

from __future__ import annotations

import json

import numpy as np
import pytest

from fmnist_core import data
from tests.app.conftest import texts


def _png(size: int) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.random.default_rng(0).integers(0, 255, (size, size), dtype=np.uint8)).save(
        buffer, format="PNG"
    )
    return buffer.getvalue()


TRUNCATED_PNG = _png(120)[:2000]


def _red_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (300, 50), (255, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def with_trained_run(trained_run, small_data_dir, monkeypatch):
    home, run_id = trained_run
    monkeypatch.setenv("FMNIST_HOME", str(home))
    return run_id


def probabilities(app) -> dict[str, float]:
    bars = json.loads(app.get_by_key("draw_probabilities").proto.spec)["data"][0]
    return dict(zip(bars["y"], bars["x"], strict=True))


def test_without_a_finished_run_the_page_says_how_to_get_one(small_data_dir, open_page):
    app = open_page("draw")
    assert not app.exception
    assert "No finished run yet" in app.info[0].value
    assert not app.get("plotly_chart")


@pytest.mark.shows_error
def test_a_test_image_gets_ten_probabilities_and_a_verdict(with_trained_run, open_page):
    app = open_page("draw")
    app.segmented_control(key="draw_source").set_value("test").run()
    app.number_input(key="draw_index").set_value(7).run()
    assert not app.exception
    shown = probabilities(app)
    assert len(shown) == 10
    assert sum(shown.values()) == pytest.approx(1.0, abs=1e-6)
    true_name = data.class_names("en")[data.load_folder(data.SAMPLE_DIR).test_labels[7]]
    answer = next(m.value for m in app.metric if m.label == "The model says")
    assert answer == max(shown, key=shown.get)
    verdict = (app.success or app.error)[0].value
    assert (
        verdict == "Right: that is the true class."
        if answer == true_name
        else (verdict == f"Wrong: it is really {true_name}.")
    )


def test_korean_class_names_in_the_probabilities(with_trained_run, open_page, monkeypatch):
    # FMNIST_LANG rather than session state: AppTest formats option labels outside the run,
    # where only the environment says which language is in use.
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("draw")
    app.segmented_control(key="draw_source").set_value("test").run()
    assert "바지" in probabilities(app)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (TRUNCATED_PNG, "damaged or truncated"),
        (b"hello", "not an image this studio can read"),
        # Uploaded, so not "draw something first": the picture is the problem, and it says why.
        (_red_png(), "garment.png shows nothing to classify: it is one flat colour"),
    ],
)
@pytest.mark.shows_error
def test_bad_uploads_get_a_message(with_trained_run, open_page, content, message):
    app = open_page("draw")
    app.segmented_control(key="draw_source").set_value("upload").run()
    app.file_uploader(key="draw_upload").set_value(("garment.png", content, "image/png"))
    app.run()
    assert not app.exception
    assert message in app.error[0].value
    assert not app.get("plotly_chart")


def test_an_uploaded_photo_is_classified(with_trained_run, open_page):
    import io

    from PIL import Image

    trousers = data.load_folder(data.SAMPLE_DIR).test_images[
        np.flatnonzero(data.load_folder(data.SAMPLE_DIR).test_labels == 1)[0]
    ]
    page = np.full((200, 200), 255, dtype=np.uint8)
    page[30:170, 40:180] = 255 - np.kron(trousers, np.ones((5, 5), dtype=np.uint8))
    buffer = io.BytesIO()
    Image.fromarray(page).save(buffer, format="PNG")
    app = open_page("draw")
    app.segmented_control(key="draw_source").set_value("upload").run()
    app.file_uploader(key="draw_upload").set_value(("trousers.png", buffer.getvalue(), "image/png"))
    app.run()
    assert not app.error
    assert len(probabilities(app)) == 10
    assert "Where it looked" in texts(app) or app.image


def test_the_model_can_be_downloaded_to_use_in_plain_keras(with_trained_run, open_page):
    app = open_page("draw")
    button = next(
        b for b in app.get("download_button") if b.proto.label.startswith("Download model")
    )
    assert "keras.models.load_model" in button.proto.help
