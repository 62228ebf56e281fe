"""Text widths in Times New Roman, for the rules that must match a line's length.

Decree 30 sizes the rule under the Tiêu ngữ to the motto itself and the rules under the
issuer and the trích yếu to a share of their line (§3.1, §3.2, §3.5). Word cannot size a
border to text, so we measure the text. The widths are the Adobe core-font metrics of
Times-Roman and Times-Bold (1/1000 em), which Times New Roman and Liberation Serif share;
Vietnamese letters take the width of their base letter because the diacritics are
combining marks with no advance.
"""

from __future__ import annotations

import unicodedata

_ASCII = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz"
_ROMAN = (
    250, 333, 408, 500, 500, 833, 778, 333, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921,
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722,
    667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333,
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500,
    333, 389, 278, 500, 500, 722, 500, 500, 444,
)  # fmt: skip
_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 333, 333, 333, 500, 570, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930,
    722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778,
    722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333,
    500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556,
    444, 389, 333, 556, 500, 722, 500, 500, 444,
)  # fmt: skip
_WIDTHS = {False: dict(zip(_ASCII, _ROMAN, strict=True)), True: dict(zip(_ASCII, _BOLD, strict=True))}
# -- a non-breaking space and hyphen (line breaking writes them) are as wide as the plain ones --
_BASE = {"Đ": "D", "đ": "d", "–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "\u00a0": " ", "\u2011": "-"}
_PT_TO_MM = 25.4 / 72
_MOST_KEPT = 4096  # -- characters whose width is kept: Vietnamese, Latin and punctuation need a few hundred --


class _Units(dict[str, int]):
    """A character's advance in 1/1000 em, worked out when first met: the width of the base
    letters of its canonical decomposition (the marks of "ế" have none). The sum over a text's
    characters is the sum over its decomposition, as decomposition works character by
    character, and a line is then summed in C, not normalised and walked letter by letter."""

    def __init__(self, table: dict[str, int]):
        super().__init__()
        self.table = table

    def __missing__(self, char: str) -> int:
        table = self.table
        units = sum(table.get(_BASE.get(part, part), table["n"])  # an unknown glyph counts as an average letter
                    for part in unicodedata.normalize("NFD", char) if not unicodedata.combining(part))  # fmt: skip
        if len(self) < _MOST_KEPT:  # -- a long-running process fed every character of Unicode keeps only the first ones --
            self[char] = units
        return units


_UNITS = {bold: _Units(table) for bold, table in _WIDTHS.items()}


def text_width_mm(text: str, size_pt: float, *, bold: bool) -> float:
    """Width of one line of text, in millimetres."""
    return sum(map(_UNITS[bold].__getitem__, text)) / 1000 * size_pt * _PT_TO_MM


def measurable(text: str) -> bool:
    """Whether every letter of ``text`` has a width here (Vietnamese and Latin letters, digits,
    common punctuation): a line of other scripts is measured by guess, so it is not broken by it."""
    table = _WIDTHS[False]
    return all(unicodedata.combining(c) or _BASE.get(c, c) in table for c in unicodedata.normalize("NFD", text))
