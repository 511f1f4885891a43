"""Everything a page shows as text, and the English words among it, for the Korean UI test."""

from __future__ import annotations

import json
import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from fmnist_core import architectures, measured, training

WIDGETS = (
    "button",
    "checkbox",
    "toggle",
    "selectbox",
    "multiselect",
    "radio",
    "text_input",
    "text_area",
    "number_input",
    "slider",
    "select_slider",
    "download_button",
    "file_uploader",
    "tabs",
    "expander",
    "segmented_control",
    "pills",
)
TEXTS = (
    "title",
    "header",
    "subheader",
    "caption",
    "markdown",
    "info",
    "warning",
    "success",
    "error",
    "text",
)


def visible_texts(app: AppTest) -> list[str]:
    """Every piece of text the page shows: prose, labels, options, table headings and cells,
    chart titles and axis titles."""
    parts: list[str] = []
    for kind in TEXTS:
        parts += [str(element.value) for element in getattr(app, kind)]
    for metric in app.metric:
        parts += [str(metric.label), str(metric.value)]
    for kind in WIDGETS:
        for widget in getattr(app, kind, []):
            parts.append(str(getattr(widget, "label", "") or ""))
            parts += [str(option) for option in getattr(widget, "options", []) or []]
            parts.append(str(getattr(widget, "placeholder", "") or ""))
            parts.append(str(getattr(widget, "help", "") or ""))
    for frame in app.dataframe:
        table = frame.value
        # What the table shows as headings: its column config's labels, else the column names.
        config = json.loads(frame.proto.columns or "{}")
        for column in table.columns:
            settings = config.get(f"name:{column}", config.get(str(column), {}))
            if settings.get("hidden"):
                continue
            parts.append(str(settings.get("label", column)))
            if not pd.api.types.is_numeric_dtype(table[column]):
                parts += [str(cell) for cell in table[column] if cell is not None]
    for table in app.table:  # a plain table: its headings and its cells, all shown as text
        parts += [str(column) for column in table.value.columns]
        parts += [str(cell) for cell in table.value.to_numpy().ravel() if cell is not None]
    for chart in app.get("plotly_chart"):
        parts += _figure_texts(json.loads(chart.proto.spec))
        parts += _toolbar_texts(json.loads(chart.proto.config or "{}"))
    return [part for part in parts if part]


# What Plotly's toolbar says on hover, button by button, when a chart keeps its default one.
_DEFAULT_TOOLBAR = [
    "Download plot as a PNG",
    "Zoom",
    "Pan",
    "Box Select",
    "Lasso Select",
    "Zoom in",
    "Zoom out",
    "Autoscale",
    "Reset axes",
]
_BUTTON_WORDS = {"toImage": "Download plot as a PNG", "resetScale2d": "Reset axes"}


def _toolbar_texts(config: dict) -> list[str]:
    """The tooltips of a chart's toolbar, in the words Plotly would show: the chart's own
    language's (``locales``) where it brings them, Plotly's English otherwise. (Streamlit's own
    "Fullscreen" button cannot be given other words.)"""
    if config.get("displayModeBar") is False:
        return []
    buttons = config.get("modeBarButtons")
    shown = (
        [_BUTTON_WORDS.get(name, name) for group in buttons for name in group]
        if buttons
        else _DEFAULT_TOOLBAR
    )
    words = config.get("locales", {}).get(config.get("locale"), {}).get("dictionary", {})
    return [words.get(english, english) for english in [*shown, "Double-click to zoom back out"]]


def _figure_texts(figure: dict) -> list[str]:
    texts = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)
        elif isinstance(node, str) and key in ("text", "name", "title"):
            texts.append(node)

    walk(figure.get("layout", {}))
    for trace in figure.get("data", []):
        walk({"name": trace.get("name", "")})
    return texts


# Words that stay in English in the Korean UI because they are names, not prose: Keras' layer,
# activation, optimizer and padding names (what a student types in code), units and file types.
_KERAS_NAMES = {
    *architectures.LAYER_TYPES,
    *architectures.ACTIVATIONS,
    *architectures.PADDINGS,
    *training.OPTIMIZERS,
    *(word for schedule in training.SCHEDULES for word in schedule.split("-")),
    "Input",
    "Keras",
    "TensorFlow",
    "JAX",
    "tensorflow",
    "jax",
    "torch",
    "x86_64",
    "strides",  # a layer's label writes its stride as the Keras argument, strides=2
    "English",  # the language picker names each language in itself
}
_TECHNICAL = {
    "CPU",
    "GPU",
    "CNN",
    "Fashion",
    "MNIST",
    "IDX",
    "PNG",
    "JPEG",
    "WebP",
    "JSON",
    "CSV",
    "MB",
    "KB",
    "GB",
    "FMNIST_DATA_DIR",
    "FMNIST_HOME",
    "FMNIST_OFFLINE",
    "FMNIST_EXECUTOR",
    "SQLite",  # the run store's engines and executor, named in the sidebar
    "PostgreSQL",
    "Ray",
    "x",
    "K",
    "F",
    "D",
    "C",
    "M",
    "s",
    "ms",
    "id",
    "ReLU",
    "BN",
    "ResNet",
    "BatchNorm",
    "gzip",
    "float16",
    "bfloat16",
    "H200",
    "AMX",  # CPU instruction sets and a CPU's name (mixed precision's help), not prose
    "AVX",
    "BF16",
    "Intel",
    "Xeon",
    "float32",
    "N",
    "p",  # "%p": percentage points, as Korean writes them
}
# A word starts with a letter not right after a digit (so "1e-05" and "28x28" are numbers).
_WORD = re.compile(r"(?<![0-9])[A-Za-z][A-Za-z0-9_]*")


def english_words(text: str, names: set[str]) -> list[str]:
    """The English words in ``text`` once ``names`` (runs, networks: what users named) and the
    technical names above are taken out."""
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"<[^>]*>|`[^`]*`", " ", text)  # chart labels' HTML tags, code
    text = re.sub(r":[a-z]+(?:-[a-z]+)*\[", " ", text)  # Markdown's :small[...]: never shown
    text = re.sub(r"\]\(#[^)]*\)", " ", text)  # a Markdown link's target (#step-3): not shown
    text = re.sub(r"\S*/\S*|\S+\.(?:py|json|keras|gz|csv|png|sqlite)\b", " ", text)  # paths
    allowed = {word.lower() for word in _KERAS_NAMES | _TECHNICAL}
    return [word for word in _WORD.findall(text) if word.lower() not in allowed]


def names_users_gave(home) -> set[str]:
    """Run and network names in the store, and the presets' names: shown as they were given."""
    from fmnist_core.store import RunStore

    names = {spec["name"] for spec in architectures.PRESETS.values()} | set(architectures.PRESETS)
    # The machines the figures were measured on, named as their records name them.
    names |= {claim.machine for claim in measured.committed_claims()}
    store = RunStore(home)
    for run in store.list_runs():
        names |= {run.name, run.architecture, run.device or ""}
    names |= {sweep.name for sweep in store.list_sweeps()}
    return names
