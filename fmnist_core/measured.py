"""What each preset reached when we trained it, as the benchmarks printed it (bench/README.md).

These are records of runs, not promises: another machine gives other seconds, and another seed a
slightly different accuracy. The Home page shows them beside the lecture's own figures so that a
student knows what to expect before pressing Train.
"""

from __future__ import annotations

from dataclasses import dataclass

# The test accuracies the lecture reports after 25 epochs of its recipe.
LECTURE_TEST_ACCURACY = {"lecture-1": 0.8554, "lecture-2": 0.8907, "lecture-3": 0.9237}

DEVELOPMENT_CPU = "2-core x86_64 CPU, TensorFlow 2.21"


@dataclass(frozen=True)
class Measured:
    """One benchmark run of a preset with a recipe: its final test accuracy and training time."""

    preset: str
    recipe: str  # a key of fmnist_core.training.RECIPES
    epochs: int
    test_accuracy: float
    # Fitting only, as bench/scoring.py counts it. The lecture runs shared the cores with other
    # work for part of the time, so theirs is 25 x their median epoch rather than the sum.
    training_seconds: float
    machine: str
    benchmark: str  # the bench script that printed it


MEASURED: tuple[Measured, ...] = (
    Measured("lecture-1", "lecture", 25, 0.8522, 2140, DEVELOPMENT_CPU, "bench.lecture"),
    Measured("lecture-2", "lecture", 25, 0.8998, 439, DEVELOPMENT_CPU, "bench.lecture"),
    Measured("lecture-3", "lecture", 25, 0.9236, 4749, DEVELOPMENT_CPU, "bench.lecture"),
    Measured("fast", "fast", 6, 0.9266, 54, DEVELOPMENT_CPU, "bench.time_to_accuracy"),
    # The best recipe cut to the 4 epochs that fit in an hour here; it is meant for a GPU.
    Measured("best", "best", 4, 0.9285, 2653, DEVELOPMENT_CPU, "bench.gpu.fast_and_best"),
)


def measured(preset: str) -> Measured | None:
    """The recorded run of ``preset``, or None when none has been recorded."""
    return next((record for record in MEASURED if record.preset == preset), None)
