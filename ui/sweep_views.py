"""Sweeps on the pages: the Train page's Sweep mode and live sweep view, the Compare page's sweep
view. What varies, the grid and its checks are the engine's (``fmnist_core.sweeps``)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import streamlit as st

from fmnist_core import architectures, progress, sweeps
from fmnist_core.names import name_problem
from fmnist_core.store import Run, RunStore, StoreError, Sweep
from fmnist_core.training import LECTURE_RECIPE, SETTINGS, TrainConfig
from fmnist_core.worker import ensure_worker, workers_running, workers_wanted
from ui import address, charts, networks, run_queue
from ui.common import flash_and_rerun, guarded, name_box
from ui.common import run_colours as kept_colours
from ui.i18n import duration_text, epochs_text, language, name_text, problem_text, setting_text, t
from ui.run_views import STATUS_ICONS

REFRESH_SECONDS = 1.0


# --- naming settings and values in the user's language -------------------------------------------


def setting_label(setting: str) -> str:
    """A varied setting as the page names it: ``Learning rate``, ``Layer 2 · Filters``, ..."""
    if setting == sweeps.ARCH:
        return t("sweep.arch")
    if setting in SETTINGS:
        return t(SETTINGS[setting].label)
    _, position, name = setting.split(".")
    return t("sweep.layer_setting", position=position, name=t(f"setting.{name}"))


def setting_picked_label(setting: str, spec: dict[str, Any]) -> str:
    """A setting as the sweep's pickers offer it for the network ``spec``: a layer's with its
    kind, ``Layer 8 (Dropout) · Rate``, so it is found without counting layers."""
    if not setting.startswith("layers."):
        return setting_label(setting)
    _, position, name = setting.split(".")
    layers = spec.get("layers", [])
    kind = layers[int(position) - 1]["type"] if int(position) <= len(layers) else "?"
    return t("sweep.layer_kind_setting", position=position, kind=kind, name=t(f"setting.{name}"))


def setting_title(setting: str) -> str:
    """A setting's name as a row or axis title: its label without the form's note, such as
    "(0 = all)", which describes the form's box, not a value shown beside it."""
    return re.sub(r"\s*\(.*\)$", "", setting_label(setting))


def setting_in_prose(setting: str) -> str:
    """A setting's name inside a sentence: ``learning rate``, ``early-stopping patience``
    (the label without its note, such as "(0 = off)", and in English without its capital)."""
    label = setting_title(setting)
    if language() == "en" and label[:2] != label[:2].upper():  # not "GPU ..."
        label = label[0].lower() + label[1:]
    return label


def values_in_prose(values: dict[str, Any]) -> str:
    """``learning rate 0.003, batch size 64``: settings and values inside a sentence."""
    return ", ".join(f"{setting_in_prose(s)} {value_label(s, v)}" for s, v in values.items())


def value_label(setting: str, value: Any) -> str:
    """One value of a varied setting as the page shows it."""
    if setting == sweeps.ARCH:
        found = architectures.PRESETS.get(value)
        return found["name"] if found else str(value)
    kind = sweeps.value_kind(setting)
    if kind == "choice":
        return t(f"{setting}.{value}")
    if kind == "bool":
        return t("sweep.on") if value else t("sweep.off")
    if value is None:
        return t("sweep.all_images")
    # "Early-stopping patience off", not 0 beside a title without the form's "(0 = off)".
    declared = SETTINGS.get(setting)  # None for a layer's setting (layers.1.filters)
    if value == 0 and declared is not None and declared.zero_is_off:
        return t("sweep.off")
    if isinstance(value, int):
        return f"{value:,}"  # 12,000 images, as every other page writes it
    if isinstance(value, float):  # 0.00003, not 3e-05 beside 0.001: one notation in a list
        return np.format_float_positional(value, trim="-")
    return str(value)


def values_label(values: dict[str, Any]) -> str:
    """``Learning rate 0.003 · Batch size 64``: a combination of settings in the user's words."""
    return " · ".join(
        # A network's name says what it is: "lecture-3 deep CNN", not "Network lecture-3 ..."
        value_label(s, v) if s == sweeps.ARCH else f"{setting_title(s)} {value_label(s, v)}"
        for s, v in values.items()
    )


def combination_label(run: Run) -> str:
    """``#12 Learning rate 0.003 · Batch size 64``: a sweep run by its varied values."""
    return f"#{run.id} {values_label(run.sweep_values or {})}"


# Problems with what was typed in a values box, said with the box's name and as the box takes
# values, not as the command line does ("layers.1.filters=16 32").
IN_A_BOX = ("no_values", "bad_value", "repeated_value", "images_over")


def sweep_problem_text(
    problem: sweeps.SweepProblem,
    spec: dict[str, Any] | None = None,
    config: TrainConfig | None = None,
) -> str:
    """A ``SweepProblem`` in the user's language, with the engine's cause where it has one;
    with ``spec`` and ``config`` (the Sweep mode's network and settings), a values box's
    problem names that box and shows values it would take."""
    if problem.key == "one_run":  # said with this page's own boxes and button
        return t("sweep.one_run")
    values = dict(problem.values)
    if spec is not None and config is not None and problem.key in IN_A_BOX:
        values["label"] = setting_picked_label(values["setting"], spec)
        values["example"] = example_values(values["setting"], spec, config)
        if problem.key == "images_over":  # "at most 60000", as the box takes it back
            values["available"] = values["available"].replace(",", "")
        if problem.key == "repeated_value":  # as the box takes it: 0 for all images
            values["value"] = typed_value(
                values["setting"], sweeps.parse_value(values["setting"], values["value"])
            )
    if problem.cause is not None:
        cause = problem.cause
        values["problem"] = (
            setting_text(cause) if hasattr(cause, "setting") else problem_text(cause)
        )
    if problem.combination is not None:  # the values as the page names them, not as typed
        values["values"] = values_label(problem.combination)
    if problem.key == "bad_value":
        kind = sweeps.value_kind(values["setting"])
        kind = {"optional_whole": "whole"}.get(kind, kind)
        choices = ", ".join(SETTINGS[values["setting"]].choices) if kind == "choice" else ""
        values["kind"] = t(f"sweep_kind.{kind}", choices=choices)
    if "label" in values:
        return t(f"sweep.box_{problem.key}", **values)
    return t(f"sweep_problem.{problem.key}", **values)


# --- the Train page: Sweep mode ------------------------------------------------------------------


def _varied_options(spec: dict[str, Any]) -> list[str]:
    """What can vary: the network, every training setting, every number of every layer."""
    layers = [
        f"layers.{position}.{setting.name}"
        for position, layer in enumerate(spec.get("layers", []), 1)
        for setting in getattr(architectures.LAYER_KINDS.get(layer.get("type")), "settings", ())
        if not setting.choices
    ]
    return [sweeps.ARCH, *SETTINGS, *layers]


def _current_value(setting: str, spec: dict[str, Any], config: TrainConfig) -> Any:
    if setting in SETTINGS:
        return getattr(config, setting)
    _, position, name = setting.split(".")
    layer = spec["layers"][int(position) - 1]
    return layer.get(name, architectures.LAYER_KINDS[layer["type"]].defaults.get(name))


def typed_value(setting: str, value: Any) -> str:
    """``value`` as a values box takes it back: 12000, not the page's 12,000, which the box's
    commas would split in two; "all" images as 0, as the setting's label says."""
    if value is None:  # all images; a pooling layer's strides left to its pool size
        return "0" if sweeps.value_kind(setting) == "optional_whole" else ""
    if isinstance(value, float):
        return np.format_float_positional(value, trim="-")
    return str(value)


def _accepted(setting: str, value: Any, spec: dict[str, Any]) -> bool:
    if setting in SETTINGS:
        return SETTINGS[setting].accepts(value)
    _, position, name = setting.split(".")
    kind = architectures.LAYER_KINDS[spec["layers"][int(position) - 1]["type"]]
    declared = next(s for s in kind.settings if s.name == name)
    return declared.low <= value <= declared.high


def example_values(setting: str, spec: dict[str, Any], config: TrainConfig) -> str:
    """Two values of ``setting`` as its box would take them, the current one first (``9, 18``
    for 9 epochs, ``0.25, 0.125`` for a dropout rate): an example in the setting's own terms,
    not a layer's filters beside a validation split."""
    current = _current_value(setting, spec, config)
    if current is None and sweeps.value_kind(setting) != "optional_whole":
        current, others = 1, [2]  # a pooling layer's strides, left to its pool size
    elif current is None:
        others = [10_000]
    elif sweeps.value_kind(setting) == "number":
        others = [current / 2, current * 2] if current else [0.1]
    else:
        others = [current * 2, current // 2, current + 1]
    other = next((v for v in others if v != current and _accepted(setting, v, spec)), None)
    shown = [current] if other is None else [current, other]
    return ", ".join(typed_value(setting, v) for v in shown)


def values_help(setting: str, spec: dict[str, Any], config: TrainConfig) -> str:
    """A values box's help: an example in the setting's terms, and, where its numbers reach the
    thousands, that they are written without a comma (12,000 would be two values)."""
    example = example_values(setting, spec, config)
    whole_parts = [part.strip().split(".")[0] for part in example.split(",")]
    thousands = setting == "limit_train" or any(len(part) > 3 for part in whole_parts)
    return t("sweep.values_help_thousands" if thousands else "sweep.values_help", example=example)


def _values(setting: str, store: RunStore, spec: dict[str, Any], config: TrainConfig) -> tuple:
    """The widget for one varied setting's values; the values chosen (SweepError if unreadable)."""
    key = f"sweep_values_{setting}"
    label = t("sweep.values", setting=setting_picked_label(setting, spec))
    if setting == sweeps.ARCH:
        names = [choice.split(":", 1)[1] for choice in networks.choices(store)]
        chosen = st.multiselect(
            label,
            names,
            default=names[:2],
            format_func=lambda n: value_label(setting, n),
            select_all=False,  # Enter then adds the network typed, not every match
            placeholder=t("sweep.values_placeholder"),  # Streamlit's own is English only
            key=key,
        )
        return tuple(chosen)
    current = _current_value(setting, spec, config)
    kind = sweeps.value_kind(setting)
    declared = SETTINGS.get(setting)
    offered = None
    if kind == "choice":
        offered = list(declared.choices)
    elif kind == "bool":
        offered = [False, True]
    elif declared is not None and declared.steps:
        offered = list(declared.steps)
    if offered is not None:
        default = [current] if current in offered else offered[:1]
        chosen = st.multiselect(
            label,
            offered,
            default=default,
            format_func=lambda v: value_label(setting, v),
            # Enter adds the value typed: with "Select all" shown, it added every match, and
            # by prefix, "0.001" does not match 0.0001 as the fuzzy default does.
            select_all=False,
            filter_mode="prefix" if kind in ("number", "whole") else "fuzzy",
            placeholder=t("sweep.values_placeholder"),
            key=key,
            persist_state="session",
        )
        return tuple(chosen)
    text = st.text_input(
        label,
        value=typed_value(setting, current),
        key=key,
        help=values_help(setting, spec, config),
        persist_state="session",
    )
    return tuple(sweeps.parse_value(setting, part) for part in text.split(",") if part.strip())


LECTURE_OPEN = "sweep_lecture_open"  # whether the lecture sweep's confirmation is showing


def mode_row(store: RunStore, config: TrainConfig, train_images: int) -> bool:
    """The switch between one run and a sweep, beside the lecture's three models as one sweep
    (``config``: the form's settings, whose number of images and seed it takes); True in Sweep
    mode."""
    mode, lecture = st.columns([3, 2], vertical_alignment="center")
    sweep_mode = mode.toggle(t("sweep.mode"), key="sweep_mode", help=t("sweep.mode_help"))
    if lecture.button(
        t("sweep.lecture"), key="sweep_lecture", help=t("sweep.lecture_help"), width="stretch"
    ):
        st.session_state[LECTURE_OPEN] = True
    if st.session_state.get(LECTURE_OPEN):
        _lecture_sweep(store, config, train_images)
    return sweep_mode


def _lecture_sweep(store: RunStore, chosen: TrainConfig, train_images: int) -> None:
    """What the lecture as a sweep would queue, and how long it would take, before it does:
    25 epochs of lecture-3 on the full data is hours on a CPU. Fewer epochs still follow the
    recipe; the number of images is the form's."""
    with st.container(border=True):
        epochs = st.number_input(
            t("sweep.lecture_epochs"),
            min_value=1,
            max_value=int(SETTINGS["epochs"].high),
            value=LECTURE_RECIPE.epochs,
            key="sweep_lecture_epochs",
        )
        config = sweeps.lecture_try(int(epochs), chosen)
        plan = sweeps.lecture_plan(config=config)
        st.info(
            t(
                "sweep.lecture_summary",
                epochs=epochs_text(epochs),
                images=sweeps.training_images(config, train_images),
                given=min(train_images, config.limit_train or train_images),
                split=config.validation_split,
                time=duration_text(sweeps.estimate_here(store, plan, train_images)),
            ),
            icon="🧮",
        )
        workers = int(st.session_state.get("sweep_workers", workers_wanted()))
        go, cancel = st.columns(2)
        if cancel.button(t("sweep.lecture_cancel"), key="sweep_lecture_cancel", width="stretch"):
            del st.session_state[LECTURE_OPEN]
            st.rerun()
        if go.button(
            t("sweep.lecture_queue"),
            type="primary",
            key="sweep_lecture_queue",
            width="stretch",
            icon=":material/grid_view:",
        ):
            del st.session_state[LECTURE_OPEN]
            _queue(store, t("sweep.lecture_name"), plan, workers)


def varied_in_sweep() -> list[str]:
    """The settings Sweep mode varies now (none outside it): the form's widget for one of them
    is not what the runs take."""
    return (
        list(st.session_state.get("sweep_settings", []))
        if st.session_state.get("sweep_mode")
        else []
    )


def setup(store: RunStore, spec: dict[str, Any], config: TrainConfig, train_images: int) -> None:
    """The Sweep mode: vary 1–3 settings of the network and settings above, see how many runs
    and about how long, then queue them all."""
    st.caption(t("sweep.base"))
    varied_names = st.multiselect(
        t("sweep.vary"),
        _varied_options(spec),
        format_func=lambda setting: setting_picked_label(setting, spec),
        max_selections=sweeps.MOST_VARIED,
        select_all=False,  # at most 3 may be chosen; Enter adds the setting typed
        # Streamlit's own, "Choose options", is English on the Korean page too.
        placeholder=t("sweep.vary_placeholder", most=sweeps.MOST_VARIED),
        key="sweep_settings",
    )
    varied, problems = [], []
    for setting in varied_names:
        try:
            varied.append(sweeps.Varied(setting, _values(setting, store, spec, config)))
        except sweeps.SweepError as error:
            problems += error.problems
    sample_column, workers_column, name_column = st.columns(3)
    sample = sample_column.number_input(
        t("sweep.sample"), 0, 10_000, 0, key="sweep_sample", help=t("sweep.sample_help")
    )
    most_workers = max(os.cpu_count() or 1, workers_wanted())
    workers = workers_column.number_input(
        t("sweep.workers"),
        1,
        most_workers,
        value=workers_wanted(),
        key="sweep_workers",
        help=t("sweep.workers_help", most=most_workers),
    )
    default_name = t("sweep.default_name", settings=", ".join(map(setting_label, varied_names)))
    # Until a setting is varied, the name it would get ("sweep of") had nothing to name.
    placeholder = default_name if varied_names else t("sweep.name_until_varied")
    name = name_box(name_column, t("sweep.name"), "sweep_name", placeholder=placeholder)
    plan = None
    if varied and not problems:
        try:
            plan = sweeps.plan(
                spec,
                config,
                varied,
                sample=sample or None,
                resolve=lambda n: _network(store, n),
                available=train_images,
                edited_name=networks.edited_name,
            )
        except sweeps.SweepError as error:
            problems = error.problems
    for problem in problems:
        if problem.key == "one_run":  # what to do next, not a mistake: the grid is not made yet
            st.info(sweep_problem_text(problem), icon="➕")
        else:
            st.warning(sweep_problem_text(problem, spec, config), icon="🚫")
    if plan is not None:
        seconds = sweeps.estimate_here(store, plan, train_images)
        count = (
            t("sweep.runs_all", runs=len(plan.runs))
            if len(plan.runs) == plan.combinations
            else t("sweep.runs_sampled", runs=len(plan.runs), combinations=plan.combinations)
        )
        st.info(t("sweep.summary", count=count, time=duration_text(seconds)), icon="🧮")
    if st.button(
        t("sweep.start"),
        type="primary",
        icon=":material/grid_view:",
        disabled=plan is None,
        key="sweep_start",
    ):
        given = (name or "").strip()
        _queue(store, given or default_name, plan, int(workers), named=bool(given))


def _network(store: RunStore, name: str) -> dict[str, Any] | None:
    if name in architectures.PRESETS:
        return architectures.preset(name)
    try:
        return store.load_architecture(name)
    except StoreError:
        return None


def _queue(store: RunStore, name: str, plan: sweeps.Plan, workers: int, named: bool = True) -> None:
    bad_name = name_problem(name)
    if bad_name:
        st.error(t("sweep.refused", problem=t("train.bad_name", problem=name_text(bad_name))))
        return
    # Workers already waiting for runs (an earlier sweep's, the command line's) take these too:
    # more of them than chosen train this sweep in parallel all the same, so it is said.
    waiting = workers_running(store.home)
    # Each run's name says its values as the page does ("Learning rate 0.003"), not as the
    # command line takes them ("learning_rate=0.003").
    sweep_id, run_ids = sweeps.queue(store, name, plan, words=values_label, named=named)
    ensure_worker(store.home, count=workers)
    run_queue.fold_the_form()
    # The new sweep, and its first run below it, are what the page shows next.
    address.write_and_hold("sweep", sweep_id)
    address.write_and_hold("run", run_ids[0])
    trained_by = t("sweep.workers_one") if workers == 1 else t("sweep.workers_many", count=workers)
    if waiting > workers and len(run_ids) > workers:
        at_once = min(waiting, len(run_ids))
        trained_by = t("sweep.workers_waiting", count=at_once, chosen=workers)
    flash_and_rerun(t("sweep.queued", id=sweep_id, runs=len(run_ids), workers=trained_by))


# --- the Train page: the live sweep view ---------------------------------------------------------


def _pick_sweep(
    found: list[Sweep], key: str, label: str, usual: int | None = None, in_address: bool = True
) -> Sweep:
    """A sweep picker that follows ``?sweep=ID`` in the address, so a refresh reattaches; without
    one it shows ``usual`` (else the newest). ``in_address``: write the choice there even before
    the user makes one."""
    ids = [sweep.id for sweep in found]
    address.settle("sweep")  # the sweep just queued, whatever address a refresh sent back
    wanted = address.read("sweep", address.whole_number(1, max(ids)))
    chosen = wanted if wanted in ids else usual if usual in ids else ids[0]
    names = {sweep.id: f"#{sweep.id} {sweep.name}" for sweep in found}
    address.hold(key, chosen)  # not the sweep it held before a new one was queued
    picked = st.selectbox(
        label,
        ids,
        index=ids.index(chosen),
        format_func=names.get,
        key=key,
        on_change=address.follow,
        args=("sweep", key),
    )
    if in_address or "sweep" in st.query_params:
        st.query_params["sweep"] = str(picked)
    return next(sweep for sweep in found if sweep.id == picked)


def live(store: RunStore, runs: Sequence[Run]) -> None:
    """The chosen sweep's runs growing together: a table of status and progress, the curves of
    all of them, and one button that stops the whole sweep. Open while a sweep trains or the
    address names one; otherwise folded, so that a single run's page is not about old sweeps
    (``runs``: the studio's runs, to tell which sweeps are under way)."""
    found = store.list_sweeps()
    linked = st.query_params.get("sweep")
    if linked is not None and not any(str(sweep.id) == linked for sweep in found):
        # A link to a deleted sweep, another studio's, or none: said, not another one shown
        # in silence as if it were the sweep linked.
        said = "sweep.link_missing_train" if found else "sweep.link_missing_no_sweeps"
        st.info(t(said, linked=linked), icon="🔗")
        del st.query_params["sweep"]
    if not found:
        return
    under_way = sorted({run.sweep_id for run in runs if run.active and run.sweep_id is not None})
    named = "sweep" in st.query_params
    with st.expander(
        t("sweep.live_title_count", count=len(found)),
        expanded=bool(under_way) or named,
        icon=":material/grid_view:",
    ):
        _live_sweep(store, found, under_way[0] if under_way else None, bool(under_way))


def _live_sweep(store: RunStore, found: list[Sweep], usual: int | None, in_address: bool) -> None:
    sweep = _pick_sweep(found, "train_sweep", t("sweep.watch"), usual, in_address)
    active_now = any(run.active for run in store.sweep_runs(sweep.id))

    @st.fragment(run_every=REFRESH_SECONDS if active_now else None)
    @guarded("the Train page's live sweep")
    def view() -> None:
        runs = store.sweep_runs(sweep.id)
        if any(run.status == "running" for run in runs):
            store.mark_interrupted()
            runs = store.sweep_runs(sweep.id)
        epochs = store.epochs_of([run.id for run in runs])
        if any(run.active for run in runs) and st.button(
            t("sweep.stop"), icon=":material/stop:", key=f"sweep_stop_{sweep.id}"
        ):
            store.stop_sweep(sweep.id)
            st.toast(t("sweep.stop_sent"))
            runs = store.sweep_runs(sweep.id)
        st.dataframe(_runs_table(sweep, runs, epochs), hide_index=True, placeholder="—")
        curves = {combination_label(run): epochs[run.id] for run in runs if epochs[run.id]}
        if curves:
            for metric, column in zip(("loss", "accuracy"), st.columns(2), strict=True):
                column.plotly_chart(
                    charts.training_curves(curves, metric, colours=run_colours(runs)),
                    config=charts.toolbar(),
                    key=f"sweep_{metric}_{sweep.id}_{sum(map(len, curves.values()))}",
                )
        if active_now and not any(run.active for run in runs):
            st.rerun()  # the sweep just ended: redraw the page once, without the timer

    view()


def _runs_table(sweep: Sweep, runs: list[Run], epochs: dict) -> list[dict[str, Any]]:
    rows = []
    for run in runs:
        row = {t("sweep.col_id"): run.id}
        for setting in sweep.settings:
            row[setting_title(setting)] = value_label(
                setting, (run.sweep_values or {}).get(setting)
            )
        state = progress.estimate(run, epochs[run.id])
        row[t("sweep.col_status")] = (
            f"{STATUS_ICONS.get(run.status, '')} {t(f'status.{run.status}')}"
        )
        row[t("sweep.col_progress")] = f"{state.fraction:.0%}"
        row[t("train.test_accuracy")] = (
            "" if run.test_accuracy is None else f"{run.test_accuracy:.2%}"
        )
        rows.append(row)
    return rows


# --- the Compare page: the sweep view ------------------------------------------------------------


def compare_filter(
    store: RunStore, runs: list[Run], on_change: Callable[[], None] | None = None
) -> tuple[list[Run], Sweep | None]:
    """A sweep picker and, for the sweep chosen, test accuracy against each varied setting (bars
    for one, a heatmap for two, parallel coordinates for three), the best combination and the
    runs' curves; returns the runs the table below should list (the sweep's, or all) and the
    sweep viewed (None: all runs). When another sweep is chosen, ``on_change`` runs (the page
    forgets the runs ticked below) and the address's ``runs`` are dropped."""
    found = store.list_sweeps()
    linked = st.query_params.get("sweep")
    if linked is not None and linked != "0" and not any(str(s.id) == linked for s in found):
        # A link to a deleted sweep (or another studio's) shows every run, and says so.
        st.info(t("sweep.link_missing", linked=linked), icon="🔗")
        del st.query_params["sweep"]
    if not found:
        return runs, None
    ids = [0] + [sweep.id for sweep in found]
    names = {0: t("sweep.compare_all"), **{s.id: f"#{s.id} {s.name}" for s in found}}
    # ?sweep=ID opens that sweep's view (a link to its results); the choice follows the address.
    wanted = address.read("sweep", address.whole_number(1, max(ids)))
    wanted = wanted if wanted in ids else 0
    address.hold("compare_sweep", wanted)
    chosen = st.selectbox(
        t("sweep.compare_pick"),
        ids,
        index=ids.index(wanted),
        format_func=names.get,
        key="compare_sweep",
        on_change=_sweep_chosen,
        args=(on_change,),
    )
    address.keep({"sweep": str(chosen) if chosen else None})
    if not chosen:
        return runs, None
    sweep = next(s for s in found if s.id == chosen)
    in_sweep = [run for run in runs if run.sweep_id == sweep.id]
    with st.container(border=True):
        result_view(store, sweep, in_sweep)
    return in_sweep, sweep


def _sweep_chosen(on_change: Callable[[], None] | None) -> None:
    """Another sweep (or every run) chosen: the runs the address names were the other view's."""
    address.follow("sweep", "compare_sweep")
    if on_change is not None:
        on_change()
    if "runs" in st.query_params:
        del st.query_params["runs"]


def result_view(store: RunStore, sweep: Sweep, runs: list[Run]) -> None:
    """What each varied setting did to the test accuracy, and the best combination: chosen
    on validation accuracy, reported with its test accuracy."""
    tested = [run for run in runs if run.test_accuracy is not None]
    validation = {run.id: sweeps.held_out_accuracy(run, store.epochs(run.id)) for run in tested}
    best = sweeps.best_run(runs, validation)
    if not tested and any(run.active for run in runs):
        st.info(t("sweep.no_results"), icon="⏳")
    elif not tested:  # every run ended without a test: none will come
        st.info(t("sweep.no_results_ever", count=len(runs)), icon="ℹ️")
    else:
        if best is None:  # no held-out data to choose on: naming one would tune on the test set
            st.info(t("sweep.best_unchosen"), icon="ℹ️")
        else:
            st.success(
                t(
                    "sweep.best",
                    run=combination_label(best),
                    validation=f"{validation[best.id]:.2%}",
                    accuracy=f"{best.test_accuracy:.2%}",
                ),
                icon="🏆",
            )
        st.plotly_chart(
            _figure(sweep, runs, best), config=charts.toolbar(), key=f"sweep_figure_{sweep.id}"
        )
        scores = [run.test_accuracy for run in tested]
        if len(sweep.varied) > 1 and len(scores) > 1:
            # The heatmap's and the lines' colours stretch over the scores' range: 78.3% and
            # 80.0% came out dark purple and bright yellow. (One setting's bars start at 0.)
            st.caption(
                t(
                    "sweep.colour_range",
                    low=f"{min(scores):.2%}",
                    high=f"{max(scores):.2%}",
                    points=f"{100 * (max(scores) - min(scores)):.2f}",
                )
            )
        unscored = [run for run in runs if run.test_accuracy is None]
        if unscored:  # a gap or a "—" in the figure: say which runs and why
            st.caption(
                t(
                    "sweep.unscored",
                    runs=", ".join(
                        f"{combination_label(run)} ({t(f'status.{run.status}')})"
                        for run in unscored
                    ),
                )
            )
    epochs = store.epochs_of([run.id for run in runs])
    curves = {combination_label(run): epochs[run.id] for run in runs if epochs[run.id]}
    if curves:
        st.plotly_chart(
            charts.training_curves(curves, "accuracy", colours=run_colours(runs)),
            config=charts.toolbar(),
            key=f"sweep_curves_{sweep.id}",
        )


def run_colours(runs: Sequence[Run]) -> dict[str, str]:
    """Each sweep run's colour by its label, the colour Compare's tabs give the same run."""
    by_id = kept_colours(run.id for run in runs)
    return {combination_label(run): by_id[run.id] for run in runs}


def _axis_order(values: Sequence[Any]) -> list[Any]:
    """A varied setting's values in the order its axis shows them: numbers rising (as typed they
    may come 0.001, 0.0001, 0.003), anything else (networks, choices) as queued."""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    return sorted(values) if numbers else list(values)


def _figure(sweep: Sweep, runs: list[Run], best: Run | None):
    scored = [run for run in runs if run.test_accuracy is not None]
    axes = [_axis_order(values) for _, values in sweep.varied]
    labels = [
        [value_label(s, v) for v in axis] for s, axis in zip(sweep.settings, axes, strict=True)
    ]
    titles = [setting_title(s) for s in sweep.settings]

    def index(run: Run, dimension: int) -> int:
        setting = sweep.settings[dimension]
        return axes[dimension].index(run.sweep_values[setting])

    if len(sweep.varied) == 1:
        accuracy = [None] * len(labels[0])
        for run in scored:
            accuracy[index(run, 0)] = run.test_accuracy
        return charts.sweep_line(labels[0], accuracy, titles[0], best and index(best, 0))
    if len(sweep.varied) == 2:
        grid = [[None] * len(labels[1]) for _ in labels[0]]
        for run in scored:
            grid[index(run, 0)][index(run, 1)] = run.test_accuracy
        return charts.sweep_heatmap(
            labels[0],
            labels[1],
            grid,
            (titles[0], titles[1]),
            best and (index(best, 0), index(best, 1)),
        )
    dimensions = [
        (titles[d], labels[d], [index(run, d) for run in scored]) for d in range(len(titles))
    ]
    return charts.sweep_parallel(dimensions, [run.test_accuracy for run in scored])
