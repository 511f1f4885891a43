"""The Train page for a run a Ray node could not keep: the cause and the node in both languages."""

from __future__ import annotations

import pytest

from fmnist_core import architectures, ray_executor
from fmnist_core.store import RunStore
from fmnist_core.training import TrainConfig


def failed_on_a_node(home) -> None:
    store = RunStore(home)
    run_id = store.create_run("remote", architectures.preset("lecture-2"), TrainConfig().to_dict())
    store.claim_next_run(1, None)
    store.record_device(run_id, "GPU: NVIDIA H100 (jax) on node 10.0.0.5")
    problem = ray_executor.ClusterProblem(
        "home_not_writable",
        node="10.0.0.5",
        folder=home / "runs" / str(run_id),
        detail="Read-only file system",
    )
    store.finish_run(run_id, "failed", error=str(problem))


@pytest.mark.shows_error
@pytest.mark.parametrize(
    ("language", "cause", "node"),
    [
        (
            "en",
            "Ray node 10.0.0.5 cannot write the run's files into",
            "GPU: NVIDIA H100 (jax) on node 10.0.0.5",
        ),
        ("ko", "Ray 노드 10.0.0.5가 이 실행의 파일을", "GPU: NVIDIA H100 (jax) · 노드 10.0.0.5"),
    ],
)
def test_a_home_a_ray_node_cannot_write_is_said_in_the_chosen_language(
    small_data_dir, open_page, isolated_studio, language, cause, node
):
    failed_on_a_node(isolated_studio)
    app = open_page("train", language=language)
    assert cause in app.error[0].value
    device = next(metric for metric in app.metric if metric.label in ("Device", "장치"))
    # Which machine it ran on, at a glance; the whole line on hover.
    assert device.value == {"en": "GPU on 10.0.0.5", "ko": "GPU · 10.0.0.5"}[language]
    assert device.help == node
    # The cause already says what to do: no general advice after it.
    assert "Check the network and settings" not in app.error[0].value
    assert "네트워크와 설정을" not in app.error[0].value


@pytest.mark.shows_error
@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("en", "Training failed: The run store's PostgreSQL server db.example:5432/studio"),
        ("ko", "학습에 실패했습니다: 실행 저장소의 PostgreSQL 서버 db.example:5432/studio"),
    ],
)
def test_a_run_the_store_could_not_keep_is_said_in_the_chosen_language(
    small_data_dir, open_page, isolated_studio, language, says
):
    from fmnist_core.store import StoreUnavailable
    from fmnist_core.worker import failure_text

    store = RunStore(isolated_studio)
    run_id = store.create_run("remote", architectures.preset("lecture-2"), TrainConfig().to_dict())
    store.claim_next_run(1, None)
    down = StoreUnavailable("server_down", server="db.example:5432/studio", detail="timeout")
    store.finish_run(run_id, "failed", error=failure_text(down, isolated_studio))
    app = open_page("train", language=language)
    assert app.error[0].value.startswith(says)
    assert "StoreUnavailable" not in app.error[0].value
