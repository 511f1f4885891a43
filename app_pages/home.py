"""Home: what the studio is and where to start."""

import streamlit as st

from ui.common import class_name_list, load_dataset_or_stop, page_header, sample_banner
from ui.i18n import t

page_header("app.title", "home.purpose")
dataset = load_dataset_or_stop()
sample_banner(dataset)

st.markdown(t("home.steps"))
images, classes = st.columns(2)
images.metric(t("home.images"), f"{len(dataset.train_labels) + len(dataset.test_labels):,}")
classes.metric(t("home.classes"), "10")
st.caption(" · ".join(f"{i} {name}" for i, name in enumerate(class_name_list())))
