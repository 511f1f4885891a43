"""Trained models for the Draw page: loaded once per run and kept while in use."""

from __future__ import annotations

import gc

import streamlit as st

from fmnist_core import inference
from ui.common import open_store


@st.cache_resource(max_entries=3, show_spinner=False)
def _load(home: str, run_id: int):
    model = inference.load_model(open_store().model_path(run_id))
    # Once Keras is loaded, Streamlit clears the Keras session after every rerun, and that
    # runs a full garbage collection over TensorFlow's million objects (0.15 s per rerun of any
    # page). Freezing what exists now takes them out of the collector's sight: 0.1 ms instead.
    gc.freeze()
    return model


def run_model(run_id: int):
    """The Keras model of finished run ``run_id`` (cached per server process)."""
    return _load(str(open_store().home), run_id)
