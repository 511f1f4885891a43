"""A sentence the engine says in English and the dashboard says in Korean too.

Each kind of message keeps its English texts in a table beside the code that raises it; the
dashboard's catalog has the same keys in Korean (``ui/i18n.py``). A ``KeyedMessage`` carries the
key and the values that fill the text, so either language can be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class KeyedMessage:
    """A key into ``TEXTS`` (set by each subclass) and the values its text needs."""

    key: str
    values: dict[str, str] = field(default_factory=dict)

    TEXTS: ClassVar[dict[str, str]] = {}

    def __str__(self) -> str:
        return self.TEXTS[self.key].format(**self.values)
