"""Look at every page as a class would: two widths, two languages, no runs and ten runs.

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m scripts.page_review [--output DIR]
        [--home DIR] [--widths 1400 900] [--languages en ko] [--pages home dataset ...]

Trains ten small runs (different presets and recipes, a few hundred images each, so a page shows
real curves, scores and confusion matrices) into a studio home of its own, then serves the
dashboard on an empty home and on that one, in each language, and saves every page at each width
as ``DIR/<state>-<language>-<width>-<page>.png``. Nothing is judged here: the pictures are for a
person to look through (and to keep as before/after evidence of a layout fix).
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
    wait_idle,
)

PAGES = ["home", "lecture", "dataset", "architecture", "train", "compare", "draw"]
# Ten runs as a class makes them: each preset with the lecture's and the fast recipe, and variants.
RUNS = [
    ("lecture-1", "lecture", {}),
    ("lecture-2", "lecture", {}),
    ("lecture-3", "lecture", {}),
    ("fast", "fast", {}),
    ("lecture-2", "fast", {}),
    ("fast", "lecture", {}),
    ("lecture-2", "lecture", {"learning_rate": 0.003}),
    ("fast", "fast", {"label_smoothing": 0.0}),
    ("lecture-1", "fast", {}),
    ("fast", "fast", {"batch_size": 64}),
]


def train_ten_runs(home: Path, limit_train: int, epochs: int) -> None:
    """Train :data:`RUNS` into ``home`` unless it holds ten finished runs already."""
    from fmnist_core import architectures, data, training
    from fmnist_core.store import RunStore
    from fmnist_core.worker import train_here

    store = RunStore(home)
    if len(store.list_runs(("finished",))) >= len(RUNS):
        return
    dataset = data.load_dataset()
    for preset, recipe, changes in RUNS:
        config = training.TrainConfig.from_dict(
            training.RECIPES[recipe].to_dict()
            | {"epochs": epochs, "limit_train": limit_train}
            | changes
        )
        spec = architectures.preset(preset)
        changed = ", ".join(f"{k} {v}" for k, v in changes.items())
        name = f"{preset} · {recipe}" + (f" · {changed}" if changed else "")
        started = time.perf_counter()
        run = train_here(store, name, spec, config, dataset, on_gpu=False)
        print(f"{name}: {run.status} in {time.perf_counter() - started:.0f} s", flush=True)


def shoot(browser, url: str, out: Path, prefix: str, widths: list[int], pages: list[str]) -> None:
    """Every page at every width, each opened by its address as a user would."""
    for width in widths:
        page = browser.new_page(viewport={"width": width, "height": 1000})
        for name in pages:
            page.goto(url if name == "home" else f"{url}/{name}")
            page.wait_for_selector("h1", timeout=120_000)
            wait_idle(page, 180_000, settle_ms=1500)
            # Widgets are drawn as grey skeletons until their code has loaded; a busy machine
            # can take seconds for that, and a picture of skeletons shows nothing.
            page.wait_for_function(
                "() => !document.querySelector('[data-testid=stSkeleton]')", timeout=180_000
            )
            full_height_screenshot(page, out / f"{prefix}-{width}-{name}.png")
        page.close()


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path(tempfile.gettempdir()) / "review")
    parser.add_argument("--home", type=Path, help="studio home for the ten runs (reused)")
    parser.add_argument("--widths", type=int, nargs="+", default=[1400, 900])
    parser.add_argument("--languages", nargs="+", default=["en", "ko"])
    parser.add_argument("--pages", nargs="+", default=PAGES)
    parser.add_argument("--limit-train", type=int, default=600)
    parser.add_argument("--epochs", type=int, default=2)
    args = parser.parse_args()

    args.output.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as scratch:  # homes of our own go when the pictures are taken
        runs_home = args.home or Path(
            scratch.enter_context(tempfile.TemporaryDirectory(prefix="fmnist-review-"))
        )
        train_ten_runs(runs_home, args.limit_train, args.epochs)
        empty_home = Path(
            scratch.enter_context(tempfile.TemporaryDirectory(prefix="fmnist-review-empty-"))
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS
            )
            for state, home in (("empty", empty_home), ("ten-runs", runs_home)):
                for language in args.languages:
                    environment = {**os.environ, "FMNIST_HOME": str(home), "FMNIST_LANG": language}
                    with running_dashboard(environment) as (url, _):
                        shoot(
                            browser,
                            url,
                            args.output,
                            f"{state}-{language}",
                            args.widths,
                            args.pages,
                        )
                    print(f"{state}, {language}: done", flush=True)
            browser.close()
    kept = f"; the ten runs are in {args.home}" if args.home else " (--home keeps the ten runs)"
    print(f"pictures in {args.output}{kept}")


if __name__ == "__main__":
    main()
