"""The run store on a real PostgreSQL server: what differs from SQLite, and what can go wrong.

The store's whole suite runs on both databases (the ``database`` fixture); these tests cover what
only a server has: a version table, a sequence after old run folders, connection problems said in
one sentence (wrong password, missing database, server down, a bad URL), and a server stopped in
the middle of a run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from fmnist_core import architectures
from fmnist_core import store as store_module
from fmnist_core.__main__ import main
from fmnist_core.store import MIGRATIONS, RunStore, StoreUnavailable
from tests.conftest import ROOT
from tests.postgres import STUDENT_PASSWORD, free_port

SPEC = architectures.preset("lecture-2")
CONFIG = {"epochs": 5}


def _database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_the_schema_is_versioned_and_times_keep_their_fractions(postgres_database, tmp_path):
    store = RunStore(tmp_path)
    RunStore(tmp_path)  # opening it again migrates nothing twice
    with store.engine.connect() as db:
        versions = db.exec_driver_sql("SELECT version FROM schema_version").scalars().all()
    assert versions == [len(MIGRATIONS)]
    before = time.time()
    run_id = store.create_run("timed", SPEC, CONFIG)
    store.record_epoch(run_id, 1, {"loss": 0.123456789012, "seconds": 1.000001})
    # PostgreSQL's REAL would keep about 7 digits: a time of day would lose its minutes.
    assert before <= store.get_run(run_id).created <= time.time()
    (epoch,) = store.epochs(run_id)
    assert (epoch.loss, epoch.seconds) == (0.123456789012, 1.000001)


def test_a_new_database_for_an_old_home_numbers_runs_after_its_folders(
    tmp_path, monkeypatch, postgres_database
):
    monkeypatch.delenv("FMNIST_STORE_URL")
    on_sqlite = RunStore(tmp_path)
    old = on_sqlite.create_run("trained on SQLite", SPEC, CONFIG)
    on_sqlite.run_dir(old).joinpath("model.keras").write_bytes(b"the old run's model")
    monkeypatch.setenv("FMNIST_STORE_URL", postgres_database)
    on_postgres = RunStore(tmp_path)
    assert on_postgres.create_run("trained on PostgreSQL", SPEC, CONFIG) == old + 1
    assert on_postgres.run_dir(old).joinpath("model.keras").read_bytes() == b"the old run's model"


def test_sqlite_and_postgresql_taking_turns_on_one_home_never_share_a_run_folder(
    tmp_path, monkeypatch, postgres_database
):
    """README: unset FMNIST_STORE_URL to go back to SQLite. Each store numbered its runs on its
    own, so the run trained after going back took the number of PostgreSQL's last run, and
    wrote its model into that run's folder."""
    monkeypatch.delenv("FMNIST_STORE_URL")
    on_sqlite = RunStore(tmp_path)
    numbers = [on_sqlite.create_run("SQLite 1", SPEC, CONFIG)]
    monkeypatch.setenv("FMNIST_STORE_URL", postgres_database)
    on_postgres = RunStore(tmp_path)
    for store in (on_postgres, on_sqlite, on_postgres, on_sqlite):
        number = store.create_run("turn", SPEC, CONFIG)
        store.run_dir(number).joinpath("model.keras").write_bytes(str(number).encode())
        numbers.append(number)
    _, queued = on_sqlite.create_sweep("grid", [], [("a sweep's run", {}, SPEC, CONFIG, None)])
    numbers += queued
    assert numbers == sorted(set(numbers))  # each number once, each higher than the one before
    assert on_postgres.run_dir(numbers[1]).joinpath("model.keras").read_bytes() == b"2"


def _problem_urls(server, database_url):
    """(what is wrong, URL, the sentence the user reads) for each connection problem."""
    name = _database_name(database_url)
    port = free_port()
    here = f"127.0.0.1:{server.port}"
    return [
        (
            "wrong password",
            server.url(name, "student", "not-the-password"),
            f"The PostgreSQL server {here}/{name} refused user student: the user name or the "
            "password is wrong, or the password is missing. Correct them in FMNIST_STORE_URL, or "
            "ask the database's owner.",
        ),
        (
            "missing database",
            server.url("no_such_studio", "student", STUDENT_PASSWORD),
            f"The PostgreSQL server {here}/no_such_studio has no database named no_such_studio. "
            "Create it for that user (createdb -O student no_such_studio) or correct the name in "
            "FMNIST_STORE_URL, then try again.",
        ),
        (
            "server down",
            f"postgresql://student:{STUDENT_PASSWORD}@127.0.0.1:{port}/{name}",
            f"The run store's PostgreSQL server 127.0.0.1:{port}/{name} does not answer. Start "
            "the server or correct the host and port in FMNIST_STORE_URL, then try again; what "
            "is already recorded is kept. (The driver said: connection failed: ",
        ),
        (
            "not a PostgreSQL URL",
            f"mysql://student:{STUDENT_PASSWORD}@127.0.0.1/{name}",
            f"FMNIST_STORE_URL (mysql://student:***@127.0.0.1/{name}) is not a PostgreSQL address "
            "(it starts with mysql://, not postgresql://). Write it as "
            "postgresql://user:password@host:port/database, or unset it to use the SQLite file "
            "in FMNIST_HOME.",
        ),
    ]


def test_connection_problems_are_one_sentence_on_the_command_line(
    postgres_server, postgres_database, monkeypatch, capsys
):
    for problem, url, sentence in _problem_urls(postgres_server, postgres_database):
        monkeypatch.setenv("FMNIST_STORE_URL", url)
        assert main(["runs", "list"]) == 2, problem
        error = capsys.readouterr().err
        assert error.startswith(f"error: {sentence}"), (problem, error)
        assert error.count("\n") == 1 and "Traceback" not in error, problem
        assert STUDENT_PASSWORD not in error and "not-the-password" not in error, problem
    # The right password on the right database works, and shows the empty store.
    monkeypatch.setenv(
        "FMNIST_STORE_URL",
        postgres_server.url(_database_name(postgres_database), "student", STUDENT_PASSWORD),
    )
    assert main(["runs", "list"]) == 0


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        # A colon missing or halved after the scheme: SQLAlchemy cannot read these at all.
        ("postgresql//studio:{pw}@localhost/studio", "postgresql//studio:***@localhost/studio"),
        ("postgresql:/studio:{pw}@localhost/studio", "postgresql:/studio:***@localhost/studio"),
        ("studio:{pw}@localhost/studio", "studio:***@localhost/studio"),
    ],
)
def test_a_malformed_url_never_shows_its_password(url, shown, monkeypatch, capsys):
    monkeypatch.setenv("FMNIST_STORE_URL", url.format(pw="s3cret:with@signs"))
    assert main(["runs", "list"]) == 2
    assert capsys.readouterr().err == (
        f"error: FMNIST_STORE_URL ({shown}) is not a PostgreSQL address (it cannot be read as a "
        "URL: it must start with postgresql://). Write it as "
        "postgresql://user:password@host:port/database, or unset it to use the SQLite file in "
        "FMNIST_HOME.\n"
    )


def test_connection_problems_name_their_cause_and_what_to_do(
    postgres_server, postgres_database, monkeypatch, capsys
):
    name = _database_name(postgres_database)
    here = f"127.0.0.1:{postgres_server.port}/{name}"
    said = {
        # A password's @ not written as %40: its tail would be read as the host, and shown.
        f"postgresql://student:pa@ss@{here}": "error: FMNIST_STORE_URL "
        f"(postgresql://student:***@{here}) is not a PostgreSQL address (its user name or "
        "password holds an @, :, / or ? as it is: write each percent-encoded (@ as %40, : as "
        "%3A, / as %2F, ? as %3F)).",
        f"postgresql://student:{STUDENT_PASSWORD}@nohost.invalid/{name}": "error: The run "
        "store's PostgreSQL host nohost.invalid is not known on this machine. Correct the host in "
        "FMNIST_STORE_URL (or this machine's name service), then try again.",
        f"postgresql://student:{STUDENT_PASSWORD}@{here}?sslmode=require": "error: The "
        f"PostgreSQL server {here} does not accept SSL connections, which FMNIST_STORE_URL asks "
        "for (sslmode). Remove sslmode from the URL or turn SSL on in the server, then try again.",
        # The user given as ?user= is the one named.
        f"postgresql://{here}?user=student&password=N0tIt": f"error: The PostgreSQL server "
        f"{here} refused user student: ",
    }
    for url, sentence in said.items():
        monkeypatch.setenv("FMNIST_STORE_URL", url)
        assert main(["runs", "list"]) == 2, url
        error = capsys.readouterr().err
        assert error.startswith(sentence), (url, error)
        assert "ss@" not in error and STUDENT_PASSWORD not in error and "N0tIt" not in error
    # Spelled as it should be, the password with an @ reaches the server (which refuses it).
    monkeypatch.setenv("FMNIST_STORE_URL", f"postgresql://student:pa%40ss@{here}")
    assert main(["runs", "list"]) == 2
    assert "refused user student" in capsys.readouterr().err


def test_a_password_in_the_query_is_hidden_too(monkeypatch, capsys):
    monkeypatch.setenv("FMNIST_STORE_URL", "postgresql://studio@h:abc/s?password=s3cret&x=1")
    assert main(["runs", "list"]) == 2
    error = capsys.readouterr().err
    assert "s3cret" not in error and "(postgresql://studio@h:abc/s?password=***&x=1)" in error


@pytest.mark.parametrize(
    ("url", "port"),
    [
        ("postgresql://studio:{pw}@localhost/studio?port=abc", "abc"),
        ("postgresql://studio:{pw}@localhost:abc/studio", "abc"),
        ("postgresql://studio:{pw}@localhost:99999/studio", "99999"),
        ("postgresql://studio:{pw}@/studio?host=/tmp/rvpg&port=0", "0"),
    ],
)
def test_a_port_that_is_not_a_port_is_a_bad_url_not_a_traceback(url, port, monkeypatch, capsys):
    monkeypatch.setenv("FMNIST_STORE_URL", url.format(pw="s3cret"))
    assert main(["runs", "list"]) == 2
    error = capsys.readouterr().err
    assert error == (
        f"error: FMNIST_STORE_URL ({url.format(pw='***')}) is not a PostgreSQL address (port "
        f"{port} is not a number from 1 to 65535). Write it as "
        "postgresql://user:password@host:port/database, or unset it to use the SQLite file in "
        "FMNIST_HOME.\n"
    )


def test_over_the_unix_socket_messages_name_the_port_in_the_query(
    postgres_server, postgres_database, tmp_path, monkeypatch
):
    monkeypatch.setenv("FMNIST_STORE_URL", postgres_server.socket_url("no_such_studio"))
    with pytest.raises(StoreUnavailable) as raised:
        RunStore(tmp_path)
    assert str(raised.value).startswith(
        f"The PostgreSQL server {postgres_server.folder}:{postgres_server.port}/no_such_studio "
        "has no database named no_such_studio."
    )


def test_a_stopped_server_over_the_unix_socket_is_said_to_be_down(
    postgres_server, postgres_database, tmp_path, monkeypatch
):
    name = _database_name(postgres_database)
    monkeypatch.setenv("FMNIST_STORE_URL", postgres_server.socket_url(name))
    store = RunStore(tmp_path)
    store.create_run("over the socket", SPEC, CONFIG)
    postgres_server.stop()
    try:
        for _ in range(2):  # a fresh store, then one whose pooled connection the stop cut off
            with pytest.raises(StoreUnavailable) as raised:
                RunStore(tmp_path).list_runs()
            assert raised.value.key == "server_down"
            assert str(raised.value).startswith(
                f"The run store's PostgreSQL server {postgres_server.folder}:"
                f"{postgres_server.port}/{name} does not answer. "
            )
            with pytest.raises(StoreUnavailable) as raised:
                store.list_runs()
            assert raised.value.key == "server_down"
    finally:
        postgres_server.start()
    assert [run.name for run in store.list_runs()] == ["over the socket"]


def test_an_epoch_written_over_the_socket_while_the_server_restarts_waits_for_it(
    postgres_server, postgres_database, tmp_path, monkeypatch
):
    monkeypatch.setenv(
        "FMNIST_STORE_URL", postgres_server.socket_url(_database_name(postgres_database))
    )
    store = RunStore(tmp_path)
    run_id = store.create_run("restart over the socket", SPEC, CONFIG)
    store.claim_next_run(os.getpid(), "CPU")
    store.record_epoch(run_id, 1, {"loss": 0.9})
    postgres_server.stop()
    restart = threading.Timer(1.5, postgres_server.start)
    restart.start()
    try:
        started = time.monotonic()
        store.record_epoch(run_id, 2, {"loss": 0.5})  # tries again until the server is back
        store.finish_run(run_id, "finished", test_loss=0.5, test_accuracy=0.8)
        waited = time.monotonic() - started
    finally:
        restart.join()
    assert waited >= 1.0
    assert [(e.epoch, e.loss) for e in store.epochs(run_id)] == [(1, 0.9), (2, 0.5)]
    assert store.get_run(run_id).status == "finished"


def test_a_server_down_answers_at_once_when_reading(postgres_database, tmp_path, monkeypatch):
    """Pages read without retrying: a dead server is said in seconds, not after a timeout."""
    monkeypatch.setenv("FMNIST_STORE_URL", f"postgresql://postgres@127.0.0.1:{free_port()}/x")
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as raised:
        RunStore(tmp_path).list_runs()
    assert raised.value.key == "server_down" and time.monotonic() - started < 5


def test_the_server_stopped_mid_run_loses_no_epoch(
    postgres_server, postgres_database, tmp_path, monkeypatch
):
    monkeypatch.setattr(store_module, "RECONNECT_SECONDS", 1.0)
    store = RunStore(tmp_path)
    run_id = store.create_run("through a restart", SPEC, CONFIG)
    store.claim_next_run(os.getpid(), "CPU")
    for epoch in (1, 2):
        store.record_epoch(run_id, epoch, {"loss": 1.0 / epoch})
    postgres_server.stop()
    try:
        with pytest.raises(StoreUnavailable) as raised:
            store.record_epoch(run_id, 3, {"loss": 1 / 3})
        name = _database_name(postgres_database)
        message = str(raised.value)
        assert message.startswith(
            f"The run store's PostgreSQL server 127.0.0.1:{postgres_server.port}/{name} does not "
            "answer. "
        )
        assert (
            "Start the server or correct the host and port in FMNIST_STORE_URL, then try again; "
            "what is already recorded is kept. (The driver said: " in message
        )
    finally:
        postgres_server.start()
    assert [e.epoch for e in store.epochs(run_id)] == [1, 2]  # all there
    store.record_epoch(run_id, 3, {"loss": 1 / 3})  # writing resumes
    assert [e.epoch for e in store.epochs(run_id)] == [1, 2, 3]


def test_an_epoch_written_while_the_server_restarts_waits_for_it(
    postgres_server, postgres_database, tmp_path
):
    store = RunStore(tmp_path)
    run_id = store.create_run("restart", SPEC, CONFIG)
    store.claim_next_run(os.getpid(), "CPU")
    store.record_epoch(run_id, 1, {"loss": 0.9})
    postgres_server.stop()
    restart = threading.Timer(1.5, postgres_server.start)
    restart.start()
    try:
        started = time.monotonic()
        store.record_epoch(run_id, 2, {"loss": 0.5})  # tries again until the server is back
        waited = time.monotonic() - started
    finally:
        restart.join()
    assert waited >= 1.0
    assert [(e.epoch, e.loss) for e in store.epochs(run_id)] == [(1, 0.9), (2, 0.5)]
    assert store.get_run(run_id).epoch == 2


def test_without_psycopg_the_sqlite_store_works_and_a_postgres_url_says_what_to_install(
    tmp_path, monkeypatch, capsys
):
    """The default install has no PostgreSQL driver: SQLite must not need it, a URL must say so."""
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    store = RunStore(tmp_path)
    assert store.get_run(store.create_run("lean", SPEC, CONFIG)).name == "lean"
    monkeypatch.setenv("FMNIST_STORE_URL", "postgresql://student@127.0.0.1/studio")
    assert main(["runs", "list"]) == 2
    assert capsys.readouterr().err == (
        "error: FMNIST_STORE_URL names a PostgreSQL database, but its driver (psycopg) is not "
        "installed. Run pip install -r requirements-cluster.txt, then try again.\n"
    )


@pytest.mark.slow
def test_training_goes_on_through_a_server_restart_with_every_epoch_stored(
    postgres_server, postgres_database, small_data_dir, tmp_path
):
    """The command line trains; the server stops after epoch 2 and is back 3 s later: progress
    writes are skipped meanwhile, the next epoch waits for the server, none is missing."""
    command = ["train", "--arch", "fast", "--recipe", "lecture", "--epochs", "5"]
    command += ["--limit-train", "1000"]
    training = subprocess.Popen(
        [sys.executable, "-m", "fmnist_core", *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    store = RunStore()
    try:
        deadline = time.monotonic() + 120
        while not (store.list_runs() and len(store.epochs(store.list_runs()[0].id)) >= 2):
            assert time.monotonic() < deadline and training.poll() is None, "no epoch 2"
            time.sleep(0.2)
        postgres_server.stop()
        time.sleep(3)
    finally:
        restarting = time.time()
        postgres_server.start()
    output = training.communicate(timeout=120)[0]
    assert training.returncode == 0, output
    (run,) = store.list_runs()
    assert (run.status, run.epoch) == ("finished", 5), output
    epochs = store.epochs(run.id)
    assert [e.epoch for e in epochs] == [1, 2, 3, 4, 5]
    # Training went on through the outage: its last epochs were written after the restart.
    assert epochs[-1].recorded >= restarting
