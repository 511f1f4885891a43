"""Architecture: lands with its own issue; until then the page says so."""

import streamlit as st

from ui.i18n import t

st.title(t("nav.architecture"))
st.info(t("coming.next"))
