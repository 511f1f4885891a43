"""Sweeps: a base network and recipe, 1–3 varied settings, and the grid of runs they make.

A varied setting is named as the command line and the store name it:

* a training setting by its ``TrainConfig`` field name: ``learning_rate``, ``batch_size``, ...
* a numeric layer setting by the layer's position (from 1, as the Architecture page numbers
  layers): ``layers.2.filters``, ``layers.4.rate``
* the network itself: ``arch`` (presets or saved architectures, by name)

Every combination is checked before anything is queued; the runs of a sweep differ only in the
varied settings (same seed, same data, same everything else).

>>> varied = [parse_vary("learning_rate=0.001,0.003"), parse_vary("batch_size=64,128")]
>>> sweep = plan(architectures.preset("fast"), RECIPES["fast"], varied)
>>> len(sweep.runs)
4
>>> queue(RunStore(), "rates x batches", sweep)  # doctest: +SKIP
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import random
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fmnist_core import architectures
from fmnist_core.layer_kinds import LAYER_KINDS, WHOLE_NUMBER_RANGES
from fmnist_core.measured import claim
from fmnist_core.names import MAX_NAME_LENGTH
from fmnist_core.store import Epoch, Run, RunStore, check_name
from fmnist_core.training import LECTURE_RECIPE, RECIPES, SETTINGS, TrainConfig, recipe_changes

ARCH = "arch"
MOST_RUNS = 64  # more would fill the queue for days on a CPU
MOST_VARIED = 3  # a fourth dimension cannot be drawn: lines, heatmaps, parallel coordinates
LECTURE_ARCHITECTURES = ("lecture-1", "lecture-2", "lecture-3")

# What can be wrong with a sweep, in English; the dashboard has the same keys in Korean
# ("sweep_problem." in ui/i18n.py).
SWEEP_TEXTS = {
    "no_varied": "Choose at least one setting to vary.",
    "too_many_varied": "At most {most} settings can vary in one sweep; {count} were given.",
    "bad_form": "{text} is not SETTING=V1,V2,...: name the setting, then its values after '='.",
    "unknown_setting": "{setting} cannot vary: use a training setting ({settings}), "
    "layers.N.SETTING for a layer's number, or arch for the network.",
    "repeated_setting": "{setting} is varied twice; give all its values in one list.",
    "no_values": "{setting} has no values; give at least one, as {setting}=V1,V2.",
    "repeated_value": "{setting} lists {value} twice; each value once, please.",
    "bad_value": "{setting}={value} is not {kind}.",
    "no_layer": "{setting}: the network {network} has no layer {position} (it has {count}).",
    "no_layer_setting": "{setting}: layer {position} of {network} is {layer}, which has no "
    "number called {name} (it has: {names}).",
    "layer_without_numbers": "{setting}: layer {position} of {network} is {layer}, which has no "
    "number that can vary; choose another layer.",
    "unknown_arch": "arch: there is no network named {name}; known: {known}.",
    "too_many_runs": "This sweep makes {count} runs; at most {most} are allowed. Vary fewer "
    "values, or train a random sample of at most {most}.",
    "bad_sample": "A sample must be a whole number from 2 to {count} (the combinations).",
    "nothing_to_sample": "With 2 combinations there is nothing to sample: train both.",
    "one_run": "One run is not a sweep: give a varied setting a second value, or train that run "
    "on its own.",
    "combination": "The combination {values} cannot run: {problem}.",
    "images_over": "limit_train={value} is more than the {available} training images of the "
    "data in use; give at most {available}, or all (0) for every image.",
}
# The kind of value each setting takes, for "bad_value"; Korean in "sweep_kind.".
KIND_TEXTS = {
    "whole": "a whole number",
    "number": "a number",
    "bool": "true or false",
    "choice": "one of {choices}",
}


@dataclass(frozen=True)
class SweepProblem:
    """One reason a sweep cannot be queued: ``key`` (``SWEEP_TEXTS``) with its ``values``.

    ``cause`` is the engine's own problem behind an impossible combination (a ``SettingProblem``
    or an ``architectures.Problem``), so the dashboard can say it in the user's language.
    """

    key: str
    values: dict[str, str] = field(default_factory=dict)
    cause: Any = None
    combination: dict[str, Any] | None = None  # the varied values that cannot run, typed

    def __str__(self) -> str:
        values = dict(self.values)
        if self.cause is not None:
            values["problem"] = str(self.cause)
        return SWEEP_TEXTS[self.key].format(**values)


class SweepError(ValueError):
    """A sweep that cannot be queued, with every problem found; nothing was queued."""

    def __init__(self, problems: list[SweepProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def _problem(key: str, cause: Any = None, **values: object) -> SweepProblem:
    return SweepProblem(key, {name: str(value) for name, value in values.items()}, cause)


@dataclass(frozen=True)
class Varied:
    """One varied setting and its values, in the order given (already typed: 0.001, 64, ...)."""

    setting: str
    values: tuple[Any, ...]


@dataclass(frozen=True)
class PlannedRun:
    """One combination: its varied values, and the network and settings it trains with."""

    values: dict[str, Any]
    spec: dict[str, Any]
    config: TrainConfig
    params: int


@dataclass(frozen=True)
class Plan:
    """A checked sweep, ready to queue: its varied settings and one run per combination."""

    varied: tuple[Varied, ...]
    runs: tuple[PlannedRun, ...]
    combinations: int  # of the whole grid; more than len(runs) when sampled


# --- reading what varies -------------------------------------------------------------------------


def value_kind(setting: str) -> str:
    """How ``setting``'s values are typed: whole, number, bool, choice, optional_whole or name.

    Raises SweepError for a setting that cannot vary.
    """
    if setting == ARCH:
        return "name"
    if setting in SETTINGS:
        return SETTINGS[setting].kind
    parts = setting.split(".")
    if len(parts) == 3 and parts[0] == "layers" and parts[1].isdigit():
        return "whole" if parts[2] in WHOLE_NUMBER_RANGES else "number"
    raise SweepError([_problem("unknown_setting", setting=setting, settings=", ".join(SETTINGS))])


def parse_value(setting: str, text: str) -> Any:
    """``text`` typed as ``setting`` takes it (``"0.003"`` -> 0.003); SweepError if it cannot be."""
    kind = value_kind(setting)
    text = text.strip()
    try:
        if kind in ("whole", "optional_whole"):
            # "0" too, as the Train page's number box writes "all"
            if kind == "optional_whole" and text.lower() in ("all", "none", "", "0"):
                return None
            return int(text)
        if kind == "number":
            number = float(text)
            return int(number) if number.is_integer() and "." not in text else number
        if kind == "bool":
            return {"true": True, "false": False}[text.lower()]
    except (ValueError, KeyError):
        raise SweepError([_bad_value(setting, text, kind)]) from None
    return text  # choices and names; checked against the network and the settings later


def _bad_value(setting: str, text: str, kind: str) -> SweepProblem:
    kind = "whole" if kind == "optional_whole" else kind
    choices = ", ".join(SETTINGS[setting].choices) if setting in SETTINGS else ""
    return _problem(
        "bad_value", setting=setting, value=text, kind=KIND_TEXTS[kind].format(choices=choices)
    )


def setting_name(text: str) -> str:
    """A training setting as ``--vary`` takes it: its name, or its command-line flag without the
    dashes (``lr`` and ``batch-size`` mean ``learning_rate`` and ``batch_size``, as for train)."""
    if text in SETTINGS:
        return text
    flag = "--" + text.removeprefix("--").replace("_", "-")
    return next((name for name, declared in SETTINGS.items() if declared.flag == flag), text)


def parse_vary(text: str) -> Varied:
    """One ``--vary`` argument, ``SETTING=V1,V2,...``, with its values typed."""
    setting, equals, values = text.partition("=")
    setting = setting_name(setting.strip())
    if not equals or not setting:
        raise SweepError([_problem("bad_form", text=text)])
    parts = [part for part in values.split(",") if part.strip()]
    if not parts:
        raise SweepError([_problem("no_values", setting=setting)])
    return Varied(setting, tuple(parse_value(setting, part) for part in parts))


# --- the grid ------------------------------------------------------------------------------------


def combinations(varied: list[Varied] | tuple[Varied, ...]) -> list[dict[str, Any]]:
    """Every combination of the varied values, the first setting changing slowest."""
    names = [v.setting for v in varied]
    return [
        dict(zip(names, chosen, strict=True))
        for chosen in itertools.product(*(v.values for v in varied))
    ]


def plan(
    spec: dict[str, Any],
    config: TrainConfig,
    varied: list[Varied],
    *,
    sample: int | None = None,
    seed: int = 0,
    resolve: Callable[[str], dict[str, Any] | None] | None = None,
    available: int | None = None,
    edited_name: Callable[[str], str] = lambda name: f"{name} (edited)",
) -> Plan:
    """Check a sweep of ``spec`` trained with ``config`` and work out its runs.

    ``sample`` takes that many combinations at random (``seed`` chooses which, the same ones
    every time); ``resolve`` finds a network by name for ``arch`` (default: the presets only);
    ``available`` is the number of training images, above which no run may ask for more;
    ``edited_name`` names a network with a layer varied (the dashboard's, in its language).
    Raises SweepError naming every problem, including each combination that cannot run and why.
    """
    varied = list(varied)
    _check_varied(varied)
    if available is not None:
        _check_images(config, varied, available)
    grid = combinations(varied)
    if len(grid) < 2:  # nothing to compare: a single run is trained as one
        raise SweepError([_problem("one_run")])
    if sample is not None:
        if not 2 <= sample <= len(grid):
            key = "nothing_to_sample" if len(grid) == 2 else "bad_sample"
            raise SweepError([_problem(key, count=len(grid))])
        chosen = sorted(random.Random(seed).sample(range(len(grid)), sample))
        grid = [grid[index] for index in chosen]
    if len(grid) > MOST_RUNS:
        raise SweepError([_problem("too_many_runs", count=len(grid), most=MOST_RUNS)])
    resolve = resolve or _preset
    runs, problems = [], []
    failing: dict[str, list[SweepProblem]] = {}  # impossible combinations, by their cause
    for values in grid:
        made = _combination(spec, config, values, resolve, edited_name)
        if isinstance(made, SweepProblem) and made.combination is not None:
            failing.setdefault(str(made.cause), []).append(made)
        elif isinstance(made, SweepProblem):
            problems.append(made)
        else:
            runs.append(made)
    problems += [_shared(group) for group in failing.values()]
    if problems:
        raise SweepError(problems)
    return Plan(tuple(varied), tuple(runs), len(combinations(varied)))


def _check_varied(varied: list[Varied]) -> None:
    if not varied:
        raise SweepError([_problem("no_varied")])
    if len(varied) > MOST_VARIED:
        raise SweepError([_problem("too_many_varied", most=MOST_VARIED, count=len(varied))])
    problems, seen = [], set()
    for one in varied:
        value_kind(one.setting)  # an unknown setting raises
        if one.setting in seen:
            problems.append(_problem("repeated_setting", setting=one.setting))
        seen.add(one.setting)
        if not one.values:
            problems.append(_problem("no_values", setting=one.setting))
        repeated = [value for value in one.values if one.values.count(value) > 1]
        if repeated:
            value = "all" if repeated[0] is None else repeated[0]  # as typed: not "None"
            problems.append(_problem("repeated_value", setting=one.setting, value=value))
    if problems:
        raise SweepError(problems)


def _check_images(config: TrainConfig, varied: list[Varied], available: int) -> None:
    """Refuse a number of training images above those there are, as a single run is refused
    (said once per value, not once per combination it is part of)."""
    asked = {config.limit_train} | {
        value for one in varied if one.setting == "limit_train" for value in one.values
    }
    over = sorted(value for value in asked if value is not None and value > available)
    if over:
        raise SweepError(
            [
                _problem(
                    "images_over", setting="limit_train", value=f"{v:,}", available=f"{available:,}"
                )
                for v in over
            ]
        )


def _preset(name: str) -> dict[str, Any] | None:
    for key, spec in architectures.PRESETS.items():
        if name in (key, spec["name"]):
            return architectures.preset(key)
    return None


def describe(values: dict[str, Any]) -> str:
    """A combination as people write it: ``learning_rate=0.003, batch_size=64``."""
    return ", ".join(f"{name}={value}" for name, value in values.items())


def _combination(spec, config, values, resolve, edited_name) -> PlannedRun | SweepProblem:
    spec = copy.deepcopy(spec)
    if ARCH in values:
        found = resolve(values[ARCH])
        if found is None:
            known = ", ".join(architectures.PRESETS)
            return _problem("unknown_arch", name=values[ARCH], known=known)
        spec = copy.deepcopy(found)
    named = copy.deepcopy(spec["layers"])  # the network as named, before a layer varies
    settings = {}
    for name, value in values.items():
        if name.startswith("layers."):
            problem = _set_layer(spec, name, value)
            if problem:
                return problem
        elif name != ARCH:
            settings[name] = value
    if _completed(spec["layers"]) != _completed(named):
        # Another network than the one named: called an edit of it, as the Architecture page
        # calls one (its preset's description would describe the wrong parameter count). The
        # combination that keeps the network's own value (32 filters of lecture-2's 32) is it.
        spec["name"] = edited_name(spec.get("name", "custom"))
        spec["description"] = ""
    chosen = TrainConfig.from_dict({**config.to_dict(), **settings})
    for cause in chosen.setting_problems():
        return _failing(cause, values)
    summary = architectures.summarise(spec)
    for cause in summary.problems:
        return _failing(cause, values)
    return PlannedRun(values, spec, chosen, summary.total_params)


def _completed(layers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``layers`` with every setting spelled out, so that a default and its value compare equal."""
    try:
        return [architectures.complete_layer(layer) for layer in layers]
    except architectures.ArchitectureError:
        return layers


def _shared(group: list[SweepProblem]) -> SweepProblem:
    """Combinations that fail for one cause, said once by the values they share: filters=0
    with each of two learning rates is "filters=0 cannot run", not two sentences."""
    first = group[0].combination or {}
    shared = {
        name: value
        for name, value in first.items()
        if all((problem.combination or {}).get(name) == value for problem in group)
    } or first
    return _failing(group[0].cause, shared)


def _failing(cause: Any, values: dict[str, Any]) -> SweepProblem:
    problem = _problem("combination", cause, values=describe(values))
    return SweepProblem(problem.key, problem.values, cause, dict(values))


def _set_layer(spec: dict[str, Any], setting: str, value: Any) -> SweepProblem | None:
    _, position_text, name = setting.split(".")
    position, layers = int(position_text), spec.get("layers", [])
    network = spec.get("name", "custom")
    if not 1 <= position <= len(layers):
        return _problem(
            "no_layer", setting=setting, network=network, position=position, count=len(layers)
        )
    layer = layers[position - 1]
    kind = LAYER_KINDS.get(layer.get("type"))
    numbers = [s.name for s in kind.settings if not s.choices] if kind else []
    if not numbers:
        return _problem(
            "layer_without_numbers",
            setting=setting,
            network=network,
            position=position,
            layer=layer.get("type"),
        )
    if name not in numbers:
        return _problem(
            "no_layer_setting",
            setting=setting,
            network=network,
            position=position,
            layer=layer.get("type"),
            name=name,
            names=", ".join(numbers),
        )
    layer[name] = value
    return None


# --- queueing and stopping -----------------------------------------------------------------------


def queue(
    store: RunStore,
    name: str,
    sweep: Plan,
    words: Callable[[dict[str, Any]], str] | None = None,
    named: bool = True,
) -> tuple[int, list[int]]:
    """Queue every run of ``sweep`` under ``name``, all or none; returns (sweep id, run ids).
    ``words`` says a run's values in its name (``describe`` by default, as the command line
    takes them; the dashboard says them in the user's words and language). ``named``: the user
    gave ``name``; a made-up one ("sweep of learning_rate") only repeats what each run's values
    say, so those runs are named by their values alone.

    Start workers afterwards (``worker.ensure_worker(home, count)``) to train them.
    """
    name = check_name(name, "sweep name")
    words = words or describe
    varied = [(v.setting, list(v.values)) for v in sweep.varied]
    runs = [
        (
            run_name(name if named else None, words(run.values)),
            run.values,
            run.spec,
            run.config.to_dict(),
            run.params,
        )
        for run in sweep.runs
    ]
    return store.create_sweep(name, varied, runs)


def run_name(sweep_name: str | None, said: str) -> str:
    """A sweep run's own name, so runs tell apart in tables and legends: the sweep's name and
    its values as ``said`` (``rates x batches · learning_rate=0.003, batch_size=64``), or the
    values alone without a name. Too long for the name limit, the sweep's name is cut first: the
    values are what tell its runs apart."""
    name = said if sweep_name is None else f"{sweep_name} · {said}"
    if len(name) <= MAX_NAME_LENGTH:
        return name
    room = MAX_NAME_LENGTH - len(said) - len(" · ")
    if room >= 8:
        return f"{sweep_name[: room - 1]}… · {said}"
    return said if len(said) <= MAX_NAME_LENGTH else f"{said[: MAX_NAME_LENGTH - 1]}…"


def lecture_plan(
    resolve: Callable[[str], dict[str, Any] | None] | None = None,
    config: TrainConfig = LECTURE_RECIPE,
) -> Plan:
    """The lecture as one sweep: its three models (``arch=lecture-1,2,3``) with its recipe, or
    with ``config`` (the recipe with fewer epochs or images: see ``lecture_try``)."""
    base = architectures.preset(LECTURE_ARCHITECTURES[0])
    return plan(base, config, [Varied(ARCH, LECTURE_ARCHITECTURES)], resolve=resolve)


def lecture_try(epochs: int, chosen: TrainConfig) -> TrainConfig:
    """The lecture's recipe with ``epochs``, and what no recipe sets (the number of images, the
    seed, the number format) as in ``chosen``: a quicker try that still follows the recipe."""
    kept = {
        name: getattr(chosen, name) for name, declared in SETTINGS.items() if not declared.in_recipe
    }
    return dataclasses.replace(LECTURE_RECIPE, epochs=epochs, **kept)


def held_out_accuracy(run: Run, epochs: list[Epoch]) -> float | None:
    """``run``'s validation accuracy at its last epoch (``epochs``, its history): what a sweep
    chooses on; None without held-out validation data (none kept, or the test set standing in
    for it)."""
    if run.config.get("validation") == "test" or not epochs:
        return None
    return epochs[-1].val_accuracy


def best_run(runs: list, validation_accuracy: Mapping[int, float | None]) -> Any:
    """The tested run a sweep names best: the highest ``validation_accuracy`` (by run id, as
    ``held_out_accuracy`` gives it), so the choice is made on data held out for it and the test
    set only reports on it, as the studio's own figures are chosen; None when no tested run has
    one (picked by its test accuracy, the winner would be tuned on the test set)."""
    chosen = [
        run
        for run in runs
        if run.test_accuracy is not None and validation_accuracy.get(run.id) is not None
    ]
    return max(chosen, key=lambda run: validation_accuracy[run.id], default=None)


# --- how long it will take -----------------------------------------------------------------------


def training_images(config: TrainConfig, available: int) -> int:
    """How many of ``available`` training images one epoch of ``config`` fits on."""
    images = min(available, config.limit_train or available)
    return images if config.validation == "test" else int(images * (1 - config.validation_split))


# An epoch of a few hundred images is mostly the work around its batches (the validation pass,
# the callbacks): timed, it made a full-data sweep of the lecture's models 18 hours instead of 2.
RATE_MIN_IMAGES = 5_000
FULL_TRAINING_SET = 60_000  # the images the benchmark records train on


def seconds_per_multiply_add(
    finished: Iterable[tuple[Run, list[Epoch]]], available: int
) -> float | None:
    """Training seconds per multiply-add of the network per image, on this machine.

    The median over the runs already trained here on at least ``RATE_MIN_IMAGES`` images (their
    epoch seconds); without any, worked out from the recorded lecture-2 benchmark run
    (``fmnist_core.measured``); None without either.
    """
    rates = []
    for run, epochs in finished:
        seconds = [epoch.seconds for epoch in epochs if epoch.seconds]
        try:
            config = TrainConfig.from_dict(run.config)
        except (TypeError, ValueError):  # a run stored by another version: leave it out
            continue
        images = training_images(config, available)
        if images < RATE_MIN_IMAGES:
            continue
        work = architectures.summarise(run.spec).multiply_adds * images
        if seconds and work:
            rates.append(statistics.median(seconds) / work)
    if rates:
        return statistics.median(rates)
    record = claim("lecture-2", "lecture")
    if record is None:
        return None
    work = architectures.summarise(architectures.preset("lecture-2")).multiply_adds
    return (
        record.median_seconds
        / record.epochs
        / (work * training_images(LECTURE_RECIPE, FULL_TRAINING_SET))
    )


def seconds_around_training(finished: Iterable[tuple[Run, list[Epoch]]]) -> float:
    """What a run here takes besides its epochs (start-up, building the network, scoring the
    test set): the median over finished runs of their time from start to end less their epochs'
    seconds; 0 without any. On a few hundred images it is most of a run's time."""
    around = [
        run.finished - run.started - sum(epoch.seconds or 0 for epoch in epochs)
        for run, epochs in finished
        if run.started and run.finished and epochs
    ]
    return max(0.0, statistics.median(around)) if around else 0.0


def measured_epoch_seconds(run: PlannedRun, available: int) -> float | None:
    """A benchmarked epoch's seconds for ``run``, scaled to its images: where a committed record
    trained the same preset with the same recipe (fewer epochs or images allowed), as the
    lecture's three models as a sweep are; None otherwise. (Time per multiply-add misses how
    differently the networks use the processor.)"""
    layers = [architectures.complete_layer(layer) for layer in run.spec.get("layers", [])]
    for key, preset_spec in architectures.PRESETS.items():
        if layers != [architectures.complete_layer(layer) for layer in preset_spec["layers"]]:
            continue
        for recipe, config in RECIPES.items():
            changed = recipe_changes(run.config.to_dict(), config)
            found = claim(key, recipe)
            if found is None or set(changed) - {"epochs"}:
                continue
            measured_images = training_images(config, FULL_TRAINING_SET)
            per_epoch = found.median_seconds / found.epochs
            return per_epoch * training_images(run.config, available) / measured_images
    return None


def estimate_seconds(
    sweep: Plan, available: int, rate: float | None, per_run: float = 0.0
) -> float | None:
    """The sweep's time, one run after another: each run's epochs as benchmarked
    (``measured_epoch_seconds``) or else at ``rate`` seconds per multiply-add and image
    (``seconds_per_multiply_add``), plus ``per_run`` seconds around each run
    (``seconds_around_training``); None when a run needs the rate and it is unknown."""
    total = 0.0
    for run in sweep.runs:
        per_epoch = measured_epoch_seconds(run, available)
        if per_epoch is None:
            if rate is None:
                return None
            work = architectures.summarise(run.spec).multiply_adds
            per_epoch = work * training_images(run.config, available) * rate
        total += per_epoch * run.config.epochs + per_run
    return total


def estimate_here(store: RunStore, sweep: Plan, available: int) -> float | None:
    """About how many seconds ``sweep`` takes on this machine, one run after another, from this
    studio's own finished runs (their speed here, their start and test) or else the benchmark
    records (``estimate_seconds``); the Train page and ``sweep`` on the command line say it."""
    finished = [(run, store.epochs(run.id)) for run in store.list_runs(("finished",))[:20]]
    rate = seconds_per_multiply_add(finished, available)
    around = seconds_around_training(finished)
    return estimate_seconds(sweep, available, rate, around)
