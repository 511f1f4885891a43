"""Plotly figure builders: data in, figure out. Pages call these and only place the result.

Every builder writes its own titles and class names in the user's language (``ui.i18n``), so a
page passes only the data.
Each figure is built in one go, traces and layout handed to ``go.Figure``: Plotly's ``update_*``
and ``add_trace`` calls parse and validate again on every call, which made building a chart about
three times slower (5.8 ms against 1.7 ms for the confusion matrix) and was a quarter of the
Compare page's script time.
The run palette is Okabe-Ito, which stays distinguishable for the common colour-vision
deficiencies.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import plotly.graph_objects as go

from fmnist_core import data, evaluation, layer_kinds
from ui.i18n import language, t


def _as_written(name: str) -> str:
    """A name a student typed, shown in a chart as typed: Plotly reads tags in text as markup,
    so a run called "test <b>x</b>" showed a bold x in the legend but the tags in the tables."""
    return html.escape(name, quote=False)


if TYPE_CHECKING:
    from fmnist_core.store import Epoch

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# The runs' colours: Okabe-Ito without its yellow, which a thin line on white barely shows (a
# run's colour follows its number, so any run could get it).
RUN_PALETTE = [colour for colour in OKABE_ITO if colour != "#F0E442"]

_COMPACT = {"l": 10, "r": 10, "t": 40, "b": 10}

# Plotly's words a chart shows (its toolbar's tooltips, its notices), by the English text
# Plotly looks them up with.
_PLOTLY_WORDS = [
    "Download plot as a PNG",
    "Download plot",
    "Reset axes",
    "Autoscale",
    "Double-click to zoom back out",
    "Preparing image - this may take a few seconds",
    "Image download succeeded",
    "Sorry, there was a problem downloading your image!",
]


def toolbar() -> dict:
    """A chart's own toolbar (st.plotly_chart's config): a picture of it, for slides, and the
    way back after a zoom (dragging zooms); Plotly's row of ten buttons covered titles on a
    projector. Its tooltips in the user's language: Plotly takes a language's words with the
    chart (``locales``), since only English is built in."""
    said_in = language()
    words = {english: t(f"chart.plotly_{english}") for english in _PLOTLY_WORDS}
    return {
        "displaylogo": False,
        "modeBarButtons": [["toImage", "resetScale2d"]],
        "locale": said_in,
        "locales": {said_in: {"dictionary": words}},
    }


# How each recorded metric is titled and scaled, on the curves and the test-score bars.
_METRICS = {
    "loss": {
        "title": "chart.loss",
        "axis": "chart.loss_axis",
        "test": "train.test_loss",
        "percent": False,
        "higher_is_better": False,
    },
    "accuracy": {
        "title": "chart.accuracy",
        "axis": "chart.accuracy_axis",
        "test": "train.test_accuracy",
        "percent": True,
        "higher_is_better": True,
    },
}


def _class_names() -> list[str]:
    return data.class_names(language())


def image_heatmap(image: np.ndarray) -> go.Figure:
    """One 28x28 image as a greyscale heatmap whose hover shows row, column and pixel value."""
    image = np.asarray(image)
    hover = t("dataset.pixel_hover", row="%{y}", column="%{x}", value="%{z}")
    # Rows and columns ticked alike, every 5 pixels (Plotly picked 10 for one and 5 for the other).
    ticks = {"tick0": 0, "dtick": 5, "showgrid": False}
    return go.Figure(
        go.Heatmap(
            z=image,
            colorscale="gray_r" if image.max() <= 1.0 else "gray",
            hovertemplate=f"{hover}<extra></extra>",
            showscale=True,
        ),
        layout={
            "yaxis": {"autorange": "reversed", "scaleanchor": "x", "constrain": "domain", **ticks},
            "xaxis": {"constrain": "domain", **ticks},
            "title": t("dataset.pixels"),
            "margin": _COMPACT,
            "height": 420,
        },
    )


def intensity_histogram(image: np.ndarray) -> go.Figure:
    """Histogram of an image's pixel values (0..255) in 32 bins."""
    counts, edges = np.histogram(np.asarray(image).ravel(), bins=32, range=(0, 256))
    return go.Figure(
        go.Bar(
            x=(edges[:-1] + edges[1:]) / 2,
            y=counts,
            width=np.diff(edges) * 0.95,
            marker_color=OKABE_ITO[0],
            hovertemplate="%{x:.0f}: %{y}<extra></extra>",
        ),
        layout={
            "title": t("dataset.histogram"),
            "xaxis": {"title": t("dataset.intensity")},
            "yaxis": {"title": t("dataset.pixels_count")},
            "margin": _COMPACT,
            "height": 300,
        },
    )


def class_count_bars(counts: Sequence[int], split: str) -> go.Figure:
    """Bars of how many images each class of the ``split`` ("train" or "test") has, labelled:
    lying down, class 0 on top, so the class names read across on any screen (standing bars
    slanted them, and on a phone they ran into each other)."""
    return go.Figure(
        go.Bar(
            x=list(counts),
            y=_class_names(),
            orientation="h",
            text=[f"{int(c):,}" for c in counts],
            textposition="outside",
            cliponaxis=False,  # the count beside the longest bar, in the right margin kept for it
            marker_color=OKABE_ITO[0],
        ),
        layout={
            "title": t("dataset.counts", split=t(f"split.{split}")),
            "xaxis": {"title": t("dataset.count_axis"), "tickformat": ","},
            "yaxis": {"autorange": "reversed", "automargin": True},
            "margin": _COMPACT | {"r": 60},
            "height": 340,
        },
    )


STAGGER_FROM = 8  # blocks in the picture above which their labels take two rows


def network_diagram(blocks: Sequence[tuple[str, tuple[int, ...], int]]) -> go.Figure:
    """The network as a row of blocks, input first: each block is (label, output shape, params).

    A block's height grows with the square root of its output size, so the picture shows the
    image shrinking through pooling and collapsing at Flatten, as in the lecture's diagrams.
    """
    sizes = np.array([float(np.prod(shape)) for _, shape, _ in blocks])
    heights = 0.15 + 0.85 * np.sqrt(sizes) / (np.sqrt(sizes).max() if len(sizes) else 1.0)
    kinds = [label.split(" ", 1)[0] for label, _, _ in blocks]
    shapes_text = [layer_kinds.shape_text(shape) for _, shape, _ in blocks]
    staggered = len(blocks) > STAGGER_FROM
    params_label = t("arch.params")
    # Shapes, labels and hover points are built as lists and handed to Plotly once: adding them
    # one by one (add_shape, add_annotation) copies every earlier one each time, which made a
    # 1,000-layer network take minutes to draw.
    return go.Figure(
        go.Scatter(
            x=list(range(len(blocks))),
            y=[0] * len(blocks),
            mode="markers",
            marker={"opacity": 0, "size": 30},
            hovertext=[
                f"{label}<br>{shape_text}<br>{params_label}: {params:,}"
                for (label, _, params), shape_text in zip(blocks, shapes_text, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        ),
        layout={
            "shapes": [
                {
                    "type": "rect",
                    "x0": i - 0.38,
                    "x1": i + 0.38,
                    "y0": -height / 2,
                    "y1": height / 2,
                    "fillcolor": layer_kinds.diagram_colour(kind),
                    "line": {"color": "#333333", "width": 1},
                }
                for i, (kind, height) in enumerate(zip(kinds, heights, strict=True))
            ],
            "annotations": [
                {
                    "x": i,
                    # Every other label a line lower where there are many blocks: side by side,
                    # "ResidualBlock" ran into "GlobalAveragePooling2D" and "Dropout".
                    "y": -0.62 - (0.3 if staggered and i % 2 else 0.0),
                    "text": f"<b>{kind}</b><br>{shape_text}",
                    "showarrow": False,
                    "font": {"size": 10},
                }
                for i, (kind, shape_text) in enumerate(zip(kinds, shapes_text, strict=True))
            ],
            "xaxis": {"visible": False, "range": [-0.6, len(blocks) - 0.4]},
            "yaxis": {"visible": False, "range": [-1.1 if staggered else -0.8, 0.6]},
            "title": t("arch.picture"),
            "height": 340 if staggered else 300,
            "margin": _COMPACT,
            "plot_bgcolor": "white",
        },
    )


def training_curves(
    runs: Sequence[Epoch] | Mapping[str, Sequence[Epoch]],
    metric: str,
    *,
    x_axis: str = "epoch",
    planned_epochs: int | None = None,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """One metric ("loss" or "accuracy") per epoch: training solid, validation dashed.

    ``runs`` is one run's epochs, drawn as in the lecture's plots (training blue, validation
    vermillion), or several runs' epochs by label, one colour per run (``colours``, by label:
    a run's colour on every chart of a page; else in turn). ``x_axis`` is "epoch" or
    "time" (seconds of training so far). An epoch axis ticks whole epochs only, never 0.5 or 1.5,
    and spans ``planned_epochs`` from the start, so a live curve visibly grows into it.
    """
    single = not isinstance(runs, Mapping)
    by_label = {"": runs} if single else runs
    scale = _METRICS[metric]
    value_format = ".2%" if scale["percent"] else ".4f"
    x_name = t("chart.epoch") if x_axis == "epoch" else t("chart.time_axis")
    traces = []
    for index, (label, epochs) in enumerate(by_label.items()):
        if x_axis == "time":
            x = np.cumsum([e.seconds or 0 for e in epochs]).round(1).tolist()
        else:
            x = [e.position for e in epochs]
        lines = [(t("chart.train"), [getattr(e, metric) for e in epochs])]
        validation = [getattr(e, f"val_{metric}") for e in epochs]
        if any(v is not None for v in validation):
            lines.append((t("chart.validation"), validation))
        for number, (split, values) in enumerate(lines):
            if single:
                named = {"name": split}
            else:
                # One legend entry per run, its two lines told apart under the chart's title (an
                # entry per line filled a phone's chart with a legend twice as long); the hover
                # still names the line.
                named = {
                    # Cut to a phone's width (Plotly cuts a long entry off at the chart's edge).
                    "name": _as_written(_cut(label)),
                    "legendgroup": label,
                    "showlegend": number == 0,
                    # "%{" in a name would read as a placeholder
                    "hovertemplate": f"{_as_written(label).replace('%{', '%&#123;')} · {split}"
                    f"<br>{x_name} %{{x}}: "
                    f"%{{y:{value_format}}}<extra></extra>",
                }
            traces.append(
                go.Scatter(
                    x=x,
                    y=values,
                    mode="lines+markers",
                    **named,
                    **_curve_style(
                        None if single else _colour(label, index, colours), validation=number == 1
                    ),
                )
            )
    x_title = {"title": x_name}
    if x_axis == "epoch":
        last = max([planned_epochs or 1] + [e.epoch for run in by_label.values() for e in run])
        # Half an epoch of room on each side; a run Stop ended half way into its first epoch
        # has its point at 0.5, which would sit on the axis' edge, half hidden.
        first = min([1.0] + [e.position for run in by_label.values() for e in run])
        x_title.update(tick0=1, dtick=max(1, math.ceil(last / 10)), range=[first - 0.5, last + 0.5])
    layout = {
        "xaxis": x_title,
        # ".1~%": 10.5% where a narrow range needs it, 95% (not 95.0%) where it does not; ".0%"
        # labelled 10.5% and 11% both "11%".
        "yaxis": {"title": t(scale["axis"]), "tickformat": ".1~%" if scale["percent"] else None},
        # Several runs: which line is which, under the title (as the legend's title it ran into
        # the axis title on a phone).
        "title": t(scale["title"])
        if single
        else {"text": t(scale["title"]), "subtitle": {"text": t("chart.line_key")}},
        "height": 340 if single else 400,
        "margin": _COMPACT if single else {**_COMPACT, "t": 62},  # room for the line under it
        "legend": {"orientation": "h", "y": -0.25 if single else -0.3},
        # Plotly hides the legend of a lone curve: a run without validation data would then
        # show a line that says nothing of what it is.
        "showlegend": True,
    }
    if single:
        # One hover box for both curves of an epoch; with several runs it would list them all.
        layout["hovermode"] = "x unified"
    return go.Figure(traces, layout=layout)


def _curve_style(colour: str | None, validation: bool) -> dict:
    """Line and marker of one curve: a lone run (``None``) in the lecture's two colours; one of
    several in its run's colour, validation with diamonds to tell it apart."""
    dash = {"dash": "dash"} if validation else {}
    if colour is None:
        colour = OKABE_ITO[5] if validation else OKABE_ITO[0]
        return {"line": {"color": colour, "width": 2.5, **dash}, "marker": {"size": 7}}
    marker = {"size": 5, "symbol": "diamond"} if validation else {"size": 5}
    return {"line": {"color": colour, "width": 2, **dash}, "marker": marker}


def _colour(label: str, index: int, colours: Mapping[str, str] | None) -> str:
    """The run ``label``'s colour: given by the page, else the ``index``-th in turn."""
    return colours[label] if colours and label in colours else run_colour(index)


# The lecture's matplotlib styles: plt.plot(loss, 'b-'), plt.plot(val_loss, 'r--'),
# plt.plot(accuracy, 'g-'), plt.plot(val_accuracy, 'r--'), and plt.ylim(0.7, 1) for accuracy.
_LECTURE_STYLES = {
    "loss": {"train": "blue", "validation": "red", "range": None},
    "accuracy": {"train": "green", "validation": "red", "range": [0.7, 1.0]},
}


def lecture_curves(
    epochs: Sequence[Epoch], metric: str, y_range: Sequence[float] | None = None
) -> go.Figure:
    """One run's ``metric`` ("loss" or "accuracy") per epoch drawn as the lecture plots it:
    training a solid line (blue for loss, green for accuracy), validation a red dashed line, and
    accuracy on a 0.7 to 1 axis; ``y_range`` sets the axis instead (to put two runs on one scale).
    """
    style = _LECTURE_STYLES[metric]
    scale = _METRICS[metric]
    x = [e.position for e in epochs]
    mode = "lines" if len(x) > 1 else "lines+markers"  # one epoch is a point, not a line
    traces = [
        go.Scatter(
            x=x,
            y=[getattr(e, metric) for e in epochs],
            mode=mode,
            name=t("chart.train"),
            line={"color": style["train"], "width": 2},
        )
    ]
    validation = [getattr(e, f"val_{metric}") for e in epochs]
    if any(v is not None for v in validation):
        traces.append(
            go.Scatter(
                x=x,
                y=validation,
                mode=mode,
                name=t("chart.validation"),
                line={"color": style["validation"], "width": 2, "dash": "dash"},
            )
        )
    return go.Figure(
        traces,
        layout={
            "xaxis": {
                "title": t("chart.epoch"),
                "tick0": 1,
                "dtick": max(1, math.ceil(len(x) / 10)),
            },
            "yaxis": {
                "title": t(scale["axis"]),
                "range": list(y_range) if y_range else _lecture_range(style["range"], traces),
                "tickformat": ".1~%" if scale["percent"] else None,
            },
            "title": t(scale["title"]),
            "height": 340,
            "margin": _COMPACT,
            "legend": {"orientation": "h", "y": -0.25},
            "hovermode": "x unified",
        },
    )


def _lecture_range(lecture: list[float] | None, traces: list[go.Scatter]) -> list[float] | None:
    """The lecture's axis, widened downwards when a run's curve would fall below it (a short run
    at 50% accuracy would otherwise leave a 0.7-to-1 plot empty)."""
    if lecture is None:
        return None
    lowest = min((y for trace in traces for y in trace.y if y is not None), default=lecture[0])
    return [min(lecture[0], math.floor(lowest * 10) / 10), lecture[1]]


def confusion_heatmap(
    matrix: np.ndarray, *, title: str | None = None, normalised: bool = False
) -> go.Figure:
    """A 10x10 confusion matrix: rows true class, columns predicted, each cell labelled.

    ``title`` defaults to "Confusion matrix (test set)"; ``normalised`` shows each row as the
    shares of its true class.
    """
    matrix = np.asarray(matrix, dtype=float)
    shown = evaluation.row_normalised(matrix) if normalised else matrix
    text = [[f"{v:.0%}" if normalised else f"{int(v):,}" for v in row] for row in shown]
    names = _class_names()
    true_title, predicted_title = t("chart.true"), t("chart.predicted")
    return go.Figure(
        go.Heatmap(
            z=shown,
            x=names,
            y=names,
            text=text,
            texttemplate="%{text}",
            # One size for every matrix: Plotly shrank all of a matrix's numbers to fit its
            # widest ("1,000"), so matrices side by side read at different sizes.
            textfont={"size": 11},
            colorscale="Blues",
            showscale=False,
            hovertemplate=f"{true_title}: %{{y}}<br>{predicted_title}: %{{x}}<br>%{{text}}"
            "<extra></extra>",
        ),
        layout={
            "yaxis": {"title": true_title, "autorange": "reversed"},
            "xaxis": {"title": predicted_title, "tickangle": -35},
            "title": t("chart.confusion") if title is None else title,
            "height": 460,
            "margin": _COMPACT,
        },
    )


def run_colour(index: int) -> str:
    """The colour of the ``index``-th compared run (colour-blind-safe, cycling)."""
    return RUN_PALETTE[index % len(RUN_PALETTE)]


def run_colours(run_ids: Sequence[int], kept: Mapping[int, str] | None = None) -> dict[int, str]:
    """Each run's colour: the one it was given earlier (``kept``, e.g. this browser session's
    memory) while no older run of ``run_ids`` wears it, else its own palette colour by number
    (run 1 blue, run 2 orange, ...) or the next one free, preferring colours no other run in
    ``kept`` was given. With ``kept`` passed back in, a run never changes colour while others are
    ticked and unticked beside it (by number alone, run 22 took run 1's blue when run 1 was
    unticked, and gave it back when run 1 returned; and a run new to the chart took the colour of
    one unticked a moment before, which then came back in another); runs share a colour only when
    more than seven are shown."""
    size = len(RUN_PALETTE)
    kept = kept or {}
    ordered = sorted(set(run_ids))
    colours: dict[int, str] = {}
    taken: set[int] = set()
    for run_id in ordered:  # first, every run that already had a colour keeps it if it can
        index = RUN_PALETTE.index(kept[run_id]) if kept.get(run_id) in RUN_PALETTE else None
        if index is not None and index not in taken:
            taken.add(index)
            colours[run_id] = RUN_PALETTE[index]
    remembered = {
        RUN_PALETTE.index(colour)
        for run_id, colour in kept.items()
        if run_id not in ordered and colour in RUN_PALETTE
    }
    for run_id in (run_id for run_id in ordered if run_id not in colours):
        own = (run_id - 1) % size
        turn = [(own + step) % size for step in range(size)]
        index = next(
            (i for i in turn if i not in taken and i not in remembered),  # a colour nobody had
            next((i for i in turn if i not in taken), own),  # else any free; else its own
        )
        taken.add(index)
        colours[run_id] = RUN_PALETTE[index]
    return colours


def score_bars(
    labels: Sequence[str],
    values: Sequence[float],
    metric: str,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Runs' test ``metric`` ("loss" or "accuracy") as horizontal bars, best at the top, each
    labelled with its value, in its run's colour (``colours`` by label, else in turn)."""
    scale = _METRICS[metric]
    percent = scale["percent"]
    lines = [_label_lines(label) for label in labels]
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=scale["higher_is_better"])
    texts = [f"{values[i]:.2%}" if percent else f"{values[i]:.4f}" for i in order]
    # Every bar starts at zero, so its length is its score (an axis from 30% made 30% look like
    # nothing beside 39%); the room to the right keeps the value written after the longest bar.
    top = 1.0 if percent else max(values, default=1.0)
    x_axis = {"title": t(scale["axis"]), "range": [0.0, top * 1.18]}
    if percent:
        x_axis.update(tickformat=".0%", tickvals=[0, 0.2, 0.4, 0.6, 0.8, 1.0])
    return go.Figure(
        go.Bar(
            x=[values[i] for i in order],
            y=["<br>".join(map(_as_written, lines[i])) for i in order],
            orientation="h",
            text=texts,
            # Inside the bar's end where it fits: written after the longest bar, a phone's
            # narrow chart cut the value off ("1.40…").
            textposition="auto",
            insidetextanchor="end",
            textangle=0,  # level; a short bar it does not fit in has it after its end instead
            cliponaxis=False,
            hovertext=[_as_written(labels[i]) for i in order],
            hoverinfo="text+x",
            marker_color=[_colour(labels[i], i, colours) for i in order],
        ),
        layout={
            "yaxis": {"autorange": "reversed"},
            "xaxis": x_axis,
            "title": t(scale["test"]),
            "height": 120 + sum(max(45, 20 + 18 * len(wrapped)) for wrapped in lines),
            "margin": _COMPACT,
        },
    )


LABEL_CHARACTERS = 40  # a line of a run's name beside its bar; the whole name is in its hover
LABEL_LINES = 3


def _label_lines(label: str) -> list[str]:
    """``label`` in lines of at most ``LABEL_CHARACTERS``, broken after its " · " parts (a part
    longer than a line, as a name a student typed, between its words), at most ``LABEL_LINES``
    (the rest cut with an ellipsis). On one cut line, a sweep's runs read "#32 lecture-2
    pool+dropout · Learning r…": cut exactly where they differ; at full length a name took most
    of the chart's width and squeezed its bars."""
    room = LABEL_CHARACTERS - 2  # kept for the " ·" that ends a line going on below
    lines: list[tuple[str, bool]] = []  # each line, and whether one of the parts ends there
    for part in label.split(" · "):
        if lines and lines[-1][1] and len(lines[-1][0]) + 3 + len(part) <= room:
            lines[-1] = (f"{lines[-1][0]} · {part}", True)
            continue
        words = textwrap.wrap(part, room, break_long_words=False) or [part]
        lines += [(chunk, False) for chunk in words[:-1]] + [(words[-1], True)]
    if len(lines) > LABEL_LINES:
        rest = lines[LABEL_LINES - 1 :]
        joined = "".join(text + (" · " if ends else " ") for text, ends in rest[:-1])
        lines = [*lines[: LABEL_LINES - 1], (joined + rest[-1][0], True)]
    # A line that ends a part and goes on below ends with its " ·", so the lines read as one
    # name, not as two.
    last = len(lines) - 1
    return [_cut(text, " ·" if ends and i < last else "") for i, (text, ends) in enumerate(lines)]


def _cut(line: str, goes_on: str = "") -> str:
    """``line`` then ``goes_on`` in ``LABEL_CHARACTERS``, the line cut with an ellipsis."""
    room = LABEL_CHARACTERS - len(goes_on)
    if len(line) <= room:
        return line + goes_on
    return line[: room - 1].rstrip() + "…" + goes_on


def per_class_bars(
    accuracies: Mapping[str, Sequence[float]], colours: Mapping[str, str] | None = None
) -> go.Figure:
    """Per-class test accuracy of each run (by label): one group per class, one bar per run,
    in its run's colour (``colours`` by label, else in turn)."""
    class_names = _class_names()
    traces = [
        go.Bar(
            x=class_names,
            y=list(values),
            name=_as_written(name),
            marker_color=_colour(name, index, colours),
            hovertemplate="%{x}: %{y:.1%}<extra>" + _as_written(name) + "</extra>",
        )
        for index, (name, values) in enumerate(accuracies.items())
    ]
    return go.Figure(
        traces,
        layout={
            "yaxis": {"title": t("chart.accuracy_axis"), "tickformat": ".0%", "range": [0, 1]},
            "barmode": "group",
            "height": 420,
            # The legend above the bars: below them it covered the class names. No title in
            # the figure (the page writes it): in a phone's width the legend stacks its runs
            # one per line, up over a title there.
            "margin": {**_COMPACT, "t": 30},
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        },
    )


def probability_bars(probabilities: Sequence[float]) -> go.Figure:
    """The ten class probabilities as horizontal bars, most likely on top, labelled in %."""
    names = _class_names()
    order = np.argsort(probabilities)[::-1]
    values = [float(probabilities[i]) for i in order]
    return go.Figure(
        go.Bar(
            x=values,
            y=[names[i] for i in order],
            orientation="h",
            text=[f"{v:.1%}" for v in values],
            textposition="outside",
            # Drawn over the right margin, which is kept for it: a range stretched past 100% for
            # the label ran out of room on a phone, and "100.0%" was cut at the chart's edge.
            cliponaxis=False,
            marker_color=[OKABE_ITO[0] if rank == 0 else "#9DB9D3" for rank in range(len(order))],
        ),
        layout={
            # The class names take the room they need, as Streamlit's theme gives them.
            "yaxis": {"autorange": "reversed", "automargin": True},
            "xaxis": {"range": [0, 1], "tickformat": ".0%", "title": t("draw.probability")},
            "title": t("draw.probabilities"),
            "height": 380,
            "margin": _COMPACT | {"r": 60},
        },
    )


# Here rather than in the engine: it is only a picture for the Draw page, in the charts' palette.
def saliency_overlay(image: np.ndarray, heat: np.ndarray, zoom: int = 8) -> np.ndarray:
    """The 28x28 input in grey with the saliency in orange on top, enlarged, as RGB uint8."""
    grey = np.asarray(image, dtype=np.float64)
    heat = np.asarray(heat, dtype=np.float64)
    base = np.stack([grey * 0.6] * 3, axis=-1)
    orange = np.array([0.90, 0.62, 0.0])  # Okabe-Ito orange: visible to colour-blind eyes
    rgb = base * (1 - heat[..., None]) + orange * heat[..., None]
    rgb = np.repeat(np.repeat(rgb, zoom, axis=0), zoom, axis=1)
    return (np.clip(rgb, 0, 1) * 255).astype(np.uint8)


# --- sweeps: test accuracy against the varied settings -------------------------------------------


def sweep_line(
    labels: Sequence[str], accuracies: Sequence[float | None], setting: str, best: int | None
) -> go.Figure:
    """Test accuracy for each value of one varied ``setting`` (its values' ``labels`` in order)
    as bars, the ``best``-th in a colour of its own and labelled."""
    colours = [OKABE_ITO[5] if index == best else OKABE_ITO[0] for index in range(len(labels))]
    bars = go.Bar(
        x=list(labels),
        y=list(accuracies),
        marker={"color": colours},
        text=[None if a is None else f"{a:.2%}" for a in accuracies],
        textposition="outside",
        hovertemplate="%{x}: %{y:.2%}<extra></extra>",
    )
    scored = [a for a in accuracies if a is not None]
    layout = {
        "title": t("sweep.chart_title"),
        "xaxis": {"title": setting, "type": "category"},
        "yaxis": {
            "title": t("train.test_accuracy"),
            "tickformat": ".0%",
            # From 0: a bar's length is its accuracy (21% must look half of 42%, not a tenth).
            "range": [0.0, min(1.05, max(scored, default=1.0) + 0.08)],
        },
        "height": 360,
        "margin": _COMPACT,
    }
    return go.Figure([bars], layout=layout)


def sweep_heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    accuracies: Sequence[Sequence[float | None]],
    titles: tuple[str, str],
    best: tuple[int, int] | None,
) -> go.Figure:
    """Test accuracy over two varied settings: ``rows`` values of the first down, ``columns`` of
    the second across, each cell labelled, the ``best`` cell (row, column) outlined."""
    text = [["—" if a is None else f"{a:.2%}" for a in row] for row in accuracies]
    heat = go.Heatmap(
        z=[list(row) for row in accuracies],
        x=list(columns),
        y=list(rows),
        text=text,
        texttemplate="%{text}",
        colorscale="Viridis",
        # Ticks to a tenth of a point: whole points read "79%, 79%, 80%" over a narrow range.
        colorbar={"title": {"text": t("train.test_accuracy")}, "tickformat": ".1%"},
        hovertemplate="%{y} · %{x}: %{text}<extra></extra>",
    )
    shapes = []
    if best is not None:
        row, column = best
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "y",
                "x0": column - 0.5,
                "x1": column + 0.5,
                "y0": row - 0.5,
                "y1": row + 0.5,
                "line": {"color": OKABE_ITO[5], "width": 4},
            }
        )
    layout = {
        "title": t("sweep.chart_title"),
        "xaxis": {"title": titles[1], "type": "category"},
        "yaxis": {"title": titles[0], "type": "category"},
        "shapes": shapes,
        "height": 120 + 60 * max(3, len(rows)),
        "margin": _COMPACT,
    }
    return go.Figure([heat], layout=layout)


def sweep_parallel(
    settings: Sequence[tuple[str, Sequence[str], Sequence[int]]],
    accuracies: Sequence[float],
) -> go.Figure:
    """Parallel coordinates of three or more varied settings and the test accuracy: each setting
    is (title, its values' labels, each run's index among them); each line is a run, coloured by
    its accuracy, so the best run is the brightest line."""
    dimensions = [
        {
            "label": title,
            "values": list(indices),
            "tickvals": list(range(len(labels))),
            "ticktext": list(labels),
        }
        for title, labels, indices in settings
    ]
    dimensions.append(
        {"label": t("train.test_accuracy"), "values": list(accuracies), "tickformat": ".1%"}
    )
    lines = go.Parcoords(
        dimensions=dimensions,
        line={"color": list(accuracies), "colorscale": "Viridis", "showscale": True},
    )
    layout = {"title": t("sweep.chart_title"), "height": 420, "margin": {**_COMPACT, "t": 80}}
    return go.Figure([lines], layout=layout)
