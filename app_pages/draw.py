"""Draw: draw a garment, upload a photo or pick a test image; a trained model says what it is."""

import numpy as np
import streamlit as st
from streamlit_drawable_canvas import st_canvas

from fmnist_core import data, inference
from ui import charts, run_views
from ui.common import (
    class_name_list,
    end_page,
    load_dataset_or_stop,
    open_store,
    page_header,
    stop_without_runs,
)
from ui.feature_maps import show_feature_maps
from ui.i18n import input_text, t
from ui.models import run_model

CANVAS = 280
TOOLS = ["polygon", "rect", "circle", "freedraw"]

page_header("nav.draw", "draw.purpose")
store = open_store()
finished = [run for run in store.list_runs(("finished",)) if run.test_accuracy is not None]
if not finished:
    stop_without_runs("draw.no_model", "🧠")

names = class_name_list()
best_first = sorted(finished, key=lambda run: run.test_accuracy, reverse=True)
by_id = {run.id: run for run in best_first}
run_id = st.selectbox(
    t("draw.model"),
    list(by_id),
    format_func=lambda i: t(
        "draw.model_label", id=i, name=by_id[i].name, accuracy=by_id[i].test_accuracy
    ),
    key="draw_model",
)
chosen = by_id[run_id]
caption_column, download_column = st.columns([3, 1], vertical_alignment="center")
caption_column.caption(
    t(
        "draw.model_caption",
        arch=chosen.architecture,
        params=chosen.params or 0,
        accuracy=chosen.test_accuracy,
    )
)
with download_column:
    run_views.model_download(chosen, store.model_path(run_id), key="draw_download_model")

source = st.segmented_control(
    t("draw.source"),
    ["canvas", "upload", "test"],
    default="canvas",
    required=True,
    format_func=lambda s: t(f"draw.source_{s}"),
    key="draw_source",
)
input_column, output_column = st.columns([1, 1.25])

# --- the input: canvas, photo or test image -----------------------------------------------------
image = None  # the (28, 28) float32 the model sees
true_label = None
with input_column:
    if source == "canvas":
        tool = st.pills(
            t("draw.tool"),
            TOOLS,
            default="polygon",
            required=True,
            format_func=lambda m: t(f"draw.tool_{m}"),
            key="draw_tool",
        )
        brush = st.slider(t("draw.brush"), 4, 40, 18, key="draw_brush", disabled=tool != "freedraw")
        live = st.toggle(t("draw.live"), value=True, key="draw_live")
        st.caption(t("draw.hint"))
        st.space("small")  # the canvas's toolbar sits above it and covered the hint's last line
        canvas = st_canvas(
            fill_color="#FFFFFF",
            stroke_color="#FFFFFF",
            background_color="#000000",
            stroke_width=brush if tool == "freedraw" else 2,
            drawing_mode=tool,
            height=CANVAS,
            width=CANVAS,
            update_streamlit=live,
            return_image_data=True,
            key="draw_canvas",
        )
        pressed = st.button(t("draw.classify"), key="draw_classify", disabled=live)
        # The component hands back no pixels until it first reports: an empty canvas, a normal
        # state. Live mode simply waits for the first stroke; the button says what to do.
        pixels = canvas.image_data if canvas is not None else None
        if live or pressed:
            try:
                image = None if pixels is None else inference.preprocess(pixels, background=0.0)
            except inference.InputError:
                image = None
            if image is None and pressed:
                st.info(t("draw.empty"), icon="✏️")
    elif source == "upload":
        upload = st.file_uploader(
            t("draw.upload"),
            type=["png", "jpg", "jpeg", "webp"],
            key="draw_upload",
            help=t("draw.upload_help"),
        )
        if upload is not None:
            try:
                loaded = inference.read_upload(upload.getvalue(), upload.name)
                image = inference.preprocess(loaded.pixels, background=255.0, name=upload.name)
            except inference.InputError as error:
                st.error(t("draw.bad_upload", error=input_text(error)), icon="🚫")
            else:
                for note in loaded.notes:
                    st.info(input_text(note))
                st.image(loaded.pixels, caption=upload.name, width="stretch")
    else:
        dataset = load_dataset_or_stop()
        count = len(dataset.test_labels)
        if st.button(t("draw.random"), icon=":material/casino:", key="draw_random"):
            st.session_state["draw_index"] = int(np.random.default_rng().integers(count))
        index = st.number_input(t("draw.index"), 0, count - 1, key="draw_index")
        true_label = int(dataset.test_labels[index])
        image = data.to_model_input(dataset.test_images[index : index + 1])[0, ..., 0]
        st.image(
            data.enlarge(dataset.test_images[index], 8),
            width=CANVAS,
            caption=t("draw.true_label", name=names[true_label]),
        )

# --- what the model sees and thinks --------------------------------------------------------------
with output_column:
    if image is None:
        st.caption(t("draw.waiting"))
    else:
        try:
            with st.spinner(t("draw.loading_model")):
                model = run_model(run_id)
        except inference.InputError as error:  # a damaged, oversized or foreign model file
            st.error(input_text(error), icon="🚫")
            end_page()
        probabilities = inference.predict(model, image)
        top = int(np.argmax(probabilities))
        seen_column, heat_column = st.columns(2)
        seen_column.image(
            data.enlarge((image * 255).astype(np.uint8), 6), caption=t("draw.seen"), width="stretch"
        )
        heat_column.image(
            charts.saliency_overlay(image, inference.saliency(model, image), 6),
            caption=t("draw.saliency"),
            width="stretch",
        )
        st.metric(
            t("draw.answer"),
            names[top],
            delta=f"{probabilities[top]:.1%}",
            delta_color="off",
            delta_arrow="off",
        )
        if true_label is not None:
            if top == true_label:
                st.success(t("draw.right"), icon="✅")
            else:
                st.error(t("draw.wrong", name=names[true_label]), icon="❌")
        st.plotly_chart(charts.probability_bars(probabilities), key="draw_probabilities")

# --- what each layer sees: only computed while the section is open (live drawing stays fast) ----
if image is not None:
    maps_section = st.expander(
        t("maps.title"), icon=":material/layers:", key="draw_maps_open", on_change="rerun"
    )
    if maps_section.open:
        with maps_section:
            show_feature_maps(run_id, image, "draw_maps")
