"""Where a centred line breaks: between words, balanced, never one syllable alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_docgen.linebreak import NB_HYPHEN, NBSP
from cchc_docgen.linebreak.choose import ROOM, break_centred, protect
from cchc_docgen.linebreak.segment import joined, segment
from cchc_docgen.metrics import text_width_mm


def _lines(text: str) -> list[str]:
    return [line.replace(NBSP, " ").replace(NB_HYPHEN, "-") for line in text.split("\n")]


def test_a_departments_name_breaks_before_its_conjunction() -> None:
    assert _lines(break_centred("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", 62, 12, bold=True)) == ["SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]


def test_a_kem_theo_line_breaks_at_a_phrase_and_keeps_the_place_whole() -> None:
    text = "(Kèm theo Kế hoạch ban hành kèm theo Quyết định số 25/QĐ-UBND ngày 20/01/2026 của Ủy ban nhân dân xã Hưng Thịnh)"
    lines = _lines(break_centred(text, 247, 14, bold=False))
    assert len(lines) == 2 and lines[1].endswith("xã Hưng Thịnh)") and not lines[0].endswith(("của", "Ủy ban"))


def test_a_line_that_fits_is_not_broken() -> None:
    assert "\n" not in break_centred("Công tác cải cách hành chính năm 2021", 160, 14, bold=True)


def test_a_drafters_own_breaks_win() -> None:
    assert _lines(break_centred("Cải cách hành chính\nnăm 2026 của xã An Thới Đông", 160, 14, bold=True)) == [
        "Cải cách hành chính",
        "năm 2026 của xã An Thới Đông",
    ]


def test_a_paragraphs_last_syllable_is_never_alone() -> None:
    assert protect("Trên đây là Kế hoạch của xã./.", words=False, final=True).endswith(f"của{NBSP}xã./.")


TITLES = [
    "Ban hành Kế hoạch cải cách hành chính xã Hưng Thịnh giai đoạn 2026 - 2030",
    "(Ban hành kèm theo Quyết định số 25/QĐ-UBND ngày 20/01/2026 của Ủy ban nhân dân xã Hưng Thịnh)",
    "Thực hiện nội dung đột phá “Sơn Dương chung tay nâng cao hiệu quả cải cách hành chính, trọng tâm là cải cách thủ tục hành chính” năm 2020 và giai đoạn 2021 - 2025",
    "DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026 CỦA ỦY BAN NHÂN DÂN XÃ AN THỚI ĐÔNG",
    "Thời gian hoàn thành",
    "6 tháng đầu năm 2026",
]


def _allowed_ends(title: str, width: float, bold: bool) -> set[int]:
    """Offsets (after the space) a line may start at: free spaces, and any space of a glued
    run too wide for the line."""
    line = segment(title, words=True)
    allowed, position = set(), 0
    starts = []
    for token in line.tokens[:-1]:
        position += len(token.text) + 1
        starts.append(position)
    runs, first = [], 0
    for index in range(len(line.tokens)):
        if index < len(line.glued) and line.glued[index]:
            continue
        runs.append((first, index))
        first = index + 1
    for first, last in runs:
        wide = text_width_mm(" ".join(t.text for t in line.tokens[first : last + 1]), 14, bold=bold) > width * ROOM
        for index in range(first, last + 1):
            if index < len(starts) and (index == last or wide):
                allowed.add(starts[index])
    return allowed


@settings(max_examples=200, derandomize=True, deadline=None, database=None)
@given(title=st.sampled_from(TITLES), width=st.floats(min_value=30, max_value=250), bold=st.booleans())
def test_every_break_falls_between_words_every_line_fits_and_none_ends_alone(title: str, width: float, bold: bool) -> None:
    raw = break_centred(title, width, 14, bold=bold)
    lines = _lines(raw)
    assert " ".join(lines) == title  # -- only breaks and non-breaking spaces were added --
    for text in raw.split("\n"):
        # -- a line fits, or is one run that could not be broken further --
        assert text_width_mm(text, 14, bold=bold) <= width * ROOM or " " not in text, (text, width)
    if len(lines) > 1:
        assert len(lines[-1].split()) > 1, lines
    offsets, position = set(), 0
    for text in lines[:-1]:
        position += len(text) + 1
        offsets.add(position)
    assert offsets <= _allowed_ends(title, width, bold), lines


@pytest.mark.parametrize("title", TITLES[:4])
def test_two_lines_are_balanced_near_the_middle(title: str) -> None:
    full = text_width_mm(title, 14, bold=True)
    lines = _lines(break_centred(title, full * 0.7, 14, bold=True))
    assert len(lines) == 2, lines
    shorter, longer = sorted(text_width_mm(text, 14, bold=True) for text in lines)
    assert shorter >= 0.45 * longer, lines  # -- not "long line / two words" --


@pytest.mark.parametrize(
    "text", ["", "1", "1007", "I.", "II", "Quý", "12/QĐ-UBND", "HĐND-UBND", "a-b", "2021-2025", "./.", "(x)", "Hằng\u2011quý"]
)
def test_a_line_of_one_token_is_written_as_segmenting_it_writes_it(text: str) -> None:
    # -- break_centred returns a lone token without segmenting it: the same text segment and joined give --
    assert break_centred(text, 10, 13, bold=False) == joined(segment(text, words=True), set())
