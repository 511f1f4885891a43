"""AppTest helpers: open one page of the real dashboard (entry point, sidebar and all)."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.fixture
def open_page():
    """``open_page("dataset")`` runs dashboard.py on that page and returns the AppTest."""

    def _open(name: str, language: str | None = None, timeout: float = 60) -> AppTest:
        # Cached resources (the dataset, loaded models) live per process; each test starts clean
        # so its own FMNIST_DATA_DIR and FMNIST_HOME are the ones used.
        st.cache_resource.clear()
        st.cache_data.clear()
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=timeout)
        if language:
            app.session_state["language"] = language
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
