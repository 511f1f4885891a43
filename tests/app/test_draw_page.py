"""The Draw page: no model yet, a test image with ten probabilities, and bad uploads."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

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
    """The answer's ten probabilities by class name; empty while the page shows no answer."""
    if not [chart for chart in app.get("plotly_chart") if chart.key == "draw_probabilities"]:
        return {}
    bars = json.loads(app.get_by_key("draw_probabilities").proto.spec)["data"][0]
    return dict(zip(bars["y"], bars["x"], strict=True))


def test_without_a_finished_run_the_page_says_how_to_get_one(small_data_dir, open_page):
    app = open_page("draw")
    assert not app.exception
    assert "No finished run yet" in app.info[0].value
    assert not app.get("plotly_chart")


def test_a_test_image_number_out_of_range_is_said_and_random_replaces_it(
    with_trained_run, open_page
):
    app = open_page("draw")
    app.segmented_control(key="draw_source").set_value("test").run()
    app.number_input(key="draw_index").set_value(123456).run()
    last = len(data.load_folder(data.SAMPLE_DIR).test_labels) - 1
    assert app.warning[0].value == (
        f"There is no test image 123456: give a number from 0 to {last:,}, or press “Random "
        "test image”."
    )
    assert not app.metric  # nothing classified meanwhile
    app.button(key="draw_random").click().run()
    assert 0 <= app.number_input(key="draw_index").value <= last and not app.warning
    assert next(m.value for m in app.metric if m.label == "The model says")


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
    assert "The model knows only these 10 classes" not in texts(app)  # a test image is one


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


def uploaded(open_page, name: str, picture: np.ndarray):
    """The Draw page with ``picture`` uploaded as the PNG file ``name``."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(picture).save(buffer, format="PNG")
    app = open_page("draw")
    app.segmented_control(key="draw_source").set_value("upload").run()
    app.file_uploader(key="draw_upload").set_value((name, buffer.getvalue(), "image/png"))
    return app.run()


def test_an_uploaded_photo_is_classified(with_trained_run, open_page):
    trousers = data.load_folder(data.SAMPLE_DIR).test_images[
        np.flatnonzero(data.load_folder(data.SAMPLE_DIR).test_labels == 1)[0]
    ]
    page = np.full((200, 200), 255, dtype=np.uint8)
    page[30:170, 40:180] = 255 - np.kron(trousers, np.ones((5, 5), dtype=np.uint8))
    app = uploaded(open_page, "trousers.png", page)
    assert not app.error
    assert len(probabilities(app)) == 10
    assert "Where it looked" in texts(app) or app.image
    assert "trousers.png has a light background, so its colours were inverted" in app.info[0].value
    assert len(app.info) == 1  # 140 pixels high: not enlarged into blocks
    # A photo may be of anything: the answer is one of the ten classes all the same.
    assert "The model knows only these 10 classes: any picture" in texts(app)


def test_a_tiny_upload_is_said_to_be_enlarged_into_blocks(with_trained_run, open_page):
    """A 3x3 cross was answered "Bag 95.8%" without a word."""
    cross = np.zeros((3, 3), dtype=np.uint8)
    cross[1, :] = cross[:, 1] = 255
    app = uploaded(open_page, "cross.png", cross)
    assert not app.error
    assert app.info[0].value.startswith(
        "In cross.png, what stands out from the background is only 3x3"
    )
    assert len(probabilities(app)) == 10


def test_the_model_can_be_downloaded_to_use_in_plain_keras(with_trained_run, open_page):
    app = open_page("draw")
    button = next(
        b for b in app.get("download_button") if b.proto.label.startswith("Download model")
    )
    assert "keras.models.load_model" in button.proto.help


def canvas_settings(app) -> dict:
    """What the page asks of the canvas component (its tool, stroke width, size...)."""
    return json.loads(app.get("bidi_component")[0].proto.json)


def test_the_brush_width_is_offered_with_the_brush_and_kept_while_another_tool_is_used(
    with_trained_run, open_page
):
    app = open_page("draw")
    # The brush to start with, as a student drags to draw (the polygon made a drag a few
    # corner handles), and its width beside it.
    assert app.pills(key="draw_tool").value == "freedraw"
    assert canvas_settings(app)["strokeWidth"] == 18
    app.pills(key="draw_tool").set_value("polygon").run()
    assert not [s for s in app.slider if s.key == "draw_brush"]  # no width for the others
    assert canvas_settings(app)["strokeWidth"] == 2
    app.pills(key="draw_tool").set_value("freedraw").run()
    app.slider(key="draw_brush").set_value(30).run()
    assert canvas_settings(app)["strokeWidth"] == 30
    app.pills(key="draw_tool").set_value("rect").run()
    assert not [s for s in app.slider if s.key == "draw_brush"]
    assert canvas_settings(app)["strokeWidth"] == 2
    app.pills(key="draw_tool").set_value("freedraw").run()
    assert app.slider(key="draw_brush").value == 30
    assert canvas_settings(app)["strokeWidth"] == 30
    assert not app.exception


# --- the drawing is kept while another input is shown --------------------------------------------


def _trousers_on_the_canvas() -> dict:
    """The canvas's state after drawing a pair of trousers: fabric.js JSON and the PNG it sends."""
    import base64
    import io

    from PIL import Image

    sample = data.load_folder(data.SAMPLE_DIR)
    trousers = sample.test_images[np.flatnonzero(sample.test_labels == 1)[0]]
    pixels = np.zeros((280, 280, 4), dtype=np.uint8)
    pixels[..., :3] = np.kron(trousers, np.ones((10, 10), dtype=np.uint8))[..., None]
    pixels[..., 3] = 255
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    drawing = {
        "version": "6.0.0",
        "objects": [{"type": "Rect", "left": 90, "top": 40, "width": 100, "height": 200}],
        "background": "#000000",
    }
    png = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    return {"drawing": {"raw": drawing, "data": png}, "backgroundFit": None}


def canvas_opened_with(app) -> list[dict]:
    """The drawing the page asks the canvas to open with (its objects)."""
    canvas = app.get("bidi_component")[0]
    return json.loads(canvas.proto.json)["initialDrawing"]["objects"]


def test_the_drawing_and_its_answer_come_back_after_another_input(with_trained_run, open_page):
    app = open_page("draw")
    canvas_key = app.get("bidi_component")[0].key
    drawn = _trousers_on_the_canvas()
    app.session_state[canvas_key] = drawn  # what the canvas reports after a stroke
    app.run()
    answer = probabilities(app)
    app.segmented_control(key="draw_source").set_value("test").run()
    assert canvas_key not in app.session_state  # Streamlit forgot the canvas, as a browser does
    app.segmented_control(key="draw_source").set_value("canvas").run()
    assert canvas_opened_with(app) == drawn["drawing"]["raw"]["objects"]
    assert probabilities(app) == answer  # the same drawing, the same answer, before any stroke

    app.button(key="draw_new_drawing").click().run()
    assert canvas_opened_with(app) == []
    assert not app.get("plotly_chart")
    assert "appear here" in texts(app)


def test_with_classify_as_i_draw_off_the_answer_stays_until_the_next_stroke(
    with_trained_run, open_page
):
    app = open_page("draw")
    app.toggle(key="draw_live").set_value(False).run()
    canvas_key = app.get("bidi_component")[0].key
    app.session_state[canvas_key] = _trousers_on_the_canvas()
    app.run()
    assert not probabilities(app) and "Press Classify" in texts(app)
    app.button(key="draw_classify").click().run()
    answer = probabilities(app)
    assert len(answer) == 10
    # Any other rerun (the layer maps opened, a toggle) keeps the answer: it is still this
    # drawing's. It once went back to "Press Classify", taking the layer maps with it.
    app.run()
    assert probabilities(app) == answer
    assert [e for e in app.expander if e.label == "What each layer sees"]
    # A stroke makes it stale: the page asks for Classify again.
    other = _trousers_on_the_canvas()
    other["drawing"]["data"] = _shirt_png()
    app.session_state[canvas_key] = other
    app.run()
    assert not probabilities(app) and "Press Classify" in texts(app)
    assert not app.exception


def _shirt_png() -> str:
    """A shirt-like block as the PNG data URL the canvas sends."""
    import base64
    import io

    from PIL import Image

    pixels = np.zeros((280, 280, 4), dtype=np.uint8)
    pixels[40:240, 60:220, :3] = 255
    pixels[..., 3] = 255
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_classify_is_remembered_for_the_drawing_it_was_pressed_for():
    from ui import kept_drawing

    state: dict = {}
    trousers, shirt = np.zeros((28, 28)), np.ones((28, 28))
    assert kept_drawing.answered(state, trousers, live=True, pressed=False) is trousers
    assert kept_drawing.answered(state, trousers, live=False, pressed=False) is None
    assert kept_drawing.answered(state, trousers, live=False, pressed=True) is trousers
    assert kept_drawing.answered(state, trousers.copy(), live=False, pressed=False) is not None
    assert kept_drawing.answered(state, shirt, live=False, pressed=False) is None
    assert kept_drawing.answered(state, None, live=False, pressed=False) is None
    kept_drawing.start_new(state)
    assert kept_drawing.answered(state, trousers, live=False, pressed=False) is None


def test_the_canvas_keeps_the_drawing_it_opened_with_while_on_the_page():
    # The component reloads its drawing (and loses its undo history) whenever the drawing it is
    # opened with changes: while the canvas stays on the page, that drawing must not follow
    # each stroke.
    from ui import kept_drawing

    state: dict = {}
    first, second = ({"objects": [{"type": "Rect", "left": n}]} for n in (1, 2))
    assert kept_drawing.open_canvas(state, on_page=False) is None
    kept_drawing.keep(state, first, np.ones((28, 28)))
    assert kept_drawing.open_canvas(state, on_page=True) is None
    kept_drawing.keep(state, second, np.full((28, 28), 0.5))
    opened = kept_drawing.open_canvas(state, on_page=False)  # back from another input
    assert opened.drawing == second
    kept_drawing.keep(state, first, np.ones((28, 28)))  # drawn on meanwhile
    assert kept_drawing.open_canvas(state, on_page=True) is opened
    # Until the canvas reports, the model sees the kept image; then what the canvas shows.
    assert kept_drawing.image_to_classify(opened, reported=False, drawn=None)[0, 0] == 0.5
    assert kept_drawing.image_to_classify(opened, reported=True, drawn=None) is None


def test_an_emptied_canvas_keeps_nothing_and_a_new_drawing_starts_empty():
    from ui import kept_drawing

    state: dict = {}
    kept_drawing.keep(state, {"objects": [{"type": "Rect"}]}, np.ones((28, 28)))
    kept_drawing.keep(state, {"objects": []}, None)  # the toolbar's bin
    assert kept_drawing.open_canvas(state, on_page=False) is None

    kept_drawing.keep(state, {"objects": [{"type": "Rect"}]}, np.ones((28, 28)))
    key = kept_drawing.canvas_key(state)
    kept_drawing.open_canvas(state, on_page=False)
    kept_drawing.start_new(state)
    assert kept_drawing.canvas_key(state) != key  # a new component, without the old history
    assert kept_drawing.open_canvas(state, on_page=False) is None


# --- ?run=N in the address -----------------------------------------------------------------------


def _finished_run(store, name: str, test_accuracy: float, model: Path) -> int:
    """A finished run as the store lists it, with a copy of ``model`` as its model (the page
    loads it as it opens)."""
    import os

    from fmnist_core import architectures
    from fmnist_core.training import TrainConfig

    run_id = store.create_run(name, architectures.preset("lecture-2"), TrainConfig().to_dict())
    store.claim_next_run(os.getpid(), "CPU test")
    store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=test_accuracy)
    shutil.copyfile(model, store.run_dir(run_id) / "model.keras")
    return run_id


@pytest.fixture
def three_runs(isolated_studio, small_data_dir, trained_run):
    """The best model, a weaker one, and a run still queued: their ids."""
    from fmnist_core import architectures
    from fmnist_core.store import RunStore
    from fmnist_core.training import TrainConfig

    home, run_id = trained_run
    model = RunStore(home).model_path(run_id)
    store = RunStore(isolated_studio)
    best = _finished_run(store, "best", 0.91, model)
    weaker = _finished_run(store, "weaker", 0.84, model)
    queued = store.create_run("queued", architectures.preset("fast"), TrainConfig().to_dict())
    return best, weaker, queued


def link_notices(app) -> list[str]:
    return [box.value for box in app.info if str(box.icon) == "🔗"]


def test_a_link_to_a_run_draws_with_that_model_and_the_address_follows(three_runs, open_page):
    best, weaker, _ = three_runs
    app = open_page("draw", query_params={"run": str(weaker)})
    assert app.selectbox(key="draw_model").value == weaker
    assert app.query_params["run"] == str(weaker)
    assert not link_notices(app)
    app.selectbox(key="draw_model").set_value(best).run()
    assert app.query_params["run"] == str(best)  # a refresh keeps the model picked


@pytest.mark.shows_error
def test_the_model_is_loaded_while_the_student_draws_and_a_damaged_one_is_said_at_once(
    three_runs, open_page, isolated_studio, monkeypatch
):
    from fmnist_core import inference
    from fmnist_core.store import RunStore

    loaded = []
    load = inference.load_model
    monkeypatch.setattr(inference, "load_model", lambda path: loaded.append(path) or load(path))
    best, weaker, _ = three_runs
    app = open_page("draw", query_params={"run": str(weaker)})
    # Before any stroke: the first answer no longer waits for Keras and the model to load.
    assert loaded == [RunStore(isolated_studio).model_path(weaker)]
    assert not probabilities(app)
    RunStore(isolated_studio).model_path(best).write_bytes(b"not a zip")
    damaged = open_page("draw", query_params={"run": str(best)})
    assert damaged.error[0].value.startswith(
        f"{best}/model.keras is damaged: it is not a whole Keras file"
    )
    assert "Zip" not in damaged.error[0].value  # the zip module's words are not a student's
    assert "appear here" not in texts(damaged)  # no answer will
    assert not damaged.get("download_button")  # and a damaged file is not offered either


@pytest.mark.parametrize("linked", ["99", "abc", "queued", "stopped"])
def test_a_link_to_a_run_without_a_model_says_so(three_runs, open_page, linked, isolated_studio):
    from fmnist_core import architectures
    from fmnist_core.store import RunStore
    from fmnist_core.training import TrainConfig

    best, _, queued = three_runs
    store = RunStore(isolated_studio)
    stopped = store.create_run("stopped", architectures.preset("fast"), TrainConfig().to_dict())
    store.finish_run(stopped, "stopped")  # stopped before its test: no model to draw with
    expected = {
        "queued": f"names run #{queued}, which is still queued: you can draw with it once it",
        "stopped": f"names run #{stopped} (stopped), which has no trained and tested model",
        "abc": "usually do: run=abc (a run number, e.g. run=3).",
    }.get(linked, f"names run {linked}, which this studio does not have")
    linked = {"queued": str(queued), "stopped": str(stopped)}.get(linked, linked)
    app = open_page("draw", query_params={"run": linked})
    [notice] = link_notices(app)
    assert expected in notice
    assert f"run #{best} meanwhile" in notice or f"howing run #{best}" in notice
    assert app.selectbox(key="draw_model").value == best
    assert app.query_params["run"] == str(best)


def test_a_link_to_a_run_without_a_model_says_so_in_korean(three_runs, open_page, monkeypatch):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    best, _, queued = three_runs
    [notice] = link_notices(open_page("draw", query_params={"run": str(queued)}))
    assert (queued, best) == (3, 1)  # read aloud as 삼 and 일: both take 은 and 을
    assert "실행 #3은 아직 끝나지 않았습니다(상태: 대기)" in notice
    assert "그동안 실행 #1을 보여 줍니다" in notice
    [notice] = link_notices(open_page("draw", query_params={"run": "99"}))
    assert "실행 99는 이 스튜디오에 없습니다" in notice


def test_a_link_before_any_model_says_so(isolated_studio, small_data_dir, open_page):
    from fmnist_core import architectures
    from fmnist_core.store import RunStore
    from fmnist_core.training import TrainConfig

    RunStore(isolated_studio).create_run(
        "queued", architectures.preset("fast"), TrainConfig().to_dict()
    )
    app = open_page("draw", query_params={"run": "1"})
    [notice] = link_notices(app)
    assert "names run #1, which is still queued: come back to draw with it once" in notice
    assert "No finished run yet" in texts(app)
    assert "run" not in app.query_params
    [notice] = link_notices(open_page("draw", query_params={"run": "7"}))
    assert "names run 7, but no run of this studio has a trained and tested model" in notice


# --- the photo uploader --------------------------------------------------------------------------


@pytest.mark.shows_error
def test_each_refused_upload_is_named_in_the_message(with_trained_run, open_page):
    import io

    from PIL import Image

    huge = io.BytesIO()
    Image.new("L", (6000, 6000)).save(huge, format="PNG")  # 36 megapixels, a few kB
    app = open_page("draw")
    app.segmented_control(key="draw_source").set_value("upload").run()
    uploader = app.file_uploader(key="draw_upload")
    # A type list would make the browser refuse a .txt with a chip of its own, never telling the
    # page: the message below would keep naming the file before it.
    assert not uploader.proto.type
    # A file over the server's limit gets only Streamlit's red mark: the label says the limit.
    assert uploader.proto.label.endswith("(PNG, JPEG or WebP, up to 10 MB)")
    for name, content, says in [
        ("big.png", huge.getvalue(), "big.png is 6000x6000 pixels"),
        ("notes.txt", b"hello", "notes.txt is not an image this studio can read"),
    ]:
        app.file_uploader(key="draw_upload").set_value((name, content, "application/octet-stream"))
        app.run()
        [message] = [box.value for box in app.error]
        assert says in message


def test_a_stopped_runs_partial_model_can_be_drawn_with_and_says_how_far_it_trained(
    trained_run, isolated_studio, small_data_dir, open_page
):
    """The Train page keeps a stopped run's partial model and offers it for download; the Draw
    page left it out of its picker, so a student who stopped a slow network had nothing."""
    import shutil

    from fmnist_core import architectures
    from fmnist_core.store import RunStore
    from fmnist_core.training import TrainConfig

    home, trained_id = trained_run
    store = RunStore(isolated_studio)
    kept = store.create_run(
        "kept", architectures.preset("lecture-2"), TrainConfig(epochs=5).to_dict()
    )
    lost = store.create_run(
        "lost", architectures.preset("lecture-2"), TrainConfig(epochs=5).to_dict()
    )
    for run_id in (kept, lost):
        store.claim_next_run(os.getpid(), "CPU test")
        for epoch in (1, 2):
            store.record_epoch(run_id, epoch, {"loss": 1.0, "accuracy": 0.6})
        store.finish_run(run_id, "stopped")
    # Only one of them got as far as saving its model.
    shutil.copy(RunStore(home).model_path(trained_id), store.model_path(kept))
    app = open_page("draw")
    assert app.selectbox(key="draw_model").options == [f"#{kept} kept · stopped early, not tested"]
    assert (
        "lecture-2 pool+dropout · 241,546 parameters · stopped by request after 2 of its 5 "
        "epochs: a partial model, not scored on the test set" in texts(app)
    )
    app.segmented_control(key="draw_source").set_value("test").run()
    app.number_input(key="draw_index").set_value(3).run()
    assert len(probabilities(app)) == 10
