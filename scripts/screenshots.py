"""Take the README's screenshots from real runs: the lecture's three models side by side.

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m scripts.screenshots [--home DIR]
        [--limit-train 12000] [--epochs 4]

Trains the lecture's three models with the lecture's recipe (batch 32, Adam, a quarter held out
for validation) and the fast network with its recipe, each on the first ``--limit-train``
training images for ``--epochs`` epochs, in a studio home of its own (reused by ``--home`` when it
already holds them), prints how long each took, then serves the dashboard on that home and saves
every page at 1,400 pixels wide into ``docs/screenshots/``: Compare with the three lecture runs'
curves, Train on lecture-3, Draw classifying a drawn pair of trousers with its saliency, Home in
English and Korean, Dataset filtered to trousers, Architecture on lecture-2.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")

from bench.served_dashboard import (
    CHROMIUM_FLAGS,
    full_height_screenshot,
    running_dashboard,
    show_one_class,
    wait_idle,
)

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "docs" / "screenshots"
# Oldest first: the Compare page lists runs newest first and selects the newest three with curves.
RUNS = [
    ("fast", "fast"),
    ("lecture-1", "lecture"),
    ("lecture-2", "lecture"),
    ("lecture-3", "lecture"),
]
# A pair of trousers as a closed polygon on the 280x280 canvas.
TROUSERS = [(100, 30), (180, 30), (190, 250), (150, 250), (140, 90), (130, 250), (90, 250)]


def train_runs(home: Path, limit_train: int, epochs: int) -> dict[str, int]:
    """Train each of ``RUNS`` unless the home has it finished already: {preset: run id}."""
    from fmnist_core import architectures, data, training
    from fmnist_core.store import RunStore
    from fmnist_core.worker import train_here

    store = RunStore(home)
    finished = {run.name: run.id for run in store.list_runs(("finished",))}
    dataset = data.load_dataset()
    ids = {}
    for preset, recipe in RUNS:
        spec = architectures.preset(preset)
        name = f"{spec['name']} · {recipe} recipe"
        if name in finished:
            ids[preset] = finished[name]
            continue
        config = training.TrainConfig.from_dict(
            {**training.RECIPES[recipe].to_dict(), "epochs": epochs, "limit_train": limit_train}
        )
        started = time.perf_counter()
        run = train_here(store, name, spec, config, dataset)
        print(
            f"{name}: {epochs} epoch{'s' * (epochs != 1)} on {limit_train:,} images in "
            f"{time.perf_counter() - started:.0f} s, test accuracy {run.test_accuracy:.4f}"
        )
        ids[preset] = run.id
    return ids


def settled(page) -> None:
    """Until the script run has finished and its charts have drawn."""
    wait_idle(page, timeout_ms=120_000, settle_ms=800)


def take(page, url: str, path: Path) -> None:
    page.goto(url)
    page.wait_for_selector("h1", timeout=120_000)
    settled(page)
    full_height_screenshot(page, path)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="studio home to train into and serve")
    parser.add_argument("--limit-train", type=int, default=12_000)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--output", type=Path, default=SCREENSHOTS, help="folder for the PNGs")
    args = parser.parse_args()
    out = args.output

    with contextlib.ExitStack() as scratch:  # a home of our own goes when the pictures are taken
        home = args.home or Path(
            scratch.enter_context(tempfile.TemporaryDirectory(prefix="fmnist-screens-"))
        )
        ids = train_runs(home, args.limit_train, args.epochs)
        out.mkdir(parents=True, exist_ok=True)
        environment = {**os.environ, "FMNIST_HOME": str(home), "FMNIST_LANG": "en"}
        with running_dashboard(environment) as (url, _), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            take(page, url, out / "home.png")
            take(page, f"{url}/compare", out / "compare.png")
            take(page, f"{url}/train?run={ids['lecture-3']}", out / "train.png")

            page.goto(f"{url}/dataset")
            page.wait_for_selector('[data-testid="stImage"]', timeout=120_000)
            settled(page)
            show_one_class(page, "Trouser", timeout_ms=120_000)
            settled(page)
            full_height_screenshot(page, out / "dataset.png")

            page.goto(f"{url}/architecture")
            page.wait_for_selector('[data-testid="stMetric"]', timeout=120_000)
            settled(page)
            page.get_by_role("combobox", name="Network").click()
            page.get_by_role("option", name="Preset · lecture-2 pool+dropout").first.click()
            settled(page)
            full_height_screenshot(page, out / "architecture.png")

            page.goto(f"{url}/draw")
            page.wait_for_selector("canvas", timeout=120_000)
            settled(page)
            box = page.locator("canvas").last.bounding_box()
            for x, y in [*TROUSERS, TROUSERS[0]]:
                page.mouse.click(box["x"] + x, box["y"] + y)
                page.wait_for_timeout(150)
            page.wait_for_selector('[data-testid="stPlotlyChart"]', timeout=120_000)
            settled(page)
            full_height_screenshot(page, out / "draw.png")

            page.goto(url)
            page.wait_for_selector("h1", timeout=120_000)
            settled(page)
            page.locator('[data-testid="stSidebar"]').get_by_text("한국어", exact=True).click()
            settled(page)
            full_height_screenshot(page, out / "home-ko.png")
            page.locator('[data-testid="stSidebarNavLink"]', has_text="비교").first.click()
            page.wait_for_selector('h1:has-text("비교")', timeout=120_000)
            settled(page)
            full_height_screenshot(page, out / "compare-ko.png")
            browser.close()
    print(
        f"screenshots in {out}" + (f"; studio home with the runs: {args.home}" if args.home else "")
    )


if __name__ == "__main__":
    main()
