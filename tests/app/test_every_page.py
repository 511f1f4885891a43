"""Every page, opened directly, in every state of the run store and in both languages.

A page that breaks shows the dashboard's "Something went wrong" box rather than a traceback; the
conftest's check turns that (and any error box) into a failure, so this grid catches a page
that cannot open as a user finds it: with no runs, with a finished run, and while one trains.
"""

from __future__ import annotations

import os

import pytest

from fmnist_core import architectures
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig
from ui import i18n

PAGES = ["home", "lecture", "dataset", "architecture", "train", "compare", "draw"]
TITLES = {"home": "app.title"} | {page: f"nav.{page}" for page in PAGES[1:]}


def _running_and_stopped(home) -> None:
    """A run training right now (this process stands in for its worker) and a stopped one."""
    store = RunStore(home)
    spec = architectures.preset("lecture-2")
    for name, epochs_done in (("stopped early", 1), ("training now", 2)):
        run_id = store.create_run(
            name, spec, TrainConfig(epochs=5).to_dict(), running_in=(os.getpid(), "CPU test")
        )
        for epoch in range(1, epochs_done + 1):
            store.record_epoch(
                run_id,
                epoch,
                {"loss": 1 / epoch, "accuracy": 0.7, "val_loss": 1.1 / epoch, "val_accuracy": 0.68},
            )
        store.record_progress(run_id, epochs_done + 1, 10, 100)
        if name == "stopped early":
            store.finish_run(run_id, "stopped")


@pytest.fixture(params=["empty", "finished", "running"])
def store_state(request, monkeypatch, isolated_studio):
    """FMNIST_HOME with no runs, with one finished (trained) run, or with a running one."""
    if request.param == "finished":
        home, _ = request.getfixturevalue("trained_run")
        monkeypatch.setenv("FMNIST_HOME", str(home))
    elif request.param == "running":
        _running_and_stopped(isolated_studio)
    return request.param


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("page", PAGES)
def test_page_opens_without_an_error(
    small_data_dir, open_page, monkeypatch, store_state, page, language
):
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page(page)  # the conftest fails the test on an exception or error box
    assert app.title[0].value == i18n.MESSAGES[TITLES[page]][language]


@pytest.mark.shows_error
@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("page", ["train", "compare", "draw"])
def test_a_damaged_store_is_explained_where_runs_are_shown(
    small_data_dir, open_page, monkeypatch, isolated_studio, page, language
):
    RunStore(isolated_studio)  # a real store, then its header overwritten
    path = isolated_studio / "studio.sqlite"
    path.write_bytes(b"not a database!!" + path.read_bytes()[16:])
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page(page)
    expected = {"en": "The run store ", "ko": "실행 저장소 "}[language]
    assert [box.value[: len(expected)] for box in app.error] == [expected]
    assert str(path) in app.error[0].value


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_presets_stay_open_on_the_architecture_page_while_the_store_is_away(
    small_data_dir, open_page, monkeypatch, isolated_studio, language
):
    RunStore(isolated_studio)
    path = isolated_studio / "studio.sqlite"
    path.write_bytes(b"not a database!!" + path.read_bytes()[16:])
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("architecture", query_params={"arch": "lecture-2"})
    store_said = {"en": "The run store ", "ko": "실행 저장소 "}[language]
    (said,) = [box.value for box in app.warning if box.value.startswith(store_said)]
    assert str(path) in said
    assert i18n.MESSAGES["arch.store_away"][language] in said
    assert app.selectbox(key="arch_source").value == "preset:lecture-2"
    assert app.button(key="arch_save").disabled
    assert i18n.MESSAGES["arch.saved_wait"][language] in [c.value for c in app.caption]
    app.number_input(key=app.number_input[0].key).increment().run()  # an edit needs no store
    assert app.error == [] and app.exception == []


@pytest.mark.parametrize("page", PAGES)
def test_the_korean_page_shows_no_english_prose(
    small_data_dir, open_page, monkeypatch, store_state, page
):
    import os

    from tests.app.korean_text import english_words, names_users_gave, visible_texts

    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page(page)
    names = names_users_gave(os.environ["FMNIST_HOME"])
    english = {
        text[:120]: words for text in visible_texts(app) if (words := english_words(text, names))
    }
    assert english == {}, "\n".join(f"{words}: {text}" for text, words in english.items())


@pytest.mark.parametrize("preset", list(architectures.PRESETS))
def test_every_preset_reads_in_korean_on_the_architecture_page(
    small_data_dir, open_page, monkeypatch, preset
):
    from tests.app.korean_text import english_words, names_users_gave, visible_texts

    monkeypatch.setenv("FMNIST_LANG", "ko")  # AppTest formats options outside the session
    app = open_page("architecture")
    app.selectbox(key="arch_source").set_value(f"preset:{preset}").run()
    names = names_users_gave(os.environ["FMNIST_HOME"])
    english = {
        text[:120]: words for text in visible_texts(app) if (words := english_words(text, names))
    }
    assert english == {}, "\n".join(f"{words}: {text}" for text, words in english.items())
