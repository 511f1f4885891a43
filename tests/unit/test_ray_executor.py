"""Runs on a real Ray cluster (``FMNIST_EXECUTOR=ray``): a sweep into PostgreSQL, Stop, a killed
worker, a home a node cannot write, and what the driver says when it cannot reach the cluster.

One Ray head serves the whole module (it takes about 15 s to start on two cores). It runs in a
private network namespace, so Ray, which listens on every interface, is reachable only from
processes that join it (``nsenter``): every packet stays on this machine. The same namespace has
its own mounts, where one studio home's run folders are mounted read-only, as on a node whose
share is mounted read-only. The studio's drivers join the namespace; the tests read the store
from outside, as the dashboard would (PostgreSQL through its unix socket, which reaches in).
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from fmnist_core import ray_executor
from fmnist_core import store as store_module
from fmnist_core.device import Device
from fmnist_core.store import RunStore
from tests.conftest import ROOT
from tests.unit.test_training import TINY_SPEC
from tests.unit.test_worker import LONG, QUICK, wait_for

pytest.importorskip("ray", reason="the cluster parts are not installed (requirements-cluster.txt)")
RAY = Path(sys.executable).with_name("ray")
HEAD_ADDRESS = "127.0.0.1:6379"  # inside the namespace, where nothing else listens

# Brings the namespace's loopback up (without iproute2, which a fresh Debian may lack), mounts
# the read-only home's run folders read-only, then becomes the Ray head.
NAMESPACE_SETUP = """
import fcntl, os, socket, struct, subprocess, sys
with socket.socket() as s:
    flags = struct.unpack("16sH", fcntl.ioctl(s, 0x8913, struct.pack("16sH", b"lo", 0)))[1]
    fcntl.ioctl(s, 0x8914, struct.pack("16sH", b"lo", flags | 0x1))  # SIOCSIFFLAGS: IFF_UP
runs = sys.argv[1]
subprocess.run(["mount", "--bind", runs, runs], check=True)
subprocess.run(["mount", "-o", "remount,bind,ro", runs], check=True)
os.execv(sys.argv[2], sys.argv[2:])
"""


def _can_unshare() -> bool:
    probe = subprocess.run(["unshare", "-n", "-m", "true"], capture_output=True, check=False)
    return shutil.which("nsenter") is not None and probe.returncode == 0


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A Ray head with 2 CPUs in its own namespace; yields what a driver needs to join it."""
    if not _can_unshare():
        pytest.skip("needs root (or user namespaces) for unshare -n -m, as in CI")
    read_only_home = tmp_path_factory.mktemp("read_only_home")
    RunStore(read_only_home)
    (read_only_home / "runs").mkdir()
    temp_dir = tempfile.mkdtemp(prefix="ray", dir="/tmp")  # Ray's socket paths must stay short
    environment = {
        **os.environ,
        "RAY_USAGE_STATS_ENABLED": "0",
        # Ray 2.60 asks for a token by default; drivers pass the same one.
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN": secrets.token_hex(32),
    }
    head = subprocess.Popen(
        [
            *("unshare", "-n", "-m", sys.executable, "-c", NAMESPACE_SETUP),
            *(str(read_only_home / "runs"), str(RAY), "start", "--head", "--block"),
            *("--num-cpus=2", "--include-dashboard=false", "--disable-usage-stats"),
            f"--temp-dir={temp_dir}",
        ],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    joined = {
        "RAY_ADDRESS": HEAD_ADDRESS,
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN": environment["RAY_AUTH_TOKEN"],
        "RAY_USAGE_STATS_ENABLED": "0",
        "FMNIST_EXECUTOR": "ray",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    namespace = ["nsenter", "-t", str(head.pid), "-n", "-m"]
    ready = [*namespace, str(RAY), "status", f"--address={HEAD_ADDRESS}"]
    wait_for(
        lambda: (
            subprocess.run(
                ready, env={**os.environ, **joined}, capture_output=True, check=False
            ).returncode
            == 0
        ),
        90,
        "the Ray head to start",
    )
    yield {"namespace": namespace, "environment": joined, "read_only_home": read_only_home}
    subprocess.run([*namespace, str(RAY), "stop", "--force"], capture_output=True, check=False)
    head.send_signal(signal.SIGTERM)
    head.wait(30)
    shutil.rmtree(temp_dir, ignore_errors=True)


@pytest.fixture
def on_ray(cluster, monkeypatch, small_data_dir):
    """Runs a command in the cluster's namespace with FMNIST_EXECUTOR=ray and this test's home."""
    for name, value in cluster["environment"].items():
        monkeypatch.setenv(name, value)

    def start(*command: str) -> subprocess.Popen:
        return subprocess.Popen(
            [*cluster["namespace"], f"--wd={ROOT}", sys.executable, *command],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    return start


def _ray_task_pid(run_id: int) -> int | None:
    """The pid of the Ray worker training ``run_id`` (its process title names the task)."""
    for entry in Path("/proc").iterdir():
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, ValueError):
            continue
        if title.startswith(f"ray::fmnist run {run_id}"):
            return int(entry.name)
    return None


@pytest.fixture
def store_on_postgresql(isolated_studio, postgres_server, monkeypatch) -> Iterator[RunStore]:
    """The run store on a fresh PostgreSQL database (the other tests here use the SQLite file)."""
    # The cluster's namespace has a loopback of its own; the server's unix socket reaches in.
    over_tcp = postgres_server.new_database()
    database = over_tcp.rsplit("/", 1)[1]
    url = f"postgresql://postgres@/{database}?host={postgres_server.folder}"
    url += f"&port={postgres_server.port}"
    monkeypatch.setenv("FMNIST_STORE_URL", url)
    yield RunStore(isolated_studio)
    for engine in (store_module._ENGINES.pop(url, None), store_module._ENGINES.pop(over_tcp, None)):
        if engine is not None:
            engine.dispose()


def test_a_2x2_sweep_on_ray_keeps_every_epoch_in_postgresql_and_names_the_node(
    on_ray, store_on_postgresql
):
    store = store_on_postgresql
    store.save_architecture("tiny", TINY_SPEC)
    command = ["-m", "fmnist_core", "sweep", "--arch", "tiny", "--recipe", "lecture"]
    command += ["--epochs", "2"]
    command += ["--vary", "learning_rate=0.001,0.003", "--vary", "batch_size=32,64"]
    command += ["--limit-train", "200", "--workers", "2", "--wait"]
    cli = on_ray(*command)
    out, _ = cli.communicate(timeout=150)
    assert cli.returncode == 0, out
    runs = store.list_runs()
    assert len(runs) == 4 and {run.status for run in runs} == {"finished"}, out
    for run in runs:
        assert [epoch.epoch for epoch in store.epochs(run.id)] == [1, 2]
        assert run.test_accuracy is not None and store.model_path(run.id).is_file()
        assert run.device.endswith(" on node 127.0.0.1")
        assert Device.from_description(run.device).node == "127.0.0.1"
    # Two at a time, as --workers 2 asked: some run started before another had finished.
    ordered = sorted(runs, key=lambda run: run.started)
    assert any(later.started < earlier.finished for earlier, later in pairwise(ordered))


def test_stop_ends_a_run_on_ray_within_a_few_batches(on_ray, isolated_studio):
    store = RunStore(isolated_studio)
    run_id = store.create_run("long", TINY_SPEC, LONG)
    driver = on_ray("-m", "fmnist_core.ray_executor")
    wait_for(lambda: (store.get_run(run_id).batch or 0) > 0, 90, "training to start on Ray")
    store.request_stop(run_id)
    asked = time.monotonic()
    wait_for(lambda: store.get_run(run_id).status == "stopped", 60, "the run to stop")
    assert time.monotonic() - asked < 15
    assert len(store.epochs(run_id)) < 100
    assert (store.run_dir(run_id) / "model.keras").is_file()  # the partial model is kept
    driver.communicate(timeout=60)  # it leaves once idle


def test_a_killed_ray_worker_leaves_its_run_interrupted_with_its_epochs(on_ray, isolated_studio):
    store = RunStore(isolated_studio)
    run_id = store.create_run("doomed", TINY_SPEC, LONG)
    queued_after = store.create_run("next", TINY_SPEC, QUICK)
    driver = on_ray("-m", "fmnist_core.ray_executor")
    wait_for(lambda: len(store.epochs(run_id)) >= 1, 90, "a first epoch on Ray")
    os.kill(wait_for(lambda: _ray_task_pid(run_id), 10, "the task's process"), signal.SIGKILL)
    wait_for(lambda: store.get_run(run_id).status != "running", 30, "the run to be marked")
    run = store.get_run(run_id)
    assert run.status == "interrupted"
    assert len(store.epochs(run_id)) >= 1
    # The driver goes on with the queue.
    wait_for(lambda: store.get_run(queued_after).status == "finished", 90, "the next run")
    driver.communicate(timeout=60)


def test_a_home_the_ray_node_cannot_write_fails_the_run_saying_so(cluster, on_ray, monkeypatch):
    home = cluster["read_only_home"]  # its runs/ folder is read-only inside the namespace
    monkeypatch.setenv("FMNIST_HOME", str(home))
    store = RunStore(home)
    run_id = store.create_run("nowhere", TINY_SPEC, QUICK)
    out, _ = on_ray("-m", "fmnist_core.ray_executor").communicate(timeout=90)
    run = store.get_run(run_id)
    assert run.status == "failed", out
    assert ray_executor.read_problem(run.error) == (
        "home_not_writable",
        {
            "node": "127.0.0.1",
            "folder": str(home / "runs" / str(run_id)),
            "detail": "Read-only file system",
        },
    )
    assert run.error.startswith(f"Ray node 127.0.0.1 cannot write the run's files into {home}")


def test_an_unknown_executor_fails_the_queued_run_saying_what_to_set(
    isolated_studio, small_data_dir, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setenv("FMNIST_EXECUTOR", "spark")
    store = RunStore(isolated_studio)
    run_id = store.create_run("elsewhere", TINY_SPEC, QUICK)
    assert worker.ensure_worker(store.home)
    wait_for(lambda: store.get_run(run_id).status == "failed", 60, "the run to fail")
    assert store.get_run(run_id).error.startswith(
        "FMNIST_EXECUTOR=spark is not an executor: set it to local"
    )


def test_a_resource_amount_that_is_not_a_number_fails_the_queued_run_naming_the_variable(
    isolated_studio, small_data_dir, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setenv("FMNIST_EXECUTOR", "ray")
    monkeypatch.setenv("FMNIST_RAY_CPUS_PER_RUN", "half")
    store = RunStore(isolated_studio)
    run_id = store.create_run("greedy", TINY_SPEC, QUICK)
    assert worker.ensure_worker(store.home)
    wait_for(lambda: store.get_run(run_id).status == "failed", 60, "the run to fail")
    assert ray_executor.read_problem(store.get_run(run_id).error) == (
        "bad_amount",
        {"name": "FMNIST_RAY_CPUS_PER_RUN", "value": "half"},
    )


def test_a_head_that_does_not_answer_fails_the_queued_run_at_once_naming_the_address(
    isolated_studio, small_data_dir, monkeypatch
):
    from fmnist_core import worker

    monkeypatch.setenv("FMNIST_EXECUTOR", "ray")
    monkeypatch.setenv("RAY_ADDRESS", "127.0.0.1:1")  # nothing listens there
    store = RunStore(isolated_studio)
    run_id = store.create_run("nowhere", TINY_SPEC, QUICK)
    assert worker.ensure_worker(store.home)
    wait_for(lambda: store.get_run(run_id).status == "failed", 60, "the run to fail")
    key, values = ray_executor.read_problem(store.get_run(run_id).error)
    assert (key, values["address"], values["detail"]) == (
        "cannot_connect",
        "127.0.0.1:1",
        "Connection refused",
    )


def test_a_ray_device_line_reads_back_with_its_node():
    found = Device.from_description("GPU: NVIDIA H100 80GB HBM3 (jax) on node 10.0.0.5")
    assert (found.gpus, found.backend, found.node) == (
        ("NVIDIA H100 80GB HBM3",),
        "jax",
        "10.0.0.5",
    )
    found = Device.from_description("CPU x86_64, 2 cores (tensorflow) on node gpu-box-3")
    assert (found.cores, found.node) == (2, "gpu-box-3")
    assert Device.from_description("CPU x86_64, 2 cores (tensorflow)").node == ""
