"""split_marked_runs edits XML as text, so its output is parsed and read back through python-docx, as Word would read it."""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import element_class_lookup
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from cchc_docgen import vn
from cchc_docgen.emphasis import split_marked_runs

BOLD, BOLD_END, ITALIC, ITALIC_END = vn.BOLD_START, vn.BOLD_END, vn.ITALIC_START, vn.ITALIC_END
_MARKS = frozenset(vn.EMPHASIS_MARKS)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RPR = '<w:rPr><w:rStyle w:val="X"/><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="28"/></w:rPr>'

# -- python-docx's element classes (for the proxies), but blank text kept as Word keeps it --
_PARSER = etree.XMLParser(resolve_entities=False)
_PARSER.set_element_class_lookup(element_class_lookup)


def _body(*paragraphs: str) -> str:
    return f'<w:body xmlns:w="{W_NS}">' + "".join(f"<w:p>{p}</w:p>" for p in paragraphs) + "</w:body>"


def _paragraphs(xml: str) -> list[Paragraph]:
    """The paragraphs of a body ``split_marked_runs`` returned; fails if it does not parse."""
    body = etree.fromstring(xml.encode("utf-8"), _PARSER)
    return [Paragraph(p, None) for p in body.iterchildren(qn("w:p"))]  # type: ignore[arg-type]


def _runs(*runs: str) -> list[Run]:
    """The runs of one paragraph holding ``runs``, after the split."""
    (paragraph,) = _paragraphs(split_marked_runs(_body("".join(runs))))
    return paragraph.runs


def _flags(run: Run) -> tuple[str, bool, bool]:
    return run.text, run.bold is True, run.italic is True


def _rpr_children(r: BaseOxmlElement) -> list[tuple[str, dict[str, str]]]:
    rpr = r.find(qn("w:rPr"))
    return [] if rpr is None else [(child.tag, dict(child.attrib)) for child in rpr]


def _assert_no_empty_runs(runs: list[Run]) -> None:
    for run in runs:
        assert run.text, etree.tostring(run._r, encoding="unicode")


def test_text_without_marks_is_returned_as_the_very_same_string() -> None:
    xml = _body(f'<w:r>{RPR}<w:t xml:space="preserve">Cải cách * hành chính **</w:t><w:tab/><w:t>&amp; &lt;</w:t></w:r>', "")
    assert split_marked_runs(xml) is xml
    assert split_marked_runs("") == ""


def test_bold_plain_italic_text_becomes_three_runs_without_the_marks() -> None:
    runs = _runs(
        f'<w:r><w:t xml:space="preserve">{BOLD}Lưu ý:{BOLD_END} báo cáo gửi {ITALIC}(sau khi có hướng dẫn){ITALIC_END}</w:t></w:r>'
    )
    assert [_flags(run) for run in runs] == [
        ("Lưu ý:", True, False),
        (" báo cáo gửi ", False, False),
        ("(sau khi có hướng dẫn)", False, True),
    ]
    assert "".join(run.text for run in runs) == "Lưu ý: báo cáo gửi (sau khi có hướng dẫn)"
    _assert_no_empty_runs(runs)


def test_marks_at_the_edges_and_back_to_back_make_no_empty_runs() -> None:
    runs = _runs(
        f"<w:r>{RPR}<w:t>{BOLD}{ITALIC}A{ITALIC_END}{BOLD_END}{BOLD}{BOLD_END}B{ITALIC}{ITALIC_END}{BOLD}C{BOLD_END}{ITALIC}</w:t></w:r>"
    )
    assert [_flags(run) for run in runs] == [("A", True, True), ("B", False, False), ("C", True, False)]
    _assert_no_empty_runs(runs)


@pytest.mark.parametrize(
    "rpr",
    [
        RPR,
        "",
        "<w:rPr/>",
        '<w:rPr><w:sz w:val="28"/></w:rPr>',
        '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:bCs/><w:iCs/><w:caps/><w:color w:val="FF0000"/><w:sz w:val="26"/><w:lang w:val="vi-VN"/></w:rPr>',
        '<w:rPr><w:rStyle w:val="X"/><w:b w:val="0"/><w:i w:val="false"/><w:u w:val="single"/></w:rPr>',
        '<w:rPr><w:rStyle w:val="X"/><w:b/><w:sz w:val="28"/></w:rPr>',
        '<w:rPr><w:i/><w:vertAlign w:val="superscript"/></w:rPr>',
    ],
    ids=["style-font-size", "none", "empty", "size-only", "many", "switched-off", "already-bold", "already-italic"],
)
def test_every_piece_keeps_the_run_properties_and_adds_bold_italic_where_python_docx_would(rpr: str) -> None:
    source = (
        f'<w:r>{rpr}<w:t xml:space="preserve">{BOLD}đậm{BOLD_END} thường {ITALIC}nghiêng {BOLD}cả hai{BOLD_END}{ITALIC_END}</w:t></w:r>'
    )
    (paragraph,) = _paragraphs(split_marked_runs(_body(source)))
    pieces = [("đậm", True, False), (" thường ", False, False), ("nghiêng ", False, True), ("cả hai", True, True)]
    assert [run.text for run in paragraph.runs] == [text for text, _, _ in pieces]
    for run, (_, bold, italic) in zip(paragraph.runs, pieces, strict=True):
        oracle = Run(parse_xml(source.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)), None)  # type: ignore[arg-type]
        if bold:
            oracle.bold = True
        if italic:
            oracle.italic = True
        assert _rpr_children(run._r) == _rpr_children(oracle._r), run.text


def test_style_font_and_size_survive_on_every_piece() -> None:
    runs = _runs(f"<w:r>{RPR}<w:t>{BOLD}A{BOLD_END}B{ITALIC}C{ITALIC_END}</w:t></w:r>")
    assert [run._r.style for run in runs] == ["X"] * 3
    assert [run.font.name for run in runs] == ["Times New Roman"] * 3
    assert [run.font.size for run in runs] == [Pt(14)] * 3


def test_bold_or_italic_switched_off_in_the_run_is_switched_on_once() -> None:
    rpr = '<w:rPr><w:b w:val="0"/><w:i w:val="false"/></w:rPr>'
    runs = _runs(f"<w:r>{rpr}<w:t>A{BOLD}B{BOLD_END}C{ITALIC}D{ITALIC_END}</w:t></w:r>")
    assert [(run.text, run.bold, run.italic) for run in runs] == [
        ("A", False, False),
        ("B", True, False),
        ("C", False, False),
        ("D", False, True),
    ]
    for run in runs:
        assert len(run._r.findall(f"{qn('w:rPr')}/{qn('w:b')}")) == 1
        assert len(run._r.findall(f"{qn('w:rPr')}/{qn('w:i')}")) == 1


def test_attributes_of_the_run_element_are_kept_on_every_piece() -> None:
    runs = _runs(f'<w:r w:rsidR="00AB12CD" w:rsidRPr="00EF3456">{RPR}<w:t>A{BOLD}B{BOLD_END}C</w:t></w:r>')
    assert [run.text for run in runs] == ["A", "B", "C"]
    for run in runs:
        assert run._r.get(qn("w:rsidR")) == "00AB12CD"
        assert run._r.get(qn("w:rsidRPr")) == "00EF3456"


def test_state_carries_across_texts_and_tabs_of_one_run_in_order() -> None:
    runs = _runs(
        f'<w:r>{RPR}<w:t xml:space="preserve">A {BOLD}B</w:t><w:tab/><w:t>C{BOLD_END} {ITALIC}D</w:t><w:br/><w:t>E{ITALIC_END}F</w:t></w:r>'
    )
    assert [_flags(run) for run in runs] == [
        ("A ", False, False),
        ("B\tC", True, False),
        (" ", False, False),
        ("D\nE", False, True),
        ("F", False, False),
    ]
    bold_run = runs[1]._r
    assert [child.tag for child in bold_run if child.tag != qn("w:rPr")] == [qn("w:t"), qn("w:tab"), qn("w:t")]
    assert "".join(run.text for run in runs) == "A B\tC D\nEF"


def test_an_unmarked_text_after_a_marked_one_keeps_the_state_the_marks_left() -> None:
    runs = _runs(f"<w:r><w:t>{BOLD}A</w:t><w:t>B</w:t><w:t>C{BOLD_END}D</w:t></w:r>")
    assert [_flags(run) for run in runs] == [("ABC", True, False), ("D", False, False)]


def test_escaped_characters_next_to_marks_stay_escaped() -> None:
    source = _body(f'<w:r><w:t xml:space="preserve">A &amp; B{BOLD}&lt;C&gt;&amp;{BOLD_END}&lt; D</w:t></w:r>')
    out = split_marked_runs(source)
    assert "&lt;C&gt;&amp;" in out
    assert "&lt; D" in out
    (paragraph,) = _paragraphs(out)
    assert [_flags(run) for run in paragraph.runs] == [("A & B", False, False), ("<C>&", True, False), ("< D", False, False)]


def test_marked_runs_in_two_paragraphs_are_both_cut_and_unmarked_runs_between_are_untouched() -> None:
    plain_run = f'<w:r w:rsidR="0011">{RPR}<w:t xml:space="preserve"> giữa &amp; </w:t></w:r>'
    plain_paragraph = "<w:r><w:t>Đoạn không có dấu</w:t></w:r>"
    out = split_marked_runs(
        _body(
            f"<w:r>{RPR}<w:t>{BOLD}Một{BOLD_END} một</w:t></w:r>{plain_run}",
            plain_paragraph,
            f"{plain_run}<w:r><w:t>hai {ITALIC}Hai{ITALIC_END}</w:t></w:r>",
        )
    )
    assert out.count(plain_run) == 2
    assert out.count(f"<w:p>{plain_paragraph}</w:p>") == 1
    first, middle, last = _paragraphs(out)
    assert [_flags(run) for run in first.runs] == [("Một", True, False), (" một", False, False), (" giữa & ", False, False)]
    assert [_flags(run) for run in middle.runs] == [("Đoạn không có dấu", False, False)]
    assert [_flags(run) for run in last.runs] == [(" giữa & ", False, False), ("hai ", False, False), ("Hai", False, True)]


# -- property: any marks, any text ------------------------------------------------------------

_LETTERS = "aăâbdđeêioôơuưyàáảãạằắẳẵặấầẩẫậềếểễệíìỉĩịồốổỗộờớởỡợứừửữựýĐÂƠ"
_TEXT = st.text(alphabet=_LETTERS + " &<>", min_size=1, max_size=6)
_MARK = st.sampled_from([BOLD, BOLD_END, ITALIC, ITALIC_END])
TAB = "\t"  # -- a w:tab between two w:t --


def _nested(kinds: frozenset[str]) -> st.SearchStrategy[list[str]]:
    """Well-nested bold/italic spans, never bold inside bold: what mark_emphasis produces."""
    spans = [_TEXT.map(lambda text: [text])]
    for kind, start, end in (("b", BOLD, BOLD_END), ("i", ITALIC, ITALIC_END)):
        if kind not in kinds:
            spans.append(st.deferred(lambda k=kind, s=start, e=end: _nested(kinds | {k}).map(lambda inner: [s, *inner, e])))
    return st.lists(st.one_of(spans), min_size=1, max_size=4).map(lambda parts: [item for part in parts for item in part])


_FROM_MARKDOWN = st.text(alphabet=_LETTERS[:8] + " *&<", min_size=1, max_size=24).map(vn.mark_emphasis).map(list)
_ARBITRARY = st.lists(st.one_of(_TEXT, _MARK), min_size=1, max_size=12)
_PIECES = st.one_of(_nested(frozenset()), _ARBITRARY, _FROM_MARKDOWN).filter(lambda items: any(item not in _MARKS for item in items))
_RUN_PROPERTIES = st.sampled_from(["", RPR, '<w:rPr><w:b w:val="0"/><w:sz w:val="28"/></w:rPr>'])


def _run_xml(texts: list[list[str]], rpr: str, attributes: str) -> str:
    ts = ['<w:t xml:space="preserve">' + "".join(item if item in _MARKS else escape(item) for item in items) + "</w:t>" for items in texts]
    return f"<w:r{attributes}>{rpr}" + "<w:tab/>".join(ts) + "</w:r>"


def _expected(texts: list[list[str]]) -> list[tuple[str, bool, bool]]:
    """Each character with the bold/italic state the marks before it leave."""
    bold = italic = False
    chars: list[tuple[str, bool, bool]] = []
    for index, items in enumerate(texts):
        if index:
            chars.append((TAB, bold, italic))
        for item in items:
            if item in (BOLD, BOLD_END):
                bold = item == BOLD
            elif item in (ITALIC, ITALIC_END):
                italic = item == ITALIC
            else:
                chars.extend((char, bold, italic) for char in item)
    return chars


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(texts=st.lists(_PIECES, min_size=1, max_size=3), rpr=_RUN_PROPERTIES, attributes=st.sampled_from(["", ' w:rsidR="00AB12CD"']))
def test_any_marks_give_runs_whose_text_and_emphasis_match_the_marks(texts: list[list[str]], rpr: str, attributes: str) -> None:
    before = '<w:r><w:t xml:space="preserve">trước </w:t></w:r>'
    out = split_marked_runs(_body(before + _run_xml(texts, rpr, attributes)))
    (paragraph,) = _paragraphs(out)
    assert out.count(before) == 1
    _first, *runs = paragraph.runs
    _assert_no_empty_runs(runs)
    assert [(char, run.bold is True, run.italic is True) for run in runs for char in run.text] == _expected(texts)
    assert "".join(run.text for run in runs) == vn.plain("\t".join("".join(items) for items in texts))
    for run in runs:
        if rpr == RPR:
            assert (run._r.style, run.font.name, run.font.size) == ("X", "Times New Roman", Pt(14))
        assert run._r.get(qn("w:rsidR")) == ("00AB12CD" if attributes else None)


def test_run_properties_after_whitespace_are_still_kept_on_every_piece() -> None:
    """A template saved pretty-printed puts a line break between <w:r> and <w:rPr>."""
    runs = _runs(f'<w:r>\n  <w:rPr><w:sz w:val="28"/></w:rPr><w:t>{BOLD}A{BOLD_END}B</w:t></w:r>')
    assert [_flags(run) for run in runs] == [("A", True, False), ("B", False, False)]
    assert all(run.font.size == Pt(14) for run in runs)
    assert all(len(run._r.findall(qn("w:rPr"))) == 1 for run in runs)
    _assert_no_empty_runs(runs)


def test_a_tracked_formatting_change_stays_whole_inside_the_run_properties() -> None:
    """w:rPrChange holds a w:rPr of its own; the outer one must not end at its </w:rPr>."""
    change = '<w:rPrChange w:id="1" w:author="A"><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrChange>'
    runs = _runs(f'<w:r><w:rPr><w:sz w:val="28"/>{change}</w:rPr><w:t>{BOLD}A{BOLD_END}B</w:t></w:r>')
    assert [_flags(run) for run in runs] == [("A", True, False), ("B", False, False)]
    for run in runs:
        rpr = run._r.find(qn("w:rPr"))
        assert [child.get(qn("w:val")) for child in rpr.iter(qn("w:sz"))] == ["28", "24"]
        assert rpr.find(qn("w:rPrChange")) is not None



@pytest.mark.parametrize(
    "rpr",
    [
        "",
        "<w:rPr/>",
        '<w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="28"/></w:rPr>',
        '<w:rPr><w:rStyle w:val="X"/><w:b w:val="0"/><w:color w:val="FF0000"/></w:rPr>',
        '<w:rPr><w:i w:val="false"/><w:lang w:val="vi-VN"/></w:rPr>',
        '<w:rPr><w:sz w:val="28"/><w:rFonts w:ascii="A"/></w:rPr>',  # -- out of schema order, as a hand edit leaves it --
    ],
)
@pytest.mark.parametrize(("bold", "italic"), [(True, False), (False, True), (True, True)])
def test_emphasis_is_set_as_python_docx_sets_it(rpr: str, bold: bool, italic: bool) -> None:
    """The run properties of a marked piece are what python-docx's ``run.bold = True`` and
    ``run.italic = True`` write, though emphasis no longer imports python-docx."""
    from cchc_docgen.emphasis import _with_emphasis
    from cchc_docgen.xmltext import as_text

    run = Run(parse_xml(f"<w:r {nsdecls('w')}>{rpr}</w:r>"), None)  # type: ignore[arg-type]
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    assert _with_emphasis(rpr, bold, italic) == as_text(run._r.rPr)
