"""Naming the compute device: the line stored with each run reads back for translation."""

from __future__ import annotations

import pytest

from fmnist_core.device import Device


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
