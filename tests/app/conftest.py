"""AppTest helpers: open one page of the real dashboard (entry point, sidebar and all).

Every AppTest run in this folder is checked: a page that raised, or showed the dashboard's
"Something went wrong" message (which is how ``dashboard.py`` shows an exception it caught), fails
the test. So does any other error box, unless the test is marked ``shows_error`` because the error
is what it checks.
"""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui import i18n

# The text before "{error}" in each language: what the user reads when a page raised.
UNEXPECTED_PREFIXES = tuple(
    text.split("{error}")[0] for text in i18n.MESSAGES["error.unexpected"].values()
)


def page_failures(app: AppTest, errors_expected: bool = False) -> list[str]:
    """What is wrong with the page as the user sees it: exceptions, the unexpected-error
    message, and (unless ``errors_expected``) any error box at all."""
    failures = [f"exception: {e.value}" for e in app.exception]
    for box in app.error:
        text = str(box.value)
        if text.startswith(UNEXPECTED_PREFIXES):
            failures.append(f"the page broke and showed: {text}")
        elif not errors_expected:
            failures.append(f"unexpected error box: {text}")
    return failures


@pytest.fixture(autouse=True)
def pages_that_break_fail_the_test(request, monkeypatch):
    """Check the page after every ``AppTest.run`` (widget interactions run through it too)."""
    errors_expected = request.node.get_closest_marker("shows_error") is not None
    original_run = AppTest.run

    def checked_run(self, *, timeout=None):
        result = original_run(self, timeout=timeout)
        failures = page_failures(result, errors_expected)
        if failures:
            pytest.fail("\n".join(failures), pytrace=False)
        return result

    monkeypatch.setattr(AppTest, "run", checked_run)


@pytest.fixture
def open_page():
    """``open_page("dataset")`` runs dashboard.py on that page and returns the AppTest
    (``query_params``: what the page's address holds, as when a link is opened)."""

    def _open(
        name: str,
        language: str | None = None,
        timeout: float = 60,
        query_params: dict[str, str] | None = None,
    ) -> AppTest:
        # Cached resources (the dataset, loaded models) live per process; each test starts clean
        # so its own FMNIST_DATA_DIR and FMNIST_HOME are the ones used.
        st.cache_resource.clear()
        st.cache_data.clear()
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
        if language:
            app.session_state["language"] = language
        app.query_params.update(query_params or {})
        if name != "home":
            # Home is the default page. (AppTest leaves the sidebar out of a switched-to page's
            # tree, so sidebar checks use home.)
            app.switch_page(f"app_pages/{name}.py")
        app.run()
        return app

    return _open


def texts(app: AppTest) -> str:
    """Everything the page wrote as text, joined, for 'does the user see X' checks."""
    parts = []
    for kind in ("title", "caption", "markdown", "info", "warning", "error", "success", "metric"):
        for element in getattr(app, kind):
            parts.append(str(element.value))
    return "\n".join(parts)
