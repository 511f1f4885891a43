"""The dashboard on a PostgreSQL run store: runs listed from the server, and a connection problem
said in one sentence in the user's language instead of a page that breaks."""

from __future__ import annotations

import os

import pytest

from fmnist_core import architectures
from fmnist_core.store import RunStore
from tests.postgres import STUDENT_PASSWORD
from ui import i18n


@pytest.mark.shows_error
def test_a_wrong_password_is_one_sentence_on_the_page_in_both_languages(
    postgres_server, postgres_database, monkeypatch, open_page
):
    name = postgres_database.rsplit("/", 1)[1]
    monkeypatch.setenv("FMNIST_STORE_URL", postgres_server.url(name, "student", "wrong"))
    server = f"127.0.0.1:{postgres_server.port}/{name}"
    english = (
        f"The PostgreSQL server {server} refused user student: the user name or the password is "
        "wrong, or the password is missing. Correct them in FMNIST_STORE_URL, or ask the "
        "database's owner."
    )
    assert [box.value for box in open_page("compare").error] == [english]
    korean = i18n.MESSAGES["store.wrong_password"]["ko"].format(server=server, user="student")
    korean = i18n.korean.particles(korean)  # test_1이, test_2가: as its last digit is read
    assert [box.value for box in open_page("compare", language="ko").error] == [korean]


@pytest.mark.shows_error
def test_the_page_says_the_server_is_down_and_shows_the_runs_once_it_is_back(
    postgres_server, postgres_database, open_page
):
    store = RunStore()
    run_id = store.create_run("kept through a restart", architectures.preset("fast"), {})
    store.claim_next_run(os.getpid(), "CPU")
    store.record_epoch(run_id, 1, {"loss": 0.5, "accuracy": 0.8})
    store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=0.81)
    app = open_page("compare")
    assert app.error == [] and app.dataframe[0].value["name"].tolist() == ["kept through a restart"]
    postgres_server.stop()
    try:
        (box,) = open_page("compare").error
        assert box.value.startswith("The run store's PostgreSQL server 127.0.0.1:")
        assert "what is already recorded is kept" in box.value
    finally:
        postgres_server.start()
    app = open_page("compare")
    assert app.error == []
    assert app.dataframe[0].value["name"].tolist() == ["kept through a restart"]
    assert [e.epoch for e in RunStore().epochs(run_id)] == [1]


def test_the_student_can_use_the_store_with_the_right_password(
    postgres_server, postgres_database, monkeypatch, open_page
):
    name = postgres_database.rsplit("/", 1)[1]
    monkeypatch.setenv("FMNIST_STORE_URL", postgres_server.url(name, "student", STUDENT_PASSWORD))
    assert open_page("compare").error == []


@pytest.mark.shows_error
def test_a_bad_port_is_one_sentence_on_the_page_with_its_detail_in_korean(monkeypatch, open_page):
    url = "postgresql://studio:s3cret@localhost/studio?port=abc"
    monkeypatch.setenv("FMNIST_STORE_URL", url)
    shown = "postgresql://studio:***@localhost/studio?port=abc"
    (box,) = open_page("compare").error
    assert box.value.startswith(
        f"FMNIST_STORE_URL ({shown}) is not a PostgreSQL address (port abc is not a number from "
        "1 to 65535)."
    )
    (box,) = open_page("compare", language="ko").error
    assert box.value.startswith(
        f"FMNIST_STORE_URL({shown})은(는) PostgreSQL 주소가 아닙니다"
        "(포트 abc은(는) 1부터 65535까지의 숫자가 아닙니다)."
    )
    assert "s3cret" not in box.value


@pytest.mark.shows_error
def test_an_unreadable_url_is_said_in_korean_without_english_inside(monkeypatch, open_page):
    monkeypatch.setenv("FMNIST_STORE_URL", "postgresql//studio:s3cret@localhost/studio")
    (box,) = open_page("compare", language="ko").error
    assert box.value == i18n.MESSAGES["store.bad_url"]["ko"].format(
        url="postgresql//studio:***@localhost/studio",
        detail=i18n.MESSAGES["store.url_unreadable"]["ko"],
    )
    assert "cannot be read" not in box.value
