"""Every message key the engine passes to a keyed error or notice exists, in both languages.

The engine raises errors by key (``InputError("too_large", ...)``) and the dashboard translates
the key. A mistyped key would only fail when a user hits that path — as "nothing drawn yet" once
did on the Draw page — so this finds each key in the source, the way the catalog test finds
``t()`` keys, and builds the error with it.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from fmnist_core import architectures, data, inference, names, ray_executor, store, training
from tests.conftest import ROOT
from ui import i18n

# Each keyed call: the callable's name -> (argument position or keyword, texts, catalog prefix).
KEYED_CALLS = {
    "InputError": [(0, inference.INPUT_TEXTS, "input")],
    "Notice": [(0, inference.INPUT_TEXTS, "input")],
    "Problem": [(2, architectures.PROBLEM_TEXTS, "problem")],
    "refuse": [(0, architectures.PROBLEM_TEXTS, "problem")],
    "DataFileError": [(1, data.DATA_TEXTS, "data_problem"), (2, data.DATA_FIXES, "data_fix")],
    "DataSource": [(2, data.SAMPLE_REASONS, "sample_reason")],
    "NameProblem": [(0, names.NAME_TEXTS, "name_problem")],
    "StoreUnavailable": [(0, store.STORE_TEXTS, "store")],
    "ClusterProblem": [(0, ray_executor.CLUSTER_TEXTS, "cluster")],
}
# Keys that reach those calls through a variable: ``reason, detail = "offline", ""`` (data.py)
# and ``problems.append(("bad_rate", {...}))`` (architectures.py).
KEYED_NAMES = {"reason": (data.SAMPLE_REASONS, "sample_reason")}
KEYED_APPENDS = {"architectures": (architectures.PROBLEM_TEXTS, "problem")}


def _name(call: ast.Call) -> str:
    return getattr(call.func, "id", None) or getattr(call.func, "attr", "")


def _literal(node: ast.AST | None) -> str | None:
    """A string constant's value; an f-string's fixed start followed by '*'."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
        return f"{node.values[0].value}*"
    return None


def keys_in_the_engine() -> list[tuple[str, str, dict, str]]:
    """(where, key, texts, prefix) for every literal key the code passes to a keyed call."""
    found = []
    sources = [ROOT / "dashboard.py"]
    for folder in ("fmnist_core", "ui", "app_pages"):
        sources += sorted((ROOT / folder).glob("*.py"))
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text())):
            where = f"{path.parent.name}/{path.name}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call) and _name(node) in KEYED_CALLS:
                keywords = {k.arg: k.value for k in node.keywords}
                for position, texts, prefix in KEYED_CALLS[_name(node)]:
                    argument = node.args[position] if position < len(node.args) else None
                    if argument is None and _name(node) == "DataFileError" and position == 2:
                        argument = keywords.get("fix")
                    key = _literal(argument)
                    if key is not None:
                        found.append((where, key, texts, prefix))
            elif (
                isinstance(node, ast.Call)
                and _name(node) == "append"
                and path.stem in (KEYED_APPENDS)
            ):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Tuple) and _literal(first.elts[0]) is not None:
                    found.append((where, _literal(first.elts[0]), *KEYED_APPENDS[path.stem]))
            elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple):
                for target, value in zip(
                    node.targets[0].elts, getattr(node.value, "elts", []), strict=False
                ):
                    if getattr(target, "id", None) in KEYED_NAMES and _literal(value):
                        found.append((where, _literal(value), *KEYED_NAMES[target.id]))
    return found


def _placeholders(text: str) -> dict[str, str]:
    return {name: "7" for _, name, _, _ in string.Formatter().parse(text) if name}


def _build(prefix: str, key: str, values: dict[str, str]) -> None:
    """Make the error (or text) as the engine does, then the dashboard's text in each language."""
    if prefix == "input":
        inference.InputError(key, **values)
        str(inference.Notice(key, values))
    elif prefix == "problem":
        str(architectures.Problem(1, "Conv2D", key, values))
    elif prefix == "data_problem":
        data.DataFileError(Path("f"), key, **values)
    elif prefix == "data_fix":
        data.DataFileError(Path("f"), "missing", key, values)
    elif prefix == "store":
        store.StoreUnavailable(key, **values)
    elif prefix == "name_problem":
        str(names.NameProblem(key, values))
    elif prefix == "cluster":
        ray_executor.ClusterProblem(key, **values)
    for language in i18n.LANGUAGES:
        i18n.MESSAGES[f"{prefix}.{key}"][language].format(**values)


def test_the_search_finds_keys_of_every_kind():
    prefixes = {prefix for _, _, _, prefix in keys_in_the_engine()}
    assert prefixes == {
        "input",
        "problem",
        "data_problem",
        "data_fix",
        "sample_reason",
        "name_problem",
        "store",
        "cluster",
    }
    assert len(keys_in_the_engine()) > 30


@pytest.mark.parametrize(
    ("where", "key", "texts", "prefix"),
    keys_in_the_engine(),
    ids=[f"{where}-{key}" for where, key, _, _ in keys_in_the_engine()],
)
def test_every_key_passed_in_the_code_builds_its_message(where, key, texts, prefix):
    matching = [k for k in texts if k == key or (key.endswith("*") and k.startswith(key[:-1]))]
    assert matching, f"{where} passes the unknown key {key!r}"
    for each in matching:
        _build(prefix, each, _placeholders(texts[each]))


def test_every_out_of_range_training_setting_has_its_message():
    # No setting of any kind accepts a string that is none of its choices.
    everything_wrong = training.TrainConfig(**dict.fromkeys(training.SETTINGS, "x"))
    problems = everything_wrong.setting_problems()
    assert len(problems) == len(training.TrainConfig.__dataclass_fields__)
    for problem in problems:
        assert str(problem)
        for language in i18n.LANGUAGES:
            i18n.MESSAGES[f"allowed.{problem.key}"][language].format(**problem.values)
        assert training.SETTINGS[problem.setting].label in i18n.MESSAGES
