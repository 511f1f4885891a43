"""The pictures of "What each layer sees": one mosaic per layer, tiles where the channels are."""

from __future__ import annotations

import numpy as np

from ui import charts
from ui.feature_maps import (
    ACTIVATION_PALETTE,
    GAP,
    channel_levels,
    filter_levels,
    mosaic,
    tile_pixels,
)


def test_each_channel_is_a_tile_in_reading_order_with_grey_gaps():
    levels = np.zeros((2, 2, 10))
    levels[..., 9] = 1.0  # the tenth channel: second row, second tile with 8 a row
    picture = mosaic(levels, 8, ACTIVATION_PALETTE, pixels=4)  # each 2x2 map enlarged to 4x4
    tile = 4 + GAP
    assert picture.shape == (2 * tile - GAP, 8 * tile - GAP, 3)
    white, dark_blue, grey = ACTIVATION_PALETTE[[0, 255, 256]]
    assert (picture[tile : tile + 4, tile : tile + 4] == dark_blue).all()
    assert (picture[:4, :4] == white).all()
    assert (picture[4:tile, :] == grey).all()  # the gap under the first row
    assert (picture[tile:, 2 * tile :] == grey).all()  # no channels 11-16: empty, grey


def test_each_channel_is_scaled_on_its_own_and_a_silent_one_stays_blank():
    maps = np.stack([np.arange(4.0).reshape(2, 2), 100 * np.arange(4.0).reshape(2, 2)], -1)
    maps = np.concatenate([maps, np.full((2, 2, 1), 7.0)], axis=-1)
    levels = channel_levels(maps)
    np.testing.assert_allclose(levels[..., 0], levels[..., 1])
    assert levels[..., :2].min() == 0 and levels[..., :2].max() == 1
    assert (levels[..., 2] == 0).all()


def test_filters_are_centred_on_zero_weight():
    kernels = np.array([[-2.0, 0.0], [1.0, 2.0]]).reshape(2, 2, 1, 1)
    np.testing.assert_allclose(filter_levels(kernels)[..., 0], [[0.0, 0.5], [0.75, 1.0]])


def test_the_confusion_matrix_still_draws_after_the_feature_map_palettes_are_made():
    # Building the palettes once rewrote Plotly's shared Blues list, and every confusion matrix
    # drawn after the Draw page's section failed.
    figure = charts.confusion_heatmap(np.eye(10, dtype=int) * 5, normalised=False)
    assert figure.data[0].colorscale[0][1] == "rgb(247,251,255)"


def test_filters_are_set_apart_by_a_wider_gap():
    kernels = filter_levels(np.ones((3, 3, 1, 4)))
    picture = mosaic(kernels, 4, ACTIVATION_PALETTE, pixels=6, gap=5)
    assert picture.shape == (6, 4 * 11 - 5, 3)
    grey = ACTIVATION_PALETTE[256]
    assert (picture[:, 6:11] == grey).all() and not (picture[:, 5] == grey).all()
    assert mosaic(kernels, 4, ACTIVATION_PALETTE, pixels=6, gap=0).shape == (6, 24, 3)


def test_a_larger_map_is_drawn_larger_so_the_shrinking_shows():
    # One size for every map, rounded to a whole zoom, drew a 22x22 map larger than a 26x26 one.
    sides = [28, 26, 24, 22, 14, 13, 11, 7, 6, 5, 3, 1]
    drawn = [
        mosaic(np.zeros((s, s, 1)), 8, ACTIVATION_PALETTE, tile_pixels(s)).shape[0] for s in sides
    ]
    assert drawn == sorted(drawn, reverse=True) and len(set(drawn)) == len(drawn)
    assert drawn[sides.index(5)] >= 20  # a 5x5 map's cells are still blocks you can see


def test_a_map_is_enlarged_cell_by_cell():
    levels = np.arange(9, dtype=float).reshape(3, 3, 1) / 8
    picture = mosaic(levels, 1, ACTIVATION_PALETTE, pixels=7)  # not a multiple of 3
    assert picture.shape == (7, 7, 3)
    # Every drawn pixel is the colour of one of the map's cells, in the cells' order.
    colours = [ACTIVATION_PALETTE[round(v * 255)].tolist() for v in levels.ravel()]
    rows = [[colours.index(pixel.tolist()) for pixel in row] for row in picture]
    assert rows[0][0] == 0 and rows[-1][-1] == 8
    assert all(row == sorted(row) for row in rows)
