"""A sentence the engine says in English and the dashboard says in Korean too.

Each kind of message keeps its English texts in a table beside the code that raises it; the
dashboard's catalog has the same keys in Korean (``ui/i18n.py``). A ``KeyedMessage`` carries the
key and the values that fill the text, so either language can be shown.
"""

from __future__ import annotations

import re
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


def read_back(texts: dict[str, str], text: str | None) -> tuple[str, dict[str, str]] | None:
    """The key of ``texts`` and the values an English sentence was made from, or None.

    A run's failure is stored as its English sentence; this lets the dashboard say it in another
    language.
    """
    for key, template in texts.items():
        pattern = re.escape(template)
        for name in re.findall(r"\{(\w+)\}", template):
            pattern = pattern.replace(re.escape("{" + name + "}"), f"(?P<{name}>.+?)", 1)
        if text and (found := re.fullmatch(pattern, text, re.DOTALL)):
            return key, found.groupdict()
    return None
