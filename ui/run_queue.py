"""Queueing a training run from a page: check it, store it as queued, make sure a worker runs.

The Train page and the Lecture page start runs through this one function, so both refuse the
same things with the same messages and both wake the background worker.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from fmnist_core import architectures
from fmnist_core.names import name_problem
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig
from fmnist_core.worker import ensure_worker
from ui.i18n import name_text, problem_text, setting_text, t

FOLD_FORM = "train_fold_new_run_form"  # asks the Train page to fold its New run form once


def fold_the_form() -> None:
    """Have the Train page fold its New run form on its next run: the runs just queued, not the
    form that queued them, are what the student watches next."""
    st.session_state[FOLD_FORM] = True


def queue_run(
    store: RunStore, run_name: str, spec: dict[str, Any], config: TrainConfig
) -> int | None:
    """Queue ``spec`` trained with ``config`` as ``run_name`` and return the run's id.

    Out-of-range settings, a network that cannot be built and an unusable name are each shown as
    an error box saying what to change; nothing is queued then and the result is None.
    """
    summary = architectures.summarise(spec)
    problems = [setting_text(p) for p in config.setting_problems()] + [
        problem_text(p) for p in summary.problems
    ]
    bad_name = name_problem(run_name)
    if bad_name:
        problems.append(t("train.bad_name", problem=name_text(bad_name)))
    for problem in problems:
        st.error(t("train.refused", problem=problem), icon="🚫")
    if problems:
        return None
    run_id = store.create_run(run_name, spec, config.to_dict(), summary.total_params)
    ensure_worker(store.home)
    fold_the_form()
    return run_id
