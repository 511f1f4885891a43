"""The Architecture page: lecture-1 into lecture-2 by editing, bad edits, save, export, import."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from fmnist_core import architectures, layer_kinds, network_links
from fmnist_core.store import RunStore, StoreError
from tests.app.conftest import texts

OUTPUT = {"type": "Dense", "units": 10, "activation": "softmax"}


def total(app) -> str:
    return next(m.value for m in app.metric if m.label == "Total parameters")


def layer_ids(app) -> list[int]:
    return [layer["_id"] for layer in app.session_state["arch_layers"]]


def set_setting(app, position: int, setting: str, value) -> None:
    layer_id = layer_ids(app)[position - 1]
    widget = app.get_by_key(f"layer_{layer_id}_{setting}")
    widget.set_value(value).run()


def add_layer(app, layer_type: str, position: int) -> None:
    # As a user does: the kind first (which suggests a position), then the position.
    app.selectbox(key="arch_add_type").set_value(layer_type).run()
    app.number_input(key="arch_add_position").set_value(position)
    app.button(key="arch_add").click().run()


def as_read(column) -> list[str]:
    """A table column's cells as a reader reads them: a no-break space is a space."""
    return [cell.replace("\u00a0", " ") for cell in column]


def test_lecture_1_shows_its_total_and_the_formula_per_layer(small_data_dir, open_page):
    app = open_page("architecture")
    assert not app.exception
    assert total(app) == "3,989,642"
    table = app.table[0].value
    formulas = as_read(table["How it is counted"])
    assert formulas[0] == "K·F²·D + K = 16·3²·1 + 16 = 160"
    assert formulas[4] == "(inputs + 1)·outputs = (30,976 + 1)·128 = 3,965,056"


@pytest.mark.parametrize(
    ("language", "column", "same"),
    [
        ("en", "How the size is worked out", "padding 'same' keeps 28"),
        ("ko", "크기 계산", "'same' 패딩: 28 그대로"),
    ],
)
def test_each_output_size_is_worked_out_beside_its_shape(
    small_data_dir, open_page, language, column, same
):
    app = open_page("architecture", query_params={"arch": "lecture-2"}, language=language)
    sizes = as_read(app.table[0].value[column])
    assert sizes[:2] == ["28 − 3 + 1 = 26", "⌊(26 − 2) / 2⌋ + 1 = 13"]
    assert sizes[5] == ""  # Flatten: its formula says the size
    # A phone's narrow column wraps a sum only before an operator, never after one.
    assert app.table[0].value[column][0] == "28 −\u00a03 +\u00a01 =\u00a026"
    lecture_3 = open_page("architecture", query_params={"arch": "lecture-3"}, language=language)
    assert lecture_3.table[0].value[column].tolist()[0] == same


def test_lecture_1_formulas_are_in_the_lecture_s_korean_terms(small_data_dir, open_page):
    app = open_page("architecture", language="ko")
    formulas = as_read(app.table[0].value["계산 방법"])
    assert formulas[0] == "커널 수 · 커널 크기² · 채널 + 커널 수 = 16·3²·1 + 16 = 160"
    assert formulas[3] == "가중치 없음: 22x22x64 = 값 30,976개를 한 줄로"
    assert formulas[4] == "(입력수 + 1) · 출력수 = (30,976 + 1)·128 = 3,965,056"


@pytest.mark.shows_error
def test_every_layer_kind_can_be_added_with_a_widget_per_setting(small_data_dir, open_page):
    app = open_page("architecture")
    for kind in architectures.LAYER_TYPES:
        add_layer(app, kind, 1)
    assert not app.exception
    assert app.error[0].value.startswith("layer 1 Dense")  # Dense, added last, gets the image
    added = app.session_state["arch_layers"][: len(architectures.LAYER_TYPES)]
    for layer in added:
        for setting in layer_kinds.LAYER_KINDS[layer["type"]].settings:
            assert app.get_by_key(f"layer_{layer['_id']}_{setting.name}"), layer


def test_editing_lecture_1_into_lecture_2(small_data_dir, open_page):
    app = open_page("architecture")
    set_setting(app, 1, "filters", 32)
    set_setting(app, 2, "filters", 64)
    set_setting(app, 3, "filters", 128)
    add_layer(app, "MaxPooling2D", 2)  # after the first convolution
    add_layer(app, "MaxPooling2D", 4)  # after the second
    add_layer(app, "Dropout", 8)  # between the two Dense layers
    assert not app.error
    assert total(app) == "241,546"
    edited = [layer["type"] for layer in app.session_state["arch_layers"]]
    assert edited == [layer["type"] for layer in architectures.preset("lecture-2")["layers"]]


@pytest.mark.shows_error
def test_impossible_edit_shows_the_message_and_does_not_crash(small_data_dir, open_page):
    app = open_page("architecture")
    set_setting(app, 3, "kernel_size", 28)
    assert not app.exception
    assert app.error[0].value.startswith(
        "layer 3 Conv2D: input is 24x24, kernel 28x28 does not fit"
    )
    assert not [m for m in app.metric if m.label == "Total parameters" and "→" not in m.value]
    assert app.button(key="arch_train").disabled
    # The two layers before it stay worked out, and the page says why the table ends there.
    assert list(app.table[0].value["Layer"]) == [
        "Conv2D 16, 3x3, valid, linear",
        "Conv2D 32, 3x3, valid, linear",
    ]
    assert app.info[0].value.startswith("Layer 3 and the layers after it are worked out here")


@pytest.mark.shows_error
def test_a_problem_in_the_first_layer_leaves_no_empty_table(small_data_dir, open_page):
    """Nothing comes before layer 1: a table of no rows read "empty"; the page says why."""
    app = open_page("architecture")
    set_setting(app, 1, "filters", 0)
    assert app.error[0].value.startswith("layer 1 Conv2D: Filters is 0")
    assert not app.table
    assert app.info[0].value.startswith("Layer 1 and the layers after it")


@pytest.mark.shows_error
def test_removing_flatten_offers_the_fix(small_data_dir, open_page):
    app = open_page("architecture")
    flatten_id = layer_ids(app)[3]
    app.button(key=f"remove_{flatten_id}").click().run()
    assert "insert Flatten" in app.error[0].value
    fix = next(b for b in app.button if b.label == "Insert Flatten before that Dense layer")
    fix.click().run()
    assert not app.error
    assert total(app) == "3,989,642"


@pytest.mark.shows_error
def test_moving_a_layer_changes_the_network(small_data_dir, open_page):
    app = open_page("architecture")
    dense_id = layer_ids(app)[4]
    app.button(key=f"up_{dense_id}").click().run()  # Dense 128 above Flatten: an image input
    assert "layer 4 Dense" in app.error[0].value


def test_choosing_a_preset_loads_it(small_data_dir, open_page):
    app = open_page("architecture")
    app.selectbox(key="arch_source").set_value("preset:lecture-3").run()
    assert total(app) == "5,240,842"
    compare = [m.value for m in app.metric if "→" in m.value]
    assert compare[0] == "3,989,642 → 241,546"


@pytest.mark.shows_error
def test_save_then_find_it_listed(small_data_dir, open_page, isolated_studio):
    app = open_page("architecture")
    app.session_state["arch_manage_open"] = True  # as a click on the section opens it
    app.text_input(key="arch_save_name").set_value("my lecture-1").run()
    app.button(key="arch_save").click().run()
    assert "Saved as “my lecture-1”" in texts(app)
    # The section stays open for what comes next (it folded as the page chose the saved one).
    (manage,) = [box for box in app.expander if box.label == "Save, export and import"]
    assert manage.proto.expanded
    assert RunStore(isolated_studio).architecture_names() == ["my lecture-1"]
    assert "Saved · my lecture-1" in app.selectbox(key="arch_source").options
    # the editor now shows the saved network as that choice, not the preset it came from
    assert app.selectbox(key="arch_source").value == "saved:my lecture-1"
    assert app.query_params["arch"] == "my lecture-1"
    # saving again under the same name is refused, and says how to proceed
    app.button(key="arch_save").click().run()
    assert "A saved network is already called “my lecture-1”: choose another name, or tick" in (
        app.error[0].value
    )


@pytest.mark.parametrize("name", ["lecture-2", "Lecture-2 pool+dropout", "fast CNN"])
def test_a_presets_name_is_refused_for_a_saved_network(
    small_data_dir, open_page, isolated_studio, name
):
    app = open_page("architecture")
    app.text_input(key="arch_save_name").set_value(name).run()
    said = "A network cannot be saved under this name: it is the name of the preset"
    assert said in app.warning[0].value and app.button(key="arch_save").disabled
    assert RunStore(isolated_studio).architecture_names() == []
    with pytest.raises(StoreError, match="it is the name of the preset"):
        RunStore(isolated_studio).save_architecture(name, architectures.preset("lecture-1"))


@pytest.mark.shows_error
def test_import_refuses_a_malformed_file(small_data_dir, open_page):
    app = open_page("architecture")
    app.file_uploader(key="arch_import").set_value(("net.json", b"{oops", "application/json"))
    app.run()
    assert not app.exception
    assert "cannot be imported" in app.error[0].value


@pytest.mark.shows_error
@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"{oops", "올바른 JSON이 아닙니다"),
        # Where, in Korean words, not Python's "Expecting property name…" or "'utf-8' codec…"
        (b'{"name": "x", oops}', "첫 번째 줄 15번째 글자에서 JSON 문법이 맞지 않습니다"),
        (b"\xad\xff{}", "UTF-8 텍스트가 아닙니다"),
        (b'{"layers": [{"type": "LSTM"}]}', "첫 번째 층: 'LSTM'은(는) 모르는 층 종류입니다"),
        (b'{"module": "keras", "class_name": "Sequential", "config": {}}', "Keras 모델 파일"),
        (b'{"layers": [{"type": "Flatten"}], "name": "a\\u0007b"}', "이름 "),
    ],
)
def test_import_says_what_is_wrong_with_a_file_in_korean(
    small_data_dir, open_page, content, said, monkeypatch
):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("architecture")
    app.file_uploader(key="arch_import").set_value(("net.json", content, "application/json"))
    app.run()
    (error,) = app.error
    assert said in error.value
    assert "Expecting" not in error.value and "codec" not in error.value
    # Only the file's own words (its JSON, a parser's detail) stay as they were written.
    prose = error.value.split("(")[0] if content == b"{oops" else error.value
    for english in ("layer", "unknown", "the JSON", "not usable", "must be"):
        assert english not in prose, error.value


def test_import_a_good_file_and_open_it(small_data_dir, open_page):
    app = open_page("architecture")
    content = architectures.to_json(architectures.preset("lecture-2")).encode()
    app.file_uploader(key="arch_import").set_value(("net.json", content, "application/json"))
    app.run()
    app.button(key="arch_import_load").click().run()
    assert total(app) == "241,546"
    # None of the list's networks: the box names none, and the page says where it came from.
    assert app.selectbox(key="arch_source").value is None
    said = "“lecture-2 pool+dropout” was opened from a file; it joins the list above once you save"
    assert said in texts(app)
    app.selectbox(key="arch_source").set_value("preset:fast").run()
    assert "joins the list above" not in texts(app)
    assert total(app) == "631,306"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_link_to_a_network_of_no_list_shows_an_empty_box_and_says_so(
    small_data_dir, open_page, monkeypatch, language
):
    monkeypatch.setenv("FMNIST_LANG", language)
    fifty = {"name": "fifty", "layers": architectures.preset("lecture-2")["layers"]}
    link = network_links.to_link(fifty)  # from no preset or saved network
    app = open_page("architecture", query_params={"network": link})
    assert app.selectbox(key="arch_source").value is None  # not "Preset · lecture-1"
    said = {
        "en": "“fifty” came with this page's address (a link)",
        "ko": "“fifty”은(는) 이 페이지 주소(링크)로 온 네트워크입니다",
    }
    assert said[language] in texts(app)
    assert not app.exception and not app.error
    app.run()  # a rerun keeps it so
    assert app.selectbox(key="arch_source").value is None
    assert len(app.session_state["arch_layers"]) == len(fifty["layers"])


def test_train_this_hands_the_spec_to_the_train_page(small_data_dir, open_page):
    app = open_page("architecture")
    set_setting(app, 1, "filters", 20)
    app.button(key="arch_train").click().run()
    handed = app.session_state["train_spec"]
    assert handed["name"] == "lecture-1 plain conv (edited)"
    assert json.loads(architectures.to_json(handed))["layers"][0]["filters"] == 20


@pytest.mark.parametrize("language", ["en", "ko"])
def test_train_this_on_an_unedited_preset_opens_train_on_that_preset(
    small_data_dir, open_page, monkeypatch, language
):
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("architecture", query_params={"arch": "lecture-2"})
    app.button(key="arch_train").click().run()
    # The preset itself, so the page says what the lecture's recipe reaches on it.
    assert app.selectbox(key="train_network").value == "preset:lecture-2"
    assert app.query_params.get("arch") == "lecture-2" and "network" not in app.query_params
    assert "train_spec" not in app.session_state
    assert not app.exception and not app.error


@pytest.mark.shows_error
def test_a_rename_to_a_name_in_use_is_refused_in_korean_too(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    store = RunStore(isolated_studio)
    store.save_architecture("draft", architectures.preset("lecture-2"))
    store.save_architecture("final", architectures.preset("lecture-1"))
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("architecture")
    app.text_input(key="arch_rename_to").set_value("final").run()
    app.button(key="arch_rename").click().run()
    assert "“final”(이)라는 저장된 네트워크가 이미 있습니다" in app.error[0].value
    assert store.architecture_names() == ["draft", "final"]


def test_rename_and_delete_a_saved_network(small_data_dir, open_page, isolated_studio):
    RunStore(isolated_studio).save_architecture("draft", architectures.preset("lecture-2"))
    app = open_page("architecture")
    app.text_input(key="arch_rename_to").set_value("final").run()
    app.button(key="arch_rename").click().run()
    assert "Renamed “draft” to “final”" in texts(app)
    assert RunStore(isolated_studio).architecture_names() == ["final"]
    assert app.button(key="arch_delete").disabled  # needs the confirmation first
    app.checkbox(key="arch_delete_ok").check().run()
    app.button(key="arch_delete").click().run()
    assert RunStore(isolated_studio).architecture_names() == []
    assert "No saved networks yet" in texts(app)


@pytest.mark.shows_error
def test_problems_are_in_korean_when_the_page_is(small_data_dir, open_page, monkeypatch):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    app = open_page("architecture")
    set_setting(app, 3, "kernel_size", 28)
    assert app.error[0].value.startswith("세 번째 층 Conv2D: 24x24 크기의 입력에는 28x28 커널이")
    # The box on why the table stops names the layer as the message above does.
    assert app.info[0].value.startswith("위에 적힌 세 번째 층의 문제를 고치면")


@pytest.mark.shows_error
def test_import_with_a_setting_out_of_range_is_refused_not_clamped(small_data_dir, open_page):
    content = json.dumps(
        {
            "name": "bad",
            "layers": [
                {"type": "Conv2D", "filters": 0},
                {"type": "Flatten"},
                {"type": "Dense", "units": 10, "activation": "softmax"},
            ],
        }
    ).encode()
    app = open_page("architecture")
    app.file_uploader(key="arch_import").set_value(("bad.json", content, "application/json"))
    app.run()
    assert not app.exception
    assert "layer 1 Conv2D: Filters (filters) is 0" in app.error[0].value
    assert not [b for b in app.button if b.key == "arch_import_load"]


def test_a_network_with_a_setting_out_of_range_is_not_exported_to_a_file_it_cannot_import(
    small_data_dir, open_page
):
    app = open_page("architecture", query_params={"arch": "lecture-2"})
    assert not app.get("download_button")[0].proto.disabled
    set_setting(app, 1, "filters", 0)
    export = next(b for b in app.get("download_button") if b.proto.label == "Export as JSON")
    assert export.proto.disabled
    assert "cannot be imported again" in texts(app)


def _import(app, layers, name="imported net"):
    content = json.dumps({"name": name, "layers": layers}).encode()
    app.file_uploader(key="arch_import").set_value(("net.json", content, "application/json"))
    return app.run()


@pytest.mark.shows_error
def test_import_of_a_kernel_larger_than_the_image_is_refused_and_stays_refused(
    small_data_dir, open_page
):
    app = _import(
        open_page("architecture"),
        [{"type": "Conv2D", "kernel_size": 29}, {"type": "Flatten"}, OUTPUT],
    )
    expected = "layer 1 Conv2D: Kernel (kernel_size) is 29; it must be a whole number from 1 to 28"
    assert expected in app.error[0].value
    assert not [b for b in app.button if b.key == "arch_import_load"]
    app.run()  # the message does not go away on a rerun
    assert expected in app.error[0].value


def test_an_imported_value_the_old_widgets_clamped_is_kept_as_it_is(small_data_dir, open_page):
    app = _import(
        open_page("architecture"),
        [{"type": "Flatten"}, {"type": "Dense", "units": 20000}, OUTPUT],
    )
    app.button(key="arch_import_load").click().run()
    app.run()
    units = [n.value for n in app.number_input if n.label == "Units"]
    assert units == [20000, 10]
    assert total(app) == f"{785 * 20000 + 20001 * 10:,}"


def test_save_as_takes_the_imported_networks_name(small_data_dir, open_page):
    app = open_page("architecture")
    # A preset's own name cannot be saved: the box offers one that can, without a warning.
    assert app.text_input(key="arch_save_name").value == "lecture-1 plain conv (my copy)"
    assert not app.warning
    set_setting(app, 1, "filters", 24)  # edited: the box follows the network's new name
    assert app.text_input(key="arch_save_name").value == "lecture-1 plain conv (edited)"
    app = _import(app, [{"type": "Flatten"}, OUTPUT], name="my import")
    app.button(key="arch_import_load").click().run()
    assert app.text_input(key="arch_save_name").value == "my import"


def test_save_as_offers_a_name_no_saved_network_has(small_data_dir, open_page, isolated_studio):
    # A second edit of lecture-1 was offered the first one's name, and Save refused it.
    store = RunStore(isolated_studio)
    edited = architectures.preset("lecture-1")
    for name in ("lecture-1 plain conv (my copy)", "lecture-1 plain conv (edited)"):
        store.save_architecture(name, edited)
    app = open_page("architecture")
    assert app.text_input(key="arch_save_name").value == "lecture-1 plain conv (my copy) (2)"
    set_setting(app, 1, "filters", 24)
    assert app.text_input(key="arch_save_name").value == "lecture-1 plain conv (edited) (2)"
    app.button(key="arch_save").click().run()
    assert "lecture-1 plain conv (edited) (2)" in store.architecture_names()
    assert not app.error
    app.text_input(key="arch_save_name").set_value("mine").run()  # a typed name is the user's
    assert app.text_input(key="arch_save_name").value == "mine"


def edited_lecture_2() -> dict:
    spec = architectures.preset("lecture-2") | {"name": "lecture-2 pool+dropout (edited)"}
    spec["layers"][0] = {**spec["layers"][0], "filters": 24}
    return spec


def test_an_edit_is_named_and_described_as_an_edit_and_kept_in_the_address(
    small_data_dir, open_page
):
    app = open_page("architecture")
    assert "network" not in app.query_params  # an unedited preset needs no address
    assert app.text_input(key="arch_name").value == "lecture-1 plain conv"
    set_setting(app, 1, "filters", 24)
    # A run of this network must not be called lecture-1, nor described as lecture-1.
    assert app.text_input(key="arch_name").value == "lecture-1 plain conv (edited)"
    assert "Edited from Preset · lecture-1 plain conv" in texts(app)
    # The preset's description (which cites its own total) no longer describes it.
    assert architectures.PRESETS["lecture-1"]["description"][:60] not in texts(app)
    linked = network_links.from_link(app.query_params["network"])
    assert linked.origin == "preset:lecture-1" and linked.spec["layers"][0]["filters"] == 24
    set_setting(app, 1, "filters", 16)  # undone: the preset again, as it was
    assert app.text_input(key="arch_name").value == "lecture-1 plain conv"
    assert "network" not in app.query_params and "Edited from" not in texts(app)


def test_a_name_the_student_typed_is_theirs(small_data_dir, open_page):
    app = open_page("architecture")
    app.text_input(key="arch_name").set_value("my net").run()
    set_setting(app, 1, "filters", 24)
    assert app.text_input(key="arch_name").value == "my net"
    assert network_links.from_link(app.query_params["network"]).spec["name"] == "my net"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_refresh_or_a_shared_link_opens_the_same_network(small_data_dir, open_page, language):
    link = network_links.to_link(edited_lecture_2(), "preset:lecture-2")
    app = open_page("architecture", language=language, query_params={"network": link})
    assert app.selectbox(key="arch_source").value == "preset:lecture-2"
    assert app.session_state["arch_layers"][0]["filters"] == 24
    assert app.text_input(key="arch_name").value == "lecture-2 pool+dropout (edited)"
    expected = f"{architectures.summarise(edited_lecture_2()).total_params:,}"
    assert next(m.value for m in app.metric if m.value == expected)
    said = {
        "en": "Edited from Preset · lecture-2",
        "ko": "프리셋 · lecture-2 pool+dropout에서 수정",
    }
    assert said[language] in texts(app)
    assert not app.warning


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_network_named_where_a_link_goes_opens_that_network(small_data_dir, open_page, language):
    """``?network=lecture-2``, as a teacher writes it on the board: a name, not a damaged link."""
    app = open_page("architecture", language=language, query_params={"network": "lecture-2"})
    assert app.selectbox(key="arch_source").value == "preset:lecture-2"
    assert not app.warning and not app.info
    assert app.query_params.get("arch") == "lecture-2" and "network" not in app.query_params


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_damaged_address_says_so_and_opens_the_first_preset(small_data_dir, open_page, language):
    link = network_links.to_link(edited_lecture_2(), "preset:lecture-2")[:-20]
    app = open_page("architecture", language=language, query_params={"network": link})
    said = {
        "en": "cannot be read: it is cut off. The page opened",
        "ko": "읽을 수 없습니다: 중간에 잘렸습니다",
    }
    assert said[language] in app.warning[0].value
    garbage = open_page("architecture", language=language, query_params={"network": "garbage"})
    assert {"en": "is damaged", "ko": "손상되었습니다"}[language] in garbage.warning[0].value
    # A link that unpacks into a network file's problem says that one in the page's language.
    foreign = base64.urlsafe_b64encode(zlib.compress(b"[1, 2, 3]")).decode().rstrip("=")
    listed = open_page("architecture", language=language, query_params={"network": foreign})
    said = {"en": "must be an object with a 'layers' list", "ko": "'layers' 목록이 있는 객체"}
    assert said[language] in listed.warning[0].value
    assert app.selectbox(key="arch_source").value == "preset:lecture-1"
    assert app.session_state["arch_layers"][0]["filters"] == 16
    assert "network" not in app.query_params


def test_train_this_puts_the_network_in_the_train_page_s_address(small_data_dir, open_page):
    app = open_page("architecture")
    set_setting(app, 1, "filters", 24)
    app.button(key="arch_train").click().run()
    link = app.query_params["network"]
    assert network_links.from_link(link).spec["name"] == "lecture-1 plain conv (edited)"
    # A refresh: a new session with nothing but the address.
    fresh = open_page("train", query_params={"network": link})
    assert fresh.selectbox(key="train_network").value == "handed:"
    assert "From the Architecture page · lecture-1 plain conv (edited)" in (
        fresh.selectbox(key="train_network").format_func("handed:")
    )


def back_to(app, page: str) -> None:
    """Open another page from the sidebar, as a user does: its address holds no parameters."""
    app.switch_page(f"app_pages/{page}.py")
    app.query_params.clear()
    app.run()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_network_edited_again_after_train_this_is_offered_to_the_train_page(
    small_data_dir, open_page, monkeypatch, language
):
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("architecture")
    set_setting(app, 1, "filters", 24)
    app.button(key="arch_train").click().run()
    assert not _has(app, "train_take_edited")  # just handed: nothing to say
    back_to(app, "architecture")
    set_setting(app, 1, "filters", 40)
    back_to(app, "train")
    # The list still holds the copy handed over, and the page says the editor has moved on.
    assert app.selectbox(key="train_network").value == "handed:"
    assert app.session_state["train_spec"]["layers"][0]["filters"] == 24
    said = {"en": "You have changed this network on the Architecture page", "ko": "넘겨준 뒤"}
    assert any(said[language] in box.value for box in app.info)
    app.button(key="train_take_edited").click().run()
    assert app.session_state["train_spec"]["layers"][0]["filters"] == 40
    assert network_links.from_link(app.query_params["network"]).spec["layers"][0]["filters"] == 40
    assert not _has(app, "train_take_edited")  # the same network now: nothing to say
    assert not app.exception and not app.error


def test_a_network_a_link_brought_is_not_compared_with_the_editor(small_data_dir, open_page):
    app = open_page("architecture")
    set_setting(app, 1, "filters", 24)  # the editor holds a network of the user's own...
    app.button(key="arch_train").click().run()  # ...handed over before
    link = network_links.to_link(architectures.preset("lecture-2"))
    app.switch_page("app_pages/train.py")
    app.query_params.clear()
    app.query_params["network"] = link  # a teacher's link, opened in the same browser session
    app.run()
    assert app.selectbox(key="train_network").value == "handed:"
    assert app.session_state["train_spec"]["name"] == "lecture-2 pool+dropout"
    assert not _has(app, "train_take_edited")


def _has(app, key: str) -> bool:
    return any(button.key == key for button in app.button)


@pytest.mark.shows_error
@pytest.mark.parametrize(
    ("setting", "value", "said"),
    [
        (
            "filters",
            0,
            "layer 1 Conv2D: Filters is 0; it must be a whole number from 1 to 4096",
        ),
        (
            "kernel_size",
            40,
            "layer 1 Conv2D: Kernel is 40; it must be a whole number",
        ),
    ],
)
def test_a_number_out_of_range_is_taken_and_explained_not_silently_refused(
    small_data_dir, open_page, setting, value, said
):
    app = open_page("architecture")
    set_setting(app, 2, "filters", 48)  # an edit made before, which must survive
    set_setting(app, 1, setting, value)
    assert app.error[0].value.startswith(said)
    assert app.session_state["arch_layers"][0][setting] == value
    assert app.session_state["arch_layers"][1]["filters"] == 48
    assert app.button(key="arch_train").disabled


def test_the_save_as_box_follows_the_name_and_a_typed_name_survives_a_refresh(
    small_data_dir, open_page
):
    app = open_page("architecture")
    set_setting(app, 1, "filters", 12)
    app.text_input(key="arch_name").set_value("my tiny net").run()
    assert app.text_input(key="arch_save_name").value == "my tiny net"
    set_setting(app, 1, "filters", 16)  # the preset's layers again, under the student's name
    assert app.text_input(key="arch_name").value == "my tiny net"
    assert app.text_input(key="arch_save_name").value == "my tiny net"
    refreshed = open_page("architecture", query_params=dict(app.query_params))
    assert refreshed.text_input(key="arch_name").value == "my tiny net"
    # A "Save as" name typed there is the student's too.
    refreshed.text_input(key="arch_save_name").set_value("copy for class").run()
    refreshed.text_input(key="arch_name").set_value("another").run()
    assert refreshed.text_input(key="arch_save_name").value == "copy for class"


def test_a_chosen_network_travels_by_name_in_the_address(
    small_data_dir, isolated_studio, open_page
):
    RunStore(isolated_studio).save_architecture("my draft", architectures.preset("lecture-2"))
    app = open_page("architecture")
    assert "arch" not in app.query_params  # the page's first choice: a plain address
    app.selectbox(key="arch_source").set_value("preset:lecture-2").run()
    assert app.query_params["arch"] == "lecture-2" and "network" not in app.query_params
    # Back to the first choice, the address says so: it named a network already.
    app.selectbox(key="arch_source").set_value("preset:lecture-1").run()
    assert app.query_params["arch"] == "lecture-1"
    named = open_page("architecture", query_params={"arch": "lecture-1"})
    assert named.query_params["arch"] == "lecture-1"  # the Lecture's "Open lecture-1" link
    app.selectbox(key="arch_source").set_value("preset:lecture-2").run()
    # A refresh, or the link sent to the class, opens the same network, unedited.
    fresh = open_page("architecture", query_params={"arch": "lecture-2"})
    assert fresh.selectbox(key="arch_source").value == "preset:lecture-2"
    assert fresh.text_input(key="arch_name").value == "lecture-2 pool+dropout"
    saved = open_page("architecture", query_params={"arch": "my draft"})
    assert saved.selectbox(key="arch_source").value == "saved:my draft"
    # An edit travels whole instead (?network=), and the name no longer stands for it.
    set_setting(fresh, 1, "filters", 24)
    assert "network" in fresh.query_params and "arch" not in fresh.query_params


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_name_the_studio_does_not_have_is_said_and_dropped(small_data_dir, open_page, language):
    app = open_page("architecture", language=language, query_params={"arch": "lecture-9"})
    assert not app.exception
    said = {
        "en": "names a network the studio does not have (arch=lecture-9)",
        "ko": "없는 네트워크",
    }
    assert said[language] in app.info[0].value and "arch=lecture-9" in app.info[0].value
    assert app.selectbox(key="arch_source").value == "preset:lecture-1"
    assert "arch" not in app.query_params


def test_a_visit_to_another_page_keeps_the_network_its_name_and_the_address(
    small_data_dir, open_page
):
    app = open_page("architecture", query_params={"arch": "lecture-3"})
    app.text_input(key="arch_name").set_value("my deep net").run()
    back_to(app, "home")
    back_to(app, "architecture")
    assert app.selectbox(key="arch_source").value == "preset:lecture-3"
    assert app.text_input(key="arch_name").value == "my deep net"
    assert len(app.session_state["arch_layers"]) == len(architectures.preset("lecture-3")["layers"])


def test_an_edited_long_name_stays_within_the_limit_and_the_address_keeps_the_edit(
    small_data_dir, open_page, isolated_studio
):
    RunStore(isolated_studio).save_architecture("N" * 60, architectures.preset("lecture-1"))
    app = open_page("architecture", query_params={"arch": "N" * 60})
    set_setting(app, 1, "filters", 24)
    name = app.text_input(key="arch_name").value
    assert len(name) <= 60 and name.endswith("… (edited)")
    linked = network_links.from_link(app.query_params["network"])
    assert linked.spec["name"] == name and linked.spec["layers"][0]["filters"] == 24


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_name_the_rule_refuses_is_said_and_the_train_page_gets_a_usable_one(
    small_data_dir, open_page, monkeypatch, language
):
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("architecture")
    app.text_input(key="arch_name").set_value("(my net)").run()
    said = {"en": "This name cannot be used", "ko": "이 이름은 쓸 수 없습니다"}[language]
    assert any(said in box.value and "my net)" in box.value for box in app.warning)
    app.button(key="arch_train").click().run()
    assert app.session_state["train_spec"]["name"] == "my net)"
    assert network_links.from_link(app.query_params["network"]).spec["name"] == "my net)"


def test_a_pasted_network_name_over_the_limit_is_said_too_long(small_data_dir, open_page):
    app = open_page("architecture")
    assert not app.text_input(key="arch_name").max_chars  # Streamlit drops a longer paste
    app.text_input(key="arch_name").set_value("n" * 75).run()
    (box,) = [box.value for box in app.warning if "cannot be used" in box.value]
    assert "it has 75 characters; use at most 60" in box and "n" * 59 + "…" in box


def test_the_share_link_opens_the_network_as_shown_edits_included(small_data_dir, open_page):
    from urllib.parse import parse_qs, urlsplit

    app = open_page("architecture")
    set_setting(app, 1, "filters", 24)
    (code,) = [block.value for block in app.code if "network=" in block.value]
    linked = network_links.from_link(parse_qs(urlsplit(code).query)["network"][0])
    assert linked.spec["layers"][0]["filters"] == 24
    assert linked.spec["name"] == app.session_state["arch_name"]
    # A preset as it is travels by name.
    app.selectbox(key="arch_source").set_value("preset:lecture-2").run()
    assert [block.value for block in app.code if block.value.endswith("?arch=lecture-2")]


def test_the_saved_list_picks_the_open_network_and_names_are_checked_as_typed(
    small_data_dir, open_page, isolated_studio
):
    store = RunStore(isolated_studio)
    for name in ("alpha", "beta"):
        store.save_architecture(name, architectures.preset("lecture-2"))
    app = open_page("architecture", query_params={"arch": "beta"})
    # Rename and delete mean the network open above, not the list's first.
    assert app.selectbox(key="arch_saved_pick").value == "beta"
    assert app.checkbox(key="arch_delete_ok").label == "Yes, delete “beta”"
    app.text_input(key="arch_save_name").set_value("lecture-2").run()
    said = "A network cannot be saved under this name: it is the name of the preset lecture-2"
    assert any(said in box.value for box in app.warning)  # before Save is pressed
    app.text_input(key="arch_rename_to").set_value("r" * 70).run()
    assert any("it has 70 characters; use at most 60" in box.value for box in app.warning)


def test_a_page_switching_button_keeps_korean(small_data_dir, open_page):
    app = open_page("lecture", language="ko")
    app.button(key="lecture_open_lecture-2").click().run()
    assert app.query_params.get("lang") == "ko"
    assert app.query_params.get("arch") == "lecture-2"


def test_renaming_the_open_saved_network_is_followed_and_edits_are_kept(
    small_data_dir, open_page, isolated_studio
):
    RunStore(isolated_studio).save_architecture("a-net", architectures.preset("lecture-2"))
    app = open_page("architecture", query_params={"arch": "a-net"})
    set_setting(app, 1, "filters", 24)
    app.text_input(key="arch_rename_to").set_value("renamed-net").run()
    app.button(key="arch_rename").click().run()
    assert app.selectbox(key="arch_source").value == "saved:renamed-net"
    assert app.session_state["arch_layers"][0]["filters"] == 24  # the edit is still there
    app.run()
    assert app.selectbox(key="arch_source").value == "saved:renamed-net"
    # The address names no network the studio lacks: a refresh opens the same edit.
    linked = network_links.from_link(app.query_params["network"])
    assert linked.origin == "saved:renamed-net" and linked.spec["layers"][0]["filters"] == 24


@pytest.mark.parametrize("language", ["en", "ko"])
def test_deleting_the_open_saved_network_keeps_its_layers_as_unsaved_work(
    small_data_dir, open_page, isolated_studio, monkeypatch, language
):
    monkeypatch.setenv("FMNIST_LANG", language)
    RunStore(isolated_studio).save_architecture("gone-net", architectures.preset("lecture-2"))
    app = open_page("architecture", query_params={"arch": "gone-net"})
    app.checkbox(key="arch_delete_ok").check().run()
    app.button(key="arch_delete").click().run()
    assert app.selectbox(key="arch_source").value is None
    said = {"en": "its layers stay in the editor", "ko": "층은 편집기에 그대로 남아"}[language]
    assert any(said in box.value for box in app.info)
    # Said once: no caption beside the notice repeats it (nor calls it a file's or a link's).
    caption = {"en": "was deleted from the list above", "ko": "위 목록에서 삭제되었지만"}[language]
    assert caption not in texts(app) and "(a link)" not in texts(app)
    assert "arch" not in app.query_params  # it names a network no longer there...
    linked = network_links.from_link(app.query_params["network"])  # ...the layers travel whole
    assert linked.spec["layers"] == architectures.preset("lecture-2")["layers"]
    assert not app.exception and not app.error
    app.run()  # the notice has gone; the caption now says what became of it
    assert caption in texts(app)


@pytest.mark.parametrize(
    ("kind", "position"),
    [("Conv2D", 4), ("MaxPooling2D", 4), ("ResidualBlock", 4), ("Dropout", 6), ("Dense", 6)],
)
def test_add_a_layer_suggests_where_that_kind_goes(small_data_dir, open_page, kind, position):
    # lecture-1: three convolutions, Flatten (4th), Dense, Dense.
    app = open_page("architecture")
    app.selectbox(key="arch_add_type").set_value(kind).run()
    assert app.number_input(key="arch_add_position").value == position
    app.button(key="arch_add").click().run()
    assert not app.error  # added where it fits, the network still builds
    assert app.session_state["arch_layers"][position - 1]["type"] == kind


def test_an_edit_handed_over_after_an_earlier_visit_to_train_is_the_one_chosen(
    small_data_dir, open_page
):
    app = open_page("architecture", query_params={"arch": "lecture-2"})
    app.button(key="arch_train").click().run()  # unedited: Train opens on the preset
    assert app.selectbox(key="train_network").value == "preset:lecture-2"
    back_to(app, "architecture")
    set_setting(app, 1, "filters", 48)
    app.button(key="arch_train").click().run()
    # The edit, not the preset the picker held from the visit before.
    assert app.selectbox(key="train_network").value == "handed:"
    assert app.session_state["train_spec"]["layers"][0]["filters"] == 48
    assert "(edited)" in app.selectbox(key="train_network").format_func("handed:")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_residual_network_says_why_its_convolutions_count_no_bias(
    small_data_dir, open_page, monkeypatch, language
):
    monkeypatch.setenv("FMNIST_LANG", language)
    said = {"en": "A residual block's convolutions have no bias", "ko": "잔차 블록의 합성곱에는"}
    assert said[language] in texts(open_page("architecture", query_params={"arch": "best"}))
    # A network without one has nothing to explain.
    assert said[language] not in texts(open_page("architecture"))


@pytest.mark.parametrize(
    ("edited_from", "recipe"), [("lecture-2", "lecture"), ("strong", "strong")]
)
def test_an_edit_trains_with_the_recipe_of_the_network_it_was_edited_from(
    small_data_dir, open_page, edited_from, recipe
):
    """lecture-2 with more filters is the lecture's experiment with one change: it once came
    with the fast recipe, and Compare then listed six settings beside the layer."""
    from fmnist_core.training import RECIPES

    app = open_page("architecture", query_params={"arch": edited_from})
    set_setting(app, 1, "filters", 40)
    app.button(key="arch_train").click().run()
    assert app.selectbox(key="train_network").value == "handed:"
    assert app.select_slider(key="train_batch").value == RECIPES[recipe].batch_size
    assert app.select_slider(key="train_lr").value == RECIPES[recipe].learning_rate
    assert app.button(key=f"train_recipe_{recipe}").icon == ":material/check:"
    assert "batch_size" not in app.query_params  # the recipe a reload starts this link with
    # A refresh: the link keeps where the network came from, and with it the recipe.
    reloaded = open_page("train", query_params=dict(app.query_params))
    assert reloaded.select_slider(key="train_batch").value == RECIPES[recipe].batch_size


def test_a_network_from_a_file_edited_trains_with_the_fast_recipe(small_data_dir, open_page):
    from fmnist_core.training import RECIPES

    spec = {**architectures.preset("lecture-2"), "name": "from a file"}
    spec["layers"][0]["filters"] = 40
    app = open_page("train", query_params={"network": network_links.to_link(spec)})
    assert app.selectbox(key="train_network").value == "handed:"
    assert app.select_slider(key="train_batch").value == RECIPES["fast"].batch_size


def test_a_name_the_save_box_refuses_turns_save_off_with_one_message(small_data_dir, open_page):
    """Under a preset's name a yellow box said why, and Save, still on, repeated it in red."""
    app = open_page("architecture")
    app.text_input(key="arch_save_name").set_value("fast").run()
    assert [box.value for box in app.warning] == [
        "A network cannot be saved under this name: it is the name of the preset fast; choose "
        "another, so that the preset keeps its name in lists, links and on the command line."
    ]
    assert app.button(key="arch_save").disabled
    app.text_input(key="arch_save_name").set_value("my fast").run()
    assert not app.button(key="arch_save").disabled


def test_a_dropout_rate_is_shown_as_typed_not_rounded(small_data_dir, open_page):
    app = open_page("architecture", query_params={"arch": "lecture-2"})
    (rate,) = [box for box in app.number_input if box.key.endswith("_rate")]
    assert rate.proto.format == "%g"  # 0.999 reads 0.999 beside its message, not 1.00


def test_the_weights_size_says_how_it_is_counted(small_data_dir, open_page):
    app = open_page("architecture")  # lecture-1: 3,989,642 parameters
    weights = next(m for m in app.metric if m.label == "Weights (float32)")
    assert weights.value == "15.22 MB"  # as Keras' model.summary() prints it
    assert "3,989,642 × 4 = 15,958,568 bytes" in weights.help and "1 MB = 1,024 KB" in weights.help


def test_save_off_for_a_network_that_cannot_be_built_says_why(small_data_dir, open_page):
    app = open_page("architecture", query_params={"arch": "lecture-2"})
    assert "Save is off while the network cannot be built" not in texts(app)
    (rate,) = [box for box in app.number_input if box.key.endswith("_rate")]
    rate.set_value(0.999).run()
    assert app.button(key="arch_save").disabled
    assert "Save is off while the network cannot be built" in texts(app)
