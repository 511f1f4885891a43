"""Every accuracy and training time the studio shows about itself comes from a committed record.

The expected figures are worked out here straight from the JSON files in bench/results/, not
through ``fmnist_core.measured``; then every percentage and every "N s" the Home table, the
preset descriptions and the Train page's recipe captions show must be one of them. A figure
typed into a template (or a stale one) is not, and fails.
"""

from __future__ import annotations

import json
import re
import statistics

import pytest

from fmnist_core import architectures, measured
from fmnist_core.device import Device
from fmnist_core.training import RECIPES
from tests.app.conftest import texts
from tests.conftest import ROOT
from ui import i18n

LANGUAGES = ["en", "ko"]
PERCENT = re.compile(r"\d+(?:\.\d+)?\s?%")
SECONDS = re.compile(r"(\d[\d,]*)\s?(?:s\b|초)")


def figures_in_records() -> dict[tuple[str, str], dict]:
    """Per (preset, recipe): the figures of the newest committed record that trained them; for
    the lecture's recipe, with the seeds it lacks from older records under the protocol, on the
    same machine, for the same epochs (the lecture's experiment, run a few seeds at a time)."""
    records = []
    for path in sorted((ROOT / "bench" / "results").glob("*.json")):
        record = json.loads(path.read_text())
        if "runs" in record:  # not another benchmark's file (e.g. the GPU trials)
            records.append(record)
    records.sort(key=lambda record: record["date"])

    def claimed(record: dict) -> dict[tuple[str, str], list[dict]]:
        # Tuning scores the validation split only; a smoke run on a few images claims nothing.
        by_pair: dict[tuple[str, str], list[dict]] = {}
        for run in record["runs"]:
            if run["test_accuracy"] is not None and not run.get("limit_train"):
                by_pair.setdefault((run["preset"], run["recipe"]), []).append(run)
        return by_pair

    newest: dict[tuple[str, str], dict] = {}
    for index, record in enumerate(records):
        for pair, runs in claimed(record).items():
            honest = record.get("protocol") == measured.HONEST_PROTOCOL
            for earlier in reversed(records[:index]) if pair[1] == "lecture" and honest else ():
                if (earlier.get("protocol"), earlier["machine"]["device"]) != (
                    record["protocol"],
                    record["machine"]["device"],
                ):
                    continue
                seeds = {run["seed"] for run in runs}
                runs = runs + [
                    run
                    for run in claimed(earlier).get(pair, [])
                    if run["seed"] not in seeds and run["epochs"] == runs[0]["epochs"]
                ]
            accuracies = sorted(run["test_accuracy"] for run in runs)
            newest[pair] = {
                "median": f"{statistics.median(accuracies) * 100:.2f}%",
                "lowest": accuracies[0],
                "highest": f"{accuracies[-1] * 100:.2f}%",
                "seeds": len(runs),
                "epochs": runs[0]["epochs"],
                "seconds": statistics.median(run["training_seconds"] for run in runs),
                "machine": record["machine"]["device"],
                "date": record["date"][:10],
                "honest": honest,
            }
    return newest


RECORDED = figures_in_records()


def duration(seconds: float, language: str) -> str:
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return i18n.MESSAGES["duration.hours"][language].format(h=hours, m=minutes)
    if minutes:
        return i18n.MESSAGES["duration.minutes"][language].format(m=minutes, s=secs)
    return i18n.MESSAGES["duration.seconds"][language].format(s=secs)


def allowed_percentages(pair: tuple[str, str]) -> set[str]:
    recorded = RECORDED[pair]
    lowest = f"{recorded['lowest'] * 100:.2f}%"
    lecture = {f"{value * 100:.2f}%" for value in measured.LECTURE_TEST_ACCURACY.values()}
    return {recorded["median"], lowest, recorded["highest"]} | lecture


def machine_in(language: str, described: str) -> str:
    """A record's device line as the dashboard says it in ``language`` (the catalog's device
    texts), e.g. "CPU x86_64, 코어 2개 (tensorflow)"."""
    found = Device.from_description(described)
    if found is None:
        return described
    template = i18n.MESSAGES["device.gpu" if found.gpus else "device.cpu"][language]
    return template.format(
        names=", ".join(found.gpus),
        backend=found.backend,
        machine=found.machine,
        cores=found.cores,
    )


def assert_figures_come_from(text: str, pair: tuple[str, str], language: str = "en") -> None:
    """Every percentage in ``text`` is the record's (or the lecture's), every "N s" its median
    time (in words), and the at-least figure never claims more than the lowest seed."""
    recorded = RECORDED[pair]
    allowed = allowed_percentages(pair)
    for shown in PERCENT.findall(text):
        at_least = float(shown.rstrip("%"))
        if shown.replace(" ", "") not in allowed:
            # Only the rounded-down lowest seed may appear besides the record's own figures.
            assert at_least <= recorded["lowest"] * 100 < at_least + 0.1, (shown, text)
    # The time is the record's median, in words ("9 min 27 s"), and no other time is shown.
    said = duration(recorded["seconds"], language)
    assert said in text, (said, text)
    assert SECONDS.findall(text.replace(said, "")) == [], text
    assert machine_in(language, recorded["machine"]) in text and recorded["date"] in text


def say_in(language: str):
    """Words a claim in ``language`` as the dashboard does (the catalog's claim texts)."""

    def say(claim, what):
        key = f"claim.{measured.claim_key(claim, what)}"
        if claim is None:
            return i18n.MESSAGES[key][language]
        figures = claim.figures()
        figures["machine"] = machine_in(language, figures["machine"])
        figures["duration"] = duration(claim.median_seconds, language)
        return i18n.MESSAGES[key][language].format(**figures)

    return say


def test_every_committed_record_is_read():
    assert {(c.preset, c.recipe) for c in measured.committed_claims()} == set(RECORDED)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_table_shows_the_records_figures(small_data_dir, open_page, language):
    app = open_page("home", language=language)
    _, table = app.table  # the lecture's three models, then what the presets reached
    table = table.value
    model = {spec["name"]: key for key, spec in architectures.PRESETS.items()}
    recipe = {i18n.MESSAGES[f"train.recipe_{name}"][language]: name for name in RECIPES}
    assert len(table) == len(RECORDED)
    for row in table.itertuples(index=False):
        (name, recipe_label, epochs, accuracy, seeds, time, measured_on) = row
        recorded = RECORDED[model[name], recipe[recipe_label]]
        planned = RECIPES[recipe[recipe_label]].epochs
        if recorded["epochs"] == planned:
            assert epochs == str(planned)
        else:  # the GPU recipe cut short on a CPU says so
            cut = {
                "en": f"{recorded['epochs']} of {planned}",
                "ko": f"{planned} 에포크 중 {recorded['epochs']} 에포크",
            }
            assert epochs.startswith(cut[language] + " (")
        lowest = f"{recorded['lowest'] * 100:.2f}%"
        if recorded["seeds"] == 1:
            assert accuracy == recorded["median"]
        else:
            assert accuracy == f"{recorded['median']} ({lowest} – {recorded['highest']})"
        # A row on fewer seeds than the protocol's says why, in the row itself.
        count, wanted = recorded["seeds"], measured.seeds_wanted(recipe[recipe_label])
        if not recorded["honest"]:
            said = {"en": f"{count} (before the protocol)", "ko": f"{count} (측정 규칙 이전)"}
        elif count < wanted:
            said = {
                "en": f"{count} of {wanted} (still measuring)",
                "ko": f"{wanted}개 중 {count}개 (측정 중)",
            }
        else:
            said = {"en": str(count), "ko": str(count)}
        assert seeds == said[language]
        assert time == duration(recorded["seconds"], language)
        assert measured_on == f"{machine_in(language, recorded['machine'])}, {recorded['date']}"
    # The note's time for a lecture-3 seed is the record's median too.
    note = i18n.MESSAGES["home.measured_note"][language].split("{")[0]
    (caption,) = [c.value for c in app.caption if c.value.startswith(note)]
    assert duration(RECORDED["lecture-3", "lecture"]["seconds"], language) in caption


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", list(architectures.PRESETS))
def test_a_preset_description_cites_its_record(key, language):
    recipe = "lecture" if key in measured.LECTURE_TEST_ACCURACY else key
    figures = architectures.preset_figures(key, say=say_in(language))
    text = i18n.MESSAGES[f"preset.{key}"][language].format(**figures)
    if language == "en":
        assert text == architectures.PRESETS[key]["description"]
    assert RECORDED[key, recipe]["median"] in text
    assert_figures_come_from(text, (key, recipe), language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_recipe_button_says_what_the_recipe_reached_here(small_data_dir, open_page, language):
    app = open_page("train", language=language)
    captions = [caption.value for caption in app.caption]
    for recipe in RECIPES:
        preset = measured.RECIPE_PRESETS[recipe]
        # Each caption names the network the recipe was measured on (the button keeps yours).
        names = {"en": f"Measured on the {preset} network:", "ko": f"{preset} 네트워크로 잰 결과,"}
        caption = next(text for text in captions if text.startswith(names[language]))
        recorded = RECORDED[preset, recipe]
        assert_figures_come_from(caption, (preset, recipe), language)
        if recorded["seeds"] > 1:  # "at least X% on every seed we tried (N)"
            assert f"({recorded['seeds']}" in caption and "%" in caption


def test_no_figure_is_typed_into_a_template():
    typed = re.compile(r"\d+(?:\.\d+)?\s?%|\b0\.\d{3,}|\d+\s?(?:s\b|초|seconds|minutes)")
    templates = {
        (key, language): text
        for key, texts_by_language in i18n.MESSAGES.items()
        if key.startswith(("preset.", "claim.", "home.measured", "home.no_measurement"))
        or key.startswith("train.recipe_")
        for language, text in texts_by_language.items()
    }
    found = {key: typed.findall(text) for key, text in templates.items() if typed.findall(text)}
    assert found == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_a_readable_record_home_says_nothing_is_measured(
    small_data_dir, open_page, monkeypatch, tmp_path, language
):
    (tmp_path / "broken.json").write_text('{"runs": [')  # cut off mid-write
    monkeypatch.setattr(measured, "RESULTS", tmp_path)
    measured.committed_claims.cache_clear()
    try:
        app = open_page("home", language=language)
        train = open_page("train", language=language)
    finally:
        measured.committed_claims.cache_clear()
    assert len(app.table) == 1  # the lecture's own table only
    assert i18n.MESSAGES["home.no_measurement"][language] in texts(app)
    none = i18n.MESSAGES["claim.recipe.none"][language]
    assert [c.value for c in train.caption].count(none) == len(RECIPES)


def test_the_lecture_recipe_caption_cites_the_chosen_lecture_model(small_data_dir, open_page):
    app = open_page("train")
    app.selectbox(key="train_network").set_value("preset:lecture-2").run()
    captions = [caption.value for caption in app.caption]
    caption = next(
        text for text in captions if text.startswith("Measured on the lecture-2 network:")
    )
    assert_figures_come_from(caption, ("lecture-2", "lecture"))
    assert any(text.startswith("Measured on the fast network:") for text in captions)
