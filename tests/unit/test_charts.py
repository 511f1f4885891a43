"""Chart builders are pure: data in, a figure with that data out."""

from __future__ import annotations

import numpy as np

from ui import charts


def test_training_curves_span_the_planned_epochs():
    figure = charts.training_curves(
        [1, 2],
        [0.9, 0.5],
        [1.0, 0.6],
        title="Loss",
        y_title="loss",
        x_title="Epoch",
        train_label="training",
        validation_label="validation",
        planned_epochs=10,
    )
    train, validation = figure.data
    assert list(train.y) == [0.9, 0.5] and validation.line.dash == "dash"
    assert tuple(figure.layout.xaxis.range) == (0.5, 10.5)


def test_training_curves_without_validation_have_one_line():
    figure = charts.training_curves(
        [1], [0.9], [None], title="", y_title="", x_title="", train_label="t", validation_label="v"
    )
    assert len(figure.data) == 1


def test_comparison_curves_give_each_run_its_colour():
    series = [
        {"name": n, "x": [1, 2], "train": [0.5, 0.4], "validation": [0.6, 0.5]} for n in ("a", "b")
    ]
    figure = charts.comparison_curves(
        series, title="", x_title="", y_title="", train_label="t", validation_label="v"
    )
    assert len(figure.data) == 4
    assert figure.data[0].line.color == figure.data[1].line.color != figure.data[2].line.color
    assert figure.data[1].line.dash == "dash"


def test_score_bars_put_the_best_on_top_with_labels():
    figure = charts.score_bars(
        ["a", "b", "c"], [0.85, 0.92, 0.89], title="", x_title="", percent=True
    )
    assert list(figure.data[0].y) == ["b", "c", "a"]
    assert list(figure.data[0].text) == ["92.00%", "89.00%", "85.00%"]
    losses = charts.score_bars(["a", "b"], [0.4, 0.3], title="", x_title="", higher_is_better=False)
    assert list(losses.data[0].y) == ["b", "a"]


def test_confusion_heatmap_normalises_rows():
    matrix = np.array([[8, 2], [0, 10]])
    figure = charts.confusion_heatmap(
        matrix, ["x", "y"], title="", true_title="", predicted_title="", normalised=True
    )
    assert np.allclose(np.array(figure.data[0].z), [[0.8, 0.2], [0.0, 1.0]])
    assert figure.data[0].text[0][0] == "80%"


def test_per_class_bars_group_runs():
    figure = charts.per_class_bars(
        ["x", "y"], {"a": [0.9, 0.8], "b": [0.7, 0.6]}, title="", y_title=""
    )
    assert [trace.name for trace in figure.data] == ["a", "b"]
    assert figure.layout.barmode == "group"


def test_network_diagram_has_a_block_per_layer():
    figure = charts.network_diagram(
        [("Input", (28, 28, 1), 0), ("Conv2D 8", (26, 26, 8), 80), ("Flatten", (5408,), 0)],
        "net",
        "params",
    )
    assert len(figure.layout.shapes) == 3
    assert figure.data[0].hovertext[1] == "Conv2D 8<br>26x26x8<br>params: 80"
    assert [a.text for a in figure.layout.annotations][2] == "<b>Flatten</b><br>5408"


def test_comparison_curves_on_an_epoch_axis_tick_whole_epochs_only():
    series = [{"name": "a", "x": [1, 2], "train": [0.5, 0.4], "validation": [0.6, 0.5]}]
    common = {
        "title": "",
        "x_title": "",
        "y_title": "",
        "train_label": "t",
        "validation_label": "v",
    }
    epochs = charts.comparison_curves(series, whole_numbers=True, **common).layout.xaxis
    assert (epochs.tick0, epochs.dtick, tuple(epochs.range)) == (1, 1, (0.5, 2.5))
    long = [{**series[0], "x": list(range(1, 31)), "train": [0.1] * 30, "validation": [None] * 30}]
    assert charts.comparison_curves(long, whole_numbers=True, **common).layout.xaxis.dtick == 3
    assert charts.comparison_curves(series, **common).layout.xaxis.dtick is None
