"""A page's settings mirrored in its address, so a refresh or a link shows the same view.

A teacher can send the class "the test split's trousers, page 3" as a link. The address is read
once per browser session, on the page's first draw (a refresh starts a new session): after that
the widgets hold the settings, and the address follows them. A value the page cannot use (a
class 12, a page 0, text where a number goes) is ignored: the page opens with its default.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

import streamlit as st


def first_visit(page: str) -> bool:
    """True the first time ``page`` is drawn in this browser session: the one time its
    settings come from the address."""
    key = f"_address_read_{page}"
    if key in st.session_state:
        return False
    st.session_state[key] = True
    return True


def read(param: str, parse: Callable[[str], Any]) -> Any:
    """``?param=`` parsed by ``parse``, or None when absent or unusable (``parse`` returns None
    or raises ValueError)."""
    text = st.query_params.get(param)
    if text is None:
        return None
    try:
        return parse(text)
    except ValueError:
        return None


def read_all(param: str, parse: Callable[[list[str]], Any]) -> Any:
    """Every ``?param=`` (``?classes=1&classes=3``) parsed together by ``parse``; None when
    absent or unusable."""
    texts = st.query_params.get_all(param)
    if not texts:
        return None
    try:
        return parse(texts)
    except ValueError:
        return None


def unusable(read_values: Mapping[str, Any]) -> list[str]:
    """The parameters the address holds that came out unusable (None) in ``read_values``."""
    return [
        param for param, value in read_values.items() if value is None and param in st.query_params
    ]


LANGUAGE_PARAM = "lang"  # ?lang=ko, on any page
# What every page's address may hold besides its own settings: the language and Streamlit's own
# ?embed=true and ?embed_options=.
EVERY_PAGE = frozenset({LANGUAGE_PARAM, "embed", "embed_options"})


def unknown(known: Iterable[str]) -> dict[str, str | None]:
    """The parameters the address holds that are not among this page's ``known`` settings
    (a hand-typed ``?class=3`` where the page takes ``?classes=3``), each with the known name
    it is likely a slip for, or None."""
    known = list(known)
    found = {}
    for param in st.query_params:
        if param not in known and param not in EVERY_PAGE:
            close = difflib.get_close_matches(param.lower(), known, n=1, cutoff=0.6)
            found[param] = close[0] if close else None
    return found


def keep(values: Mapping[str, str | list[str] | None], page: str | None = None) -> None:
    """Write each setting into the address (a list as a repeated parameter); None (the page's
    default) and an empty list leave it out, so an untouched page keeps a plain address. With
    ``page``, the view written is remembered as that page's, for ``link_followed``."""
    now = {param: st.query_params.get_all(param) for param in st.query_params}
    wanted = dict(now)
    for param, value in values.items():
        written = [value] if isinstance(value, str) else list(value or ())
        if written:
            wanted[param] = written
        else:
            # Out of the address, and so out of the view remembered: an empty list kept there
            # (no class ticked) named a view the address never held, so the page's next draw
            # took its own address for a link followed and put every setting back to its default
            # (the one class then picked came up as all ten; review 105).
            wanted.pop(param, None)
    if wanted != now:
        # All at once: the browser adds a history entry for each change of the address, so one
        # setting at a time made Back step through half-written addresses of the same view.
        st.query_params.from_dict(wanted)
    if page is not None:
        st.session_state[_written_key(page)] = view(values)


def view(params: Iterable[str]) -> dict[str, list[str]]:
    """What the address holds for ``params`` (a page's view; the language, say, left out)."""
    return {param: st.query_params.get_all(param) for param in params if param in st.query_params}


def link_followed(page: str, params: Iterable[str]) -> bool:
    """True when the address names a view of ``page`` (some of ``params``) other than the one
    the page last wrote with ``keep``: a link followed later in the session (a Lecture step's),
    which the page reads as on a first visit. A page reads its address once otherwise, and such
    a link showed the view the page was left in."""
    named = view(params)
    return bool(named) and named != st.session_state.get(_written_key(page))


def _written_key(page: str) -> str:
    return f"_address_written_{page}"


def link(leave_out: Iterable[str] = ()) -> str:
    """This page's whole address, as a link to send (``http://host:8501/architecture?network=…``):
    the browser's own address (``st.context.url``, which leaves the parameters out) with the
    parameters the page keeps, but those in ``leave_out``. Only the parameters where the page
    has no browser to ask (tests)."""
    base = st.context.url or ""
    kept = [p for p in st.query_params if p not in leave_out]
    query = urlencode([(p, v) for p in kept for v in st.query_params.get_all(p)])
    return f"{base}?{query}" if query else base


def hold(widget_key: str, value: Any) -> None:
    """Make the keyed widget ``widget_key`` show ``value``, the address's choice: a keyed widget
    keeps the value it held, even when its options or ``index`` change (a run or sweep queued
    since, a link followed later), and would write that old value back into the address. Call
    before drawing the widget; it writes its own choice there with ``follow``."""
    if st.session_state.get(widget_key, value) != value:
        st.session_state[widget_key] = value


def whole_number(low: int, high: int) -> Callable[[str], int | None]:
    """A parser for ASCII digits naming a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int | None:
        # isdigit() alone accepts "²", which int() refuses: only ASCII digits are a number.
        if not (text.isascii() and text.isdigit()):
            return None
        number = int(text)
        return number if low <= number <= high else None

    return parse


def follow(param: str, widget_key: str) -> None:
    """A widget's ``on_change``: write its new value into ``?param=`` before the page reruns,
    so the page reads the user's choice from the address rather than the old one."""
    let_go(param)  # the user's choice, not the one a button held
    st.query_params[param] = str(st.session_state[widget_key])


# The browser learns a new address a moment after the page wrote it. A live view's refresh in
# that moment sends Streamlit the old one, which it takes as the page's address (and merges into
# the rerun the page asked for): after Start, the Train page went back to the run it showed
# before, and the run just queued, with its Stop button, was out of sight (reviews 100, 101; one
# start in three on a busy machine). So a value a page writes to show it next is held for the
# rest of the visit, until the user picks another.
_HELD = "_address_held"


def write_and_hold(param: str, value: object) -> None:
    """Write ``?param=value`` for the page's next run to show (a run just queued), and hold it
    there against an older address the browser sends back meanwhile (see :func:`settle`)."""
    text = str(value)
    st.query_params[param] = text
    st.session_state.setdefault(_HELD, {})[param] = text


def settle(param: str) -> None:
    """Before reading ``?param=``: put back the value :func:`write_and_hold` wrote, where an
    older address has replaced it."""
    held = st.session_state.get(_HELD, {}).get(param)
    if held is not None and st.query_params.get(param) != held:
        st.query_params[param] = held


def let_go(param: str | None = None) -> None:
    """Hold ``param`` no more (every value, without one: the visit to the page ended)."""
    held = st.session_state.get(_HELD, {})
    if param is None:
        held.clear()
    else:
        held.pop(param, None)


# Streamlit adds a browser history entry each time a page writes its address; a page writes it
# as it opens (Train adds ?run=7, Compare the runs it shows, any page ?lang=ko) and as its
# settings change. Back to one of those entries did not bring the settings back: a page reads its
# address once per session (see the module's docstring) and wrote its settings again, so Back
# seemed to do nothing, and leaving a page took as many presses as it had written. So a write on
# the page's own path replaces the page's entry, and Back leaves the page in one press.
#
# The new page's first write can also reach the browser before the page's own path does: it is
# then written onto the old page's address (/compare?run=1, Train's parameter on Compare's path),
# and the path follows with the same parameters a moment later. That early write is undone, so
# Back finds the old page's address as it was. The signature (a write on the same path, then
# another path with exactly those parameters, within two seconds) is one no click makes.
#
# On the first page a tab opens (a bookmark to /train), the page's first write can come before
# this script runs, and so adds an entry over the address the tab opened: Back to that one is
# passed over, as the write would have replaced it.
_ONE_ENTRY_PER_PAGE = """<script>
(() => {
  if (window.__studioOneEntryPerPage) return;
  window.__studioOneEntryPerPage = true;
  const push = window.history.pushState.bind(window.history);
  const replace = window.history.replaceState.bind(window.history);
  let lastWrite = null;  // the latest write on a page's own path, in case it came too early
  const opening = performance.getEntriesByType("navigation")[0];
  const opened = opening ? new URL(opening.name) : null;
  if (opened && window.history.state !== null && opened.pathname === window.location.pathname
      && opened.href !== window.location.href) {
    window.addEventListener("popstate", (event) => {
      if (event.state === null && window.location.href === opened.href) window.history.back();
    });
  }
  window.history.pushState = (state, title, url) => {
    const next = new URL(url, window.location.href);
    const here = window.location;
    if (next.pathname === here.pathname) {
      lastWrite = {before: here.href, after: next.href, at: Date.now()};
      return replace(state, title, url);
    }
    const early = lastWrite;
    lastWrite = null;
    if (early && early.after === here.href && next.search === here.search
        && Date.now() - early.at < 2000) {
      replace(window.history.state, "", early.before);
    }
    return push(state, title, url);
  };
})();
</script>"""


def one_history_entry_per_page() -> None:
    """Let Back leave a page in one press (see ``_ONE_ENTRY_PER_PAGE``); drawn on every page."""
    # In a hidden container: an element of its own in the page's flow pushed the title down.
    hidden = f"[data-testid='stLayoutWrapper']:has(> .st-key-{_HISTORY_KEY})"
    st.html(f"<style>{hidden} {{display: none;}}</style>")
    st.container(key=_HISTORY_KEY).html(_ONE_ENTRY_PER_PAGE, unsafe_allow_javascript=True)


_HISTORY_KEY = "studio_history"
