"""What each layer sees: a trained run's feature maps for one input, and its first filters.

One call, ``show_feature_maps(run_id, image, key_prefix)``, draws for every convolution, pooling
layer and residual block a caption (its number on the Architecture page, kind and output shape)
and one mosaic image of its channels, then the first layer's learned filters. Each layer is one
composed picture, not one figure per channel: a 12x12x256 layer as 256 Plotly heatmaps took 0.65 s
to build and serialise here (2.2 MB for the browser to draw as 256 charts); as one mosaic, all
256 channels take about 0.05 s and one PNG. The forward pass is cached per run and input, so a
rerun (a toggle, another page's widget) recomputes nothing.
"""

from __future__ import annotations

import math
from collections.abc import Collection

import numpy as np
import plotly.colors
import streamlit as st

from fmnist_core import feature_maps
from fmnist_core.data import IMAGE_SIDE
from fmnist_core.layer_kinds import shape_text
from ui.common import open_store
from ui.i18n import t
from ui.models import run_model

FIRST_CHANNELS = 16  # shown at first; a toggle per layer shows the rest
COLUMNS = 8  # tiles per row for the first channels ...
ALL_COLUMNS = 16  # ... and for all of them
# A channel's map drawn at 16 pixels plus 1.5 a cell of it: a 26x26 map at 55 pixels, 11x11 at
# 32, 5x5 at 24. Larger maps are drawn larger, so the maps are seen to shrink from layer to
# layer (one size for all, each rounded to a whole zoom, drew 22x22 maps larger than 26x26
# ones), and a small map still has cells large enough to see.
TILE_BASE, TILE_PER_CELL = 16, 1.5
FILTER_PIXELS = 45  # a 3x3 kernel as 45x45 pixels: 15 a weight
GAP = 2  # pixels between tiles
# A kernel's weights touch edge to edge and its neighbours are coloured alike, so 2 pixels did not
# show where one filter ends: the filters are set apart more.
FILTER_GAP = 8


def _palette(colours: list[str]) -> np.ndarray:
    """A 256-entry RGB lookup table through evenly spaced ``colours`` (``#rrggbb`` or
    ``rgb(r,g,b)``), and one more entry, grey, for the gaps between tiles."""
    # Parsed one by one: plotly.colors.convert_colors_to_same_type rewrites the list it is given,
    # which turned Plotly's own Blues into tuples and broke every chart using "Blues" after it.
    rgb = np.array(
        [
            plotly.colors.hex_to_rgb(c) if c.startswith("#") else plotly.colors.unlabel_rgb(c)
            for c in colours
        ],
        dtype=np.float64,
    )
    stops = np.linspace(0.0, 1.0, len(colours))
    levels = np.linspace(0.0, 1.0, 256)
    table = np.stack([np.interp(levels, stops, rgb[:, i]) for i in range(3)], axis=-1)
    return np.vstack([np.rint(table), [[160, 160, 160]]]).astype(np.uint8)


# Activations: the confusion matrix's Blues, white for a channel's weakest response and dark blue
# for its strongest. Filters: the charts' Okabe-Ito blue for negative weights, orange for positive.
ACTIVATION_PALETTE = _palette(plotly.colors.sequential.Blues)
FILTER_PALETTE = _palette(["#0072B2", "#FFFFFF", "#E69F00"])


def tile_pixels(side: int) -> int:
    """How many pixels wide a ``side`` x ``side`` map is drawn (``TILE_BASE``)."""
    return round(TILE_BASE + TILE_PER_CELL * side)


def mosaic(
    levels: np.ndarray, columns: int, palette: np.ndarray, pixels: int, gap: int = GAP
) -> np.ndarray:
    """(H, W, C) levels in 0..1 as one RGB uint8 picture: a grid of C tiles, ``columns`` a row.

    Each tile is enlarged to ``pixels`` on its longer side (nearest neighbour: the cells stay
    visible, as blocks of equal size when ``pixels`` is a multiple of it) and coloured through
    ``palette``; grey lines ``gap`` pixels wide separate the tiles.
    """
    height, width, channels = levels.shape
    columns = min(columns, channels)
    rows = math.ceil(channels / columns)
    scale = max(pixels, max(height, width)) / max(height, width)  # never smaller than the map
    gap_index = len(palette) - 1
    indices = np.rint(np.clip(levels, 0.0, 1.0) * 255).astype(np.uint16)
    # Nearest neighbour: each drawn pixel takes the cell under its position.
    down = (np.arange(round(height * scale)) / scale).astype(int)
    across = (np.arange(round(width * scale)) / scale).astype(int)
    indices = indices[down][:, across]
    # Pad every tile with its gap below and right, and the last row with empty tiles, so the
    # whole grid is one reshape and one palette lookup.
    indices = np.pad(
        indices,
        ((0, gap), (0, gap), (0, rows * columns - channels)),
        constant_values=gap_index,
    )
    tile_height, tile_width = indices.shape[:2]
    grid = (
        indices.reshape(tile_height, tile_width, rows, columns)
        .transpose(2, 0, 3, 1)
        .reshape(rows * tile_height, columns * tile_width)
    )
    return palette[grid[:-gap, :-gap]] if gap else palette[grid]


def channel_levels(activations: np.ndarray) -> np.ndarray:
    """Each channel scaled to 0..1 on its own (a silent channel stays 0), so every map shows
    where its own feature responds, whatever its scale."""
    low = activations.min(axis=(0, 1), keepdims=True)
    span = activations.max(axis=(0, 1), keepdims=True) - low
    return np.where(span > 0, (activations - low) / np.where(span > 0, span, 1.0), 0.0)


def filter_levels(kernels: np.ndarray) -> np.ndarray:
    """(k, k, 1, filters) kernels as (k, k, filters) in 0..1, 0.5 being a zero weight, each
    filter scaled by its own largest weight so its sign pattern shows."""
    weights = kernels[:, :, 0, :]
    largest = np.abs(weights).max(axis=(0, 1), keepdims=True)
    return 0.5 + 0.5 * weights / np.where(largest > 0, largest, 1.0)


@st.cache_data(max_entries=16, show_spinner=False)
def _seen(
    home: str, run_id: int, image_bytes: bytes
) -> tuple[list[feature_maps.LayerMaps], np.ndarray | None]:
    """One forward pass per run and input; ``home`` keeps runs of different stores apart."""
    model = run_model(run_id)
    image = np.frombuffer(image_bytes, dtype=np.float32).reshape(IMAGE_SIDE, IMAGE_SIDE)
    return feature_maps.feature_maps(model, image), feature_maps.first_filters(model)


def show_feature_maps(
    run_id: int,
    image: np.ndarray,
    key_prefix: str,
    kinds: Collection[str] | None = None,
) -> None:
    """Draw what each layer of finished run ``run_id`` sees for ``image``.

    ``image`` is the (28, 28) float image in 0..1 the model classifies (``inference.preprocess``
    or ``data.to_model_input``). ``key_prefix`` makes the widget keys unique on the page.
    ``kinds`` limits the layers shown, e.g. ``("MaxPooling2D", "AveragePooling2D")`` for a
    pooling step; None shows every Conv2D, pooling layer and ResidualBlock and, like any
    ``kinds`` with ``Conv2D``, the first layer's filters. Raises ``inference.InputError`` for a
    model file that cannot be used, like ``ui.models.run_model``.
    """
    pixels = np.ascontiguousarray(image, dtype=np.float32).reshape(IMAGE_SIDE, IMAGE_SIDE)
    layers, kernels = _seen(str(open_store().home), run_id, pixels.tobytes())
    shown = [maps for maps in layers if kinds is None or maps.kind in kinds]
    if not shown:
        st.info(t("maps.none"), icon="🔍")
        return
    st.caption(t("maps.intro"))
    for maps in shown:
        channels = maps.output_shape[2]
        label_column, toggle_column = st.columns([3, 2], vertical_alignment="center")
        label_column.markdown(
            t(
                "maps.layer",
                position=maps.position,
                kind=maps.kind,
                shape=shape_text(maps.output_shape),
            )
        )
        show_all = channels > FIRST_CHANNELS and toggle_column.toggle(
            t("maps.show_all", channels=channels), key=f"{key_prefix}_all_{maps.position}"
        )
        count = channels if show_all else min(channels, FIRST_CHANNELS)
        st.image(
            mosaic(
                channel_levels(maps.activations[..., :count]),
                ALL_COLUMNS if show_all else COLUMNS,
                ACTIVATION_PALETTE,
                tile_pixels(max(maps.output_shape[:2])),
            ),
            caption=t("maps.channels", shown=count, channels=channels),
        )
    if any(maps.kind == feature_maps.RESIDUAL for maps in shown):
        st.caption(t("maps.residual_note"))
    if kernels is not None and (kinds is None or "Conv2D" in kinds):
        size, count = kernels.shape[0], kernels.shape[-1]
        st.markdown(t("maps.filters", count=count, k=size))
        st.image(
            mosaic(filter_levels(kernels), ALL_COLUMNS, FILTER_PALETTE, FILTER_PIXELS, FILTER_GAP),
            caption=t("maps.filters_caption"),
        )
