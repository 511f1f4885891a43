"""Train: set up a run, start it in the background worker, and watch its curves grow live."""

import streamlit as st

from fmnist_core import architectures, progress
from fmnist_core.names import name_problem
from fmnist_core.training import OPTIMIZERS, RECIPES, SCHEDULES, TrainConfig
from fmnist_core.worker import ensure_worker, worker_running
from ui import networks, run_views
from ui.common import (
    flash_and_rerun,
    load_dataset_or_stop,
    open_store,
    page_header,
    sample_banner,
    show_flash,
)
from ui.i18n import name_text, problem_text, setting_text, t

REFRESH_SECONDS = 1.0
BATCH_SIZES = [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096]
LEARNING_RATES = [1e-5, 3e-5, 1e-4, 3e-4, 5e-4, 0.001, 0.002, 0.003, 0.005, 0.01, 0.03, 0.1]
HANDED = "handed:"

page_header("nav.train", "train.purpose")
show_flash()
dataset = load_dataset_or_stop()
sample_banner(dataset)
store = open_store()
store.mark_interrupted()
runs = store.list_runs()
queued = [run for run in runs if run.status == "queued"]
if queued and not worker_running(store.home):
    ensure_worker(store.home)  # a queued run must never wait for a worker that is gone

# --- what to train ------------------------------------------------------------------------------
handed = st.session_state.get("train_spec")
choices = ([HANDED] if handed else []) + networks.choices(store)
handed_label = {HANDED: t("train.handed", name=handed["name"])} if handed else {}


def network_label(choice: str) -> str:
    return networks.label(choice, handed_label)


def spec_for(choice: str) -> dict:
    return networks.spec(store, choice, {HANDED: lambda: handed})


def apply_recipe(name: str) -> None:
    recipe = RECIPES[name]
    st.session_state.update(
        {
            "train_epochs": recipe.epochs,
            "train_batch": recipe.batch_size,
            "train_optimizer": recipe.optimizer,
            "train_lr": recipe.learning_rate,
            "train_schedule": recipe.schedule,
            "train_validation": recipe.validation,
            "train_val_split": recipe.validation_split,
            "train_shift": recipe.augment_shift,
            "train_flip": recipe.augment_flip,
            "train_patience": recipe.early_stopping_patience,
            "train_smoothing": recipe.label_smoothing,
        }
    )


if "train_epochs" not in st.session_state:
    apply_recipe("fast")

any_active = any(run.active for run in runs)
with st.expander(t("train.new_run"), expanded=not any_active, icon=":material/tune:"):
    if st.session_state.get("train_network") not in choices:
        # A fresh page pairs the fast network with the fast recipe it was tuned with.
        st.session_state["train_network"] = choices[0] if handed else "preset:fast"
    choice = st.selectbox(
        t("train.network"), choices, format_func=network_label, key="train_network"
    )
    spec = spec_for(choice)
    summary = architectures.summarise(spec)
    if summary.valid:
        st.caption(
            t("train.network_size", params=summary.total_params, macs=summary.multiply_adds / 1e6)
        )
    recipe_columns = st.columns(3)
    for column, recipe in zip(recipe_columns, ("lecture", "fast", "best"), strict=True):
        column.button(
            t(f"train.recipe_{recipe}"),
            on_click=apply_recipe,
            args=(recipe,),
            key=f"train_recipe_{recipe}",
            width="stretch",
        )

    left, middle, right = st.columns(3)
    with left:
        st.slider(t("train.epochs"), 1, 200, key="train_epochs")
        st.select_slider(t("train.batch"), BATCH_SIZES, key="train_batch")
        st.selectbox(
            t("train.optimizer"),
            OPTIMIZERS,
            key="train_optimizer",
            format_func=lambda o: t(f"optimizer.{o}"),
        )
        st.select_slider(
            t("train.lr"), LEARNING_RATES, key="train_lr", format_func=lambda v: f"{v:g}"
        )
        st.selectbox(
            t("train.schedule"),
            SCHEDULES,
            key="train_schedule",
            format_func=lambda s: t(f"schedule.{s}"),
        )
    with middle:
        validation = st.radio(
            t("train.validation"),
            ("split", "test"),
            key="train_validation",
            format_func=lambda v: t(f"validation.{v}"),
        )
        st.slider(
            t("train.val_split"),
            0.0,
            0.5,
            step=0.05,
            key="train_val_split",
            disabled=validation == "test",
        )
        st.number_input(
            t("train.limit"),
            0,
            len(dataset.train_labels),
            value=0,
            step=100,
            key="train_limit",
            help=t("train.limit_help"),
        )
        st.number_input(t("train.seed"), 0, 2**31 - 1, value=42, key="train_seed")
        st.text_input(t("train.run_name"), key="train_run_name", placeholder=spec["name"])
    with right:
        st.slider(
            t("train.shift"), 0.0, 0.3, step=0.02, key="train_shift", help=t("train.shift_help")
        )
        st.checkbox(t("train.flip"), key="train_flip")
        st.number_input(
            t("train.patience"), 0, 50, key="train_patience", help=t("train.patience_help")
        )
        st.slider(t("train.smoothing"), 0.0, 0.3, step=0.05, key="train_smoothing")
        st.checkbox(t("train.mixed"), value=True, key="train_mixed", help=t("train.mixed_help"))

    if st.button(t("train.start"), type="primary", icon=":material/play_arrow:", key="train_start"):
        state = st.session_state
        config = TrainConfig(
            epochs=state.train_epochs,
            batch_size=state.train_batch,
            optimizer=state.train_optimizer,
            learning_rate=state.train_lr,
            schedule=state.train_schedule,
            validation=state.train_validation,
            validation_split=round(state.train_val_split, 4),
            limit_train=int(state.train_limit) or None,
            augment_shift=round(state.train_shift, 4),
            augment_flip=state.train_flip,
            early_stopping_patience=int(state.train_patience),
            label_smoothing=round(state.train_smoothing, 4),
            seed=int(state.train_seed),
            mixed_precision=state.train_mixed,
        )
        run_name = (state.train_run_name or "").strip() or spec["name"]
        problems = [setting_text(p) for p in config.setting_problems()] + [
            problem_text(p) for p in summary.problems
        ]
        bad_name = name_problem(run_name)
        if bad_name:
            problems.append(t("train.bad_name", problem=name_text(bad_name)))
        if problems:
            for problem in problems:
                st.error(t("train.refused", problem=problem), icon="🚫")
        else:
            run_id = store.create_run(run_name, spec, config.to_dict(), summary.total_params)
            ensure_worker(store.home)
            st.query_params["run"] = str(run_id)
            flash_and_rerun(t("train.queued", id=run_id))

# --- the run being watched ----------------------------------------------------------------------
if not runs:
    st.info(t("train.no_runs"), icon="👆")
    st.stop()

watched = run_views.pick_run(runs, t("train.watch"), key="train_watch")
active_now = next(run for run in runs if run.id == watched).active


@st.fragment(run_every=REFRESH_SECONDS if active_now else None)
def live_view(run_id: int) -> None:
    run = store.get_run(run_id)
    if run is None:
        st.warning(t("train.gone"))
        return
    if run.status == "running":
        store.mark_interrupted()
        run = store.get_run(run_id)
    epochs = store.epochs(run_id)
    state = progress.estimate(run, epochs)
    run_views.status_line(run, state)
    if run.active:
        st.progress(
            state.fraction,
            text=t(
                "train.progress",
                epoch=state.epoch,
                epochs=state.planned_epochs,
                batch=state.batch,
                batches=state.batches_per_epoch,
            ),
        )
        if st.button(
            t("train.stop") if run.status == "running" else t("train.cancel"),
            icon=":material/stop:",
            key=f"stop_{run_id}",
        ):
            store.request_stop(run_id)
            st.toast(t("train.stop_sent"))
    run_views.curves(run, epochs)
    if not run.active and active_now:
        st.rerun()  # the run just ended: redraw the whole page once, without the timer
    if run.status == "finished":
        run_views.test_results(run, store.run_dir(run_id, create=False))


live_view(watched)

if queued:
    st.subheader(t("train.queue"))
    for run in reversed(queued):
        name_column, cancel_column = st.columns([4, 1], vertical_alignment="center")
        name_column.write(
            t(
                "train.queue_item",
                id=run.id,
                name=run.name,
                arch=run.architecture,
                epochs=run.epochs_planned,
            )
        )
        if cancel_column.button(t("train.cancel"), key=f"cancel_{run.id}"):
            store.request_stop(run.id)
            st.rerun()
