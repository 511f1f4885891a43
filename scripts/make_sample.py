"""Make the small offline sample bundled in ``fmnist_core/sample_data`` from the full files.

    python -m scripts.make_sample ../shared/data/fashion-mnist

Takes a fixed number of images per class from each split (stratified, seeded, original order
kept), so the studio shows and trains on every class when it has no internet and no data folder.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from fmnist_core import data

PER_CLASS = {"train": 300, "test": 100}


def stratified_indices(labels: np.ndarray, per_class: int, seed: int) -> np.ndarray:
    """``per_class`` random indices of each class, sorted so the sample keeps the source order."""
    rng = np.random.default_rng(seed)
    chosen = [
        rng.choice(np.flatnonzero(labels == label), size=per_class, replace=False)
        for label in range(data.NUM_CLASSES)
    ]
    return np.sort(np.concatenate(chosen))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the four full Fashion-MNIST files")
    parser.add_argument("--out", type=Path, default=data.SAMPLE_DIR)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()

    full = data.load_folder(args.source)
    args.out.mkdir(parents=True, exist_ok=True)
    for split in data.SPLITS:
        keep = stratified_indices(full.labels(split), PER_CLASS[split], args.seed)
        data.write_idx(args.out / data.FILE_NAMES[(split, "images")], full.images(split)[keep])
        data.write_idx(args.out / data.FILE_NAMES[(split, "labels")], full.labels(split)[keep])
        print(f"{split}: {len(keep):,} images, {PER_CLASS[split]} per class")


if __name__ == "__main__":
    main()
