"""A run's network and training settings as the pages show them: row names and values in the
user's language. Shared by Train (one run's settings) and Compare (what differs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from fmnist_core import comparison
from fmnist_core.store import Run
from fmnist_core.training import SETTINGS
from ui import sweep_views
from ui.i18n import t

# The rows that are not training settings, by their message keys.
_NETWORK_ROWS = {
    "architecture": "compare.architecture",
    "params": "arch.total",
    "layers": "arch.layers",
}


def setting_name(setting: str) -> str:
    """A row's title: the network's rows and each setting as the Train page's form names it."""
    if setting in _NETWORK_ROWS:
        return t(_NETWORK_ROWS[setting])
    return sweep_views.setting_title(setting) if setting in SETTINGS else setting


def setting_value(setting: str, value: Any) -> str:
    """A value as the form shows it ("Adam", "all images", "on"); other rows' numbers with
    separators."""
    if setting in SETTINGS and value is not None:
        return sweep_views.value_label(setting, value)
    return comparison.shown_value(value)


def settings_table(run: Run) -> None:
    """Every network and training setting of ``run``, one row each."""
    settings = comparison.shared_settings([run], shown=setting_value)
    table = settings.rename(index=setting_name).to_frame(t("compare.diff_value"))
    st.table(table)


def differences_table(runs: list[Run], labels: Mapping[int, str]) -> pd.DataFrame:
    """The settings in which ``runs`` differ, rows named and values written as the form's, a
    column for each run headed by its label (``labels``, by run number)."""
    diff = comparison.settings_diff(runs, shown=setting_value, label=lambda run: labels[run.id])
    return diff.rename(index=setting_name).fillna("—")


def shared_table(runs: list[Run]) -> pd.DataFrame:
    """The settings every one of ``runs`` has alike, as a one-column table."""
    shared = comparison.shared_settings(runs, shown=setting_value)
    return shared.rename(index=setting_name).to_frame(t("compare.diff_value"))
