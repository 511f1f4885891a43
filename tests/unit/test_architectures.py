"""Presets equal the lecture, every validation rule names its layer, JSON round-trips."""

from __future__ import annotations

import copy
import json

import pytest

from fmnist_core import architectures as arch

# The lecture's tables, stated literally: (output shape, parameters) per layer.
LECTURE_1 = [
    ((26, 26, 16), 160),
    ((24, 24, 32), 4_640),
    ((22, 22, 64), 18_496),
    ((30976,), 0),
    ((128,), 3_965_056),
    ((10,), 1_290),
]
LECTURE_2 = [
    ((26, 26, 32), 320),
    ((13, 13, 32), 0),
    ((11, 11, 64), 18_496),
    ((5, 5, 64), 0),
    ((3, 3, 128), 73_856),
    ((1152,), 0),
    ((128,), 147_584),
    ((128,), 0),
    ((10,), 1_290),
]
LECTURE_3 = [
    ((28, 28, 32), 320),
    ((28, 28, 64), 18_496),
    ((14, 14, 64), 0),
    ((14, 14, 64), 0),
    ((14, 14, 128), 73_856),
    ((12, 12, 256), 295_168),
    ((6, 6, 256), 0),
    ((6, 6, 256), 0),
    ((9216,), 0),
    ((512,), 4_719_104),
    ((512,), 0),
    ((256,), 131_328),
    ((256,), 0),
    ((10,), 2_570),
]


@pytest.mark.parametrize(
    ("key", "table", "total"),
    [
        ("lecture-1", LECTURE_1, 3_989_642),
        ("lecture-2", LECTURE_2, 241_546),
        ("lecture-3", LECTURE_3, 5_240_842),
    ],
)
def test_lecture_presets_match_the_lecture_layer_by_layer(key, table, total):
    summary = arch.summarise(arch.preset(key))
    assert summary.valid
    assert [(row.output_shape, row.params) for row in summary.rows] == table
    assert summary.total_params == total
    assert summary.trainable_params == total


def test_formulas_fill_in_the_lecture_numbers():
    rows = arch.summarise(arch.preset("lecture-1")).rows
    assert rows[0].formula == "K·F²·D + K = 16·3²·1 + 16 = 160"
    assert rows[4].formula == "(inputs + 1)·outputs = (30,976 + 1)·128 = 3,965,056"


def test_output_sizes_are_worked_out_as_the_lecture_counts_them():
    rows = arch.summarise(arch.preset("lecture-2")).rows
    assert [row.size_working for row in rows[:5]] == [
        "28 − 3 + 1 = 26",
        "⌊(26 − 2) / 2⌋ + 1 = 13",
        "13 − 3 + 1 = 11",
        "⌊(11 − 2) / 2⌋ + 1 = 5",
        "5 − 3 + 1 = 3",
    ]
    assert rows[5].size_working == ""  # Flatten slides no window: its formula says the size
    same = arch.summarise(arch.preset("lecture-3")).rows[0]
    assert same.size_working == "padding 'same' keeps 28"


@pytest.mark.parametrize("key", list(arch.PRESETS))
def test_each_worked_out_size_is_the_row_s_own(key):
    for row in arch.summarise(arch.preset(key)).rows:
        if row.size_key:
            assert row.size_working.endswith(f"= {row.output_shape[0]}") or (
                row.size_working.endswith(f"keeps {row.output_shape[0]}")
            )


@pytest.mark.parametrize("key", list(arch.PRESETS))
def test_every_preset_builds_with_the_counted_parameters(key):
    spec = arch.preset(key)
    model = arch.build_model(spec)
    summary = arch.summarise(spec)
    assert model.count_params() == summary.total_params
    assert model.output_shape == (None, 10)
    trainable = sum(
        int(w.shape.num_elements() if hasattr(w.shape, "num_elements") else _size(w.shape))
        for w in model.trainable_weights
    )
    assert trainable == summary.trainable_params
    assert spec["description"]


def _size(shape) -> int:
    size = 1
    for dim in shape:
        size *= int(dim)
    return size


def test_batchnorm_counts_four_per_channel_two_trainable():
    summary = arch.summarise(arch.preset("best"))
    bn = next(row for row in summary.rows if row.layer == "BatchNormalization")
    assert (bn.params, bn.trainable_params) == (256, 128)
    assert summary.non_trainable_params > 0


def test_totals_include_multiply_adds_and_weight_memory():
    summary = arch.summarise(arch.preset("lecture-1"))
    # conv1 26*26*16*9, conv2 24*24*32*144, conv3 22*22*64*288, dense 30976*128 + 128*10
    assert summary.multiply_adds == 97_344 + 2_654_208 + 8_921_088 + 3_964_928 + 1_280
    assert summary.weight_bytes == 4 * 3_989_642


# --- validation: each rule names the layer and says what to do ---------------------------------


def spec_of(*layers):
    return {"name": "test", "layers": list(layers)}


CONV = {"type": "Conv2D", "filters": 8, "kernel_size": 3}
OUT = {"type": "Dense", "units": 10, "activation": "softmax"}
FLAT = {"type": "Flatten"}


def only_problem(spec) -> str:
    problems = arch.validate(spec)
    assert len(problems) == 1, problems
    return str(problems[0])


def test_pool_larger_than_its_input():
    layers = [CONV] + [{"type": "MaxPooling2D"}] * 4 + [FLAT, OUT]  # 26 -> 13 -> 6 -> 3 -> 1
    layers.insert(5, {"type": "MaxPooling2D"})
    message = only_problem(spec_of(*layers))
    assert message.startswith("layer 6 MaxPooling2D: input is 1x1, pool 2x2 does not fit")
    assert "use padding 'same'" in message


def test_kernel_larger_than_its_input():
    pool = {"type": "MaxPooling2D"}  # 28 -> 14
    message = only_problem(spec_of(pool, {**CONV, "kernel_size": 15}, FLAT, OUT))
    assert message.startswith("layer 2 Conv2D: input is 14x14, kernel 15x15 does not fit")


def test_a_kernel_that_does_not_fit_gets_advice_a_network_without_pooling_can_follow():
    """Lecture-1 has no pooling layer: "remove a pooling layer before it" sent a student looking
    for one. Its valid convolutions are what shrank the image."""
    spec = arch.preset("lecture-1")
    spec["layers"][2]["kernel_size"] = 25
    message = only_problem(spec)
    assert message.startswith("layer 3 Conv2D: input is 24x24, kernel 25x25 does not fit")
    assert "pooling" not in message
    assert "let the layers before it shrink the image less" in message


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("kernel_size", 29, "kernel_size is 29; it must be a whole number from 1 to 28"),
        ("filters", 5000, "filters is 5000; it must be a whole number from 1 to 4096"),
        ("strides", None, "strides is None; it must be a whole number from 1 to 28"),
        ("filters", 2.5, "filters is 2.5; it must be a whole number from 1 to 4096"),
        ("padding", ["same"], "padding is ['same']; use 'valid' or 'same'"),
    ],
)
def test_settings_outside_their_range_are_named_with_the_range(setting, value, expected):
    message = only_problem(spec_of({**CONV, setting: value}, FLAT, OUT))
    assert message == f"layer 1 Conv2D: {expected}"


def test_a_network_of_too_many_layers_is_refused_before_anything_else():
    layers = [{"type": "Dropout", "rate": 0.1}] * arch.MAX_LAYERS + [FLAT, OUT]
    assert only_problem(spec_of(*layers)) == (
        f"the network has {arch.MAX_LAYERS + 2} layers, more than the {arch.MAX_LAYERS} this "
        "studio handles — remove some"
    )
    with pytest.raises(arch.ArchitectureError, match="10,002 layers"):
        arch.from_json(json.dumps(spec_of(*([{"type": "Dropout"}] * 10_000), FLAT, OUT)))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"layers": [{"type": ["Conv2D"]}]}', "'type' must be a name"),
        ('{"layers": [{"type": "Dense", "units": ' + "9" * 5000 + "}]}", "not valid JSON"),
        ("[" * 5000 + "]" * 5000, "not valid JSON"),
        ('{"layers": [{"type": "Flatten"}], "name": 7}', "must be text"),
        ('{"layers": [{"type": "Flatten"}], "name": "a\\nb"}', "line break"),
    ],
)
def test_malformed_json_is_an_architecture_error_not_a_crash(text, says):
    with pytest.raises(arch.ArchitectureError, match=says):
        arch.from_json(text)


def _mutations(value, rng, depth=0):
    """``value`` with one random part replaced by something a broken file might hold."""
    junk = [None, [], {}, "x", -1, 0, 1e309, 2**70, True, "Conv2D", [1, 2], {"type": "Dense"}, 3.5]
    if isinstance(value, dict) and value and rng.random() < 0.8:
        key = rng.choice(sorted(value))
        return {**value, key: _mutations(value[key], rng, depth + 1)}
    if isinstance(value, list) and value and rng.random() < 0.8:
        index = int(rng.integers(len(value)))
        return [*value[:index], _mutations(value[index], rng, depth + 1), *value[index + 1 :]]
    return junk[int(rng.integers(len(junk)))]


def test_fuzzed_architecture_files_get_a_message_never_an_exception():
    """Seeded mutations of every preset's JSON, by structure and by bytes: each one is either
    refused with an ArchitectureError or summarised (valid, or with its problems listed)."""
    import numpy as np

    rng = np.random.default_rng(12)
    originals = [json.loads(arch.to_json(arch.preset(key))) for key in arch.PRESETS]
    outcomes = {"refused": 0, "summarised": 0}
    for trial in range(3000):
        original = originals[trial % len(originals)]
        if trial % 2:
            text = json.dumps(_mutations(original, rng))
        else:
            raw = bytearray(json.dumps(original).encode())
            for _ in range(int(rng.integers(1, 4))):
                raw[int(rng.integers(len(raw)))] = int(rng.integers(32, 127))
            text = bytes(raw)
        try:
            spec = arch.from_json(text)
        except arch.ArchitectureError:
            outcomes["refused"] += 1
            continue
        summary = arch.summarise(spec)
        [str(problem) for problem in summary.problems]
        outcomes["summarised"] += 1
    assert min(outcomes.values()) > 100, outcomes  # both paths were really exercised


def test_spatial_size_shrinking_away():
    # Each valid 3x3 convolution takes two pixels off: 28 -> 26 -> ... -> 2 after 13 of them.
    convs = [{**CONV, "padding": "valid"}] * 14
    message = only_problem(spec_of(*convs, FLAT, OUT))
    assert message.startswith("layer 14 Conv2D: input is 2x2, kernel 3x3 does not fit")
    assert "padding 'same'" in message


@pytest.mark.parametrize(("setting", "value"), [("filters", 0), ("filters", -3)])
def test_non_positive_filters(setting, value):
    message = only_problem(spec_of({**CONV, setting: value}, FLAT, OUT))
    assert message.startswith(f"layer 1 Conv2D: {setting} is {value}")


def test_non_positive_units():
    message = only_problem(spec_of(FLAT, {"type": "Dense", "units": 0}, OUT))
    assert message.startswith("layer 2 Dense: units is 0")


@pytest.mark.parametrize("rate", [1.0, -0.1, 1.5])
def test_dropout_outside_zero_to_one(rate):
    message = only_problem(spec_of(FLAT, {"type": "Dropout", "rate": rate}, OUT))
    assert message.startswith(f"layer 2 Dropout: rate is {rate}")


def test_dense_directly_on_an_image_is_refused_with_a_fix():
    spec = spec_of(CONV, {"type": "Dense", "units": 32}, OUT)
    message = only_problem(spec)
    assert message.startswith("layer 2 Dense: input is 26x26x8, an image")
    assert "insert Flatten" in message
    fixed = arch.fix_dense_on_image(spec)
    assert [layer["type"] for layer in fixed["layers"]] == ["Conv2D", "Flatten", "Dense", "Dense"]
    assert arch.validate(fixed) == []


def test_no_flatten_is_offered_where_it_would_only_move_the_problem_on():
    """A Dense before the convolutions: Flatten before it left the convolutions a vector."""
    spec = spec_of({"type": "Dense", "units": 32}, CONV, FLAT, OUT)
    assert arch.fix_dense_on_image(spec) == spec


def test_image_layer_after_flatten():
    message = only_problem(spec_of(FLAT, CONV, OUT))
    assert message.startswith("layer 2 Conv2D: needs an image-shaped input")


def test_no_output_layer():
    message = only_problem(spec_of(CONV, FLAT))
    assert "no output layer" in message and "Dense(10, softmax)" in message


def test_wrong_output_layer():
    message = only_problem(spec_of(FLAT, {"type": "Dense", "units": 5, "activation": "relu"}))
    assert message.startswith("layer 2 Dense: the output layer must be Dense(10, softmax)")


def test_parameter_count_above_the_limit():
    message = only_problem(spec_of(FLAT, {"type": "Dense", "units": 65_000}, OUT))  # 51M
    assert "more than the 50,000,000" in message


def test_unknown_activation_and_padding():
    problems = arch.validate(spec_of({**CONV, "activation": "relux", "padding": "full"}, FLAT, OUT))
    assert {str(p).split(":")[0] for p in problems} == {"layer 1 Conv2D"}
    assert len(problems) == 2


def test_build_model_refuses_an_invalid_spec():
    with pytest.raises(arch.ArchitectureError, match="layer 2 Dense"):
        arch.build_model(spec_of(CONV, {"type": "Dense", "units": 32}, OUT))


# --- JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["lecture-2", "best"])
def test_json_round_trip_keeps_the_parameter_count(key):
    spec = arch.preset(key)
    again = arch.from_json(arch.to_json(spec))
    assert again["name"] == spec["name"]
    assert arch.build_model(again).count_params() == arch.summarise(spec).total_params


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "must be an object"),
        ('{"name": "x"}', "no 'layers' list"),
        ('{"layers": [{"type": "Conv3D"}]}', "layer 1: unknown layer type 'Conv3D'"),
        ('{"layers": [{"type": "Dense", "neurons": 3}]}', "layer 1: Dense has no setting neurons"),
        ('{"layers": ["Dense"]}', "layer 1: a layer must be an object"),
        ('{"layers": [{"filters": 32}]}', "layer 1: the layer has no 'type'; give it one"),
        (b"\xff\xfe", "not valid JSON"),
        ('{"class_name": "Sequential", "config": {"layers": []}}', "a Keras model file"),
    ],
)
def test_malformed_json_is_refused_with_a_message(text, message):
    with pytest.raises(arch.ArchitectureError, match=message):
        arch.from_json(text)


def test_imported_settings_are_completed_with_defaults():
    spec = arch.from_json(json.dumps({"layers": [{"type": "Conv2D", "filters": 4}]}))
    assert spec["layers"][0] == {
        "type": "Conv2D",
        "filters": 4,
        "kernel_size": 3,
        "strides": 1,
        "padding": "valid",
        "activation": "relu",
    }


@pytest.mark.parametrize("key", list(arch.PRESETS))
def test_a_preset_s_description_states_its_own_counts_and_its_measured_result(key):
    from fmnist_core import measured

    recipe = "lecture" if key in measured.LECTURE_TEST_ACCURACY else key
    description = arch.PRESETS[key]["description"]
    summary = arch.summarise(arch.preset(key))
    assert f"{summary.total_params:,}" in description or (
        f"{summary.multiply_adds / 1e6:,.1f} million" in description
    )
    assert measured.claim(key, recipe).figures()["median"] in description
    assert "{" not in description


def test_korean_descriptions_count_multiply_adds_in_man_and_name_recipes_as_the_buttons(
    monkeypatch,
):
    from ui import i18n

    monkeypatch.setattr(i18n, "language", lambda: "ko")
    assert [i18n.count_text(n) for n in (2_387_008, 19_094_528, 321_580_544, 5_000)] == [
        "239만",
        "1,909만",
        "3억 2,158만",
        "5,000",
    ]
    korean = i18n.description_text(arch.preset("fast"))
    assert "약 239만 번" in korean and "백만" not in korean and " M" not in korean
    assert i18n.MESSAGES["train.recipe_fast"]["ko"].split(" (")[0] + "(" in korean
    monkeypatch.setattr(i18n, "language", lambda: "en")
    assert i18n.count_text(2_387_008) == "2.4 M"


def test_a_setting_out_of_range_keeps_the_rows_before_it():
    spec = copy.deepcopy(arch.preset("lecture-1"))
    spec["layers"][1]["filters"] = 0
    summary = arch.summarise(spec)
    assert not summary.valid
    assert [row.position for row in summary.rows] == [1]  # the first convolution, still counted
    assert summary.problems[0].position == 2


def test_the_weights_memory_reads_as_keras_summary_writes_it():
    # "Total params: 3,989,642 (15.22 MB)" in model.summary(); the studio said 16.0 MB.
    assert arch.memory_text(4 * 3_989_642) == "15.22 MB"
    assert arch.memory_text(4 * 153_834) == "600.91 KB"
    assert arch.memory_text(512) == "512.00 B"
