"""Raw records of benchmark runs: one JSON file per run under ``bench/results/``, committed.

Every accuracy or time the studio shows about itself is read from these files by
``fmnist_core.measured`` (the protocol is at the top of bench/README.md). A record holds, per
seed, what was trained and what it reached, and once per file where and when it ran.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

from fmnist_core import device
from fmnist_core.measured import HONEST_PROTOCOL, RESULTS

ROOT = Path(__file__).resolve().parent.parent


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (``platform.processor()`` elsewhere)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> list[float]:
    """The 1, 5 and 15-minute load averages (other work on the same cores slows a benchmark)."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict[str, Any]:
    """Where a benchmark ran: the studio's device line, the CPU model, cores, load right now."""
    return {
        "device": device.describe(),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "load_average_at_start": load_average(),
    }


def commit() -> str:
    """The commit the benchmark ran at, with ``+changes`` when the work tree differed from it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short=10", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+changes" if dirty else head


def new_record(benchmark: str, **fields: Any) -> dict[str, Any]:
    """The head of a record for one run of ``benchmark``: date, commit, command, machine."""
    return {
        "benchmark": benchmark,
        "protocol": HONEST_PROTOCOL,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": commit(),
        "command": "python -m " + " ".join([benchmark, *sys.argv[1:]]),
        "machine": machine(),
        **fields,
        "runs": [],
    }


def seed_run(
    preset: str, recipe: str, seed: int, run, epochs, training_seconds: float, **extra: Any
) -> dict[str, Any]:
    """One seed's entry of a record's ``runs``: the run, its validation curve and test score,
    its training time and the load right after it, and what the benchmark adds (``extra``).
    ``limit_train`` says when it trained on fewer images (a smoke run): no claim reads those."""
    return {
        "preset": preset,
        "recipe": recipe,
        "seed": seed,
        "limit_train": run.config.get("limit_train"),
        "run": run.id,
        "status": run.status,
        "epochs": len(epochs),
        "val_accuracy_per_epoch": [epoch.val_accuracy for epoch in epochs],
        "test_accuracy": run.test_accuracy,
        "training_seconds": training_seconds,
        **extra,
        "load_average_after": load_average(),
    }


def record_path(record: dict[str, Any], folder: Path | None = None) -> Path:
    """Where ``record`` is written: ``<benchmark>-<date>.json`` in ``folder`` (bench/results)."""
    stamp = record["date"].replace(":", "").replace("-", "")
    name = record["benchmark"].removeprefix("bench.").replace(".", "-")
    return (folder or RESULTS) / f"{name}-{stamp}.json"


def write(record: dict[str, Any], path: Path) -> None:
    """Write ``record`` to ``path`` (again after every seed, so a cut-off run keeps its seeds)."""
    record["machine"]["load_average_at_end"] = load_average()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1) + "\n")
