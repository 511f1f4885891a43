"""Taking code away: any run as a Keras script (Train, Compare), a network as Keras code
(Architecture)."""

from __future__ import annotations

import pytest

from tests.app.test_train_page import stopped_run, store_with_finished_run


def download_labels(app) -> list[str]:
    return [button.proto.label for button in app.get("download_button")]


def test_train_offers_a_finished_runs_script(small_data_dir, open_page, isolated_studio):
    store_with_finished_run(isolated_studio)
    app = open_page("train")
    assert "Python script (.py)" in download_labels(app)


@pytest.mark.parametrize(
    "status", ["stopped", pytest.param("failed", marks=pytest.mark.shows_error)]
)
def test_train_offers_the_script_of_a_run_that_did_not_finish(
    small_data_dir, open_page, isolated_studio, status
):
    """A stopped run offered its partial model but not its script, which trains from scratch:
    "any run exports as a plain Keras script"."""
    _, run_id = stopped_run(isolated_studio, {"loss": 0.9, "accuracy": 0.7}, status=status)
    app = open_page("train", query_params={"run": str(run_id)})
    assert "Python script (.py)" in download_labels(app)
    assert not app.exception


def test_compare_offers_the_managed_runs_script(small_data_dir, open_page, isolated_studio):
    store_with_finished_run(isolated_studio)
    app = open_page("compare")
    assert "Python script (.py)" in download_labels(app)


def test_architecture_shows_and_exports_the_network_as_keras_code(small_data_dir, open_page):
    app = open_page("architecture")
    assert "Export as Keras code (.py)" in download_labels(app)
    # The network's code block (the share link's block holds an address).
    code = next(block.value for block in app.code if "import keras" in block.value)
    assert "model = keras.Sequential(" in code or "model = keras.Model(" in code
    assert code.rstrip().endswith("model.summary()")


def test_the_script_button_is_in_korean_on_the_korean_train_page(
    small_data_dir, open_page, isolated_studio
):
    store_with_finished_run(isolated_studio)
    app = open_page("train", language="ko")
    assert "파이썬 스크립트 (.py)" in download_labels(app)
