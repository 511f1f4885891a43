"""Every benchmark script still runs: each once, on the bundled sample, with tiny sizes.

The real figures come from running them by hand (bench/README.md); this only keeps them working.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


def run_bench(module: str, *args: str, timeout: int = 300) -> str:
    """The benchmark's output; it must succeed and leave no folder behind in the temp folder."""
    scratch = Path(tempfile.mkdtemp(prefix="bench-tmp-"))
    environment = {k: v for k, v in os.environ.items() if k != "FMNIST_DATA_DIR"}
    environment["TMPDIR"] = str(scratch)
    try:
        result = subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
        # A trained home left per run filled a disk once (CI failed with no space left).
        # TensorFlow's own generated .py files are files, not folders, and stay out of this.
        left = sorted(path.name for path in scratch.iterdir() if path.is_dir())
        assert not left, f"{module} left these folders in the temp folder: {left}"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return result.stdout


def test_dataset_page():
    out = run_bench("bench.dataset_page", "--reruns", "2")
    assert "dataset page rerun: script median" in out


def test_overhead():
    out = run_bench("bench.overhead", "--images", "300", "--epochs", "2", "--batch-size", "64")
    assert "epoch-time ratio studio/plain" in out


def test_inference():
    out = run_bench("bench.inference", "--repeats", "3")
    assert "preprocess + predict" in out and "occlusion saliency" in out
    assert "feature maps, lecture-3" in out and "feature maps, fast" in out


def bench_record(folder) -> dict:
    """The one raw record a benchmark run wrote into ``folder``."""
    (path,) = folder.glob("*.json")
    return json.loads(path.read_text())


def test_lecture(tmp_path):
    out = run_bench(
        "bench.lecture",
        *("--epochs", "1", "--presets", "lecture-2", "--limit-train", "300"),
        *("--seeds", "2", "--results", str(tmp_path)),
    )
    assert "lecture-2" in out
    record = bench_record(tmp_path)
    assert [(run["preset"], run["seed"]) for run in record["runs"]] == [
        ("lecture-2", 1),
        ("lecture-2", 2),
    ]
    assert all(0 <= run["test_accuracy"] <= 1 for run in record["runs"])


def test_lecture_until_the_lecture_accuracy_keeps_no_final_score(tmp_path):
    run_bench(
        "bench.lecture",
        *("--epochs", "2", "--presets", "lecture-2", "--limit-train", "300"),
        *("--seeds", "1", "--until-lecture-accuracy", "--results", str(tmp_path)),
    )
    (run,) = bench_record(tmp_path)["runs"]
    assert run["until_lecture_accuracy"] and run["test_accuracy"] is None
    assert len(run["test_accuracy_per_epoch"]) == run["epochs"] <= 2


def test_time_to_accuracy(tmp_path):
    out = run_bench(
        "bench.time_to_accuracy",
        *("--seeds", "2", "--first-seed", "7", "--limit-train", "300"),
        *("--baseline-steps", "3", "--target", "0.0", "--results", str(tmp_path)),
    )
    assert "lecture-3 baseline" in out and "ratio fast/lecture-3 (same run)" in out
    assert "over 2 seeds: test accuracy median" in out and "2 of 2 seeds reach 0.0" in out
    record = bench_record(tmp_path)
    assert [run["seed"] for run in record["runs"]] == [7, 8]
    assert record["baseline"]["timed_steps"] == 3 and record["machine"]["cpu"]
    for run in record["runs"]:
        assert len(run["val_accuracy_per_epoch"]) == run["epochs"] == record["settings"]["epochs"]
        assert run["limit_train"] == 300  # so no claim reads this smoke run
        assert run["seconds_to_target"] == run["training_seconds"] > 0


def test_tuning_never_scores_the_test_split(tmp_path):
    out = run_bench(
        "bench.tuning",
        *("--candidates", "fast", "fast-bf16", "--seeds", "2", "--limit-train", "300"),
        *("--results", str(tmp_path)),
    )
    assert "fast-bf16" in out and "over 2 seeds" in out
    record = bench_record(tmp_path)
    assert [(run["preset"], run["seed"]) for run in record["runs"]] == [
        ("fast", 101),
        ("fast", 102),
        ("fast-bf16", 101),
        ("fast-bf16", 102),
    ]
    assert all(run["test_accuracy"] is None for run in record["runs"])
    assert all(len(run["val_accuracy_per_epoch"]) == run["epochs"] == 6 for run in record["runs"])
    assert record["candidates"]["fast-bf16"]["config"]["mixed_precision"] is True


def test_gpu_script_on_the_cpu(tmp_path):
    out = run_bench(
        "bench.gpu.fast_and_best",
        *("--only", "1", "4", "--epochs", "1", "--limit-train", "200", "--out", str(tmp_path)),
    )
    assert "RESULT fast as the studio trains it: first epoch" in out
    assert "RESULT fast, callback waits every batch" in out
    records = json.loads((tmp_path / "gpu-fast-and-best.json").read_text())
    assert [trial["streamer_async"] for trial in records["trials"]] == [True, False]
    assert {trial["shift_layer"] for trial in records["trials"]} == {"RandomShift"}
    assert all(trial["status"] == "finished" for trial in records["trials"])


def test_streamlit_memory():
    if shutil.which("chromium") is None and not os.environ.get("CI"):
        pytest.skip("needs Debian's chromium")
    out = run_bench("bench.streamlit_memory", "--runs", "1")
    assert "growth from run 1 to run 1" in out


def test_cpu_settings():
    out = run_bench("bench.cpu_settings", "--presets", "fast", "--images", "256")
    assert out.count("s per epoch") == 6 and "XLA" in out and "bfloat16" in out


def test_input_pipeline(tmp_path):
    out = run_bench(
        "bench.input_pipeline",
        *("--epochs", "2", "--limit-train", "600", "--results", str(tmp_path)),
    )
    assert out.count("fed by Keras") == 2 and out.count("first step waited") == 4
    assert out.count("outside the epochs") == 4 and "shows nothing" in out
    record = bench_record(tmp_path)
    assert [fit["way"] for fit in record["fits"]] == [
        "Keras' own (arrays)",
        "studio (fmnist_core.feeding)",
    ] * 2
    assert all(len(fit["epoch_seconds"]) == 2 for fit in record["fits"])
    assert record["training_images"] == 540


def test_augmentation(tmp_path):
    out = run_bench(
        "bench.augmentation",
        *("--images", "256", "--epochs", "2", "--rounds", "1", "--results", str(tmp_path)),
    )
    # TensorFlow on a CPU compiles neither way with XLA (Keras' "auto"); the two ways shift alike.
    assert out.count("XLA off") == 2 and "later over RandomShift's" in out
    record = bench_record(tmp_path)
    assert [fit["xla"] for fit in record["fits"]] == [False, False]
    assert record["largest_pixel_difference"] < 1e-5
    assert [fit["way"] for fit in record["fits"]] == [
        "Keras' RandomTranslation",
        "studio's RandomShift",
    ]
    assert all(len(fit["epoch_seconds"]) == 2 for fit in record["fits"])


def test_load():
    if shutil.which("chromium") is None and not os.environ.get("CI"):
        pytest.skip("needs Debian's chromium")
    out = run_bench(
        "bench.load", "--sessions", "2", "--rounds", "1", "--pages", "home", "--limit-train", "200"
    )
    assert "cold mixed" in out and "broken pages 0 of 2" in out


def test_screenshots_script(tmp_path):
    if shutil.which("chromium") is None and not os.environ.get("CI"):
        pytest.skip("needs Debian's chromium")
    out = run_bench(
        "scripts.screenshots",
        "--limit-train",
        "200",
        "--epochs",
        "1",
        "--output",
        str(tmp_path),
        timeout=600,
    )
    assert "lecture-3 deep CNN · lecture recipe: 1 epoch on 200 images" in out
    shots = {path.name for path in tmp_path.glob("*.png")}
    assert shots == {
        f"{name}.png"
        for name in ("home", "home-ko", "compare", "compare-ko", "train", "dataset", "architecture")
    } | {"draw.png"}


def test_sweep():
    out = run_bench("bench.sweep", "--runs", "2", "--images", "100", "--epochs", "1")
    assert "thread split chosen:" in out and out.count("throughput ratio") == 3
