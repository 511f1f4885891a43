"""The schedule models saved before 2026-11-29 name, kept so they still load in the studio.

New runs use Keras' own ``CosineDecay`` (``training.one_cycle``), so their ``model.keras`` loads in
plain Keras; a model whose optimizer names ``fmnist_studio>OneCycle`` needs this registration.
"""

from __future__ import annotations

import math

import keras
from keras import ops


@keras.saving.register_keras_serializable(package="fmnist_studio")
class OneCycle(keras.optimizers.schedules.LearningRateSchedule):
    """Warm up linearly from peak/10 to ``peak`` over ``warmup`` of the steps, then anneal to
    about peak/1000 along a cosine (Smith's one-cycle policy, as fast recipes use it).

    >>> schedule = OneCycle(peak=0.003, total_steps=1000)
    >>> float(schedule(300)) == 0.003
    True
    """

    def __init__(self, peak: float, total_steps: int, warmup: float = 0.3) -> None:
        self.peak = float(peak)
        self.total_steps = int(total_steps)
        self.warmup = float(warmup)

    def __call__(self, step):
        step = ops.cast(step, "float32")
        warm_steps = max(1.0, self.total_steps * self.warmup)
        rising = self.peak * (0.1 + 0.9 * step / warm_steps)
        progress = ops.clip((step - warm_steps) / max(1.0, self.total_steps - warm_steps), 0, 1)
        falling = self.peak * (0.001 + 0.999 * 0.5 * (1.0 + ops.cos(math.pi * progress)))
        return ops.where(step < warm_steps, rising, falling)

    def get_config(self) -> dict:
        return {"peak": self.peak, "total_steps": self.total_steps, "warmup": self.warmup}
