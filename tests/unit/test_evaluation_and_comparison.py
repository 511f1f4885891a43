"""Evaluation on hand-made predictions; the runs table, settings diff and overfitting signs."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

from fmnist_core import architectures, comparison, evaluation
from fmnist_core.store import Epoch, RunStore

TRUE = np.array([0, 0, 0, 1, 1, 2, 2, 2, 2, 6])
PREDICTED = np.array([0, 6, 0, 1, 1, 2, 0, 2, 2, 0])


def test_confusion_matrix_counts_true_rows_and_predicted_columns():
    matrix = evaluation.confusion_matrix(TRUE, PREDICTED)
    assert matrix.shape == (10, 10) and matrix.sum() == 10
    assert matrix[0, 0] == 2 and matrix[0, 6] == 1
    assert matrix[2, 0] == 1 and matrix[2, 2] == 3
    assert matrix[6, 0] == 1


def test_per_class_accuracy():
    accuracy = evaluation.per_class_accuracy(evaluation.confusion_matrix(TRUE, PREDICTED))
    assert accuracy[0] == pytest.approx(2 / 3)
    assert accuracy[1] == 1.0 and accuracy[2] == 0.75 and accuracy[6] == 0.0
    assert np.isnan(accuracy[9])  # no test image of that class


def test_row_normalised_rows_sum_to_one():
    shares = evaluation.row_normalised(evaluation.confusion_matrix(TRUE, PREDICTED))
    assert shares[0].sum() == pytest.approx(1.0)
    assert shares[9].sum() == 0.0


def test_misclassified_filters_by_true_and_predicted_class():
    assert evaluation.misclassified(TRUE, PREDICTED).tolist() == [1, 6, 9]
    assert evaluation.misclassified(TRUE, PREDICTED, true_class=2).tolist() == [6]
    assert evaluation.misclassified(TRUE, PREDICTED, predicted_class=0).tolist() == [6, 9]
    assert evaluation.misclassified(TRUE, PREDICTED, 0, 0).tolist() == []


def epoch(n, loss, accuracy, val_loss, val_accuracy, seconds=2.0):
    return Epoch(n, loss, accuracy, val_loss, val_accuracy, 0.001, seconds, 0.0)


def test_overfitting_gap_and_best_epoch():
    epochs = [
        epoch(1, 0.8, 0.70, 0.70, 0.72),
        epoch(2, 0.5, 0.82, 0.55, 0.80),
        epoch(3, 0.3, 0.90, 0.60, 0.81),
        epoch(4, 0.2, 0.95, 0.70, 0.82),
    ]
    sign = comparison.overfitting(epochs)
    assert sign.final_gap == pytest.approx(0.13)
    assert (sign.best_val_loss_epoch, sign.epochs_after_best) == (2, 2)
    assert comparison.overfitting([epoch(1, 0.5, 0.8, None, None)]).final_gap is None


@pytest.fixture
def two_runs(tmp_path):
    store = RunStore(tmp_path)
    first = store.create_run(
        "plain",
        architectures.preset("lecture-1"),
        {"epochs": 2, "batch_size": 32, "optimizer": "adam"},
        3_989_642,
    )
    second = store.create_run(
        "pooled",
        architectures.preset("lecture-2"),
        {"epochs": 2, "batch_size": 128, "optimizer": "adam", "limit_train": 600},
        241_546,
    )
    for run_id in (first, second):
        store.claim_next_run(os.getpid(), "CPU")
        store.record_epoch(
            run_id,
            1,
            {"loss": 0.6, "accuracy": 0.8, "val_loss": 0.5, "val_accuracy": 0.82, "seconds": 3.0},
        )
        store.record_epoch(
            run_id,
            2,
            {"loss": 0.4, "accuracy": 0.86, "val_loss": 0.45, "val_accuracy": 0.85, "seconds": 2.5},
        )
    store.finish_run(first, "finished", test_loss=0.42, test_accuracy=0.855)
    store.finish_run(second, "stopped")
    runs = store.list_runs()
    return runs, {run.id: store.epochs(run.id) for run in runs}


def test_runs_table_has_the_comparison_columns(two_runs):
    runs, epochs = two_runs
    table = comparison.runs_table(runs, epochs).set_index("name")
    assert table.loc["plain", "test_accuracy"] == 0.855
    assert table.loc["plain", "best_val_accuracy"] == 0.85
    assert table.loc["plain", "train_seconds"] == 5.5
    assert table.loc["pooled", "status"] == "stopped"
    assert np.isnan(table.loc["pooled", "test_accuracy"])
    # How many images each trained on (empty: all), so the CSV tells a 600-image try apart.
    assert table.loc["pooled", "limit_train"] == 600 and pd.isna(table.loc["plain", "limit_train"])


def test_a_row_of_the_runs_table_has_every_setting_to_train_the_run_again(tmp_path):
    from fmnist_core.training import RECIPES, SETTINGS, TrainConfig

    store = RunStore(tmp_path)
    config = RECIPES["fast"]
    run_id = store.create_run("fast", architectures.preset("fast"), config.to_dict(), 1)
    (row,) = comparison.runs_table([store.get_run(run_id)], {run_id: []}).to_dict("records")
    given = {name: row[name] for name in SETTINGS}
    given["limit_train"] = None if pd.isna(given["limit_train"]) else int(given["limit_train"])
    assert TrainConfig.from_dict(given) == config


def test_a_table_of_runs_without_scores_has_gaps_not_none(two_runs):
    runs, _ = two_runs
    stopped = [run for run in runs if run.status == "stopped"]
    table = comparison.runs_table(stopped, {run.id: [] for run in stopped})
    for column in ("test_accuracy", "test_loss", "best_val_accuracy", "train_seconds"):
        assert table[column].dtype == float and table[column].isna().all()


def test_settings_diff_shows_only_what_differs(two_runs):
    runs, _ = two_runs
    diff = comparison.settings_diff(runs)
    assert set(diff.index) == {"architecture", "params", "layers", "batch_size", "limit_train"}
    assert "optimizer" not in diff.index and "epochs" not in diff.index
    assert diff.loc["params"].tolist() == ["241,546", "3,989,642"]
    assert comparison.settings_diff(runs[:1]).empty


def test_shared_settings_are_the_rest(two_runs):
    runs, _ = two_runs
    shared = comparison.shared_settings(runs)
    assert "optimizer" in shared.index and "epochs" in shared.index
    assert not set(shared.index) & set(comparison.settings_diff(runs).index)  # one or the other
    assert shared["epochs"] == str(runs[0].config["epochs"])


def test_histories_table_has_one_row_per_epoch(two_runs):
    runs, epochs = two_runs
    histories = comparison.histories_table(runs, epochs)
    assert len(histories) == 4
    assert list(histories.columns[:3]) == ["run_id", "run_name", "epoch"]


def test_the_csv_exports_say_measured_figures_without_float32_noise(tmp_path):
    """Keras hands back float32 values: the CSV wrote best_val_accuracy 0.6733333468437195
    beside a test accuracy of 0.7347."""
    store = RunStore(tmp_path)
    run_id = store.create_run("noisy", architectures.preset("fast"), {"epochs": 1}, 1)
    store.claim_next_run(os.getpid(), "CPU")
    noisy = {"loss": 0.7982507348060608, "accuracy": 0.6733333468437195, "seconds": 10.0748684}
    store.record_epoch(run_id, 1, {**noisy, "val_accuracy": 0.6733333468437195})
    store.finish_run(run_id, "finished", test_loss=0.7982507348060608, test_accuracy=0.7347)
    runs = store.list_runs()
    epochs = {run_id: store.epochs(run_id)}
    table = comparison.runs_table(runs, epochs).to_csv(index=False)
    histories = comparison.histories_table(runs, epochs).to_csv(index=False)
    for csv in (table, histories):
        assert "0.673333," in csv and "0.798251," in csv and "0.6733333468" not in csv
    assert ",0.7347," in table and ",10.0749," in table


def test_a_setting_a_sweep_typed_as_a_whole_number_is_not_a_difference(tmp_path):
    """A sweep's "0" is stored as 0, the form's as 0.0: Compare listed "Random shift 0 | 0"."""
    from fmnist_core.training import TrainConfig

    store = RunStore(tmp_path)
    network = architectures.preset("lecture-1")
    form = TrainConfig(epochs=1).to_dict()
    typed = {**form, "augment_shift": 0, "learning_rate": 0.01}
    runs = [
        store.get_run(store.create_run(name, network, config))
        for name, config in (("form", form), ("typed", typed))
    ]
    assert form["augment_shift"] == 0.0 and isinstance(form["augment_shift"], float)
    assert list(comparison.settings_diff(runs).index) == ["learning_rate"]
    assert "augment_shift" in comparison.shared_settings(runs).index
