"""How fast the Draw page answers: preprocess + predict, saliency and feature maps, lecture-3.

    python -m bench.inference [--repeats 50]

Uses a 280x280 RGBA canvas with a filled trouser silhouette, as the Draw page receives it, and
lecture-3 (the largest lecture model; its weights do not change the timing). The model is built
once, as the page caches it. Baseline in the same run: ``model.predict`` on the same single image,
the call the page avoids. Targets: preprocess + predict <= 20 ms median; saliency <= 200 ms.

"What each layer sees" (one pass of a sub-model with every conv and pooling output, built on the
first call for a model) is timed for lecture-3 and fast: the first call apart, then the median,
and the mosaic pictures the page draws from it (first 16 channels of every layer, and all
channels). Target: well under a second; the page caches it per run and input besides.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from fmnist_core import architectures, feature_maps, inference


def canvas_drawing() -> np.ndarray:
    """A filled trouser silhouette, white on black, RGBA like the canvas returns."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGBA", (280, 280), (0, 0, 0, 255))
    ImageDraw.Draw(picture).polygon(
        [(100, 30), (180, 30), (190, 250), (150, 250), (140, 90), (130, 250), (90, 250)],
        fill=(255, 255, 255, 255),
    )
    return np.asarray(picture)


def timed(function, repeats: int) -> list[float]:
    function()  # warm-up: first call traces the model
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return seconds


def first_call_seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def feature_map_figures(preset: str, model, image: np.ndarray, repeats: int) -> list[str]:
    """The feature-map pass on ``model`` (already used for predict, as on the page), timed."""
    from ui import feature_maps as pictures  # the page's mosaics; imports streamlit, not a server

    first = first_call_seconds(lambda: feature_maps.feature_maps(model, image))
    passes = timed(lambda: feature_maps.feature_maps(model, image), repeats)
    predicts = timed(lambda: inference.predict(model, image), repeats)
    layers = feature_maps.feature_maps(model, image)

    def draw(count: int | None) -> None:
        for maps in layers:
            shown = maps.activations[..., :count]
            columns = pictures.COLUMNS if count else pictures.ALL_COLUMNS
            pictures.mosaic(
                pictures.channel_levels(shown), columns, pictures.ACTIVATION_PALETTE, 56
            )

    first_16 = timed(lambda: draw(pictures.FIRST_CHANNELS), repeats)
    every = timed(lambda: draw(None), max(3, repeats // 5))
    median = statistics.median
    channels = sum(maps.output_shape[2] for maps in layers)
    return [
        f"feature maps, {preset} ({len(layers)} layers, {channels} channels, one pass): first call "
        f"(builds the sub-model) {first * 1000:.1f} ms; then median {median(passes) * 1000:.1f} ms,"
        f" p95 {sorted(passes)[int(0.95 * len(passes))] * 1000:.1f} ms "
        f"({median(passes) / median(predicts):.1f}x one predict); target well under 1000 ms",
        f"  mosaics of every layer: first 16 channels {median(first_16) * 1000:.1f} ms, "
        f"all channels {median(every) * 1000:.1f} ms",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()

    model = architectures.build_model(architectures.preset("lecture-3"))
    drawing = canvas_drawing()
    image = inference.preprocess(drawing, background=0.0)

    ours = timed(lambda: inference.predict(model, inference.preprocess(drawing, 0.0)), args.repeats)
    preprocess_only = timed(lambda: inference.preprocess(drawing, 0.0), args.repeats)
    keras_predict = timed(
        lambda: model.predict(image[None, ..., None], verbose=0), max(10, args.repeats // 5)
    )
    saliency = timed(lambda: inference.saliency(model, image), max(10, args.repeats // 5))
    median = statistics.median
    print(f"lecture-3, one 280x280 canvas drawing, {args.repeats} repeats")
    print(f"preprocess alone: median {median(preprocess_only) * 1000:.1f} ms")
    print(
        f"preprocess + predict (model(x, training=False)): median {median(ours) * 1000:.1f} ms,"
        f" p95 {sorted(ours)[int(0.95 * len(ours))] * 1000:.1f} ms (target <= 20 ms)"
    )
    print(
        f"baseline model.predict, same image: median {median(keras_predict) * 1000:.1f} ms "
        f"({median(keras_predict) / median(ours):.1f}x ours)"
    )
    print(
        f"occlusion saliency (81 occluded copies, one batch): median "
        f"{median(saliency) * 1000:.1f} ms (target <= 200 ms)"
    )
    fast = architectures.build_model(architectures.preset("fast"))
    inference.predict(fast, image)  # as on the page: the model has answered before maps are drawn
    for line in feature_map_figures("lecture-3", model, image, args.repeats):
        print(line)
    for line in feature_map_figures("fast", fast, image, args.repeats):
        print(line)


if __name__ == "__main__":
    main()
