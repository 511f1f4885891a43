"""Which device Keras trains on here: a GPU's name, or the CPU.

Works for the three Keras 3 backends (``KERAS_BACKEND``: tensorflow, jax, torch). For TensorFlow it
also turns on GPU memory growth, so the studio does not grab the whole card at start-up.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import platform
import re
import subprocess
import sys
from dataclasses import dataclass

log = logging.getLogger(__name__)


def backend_name() -> str:
    """The Keras backend this process uses (``KERAS_BACKEND``, default tensorflow)."""
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def gpu_names() -> list[str]:
    """Names of the GPUs the current Keras backend can use; empty on a CPU-only machine."""
    backend = backend_name()
    if backend == "tensorflow":
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


@dataclass(frozen=True)
class Device:
    """What Keras trains on: the GPUs it can use (none on a CPU-only machine), and the CPU."""

    gpus: tuple[str, ...]
    machine: str  # platform.machine(), e.g. x86_64
    cores: int
    backend: str

    def describe(self) -> str:
        """One line for people, e.g. ``GPU: NVIDIA H100 (jax)`` or ``CPU x86_64, 2 cores``."""
        if self.gpus:
            return f"GPU: {', '.join(self.gpus)} ({self.backend})"
        return f"CPU {self.machine}, {self.cores} cores ({self.backend})"

    @classmethod
    def from_description(cls, text: str) -> Device | None:
        """The device a run's stored :meth:`describe` line names, so the dashboard can say it in
        another language; None for any other text (older runs, tests)."""
        if found := _GPU_LINE.fullmatch(text):
            return cls(tuple(found["gpus"].split(", ")), "", 0, found["backend"])
        if found := _CPU_LINE.fullmatch(text):
            return cls((), found["machine"], int(found["cores"]), found["backend"])
        return None


# describe()'s two forms, read back by Device.from_description.
_GPU_LINE = re.compile(r"GPU: (?P<gpus>.+) \((?P<backend>[\w.-]+)\)")
_CPU_LINE = re.compile(r"CPU (?P<machine>\S+), (?P<cores>\d+) cores \((?P<backend>[\w.-]+)\)")


def current() -> Device:
    """The device this process's Keras backend trains on."""
    return Device(tuple(gpu_names()), platform.machine(), os.cpu_count() or 1, backend_name())


def describe() -> str:
    """One line for people, e.g. ``GPU: NVIDIA H100 (tensorflow)`` or ``CPU x86_64, 2 cores``."""
    return current().describe()


def current_in_subprocess(timeout: float = 120) -> Device | None:
    """:func:`current`, asked of a fresh Python process; None when that process fails.

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
        found = json.loads(result.stdout.strip().splitlines()[-1])
        return Device(tuple(found["gpus"]), found["machine"], found["cores"], found["backend"])
    except (OSError, subprocess.SubprocessError, ValueError, KeyError, IndexError) as error:
        stderr = getattr(error, "stderr", "") or ""
        log.warning("could not ask the Keras backend for the device: %r %s", error, stderr[-2000:])
        return None


if __name__ == "__main__":
    here = current()
    print(json.dumps(dataclasses.asdict(here)) if "--json" in sys.argv[1:] else here.describe())
