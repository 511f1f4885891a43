"""The Lecture page: every step of the lecture, its figures worked out from the data in use, and
its buttons doing the step in the studio."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import replace

import pytest

from fmnist_core import architectures, data
from fmnist_core.measured import LECTURE_TEST_ACCURACY
from fmnist_core.store import RunStore
from fmnist_core.training import LECTURE_RECIPE, TrainConfig
from tests.app.conftest import texts
from tests.unit.test_worker import wait_for
from ui import i18n
from ui.lecture import EVALUATE_CODE, QUICK_RECIPE, STEP_TITLES


def metric(app, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def code_cells(app) -> list[str]:
    return [str(cell.value) for cell in app.code]


def image_captions(app) -> list[str]:
    """The captions under step 3's images, in page order: links to each image up close."""
    links = [link for link in app.get("page_link") if "image=" in link.proto.query_string]
    return [link.proto.label.removeprefix(":small[").removesuffix("]") for link in links]


# The page's tables in order: lecture-1's layers, the test results, lecture-2's, lecture-3's.
TABLES = {"lecture-1": 0, "lecture-2": 1, "lecture-3": 2}  # the models' tables, in order


def finished_run(store: RunStore, key: str, config: TrainConfig, accuracy: float) -> int:
    """A finished run of lecture model ``key`` with three epochs, as the worker leaves it."""
    run_id = store.create_run("", architectures.preset(key), config.to_dict())
    store.claim_next_run(os.getpid(), "CPU test")
    for epoch in (1, 2, 3):
        store.record_epoch(
            run_id,
            epoch,
            {
                "loss": 1.0 / epoch,
                "accuracy": 0.7 + epoch / 100,
                "val_loss": 0.9 + epoch / 10,
                "val_accuracy": 0.72,
            },
        )
    store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=accuracy)
    return run_id


@pytest.mark.parametrize("with_runs", [False, True])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_step_shows_in_both_languages(
    small_data_dir, open_page, isolated_studio, monkeypatch, language, with_runs
):
    if with_runs:
        store = RunStore(isolated_studio)
        for key in ("lecture-1", "lecture-2", "lecture-3"):
            finished_run(store, key, LECTURE_RECIPE, 0.81)
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("lecture")  # the conftest fails on any exception or error box
    assert app.title[0].value == i18n.MESSAGES["nav.lecture"][language]
    headings = [h.value for h in app.subheader]
    assert headings == [i18n.MESSAGES[key][language] for key in STEP_TITLES]
    # A link to a step (#step-3) is the same in both languages: a heading's own anchor kept
    # none of its Korean words.
    assert [h.proto.anchor for h in app.subheader] == [f"step-{n}" for n in range(1, 10)]
    # The list of steps at the top links each heading by its anchor, named as the heading is.
    links = re.findall(r"\[([^\[\]]+)\]\(#(step-\d+)\)", "".join(m.value for m in app.markdown))
    assert links == [(h.value, h.proto.anchor) for h in app.subheader]
    # Step 7's sentence quotes its code cell as written.
    assert any(f"`{EVALUATE_CODE}`" in m.value for m in app.markdown)
    cells = "\n".join(code_cells(app))
    for expected in ("load_data()", "/ 255.0", "reshape(-1, 28, 28, 1)", "ylim(0.7, 1)"):
        assert expected in cells
    assert "model.fit(train_X, train_Y, epochs=25, validation_split=0.25)" in cells
    charts = app.get("plotly_chart")
    # With runs: the chosen model's two plots, two side by side, lecture-3's two; without: none.
    assert len(charts) == (6 if with_runs else 0)


def test_shapes_and_ranges_come_from_the_data_in_use(small_data_dir, open_page):
    app = open_page("lecture")
    here = code_cells(app)
    assert "(3000, 28, 28) (1000, 28, 28)\n0 255\n0.0 1.0" in here
    assert "(3000, 28, 28, 1) (1000, 28, 28, 1)" in here
    assert "(60000, 28, 28, 1) (10000, 28, 28, 1)" in here  # the lecture's, beside ours
    assert "3,000 training and 1,000 test images rather than the full 60,000" in texts(app)


def test_the_offline_sample_is_named_as_the_data_in_use(open_page):
    app = open_page("lecture")  # no data folder and no download: the bundled sample
    assert "From the offline sample, not the full data: 3,000 training" in texts(app)


def test_the_full_data_gives_the_lectures_shapes_labels_and_1407_steps(full_data_dir, open_page):
    app = open_page("lecture")
    here = code_cells(app)
    assert "(60000, 28, 28) (10000, 28, 28)\n0 255\n0.0 1.0" in here
    assert here.count("[9 0 0 3 0 2 7 2 5 5 0 9 5 5 7 9]") == 2  # the lecture's and ours
    assert "The same 16 labels as in the lecture." in texts(app)
    assert metric(app, "Steps per epoch") == "1,407"
    assert metric(app, "Images fitted (after the split)") == "45,000"
    app.select_slider(key="lecture_batch").set_value(64)
    app.slider(key="lecture_split").set_value(0.2).run()
    assert metric(app, "Steps per epoch") == "750"  # ⌈60,000 · 0.8 / 64⌉
    assert metric(app, "Validation images") == "12,000"


def test_the_steps_follow_the_batch_size_and_split_on_the_data_in_use(small_data_dir, open_page):
    app = open_page("lecture")
    assert metric(app, "Steps per epoch") == "71"  # ⌈3,000 · 3/4 / 32⌉ = ⌈70.3⌉
    app.select_slider(key="lecture_batch").set_value(64)
    app.slider(key="lecture_split").set_value(0.2).run()
    assert metric(app, "Images fitted (after the split)") == "2,400"
    assert metric(app, "Steps per epoch") == "38"  # ⌈2,400 / 64⌉ = ⌈37.5⌉
    assert "Epoch 1/25\n38/38" in code_cells(app)


def test_the_16_labels_and_images_come_from_the_data(small_data_dir, open_page):
    app = open_page("lecture")
    first = data.load_folder(small_data_dir).train_labels[:16]
    assert str(first) in code_cells(app)
    assert str(first) != "[9 0 0 3 0 2 7 2 5 5 0 9 5 5 7 9]"  # the sample's differ ...
    assert "Not the lecture's 16 labels" in texts(app)  # ... and the page says why
    names = data.class_names("en")
    captions = image_captions(app)
    assert captions == [f"{label} {names[label]}" for label in first]


def test_each_model_shows_the_lectures_code_and_formulas(small_data_dir, open_page, monkeypatch):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("lecture")
    for key, total in (("lecture-1", 3_989_642), ("lecture-2", 241_546), ("lecture-3", 5_240_842)):
        assert f"Total params: {total:,}" in code_cells(app)
        table = app.dataframe[TABLES[key]].value
        formulas = list(table["계산 방법"])
        assert len(formulas) == len(architectures.preset(key)["layers"])
    first = [
        cell.replace("\u00a0", " ")
        for cell in app.dataframe[TABLES["lecture-1"]].value["계산 방법"]
    ]
    assert first[0] == "커널 수 · 커널 크기² · 채널 + 커널 수 = 16·3²·1 + 16 = 160"
    assert first[4] == "(입력수 + 1) · 출력수 = (30,976 + 1)·128 = 3,965,056"


def test_a_model_opens_on_the_architecture_page(small_data_dir, open_page):
    app = open_page("lecture")
    app.button(key="lecture_open_lecture-2").click().run()
    assert app.title[0].value == "Architecture"
    assert app.selectbox(key="arch_source").value == "preset:lecture-2"
    assert metric(app, "Total parameters") == "241,546"
    # The preset itself, not an edit of something unknown: its own name, no address to keep.
    assert "network" not in app.query_params and "Edited from" not in texts(app)
    assert app.text_input(key="arch_name").value == "lecture-2 pool+dropout"


@pytest.mark.parametrize("train_page_seen_first", [False, True])
def test_a_model_opens_on_the_train_page_with_the_lecture_recipe_and_steps_values(
    small_data_dir, open_page, train_page_seen_first
):
    # A student who wants 1 epoch on 300 images sets them on the Train page, which opens with the
    # model, the lecture's recipe, and the batch size and split tried in step 5.
    app = open_page("train" if train_page_seen_first else "lecture")
    if train_page_seen_first:  # the form was set before: its number of images stays
        app.number_input(key="train_limit").set_value(300).run()
        app.switch_page("app_pages/lecture.py")
        app.query_params.clear()
        app.run()
    app.selectbox(key="lecture_model").set_value("lecture-2").run()
    app.select_slider(key="lecture_batch").set_value(64)
    app.slider(key="lecture_split").set_value(0.2).run()
    assert "the last one takes these two values to the Train page" in texts(app)
    app.button(key="lecture_on_train_page").click().run()
    assert app.title[0].value == "Train" and not app.exception
    assert app.selectbox(key="train_network").value == "preset:lecture-2"
    # A quick try's epochs and images to start from: 25 epochs on every image, left in the
    # form, were 40 minutes on a CPU for a student who just pressed Start.
    assert app.slider(key="train_epochs").value == QUICK_RECIPE.epochs
    assert app.select_slider(key="train_batch").value == 64
    assert app.slider(key="train_val_split").value == 0.2
    assert app.selectbox(key="train_optimizer").value == "adam"
    # The small data's 3,000 images are fewer than the quick try's 12,000: all of them.
    assert app.number_input(key="train_limit").value == (300 if train_page_seen_first else 0)
    # The Train page says where these came from and what is left to choose, not that they
    # differ from the lecture's recipe; once the student changes them, it says that again.
    said = [box.value for box in app.info if box.value.startswith("From Lecture step 5")]
    assert said == [
        "From Lecture step 5: lecture-2 pool+dropout with the lecture's recipe at batch size 64 "
        "and validation split 0.2, for now 3 epochs on "
        + ("300 training images" if train_page_seen_first else "all training images")
        + " (the lecture trained 25 epochs on every image). Choose the epochs and the number of "
        "training images below (on a CPU, a few epochs on a few thousand images train in "
        "minutes), then start."
    ]
    assert not [c for c in app.caption if "The lecture trained" in c.value]
    app.switch_page("app_pages/train.py")  # AppTest reruns the page it was opened on otherwise
    app.slider(key="train_epochs").set_value(1).run()  # fewer epochs: still as handed over
    assert [box for box in app.info if box.value.startswith("From Lecture step 5")]
    app.select_slider(key="train_batch").set_value(128).run()
    assert not [box for box in app.info if box.value.startswith("From Lecture step 5")]
    assert [c for c in app.caption if "The lecture trained" in c.value]


def test_on_the_full_data_the_train_page_starts_from_the_quick_trys_images(
    full_data_dir, open_page
):
    app = open_page("lecture")
    app.button(key="lecture_on_train_page").click().run()
    assert app.number_input(key="train_limit").value == QUICK_RECIPE.limit_train == 12_000
    said = [box.value for box in app.info if box.value.startswith("From Lecture step 5")]
    assert "for now 3 epochs on 12,000 training images (the lecture trained 25" in said[0]


def test_start_queues_the_chosen_model_with_the_lecture_recipe(
    small_data_dir, open_page, isolated_studio
):
    app = open_page("lecture")
    app.selectbox(key="lecture_model").set_value("lecture-2").run()
    app.button(key="lecture_start").click().run()
    store = RunStore(isolated_studio)
    (run,) = store.list_runs()
    # The worker it woke would train for minutes: cancel it, as a student could on the Train page.
    store.request_stop(run.id)
    assert run.architecture == "lecture-2 pool+dropout"
    assert run.config == LECTURE_RECIPE.to_dict()
    assert f"Run #{run.id} added to the queue" in app.success[0].value
    link = next(link for link in app.get("page_link") if "Watch run" in link.proto.label)
    assert (link.proto.page, link.proto.query_string) == ("train", f"run={run.id}")
    # Watching it there, the New run form shows the same network with the same recipe.
    app.switch_page("app_pages/train.py")
    app.query_params.clear()
    app.query_params["run"] = str(run.id)
    app.run()
    assert app.selectbox(key="train_network").value == "preset:lecture-2"
    assert app.select_slider(key="train_batch").value == LECTURE_RECIPE.batch_size
    wait_for(lambda: not store.get_run(run.id).active, 120, "the cancelled run to end")


def test_a_quick_try_queues_the_lecture_recipe_on_fewer_images_and_epochs(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("lecture")
    assert app.button(key="lecture_quick").label == "빠르게 해 보기: 처음 12,000장으로 3 에포크"
    app.selectbox(key="lecture_model").set_value("lecture-3").run()
    app.button(key="lecture_quick").click().run()
    store = RunStore(isolated_studio)
    (run,) = store.list_runs()
    store.request_stop(run.id)
    assert run.name == "lecture-3 deep CNN (빠르게 해 보기)"
    expected = LECTURE_RECIPE.to_dict() | {"epochs": 3, "limit_train": 12_000}
    assert run.config == expected
    wait_for(lambda: not store.get_run(run.id).active, 120, "the cancelled run to end")


def test_plots_use_a_finished_run_of_the_model_in_the_lectures_style(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    lecture_run = finished_run(store, "lecture-1", LECTURE_RECIPE, 0.85)
    finished_run(store, "lecture-1", TrainConfig(epochs=3), 0.86)  # newer, other recipe
    app = open_page("lecture")
    loss, accuracy = (json.loads(chart.proto.spec) for chart in app.get("plotly_chart")[:2])
    assert [trace["line"]["color"] for trace in loss["data"]] == ["blue", "red"]
    assert [trace["line"]["color"] for trace in accuracy["data"]] == ["green", "red"]
    assert [trace["line"].get("dash") for trace in accuracy["data"]] == [None, "dash"]
    assert accuracy["layout"]["yaxis"]["range"] == [0.7, 1.0]
    assert loss["data"][0]["y"] == [1.0, 0.5, 1 / 3]
    assert f"Run #{lecture_run} lecture-1 plain conv: 3 epochs" in texts(app)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_lecture_3_chosen_in_step_5_is_drawn_in_step_6_and_in_step_9(
    small_data_dir, open_page, isolated_studio, monkeypatch, language
):
    monkeypatch.setenv("FMNIST_LANG", language)
    store = RunStore(isolated_studio)
    deep = finished_run(store, "lecture-3", LECTURE_RECIPE, 0.91)
    app = open_page("lecture")
    app.selectbox(key="lecture_model").set_value("lecture-3").run()
    assert not app.exception and not app.error  # one run, two steps: charts told apart
    keys = [chart.proto.id for chart in app.get("plotly_chart")]
    assert len(keys) == len(set(keys))
    assert sum(f"_{deep}" in (chart.key or "") for chart in app.get("plotly_chart")) == 4


def test_evaluate_puts_the_lectures_accuracy_beside_the_runs_here(
    small_data_dir, open_page, isolated_studio
):
    """Beside the lecture's figure stands the run closest to the lecture's experiment, not a
    better score from another recipe, and the table says how it was trained."""
    store = RunStore(isolated_studio)
    lecture_run = finished_run(store, "lecture-2", replace(LECTURE_RECIPE, limit_train=600), 0.8123)
    finished_run(store, "lecture-2", TrainConfig(epochs=3), 0.8456)  # newer, better, not it
    table = open_page("lecture").table[0].value
    row = table[table["Model"] == "lecture-2 pool+dropout"].iloc[0]
    assert row["Lecture test accuracy (25 epochs)"] == f"{LECTURE_TEST_ACCURACY['lecture-2']:.2%}"
    assert (row["Finished runs here"], row["Test accuracy here (the run shown)"]) == (2, "81.23%")
    assert row["Run"] == f"#{lecture_run}"
    assert row["Trained with"] == "the lecture's recipe · 3 epochs · 600 training images"
    assert table[table["Model"] == "lecture-3 deep CNN"].iloc[0]["Run"] == "—"


def test_evaluate_puts_the_studios_measured_range_beside_the_lectures_figure(
    small_data_dir, open_page
):
    """A teacher reads the lecture's figure against what the recipe reaches over seeds here,
    from the committed records, before anyone has trained."""
    from fmnist_core.measured import claim
    from ui.i18n import claim_seeds_text

    table = open_page("lecture").table[0].value
    column = "Benchmark here"
    for model in LECTURE_TEST_ACCURACY:
        row = table[table["Model"] == architectures.PRESETS[model]["name"]].iloc[0]
        measured = claim(model, "lecture")
        median, lowest, highest = (
            f"{value:.2%}"
            for value in (
                measured.median_accuracy,
                measured.lowest_accuracy,
                measured.highest_accuracy,
            )
        )
        assert row[column] == f"{median} ({lowest} – {highest})"
        # Marked as Home marks it while seeds are still being run ("4 of 5 (still measuring)").
        assert row["Seeds"] == claim_seeds_text(measured)


def test_pooling_and_dropout_puts_both_models_loss_on_one_scale(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    plain = finished_run(store, "lecture-1", LECTURE_RECIPE, 0.85)
    pooled = finished_run(store, "lecture-2", LECTURE_RECIPE, 0.89)
    app = open_page("lecture")
    side = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")[2:4]]
    assert [figure["data"][0]["y"][0] for figure in side] == [1.0, 1.0]  # each run's own epochs
    top = 1.05 * (0.9 + 3 / 10)  # the highest validation loss of the two runs
    assert [figure["layout"]["yaxis"]["range"] for figure in side] == [[0.0, top]] * 2
    captions = texts(app)
    assert f"Run #{plain} lecture-1 plain conv" in captions
    assert f"Run #{pooled} lecture-2 pool+dropout" in captions
    assert not app.warning  # trained the same way: nothing to warn about


def test_pooling_and_dropout_says_when_the_two_runs_were_trained_differently(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    finished_run(store, "lecture-1", LECTURE_RECIPE, 0.85)
    other = dataclasses.replace(LECTURE_RECIPE, learning_rate=0.003, limit_train=600, seed=7)
    finished_run(store, "lecture-2", other, 0.89)
    warnings = [w.value for w in open_page("lecture").warning]
    assert len(warnings) == 1
    # Every difference that moves the curves, each side's value; the seed is not one of them.
    assert "Left: learning rate 0.001, training images all. " in warnings[0]
    assert "Right: learning rate 0.003, training images 600. " in warnings[0]
    assert "seed" not in warnings[0]


def test_a_trained_lecture_model_shows_what_its_layers_see(trained_run, open_page, monkeypatch):
    home, run_id = trained_run  # lecture-2, trained briefly on the sample
    monkeypatch.setenv("FMNIST_HOME", str(home))
    monkeypatch.setenv("FMNIST_DATA_DIR", str(data.SAMPLE_DIR))
    app = open_page("lecture")
    section = next(e for e in app.expander if e.label.startswith("What each layer of lecture-2"))
    assert not section.get("image")  # closed: nothing computed while the student reads
    app.session_state["lecture_maps_open_lecture-2"] = True
    app.run()
    section = next(e for e in app.expander if e.label.startswith("What each layer of lecture-2"))
    headings = [m.value for m in section.markdown if m.value.startswith("**Layer")]
    convs_and_pools = [
        row
        for row in architectures.summarise(architectures.preset("lecture-2")).rows
        if row.layer.split()[0] in ("Conv2D", "MaxPooling2D")
    ]
    assert len(headings) == len(convs_and_pools) == 5
    assert f"run #{run_id}" in " ".join(c.value for c in section.caption)
    # lecture-1 has no finished run in this store: no section for it.
    assert not any(e.label.startswith("What each layer of lecture-1") for e in app.expander)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_steps_stay_when_the_run_store_cannot_be_used(
    small_data_dir, open_page, monkeypatch, language
):
    monkeypatch.setenv("FMNIST_STORE_URL", "mysql://studio:secret@db.example/studio")
    app = open_page("lecture", language=language)
    warning = app.warning[0].value
    assert "FMNIST_STORE_URL" in warning and "secret" not in warning
    assert len(app.code) >= 5  # the lecture's code cells are all there
    assert app.button(key="lecture_start").disabled and app.button(key="lecture_quick").disabled


def test_every_step_shows_the_run_closest_to_the_lectures_experiment(
    small_data_dir, open_page, isolated_studio
):
    """A quick try (fewer epochs, 12,000 images) stands for lecture-2 rather than a newer sweep
    run that changed the learning rate on 300 images; its caption names what differs."""
    store = RunStore(isolated_studio)
    quick = finished_run(
        store, "lecture-2", replace(LECTURE_RECIPE, epochs=3, limit_train=12_000), 0.85
    )
    finished_run(
        store, "lecture-2", replace(LECTURE_RECIPE, learning_rate=0.0003, limit_train=300), 0.35
    )
    app = open_page("lecture")
    app.selectbox(key="lecture_model").set_value("lecture-2").run()
    caption = (
        f"Run #{quick} lecture-2 pool+dropout: 3 epochs, batch 32, validation split 0.25, "
        "12,000 training images (the lecture's recipe; the lecture trained 25 epochs on all "
        "60,000 images)."
    )
    # Under the curves (step 6) and under the figures the evaluation (step 7) sets beside the
    # lecture's: one run for the model on every step.
    assert texts(app).count(caption) >= 2


def test_a_quick_try_started_on_the_page_is_shown_once_finished_as_step_5_promised(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    """Step 5 says the quick try's curves appear in step 6 and its score in step 7: a fuller run
    of the lecture's recipe, trained before by someone else, once stood there instead."""
    monkeypatch.setattr("ui.run_queue.ensure_worker", lambda *args, **kwargs: False)
    store = RunStore(isolated_studio)
    fuller = finished_run(store, "lecture-2", LECTURE_RECIPE, 0.9)
    app = open_page("lecture")
    app.selectbox(key="lecture_model").set_value("lecture-2").run()
    app.button(key="lecture_quick").click().run()
    (quick,) = [run for run in store.list_runs() if run.id != fuller]
    assert "its curves appear in step 6 and its test score in step 7" in texts(app)
    assert f"Run #{fuller} lecture-2" in texts(app)  # until the quick try has finished
    store.claim_next_run(os.getpid(), "CPU test")
    store.record_epoch(quick.id, 1, {"loss": 0.8, "accuracy": 0.7, "val_accuracy": 0.72})
    store.finish_run(quick.id, "finished", test_loss=0.6, test_accuracy=0.77)
    app.run()
    caption = f"Run #{quick.id} lecture-2 pool+dropout (quick try): 1 epoch"
    assert texts(app).count(caption) >= 2  # under step 6's curves and step 7's figures
    (table,) = [table.value for table in app.table if "Trained with" in table.value.columns]
    assert list(table["Run"])[1] == f"#{quick.id}"  # step 7's table: lecture-2's row
    # A new visit (another student's browser) shows the run closest to the lecture's again.
    other = open_page("lecture")
    other.selectbox(key="lecture_model").set_value("lecture-2").run()
    assert f"Run #{fuller} lecture-2" in texts(other)


def test_a_longer_try_of_the_recipe_stands_for_the_model_over_a_newer_one_epoch_run(
    small_data_dir, open_page, isolated_studio
):
    """Curves of two epochs say more than a dot: a newer one-epoch try of the same recipe does
    not replace them; a changed setting is named in words ("learning rate 0.003")."""
    store = RunStore(isolated_studio)
    longer = finished_run(store, "lecture-2", replace(LECTURE_RECIPE, epochs=2), 0.8)
    finished_run(store, "lecture-2", replace(LECTURE_RECIPE, epochs=1), 0.7)
    changed = finished_run(
        store, "lecture-1", replace(LECTURE_RECIPE, epochs=25, learning_rate=0.003), 0.8
    )
    app = open_page("lecture")
    assert f"Run #{changed} lecture-1 plain conv: 3 epochs" in texts(app)
    assert "(the lecture's recipe but for learning rate 0.003; the lecture trained" in texts(app)
    app.selectbox(key="lecture_model").set_value("lecture-2").run()
    assert f"Run #{longer} lecture-2 pool+dropout: 3 epochs" in texts(app)


def test_a_one_epoch_run_is_drawn_as_points(small_data_dir):
    from fmnist_core.store import Epoch
    from ui import charts

    epoch = Epoch(1, 0.5, 0.8, 0.6, 0.75, 0.001, 1.0, 0.0)
    figure = charts.lecture_curves([epoch], "loss")
    assert {trace.mode for trace in figure.data} == {"lines+markers"}


def test_a_run_of_another_recipe_is_not_called_the_lectures_recipe_but_for_six_settings(
    small_data_dir, open_page, isolated_studio
):
    from fmnist_core.training import RECIPES

    store = RunStore(isolated_studio)
    finished_run(store, "lecture-1", replace(RECIPES["fast"], epochs=3), 0.8)
    app = open_page("lecture")
    said = texts(app)
    assert "(the studio's “Fast recipe (CPU)”, not the lecture's recipe;" in said
    assert "the lecture's recipe but for" not in said
    own = replace(RECIPES["fast"], epochs=3, batch_size=48)  # changed from the fast recipe too
    finished_run(store, "lecture-1", own, 0.8)
    said = texts(open_page("lecture"))
    assert "a recipe of its own: " in said and " settings differ from the lecture's (" in said


def test_step_7s_compare_link_names_the_runs_of_its_table(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    plain = finished_run(store, "lecture-1", replace(LECTURE_RECIPE, epochs=2), 0.8)
    pooled = finished_run(store, "lecture-2", replace(LECTURE_RECIPE, epochs=2), 0.85)
    app = open_page("lecture")
    (link,) = [link for link in app.get("page_link") if "Compare" in link.proto.label]
    assert link.proto.query_string == f"runs={plain}&runs={pooled}"


def test_step_3s_dataset_link_opens_its_16_images_as_a_4x4_grid(small_data_dir, open_page):
    app = open_page("lecture")
    (link,) = [link for link in app.get("page_link") if "these 16 images" in link.proto.label]
    assert link.proto.query_string == "split=train&grid=4"
    dataset = open_page("dataset", query_params={"split": "train", "grid": "4"})
    assert dataset.select_slider(key="dataset_grid").value == 4  # drawn as the link says
    assert not dataset.exception and not dataset.error


def test_each_of_step_3s_images_opens_up_close_on_the_dataset_page(small_data_dir, open_page):
    app = open_page("lecture")
    captions = [link for link in app.get("page_link") if "image=" in link.proto.query_string]
    assert len(captions) == 16
    assert captions[5].proto.query_string == "split=train&grid=4&image=5"
    label = int(data.load_folder(small_data_dir).train_labels[5])
    assert captions[5].proto.label.startswith(f":small[{label} ")
    dataset = open_page("dataset", query_params={"split": "train", "grid": "4", "image": "5"})
    assert dataset.selectbox(key="dataset_inspect").value == 5  # shown up close there
    assert not dataset.exception and not dataset.error


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_full_recipe_button_says_what_it_costs_from_the_records(
    small_data_dir, open_page, monkeypatch, language
):
    from fmnist_core.measured import claim
    from ui.i18n import claim_text

    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("lecture")
    app.selectbox(key="lecture_model").set_value("lecture-3").run()
    measured = claim("lecture-3", "lecture")
    said = {
        "en": "The lecture's recipe was measured on the lecture-3 network",
        "ko": "강의 설정을 lecture-3 네트워크로 잰 결과,",
    }
    (caption,) = [c.value for c in app.caption if said[language] in c.value]
    assert claim_text(measured, "recipe") in caption  # the records' figures, in this language
