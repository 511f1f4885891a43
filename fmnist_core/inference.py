"""From a drawing, a photo or a test image to what a trained model sees, thinks, and looks at.

``preprocess`` turns any picture into a 28x28 float32 image the way Fashion-MNIST itself was
made (Xiao et al. 2017): greyscale, object light on a dark background (inverted when the
background is light), trimmed to the object's bounding box, longest edge resized to 28 keeping
the aspect ratio, centred on a black 28x28 canvas, scaled to 0..1. Without this, a drawing
reaches the model looking nothing like the training data (wrong polarity, off-centre, thin).

``predict`` and ``saliency`` call ``model(x, training=False)`` on an already loaded model, never
``model.predict`` (which sets up a whole data pipeline for one image).
"""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from fmnist_core.data import IMAGE_SIDE as SIDE
from fmnist_core.data import NUM_CLASSES
from fmnist_core.messages import KeyedMessage

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 25_000_000  # 25 megapixels: any phone photo, but no decompression bomb
INK_LEVEL = 0.05  # share of the brightest value that counts as part of the object
# How far (in 0-255 grey levels) an edge pixel may stray from the edges' median and still count as
# background: paper's shading and JPEG noise, not a garment that touches the edge.
BACKGROUND_SPREAD = 48
# How far a garment must differ from its background to be seen at all (a white shirt on light-grey
# paper: 45 levels; JPEG noise: a few).
STANDS_OUT = 16
# A garment under half the model's side is enlarged more than twice: its pixels become blocks
# (a 3x3 upload was answered "Bag 95.8%" without a word).
TINY_SIDE = SIDE // 2


# What each input problem says, in English; the dashboard has the same keys in Korean.
INPUT_TEXTS = {
    "empty_file": "{name} is empty (0 bytes): choose a PNG, JPEG or WebP photo",
    "too_large": "{name} is {megabytes} MB; the limit is {limit} MB — use a smaller photo",
    "too_many_pixels": "{name} is {width}x{height} pixels, over the {limit}-megapixel limit — "
    "resize it first",
    "bomb": "{name} has too many pixels to open safely, over the {limit}-megapixel limit — "
    "resize it first",
    "not_an_image": "{name} is not an image this studio can read: use PNG, JPEG or WebP",
    "damaged": "{name} is a {kind} file that is damaged or truncated: save it again and re-upload",
    "damaged_unknown": "{name} is damaged or truncated: save it again and re-upload",
    "multi_frame": "{name} has {frames} frames; the first one is used",
    "inverted": "{name} has a light background, so its colours were inverted: Fashion-MNIST's "
    "garments are light on black",
    "inverted_transparent": "{name} has a transparent background and a dark garment, so its "
    "colours were inverted: Fashion-MNIST's garments are light on black",
    "tiny": "In {name}, what stands out from the background is only {width}x{height} pixels, "
    "far smaller than the 28x28 the model takes: it was enlarged into blocks, so the answer says "
    "little — use a larger photo, taken closer",
    "nothing_to_see": "{name} shows nothing to classify: it is one flat colour, so no garment "
    "stands out from the background — use a photo of one garment on a plain background",
    "garment_unclear": "{name} shows no garment that stands out from its background: it is "
    "too close to it in colour, or it fills the picture's edges — use a photo with a plain "
    "background of another colour showing all around the garment",
    "model_damaged": "{name} is damaged: it is not a whole Keras file, perhaps cut short while it "
    "was saved or copied — train the run again",
    "model_unreadable": "{name} could not be opened as a Keras model: it was saved by another "
    "version of Keras, or it is damaged — train the run again (Keras said: {detail})",
    "model_too_large": "{name} unpacks to {megabytes} MB, more than the {limit} MB any model of "
    "this studio needs — it was not saved by the studio; train the run again",
    "model_wrong_shape": "{name} takes {inputs} and answers {outputs}, but a Fashion-MNIST "
    "model takes 28x28x1 images and answers 10 probabilities — train the run again",
}


class InputError(ValueError):
    """A picture that cannot be classified: the message says what was wrong and what to do.

    ``key`` and ``values`` name the problem (see ``INPUT_TEXTS``) so it can be translated.
    """

    def __init__(self, key: str, **values: object) -> None:
        self.key = key
        self.values = {name: str(value) for name, value in values.items()}
        super().__init__(INPUT_TEXTS[key].format(**self.values))


@dataclass(frozen=True)
class Notice(KeyedMessage):
    """Something the user should know about their picture (not an error), translatable."""

    TEXTS: ClassVar[dict[str, str]] = INPUT_TEXTS


@dataclass
class LoadedImage:
    """A decoded upload: RGBA or greyscale pixels, and notes for the user (e.g. first frame)."""

    pixels: np.ndarray
    notes: list[Notice] = field(default_factory=list)


# How the image formats people upload begin (their "magic numbers").
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"BM": "BMP",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}


def image_format_by_signature(content: bytes) -> str | None:
    """The image format ``content`` begins as (``PNG``), whether or not the rest is readable;
    None when it does not begin as one of ``SIGNATURES`` or a WebP."""
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "WebP"
    return next((kind for start, kind in SIGNATURES.items() if content.startswith(start)), None)


def read_upload(content: bytes, name: str = "upload") -> LoadedImage:
    """Decode an uploaded file safely: size, pixel and frame checks, every colour mode handled.

    Raises :class:`InputError` for an empty file, something that is not an image, a truncated
    image, or one over the pixel limit. An animated or multi-frame image uses its first frame,
    and the returned notes say so.
    """
    if not content:
        raise InputError("empty_file", name=name)
    if len(content) > MAX_UPLOAD_BYTES:
        raise InputError(
            "too_large",
            name=name,
            megabytes=f"{len(content) / 1e6:.1f}",
            limit=f"{MAX_UPLOAD_BYTES / 1e6:.0f}",
        )
    notes = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise InputError(
                    "too_many_pixels",
                    name=name,
                    width=width,
                    height=height,
                    limit=f"{MAX_PIXELS / 1e6:.0f}",
                )
            frames = getattr(image, "n_frames", 1)
            if frames > 1:
                image.seek(0)
                notes.append(Notice("multi_frame", {"name": name, "frames": str(frames)}))
            image.load()
            image = ImageOps.exif_transpose(image)  # phone photos: upright as the user saw them
            pixels = _to_rgba_or_grey(image)
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise InputError("bomb", name=name, limit=f"{MAX_PIXELS / 1e6:.0f}") from error
    except UnidentifiedImageError as error:
        # A file that starts as an image does but cannot be read is a damaged image, not a
        # file of another kind: saying "not an image" would send the user looking elsewhere.
        if image_format_by_signature(content) is not None:
            raise _damaged(name, content) from error
        raise InputError("not_an_image", name=name) from error
    except Exception as error:
        # Pillow's decoders report damaged data in many ways besides OSError: a fuzz of mutated
        # TIFF, JPEG and GIF files raised TypeError, struct.error, IndexError and more, also
        # from the EXIF rotation. Any of them means the file is damaged, and the user is told
        # which kind of file it was, not the name of an exception class.
        raise _damaged(name, content) from error
    if pixels.size == 0:
        raise _damaged(name, content)
    return LoadedImage(pixels, notes)


def _damaged(name: str, content: bytes) -> InputError:
    """The damaged-file error, naming the format the file begins as when it names one."""
    kind = image_format_by_signature(content)
    if kind is None:
        return InputError("damaged_unknown", name=name)
    return InputError("damaged", name=name, kind=kind)


def read_image_file(path: Path) -> bytes:
    """The bytes of an image file, read only up to the upload limit (``InputError`` above it).

    The size is checked before reading, and at most one byte over the limit is ever read, so a
    huge or endless file (``/dev/zero``) is refused at once instead of filling the memory.
    """
    path = Path(path)
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        content = b"" if size > MAX_UPLOAD_BYTES else handle.read(MAX_UPLOAD_BYTES + 1)
    if size > MAX_UPLOAD_BYTES or len(content) > MAX_UPLOAD_BYTES:
        raise InputError(
            "too_large",
            name=path.name,
            megabytes=f"{max(size, len(content)) / 1e6:.1f}",
            limit=f"{MAX_UPLOAD_BYTES / 1e6:.0f}",
        )
    return content


def _to_rgba_or_grey(image: Image.Image) -> np.ndarray:
    """Palette, CMYK, 16-bit and the rest, as uint8 RGBA (with alpha) or L (without)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        span = values.max() - values.min()
        scaled = (values - values.min()) / span * 255 if span else np.zeros_like(values)
        return scaled.astype(np.uint8)
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        return np.asarray(image.convert("RGBA"))
    if image.mode == "L":
        return np.asarray(image)
    return np.asarray(image.convert("RGB"))


def to_grey(pixels: np.ndarray, background: float | None = None) -> np.ndarray:
    """float32 greyscale 0..255; transparent pixels take the ``background`` value, or (None)
    the one the opaque pixels stand out from: black under a light garment, white under a dark
    one."""
    pixels = np.asarray(pixels)
    if pixels.ndim == 2:
        return pixels.astype(np.float32)
    # float32 and per-channel weights: a 280x280 canvas converts in a fraction of a millisecond.
    red, green, blue = (pixels[..., i].astype(np.float32) for i in range(3))
    grey = 0.299 * red + 0.587 * green + 0.114 * blue
    if pixels.shape[-1] == 4:
        alpha = pixels[..., 3].astype(np.float32) / 255.0
        if background is None:
            background = _fill_under(grey, alpha)
        grey = grey * alpha + np.float32(background) * (1.0 - alpha)
    return grey


def _fill_under(grey: np.ndarray, alpha: np.ndarray) -> float:
    """What transparent pixels become: black under a light object, white under a dark one. A
    cut-out white shirt put on white (as every transparent pixel once was) left nothing to see."""
    opaque = grey[alpha > 0.5]
    return 0.0 if opaque.size and float(np.mean(opaque)) > 127 else 255.0


def as_seen(pixels: np.ndarray) -> np.ndarray:
    """An upload as the studio reads it, to show: a transparent background filled as
    :func:`preprocess` fills it (a white garment on white showed an empty box); other pictures
    as they are."""
    pixels = np.asarray(pixels)
    if pixels.ndim == 2 or pixels.shape[-1] != 4:
        return pixels
    alpha = pixels[..., 3:].astype(np.float32) / 255.0
    fill = _fill_under(to_grey(pixels[..., :3]), alpha[..., 0])
    colour = pixels[..., :3].astype(np.float32) * alpha + np.float32(fill) * (1.0 - alpha)
    return np.clip(np.rint(colour), 0, 255).astype(np.uint8)


def preprocess(
    pixels: np.ndarray, background: float | None = None, name: str = "the picture"
) -> np.ndarray:
    """Any picture (H, W), (H, W, 3) or (H, W, 4) as the (28, 28) float32 image a model takes.

    ``background`` is what transparent pixels count as: by default (None, for uploads) black
    under a light object and white under a dark one; the canvas passes black, since its strokes
    are light on dark. Raises :class:`InputError` naming ``name`` (the file's name) when there
    is nothing to see.
    """
    return _model_image(pixels, background, name)[0]


def _model_image(
    pixels: np.ndarray, background: float | None, name: str
) -> tuple[np.ndarray, bool, tuple[int, int]]:
    """``preprocess``'s image, whether the picture was inverted (its garment darker than its
    background) and the garment's size in pixels (height, width) before scaling, so an
    upload's notes say so without reading the picture a second time."""
    grey = to_grey(pixels, background)
    if grey.size == 0:
        raise InputError("nothing_to_see", name=name)
    darker = _garment_is_darker(grey)
    if darker is None:
        # Nothing but background (an untouched canvas, a blank photo), or something too like it
        # to be told apart: "one flat colour" only where it is true.
        if float(grey.max() - grey.min()) < 8:
            raise InputError("nothing_to_see", name=name)
        raise InputError("garment_unclear", name=name)
    # Object light on dark, as in Fashion-MNIST: invert a garment darker than its background.
    if darker:
        grey = 255.0 - grey
    grey = np.clip(grey - _background_level(grey), 0, None)
    if grey.max() < STANDS_OUT:  # it stood out from the edges' median, not from the background
        raise InputError("garment_unclear", name=name)
    rows = np.flatnonzero(grey.max(axis=1) > INK_LEVEL * grey.max())
    cols = np.flatnonzero(grey.max(axis=0) > INK_LEVEL * grey.max())
    trimmed = grey[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]

    height, width = trimmed.shape
    scale = SIDE / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = np.asarray(
        Image.fromarray(trimmed.astype(np.float32), mode="F").resize(size, Image.Resampling.BOX),
        dtype=np.float32,
    )
    canvas = np.zeros((SIDE, SIDE), dtype=np.float32)
    top, left = (SIDE - size[1]) // 2, (SIDE - size[0]) // 2
    canvas[top : top + size[1], left : left + size[0]] = resized
    image = np.clip(canvas / max(float(canvas.max()), 1e-6), 0.0, 1.0).astype(np.float32)
    return image, darker, (height, width)


def _garment_is_darker(grey: np.ndarray) -> bool | None:
    """Whether the garment is darker than its background (a photo on white paper), so the
    picture is inverted to be light on black as Fashion-MNIST's; None when nothing stands out
    from the background. The background is the level most of the edges have; the garment, what
    differs from it by ``STANDS_OUT`` or more. (By the edges' brightness alone, a white shirt on
    light-grey paper was inverted into nothing.)"""
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    away = grey - float(np.median(border))
    standing_out = away[np.abs(away) >= STANDS_OUT]
    if standing_out.size == 0:
        return None
    return bool(standing_out.mean() < 0)


@dataclass
class PreparedUpload:
    """An uploaded picture: its pixels as read, the (28, 28) image the model takes, and notes
    for the user (its first frame only, its colours inverted)."""

    pixels: np.ndarray
    image: np.ndarray
    notes: list[Notice]


def prepare_upload(content: bytes, name: str) -> PreparedUpload:
    """An uploaded file (``read_upload``) made the model's image (``preprocess``), with a note
    when its light background was inverted: the Draw page and ``predict`` say so, as a student
    seeing their white shirt turned black would wonder why. Raises :class:`InputError`."""
    loaded = read_upload(content, name)
    image, inverted, (height, width) = _model_image(loaded.pixels, None, name)
    notes = list(loaded.notes)
    if inverted:
        # A cut-out has no background colour to speak of (review 102).
        said = "inverted_transparent" if _transparent_edges(loaded.pixels) else "inverted"
        notes.append(Notice(said, {"name": name}))
    if max(height, width) < TINY_SIDE:
        notes.append(Notice("tiny", {"name": name, "width": width, "height": height}))
    return PreparedUpload(loaded.pixels, image, notes)


def _transparent_edges(pixels: np.ndarray) -> bool:
    """Whether most of the picture's edges are transparent: a garment cut out of its photo."""
    if pixels.ndim != 3 or pixels.shape[-1] != 4:
        return False
    alpha = pixels[..., 3]
    border = np.concatenate([alpha[0], alpha[-1], alpha[:, 0], alpha[:, -1]])
    return float(np.median(border)) < 128


def _background_level(grey: np.ndarray) -> float:
    """The brightness of the (dark) background, so a grey table or paper becomes black: the upper
    quartile of the edge pixels near their median, its noise included. Where the garment reaches
    an edge (a close-up's sleeves and hem), its own pixels there are left out: counted, a quarter
    of the edges in garment made the garment's level the background's, and nothing was left."""
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    background = border[np.abs(border - np.median(border)) <= BACKGROUND_SPREAD]
    return float(np.percentile(background, 75))


# --- the model ----------------------------------------------------------------------------------


# A model of MAX_PARAMS (50M) float32 weights with Adam's two slots is 600 MB; nothing the studio
# saves unpacks to more than this, so a larger archive is refused before Keras reads any of it.
MAX_MODEL_UNPACKED_BYTES = 1024 * 1024 * 1024
MODEL_INPUT_SHAPE = (None, SIDE, SIDE, 1)
MODEL_OUTPUT_SHAPE = (None, NUM_CLASSES)


def load_model(path: Path):
    """A run's saved ``model.keras``, checked, ready for inference (no optimizer state needed).

    The archive's unpacked size is checked before Keras opens it, and the model's input and output
    shapes after: ``InputError`` (keys ``model_*``) says what is wrong with a file that is damaged,
    unreadable by this Keras, oversized or not a Fashion-MNIST classifier, instead of a Keras
    traceback.
    """
    import keras

    import fmnist_core.schedules  # noqa: F401  (registers the schedule a saved optimizer names)

    path = Path(path)
    name = _model_name(path)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (OSError, zipfile.BadZipFile, ValueError) as error:
        # A .keras file is a zip archive: one that does not open as one was cut short or
        # overwritten, and the zip module's words ("BadZipFile") would tell a student nothing.
        raise InputError("model_damaged", name=name) from error
    if unpacked > MAX_MODEL_UNPACKED_BYTES:
        raise InputError(
            "model_too_large",
            name=name,
            megabytes=f"{unpacked / 1e6:,.0f}",
            limit=f"{MAX_MODEL_UNPACKED_BYTES / 1e6:,.0f}",
        )
    try:
        model = keras.saving.load_model(path, compile=False)
        inputs, outputs = tuple(model.input_shape), tuple(model.output_shape)
    except Exception as error:  # Keras reports a bad archive in many ways; all mean "unusable"
        raise InputError("model_unreadable", name=name, detail=_reason(error)) from error
    if inputs != MODEL_INPUT_SHAPE or outputs != MODEL_OUTPUT_SHAPE:
        raise InputError(
            "model_wrong_shape", name=name, inputs=_shape(inputs), outputs=_shape(outputs)
        )
    return model


def damaged_model(path: Path) -> InputError | None:
    """The problem with the model file at ``path`` when it is not even a whole archive (cut short
    or overwritten); None otherwise. Cheap (it reads the archive's last few kilobytes), for a page
    deciding whether to offer the file; ``load_model`` checks the rest."""
    if zipfile.is_zipfile(path):
        return None
    return InputError("model_damaged", name=_model_name(Path(path)))


def _model_name(path: Path) -> str:
    """A run's model file as messages name it: ``2/model.keras`` (its run's folder, then it)."""
    return f"{path.parent.name}/{path.name}"


def _reason(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {text[:120]}" if text else type(error).__name__


def _shape(shape: tuple) -> str:
    """A Keras shape without its batch axis, as people write it: ``28x28x1``; nested for several."""
    if shape and isinstance(shape[0], (tuple, list)):
        return " + ".join(_shape(tuple(part)) for part in shape)
    return "x".join(str(size) for size in shape[1:]) or "a scalar"


def predict(model, image: np.ndarray) -> np.ndarray:
    """Ten class probabilities (float64, summing to 1) for one (28, 28) image in 0..1."""
    x = np.asarray(image, dtype=np.float32).reshape(1, SIDE, SIDE, 1)
    probabilities = np.asarray(model(x, training=False), dtype=np.float64)[0]
    return probabilities / probabilities.sum()


def saliency(model, image: np.ndarray, patch: int = 4, stride: int = 3) -> np.ndarray:
    """Occlusion sensitivity (28, 28) in 0..1: how much hiding each spot lowers the top class.

    Every placement of a black ``patch`` x ``patch`` square is scored in one batch, so it works
    with any Keras backend and costs one forward pass of 81 images (stride 3 covers every pixel
    and halves the cost of stride 2: 0.24 s -> 0.14 s for lecture-3 on a busy 2-core CPU).
    """
    image = np.asarray(image, dtype=np.float32).reshape(SIDE, SIDE)
    base = predict(model, image)
    top = int(base.argmax())
    starts = range(0, SIDE - patch + 1, stride)
    placements = [(r, c) for r in starts for c in starts]
    batch = np.repeat(image[None], len(placements), axis=0)
    for i, (r, c) in enumerate(placements):
        batch[i, r : r + patch, c : c + patch] = 0.0
    scores = np.asarray(model(batch[..., None], training=False), dtype=np.float64)[:, top]
    drop = np.clip(base[top] - scores, 0, None)
    heat = np.zeros((SIDE, SIDE))
    counts = np.zeros((SIDE, SIDE))
    for value, (r, c) in zip(drop, placements, strict=True):
        heat[r : r + patch, c : c + patch] += value
        counts[r : r + patch, c : c + patch] += 1
    heat /= np.maximum(counts, 1)
    return heat / heat.max() if heat.max() > 0 else heat
