"""The Draw page's drawing, kept while another input is shown.

Streamlit forgets a component's state when the component leaves the page (choosing "Test image"
takes the canvas off it), and the canvas then comes back empty. So the page keeps the last drawing
the canvas reported, with the 28x28 image the model saw of it, and opens the canvas with that
drawing (``st_canvas(initial_drawing=...)``) when it is drawn anew; until the canvas reports
again, the kept image is what the model classifies.

The drawing the canvas opens with stays the same while the canvas is on the page: the component
reloads its drawing, clears its undo history and reports again whenever ``initial_drawing``
changes, so handing every report straight back would reset it on each stroke and could loop.

Each function takes the page's ``st.session_state`` (any mutable mapping), so the rules are
tested with a plain dict.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

import numpy as np

KEPT = "draw_kept_drawing"  # the last drawing the canvas reported
OPENED_WITH = "draw_canvas_opened_with"  # the drawing the canvas on the page was opened with
GENERATION = "draw_canvas_generation"  # counts "Start a new drawing" presses: the canvas's key
CLASSIFIED = "draw_classified"  # the image Classify was last pressed for ("as I draw" off)


@dataclass(frozen=True)
class KeptDrawing:
    """A drawing as the canvas reported it (fabric.js JSON, the shape of ``json_data``) and the
    28x28 image the model saw of it (None when it shows nothing to classify)."""

    drawing: dict[str, Any]
    image: np.ndarray | None


def canvas_key(state: MutableMapping[str, Any]) -> str:
    """The canvas's widget key: a new one after "Start a new drawing", so the component starts
    empty, without the old drawing's state or undo history."""
    return f"draw_canvas_{state.get(GENERATION, 0)}"


def open_canvas(state: MutableMapping[str, Any], on_page: bool) -> KeptDrawing | None:
    """The drawing to open the canvas with, or None for an empty canvas.

    ``on_page``: the canvas was on the page in the previous run (its widget state is still
    there). Only when it is drawn anew does it take the kept drawing; while it stays, the answer
    stays the same, whatever the user draws meanwhile.
    """
    if not on_page:
        state[OPENED_WITH] = state.get(KEPT)
    return state.get(OPENED_WITH)


def keep(
    state: MutableMapping[str, Any], drawing: dict[str, Any] | None, image: np.ndarray | None
) -> None:
    """Keep what the canvas just reported; an empty canvas keeps nothing."""
    if drawing and drawing.get("objects"):
        state[KEPT] = KeptDrawing(drawing, image)
    else:
        state.pop(KEPT, None)


def image_to_classify(
    opened_with: KeptDrawing | None, reported: bool, drawn: np.ndarray | None
) -> np.ndarray | None:
    """What the model classifies: the canvas's own picture once it has reported since it was
    opened (``drawn``), else the image kept with the drawing it was opened with.

    A canvas opened with a drawing does not report it: without the kept image, the answer for the
    drawing on screen would be gone until the next stroke.
    """
    if reported:
        return drawn
    return None if opened_with is None else opened_with.image


def answered(
    state: MutableMapping[str, Any], current: np.ndarray | None, live: bool, pressed: bool
) -> np.ndarray | None:
    """The image the page shows an answer for: the one on the canvas (``current``) when it is
    classified as it is drawn; otherwise the one Classify was pressed for, for as long as the
    canvas still shows it, and None once a stroke has made that answer stale.

    Without the press remembered, any rerun after Classify (the layer maps opened, a toggle
    among them) took the answer away, and the layer maps with it.
    """
    if live:
        return current
    if pressed:
        state[CLASSIFIED] = current
        return current
    last = state.get(CLASSIFIED)
    if current is not None and last is not None and np.array_equal(current, last):
        return current
    return None


def start_new(state: MutableMapping[str, Any]) -> None:
    """Forget the kept drawing and give the canvas a new key, so it opens empty (the button's
    ``on_click``: the toolbar's bin goes back to the drawing the canvas was opened with)."""
    state.pop(KEPT, None)
    state.pop(OPENED_WITH, None)
    state.pop(CLASSIFIED, None)
    state[GENERATION] = state.get(GENERATION, 0) + 1
