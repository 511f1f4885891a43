"""Lecture: the lecture's steps in its order, each with its code, what it printed, and the same
step computed here from the data in use and the presets, with a way to do it in the studio."""

import dataclasses

import numpy as np
import pandas as pd
import streamlit as st

from fmnist_core import architectures, data
from fmnist_core.layer_kinds import shape_text
from fmnist_core.measured import LECTURE_TEST_ACCURACY, claim
from fmnist_core.store import RunStore, StoreUnavailable
from fmnist_core.training import LECTURE_RECIPE, RECIPES, SETTINGS, TrainConfig, recipe_changes
from ui import charts, layer_editor, lecture, networks, run_queue, settings_form, sweep_views
from ui.common import (
    class_name_list,
    go_to,
    load_dataset_or_stop,
    open_store,
    page_header,
    sample_banner,
    side_by_side_on_phones,
)
from ui.feature_maps import show_feature_maps
from ui.i18n import (
    claim_range_text,
    claim_seeds_text,
    claim_text,
    epochs_text,
    formula_text,
    size_text,
    store_text,
    t,
)

# The runs this browser session started from step 5: once finished, the steps show them, as
# step 5 promises ("its curves appear in step 6"), before the run closest to the lecture's.
STARTED_HERE = "lecture_started_here"

page_header("nav.lecture", "lecture.purpose")
dataset = load_dataset_or_stop()
sample_banner(dataset)
try:
    store: RunStore | None = open_store()
    store.mark_interrupted()
    runs = store.list_runs()
except StoreUnavailable as error:
    # The steps teach without runs: only training and the plots of runs wait for the store.
    st.warning(store_text(error), icon="🗄️")
    store, runs = None, []
train_count, test_count = len(dataset.train_labels), len(dataset.test_labels)
# Which data the "here" outputs come from, named once for every step.
if dataset.source.is_sample:
    data_kind = "lecture.data_sample"
elif (train_count, test_count) == tuple(lecture.LECTURE_IMAGES.values()):
    data_kind = "lecture.data_full"
else:
    data_kind = "lecture.data_partial"
data_in_use = t(
    data_kind, source=t(f"source.{dataset.source.kind}"), train=train_count, test=test_count
)


def model_name(key: str) -> str:
    return architectures.PRESETS[key]["name"]


def lecture_and_here(printed: str, here: str, from_data: bool = True) -> None:
    """What the lecture printed beside what the same step gives here, as two outputs; the
    ``from_data`` ones say which data they come from."""
    left, right = st.columns(2)
    left.markdown(f"**{t('lecture.printed')}**")
    left.code(printed, language=None)
    right.markdown(f"**{t('lecture.here')}**")
    right.code(here, language=None)
    if from_data:
        right.caption(data_in_use)


def step(title_key: str, code: str, what_key: str, **values: object) -> None:
    """A step's heading, the lecture's code cell and what it does."""
    st.divider()
    title = t(title_key)
    # Linked to by its number (#step-3), the same in both languages: the heading's own anchor,
    # made of its words, kept none of the Korean ones (#3-16).
    st.subheader(title, anchor=f"step-{title.split('.', 1)[0]}")
    st.code(code, language="python")
    st.markdown(t(what_key, **values))


def contents() -> None:
    """The steps as links to their headings: a student jumps to the step the class is at, and a
    teacher sends one as ``/lecture#step-5`` (the page opens scrolled to it)."""
    st.markdown(f"**{t('lecture.contents')}**")
    links = [f"[{t(key)}](#step-{n})" for n, key in enumerate(lecture.STEP_TITLES, start=1)]
    # Three to a column, one under another as lines of one text: a paragraph each spread the
    # nine over a phone's whole screen.
    for column, start in zip(st.columns(3), range(0, len(links), 3), strict=True):
        lines = "  \n".join(links[start : start + 3])
        column.markdown(f":small[{lines}]")


def value_range(images: np.ndarray, scale: float | None = None) -> str:
    """The lowest and highest pixel, as ``print(x.min(), x.max())`` shows them, after dividing by
    ``scale`` when given."""
    # Scaling the extremes equals the extremes of the scaled array, without a 188 MB float copy.
    low, high = images.min(), images.max()
    return f"{low / scale} {high / scale}" if scale else f"{low} {high}"


# --- 1. load and normalise -----------------------------------------------------------------------
def load_step() -> None:
    step("lecture.load_title", lecture.LOAD_CODE, "lecture.load_what")
    full = lecture.LECTURE_IMAGES
    lecture_and_here(
        f"({full['train']}, 28, 28) ({full['test']}, 28, 28)\n0 255\n0.0 1.0",
        f"{dataset.train_images.shape} {dataset.test_images.shape}\n"
        f"{value_range(dataset.train_images)}\n{value_range(dataset.train_images, 255.0)}",
    )
    st.page_link("app_pages/dataset.py", label=t("lecture.to_dataset"), icon=":material/grid_view:")


# --- 2. reshape for Conv2D -----------------------------------------------------------------------
def reshape_step() -> None:
    step("lecture.reshape_title", lecture.RESHAPE_CODE, "lecture.reshape_what")
    full = lecture.LECTURE_IMAGES
    with_channel = (dataset.train_images[..., np.newaxis], dataset.test_images[..., np.newaxis])
    lecture_and_here(
        f"({full['train']}, 28, 28, 1) ({full['test']}, 28, 28, 1)",
        f"{with_channel[0].shape} {with_channel[1].shape}",
    )


# --- 3. the first 16 training images -------------------------------------------------------------
def grid_step() -> None:
    step("lecture.grid_title", lecture.GRID_CODE, "lecture.grid_what")
    first = dataset.train_labels[:16]
    lecture_and_here(lecture.LECTURE_FIRST_LABELS, str(first))
    if str(first) == lecture.LECTURE_FIRST_LABELS:
        st.caption(t("lecture.grid_same"))
    else:
        st.caption(t("lecture.grid_differs"))
    names = class_name_list()
    grid = side_by_side_on_phones("lecture_first_images")  # 4×4 on a phone too
    for row in range(4):
        for column, index in zip(grid.columns(4), range(row * 4, row * 4 + 4), strict=True):
            label = int(dataset.train_labels[index])
            cell = column.container(gap=None)  # the caption right under its image
            cell.image(data.enlarge(dataset.train_images[index], 4))
            # The caption opens the image up close on the Dataset page, as its grid's do.
            cell.page_link(
                "app_pages/dataset.py",
                label=f":small[{label} {names[label]}]",
                query_params={"split": "train", "grid": "4", "image": str(index)},
                help=t("dataset.open_help"),
                width="stretch",
            )
    st.markdown(f"**{t('lecture.labels')}**")
    st.code(lecture.label_table_code(), language="python")
    # The same 16 images, as the Dataset page's first page of a 4x4 grid of the training split.
    st.page_link(
        "app_pages/dataset.py",
        label=t("lecture.to_dataset_grid"),
        icon=":material/grid_view:",
        query_params={"split": "train", "grid": "4"},
    )


# --- the three models ----------------------------------------------------------------------------
def set_train_form(key: str, config: TrainConfig) -> None:
    """The Train page's form set to lecture model ``key`` and ``config``'s recipe: what a run
    queued here trained, or what the student takes there to change."""
    settings_form.fill(
        config,
        # the number of images and the seed as the student left them, if the form was ever set
        recipe_only=settings_form.widget_key("epochs") in st.session_state,
    )
    st.session_state[networks.TRAIN_CHOICE_KEY] = f"preset:{key}"


def open_on_train_page(key: str, batch: int, split: float) -> None:
    """The Train page with lecture model ``key`` and the lecture's recipe, at the batch size and
    validation split chosen in step 5, and the quick try's epochs and images to start from: the
    student picks epochs and images there. (The lecture's 25 epochs on every image, left in the
    form, were a 40-minute run on a CPU for a student who just pressed Start.)"""
    quick = lecture.QUICK_RECIPE
    # The quick try's images where the data has more (the offline sample has fewer: all of it);
    # a form the student set before keeps their number (set_train_form).
    images = quick.limit_train if quick.limit_train < train_count else None
    set_train_form(
        key,
        dataclasses.replace(quick, batch_size=batch, validation_split=split, limit_train=images),
    )
    st.session_state[settings_form.FROM_LECTURE] = {
        "preset": key,
        "batch_size": batch,
        "validation_split": split,
    }
    go_to("app_pages/train.py", {"arch": key})


def open_on_architecture_page(key: str) -> None:
    # What the Architecture page reads: its network choice and the editor's layers.
    choice = f"preset:{key}"
    st.session_state[layer_editor.SOURCE_KEY] = choice
    layer_editor.load(architectures.preset(key), origin=choice)  # the preset itself, unedited
    go_to("app_pages/architecture.py", {networks.NAME_KEY: key})


def model_step(key: str, title_key: str, what_key: str, **values: object) -> None:
    """A lecture model: its code, what it is, its parameter table with the lecture's formulas."""
    step(title_key, f"{lecture.MODEL_CODE[key]}\n\n{lecture.COMPILE_CODE}", what_key, **values)
    summary = architectures.summarise(architectures.preset(key))
    lecture_and_here(
        f"Total params: {lecture.LECTURE_TOTAL_PARAMS[key]:,}",
        f"Total params: {summary.total_params:,}",
        from_data=False,
    )
    st.dataframe(
        pd.DataFrame(
            {
                # The layer's Keras class, as model.summary() names it; its settings are in the
                # code cell above, and the engine's full description is English only.
                t("arch.col_layer"): [f"{r.position}. {r.layer.split()[0]}" for r in summary.rows],
                t("arch.col_shape"): [shape_text(r.output_shape) for r in summary.rows],
                t("arch.col_size"): [size_text(r) for r in summary.rows],
                t("arch.col_params"): [f"{r.params:,}" for r in summary.rows],
                t("arch.col_formula"): [formula_text(r) for r in summary.rows],
            }
        ),
        hide_index=True,
        height="content",  # every layer: lecture-3's last four hid behind the table's own scroll
        key=f"lecture_table_{key}",
    )
    run = plotted_run(key)
    if run is not None:
        # What the trained convolutions and pools make of the first training image; computed only
        # while the section is open, so the long page stays quick.
        maps_section = st.expander(
            t("lecture.maps_title", name=model_name(key)),
            icon=":material/layers:",
            key=f"lecture_maps_open_{key}",
            on_change="rerun",
        )
        if maps_section.open:
            with maps_section:
                st.caption(t("lecture.maps_from_run", id=run.id, name=run.name))
                first_image = dataset.train_images[0].astype(np.float32) / 255.0
                show_feature_maps(run.id, first_image, f"lecture_maps_{key}")
    if st.button(
        t("lecture.open_architecture", name=model_name(key)),
        icon=":material/account_tree:",
        key=f"lecture_open_{key}",
    ):
        open_on_architecture_page(key)


def flattened(key: str) -> int:
    """How many values reach the first Dense layer of lecture model ``key``."""
    rows = architectures.summarise(architectures.preset(key)).rows
    return next(row.output_shape[0] for row in rows if row.layer == "Flatten")


def first_dense_params(key: str) -> int:
    rows = architectures.summarise(architectures.preset(key)).rows
    return next(row.params for row in rows if row.layer.startswith("Dense"))


# --- 5. fit --------------------------------------------------------------------------------------
def fit_step() -> str:
    """The fit step; returns the lecture model chosen there, which the next steps show."""
    step("lecture.fit_title", lecture.FIT_CODE, "lecture.fit_what")
    lecture_training, lecture_steps = lecture.steps_per_epoch(
        lecture.LECTURE_IMAGES["train"], LECTURE_RECIPE.validation_split, LECTURE_RECIPE.batch_size
    )
    batch_setting, split_setting = SETTINGS["batch_size"], SETTINGS["validation_split"]
    # These two change the sum below (and what "on the Train page" takes along), not the
    # buttons' recipe: said, as two sliders look like the run's settings.
    st.caption(t("lecture.steps_try"))
    batch_column, split_column = st.columns(2)
    batch = batch_column.select_slider(
        t("train.batch"),
        options=list(batch_setting.steps),
        value=LECTURE_RECIPE.batch_size,
        key="lecture_batch",
    )
    split = split_column.slider(
        t("train.val_split"),
        min_value=float(split_setting.low),
        max_value=float(split_setting.high),
        step=float(split_setting.step),
        value=LECTURE_RECIPE.validation_split,
        key="lecture_split",
    )
    training, steps = lecture.steps_per_epoch(train_count, split, batch)
    lecture_and_here(
        f"Epoch 1/{LECTURE_RECIPE.epochs}\n{lecture_steps}/{lecture_steps}",
        f"Epoch 1/{LECTURE_RECIPE.epochs}\n{steps}/{steps}",
    )
    images, validating, per_epoch = st.columns(3)
    images.metric(t("lecture.training_images"), f"{training:,}")
    validating.metric(t("lecture.validation_images"), f"{train_count - training:,}")
    per_epoch.metric(t("lecture.steps"), f"{steps:,}")
    st.markdown(
        f"⌊{train_count:,} · (1 − {split:g})⌋ = {training:,}  \n"
        f"⌈{training:,} / {batch}⌉ = **{steps:,}**  \n"
        f"{t('lecture.lecture_sum')}: ⌈{lecture.LECTURE_IMAGES['train']:,} · 3/4 / "
        f"{LECTURE_RECIPE.batch_size}⌉ = ⌈{lecture_training:,} / {LECTURE_RECIPE.batch_size}⌉ = "
        f"{lecture_steps:,}"
    )

    key = st.selectbox(
        t("lecture.model"), lecture.LECTURE_MODELS, format_func=model_name, key="lecture_model"
    )
    recipe = LECTURE_RECIPE
    # One above the other, each as wide as the page: side by side, their labels were cut.
    started = st.button(
        t(
            "lecture.start",
            name=model_name(key),
            epochs=recipe.epochs,
            batch=recipe.batch_size,
            split=recipe.validation_split,
        ),
        type="primary",
        icon=":material/play_arrow:",
        key="lecture_start",
        width="stretch",
        disabled=store is None,
    )
    # What the full recipe costs, before a class presses it: the measured time, when recorded.
    measured = claim(key, "lecture")
    if measured is not None:
        st.caption(t("lecture.start_measured", claim=claim_text(measured, "recipe")))
    tried = st.button(
        t(
            "lecture.quick",
            epochs=lecture.QUICK_RECIPE.epochs,
            images=lecture.QUICK_RECIPE.limit_train,
        ),
        icon=":material/bolt:",
        key="lecture_quick",
        width="stretch",
        disabled=store is None,
        help=t("lecture.quick_help"),
    )
    if st.button(
        t("lecture.on_train_page", name=model_name(key)),
        icon=":material/tune:",
        key="lecture_on_train_page",
        width="stretch",
        help=t("lecture.on_train_page_help", batch=batch, split=f"{split:g}"),
    ):
        open_on_train_page(key, batch, split)
    if (started or tried) and store is not None:
        spec = architectures.preset(key)
        name = spec["name"] if started else t("lecture.quick_name", name=spec["name"])
        chosen = recipe if started else lecture.QUICK_RECIPE
        run_id = run_queue.queue_run(store, name, spec, chosen)
        if run_id is not None:
            st.session_state[STARTED_HERE] = [*st.session_state.get(STARTED_HERE, []), run_id]
            set_train_form(key, chosen)  # watching it there, the form shows the same network
    queued = (st.session_state.get(STARTED_HERE) or [None])[-1]  # the newest started here
    if queued is not None and store is not None and store.get_run(queued) is not None:
        st.success(t("lecture.queued", id=queued), icon="✅")
        st.page_link(
            "app_pages/train.py",
            label=t("lecture.watch", id=queued),
            icon=":material/model_training:",
            query_params={"run": str(queued)},
        )
    return key


# --- 6. the two plots ----------------------------------------------------------------------------
def plotted_run(key: str):
    """The finished run of ``key`` whose curves stand for it: the student's own, started here,
    else the one closest to the lecture's experiment."""
    found = lecture.finished_runs(runs, key, st.session_state.get(STARTED_HERE, ()))
    return found[0] if found else None


MOSTLY_LECTURE = 2  # changed settings (epochs aside) that still read "the lecture's recipe but"


def recipe_words(run) -> str:
    """How ``run`` stands to the lecture's recipe, its epochs aside: "the lecture's recipe", or
    "the lecture's recipe but for learning rate 0.003" (every setting that differs is named:
    they are what make its curves differ from the lecture's)."""
    changed = lecture.recipe_changes(run)
    changed.pop("epochs", None)  # said on their own, beside the lecture's
    if not changed:
        return t("lecture.lecture_recipe")
    if len(changed) <= MOSTLY_LECTURE:
        return t("lecture.other_recipe", settings=sweep_views.values_in_prose(changed))
    # Many changes are another recipe, not the lecture's "but for" them: named when it is one
    # of the studio's, else counted, with what changed.
    for name, recipe in RECIPES.items():
        if name != "lecture" and not set(recipe_changes(run.config, recipe)) - {"epochs"}:
            return t("lecture.studio_recipe", recipe=t(f"train.recipe_{name}"))
    return t(
        "lecture.own_recipe", count=len(changed), settings=sweep_views.values_in_prose(changed)
    )


def images_words(run) -> str:
    """``600 training images`` or ``all training images``."""
    images = run.config.get("limit_train")
    return t("lecture.images", count=images) if images else t("lecture.images_all")


def run_caption(run, epochs: list) -> str:
    """Which run the curves come from, how it was trained, and whether that is the lecture's
    recipe (and, for a shorter try, what the lecture trained)."""
    config = run.config
    count = len(epochs)
    recipe = recipe_words(run)
    if count != LECTURE_RECIPE.epochs or config.get("limit_train"):
        recipe += t(
            "lecture.lecture_trained",
            epochs=LECTURE_RECIPE.epochs,
            images=lecture.LECTURE_IMAGES["train"],
        )
    return t(
        "lecture.from_run",
        id=run.id,
        name=run.name,
        epochs=epochs_text(count),
        batch=config.get("batch_size"),
        split=config.get("validation_split"),
        images=images_words(run),
        recipe=recipe,
    )


def how_trained(run, count: int) -> str:
    """``the lecture's recipe · 2 epochs · 600 training images``, for a table cell (``count``:
    the epochs it trained)."""
    return " · ".join((recipe_words(run), epochs_text(count), images_words(run)))


def lecture_plots(run, step_name: str, metrics: tuple[str, ...] = ("loss", "accuracy")) -> None:
    """A run's curves drawn as the lecture draws them, with a way to it on the Train page.
    ``step_name`` tells the charts apart when two steps draw the same run (lecture-3 chosen in
    step 5 is also step 9's model)."""
    epochs = store.epochs(run.id)
    for metric, column in zip(metrics, st.columns(len(metrics)), strict=True):
        column.plotly_chart(
            charts.lecture_curves(epochs, metric),
            config=charts.toolbar(),
            key=f"lecture_{step_name}_{metric}_{run.id}",
        )
    st.caption(run_caption(run, epochs))
    st.page_link(
        "app_pages/train.py",
        label=t("lecture.open_run", id=run.id),
        icon=":material/model_training:",
        query_params={"run": str(run.id)},
    )


def plots_step(key: str) -> None:
    step("lecture.plots_title", lecture.PLOT_CODE, "lecture.plots_what")
    st.info(t("lecture.no_lecture_epochs"), icon="ℹ️")
    run = plotted_run(key)
    if run is None:
        st.info(t("lecture.no_run", name=model_name(key)), icon="⏳")
        return
    lecture_plots(run, "plots")


# --- 7. evaluate ---------------------------------------------------------------------------------
def evaluate_step(key: str) -> None:
    # The sentence quotes the cell above it as written (it left out its verbose=0).
    cell = lecture.EVALUATE_CODE
    step("lecture.evaluate_title", cell, "lecture.evaluate_what", cell=cell)
    shown = plotted_run(key)  # the run whose curves step 6 drew
    lecture_and_here(
        f"[…, {LECTURE_TEST_ACCURACY[key]}]",
        f"[{shown.test_loss:.4f}, {shown.test_accuracy:.4f}]" if shown else "—",
        from_data=False,  # the run's own caption below says what it trained on
    )
    if shown:
        scored = t("lecture.scored_on", test=test_count)
        st.caption(f"{run_caption(shown, store.epochs(shown.id))} {scored}")
    st.caption(t("lecture.no_lecture_loss"))
    rows, shown_ids = [], []
    for model in lecture.LECTURE_MODELS:
        finished = lecture.finished_runs(runs, model, st.session_state.get(STARTED_HERE, ()))
        # The run the page shows for the model (closest to the lecture's experiment), not the
        # best score of any recipe: beside the lecture's figure it must be the lecture's test.
        shown = finished[0] if finished else None
        shown_ids += [str(shown.id)] if shown else []
        measured = claim(model, "lecture")
        rows.append(
            {
                # What is compared first, then how the run was trained (the column a student
                # needs to read the figure), then the rest.
                t("home.col_model"): model_name(model),
                t("home.col_lecture_accuracy"): f"{LECTURE_TEST_ACCURACY[model]:.2%}",
                # Over seeds, from the committed records: what a run of the lecture's recipe
                # lands near, so a student's one run can be read against it.
                t("lecture.col_measured"): claim_range_text(measured) if measured else "—",
                t("home.col_seeds"): claim_seeds_text(measured) if measured else "—",
                t("lecture.col_shown"): f"{shown.test_accuracy:.2%}" if shown else "—",
                t("lecture.col_shown_how"): (
                    how_trained(shown, len(store.epochs(shown.id))) if shown else "—"
                ),
                t("lecture.col_shown_run"): f"#{shown.id}" if shown else "—",
                t("lecture.col_shown_loss"): f"{shown.test_loss:.4f}" if shown else "—",
                t("lecture.col_runs"): len(finished),
            }
        )
    # A plain table: its three rows wrap to the page's width. As a scrolling grid, the columns
    # after "Test accuracy here" hid behind a sideways scroll in a laptop's window.
    st.table(pd.DataFrame(rows), hide_index=True)
    measured_note = t("lecture.measured_note", column=t("lecture.col_measured"))
    st.caption(f"{measured_note} {t('lecture.shown_run_rule')}")
    # The runs of this table, compared (Compare reads them from its address).
    st.page_link(
        "app_pages/compare.py",
        label=t("lecture.to_compare"),
        icon=":material/compare_arrows:",
        query_params={"runs": shown_ids} if shown_ids else None,
    )


# --- 8. pooling and dropout; 9. the deeper model -------------------------------------------------
def overfitting_side_by_side() -> None:
    """lecture-1's and lecture-2's loss curves side by side, when both have a finished run."""
    plain, pooled = plotted_run("lecture-1"), plotted_run("lecture-2")
    if plain is None or pooled is None:
        st.info(t("lecture.side_by_side_missing"), icon="⏳")
        return
    st.markdown(t("lecture.side_by_side"))
    epochs = {run.id: store.epochs(run.id) for run in (plain, pooled)}
    # Curves trained differently differ for that too: said, so the gap is not read as pooling's.
    differ = lecture.training_differences(
        plain, pooled, (len(epochs[plain.id]), len(epochs[pooled.id]))
    )
    if differ:
        st.warning(
            t(
                "lecture.side_by_side_unfair",
                left=sweep_views.values_in_prose({name: pair[0] for name, pair in differ.items()}),
                right=sweep_views.values_in_prose({name: pair[1] for name, pair in differ.items()}),
            ),
            icon="⚖️",
        )
    # One loss scale for both, so the gap between the curves can be compared by eye.
    losses = [v for run in epochs.values() for e in run for v in (e.loss, e.val_loss) if v]
    y_range = [0.0, 1.05 * max(losses)] if losses else None
    for run, column in zip((plain, pooled), st.columns(2), strict=True):
        with column:
            st.plotly_chart(
                charts.lecture_curves(epochs[run.id], "loss", y_range),
                config=charts.toolbar(),
                key=f"lecture_side_{run.id}",
            )
            st.caption(run_caption(run, epochs[run.id]))


def deeper_curves() -> None:
    run = plotted_run("lecture-3")
    if run is None:
        st.info(t("lecture.no_run", name=model_name("lecture-3")), icon="⏳")
        return
    lecture_plots(run, "deeper")


contents()
load_step()
reshape_step()
grid_step()
model_step("lecture-1", "lecture.model1_title", "lecture.model1_what")
chosen = fit_step()
plots_step(chosen)
evaluate_step(chosen)
model_step(
    "lecture-2",
    "lecture.model2_title",
    "lecture.model2_what",
    plain_flat=flattened("lecture-1"),
    pooled_flat=flattened("lecture-2"),
    plain_dense=first_dense_params("lecture-1"),
    pooled_dense=first_dense_params("lecture-2"),
)
overfitting_side_by_side()
model_step(
    "lecture-3",
    "lecture.model3_title",
    "lecture.model3_what",
    params=architectures.summarise(architectures.preset("lecture-3")).total_params,
    accuracy=LECTURE_TEST_ACCURACY["lecture-3"],
)
deeper_curves()
