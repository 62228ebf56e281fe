"""A line of text as syllables, and which spaces between them a line may break at.

Vietnamese writes a space between the syllables of a word, so a line broken at any space
cuts words ("cải / cách") and names ("An Thới / Đông"). Here each single space is marked
glued (inside a word, a name, or a reference such as "số 12/QĐ-UBND", which must stay on one
line) or free, with how good a place it is to end a line: after a comma good, before "của"
or "năm" good (a phrase boundary), after "của", "và" or "xã" bad.

Words come from the lexicon (every dictionary word the syllables can be read as); names from capitals (in text that is not all capitals), from the lexicon's list
of bodies and from the names the specification itself gives (its place, its agencies).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import lexicon
from .keys import phrase_key, syllable_key

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"  # -- written into the DOCX as <w:noBreakHyphen/> --
_OPENING = "(“\"'‘["
_CLOSING = ")”\"'’].,;:!?"
_PAUSE = ",;:"
_NUMBERISH = re.compile(r"^[(\[]?(?:\d|/|[IVXLC]+(?:[/.,)]|$))")
REFERENCE_HYPHEN = re.compile(r"(?<=[A-ZĐ0-9])-(?=[A-ZĐ0-9])")  # -- "QĐ-UBND": its hyphen never breaks --
_DASHES = {"-", "–", "—"}


class Token:
    """One syllable as written, with what breaking needs to know of it. A plain class with
    slots, like ``Line``: making a dataclass costs half a millisecond at every start."""

    __slots__ = ("capital", "key", "lead", "number", "text", "trail")

    def __init__(self, text: str, key: str, *, lead: bool, trail: bool, capital: bool, number: bool) -> None:
        self.text = text
        self.key = key
        self.lead = lead  # -- opens with a bracket or quote: no word runs into it from the left --
        self.trail = trail  # -- ends with punctuation: no word runs on past it --
        self.capital = capital
        self.number = number


class Line:
    """A line's tokens and, for each space after a token (all but the last), whether it is
    glued and what ending a line there costs (negative: a good place)."""

    __slots__ = ("glued", "penalty", "separators", "tokens")

    def __init__(self, tokens: list[Token], separators: list[str]) -> None:
        self.tokens = tokens
        self.separators = separators  # -- what stood between token i and i + 1: " ", several spaces, NBSP --
        self.glued: list[int] = []  # -- 0 free, else how firmly (the constants below) --
        self.penalty: list[float] = []

    def breakable(self, index: int) -> bool:
        return self.separators[index] == " " and not self.glued[index]


# -- how firmly a space is glued: a line too narrow for a glued run lets go of the weakest first --
LINK = 1  # -- a number to its word ("năm 2026"), a dash to its neighbours --
NAME = 2  # -- a name read from capitals, a place to its unit word ("xã An Thới Đông") --
WORD = 3  # -- a word of the lexicon, a name the specification gives --
FIXED = 4  # -- "./." or ")" standing alone: never the start of a line --


def _glue(glued: list[int], index: int, strength: int) -> None:
    glued[index] = max(glued[index], strength)


def tokens_of(text: str) -> Line:
    """Split at spaces, keeping every run of spaces as written (a draft's blanks stay)."""
    pieces = re.split(r"([ \u00a0]+)", text)
    words = pieces[0::2]
    separators = pieces[1::2]
    if words and words[0] == "":
        # -- leading spaces (a blank number "Số:     /…" never starts a line, but be safe) --
        words, separators = words[1:], separators[1:]
        if not words:
            return Line([], [])
    tokens = []
    for word in words:
        key = syllable_key(word)
        letters = [c for c in word if c.isalpha()]
        tokens.append(Token(
            text=word,
            key=key,
            lead=bool(word) and word[0] in _OPENING,
            trail=bool(word) and word[-1] in _CLOSING,
            capital=bool(letters) and letters[0].isupper(),
            number=bool(_NUMBERISH.match(word)),
        ))  # fmt: skip
    if tokens and tokens[-1].text == "":
        tokens.pop()
        separators = separators[: len(tokens) - 1]
    return Line(tokens, separators[: max(len(tokens) - 1, 0)])


def segment(text: str, *, words: bool, names: Iterable[str] = ()) -> Line:
    """The line with its spaces marked. ``words``: glue every word of the lexicon (centred and
    short lines); otherwise only names, references and numbers (justified body text, where a
    non-breaking space inside every word would stop justification spreading the line)."""
    line = tokens_of(text)
    tokens = line.tokens
    count = len(tokens)
    glued = [0] * max(count - 1, 0)
    capitals = any(c.islower() for c in text)  # -- capitals mark names only in mixed-case text --
    _glue_words(tokens, glued, words=words, capitals=capitals)
    _glue_names(tokens, glued, names)
    for i in range(count - 1):
        left, right = tokens[i], tokens[i + 1]
        if capitals and left.capital and right.capital and not left.trail and not right.lead and not _abbreviation(left.text):
            _glue(glued, i, NAME)  # -- "An Thới Đông", "Hồ Chí Minh": a name in capitals --
        if right.number and not left.trail:
            _glue(glued, i, LINK)  # -- "số 12/QĐ-UBND", "năm 2026", "Quý II/2026", "Điều 2" --
        if right.text in _DASHES or left.text in _DASHES:
            _glue(glued, i, LINK)  # -- "2021 - 2025": never a line opening on a dash --
        if not any(c.isalnum() for c in right.text):
            _glue(glued, i, FIXED)  # -- "./." or ")" alone is never a line of its own --
        if left.key in lexicon.PLACE_WORDS and (right.capital or not capitals) and not left.trail:
            _glue(glued, i, NAME)  # -- "xã An Thới Đông": the unit word stays with its name --
        if i > 0 and phrase_key(f"{tokens[i - 1].text} {left.text}") in lexicon.PLACE_WORDS and (right.capital or not capitals):
            _glue(glued, i, NAME)  # -- "thành phố Hồ Chí Minh", "thị trấn …" --
    line.glued = glued
    line.penalty = [_penalty(tokens, i) for i in range(count - 1)]
    return line


def _abbreviation(text: str) -> bool:
    """'UBND', 'HĐND': capitals that start no name after them ('UBND Xã' is rare, 'UBND và' common)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _glue_words(tokens: list[Token], glued: list[int], *, words: bool, capitals: bool) -> None:
    """Every word of the lexicon found in the line is glued, overlapping ones too: a break
    must fall outside any reading of the syllables as words ("Phòng Văn hóa" is read "phòng
    văn" + "hóa" by longest match and "phòng" + "văn hóa" by sense; both stay whole). In body
    text only words that start with a capital (names) are looked for."""
    count = len(tokens)
    longest = lexicon.longest_word()
    for i in range(count - 1):
        if tokens[i].trail or not (words or (capitals and tokens[i].capital)):
            continue
        keys = [tokens[i].key]
        for j in range(i + 1, min(i + longest, count)):
            if tokens[j].lead:
                break
            keys.append(tokens[j].key)
            if lexicon.is_word(tuple(keys)):
                for k in range(i, j):
                    _glue(glued, k, WORD)
            if tokens[j].trail:
                break


def _glue_names(tokens: list[Token], glued: list[int], names: Iterable[str]) -> None:
    """The specification's own names ("An Thới Đông", an agency's name) wherever they occur."""
    keys = [t.key for t in tokens]
    for name in names:
        wanted = phrase_key(name).split()
        size = len(wanted)
        if size < 2:
            continue
        for i in range(len(keys) - size + 1):
            if keys[i] == wanted[0] and keys[i : i + size] == wanted:
                for k in range(i, i + size - 1):
                    _glue(glued, k, WORD)


def _opens_phrase(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.key in lexicon.OPENERS or token.lead:
        return True
    return index + 1 < len(tokens) and f"{token.key} {tokens[index + 1].key}" in lexicon.OPENER_PHRASES


def _penalty(tokens: list[Token], i: int) -> float:
    """What ending a line after token ``i`` costs: lines end at phrase boundaries."""
    left = tokens[i]
    cost = 0.0
    if left.text and left.text[-1] in _PAUSE:
        cost -= 0.3
    if _opens_phrase(tokens, i + 1):
        cost -= 0.2
    if (
        left.key in lexicon.OPENERS
        or (i > 0 and f"{tokens[i - 1].key} {left.key}" in lexicon.OPENER_PHRASES)
        or left.key in lexicon.PLACE_WORDS
    ):
        cost += 1.0  # -- a line ending on "của", "và", "xã" --
    return cost


def joined(line: Line, breaks: set[int]) -> str:
    """The text again: a line break after each token in ``breaks``, glued spaces non-breaking,
    the hyphens of references ("QĐ-UBND") non-breaking."""
    parts = []
    for i, token in enumerate(line.tokens):
        text = token.text
        if "-" in text:
            text = REFERENCE_HYPHEN.sub(NB_HYPHEN, text)
        parts.append(text)
        if i < len(line.separators):
            separator = line.separators[i]
            if i in breaks:
                parts.append("\n")
            elif separator == " " and line.glued[i]:
                parts.append(NBSP)
            else:
                parts.append(separator)
    return "".join(parts)
