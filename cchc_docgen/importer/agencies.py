"""The agencies a document names, each declared once (co_quan) and cited by id.

A plan prints an agency's short name (ten_ngan) in its appendix table and its full name
in the body and the recipients, so one agency reaches the importer under two names:
'Phòng NV' in the table, 'Phòng Nội vụ' under Tổ chức thực hiện. A name seen only in
the table is taken for the short name of a name seen only elsewhere when its words are
those words or their initials, in order ('VH-XH' for 'Văn hóa - Xã hội'), and when the
pairing is the only one either name has; the pairing is a guess the drafter reads.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from .. import vn
from .values import Guess, fold, key_of

Place = Literal["table", "body"]
# -- ids are cited under these keys of the built specification; a merged name's id is replaced there --
_CITING_KEYS = frozenset({"chu_tri", "phoi_hop", "co_quan", "co_quan_theo_doi"})


@dataclass
class _Entry:
    name: str
    places: set[Place] = field(default_factory=set)


@dataclass
class Pairing:
    """What pairing short names changed: ids that went (→ the id kept), and recipients
    that are now a declared agency (text → its id)."""

    ids: dict[str, str] = field(default_factory=dict)
    recipients: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.ids or self.recipients)

    def apply(self, value: Any, key: str = "") -> Any:
        """``value`` with every id that went replaced where it is cited, and every paired
        recipient citing its agency."""
        if isinstance(value, Guess):
            return Guess(self.apply(value.value, key), value.note)
        if isinstance(value, dict):
            return {k: self.apply(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.apply(v, key) for v in value]
        if isinstance(value, str) and key == "noi_nhan" and value in self.recipients:
            return {"co_quan": self.recipients[value]}
        if isinstance(value, str) and key in _CITING_KEYS:
            return self.ids.get(value, value)
        return value


class Agencies:
    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._ids: dict[str, str] = {}  # -- folded name → id --
        self.short_names: dict[str, Guess] = {}  # -- id → its short name, once paired --
        self._offered: list[str] = []

    def __bool__(self) -> bool:
        return bool(self._entries)

    def id_for(self, name: str, place: Place) -> str:
        """The id of ``name``, declared the first time it is seen."""
        folded = fold(name)
        key = self._ids.get(folded)
        if key is None:
            key = key_of(name, self._entries)
            self._entries[key] = _Entry(name)
            self._ids[folded] = key
        self._entries[key].places.add(place)
        return key

    def known(self, name: str) -> str | None:
        """The id of ``name`` if the document declared it already (a recipient, a heading)."""
        key = self._ids.get(fold(name))
        if key is not None:
            self._entries[key].places.add("body")
        return key

    def name(self, key: str) -> str:
        return self._entries[key].name

    def offer(self, recipient: str) -> None:
        """A recipient that names no declared agency: it may be the full name of one the
        table gave only by its short name ('Đoàn Thanh niên Cộng sản Hồ Chí Minh xã')."""
        if "(" not in recipient:  # -- '… (b/c)': citing the agency would drop the note --
            self._offered.append(recipient)

    def pair_short_names(self) -> Pairing:
        """Pair each table-only name with the one full name it abbreviates: a declared
        agency's (the two become one) or a recipient's (the recipient then cites the agency)."""
        table_only = [k for k, e in self._entries.items() if e.places == {"table"}]
        fulls = {("id", k): e.name for k, e in self._entries.items() if "table" not in e.places}
        fulls |= {("recipient", text): text for text in self._offered}
        candidates = {s: [f for f, name in fulls.items() if is_short_form(self._entries[s].name, name)] for s in table_only}
        claimed: dict[tuple[str, str], int] = {}
        for found in candidates.values():
            for full in found:
                claimed[full] = claimed.get(full, 0) + 1
        pairing = Pairing()
        for short, found in candidates.items():
            if len(found) != 1 or claimed[found[0]] != 1:
                continue  # -- two ways to read it: keep both names, the drafter decides --
            (kind, full), short_name = found[0], self._entries[short].name
            full_name = fulls[found[0]]
            note = f"'{short_name}' (trong bảng) coi là tên ngắn của '{full_name}'"
            if kind == "id":
                del self._entries[short]
                self._ids[fold(short_name)] = full
                pairing.ids[short] = full
                self.short_names[full] = Guess(short_name, note)
            else:
                self._entries[short].name = full_name
                self._ids[fold(full_name)] = short
                pairing.recipients[full_name] = short
                self.short_names[short] = Guess(short_name, note)
        return pairing

    def declared(self) -> dict[str, Any]:
        """The co_quan mapping: id → name, or {ten, ten_ngan} once a short name was paired."""
        return {key: {"ten": e.name, "ten_ngan": self.short_names[key]} if key in self.short_names else e.name
                for key, e in self._entries.items()}  # fmt: skip


def is_short_form(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` written shorter: each of its words one of ``full``'s
    words or the initials of several in a row, in order, some of ``full``'s words left out
    ('Văn phòng' for 'Văn phòng HĐND và UBND xã', 'Trung tâm PVHCC' for 'Trung tâm Phục vụ
    hành chính công xã')."""
    if len(short) >= len(full):
        return False
    s, f = _words(short), _words(full)
    initials = {word[0] for word in f}
    # -- most pairs fail here: a word that is neither in the full name nor starts like one of its words --
    if not s or s == f or any(word not in f and word[0] not in initials for word in s):
        return False
    return _maps(list(s), list(f))


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s\-–,.()&]+", vn.nfc(text).casefold()) if w)


def _maps(s: list[str], f: list[str]) -> bool:
    @functools.cache
    def at(i: int, j: int) -> bool:  # -- s[i:] maps onto f[j:] --
        if i == len(s):
            return True
        if j == len(f):
            return False
        if s[i] == f[j] and at(i + 1, j + 1):
            return True
        return any(at(i + 1, j + span) for span in _initial_spans(s[i], f[j:])) or at(i, j + 1)

    return at(0, 0)


def _initial_spans(token: str, f: list[str]) -> Iterator[int]:
    """How many of ``f``'s first words ``token`` abbreviates by their initials (two or more)."""
    for span in range(2, min(len(token), len(f)) + 1):
        if "".join(word[0] for word in f[:span]) == token:
            yield span
