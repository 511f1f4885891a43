"""Fashion-MNIST CNN Studio: the entry point (``streamlit run dashboard.py``).

Declares the pages, the sidebar (language, data source, compute device) and the safety net that
turns an unexpected error into a short message instead of a traceback.
"""

import streamlit as st

from ui.preload import import_page_modules

# Before anything else: on a fresh server the first sessions arrive together (see ui/preload.py).
import_page_modules()

from ui.address import one_history_entry_per_page  # noqa: E402
from ui.common import language_picker, note_page, safety_net, sidebar_status  # noqa: E402
from ui.i18n import t  # noqa: E402

st.set_page_config(page_title="Fashion-MNIST CNN Studio", page_icon="👕", layout="wide")

language_picker()
# The folder is app_pages/, not pages/: Streamlit serves a pages/ folder's files as pages of their
# own on a direct link (e.g. /dataset), skipping this script, its sidebar and its safety net.
PAGES = [
    st.Page("app_pages/home.py", title=t("nav.home"), icon=":material/home:", default=True),
    st.Page("app_pages/lecture.py", title=t("nav.lecture"), icon=":material/school:"),
    st.Page("app_pages/dataset.py", title=t("nav.dataset"), icon=":material/grid_view:"),
    st.Page(
        "app_pages/architecture.py", title=t("nav.architecture"), icon=":material/account_tree:"
    ),
    st.Page("app_pages/train.py", title=t("nav.train"), icon=":material/model_training:"),
    st.Page("app_pages/compare.py", title=t("nav.compare"), icon=":material/compare_arrows:"),
    st.Page("app_pages/draw.py", title=t("nav.draw"), icon=":material/draw:"),
]
page = st.navigation(PAGES)
note_page(page.url_path)
one_history_entry_per_page()

with safety_net(f"page {page.title}"):
    page.run()

# Last, so the page paints before the device probe (which imports the Keras backend) runs.
sidebar_status()
