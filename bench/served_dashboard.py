"""The real dashboard on a free localhost port, for browser tests, benchmarks and screenshots."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
# Debian's Chromium as root, with nothing reaching out to the network.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_dashboard(
    environment: dict[str, str], log: IO[bytes] | int = subprocess.DEVNULL, timeout: float = 60
) -> Iterator[tuple[str, subprocess.Popen]]:
    """``streamlit run dashboard.py`` with ``environment``: yields (URL, process), then stops it."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the dashboard did not start; see its log")
            time.sleep(0.3)
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


def full_height_screenshot(page, path: Path) -> Path:
    """Save the whole page at its width: Streamlit scrolls inside its main area, so the window is
    grown to the content's height for the shot (at most 6,000 pixels), then put back."""
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 800), 6000)})
    page.wait_for_timeout(500)
    page.screenshot(path=path, timeout=120_000)  # a busy machine paints slowly
    page.set_viewport_size(size)
    return path


def wait_idle(page, timeout_ms: int = 60_000, settle_ms: int = 0) -> None:
    """Wait until Streamlit has finished the current script run (then ``settle_ms`` more, for
    charts to draw before a screenshot)."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=timeout_ms)
    if settle_ms:
        page.wait_for_timeout(settle_ms)


def show_one_class(page, name: str, timeout_ms: int = 60_000) -> None:
    """On the Dataset page, clear the class filter and pick class ``name`` alone."""
    page.get_by_role("button", name="Clear all").click()
    wait_idle(page, timeout_ms)
    page.get_by_role("combobox", name="Classes").click()
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")
    wait_idle(page, timeout_ms)
