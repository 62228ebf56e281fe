"""Years written in words ('năm hai nghìn không trăm hai mươi sáu'): found in running text
and spelt again for the new year in the drafter's own wording.

Vietnamese writes one year several ways, and the new year keeps the way the old one was
written: 'nghìn' or 'ngàn', with or without 'không trăm', 'linh' or 'lẻ' before a single
unit, 'lăm' or 'năm' for a five after the tens, 'mốt' or 'một' for a one, 'tư' or 'bốn'
for a four; a capital at the start stays. Only years after the word 'năm' are read, from
1940 to 2099 (the years YEAR_TOKEN reads in digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_UNIT = {word: n for n, word in enumerate(_DIGITS)} | {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5, "bẩy": 7}
_WORD = r"(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|nghìn|ngàn|linh|lẻ)"
# -- 'năm' then two to eight number words, the first of them 'một' or 'hai' and a thousand --
WORDS_YEAR = re.compile(rf"(?<=\b[Nn]ăm\s)((?:[Mm]ột|[Hh]ai)\s+(?:nghìn|ngàn)(?:\s+{_WORD}){{0,6}})(?!\w)")


@dataclass(frozen=True)
class Style:
    """How the drafter wrote a year in words, so the new one is written the same way."""

    thousand: str = "nghìn"
    hundreds: bool = True  # -- 'không trăm' written before the tens --
    single: str = "linh"  # -- before a lone unit: 'không trăm linh năm' --
    five: str = "lăm"
    one: str = "mốt"
    four: str = "tư"
    capital: bool = False


@dataclass(frozen=True)
class WordsYear:
    start: int
    end: int
    year: int
    style: Style


def find(text: str) -> list[WordsYear]:
    """Every year written in words after 'năm' in ``text``, with where it stands."""
    found = []
    for match in WORDS_YEAR.finditer(text):
        words = match.group(1).split()
        # -- the longest reading that is a year: a sentence goes on after it ('… năm hai nghìn hai mươi sáu năm …') --
        for count in range(len(words), 1, -1):
            value = _value([w.lower() for w in words[:count]])
            if value is not None and 1940 <= value <= 2099:
                end = match.start(1) + len(" ".join(words[:count])) if _single_spaced(match.group(1)) else _end(text, match.start(1), count)
                found.append(WordsYear(match.start(1), end, value, _style(words[:count])))
                break
    return found


def spell(year: int, style: Style) -> str:
    """``year`` in words, written as ``style`` writes years."""
    thousands, rest = divmod(year, 1000)
    hundreds, tail = divmod(rest, 100)
    tens, units = divmod(tail, 10)
    words = [_DIGITS[thousands], style.thousand]
    if hundreds or (tail and (style.hundreds or tail < 10)):  # -- 'hai nghìn không trăm linh năm'; 'hai nghìn' alone for 2000 --
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0 and units:
        words += [style.single, _DIGITS[units]]
    elif tens == 1:
        words += ["mười"] + (["lăm" if units == 5 else _DIGITS[units]] if units else [])  # -- 'mười lăm', never 'mười năm' --
    elif tens:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: style.one, 4: style.four, 5: style.five}.get(units, _DIGITS[units]))
    text = " ".join(words)
    return text[0].upper() + text[1:] if style.capital else text


def _value(words: list[str]) -> int | None:
    """The number the words say, or None when they are not a well-formed year."""
    if len(words) < 2 or words[1] not in ("nghìn", "ngàn") or words[0] not in ("một", "hai"):
        return None
    value, rest = _UNIT[words[0]] * 1000, words[2:]
    if len(rest) >= 2 and rest[1] == "trăm":
        if rest[0] not in _DIGITS:
            return None
        value, rest = value + _DIGITS.index(rest[0]) * 100, rest[2:]
    if rest[:1] in (["linh"], ["lẻ"]):
        return value + _UNIT[rest[1]] if len(rest) == 2 and rest[1] in _DIGITS[1:] else None
    if not rest:
        return value
    if rest[0] == "mười":
        return _units(value + 10, rest[1:], allow_one=False)
    if len(rest) >= 2 and rest[1] == "mươi" and rest[0] in _DIGITS[2:]:
        return _units(value + _DIGITS.index(rest[0]) * 10, rest[2:], allow_one=True)
    return None


def _units(value: int, rest: list[str], *, allow_one: bool) -> int | None:
    if not rest:
        return value
    if len(rest) == 1 and rest[0] in _UNIT and rest[0] != "không" and (allow_one or rest[0] != "mốt"):
        return value + _UNIT[rest[0]]
    return None


def _style(words: list[str]) -> Style:
    lower = [w.lower() for w in words]
    after_tens = lower[-1] if len(lower) >= 2 and lower[-2] in ("mươi", "mười") else ""
    return Style(
        thousand=lower[1],
        hundreds="trăm" in lower,
        single="lẻ" if "lẻ" in lower else "linh",
        five="năm" if after_tens == "năm" else "lăm",
        one="một" if after_tens == "một" else "mốt",
        four="bốn" if after_tens == "bốn" else "tư",
        capital=words[0][:1].isupper(),
    )


def _single_spaced(text: str) -> bool:
    return "  " not in text and "\n" not in text and "\t" not in text


def _end(text: str, start: int, count: int) -> int:
    """Where the ``count``-th word from ``start`` ends, whatever space stands between them."""
    matches = list(re.finditer(r"\S+", text[start:]))
    return start + matches[count - 1].end()
