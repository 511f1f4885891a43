"""The Train page: queue a run, see curves from stored epochs, Stop, reattach by address."""

from __future__ import annotations

import dataclasses
import json
import os
import zipfile

import pytest

from fmnist_core import architectures, data
from fmnist_core.store import RunStore
from fmnist_core.training import RECIPES, SETTINGS, TrainConfig
from tests.app.conftest import texts
from tests.unit.test_worker import wait_for
from ui import networks, settings_form


def metric(app, label: str) -> str:
    return next(m.value for m in app.metric if m.label == label)


def store_with_finished_run(home) -> tuple[RunStore, int]:
    """A run as the worker leaves it: three epochs, finished, with a test accuracy."""
    store = RunStore(home)
    run_id = store.create_run(
        "stored", architectures.preset("lecture-2"), TrainConfig(epochs=3).to_dict()
    )
    store.claim_next_run(os.getpid(), "CPU test")
    for epoch, (loss, accuracy) in enumerate([(0.9, 0.70), (0.6, 0.80), (0.45, 0.85)], 1):
        store.record_epoch(
            run_id,
            epoch,
            {
                "loss": loss,
                "accuracy": accuracy,
                "val_loss": loss + 0.05,
                "val_accuracy": accuracy - 0.02,
            },
        )
    store.finish_run(run_id, "finished", test_loss=0.47, test_accuracy=0.8412)
    return store, run_id


def stopped_run(home, *epochs: dict, status: str = "stopped") -> tuple[RunStore, int]:
    """A lecture-2 run planned for 5 epochs that ended (``status``) after recording ``epochs``
    (each epoch's values, as the worker records them)."""
    store = RunStore(home)
    run_id = store.create_run(
        "halted", architectures.preset("lecture-2"), TrainConfig(epochs=5).to_dict()
    )
    store.claim_next_run(os.getpid(), "CPU test")
    for number, values in enumerate(epochs, 1):
        store.record_epoch(run_id, number, values)
    store.finish_run(run_id, status, error="out of memory" if status == "failed" else None)
    return store, run_id


def running_run(home, epochs: int) -> tuple[RunStore, int]:
    """A lecture-2 run a live worker has claimed (this process's pid, a fresh heartbeat)."""
    store = RunStore(home)
    run_id = store.create_run(
        "live", architectures.preset("lecture-2"), TrainConfig(epochs=epochs).to_dict()
    )
    store.claim_next_run(os.getpid(), "CPU test")
    return store, run_id


def test_start_queues_a_run_that_the_worker_finishes(small_data_dir, open_page, isolated_studio):
    app = open_page("train")
    assert "No runs yet" in texts(app)
    app.selectbox(key="train_network").set_value("preset:lecture-2")
    app.slider(key="train_epochs").set_value(1)
    app.number_input(key="train_limit").set_value(200)
    assert new_run_form(app).proto.expanded
    app.button(key="train_start").click().run()
    assert not app.exception
    assert "Run #1 added to the queue" in app.success[0].value
    assert not new_run_form(app).proto.expanded  # folded: the run's curves come next
    store = RunStore(isolated_studio)
    run = store.get_run(1)
    assert run.architecture == "lecture-2 pool+dropout"
    assert (run.config["epochs"], run.config["limit_train"]) == (1, 200)
    wait_for(lambda: store.get_run(1).status == "finished", 180, "the run to finish")
    app.run()
    assert metric(app, "Status").endswith("finished")
    assert metric(app, "Test accuracy").endswith("%")
    assert len(app.get("plotly_chart")) == 3  # loss, accuracy, confusion matrix
    # The form stays folded when the run ends (it once unfolded over the result); a new visit
    # with no run training finds it open.
    assert not new_run_form(app).proto.expanded
    for page in ("home", "train"):  # as from the sidebar: a plain address
        app.switch_page(f"app_pages/{page}.py")
        app.query_params.clear()
        app.run()
    assert new_run_form(app).proto.expanded


def watched(app) -> int:
    """The run the page shows: its picker's value (the picker's key follows the statuses)."""
    return next(box for box in app.selectbox if box.key.startswith("train_watch")).value


def test_the_run_just_started_stays_shown_when_a_refresh_sends_back_the_old_address(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    """The live views refresh every few seconds with the address the browser has, which lagged
    behind the page's: one start in three on a busy machine, the page went back to the run it
    showed before, and the new run's Stop was out of sight."""
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda home: None)  # it stays queued
    _, finished = store_with_finished_run(isolated_studio)
    app = open_page("train", query_params={"run": str(finished)})
    app.button(key="train_start").click().run()
    started = finished + 1
    assert watched(app) == started and app.query_params["run"] == str(started)
    app.query_params["run"] = str(finished)  # a refresh, sent before the browser had the new one
    app.run()
    assert watched(app) == started and app.query_params["run"] == str(started)
    # A later visit follows its own address (a link to the finished run, from Compare).
    app.switch_page("app_pages/compare.py").run()
    app.switch_page("app_pages/train.py")
    app.query_params["run"] = str(finished)
    app.run()
    assert watched(app) == finished
    # And so does the student's own choice, after another start.
    app.button(key="train_start").click().run()
    assert watched(app) == started + 1
    picker = next(box for box in app.selectbox if box.key.startswith("train_watch"))
    picker.set_value(finished).run()
    app.run()
    assert watched(app) == finished and app.query_params["run"] == str(finished)


def new_run_form(app):
    return next(expander for expander in app.expander if expander.label == "New run")


def test_the_new_run_form_is_folded_for_a_link_to_a_run_and_open_for_a_missing_one(
    small_data_dir, open_page, isolated_studio
):
    _, finished = store_with_finished_run(isolated_studio)
    assert not new_run_form(open_page("train", query_params={"run": str(finished)})).proto.expanded
    assert new_run_form(open_page("train", query_params={"run": "99"})).proto.expanded
    assert new_run_form(open_page("train")).proto.expanded


def test_the_new_run_form_is_folded_on_arrival_while_a_run_trains_and_opens_to_train_again(
    small_data_dir, open_page, isolated_studio
):
    _, finished = store_with_finished_run(isolated_studio)
    store = RunStore(isolated_studio)
    store.create_run("live", architectures.preset("lecture-2"), TrainConfig(epochs=5).to_dict())
    store.claim_next_run(os.getpid(), "CPU test")  # alive pid, fresh heartbeat: running
    app = open_page("train", query_params={"run": str(finished)})
    assert not new_run_form(app).proto.expanded
    app.button(key=f"edit_again_{finished}").click().run()
    assert new_run_form(app).proto.expanded  # open, holding the run's settings to change


def test_a_network_brought_to_train_opens_the_form_while_another_run_trains(
    small_data_dir, open_page, isolated_studio
):
    """Architecture's "Train this network" and Lecture's "Train it" name the network in the
    address: the student came to fill the form, whatever trains (it once arrived folded)."""
    running_run(isolated_studio, epochs=5)
    app = open_page("train", query_params={"arch": "lecture-2"})
    assert new_run_form(app).proto.expanded
    assert app.selectbox(key="train_network").value == "preset:lecture-2"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_network_named_where_a_link_goes_is_the_one_trained(small_data_dir, open_page, language):
    """``/train?network=lecture-1`` once said the link was damaged, and a student's runs then
    trained the fast CNN."""
    app = open_page("train", language=language, query_params={"network": "lecture-1"})
    assert app.selectbox(key="train_network").value == "preset:lecture-1"
    assert not app.warning and not app.exception
    assert app.query_params.get("arch") == "lecture-1" and "network" not in app.query_params


def test_a_refresh_while_the_run_started_from_a_brought_network_trains_keeps_it_first(
    small_data_dir, open_page, isolated_studio
):
    """Started from ``/train?arch=lecture-2``, the page's address names the network and the
    run; refreshed while that run trains, the form opened over the run's progress and Stop."""
    store, live = running_run(isolated_studio, epochs=5)
    refreshed = {"arch": "lecture-2", "epochs": "2", "run": str(live)}
    assert not new_run_form(open_page("train", query_params=refreshed)).proto.expanded
    store.finish_run(live, "finished", test_loss=0.5, test_accuracy=0.8)
    # The run has ended: the form is open again, as it was when the network was brought.
    assert new_run_form(open_page("train", query_params=refreshed)).proto.expanded


def test_a_fresh_page_offers_the_fast_network_with_its_recipe(small_data_dir, open_page):
    app = open_page("train")
    assert app.selectbox(key="train_network").value == "preset:fast"
    fast = RECIPES["fast"]
    assert app.slider(key="train_epochs").value == fast.epochs
    assert app.select_slider(key="train_lr").value == fast.learning_rate
    app.button(key="train_recipe_lecture").click().run()
    assert app.slider(key="train_epochs").value == 25
    assert app.select_slider(key="train_batch").value == 32


@pytest.mark.parametrize(
    ("arch", "recipe"),
    [
        ("lecture-1", "lecture"),
        ("lecture-3", "lecture"),
        ("strong", "strong"),
        ("my lecture-2", "lecture"),  # a saved copy, layer for layer
        ("my own", "fast"),
    ],
)
def test_a_preset_opened_by_its_address_comes_with_the_recipe_it_was_made_with(
    small_data_dir, open_page, isolated_studio, arch, recipe
):
    # A student opening /train?arch=lecture-1 from a lecture handout trains the lecture's
    # experiment, not the fast network's recipe (1 epoch of it on 300 images was chance).
    store = RunStore(isolated_studio)
    store.save_architecture("my lecture-2", architectures.preset("lecture-2"))
    own = architectures.preset("lecture-2")
    own["layers"][0] = {**own["layers"][0], "filters": 16}
    store.save_architecture("my own", own)
    app = open_page("train", query_params={"arch": arch, "limit_train": "300"})
    kind = "saved" if arch.startswith("my ") else "preset"
    assert app.selectbox(key="train_network").value == f"{kind}:{arch}"
    ticked = [b.key for b in app.button if b.key.startswith("train_recipe_") and b.proto.icon]
    assert ticked == [f"train_recipe_{recipe}"]
    assert app.slider(key="train_epochs").value == RECIPES[recipe].epochs
    assert app.select_slider(key="train_batch").value == RECIPES[recipe].batch_size
    assert app.number_input(key="train_limit").value == 300  # the address still sets the rest
    assert not [c.value for c in app.caption if "The lecture trained" in c.value]
    # The address keeps what differs from that recipe only, so a reload opens the same form.
    assert dict(app.query_params) == {"arch": arch, "limit_train": "300"}
    # Another network picked later comes with its own recipe while the form holds this one's
    # untouched (the image count is the student's, and stays).
    app.selectbox(key="train_network").set_value("preset:fast").run()
    assert settings_form_config(app) == dataclasses.replace(RECIPES["fast"], limit_train=300)


def settings_form_config(app) -> TrainConfig:
    """The settings the Train page's form holds, as a config (its 0 training images: all)."""
    values = {name: app.session_state[settings_form.widget_key(name)] for name in SETTINGS}
    return TrainConfig.from_dict(values | {"limit_train": values["limit_train"] or None})


def test_a_network_picked_comes_with_its_recipe_unless_the_settings_are_the_students(
    small_data_dir, open_page
):
    # The fast recipe's rate and batch size kept for lecture-1 made its loss climb for a student
    # who just picked the network: the form follows the network while it holds a recipe as is.
    app = open_page("train")
    app.selectbox(key="train_network").set_value("preset:lecture-1").run()
    assert settings_form_config(app) == RECIPES["lecture"]
    (said,) = [box.value for box in app.success]
    assert said.startswith("“Lecture's recipe (Adam, batch 32, 25 epochs)” set: ")
    assert "learning rate 0.005 → 0.001" in said
    assert not [c.value for c in app.caption if "The lecture trained" in c.value]
    # Within the lecture's models the recipe is the same: nothing to change, nothing said.
    app.selectbox(key="train_network").set_value("preset:lecture-2").run()
    assert settings_form_config(app) == RECIPES["lecture"] and not app.success
    # A quick try's fewer epochs stay, and the message says so.
    app.slider(key="train_epochs").set_value(2).run()
    app.selectbox(key="train_network").set_value("preset:best").run()
    assert settings_form_config(app) == dataclasses.replace(RECIPES["best"], epochs=2)
    assert app.success[0].value.endswith("Left as you set them: epochs 2.")
    # Settings the student chose are theirs: another network keeps them all.
    app.select_slider(key="train_batch").set_value(64).run()
    mine = settings_form_config(app)
    app.selectbox(key="train_network").set_value("preset:lecture-3").run()
    assert settings_form_config(app) == mine and not app.success
    assert [c.value for c in app.caption if "The lecture trained" in c.value]
    assert not app.exception


def test_change_and_train_again_puts_a_runs_network_and_settings_in_the_form(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    store = RunStore(isolated_studio)

    def ended_run(name, spec, config):
        run_id = store.create_run(name, spec, config)
        store.claim_next_run(os.getpid(), "CPU test")
        store.finish_run(run_id, "stopped")
        return run_id

    quick = TrainConfig(epochs=1, batch_size=32, limit_train=300, validation_split=0.25)
    lecture_run = ended_run("one", architectures.preset("lecture-1"), quick.to_dict())
    odd = quick.to_dict() | {"learning_rate": 0.004}  # the command line takes it; no slider does
    odd_run = ended_run("odd", architectures.preset("lecture-2"), odd)
    own = {"name": "mine", "layers": [{"type": "Flatten"}, {"type": "Dense", "units": 10}]}
    own_run = ended_run("own", own, quick.to_dict())
    # A run recorded by another version of the studio, with a setting this one does not know.
    other = ended_run("other", architectures.preset("fast"), quick.to_dict() | {"warmup": 3})

    app = open_page("train", query_params={"run": str(lecture_run)})
    assert app.selectbox(key="train_network").value == "preset:fast"  # the form is the user's
    app.button(key=f"edit_again_{lecture_run}").click().run()
    assert app.selectbox(key="train_network").value == "preset:lecture-1"
    assert app.slider(key="train_epochs").value == 1
    assert app.select_slider(key="train_batch").value == 32
    assert app.number_input(key="train_limit").value == 300
    assert [toast.value for toast in app.toast] == [
        f"The New run form now holds run #{lecture_run}'s network and settings: change what you "
        "like, then press Start."
    ]
    assert not app.success  # nothing left out

    monkeypatch.setenv("FMNIST_LANG", "ko")  # (interactive Korean tests go by the variable)
    app = open_page("train", query_params={"run": str(odd_run)})
    app.button(key=f"edit_again_{odd_run}").click().run()
    assert app.selectbox(key="train_network").value == "preset:lecture-2"
    assert app.select_slider(key="train_lr").value == RECIPES["fast"].learning_rate  # as it was
    assert (
        f"실행 #{odd_run}는 양식에 나타낼 수 없는 설정으로 학습했으므로 다음 값은 그대로 둡니다: "
        "학습률 값 0.004는 쓸 수 없습니다"
    ) in app.success[0].value

    # A network never saved comes along as the Architecture page hands one over.
    monkeypatch.delenv("FMNIST_LANG")
    app = open_page("train", query_params={"run": str(own_run)})
    app.button(key=f"edit_again_{own_run}").click().run()
    assert app.selectbox(key="train_network").value == networks.HANDED_CHOICE
    assert not architectures.layers_differ(app.session_state[networks.HANDED_KEY], own)
    label = app.selectbox(key="train_network").format_func(networks.HANDED_CHOICE)
    assert label == f"From run #{own_run} · mine"

    app = open_page("train", query_params={"run": str(other)})
    app.button(key=f"edit_again_{other}").click().run()
    assert app.selectbox(key="train_network").value == "preset:fast"
    assert app.number_input(key="train_limit").value == 300


def test_the_recipe_the_form_holds_is_ticked(small_data_dir, open_page):
    def ticked(app):
        return [b.key for b in app.button if b.key.startswith("train_recipe_") and b.proto.icon]

    app = open_page("train")
    assert ticked(app) == ["train_recipe_fast"]
    app.button(key="train_recipe_lecture").click().run()
    assert ticked(app) == ["train_recipe_lecture"]
    assert (
        app.button(key="train_recipe_lecture").help == "The settings below follow this recipe now."
    )
    app.slider(key="train_epochs").set_value(2).run()  # a quicker try is still the recipe
    assert ticked(app) == ["train_recipe_lecture"]
    # ...and its tick says so: its label still says 25 epochs.
    said = "The settings below follow this recipe, for 2 of its 25 epochs: a shorter try of it."
    assert app.button(key="train_recipe_lecture").help == said
    # Where no pointer hovers (a phone, a projector), under the recipe as well.
    assert any(c.value.startswith("**Now 2 of its 25 epochs**") for c in app.caption)
    app.select_slider(key="train_batch").set_value(64).run()  # now the user's own settings
    assert ticked(app) == []


def test_curves_come_from_the_stored_epochs(small_data_dir, open_page, isolated_studio):
    store_with_finished_run(isolated_studio)
    app = open_page("train")
    loss_chart, accuracy_chart = app.get("plotly_chart")[:2]

    loss = json.loads(loss_chart.proto.spec)["data"]
    assert loss[0]["y"] == [0.9, 0.6, 0.45]
    assert loss[1]["y"] == pytest.approx([0.95, 0.65, 0.5])
    accuracy = json.loads(accuracy_chart.proto.spec)["data"]
    assert accuracy[0]["x"] == [1, 2, 3]
    assert metric(app, "Test accuracy") == "84.12%"


def test_stop_button_sets_the_stop_flag(small_data_dir, open_page, isolated_studio):
    store, run_id = running_run(isolated_studio, epochs=5)
    store.record_progress(run_id, 1, 40, 100)
    app = open_page("train")
    assert metric(app, "Status").endswith("running")
    assert "Epoch 1 of 5 · batch 40 of 100" in app.get("progress")[0].proto.text
    app.button(key=f"stop_{run_id}").click().run()
    assert store.stop_requested(run_id)
    app.run()  # the view's next refresh
    assert metric(app, "Time left") == "stopping…"  # not an estimate that jumps about


def test_progress_reads_as_fractions_in_korean(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    store, run_id = running_run(isolated_studio, epochs=5)
    store.record_progress(run_id, 2, 1200, 1407)
    app = open_page("train")
    assert "에포크 2/5 · 배치 1,200/1,407" in app.get("progress")[0].proto.text


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_run_stopped_between_epochs_says_how_many_trained(
    small_data_dir, open_page, isolated_studio, language
):
    """The note said only "Stopped by request", beside one dot on an axis running to 5."""
    trained = {"loss": 0.9, "accuracy": 0.7, "val_loss": 0.8}
    stopped_run(isolated_studio, trained, trained)
    app = open_page("train", language=language)
    said = {
        "en": "Stopped by request after 2 of its 5 epochs. The epochs so far",
        "ko": "요청에 따라 5 에포크 중 2 에포크를 학습한 뒤 멈췄습니다.",
    }
    assert said[language] in texts(app)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_run_stopped_mid_epoch_says_how_much_of_its_last_epoch_trained(
    small_data_dir, open_page, isolated_studio, language
):
    store, run_id = stopped_run(
        isolated_studio,
        {"loss": 0.9, "accuracy": 0.7, "val_loss": 0.8},
        {"loss": 0.7, "accuracy": 0.75, "fraction": 0.25},
    )
    app = open_page("train", language=language)
    said = {
        "en": "Stopped by request during epoch 2, after 25% of its batches. The epochs so far",
        "ko": "요청에 따라 두 번째 에포크 도중 배치의 25%를 학습한 뒤 멈췄습니다.",
    }
    assert said[language] in texts(app)
    point = {"en": "Epoch 2's point is drawn where it ended", "ko": "두 번째 에포크의 점은"}
    assert point[language] in texts(app)
    validation = {"en": "Its validation loss and accuracy score", "ko": "그 검증 손실과 정확도는"}
    assert validation[language] not in texts(app)  # the last point has no validation score
    loss = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert loss["layout"]["title"]["text"] == {"en": "Loss", "ko": "손실"}[language]
    assert loss["data"][0]["x"] == [1, 1.25]
    # The partial model it says is kept can be downloaded, once the worker has saved it; its
    # script always.
    model = {"en": "Download model (.keras)", "ko": "모델 내려받기 (.keras)"}[language]
    script = {"en": "Python script (.py)", "ko": "파이썬 스크립트 (.py)"}[language]
    assert [button.proto.label for button in app.get("download_button")] == [script]
    store.run_dir(run_id).mkdir(parents=True, exist_ok=True)
    store.model_path(run_id).write_bytes(b"cut short")  # a model file that is no archive
    app = open_page("train", language=language)
    assert [button.proto.label for button in app.get("download_button")] == [script]
    damaged = {"en": "model.keras is damaged: it is not a whole Keras", "ko": "손상되었습니다"}
    assert damaged[language] in texts(app)  # the missing button is said, not silent
    with zipfile.ZipFile(store.model_path(run_id), "w") as archive:  # what Keras writes: a zip
        archive.writestr("config.json", "{}")
    app = open_page("train", language=language)
    assert [button.proto.label for button in app.get("download_button")] == [model, script]
    assert damaged[language] not in texts(app)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_run_stopped_mid_epoch_says_where_its_validation_point_comes_from(
    small_data_dir, open_page, isolated_studio, language
):
    stopped_run(
        isolated_studio,
        {"loss": 1.4, "accuracy": 0.53, "val_loss": 0.9, "val_accuracy": 0.67, "fraction": 0.05},
    )
    said = {
        "en": "Its validation loss and accuracy score the network as it stood when stopped, on "
        "the whole validation set.",
        "ko": "그 검증 손실과 정확도는 멈춘 시점의 네트워크를 검증 세트 전체로 평가한 값입니다.",
    }[language]
    assert said in texts(open_page("train", language=language))


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_stop_that_came_after_the_last_epoch_says_the_run_finished(
    small_data_dir, open_page, isolated_studio, language
):
    store, run_id = store_with_finished_run(isolated_studio)
    said = {
        "en": "Stop came after the last epoch had trained, so the run finished as planned",
        "ko": "마지막 에포크의 학습이 끝난 뒤에 멈춤 요청이 와서",
    }[language]
    assert said not in texts(open_page("train", language=language))
    store.request_stop(run_id)  # pressed while the worker was scoring the test split
    app = open_page("train", language=language)
    assert said in texts(app)
    assert metric(app, {"en": "Test accuracy", "ko": "테스트 정확도"}[language]) == "84.12%"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_settings_link_to_share_leaves_the_watched_run_out(
    small_data_dir, open_page, isolated_studio, language
):
    """Copied from the address bar, a teacher's link to the form's settings also named the run
    the teacher watched (?run=7), which no student's studio has as theirs."""
    _, run_id = store_with_finished_run(isolated_studio)
    query = {"arch": "lecture-1", "epochs": "2", "lang": language}
    app = open_page("train", query_params=query, language=language)
    assert app.query_params.get("run") == str(run_id)  # the address bar names it
    (link,) = [block.value for block in app.code if "arch=lecture-1" in block.value]
    assert "run=" not in link and "epochs=2" in link
    share = {"en": "Share these settings as a link", "ko": "이 설정을 링크로 공유"}[language]
    assert share in [popover.proto.popover.label for popover in app.get("popover")]


def test_no_settings_link_is_offered_for_a_sweep(small_data_dir, open_page):
    """A sweep's values are not in the address: the link would have left them out unsaid."""
    app = open_page("train")
    app.toggle(key="sweep_mode").set_value(True).run()
    labels = [popover.proto.popover.label for popover in app.get("popover")]
    assert "Share these settings as a link" not in labels


@pytest.mark.parametrize("linked", ["5", "999", "abc", "-1"])
def test_a_link_to_a_run_the_studio_does_not_have_says_so(
    small_data_dir, open_page, isolated_studio, linked
):
    _, shown = store_with_finished_run(isolated_studio)
    app = open_page("train", query_params={"run": linked})
    if linked.isdigit():
        notice = f"This page's address names run {linked}, which this studio does not have"
        assert notice in texts(app) and f"showing run #{shown} instead" in texts(app)
    else:  # no run number at all: not said to be a deleted run
        notice = f"usually do: run={linked} (a run number, e.g. run=3). Showing run #{shown}."
        assert notice in texts(app) and "does not have" not in texts(app)
    assert app.query_params["run"] == str(shown)
    assert notice not in texts(open_page("train", query_params={"run": str(shown)}))


def test_the_address_reattaches_to_a_run(small_data_dir, open_page, isolated_studio):
    store, first = store_with_finished_run(isolated_studio)
    store.create_run(
        "queued later", architectures.preset("lecture-1"), TrainConfig(epochs=2).to_dict()
    )
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["run"] = str(first)
    app.switch_page("app_pages/train.py")
    app.run()
    assert next(box for box in app.selectbox if box.label == "Run shown below").value == first
    assert metric(app, "Test accuracy") == "84.12%"


@pytest.mark.shows_error
def test_an_invalid_network_is_refused_before_queueing(small_data_dir, open_page, isolated_studio):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    broken = architectures.preset("lecture-1")
    del broken["layers"][3]  # no Flatten: Dense on an image
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.session_state["train_spec"] = broken
    app.switch_page("app_pages/train.py")
    app.run()
    # Said before Start, which waits for a network that can be built.
    said = app.error[0].value
    assert said.startswith("This network cannot be built") and "layer 4 Dense" in said
    assert app.button(key="train_start").disabled
    assert RunStore(isolated_studio).list_runs() == []


def test_interrupted_runs_are_marked_on_page_load(small_data_dir, open_page, isolated_studio):
    store = RunStore(isolated_studio)
    run_id = store.create_run(
        "orphan", architectures.preset("lecture-2"), TrainConfig(epochs=5).to_dict()
    )
    store.claim_next_run(999_999_999, "CPU")  # a pid that does not exist
    store.record_epoch(run_id, 1, {"loss": 1.2, "accuracy": 0.6})
    app = open_page("train")
    assert metric(app, "Status").endswith("interrupted")
    assert "worker stopped unexpectedly during this run" in app.warning[0].value
    assert len(app.get("plotly_chart")) == 2  # its epoch is still drawn


def test_a_run_whose_worker_died_after_its_last_epoch_says_only_the_test_score_was_lost(
    small_data_dir, open_page, isolated_studio
):
    """Killed while it scored the test set, a run read as if training itself had broken off."""
    epoch = {"loss": 1.0, "accuracy": 0.6, "val_loss": 1.1, "val_accuracy": 0.58}
    _, run_id = stopped_run(isolated_studio, *[epoch] * 5, status="interrupted")
    app = open_page("train", query_params={"run": str(run_id)})
    assert app.warning[0].value.startswith(
        "The worker stopped unexpectedly after the run's last epoch (5 of 5), while it scored "
        "the test set or saved the model"
    )


@pytest.mark.parametrize("language", ["en", "ko"])
def test_an_out_of_range_setting_is_said_at_once_and_start_stays_off(
    small_data_dir, open_page, isolated_studio, monkeypatch, language
):
    # The images box takes 0 (all) up to the images there are; 1-9 of them are not a run.
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("train")
    assert not app.button(key="train_start").disabled
    app.number_input(key="train_limit").set_value(5).run()
    images = len(data.load_folder(small_data_dir).train_labels)
    said = {
        "en": "A run cannot start with this: Training images (0 = all) is 5; it must be 0 for "
        f"every image, or a whole number 10–{images}. Start stays off until it changes.",
        "ko": "이 값으로는 학습을 시작할 수 없습니다: 학습 이미지 수 (0 = 전부) 값 5는 쓸 수 "
        f"없습니다. 허용 범위: 전체 이미지는 0, 아니면 10–{images} 사이의 정수",
    }[language]
    (warning,) = [box.value for box in app.warning]
    assert warning.startswith(said)
    assert app.button(key="train_start").disabled
    app.number_input(key="train_limit").set_value(10).run()
    assert not [box for box in app.warning if box.value.startswith(said[:20])]
    assert not app.button(key="train_start").disabled


@pytest.mark.parametrize("address", ["²", "99999999999999999999999", "-1", "abc"])
def test_an_address_that_names_no_run_shows_the_newest(small_data_dir, isolated_studio, address):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    _, first = store_with_finished_run(isolated_studio)
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["run"] = address
    app.switch_page("app_pages/train.py")
    app.run()  # the conftest fails on the "Something went wrong" box ²'s ValueError once gave
    assert next(box for box in app.selectbox if box.label == "Run shown below").value == first


@pytest.mark.shows_error
def test_a_run_name_that_cannot_be_used_is_refused_before_queueing(
    small_data_dir, open_page, isolated_studio
):
    app = open_page("train")
    app.text_input(key="train_run_name").set_value("bad\x00name").run()  # a control character
    assert "This name cannot be used: it contains a line break" in app.warning[0].value  # at once
    app.button(key="train_start").click().run()
    assert "the run name cannot be used:" in app.error[0].value
    assert RunStore(isolated_studio).list_runs() == []


def test_each_setting_has_a_widget_offering_what_validation_accepts(small_data_dir, open_page):
    from fmnist_core.training import SETTINGS
    from ui.settings_form import widget_key

    app = open_page("train")
    for name, declared in SETTINGS.items():
        widget = getattr(app, declared.widget)(key=widget_key(name))
        assert widget.label, name
        if declared.widget in ("selectbox", "radio"):
            assert len(widget.options) == len(declared.choices), name
        elif declared.widget == "select_slider":
            assert [float(option) for option in widget.options] == list(declared.steps), name
        elif declared.kind in ("whole", "number"):  # a slider or a number box
            low, high = float(widget.min), float(widget.max)
            nudge = 1 if declared.kind == "whole" else 1e-9
            cast = int if declared.kind == "whole" else float
            assert declared.accepts(cast(low)) and declared.accepts(cast(high)), name
            assert not declared.accepts(cast(low - nudge)), name
            assert not declared.accepts(cast(high + nudge)), name
    # The image count's box runs from 0 (all images) to the number of training images.
    limit = app.number_input(key=widget_key("limit_train"))
    train_images = len(data.load_folder(small_data_dir).train_labels)
    assert (limit.min, limit.max) == (0, train_images)


def test_a_recipe_sets_its_settings_and_keeps_the_image_count_and_seed(small_data_dir, open_page):
    app = open_page("train")
    app.number_input(key="train_limit").set_value(500)
    app.number_input(key="train_seed").set_value(7)
    app.button(key="train_recipe_best").click().run()
    best = RECIPES["best"]
    assert app.select_slider(key="train_batch").value == best.batch_size
    assert app.selectbox(key="train_optimizer").value == best.optimizer == "adamw"
    assert app.slider(key="train_shift").value == best.augment_shift
    assert app.checkbox(key="train_flip").value is best.augment_flip is True
    assert app.number_input(key="train_limit").value == 500
    assert app.number_input(key="train_seed").value == 7


def test_a_recipe_says_what_it_changed_and_what_it_left(small_data_dir, open_page):
    # A student who chose 1 epoch on 300 images presses the lecture's recipe: the epochs become
    # 25, and the page says so, rather than a 25-epoch run starting unnoticed.
    app = open_page("train")
    app.slider(key="train_epochs").set_value(1)
    app.number_input(key="train_limit").set_value(300).run()
    app.button(key="train_recipe_lecture").click().run()
    (said,) = [box.value for box in app.success]
    assert said.startswith("“Lecture's recipe (Adam, batch 32, 25 epochs)” set: epochs 1 → 25,")
    assert "batch size 256 → 32" in said and "learning rate 0.005 → 0.001" in said
    assert said.endswith("Left as you set them: training images 300.")
    app.run()  # said once: the next rerun no longer shows it
    assert not app.success
    app.button(key="train_recipe_lecture").click().run()
    assert [box.value for box in app.success] == [
        "The settings already followed “Lecture's recipe (Adam, batch 32, 25 epochs)”; nothing "
        "changed. Left as you set them: training images 300."
    ]


def test_a_recipe_says_what_it_changed_in_korean(small_data_dir, open_page, monkeypatch):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("train")
    app.slider(key="train_epochs").set_value(1).run()
    app.button(key="train_recipe_lecture").click().run()
    (said,) = [box.value for box in app.success]
    assert said.startswith("“강의 설정 (Adam, 배치 32, 25 에포크)” 적용: 에포크 1 → 25,")
    assert "직접 정한 값" not in said  # images and seed as they were by default


def test_validation_split_is_greyed_out_when_the_test_set_validates(small_data_dir, open_page):
    app = open_page("train")
    assert not app.slider(key="train_val_split").disabled
    app.radio(key="train_validation").set_value("test").run()
    assert app.slider(key="train_val_split").disabled


def test_queued_runs_read_in_plain_words(small_data_dir, open_page, isolated_studio, monkeypatch):
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda home: None)  # they stay queued
    store = RunStore(isolated_studio)
    spec = architectures.preset("lecture-2")
    store.create_run(spec["name"], spec, TrainConfig(epochs=1).to_dict())
    store.create_run("my try", spec, TrainConfig(epochs=3).to_dict())
    app = open_page("train")
    shown = texts(app)
    assert "#1 lecture-2 pool+dropout · 1 epoch" in shown  # not the name twice, not "1 epochs"
    assert "#2 my try · lecture-2 pool+dropout · 3 epochs" in shown
    (bar,) = app.get("progress")
    assert bar.proto.text == "Waiting to start: 1 run is ahead of it in the queue."
    assert shown.count("Waiting") == 0  # the bar says it once, no notice repeats it
    assert "The curves appear here when the first epoch ends." in shown
    # Nothing ahead: what it waits for is the worker (it once said "once the runs ahead of it
    # are done" while a worker was still loading Keras).
    first = open_page("train", query_params={"run": "1"})
    assert first.get("progress")[0].proto.text.startswith("Waiting for the background worker")
    store.claim_next_run(os.getpid(), "CPU test")  # #1 trains
    second = open_page("train", query_params={"run": "2"}, language="ko")
    assert second.get("progress")[0].proto.text.startswith("대기열의 다음 차례")
    # A sweep's run, whose name says its network already: named once.
    store.create_run(f"{spec['name']} · Learning rate 0.001", spec, TrainConfig().to_dict())
    listed = texts(open_page("train", query_params={"run": "1"}))
    assert "#3 lecture-2 pool+dropout · Learning rate 0.001 · 10 epochs" in listed


def test_a_run_that_started_elsewhere_is_listed_with_a_button_that_shows_it(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda home: None)
    store, finished = store_with_finished_run(isolated_studio)
    app = open_page("train", query_params={"run": str(finished)})
    assert "Training now" not in [header.value for header in app.subheader]
    # Queued from another browser, then taken by a worker, while this page shows the finished run.
    spec = architectures.preset("lecture-2")
    other = store.create_run("their try", spec, TrainConfig(epochs=4).to_dict())
    store.claim_next_run(os.getpid(), "CPU test")
    store.record_epoch(other, 1, {"loss": 0.9, "accuracy": 0.7})
    app.run()
    shown = texts(app)
    assert "Training now" in [header.value for header in app.subheader]
    assert f"#{other} their try · lecture-2 pool+dropout · 1 of 4 epochs done" in shown
    # Said under the run picker too, with a link down to the list: a finished run's results
    # stand between them.
    said = [caption.value for caption in app.caption if "Training now" in caption.value]
    assert said == [f"Training now: run #{other}, [listed below](#training-now)."]
    app.button(key=f"show_{other}").click().run()
    assert app.query_params["run"] in (str(other), [str(other)])
    assert metric(app, "Status").endswith("running")
    assert "Training now" not in [header.value for header in app.subheader]  # shown, not listed


def test_a_run_training_beside_the_one_shown_is_said_to_train_also(
    small_data_dir, open_page, isolated_studio
):
    """Two runs of a sweep training: under #1, "Training now: run #2" read as if #1 were not."""
    _, first = running_run(isolated_studio, epochs=3)
    _, second = running_run(isolated_studio, epochs=3)
    app = open_page("train", query_params={"run": str(first)})
    said = [caption.value for caption in app.caption if "training now" in caption.value.lower()]
    assert said == [f"Also training now: run #{second}, [listed below](#training-now)."]


def claimed_after_the_page_drew(store: RunStore, monkeypatch) -> None:
    """The worker takes the oldest queued run just after the page drew it queued: the page's
    next run still lists it queued (once), and the live view then finds it running."""
    as_drawn = store.list_runs()
    store.claim_next_run(os.getpid(), "CPU test")
    stale = [as_drawn]
    fresh = RunStore.list_runs
    monkeypatch.setattr(
        RunStore, "list_runs", lambda self, *a, **k: stale.pop() if stale else fresh(self, *a, **k)
    )


def test_a_cancel_pressed_as_the_worker_takes_the_run_stops_it(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    """The page last drew the run queued; the worker took it as the student pressed Cancel. The
    view then redrew the page for the new status and the click was lost: the run trained on."""
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda home: None)
    store = RunStore(isolated_studio)
    spec = architectures.preset("lecture-2")
    run_id = store.create_run(spec["name"], spec, TrainConfig(epochs=40).to_dict())
    app = open_page("train")
    assert app.button(key=f"stop_{run_id}").label == "Cancel"
    claimed_after_the_page_drew(store, monkeypatch)
    app.button(key=f"stop_{run_id}").click().run()
    assert store.stop_requested(run_id)
    assert [toast.value for toast in app.toast] == [
        "Stop requested: training ends after the current batch."
    ]


def test_a_cancel_in_the_queue_list_is_obeyed_as_the_watched_run_starts(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda home: None)
    store = RunStore(isolated_studio)
    spec = architectures.preset("lecture-2")
    first, second = (store.create_run(n, spec, TrainConfig(epochs=3).to_dict()) for n in "ab")
    app = open_page("train", query_params={"run": str(first)})
    claimed_after_the_page_drew(store, monkeypatch)
    app.button(key=f"cancel_{second}").click().run()
    assert store.get_run(second).status == "cancelled"
    assert [toast.value for toast in app.toast] == [
        f"Run #{second} is taken off the queue: it will not train."
    ]


def test_cancel_on_a_queued_run_says_it_leaves_the_queue_and_promises_no_curves(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setattr(worker, "ensure_worker", lambda home: None)  # it stays queued
    store = RunStore(isolated_studio)
    spec = architectures.preset("lecture-2")
    run_id = store.create_run(spec["name"], spec, TrainConfig(epochs=1).to_dict())
    app = open_page("train")
    app.button(key=f"stop_{run_id}").click().run()
    assert store.get_run(run_id).status == "cancelled"
    assert [toast.value for toast in app.toast] == [
        f"Run #{run_id} is taken off the queue: it will not train."
    ]
    shown = texts(open_page("train"))
    assert "Cancelled before it started: nothing was trained, so there are no curves." in shown
    assert "The curves appear here" not in shown


def test_a_batch_larger_than_the_images_trained_on_is_pointed_out(small_data_dir, open_page):
    app = open_page("train", query_params={"limit_train": "100", "batch_size": "256"})
    said = [warning.value for warning in app.warning]
    # 100 images less the fast recipe's validation tenth: 90 trained on, in one step an epoch.
    assert any("The batch size, 256, is larger than the 90 images" in w for w in said), said
    assert not app.button(key="train_start").disabled  # allowed: the student may mean it
    app.select_slider(key="train_batch").set_value(32).run()
    assert not [w for w in app.warning if "batch size" in w.value]


def test_early_stopping_without_validation_data_is_pointed_out(small_data_dir, open_page):
    said = "a validation split of 0 leaves none"
    app = open_page("train")
    app.number_input(key="train_patience").set_value(2).run()
    assert said not in texts(app)  # the fast recipe holds out 10%
    app.slider(key="train_val_split").set_value(0.0).run()
    assert said in texts(app)
    app.radio(key="train_validation").set_value("test").run()  # the test set validates instead
    assert said not in texts(app)
    # A link with both settings, in Korean
    linked = {"early_stopping_patience": "2", "validation_split": "0"}
    korean = open_page("train", language="ko", query_params=linked)
    assert "검증 비율이 0이면" in texts(korean)


def test_a_recipe_measured_over_fewer_epochs_than_it_trains_says_so(small_data_dir, open_page):
    from fmnist_core import measured

    captions = [caption.value for caption in open_page("train").caption]
    for recipe, settings in RECIPES.items():
        claim = measured.recipe_claim(recipe)
        said = f"). That is fewer than the recipe's {settings.epochs} epochs, cut short"
        caption = next(
            c for c in captions if c.startswith(f"Measured on the {claim.preset} network:")
        )
        # The GPU recipe, cut to 4 epochs on this CPU, says so; one measured whole does not.
        assert (said in caption) == (claim.epochs != settings.epochs), caption


def test_the_settings_live_in_the_address_and_survive_a_refresh(small_data_dir, open_page):
    app = open_page("train")
    assert not {"epochs", "limit_train", "optimizer"} & set(app.query_params)  # plain at first
    app.slider(key="train_epochs").set_value(2).run()
    app.number_input(key="train_limit").set_value(600).run()
    assert {k: app.query_params[k] for k in ("epochs", "limit_train")} == {
        "epochs": "2",
        "limit_train": "600",
    }
    refreshed = open_page("train", query_params=dict(app.query_params))
    assert refreshed.slider(key="train_epochs").value == 2
    assert refreshed.number_input(key="train_limit").value == 600
    # A visit to another page comes back to the same settings.
    refreshed.switch_page("app_pages/dataset.py").run()
    refreshed.switch_page("app_pages/train.py").run()
    assert refreshed.slider(key="train_epochs").value == 2


@pytest.mark.parametrize("language", ["en", "ko"])
def test_settings_an_address_cannot_hold_are_named_and_left_as_usual(
    small_data_dir, open_page, language
):
    link = {"epochs": "0", "learning_rate": "0.0042", "optimizer": "adamw2", "limit_train": "9e9"}
    app = open_page("train", language=language, query_params=link | {"batch_size": "64"})
    assert app.slider(key="train_epochs").value == RECIPES["fast"].epochs
    assert app.select_slider(key="train_batch").value == 64  # the usable one is taken
    notice = " ".join(box.value for box in app.info)
    said = {  # what was wrong with each, and what it must be, as the widgets name them
        "en": [
            "Epochs is 0; it must be a whole number 1–200",
            "Optimizer is adamw2; it must be one of adam, adamw, sgd, rmsprop",
            "Learning rate is 0.0042; it must be one of 0.00001, 0.00003, 0.0001, 0.0003,",
            "Training images (0 = all) is 9e9; it must be all (or 0) for every image, or a "
            "whole number 10–",
        ],
        "ko": ["값 0은 쓸 수 없습니다. 허용 범위: 1–200 사이의 정수", "adamw2"],
    }
    for text in said[language]:
        assert text in notice


def test_an_address_setting_is_told_the_values_its_widget_offers(small_data_dir, open_page):
    """Not the engine's wider range: the slider of steps takes only its steps, however the
    value is wrong; the number of images stops at the images there are; 0 means all."""
    link = {"learning_rate": "abc", "batch_size": "3", "limit_train": "5", "seed": "0"}
    app = open_page("train", query_params=link | {"mixed_precision": "maybe"})
    notice = " ".join(box.value for box in app.info)
    assert "Learning rate is abc; it must be one of 0.00001, 0.00003," in notice
    assert "Batch size is 3; it must be one of 8, 16, 32," in notice
    assert "Training images (0 = all) is 5; it must be all (or 0) for every image" in notice
    assert "Mixed precision is maybe; it must be true or false" in notice
    zero = open_page("train", query_params={"limit_train": "0"})
    assert "address" not in " ".join(box.value for box in zero.info)
    assert zero.number_input(key="train_limit").value == 0  # all images
    korean = open_page("train", language="ko", query_params={"mixed_precision": "maybe"})
    assert "true 또는 false" in " ".join(box.value for box in korean.info)


def test_the_chosen_network_is_in_the_address_with_the_settings(small_data_dir, open_page):
    app = open_page("train")
    assert "arch" not in app.query_params  # the fast network a fresh page offers
    app.selectbox(key="train_network").set_value("preset:lecture-2").run()
    app.slider(key="train_epochs").set_value(2).run()
    assert app.query_params["arch"] == "lecture-2" and app.query_params["epochs"] == "2"
    # The link a teacher sends opens lecture-2 with those settings, not the fast network.
    fresh = open_page("train", query_params=dict(app.query_params))
    assert fresh.selectbox(key="train_network").value == "preset:lecture-2"
    assert fresh.slider(key="train_epochs").value == 2
    unknown = open_page("train", language="ko", query_params={"arch": "lecture-9"})
    assert not unknown.exception
    assert "arch=lecture-9" in " ".join(box.value for box in unknown.info)
    assert unknown.selectbox(key="train_network").value == "preset:fast"


def test_a_lecture_model_on_other_settings_points_to_the_lecture_recipe(small_data_dir, open_page):
    hint = "Press “Lecture's recipe” below to train it as the lecture did"
    app = open_page("train")
    assert hint not in texts(app)  # the fast network on its own recipe
    app.select_slider(key="train_batch").set_value(128).run()  # the student's own: it stays
    app.selectbox(key="train_network").set_value("preset:lecture-2").run()
    said = "lecture-2 pool+dropout with its own recipe; these differ from it here: batch size,"
    assert said in texts(app)
    app.button(key="train_recipe_lecture").click().run()
    assert hint not in texts(app)
    app.slider(key="train_epochs").set_value(1).run()  # a quick try is still the lecture's recipe
    assert hint not in texts(app)
    app.select_slider(key="train_batch").set_value(64).run()
    assert "these differ from it here: batch size. Press" in texts(app)
    assert "as the lecture did (25 epochs; fewer epochs or fewer images still" in texts(app)
    app.number_input(key="train_limit").set_value(600).run()
    app.select_slider(key="train_batch").set_value(32).run()
    app.number_input(key="train_patience").set_value(2).run()
    app.slider(key="train_smoothing").set_value(0.1).run()
    # Named as in a sentence: no capitals, no "(0 = off)"
    assert "differ from it here: early-stopping patience, label smoothing. Press" in texts(app)


def test_a_link_to_a_run_on_a_store_without_runs_opens_a_plain_page(small_data_dir, open_page):
    app = open_page("train", query_params={"run": "12"})
    assert not app.exception and "run" not in app.query_params
    assert "No runs yet" in texts(app)
    assert "This page's address names run 12, but this studio has no runs yet" in texts(app)
    assert "names run" not in texts(open_page("train"))


def test_a_run_the_worker_is_still_setting_up_says_so(small_data_dir, open_page, isolated_studio):
    store = RunStore(isolated_studio)
    store.create_run("setting up", architectures.preset("lecture-1"), TrainConfig().to_dict())
    store.claim_next_run(os.getpid(), "CPU test")  # running, no batch counted yet
    app = open_page("train")
    words = [bar.proto.text for bar in app.get("progress")]
    assert words == ["Starting: loading the data and building the network…"]
    assert metric(app, "Time left") == "—"
    store.finish_run(1, "stopped")


def test_a_run_the_worker_lost_is_trained_again_with_the_same_settings(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    config = TrainConfig(epochs=1, limit_train=100, batch_size=64, seed=7)
    run_id = store.create_run("orphan", architectures.preset("lecture-1"), config.to_dict())
    store.claim_next_run(999_999_999, "CPU")  # a pid that does not exist
    app = open_page("train")
    assert "the button below trains it again" in app.warning[0].value
    app.button(key=f"again_{run_id}").click().run()
    assert not app.exception
    again = store.get_run(run_id + 1)
    assert (again.name, again.spec) == ("orphan", store.get_run(run_id).spec)
    assert TrainConfig.from_dict(again.config) == config
    assert app.query_params["run"] == str(again.id)
    assert f"Run #{again.id} added to the queue" in app.success[0].value
    assert store.get_run(run_id).status == "interrupted"  # the lost run stays as it was
    wait_for(lambda: not store.get_run(again.id).active, 180, "the run to end")


def test_a_run_past_its_last_epoch_says_it_is_testing_not_zero_seconds_left(
    small_data_dir, open_page, isolated_studio
):
    store, run_id = running_run(isolated_studio, epochs=2)
    store.record_progress(run_id, 2, 2, 2)
    app = open_page("train")
    assert metric(app, "Time left") not in ("0 s", "—")  # a last batch is still ahead
    for epoch in (1, 2):
        store.record_epoch(run_id, epoch, {"loss": 0.5, "accuracy": 0.8})
    app.run()
    assert metric(app, "Time left") == "testing…"  # the worker scores the test set
    assert app.get("progress")[0].proto.text.startswith("Every epoch trained: scoring the test")


def test_a_finished_run_offers_no_train_again(small_data_dir, open_page, isolated_studio):
    _, run_id = store_with_finished_run(isolated_studio)
    app = open_page("train")
    assert not [button for button in app.button if button.key == f"again_{run_id}"]


@pytest.mark.parametrize(
    ("language", "title", "epochs", "patience", "optimizer"),
    [
        ("en", "Network and settings of run #{id}", "Epochs", "Early-stopping patience", "Adam"),
        ("ko", "실행 #{id}의 네트워크와 설정", "에포크", "조기 종료 인내", "Adam"),
    ],
)
def test_a_runs_network_and_settings_are_listed_under_it(
    small_data_dir,
    open_page,
    isolated_studio,
    monkeypatch,
    language,
    title,
    epochs,
    patience,
    optimizer,
):
    # A student who opens a run by its link sees what it was trained with, not only its curves.
    monkeypatch.setenv("FMNIST_LANG", language)
    _, run_id = store_with_finished_run(isolated_studio)
    app = open_page("train", query_params={"run": str(run_id)})
    assert title.format(id=run_id) in [expander.label for expander in app.expander]
    table = next(table.value for table in app.table if epochs in table.value.index)
    column = table.columns[0]
    assert table.loc[epochs, column] == "3"
    assert table.loc["Optimizer" if language == "en" else "옵티마이저", column] == optimizer
    assert table.loc[patience, column] == ("off" if language == "en" else "끔")  # not a bare 0
    assert "lecture-2 pool+dropout" in set(table[column])  # the network, with its layers


def test_a_visit_to_another_page_keeps_the_network_picked(small_data_dir, open_page):
    app = open_page("train")
    app.selectbox(key="train_network").set_value("preset:lecture-2").run()
    for page in ("home", "train"):  # as from the sidebar: a plain address
        app.switch_page(f"app_pages/{page}.py")
        app.query_params.clear()
        app.run()
    assert app.selectbox(key="train_network").value == "preset:lecture-2"
    assert app.query_params.get("arch") == "lecture-2"


def test_a_recipes_figures_for_a_network_of_ones_own_say_they_are_another_networks(
    small_data_dir, open_page
):
    mine = {"name": "mine", "layers": architectures.preset("lecture-2")["layers"][:6]}
    mine["layers"].append({"type": "Dense", "units": 10, "activation": "softmax"})
    from fmnist_core import network_links

    app = open_page("train", query_params={"network": network_links.to_link(mine)})
    captions = [c.value for c in app.caption if "Your network has not been measured" in c.value]
    assert captions and all(c.startswith("Measured on the ") for c in captions)
    # The GPU recipe, cut short on a CPU: each sentence once, in order, the cut one about the
    # network measured and before what is said of yours.
    best = next(c for c in captions if c.startswith("Measured on the best network:"))
    assert ".." not in best
    assert best.endswith(" to fit that machine. Your network has not been measured.")
    app.selectbox(key="train_network").set_value("preset:lecture-2").run()
    assert not [c for c in app.caption if "Your network has not been measured" in c.value]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_an_edit_of_a_lecture_model_cites_the_model_it_was_edited_from(
    small_data_dir, open_page, monkeypatch, language
):
    """lecture-2 with 24 filters, brought from the Architecture page, trains with the lecture's
    recipe: its caption once cited lecture-3's 92%, the figure nearest being lecture-2's."""
    from fmnist_core import measured, network_links

    monkeypatch.setenv("FMNIST_LANG", language)
    edited = architectures.preset("lecture-2") | {"name": "lecture-2 (edited)"}
    edited["layers"][0] = {**edited["layers"][0], "filters": 24}
    link = network_links.to_link(edited, origin="preset:lecture-2")
    app = open_page("train", query_params={"network": link})
    said = {
        "en": "Your network is edited from the lecture-2 network, whose figures these are; the "
        "edit itself has not been measured.",
        "ko": "선택한 네트워크는 lecture-2 네트워크를 고친 것이고, 이 값은 lecture-2의 값입니다. "
        "고친 네트워크 자체는 측정한 적이 없습니다.",
    }[language]
    (caption,) = [c.value for c in app.caption if said in c.value]
    opening = {"en": "Measured on the lecture-2 network:", "ko": "lecture-2 네트워크로 잰 결과"}
    assert caption.startswith(opening[language]) and "lecture-3" not in caption
    assert measured.recipe_claim("lecture", "lecture-2").preset == "lecture-2"
    # The fast recipe was never measured on lecture-2: it cites fast's figures, not as the edit's.
    fast = next(c.value for c in app.caption if "fast" in c.value and "%" in c.value)
    assert fast.endswith(t_("train.recipe_not_yours", language))


def test_a_saved_copy_of_a_preset_is_said_to_be_measured_as_that_preset(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    store.save_architecture("my fast", architectures.preset("fast"))
    app = open_page("train")
    app.selectbox(key="train_network").set_value("saved:my fast").run()
    captions = [c.value for c in app.caption]
    fast = next(c for c in captions if c.startswith("Measured on the fast network:"))
    assert fast.endswith(
        "Your network has the fast network's layers, so these figures hold for it."
    )
    # The lecture's recipe was measured on lecture-3, not on fast's layers: not this network's.
    lecture = next(c for c in captions if c.startswith("Measured on the lecture-3 network:"))
    assert lecture.endswith(
        "). Your network has the fast network's layers, which have not been measured with "
        "this recipe."
    )


def test_a_recipe_measured_on_another_preset_says_the_chosen_one_was_not(small_data_dir, open_page):
    """Beside the fast preset, the lecture's recipe cites lecture-3's figures: a student must
    not read them as fast's."""
    app = open_page("train", query_params={"arch": "fast"})
    captions = [c.value for c in app.caption]
    lecture = next(c for c in captions if c.startswith("Measured on the lecture-3 network:"))
    assert lecture.endswith("). The fast network has not been measured with this recipe.")
    fast = next(c for c in captions if c.startswith("Measured on the fast network:"))
    assert fast.endswith(").")  # its own figures: nothing more to say


def test_a_pasted_run_name_over_the_limit_is_taken_and_said_too_long(small_data_dir, open_page):
    """A box with a character limit drops a longer paste without a word (Streamlit's own
    behaviour, seen in Chromium): the box takes it, and the page says what to change."""
    app = open_page("train")
    assert not app.text_input(key="train_run_name").max_chars
    app.text_input(key="train_run_name").set_value("x" * 75).run()
    assert "it has 75 characters; use at most 60" in app.warning[0].value


def test_compare_with_other_runs_opens_compare_with_this_run_ticked(
    small_data_dir, open_page, trained_run, monkeypatch
):
    # The link once opened Compare on the three newest runs, leaving out the one looked at.
    home, run_id = trained_run
    monkeypatch.setenv("FMNIST_HOME", str(home))
    app = open_page("train", query_params={"run": str(run_id)})
    (link,) = [link for link in app.get("page_link") if link.proto.page == "compare"]
    assert link.proto.query_string == f"runs={run_id}"


@pytest.mark.shows_error
@pytest.mark.parametrize("language", ["en", "ko"])
def test_unreadable_data_is_said_and_the_runs_trained_before_stay_in_view(
    small_data_dir, open_page, trained_run, monkeypatch, language
):
    # The page once stopped at the data's message: a damaged file hid every run's results.
    home, run_id = trained_run
    monkeypatch.setenv("FMNIST_HOME", str(home))
    monkeypatch.setenv("FMNIST_LANG", language)
    path = small_data_dir / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-20])
    app = open_page("train", query_params={"run": str(run_id)})
    assert "train-labels-idx1-ubyte.gz" in app.error[0].value
    said = {
        "en": "the New run form is away until it can be read; the runs trained before are below.",
        "ko": "이전에 학습한 실행은 아래에 있습니다.",
    }[language]
    assert said in app.info[0].value
    assert not [box for box in app.expander if box.label == t_("train.new_run", language)]
    assert app.get("plotly_chart")  # the run's curves
    run = RunStore(home).get_run(run_id)
    scores = {m.label: m.value for m in app.metric}
    assert scores[t_("train.test_accuracy", language)] == f"{run.test_accuracy:.2%}"
    assert not [button for button in app.button if button.key.startswith("edit_again_")]


@pytest.mark.shows_error
def test_unreadable_data_without_runs_says_what_training_waits_for(
    small_data_dir, open_page, isolated_studio
):
    path = small_data_dir / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-20])
    app = open_page("train")
    assert "train-labels-idx1-ubyte.gz" in app.error[0].value
    assert [box.value for box in app.info] == [
        "Training needs the data: once it can be read, the New run form will appear here."
    ]  # not "No runs yet: press Start training above", with no Start there


def t_(key: str, language: str) -> str:
    from ui import i18n

    return i18n.MESSAGES[key][language]
