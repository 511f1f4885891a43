"""Architecture: pick a preset or a saved network, edit it layer by layer, see every parameter."""

import pandas as pd
import streamlit as st

from fmnist_core import architectures, export_script, network_links
from fmnist_core.layer_kinds import shape_text
from fmnist_core.names import file_name
from fmnist_core.store import RunStore, StoreError, StoreUnavailable
from ui import address, charts, layer_editor, networks
from ui.common import (
    ON_A_PHONE,
    flash_and_rerun,
    go_to,
    keep_expander_state,
    metric_row,
    name_box,
    open_store,
    page_header,
    show_flash,
)
from ui.i18n import (
    count_text,
    description_text,
    formula_text,
    name_text,
    network_file_text,
    problem_text,
    size_text,
    store_text,
    t,
)

OPEN_AFTER_SAVE = "arch_open_after_save"
RENAMED = "arch_renamed"  # (old, new): a saved network renamed on the last run
DELETED = "arch_deleted"  # a saved network deleted on the last run
DIAGRAM_BLOCK_PIXELS = 45  # the network picture's room for a block and its label
PICK_FOLLOWS = "_arch_saved_pick_follows"  # the open network the saved list last picked

page_header("nav.architecture", "arch.purpose")
show_flash()
# --- choose what to edit ----------------------------------------------------------------------
try:
    store: RunStore | None = open_store()
    choices = networks.choices(store)
except StoreUnavailable as error:
    # The presets need no store: only saving and the saved networks wait for it.
    st.warning(f"{store_text(error)} {t('arch.store_away')}", icon="🗄️")
    store = None
    choices = networks.choices(None)
# The saved networks' names, read with the choices (a save, rename or delete reruns the page).
saved_names = [choice.partition(":")[2] for choice in choices if choice.startswith("saved:")]


def load_choice() -> None:
    choice = st.session_state[layer_editor.SOURCE_KEY]
    layer_editor.load(networks.spec(store, choice), origin=choice)


def load_from_address() -> None:
    """Load the network the page's address holds (after a refresh, or from a shared link)."""
    linked = networks.from_address()
    if linked is None:
        return
    origin = linked.origin if linked.origin in choices else None
    if origin:
        st.session_state[layer_editor.SOURCE_KEY] = origin
    original = networks.spec(store, origin) if origin else None
    layer_editor.load(linked.spec, origin=origin, original=original)


# A saved network renamed or deleted on the last run: the editor showing it follows.
renamed = st.session_state.pop(RENAMED, None)
if renamed:
    layer_editor.follow_rename(*renamed)
deleted = st.session_state.pop(DELETED, None)
deleted_kept = bool(deleted) and layer_editor.forget_deleted(deleted)
if deleted_kept:
    st.info(t("arch.deleted_kept", name=deleted), icon="🗑️")
if (
    st.session_state.get(layer_editor.SOURCE_KEY) not in choices
    and not layer_editor.outside_the_list()
):
    st.session_state[layer_editor.SOURCE_KEY] = choices[0]
# A network saved on the last run: the list now has it, and the editor shows it as that choice.
just_saved = st.session_state.pop(OPEN_AFTER_SAVE, None)
if just_saved in choices:
    st.session_state[layer_editor.SOURCE_KEY] = just_saved
    layer_editor.load(networks.spec(store, just_saved), origin=just_saved)
# ?arch=lecture-2 names a preset or a saved network, read on the page's first draw.
networks.name_given_as_network(store)
named, unknown = networks.named_in_address(choices) if address.first_visit("arch") else (None, None)
if named:
    st.session_state[layer_editor.SOURCE_KEY] = named
    layer_editor.load(networks.spec(store, named), origin=named)
if not layer_editor.is_loaded():
    load_from_address()
# Kept for the whole session (persist_state), as every choice of the page: a visit to another
# page comes back to the same network, name and edits.
st.selectbox(
    t("arch.source"),
    choices,
    format_func=networks.label,
    key=layer_editor.SOURCE_KEY,
    on_change=load_choice,
    persist_state="session",
    placeholder=t("arch.source_outside"),  # a file's or a link's network is none of them
)
unknown_slot = st.empty()  # drawn on every run, so the widgets below never shift when it goes
if unknown:
    unknown_slot.info(t("network.name_unknown", name=unknown), icon="🔗")
if not layer_editor.is_loaded():
    load_choice()


edited = layer_editor.is_edited()
layer_editor.follow_edits(networks.edited_name(layer_editor.original_name()))
spec = layer_editor.current_spec()
summary = architectures.summarise(spec)
if edited:
    origin = layer_editor.origin()
    st.caption(
        t("arch.edited_from", name=networks.label(origin))
        if origin
        else t("arch.edited_from_file", name=layer_editor.original_name())
    )
elif layer_editor.outside_the_list():
    if not deleted_kept:  # said just above, on the run that deleted it
        st.caption(t(f"arch.from_{layer_editor.came_from()}", name=spec["name"]))
elif spec.get("description"):
    st.caption(description_text(spec))
# The address keeps what is not one of the choices as it stands (an edit, a file, a name of
# the student's own), so a refresh (or a link sent to the class) opens the same network.
# A choice as it is travels by name (?arch=lecture-2). The page's first choice keeps a plain
# address, unless the address named one of the choices already: the Lecture's "Open lecture-1" and a
# switch back to lecture-1 say which model they show, as lecture-2's and lecture-3's do.
origin = layer_editor.origin()
kept = edited or origin is None or spec["name"] != layer_editor.original_name()
named = st.query_params.get(networks.NAME_KEY)  # a name the studio lacks is dropped, said above
plain = origin == choices[0] and named not in {networks.address_name(c) for c in choices}
address.keep(
    {
        networks.ADDRESS_KEY: network_links.to_link(spec, origin) if kept else None,
        networks.NAME_KEY: None if kept or plain else networks.address_name(origin),
    }
)

with st.expander(t("arch.share"), icon=":material/share:"):
    # What the address bar holds, shown where a teacher finds it, with a copy button.
    st.code(address.link(), language=None, wrap_lines=True)
    st.caption(t("arch.share_caption"))

# --- the verdict and the totals -----------------------------------------------------------------
if summary.valid:
    totals = metric_row()
    totals.metric(t("arch.total"), f"{summary.total_params:,}", width="content")
    totals.metric(t("arch.trainable"), f"{summary.trainable_params:,}", width="content")
    totals.metric(t("arch.non_trainable"), f"{summary.non_trainable_params:,}", width="content")
    totals.metric(
        t("arch.macs"),
        count_text(summary.multiply_adds),
        help=t("arch.macs_help"),
        width="content",
    )
    totals.metric(
        t("arch.memory"),
        architectures.memory_text(summary.weight_bytes),
        width="content",
        # A student's 3,989,642 x 4 bytes is 15.96 million: the unit Keras prints is said.
        help=t(
            "arch.memory_help",
            params=f"{summary.total_params:,}",
            bytes=f"{summary.weight_bytes:,}",
        ),
    )
else:
    for problem in summary.problems:
        st.error(problem_text(problem), icon="🚫")
    fixed = architectures.fix_dense_on_image(spec)
    if fixed != spec:
        st.button(
            t("arch.fix_flatten"),
            on_click=layer_editor.apply_fix,
            args=(fixed,),
            icon=":material/auto_fix_high:",
        )

# --- summary, picture, editor ---------------------------------------------------------------------
st.subheader(t("arch.summary"))
params = t("arch.params")
table = pd.DataFrame(
    {
        # The position in a column of its own: "10. Dense" in a table cell reads as a list (and
        # a bare "#" as a heading: the cells are Markdown).
        "\\#": [r.position for r in summary.rows],
        t("arch.col_layer"): [r.layer for r in summary.rows],
        t("arch.col_shape"): [shape_text(r.output_shape) for r in summary.rows],
        t("arch.col_size"): [size_text(r) for r in summary.rows],
        t("arch.col_params"): [f"{r.params:,}" for r in summary.rows],
        t("arch.col_formula"): [formula_text(r) for r in summary.rows],
    }
)
# Every layer in view (lecture-3 has fourteen) and every formula whole (a residual block's runs
# long): a table that wraps its text, not one that scrolls or cuts it off. On a phone its six
# columns are narrow: smaller text and cells, so the worked sums stay readable there.
with st.container(key="arch_summary"):
    st.html(
        f"<style>{ON_A_PHONE} {{"
        " .st-key-arch_summary [data-testid='stTable'] :is(th, td)"
        " {font-size: 0.75rem; padding: 0.3rem 0.25rem;}}</style>"
    )
    if summary.rows:  # (a table of no rows reads "empty", which says nothing)
        st.table(table, hide_index=True)
# Shapes are followed up to the first layer with a problem: say why the table ends there.
stopped_at = min((p.position for p in summary.problems if p.position), default=None)
if stopped_at is not None and len(summary.rows) < len(spec["layers"]):
    st.info(t("arch.summary_stops", layer=stopped_at), icon=":material/construction:")
st.caption(t("arch.size_note"))
st.caption(t("arch.formula_note"))
if any(layer.get("type") == "ResidualBlock" for layer in spec["layers"]):
    st.caption(t("arch.formula_note_residual"))  # why its sums have no "+ K"
if summary.rows:
    blocks = [(t("arch.input_block"), architectures.INPUT_SHAPE, 0)] + [
        (r.layer, r.output_shape, r.params) for r in summary.rows
    ]
    # A block's label needs about 45 pixels, staggered two rows deep: on a phone, lecture-3's
    # fifteen blocks ran their labels together ("Conv2DMaxPooling2DConv2D"). The picture keeps
    # that room and scrolls sideways where the page is narrower, saying so only there (a phone
    # shows no scroll bar until touched): a container query, since the box's own width decides.
    width = DIAGRAM_BLOCK_PIXELS * len(blocks)
    with st.container(key="arch_picture_box"):
        st.html(
            "<style>.st-key-arch_picture_box {overflow-x: auto; container-type: inline-size;}"
            " .st-key-arch_picture_box"
            " [data-testid='stElementContainer']:has([data-testid='stPlotlyChart'])"
            f" {{min-width: {width}px;}}"
            " .st-key-arch_picture_hint {display: none; position: sticky; left: 0;}"
            f" @container (max-width: {width - 1}px)"
            " { .st-key-arch_picture_hint {display: flex;} }</style>"
        )
        st.plotly_chart(charts.network_diagram(blocks), config=charts.toolbar(), key="arch_picture")
        with st.container(key="arch_picture_hint"):
            st.caption(t("arch.picture_scroll", blocks=len(blocks)))

st.subheader(t("arch.layers"))
name_column, train_column = st.columns([3, 1], vertical_alignment="bottom")
# A name the rule refuses is said here, not at Start; the address and the Train page get a
# usable form of it meanwhile.
name_box(name_column, t("arch.name"), layer_editor.NAME_KEY, "arch.name_unusable")
if train_column.button(
    t("arch.train_this"),
    type="primary",
    disabled=not summary.valid,
    icon=":material/model_training:",
    key="arch_train",
):
    if not kept and origin:  # a preset or saved network as it is: the Train page's own choice
        st.session_state[networks.TRAIN_CHOICE_KEY] = origin  # (its lecture hints, figures)
        go_to("app_pages/train.py", {networks.NAME_KEY: networks.address_name(origin)})
    networks.hand_over(layer_editor.copy_of_current(), origin=layer_editor.origin())
    link = network_links.to_link(spec, layer_editor.origin())
    go_to("app_pages/train.py", {networks.ADDRESS_KEY: link})
notes = {
    row.position: f"→ {shape_text(row.output_shape)} · {row.params:,} {params}"
    for row in summary.rows
}
notes.update(
    {p.position: f"⚠️ {problem_text(p, with_layer=False)}" for p in summary.problems if p.position}
)
layer_editor.editor(notes)

# --- compare two networks' totals ---------------------------------------------------------------
st.subheader(t("arch.compare"))
EDITED = "edited:"
compare_choices = [EDITED, *choices]
edited_labels = {EDITED: t("arch.edited_label")}


def compare_label(choice: str) -> str:
    return networks.label(choice, edited_labels)


def spec_of(choice: str) -> dict:
    return networks.spec(store, choice, {EDITED: lambda: spec})


left, right = st.columns(2)
first = left.selectbox(
    t("arch.compare_first"),
    compare_choices,
    index=1,
    format_func=compare_label,
    key="arch_compare_first",
)
second = right.selectbox(
    t("arch.compare_second"),
    compare_choices,
    index=2,
    format_func=compare_label,
    key="arch_compare_second",
)
a, b = architectures.summarise(spec_of(first)), architectures.summarise(spec_of(second))
if a.valid and b.valid:
    # Fewer parameters and multiply-adds are cheaper (green when they drop); more layers are
    # neither good nor bad.
    comparisons = (
        (t("arch.total"), a.total_params, b.total_params, "{:,}".format, "inverse"),
        (t("arch.macs"), a.multiply_adds, b.multiply_adds, count_text, "inverse"),
        (t("arch.layers_count"), len(a.rows), len(b.rows), "{:,}".format, "off"),
    )
    row = metric_row()
    for label, value_a, value_b, shown, colour in comparisons:
        change = (value_b - value_a) / value_a if value_a else 0.0
        row.metric(
            label,
            f"{shown(value_a)} → {shown(value_b)}",
            delta=f"{change:+.1%}",
            delta_color=colour,
            width="content",
        )
else:
    st.info(t("arch.compare_invalid"))

# --- save, export, import -------------------------------------------------------------------------
# Kept open or folded by the page, not by the browser alone: a Save redraws the page with the
# network saved chosen, which folded the section the student was using.
MANAGE_OPEN = "arch_manage_open"
keep_expander_state(MANAGE_OPEN)
with st.expander(t("arch.manage"), icon=":material/save:", key=MANAGE_OPEN, on_change="rerun"):
    save_col, saved_col = st.columns(2)
    with save_col:
        st.session_state.setdefault(
            layer_editor.SAVE_NAME_KEY, layer_editor.save_name_for(spec["name"])
        )
        layer_editor.offer_a_free_save_name(saved_names)
        save_name = name_box(
            st,
            t("arch.save_name"),
            layer_editor.SAVE_NAME_KEY,
            "arch.save_name_unusable",
            architectures.saved_name_problem,
        )
        replace = st.checkbox(t("arch.replace"), key="arch_replace")
        # Off while the name box says why the name cannot be used: a click repeated it in red.
        # (An empty box is said on the click: "type a name".)
        unusable = bool(save_name) and architectures.saved_name_problem(save_name) is not None
        if st.button(
            t("arch.save"), disabled=not summary.valid or store is None or unusable, key="arch_save"
        ):
            refused = architectures.saved_name_problem(save_name)
            if refused:
                st.error(t("arch.name_refused", name=save_name, problem=name_text(refused)))
            elif save_name in saved_names and not replace:
                st.error(t("arch.name_taken", name=save_name))
            else:
                try:
                    saved = store.save_architecture(save_name, spec, replace=replace)
                except StoreError as error:
                    st.error(str(error))
                else:
                    st.session_state[OPEN_AFTER_SAVE] = f"saved:{saved}"
                    flash_and_rerun(t("arch.saved", name=saved))
        if not summary.valid:  # the reason beside the grey button, not only at the page's top
            st.caption(t("arch.save_off_invalid"))
        # A value out of its range makes a file the import refuses: not offered, said why.
        out_of_range = any(p.key in architectures.SETTING_PROBLEMS for p in summary.problems)
        st.download_button(
            t("arch.export"),
            architectures.to_json(spec),
            file_name=file_name(spec["name"], ".json"),
            mime="application/json",
            key="arch_export",
            on_click="ignore",
            disabled=out_of_range,
        )
        if out_of_range:  # in sight, not in a tooltip a projector or a touch screen never shows
            st.caption(t("arch.export_out_of_range"))
        st.download_button(
            t("arch.export_code"),
            export_script.network_code(spec) if summary.valid else "",
            file_name=file_name(spec["name"], ".py"),  # `python NAME.py` without quotes
            mime="text/x-python",
            key="arch_export_code",
            on_click="ignore",
            disabled=not summary.valid,
        )
        upload = st.file_uploader(t("arch.import"), type=["json"], key="arch_import")
        if upload is not None:
            try:
                imported = architectures.from_json(upload.getvalue())
            except architectures.ArchitectureError as error:
                st.error(t("arch.import_bad", error=network_file_text(error)))
            else:
                # A file with settings out of range is refused, to be fixed where it was written
                # (a value typed into the editor is flagged in place instead).
                unusable = [
                    p
                    for p in architectures.validate(imported)
                    if p.key in architectures.SETTING_PROBLEMS
                ]
                for problem in unusable:
                    st.error(t("arch.import_bad", error=problem_text(problem, in_file=True)))
                if not unusable:
                    st.button(
                        t("arch.import_load", name=imported["name"]),
                        key="arch_import_load",
                        on_click=layer_editor.load,
                        args=(imported,),
                        kwargs={"came_from": "file"},
                    )
    with saved_col:
        names = saved_names
        if store is None:
            st.caption(t("arch.saved_wait"))
        elif not names:
            st.caption(t("arch.none_saved"))
        else:
            # The network open above is the one picked here, whenever another is opened: a
            # rename or delete then means it, not the list's first.
            kind, _, open_name = (layer_editor.origin() or "").partition(":")
            if kind == "saved" and st.session_state.get(PICK_FOLLOWS) != open_name:
                st.session_state[PICK_FOLLOWS] = open_name
                if open_name in names:
                    st.session_state["arch_saved_pick"] = open_name
            chosen = st.selectbox(t("arch.saved_list"), names, key="arch_saved_pick")
            new_name = name_box(
                st,
                t("arch.rename_to"),
                "arch_rename_to",
                "arch.save_name_unusable",
                architectures.saved_name_problem,
            )
            refused = architectures.saved_name_problem(new_name)
            if st.button(t("arch.rename"), key="arch_rename", disabled=not new_name):
                if refused:
                    st.error(t("arch.name_refused", name=new_name, problem=name_text(refused)))
                elif new_name in names:
                    st.error(t("arch.name_in_use", name=new_name))
                else:
                    try:
                        renamed = store.rename_architecture(chosen, new_name)
                    except StoreError as error:
                        st.error(str(error))
                    else:
                        st.session_state[RENAMED] = (chosen, renamed)
                        flash_and_rerun(t("arch.renamed", old=chosen, new=renamed))
            confirm = st.checkbox(t("arch.delete_confirm", name=chosen), key="arch_delete_ok")
            if st.button(t("arch.delete"), key="arch_delete", disabled=not confirm):
                store.delete_architecture(chosen)
                st.session_state[DELETED] = chosen
                flash_and_rerun(t("arch.deleted", name=chosen))

# --- the network as Keras code -----------------------------------------------------------------
with st.expander(t("arch.keras_code"), icon=":material/code:"):
    if summary.valid:
        st.caption(t("arch.keras_code_caption"))
        st.code(export_script.network_code(spec), language="python")
    else:
        st.caption(t("arch.keras_code_invalid"))
