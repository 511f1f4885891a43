"""What each preset reached when we trained it, read from the benchmarks' raw records.

The benchmarks (bench/) write one JSON file per run under ``bench/results/``; those files are
committed, and this module is the only reader. Every accuracy or training time the studio shows
about itself (the Home page's table, the preset descriptions, the Train page's recipe captions)
comes from ``claim()``, so no figure is typed twice. The protocol the records follow is at the
top of bench/README.md.

These are records of runs, not promises: another machine gives other seconds, and another seed a
slightly different accuracy, which is why a claim is the median and the lowest over seeds.
"""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

# The test accuracies the lecture reports after 25 epochs of its recipe.
LECTURE_TEST_ACCURACY = {"lecture-1": 0.8554, "lecture-2": 0.8907, "lecture-3": 0.9237}

# Committed with the repository, beside the package.
RESULTS = Path(__file__).resolve().parent.parent / "bench" / "results"

# The protocol a record states it followed (bench/README.md). Records made before it existed say
# so, and are shown as what they are: one seed, chosen by looking at the test set.
HONEST_PROTOCOL = (
    "2026-11-29: chosen on a validation split; test set scored once per finished run; "
    "median and minimum over seeds"
)
LEGACY_PROTOCOL = "before 2026-11-29: one seed; test accuracy read after every epoch"

# How many seeds a claim stands on once measured in full (the protocol, bench/README.md): five,
# and three for the strong recipe, about ten minutes a seed, as its target asks. The benchmarks
# train this many by default.
SEEDS_CLAIMED = 5
SEEDS_CLAIMED_BY_RECIPE = {"strong": 3}


def seeds_wanted(recipe: str) -> int:
    """The seeds a claim about ``recipe`` stands on once measured in full."""
    return SEEDS_CLAIMED_BY_RECIPE.get(recipe, SEEDS_CLAIMED)


# The preset each recipe was made for: the Train page's recipe buttons cite its claim.
RECIPE_PRESETS = {"lecture": "lecture-3", "fast": "fast", "strong": "strong", "best": "best"}

# How a claim is said, in English, with its figures (``Claim.figures``) left as blanks; the
# dashboard has the same keys in Korean. ``accuracy.*`` for the preset descriptions, ``recipe.*``
# for the Train page's recipe buttons (each names the network the recipe was measured on, which
# the button does not choose); ``*.seeds`` for a record made under the protocol, ``*.first_seed``
# for one with a single seed so far, ``*.one_seed`` for one from before it (one seed each),
# ``*.none`` where nothing is recorded.
CLAIM_TEXTS = {
    "accuracy.seeds": "median {median} over {seeds} seeds (lowest {lowest}) after {epochs} "
    "epochs, about {duration} of training ({machine}, {date})",
    "accuracy.one_seed": "{median} on one seed after {epochs} epochs, {duration} of training "
    "({machine}, {date}; recorded before the protocol)",
    "accuracy.first_seed": "{median} on the one seed measured so far, after {epochs} epochs, "
    "{duration} of training ({machine}, {date})",
    "accuracy.none": "no measurement recorded yet",
    "recipe.seeds": "on the {preset} network: at least {at_least} on every seed we tried "
    "({seeds}), about {duration} of training for {epochs} epochs ({machine}, {date})",
    "recipe.one_seed": "on the {preset} network: {median} on the one seed recorded, {duration} "
    "of training for {epochs} epochs ({machine}, {date}; recorded before the protocol)",
    "recipe.first_seed": "on the {preset} network: {median} on the one seed measured so far, "
    "{duration} of training for {epochs} epochs ({machine}, {date})",
    "recipe.none": "no measurement recorded yet",
}
# A training time as people read it; the dashboard has the same keys in Korean.
DURATION_TEXTS = {
    "hours": "{h} h {m:02d} min",
    "minutes": "{m} min {s:02d} s",
    "seconds": "{s} s",
}


def duration_words(seconds: float, texts: dict[str, str] | None = None) -> str:
    """``1 h 02 min``, ``3 min 05 s`` or ``42 s`` (``texts``: the words, English by default)."""
    texts = texts or DURATION_TEXTS
    hours, rest = divmod(round(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return texts["hours"].format(h=hours, m=minutes)
    if minutes:
        return texts["minutes"].format(m=minutes, s=secs)
    return texts["seconds"].format(s=secs)


@dataclass(frozen=True)
class Claim:
    """What a preset reached with a recipe in its newest benchmark record, over its seeds."""

    preset: str
    recipe: str  # a key of fmnist_core.training.RECIPES
    seeds: int
    epochs: int  # as trained (a recipe cut short to fit the machine says so here)
    median_accuracy: float  # test accuracy, scored once per finished run
    lowest_accuracy: float
    highest_accuracy: float
    median_seconds: float  # training time, fitting only
    machine: str
    date: str  # YYYY-MM-DD
    protocol: str
    source: str  # the newest record's file name under bench/results/
    sources: tuple[str, ...] = ()  # every record whose seeds it counts, newest first

    @property
    def honest(self) -> bool:
        """Whether the record follows the protocol (several seeds, chosen without the test set)."""
        return self.protocol == HONEST_PROTOCOL

    @property
    def kind(self) -> str:
        """Which ``CLAIM_TEXTS`` wording fits: ``seeds`` (under the protocol), ``first_seed``
        (under the protocol, one seed so far: the rest still to be run) or ``one_seed`` (a
        record from before it)."""
        if not self.honest:
            return "one_seed"
        return "seeds" if self.seeds > 1 else "first_seed"

    @property
    def still_measuring(self) -> bool:
        """Whether this is a protocol claim with fewer seeds than it will stand on (the seeds of
        the lecture's 25-epoch recipe are run a few at a time)."""
        return self.honest and self.seeds < seeds_wanted(self.recipe)

    def figures(self) -> dict[str, str]:
        """The claim's figures as shown, the same in every language: percentages to two
        decimals, ``at_least`` rounded down to one (so it never claims more than the lowest
        seed), seconds to whole seconds, ``duration`` as words (``9 min 27 s``, in English)."""
        return {
            "preset": self.preset,
            "median": percent(self.median_accuracy),
            "lowest": percent(self.lowest_accuracy),
            "highest": percent(self.highest_accuracy),
            "at_least": f"{math.floor(self.lowest_accuracy * 1000 + 1e-9) / 10:.1f}%",
            "seeds": str(self.seeds),
            "epochs": str(self.epochs),
            "seconds": f"{self.median_seconds:,.0f}",
            "duration": duration_words(self.median_seconds),
            "machine": self.machine,
            "date": self.date,
        }


def percent(accuracy: float) -> str:
    """0.92655 as ``92.66%``: how every measured accuracy is shown."""
    return f"{accuracy:.2%}"


def claim_key(claim: Claim | None, what: str) -> str:
    """The ``CLAIM_TEXTS`` key that says ``claim`` as ``what`` (``accuracy`` or ``recipe``)."""
    return f"{what}.{claim.kind if claim else 'none'}"


def claim_words(claim: Claim | None, what: str) -> str:
    """``claim`` in English as ``what`` (``accuracy`` or ``recipe``) says it (``CLAIM_TEXTS``)."""
    return CLAIM_TEXTS[claim_key(claim, what)].format(**(claim.figures() if claim else {}))


def read_records(folder: Path | None = None) -> list[dict[str, Any]]:
    """Every readable record under ``folder`` (bench/results), oldest first. A file that is not
    a record (unreadable, not JSON, no ``runs``) is left out, so one bad file hides only itself."""
    folder = folder or RESULTS
    records = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
        try:
            record = json.loads(path.read_text())
            runs = record["runs"]
            if not isinstance(runs, list) or not isinstance(record["date"], str):
                continue
        except (OSError, ValueError, KeyError, TypeError):
            continue
        records.append(record | {"source": path.name})
    return sorted(records, key=lambda record: record["date"])


def _trained_another_network(record: dict[str, Any], preset: str) -> bool:
    """Whether ``record`` says it trained ``preset`` with other layers than the preset has now
    (a preset changed since): its figures are not the current network's. Records that do not
    say which layers they trained (``networks``) are taken as the preset's."""
    from fmnist_core.architectures import PRESETS

    trained = record.get("networks")
    if not isinstance(trained, dict) or preset not in trained or preset not in PRESETS:
        return False
    return trained[preset] != PRESETS[preset]["layers"]


def _claimed_runs(record: dict[str, Any], preset: str, recipe: str) -> list[dict[str, Any]]:
    """The runs of ``record`` that may back a claim for ``preset`` with ``recipe``: scored on the
    test split once, at the end, on the full training set, of the preset's current layers."""
    if _trained_another_network(record, preset):
        return []
    return [
        run
        for run in record["runs"]
        if isinstance(run, dict)
        and run.get("preset") == preset
        and run.get("recipe") == recipe
        and run.get("test_accuracy") is not None  # tuning scores validation only
        and not run.get("limit_train")  # a smoke run on a few images claims nothing
    ]


def _device(record: dict[str, Any]) -> str | None:
    """The studio's device line a record was measured on; None when it does not say."""
    machine = record.get("machine")
    if isinstance(machine, dict):
        machine = machine.get("device")
    return machine if isinstance(machine, str) else None


def _claim(
    record: dict[str, Any], preset: str, recipe: str, older: tuple[dict[str, Any], ...] = ()
) -> Claim | None:
    """The claim ``record`` makes for ``preset`` with ``recipe``; with the lecture's recipe, the
    seeds it lacks are taken from the ``older`` records (newest first) that trained the same
    network for as many epochs on the same machine under the protocol (``_pooled``)."""
    runs = _claimed_runs(record, preset, recipe)
    sources = [record["source"]]
    try:
        if runs and recipe == "lecture" and record.get("protocol") == HONEST_PROTOCOL:
            runs, sources = _pooled(runs, record, preset, older)
        accuracies = [float(run["test_accuracy"]) for run in runs]
        seconds = [float(run["training_seconds"]) for run in runs]
        epochs = statistics.median_low(int(run["epochs"]) for run in runs) if runs else 0
        machine_text = _device(record)
    except (KeyError, TypeError, ValueError):
        return None
    if not runs or machine_text is None:
        return None
    return Claim(
        preset=preset,
        recipe=recipe,
        seeds=len(runs),
        epochs=epochs,
        median_accuracy=statistics.median(accuracies),
        lowest_accuracy=min(accuracies),
        highest_accuracy=max(accuracies),
        median_seconds=statistics.median(seconds),
        machine=machine_text,
        date=record["date"][:10],
        protocol=record.get("protocol", LEGACY_PROTOCOL),
        source=record["source"],
        sources=tuple(sources),
    )


def _pooled(
    runs: list[dict[str, Any]],
    record: dict[str, Any],
    preset: str,
    older: tuple[dict[str, Any], ...],
) -> tuple[list[dict[str, Any]], list[str]]:
    """``runs`` (from ``record``) with the seeds they lack from ``older`` records.

    The lecture's networks and recipe never change, so its seeds trained on different days are
    the same experiment: on this CPU, five 25-epoch seeds of lecture-3 take longer than any one
    sitting, and are run a few at a time. Only records under the protocol, on the same machine,
    for the same epochs are pooled; a seed trained twice counts once (the newer run)."""
    epochs = {run["epochs"] for run in runs}
    seeds = {run.get("seed") for run in runs}
    pooled, sources = list(runs), [record["source"]]
    for earlier in older:
        if earlier.get("protocol") != HONEST_PROTOCOL or _device(earlier) != _device(record):
            continue
        added = [
            run
            for run in _claimed_runs(earlier, preset, "lecture")
            if run.get("epochs") in epochs and run.get("seed") not in seeds
        ]
        if added:
            pooled += added
            seeds |= {run.get("seed") for run in added}
            sources.append(earlier["source"])
    return pooled, sources


def claims(folder: Path | None = None) -> list[Claim]:
    """One claim per preset and recipe, from the newest record that trained them (for the
    lecture's recipe, with the seeds of older records pooled in: ``_pooled``), in the order the
    presets are offered (the lecture's three, then ours)."""
    newest: dict[tuple[str, str], Claim] = {}
    records = read_records(folder)
    for index, record in enumerate(records):
        pairs = {
            (run.get("preset"), run.get("recipe"))
            for run in record["runs"]
            if isinstance(run, dict)
        }
        older = tuple(reversed(records[:index]))
        for preset, recipe in pairs:
            found = _claim(record, preset, recipe, older) if isinstance(preset, str) else None
            if found:
                newest[preset, recipe] = found
    order = [*LECTURE_TEST_ACCURACY, *RECIPE_PRESETS.values()]
    return sorted(
        newest.values(),
        key=lambda c: (order.index(c.preset) if c.preset in order else len(order), c.recipe),
    )


def claim(preset: str, recipe: str, folder: Path | None = None) -> Claim | None:
    """What ``preset`` reached with ``recipe`` in its newest record; None when none is recorded
    (or its file cannot be read)."""
    found = claims(folder) if folder else committed_claims()
    return next((c for c in found if c.preset == preset and c.recipe == recipe), None)


@cache
def committed_claims() -> tuple[Claim, ...]:
    """Every claim from the committed records, read once per process (``cache_clear()`` reads
    them again)."""
    return tuple(claims())


def recipe_claim(recipe: str, preset: str | None = None) -> Claim | None:
    """The claim for ``recipe`` on ``preset`` when it was measured there (the lecture's recipe on
    each of the lecture's models), else on the preset it was made for (``RECIPE_PRESETS``)."""
    found = claim(preset, recipe) if preset else None
    return found or claim(RECIPE_PRESETS.get(recipe, recipe), recipe)


def lecture_epochs_per_seed(preset: str, folder: Path | None = None) -> dict[int, int]:
    """Per seed, the epoch at which ``preset`` first reached the lecture's accuracy with the
    lecture's recipe, pooled over every record that says so (the newest record wins for a seed
    trained twice; smoke runs on a few images say nothing). A run that never reached it within
    its N epochs counts as N + 1: a lower bound, so a baseline built on it errs on the short side.
    """
    epochs: dict[int, int] = {}
    for record in read_records(folder):
        for run in record["runs"]:
            if (
                not isinstance(run, dict)
                or run.get("preset") != preset
                or run.get("recipe", "lecture") != "lecture"
                or run.get("limit_train")
                or "first_epoch_at_lecture_accuracy" not in run
                or not isinstance(run.get("seed"), int)
            ):
                continue
            first, trained = run["first_epoch_at_lecture_accuracy"], run.get("epochs")
            if isinstance(first, int) and first > 0:
                epochs[run["seed"]] = first
            elif first is None and isinstance(trained, int) and trained > 0:
                epochs[run["seed"]] = trained + 1
    return dict(sorted(epochs.items()))


def lecture_epochs_to_accuracy(preset: str, folder: Path | None = None) -> int | None:
    """The epoch at which ``preset`` first reaches the lecture's accuracy with the lecture's
    recipe: the (low) median over the seeds of ``lecture_epochs_per_seed`` (the time-to-accuracy
    benchmark's baseline); None when no record says."""
    return median_epochs(lecture_epochs_per_seed(preset, folder))


def median_epochs(per_seed: dict[int, int]) -> int | None:
    """The (low) median of epochs per seed; None for no seed."""
    return statistics.median_low(per_seed.values()) if per_seed else None
