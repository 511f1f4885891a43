"""Many students at once: N headless sessions open the same page of a freshly started dashboard.

    FMNIST_DATA_DIR=../shared/data/fashion-mnist python -m bench.load [--sessions 5] [--rounds 3]
        [--pages dataset,compare,draw]

Each round starts a new dashboard with a studio home holding one small trained run. Its first
wave is cold: N tabs of one Chromium open the listed pages at the same moment, spread over them
(the first sessions race through the server's imports and caches, where a concurrent-import bug
once broke 2 of 5 first loads). Then, page by page, N tabs open the same page at once on the now
warm server. It prints, per wave and page, the median and slowest time to a ready page (the script
run finished), the server's CPU seconds per page load, its resident memory, and how many pages
showed the dashboard's "Something went wrong" box (target: none).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("FMNIST_OFFLINE", "1")

from bench.served_dashboard import CHROMIUM_FLAGS, running_dashboard

BROKEN = ("Something went wrong", "문제가 발생했습니다")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def prepare_home(home: Path, limit_train: int) -> None:
    """A studio home with one finished run (lecture-2, one short epoch), as a class would have."""
    from fmnist_core import architectures, data, training
    from fmnist_core.store import RunStore

    store = RunStore(home)
    config = training.TrainConfig(epochs=1, batch_size=64, limit_train=limit_train, seed=1)
    spec = architectures.preset("lecture-2")
    run_id = store.create_run("load test", spec, config.to_dict(), running_in=(os.getpid(), "CPU"))
    training.train(store.get_run(run_id), store, data.load_dataset())


async def open_at_once(browser, urls: list[str]) -> list[tuple[float, bool]]:
    """Open each of ``urls`` in a new tab, all at the same moment: (seconds to ready, broken)."""

    async def one(url: str) -> tuple[float, bool]:
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        page = await context.new_page()
        started = time.perf_counter()
        await page.goto(url)
        await page.wait_for_selector("h1", timeout=180_000)
        await page.wait_for_timeout(300)
        await page.wait_for_selector(
            '[data-testid="stStatusWidget"]', state="detached", timeout=180_000
        )
        ready = time.perf_counter() - started
        text = await page.locator('[data-testid="stMain"]').inner_text()
        await context.close()
        return ready, any(sign in text for sign in BROKEN)

    return await asyncio.gather(*(one(url) for url in urls))


async def measure(args: argparse.Namespace, home: Path) -> list[dict]:
    from playwright.async_api import async_playwright

    rows = []
    for round_number in range(1, args.rounds + 1):
        environment = {**os.environ, "FMNIST_HOME": str(home)}
        with running_dashboard(environment) as (url, server):
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(
                    executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS
                )
                waves = [
                    (
                        "cold",
                        "mixed",
                        [args.pages[i % len(args.pages)] for i in range(args.sessions)],
                    )
                ]
                waves += [("warm", name, [name] * args.sessions) for name in args.pages]
                for wave, label, names in waves:
                    before = cpu_seconds(server.pid)
                    results = await open_at_once(browser, [f"{url}/{name}" for name in names])
                    used = cpu_seconds(server.pid) - before
                    rows.append(
                        {
                            "round": round_number,
                            "wave": wave,
                            "page": label,
                            "ready": [seconds for seconds, _ in results],
                            "broken": sum(broken for _, broken in results),
                            "cpu_per_load": used / len(names),
                            "rss_mb": rss_mb(server.pid),
                        }
                    )
                await browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5, help="tabs opened at once")
    parser.add_argument("--rounds", type=int, default=3, help="fresh servers, one after another")
    parser.add_argument("--pages", default="dataset,compare,draw")
    parser.add_argument("--limit-train", type=int, default=2000, help="images for the prepared run")
    args = parser.parse_args()
    args.pages = [name.strip() for name in args.pages.split(",") if name.strip()]

    home = Path(tempfile.mkdtemp(prefix="fmnist-load-"))
    try:
        prepare_home(home, args.limit_train)
        rows = asyncio.run(measure(args, home))
    finally:
        shutil.rmtree(home, ignore_errors=True)

    print(
        f"{args.sessions} sessions at once, {args.rounds} fresh server(s), {os.cpu_count()} cores"
    )
    for wave, name in [("cold", "mixed")] + [("warm", name) for name in args.pages]:
        chosen = [row for row in rows if row["page"] == name and row["wave"] == wave]
        ready = [seconds for row in chosen for seconds in row["ready"]]
        print(
            f"{wave:>4} {name:<9} ready median {statistics.median(ready):5.1f} s, "
            f"slowest {max(ready):5.1f} s; server CPU per load "
            f"{statistics.median(row['cpu_per_load'] for row in chosen):.2f} s; "
            f"RSS {max(row['rss_mb'] for row in chosen):.0f} MB; "
            f"broken pages {sum(row['broken'] for row in chosen)} of {len(ready)}"
        )


if __name__ == "__main__":
    main()
