"""Keras callbacks that let the rest of the studio watch training: the store, and the terminal.

The callback protocol (``on_epoch_end(epoch, logs)`` and friends) is the only contract between
the training loop and everything that watches it. Neither callback calls Streamlit.
"""

from __future__ import annotations

import logging
import time

import keras

from fmnist_core.store import OutageLog, RunStore, StoreUnavailable

log = logging.getLogger(__name__)

METRICS = ("loss", "accuracy", "val_loss", "val_accuracy")


def current_learning_rate(model) -> float | None:
    """The optimizer's learning rate right now (a schedule's current value), as a float."""
    try:
        return float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))
    except (AttributeError, TypeError, ValueError):
        return None


class StoreStreamer(keras.callbacks.Callback):
    """Streams a run's progress into the run store, and honours Stop.

    Writes one row per finished epoch (loss, accuracy, val_loss, val_accuracy, learning rate,
    seconds; the share of its batches when Stop cut it short) and, at most
    ``writes_per_second`` times a second, the batch reached inside the epoch. Each such write
    also reads the run's stop flag: once a user pressed Stop it sets ``model.stop_training``,
    which Keras honours after the current batch.

    >>> model.fit(x, y, epochs=5, callbacks=[StoreStreamer(store, run_id)])  # doctest: +SKIP
    """

    # Keras hands a callback with a batch hook each batch's metrics as Python numbers, which
    # waits for the accelerator after every step and starves it (bench/README.md, GPU figures).
    # Declared async-safe, the batch hook runs on Keras' callback thread instead; it only writes
    # progress and reads the stop flag, and the store opens a connection per call.
    async_safe = True

    def __init__(self, store: RunStore, run_id: int, writes_per_second: float = 4.0) -> None:
        super().__init__()
        self.store = store
        self.run_id = run_id
        self.min_interval = 1.0 / writes_per_second
        self.stopped_by_user = False
        self._epoch = 0
        self._epoch_started = 0.0
        self._last_write = 0.0
        self._batches = 0
        self._batches_done = 0  # in the epoch under way
        self._outage = OutageLog(log, f"progress of run {run_id}")

    def on_train_begin(self, logs=None) -> None:
        self._batches = int(self.params.get("steps") or 0)

    def on_epoch_begin(self, epoch: int, logs=None) -> None:
        self._epoch = epoch + 1
        self._epoch_started = time.perf_counter()
        self._batches_done = 0
        self._record_progress(0)
        self._last_write = time.monotonic()

    def on_train_batch_end(self, batch: int, logs=None) -> None:
        self._batches_done = batch + 1
        now = time.monotonic()
        if now - self._last_write < self.min_interval:
            return  # throttled: a write per batch would slow small models down
        self._last_write = now
        if self._record_progress(batch + 1):
            self._check_stop()

    def _record_progress(self, batch: int) -> bool:
        """Write where training is; False when the store is away for now (a restarting database
        server): the next write says it again, and only an epoch's row must not be missed,
        which ``record_epoch`` keeps trying to write."""
        try:
            self.store.record_progress(self.run_id, self._epoch, batch, self._batches)
        except StoreUnavailable as error:
            self._outage.failed(error)
            return False
        self._outage.written()
        return True

    def on_epoch_end(self, epoch: int, logs=None) -> None:
        logs = logs or {}
        metrics = {name: _number(logs.get(name)) for name in METRICS}
        metrics["learning_rate"] = current_learning_rate(self.model)
        metrics["seconds"] = time.perf_counter() - self._epoch_started
        if self.stopped_by_user and 0 < self._batches_done < self._batches:
            # Stop ended this epoch early: say how much of it trained, so that it is not drawn
            # or counted as a whole epoch. (Keras has run every batch hook by now.)
            metrics["fraction"] = self._batches_done / self._batches
        self.store.record_epoch(self.run_id, epoch + 1, metrics)
        self._check_stop()

    def _check_stop(self) -> None:
        if not self.stopped_by_user and self.store.stop_requested(self.run_id):
            self.stopped_by_user = True
            self.model.stop_training = True


class EpochPrinter(keras.callbacks.Callback):
    """Prints one line per epoch, for the command line: ``epoch 3/10  loss 0.4121 ...``."""

    def __init__(self, epochs: int, print_line=print) -> None:
        super().__init__()
        self.epochs = epochs
        self.print_line = print_line
        self._started = 0.0

    def on_epoch_begin(self, epoch: int, logs=None) -> None:
        self._started = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs=None) -> None:
        logs = logs or {}
        parts = [f"epoch {epoch + 1}/{self.epochs}"]
        parts += [f"{name} {logs[name]:.4f}" for name in METRICS if name in logs]
        parts.append(f"{time.perf_counter() - self._started:.1f}s")
        self.print_line("  ".join(parts))


def _number(value) -> float | None:
    return None if value is None else float(value)
