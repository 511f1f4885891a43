"""Each layer kind's record: its formulas read in both languages, and it builds as it counts."""

from __future__ import annotations

import string

import pytest

from fmnist_core import architectures as arch
from fmnist_core import layer_kinds
from ui import i18n

OUTPUT = {"type": "Dense", "units": 10, "activation": "softmax"}
# Between them, every layer kind and every formula: lecture-1 has Conv2D, Flatten and Dense;
# this one the rest, with a residual block that needs its 1x1 shortcut and one that does not.
EVERY_OTHER_KIND = {
    "name": "every kind",
    "layers": [
        {"type": "Conv2D", "filters": 8, "padding": "same", "activation": "linear"},
        {"type": "BatchNormalization"},
        {"type": "Activation", "activation": "relu"},
        {"type": "MaxPooling2D"},
        {"type": "AveragePooling2D", "pool_size": 3, "strides": 1, "padding": "same"},
        {"type": "ResidualBlock", "filters": 16, "strides": 2},
        {"type": "ResidualBlock", "filters": 16},
        {"type": "GlobalAveragePooling2D"},
        {"type": "Dropout", "rate": 0.2},
        OUTPUT,
    ],
}
NETWORKS = [arch.preset("lecture-1"), EVERY_OTHER_KIND]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_test_networks_use_every_layer_kind_and_every_formula():
    kinds = {layer["type"] for spec in NETWORKS for layer in spec["layers"]}
    assert kinds == set(layer_kinds.LAYER_KINDS)
    keys = {row.formula_key for spec in NETWORKS for row in arch.summarise(spec).rows}
    assert keys == set(layer_kinds.FORMULA_TEXTS)
    sizes = {row.size_key for spec in NETWORKS for row in arch.summarise(spec).rows}
    assert sizes == set(layer_kinds.SIZE_TEXTS) | {""}  # "": a layer that slides no window


@pytest.mark.parametrize("key", list(layer_kinds.FORMULA_TEXTS))
def test_every_formula_has_english_and_korean_with_the_same_numbers(key):
    english = layer_kinds.FORMULA_TEXTS[key]
    texts = i18n.MESSAGES[f"formula.{key}"]
    assert _fields(texts["ko"]) == _fields(english)


@pytest.mark.parametrize("spec", NETWORKS, ids=lambda spec: spec["name"])
def test_every_row_reads_in_korean_with_its_numbers_filled_in(spec):
    for row in arch.summarise(spec).rows:
        korean = i18n.MESSAGES[f"formula.{row.formula_key}"]["ko"].format(**row.formula_values)
        assert "{" not in korean and korean != row.formula
        assert f"{row.params:,}" in korean or row.params == 0


def test_lecture_1_formulas_in_the_lecture_s_korean_terms():
    rows = arch.summarise(arch.preset("lecture-1")).rows
    korean = [
        i18n.MESSAGES[f"formula.{r.formula_key}"]["ko"].format(**r.formula_values) for r in rows
    ]
    assert korean[0] == "커널 수 · 커널 크기² · 채널 + 커널 수 = 16·3²·1 + 16 = 160"
    assert korean[4] == "(입력수 + 1) · 출력수 = (30,976 + 1)·128 = 3,965,056"


def test_a_network_of_every_other_kind_builds_with_the_counted_parameters():
    summary = arch.summarise(EVERY_OTHER_KIND)
    assert summary.valid, summary.problems
    model = arch.build_model(EVERY_OTHER_KIND)
    assert model.count_params() == summary.total_params
    # the stride-2 block halves the image and projects it to 16 channels; the next keeps it
    assert [r.output_shape for r in summary.rows][-5:-2] == [(7, 7, 16), (7, 7, 16), (16,)]


@pytest.mark.parametrize("kind", list(layer_kinds.LAYER_KINDS.values()), ids=lambda k: k.name)
def test_every_setting_has_a_widget_and_a_label_in_both_languages(kind):
    for setting in kind.settings:
        assert setting.choices or (setting.low < setting.high and setting.step)
        assert set(i18n.MESSAGES[f"setting.{setting.name}"]) == set(i18n.LANGUAGES)


def test_the_diagram_colours_each_kind_and_the_input():
    assert layer_kinds.diagram_colour("Input") == layer_kinds.INPUT_COLOUR
    colours = {layer_kinds.diagram_colour(name) for name in layer_kinds.LAYER_KINDS}
    assert layer_kinds.INPUT_COLOUR not in colours and len(colours) >= 8


@pytest.mark.parametrize("spec", [*NETWORKS, arch.preset("best")], ids=lambda spec: spec["name"])
def test_every_formula_with_a_sum_adds_up_to_its_parameters(spec):
    # What a student checks with a calculator: the last "a + b + c" before "= params".
    for row in arch.summarise(spec).rows:
        sums = [part for part in row.formula.split(" = ") if "·" in part and "K" not in part]
        if not sums:
            continue
        expression = sums[-1].replace(",", "").replace("·", "*").replace("²", "**2")
        assert eval(expression, {}) == row.params, row.formula  # digits, * and + only
