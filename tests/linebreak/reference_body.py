"""protect_body as first written (issue 15), one regular-expression pass per rule in the rules'
order (the helpers the rewrite left alone are imported from it): the oracle that ``cchc_docgen.linebreak.body``, rewritten for speed (issue 16: patterns
that open with what they must find, passes merged, spans replaced whole), is checked against
by test_body.py. A change of what body text glues is made here too, deliberately, or the
tests say the two differ.
"""

from __future__ import annotations

import re

from cchc_docgen.linebreak import lexicon

# -- what the rewrite did not touch (widths, the names' pattern) is the package's own: the
# -- oracle is about the glue passes, in the rules' order, and the word sizes below --
from cchc_docgen.linebreak.body import _MARK, _glue_match, _names_pattern, _nb_hyphens, _width
from cchc_docgen.linebreak.keys import syllable_key
from cchc_docgen.linebreak.segment import NB_HYPHEN, NBSP, REFERENCE_HYPHEN

# -- the capitals of the Vietnamese alphabet, made from its small letters (the package writes them out) --
_UPPER = "A-Z" + "đàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ".upper()
_CAPITAL = f"[{_UPPER}]"
# -- two or more capitalised syllables in a row: a name ("Hồ Chí Minh"); the comma of
# "Thăng Bình, Quảng Nam" ends it, as \\w stops there --
_CAPITAL_RUN = re.compile(rf"(?<![\w/-]){_CAPITAL}\w*(?: {_CAPITAL}\w*)+")
# -- a capitalised syllable followed by another: where a body's name or a word may start --
_CAPITALISED = re.compile(rf"(?<![\w/-]){_CAPITAL}\w* \w")
_NUMBER = re.compile(r"(?<=\w) (?=[(\[]?\d|/|[IVXLC]+(?:[/.,;)]|\s|$))")
_DASH = re.compile(r"(?<=\S) ([-–—]) (?=\S)")
_LONE_MARKS = re.compile(r" (?=[^\w\s]+(?:\s|$))")
_HAS_CAPITAL = re.compile(_CAPITAL)
_TOKEN = re.compile(rf"[^\s{_MARK}]+")
_HAS_NUMBER = re.compile(r"[\d/]")


def _word_size(syllables: tuple[str, ...]) -> int:
    """Word sizes as first written: every key up to a mark, then each length tried from the
    longest down (the package's draws keys only while a word could go on: lexicon.longest)."""
    if not lexicon.starts_word(syllable_key(syllables[0])):
        return 1
    keys = []
    for syllable in syllables:
        keys.append(syllable_key(syllable))
        if not syllable or not syllable[-1].isalnum():
            break
    for size in range(len(keys), 1, -1):
        if lexicon.is_word(tuple(keys[:size])):
            return size
    return 1


def _place_pattern() -> re.Pattern[str]:
    words = ["tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "thôn", "ấp", "khu phố", "tổ dân phố", "đặc khu"]
    forms = sorted({form for word in words for form in (word, word[0].upper() + word[1:])}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)((?:{'|'.join(forms)})) (?={_CAPITAL})")


_PLACE = _place_pattern()


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
    if _HAS_CAPITAL.search(text):
        glued = _CAPITAL_RUN.sub(_glue_match, glued)
        glued = _glue_words(text, glued)
        glued = _PLACE.sub(lambda m: m.group(1) + _MARK, glued)
    pattern = _names_pattern(names)
    if pattern is not None:
        glued = pattern.sub(_glue_match, glued)
    if _HAS_NUMBER.search(text):
        glued = _NUMBER.sub(_MARK, glued)
    if "-" in text or "–" in text or "—" in text:
        glued = _DASH.sub(lambda m: f"{_MARK}{m.group(1)}{_MARK}", glued)
        if width_mm is None:
            glued = REFERENCE_HYPHEN.sub(NB_HYPHEN, glued)
        else:
            # -- "HĐND-UBND" wider than a narrow cell keeps its hyphen breakable: else the line breaks inside a word --
            glued = _TOKEN.sub(lambda m: _nb_hyphens(m.group(0), width_mm, size_pt, bold), glued)
    glued = _LONE_MARKS.sub(_MARK, glued)
    if final:
        # -- the last space, if a plain one, glues the last syllable to the one before --
        last = max(glued.rfind(" "), glued.rfind(_MARK), glued.rfind(NBSP))
        if last > 0 and glued[last] == " " and glued[last - 1] != " " and last + 1 < len(glued):
            glued = f"{glued[:last]}{_MARK}{glued[last + 1 :]}"
    if _MARK not in glued:
        return glued
    if width_mm is not None:
        # -- each glued run (words joined by marks, between plain spaces) no wider than the line --
        runs = glued.split(" ")
        for index, run in enumerate(runs):
            if _MARK in run and _width(run.replace(_MARK, " "), size_pt, bold) > width_mm:
                runs[index] = run.replace(_MARK, " ")
        glued = " ".join(runs)
    return glued.replace(_MARK, NBSP)


def _glue_words(text: str, glued: str) -> str:
    """Each capitalised syllable that starts a word of the lexicon ("Ủy ban nhân dân", "Kế
    hoạch") has that word glued (every glue keeps the text's length, so positions agree)."""
    chars: list[str] | None = None
    longest = lexicon.longest_word()
    for found in _CAPITALISED.finditer(text):
        start = found.start()
        syllables = text[start : start + 16 * longest].split(" ", longest)[:longest]
        size = _word_size(tuple(syllables))
        if size > 1:
            chars = chars if chars is not None else list(glued)
            position = start
            for syllable in syllables[: size - 1]:
                position += len(syllable)
                chars[position] = _MARK
                position += 1
    return "".join(chars) if chars is not None else glued
