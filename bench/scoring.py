"""The benchmarks' shared yardstick: test accuracy after every epoch, training time apart."""

from __future__ import annotations

import time

import keras
import numpy as np


class TestAccuracyPerEpoch(keras.callbacks.Callback):
    """Scores the model on the test split after each epoch; scoring time is not training time.

    With ``stop_at`` it ends training once that accuracy is reached (time-to-accuracy runs).
    """

    def __init__(
        self, x_test: np.ndarray, y_test: np.ndarray, stop_at: float | None = None, label: str = ""
    ) -> None:
        super().__init__()
        self.x_test, self.y_test, self.stop_at, self.label = x_test, y_test, stop_at, label
        self.accuracies: list[float] = []
        self.seconds: list[float] = []  # training seconds so far, after each epoch
        self._started = 0.0

    def on_epoch_begin(self, epoch: int, logs=None) -> None:
        self._started = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs=None) -> None:
        trained = time.perf_counter() - self._started + (self.seconds[-1] if self.seconds else 0)
        predicted = self.model.predict(self.x_test, batch_size=2048, verbose=0).argmax(axis=1)
        self.accuracies.append(float(np.mean(predicted == self.y_test)))
        self.seconds.append(trained)
        print(
            f"  {self.label}epoch {epoch + 1}: test accuracy {self.accuracies[-1]:.4f} after "
            f"{trained:.1f} s of training",
            flush=True,
        )
        if self.stop_at is not None and self.accuracies[-1] >= self.stop_at:
            self.model.stop_training = True

    def reached(self, target: float) -> tuple[int, float] | None:
        """(epoch, training seconds) when test accuracy first reached ``target``, or None."""
        for epoch, (accuracy, seconds) in enumerate(
            zip(self.accuracies, self.seconds, strict=True), start=1
        ):
            if accuracy >= target:
                return epoch, seconds
        return None

    @property
    def train_seconds(self) -> float:
        """Training seconds over all epochs so far."""
        return self.seconds[-1] if self.seconds else 0.0
