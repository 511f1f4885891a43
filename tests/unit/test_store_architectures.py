"""Saved architectures in the run store: save, list, load, rename, delete, names checked."""

from __future__ import annotations

import pytest

from fmnist_core import architectures
from fmnist_core.store import RunStore, StoreError


@pytest.fixture
def store(tmp_path, database) -> RunStore:
    """A new store: each test runs on SQLite and on PostgreSQL (``database``)."""
    return RunStore(tmp_path / "home")


def test_save_list_load(store):
    store.save_architecture("wide net", architectures.preset("lecture-2"))
    store.save_architecture("Another", architectures.preset("fast"))
    assert store.architecture_names() == ["Another", "wide net"]
    loaded = store.load_architecture("wide net")
    assert loaded["name"] == "wide net"
    assert architectures.summarise(loaded).total_params == 241_546


def test_existing_name_is_refused_unless_replacing(store):
    store.save_architecture("net", architectures.preset("lecture-1"))
    with pytest.raises(StoreError, match="already exists"):
        store.save_architecture("net", architectures.preset("lecture-2"))
    store.save_architecture("net", architectures.preset("lecture-2"), replace=True)
    assert architectures.summarise(store.load_architecture("net")).total_params == 241_546


def test_rename_and_delete(store):
    store.save_architecture("a", architectures.preset("lecture-1"))
    store.save_architecture("b", architectures.preset("lecture-1"))
    with pytest.raises(StoreError, match="already exists"):
        store.rename_architecture("a", "b")
    store.rename_architecture("a", "c")
    assert store.architecture_names() == ["b", "c"]
    assert store.load_architecture("c")["name"] == "c"
    store.delete_architecture("b")
    assert store.architecture_names() == ["c"]
    with pytest.raises(StoreError, match="no saved architecture named 'b'"):
        store.load_architecture("b")


@pytest.mark.parametrize("name", ["", "   ", "../etc", "x" * 61, "-leading-dash"])
def test_unusable_names_are_refused(store, name):
    with pytest.raises(StoreError, match="is not usable"):
        store.save_architecture(name, architectures.preset("lecture-1"))


def test_korean_names_are_fine(store):
    store.save_architecture("강의 모델 2", architectures.preset("lecture-2"))
    assert store.architecture_names() == ["강의 모델 2"]


def test_store_survives_reopening(tmp_path, database):
    RunStore(tmp_path).save_architecture("kept", architectures.preset("lecture-1"))
    assert RunStore(tmp_path).architecture_names() == ["kept"]


def test_a_presets_key_or_name_is_refused_for_saving_and_renaming(tmp_path):
    store = RunStore(tmp_path)
    with pytest.raises(StoreError, match="it is the name of the preset lecture-2"):
        store.save_architecture(" LECTURE-2 ", architectures.preset("lecture-1"))
    store.save_architecture("mine", architectures.preset("lecture-1"))
    with pytest.raises(StoreError, match="it is the name of the preset best"):
        store.rename_architecture("mine", "best residual CNN")
    assert store.architecture_names() == ["mine"]
