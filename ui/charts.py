"""Plotly figure builders: data in, figure out. Pages call these and only place the result.

Every builder takes its titles as arguments, so the pages can pass them in the user's language.
Each figure is built in one go, traces and layout handed to ``go.Figure``: Plotly's ``update_*``
and ``add_trace`` calls parse and validate again on every call, which made building a chart about
three times slower (5.8 ms against 1.7 ms for the confusion matrix) and was a quarter of the
Compare page's script time.
The run palette is Okabe-Ito, which stays distinguishable for the common colour-vision
deficiencies.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from fmnist_core import layer_kinds

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

_COMPACT = {"l": 10, "r": 10, "t": 40, "b": 10}


def image_heatmap(image: np.ndarray, title: str, value_label: str = "value") -> go.Figure:
    """One 28x28 image as a greyscale heatmap whose hover shows row, column and pixel value."""
    image = np.asarray(image)
    return go.Figure(
        go.Heatmap(
            z=image,
            colorscale="gray_r" if image.max() <= 1.0 else "gray",
            hovertemplate=f"row %{{y}}, column %{{x}}<br>{value_label} %{{z}}<extra></extra>",
            showscale=True,
        ),
        layout={
            "yaxis": {
                "autorange": "reversed",
                "scaleanchor": "x",
                "constrain": "domain",
                "showgrid": False,
            },
            "xaxis": {"constrain": "domain", "showgrid": False},
            "title": title,
            "margin": _COMPACT,
            "height": 420,
        },
    )


def intensity_histogram(image: np.ndarray, title: str, x_title: str, y_title: str) -> go.Figure:
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
            "title": title,
            "xaxis": {"title": x_title},
            "yaxis": {"title": y_title},
            "margin": _COMPACT,
            "height": 300,
        },
    )


def class_count_bars(
    counts: Sequence[int], names: Sequence[str], title: str, y_title: str
) -> go.Figure:
    """Bars of how many images each class has, labelled with the count."""
    return go.Figure(
        go.Bar(
            x=list(names),
            y=list(counts),
            text=[f"{int(c):,}" for c in counts],
            textposition="outside",
            marker_color=OKABE_ITO[0],
        ),
        layout={"title": title, "yaxis": {"title": y_title}, "margin": _COMPACT, "height": 340},
    )


def network_diagram(
    blocks: Sequence[tuple[str, tuple[int, ...], int]], title: str, params_label: str
) -> go.Figure:
    """The network as a row of blocks, input first: each block is (label, output shape, params).

    A block's height grows with the square root of its output size, so the picture shows the
    image shrinking through pooling and collapsing at Flatten, as in the lecture's diagrams.
    """
    sizes = np.array([float(np.prod(shape)) for _, shape, _ in blocks])
    heights = 0.15 + 0.85 * np.sqrt(sizes) / (np.sqrt(sizes).max() if len(sizes) else 1.0)
    kinds = [label.split(" ", 1)[0] for label, _, _ in blocks]
    shapes_text = ["x".join(str(s) for s in shape) for _, shape, _ in blocks]
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
                    "y": -0.62,
                    "text": f"<b>{kind}</b><br>{shape_text}",
                    "showarrow": False,
                    "font": {"size": 10},
                }
                for i, (kind, shape_text) in enumerate(zip(kinds, shapes_text, strict=True))
            ],
            "xaxis": {"visible": False, "range": [-0.6, len(blocks) - 0.4]},
            "yaxis": {"visible": False, "range": [-0.8, 0.6]},
            "title": title,
            "height": 300,
            "margin": _COMPACT,
            "plot_bgcolor": "white",
        },
    )


def training_curves(
    epochs: Sequence[int],
    train_values: Sequence[float | None],
    validation_values: Sequence[float | None],
    *,
    title: str,
    y_title: str,
    x_title: str,
    train_label: str,
    validation_label: str,
    planned_epochs: int | None = None,
    percent: bool = False,
) -> go.Figure:
    """One metric per epoch, as in the lecture's plots: training solid blue, validation dashed.

    The x-axis spans the planned epochs from the start, so the curve visibly grows into it.
    """
    style = {"mode": "lines+markers", "marker": {"size": 7}}
    traces = [
        go.Scatter(
            x=list(epochs),
            y=list(train_values),
            name=train_label,
            line={"color": OKABE_ITO[0], "width": 2.5},
            **style,
        )
    ]
    if any(v is not None for v in validation_values):
        traces.append(
            go.Scatter(
                x=list(epochs),
                y=list(validation_values),
                name=validation_label,
                line={"color": OKABE_ITO[5], "width": 2.5, "dash": "dash"},
                **style,
            )
        )
    last = max(planned_epochs or 0, max(epochs, default=1))
    return go.Figure(
        traces,
        layout={
            "xaxis": {"title": x_title, "range": [0.5, last + 0.5], "dtick": max(1, last // 10)},
            "yaxis": {"title": y_title, "tickformat": ".0%" if percent else None},
            "title": title,
            "height": 340,
            "margin": _COMPACT,
            "legend": {"orientation": "h", "y": -0.25},
            "hovermode": "x unified",
        },
    )


def confusion_heatmap(
    matrix: np.ndarray,
    names: Sequence[str],
    *,
    title: str,
    true_title: str,
    predicted_title: str,
    normalised: bool = False,
) -> go.Figure:
    """A 10x10 confusion matrix: rows true class, columns predicted, each cell labelled."""
    matrix = np.asarray(matrix, dtype=float)
    shown = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1) if normalised else matrix
    text = [[f"{v:.0%}" if normalised else f"{int(v):,}" for v in row] for row in shown]
    return go.Figure(
        go.Heatmap(
            z=shown,
            x=list(names),
            y=list(names),
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            showscale=False,
            hovertemplate=f"{true_title}: %{{y}}<br>{predicted_title}: %{{x}}<br>%{{text}}"
            "<extra></extra>",
        ),
        layout={
            "yaxis": {"title": true_title, "autorange": "reversed"},
            "xaxis": {"title": predicted_title, "tickangle": -35},
            "title": title,
            "height": 460,
            "margin": _COMPACT,
        },
    )


def run_colour(index: int) -> str:
    """The colour of the ``index``-th compared run (colour-blind-safe, cycling)."""
    return OKABE_ITO[index % len(OKABE_ITO)]


def comparison_curves(
    series: Sequence[dict],
    *,
    title: str,
    x_title: str,
    y_title: str,
    train_label: str,
    validation_label: str,
    percent: bool = False,
    whole_numbers: bool = False,
) -> go.Figure:
    """Several runs' curves on one chart: one colour per run, training solid, validation dashed.

    Each item of ``series`` has ``name``, ``x``, ``train`` and ``validation`` (lists).
    ``whole_numbers`` marks an epoch axis: ticks only on whole epochs, never 0.5 or 1.5.
    """
    traces = []
    for index, run in enumerate(series):
        colour = run_colour(index)
        traces.append(
            go.Scatter(
                x=run["x"],
                y=run["train"],
                mode="lines+markers",
                name=f"{run['name']} · {train_label}",
                line={"color": colour, "width": 2},
                marker={"size": 5},
                legendgroup=run["name"],
            )
        )
        if any(v is not None for v in run["validation"]):
            traces.append(
                go.Scatter(
                    x=run["x"],
                    y=run["validation"],
                    mode="lines+markers",
                    name=f"{run['name']} · {validation_label}",
                    line={"color": colour, "width": 2, "dash": "dash"},
                    marker={"size": 5, "symbol": "diamond"},
                    legendgroup=run["name"],
                )
            )
    return go.Figure(
        traces,
        layout={
            "xaxis": {"title": x_title, **(_whole_number_ticks(series) if whole_numbers else {})},
            "yaxis": {"title": y_title, "tickformat": ".0%" if percent else None},
            "title": title,
            "height": 380,
            "margin": _COMPACT,
            "legend": {"orientation": "h", "y": -0.3},
        },
    )


def _whole_number_ticks(series: Sequence[dict]) -> dict:
    """Axis settings that put ticks on whole numbers only, at most about ten of them."""
    last = max((max(run["x"], default=1) for run in series), default=1)
    return {"tick0": 1, "dtick": max(1, math.ceil(last / 10)), "range": [0.5, last + 0.5]}


def score_bars(
    names: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    x_title: str,
    percent: bool = False,
    higher_is_better: bool = True,
) -> go.Figure:
    """Horizontal bars, best at the top, each labelled with its value."""
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=higher_is_better)
    labels = [f"{values[i]:.2%}" if percent else f"{values[i]:.4f}" for i in order]
    low = min(values) if values else 0
    x_axis = {"title": x_title}
    if percent:
        x_axis.update(range=[max(0.0, low - 0.1), 1.0], tickformat=".0%")
    return go.Figure(
        go.Bar(
            x=[values[i] for i in order],
            y=[names[i] for i in order],
            orientation="h",
            text=labels,
            textposition="outside",
            marker_color=[run_colour(i) for i in order],
        ),
        layout={
            "yaxis": {"autorange": "reversed"},
            "xaxis": x_axis,
            "title": title,
            "height": 120 + 45 * len(names),
            "margin": _COMPACT,
        },
    )


def per_class_bars(
    class_names: Sequence[str],
    accuracies: dict[str, Sequence[float]],
    *,
    title: str,
    y_title: str,
) -> go.Figure:
    """Per-class test accuracy, one group per class, one bar per run."""
    traces = [
        go.Bar(
            x=list(class_names),
            y=list(values),
            name=name,
            marker_color=run_colour(index),
            hovertemplate="%{x}: %{y:.1%}<extra>" + name + "</extra>",
        )
        for index, (name, values) in enumerate(accuracies.items())
    ]
    return go.Figure(
        traces,
        layout={
            "yaxis": {"title": y_title, "tickformat": ".0%", "range": [0, 1]},
            "title": title,
            "barmode": "group",
            "height": 380,
            "margin": _COMPACT,
            "legend": {"orientation": "h", "y": -0.25},
        },
    )


def probability_bars(
    names: Sequence[str], probabilities: Sequence[float], *, title: str, x_title: str
) -> go.Figure:
    """The ten class probabilities as horizontal bars, most likely on top, labelled in %."""
    order = np.argsort(probabilities)[::-1]
    values = [float(probabilities[i]) for i in order]
    return go.Figure(
        go.Bar(
            x=values,
            y=[names[i] for i in order],
            orientation="h",
            text=[f"{v:.1%}" for v in values],
            textposition="outside",
            marker_color=[OKABE_ITO[0] if rank == 0 else "#9DB9D3" for rank in range(len(order))],
        ),
        layout={
            "yaxis": {"autorange": "reversed"},
            "xaxis": {"range": [0, 1.15], "tickformat": ".0%", "title": x_title},
            "title": title,
            "height": 380,
            "margin": _COMPACT,
        },
    )


def saliency_overlay(image: np.ndarray, heat: np.ndarray, zoom: int = 8) -> np.ndarray:
    """The 28x28 input in grey with the saliency in orange on top, enlarged, as RGB uint8."""
    grey = np.asarray(image, dtype=np.float64)
    heat = np.asarray(heat, dtype=np.float64)
    base = np.stack([grey * 0.6] * 3, axis=-1)
    orange = np.array([0.90, 0.62, 0.0])  # Okabe-Ito orange: visible to colour-blind eyes
    rgb = base * (1 - heat[..., None]) + orange * heat[..., None]
    rgb = np.repeat(np.repeat(rgb, zoom, axis=0), zoom, axis=1)
    return (np.clip(rgb, 0, 1) * 255).astype(np.uint8)
