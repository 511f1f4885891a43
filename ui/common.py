"""Widgets and cached resources shared by every page: header, dataset, sidebar, sample banner.

Pages import these instead of repeating them; the engine behind them is ``fmnist_core``.
"""

from __future__ import annotations

import functools
import logging

import streamlit as st

from fmnist_core import data, device
from ui.i18n import LANGUAGE_KEY, LANGUAGES, language, t

log = logging.getLogger("fmnist_studio")


@st.cache_resource(show_spinner=False)
def _cached_dataset() -> data.Dataset:
    # Held once per server process: every session and page share the same read-only arrays.
    return data.load_dataset()


def load_dataset_or_stop() -> data.Dataset:
    """The dataset, loaded once per process; a bad file shows its message and stops the page."""
    try:
        with st.spinner(t("spinner.data")):
            return _cached_dataset()
    except data.DataFileError as error:
        st.error(t("error.data", error=error), icon="🚫")
        st.stop()


def page_header(title_key: str, purpose_key: str) -> None:
    """The page's title and its one-line purpose, then the sample banner when it applies."""
    st.title(t(title_key))
    st.caption(t(purpose_key))


def sample_banner(dataset: data.Dataset) -> None:
    """One clear line saying the studio runs on the bundled sample, and why, when it does."""
    if dataset.source.is_sample:
        st.warning(
            t(
                "banner.sample",
                train=len(dataset.train_labels),
                test=len(dataset.test_labels),
                why=dataset.source.note or t("source.sample"),
            ),
            icon="📦",
        )


def language_picker() -> None:
    """The sidebar's English/한국어 switch; it drives every label and class name."""
    if LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = language()
    st.sidebar.segmented_control(
        t("sidebar.language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        required=True,
    )


@functools.cache
def _device_description() -> str:
    # A plain per-process memo: the device does not change while the server runs.
    return device.describe_in_subprocess()


def sidebar_status() -> None:
    """Data source and compute device, at the bottom of the sidebar on every page."""
    try:
        dataset = _cached_dataset()
        source = (
            f"{t('source.' + dataset.source.kind)} · {len(dataset.train_labels):,}+"
            f"{len(dataset.test_labels):,}"
        )
    except data.DataFileError:
        source = "—"
    st.sidebar.caption(t("sidebar.data", source=source))
    st.sidebar.caption(t("sidebar.device", device=_device_description()))


def class_name_list() -> list[str]:
    """The ten class names in the chosen language."""
    return data.class_names(language())
