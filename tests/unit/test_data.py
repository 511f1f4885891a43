"""The data layer: each source in order, every malformed-file error, and the page helpers."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from fmnist_core import data


def _rewrite(path: Path, content: bytes) -> None:
    path.write_bytes(gzip.compress(content))


def _unpacked(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


# --- sources, in the design's order -----------------------------------------------------------


def test_data_dir_comes_first(small_data_dir, monkeypatch):
    monkeypatch.setattr(data, "_download_with_keras", _must_not_download)
    dataset = data.load_dataset()
    assert dataset.source.kind == "data-dir"
    assert dataset.source.folder == small_data_dir
    assert dataset.train_images.shape == (3000, 28, 28)
    assert dataset.test_labels.shape == (1000,)


def test_data_dir_that_is_not_a_folder_is_an_error_not_a_fallback(tmp_path, monkeypatch):
    monkeypatch.setenv("FMNIST_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(data.DataFileError, match="is not a folder"):
        data.load_dataset()


def test_data_dir_missing_a_file_names_it(small_data_dir):
    (small_data_dir / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(data.DataFileError, match=r"t10k-labels-idx1-ubyte\.gz is missing"):
        data.load_dataset()


def test_keras_cache_is_used_when_no_data_dir(tmp_path, sample_copy, monkeypatch):
    cache = tmp_path / "keras" / "datasets" / "fashion-mnist"
    cache.parent.mkdir(parents=True)
    sample_copy.rename(cache)
    monkeypatch.setattr(data, "_download_with_keras", _must_not_download)
    dataset = data.load_dataset()
    assert dataset.source.kind == "keras-cache"
    assert dataset.source.folder == cache


def test_download_fills_the_keras_cache_then_loads_it(tmp_path, monkeypatch):
    cache = tmp_path / "keras" / "datasets" / "fashion-mnist"

    def fake_download():  # what keras.datasets.fashion_mnist.load_data() leaves behind
        cache.mkdir(parents=True)
        for name in data.FILE_NAMES.values():
            (cache / name).write_bytes((data.SAMPLE_DIR / name).read_bytes())

    monkeypatch.setenv("FMNIST_OFFLINE", "0")
    monkeypatch.setattr(data, "_download_with_keras", fake_download)
    dataset = data.load_dataset()
    assert dataset.source.kind == "download"
    assert len(dataset.train_labels) == 3000


def test_failed_download_falls_back_to_the_sample_and_says_why(monkeypatch):
    def no_network():  # as Keras words it when the name of its server does not resolve
        raise Exception(
            "URL fetch failure on https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
            "train-labels-idx1-ubyte.gz: None -- [Errno -2] Name or service not known"
        )

    monkeypatch.setenv("FMNIST_OFFLINE", "0")
    monkeypatch.setattr(data, "_download_with_keras", no_network)
    dataset = data.load_dataset()
    assert dataset.source.is_sample
    assert dataset.source.reason == "no_internet"
    assert "could not reach the internet" in dataset.source.note
    assert "Errno" not in dataset.source.note  # the resolver's words stay in the log


def test_a_download_failing_for_another_reason_says_that_reason(monkeypatch):
    def disk_full():
        raise OSError(28, "No space left on device")

    monkeypatch.setenv("FMNIST_OFFLINE", "0")
    monkeypatch.setattr(data, "_download_with_keras", disk_full)
    source = data.load_dataset().source
    assert source.reason == "download_failed" and "No space left on device" in source.note


def test_offline_skips_the_download_and_uses_the_sample(monkeypatch):
    monkeypatch.setattr(data, "_download_with_keras", _must_not_download)
    dataset = data.load_dataset()
    assert dataset.source.is_sample
    assert "FMNIST_OFFLINE" in dataset.source.note


def _must_not_download():
    raise AssertionError("no download may happen here")


def test_bundled_sample_is_stratified():
    sample = data.load_folder(data.SAMPLE_DIR)
    assert data.class_counts(sample.train_labels).tolist() == [300] * 10
    assert data.class_counts(sample.test_labels).tolist() == [100] * 10


def test_full_data_has_all_70000_images(full_data_dir):
    dataset = data.load_dataset()
    assert (len(dataset.train_labels), len(dataset.test_labels)) == (60000, 10000)
    assert data.class_counts(dataset.train_labels).tolist() == [6000] * 10


def test_unpacked_files_are_accepted(sample_copy):
    for name in data.FILE_NAMES.values():
        path = sample_copy / name
        path.with_suffix("").write_bytes(_unpacked(path))
        path.unlink()
    assert len(data.load_folder(sample_copy).train_labels) == 3000


# --- malformed files: each gets a named error, never a partial load -----------------------------


def test_wrong_magic_number(sample_copy):
    path = sample_copy / "train-images-idx3-ubyte.gz"
    content = _unpacked(path)
    _rewrite(path, struct.pack(">I", 1234) + content[4:])
    with pytest.raises(data.DataFileError) as caught:
        data.load_folder(sample_copy)
    assert caught.value.path == path
    assert "magic number 1234" in str(caught.value)
    assert "starts with 2051" in str(caught.value)


def test_a_labels_file_under_an_images_files_name_is_said_to_be_one(sample_copy):
    images = sample_copy / "train-images-idx3-ubyte.gz"
    labels = sample_copy / "train-labels-idx1-ubyte.gz"
    images.write_bytes(labels.read_bytes())  # swapped by hand
    with pytest.raises(data.DataFileError) as caught:
        data.load_folder(sample_copy)
    assert caught.value.path == images
    assert "is a labels file (magic number 2049), not the images file" in str(caught.value)
    assert "Check which file is which" in str(caught.value)


def test_truncated_images(sample_copy):
    path = sample_copy / "t10k-images-idx3-ubyte.gz"
    _rewrite(path, _unpacked(path)[:-500])
    with pytest.raises(data.DataFileError, match=r"t10k-images-idx3-ubyte.gz is truncated"):
        data.load_folder(sample_copy)


def test_truncated_gzip_archive(sample_copy):
    path = sample_copy / "train-labels-idx1-ubyte.gz"
    path.write_bytes(path.read_bytes()[:-20])
    with pytest.raises(data.DataFileError, match="gzip archive cut short") as caught:
        data.load_folder(sample_copy)
    assert caught.value.key == "gzip_cut" and not caught.value.values  # no English inside


def test_gzip_archive_with_a_changed_byte(sample_copy):
    path = sample_copy / "train-labels-idx1-ubyte.gz"
    raw = bytearray(path.read_bytes())
    raw[-5] ^= 0xFF  # inside the trailer's length: the data no longer matches it
    path.write_bytes(bytes(raw))
    with pytest.raises(data.DataFileError, match="does not match its checksum") as caught:
        data.load_folder(sample_copy)
    assert caught.value.key == "gzip_checksum"


def test_a_file_this_user_may_not_read(sample_copy, monkeypatch):
    real_read = Path.read_bytes
    refused = sample_copy / "t10k-labels-idx1-ubyte.gz"

    def read_bytes(path):  # as the system refuses a file of another user (the tests run as root)
        if path == refused:
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(data.DataFileError, match="not allowed to read it") as caught:
        data.load_folder(sample_copy)
    assert caught.value.key == "no_permission"


def test_extra_bytes_after_the_items(sample_copy):
    path = sample_copy / "t10k-labels-idx1-ubyte.gz"
    _rewrite(path, _unpacked(path) + b"\x00\x01")
    with pytest.raises(data.DataFileError, match="2 bytes after the 1,000 items"):
        data.load_folder(sample_copy)


def test_count_mismatch_between_images_and_labels(sample_copy):
    labels = sample_copy / "t10k-labels-idx1-ubyte.gz"
    data.write_idx(labels, data.read_idx_labels(labels)[:900])
    with pytest.raises(data.DataFileError, match=r"has 900 labels but .* has 1,000 images"):
        data.load_folder(sample_copy)


def test_label_ten_is_refused(sample_copy):
    path = sample_copy / "train-labels-idx1-ubyte.gz"
    labels = data.read_idx_labels(path).copy()
    labels[1234] = 10
    data.write_idx(path, labels)
    with pytest.raises(data.DataFileError, match="label 10 at position 1,234"):
        data.load_folder(sample_copy)


def test_images_that_are_not_28x28(sample_copy):
    path = sample_copy / "t10k-images-idx3-ubyte.gz"
    data.write_idx(path, np.zeros((1000, 32, 32), dtype=np.uint8))
    with pytest.raises(data.DataFileError, match="holds 32x32 images"):
        data.load_folder(sample_copy)


def test_file_too_short_for_a_header(sample_copy):
    path = sample_copy / "train-images-idx3-ubyte.gz"
    _rewrite(path, b"\x00\x00")
    with pytest.raises(data.DataFileError, match="too short for an IDX header"):
        data.load_folder(sample_copy)


def test_error_message_says_what_to_do(sample_copy):
    path = sample_copy / "train-images-idx3-ubyte.gz"
    _rewrite(path, b"not an idx file at all")
    with pytest.raises(data.DataFileError) as caught:
        data.load_folder(sample_copy)
    assert "Replace it with an intact copy" in str(caught.value)


# --- helpers -----------------------------------------------------------------------------------


def test_model_input_is_float32_in_unit_range_with_a_channel():
    images = np.array([[[0, 255], [51, 102]]], dtype=np.uint8)
    x = data.to_model_input(images)
    assert x.dtype == np.float32
    assert x.shape == (1, 2, 2, 1)
    assert x.min() == 0.0 and x.max() == 1.0
    assert x[0, 1, 0, 0] == pytest.approx(0.2)


def test_class_mean_images_average_each_class():
    images = np.stack([np.full((28, 28), v, dtype=np.uint8) for v in (10, 30, 200)])
    means = data.class_mean_images(images, np.array([4, 4, 7]))
    assert means.shape == (10, 28, 28)
    assert means[4, 0, 0] == pytest.approx(20.0)
    assert means[7, 5, 5] == pytest.approx(200.0)
    assert means[0].max() == 0.0


def test_browse_order_filters_and_shuffles_reproducibly():
    labels = np.array([0, 1, 2, 1, 0, 1])
    assert data.browse_order(labels, [1]).tolist() == [1, 3, 5]
    shuffled = data.browse_order(labels, [0, 1], seed=7)
    assert sorted(shuffled.tolist()) == [0, 1, 3, 4, 5]
    assert shuffled.tolist() == data.browse_order(labels, [0, 1], seed=7).tolist()


def test_class_names_in_both_languages():
    assert data.class_names("en")[1] == "Trouser"
    assert data.class_names("ko")[1] == "바지"
    assert data.class_names("ko")[9] == "부츠"
    assert len(data.class_names("en")) == len(data.class_names("ko")) == 10
