"""The entry point: every page opens, the sidebar tells data source and device, and languages."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import texts
from ui import i18n

PAGES = ["home", "dataset", "architecture", "train", "compare", "draw"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_without_an_error(small_data_dir, open_page, page):
    app = open_page(page)
    assert not app.exception
    assert not app.error


def test_sidebar_shows_data_source_and_device(small_data_dir, open_page):
    app = open_page("home")
    sidebar = [c.value for c in app.sidebar.caption]
    said = "Data: your folder (FMNIST_DATA_DIR) · 3,000 training + 1,000 test images"
    assert any(said in line for line in sidebar)
    assert any(
        line.startswith("Compute: ") and ("CPU" in line or "GPU" in line) for line in sidebar
    )


def test_sidebar_says_where_runs_are_kept_and_who_trains_them(
    small_data_dir, open_page, isolated_studio, monkeypatch
):
    # A teacher who set a class up on PostgreSQL and Ray checks it here.
    def runs_line(**env) -> str:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        app = open_page("home")
        return next(c.value for c in app.sidebar.caption if c.value.startswith("Runs: "))

    assert runs_line() == (
        f"Runs: SQLite file {isolated_studio / 'studio.sqlite'} · trained by workers on this "
        "machine"
    )
    said = runs_line(
        FMNIST_STORE_URL="postgresql://studio:s3cret@db.example:5433/studio",
        FMNIST_EXECUTOR="ray",
        RAY_ADDRESS="10.0.0.5:6379",
    )
    assert said == "Runs: PostgreSQL db.example:5433/studio · trained on Ray (10.0.0.5:6379)"
    said = runs_line(FMNIST_STORE_URL="postgresql//studio:s3cret@db/studio", FMNIST_EXECUTOR="x")
    assert "s3cret" not in said and said.endswith("FMNIST_EXECUTOR names no executor")


def test_language_toggle_translates_the_page(small_data_dir, open_page):
    app = open_page("home")
    assert "Learn and experiment" in texts(app)
    app.sidebar.segmented_control(key="language").set_value("ko").run()
    assert "합성곱 신경망" in texts(app)
    # The choice travels in the address, so a refresh (a new session) keeps it...
    assert app.query_params["lang"] == "ko"
    refreshed = open_page("dataset", query_params={"lang": "ko"})
    assert "데이터셋" in texts(refreshed) and "Browse" not in texts(refreshed)
    # ...and back to the studio's default leaves a plain address
    app.sidebar.segmented_control(key="language").set_value("en").run()
    assert "lang" not in app.query_params and "Learn and experiment" in texts(app)


def test_a_link_naming_the_default_language_keeps_it(small_data_dir, open_page):
    """Taking ?lang=en out was one more write of the address as the page opened, and Back from
    a tab's first page then took two presses."""
    train = open_page("train", query_params={"lang": "en"})
    assert train.query_params["lang"] == "en" and "Start training" in texts(train)
    app = open_page("home", query_params={"lang": "en"})
    assert app.query_params["lang"] == "en"
    app.sidebar.segmented_control(key="language").set_value("ko").run()
    assert app.query_params["lang"] == "ko"
    app.sidebar.segmented_control(key="language").set_value("en").run()
    assert "lang" not in app.query_params  # chosen here: the default, a plain address


def test_an_unknown_language_in_the_address_is_left_for_the_default(small_data_dir, open_page):
    app = open_page("home", query_params={"lang": "fr"})
    assert "Learn and experiment" in texts(app) and "lang" not in app.query_params


def test_fmnist_lang_sets_the_default(small_data_dir, open_page, monkeypatch):
    monkeypatch.setenv("FMNIST_LANG", "ko")
    assert "합성곱 신경망" in texts(open_page("home"))


def test_every_message_exists_in_both_languages():
    missing = [key for key, texts in i18n.MESSAGES.items() if set(texts) != set(i18n.LANGUAGES)]
    assert missing == []
    empty = [key for key, texts in i18n.MESSAGES.items() if not all(texts.values())]
    assert empty == []


def test_every_message_key_used_in_the_code_exists_and_none_is_unused():
    import re

    from fmnist_core.training import SETTINGS
    from tests.conftest import ROOT

    # Where keys are used: the pages, the UI helpers, the engine's declarations (a training
    # setting names its label key), and the catalog's own functions, but not its message table,
    # which would make every key look used.
    files = [ROOT / "dashboard.py"]
    for folder in ("app_pages", "ui", "fmnist_core"):
        files += [path for path in (ROOT / folder).glob("*.py") if path.name != "i18n.py"]
    catalog = (ROOT / "ui" / "i18n.py").read_text()
    sources = [path.read_text() for path in files] + [catalog[catalog.index("\ndef ") :]]
    code = "\n".join(sources)
    literal = set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z0-9_.-]+)["']""", code))
    assert sorted(literal - set(i18n.MESSAGES)) == []
    # Keys built at run time: statuses, sources, splits, options, layer settings and the like.
    prefixes = set(re.findall(r"""\bt\(\s*f["']([a-z_]+\.[a-z_]*)\{""", code))
    # A choice setting's options are named "<setting>.<choice>" (ui/settings_form.py).
    literal |= {
        f"{name}.{choice}" for name, setting in SETTINGS.items() for choice in setting.choices
    }
    unused = [
        key
        for key in i18n.MESSAGES
        if key not in literal
        and not any(key.startswith(p) for p in prefixes)
        and f'"{key}"' not in code
    ]
    assert unused == []


def _engine_texts():
    from fmnist_core.architectures import PRESET_TEXTS, PROBLEM_TEXTS
    from fmnist_core.data import DATA_FIXES, DATA_TEXTS, SAMPLE_REASONS
    from fmnist_core.inference import INPUT_TEXTS
    from fmnist_core.layer_kinds import FORMULA_TEXTS, SIZE_TEXTS
    from fmnist_core.measured import CLAIM_TEXTS, DURATION_TEXTS
    from fmnist_core.names import NAME_TEXTS
    from fmnist_core.network_links import LINK_TEXTS
    from fmnist_core.store import STORE_TEXTS
    from fmnist_core.training import ALLOWED_TEXTS

    return [
        ("problem", PROBLEM_TEXTS),
        ("preset", PRESET_TEXTS),
        ("formula", FORMULA_TEXTS),
        ("size", SIZE_TEXTS),
        ("input", INPUT_TEXTS),
        ("allowed", ALLOWED_TEXTS),
        ("data_problem", DATA_TEXTS),
        ("data_fix", DATA_FIXES),
        ("sample_reason", SAMPLE_REASONS),
        ("store", STORE_TEXTS),
        ("name_problem", NAME_TEXTS),
        ("link_problem", LINK_TEXTS),
        ("claim", CLAIM_TEXTS),
        ("duration", DURATION_TEXTS),
    ]


@pytest.mark.parametrize(("prefix", "english_texts"), _engine_texts())
def test_every_engine_message_has_korean_with_the_same_placeholders(prefix, english_texts):
    import string

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    # The English comes from the engine itself; its Korean must fill the same blanks. Korean
    # counts large numbers in 만 (ten thousands): the same multiply-adds, another unit.
    same_count = {"multiply_adds": "macs"}
    for key, english in english_texts.items():
        texts = i18n.MESSAGES[f"{prefix}.{key}"]
        assert {same_count.get(f, f) for f in fields(texts["ko"])} == fields(english), key


def test_home_shows_what_the_presets_reached_beside_the_lecture(small_data_dir, open_page):
    from fmnist_core.measured import committed_claims

    app = open_page("home")
    lecture, measured = (table.value for table in app.table)
    assert list(lecture.iloc[:, -1]) == ["85.54%", "89.07%", "92.37%"]
    assert "fast CNN" in list(measured.iloc[:, 0])
    assert len(measured) == len(committed_claims())
    assert "the test set is scored once per finished run" in texts(app)


def test_measured_figures_name_real_presets_and_recipes():
    from fmnist_core import architectures, training
    from fmnist_core.measured import claim, committed_claims

    for record in committed_claims():
        assert record.preset in architectures.PRESETS and record.recipe in training.RECIPES
        assert 0.1 < record.lowest_accuracy <= record.median_accuracy < 1
        assert record.median_seconds > 0
    assert claim("no such preset", "fast") is None


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "is truncated: the header announces 1,000 items (784,000 bytes) but only"),
        ("ko", "잘린 파일입니다: 헤더는 항목 1,000개(784,000바이트)를 알리지만"),
    ],
)
@pytest.mark.shows_error
def test_a_damaged_data_file_is_named_and_explained_in_the_chosen_language(
    small_data_dir, open_page, monkeypatch, language, expected
):
    import gzip

    path = small_data_dir / "t10k-images-idx3-ubyte.gz"
    content = gzip.decompress(path.read_bytes())
    path.write_bytes(gzip.compress(content[:-5000]))
    monkeypatch.setenv("FMNIST_LANG", language)
    app = open_page("dataset")
    assert not app.exception
    message = app.error[0].value
    assert "t10k-images-idx3-ubyte.gz" in message and expected in message
    assert not app.image  # nothing half-loaded is shown


@pytest.mark.shows_error
def test_a_gzip_archive_cut_short_is_said_in_korean_without_englishs_words(
    small_data_dir, open_page, monkeypatch
):
    path = small_data_dir / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-20])  # as a copy that stopped early leaves it
    monkeypatch.setenv("FMNIST_LANG", "ko")
    message = open_page("dataset").error[0].value
    assert "train-labels-idx1-ubyte.gz" in message
    assert "중간에 잘린 gzip 압축 파일입니다" in message
    assert "Compressed" not in message and "end-of-stream" not in message  # Python's words


def test_sidebar_names_the_device_in_korean(small_data_dir, open_page):
    app = open_page("home", language="ko")
    device_line = next(c.value for c in app.sidebar.caption if c.value.startswith("연산 장치: "))
    assert "GPU" in device_line or "코어" in device_line


def test_an_unknown_device_is_said_not_crashed(monkeypatch):
    from fmnist_core import device

    monkeypatch.setattr(device.sys, "executable", "/nonexistent/python")
    assert device.current_in_subprocess(timeout=5) is None


def test_durations_read_in_the_chosen_language(small_data_dir, open_page):
    app = open_page("home", language="ko")
    _, measured = app.table  # the lecture's three models, then what the presets reached
    measured = measured.value
    times = list(measured["학습 시간 (중앙값)"])
    # "35분 40초", "1시간 19분": hours, minutes and seconds in Korean words, never "2,140 s".
    assert times and all(re.fullmatch(r"\d+시간 \d{2}분|\d+분 \d{2}초|\d+초", t) for t in times)


def test_home_counts_the_images_of_the_data_in_use(small_data_dir, open_page):
    app = open_page("home")
    assert "See the 4,000 images, class by class." in texts(app)  # the sample, not 70,000
    assert next(m.value for m in app.metric if m.label == "Images") == "4,000"


@pytest.fixture
def fresh_device_probe():
    """The sidebar asks for the device once per process; ask again here, and after the test."""
    from ui import common

    common._probe_device.cache_clear()
    yield
    common._probe_device.cache_clear()


@pytest.mark.parametrize(
    ("language", "says"),
    [
        (
            "en",
            "nvidia-smi lists NVIDIA H100 80GB HBM3, but TensorFlow here is its CPU build",
        ),
        (
            "ko",
            "nvidia-smi에 NVIDIA H100 80GB HBM3이 보이지만 여기 설치된 TensorFlow는 CPU 빌드",
        ),
    ],
)
def test_the_sidebar_says_why_a_gpu_goes_unused_and_how_to_fix_it(
    small_data_dir, open_page, stand_in_nvidia_smi, fresh_device_probe, language, says
):
    stand_in_nvidia_smi("GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1)")
    app = open_page("home", language=language)
    warning = " ".join(str(box.value) for box in app.sidebar.warning)
    assert says in warning and "FMNIST_GPU=1 bash scripts/start.sh" in warning


def test_no_device_warning_on_a_plain_cpu_machine(small_data_dir, open_page, fresh_device_probe):
    import shutil

    from fmnist_core.device import nvidia_cards_on_pci

    if shutil.which("nvidia-smi") or nvidia_cards_on_pci():
        pytest.skip("this machine has NVIDIA hardware")
    assert not open_page("home").sidebar.warning


def test_korean_lines_break_between_words_not_inside_them(small_data_dir, open_page, monkeypatch):
    def styles(app):
        return "".join(element.proto.body for element in app.get("html"))

    assert "keep-all" not in styles(open_page("home"))
    monkeypatch.setenv("FMNIST_LANG", "ko")
    assert "word-break: keep-all" in styles(open_page("home"))
