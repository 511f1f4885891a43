"""Chart builders are pure: data in, a figure with that data and its own titles out."""

from __future__ import annotations

import numpy as np

from fmnist_core.store import Epoch
from ui import charts
from ui.i18n import duration_text


def epochs(losses, val_losses=None, seconds=2.0):
    """Epochs 1, 2, ... with these losses (accuracy 1 - loss), as the store returns them."""
    val_losses = val_losses or [None] * len(losses)
    return [
        Epoch(n, loss, 1 - loss, val, None if val is None else 1 - val, 0.001, seconds, 0.0)
        for n, (loss, val) in enumerate(zip(losses, val_losses, strict=True), start=1)
    ]


def test_one_run_spans_the_planned_epochs_in_the_lectures_colours():
    figure = charts.training_curves(epochs([0.9, 0.5], [1.0, 0.6]), "loss", planned_epochs=10)
    train, validation = figure.data
    assert list(train.y) == [0.9, 0.5] and validation.line.dash == "dash"
    assert (train.name, validation.name) == ("training", "validation")
    assert train.line.color != validation.line.color
    assert (figure.layout.title.text, figure.layout.xaxis.title.text) == ("Loss", "Epoch")
    assert tuple(figure.layout.xaxis.range) == (0.5, 10.5)


def test_an_epoch_cut_short_by_stop_is_drawn_where_it_ended():
    whole, cut = epochs([0.9, 0.5], [1.0, 0.6])
    cut = Epoch(**{**cut.__dict__, "fraction": 0.25})
    for figure in (
        charts.training_curves([whole, cut], "loss"),
        charts.lecture_curves([whole, cut], "loss"),
    ):
        assert all(list(trace.x) == [1, 1.25] for trace in figure.data)


def test_a_run_stopped_half_way_into_its_first_epoch_is_inside_the_axis():
    (cut,) = epochs([0.9], [1.0])
    cut = Epoch(**{**cut.__dict__, "fraction": 0.5})
    axis = charts.training_curves({"a": [cut]}, "loss").layout.xaxis
    assert axis.range[0] < 0.5 < axis.range[1]


def test_one_run_without_validation_has_one_line_that_says_what_it_is():
    figure = charts.training_curves(epochs([0.9]), "accuracy")
    assert len(figure.data) == 1
    assert figure.data[0].name == "training" and figure.layout.showlegend  # Plotly hides a lone one


def test_a_run_keeps_its_colour_when_others_are_unticked_beside_it():
    three = charts.run_colours([3, 1, 2])
    assert len(set(three.values())) == 3
    assert charts.run_colours([1, 3]) == {1: three[1], 3: three[3]}  # run 3 stays as it was
    assert charts.run_colours([3]) == {3: three[3]}


def test_runs_a_palette_apart_get_different_colours_while_the_palette_lasts():
    size = len(charts.RUN_PALETTE)
    many = charts.run_colours(range(1, size + 1))
    assert len(set(many.values())) == size
    assert charts.run_colours([1, 1 + size])[1 + size] != charts.run_colours([1])[1]
    assert "#F0E442" not in many.values()  # yellow, barely visible as a line on white


def test_a_run_a_palette_apart_keeps_its_colour_once_given():
    size = len(charts.RUN_PALETTE)
    kept: dict[int, str] = {}
    first = charts.run_colours([1, 1 + size], kept)
    kept.update(first)
    assert first[1] != first[1 + size]
    alone = charts.run_colours([1 + size], kept)  # run 1 unticked: the other keeps its colour
    kept.update(alone)
    assert alone == {1 + size: first[1 + size]}
    assert charts.run_colours([1, 1 + size], kept) == first  # and run 1 comes back as it was


def test_a_run_new_to_the_chart_does_not_take_the_colour_of_one_just_unticked():
    """Runs 8, 9, 10 shown; 8 unticked, 1 ticked (run 8's blue by number), 8 ticked again: run 1
    had taken blue, and run 8 came back purple."""
    kept: dict[int, str] = {}
    first = charts.run_colours([8, 9, 10], kept)
    kept.update(first)
    kept.update(charts.run_colours([9, 10], kept))
    with_one = charts.run_colours([1, 9, 10], kept)
    kept.update(with_one)
    assert with_one[1] not in first.values()
    again = charts.run_colours([1, 8, 9, 10], kept)
    assert {run: again[run] for run in (8, 9, 10)} == first and again[1] == with_one[1]


def test_two_runs_that_were_given_the_same_colour_apart_differ_when_shown_together():
    size = len(charts.RUN_PALETTE)
    kept = {**charts.run_colours([1]), **charts.run_colours([1 + size])}
    assert kept[1] == kept[1 + size]  # each alone took its own colour
    together = charts.run_colours([1, 1 + size], kept)
    assert together[1] == kept[1] and together[1 + size] != kept[1]  # the older keeps it


def test_several_runs_each_get_their_colour():
    runs = {name: epochs([0.5, 0.4], [0.6, 0.5]) for name in ("a", "b")}
    figure = charts.training_curves(runs, "accuracy")
    assert len(figure.data) == 4
    assert figure.data[0].line.color == figure.data[1].line.color != figure.data[2].line.color
    assert figure.data[1].line.dash == "dash"
    # One legend entry per run; the hover names the line.
    assert figure.data[0].name == "a" and figure.data[0].showlegend
    assert figure.data[1].showlegend is False
    assert figure.data[1].hovertemplate.startswith("a · validation<br>Epoch %{x}: %{y:.2%}")
    assert "dashed line, diamonds: validation" in figure.layout.title.subtitle.text
    assert figure.layout.yaxis.tickformat == ".1~%"  # 95%, and 10.5% where a narrow range needs it


def test_epoch_axes_tick_whole_epochs_only():
    axis = charts.training_curves({"a": epochs([0.5, 0.4])}, "loss").layout.xaxis
    assert (axis.tick0, axis.dtick, tuple(axis.range)) == (1, 1, (0.5, 2.5))
    assert charts.training_curves({"a": epochs([0.1] * 30)}, "loss").layout.xaxis.dtick == 3
    live = charts.training_curves(epochs([0.1] * 2), "loss", planned_epochs=30)
    assert (live.layout.xaxis.dtick, tuple(live.layout.xaxis.range)) == (3, (0.5, 30.5))


def test_a_time_axis_counts_training_seconds_with_plotlys_ticks():
    figure = charts.training_curves({"a": epochs([0.5, 0.4], seconds=2.5)}, "loss", x_axis="time")
    assert list(figure.data[0].x) == [2.5, 5.0]
    assert figure.layout.xaxis.dtick is None
    assert figure.layout.xaxis.title.text == "Training time (s)"


def test_builders_write_their_titles_in_the_chosen_language(monkeypatch):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    figure = charts.training_curves(epochs([0.9], [1.0]), "loss")
    assert [trace.name for trace in figure.data] == ["학습", "검증"]
    assert figure.layout.title.text == "손실"
    assert charts.probability_bars([0.91] + [0.01] * 9).data[0].y[0] == "티셔츠/상의"


def test_score_bars_put_the_best_on_top_with_labels():
    figure = charts.score_bars(["a", "b", "c"], [0.85, 0.92, 0.89], "accuracy")
    assert list(figure.data[0].y) == ["b", "c", "a"]
    assert list(figure.data[0].text) == ["92.00%", "89.00%", "85.00%"]
    assert figure.layout.title.text == "Test accuracy"
    losses = charts.score_bars(["a", "b"], [0.4, 0.3], "loss")
    assert list(losses.data[0].y) == ["b", "a"]


def test_score_bars_start_at_zero_and_keep_room_for_their_values():
    figure = charts.score_bars(["a", "b"], [0.3030, 0.3909], "accuracy")
    assert figure.layout.xaxis.range[0] == 0.0 and figure.layout.xaxis.range[1] > 1.0
    losses = charts.score_bars(["a", "b"], [2.282, 1.9], "loss")
    assert losses.layout.xaxis.range == (0.0, 2.282 * 1.18)


def test_a_long_run_name_wraps_beside_its_bar_at_its_parts_and_is_whole_in_its_hover():
    name = "#32 lecture-2 pool+dropout · Learning rate 0.001 · Batch size 64"
    bar = charts.score_bars([name], [0.8], "accuracy").data[0]
    # The values that tell a sweep's runs apart stay in view (cut, they read "Learning r…").
    assert bar.y[0] == "#32 lecture-2 pool+dropout ·<br>Learning rate 0.001 · Batch size 64"
    assert bar.hovertext[0] == name
    endless = " · ".join(f"Layer {n} · Filters {n * 8}" for n in range(1, 9))
    (lines,) = charts.score_bars([endless], [0.5], "accuracy").data[0].y[0:1]
    parts = lines.split("<br>")
    assert len(parts) == charts.LABEL_LINES and parts[-1].endswith("…")
    assert all(part.endswith(" ·") for part in parts[:-1])  # each line says the name goes on
    assert all(len(part) <= charts.LABEL_CHARACTERS for part in parts)
    typed = "#12 Kim's homework attempt with smaller learning rate, batch 64"
    (typed_lines,) = charts.score_bars([typed], [0.5], "accuracy").data[0].y
    # Broken between words, not cut: its end is what tells it from the student's other tries.
    assert typed_lines == "#12 Kim's homework attempt with<br>smaller learning rate, batch 64"
    one_word = "x" * 80
    assert charts.score_bars([one_word], [0.5], "accuracy").data[0].y[0].endswith("…")


def test_confusion_heatmap_normalises_rows():
    matrix = np.diag([10] * 10)
    matrix[0, :2] = [8, 2]
    figure = charts.confusion_heatmap(matrix, normalised=True)
    assert np.allclose(np.array(figure.data[0].z)[0, :2], [0.8, 0.2])
    assert figure.data[0].text[0][0] == "80%"
    assert list(figure.data[0].x)[:2] == ["T-shirt/top", "Trouser"]
    assert figure.layout.title.text == "Confusion matrix (test set)"
    assert charts.confusion_heatmap(matrix, title="#1 run").layout.title.text == "#1 run"


def test_per_class_bars_group_runs():
    figure = charts.per_class_bars({"a": [0.9] * 10, "b": [0.7] * 10})
    assert [trace.name for trace in figure.data] == ["a", "b"]
    assert figure.layout.barmode == "group"


def test_network_diagram_has_a_block_per_layer():
    figure = charts.network_diagram(
        [("Input", (28, 28, 1), 0), ("Conv2D 8", (26, 26, 8), 80), ("Flatten", (5408,), 0)]
    )
    assert len(figure.layout.shapes) == 3
    assert figure.data[0].hovertext[1] == "Conv2D 8<br>26x26x8<br>params: 80"
    assert [a.text for a in figure.layout.annotations][
        2
    ] == "<b>Flatten</b><br>5,408"  # as the formulas write it


def test_durations_read_as_people_write_them(monkeypatch):
    assert [duration_text(s) for s in (None, 42.4, 185, 3720)] == [
        "—",
        "42 s",
        "3 min 05 s",
        "1 h 02 min",
    ]
    monkeypatch.setenv("FMNIST_LANG", "ko")
    assert duration_text(185) == "3분 05초"


def test_a_run_name_with_tags_is_shown_as_typed():
    from fmnist_core.store import Epoch

    epochs = [Epoch(1, 0.5, 0.8, 0.6, 0.75, 0.001, 1.0, 0.0)]
    figure = charts.training_curves({"#3 test <b>x</b>": epochs, "#4 plain": epochs}, "loss")
    assert figure.data[0].name == "#3 test &lt;b&gt;x&lt;/b&gt;"
    assert figure.data[1].hovertemplate.startswith("#3 test &lt;b&gt;x&lt;/b&gt; · validation")
    long = "#12 Kim's homework attempt with smaller learning rate, batch 64"
    cut = charts.training_curves({long: epochs}, "loss").data[0]
    assert len(cut.name) == charts.LABEL_CHARACTERS and cut.name.endswith("…")
    assert cut.hovertemplate.startswith(f"{long} · training")  # whole in the hover
    odd = charts.training_curves({"#5 %{y} 100%": epochs, "#4 plain": epochs}, "loss")
    assert odd.data[0].hovertemplate.startswith("#5 %&#123;y} 100% · training<br>")
    bars = charts.score_bars(["#3 test <b>x</b>"], [0.8], "accuracy")
    assert list(bars.data[0].y) == ["#3 test &lt;b&gt;x&lt;/b&gt;"]


def test_an_images_pixel_map_ticks_rows_and_columns_alike_and_hovers_in_korean(monkeypatch):
    image = np.zeros((28, 28), dtype=np.uint8)
    figure = charts.image_heatmap(image)
    assert figure.layout.xaxis.dtick == figure.layout.yaxis.dtick == 5
    assert figure.data[0].hovertemplate.startswith("row %{y}, column %{x}")
    monkeypatch.setenv("FMNIST_LANG", "ko")
    assert charts.image_heatmap(image).data[0].hovertemplate.startswith("%{y}행, %{x}열")


def test_a_long_networks_labels_take_two_rows():
    blocks = [(f"Conv2D {i}", (26, 26, 8), 80) for i in range(charts.STAGGER_FROM + 1)]
    rows = {a.y for a in charts.network_diagram(blocks).layout.annotations}
    assert len(rows) == 2  # every other label a line lower: side by side they ran together
    short = charts.network_diagram(blocks[: charts.STAGGER_FROM]).layout.annotations
    assert len({a.y for a in short}) == 1
