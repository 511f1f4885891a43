"""Widgets and cached resources shared by every page: header, dataset, sidebar, sample banner.

Pages import these instead of repeating them; the engine behind them is ``fmnist_core``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import NoReturn

import streamlit as st

from fmnist_core import data, device, ray_executor, settings
from fmnist_core.messages import read_back
from fmnist_core.names import NameProblem, name_problem, usable_name
from fmnist_core.store import STORE_TEXTS, RunStore, StoreUnavailable
from fmnist_core.store import location as store_location
from ui import address, charts
from ui.i18n import (
    LANGUAGE_KEY,
    LANGUAGES,
    data_error_text,
    device_phrase,
    device_problem_text,
    language,
    name_text,
    store_text,
    t,
)

log = logging.getLogger("fmnist_studio")


@contextlib.contextmanager
def safety_net(where: str) -> Iterator[None]:
    """Turn an error inside the block into one short message instead of Streamlit's error box:
    the store's sentence when it cannot be used (a damaged file, a PostgreSQL server that is
    down), else the unexpected-error message, logged with its traceback. Streamlit's own stop
    and rerun signals are BaseException and pass through."""
    try:
        yield
    except StoreUnavailable as error:
        log.warning("run store unavailable on %s: %s", where, error)
        st.error(store_text(error), icon="🗄️")
    except Exception as error:
        log.exception("Unexpected error on %s", where)
        st.error(t("error.unexpected", error=type(error).__name__), icon="⚠️")


def guarded(where: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``safety_net`` around a function: for fragments, which Streamlit reruns on their own (a
    live view's timer) outside the page, so outside the net ``dashboard.py`` puts around it."""

    def wrap(body: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(body)
        def run(*args, **kwargs) -> None:
            with safety_net(where):
                body(*args, **kwargs)

        return run

    return wrap


@st.cache_resource(show_spinner=False)
def _cached_dataset() -> data.Dataset:
    # Held once per server process: every session and page share the same read-only arrays.
    return data.load_dataset()


def end_page() -> NoReturn:
    """End the page here (``st.stop``), with the sidebar's data and device lines drawn first:
    dashboard.py draws them after the page, which a stopped page never reaches."""
    sidebar_status()
    st.stop()


def keep_expander_state(key: str) -> None:
    """Write an expander's open state (``key``) back before it is drawn: its label is part of
    its identity, so a switch of language made it a new expander, folded."""
    if key in st.session_state:
        st.session_state[key] = st.session_state[key]


# The media query for CSS meant for a phone: Streamlit's own narrow width, below which it stacks
# columns.
ON_A_PHONE = "@media (max-width: 640px)"


def side_by_side_on_phones(key: str, captions_fit: bool = True):
    """A container (keyed ``key``) whose rows of columns stay rows on a narrow screen: a grid
    of images keeps its N×N there, each image smaller. Streamlit stacks columns one under
    another below 640 px, which made a phone's 6×6 grid 36 full-width images in a column, and
    its ``wrap=False`` scrolled each row sideways on its own instead. There the captions are a
    size smaller and break between words; ``captions_fit=False`` (columns too narrow for a
    word, as in a 12×12 grid) leaves them out there, since they ran into each other."""
    column = f".st-key-{key} [data-testid='stColumn']"
    narrow = (
        f"{column} [data-testid='stButton'], {column} [data-testid='stCaptionContainer']"
        " {display: none;}"
        # Images a few dozen pixels wide: the usual gaps took a third of the row, and Streamlit's
        # rounded corners cut off their corners.
        f" .st-key-{key}, .st-key-{key} [data-testid='stHorizontalBlock']"
        " {gap: 0.25rem !important;}"
        f" {column} img {{border-radius: 2px !important;}}"
        if not captions_fit
        else f"{column} :is(p, span) {{font-size: 0.65rem; line-height: 1.25;"
        " overflow-wrap: normal; word-break: normal;}"
        f" {column} :is(button, [data-testid='stPageLink-NavLink'])"
        " {padding-left: 0; padding-right: 0;}"
        # A page link keeps its label on one line, cut with an ellipsis: there it wraps.
        f" {column} [data-testid='stPageLink-NavLink'] :is(span, p)"
        " {white-space: normal; overflow: visible;}"
    )
    st.html(
        f"<style>.st-key-{key} [data-testid='stHorizontalBlock'] {{flex-wrap: nowrap;}}"
        f" {column} {{min-width: 0 !important; width: auto !important; flex: 1 1 0 !important;}}"
        # Streamlit pulls a page link up by a few pixels: under an image, onto the image.
        # Its label starts under the image's left edge, as an image's caption does.
        f" {column} [data-testid='stElementContainer']:has([data-testid='stPageLink'])"
        " {margin-top: 0;}"
        f" {column} [data-testid='stPageLink-NavLink'] {{padding-left: 0;}}"
        f" {ON_A_PHONE} {{{narrow}}}</style>"
    )
    return st.container(key=key)


def load_dataset_or_stop() -> data.Dataset:
    """The dataset, loaded once per process; a bad file shows its message and stops the page."""
    dataset = load_dataset_or_say()
    if dataset is None:
        end_page()
    return dataset


def load_dataset_or_say() -> data.Dataset | None:
    """The dataset, loaded once per process; None when a file is bad, after its message (for a
    page with more to show than the data: the Train page's runs)."""
    try:
        with st.spinner(t("spinner.data")):
            return _cached_dataset()
    except data.DataFileError as error:
        said = t("error.data", error=data_error_text(error))
        folder = settings.data_dir_override()
        if folder is not None and folder.resolve() in (
            error.path.resolve(),
            *error.path.resolve().parents,
        ):
            # The variable is easy to forget once set: say that it is why this folder is read.
            said += " " + t("error.data_dir_hint")
        st.error(said, icon="🚫")
        return None


_PAGE_DRAWN, _ARRIVED = "_page_drawn", "_page_arrived"


def note_page(path: str) -> None:
    """Remember which page this run of the script draws (``dashboard.py`` calls it), so that a
    page can tell a visit's first run from its reruns (see :func:`arrived`)."""
    st.session_state[_ARRIVED] = st.session_state.get(_PAGE_DRAWN) != path
    st.session_state[_PAGE_DRAWN] = path
    if st.session_state[_ARRIVED]:
        address.let_go()  # a run held on the last visit gives way to this visit's address


def arrived() -> bool:
    """True on the first run of a visit to the page: opened from another page, by its address or
    by a refresh; False on its reruns (a click, a live view's redraw, a language switch)."""
    return st.session_state.get(_ARRIVED, True)


def page_header(title_key: str, purpose_key: str) -> None:
    """The page's title and its one-line purpose, then the sample banner when it applies."""
    st.title(t(title_key))
    st.caption(t(purpose_key))


def sample_banner(dataset: data.Dataset) -> None:
    """One clear line saying the studio runs on the bundled sample, and why, when it does."""
    source = dataset.source
    if source.is_sample:
        st.warning(
            t(
                "banner.sample",
                train=len(dataset.train_labels),
                test=len(dataset.test_labels),
                why=t(f"sample_reason.{source.reason}", detail=source.detail)
                if source.reason
                else t("source.sample"),
            ),
            icon="📦",
        )


LANGUAGE_PARAM = address.LANGUAGE_PARAM


def language_picker() -> None:
    """The sidebar's English/한국어 switch; it drives every label and class name. A choice other
    than the studio's default (``FMNIST_LANG``) travels in the address, ``?lang=ko``, so that a
    refresh keeps it and a link opens the page in that language."""
    if LANGUAGE_KEY not in st.session_state:
        linked = st.query_params.get(LANGUAGE_PARAM)
        st.session_state[LANGUAGE_KEY] = linked if linked in LANGUAGES else language()
    st.sidebar.segmented_control(
        t("sidebar.language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        required=True,
        on_change=_keep_choices_across_languages,
    )
    chosen = language()
    # The default language is left out of the address, unless a link named it (?lang=en): it
    # stays as the link had it. Taking it out was one more write of the address as the page
    # opened, and Back from a tab's first page then took two presses (review 101).
    named = st.query_params.get(LANGUAGE_PARAM) == chosen
    plain = chosen == settings.default_language() and not named
    address.keep({LANGUAGE_PARAM: None if plain else chosen})
    if chosen == "ko":
        # Browsers break Korean lines between any two syllables ("에포/크", "티셔/츠"); keep-all
        # breaks at spaces as Korean is written, and a word too long for its box still wraps.
        st.html(
            # On every element: Streamlit's own text styles set word-break on <p> and others.
            "<style>.stApp * { word-break: keep-all !important; overflow-wrap: break-word; }"
            "</style>",
        )


def go_to(page: str, query_params: dict[str, str]) -> NoReturn:
    """Open ``page`` with ``query_params`` in its address, in the language in use: a page
    switch writes a whole new address, which would drop ``?lang=``, and the new page reads the
    language from it."""
    chosen = language()
    if chosen != settings.default_language():
        query_params = {**query_params, LANGUAGE_PARAM: chosen}
    st.switch_page(page, query_params=query_params)


def _is_choice(value: object) -> bool:
    """A value a choice widget (select box, radio, pills, multiselect, slider) can hold."""
    scalar = (str, int, float)
    if isinstance(value, bool) or value is None:  # buttons and uploaders: not ours to set
        return False
    if isinstance(value, (list, tuple)):
        return all(isinstance(item, scalar) and not isinstance(item, bool) for item in value)
    return isinstance(value, scalar)


def _keep_choices_across_languages() -> None:
    # A choice widget sends back the label it shows, in the old language, which the new
    # language's labels no longer contain: Streamlit then reset the choice (Train's schedule went
    # back to "constant") or handed the page the label itself (Architecture crashed). Writing each
    # choice back here, before the page runs, makes Streamlit take our value, shown in the new
    # language.
    for key in list(st.session_state):
        if key != LANGUAGE_KEY and _is_choice(st.session_state[key]):
            st.session_state[key] = st.session_state[key]


_device_lock = threading.Lock()


@functools.cache
def _probe_device() -> device.Device | None:
    return device.current_in_subprocess()


def _device() -> device.Device | None:
    # Once per process: the device does not change while the server runs. The lock makes the
    # sessions of a cold start wait for one probe (a TensorFlow import in a child process, seconds
    # of CPU) instead of each starting its own.
    with _device_lock:
        return _probe_device()


def device_text(found: device.Device | None = None) -> str:
    """A compute device (this machine's when not given) in the current language, e.g.
    ``CPU x86_64, 2 cores (tensorflow)``."""
    found = found or _device()
    return t("device.unknown") if found is None else device_phrase(found)


def metric_row():
    """A row for metrics (and buttons beside them) that wraps onto another line in a narrow
    window instead of cutting a value off (``3,…``); give each metric ``width="content"``."""
    return st.container(horizontal=True, vertical_alignment="center", gap="medium")


def run_device_text(described: str | None) -> str:
    """Where a run trained (its stored English line) in the current language; ``—`` if unknown."""
    if not isinstance(described, str) or not described:  # pandas turns a queued run's None to NaN
        return "—"
    found = device.Device.from_description(described)
    if found and found.node:  # trained on a Ray node (fmnist_core/ray_executor.py)
        return t("device.on_node", device=device_text(found), node=found.node)
    return device_text(found) if found else described


def _keyed_failure(error: str | None) -> tuple[str, str, dict[str, str]] | None:
    """(catalog table, key, values) of a stored failure the engine made from one of its keyed
    sentences (a Ray cluster problem, a run store that could not be used); None otherwise."""
    if found := ray_executor.read_problem(error):
        return ("cluster", *found)
    prefix = f"{StoreUnavailable.__name__}: "
    stored = error.removeprefix(prefix) if error and error.startswith(prefix) else None
    if found := read_back(STORE_TEXTS, stored):
        return ("store", *found)
    return None


def run_error_text(error: str | None) -> str:
    """Why a run failed (its stored English text) in the current language, where the engine made
    it from a keyed sentence; any other cause as it was recorded."""
    keyed = _keyed_failure(error)
    if keyed and keyed[0] == "cluster":
        return t(f"cluster.{keyed[1]}", **keyed[2])
    if keyed:
        return t(f"store.{keyed[1]}", **keyed[2])
    return error or "?"


def run_error_says_what_to_do(error: str | None) -> bool:
    """True when a run's failure is one of the engine's sentences, which end with what to do."""
    return _keyed_failure(error) is not None


def sidebar_status() -> None:
    """Data source and compute device, at the bottom of the sidebar on every page."""
    try:
        dataset = _cached_dataset()
        counts = t(
            "sidebar.data_counts", train=len(dataset.train_labels), test=len(dataset.test_labels)
        )
        source = f"{t(f'source.{dataset.source.kind}')} · {counts}"
    except data.DataFileError:
        source = t("sidebar.data_broken")
    st.sidebar.caption(t("sidebar.data", source=source))
    st.sidebar.caption(t("sidebar.runs", store=_store_text(), executor=_executor_text()))
    st.sidebar.caption(t("sidebar.device", device=device_text()))
    found = _device()
    if found is not None and found.problem is not None:
        st.sidebar.warning(device_problem_text(found.problem), icon="⚠️")


def _store_text() -> str:
    """Where the runs are kept (a teacher checks the set-up of a class here), without opening
    the store: a page says it when it cannot be used."""
    kind, where = store_location(settings.store_url(), settings.studio_home())
    return t(f"sidebar.store_{kind}", where=where)


def _executor_text() -> str:
    """Who trains queued runs: local workers, or Ray (at ``RAY_ADDRESS``, else this machine)."""
    try:
        executor = ray_executor.executor_name()
    except ray_executor.ClusterProblem:
        return t("sidebar.executor_unknown")  # said in full when a run is queued
    if executor == "local":
        return t("sidebar.executor_local")
    address = ray_executor.ray_address() or t("sidebar.ray_here")
    return t("sidebar.executor_ray", address=address)


def class_name_list() -> list[str]:
    """The ten class names in the chosen language."""
    return data.class_names(language())


@st.cache_resource(show_spinner=False)
def _store(home: str) -> RunStore:
    return RunStore(Path(home))


def open_store() -> RunStore:
    """The run store in FMNIST_HOME (opened, and its schema migrated, once per process)."""
    return _store(str(settings.studio_home()))


_RUN_COLOURS_KEY = "run_colours"


def run_colours(run_ids: Iterable[int]) -> dict[int, str]:
    """Each run's colour on every chart of this browser session: the one it had when last shown
    (Compare, a sweep's view) while no older run shown beside it wears it, else a free one."""
    kept: dict[int, str] = st.session_state.setdefault(_RUN_COLOURS_KEY, {})
    colours = charts.run_colours(list(run_ids), kept)
    kept.update(colours)
    return colours


_FLASH_KEY = "flash_message"


def name_box(
    container,
    label: str,
    key: str,
    unusable_key: str = "name.unusable",
    rule: Callable[[str], NameProblem | None] = name_problem,
    **options,
):
    """A box for a name people give (a run, a network, a sweep) in ``container``; returns what
    is typed, stripped. It sets no character limit: Streamlit's would drop a longer pasted name
    without a word. Instead, a name ``rule`` refuses (too long, a line break, a leading "-"; a
    preset's name for a saved network) is said under the box at once, with ``unusable_key``'s
    message ({problem}, {usable})."""
    container.text_input(label, key=key, persist_state="session", **options)
    typed = (st.session_state.get(key) or "").strip()
    problem = rule(typed) if typed else None
    if problem:
        said = t(unusable_key, problem=name_text(problem), usable=usable_name(typed))
        container.warning(said, icon="✏️")
    return typed


def flash(message: str) -> None:
    """Show ``message`` once at the top of the page's next run (from a button's callback, whose
    click reruns the page)."""
    st.session_state[_FLASH_KEY] = message


def flash_and_rerun(message: str) -> None:
    """Rerun the page now (so lists reflect a change) and show ``message`` once at its top."""
    flash(message)
    st.rerun()


def show_flash() -> None:
    """Show the message left by :func:`flash_and_rerun`, once."""
    message = st.session_state.pop(_FLASH_KEY, None)
    if message:
        st.success(message, icon="✅")


def stop_without_runs(message_key: str, icon: str) -> None:
    """The empty state of a page that needs runs: say why, link to Train, stop the page."""
    st.info(t(message_key), icon=icon)
    st.page_link(
        "app_pages/train.py", label=t("compare.to_train"), icon=":material/model_training:"
    )
    end_page()
