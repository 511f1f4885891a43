"""On a lent GPU: how fast do the `fast` and `best` recipes reach 0.93 and 0.95 test accuracy?

    KERAS_BACKEND=jax FMNIST_DATA_DIR=... python -m bench.gpu.fast_and_best

TensorFlow is not installed on the GPU machines, so this runs the very same studio code under
JAX (carry the ``keras`` wheel, as ``bench/README.md`` explains). Each recipe trains on the full
training set through ``fmnist_core.training.train``, scored on the test split after every epoch
(scoring time not counted); prints when each target was first reached and the final accuracy.
Targets there: 0.93 within 10 s of training, 0.95 within 3 minutes. On a CPU, use
``--limit-train`` and ``--epochs`` for a smoke run.
"""

from __future__ import annotations

import argparse
import os
import tempfile

os.environ.setdefault("FMNIST_OFFLINE", "1")


from bench.scoring import TestAccuracyPerEpoch
from fmnist_core import architectures, data, device, training
from fmnist_core.store import RunStore
from fmnist_core.worker import train_here

TARGETS = (0.93, 0.95)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipes", nargs="+", default=["fast", "best"])
    parser.add_argument("--epochs", type=int, help="override the recipes' epochs")
    parser.add_argument("--limit-train", type=int, help="smoke runs only")
    args = parser.parse_args()

    dataset = data.load_dataset()
    store = RunStore(os.environ.get("FMNIST_HOME") or tempfile.mkdtemp(prefix="fmnist-gpu-"))
    on_gpu = bool(device.gpu_names())
    print(f"device: {device.describe()}; data: {dataset.source.describe()}", flush=True)
    x_test = data.to_model_input(dataset.test_images)
    for name in args.recipes:
        overrides = {"epochs": args.epochs, "limit_train": args.limit_train}
        config = training.TrainConfig.from_dict(
            training.RECIPES[name].to_dict() | {k: v for k, v in overrides.items() if v}
        )
        scores = TestAccuracyPerEpoch(x_test, dataset.test_labels, label=f"{name} ")
        print(
            f"{name}: {config.epochs} epochs, batch {config.batch_size}, {config.schedule}",
            flush=True,
        )
        run_id = train_here(
            store,
            f"{name} recipe (gpu bench)",
            architectures.preset(name),
            config,
            dataset,
            on_gpu=on_gpu,
            callbacks=(scores,),
        ).id
        for target in TARGETS:
            reached = scores.reached(target)
            if reached:
                print(f"{name}: reached {target} at epoch {reached[0]} after {reached[1]:.1f} s")
            else:
                print(f"{name}: did not reach {target}")
        print(
            f"{name}: final test accuracy {store.get_run(run_id).test_accuracy:.4f} after "
            f"{scores.train_seconds:.1f} s of training"
        )


if __name__ == "__main__":
    main()
