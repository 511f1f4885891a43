"""The command line: the same engine as the dashboard, without the browser.

    python -m fmnist_core data info [--json]
    python -m fmnist_core arch list [--json]
    python -m fmnist_core arch show NAME [--json]
    python -m fmnist_core train --arch NAME [--epochs N --batch-size B --lr X ...] [--json]
    python -m fmnist_core sweep --arch NAME --vary SETTING=V1,V2 [--vary ...] [--sample N]
                                [--workers N] [--wait] [--name NAME] [--json]
    python -m fmnist_core runs list [--sweep ID] [--json]
    python -m fmnist_core runs show ID [--json]
    python -m fmnist_core runs stop ID [ID ...] | --sweep ID [--json]
    python -m fmnist_core runs delete ID [ID ...] [--yes] [--json]
    python -m fmnist_core runs export-model --run ID [--output FILE] [--json]
    python -m fmnist_core predict --run ID IMAGE [--json]
    python -m fmnist_core export --run ID [--output FILE] [--json]

Errors a user can cause print one line saying what was wrong and exit with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from fmnist_core import architectures, data
from fmnist_core.device import native_start_up_lines_hidden
from fmnist_core.layer_kinds import shape_text
from fmnist_core.measured import duration_words
from fmnist_core.progress import epochs_trained
from fmnist_core.store import RunStore, StoreError, StoreUnavailable, exported_model_name
from fmnist_core.training import (
    ALLOWED_TEXTS,
    RECIPES,
    SETTINGS,
    Setting,
    SettingProblem,
    TrainConfig,
    recipe_for,
)

RECIPE_HELP = (
    "starting settings (default: the recipe the network was made with, as on the Train page: "
    "the lecture's for lecture-1 to lecture-3, its own for fast, strong and best and for a saved "
    "copy of one, fast for a network of your own)"
)


class UserError(Exception):
    """A mistake in what was asked: printed as one line, exit status 2."""


JSON_HELP = 'print the result as JSON (and a mistake as {"error": ...})'


class _Parser(argparse.ArgumentParser):
    """argparse, with a mistake in the command raised as a UserError that names the help listing
    what it takes: ``main`` then says it in one line (not under the whole usage block), or as
    JSON when ``--json`` was asked for."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} ({self.prog} --help lists what it takes)")


def _say_error(message: str, as_json: bool) -> None:
    """A mistake, as the one line ``error: …`` on stderr, or as ``{"error": …}`` on stdout for a
    script that asked for JSON."""
    if as_json:
        _print_json({"error": message})
    else:
        print(f"error: {message}", file=sys.stderr)


def _print_json(value: Any) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes: a Korean or Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    widths = [
        max(_columns(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)
    ]

    def line(cells):
        padded = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            gap = " " * (width - _columns(str(cell)))
            padded.append(gap + str(cell) if i in right else str(cell) + gap)
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


# --- device -------------------------------------------------------------------------------------


def cmd_device(args: argparse.Namespace) -> None:
    from fmnist_core import device

    smi = device.nvidia_smi()  # run once: for the check and for the line that shows it
    found = device.current(check=True, smi=smi)
    if args.json:
        print(device.as_json(found))
        return
    print(f"Keras backend: {found.backend}")
    print(f"trains on:     {found.describe()}")
    if smi.gpus:
        print(f"nvidia-smi:    {', '.join(smi.gpus)}")
    else:
        print(
            f"nvidia-smi:    {smi.failure or 'lists no GPU'}"
            if smi.installed
            else "nvidia-smi:    not installed"
        )
    if found.problem:
        print(f"problem:       {found.problem}")


# --- data ---------------------------------------------------------------------------------------


def cmd_data_info(args: argparse.Namespace) -> None:
    dataset = data.load_dataset()
    info = {
        "source": dataset.source.kind,
        "folder": str(dataset.source.folder),
        "note": dataset.source.note,
        "train_images": len(dataset.train_labels),
        "test_images": len(dataset.test_labels),
        "train_per_class": data.class_counts(dataset.train_labels).tolist(),
        "test_per_class": data.class_counts(dataset.test_labels).tolist(),
    }
    if args.json:
        _print_json(info)
        return
    print(f"source: {dataset.source.describe()}")
    if dataset.source.note:
        print(f"note: {dataset.source.note}")
    rows = [
        [str(i), name, f"{train:,}", f"{test:,}"]
        for i, (name, train, test) in enumerate(
            zip(
                data.class_names("en"), info["train_per_class"], info["test_per_class"], strict=True
            )
        )
    ]
    rows.append(["", "total", f"{info['train_images']:,}", f"{info['test_images']:,}"])
    print(_table(["label", "class", "train", "test"], rows, right={2, 3}))


# --- architectures ------------------------------------------------------------------------------


def resolve_architecture(name: str, store: RunStore | None = None) -> dict[str, Any]:
    """A preset (by key or full name) or a saved architecture, by ``name``."""
    for key, spec in architectures.PRESETS.items():
        if name in (key, spec["name"]):
            return architectures.preset(key)
    store = store or RunStore()
    try:
        return store.load_architecture(name)
    except StoreError:
        known = list(architectures.PRESETS) + store.architecture_names()
        raise UserError(f"no architecture named {name!r}; known: {', '.join(known)}") from None


def cmd_arch_list(args: argparse.Namespace) -> int:
    entries = [(key, "preset", architectures.preset(key)) for key in architectures.PRESETS]
    try:
        store = RunStore()
        saved = [
            (name, "saved", store.load_architecture(name)) for name in store.architecture_names()
        ]
    except StoreUnavailable as error:
        # The presets need no store: list them, and say why the saved ones are missing (status 1:
        # the list is not whole).
        print(f"error: saved architectures not listed: {error}", file=sys.stderr)
        saved, status = [], 1
    else:
        status = 0
    entries += saved
    listing = []
    for key, kind, spec in entries:
        summary = architectures.summarise(spec)
        listing.append(
            {
                "name": key,
                "kind": kind,
                "title": spec.get("name", key),
                "valid": summary.valid,
                "total_params": summary.total_params if summary.valid else None,
            }
        )
    if args.json:
        _print_json(listing)
        return status
    rows = [
        [e["name"], e["kind"], e["title"], f"{e['total_params']:,}" if e["valid"] else "invalid"]
        for e in listing
    ]
    print(_table(["name", "kind", "title", "params"], rows, right={3}))
    return status


def cmd_arch_show(args: argparse.Namespace) -> int:
    spec = resolve_architecture(args.name)
    summary = architectures.summarise(spec)
    if args.json:
        _print_json(
            {
                "name": spec.get("name"),
                "valid": summary.valid,
                "problems": [str(p) for p in summary.problems],
                "layers": [
                    {
                        "position": r.position,
                        "layer": r.layer,
                        "output_shape": list(r.output_shape),
                        "params": r.params,
                        "formula": r.formula,
                        "multiply_adds": r.multiply_adds,
                    }
                    for r in summary.rows
                ],
                "total_params": summary.total_params,
                "trainable_params": summary.trainable_params,
                "non_trainable_params": summary.non_trainable_params,
                "multiply_adds": summary.multiply_adds,
                "weight_bytes": summary.weight_bytes,
            }
        )
    else:
        print(spec.get("name"))
        rows = [
            [
                f"{r.position}",
                r.layer,
                shape_text(r.output_shape),
                f"{r.params:,}",
                r.formula,
            ]
            for r in summary.rows
        ]
        print(_table(["#", "layer", "output", "params", "how it is counted"], rows, right={0, 3}))
        print(
            f"total params: {summary.total_params:,} (trainable {summary.trainable_params:,}, "
            f"non-trainable {summary.non_trainable_params:,})"
        )
        print(
            f"multiply-adds per image: {summary.multiply_adds:,}; "
            f"weights: {architectures.memory_text(summary.weight_bytes)} as float32"
        )
        for problem in summary.problems:
            print(f"problem: {problem}")
    return 0 if summary.valid else 1


# --- training and runs -------------------------------------------------------------------------


def _config_from(args: argparse.Namespace, spec: dict[str, Any]) -> TrainConfig:
    """The recipe chosen with ``--recipe`` (not given: the one ``spec``'s network was made with,
    as the Train page pairs them), changed by each setting flag given."""
    settings_given = {name: getattr(args, name) for name in SETTINGS}
    recipe = args.recipe or recipe_for(architectures.copied_preset(spec))
    base = RECIPES[recipe].to_dict()
    return TrainConfig.from_dict(
        {**base, **{k: v for k, v in settings_given.items() if v is not None}}
    )


def _as_flag(problem: SettingProblem) -> str:
    """An out-of-range setting named by the flag that set it: ``--lr is -1.0; it must be …``."""
    return f"{SETTINGS[problem.setting].flag} is {problem.value}; it must be {problem.allowed}"


def cmd_train(args: argparse.Namespace) -> int:
    spec = resolve_architecture(args.arch)
    problems = architectures.validate(spec)
    if problems:
        raise UserError(f"{args.arch} cannot be built: " + "; ".join(map(str, problems)))
    config = _config_from(args, spec)
    problems = config.setting_problems()
    if problems:
        raise UserError("; ".join(map(_as_flag, problems)))
    if "early_stopping_patience" in config.idle_settings():
        print(
            "note: --patience has no effect with --validation-split 0: early stopping watches "
            "the validation loss (give a split above 0, or --validate-on-test)",
            file=sys.stderr,
        )
    # Keras only now, its native start-up lines hidden: they would bury a one-line mistake above,
    # and the run's first line says where it trains.
    with native_start_up_lines_hidden():
        import keras  # noqa: F401

        from fmnist_core.callbacks import EpochPrinter
        from fmnist_core.worker import train_here

    dataset = data.load_dataset()  # a bad data file stops here, before a run is recorded
    available = len(dataset.train_labels)
    if config.limit_train and config.limit_train > available:  # as the Train page refuses it
        raise UserError(
            f"--limit-train {config.limit_train:,} is more than the {available:,} training images "
            f"of {dataset.source.describe()}: give at most {available:,}, or all (0) for every "
            "image"
        )
    store = RunStore()
    say = (lambda line: None) if args.json else print
    images = config.limit_train or available
    run = train_here(
        store,
        args.name or spec["name"],
        spec,
        config,
        dataset,
        callbacks=(EpochPrinter(config.epochs, say),),
        announce=lambda run_id: say(
            f"run {run_id}: {spec['name']} on {dataset.source.describe()}, "
            f"{images:,} training images, {config.epochs} epoch{'s' * (config.epochs != 1)}"
        ),
    )
    if args.json:
        _print_json(_run_json(run, store))
    else:
        line = f"run {run.id} {run.status}"
        if run.test_accuracy is not None:
            line += f": test accuracy {run.test_accuracy:.4f}, test loss {run.test_loss:.4f}"
        if run.error:
            line += f": {run.error}"
        print(line)
    return 0 if run.status in ("finished", "stopped") else 1


# --- sweeps -------------------------------------------------------------------------------------


def cmd_sweep(args: argparse.Namespace) -> int:
    from fmnist_core import sweeps, worker

    if args.workers is not None and args.workers < 1:
        raise UserError(f"--workers {args.workers}: give a whole number of at least 1")
    store = RunStore()
    try:
        varied = [sweeps.parse_vary(text) for text in args.vary]
    except sweeps.SweepError as error:
        raise UserError("nothing queued. " + _sentences(error)) from None
    spec = resolve_architecture(_base_network(args.arch, varied), store)
    config = _config_from(args, spec)
    available = len(data.load_dataset().train_labels)
    try:
        plan = sweeps.plan(
            spec,
            config,
            varied,
            sample=args.sample,
            seed=args.sample_seed,
            resolve=lambda name: _network_or_none(name, store),
            available=available,  # as a single run is checked
        )
        name = args.name or "sweep of " + ", ".join(v.setting for v in plan.varied)
        sweep_id, run_ids = sweeps.queue(store, name, plan, named=args.name is not None)
    except sweeps.SweepError as error:
        raise UserError("nothing queued. " + _sentences(error)) from None
    workers = args.workers or worker.workers_wanted()
    worker.ensure_worker(store.home, count=workers)
    say = (lambda line: None) if args.json else print
    queued = f"{len(run_ids)} run{'s' if len(run_ids) != 1 else ''} queued"
    grid = f"{plan.combinations} combination{'s' if plan.combinations != 1 else ''}"
    # Workers left from earlier runs train its runs too (each claims the next queued run).
    serving = max(workers, worker.workers_running(store.home))
    helpers = f"{serving} worker{'s' if serving != 1 else ''}"
    say(f"sweep {sweep_id} ({name}): {queued} (of {grid}), {helpers}")
    seconds = sweeps.estimate_here(store, plan, available)
    if seconds is not None:  # as the Train page's sweep form says it
        took = duration_words(seconds)
        say(f"about {took} one run after another on this machine, each run's start and test too")
    if args.wait:
        _wait_for_sweep(store, sweep_id, workers, say)
        # They linger for the next runs, which a teacher watching `ps` should not take for a hang.
        idle = f"{worker.idle_seconds():g} s"
        say(f"the workers wait {idle} for more runs, then end (FMNIST_WORKER_IDLE)")
    runs = store.sweep_runs(sweep_id)
    if args.json:
        _print_json({"sweep": sweep_id, "name": name, "runs": [_run_json(r, store) for r in runs]})
    elif not args.wait:
        for run in runs:
            say(f"run {run.id} queued: {sweeps.describe(run.sweep_values)}")
        say("watch it on the Train page, or:  python -m fmnist_core runs list")
    bad = [run for run in runs if run.status in ("failed", "interrupted")]
    return 1 if bad else 0


def _sentences(error: Any) -> str:
    """A sweep's problems, each a sentence of its own and said once (two checks may find one)."""
    said = dict.fromkeys(map(str, error.problems))
    # Ended as sentences: a range such as "1–200" ends some.
    return " ".join(text if text.endswith(".") else f"{text}." for text in said)


def _base_network(arch: str | None, varied: list[Any]) -> str:
    """The sweep's base network: ``--arch``, else the first network of ``--vary arch=...``."""
    if arch is not None:
        return arch
    from fmnist_core.sweeps import ARCH

    networks = next((v.values for v in varied if v.setting == ARCH), None)
    if not networks:
        raise UserError(
            "name the base network with --arch (a preset or saved name), or vary the network "
            "with --vary arch=lecture-1,lecture-2"
        )
    return networks[0]


def _network_or_none(name: str, store: RunStore) -> dict[str, Any] | None:
    try:
        return resolve_architecture(name, store)
    except UserError:
        return None


def _wait_for_sweep(store: RunStore, sweep_id: int, workers: int, say) -> None:
    """Print a line as each run ends; return when all have. Ctrl+C stops the whole sweep."""
    from fmnist_core import sweeps, worker

    reported: set[int] = set()
    try:
        while True:
            runs = store.sweep_runs(sweep_id)
            for run in runs:
                if not run.active and run.id not in reported:
                    reported.add(run.id)
                    result = (
                        ""
                        if run.test_accuracy is None
                        else f" (test accuracy {run.test_accuracy:.4f})"
                    )
                    say(f"run {run.id} {run.status}{result}: {sweeps.describe(run.sweep_values)}")
                    if run.status == "failed" and run.error:
                        # The cause's last line: what went wrong and what to do, not a traceback.
                        say(f"  why: {run.error.strip().splitlines()[-1]}")
            if len(reported) == len(runs):
                return
            store.mark_interrupted()
            if any(run.status == "queued" for run in runs):
                worker.ensure_worker(store.home, count=workers)  # one that idled out meanwhile
            time.sleep(1.0)
    except KeyboardInterrupt:
        store.stop_sweep(sweep_id)
        say(f"sweep {sweep_id}: stop sent to all its runs")


def _run_json(run, store: RunStore) -> dict[str, Any]:
    return {
        "id": run.id,
        "name": run.name,
        "architecture": run.architecture,
        "status": run.status,
        "params": run.params,
        "device": run.device,
        "test_accuracy": run.test_accuracy,
        "test_loss": run.test_loss,
        "error": run.error,
        "sweep": None if run.sweep_id is None else {"id": run.sweep_id, "values": run.sweep_values},
        "config": run.config,
        "epochs": [vars(e) for e in store.epochs(run.id)],
    }


def cmd_runs_list(args: argparse.Namespace) -> None:
    store = RunStore()
    store.mark_interrupted()
    if args.sweep is not None:
        _known_sweep(store, args.sweep)
        runs = store.sweep_runs(args.sweep)[::-1]  # newest first, as the whole list is
    else:
        runs = store.list_runs()
    if args.json:
        _print_json([_run_json(run, store) for run in runs])
        return
    epochs = store.epochs_of([run.id for run in runs])
    rows = [
        [
            str(run.id),
            run.name,
            run.architecture,
            run.status,
            # The epoch under way while it trains; then those trained (1.35: stopped mid-epoch).
            f"{(run.epoch or 0) if run.active else epochs_trained(epochs[run.id]):g}"
            f"/{run.epochs_planned or '?'}",
            "" if run.test_accuracy is None else f"{run.test_accuracy:.4f}",
            time.strftime("%Y-%m-%d %H:%M", time.localtime(run.created)),
            "" if run.sweep_id is None else str(run.sweep_id),
        ]
        for run in runs
    ]
    if not rows:
        print("no runs yet: start one with  python -m fmnist_core train --arch lecture-2")
        return
    headers = ["id", "name", "architecture", "status", "epochs", "test acc", "created", "sweep"]
    if all(run.sweep_id is None for run in runs):  # a column of blanks says nothing
        headers, rows = headers[:-1], [row[:-1] for row in rows]
    print(_table(headers, rows, right={0, 5, 7}))


def _known_sweep(store: RunStore, sweep_id: int) -> None:
    if store.get_sweep(sweep_id) is None:
        raise UserError(
            f"there is no sweep {sweep_id}; `python -m fmnist_core runs list` shows each run's "
            "sweep"
        )


def _known_runs(store: RunStore, run_ids: list[int]) -> list[Any]:
    """The runs ``run_ids`` name, in that order; UserError naming any that does not exist."""
    runs = [store.get_run(run_id) for run_id in run_ids]
    missing = [str(run_id) for run_id, run in zip(run_ids, runs, strict=True) if run is None]
    if missing:
        raise UserError(
            f"there is no run {', '.join(missing)}; `python -m fmnist_core runs list` lists them"
        )
    return runs


def cmd_runs_show(args: argparse.Namespace) -> None:
    store = RunStore()
    store.mark_interrupted()
    (run,) = _known_runs(store, [args.run])
    if args.json:
        _print_json(_run_json(run, store))
        return
    epochs = store.epochs(run.id)
    trained = (run.epoch or 0) if run.active else epochs_trained(epochs)
    network = "" if run.name == run.architecture else f" ({run.architecture})"
    print(f"run {run.id}: {run.name}{network}, {run.status}")
    facts = [
        ("epochs", f"{trained:g}/{run.epochs_planned or '?'}"),
        ("params", f"{run.params:,}" if run.params else "—"),
        ("device", run.device or "—"),
        (
            "test",
            "—"
            if run.test_accuracy is None
            else f"accuracy {run.test_accuracy:.4f}, loss {run.test_loss:.4f}",
        ),
    ]
    if run.sweep_id is not None:
        facts.append(("sweep", f"{run.sweep_id}: {json.dumps(run.sweep_values)}"))
    if run.error:
        facts.append(("why", run.error.strip().splitlines()[-1]))
    for label, value in facts:
        print(f"{label + ':':<8} {value}")
    print("settings: " + ", ".join(f"{key}={value}" for key, value in run.config.items()))
    if epochs:
        print()
        rows = [
            [
                f"{e.epoch}" + ("" if e.fraction is None else f" ({e.fraction:.0%})"),
                *(
                    ("" if v is None else f"{v:.4f}")
                    for v in (e.loss, e.accuracy, e.val_loss, e.val_accuracy)
                ),
                "" if e.seconds is None else f"{e.seconds:.1f}",
            ]
            for e in epochs
        ]
        headers = ["epoch", "loss", "accuracy", "val loss", "val accuracy", "seconds"]
        print(_table(headers, rows, right={1, 2, 3, 4, 5}))


def cmd_runs_stop(args: argparse.Namespace) -> None:
    store = RunStore()
    store.mark_interrupted()
    runs = _runs_or_sweep(store, args, "stop")
    said = []
    for run in runs:
        if run.active:
            store.request_stop(run.id)
        after = store.get_run(run.id)
        if not run.active:
            outcome = f"already {run.status}: nothing to stop"
        elif run.status == "queued":
            outcome = "cancelled before it started"
        else:
            outcome = "stop sent: it ends after the batch under way, keeping what it trained"
        said.append({"run": run.id, "status": after.status, "outcome": outcome})
    if args.json:
        _print_json(said)
        return
    for line in said:
        print(f"run {line['run']}: {line['outcome']}")


def _runs_or_sweep(store: RunStore, args: argparse.Namespace, verb: str) -> list[Any]:
    """The runs ``runs stop`` or ``runs delete`` (``verb``) names: by their ids, or a sweep's."""
    if args.sweep is not None and args.run:
        raise UserError(
            f"name runs or a sweep, not both: runs {verb} 4 5, or runs {verb} --sweep 2"
        )
    if args.sweep is not None:
        _known_sweep(store, args.sweep)
        return store.sweep_runs(args.sweep)
    if args.run:
        return _known_runs(store, args.run)
    raise UserError(f"name the runs to {verb} (runs {verb} 4 5) or a sweep (runs {verb} --sweep 2)")


def cmd_runs_delete(args: argparse.Namespace) -> int:
    store = RunStore()
    store.mark_interrupted()
    runs = _runs_or_sweep(store, args, "delete")
    active = [run for run in runs if run.active]
    if active:
        named = ", ".join(f"run {run.id} is {run.status}" for run in active)
        raise UserError(f"nothing deleted: {named}; stop it first (runs stop {active[0].id})")
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("nothing deleted: add --yes to delete without being asked")
        listed = "; ".join(f"{run.id} {run.name} ({run.status})" for run in runs)
        answer = input(f"delete run{'s' * (len(runs) > 1)} {listed}, with its files? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing deleted")
            return 1
    for run in runs:
        store.delete_run(run.id)
    if args.json:
        _print_json({"deleted": [run.id for run in runs]})
    else:
        for run in runs:
            print(f"run {run.id} deleted, with its files")
    return 0


def _run_with_model(run_id: int, purpose: str) -> tuple[Any, Path]:
    """The run ``run_id`` and its saved model's path; UserError when either is missing."""
    store = RunStore()
    run = store.get_run(run_id)
    if run is None:
        raise UserError(f"there is no run {run_id}; `python -m fmnist_core runs list` lists them")
    path = store.model_path(run.id)
    if not path.is_file():
        raise UserError(f"run {run.id} is {run.status} and has no saved model to {purpose}")
    return run, path


def cmd_runs_export_model(args: argparse.Namespace) -> None:
    run, source = _run_with_model(args.run, "export")
    target = Path(args.output or exported_model_name(run.id))
    if target.suffix != ".keras":
        raise UserError(f"{target} must end in .keras: keras.models.load_model reads that format")
    _write_new_file(target, lambda path: shutil.copyfile(source, path))
    if args.json:
        _print_json({"run": run.id, "model": str(target), "bytes": target.stat().st_size})
        return
    print(f"run {run.id} ({run.name}): model written to {target}")
    print(f"load it anywhere Keras is installed:  keras.models.load_model({str(target)!r})")


def _write_new_file(target: Path, write: Callable[[Path], object]) -> None:
    """Write ``target`` with ``write``, never over an existing file; a disk problem is a
    one-line message."""
    if target.exists():
        raise UserError(f"{target} already exists; choose another name with --output")
    try:
        write(target)
    except OSError as error:
        raise UserError(f"cannot write {target}: {error.strerror or error}") from error


def cmd_export(args: argparse.Namespace) -> None:
    from fmnist_core import export_script

    run = RunStore().get_run(args.run)
    if run is None:
        raise UserError(f"there is no run {args.run}; `python -m fmnist_core runs list` lists them")
    with native_start_up_lines_hidden():  # the script is written from Keras' own defaults
        problem = export_script.export_problem(run)
    if problem:
        raise UserError(f"{problem}; nothing was written")
    target = Path(args.output or export_script.script_name(run.id))
    with native_start_up_lines_hidden():
        script = export_script.run_script(run, target.name)  # its usage lines name the file
    _write_new_file(target, lambda path: path.write_text(script, encoding="utf-8"))
    if args.json:
        _print_json({"run": run.id, "script": str(target), "bytes": target.stat().st_size})
        return
    print(f"run {run.id} ({run.name}): Keras script written to {target}")
    print(f"try it where Keras is installed:  python {export_script.quick_try(run, str(target))}")


def cmd_predict(args: argparse.Namespace) -> None:
    from fmnist_core import inference

    run, model_path = _run_with_model(args.run, "predict with")
    path = Path(args.image)
    try:
        content = inference.read_image_file(path)
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror or error}") from error
    except inference.InputError as error:
        raise UserError(str(error)) from error
    if run.test_accuracy is None:  # the Draw page offers only tested models: say why it differs
        print(
            f"note: run {run.id} is {run.status} and was never tested: its model is the one it "
            "had when it ended, and its answers may be poor",
            file=sys.stderr,
        )
    try:
        loaded = inference.prepare_upload(content, path.name)
        with native_start_up_lines_hidden():  # it trains nothing: Keras' start-up lines are noise
            model = inference.load_model(model_path)
    except inference.InputError as error:
        raise UserError(str(error)) from error
    probabilities = inference.predict(model, loaded.image)
    names = data.class_names("en")
    ranked = sorted(zip(names, probabilities.tolist(), strict=True), key=lambda p: -p[1])
    if args.json:
        _print_json(
            {
                "run": run.id,
                "image": str(path),
                "notes": [str(note) for note in loaded.notes],
                "prediction": ranked[0][0],
                "probabilities": dict(zip(names, probabilities.tolist(), strict=True)),
            }
        )
        return
    for note in loaded.notes:
        print(f"note: {note}")
    for name, probability in ranked:
        print(f"{name:<12} {probability:7.2%}")


# --- wiring -------------------------------------------------------------------------------------


def run_id(text: str) -> int:
    """A run id as typed on the command line: a whole number a run could have (argparse type)."""
    return _store_id(text, "run")


def sweep_id(text: str) -> int:
    """A sweep id as typed on the command line (argparse type)."""
    return _store_id(text, "sweep")


def _store_id(text: str, kind: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) < 2**63:
        raise argparse.ArgumentTypeError(f"{text!r} is not a {kind} id (a whole number from 1)")
    return int(text)


def _add_setting_flag(parser: argparse.ArgumentParser, name: str, declared: Setting) -> None:
    """The flag of one training setting, as its declaration says; not given, it stays None and
    the recipe's value is used."""
    if declared.switch is not None:
        parser.add_argument(
            declared.flag,
            dest=name,
            action="store_const",
            const=declared.switch,
            help=declared.help,
        )
        if declared.kind == "bool":  # a recipe may turn it on: say so, and let it be turned off
            parser.add_argument(
                "--no-" + declared.flag.removeprefix("--"),
                dest=name,
                action="store_const",
                const=False,
                help=f"turn off {declared.flag} where the recipe turns it on",
            )
        return
    allowed = ALLOWED_TEXTS[declared.allowed_key].format(**declared.allowed_values())
    parser.add_argument(
        declared.flag,
        dest=name,
        metavar=declared.flag.removeprefix("--").replace("-", "_").upper(),
        type={"whole": int, "optional_whole": _all_or_whole, "number": float}.get(
            declared.kind, str
        ),
        help=f"{declared.help}; {allowed}",
    )


def _all_or_whole(text: str) -> int | None:
    """``--limit-train``'s value: a whole number, or all (also 0) for every image (None)."""
    if text.strip().lower() in ("all", "0"):
        return None
    return int(text)


def _command(commands, name: str, help: str, handler: Callable, json_help: str = JSON_HELP):
    """The subcommand ``name``, run by ``handler``; like every command it takes ``--json``."""
    parser = commands.add_parser(name, help=help)
    parser.add_argument("--json", action="store_true", help=json_help)
    parser.set_defaults(handler=handler)
    return parser


def _commands(parser: argparse.ArgumentParser):
    """The subcommands of ``parser``, one of which must be given."""
    return parser.add_subparsers(dest="command", metavar="command", required=True)


def _add_training_flags(parser: argparse.ArgumentParser) -> None:
    """``--recipe`` and one flag per training setting, for ``train`` and ``sweep``."""
    parser.add_argument("--recipe", choices=list(RECIPES), help=RECIPE_HELP)
    for name, declared in SETTINGS.items():
        _add_setting_flag(parser, name, declared)


def _add_sweep_parser(topics) -> None:
    sweep = _command(
        topics,
        "sweep",
        "queue a grid of runs that differ in 1-3 settings, trained by workers",
        cmd_sweep,
        json_help="print the runs as JSON",
    )
    sweep.add_argument(
        "--arch", help="the base network: preset or saved name (default: the first of --vary arch)"
    )
    sweep.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="SETTING=V1,V2",
        help="a setting and its values: a training setting by name or train flag "
        "(learning_rate=0.001,0.003 or lr=0.001,0.003), "
        "a layer's number (layers.2.filters=16,32) or arch=lecture-1,lecture-2; up to 3",
    )
    sweep.add_argument("--sample", type=int, help="train N random combinations, not all")
    sweep.add_argument("--sample-seed", type=int, default=0, help="which random sample (default 0)")
    _add_training_flags(sweep)
    sweep.add_argument("--workers", type=int, help="worker processes (default FMNIST_WORKERS or 1)")
    sweep.add_argument("--wait", action="store_true", help="return when every run has ended")
    sweep.add_argument("--name", help="the sweep's name, given to each of its runs")


def _add_runs_parser(topics) -> None:
    runs = _commands(topics.add_parser("runs", help="training runs in the store"))
    listing = _command(runs, "list", "all runs, newest first", cmd_runs_list)
    listing.add_argument("--sweep", type=sweep_id, help="only the runs of this sweep")
    show = _command(
        runs,
        "show",
        "one run: status, device, settings, test scores and every epoch",
        cmd_runs_show,
    )
    show.add_argument("run", type=run_id, help="the run's id")
    stop = _command(
        runs,
        "stop",
        "stop runs as the Train page's Stop does (queued ones are cancelled)",
        cmd_runs_stop,
    )
    stop.add_argument("run", type=run_id, nargs="*", help="the runs' ids")
    stop.add_argument("--sweep", type=sweep_id, help="every run of this sweep")
    delete = _command(
        runs,
        "delete",
        "delete ended runs with their files (asks first, unless --yes)",
        cmd_runs_delete,
    )
    delete.add_argument("run", type=run_id, nargs="*", help="the runs' ids")
    delete.add_argument("--sweep", type=sweep_id, help="every run of this sweep")
    delete.add_argument("--yes", action="store_true", help="do not ask")
    export_model = _command(
        runs,
        "export-model",
        "copy a run's model.keras out, to load in plain Keras",
        cmd_runs_export_model,
    )
    export_model.add_argument("--run", type=run_id, required=True, help="the run's id")
    export_model.add_argument("--output", help="file to write (default: fmnist-run-ID.keras)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``python -m fmnist_core``."""
    parser = _Parser(
        prog="python -m fmnist_core", description="Fashion-MNIST CNN Studio, on the command line."
    )
    topics = parser.add_subparsers(dest="topic", metavar="command", required=True)
    _command(
        topics,
        "device",
        "what Keras trains on here, and why not a GPU this machine has",
        cmd_device,
    )
    data_commands = _commands(topics.add_parser("data", help="the Fashion-MNIST files in use"))
    _command(data_commands, "info", "where the data comes from, images per class", cmd_data_info)

    arch = _commands(topics.add_parser("arch", help="network architectures"))
    _command(arch, "list", "presets and saved architectures", cmd_arch_list)
    show = _command(arch, "show", "per-layer output shape, params and formula", cmd_arch_show)
    show.add_argument("name", help="a preset (lecture-1, ..., fast, strong, best) or a saved name")

    train = _command(
        topics,
        "train",
        "train a network in the foreground",
        cmd_train,
        json_help="print the run as JSON",
    )
    train.add_argument("--arch", required=True, help="preset or saved architecture")
    _add_training_flags(train)
    train.add_argument("--name", help="a name for the run")
    _add_sweep_parser(topics)
    _add_runs_parser(topics)

    export = _command(
        topics,
        "export",
        "a run as a standalone Keras script (needs only Keras and NumPy)",
        cmd_export,
    )
    export.add_argument("--run", type=run_id, required=True, help="the run's id")
    export.add_argument("--output", help="file to write (default: fmnist-run-ID.py)")
    predict = _command(
        topics, "predict", "classify an image with a trained run's model", cmd_predict
    )
    predict.add_argument("--run", type=run_id, required=True, help="a finished run's id")
    predict.add_argument("image", help="a PNG, JPEG or WebP file")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    asked = sys.argv[1:] if argv is None else argv
    try:
        args = build_parser().parse_args(asked)
    except UserError as error:
        _say_error(str(error), as_json="--json" in asked)
        return 2
    try:
        status = args.handler(args)
    except (
        UserError,
        StoreError,
        StoreUnavailable,
        architectures.ArchitectureError,
        data.DataFileError,
    ) as error:
        # Everything a user can get wrong ends here: one line, no traceback.
        _say_error(str(error), as_json=getattr(args, "json", False))
        return 2
    except BrokenPipeError:
        # `runs list | head -3`: the reader has what it wanted and closed the pipe. Point stdout
        # at nothing so Python's own flush at exit does not print a traceback either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # what a shell reports for a command ended by SIGPIPE (128 + 13)
    return status or 0


if __name__ == "__main__":
    sys.exit(main())
