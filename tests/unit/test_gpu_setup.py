"""GPU machines without a GPU here: a stand-in ``nvidia-smi`` on PATH shows the set-up choosing
TensorFlow's CUDA build (as a dry run) and the device command naming a GPU the backend cannot use.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from fmnist_core.device import nvidia_cards_on_pci
from tests.conftest import ROOT

ONE_H100 = "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-0c3f3c7e-5d1b-4b8e-9d0a-1f2e3d4c5b6a)"


@pytest.fixture
def checkout(tmp_path):
    """A copy of what the set-up reads (scripts and requirements), with no .venv yet."""
    folder = tmp_path / "checkout"
    shutil.copytree(ROOT / "scripts", folder / "scripts")
    for requirements in ROOT.glob("requirements*.txt"):
        shutil.copy(requirements, folder)
    return folder


def set_up(checkout, script="start.sh", **environment) -> subprocess.CompletedProcess:
    """Run the README's set-up script as a dry run: it prints what it would install."""
    variables = {
        k: v for k, v in os.environ.items() if k not in {"FMNIST_GPU", "FMNIST_SETUP_DRY_RUN"}
    }
    variables |= {"FMNIST_SETUP_DRY_RUN": "1", "PYTHON": sys.executable} | environment
    return subprocess.run(
        ["bash", str(checkout / "scripts" / script)],
        capture_output=True,
        text=True,
        env=variables,
        timeout=60,
        check=False,
    )


def installs(output: str) -> str:
    return next(line for line in output.splitlines() if " install " in line)


def test_a_machine_without_nvidia_smi_gets_the_cpu_build(checkout):
    result = set_up(checkout)
    assert result.returncode == 0, result.stderr
    assert "TensorFlow: the CPU build (no nvidia-smi here" in result.stdout
    assert installs(result.stdout).endswith(
        "install --quiet --disable-pip-version-check -r requirements.txt"
    )
    assert f"would run: {sys.executable} -m venv .venv" in result.stdout
    assert not (checkout / ".venv").exists()  # a dry run installs nothing


def test_a_listed_gpu_gets_the_cuda_build_for_the_dashboard_and_the_tests(
    checkout, stand_in_nvidia_smi
):
    stand_in_nvidia_smi(ONE_H100)
    for script, requirements in [
        ("start.sh", "requirements.txt"),
        ("test.sh", "requirements-dev.txt"),
    ]:
        result = set_up(checkout, script)
        assert result.returncode == 0, result.stderr
        assert (
            "TensorFlow: the CUDA build (nvidia-smi lists 1 GPU, the first NVIDIA H100 80GB HBM3)"
            in result.stdout
        )
        assert installs(result.stdout).endswith(f"-r {requirements} -r requirements-gpu.txt")


def test_an_nvidia_smi_that_fails_gets_the_cpu_build_and_the_reason(checkout, stand_in_nvidia_smi):
    stand_in_nvidia_smi("NVIDIA-SMI has failed because it couldn't talk to the driver.", status=9)
    result = set_up(checkout)
    assert (
        "the CPU build (nvidia-smi lists no GPU, so its driver may not be working" in result.stdout
    )
    assert "requirements-gpu.txt" not in installs(result.stdout)


def test_fmnist_gpu_forces_either_build(checkout, stand_in_nvidia_smi):
    forced = set_up(checkout, FMNIST_GPU="1")
    assert "the CUDA build (FMNIST_GPU=1 asks for it)" in forced.stdout
    assert installs(forced.stdout).endswith("-r requirements-gpu.txt")
    stand_in_nvidia_smi(ONE_H100)
    refused = set_up(checkout, FMNIST_GPU="0")
    assert "the CPU build (FMNIST_GPU=0 asks for it)" in refused.stdout
    assert "requirements-gpu.txt" not in installs(refused.stdout)
    wrong = set_up(checkout, FMNIST_GPU="yes")
    assert wrong.returncode == 1
    assert (
        "FMNIST_GPU must be 1 (TensorFlow's CUDA build), 0 (its CPU build) or unset" in wrong.stderr
    )


def fake_venv(checkout, packages: list[str]) -> None:
    """A .venv whose pip lists ``packages`` (``pip freeze``), so no real install is needed."""
    python = checkout / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    listing = "\\n".join(packages)
    python.write_text(f'#!/bin/sh\n[ "$3" = freeze ] && printf "{listing}\\n"\nexit 0\n')
    python.chmod(0o755)


def stamp(checkout, requirements: str, build: str) -> None:
    """Mark ``requirements`` as installed with ``build``, as a finished set-up does."""
    digest = subprocess.run(
        ["bash", "-c", f"(cat requirements*.txt; echo {build}) | sha256sum | cut -d' ' -f1"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (checkout / ".venv" / f".installed-{requirements}").write_text(digest + "\n")


def test_switching_builds_reinstalls_and_going_back_to_the_cpu_removes_the_cuda_wheels(
    checkout, stand_in_nvidia_smi
):
    fake_venv(checkout, ["tensorflow==2.21.0", "nvidia-cudnn-cu12==9.28.0.42", "numpy==2.4.6"])
    stamp(checkout, "requirements.txt", "cuda")
    back = set_up(checkout, FMNIST_GPU="0")
    assert "would run: .venv/bin/python -m pip uninstall -y nvidia-cudnn-cu12" in back.stdout
    assert "requirements-gpu.txt" not in installs(back.stdout)

    stamp(checkout, "requirements.txt", "cpu")
    stand_in_nvidia_smi(ONE_H100)
    to_cuda = set_up(checkout)
    assert "uninstall" not in to_cuda.stdout
    assert installs(to_cuda.stdout).endswith("-r requirements.txt -r requirements-gpu.txt")

    stamp(checkout, "requirements.txt", "cuda")
    again = set_up(checkout)
    assert "would run nothing: .venv already has requirements.txt with this build" in again.stdout


def device_command(*flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fmnist_core", "device", *flags],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_device_command_names_a_gpu_the_cpu_build_cannot_use(stand_in_nvidia_smi):
    stand_in_nvidia_smi(ONE_H100)
    shown = device_command()
    assert shown.returncode == 0, shown.stderr
    assert "trains on:     CPU" in shown.stdout
    assert "nvidia-smi:    NVIDIA H100 80GB HBM3" in shown.stdout
    assert (
        "problem:       nvidia-smi lists NVIDIA H100 80GB HBM3, but TensorFlow here is "
        "its CPU build, so training runs on the CPU: start the studio with `FMNIST_GPU=1 bash "
        "scripts/start.sh` (or run `.venv/bin/python -m pip install -r requirements-gpu.txt`) to "
        "install the CUDA build." in shown.stdout
    )
    found = json.loads(device_command("--json").stdout)
    assert found["backend"] == "tensorflow" and found["gpus"] == []
    assert found["listed"] == ["NVIDIA H100 80GB HBM3"]
    assert found["problem"]["key"] == "cpu_build"


def test_the_device_command_on_a_plain_cpu_machine_has_nothing_to_fix():
    if shutil.which("nvidia-smi") or nvidia_cards_on_pci():
        pytest.skip("this machine has NVIDIA hardware")
    found = json.loads(device_command("--json").stdout)
    assert found["gpus"] == [] and found["problem"] is None
    assert "problem:" not in device_command().stdout


def test_workers_spread_over_the_gpus_nvidia_smi_lists(stand_in_nvidia_smi, monkeypatch):
    from fmnist_core.worker import use_one_gpu

    stand_in_nvidia_smi("GPU 0: NVIDIA H100 (UUID: GPU-1)\nGPU 1: NVIDIA H100 (UUID: GPU-2)")
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    monkeypatch.delenv("XLA_PYTHON_CLIENT_PREALLOCATE", raising=False)
    use_one_gpu(3)  # the fourth worker slot
    assert os.environ["CUDA_VISIBLE_DEVICES"] == "1"
    assert os.environ["XLA_PYTHON_CLIENT_PREALLOCATE"] == "false"
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "0")  # the user's choice wins
    use_one_gpu(1)
    assert os.environ["CUDA_VISIBLE_DEVICES"] == "0"


def test_one_gpu_or_none_leaves_the_choice_to_the_backend(stand_in_nvidia_smi, monkeypatch):
    from fmnist_core.worker import use_one_gpu

    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    stand_in_nvidia_smi(ONE_H100)
    use_one_gpu(1)
    assert "CUDA_VISIBLE_DEVICES" not in os.environ
