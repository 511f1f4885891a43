"""Which device Keras trains on here: a GPU's name, or the CPU; and why not a GPU that is there.

Works for the three Keras 3 backends (``KERAS_BACKEND``: tensorflow, jax, torch). For TensorFlow it
also turns on GPU memory growth, so the studio does not grab the whole card at start-up.
:func:`problem` compares what the backend can use with what ``nvidia-smi`` lists (and, without
it, with the NVIDIA cards on the PCI bus), so a GPU that sits unused is named with the cause and
the fix instead of a bare "CPU".

    python -m fmnist_core device [--json]
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import importlib.metadata
import json
import logging
import os
import platform
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from fmnist_core.messages import KeyedMessage

log = logging.getLogger(__name__)


_STDERR_SWAP = threading.RLock()


@contextlib.contextmanager
def native_start_up_lines_hidden():
    """Hide what native code writes to the error stream inside (file descriptor 2).

    Importing TensorFlow and asking it for GPUs prints lines (oneDNN, "could not find cuda
    drivers", a cuInit error on a machine without a GPU) straight from C++, before any setting can
    quiet them (TF_CPP_MIN_LOG_LEVEL comes too late for them). They would alarm a student and bury
    a one-line message; what they mean is said in words instead (:func:`problem`). Python's own
    errors still surface, raised after the stream is back.
    """
    # One thread at a time: two interleaved swaps could leave the stream pointing at devnull.
    with _STDERR_SWAP:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            with open(os.devnull, "w") as devnull:
                os.dup2(devnull.fileno(), 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def backend_name() -> str:
    """The Keras backend this process uses (``KERAS_BACKEND``, default tensorflow)."""
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def gpu_names() -> list[str]:
    """Names of the GPUs the current Keras backend can use; empty on a CPU-only machine."""
    backend = backend_name()
    if backend == "tensorflow":
        with native_start_up_lines_hidden():
            import tensorflow as tf

            gpus = tf.config.list_physical_devices("GPU")
        names = []
        for gpu in gpus:
            # Must happen before the GPU is first used; a RuntimeError means it already was.
            with contextlib.suppress(RuntimeError):
                tf.config.experimental.set_memory_growth(gpu, True)
            details = tf.config.experimental.get_device_details(gpu)
            names.append(details.get("device_name", gpu.name))
        return names
    if backend == "jax":
        import jax

        return [d.device_kind for d in jax.devices() if d.platform == "gpu"]
    if backend == "torch":
        import torch

        count = torch.cuda.device_count() if torch.cuda.is_available() else 0
        return [torch.cuda.get_device_name(i) for i in range(count)]
    return []


# Why a GPU that is there goes unused, in English, each naming the cause and the fix; the
# dashboard has the same keys in Korean.
PROBLEM_TEXTS = {
    "cpu_build": (
        "nvidia-smi lists {gpus}, but TensorFlow here is its CPU build, so training runs on the "
        "CPU: start the studio with `FMNIST_GPU=1 bash scripts/start.sh` (or run `{pip}`) to "
        "install the CUDA build."
    ),
    "cuda_build_unusable": (
        "nvidia-smi lists {gpus} and TensorFlow's CUDA build is installed, but TensorFlow cannot "
        "use the GPU, so training runs on the CPU: the NVIDIA driver is probably too old for "
        "CUDA 12, so update it and start again (the server log shows TensorFlow's own reason)."
    ),
    "jax_cpu_only": (
        "nvidia-smi lists {gpus}, but JAX here has no CUDA support, so training runs on the CPU: "
        "install it with `{pip}` and start again."
    ),
    "torch_cpu_only": (
        "nvidia-smi lists {gpus}, but PyTorch here is a CPU-only build, so training runs on the "
        "CPU: install a CUDA build of torch (pytorch.org gives the pip command) and start again."
    ),
    "driver_missing": (
        "This machine has an NVIDIA GPU, but its driver is not working ({detail}), so training "
        "runs on the CPU: install or repair the NVIDIA driver until nvidia-smi lists the GPU, "
        "then start again."
    ),
    "cuda_build_without_gpu": (
        "TensorFlow's CUDA build is installed but this machine has no usable NVIDIA GPU, so "
        "training runs on the CPU: `FMNIST_GPU=0 bash scripts/start.sh` installs the leaner CPU "
        "build."
    ),
}
# The install commands the sentences name.
PIP_COMMANDS = {
    "tensorflow": ".venv/bin/python -m pip install -r requirements-gpu.txt",
    "jax": '.venv/bin/python -m pip install -U "jax[cuda12]"',
}


@dataclass(frozen=True)
class Problem(KeyedMessage):
    """Why a GPU goes unused: a ``PROBLEM_TEXTS`` key and the values its sentence needs."""

    TEXTS: ClassVar[dict[str, str]] = PROBLEM_TEXTS


@dataclass(frozen=True)
class NvidiaSmi:
    """What ``nvidia-smi -L`` says: the GPUs it lists, or why it could not list any."""

    gpus: tuple[str, ...] = ()
    installed: bool = False
    failure: str = ""  # its first line of complaint when it ran and failed (no driver)


def nvidia_smi(timeout: float = 20) -> NvidiaSmi:
    """The GPUs ``nvidia-smi -L`` lists (``GPU 0: NVIDIA H100 80GB HBM3 (UUID: …)``)."""
    try:
        result = subprocess.run(
            ["nvidia-smi", "-L"], capture_output=True, text=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        return NvidiaSmi()
    except (OSError, subprocess.SubprocessError) as error:
        return NvidiaSmi(installed=True, failure=str(error))
    names = tuple(
        found["name"]
        for line in result.stdout.splitlines()
        if (found := re.match(r"GPU \d+: (?P<name>.+?)(?: \(UUID: [^)]*\))?$", line.strip()))
    )
    if result.returncode != 0 or not names:
        complaint = (result.stderr or result.stdout).strip().splitlines()
        return NvidiaSmi(
            installed=True, failure=complaint[0].rstrip(".") if complaint else "no GPU listed"
        )
    return NvidiaSmi(names, installed=True)


def nvidia_cards_on_pci(devices: Path = Path("/sys/bus/pci/devices")) -> int:
    """How many NVIDIA display or 3D controllers the PCI bus has, driver or not (Linux)."""
    count = 0
    for folder in devices.glob("*") if devices.is_dir() else ():
        with contextlib.suppress(OSError):
            vendor = (folder / "vendor").read_text().strip()
            kind = (folder / "class").read_text().strip()
            count += vendor == "0x10de" and kind.startswith("0x03")
    return count


def cuda_libraries_installed() -> bool:
    """True when TensorFlow's CUDA build is installed (``tensorflow[and-cuda]``'s cuDNN wheel)."""
    return any(
        (dist.metadata["Name"] or "").lower().startswith("nvidia-cudnn")
        for dist in importlib.metadata.distributions()
    )


def problem(
    backend: str, usable: tuple[str, ...], smi: NvidiaSmi, pci_cards: int, cuda_libraries: bool
) -> Problem | None:
    """Why the GPUs this machine has go unused by ``backend`` (which can use ``usable``)."""
    if usable:
        return None
    if smi.gpus:
        # "NVIDIA H100" or "2 × NVIDIA H100, NVIDIA T4": the same in every language.
        listed = ", ".join(
            name if count == 1 else f"{count} × {name}"
            for name, count in collections.Counter(smi.gpus).items()
        )
        if backend == "tensorflow":
            if cuda_libraries:
                return Problem("cuda_build_unusable", {"gpus": listed})
            return Problem("cpu_build", {"gpus": listed, "pip": PIP_COMMANDS["tensorflow"]})
        if backend == "jax":
            return Problem("jax_cpu_only", {"gpus": listed, "pip": PIP_COMMANDS["jax"]})
        return Problem("torch_cpu_only", {"gpus": listed})
    if smi.installed or pci_cards:
        detail = smi.failure if smi.installed else "nvidia-smi is not installed"
        return Problem("driver_missing", {"detail": detail})
    if backend == "tensorflow" and cuda_libraries:
        return Problem("cuda_build_without_gpu")
    return None


# CPU instruction sets that compute bfloat16 natively (/proc/cpuinfo flags): Intel AMX and
# AVX-512 BF16. TensorFlow's oneDNN kernels use them; elsewhere bfloat16 is emulated, and slower.
BFLOAT16_CPU_FLAGS = frozenset({"amx_bf16", "avx512_bf16"})


def cpu_computes_bfloat16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this CPU has bfloat16 instructions (``BFLOAT16_CPU_FLAGS``) and the backend is
    TensorFlow, whose CPU kernels use them (bench/README.md, cpu_settings, has what mixed
    precision saved on such a CPU). False where it cannot tell."""
    if backend_name() != "tensorflow":
        return False  # JAX's CPU kernels were slower in bfloat16 than in float32 here
    try:
        text = cpuinfo.read_text()
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith("flags"):
            return bool(BFLOAT16_CPU_FLAGS & set(line.split(":", 1)[-1].split()))
    return False


@dataclass(frozen=True)
class Device:
    """What Keras trains on: the GPUs it can use (none on a CPU-only machine), and the CPU."""

    gpus: tuple[str, ...]
    machine: str  # platform.machine(), e.g. x86_64
    cores: int
    backend: str
    # Which of the machine's GPUs (nvidia-smi's number) a run trains on; None: not one run's.
    gpu_index: int | None = None
    # Why a GPU that is there goes unused, with the fix; None when there is nothing to say.
    problem: Problem | None = field(default=None, compare=False)
    # The GPUs nvidia-smi lists, whether the backend can use them or not (when checked).
    listed: tuple[str, ...] = field(default=(), compare=False)
    node: str = ""  # the Ray node a run trained on (its address); "" on the studio's machine

    def describe(self) -> str:
        """One line for people, e.g. ``GPU: NVIDIA H100 (jax)``, ``GPU 1: NVIDIA H100 (jax)``
        (a run's, on the machine's second GPU) or ``CPU x86_64, 2 cores (tensorflow)``; a run
        on a Ray node ends ``on node 10.0.0.5``."""
        where = f" on node {self.node}" if self.node else ""
        if self.gpus:
            number = "" if self.gpu_index is None else f" {self.gpu_index}"
            return f"GPU{number}: {', '.join(self.gpus)} ({self.backend}){where}"
        cores = "1 core" if self.cores == 1 else f"{self.cores} cores"
        return f"CPU {self.machine}, {cores} ({self.backend}){where}"

    def for_one_run(self) -> Device:
        """The device one run trains on: the first GPU the backend sees (Keras places a model
        there), numbered as ``nvidia-smi`` numbers it; on the CPU, the cores this process's
        backend may use (a worker's share, ``worker.limit_threads``; the CPUs Ray gave a run)."""
        if not self.gpus:
            threads = os.environ.get("TF_NUM_INTRAOP_THREADS", "")
            if threads.isdigit() and 0 < int(threads) < self.cores:
                return dataclasses.replace(self, cores=int(threads))
            return self
        visible = os.environ.get("CUDA_VISIBLE_DEVICES", "").split(",")[0].strip()
        index = int(visible) if visible.isdigit() else 0
        return dataclasses.replace(self, gpus=self.gpus[:1], gpu_index=index)

    @classmethod
    def from_description(cls, text: str) -> Device | None:
        """The device a run's stored :meth:`describe` line names, so the dashboard can say it in
        another language; None for any other text (older runs, tests)."""
        if found := _GPU_LINE.fullmatch(text):
            index = int(found["index"]) if found["index"] else None
            gpus = tuple(found["gpus"].split(", "))
            return cls(gpus, "", 0, found["backend"], index, node=found["node"] or "")
        if found := _CPU_LINE.fullmatch(text):
            machine, cores = found["machine"], int(found["cores"])
            return cls((), machine, cores, found["backend"], node=found["node"] or "")
        return None


# describe()'s two forms, read back by Device.from_description.
_ON_NODE = r"(?: on node (?P<node>\S+))?"  # a run trained on a Ray node (ray_executor.py)
_GPU_LINE = re.compile(
    r"GPU(?: (?P<index>\d+))?: (?P<gpus>.+?) \((?P<backend>[\w.-]+)\)" + _ON_NODE
)
_CPU_LINE = re.compile(
    r"CPU (?P<machine>\S+), (?P<cores>\d+) cores? \((?P<backend>[\w.-]+)\)" + _ON_NODE
)


def current(check: bool = False, smi: NvidiaSmi | None = None) -> Device:
    """The device this process's Keras backend trains on; with ``check``, also why a GPU this
    machine has goes unused (from ``smi``, or by running ``nvidia-smi``)."""
    found = Device(tuple(gpu_names()), platform.machine(), os.cpu_count() or 1, backend_name())
    if not check:
        return found
    smi = smi or nvidia_smi()
    why = problem(found.backend, found.gpus, smi, nvidia_cards_on_pci(), cuda_libraries_installed())
    return dataclasses.replace(found, problem=why, listed=smi.gpus)


def as_json(found: Device) -> str:
    """``found`` as one JSON line (the device command's ``--json``; read by the dashboard)."""
    values = dataclasses.asdict(found)
    values["problem"] = (
        None
        if found.problem is None
        else {"key": found.problem.key, "values": found.problem.values, "text": str(found.problem)}
    )
    return json.dumps(values)


def from_json(line: str) -> Device:
    """The device :func:`as_json` wrote."""
    values = json.loads(line)
    why = values.get("problem")
    return Device(
        tuple(values["gpus"]),
        values["machine"],
        values["cores"],
        values["backend"],
        values.get("gpu_index"),
        Problem(why["key"], why.get("values") or {}) if why else None,
        tuple(values.get("listed") or ()),
    )


def describe() -> str:
    """One line for people, e.g. ``GPU: NVIDIA H100 (tensorflow)`` or ``CPU x86_64, 2 cores``."""
    return current().describe()


def current_in_subprocess(timeout: float = 120) -> Device | None:
    """:func:`current` (with its check), asked of a fresh Python process; None when it fails.

    The dashboard uses this so that its own process never imports the Keras backend just to
    name the device: importing it costs hundreds of MB, and once Keras is loaded Streamlit
    clears the Keras session (a full garbage collection) after every rerun of every page.
    """
    try:
        result = subprocess.run(
            [sys.executable, "-m", "fmnist_core.device", "--json"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
        return from_json(result.stdout.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, KeyError, IndexError) as error:
        stderr = getattr(error, "stderr", "") or ""
        log.warning("could not ask the Keras backend for the device: %r %s", error, stderr[-2000:])
        return None


if __name__ == "__main__":
    here = current(check=True)
    print(as_json(here) if "--json" in sys.argv[1:] else here.describe())
