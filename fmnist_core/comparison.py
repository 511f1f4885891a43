"""Putting runs side by side: the runs table, what differs between runs, overfitting signs.

Pure functions over what the store returns; the Compare page and the CSV exports use them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from fmnist_core.architectures import complete_layer, describe_layer
from fmnist_core.progress import epochs_trained
from fmnist_core.store import EPOCH_METRICS, Epoch, Run
from fmnist_core.training import SETTINGS


@dataclass(frozen=True)
class Overfitting:
    """How far training accuracy ran ahead of validation accuracy, and when validation peaked."""

    final_gap: float | None  # train accuracy - validation accuracy at the last epoch
    # Where on the epoch axis validation loss was lowest (1.35 for an epoch Stop cut short).
    best_val_loss_epoch: float | None
    epochs_after_best: float | None  # epochs trained after that one (overfitting shows here)


def overfitting(epochs: list[Epoch]) -> Overfitting:
    """The end-of-training accuracy gap and the epoch of best validation loss."""
    with_val = [e for e in epochs if e.val_loss is not None]
    if not with_val:
        return Overfitting(None, None, None)
    best = min(with_val, key=lambda e: e.val_loss)
    last = epochs[-1]
    gap = None
    if last.accuracy is not None and last.val_accuracy is not None:
        gap = last.accuracy - last.val_accuracy
    # Positions to two decimals, as "Epochs run" shows them (1.39, not 1.3905325443786982).
    return Overfitting(gap, round(best.position, 2), round(last.position - best.position, 2))


def runs_table(runs: list[Run], epochs_by_run: dict[int, list[Epoch]]) -> pd.DataFrame:
    """One row per run with what a comparison needs, in plain column names (used for CSV too)."""
    rows = []
    for run in runs:
        epochs = epochs_by_run.get(run.id, [])
        val = [e.val_accuracy for e in epochs if e.val_accuracy is not None]
        config = run.config
        rows.append(
            {
                # What a student compares first, then how each run was trained. The score sits
                # right after the run's name so it is in view even in a 900-pixel window.
                "id": run.id,
                "name": run.name,
                "test_accuracy": run.test_accuracy,
                "architecture": run.architecture,
                "test_loss": run.test_loss,
                "best_val_accuracy": max(val) if val else None,
                "params": run.params,
                "train_seconds": sum(e.seconds or 0 for e in epochs) or None,
                "status": run.status,
                "epochs_run": epochs_trained(epochs),  # 1.35: stopped 35% into epoch 2
                "epochs": config.get("epochs"),
                "batch_size": config.get("batch_size"),
                "limit_train": config.get("limit_train"),  # empty: all the training images
                "optimizer": config.get("optimizer"),
                "learning_rate": config.get("learning_rate"),
                # Every other setting too, so a row of the CSV is enough to train the run again.
                **{name: config.get(name) for name in CSV_ONLY_SETTINGS},
                "final_val_accuracy": val[-1] if val else None,
                "device": run.device,
                "tags": run.tags,
                "notes": run.notes,  # what the student wrote about the run: kept in view
                "created": pd.Timestamp(run.created, unit="s").floor("s"),
            }
        )
    table = pd.DataFrame(rows)
    # A run without a score (stopped, failed, running) leaves a gap, not the word None.
    for column in _SCORES:
        if column in table:
            table[column] = measured(pd.to_numeric(table[column]).astype(float))
    return table


def measured(figures: pd.Series) -> pd.Series:
    """Figures Keras measured in float32 (0.6733333468437195) to the six digits that say them
    (0.673333): the CSV export wrote the float32's noise beside a test accuracy of 0.7347."""
    return figures.map(lambda value: float(f"{value:.6g}"))


# The settings the table has columns for among its leading ones (the Compare page shows these);
# the others are columns for the CSV export only.
_SHOWN_SETTINGS = ("epochs", "batch_size", "limit_train", "optimizer", "learning_rate")
CSV_ONLY_SETTINGS = tuple(name for name in SETTINGS if name not in _SHOWN_SETTINGS)
_SCORES = ("test_accuracy", "test_loss", "best_val_accuracy", "final_val_accuracy", "train_seconds")


def histories_table(runs: list[Run], epochs_by_run: dict[int, list[Epoch]]) -> pd.DataFrame:
    """Every epoch of the given runs, one row each, for the CSV export: the store's metrics by
    their stored names (``fraction`` is empty for a whole epoch)."""
    rows = [
        {"run_id": run.id, "run_name": run.name, "epoch": e.epoch}
        | {name: getattr(e, name) for name in EPOCH_METRICS}
        for run in runs
        for e in epochs_by_run.get(run.id, [])
    ]
    table = pd.DataFrame(rows, columns=["run_id", "run_name", "epoch", *EPOCH_METRICS])
    for column in EPOCH_METRICS:
        table[column] = measured(pd.to_numeric(table[column]).astype(float))
    return table


def _flat_settings(run: Run) -> dict[str, Any]:
    settings: dict[str, Any] = {"architecture": run.architecture, "params": run.params}
    layers = [describe_layer(complete_layer(layer)) for layer in run.spec.get("layers", [])]
    settings["layers"] = " · ".join(layers)
    settings.update(run.config)
    return settings


def settings_diff(
    runs: list[Run],
    shown: Callable[[str, Any], str] | None = None,
    label: Callable[[Run], str] | None = None,
) -> pd.DataFrame:
    """Only the architecture and training settings that differ between ``runs``.

    Rows are settings, columns are runs (``label(run)``, by default ``#id name``); empty when the
    runs agree on everything.
    ``shown(setting, value)`` writes a value as text (default: numbers with separators, None as
    a dash); the dashboard passes one that speaks the user's language.
    """
    shown = shown or (lambda _setting, value: shown_value(value))
    label = label or (lambda run: f"#{run.id} {run.name}")
    if len(runs) < 2:
        return pd.DataFrame()
    flat, differing, _ = _split(runs)
    return pd.DataFrame(
        {
            label(run): [shown(key, s.get(key)) for key in differing]
            for run, s in zip(runs, flat, strict=True)
        },
        index=differing,
    )


def shared_settings(runs: list[Run], shown: Callable[[str, Any], str] | None = None) -> pd.Series:
    """The architecture and training settings ``runs`` all have alike, by setting, as text
    (``shown`` as in ``settings_diff``): what "only what differs" leaves out."""
    shown = shown or (lambda _setting, value: shown_value(value))
    if not runs:
        return pd.Series(dtype=object)
    flat, _, alike = _split(runs)
    return pd.Series([shown(key, flat[0].get(key)) for key in alike], index=alike, dtype=object)


def _split(runs: list[Run]) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Each run's settings, flat, and the settings in which they differ and agree, in order."""
    flat = [_flat_settings(run) for run in runs]
    keys = list(dict.fromkeys(key for settings in flat for key in settings))
    differing = [key for key in keys if len({_hashable(s.get(key)) for s in flat}) > 1]
    return flat, differing, [key for key in keys if key not in differing]


def _hashable(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A sweep typed "0" stores 0 where the form stores 0.0: the same setting, not a difference
        return float(value)
    return repr(value)


def shown_value(value: Any) -> str:
    """A setting's value as text: numbers with separators, None as a dash."""
    if value is None:
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
