"""How a run is shown: picker, status line, growing curves, test results. Shared by pages."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from fmnist_core import device, evaluation, export_script, inference
from fmnist_core.progress import Progress
from fmnist_core.store import Epoch, Run, exported_model_name
from ui import address, charts
from ui.common import metric_row, run_device_text, run_error_says_what_to_do, run_error_text
from ui.i18n import duration_text, input_text, t

STATUS_ICONS = {
    "queued": "⏳",
    "running": "🏃",
    "finished": "✅",
    "stopped": "⏹️",
    "failed": "❌",
    "interrupted": "⚠️",
    "cancelled": "🚫",
}


def run_label(run: Run) -> str:
    """``#12 lecture-2 pool+dropout · running``, in the user's language."""
    return f"#{run.id} {run.name} · {STATUS_ICONS.get(run.status, '')} {t(f'status.{run.status}')}"


def link_missing_text(linked: str, shown: int) -> str:
    """Why ``?run=`` (``linked``) is not the run shown (``shown``): the studio does not have
    that run, or, for no run number at all (``abc``), the address part is unusable, not a run
    deleted."""
    if linked.isascii() and linked.isdigit():
        return t("run.link_missing", linked=linked, shown=shown)
    said = f"run={linked} ({t('run.takes_run')})"
    return t("address.unusable", params=said) + " " + t("run.shown_instead", shown=shown)


def pick_run(runs: list[Run], label: str, key: str) -> int:
    """A run picker that follows ``?run=ID`` in the address, so a refresh reattaches to it.

    Without one it shows the running run, else the next queued, else the newest.
    """
    ids = [run.id for run in runs]
    address.settle("run")  # the run just queued, whatever address a refresh sent back
    linked = st.query_params.get("run")
    wanted = address.read("run", address.whole_number(1, max(ids)))
    found = wanted in ids
    if not found:
        by_status = {run.status: run.id for run in reversed(runs)}
        wanted = by_status.get("running") or by_status.get("queued") or ids[0]
    # Drawn on every run (filled or not), so that a notice gone on the next run shifts nothing.
    missing_slot = st.empty()
    if linked is not None and not found:
        # A link to a deleted run (or another studio's) must not pass another run off as it.
        missing_slot.info(link_missing_text(linked, wanted), icon="🔗")
    # The labels carry each run's status; a keyed selectbox keeps showing its old label when
    # only the labels change, so the key follows the statuses (the address keeps the choice).
    statuses = zlib.crc32(repr([(run.id, run.status) for run in runs]).encode())
    widget_key = f"{key}_{statuses}"
    address.hold(widget_key, wanted)
    labels = {run.id: run_label(run) for run in runs}
    chosen = st.selectbox(
        label,
        ids,
        index=ids.index(wanted),
        format_func=labels.get,
        key=widget_key,
        on_change=address.follow,
        args=("run", widget_key),
    )
    st.query_params["run"] = str(chosen)
    return chosen


def status_line(run: Run, state: Progress, epochs: list[Epoch] = ()) -> None:
    """Status, device, elapsed time and ETA as four metrics, and what the status means."""
    row = metric_row()
    row.metric(
        t("train.status"),
        f"{STATUS_ICONS.get(run.status, '')} {t(f'status.{run.status}')}",
        width="content",
    )
    kind = "—" if not run.device else ("GPU" if run.device.startswith("GPU") else "CPU")
    found = device.Device.from_description(run.device) if run.device else None
    if found is not None and found.node:  # trained on a Ray cluster: which machine, at a glance
        kind = t("train.device_on_node", kind=kind, node=found.node)
    row.metric(t("train.device"), kind, help=run_device_text(run.device), width="content")
    row.metric(
        t("train.elapsed"),
        duration_text(state.elapsed if run.started else None),
        help=t("train.elapsed_help"),
        width="content",
    )
    if run.active and run.stop_requested:
        # The worker ends the batch, scores the validation split and saves: no estimate holds.
        eta = t("train.eta_stopping")
    elif run.active and state.fraction >= 1:
        # Every epoch trained: the worker scores the test set and saves ("0 s" said nothing).
        eta = t("train.eta_testing")
    elif run.active and state.remaining is not None:
        eta = duration_text(max(state.remaining, 1.0))  # a last batch is never "0 s" away
    else:
        eta = "—"
    row.metric(t("train.eta"), eta, width="content")
    if run.status == "failed":
        # A cluster problem already says what to do; any other cause gets the general advice.
        advice = "train.failed_said" if run_error_says_what_to_do(run.error) else "train.failed"
        st.error(t(advice, error=run_error_text(run.error).rstrip(".")), icon="❌")
    elif run.status == "interrupted":
        last = epochs[-1] if epochs else None
        planned = run.config.get("epochs")
        if last is not None and last.fraction is None and last.epoch == planned:
            # Every epoch trained: what was lost is the test score and the model, not training.
            st.warning(t("train.interrupted_after_training", planned=planned), icon="⚠️")
        else:
            st.warning(t("train.interrupted"), icon="⚠️")
    elif run.status == "stopped":
        last = epochs[-1] if epochs else None
        note = t("train.stopped_note", during=stopped_during(run, epochs))
        if last is not None and last.fraction is not None:
            note += " " + t("train.stopped_part", epoch=last.epoch)
            if last.val_accuracy is not None:  # Keras scores validation after a cut-short epoch
                note += " " + t("train.stopped_part_validation")
        st.info(note, icon="⏹️")
    elif run.status == "finished" and run.stop_requested:
        # Stop came while the run was past its last batch (scoring or saving): it finished.
        st.info(t("train.stop_too_late"), icon="✅")


def stopped_during(run: Run, epochs: Sequence[Epoch]) -> str:
    """How far a stopped run trained, spaced to go into the "Stopped by request" note: " during
    epoch 3, after 42% of its batches", " after 2 of its 5 epochs", or "" (no epoch recorded).
    ``.strip()`` it to say it elsewhere (the Draw page's model caption)."""
    last = epochs[-1] if epochs else None
    if last is None:
        return ""
    if last.fraction is not None:
        return t("train.stopped_mid_epoch", epoch=last.epoch, share=f"{last.fraction:.0%}")
    planned = run.config.get("epochs", last.epoch)  # between epochs: of how many planned
    return t("train.stopped_after_epochs", done=last.epoch, planned=planned)


def curves(run: Run, epochs: list) -> None:
    """Loss and accuracy per epoch, side by side, growing as epochs arrive."""
    if not epochs:
        if run.active:
            st.caption(t("train.no_epochs"))
        else:  # it will not grow any: say why there is nothing
            ended = (
                "train.no_epochs_cancelled"
                if run.status == "cancelled"
                else "train.no_epochs_ended"
            )
            st.caption(t(ended))
        return
    for metric, column in zip(("loss", "accuracy"), st.columns(2), strict=True):
        column.plotly_chart(
            charts.training_curves(epochs, metric, planned_epochs=run.epochs_planned),
            config=charts.toolbar(),
            key=f"{metric}_{run.id}_{len(epochs)}",
        )


def model_download(run: Run, path: Path, key: str) -> None:
    """A "Download model (.keras)" button for a run whose model exists; nothing otherwise, and a
    line saying so for a model file that is damaged (a button would hand out a useless file).

    The file is read only when the button is pressed (a lecture-3 model is about 60 MB); telling
    a damaged one reads only the archive's last few kilobytes.
    """
    if not path.is_file():
        return
    damaged = inference.damaged_model(path)
    if damaged is not None:
        st.caption(input_text(damaged))
        return
    st.download_button(
        t("run.download_model"),
        data=path.read_bytes,
        file_name=exported_model_name(run.id),
        mime="application/octet-stream",
        icon=":material/download:",
        on_click="ignore",
        key=key,
        help=t("run.download_model_help", file=exported_model_name(run.id)),
    )


def script_download(run: Run, key: str) -> None:
    """A "Python script (.py)" button: the run as a standalone Keras script that trains the same
    network with the same recipe (``export_script``); nothing for a run it cannot be written for.

    The script is written only when the button is pressed (writing it loads Keras).
    """
    if export_script.export_problem(run):
        return
    st.download_button(
        t("run.download_script"),
        data=lambda: export_script.run_script(run),
        file_name=export_script.script_name(run.id),
        mime="text/x-python",
        icon=":material/code:",
        on_click="ignore",
        key=key,
        help=t("run.download_script_help", file=export_script.script_name(run.id)),
    )


def test_results(run: Run, folder: Path) -> None:
    """Test accuracy and loss, the confusion matrix, and the way to the Compare page."""
    row = metric_row()
    row.metric(t("train.test_accuracy"), f"{run.test_accuracy:.2%}", width="content")
    row.metric(t("train.test_loss"), f"{run.test_loss:.4f}", width="content")
    row.page_link(  # this run ticked there, for the others to be added beside it
        "app_pages/compare.py",
        label=t("train.to_compare"),
        icon=":material/compare_arrows:",
        query_params={"runs": str(run.id)},
    )
    with row.container(width="content"):
        model_download(run, folder / "model.keras", key=f"download_model_{run.id}")
        script_download(run, key=f"download_script_{run.id}")
    results = evaluation.load_test_results(folder)
    if results is None:
        return
    normalised = st.toggle(t("chart.normalise"), key=f"normalise_{run.id}")
    st.plotly_chart(
        charts.confusion_heatmap(results["confusion"], normalised=normalised),
        config=charts.toolbar(),
        key=f"confusion_{run.id}_{normalised}",
    )
