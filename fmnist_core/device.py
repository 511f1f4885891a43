"""Which device Keras trains on here: a GPU's name, or the CPU.

Works for the three Keras 3 backends (``KERAS_BACKEND``: tensorflow, jax, torch). For TensorFlow it
also turns on GPU memory growth, so the studio does not grab the whole card at start-up.
"""

from __future__ import annotations

import contextlib
import os
import platform
import subprocess
import sys


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


def describe() -> str:
    """One line for people, e.g. ``GPU: NVIDIA H100 (tensorflow)`` or ``CPU x86_64, 2 cores``."""
    names = gpu_names()
    if names:
        return f"GPU: {', '.join(names)} ({backend_name()})"
    cores = os.cpu_count() or 1
    return f"CPU {platform.machine()}, {cores} cores ({backend_name()})"


def describe_in_subprocess(timeout: float = 120) -> str:
    """:func:`describe`, asked of a fresh Python process.

    The dashboard uses this so that its own process never imports the Keras backend just to
    name the device: importing it costs hundreds of MB, and once Keras is loaded Streamlit
    clears the Keras session (a full garbage collection) after every rerun of every page.
    """
    try:
        result = subprocess.run(
            [sys.executable, "-m", "fmnist_core.device"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return f"unknown ({type(error).__name__})"
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else "unknown"


if __name__ == "__main__":
    print(describe())
