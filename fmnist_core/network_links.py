"""A network written into a page's address, so that a refresh or a shared link keeps it.

Streamlit forgets a browser tab's state when it reloads; a student who spent ten minutes editing
a network should not lose it to F5, and a teacher can hand the class one link to the same
network. The spec travels as compact JSON, compressed and URL-safe base64 (lecture-3, fourteen
layers, is about 300 characters), together with the choice it was edited from (``preset:KEY``
or ``saved:NAME``), so the page can say "edited from lecture-2". Reading one back goes through
``architectures.from_json``: an address is checked like any uploaded file.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass
from typing import Any, ClassVar

from fmnist_core.architectures import ArchitectureError, from_json
from fmnist_core.messages import KeyedMessage
from fmnist_core.names import usable_name

# Far above any network the editor allows (100 layers is about 3,000 characters), far below
# what would make reading an address costly.
MAX_LINK_CHARACTERS = 20_000
MAX_JSON_BYTES = 200_000  # a tiny address must not unpack into megabytes


# Why an address's network cannot be read, in English; the dashboard has the same keys in Korean.
LINK_TEXTS = {
    "empty": "the address holds no network",
    "too_long": "it is {length} characters long, more than the {limit} a network of this studio "
    "needs",
    "damaged": "it is damaged (part of it was lost when it was copied?)",
    "too_much": "it unpacks into too much text",
    "cut_off": "it is cut off",
}


@dataclass(frozen=True)
class LinkProblem(KeyedMessage):
    """Why a link's network cannot be read: ``key`` (``LINK_TEXTS``) and its ``values``."""

    TEXTS: ClassVar[dict[str, str]] = LINK_TEXTS


class LinkError(ArchitectureError):
    """An address whose network cannot be unpacked; ``problem`` says why in either language."""

    def __init__(self, key: str, **values: str) -> None:
        self.problem = LinkProblem(key, values)
        super().__init__(str(self.problem))


@dataclass(frozen=True)
class LinkedNetwork:
    """A network read from an address, and the choice it was edited from (None: not known)."""

    spec: dict[str, Any]
    origin: str | None


def to_link(spec: dict[str, Any], origin: str | None = None) -> str:
    """``spec`` (its name and layers; the description is the preset's, not the edit's) and the
    choice it was edited from, as text that fits in an address."""
    # Whatever name was typed, the link stays readable: a name the rule refuses is made usable.
    name = usable_name(spec.get("name") or "network")
    payload: dict[str, Any] = {"name": name, "layers": spec["layers"]}
    if origin:
        payload["from"] = origin
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    packed = zlib.compress(text.encode("utf-8"), 9)
    return base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def from_link(link: str) -> LinkedNetwork:
    """The network ``to_link`` wrote; ArchitectureError says what is wrong with a damaged,
    cut-off or foreign one."""
    if not isinstance(link, str) or not link.strip():
        raise LinkError("empty")
    if len(link) > MAX_LINK_CHARACTERS:
        raise LinkError("too_long", length=f"{len(link):,}", limit=f"{MAX_LINK_CHARACTERS:,}")
    link = link.strip()
    try:
        packed = base64.urlsafe_b64decode(link + "=" * (-len(link) % 4))
        unpacker = zlib.decompressobj()
        text = unpacker.decompress(packed, MAX_JSON_BYTES)
    except (binascii.Error, ValueError, zlib.error) as error:
        raise LinkError("damaged") from error
    if unpacker.unconsumed_tail:
        raise LinkError("too_much")
    if not unpacker.eof:
        raise LinkError("cut_off")
    spec = from_json(text)  # an object with a 'layers' list: checked like an uploaded file
    origin = json.loads(text).get("from")
    return LinkedNetwork(spec, origin if isinstance(origin, str) and origin else None)
