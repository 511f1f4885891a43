"""Choosing a network: the presets and the saved architectures as one list of choices.

A choice is a string, ``preset:KEY`` or ``saved:NAME``, so it can be a widget's value; pages may
add their own choices (the network being edited, the one handed over) in front.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from fmnist_core import architectures, network_links
from fmnist_core.names import MAX_NAME_LENGTH, usable_name
from fmnist_core.store import RunStore
from ui import layer_editor
from ui.i18n import network_file_text, t

HANDED_KEY = "train_spec"  # the network "Train this network" hands to the Train page
HANDED_CHOICE = "handed:"  # that network among the Train page's choices
FROM_RUN_KEY = "train_spec_from_run"  # the run whose network "Change and train again" handed
TRAIN_CHOICE_KEY = "train_network"  # the Train page's network picker
# Whether that network is the editor's, handed in this session (not one a link brought).
FROM_EDITOR_KEY = "train_spec_from_editor"
ORIGIN_KEY = "train_spec_origin"  # the choice an edit handed over was edited from
ADDRESS_KEY = "network"  # the query parameter a network travels in (fmnist_core.network_links)
NAME_KEY = "arch"  # the query parameter naming a preset or a saved network, as `--arch` does


def choices(store: RunStore | None) -> list[str]:
    """Every preset, then every saved architecture (none without a store: one that is away)."""
    saved = store.architecture_names() if store is not None else []
    return [f"preset:{key}" for key in architectures.PRESETS] + [f"saved:{n}" for n in saved]


def preset_key(choice: str) -> str | None:
    """The preset a choice stands for (``fast`` for ``preset:fast``); None for any other."""
    kind, _, name = choice.partition(":")
    return name if kind == "preset" else None


def measured_preset(choice: str, spec: dict[str, Any]) -> str | None:
    """The preset whose measured figures hold for ``spec``: the chosen preset, or the preset a
    saved or handed-over network copies layer for layer (a saved copy of ``fast``); None for a
    network of one's own."""
    return preset_key(choice) or architectures.copied_preset(spec)


def choice_with_layers(store: RunStore, wanted: dict[str, Any]) -> str | None:
    """The preset, else the saved network, with ``wanted``'s layers (a run's network); None for
    a network never saved."""
    preset = architectures.copied_preset(wanted)
    if preset:
        return f"preset:{preset}"
    for choice in choices(store):
        if choice.startswith("saved:"):
            try:
                if not architectures.layers_differ(spec(store, choice), wanted):
                    return choice
            except architectures.ArchitectureError:  # a layer this studio no longer knows
                continue
    return None


def address_name(choice: str) -> str | None:
    """What ``?arch=`` says for ``choice``: a preset's key or a saved network's name; None for a
    page's own choices (an edit, a handed-over network), which travel whole in ``?network=``."""
    kind, _, name = choice.partition(":")
    return name if kind in ("preset", "saved") else None


def named_in_address(choices: list[str]) -> tuple[str | None, str | None]:
    """The choice ``?arch=`` names (a preset's key first, then a saved network's name), and the
    name when it names none of ``choices``, for the page to say so; (None, None) without one."""
    name = st.query_params.get(NAME_KEY)
    if not name:
        return None, None
    for choice in (f"preset:{name}", f"saved:{name}"):
        if choice in choices:
            return choice, None
    return None, name


def name_given_as_network(store: RunStore | None) -> None:
    """A preset's or saved network's name where a network travels (``?network=lecture-2``, as a
    teacher writes it on the board) moves to ``?arch=``, where the page reads names. It was
    refused as a damaged link, and Train then trained its usual network, not the one named.
    Call before the page reads either."""
    slot = st.query_params.get(ADDRESS_KEY)
    if not slot or NAME_KEY in st.query_params:
        return
    if {f"preset:{slot}", f"saved:{slot}"} & set(choices(store)):
        del st.query_params[ADDRESS_KEY]
        st.query_params[NAME_KEY] = slot


def label(choice: str, extra: dict[str, str] | None = None) -> str:
    """How a choice reads in a select box (``extra`` labels a page's own choices)."""
    if extra and choice in extra:
        return extra[choice]
    kind, name = choice.split(":", 1)
    if kind == "preset":
        return t("arch.preset_label", name=architectures.PRESETS[name]["name"])
    return t("arch.saved_label", name=name)


def spec(
    store: RunStore, choice: str, extra: dict[str, Callable[[], dict[str, Any]]] | None = None
) -> dict[str, Any]:
    """The spec a choice stands for (``extra`` gives a page's own choices' specs)."""
    if extra and choice in extra:
        return extra[choice]()
    kind, name = choice.split(":", 1)
    return architectures.preset(name) if kind == "preset" else store.load_architecture(name)


def from_address() -> network_links.LinkedNetwork | None:
    """The network in the page's address (``?network=``), None when there is none; one that
    cannot be read is dropped from the address, with a message that says what to do."""
    link = st.query_params.get(ADDRESS_KEY)
    if not link:
        return None
    try:
        return network_links.from_link(link)
    except architectures.ArchitectureError as error:
        st.warning(t("network.link_bad", error=network_file_text(error)), icon="🔗")
        del st.query_params[ADDRESS_KEY]
        return None


def hand_over(spec: dict[str, Any], from_run: int | None = None, origin: str | None = None) -> None:
    """Hand the network ``spec`` to the Train page: the editor's (the Architecture page's "Train
    this network", edited from the choice ``origin``), or run ``from_run``'s, never saved
    ("Change and train again"); the Train page then offers it first."""
    # Named as its link names it: a run of it is then named the same on the Train page.
    st.session_state[HANDED_KEY] = {**spec, "name": usable_name(spec.get("name") or "network")}
    st.session_state[FROM_EDITOR_KEY] = from_run is None
    st.session_state[FROM_RUN_KEY] = from_run
    st.session_state[ORIGIN_KEY] = origin
    # Chosen on arrival, over what the picker held from an earlier visit (it keeps its choice).
    st.session_state[TRAIN_CHOICE_KEY] = HANDED_CHOICE


def handed_origin() -> str | None:
    """The choice the network handed over was edited from (``preset:lecture-2``), as the
    Architecture page or the link said it; None for a run's network or a file's."""
    return st.session_state.get(ORIGIN_KEY)


def handed_from_run() -> int | None:
    """The run whose network was handed over, when "Change and train again" handed it."""
    return st.session_state.get(FROM_RUN_KEY)


def edited_since_handed(handed: dict[str, Any]) -> bool:
    """Whether the Architecture page's editor now holds layers other than the network it
    handed over as ``handed`` (edited again since); False for a network a link brought."""
    if not st.session_state.get(FROM_EDITOR_KEY) or not layer_editor.is_loaded():
        return False
    return layer_editor.differs_from(handed)


def edited() -> dict[str, Any]:
    """The Architecture page's network as its editor holds it now."""
    return layer_editor.copy_of_current()


def take_edited() -> None:
    """Hand over the Architecture page's network as it is now, in place of the older copy
    handed before (a button's callback: the page then draws with it, address included)."""
    spec = edited()
    hand_over(spec, origin=layer_editor.origin())
    st.query_params[ADDRESS_KEY] = network_links.to_link(spec, layer_editor.origin())


def handed_over() -> dict[str, Any] | None:
    """The network the Architecture page handed to the Train page ("Train this network"). It
    stays in the address as well as in the session, so a refresh keeps it; None without one."""
    linked = from_address()
    if linked is not None:
        if st.session_state.get(HANDED_KEY) is None or architectures.layers_differ(
            linked.spec, st.session_state[HANDED_KEY]
        ):
            st.session_state[FROM_EDITOR_KEY] = False  # a link's network, not the editor's
            st.session_state[FROM_RUN_KEY] = None
            st.session_state[TRAIN_CHOICE_KEY] = HANDED_CHOICE  # and the one shown
        st.session_state[HANDED_KEY] = linked.spec
        st.session_state[ORIGIN_KEY] = linked.origin
    elif st.session_state.get(HANDED_KEY):
        st.query_params[ADDRESS_KEY] = network_links.to_link(
            st.session_state[HANDED_KEY], handed_origin()
        )
    return st.session_state.get(HANDED_KEY)


def edited_name(name: str) -> str:
    """``name (edited)`` in the page's language (a network edited on the Architecture page, or a
    sweep's network with a layer varied), the name shortened where the whole would pass the
    length a name may have."""
    whole = t("arch.edited_name", name=name)
    over = len(whole) - MAX_NAME_LENGTH
    if over <= 0:
        return whole
    return t("arch.edited_name", name=name[: len(name) - over - 1].rstrip() + "…")
