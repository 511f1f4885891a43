"""The layer-by-layer network editor: the working spec lives in session state, one row per layer.

Each layer in the editor carries a private ``_id`` so its widgets keep their keys when layers
move; ``current_spec()`` returns the spec without those ids.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Collection
from typing import Any

import streamlit as st

from fmnist_core import architectures, layer_kinds
from fmnist_core.names import MAX_NAME_LENGTH
from ui.i18n import t

LAYERS_KEY = "arch_layers"
ADD_TYPE_KEY = "arch_add_type"  # the kind of layer "Add" inserts...
ADD_POSITION_KEY = "arch_add_position"  # ...and where
SOURCE_KEY = "arch_source"  # the page's list of networks: the choice the editor shows
NAME_KEY = "arch_name"
SAVE_NAME_KEY = "arch_save_name"
DESCRIPTION_KEY = "arch_description"
ORIGIN_KEY = "arch_origin"  # the choice the editor was loaded from (None: a file or an address)
ORIGINAL_KEY = "arch_original"  # that network's name and layers, to tell an edit from it
# Where a network that is none of the list's came from: "file", "link" (the page's address) or
# "deleted" (a saved network deleted while open), for the page to say which.
OUTSIDE_KEY = "arch_outside"
_NEXT_ID_KEY = "arch_next_id"
_FOLLOWED_KEY = "arch_save_name_followed"  # the name the "Save as" box last copied
# Pixel widths in a layer's row: its name and shape, and each setting's widget.
LABEL_WIDTH = 170
SETTING_WIDTH = 105
CHOICE_WIDTH = 125  # "softmax" and its arrow


def _with_id(layer: dict[str, Any]) -> dict[str, Any]:
    st.session_state[_NEXT_ID_KEY] = st.session_state.get(_NEXT_ID_KEY, 0) + 1
    return {**architectures.complete_layer(layer), "_id": st.session_state[_NEXT_ID_KEY]}


def load(
    spec: dict[str, Any],
    origin: str | None = None,
    original: dict[str, Any] | None = None,
    came_from: str = "link",
) -> None:
    """Put ``spec`` into the editor, replacing what was there. ``origin`` is the choice it
    came from (``preset:KEY``, ``saved:NAME``), ``original`` that choice's network when
    ``spec`` is already an edit of it (read back from the address); edits are told from it.
    Without an ``origin`` the page's list shows no choice, and ``came_from`` says where the
    network came from instead (``link``: the page's address; ``file``)."""
    original = original or spec
    st.session_state[ORIGIN_KEY] = origin
    st.session_state[OUTSIDE_KEY] = None if origin else came_from
    if origin is None:  # none of the list's networks: the list shows none (its placeholder)
        st.session_state[SOURCE_KEY] = None
    st.session_state[ORIGINAL_KEY] = {
        "name": original.get("name", ""),
        "layers": [architectures.comparable_layer(layer) for layer in original["layers"]],
    }
    st.session_state[LAYERS_KEY] = [_with_id(layer) for layer in spec["layers"]]
    st.session_state[NAME_KEY] = spec.get("name", "")
    st.session_state[DESCRIPTION_KEY] = spec.get("description", "")
    # The "Save as" box follows the loaded network's name. Set, not removed: the browser would
    # send the old name back and Streamlit would keep it.
    st.session_state[SAVE_NAME_KEY] = save_name_for(spec.get("name", ""))
    st.session_state[_FOLLOWED_KEY] = st.session_state[SAVE_NAME_KEY]


def offer_a_free_save_name(taken: Collection[str]) -> None:
    """While the "Save as" box still shows a name the page made ("… (my copy)", "… (edited)"),
    make it one no saved network has (a second edit of lecture-1 offers "… (edited) (2)", not a
    refusal). Call before the box is drawn."""
    offered = st.session_state.get(SAVE_NAME_KEY)
    if offered is None or offered != st.session_state.get(_FOLLOWED_KEY) or offered not in taken:
        return
    if offered == original_name():  # a saved network's own name: saved again, it is replaced
        return
    for number in itertools.count(2):
        free = t("arch.numbered_name", name=offered, number=number)
        if len(free) > MAX_NAME_LENGTH:
            return  # no room for a number: the box says the name is taken, as it would
        if free not in taken:
            break
    st.session_state[SAVE_NAME_KEY] = free
    st.session_state[_FOLLOWED_KEY] = free


def save_name_for(name: str) -> str:
    """What the "Save as" box offers for a network called ``name``: the name itself, or, for a
    preset's own name (which no saved network may take), "``name`` (my copy)", so the box does
    not open on a refusal."""
    problem = architectures.saved_name_problem(name)
    if problem is None or problem.key != "preset":
        return name
    copy_name = t("arch.copy_name", name=name)
    return copy_name if len(copy_name) <= MAX_NAME_LENGTH else name


def is_loaded() -> bool:
    """True once a spec has been put into the editor in this session."""
    return LAYERS_KEY in st.session_state


def _sync_from_widgets() -> None:
    # Widgets hold the newest values before the script reruns; copy them into the layers first,
    # so the summary drawn above the editor reflects this very edit, not the previous one.
    for layer in st.session_state.get(LAYERS_KEY, []):
        for setting in layer:
            key = f"layer_{layer['_id']}_{setting}"
            if key in st.session_state:
                layer[setting] = st.session_state[key]


def _current_layers() -> list[dict[str, Any]]:
    _sync_from_widgets()
    return [
        {k: v for k, v in layer.items() if k != "_id"}
        for layer in st.session_state.get(LAYERS_KEY, [])
    ]


def origin() -> str | None:
    """The choice the network was loaded from; None for a file or an address that did not say."""
    return st.session_state.get(ORIGIN_KEY)


def follow_rename(old: str, new: str) -> None:
    """The saved network ``old`` is now called ``new``: the editor showing it says so (its
    choice, and its name where it was the old one), edits kept. Call before the list is drawn."""
    if origin() != f"saved:{old}":
        return
    st.session_state[ORIGIN_KEY] = st.session_state[SOURCE_KEY] = f"saved:{new}"
    st.session_state[ORIGINAL_KEY]["name"] = new
    for key in (NAME_KEY, SAVE_NAME_KEY, _FOLLOWED_KEY):
        if st.session_state.get(key) == old:
            st.session_state[key] = new


def forget_deleted(name: str) -> bool:
    """The saved network ``name`` is gone: the editor showing it keeps its layers as work not
    in the list (to save again); True when it was showing it. Call before the list is drawn."""
    if origin() != f"saved:{name}":
        return False
    st.session_state[ORIGIN_KEY] = st.session_state[SOURCE_KEY] = None
    st.session_state[OUTSIDE_KEY] = "deleted"
    return True


def outside_the_list() -> bool:
    """Whether the editor holds a network that is none of the page's choices (opened from a
    file or a link that names none)."""
    return is_loaded() and origin() is None


def came_from() -> str:
    """Where a network outside the page's list came from: ``file``, ``link`` or ``deleted``."""
    return st.session_state.get(OUTSIDE_KEY) or "link"


def original_name() -> str:
    """The name of the network as it was loaded, before any edit."""
    return st.session_state.get(ORIGINAL_KEY, {}).get("name", "")


def is_edited() -> bool:
    """True when the layers differ from the network as it was loaded."""
    original = st.session_state.get(ORIGINAL_KEY)
    if original is None:
        return False
    return [architectures.comparable_layer(layer) for layer in _current_layers()] != original[
        "layers"
    ]


def differs_from(spec: dict[str, Any]) -> bool:
    """Whether the editor's layers, as last drawn, differ from ``spec``'s (read from another
    page, where the editor's widgets are not drawn)."""
    held = [
        {k: v for k, v in layer.items() if k != "_id"}
        for layer in st.session_state.get(LAYERS_KEY, [])
    ]
    return architectures.layers_differ({"layers": held}, spec)


def follow_edits(edited_name: str) -> None:
    """Rename an edited network that still has the loaded one's name (a run of an edited
    lecture-2 must not be called lecture-2) to ``edited_name``, and back once the edits are
    undone; a name the user typed is theirs. The "Save as" box follows the name until the user
    types another one there. Call before the name boxes are drawn."""
    loaded, edited = original_name(), is_edited()
    name = st.session_state.get(NAME_KEY, "")
    if edited and name == loaded and loaded:
        name = edited_name
    elif not edited and name == edited_name:
        name = loaded
    st.session_state[NAME_KEY] = name
    offered = save_name_for(name)
    followed = st.session_state.get(_FOLLOWED_KEY, offered)
    if st.session_state.get(SAVE_NAME_KEY, followed) == followed:
        st.session_state[SAVE_NAME_KEY] = offered
    st.session_state[_FOLLOWED_KEY] = offered


def current_spec() -> dict[str, Any]:
    """The network being edited, as a plain spec (with the latest widget values). An edited
    network has no description: the one it was loaded with describes another network."""
    layers = _current_layers()
    return {
        "name": st.session_state.get(NAME_KEY, "") or "custom",
        "description": "" if is_edited() else st.session_state.get(DESCRIPTION_KEY, ""),
        "layers": layers,
    }


# --- callbacks: run before the rerun, so the page draws the changed list --------------------


def _move(index: int, offset: int) -> None:
    layers = st.session_state[LAYERS_KEY]
    layers[index], layers[index + offset] = layers[index + offset], layers[index]


def _remove(index: int) -> None:
    del st.session_state[LAYERS_KEY][index]
    _suggest_position()


def _add() -> None:
    layers = st.session_state[LAYERS_KEY]
    position = int(st.session_state.get(ADD_POSITION_KEY, len(layers) + 1))
    new = _with_id(architectures.new_layer(st.session_state[ADD_TYPE_KEY]))
    layers.insert(max(0, min(position - 1, len(layers))), new)
    _suggest_position()


# Where "Flatten" and global pooling leave images behind: an image layer goes before them.
_TO_VECTOR = ("Flatten", "GlobalAveragePooling2D")


def suggested_position(kind: str, layers: list[dict[str, Any]]) -> int:
    """Where a new layer of ``kind`` most likely goes (1-based): an image layer (a convolution,
    a pooling, a residual block) before the first Flatten or global pooling, where images still
    flow; any other before the last layer (the output)."""
    takes_images = layer_kinds.LAYER_KINDS[kind].takes == "image" and kind not in _TO_VECTOR
    if takes_images:
        first_vector = next(
            (i for i, layer in enumerate(layers) if layer["type"] in _TO_VECTOR), None
        )
        if first_vector is not None:
            return first_vector + 1
    return max(1, len(layers))


def _suggest_position() -> None:
    layers = st.session_state.get(LAYERS_KEY, [])
    kind = st.session_state.get(ADD_TYPE_KEY, architectures.LAYER_TYPES[0])
    st.session_state[ADD_POSITION_KEY] = suggested_position(kind, layers)


def apply_fix(spec: dict[str, Any]) -> None:
    """Load a corrected spec (e.g. with Flatten inserted) keeping the name and description."""
    layers = [_with_id(layer) for layer in spec["layers"]]
    st.session_state[LAYERS_KEY] = layers


# --- drawing ------------------------------------------------------------------------------------


def _setting_widget(container, layer: dict[str, Any], setting: layer_kinds.Setting) -> None:
    name = setting.name
    key = f"layer_{layer['_id']}_{name}"
    label = t(f"setting.{name}")
    if key not in st.session_state:
        value = layer[name]
        if name == "strides" and value is None:  # pooling: Keras' default stride is the pool
            value = layer["pool_size"]
        if isinstance(setting.low, float) and type(value) is int:  # e.g. a rate of 0 from a file
            value = float(value)  # the same number; the float widget needs a float
        st.session_state[key] = value
    if setting.choices:
        layer[name] = container.selectbox(label, setting.choices, key=key, width=CHOICE_WIDTH)
        return
    # No bounds on the widget: a bounded one refuses 0 filters or a 40x40 kernel with nothing
    # but a red outline. Any number is taken as typed, and the summary above says what is wrong
    # with it and what the range is, e.g. "filters is 0; it must be a whole number from 1 to
    # 4096", while the rest of the network stays as it was.
    # A rate as typed (0.999), not rounded to two places (1.00) beside a message about 0.999.
    shown = "%g" if isinstance(setting.low, float) else None
    layer[name] = container.number_input(
        label, step=setting.step, key=key, width=SETTING_WIDTH, format=shown
    )


def editor(row_labels: dict[int, str]) -> None:
    """Draw every layer with its settings and move/remove buttons, then the add-a-layer row.

    ``row_labels`` maps a layer's position (from 1) to a short note shown beside it (its output
    shape and parameters, or the problem with it).
    """
    layers = st.session_state[LAYERS_KEY]
    for index, layer in enumerate(layers):
        settings = layer_kinds.LAYER_KINDS[layer["type"]].settings
        # A row that wraps in a narrow window: each setting keeps a width its label fits in.
        row = st.container(border=True, horizontal=True, vertical_alignment="bottom")
        with row:
            row.markdown(
                f"**{index + 1}. {layer['type']}**  \n{row_labels.get(index + 1, '')}",
                width=LABEL_WIDTH,
            )
            for setting in settings:
                _setting_widget(row, layer, setting)
            buttons = row.container(horizontal=True, gap="small", width="content")
            buttons.button(
                "",
                icon=":material/arrow_upward:",
                key=f"up_{layer['_id']}",
                help=t("arch.move_up"),
                disabled=index == 0,
                on_click=_move,
                args=(index, -1),
            )
            buttons.button(
                "",
                icon=":material/arrow_downward:",
                key=f"down_{layer['_id']}",
                help=t("arch.move_down"),
                disabled=index == len(layers) - 1,
                on_click=_move,
                args=(index, 1),
            )
            buttons.button(
                "",
                icon=":material/delete:",
                key=f"remove_{layer['_id']}",
                help=t("arch.remove"),
                on_click=_remove,
                args=(index,),
            )

    type_column, position_column, button_column = st.columns([2, 1, 1], vertical_alignment="bottom")
    type_column.selectbox(
        t("arch.add_type"),
        architectures.LAYER_TYPES,
        key=ADD_TYPE_KEY,
        on_change=_suggest_position,  # a Conv2D goes where images still flow
    )
    # The position lives in the state only (a widget given a value too warns in the log), set
    # for the kind chosen and kept within the list as layers come and go.
    position = st.session_state.get(ADD_POSITION_KEY)
    if position is None or not 1 <= position <= len(layers) + 1:
        _suggest_position()
    position_column.number_input(
        t("arch.add_position"),
        min_value=1,
        max_value=len(layers) + 1,
        step=1,
        key=ADD_POSITION_KEY,
    )
    button_column.button(
        t("arch.add"),
        on_click=_add,
        icon=":material/add:",
        key="arch_add",
        disabled=len(layers) >= architectures.MAX_LAYERS,
    )


def copy_of_current() -> dict[str, Any]:
    """A deep copy of the current spec, safe to hand to another page."""
    return copy.deepcopy(current_spec())
