"""Draw: lands with its own issue; until then the page says so."""

import streamlit as st

from ui.i18n import t

st.title(t("nav.draw"))
st.info(t("coming.next"))
