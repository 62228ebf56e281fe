"""Text widths: a line measures as the base letters of its decomposition, character by
character (diacritics are combining marks with no advance), however the widths are kept."""

from __future__ import annotations

import random
import unicodedata

import pytest

from cchc_docgen import metrics

from conftest import EXAMPLES, PLAN_SPECS


def _by_decomposition(text: str, size_pt: float, *, bold: bool) -> float:
    """The definition: the text decomposed (NFD) and walked letter by letter."""
    table = metrics._WIDTHS[bold]
    units = 0
    for char in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(char):
            char = metrics._BASE.get(char, char)
            units += table.get(char, table["n"])
    return units / 1000 * size_pt * metrics._PT_TO_MM


def _texts() -> list[str]:
    lines = [line for path in PLAN_SPECS + EXAMPLES for line in path.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(16)
    ranges = [(32, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x20, 0x110000)]
    noise = ["".join(chr(rng.randrange(*rng.choice(ranges))) for _ in range(rng.randrange(0, 40))) for _ in range(5000)]
    return lines + noise + ["", "Ủy ban nhân dân", "Uỷ ban nhân dân", unicodedata.normalize("NFD", "Thăng Bình – Quảng Nam")]


@pytest.mark.parametrize("bold", [False, True])
def test_every_line_of_every_plan_and_random_text_measures_as_its_decomposition(bold: bool) -> None:
    for text in _texts():
        for size in (12, 13, 14):
            assert metrics.text_width_mm(text, size, bold=bold) == _by_decomposition(text, size, bold=bold), text


def test_a_long_running_process_fed_every_character_keeps_only_so_many_widths() -> None:
    units = metrics._Units(metrics._WIDTHS[False])
    for code in range(0x20, 0x20 + 3 * metrics._MOST_KEPT):
        assert units[chr(code)] / 1000 * 14 * metrics._PT_TO_MM == _by_decomposition(chr(code), 14, bold=False)
    assert len(units) == metrics._MOST_KEPT
