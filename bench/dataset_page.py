"""How long a rerun of the Dataset page takes once the data is cached (target: under 0.3 s).

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.dataset_page [--reruns 20]

Drives the real page through Streamlit's AppTest: the first run loads the data; each timed rerun
then changes what a user changes (class filter, page, grid size, shuffle seed, split). It times
the script run itself (Streamlit's ScriptRunner, what a server spends per rerun) and, for
reference, AppTest's wall time around it, which adds the harness's polling. The Home page's rerun
is timed the same way as the baseline: the cost of a Streamlit rerun by itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")

from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

DASHBOARD = str(Path(__file__).resolve().parents[1] / "dashboard.py")
SCRIPT_SECONDS: list[float] = []


def _timing(run_script):
    def timed(self, rerun_data):
        start = time.perf_counter()
        try:
            return run_script(self, rerun_data)
        finally:
            SCRIPT_SECONDS.append(time.perf_counter() - start)

    return timed


script_runner.ScriptRunner._run_script = _timing(script_runner.ScriptRunner._run_script)


def timed_reruns(page: str, reruns: int, change) -> tuple[list[float], list[float]]:
    """Script and wall seconds per rerun of ``page``; ``change(app, i)`` sets rerun i's widgets."""
    app = AppTest.from_file(DASHBOARD, default_timeout=120)
    if page != "home":
        app.switch_page(f"app_pages/{page}.py")
    app.run()  # loads and caches the dataset
    SCRIPT_SECONDS.clear()
    seconds = []
    for i in range(reruns):
        change(app, i)
        start = time.perf_counter()
        app.run()
        seconds.append(time.perf_counter() - start)
        assert not app.exception, app.exception
    return list(SCRIPT_SECONDS), seconds


def change_dataset_view(app: AppTest, i: int) -> None:
    """Cycle through the changes a user makes while browsing."""
    step = i % 5
    if step == 0:
        app.multiselect(key="dataset_classes").set_value([i % 10, (i + 3) % 10])
    elif step == 1:
        app.pagination[0].set_value(2)
    elif step == 2:
        app.select_slider(key="dataset_grid").set_value([6, 12][i % 2])
    elif step == 3:
        if app.toggle(key="dataset_shuffle").value:
            app.number_input(key="dataset_seed").set_value(i)
        else:
            app.toggle(key="dataset_shuffle").set_value(True)
    else:
        app.segmented_control(key="dataset_split").set_value(["train", "test"][i % 2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reruns", type=int, default=20)
    args = parser.parse_args()

    baseline, baseline_wall = timed_reruns("home", args.reruns, lambda app, i: None)
    dataset, dataset_wall = timed_reruns("dataset", args.reruns, change_dataset_view)
    median = statistics.median
    print(f"data: {os.environ.get('FMNIST_DATA_DIR') or 'bundled sample'}")
    print(
        f"home page rerun (baseline): script median {median(baseline):.3f} s "
        f"(AppTest wall {median(baseline_wall):.3f} s)"
    )
    print(
        f"dataset page rerun: script median {median(dataset):.3f} s, max {max(dataset):.3f} s "
        f"over {len(dataset)} reruns (AppTest wall median {median(dataset_wall):.3f} s); "
        f"target < 0.300 s; {median(dataset) / median(baseline):.1f}x the baseline"
    )


if __name__ == "__main__":
    main()
