"""Shared fixtures: every test gets its own studio home, no network, and a known data source."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from fmnist_core import data
from fmnist_core import store as store_module
from fmnist_core.worker import train_here
from tests.postgres import PostgresServer, find_bindir

ROOT = Path(__file__).resolve().parents[1]
# The full Fashion-MNIST folder the suite was started with (CI sets it); tests choose per test.
FULL_DATA_DIR = os.environ.get("FMNIST_DATA_DIR", "")


@pytest.fixture(autouse=True)
def isolated_studio(tmp_path, monkeypatch):
    """A fresh FMNIST_HOME, no data folder, an empty Keras cache, no downloads, English."""
    monkeypatch.delenv("FMNIST_DATA_DIR", raising=False)
    monkeypatch.setenv("FMNIST_HOME", str(tmp_path / "studio"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setenv("FMNIST_OFFLINE", "1")
    # Workers started by a test exit soon after their last run instead of idling for minutes.
    monkeypatch.setenv("FMNIST_WORKER_IDLE", "4")
    monkeypatch.delenv("FMNIST_LANG", raising=False)
    monkeypatch.delenv("FMNIST_STORE_URL", raising=False)  # the SQLite file, unless a test asks
    return tmp_path / "studio"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for this test session (see tests/postgres.py), stopped at the
    end. Skipped where PostgreSQL is not installed, except in CI, which must test it."""
    if find_bindir() is None:
        reason = "PostgreSQL is not installed (Debian: apt-get install postgresql)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason}; CI must run the PostgreSQL tests", pytrace=False)
        pytest.skip(reason)
    # Not under pytest's own temp folder: as root, that is closed to nobody, who runs the server.
    folder = Path(tempfile.mkdtemp(prefix="fmnist-postgres-"))
    try:
        with PostgresServer.started(folder) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_database(request, monkeypatch) -> Iterator[str]:
    """A fresh, empty PostgreSQL database as the run store (FMNIST_STORE_URL, which worker
    processes the test starts inherit too); returns its URL."""
    url = request.getfixturevalue("postgres_server").new_database()
    monkeypatch.setenv("FMNIST_STORE_URL", url)
    yield url
    # This database's connection pool, closed so hundreds of tests stay under the server's limit.
    engine = store_module._ENGINES.pop(url, None)
    if engine is not None:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request) -> str:
    """Runs the test twice: on the SQLite file in FMNIST_HOME, then on a fresh PostgreSQL
    database (``postgres_database``)."""
    if request.param == "sqlite":
        return "sqlite"
    return request.getfixturevalue("postgres_database")


@pytest.fixture
def stand_in_nvidia_smi(tmp_path, monkeypatch):
    """``stand_in_nvidia_smi(output, status=0)`` puts a fake ``nvidia-smi`` first on PATH that
    prints ``output`` (to stderr when ``status`` is not 0), as on a machine with NVIDIA GPUs."""

    def _install(output: str, status: int = 0) -> Path:
        folder = tmp_path / "stand-in-bin"
        folder.mkdir(exist_ok=True)
        script = folder / "nvidia-smi"
        stream = " >&2" if status else ""
        script.write_text(f"#!/bin/sh\ncat <<'LISTED'{stream}\n{output}\nLISTED\nexit {status}\n")
        script.chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
        return folder

    return _install


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """A writable copy of the bundled sample's four files, to load or to damage."""
    folder = tmp_path / "fmnist"
    shutil.copytree(data.SAMPLE_DIR, folder)
    return folder


@pytest.fixture
def small_data_dir(monkeypatch, sample_copy) -> Path:
    """FMNIST_DATA_DIR pointed at the small sample: fast, and every class present."""
    monkeypatch.setenv("FMNIST_DATA_DIR", str(sample_copy))
    return sample_copy


@pytest.fixture
def full_data_dir(monkeypatch) -> Path:
    """FMNIST_DATA_DIR pointed at the full 70,000 images; skipped where the suite has none."""
    if not FULL_DATA_DIR or not data.has_all_files(Path(FULL_DATA_DIR)):
        pytest.skip("the full Fashion-MNIST files are not here (set FMNIST_DATA_DIR)")
    monkeypatch.setenv("FMNIST_DATA_DIR", FULL_DATA_DIR)
    return Path(FULL_DATA_DIR)


@pytest.fixture(scope="session")
def trained_run(tmp_path_factory):
    """A studio home with one finished run: lecture-2 trained briefly on the bundled sample.

    Trained once per test session (a few seconds on a CPU); tests must not change it.
    """
    from fmnist_core import architectures, training
    from fmnist_core.store import RunStore

    home = tmp_path_factory.mktemp("trained")
    config = training.TrainConfig(epochs=3, batch_size=32, validation_split=0.1, seed=1)
    run = train_here(
        RunStore(home),
        "sample lecture-2",
        architectures.preset("lecture-2"),
        config,
        data.load_folder(data.SAMPLE_DIR),
        on_gpu=False,
    )
    assert run.status == "finished", run.error
    return home, run.id
