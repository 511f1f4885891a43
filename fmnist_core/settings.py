"""Where the studio keeps things, read from the environment with defaults that work anywhere.

Each setting is read when asked for (not at import), so tests and the command line can point a
process at another store or data folder by setting the variable first.
"""

from __future__ import annotations

import os
from pathlib import Path


def studio_home() -> Path:
    """The folder of the run store and all run artifacts (``FMNIST_HOME``, default ``./runs``)."""
    return Path(os.environ.get("FMNIST_HOME", "runs")).expanduser().resolve()


def data_dir_override() -> Path | None:
    """The folder named by ``FMNIST_DATA_DIR``, or None when it is unset or empty."""
    value = os.environ.get("FMNIST_DATA_DIR", "").strip()
    return Path(value).expanduser() if value else None


def keras_cache_dir() -> Path:
    """Where ``keras.datasets.fashion_mnist.load_data()`` keeps its files (``KERAS_HOME`` too)."""
    keras_home = os.environ.get("KERAS_HOME", "").strip()
    base = Path(keras_home).expanduser() if keras_home else Path.home() / ".keras"
    return base / "datasets" / "fashion-mnist"


def download_allowed() -> bool:
    """False when ``FMNIST_OFFLINE`` is set to 1/true/yes: skip the Keras download attempt."""
    return os.environ.get("FMNIST_OFFLINE", "").strip().lower() not in {"1", "true", "yes"}


def default_language() -> str:
    """The UI language to start in (``FMNIST_LANG``: ``en`` or ``ko``; anything else is ``en``)."""
    value = os.environ.get("FMNIST_LANG", "en").strip().lower()
    return value if value in {"en", "ko"} else "en"


def store_url() -> str | None:
    """The run store's database URL (``FMNIST_STORE_URL``); None means the SQLite file in
    ``FMNIST_HOME``."""
    value = os.environ.get("FMNIST_STORE_URL", "").strip()
    return value or None
