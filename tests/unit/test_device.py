"""Naming the compute device: the line stored with each run reads back for translation."""

from __future__ import annotations

import pytest

from fmnist_core.device import (
    Device,
    NvidiaSmi,
    as_json,
    cpu_computes_bfloat16,
    from_json,
    nvidia_cards_on_pci,
    nvidia_smi,
    problem,
)


@pytest.mark.parametrize(
    "found",
    [
        Device((), "x86_64", 2, "tensorflow"),
        Device(("NVIDIA H200",), "", 0, "jax"),
        Device(("NVIDIA A100-SXM4-40GB", "NVIDIA A100-SXM4-40GB"), "", 0, "torch"),
    ],
)
def test_a_stored_device_line_reads_back_as_the_device(found):
    assert Device.from_description(found.describe()) == found


@pytest.mark.parametrize("text", ["", "CPU test", "CPU (screenshots)", "GPU: (jax"])
def test_any_other_device_text_is_not_guessed_at(text):
    assert Device.from_description(text) is None


@pytest.mark.parametrize("index", [0, 3])
def test_a_runs_gpu_number_reads_back(index):
    found = Device(("NVIDIA H200",), "", 0, "jax", index)
    assert found.describe() == f"GPU {index}: NVIDIA H200 (jax)"
    assert Device.from_description(found.describe()) == found


def test_a_run_trains_on_one_gpu_numbered_as_nvidia_smi_numbers_it(monkeypatch):
    machine = Device(("NVIDIA H100", "NVIDIA H100"), "x86_64", 16, "tensorflow")
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    assert machine.for_one_run().describe() == "GPU 0: NVIDIA H100 (tensorflow)"
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "2")
    assert machine.for_one_run().describe() == "GPU 2: NVIDIA H100 (tensorflow)"
    cpu = Device((), "x86_64", 2, "tensorflow")
    monkeypatch.delenv("TF_NUM_INTRAOP_THREADS", raising=False)
    assert cpu.for_one_run() == cpu


def test_a_run_on_the_cpu_names_the_cores_its_worker_may_use(monkeypatch):
    """Two workers on a 16-core machine use 8 threads each: "16 cores" overstated each run's."""
    cpu = Device((), "x86_64", 16, "tensorflow")
    monkeypatch.setenv("TF_NUM_INTRAOP_THREADS", "8")
    assert cpu.for_one_run().describe() == "CPU x86_64, 8 cores (tensorflow)"
    monkeypatch.setenv("TF_NUM_INTRAOP_THREADS", "1")
    one = cpu.for_one_run()
    assert one.describe() == "CPU x86_64, 1 core (tensorflow)"
    assert Device.from_description(one.describe()) == one


H100S = NvidiaSmi(("NVIDIA H100", "NVIDIA H100"), installed=True)


@pytest.mark.parametrize(
    ("backend", "cuda_libraries", "key", "says"),
    [
        ("tensorflow", False, "cpu_build", "FMNIST_GPU=1 bash scripts/start.sh"),
        ("tensorflow", True, "cuda_build_unusable", "update it"),
        ("jax", False, "jax_cpu_only", "jax[cuda12]"),
        ("torch", False, "torch_cpu_only", "CUDA build of torch"),
    ],
)
def test_gpus_the_backend_cannot_use_are_named_with_the_cause_and_the_fix(
    backend, cuda_libraries, key, says
):
    found = problem(backend, (), H100S, pci_cards=2, cuda_libraries=cuda_libraries)
    assert found.key == key
    assert "nvidia-smi lists 2 × NVIDIA H100" in str(found)
    assert says in str(found)


def test_usable_gpus_and_a_plain_cpu_machine_have_no_problem():
    assert problem("jax", ("NVIDIA H100",), H100S, 2, False) is None
    assert problem("tensorflow", (), NvidiaSmi(), 0, False) is None


def test_a_gpu_without_a_working_driver_says_so():
    broken = NvidiaSmi(installed=True, failure="NVIDIA-SMI has failed")
    assert "driver is not working (NVIDIA-SMI has failed)" in str(
        problem("tensorflow", (), broken, 1, False)
    )
    # No nvidia-smi at all, but an NVIDIA card on the PCI bus: no driver installed.
    assert "(nvidia-smi is not installed)" in str(problem("tensorflow", (), NvidiaSmi(), 1, False))


def test_a_cuda_build_without_a_gpu_points_to_the_cpu_build():
    found = problem("tensorflow", (), NvidiaSmi(), 0, cuda_libraries=True)
    assert found.key == "cuda_build_without_gpu" and "FMNIST_GPU=0" in str(found)


def test_nvidia_cards_are_counted_on_the_pci_bus(tmp_path):
    for name, vendor, kind in [
        ("0000:01:00.0", "0x10de", "0x030200"),  # an NVIDIA 3D controller (a data-centre GPU)
        ("0000:02:00.0", "0x10de", "0x040300"),  # NVIDIA audio, not a GPU
        ("0000:03:00.0", "0x8086", "0x030000"),  # an Intel display controller
    ]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "vendor").write_text(vendor + "\n")
        (tmp_path / name / "class").write_text(kind + "\n")
    assert nvidia_cards_on_pci(tmp_path) == 1
    assert nvidia_cards_on_pci(tmp_path / "missing") == 0


def test_nvidia_smi_listing_is_read(stand_in_nvidia_smi):
    stand_in_nvidia_smi(
        "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1)\nGPU 1: NVIDIA H100 80GB HBM3 (UUID: GPU-2)"
    )
    assert nvidia_smi() == NvidiaSmi(("NVIDIA H100 80GB HBM3",) * 2, installed=True)


def test_a_failing_nvidia_smi_gives_its_complaint(stand_in_nvidia_smi):
    stand_in_nvidia_smi("NVIDIA-SMI has failed because it couldn't talk to the driver.", status=9)
    found = nvidia_smi()
    assert found.installed and not found.gpus
    assert found.failure == "NVIDIA-SMI has failed because it couldn't talk to the driver"


def test_the_device_json_reads_back_with_its_problem():
    found = Device((), "x86_64", 2, "tensorflow", None, problem("jax", (), H100S, 2, False), ("A",))
    again = from_json(as_json(found))
    assert again == found and again.problem == found.problem and again.listed == ("A",)


@pytest.mark.parametrize(
    ("flags", "native"),
    [
        ("fpu sse2 avx2 avx512f avx512_bf16 amx_tile amx_bf16", True),
        ("fpu sse2 avx2 avx512f amx_bf16", True),
        ("fpu sse2 avx2 avx512f avx512_bf16", True),
        ("fpu sse2 avx2 avx512f avx512_vnni", False),
    ],
)
def test_bfloat16_is_native_on_cpus_with_amx_or_avx512_bf16(tmp_path, monkeypatch, flags, native):
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nmodel name\t: Some CPU\nflags\t\t: {flags}\n")
    assert cpu_computes_bfloat16(cpuinfo) is native


def test_bfloat16_on_the_cpu_is_left_off_when_unknown_or_not_tensorflow(tmp_path, monkeypatch):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("flags\t\t: avx512_bf16 amx_bf16\n")
    monkeypatch.setenv("KERAS_BACKEND", "jax")  # its CPU kernels were slower in bfloat16
    assert cpu_computes_bfloat16(cpuinfo) is False
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    assert cpu_computes_bfloat16(tmp_path / "missing") is False
