"""Import what the pages need once, one session at a time, before any page runs.

On a freshly started server the first sessions run their scripts in parallel threads. Plotly
peeks at ``sys.modules["pandas"]`` to handle data frames, so a figure built while another session
is still importing pandas met a half-initialised module ("partially initialized module 'pandas'
has no attribute 'Series'") and broke 2 of 5 first loads of the Dataset page. Importing the
libraries here, under one lock and in a fixed order, means no page starts until they are whole;
afterwards each call costs a lock and a few dictionary lookups.
"""

from __future__ import annotations

import importlib
import threading

# Libraries first (pandas before plotly, which looks for it), then the studio's own page helpers.
PAGE_MODULES = (
    "numpy",
    "pandas",
    "PIL.Image",
    "plotly.graph_objects",
    "streamlit_drawable_canvas",
    "ui.charts",
    "fmnist_core.comparison",
    "fmnist_core.evaluation",
    "fmnist_core.inference",
    "ui.common",
    "ui.run_views",
    "ui.layer_editor",
    "ui.networks",
    "ui.models",
)

_lock = threading.Lock()


def import_page_modules() -> None:
    """Make sure every module in ``PAGE_MODULES`` is fully imported (thread-safe)."""
    with _lock:
        for name in PAGE_MODULES:
            importlib.import_module(name)
