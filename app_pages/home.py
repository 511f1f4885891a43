"""Home: what the studio is, where to start, and the lecture it follows."""

import pandas as pd
import streamlit as st

from fmnist_core import architectures, data
from fmnist_core.measured import LECTURE_TEST_ACCURACY, claim, committed_claims
from fmnist_core.training import RECIPES
from ui.common import class_name_list, load_dataset_or_stop, page_header, sample_banner
from ui.i18n import claim_figures, claim_range_text, claim_seeds_text, duration_text, t


def epochs_cell(claim) -> str:
    """The epochs measured, and the recipe's own when the record cut it short ("4 of 30": the
    GPU recipe measured on a CPU)."""
    planned = RECIPES[claim.recipe].epochs
    if claim.epochs == planned:
        return str(claim.epochs)
    return t("home.epochs_cut", epochs=claim.epochs, planned=planned)


page_header("app.title", "home.purpose")
dataset = load_dataset_or_stop()
sample_banner(dataset)

images, classes, presets = st.columns(3)
image_count = len(dataset.train_labels) + len(dataset.test_labels)  # of the data in use
images.metric(t("home.images"), f"{image_count:,}")
classes.metric(t("home.classes"), f"{data.NUM_CLASSES}")
presets.metric(t("home.presets"), f"{len(architectures.PRESETS)}")
st.caption(" · ".join(f"{i} {name}" for i, name in enumerate(class_name_list())))

st.subheader(t("home.start"))
st.markdown(t("home.start_here"))
# Cards of a fixed width in a row that wraps: three a row in a wide window, one in a narrow one,
# never squeezed until their words break.
links = st.container(horizontal=True, gap="medium")
for page, icon in [
    ("lecture", ":material/school:"),
    ("dataset", ":material/grid_view:"),
    ("architecture", ":material/account_tree:"),
    ("train", ":material/model_training:"),
    ("compare", ":material/compare_arrows:"),
    ("draw", ":material/draw:"),
]:
    with links.container(border=True, width=280):
        st.page_link(f"app_pages/{page}.py", label=t(f"nav.{page}"), icon=icon)
        # Every count shown is the data's own: the offline sample has 4,000 images, not 70,000.
        st.caption(t(f"home.about_{page}", count=image_count))

st.subheader(t("home.lecture"))
st.table(  # static, as the table below: a phone's window cut the dataframe's last column
    pd.DataFrame(
        {
            t("home.col_model"): [architectures.PRESETS[k]["name"] for k in LECTURE_TEST_ACCURACY],
            t("arch.total"): [
                f"{architectures.summarise(architectures.preset(k)).total_params:,}"
                for k in LECTURE_TEST_ACCURACY
            ],
            t("home.col_lecture_accuracy"): [f"{v:.2%}" for v in LECTURE_TEST_ACCURACY.values()],
        }
    ),
    hide_index=True,
)
st.caption(t("home.lecture_note"))

st.subheader(t("home.measured"))
# Every figure here is read from the committed benchmark records (fmnist_core/measured.py).
claims = committed_claims()
if not claims:
    st.info(t("home.no_measurement"), icon=":material/info:")
else:
    st.caption(t("home.measured_intro"))
    figures = [claim_figures(claim) for claim in claims]
    # A static table: it wraps its cells, so every column fits the page at any width (a
    # dataframe cuts the right-hand columns off behind a scroll bar).
    st.table(
        pd.DataFrame(
            {
                t("home.col_model"): [architectures.PRESETS[c.preset]["name"] for c in claims],
                t("home.col_recipe"): [t(f"train.recipe_{c.recipe}") for c in claims],
                t("home.col_epochs"): [epochs_cell(c) for c in claims],
                t("home.col_accuracy"): [claim_range_text(c) for c in claims],
                t("home.col_seeds"): [claim_seeds_text(c) for c in claims],
                t("home.col_training_time"): [duration_text(c.median_seconds) for c in claims],
                t("home.col_measured_on"): [f"{f['machine']}, {f['date']}" for f in figures],
            }
        ),
        hide_index=True,
    )
    lecture_3 = claim("lecture-3", "lecture")
    lecture_time = duration_text(lecture_3.median_seconds) if lecture_3 else "—"
    st.caption(t("home.measured_note", lecture_time=lecture_time))
