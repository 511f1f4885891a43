"""How far a run has got and how long it will take, from what the store records."""

from __future__ import annotations

import time
from dataclasses import dataclass

from fmnist_core.store import Epoch, Run


@dataclass(frozen=True)
class Progress:
    """A run's progress: the fraction done overall and inside the epoch, and times in seconds."""

    epoch: int  # the epoch in progress (or last finished), from 1
    planned_epochs: int
    batch: int
    batches_per_epoch: int
    fraction: float  # 0..1 of the whole run
    elapsed: float
    remaining: float | None  # None until there is something to estimate from


MIN_EPOCH_SHARE = 0.1  # of an epoch trained before a time left is estimated


def epochs_trained(epochs: list[Epoch]) -> float:
    """How many epochs a run trained: 1.35 when Stop ended its second epoch 35% of the way."""
    return round(sum(1.0 if e.fraction is None else e.fraction for e in epochs), 2)


def estimate(run: Run, epochs: list[Epoch], now: float | None = None) -> Progress:
    """Progress of ``run``: ETA from the average epoch so far, refined by the current batch."""
    now = now or time.time()
    planned = run.epochs_planned or max(len(epochs), 1)
    started = run.started or run.created
    # A run whose worker died ended at its last heartbeat: its "finished" is when the death was
    # noticed, which made a run that trained 5 s read "33 s".
    ended = run.heartbeat if run.status == "interrupted" and run.heartbeat else run.finished
    elapsed = ((ended or now) - started) if run.started else 0.0
    batches = run.batches_per_epoch or 0
    batch = run.batch or 0
    # A run Stop ended mid-epoch records that epoch as a part (0.5): it counts as half.
    done_epochs = epochs_trained(epochs)
    in_epoch = batch / batches if batches and run.status == "running" else 0.0
    if done_epochs >= planned or run.status == "finished":
        fraction = 1.0
    else:
        fraction = min(1.0, (done_epochs + in_epoch) / planned)
    remaining = None
    # Elapsed time includes loading the data and building the network: projected from the first
    # few batches it reads minutes for a run of seconds, so the estimate waits for a tenth of an
    # epoch. Once an epoch has finished its own time is known: the start-up, which elapsed time
    # spread over every epoch to come, is left out (a 20 s start then a 3 s epoch read 23 s an
    # epoch).
    if run.status == "running" and fraction > 0 and done_epochs + in_epoch >= MIN_EPOCH_SHARE:
        timed = [e.seconds for e in epochs if e.seconds and e.fraction is None]
        if timed:
            epochs_left = max(planned - done_epochs - in_epoch, 0.0)
            remaining = sum(timed) / len(timed) * epochs_left
        else:
            remaining = elapsed * (1 - fraction) / fraction
    return Progress(
        epoch=run.epoch or len(epochs),
        planned_epochs=planned,
        batch=batch,
        batches_per_epoch=batches,
        fraction=fraction,
        elapsed=elapsed,
        remaining=remaining,
    )
