"""Dataset: browse Fashion-MNIST as an image grid, filter it, and inspect one image closely."""

import numpy as np
import streamlit as st

from fmnist_core import data
from ui import address, charts
from ui.common import (
    ON_A_PHONE,
    class_name_list,
    load_dataset_or_stop,
    page_header,
    sample_banner,
    side_by_side_on_phones,
)
from ui.i18n import t

GRID_SIZES = list(range(4, 13))
DEFAULT_GRID = 6
ZOOM = 3  # 28 px -> 84 px per thumbnail, pixels kept sharp
ALL_CLASSES = list(range(data.NUM_CLASSES))
SEEDS = address.whole_number(0, 2**31 - 1)


CLASS = address.whole_number(0, data.NUM_CLASSES - 1)


def class_list(texts: list[str]) -> list[int] | None:
    """``?classes=1&classes=3`` as the classes [1, 3] (a class named twice counts once); those
    it names well (``classes=1&classes=42`` is class 1, the rest said); None when none does."""
    parts = {CLASS(text) for text in texts} - {None}
    return sorted(parts) or None


@st.cache_resource(show_spinner=False)
def class_means(split: str) -> np.ndarray:
    # Keyed by split alone: the dataset is one per process, so this runs twice at most.
    dataset = load_dataset_or_stop()
    return data.class_mean_images(dataset.images(split), dataset.labels(split))


# The settings the address holds, each with its widget's default.
DEFAULTS = {
    "dataset_split": "train",
    "dataset_classes": ALL_CLASSES,
    "dataset_grid": DEFAULT_GRID,
    "dataset_shuffle": False,
    "dataset_seed": 0,
}
ADDRESS_PARAMS = ("split", "classes", "grid", "seed", "page", "image")


UP_CLOSE_KEY = "_dataset_up_close"  # the image whose caption was clicked, shown once in a dialog


def open_up_close(index: int) -> None:
    """A caption's click: that image becomes the one inspected (so the address and the section
    below follow it), and it opens in a dialog on this draw."""
    st.session_state["dataset_inspect"] = index
    st.session_state[UP_CLOSE_KEY] = index


def show_up_close(index: int, split: str, where: str) -> None:
    """One image up close: its label, its pixel values as a heatmap, their histogram."""
    image, label = dataset.images(split)[index], int(dataset.labels(split)[index])
    st.markdown(
        t("dataset.label", index=index, split=t(f"split.{split}"), label=label, name=names[label])
    )
    heatmap_col, histogram_col = st.columns([3, 2])
    heatmap_col.plotly_chart(
        charts.image_heatmap(image), config=charts.toolbar(), key=f"{where}_heatmap"
    )
    histogram_col.plotly_chart(
        charts.intensity_histogram(image), config=charts.toolbar(), key=f"{where}_histogram"
    )


@st.dialog(t("dataset.inspect"), width="large")
def up_close_dialog(index: int, split: str) -> None:
    show_up_close(index, split, "dataset_dialog")


page_header("nav.dataset", "dataset.purpose")
dataset = load_dataset_or_stop()
sample_banner(dataset)
names = class_name_list()

# The view in the address (?split=test&classes=1&page=3&image=9802): a refresh or a link sent
# to the class opens it as it was. Read before the widgets are drawn, into their state: on the
# page's first draw, and when a link followed later in the session (a Lecture step's caption)
# names another view than the page last wrote, each setting it leaves out at its default.
# Before, such a link showed the view the page was left in, without the image it named.
first_visit = address.first_visit("dataset")
followed = not first_visit and address.link_followed("dataset", ADDRESS_PARAMS)
from_address = first_visit or followed
notice = st.empty()  # says which part of the address could not be used, once it is all read
linked: dict[str, object] = {}
if from_address:
    linked = {
        "split": address.read("split", lambda s: s if s in data.SPLITS else None),
        "classes": address.read_all("classes", class_list),
        "grid": address.read("grid", lambda s: int(s) if s in map(str, GRID_SIZES) else None),
        "seed": address.read("seed", SEEDS),
    }
    for key, value in (
        ("dataset_split", linked["split"]),
        ("dataset_classes", linked["classes"]),
        ("dataset_grid", linked["grid"]),
        ("dataset_shuffle", None if linked["seed"] is None else True),
        ("dataset_seed", linked["seed"]),
    ):
        if value is not None:
            st.session_state[key] = value
        elif followed:
            st.session_state[key] = DEFAULTS[key]
# Defaults through the state, not the widgets' own: a widget given both warns on the page. The
# widgets keep their values for the whole session (persist_state), so a visit to another page
# comes back to the same view.
for key, value in DEFAULTS.items():
    st.session_state.setdefault(key, value)

# One row of filters that wraps onto more lines in a narrow window instead of squeezing each
# control until its labels are cut off (columns keep their share however narrow they get).
filters = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")
split = filters.segmented_control(
    t("dataset.split"),
    data.SPLITS,
    format_func=lambda s: t(f"split.{s}"),
    required=True,
    key="dataset_split",
    persist_state="session",
)
classes = filters.multiselect(
    t("dataset.classes"),
    ALL_CLASSES,
    format_func=names.__getitem__,
    placeholder=t("dataset.choose_classes"),
    # "Select all" brings every class back; by prefix, "Shirt" then Enter adds the shirts alone
    # (fuzzy matching added "T-shirt/top" too, with Enter picking "Select 2 matches").
    filter_mode="prefix",
    width=330,
    key="dataset_classes",
    persist_state="session",
)
side = filters.select_slider(
    t("dataset.grid"),
    GRID_SIZES,
    format_func=lambda n: f"{n}×{n}",
    width=140,
    key="dataset_grid",
    persist_state="session",
)
shuffle = filters.toggle(t("dataset.shuffle"), key="dataset_shuffle", persist_state="session")
seed = filters.number_input(
    t("dataset.seed"),
    min_value=0,
    max_value=2**31 - 1,
    step=1,
    disabled=not shuffle,
    width=130,
    key="dataset_seed",
    persist_state="session",
)
page, chosen = 1, None

images, labels = dataset.images(split), dataset.labels(split)
if not classes:
    st.info(t("dataset.no_class"))
else:
    order = data.browse_order(labels, classes, int(seed) if shuffle else None)
    per_page = side * side
    pages = max(1, -(-len(order) // per_page))
    # Keyed by the filter, so a new filter starts again at page 1.
    page_key = f"dataset_page_{split}_{sorted(classes)}_{shuffle}_{seed}_{side}"
    if from_address:
        linked["page"] = address.read("page", address.whole_number(1, pages))
        # A link to one image opens the page that holds it (when it is of the split and
        # classes shown), whatever page the link says.
        wanted = np.flatnonzero(order == address.read("image", SEEDS))
        if len(wanted):
            linked["page"] = int(wanted[0]) // per_page + 1
        if linked["page"] or followed:  # a link that names no page opens the first
            # Through the state, not ``default``: a widget's default is part of who it is, so a
            # default of 2 on this visit and 1 on the next made a new pagination that forgot it.
            st.session_state[page_key] = linked["page"] or 1
    page = st.pagination(pages, key=page_key, persist_state="session")
    shown = order[(page - 1) * per_page : page * per_page]
    st.caption(
        t(
            "dataset.showing",
            count=len(order),
            classes=t(
                "dataset.classes_all"
                if len(classes) == data.NUM_CLASSES
                else "dataset.classes_some",
                count=len(classes),
                total=data.NUM_CLASSES,
            ),
            page=page,
            pages=pages,
            first=(page - 1) * per_page + 1,
            last=(page - 1) * per_page + len(shown),
        )
    )

    # Up to 6×6 a phone has room for "#12 · Sneaker" under each image; a larger grid shows
    # the images alone there (the box under the grid opens any of them).
    grid = side_by_side_on_phones("dataset_images", captions_fit=side <= DEFAULT_GRID)
    for row_start in range(0, len(shown), side):
        for column, index in zip(
            grid.columns(side), shown[row_start : row_start + side], strict=False
        ):
            cell = column.container(gap=None)  # the caption right under its image
            cell.image(data.enlarge(images[index], ZOOM), width="stretch")
            # The caption is the way in: a click opens the image up close, where it is (an
            # image cannot be clicked in Streamlit, and the section below is a long scroll away).
            cell.button(
                # Small, as a caption is: the full size wrapped twice as often in a narrow grid.
                f":small[{t('dataset.caption', index=int(index), name=names[labels[index]])}]",
                key=f"dataset_open_{index}",
                help=t("dataset.open_help"),
                on_click=open_up_close,
                args=(int(index),),
                type="tertiary",
                width="stretch",
                wrap=True,  # a narrow column wraps the class name instead of cutting it off
            )

    st.subheader(t("dataset.inspect"))
    on_page = shown.tolist()
    if from_address:
        found = address.read("image", SEEDS)
        linked["image"] = found if found in on_page else None  # on the page shown, or not used
        if linked["image"] is not None:
            # Opened up close, as its caption's click does: the section below is a long
            # scroll away from where a link lands.
            open_up_close(linked["image"])
    chosen = st.selectbox(
        t("dataset.inspect_pick"),
        on_page,
        format_func=lambda i: t("dataset.caption", index=i, name=names[labels[i]]),
        key="dataset_inspect",
        persist_state="session",
    )
    if chosen is not None:
        show_up_close(chosen, split, "dataset")
    up_close = st.session_state.pop(UP_CLOSE_KEY, None)
    if up_close in on_page:
        up_close_dialog(up_close, split)

unused = address.unusable(linked)
left_out = None  # some classes named well, some not: the good ones are shown, the others said
if from_address and linked.get("classes") is not None:
    wrong = [text for text in st.query_params.get_all("classes") if CLASS(text) is None]
    if wrong:
        said = f"classes={', '.join(wrong)} ({t('dataset.takes_classes')})"
        left_out = t("address.left_out", params=said)
# An image of the split that the classes shown leave out: said as such, not as out of range.
other_class = None
if from_address and "image" in unused and classes:
    number = address.read("image", address.whole_number(0, len(labels) - 1))
    if number is not None and int(labels[number]) not in classes:
        other_class = t("dataset.image_other_class", index=number, name=names[labels[number]])
        unused.remove("image")
# A setting the page does not have (a hand-typed ?class=3): said, with the name it may mean.
strangers = address.unknown(ADDRESS_PARAMS) if from_address else {}
slips = [
    f"{param} ({t('address.did_you_mean', name=meant)})" if meant else param
    for param, meant in strangers.items()
]
not_settings = slips and t(
    "address.unknown_one" if len(slips) == 1 else "address.unknown_many",
    params=", ".join(slips),
    known=", ".join(ADDRESS_PARAMS),
)
if unused or other_class or left_out or not_settings:
    # Each part with what it takes, so the sender of a link can mend it.
    takes = {
        "split": t("dataset.takes_split"),
        "classes": t("dataset.takes_classes"),
        "grid": t("dataset.takes_range", low=GRID_SIZES[0], high=GRID_SIZES[-1]),
        "seed": t("dataset.takes_seed"),
        "page": t("dataset.takes_range", low=1, high=f"{pages:,}") if classes else "",
        "image": t("dataset.takes_image", last=f"{len(labels) - 1:,}"),
    }
    said = ", ".join(f"{param} ({takes[param]})" if takes[param] else param for param in unused)
    notices = [t("address.unusable", params=said)] if unused else []
    notices += [text for text in (left_out, other_class, not_settings) if text]
    notice.info(" ".join(notices), icon="🔗")
address.keep(
    {
        "split": None if split == "train" else split,
        "classes": None if sorted(classes) == ALL_CLASSES else [str(c) for c in sorted(classes)],
        "grid": None if side == DEFAULT_GRID else str(side),
        "seed": str(int(seed)) if shuffle else None,
        "page": None if page == 1 else str(page),
        "image": None if chosen is None or chosen == on_page[0] else str(chosen),
        # Said once above, then out of the address, as an unusable value is.
        **dict.fromkeys(strangers),
    },
    page="dataset",
)

st.subheader(t("dataset.overview"))
split_name = t(f"split.{split}")
st.plotly_chart(
    charts.class_count_bars(data.class_counts(labels), split),
    config=charts.toolbar(),
    key="dataset_counts",
)
st.markdown(f"**{t('dataset.means', split=split_name)}**")
means = [data.enlarge(mean.astype(np.uint8), ZOOM) for mean in class_means(split)]
# One row of ten where the window has room; on a phone two rows of five, each image with its
# name: there the row of ten stacked into ten full-width images, half the page's length.
# Both are drawn (ten small images) and the screen's width shows one of them.
st.html(
    "<style>.st-key-dataset_means_phone {display: none;}"
    f" {ON_A_PHONE} {{.st-key-dataset_means_wide {{display: none;}}"
    " .st-key-dataset_means_phone {display: flex;}}</style>"
)
with st.container(key="dataset_means_wide"):
    for column, label in zip(st.columns(data.NUM_CLASSES), range(10), strict=True):
        column.image(means[label], caption=names[label], width="stretch")
with side_by_side_on_phones("dataset_means_phone"):
    for row in (range(5), range(5, 10)):
        for column, label in zip(st.columns(5), row, strict=True):
            column.image(means[label], caption=names[label], width="stretch")
