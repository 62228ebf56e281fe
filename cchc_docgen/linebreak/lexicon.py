"""What line breaking knows of Vietnamese: which syllables make one word, which names an
administrative document repeats, and which small words a line should neither end on nor lose.

The words are underthesea's dictionary (Viet74K, Apache-2.0, ``LICENSE-underthesea.txt``),
extracted once by ``build_lexicon`` into ``words.txt``, grouped by first syllable. The
file is read the first time a word is looked up, not when the package is imported: a
render that breaks no line never reads it.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .keys import phrase_key, syllable_key

if TYPE_CHECKING:
    from collections.abc import Iterator

# -- names of bodies and places a line must not cut, beyond the dictionary's words. A clerk
# keeps "Ủy ban nhân dân" whole; the rest are the councils, fronts, unions and offices that
# plans name in their titles, Nơi nhận and "kèm theo" lines --
NAMES = (
    "ủy ban nhân dân", "hội đồng nhân dân", "ban thường vụ", "ban chấp hành", "ban chỉ đạo",
    "thường trực", "mặt trận tổ quốc", "mặt trận tổ quốc việt nam", "đoàn thanh niên",
    "thanh niên cộng sản", "hồ chí minh", "hội liên hiệp phụ nữ", "hội nông dân", "hội cựu chiến binh",
    "liên đoàn lao động", "công an", "quân sự", "văn phòng", "nội vụ", "tư pháp", "tài chính",
    "kế hoạch", "nông nghiệp", "môi trường", "tài nguyên", "giáo dục", "đào tạo", "y tế",
    "văn hóa", "thể thao", "du lịch", "thông tin", "truyền thông", "khoa học", "công nghệ",
    "xây dựng", "giao thông", "vận tải", "công thương", "lao động", "thương binh", "xã hội",
    "dân tộc", "tôn giáo", "thanh tra", "kinh tế", "hạ tầng", "đô thị", "bộ phận một cửa",
    "việt nam", "cộng hòa xã hội chủ nghĩa", "chủ tịch", "phó chủ tịch", "chuyển đổi số", "chính quyền số",
)  # fmt: skip

# -- the unit words a place's name follows; a line does not end on one of them --
PLACE_WORDS = frozenset(
    phrase_key(w)
    for w in ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "thôn", "ấp", "khu phố", "tổ dân phố", "đặc khu")
)

# -- small words that open a phrase: a line should not end on one, and breaking before one
# is breaking at a phrase boundary ("… hành chính / năm 2026", "… / của Ủy ban nhân dân") --
OPENERS = frozenset(
    syllable_key(w)
    for w in ("của", "và", "về", "trong", "tại", "theo", "cho", "với", "để", "nhằm", "đến", "từ", "trên", "năm",
              "các", "những", "thuộc", "số", "ngày", "tháng", "hoặc", "hay", "là", "do", "bằng")
)  # fmt: skip
# -- two-syllable openers, by their first syllable's key --
OPENER_PHRASES = frozenset(phrase_key(w) for w in ("giai đoạn", "đối với", "kèm theo", "ban hành", "thực hiện"))


OFFSET_DIGITS = 6  # -- hexadecimal digits of each offset in ``words.txt``: up to 16 MB of rests --


class Groups:
    """``words.txt`` as read: the first syllables, sorted, and where each one's rests lie.

    The file is a line of the first syllables (tab-separated), a line of fixed-width offsets
    (where each one's line of rests starts, after the two header lines, and where the last
    ends), then the rests, ``|``-separated, a line per first syllable. Loading reads the bytes
    and splits the first line only: no dict of 5,500 entries, no decoding of 600 kB, no copy of
    each line (which cost 7 ms in a fresh interpreter, the per-line split 4). A syllable is found
    by bisection; its rests are cut from the bytes and decoded when first looked up."""

    __slots__ = ("_base", "_data", "_offsets", "firsts")

    def __init__(self, data: bytes):
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n")  # -- a checkout that turned line ends into CRLF --
        first_end = data.index(b"\n")
        offsets_end = data.index(b"\n", first_end + 1)
        self.firsts = data[:first_end].decode("utf-8").split("\t")
        self._offsets = data[first_end + 1 : offsets_end]
        self._base = offsets_end + 1
        self._data = data
        if len(self._offsets) != OFFSET_DIGITS * (len(self.firsts) + 1):
            raise ValueError("words.txt: one offset per first syllable, and the end, expected")

    def _index(self, first: str) -> int:
        index = bisect_left(self.firsts, first)
        return index if index < len(self.firsts) and self.firsts[index] == first else -1

    def __contains__(self, first: object) -> bool:
        return isinstance(first, str) and self._index(first) >= 0

    def rests(self, first: str) -> str | None:
        """The rests of the words that start with ``first``, '|'-separated, or None."""
        index = self._index(first)
        if index < 0:
            return None
        at = index * OFFSET_DIGITS
        start = int(self._offsets[at : at + OFFSET_DIGITS], 16)
        end = int(self._offsets[at + OFFSET_DIGITS : at + 2 * OFFSET_DIGITS], 16) - 1  # -- before the line's end --
        return self._data[self._base + start : self._base + end].decode("utf-8")


@cache
def _groups() -> Groups:
    return Groups(resources.files(__package__).joinpath("words.txt").read_bytes())


@cache
def _name_rests() -> dict[str, str]:
    """The bodies' names (``NAMES``) by first syllable, their rests '|'-separated: words the
    dictionary lacks."""
    found: dict[str, dict[str, None]] = {}
    for name in NAMES:
        first, _, rest = phrase_key(name).partition(" ")
        found.setdefault(first, {})[rest] = None
    return {first: "|".join(rests) for first, rests in found.items()}


@cache
def _rests(first: str) -> str:
    """The rests of the words that start with ``first``, as '|a|b|…|': a word is looked for
    as '|rest|', a search in C. Building a set of each group first looked up cost more (1.3 ms a
    plan, for 0.2 ms saved on its 1,500 look-ups) than a render ever saves."""
    parts = (_groups().rests(first), _name_rests().get(first))
    return "|" + "|".join(part for part in parts if part) + "|"


def is_word(keys: tuple[str, ...]) -> bool:
    """Whether these syllable keys, in order, are one word (or one name) of the lexicon."""
    if len(keys) < 2:
        return False
    return _holds(_rests(keys[0]), " ".join(keys[1:]))


def _holds(rests: str, rest: str) -> bool:
    """Whether ``rest`` is one of ``rests`` ('|a|b|…|', from ``_rests``)."""
    return f"|{rest}|" in rests and "|" not in rest and rest != ""


def longest(keys: Iterator[str]) -> int:
    """How many of these syllable keys the longest word (or name) of the lexicon they start
    takes (1: none). Keys are drawn only while some word could still go on: a plan's
    capitalised syllables mostly start no word, or one of two or three syllables."""
    first = next(keys, None)
    if first is None or not starts_word(first):
        return 1
    rests = _rests(first)
    taken: list[str] = []
    size = 1
    for key in keys:
        taken.append(key)
        rest = " ".join(taken)  # -- as is_word joins them --
        if _holds(rests, rest):
            size = len(taken) + 1
        if f"|{rest} " not in rests:
            break  # -- no word goes on with these: a longer one cannot be found --
    return size


def starts_word(key: str) -> bool:
    """Whether some word of the lexicon starts with this syllable key."""
    return key in _name_rests() or key in _groups()  # -- found, not decoded --


def longest_word() -> int:
    """The most syllables a word of the lexicon has (``build_lexicon.MAX_SYLLABLES``)."""
    return 6
