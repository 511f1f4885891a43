"""Dataset: browse Fashion-MNIST as an image grid, filter it, and inspect one image closely."""

import numpy as np
import streamlit as st

from fmnist_core import data
from ui import charts
from ui.common import class_name_list, load_dataset_or_stop, page_header, sample_banner
from ui.i18n import t

GRID_SIZES = list(range(4, 13))
ZOOM = 3  # 28 px -> 84 px per thumbnail, pixels kept sharp


@st.cache_resource(show_spinner=False)
def class_means(split: str) -> np.ndarray:
    # Keyed by split alone: the dataset is one per process, so this runs twice at most.
    dataset = load_dataset_or_stop()
    return data.class_mean_images(dataset.images(split), dataset.labels(split))


page_header("nav.dataset", "dataset.purpose")
dataset = load_dataset_or_stop()
sample_banner(dataset)
names = class_name_list()

# One row of filters that wraps onto more lines in a narrow window instead of squeezing each
# control until its labels are cut off (columns keep their share however narrow they get).
filters = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")
split = filters.segmented_control(
    t("dataset.split"),
    data.SPLITS,
    format_func=lambda s: t(f"split.{s}"),
    default="train",
    required=True,
    key="dataset_split",
)
classes = filters.multiselect(
    t("dataset.classes"),
    list(range(data.NUM_CLASSES)),
    default=list(range(data.NUM_CLASSES)),
    format_func=names.__getitem__,
    placeholder=t("dataset.choose_classes"),
    width=330,
    key="dataset_classes",
)
side = filters.select_slider(
    t("dataset.grid"),
    GRID_SIZES,
    value=6,
    format_func=lambda n: f"{n}×{n}",
    width=140,
    key="dataset_grid",
)
shuffle = filters.toggle(t("dataset.shuffle"), key="dataset_shuffle")
seed = filters.number_input(
    t("dataset.seed"),
    min_value=0,
    max_value=2**31 - 1,
    value=0,
    step=1,
    disabled=not shuffle,
    width=130,
    key="dataset_seed",
)

images, labels = dataset.images(split), dataset.labels(split)
if not classes:
    st.info(t("dataset.no_class"))
else:
    order = data.browse_order(labels, classes, int(seed) if shuffle else None)
    per_page = side * side
    pages = max(1, -(-len(order) // per_page))
    # Keyed by the filter, so a new filter starts again at page 1.
    page = st.pagination(
        pages, key=f"dataset_page_{split}_{sorted(classes)}_{shuffle}_{seed}_{side}"
    )
    shown = order[(page - 1) * per_page : page * per_page]
    st.caption(
        t(
            "dataset.showing",
            count=len(order),
            page=page,
            pages=pages,
            first=(page - 1) * per_page + 1,
            last=(page - 1) * per_page + len(shown),
        )
    )

    for row_start in range(0, len(shown), side):
        for column, index in zip(
            st.columns(side), shown[row_start : row_start + side], strict=False
        ):
            column.image(
                data.enlarge(images[index], ZOOM),
                caption=t("dataset.caption", index=int(index), name=names[labels[index]]),
                width="stretch",
            )

    st.subheader(t("dataset.inspect"))
    chosen = st.selectbox(
        t("dataset.inspect_pick"),
        shown.tolist(),
        format_func=lambda i: t("dataset.caption", index=i, name=names[labels[i]]),
        key="dataset_inspect",
    )
    if chosen is not None:
        image = images[chosen]
        st.markdown(
            t(
                "dataset.label",
                index=chosen,
                split=t(f"split.{split}"),
                label=int(labels[chosen]),
                name=names[labels[chosen]],
            )
        )
        heatmap_col, histogram_col = st.columns([3, 2])
        heatmap_col.plotly_chart(charts.image_heatmap(image), key="dataset_heatmap")
        histogram_col.plotly_chart(charts.intensity_histogram(image), key="dataset_histogram")

st.subheader(t("dataset.overview"))
split_name = t(f"split.{split}")
st.plotly_chart(charts.class_count_bars(data.class_counts(labels), split), key="dataset_counts")
st.markdown(f"**{t('dataset.means', split=split_name)}**")
for column, label, mean in zip(
    st.columns(data.NUM_CLASSES), range(10), class_means(split), strict=True
):
    column.image(data.enlarge(mean.astype(np.uint8), ZOOM), caption=names[label], width="stretch")
