"""Draw: draw a garment, upload a photo or pick a test image; a trained model says what it is."""

import numpy as np
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit_drawable_canvas import st_canvas

from fmnist_core import architectures, data, inference
from fmnist_core.store import Run, RunStore
from ui import address, charts, kept_drawing, run_views
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
PREVIEW_SIDE = CANVAS  # a small upload is shown enlarged to about this many pixels
INPUT_WIDTH = CANVAS + 140  # the canvas, and room for the tool buttons
# The brush first, and chosen at first: a student drags to draw, and the polygon (chosen before)
# turned a drag into a few corner handles and classified nothing.
TOOLS = ["freedraw", "polygon", "rect", "circle"]
PICKER_WIDTH = 460  # the model picker: a long run name and its accuracy
BRUSH = 18  # the brush's width in canvas pixels until it is changed


def link_notice(linked: str, named: Run | None, shown: int) -> str:
    """Why the run the address names (``linked``, ``named`` when the studio has it) is not the
    model shown: the studio does not have it, or it has no tested model (queued, running,
    failed, stopped, or trained without scoring the test set)."""
    if named is None:
        return run_views.link_missing_text(linked, shown)
    status = t(f"status.{named.status}")
    if named.active:  # a model to come: said so, not as one that will never be there
        return t("draw.link_not_yet", linked=named.id, status=status, shown=shown)
    return t("draw.link_no_model", linked=named.id, status=status, shown=shown)


def pick_model(models: list[Run], store: RunStore) -> tuple[Run, DeltaGenerator]:
    """The model picker, best test accuracy first, following ``?run=N`` as the Train page's
    run picker does: a link to a run the page cannot draw with says so and which model is shown
    instead, and the choice goes into the address, so a refresh keeps it. Returns the model and
    the row the picker is in, for what goes beside it (or under it, in a narrow window)."""
    by_id = {run.id: run for run in models}
    linked = st.query_params.get("run")
    wanted = address.read("run", address.whole_number(1, 2**63 - 1))
    # Drawn on every run (filled or not), so that a notice gone on the next run shifts nothing.
    notice_slot = st.empty()
    if wanted not in by_id:
        if linked is not None:  # a link must not pass another run off as the one it names
            named = None if wanted is None else store.get_run(wanted)
            notice_slot.info(link_notice(linked, named, shown=models[0].id), icon="🔗")
        wanted = models[0].id
    address.hold("draw_model", wanted)
    # A row that wraps: the button beside a picker of a set width where the window has room,
    # under it where it has not. (Columns cut the button to "Downl…" in a 900-pixel window, and
    # a picker that stretched was squeezed to a few letters in a phone's.)
    beside = st.container(horizontal=True, vertical_alignment="bottom", gap="small")
    run_id = beside.selectbox(
        t("draw.model"),
        list(by_id),
        index=list(by_id).index(wanted),
        format_func=lambda i: model_label(by_id[i]),
        key="draw_model",
        width=PICKER_WIDTH,
        on_change=address.follow,
        args=("run", "draw_model"),
    )
    st.query_params["run"] = str(run_id)
    return by_id[run_id], beside


def models_to_draw_with(store: RunStore) -> list[Run]:
    """Finished runs' tested models, best test accuracy first, then the partial models that
    stopped runs kept, newest first: a student who stopped lecture-3 after a few of its slow
    epochs tries that model too."""
    tested = [run for run in store.list_runs(("finished",)) if run.test_accuracy is not None]
    tested.sort(key=lambda run: run.test_accuracy, reverse=True)
    partial = [run for run in store.list_runs(("stopped",)) if store.model_path(run.id).exists()]
    return tested + partial


def model_label(run: Run) -> str:
    """A model in the picker: its run, and its test accuracy or that it was stopped untested."""
    if run.test_accuracy is None:
        return t("draw.model_label_stopped", id=run.id, name=run.name)
    return t("draw.model_label", id=run.id, name=run.name, accuracy=run.test_accuracy)


def model_caption(run: Run, store: RunStore) -> str:
    """What the model is: its network and size, and its test score or how far it trained."""
    # The worker records the count as it starts; worked out from the network where it is not.
    params = run.params or architectures.summarise(run.spec).total_params
    if run.test_accuracy is not None:
        return t(
            "draw.model_caption",
            arch=run.architecture,
            params=params,
            accuracy=run.test_accuracy,
        )
    trained = run_views.stopped_during(run, store.epochs(run.id)).strip()
    return t(
        "draw.model_caption_stopped",
        arch=run.architecture,
        params=params,
        trained=trained,
    )


def drawing_input(pixels: np.ndarray) -> np.ndarray | None:
    """The canvas's RGBA pixels as the 28x28 image the model takes; None when the canvas shows
    nothing to classify (empty, or one flat colour)."""
    try:
        return inference.preprocess(pixels, background=0.0)
    except inference.InputError:
        return None


page_header("nav.draw", "draw.purpose")
store = open_store()
models = models_to_draw_with(store)
if not models:
    linked = st.query_params.get("run")
    if linked is not None:  # a link to a run still training, or of another studio
        wanted = address.read("run", address.whole_number(1, 2**63 - 1))
        named = None if wanted is None else store.get_run(wanted)
        if named is not None and named.active:
            status = t(f"status.{named.status}")
            st.info(t("draw.link_not_yet_none", linked=named.id, status=status), icon="🔗")
        else:
            st.info(t("draw.link_no_models", linked=linked), icon="🔗")
    address.keep({"run": None})  # ...opens a plain page
    stop_without_runs("draw.no_model", "🧠")

names = class_name_list()
chosen, beside_picker = pick_model(models, store)
run_id = chosen.id
# The caption right under the picker: the canvas is what a student came for, and each line above
# it pushed it further down a laptop's window.
st.caption(model_caption(chosen, store))

source = st.segmented_control(
    t("draw.source"),
    ["canvas", "upload", "test"],
    default="canvas",
    required=True,
    format_func=lambda s: t(f"draw.source_{s}"),
    key="draw_source",
    persist_state="session",
)
# Side by side where the window has room, the answer under the drawing where it has not: two
# columns squeezed the canvas (which keeps its size) under the answer in a small window.
row = st.container(horizontal=True, gap="large")
input_column = row.container(width=INPUT_WIDTH)
output_column = row.container(width="stretch")

# --- the input: canvas, photo or test image -----------------------------------------------------
image = None  # the (28, 28) float32 the model sees
waiting = "draw.waiting"  # what the answer's side says until there is an image to classify
true_label = None
with input_column:
    if source == "canvas":
        # The tools in one row, the canvas right under them and the rest below it: stacked,
        # they put the canvas below the fold of a 1000-pixel window.
        tools = st.container(horizontal=True, vertical_alignment="bottom", gap="medium")
        with tools:
            tool = st.pills(
                t("draw.tool"),
                TOOLS,
                default="freedraw",
                required=True,
                format_func=lambda m: t(f"draw.tool_{m}"),
                key="draw_tool",
                # Kept while another input is shown, as the drawing is (kept_drawing).
                persist_state="session",
            )
            # Only for the brush, the one tool it sizes: a greyed-out slider took a line of its
            # own above the canvas for the other three.
            brush = BRUSH
            if tool == "freedraw":
                brush = st.slider(
                    t("draw.brush"),
                    4,
                    40,
                    BRUSH,
                    key="draw_brush",
                    width=150,
                    persist_state="session",
                )
        st.space("small")  # the canvas's toolbar sits above it and covered what came before
        # The toggle is drawn under the canvas, which needs its value first.
        st.session_state.setdefault("draw_live", True)
        live = st.session_state["draw_live"]
        canvas_key = kept_drawing.canvas_key(st.session_state)
        # Back from another input, the canvas opens with the drawing it had when it was left.
        opened_with = kept_drawing.open_canvas(
            st.session_state, on_page=canvas_key in st.session_state
        )
        canvas = st_canvas(
            fill_color="#FFFFFF",
            stroke_color="#FFFFFF",
            background_color="#000000",
            stroke_width=brush if tool == "freedraw" else 2,
            drawing_mode=tool,
            height=CANVAS,
            width=CANVAS,
            # Always: with "Classify as I draw" off, the page still gets each stroke (and skips
            # the model), so Classify has the drawing; the component's own send button, which
            # the canvas shows otherwise, is one nobody finds.
            update_streamlit=True,
            initial_drawing=None if opened_with is None else opened_with.drawing,
            return_image_data=True,
            key=canvas_key,
        )
        after = st.container(horizontal=True, vertical_alignment="center", gap="medium")
        with after:
            st.toggle(t("draw.live"), key="draw_live", persist_state="session")
            pressed = st.button(t("draw.classify"), key="draw_classify", disabled=live)
        st.caption(t("draw.hint"))
        if opened_with is not None:
            st.button(
                t("draw.new_drawing"),
                icon=":material/restart_alt:",
                key="draw_new_drawing",
                help=t("draw.new_drawing_help"),
                on_click=kept_drawing.start_new,
                args=(st.session_state,),
            )
        # The component hands back no pixels until it first reports: an empty canvas, or the
        # drawing it was opened with (whose image was kept with it). Live mode simply waits for
        # the first stroke; the button says what to do.
        pixels = canvas.image_data
        drawn = None if pixels is None else drawing_input(pixels)
        if pixels is not None:
            kept_drawing.keep(st.session_state, canvas.json_data, drawn)
        current = kept_drawing.image_to_classify(opened_with, pixels is not None, drawn)
        image = kept_drawing.answered(st.session_state, current, live, pressed)
        if current is None and pressed:
            st.info(t("draw.empty"), icon="✏️")
        elif image is None and drawn is not None:  # drawn since the last Classify
            waiting = "draw.waiting_button"
    elif source == "upload":
        # No type= list: the browser would refuse any other file with a chip of its own and never
        # tell the page, so the message below kept naming the file before it. Every file reaches
        # read_upload, which says what is wrong with it by name. (A file over
        # server.maxUploadSize is still refused by Streamlit alone, in its chip.)
        upload = st.file_uploader(
            t("draw.upload", megabytes=f"{inference.MAX_UPLOAD_BYTES / 1e6:.0f}"),
            key="draw_upload",
            help=t("draw.upload_help", megapixels=f"{inference.MAX_PIXELS / 1e6:.0f}"),
        )
        if upload is not None:
            try:
                loaded = inference.prepare_upload(upload.getvalue(), upload.name)
                image = loaded.image
            except inference.InputError as error:
                st.error(t("draw.bad_upload", error=input_text(error)), icon="🚫")
            else:
                for note in loaded.notes:
                    st.info(input_text(note))
                shown = inference.as_seen(loaded.pixels)
                # A few pixels' picture in crisp blocks, as the model's own view below shows it:
                # the browser blurred a 3x3 one into a smooth gradient.
                factor = max(1, PREVIEW_SIDE // max(shown.shape[:2]))
                with st.container(key="draw_upload_preview"):
                    # A frame: a white background merged with the page, leaving a bare shape.
                    st.html(
                        "<style>.st-key-draw_upload_preview img"
                        " {border: 1px solid rgba(49, 51, 63, 0.2);}</style>"
                    )
                    st.image(data.enlarge(shown, factor), caption=upload.name, width="stretch")
    else:
        dataset = load_dataset_or_stop()
        count = len(dataset.test_labels)
        if st.button(t("draw.random"), icon=":material/casino:", key="draw_random"):
            st.session_state["draw_index"] = int(np.random.default_rng().integers(count))
        # No bounds on the box: a bounded one kept 123456 typed in red with its own English
        # message, even after "Random test image" had chosen another image. Said here instead.
        index = st.number_input(t("draw.index"), step=1, key="draw_index")
        if not 0 <= index < count:
            st.warning(t("draw.index_out_of_range", index=index, last=f"{count - 1:,}"), icon="🔢")
        else:
            true_label = int(dataset.test_labels[index])
            image = data.to_model_input(dataset.test_images[index : index + 1])[0, ..., 0]
            st.image(
                data.enlarge(dataset.test_images[index], 8),
                width=CANVAS,
                caption=t("draw.true_label", name=names[true_label]),
            )

# --- what the model sees and thinks --------------------------------------------------------------
with output_column:
    try:
        # Loaded while the student draws, not after: on a fresh server the first answer waited
        # for Keras itself to load (8 s and more on a busy laptop) under a page that looked idle.
        with st.spinner(t("draw.loading_model")):
            model = run_model(run_id)
    except inference.InputError as error:  # a damaged, oversized or foreign model file
        st.error(input_text(error), icon="🚫")  # and no promise of an answer above it
        end_page()
    # The download beside the picker, once the model has opened: a damaged file is no gift.
    with beside_picker:
        run_views.model_download(chosen, store.model_path(run_id), key="draw_download_model")
    if image is None:
        st.caption(t(waiting))
    else:
        probabilities = inference.predict(model, image)
        top = int(np.argmax(probabilities))
        # The answer first: one under the drawing in a small window, it was two images down.
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
        st.plotly_chart(
            charts.probability_bars(probabilities),
            config=charts.toolbar(),
            key="draw_probabilities",
        )
        if true_label is None:  # a drawing or a photo: it may be no garment at all
            st.caption(t("draw.only_ten"))
        seen_column, heat_column = st.columns(2)
        seen_column.image(
            data.enlarge((image * 255).astype(np.uint8), 6), caption=t("draw.seen"), width="stretch"
        )
        heat_column.image(
            charts.saliency_overlay(image, inference.saliency(model, image), 6),
            caption=t("draw.saliency"),
            width="stretch",
        )
        st.caption(t("draw.saliency_help"))

# --- what each layer sees: only computed while the section is open (live drawing stays fast) ----
if image is not None:
    maps_section = st.expander(
        t("maps.title"), icon=":material/layers:", key="draw_maps_open", on_change="rerun"
    )
    if maps_section.open:
        with maps_section:
            show_feature_maps(run_id, image, "draw_maps")
