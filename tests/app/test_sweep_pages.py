"""Sweeps on the pages: the Train page's Sweep mode and live view, the Compare page's sweep view."""

from __future__ import annotations

import fcntl
import json
import os

import pytest

from fmnist_core import architectures, sweeps
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig
from tests.app.conftest import texts
from tests.unit.test_worker import wait_for


def finished_sweep(home, vary: list[str], rising: bool = True) -> tuple[RunStore, int]:
    """A sweep of lecture-2 as the workers leave it: every run finished with 2 epochs; the
    accuracy grows with each varied value's position, so the last combination is the best
    (``rising=False``: it falls, so the first is)."""
    store = RunStore(home)
    varied = [sweeps.parse_vary(text) for text in vary]
    plan = sweeps.plan(architectures.preset("lecture-2"), TrainConfig(epochs=2), varied)
    sweep_id, run_ids = sweeps.queue(store, "grid", plan)
    for run_id, planned in zip(run_ids, plan.runs, strict=True):
        store.claim_next_run(os.getpid(), "CPU test")
        positions = [v.values.index(planned.values[v.setting]) for v in plan.varied]
        step = 0.01 * sum(positions)
        accuracy = round(0.80 + step if rising else 0.90 - step, 4)
        for epoch in (1, 2):
            metrics = {"loss": 1 / epoch, "accuracy": accuracy - 0.05 / epoch}
            store.record_epoch(run_id, epoch, metrics | {"val_accuracy": accuracy - 0.1 / epoch})
        store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=accuracy)
    return store, sweep_id


def test_a_run_named_by_a_setting_that_zero_turns_off_reads_off(
    small_data_dir, open_page, isolated_studio
):
    app = open_page("train")
    app.slider(key="train_epochs").set_value(1)
    app.number_input(key="train_limit").set_value(200)
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["early_stopping_patience"]).run()
    app.text_input(key="sweep_values_early_stopping_patience").set_value("0, 2").run()
    app.button(key="sweep_start").click().run()
    runs = RunStore(isolated_studio).sweep_runs(1)
    # The title without the form's "(0 = off)", and 0 as what it means.
    assert {r.name for r in runs} == {"Early-stopping patience off", "Early-stopping patience 2"}
    app.button(key="sweep_stop_1").click().run()


def sweep_figure(app) -> dict:
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    return next(
        s for s in specs if s["data"] and s["data"][0]["type"] in ("heatmap", "bar", "parcoords")
    )


def test_sweep_mode_shows_the_number_of_runs_and_queues_them_all(
    small_data_dir, open_page, isolated_studio
):
    app = open_page("train")
    app.selectbox(key="train_network").set_value("preset:lecture-2")
    app.slider(key="train_epochs").set_value(1)
    app.number_input(key="train_limit").set_value(200)
    app.toggle(key="sweep_mode").set_value(True).run()
    # At most three settings vary: no "Select all" offers the eleven.
    assert app.multiselect(key="sweep_settings").proto.select_all == 0
    app.multiselect(key="sweep_settings").set_value(["learning_rate", "layers.1.filters"]).run()
    app.multiselect(key="sweep_values_learning_rate").set_value([0.001, 0.003])
    app.text_input(key="sweep_values_layers.1.filters").set_value("8, 16").run()
    assert "Runs: 4; about " in texts(app)
    app.button(key="sweep_start").click().run()
    assert "Sweep #1 is queued: 4 runs, trained by 1 worker." in app.success[0].value
    store = RunStore(isolated_studio)
    runs = store.sweep_runs(1)
    assert sorted((r.config["learning_rate"], r.spec["layers"][0]["filters"]) for r in runs) == [
        (0.001, 8),
        (0.001, 16),
        (0.003, 8),
        (0.003, 16),
    ]
    assert {(r.config["epochs"], r.config["limit_train"]) for r in runs} == {(1, 200)}
    # Each run is named by its values as the page words them, not as the command line takes them.
    # The sweep was not named: its runs are their values alone (a made-up "sweep of Learning
    # rate, …" before them only repeated those).
    assert "Learning rate 0.001 · Layer 1 · Filters 8" in {r.name for r in runs}
    assert not any("=" in r.name for r in runs)
    # A varied layer makes another network than lecture-2: named an edit of it, as the
    # Architecture page names one (its preset's description would miscount its parameters).
    assert {r.spec["name"] for r in runs} == {"lecture-2 pool+dropout (edited)"}
    assert any(frame.value.shape[0] == 4 for frame in app.dataframe)  # the live sweep table
    app.button(key="sweep_stop_1").click().run()
    wait_for(lambda: not any(r.active for r in store.sweep_runs(1)), 60, "the sweep to stop")
    assert {r.status for r in store.sweep_runs(1)} <= {"cancelled", "stopped"}


def test_workers_already_waiting_for_runs_are_said_to_train_the_sweep_too(
    small_data_dir, open_page, isolated_studio
):
    """Two workers a command-line sweep left waiting took both runs of a sweep started with
    one worker, while the page said "trained by 1 worker"."""
    held = []
    isolated_studio.mkdir(parents=True, exist_ok=True)
    for name in ("worker.lock", "worker.1.lock"):  # as two waiting workers hold them
        handle = open(isolated_studio / name, "a+")  # noqa: SIM115 (held for the test)
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.append(handle)
    try:
        app = open_page("train")
        app.selectbox(key="train_network").set_value("preset:lecture-1")
        app.slider(key="train_epochs").set_value(1)
        app.number_input(key="train_limit").set_value(200)
        app.toggle(key="sweep_mode").set_value(True).run()
        app.multiselect(key="sweep_settings").set_value(["learning_rate"]).run()
        app.multiselect(key="sweep_values_learning_rate").set_value([0.001, 0.003]).run()
        app.button(key="sweep_start").click().run()
        assert app.success[0].value == (
            "Sweep #1 is queued: 2 runs, trained by 2 workers in parallel, not 1: 2 were already "
            "waiting for runs (started by an earlier sweep or the command line), and each takes "
            "one."
        )
    finally:
        for handle in held:
            handle.close()
    RunStore(isolated_studio).stop_sweep(1)


def test_a_sweep_on_a_korean_page_names_an_edited_network_in_korean(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    monkeypatch.setattr("ui.sweep_views.ensure_worker", lambda *args, **kwargs: False)
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("train")
    app.selectbox(key="train_network").set_value("preset:lecture-2")
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["layers.1.filters"]).run()
    app.text_input(key="sweep_values_layers.1.filters").set_value("8, 16").run()
    app.button(key="sweep_start").click().run()
    runs = RunStore(isolated_studio).sweep_runs(1)
    assert {r.spec["name"] for r in runs} == {"lecture-2 pool+dropout (수정)"}
    RunStore(isolated_studio).stop_sweep(1)


def test_a_sweep_of_one_run_cannot_start_and_says_why(small_data_dir, open_page):
    app = open_page("train")
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["learning_rate"]).run()
    assert app.multiselect(key="sweep_values_learning_rate").value == [0.005]  # the form's
    assert app.button(key="sweep_start").disabled
    assert "One run is not a sweep: give one of the boxes above a second value" in texts(app)
    assert not app.warning  # a hint of what to do next, not a mistake
    app.multiselect(key="sweep_values_learning_rate").set_value([0.005, 0.001]).run()
    assert not app.button(key="sweep_start").disabled
    assert "One run is not a sweep" not in texts(app)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_values_box_typed_wrong_is_named_as_the_box_not_as_the_command_line(
    small_data_dir, open_page, language, monkeypatch
):
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("train")  # the fast network: layer 1 is a Conv2D
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["epochs", "layers.1.filters"]).run()
    app.text_input(key="sweep_values_layers.1.filters").set_value("16 32").run()
    (bad,) = [warning.value for warning in app.warning]
    assert (
        bad
        == {
            "en": "Values of Layer 1 (Conv2D) · Filters: “16 32” is not a whole number; separate "
            "values with commas (16, 32).",
            "ko": "첫 번째 층 (Conv2D) · 필터 수 값: “16 32”는 정수가 아닙니다. 값은 쉼표로 나누어 "
            "쓰세요(16, 32).",
        }[language]
    )
    app.text_input(key="sweep_values_layers.1.filters").set_value("16, 32")
    app.text_input(key="sweep_values_epochs").set_value(" ").run()
    (empty,) = [warning.value for warning in app.warning]
    assert (
        empty
        == {
            # The example is in the box's own terms: the fast recipe's 9 epochs and twice that.
            "en": "Values of Epochs: none yet; give at least one, separated by commas (9, 18).",
            "ko": "에포크 값: 아직 없습니다. 쉼표로 나누어 하나 이상 쓰세요(9, 18).",
        }[language]
    )
    assert app.button(key="sweep_start").disabled


def test_a_setting_the_sweep_varies_is_not_changed_in_the_form_above(small_data_dir, open_page):
    """The form's Epochs slider stayed movable beside "Values of Epochs": moved to 3, it showed
    a value no run would take."""
    app = open_page("train")
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["epochs"]).run()
    epochs = app.slider(key="train_epochs")
    assert epochs.disabled and "each run takes its value from “Values of Epochs”" in epochs.help
    assert not app.select_slider(key="train_batch").disabled  # not varied: still the base
    app.toggle(key="sweep_mode").set_value(False).run()
    assert not app.slider(key="train_epochs").disabled


def test_a_values_box_starts_with_the_forms_value_as_the_box_takes_it_back(
    full_data_dir, open_page, isolated_studio
):
    app = open_page("train")
    app.number_input(key="train_limit").set_value(12000)
    app.slider(key="train_val_split").set_value(0.25).run()
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["limit_train", "validation_split"]).run()
    # Not the page's "12,000", which the box's commas split into 12 and 0 images.
    assert app.text_input(key="sweep_values_limit_train").value == "12000"
    assert app.text_input(key="sweep_values_limit_train").help.endswith(
        "e.g. 12000, 24000; thousands without a comma."
    )
    # A split never reaches the thousands: no word about them beside it.
    assert app.text_input(key="sweep_values_validation_split").help.endswith("e.g. 0.25, 0.125")
    app.text_input(key="sweep_values_limit_train").set_value("12000, 0").run()
    assert not app.warning
    assert "Runs: 2; about " in texts(app)


def test_a_sweep_with_an_impossible_value_is_named_and_cannot_start(
    small_data_dir, open_page, isolated_studio
):
    app = open_page("train")
    app.selectbox(key="train_network").set_value("preset:lecture-2")
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["layers.1.kernel_size"]).run()
    app.text_input(key="sweep_values_layers.1.kernel_size").set_value("3, 27").run()
    # In the page's words, once per cause.
    assert app.warning[0].value.startswith("The combination Layer 1 · Kernel 27 cannot run")
    assert app.button(key="sweep_start").disabled
    assert RunStore(isolated_studio).list_runs() == []


def test_a_sweep_over_more_training_images_than_there_are_cannot_start(
    small_data_dir, open_page, isolated_studio
):
    app = open_page("train")
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["limit_train"]).run()
    app.text_input(key="sweep_values_limit_train").set_value("300, 99999999").run()
    said = " ".join(box.value for box in app.warning)
    # Named as the box is, not as the command line's limit_train=.
    assert said.startswith("Values of Training images (0 = all): 99,999,999 is more than the ")
    # "At most 3000", as the box takes it back: "3,000" typed there is two values.
    assert "training images of the data in use; give at most 3000, or 0 for" in said
    assert app.button(key="sweep_start").disabled
    app.text_input(key="sweep_values_limit_train").set_value("0, 300, 0").run()
    (said,) = [box.value for box in app.warning]
    assert said == (  # not "None is there twice"
        "Values of Training images (0 = all): 0 is there twice; give each value once."
    )


def test_the_lecture_as_a_sweep_queues_its_three_models_with_its_recipe(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda *args, **kwargs: False)
    monkeypatch.setattr("ui.sweep_views.ensure_worker", lambda *args, **kwargs: False)
    app = open_page("train")
    app.button(key="sweep_lecture").click().run()
    # Nothing is queued before the user has seen what it would take
    assert RunStore(isolated_studio).list_runs() == []
    said = " ".join(box.value for box in app.info)
    assert "3 runs: lecture-1, lecture-2 and lecture-3 with the lecture's recipe, 25 epochs" in said
    assert "the recipe holds 25% back for validation" in said
    assert "; about " in said and "one after another on this machine" in said
    app.button(key="sweep_lecture_cancel").click().run()
    assert not [b for b in app.button if b.key == "sweep_lecture_queue"]
    assert RunStore(isolated_studio).list_runs() == []
    app.button(key="sweep_lecture").click().run()
    app.button(key="sweep_lecture_queue").click().run()
    runs = RunStore(isolated_studio).sweep_runs(1)
    assert [run.params for run in runs] == [3_989_642, 241_546, 5_240_842]
    assert {
        (r.config["epochs"], r.config["batch_size"], r.config["validation_split"]) for r in runs
    } == {(25, 32, 0.25)}
    RunStore(isolated_studio).stop_sweep(1)


def test_the_lecture_as_a_sweep_can_be_a_quicker_try_on_the_forms_images(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda *args, **kwargs: False)
    monkeypatch.setattr("ui.sweep_views.ensure_worker", lambda *args, **kwargs: False)
    app = open_page("train", query_params={"limit_train": "300", "seed": "7"})
    app.button(key="sweep_lecture").click().run()
    app.number_input(key="sweep_lecture_epochs").set_value(1).run()
    said = " ".join(box.value for box in app.info)
    assert "1 epoch each, fitting 225 of the 300 training images the form gives" in said
    app.number_input(key="sweep_lecture_epochs").set_value(2).run()
    app.button(key="sweep_lecture_queue").click().run()
    runs = RunStore(isolated_studio).sweep_runs(1)
    assert {
        (r.config["epochs"], r.config["batch_size"], r.config["limit_train"], r.config["seed"])
        for r in runs
    } == {(2, 32, 300, 7)}
    RunStore(isolated_studio).stop_sweep(1)


@pytest.mark.parametrize(
    ("vary", "kind"),
    [
        (["batch_size=32,64,128"], "bar"),
        (["learning_rate=0.001,0.003", "batch_size=32,64"], "heatmap"),
        (["learning_rate=0.001,0.003", "batch_size=32,64", "optimizer=adam,sgd"], "parcoords"),
    ],
)
def test_the_sweep_view_draws_accuracy_against_what_varied_and_names_the_best(
    small_data_dir, open_page, isolated_studio, vary, kind
):
    store, sweep_id = finished_sweep(isolated_studio, vary)
    store.create_run("not in the sweep", architectures.preset("fast"), TrainConfig().to_dict())
    app = open_page("compare")
    app.selectbox(key="compare_sweep").set_value(sweep_id).run()
    drawn = sweep_figure(app)
    assert drawn["data"][0]["type"] == kind
    plan_size = 1
    for text in vary:
        plan_size *= len(text.split(","))
    assert "Best combination, chosen on validation accuracy: #" in app.success[0].value
    assert f"#{plan_size}" in app.success[0].value  # the last combination scored highest
    if kind == "heatmap":
        assert drawn["data"][0]["z"] == [[0.8, 0.81], [0.81, 0.82]]
        assert (
            drawn["layout"]["shapes"][0]["x0"] == 0.5 and drawn["layout"]["shapes"][0]["y0"] == 0.5
        )
        assert drawn["data"][0]["colorbar"]["tickformat"] == ".1%"
    captions = texts(app)
    # Colours stretched over 80%–82% look like a large difference: the range is said in points.
    said = "The colours run from the lowest test accuracy, 80.00%, to the highest, 8"
    assert (said in captions) == (kind != "bar")  # bars start at 0, so need no such caution
    table = next(frame.value for frame in app.dataframe if "name" in frame.value.columns)
    assert len(table) == plan_size and "not in the sweep" not in set(table["name"])


def test_a_sweeps_run_has_one_colour_in_the_sweep_view_and_in_the_curves_below(
    small_data_dir, open_page, isolated_studio
):
    _, sweep_id = finished_sweep(isolated_studio, ["learning_rate=0.001,0.003,0.01"])
    app = open_page("compare", query_params={"sweep": str(sweep_id)})
    sweep_curves = json.loads(app.get_by_key(f"sweep_curves_{sweep_id}").proto.spec)
    below = json.loads(app.get_by_key("compare_accuracy").proto.spec)

    def colour_by_run(figure):
        return {t["name"].split()[0]: t["line"]["color"] for t in figure["data"]}

    assert colour_by_run(sweep_curves) == colour_by_run(below)
    assert len(set(colour_by_run(below).values())) == 3


def test_a_sweeps_run_has_one_name_in_the_sweep_view_and_in_the_comparison_below(
    small_data_dir, open_page, isolated_studio
):
    """Made on the command line, a sweep's runs are stored as "grid · learning_rate=0.001": the
    view above named run #1 "#1 Learning rate 0.001", the curves and tables below "#1 grid · …"."""
    _, sweep_id = finished_sweep(isolated_studio, ["learning_rate=0.001,0.003,0.01"])
    app = open_page("compare", query_params={"sweep": str(sweep_id)})
    above = legend_names(app, f"sweep_curves_{sweep_id}")
    below = legend_names(app)
    assert below == above and all("Learning rate" in name for name in below)
    differences = next(table for table in app.table if "Learning rate" in table.value.index)
    assert set(differences.value.columns) == below
    runs = next(frame for frame in app.dataframe if "name" in frame.value.columns).value
    assert {f"#{i} {name}" for i, name in zip(runs["id"], runs["name"], strict=True)} == below
    everything = open_page("compare")  # every run: by the names they were given
    assert legend_names(everything) == {
        f"#{i} grid · learning_rate={v}" for i, v in ((1, "0.001"), (2, "0.003"), (3, "0.01"))
    }


def test_the_sweep_view_in_korean(small_data_dir, open_page, isolated_studio, monkeypatch):
    from tests.app.korean_text import english_words, names_users_gave, visible_texts

    finished_sweep(isolated_studio, ["learning_rate=0.001,0.003", "optimizer=adam,sgd"])
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("compare")
    app.selectbox(key="compare_sweep").set_value(1).run()
    assert "가장 좋은 조합" in app.success[0].value
    names = names_users_gave(isolated_studio)
    english = {t[:120]: w for t in visible_texts(app) if (w := english_words(t, names))}
    assert english == {}


def test_sweep_mode_and_the_live_sweep_view_in_korean(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    from tests.app.korean_text import english_words, names_users_gave, visible_texts

    finished_sweep(isolated_studio, ["learning_rate=0.001,0.003", "layers.1.filters=16,32"])
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("train")
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["optimizer", "layers.1.filters"]).run()
    app.multiselect(key="sweep_values_optimizer").set_value(["adam", "sgd"]).run()
    assert "실행 2개. 이 컴퓨터에서" in texts(app)
    assert any(frame.value.shape[0] == 4 for frame in app.dataframe)  # the live sweep table
    names = names_users_gave(isolated_studio)
    english = {t[:120]: w for t in visible_texts(app) if (w := english_words(t, names))}
    assert english == {}


def test_sweep_mode_has_one_start_button_the_sweep_s(small_data_dir, open_page):
    app = open_page("train")
    assert [b.label for b in app.button if b.key == "train_start"] == ["Start training"]
    app.toggle(key="sweep_mode").set_value(True).run()
    assert not [b for b in app.button if b.key == "train_start"]


def test_a_sweeps_bars_rise_with_the_value_start_at_zero_and_its_best_runs_are_compared(
    small_data_dir, open_page, isolated_studio
):
    # Typed out of order; the accuracy falls with the position typed, so 0.003 (typed first, the
    # oldest run: not among the newest three) wins.
    vary = ["learning_rate=0.003,0.0001,0.001,0.0003"]
    store, sweep_id = finished_sweep(isolated_studio, vary, rising=False)
    app = open_page("compare")
    app.selectbox(key="compare_sweep").set_value(sweep_id).run()
    bars = sweep_figure(app)
    assert bars["data"][0]["x"] == ["0.0001", "0.0003", "0.001", "0.003"]
    assert bars["data"][0]["y"] == [0.89, 0.87, 0.88, 0.9]
    assert bars["layout"]["yaxis"]["range"][0] == 0.0  # a bar's length is its accuracy
    best = max(store.sweep_runs(sweep_id), key=lambda run: run.test_accuracy)
    table = next(frame for frame in app.dataframe if "name" in frame.value.columns)
    compared = table.value.iloc[
        app.session_state[f"compare_table_sweep_{sweep_id}"]["selection"]["rows"]
    ]
    assert best.id in set(compared["id"])


def test_choosing_a_sweep_in_the_box_compares_its_best_runs_not_the_rows_ticked_before(
    small_data_dir, open_page, isolated_studio
):
    """The table's ticks were kept by row: the newest three of every run became the sweep's
    newest three, and the best run the view names above had no curves below."""
    vary = ["learning_rate=0.003,0.0001,0.001,0.0003"]
    store, sweep_id = finished_sweep(isolated_studio, vary, rising=False)  # the oldest is best
    app = open_page("compare")
    app.session_state["compare_table"] = {
        "selection": {"rows": [0, 1, 2], "columns": [], "cells": []}
    }
    app.run()  # every run, the newest three ticked
    assert app.query_params["runs"] == ["2", "3", "4"]
    app.selectbox(key="compare_sweep").set_value(sweep_id).run()
    best = max(store.sweep_runs(sweep_id), key=lambda run: run.test_accuracy)
    assert str(best.id) in app.query_params["runs"]
    # The table's own ticks are the sweep's, not the rows ticked in every run's table.
    table = next(frame for frame in app.dataframe if "name" in frame.value.columns).value
    ticked = table.iloc[app.session_state[f"compare_table_sweep_{sweep_id}"]["selection"]["rows"]]
    assert sorted(str(run_id) for run_id in ticked["id"]) == sorted(app.query_params["runs"])
    assert best.id == 1 and legend_names(app) >= {"#1 Learning rate 0.003"}


def test_coming_back_from_a_sweeps_view_keeps_the_runs_ticked_before(
    small_data_dir, open_page, isolated_studio
):
    """Each view keeps its own ticks: coming back to every run from a sweep's view ticked the
    newest three again, not the runs the user had ticked there."""
    _, sweep_id = finished_sweep(isolated_studio, ["learning_rate=0.003,0.0001,0.001"])
    app = open_page("compare")
    app.session_state["compare_table"] = {"selection": {"rows": [1, 2], "columns": [], "cells": []}}
    app.run()
    ticked_in_every_run = app.query_params["runs"]
    assert len(ticked_in_every_run) == 2
    app.selectbox(key="compare_sweep").set_value(sweep_id).run()
    app.session_state[f"compare_table_sweep_{sweep_id}"] = {
        "selection": {"rows": [0], "columns": [], "cells": []}
    }
    app.run()
    ticked_in_the_sweep = app.query_params["runs"]
    assert len(ticked_in_the_sweep) == 1
    app.selectbox(key="compare_sweep").set_value(0).run()
    assert app.query_params["runs"] == ticked_in_every_run
    assert not app.exception
    app.selectbox(key="compare_sweep").set_value(sweep_id).run()
    assert app.query_params["runs"] == ticked_in_the_sweep


def test_a_sweeps_best_is_chosen_on_validation_accuracy_not_on_the_test_set(
    small_data_dir, open_page, isolated_studio
):
    # Named by its test accuracy, the winner was tuned on the test set, which DESIGN.md keeps
    # for reporting a choice made on held-out data.
    store, sweep_id = finished_sweep(isolated_studio, ["learning_rate=0.001,0.003,0.01,0.03"])
    first, second, third, _ = store.sweep_runs(sweep_id)
    store.finish_run(third.id, "finished", test_loss=0.5, test_accuracy=0.99)  # the test's best
    store.record_epoch(first.id, 3, {"loss": 0.3, "accuracy": 0.9, "val_accuracy": 0.95})
    app = open_page("compare")
    app.selectbox(key="compare_sweep").set_value(sweep_id).run()
    (said,) = [box.value for box in app.success]
    assert said.startswith("Best combination, chosen on validation accuracy: #")
    assert "Learning rate 0.001 (95.00%); its test accuracy 80.00%" in said
    table = next(frame for frame in app.dataframe if "name" in frame.value.columns)
    compared = table.value.iloc[
        app.session_state[f"compare_table_sweep_{sweep_id}"]["selection"]["rows"]
    ]
    # The three compared at first are the best three on validation: the first run is among
    # them, and the second (third best on the test set, worst on validation) is not.
    assert first.id in set(compared["id"]) and second.id not in set(compared["id"])


def test_a_sweep_validated_on_the_test_set_names_no_best(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    plan = sweeps.plan(
        architectures.preset("lecture-2"),
        TrainConfig(epochs=1, validation="test"),
        [sweeps.parse_vary("learning_rate=0.001,0.003")],
    )
    sweep_id, run_ids = sweeps.queue(store, "on test", plan)
    for run_id in run_ids:
        store.claim_next_run(os.getpid(), "CPU test")
        store.record_epoch(run_id, 1, {"loss": 0.5, "accuracy": 0.8, "val_accuracy": 0.8})
        store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=0.8)
    app = open_page("compare")
    app.selectbox(key="compare_sweep").set_value(sweep_id).run()
    assert not app.success and not app.exception
    assert "No run of this sweep kept validation data, so none is named best" in texts(app)
    assert sweep_figure(app)  # the test accuracies are still shown, as a report


def test_finished_sweeps_wait_folded_and_out_of_the_address(
    small_data_dir, open_page, isolated_studio
):
    """A single run's page is not about an old sweep: the sweeps are folded, and the address
    names none until one is chosen; a link to one opens it."""
    finished_sweep(isolated_studio, ["learning_rate=0.001,0.003"])
    app = open_page("train")
    folded = next(box for box in app.expander if box.label == "Sweeps (1)")
    assert not folded.proto.expanded
    assert "sweep" not in app.query_params
    linked = open_page("train", query_params={"sweep": "1"})
    assert next(box for box in linked.expander if box.label == "Sweeps (1)").proto.expanded
    assert linked.query_params["sweep"] == "1"


def test_a_link_opens_a_sweeps_view_and_a_missing_sweep_is_said(
    small_data_dir, open_page, isolated_studio
):
    store, sweep_id = finished_sweep(isolated_studio, ["batch_size=32,64"])
    store.create_run("not in the sweep", architectures.preset("fast"), TrainConfig().to_dict())
    app = open_page("compare", query_params={"sweep": str(sweep_id)})
    assert app.selectbox(key="compare_sweep").value == sweep_id
    assert "Best combination, chosen on validation accuracy: #" in app.success[0].value
    app.selectbox(key="compare_sweep").set_value(0).run()  # back to every run
    assert "sweep" not in app.query_params
    missing = open_page("compare", query_params={"sweep": "9"})
    assert "sweep 9, which this studio does not have" in missing.info[0].value
    assert missing.selectbox(key="compare_sweep").value == 0
    assert "sweep" not in missing.query_params
    assert not missing.exception


def test_a_sweep_run_without_a_score_is_named_under_the_figure(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    plan = sweeps.plan(
        architectures.preset("lecture-2"),
        TrainConfig(epochs=2),
        [sweeps.parse_vary("learning_rate=0.001,0.003"), sweeps.parse_vary("batch_size=32,64")],
    )
    sweep_id, run_ids = sweeps.queue(store, "grid", plan)
    for run_id in run_ids[:3]:
        store.claim_next_run(os.getpid(), "CPU test")
        store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=0.8 + run_id / 100)
    store.claim_next_run(os.getpid(), "CPU test")
    store.finish_run(run_ids[3], "stopped")
    app = open_page("compare", query_params={"sweep": str(sweep_id)})
    assert "—" in str(sweep_figure(app)["data"][0]["text"])
    said = texts(app)
    assert f"Without a test score, so a gap or “—” above: #{run_ids[3]} " in said
    assert "(stopped)." in said


def test_a_new_sweep_is_the_one_shown_with_its_first_run(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    from ui import sweep_views

    # No worker: the runs stay queued, as just after Start.
    monkeypatch.setattr(sweep_views, "ensure_worker", lambda home, count: None)
    store, first = finished_sweep(isolated_studio, ["batch_size=32,64"])
    app = open_page("train", query_params={"sweep": str(first)})
    assert app.selectbox(key="train_sweep").value == first
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["optimizer"]).run()
    app.multiselect(key="sweep_values_optimizer").set_value(["adam", "sgd"]).run()
    app.button(key="sweep_start").click().run()
    second = first + 1
    assert app.selectbox(key="train_sweep").value == second
    assert app.query_params["sweep"] == str(second)
    assert app.query_params["run"] == str(store.sweep_runs(second)[0].id)
    form = next(expander for expander in app.expander if expander.label == "New run")
    assert not form.proto.expanded  # folded: the sweep's runs come next


@pytest.mark.parametrize("linked", ["99", "abc"])
def test_a_train_link_to_a_sweep_the_studio_lacks_says_so(
    small_data_dir, open_page, isolated_studio, linked
):
    finished_sweep(isolated_studio, ["learning_rate=0.001,0.003"])
    app = open_page("train", query_params={"sweep": linked})
    notices = [box.value for box in app.info if str(box.icon) == "🔗"]
    assert any(f"names sweep {linked}, which this studio does not have" in n for n in notices)
    assert app.query_params.get("sweep") != linked  # not passed off as the sweep linked
    assert not app.exception and not app.error


def test_a_train_link_to_a_sweep_before_any_sweep_says_so(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    from tests.app.test_lecture_page import finished_run

    monkeypatch.setenv("FMNIST_LANG", "ko")
    finished_run(RunStore(isolated_studio), "lecture-1", TrainConfig(), 0.8)  # a run, no sweep
    app = open_page("train", query_params={"sweep": "3"})
    notices = [box.value for box in app.info if str(box.icon) == "🔗"]
    assert any("스윕 3을 가리키지만, 이 스튜디오에는 아직 스윕이 없습니다" in n for n in notices)
    assert "sweep" not in app.query_params


def test_a_sweep_whose_runs_all_ended_untested_does_not_say_yet(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    plan = sweeps.plan(
        architectures.preset("fast"),
        TrainConfig(epochs=1, limit_train=200),
        [sweeps.parse_vary("learning_rate=0.001,0.003")],
    )
    sweep_id, run_ids = sweeps.queue(store, "stopped grid", plan)
    for run_id in run_ids:
        store.finish_run(run_id, "cancelled")
    app = open_page("compare", query_params={"sweep": str(sweep_id)})
    said = " ".join(box.value for box in app.info)
    assert "none of its 2 runs finished" in said and "yet" not in said


def test_a_layers_setting_is_offered_with_its_kind(small_data_dir, open_page):
    app = open_page("train")
    app.selectbox(key="train_network").set_value("preset:lecture-2")
    app.toggle(key="sweep_mode").set_value(True).run()
    offered = app.multiselect(key="sweep_settings").options
    assert "Layer 8 (Dropout) · Rate" in offered and "Layer 1 (Conv2D) · Filters" in offered


def test_a_value_that_fails_with_every_other_value_is_said_once(small_data_dir, open_page):
    app = open_page("train")
    app.selectbox(key="train_network").set_value("preset:lecture-2")
    app.toggle(key="sweep_mode").set_value(True).run()
    app.multiselect(key="sweep_settings").set_value(["learning_rate", "layers.1.filters"]).run()
    app.multiselect(key="sweep_values_learning_rate").set_value([0.001, 0.003])
    app.text_input(key="sweep_values_layers.1.filters").set_value("16, 0").run()
    warnings = [box.value for box in app.warning]
    assert len(warnings) == 1  # not once per learning rate
    assert warnings[0].startswith("The combination Layer 1 · Filters 0 cannot run")


def test_the_number_of_workers_says_its_limit_one_per_core(small_data_dir, open_page):
    """A student typing 8 workers on a 2-core machine learns why the box stops at 2, rather than
    meeting Streamlit's bare red hint."""
    app = open_page("train")
    app.toggle(key="sweep_mode").set_value(True).run()
    workers = app.number_input(key="sweep_workers")
    most = max(os.cpu_count() or 1, 1)
    assert workers.max == most
    assert f"At most {most} here: one per core of this machine" in workers.help


def test_a_sweep_name_over_the_limit_is_said_at_once(small_data_dir, open_page):
    app = open_page("train")
    app.toggle(key="sweep_mode").set_value(True).run()
    assert not app.text_input(key="sweep_name").max_chars
    app.text_input(key="sweep_name").set_value("s" * 61).run()
    assert any("it has 61 characters; use at most 60" in box.value for box in app.warning)


def test_the_sweep_name_box_says_how_a_sweep_is_named_before_and_after_a_setting_varies(
    small_data_dir, open_page
):
    app = open_page("train")
    app.toggle(key="sweep_mode").set_value(True).run()
    # Nothing varied yet: its made-up name, "sweep of", had nothing to name.
    assert app.text_input(key="sweep_name").placeholder == "named after the settings it varies"
    app.multiselect(key="sweep_settings").set_value(["learning_rate"]).run()
    app.multiselect(key="sweep_values_learning_rate").set_value([0.001, 0.003]).run()
    assert app.text_input(key="sweep_name").placeholder == "sweep of Learning rate"


@pytest.mark.parametrize(
    ("language", "vary", "values"),
    [
        ("en", "Choose up to 3 settings", "Choose its values"),
        ("ko", "설정을 3개까지 고르세요", "값을 고르세요"),
    ],
)
def test_the_sweep_boxes_ask_in_the_pages_language(
    small_data_dir, open_page, monkeypatch, language, vary, values
):
    """Streamlit's own "Choose options" stood in the empty box on the Korean page."""
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("train")
    app.toggle(key="sweep_mode").set_value(True).run()
    assert app.multiselect(key="sweep_settings").proto.placeholder == vary
    app.multiselect(key="sweep_settings").set_value(["learning_rate"]).run()
    assert app.multiselect(key="sweep_values_learning_rate").proto.placeholder == values


def legend_names(app, key: str = "compare_accuracy") -> set[str]:
    return {t["legendgroup"] for t in json.loads(app.get_by_key(key).proto.spec)["data"]}
