"""What line breaking knows of Vietnamese: which syllables make one word, which names an
administrative document repeats, and which small words a line should neither end on nor lose.

The words are underthesea's dictionary (Viet74K, Apache-2.0, ``LICENSE-underthesea.txt``),
extracted once by ``build_lexicon`` into ``words.txt``, grouped by first syllable. The
file is read the first time a word is looked up, not when the package is imported: a
render that breaks no line never reads it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from .keys import phrase_key, syllable_key

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


@cache
def _table() -> dict[str, bytes]:
    """First syllable → its rests, still UTF-8 bytes. ``words.txt`` is one line of first
    syllables, then their rests a line each in the same order, so loading is one read, two
    splits and a dict built in C (under a millisecond); decoding all 600 kB and splitting
    5,500 lines in Python cost seven. A group is decoded when its syllable is first looked up."""
    return parse(resources.files(__package__).joinpath("words.txt").read_bytes())


def parse(data: bytes) -> dict[str, bytes]:
    """``words.txt``'s bytes as first syllable → rests (``_table``)."""
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n")  # -- a checkout that turned line ends into CRLF --
    firsts, _, rests = data.partition(b"\n")
    return dict(zip(firsts.decode("utf-8").split("\t"), rests.rstrip(b"\n").split(b"\n"), strict=True))


@cache
def _name_rests() -> dict[str, frozenset[str]]:
    """The bodies' names (``NAMES``) by first syllable: words the dictionary lacks."""
    found: dict[str, set[str]] = {}
    for name in NAMES:
        first, _, rest = phrase_key(name).partition(" ")
        found.setdefault(first, set()).add(rest)
    return {first: frozenset(rests) for first, rests in found.items()}


@cache
def _rests(first: str) -> frozenset[str]:
    grouped = _table().get(first)
    rests = frozenset(grouped.decode("utf-8").split("|")) - {""} if grouped else frozenset()
    return rests | _name_rests().get(first, frozenset())


def is_word(keys: tuple[str, ...]) -> bool:
    """Whether these syllable keys, in order, are one word (or one name) of the lexicon."""
    return len(keys) > 1 and " ".join(keys[1:]) in _rests(keys[0])


def starts_word(key: str) -> bool:
    """Whether some word of the lexicon starts with this syllable key."""
    return key in _table() or key in _name_rests()


def longest_word() -> int:
    """The most syllables a word of the lexicon has (``build_lexicon.MAX_SYLLABLES``)."""
    return 6
