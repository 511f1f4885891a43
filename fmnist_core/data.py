"""Find, validate and load Fashion-MNIST, the only module that knows the IDX file format.

Sources are tried in the order the design gives:

1. ``FMNIST_DATA_DIR``, when set (an error there is reported, never skipped);
2. the Keras cache, ``~/.keras/datasets/fashion-mnist/``;
3. a download through ``keras.datasets.fashion_mnist.load_data()`` (needs internet);
4. the small stratified sample bundled in this package, so the studio works fully offline.

Every file is checked completely before any of it is used: a bad file raises
:class:`DataFileError` naming the file and the problem, never a partial load.

>>> dataset = load_dataset()            # doctest: +SKIP
>>> dataset.images("train").shape       # doctest: +SKIP
(60000, 28, 28)
"""

from __future__ import annotations

import gzip
import logging
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from fmnist_core import settings

log = logging.getLogger(__name__)

IMAGE_SIDE = 28
NUM_CLASSES = 10
IMAGES_MAGIC = 2051  # 0x00000803: unsigned bytes, 3 dimensions
LABELS_MAGIC = 2049  # 0x00000801: unsigned bytes, 1 dimension

SPLITS = ("train", "test")
Split = Literal["train", "test"]

# The standard names, as Zalando publishes them and Keras caches them.
FILE_NAMES = {
    ("train", "images"): "train-images-idx3-ubyte.gz",
    ("train", "labels"): "train-labels-idx1-ubyte.gz",
    ("test", "images"): "t10k-images-idx3-ubyte.gz",
    ("test", "labels"): "t10k-labels-idx1-ubyte.gz",
}

CLASS_NAMES = {
    "en": [
        "T-shirt/top",
        "Trouser",
        "Pullover",
        "Dress",
        "Coat",
        "Sandal",
        "Shirt",
        "Sneaker",
        "Bag",
        "Ankle boot",
    ],
    "ko": [
        "티셔츠/상의",
        "바지",
        "스웨터",
        "드레스",
        "코트",
        "샌들",
        "셔츠",
        "운동화",
        "가방",
        "부츠",
    ],
}

SAMPLE_DIR = Path(__file__).parent / "sample_data"

SourceKind = Literal["data-dir", "keras-cache", "download", "sample"]


# What is wrong with a data file, and what to do, in English; the dashboard has the same keys in
# Korean. Values arrive formatted (thousands separators) so both languages print the same figures.
DATA_TEXTS = {
    "unreadable": "cannot be read ({reason})",
    "no_permission": "cannot be read: this user is not allowed to read it",
    "bad_gzip": "is a damaged or truncated gzip archive ({reason})",
    "gzip_cut": "is a gzip archive cut short: it ends before its data does",
    "gzip_checksum": "is a damaged gzip archive: its data does not match its checksum",
    "too_short": "is only {size} bytes, too short for an IDX header",
    "bad_magic_images": "has magic number {magic}, but an IDX images file starts with {expected}",
    "bad_magic_labels": "has magic number {magic}, but an IDX labels file starts with {expected}",
    "labels_not_images": "is a labels file (magic number {magic}), not the images file its name "
    "says",
    "images_not_labels": "is an images file (magic number {magic}), not the labels file its name "
    "says",
    "truncated": "is truncated: the header announces {count} items ({expected} bytes) but only "
    "{body} bytes follow",
    "trailing": "has {extra} bytes after the {count} items its header announces",
    "bad_size": "holds {rows}x{cols} images; Fashion-MNIST images are 28x28",
    "bad_label": "has label {label} at position {position}; labels must be 0..9",
    "missing": "is missing",
    "count_mismatch": "has {labels} labels but {images_file} has {images} images; the two must "
    "agree",
    "not_a_folder": "is not a folder",
}
DATA_FIXES = {
    "replace": "Replace it with an intact copy of the standard Fashion-MNIST file.",
    "put_files": "Put the four Fashion-MNIST files ({files}) in {folder}.",
    "same_release": "Use an images file and a labels file from the same release.",
    "swapped": "Check which file is which: give each of the four files the name of what it "
    "holds (images in …-images-idx3-ubyte.gz, labels in …-labels-idx1-ubyte.gz).",
    "set_data_dir": "Set FMNIST_DATA_DIR to the folder holding the four Fashion-MNIST files, "
    "or unset it.",
}


class DataFileError(Exception):
    """A data file is missing, truncated or not what it claims to be.

    ``path`` names the file; ``key`` and ``values`` say what is wrong (``DATA_TEXTS``), ``fix``
    and ``fix_values`` what to do (``DATA_FIXES``), so the dashboard can say it in another
    language; ``str(error)`` is the English message.
    """

    def __init__(
        self,
        path: Path,
        key: str,
        fix: str = "replace",
        fix_values: dict[str, str] | None = None,
        **values: object,
    ) -> None:
        self.path = Path(path)
        self.key, self.values = key, {name: str(value) for name, value in values.items()}
        self.fix, self.fix_values = fix, dict(fix_values or {})
        self.problem = DATA_TEXTS[key].format(**self.values)
        self.fix_text = DATA_FIXES[fix].format(**self.fix_values)
        super().__init__(f"{self.path} {self.problem}. {self.fix_text}")


# Why the studio fell back to the bundled sample, in English; the dashboard has the same keys in
# Korean.
SAMPLE_REASONS = {
    "offline": "downloads are turned off (FMNIST_OFFLINE)",
    "download_failed": "the download failed ({detail})",
    "no_internet": "this computer could not reach the internet to download Fashion-MNIST",
}
# How a failed download reads when the network, not the files, is the cause: Keras wraps the
# resolver's or the socket's error in "URL fetch failure on <url>: ...".
NO_INTERNET_SIGNS = (
    "Name or service not known",
    "Temporary failure in name resolution",
    "No address associated with hostname",
    "Network is unreachable",
    "nodename nor servname",
    "getaddrinfo failed",
    "timed out",
)


def download_failure(error: BaseException) -> tuple[str, str]:
    """Why a download failed, as a ``SAMPLE_REASONS`` key and its detail: no internet (said
    plainly, without the resolver's words), or the error itself."""
    text = str(error)
    if any(sign in text for sign in NO_INTERNET_SIGNS):
        return "no_internet", ""
    return "download_failed", f"{type(error).__name__}: {text}"


@dataclass(frozen=True)
class DataSource:
    """Where the loaded images came from, in words the sidebar can show."""

    kind: SourceKind
    folder: Path
    reason: str = ""  # a SAMPLE_REASONS key: why a better source was not used
    detail: str = ""  # e.g. the download error

    @property
    def note(self) -> str:
        """Why this source was used when a better one failed, in English; empty otherwise."""
        return SAMPLE_REASONS[self.reason].format(detail=self.detail) if self.reason else ""

    @property
    def is_sample(self) -> bool:
        """True for the small bundled sample, which every page must announce."""
        return self.kind == "sample"

    def describe(self) -> str:
        """One line for people: which source and where."""
        labels = {
            "data-dir": "FMNIST_DATA_DIR",
            "keras-cache": "Keras cache",
            "download": "downloaded by Keras",
            "sample": "bundled offline sample",
        }
        return f"{labels[self.kind]} ({self.folder})"


@dataclass(frozen=True)
class Dataset:
    """Fashion-MNIST as uint8 arrays: images (N, 28, 28) and labels (N,) per split."""

    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    source: DataSource = field(compare=False)

    def images(self, split: Split) -> np.ndarray:
        """The uint8 images of ``split`` ("train" or "test"), shaped (N, 28, 28)."""
        return self.train_images if split == "train" else self.test_images

    def labels(self, split: Split) -> np.ndarray:
        """The uint8 labels of ``split``, shaped (N,), values 0..9."""
        return self.train_labels if split == "train" else self.test_labels


# --- reading and checking one IDX file -------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    """The file's content, decompressed when it is gzip; corrupt gzip is a DataFileError."""
    try:
        raw = path.read_bytes()
    except PermissionError as error:
        raise DataFileError(path, "no_permission") from error
    except OSError as error:  # rarer causes keep the system's own words
        raise DataFileError(path, "unreadable", reason=error.strerror or error) from error
    if raw[:2] != b"\x1f\x8b":
        return raw  # an already unpacked IDX file is fine too
    # The two ways a copied archive usually breaks get a sentence of their own (in each
    # language); the rest keep zlib's words.
    try:
        return gzip.decompress(raw)
    except EOFError as error:
        raise DataFileError(path, "gzip_cut") from error
    except gzip.BadGzipFile as error:
        if "CRC check failed" in str(error) or "Incorrect length" in str(error):
            raise DataFileError(path, "gzip_checksum") from error
        raise DataFileError(path, "bad_gzip", reason=error) from error
    except (OSError, zlib.error) as error:
        raise DataFileError(path, "bad_gzip", reason=error) from error


def _check_magic(path: Path, content: bytes, expected: int, header_size: int) -> None:
    if len(content) < header_size:
        raise DataFileError(path, "too_short", size=f"{len(content):,}")
    magic = struct.unpack(">I", content[:4])[0]
    if magic in (IMAGES_MAGIC, LABELS_MAGIC) and magic != expected:  # the other kind of file
        key = "labels_not_images" if expected == IMAGES_MAGIC else "images_not_labels"
        raise DataFileError(path, key, fix="swapped", magic=magic)
    if magic != expected:
        kind = "images" if expected == IMAGES_MAGIC else "labels"
        raise DataFileError(path, f"bad_magic_{kind}", magic=magic, expected=expected)


def _check_body(path: Path, content: bytes, header_size: int, count: int, item_bytes: int) -> None:
    body = len(content) - header_size
    expected = count * item_bytes
    if body < expected:
        raise DataFileError(
            path, "truncated", count=f"{count:,}", expected=f"{expected:,}", body=f"{body:,}"
        )
    if body > expected:
        raise DataFileError(path, "trailing", extra=f"{body - expected:,}", count=f"{count:,}")


def read_idx_images(path: Path) -> np.ndarray:
    """Read an IDX3 image file (gzip or plain) into uint8 (N, 28, 28), checking it completely."""
    path = Path(path)
    content = _read_bytes(path)
    _check_magic(path, content, IMAGES_MAGIC, 16)
    count, rows, cols = struct.unpack(">III", content[4:16])
    if (rows, cols) != (IMAGE_SIDE, IMAGE_SIDE):
        raise DataFileError(path, "bad_size", rows=rows, cols=cols)
    _check_body(path, content, 16, count, rows * cols)
    return np.frombuffer(content, dtype=np.uint8, offset=16).reshape(count, rows, cols)


def read_idx_labels(path: Path) -> np.ndarray:
    """Read an IDX1 label file (gzip or plain) into uint8 (N,), checking every label is 0..9."""
    path = Path(path)
    content = _read_bytes(path)
    _check_magic(path, content, LABELS_MAGIC, 8)
    (count,) = struct.unpack(">I", content[4:8])
    _check_body(path, content, 8, count, 1)
    labels = np.frombuffer(content, dtype=np.uint8, offset=8)
    if count and labels.max() >= NUM_CLASSES:
        position = int(np.argmax(labels >= NUM_CLASSES))
        raise DataFileError(path, "bad_label", label=labels[position], position=f"{position:,}")
    return labels


# --- finding and loading the four files ------------------------------------------------------


def _file_in(folder: Path, name: str) -> Path | None:
    """``name`` in ``folder``, or its unpacked form without ``.gz``; None when neither exists."""
    for candidate in (folder / name, folder / name.removesuffix(".gz")):
        if candidate.is_file():
            return candidate
    return None


def has_all_files(folder: Path) -> bool:
    """True when ``folder`` holds all four standard files (gzip or unpacked)."""
    return all(_file_in(folder, name) for name in FILE_NAMES.values())


def load_folder(folder: Path, source: DataSource | None = None) -> Dataset:
    """Load and check the four standard files in ``folder``.

    Raises :class:`DataFileError` for a missing or bad file, or when a split's image and label
    counts disagree.
    """
    folder = Path(folder)
    arrays: dict[tuple[str, str], np.ndarray] = {}
    for key, name in FILE_NAMES.items():
        path = _file_in(folder, name)
        if path is None:
            raise DataFileError(
                folder / name,
                "missing",
                "put_files",
                {"files": ", ".join(FILE_NAMES.values()), "folder": str(folder)},
            )
        reader = read_idx_images if key[1] == "images" else read_idx_labels
        arrays[key] = reader(path)
    for split in SPLITS:
        images, labels = arrays[(split, "images")], arrays[(split, "labels")]
        if len(images) != len(labels):
            raise DataFileError(
                folder / FILE_NAMES[(split, "labels")],
                "count_mismatch",
                "same_release",
                labels=f"{len(labels):,}",
                images_file=FILE_NAMES[(split, "images")],
                images=f"{len(images):,}",
            )
    return Dataset(
        train_images=arrays[("train", "images")],
        train_labels=arrays[("train", "labels")],
        test_images=arrays[("test", "images")],
        test_labels=arrays[("test", "labels")],
        source=source or DataSource("data-dir", folder),
    )


def _download_with_keras() -> None:
    """Let Keras fetch the files into its cache; raises whatever Keras raises when offline."""
    import keras  # imported here: loading Keras is slow, and only this path needs it

    keras.datasets.fashion_mnist.load_data()


def load_dataset() -> Dataset:
    """Load Fashion-MNIST from the first source that has it (see the module docstring).

    ``FMNIST_DATA_DIR`` and the Keras cache are trusted sources: a bad file there raises
    :class:`DataFileError` rather than silently falling back to the small sample.
    """
    override = settings.data_dir_override()
    if override is not None:
        if not override.is_dir():
            raise DataFileError(override, "not_a_folder", "set_data_dir")
        return load_folder(override, DataSource("data-dir", override))

    cache = settings.keras_cache_dir()
    if has_all_files(cache):
        return load_folder(cache, DataSource("keras-cache", cache))

    reason, detail = "offline", ""
    if settings.download_allowed():
        try:
            _download_with_keras()
            return load_folder(cache, DataSource("download", cache))
        except DataFileError:
            raise
        except Exception as error:  # no network, proxy, disk full: all mean "use the sample"
            reason, detail = download_failure(error)
            # Told once, by whoever shows the source (the banner, `data info`); the log keeps
            # the whole error for whoever runs the server.
            log.info("Fashion-MNIST download failed, using the bundled sample: %s", error)

    return load_folder(SAMPLE_DIR, DataSource("sample", SAMPLE_DIR, reason, detail))


# --- helpers the pages and the trainer use ---------------------------------------------------


def class_names(language: str = "en") -> list[str]:
    """The ten class names in ``language`` ("en" or "ko"; the lecture's Korean names)."""
    return CLASS_NAMES.get(language, CLASS_NAMES["en"])


def to_model_input(images: np.ndarray) -> np.ndarray:
    """uint8 images (N, 28, 28) as float32 in [0, 1] shaped (N, 28, 28, 1), as the models take."""
    return (np.asarray(images, dtype=np.float32) / np.float32(255.0))[..., np.newaxis]


def class_counts(labels: np.ndarray) -> np.ndarray:
    """How many images each class has: int64 array of length 10."""
    return np.bincount(np.asarray(labels, dtype=np.int64), minlength=NUM_CLASSES)


def class_mean_images(images: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each class's average image, float32 (10, 28, 28) in 0..255; zeros for an empty class."""
    means = np.zeros((NUM_CLASSES, IMAGE_SIDE, IMAGE_SIDE), dtype=np.float32)
    for label in range(NUM_CLASSES):
        members = images[labels == label]
        if len(members):
            means[label] = members.mean(axis=0, dtype=np.float64)
    return means


def write_idx(path: Path, array: np.ndarray) -> None:
    """Write uint8 images (N, 28, 28) or labels (N,) as a gzip IDX file (makes the sample)."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    magic = IMAGES_MAGIC if array.ndim == 3 else LABELS_MAGIC
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", size) for size in array.shape)
    # mtime=0 keeps the output byte-identical between runs, so the committed sample only changes
    # when its content does.
    Path(path).write_bytes(gzip.compress(header + array.tobytes(), compresslevel=9, mtime=0))


def browse_order(labels: np.ndarray, classes: Sequence[int], seed: int | None = None) -> np.ndarray:
    """Indices of the images whose label is in ``classes``: in file order, or shuffled by ``seed``.

    The same seed always gives the same order, so a shuffled page can be shared by its seed.
    """
    indices = np.flatnonzero(np.isin(labels, np.asarray(list(classes), dtype=np.int64)))
    if seed is not None:
        indices = np.random.default_rng(seed).permutation(indices)
    return indices


def enlarge(image: np.ndarray, factor: int) -> np.ndarray:
    """An image scaled up by repeating pixels, so small images stay crisp (no blur) on screen."""
    return np.repeat(np.repeat(np.asarray(image), factor, axis=0), factor, axis=1)
