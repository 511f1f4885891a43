"""The Train page's widget for each training setting, drawn from the setting's declaration in
``TrainConfig`` (``fmnist_core.training.SETTINGS``): its range, choices, step and label are
written there once; the page only places the widgets."""

from __future__ import annotations

from typing import Any

import streamlit as st

from fmnist_core import sweeps
from fmnist_core.training import (
    LECTURE_RECIPE,
    SETTINGS,
    Setting,
    SettingProblem,
    TrainConfig,
    plain_number,
    recipe_changes,
)
from ui.i18n import t
from ui.sweep_views import setting_in_prose, varied_in_sweep


def widget_key(name: str) -> str:
    """The session-state key of setting ``name``'s widget: its label key, ``train.batch`` ->
    ``train_batch``."""
    return SETTINGS[name].label.replace(".", "_")


def fill(config: TrainConfig, recipe_only: bool = False) -> None:
    """Set the widgets to ``config``'s values; with ``recipe_only``, only the settings a recipe
    sets (the number of images, the seed and the GPU's number format stay as the user set them)."""
    for name, declared in SETTINGS.items():
        if recipe_only and not declared.in_recipe:
            continue
        _set(name, getattr(config, name))


FROM_LECTURE = "train_from_lecture"  # the model, batch size and split Lecture step 5 handed over


def from_lecture_step(preset: str | None) -> dict[str, Any] | None:
    """The batch size and validation split Lecture step 5 handed over with ``preset`` (as text),
    with the epochs and number of images the form now holds, while the form still holds them and
    otherwise the lecture's recipe (fewer epochs included); else None."""
    handed = st.session_state.get(FROM_LECTURE)
    if not handed or handed["preset"] != preset:
        return None
    form = chosen_config().to_dict()
    mine = {"batch_size": handed["batch_size"], "validation_split": handed["validation_split"]}
    if any(form[name] != value for name, value in mine.items()):
        return None
    if set(recipe_changes(form, LECTURE_RECIPE)) - {"epochs", *mine}:
        return None
    return {
        "batch": str(mine["batch_size"]),
        "split": f"{mine['validation_split']:g}",
        "epochs": form["epochs"],
        "limit_train": form["limit_train"],
    }


def kept_by_recipes(values: dict[str, Any]) -> list[str]:
    """The settings a recipe button leaves alone that ``values`` (a config as a dict) set away
    from their defaults: the user's own number of images or seed, worth a word when a recipe
    changes everything else."""
    usual = TrainConfig()
    return [
        name
        for name, declared in SETTINGS.items()
        if not declared.in_recipe and values.get(name) != getattr(usual, name)
    ]


def _set(name: str, value: Any) -> None:
    declared = SETTINGS[name]
    if declared.kind == "number":
        value = float(value)  # a float slider refuses an int such as 0
    elif declared.kind == "optional_whole":
        value = value or 0  # the number box shows "all" as 0
    st.session_state[widget_key(name)] = value


def _from_text(name: str, text: str, high: int | None) -> Any:
    """``text`` as setting ``name`` takes it on the command line, or a ``SettingProblem`` saying
    what its widget can show when it is not one of those values."""
    declared = SETTINGS[name]
    # Said as the widget offers it: a slider of steps takes only those, the number of images
    # stops at the images there are.
    if declared.widget == "select_slider":
        steps = ", ".join(map(plain_number, declared.steps))
        problem = SettingProblem(name, text, "one_of", {"choices": steps})
    else:
        problem = _as_widget_allows(
            SettingProblem(name, text, declared.allowed_key, declared.allowed_values()), high
        )
    try:
        value = sweeps.parse_value(name, text)
    except sweeps.SweepError:
        return problem
    if not declared.accepts(value):
        return problem
    if declared.widget == "select_slider" and value not in declared.steps:
        return problem
    if declared.kind == "optional_whole" and value is not None and high is not None:
        return value if value <= high else problem
    return value


def _as_widget_allows(
    problem: SettingProblem, high: int | None, allowed: str = "all_or_range"
) -> SettingProblem:
    """``problem`` said as its widget allows: the number of images up to the images there are
    (``high``), "10–60000", as both the form and the address say it (the address also takes
    "all"; the form's number box takes 0)."""
    declared = SETTINGS[problem.setting]
    if declared.kind != "optional_whole" or high is None:
        return problem
    bounds = {"low": plain_number(declared.low), "high": str(high)}
    return SettingProblem(problem.setting, problem.value, allowed, bounds)


def form_problems(config: TrainConfig, high: int | None = None) -> list[SettingProblem]:
    """The settings the form holds that a run would refuse (a number box takes 0–``high``
    images, and 1–9 of them are not a run), said as the widgets allow them."""
    return [
        _as_widget_allows(problem, high, "zero_or_range") for problem in config.setting_problems()
    ]


def from_address(high: int | None = None) -> list[SettingProblem]:
    """Set the widgets from the settings in the page's address (``?epochs=2&limit_train=600``,
    typed as the command line takes them); returns what was wrong with those it could not use.
    ``high`` is the top of ``limit_train``'s range (the number of training images)."""
    return _fill_texts({name: st.query_params.get(name) for name in SETTINGS}, high)


def fill_from_run(config: TrainConfig, high: int | None = None) -> list[SettingProblem]:
    """Set the widgets to a run's settings, checked as the address's are (a run trained from the
    command line may hold a value no widget shows: 500 epochs); returns those left out."""
    return _fill_texts({name: _as_text(getattr(config, name)) for name in SETTINGS}, high)


def _fill_texts(texts: dict[str, str | None], high: int | None) -> list[SettingProblem]:
    unusable = []
    for name, text in texts.items():
        if text is None:
            continue
        value = _from_text(name, text, high)
        if isinstance(value, SettingProblem):
            unusable.append(value)
        else:
            _set(name, value)
    return unusable


def _as_text(value: Any) -> str:
    """A setting's value as the address and the command line write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "all"
    return f"{value:g}" if isinstance(value, float) else str(value)


def address_values(config: TrainConfig, usual: TrainConfig) -> dict[str, str | None]:
    """Each setting of ``config`` as the address writes it, None where it is ``usual``'s (a
    fresh page's), so an untouched form keeps a plain address."""
    return {
        name: None
        if getattr(config, name) == getattr(usual, name)
        else _as_text(getattr(config, name))
        for name in SETTINGS
    }


def draw(name: str, high: int | None = None) -> None:
    """Setting ``name``'s widget; ``high`` is the top of an open-ended range (the number of
    training images for ``limit_train``)."""
    declared = SETTINGS[name]
    key = widget_key(name)
    label = t(declared.label)
    help_text = t(declared.help_key) if declared.help_key else None
    disabled = False
    if declared.only_when:
        other, needed = declared.only_when
        disabled = st.session_state.get(widget_key(other)) != needed
    if name in varied_in_sweep():
        # Each run takes its value from the sweep's box: a slider moved here changed nothing.
        disabled, help_text = (
            True,
            t("train.varied_in_sweep", values=t("sweep.values", setting=label)),
        )
    # Kept for the whole session, so a visit to another page comes back to the same settings.
    common = {"key": key, "help": help_text, "disabled": disabled, "persist_state": "session"}
    if declared.widget == "slider":
        low, top = _range(declared)
        st.slider(label, low, top, step=declared.step, **common)
    elif declared.widget == "select_slider":
        st.select_slider(label, declared.steps, format_func=lambda v: f"{v:g}", **common)
    elif declared.widget in ("selectbox", "radio"):
        widget = st.selectbox if declared.widget == "selectbox" else st.radio
        widget(label, declared.choices, format_func=lambda c: t(f"{name}.{c}"), **common)
    elif declared.widget == "number_input":
        if declared.kind == "optional_whole":
            low, top = 0, high  # 0 stands for "all"
        else:
            low, top = _range(declared)
        st.number_input(label, low, top, step=int(declared.step or 1), **common)
    elif declared.widget == "checkbox":
        st.checkbox(label, **common)
    else:
        raise ValueError(f"{name} asks for a widget the form does not draw: {declared.widget}")


def _range(declared: Setting) -> tuple[Any, Any]:
    if declared.kind == "number":
        return float(declared.low), float(declared.high)
    return declared.low, declared.high


def differences(recipe: TrainConfig, besides: tuple[str, ...] = ()) -> list[str]:
    """The settings a recipe sets (other than ``besides``) where the widgets differ from
    ``recipe``, named for a sentence (``learning rate``)."""
    changed = recipe_changes(chosen_config().to_dict(), recipe)
    return [setting_in_prose(name) for name in changed if name not in besides]


def chosen_config() -> TrainConfig:
    """The settings as the widgets show them (not yet checked: see ``setting_problems``)."""
    values = {}
    for name, declared in SETTINGS.items():
        value = st.session_state[widget_key(name)]
        if declared.kind == "number":
            value = float(f"{value:.6g}")  # a slider's 0.15000000000000002 is the 0.15 it shows
        elif declared.kind == "whole":
            value = int(value)
        elif declared.kind == "optional_whole":
            value = int(value) or None
        values[name] = value
    return TrainConfig(**values)
