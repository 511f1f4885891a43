"""The one rule for names people give things here: runs and saved architectures.

Names are labels, never file names (a run's files live under its number), so any printable text
will do: what is refused is what cannot be shown on one line, is too long to read in a list, or
starts like a command-line option or a path (``-x``, ``../x``: saved networks are named on the
command line, ``arch show NAME``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

from fmnist_core.messages import KeyedMessage

MAX_NAME_LENGTH = 60

# Why a name cannot be used, in English; the dashboard has the same keys in Korean.
NAME_TEXTS = {
    "empty": "it is empty; type a name",
    "too_long": "it has {length} characters; use at most {limit}",
    "control": "it contains a line break or another control character; use one line of text",
    "start": "it starts with {first}; start it with a letter or a digit",
    "preset": "it is the name of the preset {preset}; choose another, so that the preset keeps "
    "its name in lists, links and on the command line",
}


@dataclass(frozen=True)
class NameProblem(KeyedMessage):
    """Why a name cannot be used: ``key`` names the reason (``NAME_TEXTS``), ``values`` fill it."""

    TEXTS: ClassVar[dict[str, str]] = NAME_TEXTS


def name_problem(name: str) -> NameProblem | None:
    """Why ``name`` (already stripped) cannot be used; None when it can."""
    if not name:
        return NameProblem("empty")
    if len(name) > MAX_NAME_LENGTH:
        return NameProblem("too_long", {"length": str(len(name)), "limit": str(MAX_NAME_LENGTH)})
    if any(unicodedata.category(character).startswith("C") for character in name):
        return NameProblem("control")
    if not name[0].isalnum():
        return NameProblem("start", {"first": repr(name[0])})
    return None


def usable_name(name: str, fallback: str = "network") -> str:
    """``name`` made usable by the rule above, changed as little as possible: control
    characters dropped, what comes before its first letter or digit dropped, cut to
    ``MAX_NAME_LENGTH`` (ending in "…"); ``fallback`` when nothing usable is left. A name
    travelling in an address must stay readable, whatever was typed."""
    kept = "".join(c for c in name if not unicodedata.category(c).startswith("C")).strip()
    start = next((i for i, character in enumerate(kept) if character.isalnum()), len(kept))
    kept = kept[start:]
    if len(kept) > MAX_NAME_LENGTH:
        kept = kept[: MAX_NAME_LENGTH - 1].rstrip() + "…"
    return kept if kept else fallback


def file_name(name: str, suffix: str) -> str:
    """``name`` as a file name a shell takes without quotes (``lecture-2-pool-dropout-edited.py``
    for "lecture-2 pool+dropout (edited)"): letters (any script), digits, dots, dashes and
    underscores only, other runs of characters as one dash; ``network`` when none is left."""
    kept = re.sub(r"[^\w.-]+", "-", name).strip("-.") or "network"
    return kept + suffix
