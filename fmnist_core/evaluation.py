"""What a trained model gets right and wrong on the test split, from its stored predictions.

Computed once at the end of training from the predicted probabilities; the pages read the saved
results and never re-run a model for these.
"""

from __future__ import annotations

import numpy as np

from fmnist_core.data import NUM_CLASSES


def confusion_matrix(true_labels: np.ndarray, predicted_labels: np.ndarray) -> np.ndarray:
    """Counts (10, 10): row = true class, column = predicted class."""
    matrix = np.zeros((NUM_CLASSES, NUM_CLASSES), dtype=np.int64)
    np.add.at(
        matrix,
        (np.asarray(true_labels, dtype=np.int64), np.asarray(predicted_labels, dtype=np.int64)),
        1,
    )
    return matrix


def per_class_accuracy(matrix: np.ndarray) -> np.ndarray:
    """Share of each true class predicted correctly (NaN for a class with no test images)."""
    totals = matrix.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, np.diag(matrix) / totals, np.nan)


def row_normalised(matrix: np.ndarray) -> np.ndarray:
    """Each row divided by its total: where the images of each true class ended up."""
    totals = matrix.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, matrix / np.maximum(totals, 1), 0.0)


def misclassified(
    true_labels: np.ndarray,
    predicted_labels: np.ndarray,
    true_class: int | None = None,
    predicted_class: int | None = None,
) -> np.ndarray:
    """Indices of test images predicted wrongly, optionally only one true and/or predicted class."""
    wrong = np.asarray(true_labels) != np.asarray(predicted_labels)
    if true_class is not None:
        wrong &= np.asarray(true_labels) == true_class
    if predicted_class is not None:
        wrong &= np.asarray(predicted_labels) == predicted_class
    return np.flatnonzero(wrong)


def load_test_results(folder) -> dict[str, np.ndarray] | None:
    """A finished run's stored test results (probabilities, true and predicted labels,
    confusion), or None when the run has none (stopped, interrupted, failed)."""
    from pathlib import Path

    path = Path(folder) / "predictions.npz"
    if not path.is_file():
        return None
    with np.load(path) as stored:
        return {name: stored[name] for name in stored.files}
