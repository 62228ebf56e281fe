"""What the parts of the build step share: a value the importer inferred rather than read,
and how names are compared and turned into ids.

A name is compared folded (case, accents as NFC, punctuation), since a drafter types the
same agency with a comma here and a capital there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .. import vn


@dataclass
class Guess:
    """A value inferred, not read word for word: the YAML step writes '# đoán: note' beside it."""

    value: Any
    note: str


def plain(value: Any) -> Any:
    return value.value if isinstance(value, Guess) else value


def fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", vn.nfc(text).casefold()).split())


def key_of(text: str, taken: set[str] | dict[str, Any]) -> str:
    """A readable id: 'Phòng Nội vụ' → 'phong_noi_vu', made unique."""
    base = vn.slug(text, 40).replace("-", "_") or "co_quan"
    if base[0].isdigit():
        base = "m_" + base
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key
