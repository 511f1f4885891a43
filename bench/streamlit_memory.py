"""Does the dashboard's own memory grow as runs come and go? (Target: no growth over 5 runs.)

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.streamlit_memory [--runs 5]

Starts the real dashboard (``streamlit run``) on a free localhost port with a fresh studio home,
keeps its Train page open in headless Chromium (so the live view polls the store every second),
and trains five small runs one after another through the background worker. After each run it
reloads the page (drawing curves, test results and the confusion matrix) and reads the Streamlit
process's resident memory (VmRSS) and peak (VmHWM) from /proc. Training happens in the worker, so
the dashboard should stay flat.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")
os.environ.setdefault("FMNIST_WORKER_IDLE", "2")  # the worker leaves soon after its last run

from bench.served_dashboard import CHROMIUM_FLAGS, running_dashboard
from fmnist_core import architectures, worker
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of ``pid`` in MB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return tuple(int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "VmHWM"))


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="fmnist-bench-", ignore_cleanup_errors=True) as folder:
        home = Path(folder)
        os.environ["FMNIST_HOME"] = str(home)
        store = RunStore(home)
        config = TrainConfig(epochs=2, batch_size=64, limit_train=3000, validation_split=0.1)
        readings = []
        with running_dashboard(dict(os.environ)) as (url, server), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS
            )
            page = browser.new_page()
            page.goto(f"{url}/train")
            page.wait_for_timeout(5000)
            readings.append(("before any run", *memory_mb(server.pid)))
            for number in range(1, args.runs + 1):
                run_id = store.create_run(
                    f"memory {number}", architectures.preset("lecture-2"), config.to_dict()
                )
                worker.ensure_worker(home)
                page.goto(f"{url}/train?run={run_id}")
                while store.get_run(run_id).active:
                    page.wait_for_timeout(500)
                page.reload()
                page.wait_for_timeout(4000)  # the finished view: curves, results, confusion
                readings.append((f"after run {number}", *memory_mb(server.pid)))
            browser.close()
        while worker.worker_running(home):  # it leaves its folder before the folder goes
            time.sleep(0.2)

    for label, rss, peak in readings:
        print(f"{label:>15}: RSS {rss:7.1f} MB, peak {peak:7.1f} MB")
    first_run, last_run = readings[1], readings[-1]
    print(
        f"growth from run 1 to run {args.runs}: RSS {last_run[1] - first_run[1]:+.1f} MB, "
        f"peak {last_run[2] - first_run[2]:+.1f} MB (target: no growth)"
    )


if __name__ == "__main__":
    main()
