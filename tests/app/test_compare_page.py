"""The Compare page with three runs in a temp store: table, selection, curves, diff, delete."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from fmnist_core import architectures, data
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig, save_test_results
from tests.app.conftest import texts
from tests.conftest import ROOT


def add_run(store, name, preset, config, curve, test_accuracy=None, status="finished"):
    run_id = store.create_run(name, architectures.preset(preset), config.to_dict())
    store.claim_next_run(os.getpid(), "CPU test")
    for number, (loss, accuracy) in enumerate(curve, start=1):
        store.record_epoch(
            run_id,
            number,
            {
                "loss": loss,
                "accuracy": accuracy,
                "val_loss": loss + 0.1,
                "val_accuracy": accuracy - 0.03,
                "seconds": 2.0,
            },
        )
    if test_accuracy is None:
        store.finish_run(run_id, status)
    else:
        # Test results as the worker stores them, on the sample's 1,000 test images.
        labels = data.load_folder(data.SAMPLE_DIR).test_labels
        rng = np.random.default_rng(run_id)
        predicted = np.where(rng.random(len(labels)) < test_accuracy, labels, (labels + 1) % 10)
        probabilities = np.full((len(labels), 10), 0.01, dtype=np.float32)
        probabilities[np.arange(len(labels)), predicted] = 0.91
        loss, accuracy = save_test_results(
            store.run_dir(run_id), labels.astype(np.int64), probabilities
        )
        store.finish_run(run_id, "finished", test_loss=loss, test_accuracy=accuracy)
    return run_id


@pytest.fixture
def three_runs(isolated_studio, small_data_dir):
    store = RunStore(isolated_studio)
    ids = [
        add_run(
            store,
            "plain",
            "lecture-1",
            TrainConfig(epochs=3, batch_size=32),
            [(0.6, 0.78), (0.4, 0.86), (0.3, 0.9)],
            test_accuracy=0.85,
        ),
        add_run(
            store,
            "pooled",
            "lecture-2",
            TrainConfig(epochs=3, batch_size=128, limit_train=12_000),
            [(0.7, 0.75), (0.5, 0.83), (0.4, 0.87)],
            test_accuracy=0.89,
        ),
        add_run(
            store,
            "halted",
            "lecture-3",
            TrainConfig(epochs=9, batch_size=32),
            [(0.9, 0.7)],
            status="stopped",
        ),
    ]
    return store, ids


def open_compare(rows=None) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    if rows is not None:
        app.session_state["compare_table"] = {
            "selection": {"rows": rows, "columns": [], "cells": []}
        }
    app.switch_page("app_pages/compare.py")
    app.run()
    return app


def chart(app, key):
    return json.loads(app.get_by_key(key).proto.spec)


def test_empty_store_says_how_to_make_a_run(small_data_dir, open_page):
    app = open_page("compare")
    assert "No runs yet" in app.info[0].value
    assert not app.exception


def test_table_lists_every_run_and_preselects_up_to_three(three_runs):
    app = open_compare()
    table = app.dataframe[0].value
    assert table["name"].tolist() == ["halted", "pooled", "plain"]  # newest first
    assert not app.exception
    loss = chart(app, "compare_loss")
    assert len(loss["data"]) == 6  # three runs, training and validation each


def test_selecting_two_runs_shows_both_curves_and_the_diff(three_runs):
    app = open_compare(rows=[1, 2])  # pooled and plain
    accuracy = chart(app, "compare_accuracy")
    assert {trace["legendgroup"] for trace in accuracy["data"]} == {"#2 pooled", "#1 plain"}
    diff = next(table.value for table in app.table if "Layers" in table.value.index)
    assert {"Architecture", "Layers", "Batch size"} <= set(diff.index)  # named as on the page
    assert "Optimizer" not in diff.index and "batch_size" not in diff.index
    assert "12,000" in set(diff["#2 pooled"])  # images written as every other page writes them
    # What they share is one click away, written as the page writes it.
    shared = next(table.value for table in app.table if list(table.value.columns) == ["Value"])
    assert shared.loc["Optimizer", "Value"] == "Adam" and "Batch size" not in shared.index
    assert f"The {len(shared)} settings every selected run shares" in [
        e.label for e in app.expander
    ]
    runs = next(df.value for df in app.dataframe if "limit_train" in df.value.columns)
    assert list(runs["limit_train"]) == ["all", "12,000", "all"]  # #3, #2, #1
    assert set(runs["optimizer"]) == {"Adam"}  # as the form names it, not the config's "adam"
    scores = chart(app, "compare_scores_accuracy")["data"][0]
    assert scores["y"][0] == "#2 pooled"  # the better test accuracy on top
    # The overfitting gap in percentage points (training 3 points above validation here)
    signs = next(
        table.value for table in app.table if "Train − val. accuracy (last epoch)" in table.value
    )
    assert set(signs["Train − val. accuracy (last epoch)"]) == {"+3.0 points"}
    assert set(signs["Epochs after it"]) <= {"0", "1", "2", "—"}  # whole epochs, as 2 not 2.0


def test_one_run_shows_its_own_settings_where_two_would_show_what_differs(three_runs):
    app = open_compare(rows=[1])  # pooled
    assert "Run #2's network and settings; select two or more runs" in app.info[-1].value
    table = next(table.value for table in app.table if "Batch size" in table.value.index)
    assert table.loc["Batch size", "Value"] == "128"
    assert table.loc["Training images", "Value"] == "12,000"
    assert table.loc["Architecture", "Value"] == "lecture-2 pool+dropout"


def test_a_run_that_never_trained_is_said_so_and_gets_no_empty_charts(three_runs):
    store, _ = three_runs
    add_run(store, "never", "lecture-1", TrainConfig(epochs=1), [], status="cancelled")
    app = open_compare(rows=[0])  # the newest: the cancelled one alone
    said = texts(app)
    assert "Nothing to draw for #4 never (cancelled): not one epoch finished." in said
    assert "only its curves are shown" not in said
    assert "None of the selected runs trained an epoch" in said
    with pytest.raises(KeyError):
        app.get_by_key("compare_loss")  # no chart whose axes would run from -1 to 4
    both = open_compare(rows=[0, 1])  # with the stopped run, whose curves are drawn
    assert len(chart(both, "compare_loss")["data"]) == 2


def test_a_runs_notes_are_in_the_table_and_its_csv(three_runs):
    store, ids = three_runs
    store.update_run_info(ids[0], notes="overfits after epoch 2")
    app = open_compare()
    table = app.dataframe[0].value
    assert table.loc[table["id"] == ids[0], "notes"].tolist() == ["overfits after epoch 2"]


def test_filters_that_match_no_run_say_so(three_runs):
    app = open_compare()
    app.text_input(key="compare_tag").set_value("zzz").run()
    assert "No run matches these filters" in texts(app)
    assert "tick the boxes" not in texts(app)
    app.text_input(key="compare_tag").set_value("").run()
    assert "No run matches these filters" not in texts(app)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_curves_say_in_what_the_compared_runs_differ(three_runs, monkeypatch, language):
    """Curves of runs trained on 12,000 images and on all, side by side, read as one network
    learning better than another: the curves' tab says what differs."""
    monkeypatch.setenv("FMNIST_LANG", language)
    start = {"en": "These runs differ in ", "ko": "이 실행들은 다음이 다릅니다: "}[language]
    differ = [c.value for c in open_compare(rows=[1, 2]).caption if c.value.startswith(start)]
    assert len(differ) == 1
    assert {"en": "Batch size", "ko": "배치 크기"}[language] in differ[0]
    assert {"en": '"What differs" tab', "ko": "'다른 설정' 탭"}[language] in differ[0]
    alone = open_compare(rows=[1])
    assert not [c for c in alone.caption if c.value.startswith(start)]


def test_stopped_run_shows_curves_and_is_marked(three_runs):
    app = open_compare(rows=[0])
    assert "No test results for #3 halted (stopped): only its curves are shown." in texts(app)
    # Its missing scores read as a dash in the runs table, not as the word "None".
    runs = app.dataframe[0]
    assert runs.value["test_accuracy"].isna()[0] and runs.proto.placeholder == "—"
    # Accuracies shown in percent, each with two decimals; the CSV keeps the stored fractions.
    assert runs.value["test_accuracy"].tolist()[1:] == pytest.approx([87.6, 84.6])
    assert runs.proto.columns and '"format":"%.2f%%"' in runs.proto.columns.replace(" ", "")
    assert len(chart(app, "compare_loss")["data"]) == 2
    assert "None of the selected runs has test results" in texts(app)


def test_confusion_matrices_and_mistakes(three_runs):
    app = open_compare(rows=[1, 2])
    assert app.get_by_key("compare_confusion_1") and app.get_by_key("compare_confusion_2")
    app.selectbox(key="compare_true").set_value(1).run()
    captions = [c for image in app.image for c in image.captions]
    assert captions and all(" Trouser → " in c for c in captions)


def test_time_axis_uses_cumulative_training_seconds(three_runs):
    app = open_compare(rows=[2])
    app.segmented_control(key="compare_x").set_value("time").run()
    assert chart(app, "compare_loss")["data"][0]["x"] == [2.0, 4.0, 6.0]


def test_status_filter(three_runs):
    app = open_compare()
    app.multiselect(key="compare_status").set_value(["stopped"]).run()
    assert app.dataframe[0].value["name"].tolist() == ["halted"]


def test_rename_tag_and_delete(three_runs):
    store, ids = three_runs
    app = open_compare(rows=[2])
    app.text_input(key=f"manage_tags_{ids[0]}").set_value("lecture, baseline")
    app.text_input(key=f"manage_name_{ids[0]}").set_value("plain convs")
    app.button(key="compare_save_info").click().run()
    run = store.get_run(ids[0])
    assert (run.name, run.tags) == ("plain convs", "lecture, baseline")
    folder = store.run_dir(ids[0], create=False)
    assert folder.is_dir()
    app.checkbox(key=f"manage_delete_ok_{ids[0]}").check().run()
    app.button(key="compare_delete").click().run()
    assert store.get_run(ids[0]) is None
    assert not folder.exists()
    assert "plain convs" not in app.dataframe[0].value["name"].tolist()


def test_the_selected_runs_are_deleted_at_once_and_a_queued_one_is_kept(three_runs):
    store, ids = three_runs
    queued = store.create_run("waiting", architectures.preset("lecture-1"), TrainConfig().to_dict())
    folders = [store.run_dir(run_id, create=False) for run_id in ids[:2]]
    app = open_compare(rows=[0, 2, 3])  # newest first: the queued run, "pooled" and "plain"
    assert "Still queued or training, so kept: #4 waiting." in texts(app)
    confirm = app.checkbox(key=f"manage_delete_all_ok_{ids[0]}-{ids[1]}")
    assert confirm.label.startswith("Yes, delete all 2 selected runs and their files: #1 plain")
    assert app.button(key="compare_delete_all").disabled
    confirm.check().run()
    app.button(key="compare_delete_all").click().run()
    assert [store.get_run(run_id) for run_id in ids[:2]] == [None, None]
    assert not any(folder.exists() for folder in folders)
    assert store.get_run(queued) is not None and store.get_run(ids[2]) is not None
    assert "Deleted 2 runs: #1 plain, #2 pooled." in texts(app)
    assert app.dataframe[0].value["name"].tolist() == ["waiting", "halted"]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_queued_run_is_not_offered_for_deletion_and_says_why(three_runs, monkeypatch, language):
    store, _ = three_runs
    monkeypatch.setenv("FMNIST_LANG", language)
    queued = store.create_run("waiting", architectures.preset("lecture-1"), TrainConfig().to_dict())
    app = open_compare(rows=[0])
    assert app.selectbox(key="compare_manage_run").value == queued
    assert not [b for b in app.button if b.key == "compare_delete"]
    said = {
        "en": "#4 waiting is still queued or training, so it cannot be deleted",
        "ko": "아직 대기 중이거나 학습 중이라 삭제할 수 없습니다: #4 waiting.",
    }
    assert said[language] in texts(app)
    assert not app.error


def test_one_selected_run_offers_no_bulk_delete(three_runs):
    app = open_compare(rows=[2])
    assert not [b for b in app.button if b.key == "compare_delete_all"]


def test_exports_are_offered(three_runs):
    app = open_compare(rows=[1, 2])
    table, histories = app.get("download_button")[:2]
    assert not histories.proto.disabled
    assert table.proto.label.startswith("Download the runs table")


def test_a_name_accepted_when_the_run_was_made_is_accepted_when_tagging(three_runs):
    store, _ = three_runs
    named = store.create_run(
        "My net: v2", architectures.preset("lecture-1"), TrainConfig(epochs=1).to_dict()
    )
    store.claim_next_run(os.getpid(), "CPU test")
    store.record_epoch(named, 1, {"loss": 1.0, "accuracy": 0.6})
    store.finish_run(named, "stopped")
    app = open_compare(rows=[0])
    app.text_input(key=f"manage_tags_{named}").set_value("colon")
    app.button(key="compare_save_info").click().run()
    assert (store.get_run(named).name, store.get_run(named).tags) == ("My net: v2", "colon")


def test_a_run_with_a_model_offers_it_for_download(trained_run, small_data_dir, monkeypatch):
    home, _ = trained_run
    monkeypatch.setenv("FMNIST_HOME", str(home))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.switch_page("app_pages/compare.py")
    app.run()
    labels = [b.proto.label for b in app.get("download_button")]
    assert "Download model (.keras)" in labels


def test_the_table_leads_with_what_a_student_compares(three_runs):
    app = open_compare()
    columns = list(app.dataframe[0].value.columns)
    assert columns[:9] == [
        "id",
        "name",
        "status",  # in view on a laptop's screen: it says why a score is a dash
        "test_accuracy",
        "architecture",
        "test_loss",
        "best_val_accuracy",
        "params",
        "train_seconds",
    ]
    config = json.loads(app.dataframe[0].proto.columns)
    # The run's number stays in view. Pinned too, the name made the pinned columns wider than
    # 60% of a phone's table, and Streamlit then pinned none.
    assert config["id"]["pinned"] and not config["name"].get("pinned")
    assert config["id"]["width"] + 2 * 40 <= 0.6 * 390  # with the tick column, on a phone


def test_epoch_axes_tick_on_whole_epochs(three_runs):
    app = open_compare(rows=[0, 1])
    for key in ("compare_loss", "compare_accuracy"):
        axis = chart(app, key)["layout"]["xaxis"]
        assert (axis["tick0"], axis["dtick"]) == (1, 1)  # 1, 2, 3 — never 0.5 or 1.5
    app.segmented_control(key="compare_x").set_value("time").run()
    assert "dtick" not in chart(app, "compare_loss")["layout"]["xaxis"]  # seconds: Plotly's ticks


def legend_of(app, key="compare_accuracy"):
    return {trace["legendgroup"] for trace in chart(app, key)["data"]}


def test_a_link_compares_the_runs_it_names(three_runs, open_page):
    app = open_page("compare", query_params={"runs": ["1", "3"]})
    assert legend_of(app) == {"#1 plain", "#3 halted"}
    assert not app.info  # nothing to explain: both runs are here
    assert app.query_params["runs"] == ["1", "3"]  # kept, so a refresh compares them again


def test_the_runs_picked_go_into_the_address_the_usual_choice_too(three_runs):
    app = open_compare(rows=[1, 2])  # pooled and plain
    assert app.query_params["runs"] == ["1", "2"]
    # The newest three, as the page picks them itself: named too, since a plain address sent
    # to a class would compare other runs once newer ones are trained.
    assert open_compare().query_params["runs"] == ["1", "2", "3"]


def test_a_link_opens_the_tab_it_names_and_an_unknown_tab_opens_the_first(three_runs, open_page):
    app = open_page("compare", query_params={"tab": "confusion"})
    assert app.query_params["tab"] == "confusion"  # kept: a reload opens it again
    assert app.session_state["compare_tab"] == "Confusion matrices"
    app = open_page("compare", query_params={"tab": "nowhere"})
    assert "tab" not in app.query_params and app.session_state["compare_tab"] == "Curves"
    assert not app.error and not app.exception


def test_a_link_naming_runs_this_studio_lacks_says_so(three_runs, open_page):
    app = open_page("compare", query_params={"runs": ["2", "42"]})
    notice = app.info[0].value
    assert "#42" in notice and "does not have" in notice and "#2" not in notice
    assert legend_of(app) == {"#2 pooled"}
    assert not app.exception


def test_an_unreadable_runs_link_is_said_and_the_usual_runs_are_compared(three_runs, open_page):
    app = open_page("compare", query_params={"runs": ["two"]})
    assert "usually do: runs=two (run numbers, e.g. runs=1&runs=3)." in app.info[0].value
    assert legend_of(app) == {"#1 plain", "#2 pooled", "#3 halted"}
    assert app.query_params["runs"] == ["1", "2", "3"]


def test_a_link_with_some_unreadable_runs_compares_the_readable_ones(three_runs, open_page):
    app = open_page("compare", query_params={"runs": ["1", "abc", "-3"]})
    assert "could not be used and is left out: runs=abc, -3 (run numbers" in app.info[0].value
    assert legend_of(app) == {"#1 plain"}  # once thrown away with the rest
    assert app.query_params["runs"] in ("1", ["1"])  # AppTest gives one value bare


def test_a_link_naming_missing_runs_in_korean(three_runs, open_page, monkeypatch):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("compare", query_params={"runs": ["42"]})
    assert "#42" in app.info[0].value and "이 스튜디오에 없는 실행" in app.info[0].value
    assert "실행을 선택" in texts(app)  # none left to compare: the page says how to pick
    assert not app.exception


def test_a_link_followed_later_in_the_session_replaces_the_selection(three_runs, open_page):
    app = open_page("compare")
    assert legend_of(app) == {"#1 plain", "#2 pooled", "#3 halted"}
    app.query_params["runs"] = ["2"]  # as the Lecture page's link opens the page
    app.run()
    assert legend_of(app) == {"#2 pooled"}


def test_a_stopped_run_alone_is_not_promised_test_results(three_runs):
    _, (_, _, halted) = three_runs
    app = open_compare()
    row = list(app.dataframe[0].value["id"]).index(halted)
    app = open_compare(rows=[row])
    said = " ".join(box.value for box in app.info)
    assert "only a run that finished is tested" in said and "yet" not in said


def test_a_run_keeps_its_colour_on_every_tab(three_runs):
    """The stopped run has curves but no test score: counted among the scored runs only, the
    runs after it took other colours in the bars than in the curves."""
    app = open_compare()
    curve_colour = {
        trace["legendgroup"]: trace["line"]["color"]
        for trace in chart(app, "compare_accuracy")["data"]
    }
    assert len(set(curve_colour.values())) == 3
    bars = chart(app, "compare_scores_accuracy")["data"][0]
    bar_colour = dict(zip(bars["hovertext"], bars["marker"]["color"], strict=True))
    assert set(bar_colour) == {"#1 plain", "#2 pooled"}  # the stopped run has no score
    assert all(bar_colour[label] == curve_colour[label] for label in bar_colour)
    per_class = {
        trace["name"]: trace["marker"]["color"] for trace in chart(app, "compare_per_class")["data"]
    }
    assert set(per_class) == set(bar_colour)
    assert all(per_class[label] == curve_colour[label] for label in per_class)


def test_a_run_keeps_its_colour_when_another_is_unticked(three_runs):
    def colours(app):
        return {
            trace["legendgroup"]: trace["line"]["color"]
            for trace in chart(app, "compare_accuracy")["data"]
        }

    all_three = colours(open_compare(rows=[0, 1, 2]))  # halted, pooled, plain
    without_pooled = colours(open_compare(rows=[0, 2]))
    assert without_pooled == {label: all_three[label] for label in ("#3 halted", "#1 plain")}


def test_a_run_a_palette_apart_keeps_its_colour_when_the_older_is_unticked(
    isolated_studio, small_data_dir
):
    """Runs 1 and 8 have the same colour by number: run 8 wore another beside run 1, and took
    run 1's when run 1 was unticked, so the colour a student had learned changed under them."""
    store = RunStore(isolated_studio)
    for number in range(1, 9):
        add_run(store, f"run {number}", "lecture-1", TrainConfig(epochs=1), [(0.5, 0.8)], 0.8)
    app = open_compare(rows=[0, 7])  # newest first: run 8 and run 1

    def colours():
        return {
            trace["legendgroup"]: trace["line"]["color"]
            for trace in chart(app, "compare_accuracy")["data"]
        }

    together = colours()
    assert len(set(together.values())) == 2
    app.session_state["compare_table"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    app.run()
    assert colours() == {"#8 run 8": together["#8 run 8"]}
    app.session_state["compare_table"] = {"selection": {"rows": [0, 7], "columns": [], "cells": []}}
    app.run()
    assert colours() == together


def test_a_best_epoch_that_stop_cut_short_reads_as_the_epoch_and_how_far_it_got(three_runs):
    """Stopped at 42% of its third epoch, a run's best validation loss read "epoch 2.42"."""
    store, _ = three_runs
    run_id = store.create_run(
        "cut", architectures.preset("lecture-1"), TrainConfig(epochs=5).to_dict()
    )
    store.claim_next_run(os.getpid(), "CPU test")
    for number, val_loss, fraction in ((1, 0.6, None), (2, 0.5, None), (3, 0.45, 0.42)):
        metrics = {"loss": 0.5, "accuracy": 0.8, "val_loss": val_loss, "val_accuracy": 0.8}
        store.record_epoch(run_id, number, {**metrics, "fraction": fraction})
    store.finish_run(run_id, "stopped")
    app = open_compare(rows=[0, 1])  # the cut run and "halted"
    signs = next(table.value for table in app.table if "Best val. loss at epoch" in table.value)
    assert list(signs["Best val. loss at epoch"]) == ["3 (stopped at 42% of it)", "1"]
    assert list(signs["Epochs after it"]) == ["0", "0"]
