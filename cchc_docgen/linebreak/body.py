"""Body text, Nơi nhận entries and table cells: names and references kept on one line.

Justified text must keep its ordinary spaces (a non-breaking space does not stretch), so
here only what a line must never split is glued: a name in capitals ("Phú Quốc", "An Thới
Đông"), a body's name that starts with a capital ("Ủy ban nhân dân"), a place with its unit
word ("huyện Thăng Bình"), a number with its word ("số 12/QĐ-UBND", "năm 2026", "Điều 2"),
a dash with its neighbours, the hyphen of a reference (non-breaking hyphen), and the last
two syllables of a paragraph, so its last line is never one syllable before "./.".

A plan body has thousands of syllables: this works with regular expressions over the whole
paragraph, not syllable by syllable, and looks words up only after a capital.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..metrics import text_width_mm
from ..vn import CAPITALS
from . import lexicon
from .keys import syllable_key
from .segment import NB_HYPHEN, NBSP, REFERENCE_HYPHEN

_MARK = "\x1f"  # -- a glued space while the paragraph is worked on: a drafter's own NBSP stays as typed --
_CAPITAL = f"[{CAPITALS}]"  # -- as segment.py's str.isupper: "ứng dụng" opens no name --
# -- Each pattern opens with what it must find (a capital, a space), its look-behind after it:
# the engine then scans for that first character in C instead of trying a look-behind at every
# position, which halves each pass. The plain forms they stand for are those of tests/linebreak/
# reference_body.py, which test_body.py checks protect_body against: (?<![\w/-])CAP… for the two
# capital patterns, (?<=\w) (?=…) for numbers, (?<!\w)(place) (?=CAP) for places. --
# -- two or more capitalised syllables in a row: a name ("Hồ Chí Minh"); the comma of
# "Thăng Bình, Quảng Nam" ends it, as \\w stops there --
_CAPITAL_RUN = re.compile(rf"{_CAPITAL}(?<![\w/-].)\w*(?: {_CAPITAL}\w*)+")
# -- a capitalised syllable followed by another: where a body's name or a word may start --
_CAPITALISED = re.compile(rf"{_CAPITAL}(?<![\w/-].)\w* \w")
# -- the space before a number ("số 12", "Quý II/2026") and the space before marks standing alone
# ("./.", a lone ")"): one pass, as neither pattern sees the other's marks (a mark is a space to
# \s, and neither looks at a space's own character) --
_LONE = r"(?=[^\w\s]+(?:\s|$))"
_NUMBER_OR_LONE = re.compile(rf" (?:(?<=\w )(?=[(\[]?\d|/|[IVXLC]+(?:[/.,;)]|\s|$))|{_LONE})")
_LONE_MARKS = re.compile(f" {_LONE}")
_DASH = re.compile(r"(?<=\S) ([-–—]) (?=\S)")
# -- a token (a run of non-spaces; the mark is a space to \s) with a hyphen in it: only those
# can hold a reference's hyphen, so the others are not handed to Python one by one --
_HYPHENATED = re.compile(r"[^\s-]*-\S*")
_HAS_NUMBER = re.compile(r"[\d/]")
# -- a glued run, after the space before it (the paragraph is searched with a space put before
# it): found from the space, in one pass, as the possessive quantifier gives nothing back --
_GLUED_RUN = re.compile(f" [^ {_MARK}]*+{_MARK}[^ ]*")
_PLACE_UNITS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "thôn", "ấp", "khu phố", "tổ dân phố", "đặc khu")  # fmt: skip


@lru_cache(maxsize=8192)
def _width(text: str, size_pt: float, bold: bool) -> float:
    """Glued runs repeat ("Ủy ban nhân dân", "năm 2026"): each is measured once."""
    return text_width_mm(text, size_pt, bold=bold)


def _place_pattern() -> re.Pattern[str]:
    """The space after a unit word followed by a capital ("huyện Thăng Bình"): one look-behind
    per length of unit word, as a look-behind must have one width."""
    forms = {form for word in _PLACE_UNITS for form in (word, word[0].upper() + word[1:])}
    by_length: dict[int, list[str]] = {}
    for form in sorted(forms):
        by_length.setdefault(len(form), []).append(form)
    behind = "|".join(rf"(?<=(?<!\w)(?:{'|'.join(same)}) )" for _, same in sorted(by_length.items(), reverse=True))
    return re.compile(rf" (?={_CAPITAL})(?:{behind})")


_PLACE = _place_pattern()


@lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The specification's names (its place) in any case, wherever they occur."""
    wanted = [re.escape(name).replace(r"\ ", " ") for name in names if " " in name]
    return re.compile("|".join(wanted), re.IGNORECASE) if wanted else None


def protect_body(
    text: str, *, names: tuple[str, ...] = (), width_mm: float | None = None, size_pt: float = 14, bold: bool = False, final: bool = False
) -> str:
    """``text`` with glued spaces non-breaking; a glued run wider than ``width_mm`` is let go
    (a long name may break rather than leave a gap in a justified line)."""
    if "\n" in text:
        parts = text.split("\n")
        return "\n".join(protect_body(part, names=names, width_mm=width_mm, size_pt=size_pt, bold=bold, final=final and index == len(parts) - 1)
                         for index, part in enumerate(parts))  # fmt: skip
    if NBSP in text:
        return text  # -- a drafter who typed non-breaking spaces has set the line: it stays as typed --
    if " " not in text:
        return REFERENCE_HYPHEN.sub(NB_HYPHEN, text) if "-" in text else text
    glued = text
    # -- each of these three needs a capital: text without one comes through unchanged --
    glued = _CAPITAL_RUN.sub(_glue_match, glued)
    glued = _glue_words(text, glued)
    glued = _PLACE.sub(_MARK, glued)
    pattern = _names_pattern(names)
    if pattern is not None:
        glued = pattern.sub(_glue_match, glued)
    if "-" in text or "–" in text or "—" in text:
        glued = _DASH.sub(lambda m: f"{_MARK}{m.group(1)}{_MARK}", glued)
        if width_mm is None:
            glued = REFERENCE_HYPHEN.sub(NB_HYPHEN, glued)
        else:
            # -- "HĐND-UBND" wider than a narrow cell keeps its hyphen breakable: else the line breaks inside a word --
            glued = _HYPHENATED.sub(lambda m: _nb_hyphens(m.group(0), width_mm, size_pt, bold), glued)
    # -- after the dashes: a lone dash's spaces are the dash pass's to mark, both of them --
    glued = (_NUMBER_OR_LONE if _HAS_NUMBER.search(text) else _LONE_MARKS).sub(_MARK, glued)
    if final:
        # -- the last space, if a plain one, glues the last syllable to the one before --
        last = max(glued.rfind(" "), glued.rfind(_MARK), glued.rfind(NBSP))
        if last > 0 and glued[last] == " " and glued[last - 1] != " " and last + 1 < len(glued):
            glued = f"{glued[:last]}{_MARK}{glued[last + 1 :]}"
    if _MARK not in glued:
        return glued
    if width_mm is not None:
        glued = _fitted(glued, width_mm, size_pt, bold)
    return glued.replace(_MARK, NBSP)


def _fitted(glued: str, width_mm: float, size_pt: float, bold: bool) -> str:
    """Each glued run (words joined by marks, between plain spaces) no wider than the line.
    Rarely is one wider: the runs with a mark are found and measured first, in C, and the
    paragraph is taken apart into runs only when one is."""
    for run in _GLUED_RUN.findall(f" {glued}"):
        if _width(run[1:].replace(_MARK, " "), size_pt, bold) > width_mm:
            break
    else:
        return glued
    runs = glued.split(" ")
    for index, run in enumerate(runs):
        if _MARK in run:
            spaced = run.replace(_MARK, " ")
            if _width(spaced, size_pt, bold) > width_mm:
                runs[index] = spaced
    return " ".join(runs)


def _nb_hyphens(token: str, width_mm: float, size_pt: float, bold: bool) -> str:
    if "-" not in token or _width(token, size_pt, bold) > width_mm:
        return token
    return REFERENCE_HYPHEN.sub(NB_HYPHEN, token)


def _glue_match(found: re.Match[str]) -> str:
    return found.group(0).replace(" ", _MARK)


def _glue_words(text: str, glued: str) -> str:
    """Each capitalised syllable that starts a word of the lexicon ("Ủy ban nhân dân", "Kế
    hoạch") has that word glued (every glue keeps the text's length, so positions agree)."""
    longest = lexicon.longest_word()
    reach = 16 * longest
    for found in _CAPITALISED.finditer(text):
        start = found.start()
        syllables = text[start : start + reach].split(" ", longest)[:longest]
        size = _word_size(tuple(syllables))
        if size > 1:
            # -- the word's span holds no space but the size - 1 between its syllables --
            end = start + sum(map(len, syllables[: size - 1])) + size - 1
            glued = f"{glued[:start]}{glued[start:end].replace(' ', _MARK)}{glued[end:]}"
    return glued


@lru_cache(maxsize=8192)
def _word_size(syllables: tuple[str, ...]) -> int:
    """How many of these syllables the longest word of the lexicon they start takes (1: none);
    cached, since a plan repeats its names ("Ủy ban nhân dân huyện …") paragraph after paragraph."""
    return lexicon.longest(_keys(syllables))


def _keys(syllables: tuple[str, ...]) -> Iterator[str]:
    """The syllables' keys, up to the first that ends in a mark ("dân," ends a word)."""
    for syllable in syllables:
        yield syllable_key(syllable)
        if not syllable or not syllable[-1].isalnum():
            return
