"""Body text glues what it glued before it was made fast: the same characters, on every line of
every plan, and on made-up lines full of what the rules look at (capitals, places, numbers,
dashes, references, marks standing alone, a drafter's blanks)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import synthetic
from cchc_docgen import api
from cchc_docgen.linebreak.body import protect_body
from cchc_docgen.linebreak.layout import place_names
from cchc_docgen.spec.model import Spec
from cchc_docgen.view import Signature, TaskTable, build_views

from . import reference_body

ROOT = Path(__file__).resolve().parents[2]
PLANS = sorted((ROOT / "plan_specs").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
# -- the layout's settings: body text (a third of the page, last syllable kept), headings (half,
# bold), Nơi nhận entries and narrow cells, and no width at all --
SETTINGS = (
    {"width_mm": 160 / 3, "size_pt": 14, "final": True},
    {"width_mm": 80.0, "size_pt": 14, "bold": True},
    {"width_mm": 25.0, "size_pt": 12, "final": True},
    {"width_mm": None},
)


def _texts(spec: Spec) -> list[str]:
    """Every string of the views before line breaking: blocks, Nơi nhận lines, table cells."""
    texts = []
    for view in build_views(spec, lines=False):
        texts += [block.text for block in view.blocks if block.text]
        for item in view.skeleton:
            if isinstance(item, Signature):
                texts += item.recipients
            elif isinstance(item, TaskTable):
                texts += [cell for row in item.rows for cell in row.cells]
    return list(dict.fromkeys(texts))


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.stem)
def test_every_line_of_a_plan_is_glued_as_the_reference_glues_it(path: Path) -> None:
    spec = api.load_spec(path)
    names = place_names(spec)
    texts = _texts(spec)
    assert texts
    for text in texts:
        for setting in SETTINGS:
            assert protect_body(text, names=names, **setting) == reference_body.protect_body(text, names=names, **setting), (text, setting)


def test_the_word_at_every_syllable_of_every_plan_is_as_long_as_trying_each_length_finds() -> None:
    """``lexicon.longest`` stops drawing keys once no word can go on; trying every length from
    the longest down (the reference) must give the same size, from any syllable, capitalised
    or not, and for the lexicon's own names with more syllables after them."""
    from cchc_docgen.linebreak import lexicon
    from cchc_docgen.linebreak.body import _word_size

    longest = lexicon.longest_word()
    windows = set()
    for path in PLANS:
        for text in _texts(api.load_spec(path)):
            syllables = text.split(" ")
            windows.update(tuple(syllables[index : index + longest]) for index in range(len(syllables)))
    windows.update(tuple(f"{name} của huyện Thăng Bình".split(" ")[:longest]) for name in lexicon.NAMES)
    assert len(windows) > 5000
    sizes = {window: _word_size(window) for window in windows}
    assert sizes == {window: reference_body._word_size(window) for window in windows}
    assert sum(size > 1 for size in sizes.values()) > 300


def test_a_thousand_generated_tasks_are_glued_as_the_reference_glues_them() -> None:
    spec = api.parse_spec(synthetic.plan_yaml(1000))
    names = place_names(spec)
    for text in _texts(spec):
        assert protect_body(text, names=names, **SETTINGS[0]) == reference_body.protect_body(text, names=names, **SETTINGS[0]), text


# -- pieces that each rule looks at, run together with and without spaces --
_PIECES = (
    "Ủy ban nhân dân", "UBND", "HĐND-UBND", "xã", "Xã", "thị xã", "Thị xã", "thành phố", "Thành phố", "huyện", "khu phố",
    "đặc khu", "tổ dân phố", "An Thới Đông", "Thăng Bình", "Hồ Chí Minh", "Kế hoạch", "cải cách", "hành chính", "số", "12/QĐ-UBND",
    "năm", "2026", "Quý II/2026", "II", "IV,", "Điều 2", "-", "–", "—", "2021 - 2025", "./.", ")", "(", "“", "”", ",", ";", ":",
    "/", "a-b", "X-1", "\u00a0", "\n", "\x1f", "  ", "Phú", "Quốc.", "(SIPAS)", "e-Cabinet", "Văn hóa", "Phòng",
)  # fmt: skip
_LINES = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14).flatmap(
    lambda pieces: st.lists(st.sampled_from((" ", "", " ", "  ")), min_size=len(pieces), max_size=len(pieces)).map(
        lambda gaps: "".join(piece + gap for piece, gap in zip(pieces, gaps, strict=True))
    )
)


@settings(max_examples=600, deadline=None)
@given(
    text=_LINES,
    names=st.sampled_from(((), ("An Thới Đông",), ("Thăng Bình", "Quảng Nam"))),
    width=st.sampled_from((None, 8.0, 20.0, 53.3)),
    bold=st.booleans(),
    final=st.booleans(),
)
def test_made_up_lines_are_glued_as_the_reference_glues_them(
    text: str, names: tuple[str, ...], width: float | None, bold: bool, final: bool
) -> None:
    setting = {"names": names, "width_mm": width, "size_pt": 13, "bold": bold, "final": final}
    assert protect_body(text, **setting) == reference_body.protect_body(text, **setting)


@pytest.mark.parametrize(
    "text",
    [
        "cxã An Thới Đông",  # -- a unit word inside another word is no unit word --
        "thị xã Phú Mỹ, Thành phố Hồ Chí Minh",
        "giai đoạn 2021 - 2025 và 2026 – 2030",  # -- a dash's two spaces, one of them also before a number --
        "Chương II - Mục 1 ./.",
        "theo Quyết định số 12/QĐ-UBND, HĐND-UBND và e-Cabinet (SIPAS) )",
        "Ủy ban  nhân dân",  # -- a drafter's double space is no space inside a word --
        "Đẩy mạnh ứng dụng công nghệ thông tin ở Tân Uyên, Ứng dụng",  # -- small letters of U+1EA0–U+1EF9 start no name --
    ],
)
def test_lines_each_rule_looks_at_are_glued_as_the_reference_glues_them(text: str) -> None:
    for setting in SETTINGS:
        assert protect_body(text, names=("An Thới Đông",), **setting) == reference_body.protect_body(
            text, names=("An Thới Đông",), **setting
        )


def test_only_capitals_start_a_name_or_a_word_in_body_text() -> None:
    """Capitals and small letters alternate in U+1EA0–U+1EF9: a word that opens with a small one
    ("ứng dụng", "ở") is body text a line may break in, as any other; the same word capitalised
    starts a word of the lexicon, kept whole."""
    small = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
    for letter in small:
        text = f"xem {letter}c Tân Uyên"
        assert protect_body(text, width_mm=None) == text.replace("Tân ", "Tân\u00a0"), letter
    assert protect_body("Đẩy mạnh ứng dụng công nghệ thông tin", width_mm=None) == "Đẩy\u00a0mạnh ứng dụng công nghệ thông tin"
    assert protect_body("Ứng dụng công nghệ thông tin", width_mm=None).startswith("Ứng\u00a0dụng")
