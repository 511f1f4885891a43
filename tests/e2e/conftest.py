"""The browser suite's fixtures: a real dashboard on a free port, and Debian's Chromium.

The dashboard runs as ``streamlit run dashboard.py`` with a temporary studio home; it is stopped
at the end (failures included), with any worker it started. Screenshots go to
``tests/e2e/artifacts/``; on a failure the page's screenshot and the server log are kept there.
(The README's screenshots are taken from real runs by ``python -m scripts.screenshots``.)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from pathlib import Path

import pytest

from bench.served_dashboard import CHROMIUM_FLAGS, full_height_screenshot, running_dashboard
from fmnist_core.store import RunStore, pid_alive
from tests.conftest import FULL_DATA_DIR, ROOT

ARTIFACTS = ROOT / "tests" / "e2e" / "artifacts"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if path is None:
        message = "Debian's chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: its absence there is a failure, not a skip
        pytest.skip(message)
    return path


@contextlib.contextmanager
def served(home: Path, log_name: str):
    """A dashboard on ``home`` (English, offline, the full data when the suite has it), its log
    in the artifacts; on the way out, any worker it started is stopped."""
    environment = {
        **os.environ,
        "FMNIST_HOME": str(home),
        "FMNIST_OFFLINE": "1",
        "FMNIST_WORKER_IDLE": "20",
        "FMNIST_LANG": "en",
    }
    if FULL_DATA_DIR:
        environment["FMNIST_DATA_DIR"] = FULL_DATA_DIR
    else:
        environment.pop("FMNIST_DATA_DIR", None)
    log_path = ARTIFACTS / log_name
    with open(log_path, "wb") as log, running_dashboard(environment, log) as (url, _):
        try:
            yield {"url": url, "home": home, "log": log_path}
        finally:
            for run in RunStore(home).list_runs():  # workers run in their own session
                if run.worker_pid and pid_alive(run.worker_pid):
                    os.kill(run.worker_pid, signal.SIGTERM)
            # A worker still loading Keras has claimed no run yet: left, it then trained the
            # queue's 25-epoch run for an hour under the rest of the suite, which timed out.
            for pid in workers_serving(home):
                os.kill(pid, signal.SIGTERM)


def workers_serving(home: Path) -> list[int]:
    """The worker processes started for the studio ``home`` (Linux: read from /proc)."""
    wanted = f"FMNIST_HOME={home}".encode()
    found = []
    processes = Path("/proc")
    if not processes.is_dir():  # macOS: only the workers that claimed a run are stopped
        return found
    for process in processes.iterdir():
        if not process.name.isdigit():
            continue
        try:
            command = (process / "cmdline").read_bytes()
            environment = (process / "environ").read_bytes()
        except OSError:  # ended meanwhile, or not ours to read
            continue
        if b"fmnist_core.worker" in command and wanted in environment.split(b"\0"):
            found.append(int(process.name))
    return found


def assert_log_clean(dashboard: dict) -> None:
    """dashboard.py logs every exception it caught on a page, and Streamlit prints a traceback for
    one raised in a widget's callback (which runs before the page); neither may have happened."""
    log = dashboard["log"].read_text(errors="replace")
    assert "Unexpected error" not in log, log[-4000:]
    assert "Traceback" not in log, log[-4000:]


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory):
    """The URL of the dashboard the walk-through shares, and its studio home."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS.glob("FAILED-*.png"):
        stale.unlink()
    with served(tmp_path_factory.mktemp("e2e-home"), "server.log") as started:
        yield started


@pytest.fixture(scope="module")
def own_dashboard(tmp_path_factory, request):
    """A dashboard of the test module's own, for tests whose runs must not change what the
    shared walk-through sees (a sweep's runs would become Compare's newest)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = request.module.__name__.rsplit(".", 1)[-1]
    with served(tmp_path_factory.mktemp(f"e2e-{name}"), f"server-{name}.log") as started:
        yield started


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(browser):
    """One tab for the whole walk, as a user keeps one open."""
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


def screenshot(page, name: str) -> Path:
    """Save the page as ``name``.png in the artifacts (README shots: scripts.screenshots)."""
    return full_height_screenshot(page, ARTIFACTS / f"{name}.png")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed step, keep what the browser showed next to the server log."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "page" in item.fixturenames:
        tab = item.funcargs["page"]
        # A crashed browser must not hide the test's own failure.
        with contextlib.suppress(Exception):
            tab.screenshot(path=ARTIFACTS / f"FAILED-{item.name}.png", full_page=True)
