"""Compare: runs side by side — curves, test scores, what differs, where each one goes wrong."""

import math
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import streamlit as st

from fmnist_core import comparison, data, evaluation, sweeps
from fmnist_core.store import Epoch, Run, RunStore, StoreError, Sweep
from ui import address, charts, run_settings, run_views, sweep_views
from ui.common import (
    ON_A_PHONE,
    class_name_list,
    end_page,
    flash_and_rerun,
    load_dataset_or_stop,
    open_store,
    page_header,
    run_colours,
    run_device_text,
    show_flash,
    stop_without_runs,
)
from ui.i18n import t

ANY = -1  # "any class" in the mistakes filter: an int like the classes, so it survives a switch
# of language (see ui.common.language_picker)
# The mistakes flow in rows as wide as the window allows: eight on a laptop, three on a phone
# (columns stacked them there, one image a row, a page 11,000 pixels long).
MISTAKES_SHOWN, MISTAKE_WIDTH = 24, 112
NAME_WIDTH_MIN, NAME_WIDTH_MAX = 200, 400  # the runs table's name column, in pixels
DIFFERENCES_NAMED = 5  # the settings the curves' note names; the rest are in "What differs"


PERCENT_COLUMNS = ("test_accuracy", "best_val_accuracy", "final_val_accuracy")


_LINKED = "_compare_linked"  # the runs the last link named, the table's first selection
_TICKED = "_compare_ticked"  # by table (view): the runs last ticked there


TABLE_KEY = "compare_table"  # the runs table's; a sweep's view has its own (see table_key)


TABLE_ROOM = "compare_runs_table"  # the container giving the runs table room for its toolbar


def table_key(sweep: Sweep | None) -> str:
    """The runs table's widget key in a view: every run's, or a sweep's. One table for all views
    kept its ticks by row: the newest three of every run stood ticked as the sweep's newest three
    while the sweep's best three were compared."""
    return TABLE_KEY if sweep is None else f"{TABLE_KEY}_sweep_{sweep.id}"


def forget_ticks() -> None:
    """Drop every view's table, and the runs a link named (a sweep chosen, runs deleted, another
    link followed): the next draw ticks the runs last ticked in that view, by number, or its
    usual runs. A table's ticks were kept by row, which then named other runs."""
    for key in [key for key in st.session_state if str(key).startswith(TABLE_KEY)]:
        del st.session_state[key]
    st.session_state.pop(_LINKED, None)


def linked_runs(run_ids: list[int]) -> list[int] | None:
    """The runs a link compares (``?runs=3&runs=5``), read on the page's first draw and kept for
    the browser session; None when the address names none (or names them unusably, which the
    page then says)."""
    first = address.first_visit("compare")
    in_address = st.query_params.get_all("runs")
    # A link followed later in the session (the Lecture page's) names other runs than the page
    # last wrote: they replace the selection, as on a first visit.
    followed = address.link_followed("compare", ["runs"])
    if first or followed:
        numbers = {text: _run_number(text) for text in in_address}
        # The runs it names well are compared; the rest are said (runs=1&runs=abc is run 1).
        wanted = list(dict.fromkeys(n for n in numbers.values() if n is not None)) or None
        if followed and not first:
            forget_ticks()
        st.session_state[_LINKED] = wanted
        unusable = [text for text, number in numbers.items() if number is None]
        if unusable:
            said = f"runs={', '.join(unusable)} ({t('compare.takes_runs')})"
            # The runs it names well are compared: left out, not "as they usually do".
            key = "address.unusable" if wanted is None else "address.left_out"
            st.info(t(key, params=said), icon="🔗")
        missing = [f"#{run_id}" for run_id in wanted or () if run_id not in run_ids]
        if missing:
            st.info(t("compare.link_missing", runs=", ".join(missing)), icon="🔗")
    return st.session_state.get(_LINKED)


_run_number = address.whole_number(1, 2**63 - 1)


def pick_runs(
    runs: list[Run],
    table: pd.DataFrame,
    epochs_by_run: dict[int, list[Epoch]],
    linked: list[int] | None,
    names: Mapping[int, str],
    key: str = TABLE_KEY,
) -> tuple[list[Run], int]:
    """The runs table, filtered by status, architecture and tag, sorted by clicking a header;
    the rows the user selects (at first the ``linked`` runs, else the first three with epochs)
    are the compared runs. Returns them and how many runs the filters leave in the table.
    ``names`` (by run number) are the names the name column shows; ``key`` is the table's
    (``table_key``)."""
    ticked = st.session_state.setdefault(_TICKED, {})
    status_col, arch_col, tag_col = st.columns(3)
    statuses = status_col.multiselect(
        t("compare.status"),
        sorted(table["status"].unique()),
        format_func=lambda s: t(f"status.{s}"),
        placeholder=t("compare.any_status"),
        select_all=False,  # none chosen is all; Enter adds the one typed, not every match
        key="compare_status",
    )
    archs = arch_col.multiselect(
        t("compare.architecture"),
        sorted(table["architecture"].unique()),
        placeholder=t("compare.any_architecture"),
        select_all=False,
        key="compare_arch",
    )
    tag = tag_col.text_input(t("compare.tag"), key="compare_tag").strip().lower()
    shown = table
    if statuses:
        shown = shown[shown["status"].isin(statuses)]
    if archs:
        shown = shown[shown["architecture"].isin(archs)]
    if tag:
        shown = shown[shown["tags"].str.lower().str.contains(tag, regex=False)]
    # Status and device in the user's language; the filter above and the CSV export keep the
    # stored ones.
    shown = shown.assign(
        status=shown["status"].map(lambda s: t(f"status.{s}")),
        device=shown["device"].map(run_device_text),
        limit_train=shown["limit_train"].map(
            lambda count: t("sweep.all_images") if pd.isna(count) else f"{int(count):,}"
        ),
        # As the Train page's form names it ("Adam", "AdamW"), not the config's "adam".
        optimizer=shown["optimizer"].map(
            lambda name: name if pd.isna(name) else sweep_views.value_label("optimizer", name)
        ),
        # Accuracies in percent with two decimals each (Streamlit's "percent" drops the zeros:
        # 48% beside 80.13%).
        **{column: shown[column] * 100 for column in PERCENT_COLUMNS},
    )
    shown = shown.assign(name=shown["id"].map(names))
    # The columns a comparison reads; the CSV export has every setting besides.
    shown = shown.drop(columns=list(comparison.CSV_ONLY_SETTINGS)).reset_index(drop=True)
    # The status beside the run's name, in view on any screen: it says why a score is a dash.
    beside_name = list(shown.columns).index("name") + 1
    shown.insert(beside_name, "status", shown.pop("status"))

    with_epochs = [i for i, run_id in enumerate(shown["id"]) if epochs_by_run.get(run_id)]
    # At first the newest three; in a sweep's view its best three, so the winner it names above
    # has its curves below.
    by_id = {run.id: run for run in runs}
    if len({by_id[run_id].sweep_id for run_id in shown["id"]} - {None}) == 1 and all(
        by_id[run_id].sweep_id is not None for run_id in shown["id"]
    ):
        # Best first as the sweep names its best: on validation accuracy, not the test's.
        score = {
            i: sweeps.held_out_accuracy(by_id[shown["id"][i]], epochs_by_run[shown["id"][i]])
            for i in with_epochs
        }
        with_epochs.sort(key=lambda i: -1.0 if score[i] is None else -score[i])
    # The ticks a link named; else those the user left in this view's table (Streamlit drops a
    # table's ticks while another view's is shown, and coming back ticked the usual three);
    # else the usual three.
    ticked_before = linked if linked is not None else ticked.get(key)
    first = with_epochs[:3]
    if ticked_before is not None:
        first = [i for i, run_id in enumerate(shown["id"]) if run_id in ticked_before]
    # Room above the table for the toolbar Streamlit shows over its top edge when it is touched
    # or hovered: 44 px tall, it covered the tag filter's box right above (review 105).
    st.html(f"<style>.st-key-{TABLE_ROOM} {{margin-top: 1.75rem;}}</style>")
    selection = st.container(key=TABLE_ROOM).dataframe(
        shown,
        hide_index=True,
        on_select="rerun",
        selection_mode="multi-row",
        selection_default={"selection": {"rows": first}},
        key=key,
        placeholder="—",  # a stopped or failed run has no test score: a dash, not "None"
        column_config={
            # The run's number stays in view while the settings scroll by. Its name is not
            # pinned: Streamlit pins nothing once the pinned columns pass 60% of the table's
            # width, which the name alone did on a phone, where the number then scrolled away.
            "id": st.column_config.NumberColumn("#", width=40, pinned=True),
            "name": st.column_config.TextColumn(
                t("compare.col_name"), width=name_width(shown["name"])
            ),
            "architecture": t("compare.architecture"),
            "params": st.column_config.NumberColumn(t("arch.total"), format="localized"),
            "epochs": t("train.epochs"),
            "batch_size": t("train.batch"),
            "limit_train": t("compare.images"),
            "optimizer": t("train.optimizer"),
            "learning_rate": st.column_config.NumberColumn(t("train.lr"), format="%g"),
            # 2.25 for a run stopped a quarter into its third epoch.
            "epochs_run": st.column_config.NumberColumn(t("compare.epochs_run"), format="%g"),
            "best_val_accuracy": st.column_config.NumberColumn(
                t("compare.best_val"), format="%.2f%%"
            ),
            "final_val_accuracy": st.column_config.NumberColumn(
                t("compare.final_val"), format="%.2f%%"
            ),
            "test_accuracy": st.column_config.NumberColumn(
                t("train.test_accuracy"), format="%.2f%%"
            ),
            "test_loss": st.column_config.NumberColumn(t("train.test_loss"), format="%.4f"),
            "train_seconds": st.column_config.NumberColumn(
                t("compare.train_time"),
                format=t("compare.seconds_format"),
                help=t("compare.train_time_help"),
            ),
            "device": t("train.device"),
            "status": t("train.status"),
            "tags": t("compare.tags"),
            "notes": st.column_config.TextColumn(t("compare.notes"), width="medium"),
            "created": st.column_config.DatetimeColumn(t("compare.created")),
        },
    )
    # A phone shows a few of the table's columns and no scroll bar until the table is
    # touched: the scores further right looked missing. Said there only.
    st.html(
        "<style>.st-key-compare_table_hint {display: none;}"
        f" {ON_A_PHONE} {{.st-key-compare_table_hint {{display: flex;}}}}</style>"
    )
    with st.container(key="compare_table_hint"):
        st.caption(t("compare.table_scroll"))
    picked_rows = selection.selection.rows if selection else []
    picked = [by_id[int(shown.loc[row, "id"])] for row in picked_rows if row < len(shown)]
    # The choice in the address, so a refresh or a link a teacher sends compares the same runs:
    # the usual choice too, which a plain address would turn into other runs once newer ones
    # are trained.
    written = [str(run_id) for run_id in sorted(run.id for run in picked)] or None
    ticked[key] = [run.id for run in picked]
    address.keep({"runs": written}, page="compare")
    return picked, len(shown)


def name_width(names: pd.Series) -> int:
    """The name column's width in pixels: the longest name whole, up to half a laptop's table (a
    sweep's run names, "rates x batches · learning_rate=0.001, batch_size=64", were cut at 200)."""
    # Hangul and other wide letters take about twice a Latin letter's room.
    longest = max((sum(2 if ord(c) > 0x2E80 else 1 for c in str(n)) for n in names), default=0)
    return min(max(NAME_WIDTH_MIN, 7 * longest + 24), NAME_WIDTH_MAX)


def download_buttons(
    table: pd.DataFrame, selected: list[Run], epochs_by_run: dict[int, list[Epoch]]
) -> None:
    """The whole runs table, and the selected runs' epoch histories, as CSV files."""
    # A row that wraps: in half a tablet's width each, the Korean labels were cut short.
    buttons = st.container(horizontal=True, gap="small")
    buttons.download_button(
        t("compare.export_table"),
        table.to_csv(index=False),
        file_name="runs.csv",
        mime="text/csv",
        on_click="ignore",
        key="compare_export_table",
    )
    buttons.download_button(
        t("compare.export_histories"),
        comparison.histories_table(selected, epochs_by_run).to_csv(index=False),
        file_name="epochs-of-selected-runs.csv",
        mime="text/csv",
        on_click="ignore",
        disabled=not selected,
        key="compare_export_histories",
    )


def curves_tab(epochs_by_label: dict[str, list[Epoch]], differ_in: list[str]) -> None:
    """Loss and accuracy of every compared run against epochs or training time, then the signs
    of overfitting per run. ``differ_in``: the settings in which the runs differ, said first."""
    if differ_in:
        # Curves of 1 epoch on 600 images beside 4 on 6,000 read as one network learning worse.
        shown = ", ".join(differ_in[:DIFFERENCES_NAMED]) + (
            ", …" if len(differ_in) > DIFFERENCES_NAMED else ""
        )
        st.caption(t("compare.curves_differ", settings=shown, tab=t("compare.tab_diff")))
    x_axis = st.segmented_control(
        t("compare.x_axis"),
        ["epoch", "time"],
        default="epoch",
        required=True,
        format_func=lambda m: t(f"compare.x_{m}"),
        key="compare_x",
    )
    for metric in ("loss", "accuracy"):
        st.plotly_chart(
            charts.training_curves(epochs_by_label, metric, x_axis=x_axis, colours=colours),
            config=charts.toolbar(),
            key=f"compare_{metric}",
        )
    st.markdown(f"**{t('compare.overfitting')}**")

    # Epochs as 2, or 1.35 where Stop cut the last one short; a dash where there is no figure.
    def epochs_figure(value: float | None) -> str:
        return "—" if value is None else f"{value:g}"

    # Which epoch: 2, or "3 (stopped at 42%)" for position 2.42 (an epoch is counted from 1).
    def which_epoch(position: float | None) -> str:
        if position is None:
            return "—"
        whole = math.floor(position)
        if position == whole:
            return f"{whole:g}"
        return t("compare.epoch_cut_short", epoch=whole + 1, share=position - whole)

    signs = []
    for label, epochs in epochs_by_label.items():
        sign = comparison.overfitting(epochs)
        signs.append(
            {
                t("compare.col_name"): label,
                t("compare.gap"): "—"
                if sign.final_gap is None
                else t("compare.points", value=100 * sign.final_gap),
                t("compare.best_epoch"): which_epoch(sign.best_val_loss_epoch),
                t("compare.after_best"): epochs_figure(sign.epochs_after_best),
            }
        )
    # A plain table: its few rows wrap to the page's width. As a scrolling grid, the last two
    # columns hid behind a sideways scroll in a tablet's width.
    st.table(pd.DataFrame(signs), hide_index=True)
    st.caption(t("compare.overfitting_help"))


def differences_tab(selected: list[Run], labels: dict[int, str]) -> None:
    """The settings in which the compared runs differ (network and training); for one run, its
    own."""
    if len(selected) == 1:
        st.info(t("compare.diff_one", id=selected[0].id))
        run_settings.settings_table(selected[0])
        return
    diff = run_settings.differences_table(selected, labels)
    if diff.empty:
        st.info(t("compare.diff_none"))
    else:
        st.caption(t("compare.diff_only"))
        # A static table: its cells wrap, so a network's layers read whole and every run's column
        # fits the page (a dataframe cut them to one line and scrolled the third run off).
        st.table(diff)
    shared = run_settings.shared_table(selected)
    if not shared.empty:
        with st.expander(t("compare.diff_shared", count=len(shared))):
            st.table(shared)


def with_test_results(draw: Callable[[dict, dict], None], scored: dict, labels: dict) -> None:
    """``draw(scored, labels)`` for the runs that have test results (by run id), or say that
    none of the selected runs has any."""
    if scored:
        draw(scored, labels)
    elif any(run.active for run in selected):
        st.info(t("compare.no_scores"))  # a run still training will have them
    else:
        st.info(t("compare.no_scores_ever"))


def scores_tab(scored: dict[int, Run], labels: dict[int, str]) -> None:
    """Test accuracy and test loss of each run as bars, best first."""
    run_labels = [labels[run_id] for run_id in scored]
    # One above the other: side by side, the runs' names took half of each chart's width.
    st.plotly_chart(
        charts.score_bars(
            run_labels, [run.test_accuracy for run in scored.values()], "accuracy", colours
        ),
        config=charts.toolbar(),
        key="compare_scores_accuracy",
    )
    st.plotly_chart(
        charts.score_bars(run_labels, [run.test_loss for run in scored.values()], "loss", colours),
        config=charts.toolbar(),
        key="compare_scores_loss",
    )


# A confusion matrix's width: its ten class names and 100 cell counts stay readable. Side by side
# as many as fit, the rest on the next rows (three columns gave 230 pixels each on a small window).
CONFUSION_WIDTH = 390


def confusion_tab(results: dict[int, dict], labels: dict[int, str]) -> None:
    """Each run's confusion matrix, as many in a row as the window has room for."""
    normalised = st.toggle(t("chart.normalise"), key="compare_normalise")
    with st.container(horizontal=True, gap="medium"):
        for run_id, found in results.items():
            st.plotly_chart(
                charts.confusion_heatmap(
                    found["confusion"], title=labels[run_id], normalised=normalised
                ),
                width=CONFUSION_WIDTH,
                config=charts.toolbar(),
                key=f"compare_confusion_{run_id}",
            )


def per_class_tab(results: dict[int, dict], labels: dict[int, str]) -> None:
    """Each run's test accuracy per class, grouped by class."""
    accuracies = {
        labels[run_id]: evaluation.per_class_accuracy(found["confusion"]).tolist()
        for run_id, found in results.items()
    }
    st.markdown(f"**{t('compare.per_class')}**")
    st.plotly_chart(
        charts.per_class_bars(accuracies, colours),
        config=charts.toolbar(),
        key="compare_per_class",
    )


def mistakes_tab(results: dict[int, dict], labels: dict[int, str]) -> None:
    """Misclassified test images of one run, filtered by true and predicted class."""
    dataset = load_dataset_or_stop()
    names = class_name_list()
    run_col, true_col, predicted_col = st.columns(3)
    run_id = run_col.selectbox(
        t("compare.mistakes_run"), list(results), format_func=labels.get, key="compare_mistakes_run"
    )
    any_class = [ANY, *range(data.NUM_CLASSES)]

    def class_label(c):
        return t("compare.any_class") if c == ANY else names[c]

    true_class = true_col.selectbox(
        t("chart.true"), any_class, format_func=class_label, key="compare_true"
    )
    predicted_class = predicted_col.selectbox(
        t("chart.predicted"), any_class, format_func=class_label, key="compare_predicted"
    )
    found = results[run_id]
    if not np.array_equal(found["true_labels"], dataset.test_labels):
        st.warning(t("compare.other_test_set"))
        return
    wrong = evaluation.misclassified(
        found["true_labels"],
        found["predicted_labels"],
        None if true_class == ANY else true_class,
        None if predicted_class == ANY else predicted_class,
    )
    st.caption(t("compare.mistakes_count", count=len(wrong)))
    confidence = found["probabilities"].max(axis=1)
    with st.container(horizontal=True, gap="small"):
        for index in wrong[:MISTAKES_SHOWN]:
            st.image(
                data.enlarge(dataset.test_images[index], 4),
                width=MISTAKE_WIDTH,
                caption=t(
                    "compare.mistake",
                    index=int(index),
                    true=names[found["true_labels"][index]],
                    predicted=names[found["predicted_labels"][index]],
                    confidence=float(confidence[index]),
                ),
            )


def manage_runs(store: RunStore, selected: list[Run], labels: dict[int, str]) -> None:
    """Download, rename, annotate, tag or delete one of the selected runs."""
    with st.expander(t("compare.manage"), icon=":material/edit:"):
        managed = st.selectbox(
            t("compare.manage_run"),
            [r.id for r in selected],
            format_func=labels.get,
            key="compare_manage_run",
        )
        run = next(r for r in selected if r.id == managed)
        run_views.model_download(run, store.model_path(managed), key=f"manage_model_{managed}")
        run_views.script_download(run, key=f"manage_script_{managed}")
        new_name = st.text_input(t("compare.rename"), value=run.name, key=f"manage_name_{managed}")
        notes = st.text_area(t("compare.notes"), value=run.notes, key=f"manage_notes_{managed}")
        tags = st.text_input(
            t("compare.tags"),
            value=run.tags,
            key=f"manage_tags_{managed}",
            help=t("compare.tags_help"),
        )
        if st.button(t("compare.save_info"), key="compare_save_info"):
            try:
                store.update_run_info(managed, name=new_name, notes=notes, tags=tags)
            except StoreError as error:
                st.error(str(error))
            else:
                flash_and_rerun(t("compare.info_saved", name=new_name))
        if run.active:  # the store refuses it: say what to do instead of offering it
            st.caption(t("compare.delete_active", name=labels[managed]))
        else:
            delete_one(store, managed, labels)
        delete_selected(store, selected, labels)


def delete_one(store: RunStore, managed: int, labels: dict[int, str]) -> None:
    """Delete the run being managed, after a confirmation that names it."""
    confirm = st.checkbox(
        t("compare.delete_confirm", name=labels[managed]), key=f"manage_delete_ok_{managed}"
    )
    if st.button(t("compare.delete"), disabled=not confirm, key="compare_delete"):
        try:
            store.delete_run(managed)
        except StoreError:  # it started meanwhile (Train again on another tab)
            st.error(t("compare.delete_active", name=labels[managed]))
        else:
            forget_ticks()
            flash_and_rerun(t("compare.deleted", name=labels[managed]))


def delete_selected(store: RunStore, selected: list[Run], labels: dict[int, str]) -> None:
    """Delete every selected run that has ended at once: a class's tries, or a sweep, cleared in
    one go instead of run by run. Runs still training are left, and said."""
    ended = sorted((run for run in selected if not run.active), key=lambda run: run.id)
    if len(ended) < 2:
        return
    st.divider()
    active = [labels[run.id] for run in selected if run.active]
    if active:
        st.caption(t("compare.delete_all_active", runs=", ".join(active)))
    names = ", ".join(labels[run.id] for run in ended)
    # Keyed by the runs it names: a changed selection asks again.
    ids = "-".join(str(run.id) for run in ended)
    confirm = st.checkbox(
        t("compare.delete_all_confirm", count=len(ended), runs=names),
        key=f"manage_delete_all_ok_{ids}",
    )
    pressed = st.button(
        t("compare.delete_all", count=len(ended)), disabled=not confirm, key="compare_delete_all"
    )
    if not pressed:
        return
    deleted, kept = [], []
    for run in ended:
        try:
            store.delete_run(run.id)
        except StoreError:  # it started again meanwhile (Train again on another tab)
            kept.append(labels[run.id])
        else:
            deleted.append(labels[run.id])
    forget_ticks()
    if kept:
        st.error(t("compare.delete_all_failed", runs=", ".join(kept)))
        return
    flash_and_rerun(t("compare.deleted_all", count=len(deleted), runs=", ".join(deleted)))


page_header("nav.compare", "compare.purpose")
show_flash()
store = open_store()
store.mark_interrupted()
runs = store.list_runs()
if not runs:
    stop_without_runs("compare.empty", "📭")

linked = linked_runs([run.id for run in runs])
# A sweep's view, and the table for its runs
runs, viewed_sweep = sweep_views.compare_filter(store, runs, on_change=forget_ticks)
epochs_by_run = store.epochs_of([run.id for run in runs])
table = comparison.runs_table(runs, epochs_by_run)
# In a sweep's view its runs go by what they varied, in the table and every chart below, as the
# sweep's results above name them (by their stored names a run had two: "#4 Batch size 8 · …"
# above, "#4 cliq · batch_size=8, …" below).
names = {
    run.id: sweep_views.values_label(run.sweep_values or {}) if viewed_sweep else run.name
    for run in runs
}
selected, listed = pick_runs(runs, table, epochs_by_run, linked, names, key=table_key(viewed_sweep))
download_buttons(table, selected, epochs_by_run)
if not listed:
    st.info(t("compare.no_match"), icon="🔎")
    end_page()
if not selected:
    st.info(t("compare.pick"), icon="☝️")
    end_page()

labels = {run.id: f"#{run.id} {names[run.id]}" for run in selected}
# One colour per run on every tab: counted among the runs with scores only, a run's bars took
# the colour of another's curves when a run before it had none.
colours = {labels[run_id]: colour for run_id, colour in run_colours(labels).items()}


def named(runs: list[Run]) -> str:
    return ", ".join(f"{labels[r.id]} ({t(f'status.{r.status}')})" for r in runs)


# Runs without a test score have curves to show, unless they never trained an epoch (a
# cancelled run): each kind is said for what it is.
untrained = [run for run in selected if not epochs_by_run.get(run.id)]
without_results = [run for run in selected if run.test_accuracy is None and run not in untrained]
if without_results:
    one = len(without_results) == 1
    said = t("compare.no_results_one" if one else "compare.no_results", runs=named(without_results))
    st.caption(said)
if untrained:
    st.caption(t("compare.no_epochs", runs=named(untrained)))
scored = {run.id: run for run in selected if run.test_accuracy is not None}
results = {
    run_id: evaluation.load_test_results(store.run_dir(run_id, create=False)) for run_id in scored
}
results = {run_id: found for run_id, found in results.items() if found is not None}

# The open tab is kept by a name of its own (?tab=confusion), not by its label: a switch of
# language, a reload or a link sent to the class opens the same tab. The tabs' default stays
# the first: a default that followed the open tab made each change a new widget, which dropped
# the next click. The open tab is set through the state instead, once per language.
TABS = ("curves", "scores", "diff", "confusion", "classes", "mistakes")
OPEN_TAB = "compare_open_tab"  # the open tab's name, kept across languages
tab_labels = {name: t(f"compare.tab_{name}") for name in TABS}
if address.first_visit("compare_tab"):
    wanted = st.query_params.get("tab")
    st.session_state[OPEN_TAB] = wanted if wanted in TABS else TABS[0]
if st.session_state.get("compare_tab") not in tab_labels.values():  # new here, or a new language
    st.session_state["compare_tab"] = tab_labels[st.session_state.get(OPEN_TAB, TABS[0])]
curves, scores, differences, confusion, classes, mistakes = st.tabs(
    list(tab_labels.values()),
    key="compare_tab",
    on_change="rerun",  # so the page knows which tab is open, and the address follows it
)
shown = st.session_state["compare_tab"]
st.session_state[OPEN_TAB] = next(name for name, label in tab_labels.items() if label == shown)
opened = st.session_state[OPEN_TAB]
address.keep({"tab": None if opened == TABS[0] else opened})
with curves:
    drawn = [run for run in selected if run not in untrained]
    if drawn:
        differ_in = run_settings.differences_table(drawn, labels).index if len(drawn) > 1 else []
        curves_tab({labels[run.id]: epochs_by_run[run.id] for run in drawn}, list(differ_in))
    else:
        st.info(t("compare.nothing_trained"), icon="📉")
with scores:
    with_test_results(scores_tab, scored, labels)
with differences:
    differences_tab(selected, labels)
with confusion:
    with_test_results(confusion_tab, results, labels)
with classes:
    with_test_results(per_class_tab, results, labels)
with mistakes:
    with_test_results(mistakes_tab, results, labels)
manage_runs(store, selected, labels)
