"""Plotly figure builders: data in, figure out. Pages call these and only place the result.

Every builder takes its titles as arguments, so the pages can pass them in the user's language.
The run palette is Okabe-Ito, which stays distinguishable for the common colour-vision
deficiencies.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

_COMPACT = {"l": 10, "r": 10, "t": 40, "b": 10}


def image_heatmap(image: np.ndarray, title: str, value_label: str = "value") -> go.Figure:
    """One 28x28 image as a greyscale heatmap whose hover shows row, column and pixel value."""
    image = np.asarray(image)
    figure = go.Figure(
        go.Heatmap(
            z=image,
            colorscale="gray_r" if image.max() <= 1.0 else "gray",
            hovertemplate=f"row %{{y}}, column %{{x}}<br>{value_label} %{{z}}<extra></extra>",
            showscale=True,
        )
    )
    figure.update_yaxes(autorange="reversed", scaleanchor="x", constrain="domain", showgrid=False)
    figure.update_xaxes(constrain="domain", showgrid=False)
    figure.update_layout(title=title, margin=_COMPACT, height=420)
    return figure


def intensity_histogram(image: np.ndarray, title: str, x_title: str, y_title: str) -> go.Figure:
    """Histogram of an image's pixel values (0..255) in 32 bins."""
    counts, edges = np.histogram(np.asarray(image).ravel(), bins=32, range=(0, 256))
    figure = go.Figure(
        go.Bar(
            x=(edges[:-1] + edges[1:]) / 2,
            y=counts,
            width=np.diff(edges) * 0.95,
            marker_color=OKABE_ITO[0],
            hovertemplate="%{x:.0f}: %{y}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title, xaxis_title=x_title, yaxis_title=y_title, margin=_COMPACT, height=300
    )
    return figure


def class_count_bars(
    counts: Sequence[int], names: Sequence[str], title: str, y_title: str
) -> go.Figure:
    """Bars of how many images each class has, labelled with the count."""
    figure = go.Figure(
        go.Bar(
            x=list(names),
            y=list(counts),
            text=[f"{int(c):,}" for c in counts],
            textposition="outside",
            marker_color=OKABE_ITO[0],
        )
    )
    figure.update_layout(title=title, yaxis_title=y_title, margin=_COMPACT, height=340)
    return figure
