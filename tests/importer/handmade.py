"""Word files typed the way drafters type them, built with python-docx for the tests."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from support.docx_facts import document_text, open_docx

HEADER_TABS = [
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "XÃ HÒA BÌNH\tĐộc lập - Tự do - Hạnh phúc",
    "________\t____________________",
    "Số: 12/KH-UBND\tHòa Bình, ngày 10 tháng 01 năm 2026",
]
TITLE = ["KẾ HOẠCH", "Cải cách hành chính năm 2026 của xã Hòa Bình", "__________"]
OPENING = "Căn cứ Kế hoạch số 05/KH-UBND ngày 06/01/2026 của Ủy ban nhân dân tỉnh về cải cách hành chính năm 2026, Ủy ban nhân dân xã Hòa Bình ban hành Kế hoạch như sau:"
BODY = [
    ("I.", "MỤC ĐÍCH, YÊU CẦU"),
    ("1.", "Mục đích"),
    ("-", "Nâng cao chất lượng phục vụ người dân, doanh nghiệp của bộ máy chính quyền xã sau sắp xếp."),
    ("-", "Cải thiện Chỉ số hài lòng của người dân đối với sự phục vụ của cơ quan hành chính."),
    ("2.", "Yêu cầu"),
    ("-", "Nhiệm vụ phải cụ thể, có sản phẩm và thời hạn hoàn thành."),
    ("II.", "MỤC TIÊU, CHỈ TIÊU"),
    ("-", "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt trên 98%."),
    ("-", "Tỷ lệ hồ sơ được số hóa kết quả giải quyết đạt 100%."),
    ("III.", "NHIỆM VỤ, GIẢI PHÁP"),
    ("1.", "Cải cách thủ tục hành chính"),
    ("a)", "Rà soát, đơn giản hóa thủ tục hành chính"),
    ("-", "Rà soát quy trình nội bộ giải quyết thủ tục hành chính thuộc thẩm quyền của xã:"),
    ("+", "Cắt giảm thời gian giải quyết ít nhất 20%."),
    ("+", "Công khai quy trình tại bộ phận một cửa."),
    ("b)", "Kiểm soát thủ tục hành chính"),
    ("", "Tiếp nhận, xử lý phản ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính đúng thời hạn."),
    ("2.", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    ("", "Khai thác các nền tảng số dùng chung của tỉnh trong chỉ đạo, điều hành."),
    ("IV.", "TỔ CHỨC THỰC HIỆN"),
    ("1.", "Văn phòng HĐND và UBND xã"),
    ("-", "Theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch; báo cáo Ủy ban nhân dân xã."),
    ("2.", "Các cơ quan, đơn vị thuộc Ủy ban nhân dân xã"),
    ("-", "Xây dựng kế hoạch thực hiện tại cơ quan, đơn vị; báo cáo kết quả định kỳ hằng quý."),
]
CLOSING = "Trên đây là Kế hoạch cải cách hành chính năm 2026 của Ủy ban nhân dân xã Hòa Bình./."
SIGNATURE = [
    "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN",
    "- UBND tỉnh (b/c);\tKT. CHỦ TỊCH",
    "- Thường trực Đảng ủy xã;\tPHÓ CHỦ TỊCH",
    "- Các cơ quan, đơn vị thuộc UBND xã;\t",
    "- Lưu: VT, VP.\t",
    "\tLê Văn Bình",
]
GROUPS = [
    ("I. Cải cách thủ tục hành chính", [
        ("1", "Rà soát quy trình nội bộ giải quyết thủ tục hành chính", "Văn phòng HĐND và UBND xã", "Công an xã", "Quý II/2026", "Báo cáo rà soát"),
        ("2", "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực", "Trung tâm Phục vụ hành chính công xã", "Văn phòng HĐND và UBND xã; Công an xã", "30/11/2026", "Dữ liệu số hóa"),
    ]),
    ("II. Xây dựng và phát triển chính quyền điện tử, chính quyền số", [
        ("1", "Vận hành hệ thống quản lý văn bản và điều hành liên thông bốn cấp", "Văn phòng HĐND và UBND xã", "", "Thường xuyên", "Văn bản điện tử"),
    ]),
]  # fmt: skip
HEADER_ROW = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"]


def _bytes(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


BOXES = [["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH"], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]]


def _text_box(lines: list[str], left: int) -> object:
    """A VML text box (what Word writes as the fallback of a drawing text box)."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    return parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        f'<v:shape style="position:absolute;margin-left:{left}pt;margin-top:0;width:220pt;height:40pt">'
        f"<v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")


def typed(*, header_table: bool = False, word_numbering: bool = False, appendix: bool = False, text_boxes: bool = False) -> bytes:
    """A plan typed by hand: header with tabs (or in a table, or in text boxes), typed labels
    (or Word's numbering), underscores as rules, a side-by-side signature, a Phụ lục table."""
    document = Document()
    if text_boxes:
        anchor = document.add_paragraph()
        for index, lines in enumerate(BOXES):
            anchor._p.append(_text_box(lines, 240 * index))
        document.add_paragraph(HEADER_TABS[-1])
    elif header_table:
        table = document.add_table(rows=2, cols=2)
        cells = [["ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\n_______", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n_______________"],
                 ["Số: 12/KH-UBND", "Hòa Bình, ngày 10 tháng 01 năm 2026"]]  # fmt: skip
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                lines = text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
    else:
        for line in HEADER_TABS:
            document.add_paragraph(line)
    for line in TITLE:
        document.add_paragraph(line)
    document.add_paragraph(OPENING)
    numbering = _numbering(document) if word_numbering else None
    for label, text in BODY:
        paragraph = document.add_paragraph()
        if numbering is not None and label:
            level = {"I.": 0, "1.": 1, "2.": 1, "a)": 2, "b)": 2, "-": 3, "+": 4}.get(label, 0 if label.endswith(".") and label[0] in "IV" else 1)
            _in_list(paragraph, numbering, level)
            paragraph.add_run(text)
        else:
            paragraph.add_run(f"{label} {text}" if label else text)
    document.add_paragraph(CLOSING)
    for line in SIGNATURE:
        document.add_paragraph(line)
    if appendix:
        _appendix(document, GROUPS)
    return _bytes(document)


def _appendix(document: object, groups: list[tuple[str, list[tuple[str, ...]]]]) -> None:
    """A Phụ lục: its title lines, then the task table with a merged row per group."""
    document.add_paragraph("Phụ lục")  # type: ignore[attr-defined]
    document.add_paragraph("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")  # type: ignore[attr-defined]
    document.add_paragraph("(Kèm theo Kế hoạch số 12/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân xã Hòa Bình)")  # type: ignore[attr-defined]
    table = document.add_table(rows=1 + sum(1 + len(tasks) for _, tasks in groups), cols=len(HEADER_ROW))  # type: ignore[attr-defined]
    for c, text in enumerate(HEADER_ROW):
        table.cell(0, c).text = text
    r = 1
    for group, tasks in groups:
        table.cell(r, 0).merge(table.cell(r, len(HEADER_ROW) - 1)).text = group
        r += 1
        for task in tasks:
            for c, text in enumerate(task):
                table.cell(r, c).text = text
            r += 1


def _in_list(paragraph: object, num: str, level: int) -> None:
    """Put ``paragraph`` in Word list ``num`` at ``level``, as Word writes it (w:numPr)."""
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))


def _abstract_list(root: object, abstract_id: str, levels: list[tuple[str, str]]) -> None:
    """An abstract Word list (w:abstractNum), each level from 1; it goes before every w:num."""
    xml = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    root.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{xml}</w:abstractNum>'))  # type: ignore[attr-defined]


def _numbering(document: object) -> str:
    """A Word list: I. / 1. / a) / - / + on levels 0-4."""
    root = document.part.numbering_part.element  # type: ignore[attr-defined]
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"), ("bullet", "+")]
    _abstract_list(root, "90", levels)
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def reference(data: bytes, shape: dict[str, bool]) -> str:
    """The file's own text as a reader sees it: labels Word prints included, rules not."""
    text = document_text(open_docx(data))
    if shape.get("text_boxes"):  # -- python-docx's paragraph text leaves text boxes out --
        text = "\n".join(line for box in BOXES for line in box) + "\n" + text
    if shape.get("word_numbering"):
        labelled = [f"{label} {body}" if label else body for label, body in BODY]
        text = text.replace("\n".join(body for _, body in BODY), "\n".join(labelled))
    # -- two columns typed with tabs are read column by column, as the render's tables print
    # -- them; the number and date row is a row of its own there --
    lines, block = [], []
    for line in [*text.splitlines(), ""]:
        if "\t" in line and not line.startswith("Số:"):
            block.append(line.split("\t", 1))
            continue
        lines += [left for left, _ in block] + [right for _, right in block]
        block = []
        lines += line.split("\t")
    return "\n".join(line for line in lines if line.strip("_\t "))


# -- a plan typed as drafters type it, for what the importer pairs and restores: short agency
# -- names in the table and full ones in the body, a target of two milestones, paragraphs
# -- between numbered targets; its labels typed, or Word lists that restart and continue --
# (list, level, label, text): list is the Word list instance (w:num) a label comes from in the
# Word-list version, None for a typed mark; the typed version writes the label.
DRAFTED_BODY = [
    ("91", 0, "I.", "MỤC ĐÍCH, YÊU CẦU"),
    (None, 0, "-", "Nâng cao chất lượng phục vụ người dân, doanh nghiệp của chính quyền xã sau sắp xếp."),
    ("91", 0, "II.", "MỤC TIÊU, CHỈ TIÊU"),
    (None, 0, "", "Phấn đấu trong năm 2026 đạt các chỉ tiêu sau về thủ tục hành chính."),
    ("94", 0, "1.", "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn đạt trên 98%."),
    ("94", 0, "2.", "Tỷ lệ hồ sơ được giải quyết trực tuyến toàn trình đạt 60% trong 6 tháng đầu năm; đến hết năm 2026 đạt 80%."),
    (None, 0, "", "Về chuyển đổi số trong giải quyết thủ tục hành chính:"),
    ("95", 0, "3.", "Tỷ lệ kết quả giải quyết thủ tục hành chính được số hóa đạt 100%."),
    ("91", 0, "III.", "NHIỆM VỤ, GIẢI PHÁP"),
    ("91", 1, "1.", "Cải cách thủ tục hành chính"),
    ("91", 2, "a)", "Rà soát, đơn giản hóa thủ tục hành chính"),
    (None, 0, "-", "Rà soát quy trình nội bộ giải quyết thủ tục hành chính thuộc thẩm quyền của xã."),
    ("91", 2, "b)", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
    (None, 0, "-", "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực."),
    ("91", 1, "2.", "Xây dựng và phát triển chính quyền điện tử, chính quyền số"),
    (None, 0, "", "Khai thác các nền tảng số dùng chung của tỉnh trong chỉ đạo, điều hành."),
    ("97", 0, "IV.", "TỔ CHỨC THỰC HIỆN"),
    ("96", 0, "1.", "Văn phòng HĐND và UBND xã"),
    (None, 0, "-", "Theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch; báo cáo Ủy ban nhân dân xã."),
    ("96", 0, "2.", "Trung tâm Phục vụ hành chính công xã"),
    (None, 0, "-", "Chủ trì số hóa hồ sơ, kết quả giải quyết thủ tục hành chính tại Trung tâm."),
]  # fmt: skip
# The table prints two agencies by their short names; the body above names them in full.
DRAFTED_GROUPS = [
    ("I. Cải cách thủ tục hành chính", [
        ("1", "Rà soát quy trình nội bộ giải quyết thủ tục hành chính", "Văn phòng HĐND-UBND", "Công an xã", "Quý II/2026", "Báo cáo rà soát"),
        ("2", "Số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực", "Trung tâm PVHCC", "Văn phòng HĐND-UBND", "30/11/2026", "Dữ liệu số hóa"),
    ]),
]  # fmt: skip
DRAFTED_SIGNATURE = [
    "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN",
    "- UBND tỉnh (b/c);\tCHỦ TỊCH",
    "- Công an xã;\t",
    "- Lưu: VT.\t",
    "\tLê Văn Bình",
]
# Word's lists of the Word-list version (numbering.xml): 91 the parts and their sections; 94 the
# targets, 95 the same abstract list again with no override, so it continues (3.); 96 the same
# abstract list restarted at 1 (what 'Restart at 1' writes); 97 a copy of the parts' list set to
# start at IV ('Set numbering value', as when a part is pasted from another file).
_PART_LEVELS = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)")]
_ABSTRACT = {"91": _PART_LEVELS, "94": [("decimal", "%1.")], "98": _PART_LEVELS}
_INSTANCES = {"91": ("91", {}), "94": ("94", {}), "95": ("94", {}), "96": ("94", {0: 1}), "97": ("98", {0: 4})}


def drafted(*, word_lists: bool) -> bytes:
    """The plan of DRAFTED_BODY with its Phụ lục; labels typed, or Word's lists."""
    document = Document()
    for line in HEADER_TABS:
        document.add_paragraph(line)
    for line in TITLE:
        document.add_paragraph(line)
    document.add_paragraph(OPENING)
    if word_lists:
        _restarting_lists(document)
    for num, level, label, text in DRAFTED_BODY:
        paragraph = document.add_paragraph()
        if word_lists and num is not None:
            _in_list(paragraph, num, level)
            paragraph.add_run(text)
        else:
            paragraph.add_run(f"{label} {text}" if label else text)
    document.add_paragraph(CLOSING)
    for line in DRAFTED_SIGNATURE:
        document.add_paragraph(line)
    _appendix(document, DRAFTED_GROUPS)
    return _bytes(document)


def _restarting_lists(document: object) -> None:
    root = document.part.numbering_part.element  # type: ignore[attr-defined]
    for abstract_id, levels in reversed(_ABSTRACT.items()):
        _abstract_list(root, abstract_id, levels)
    for num_id, (abstract_id, restarts) in _INSTANCES.items():
        overrides = "".join(f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>' for level, start in restarts.items())
        root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'))


DRAFTED_FILES = {"ten-ngan-moc-lan-luot.docx": False, "danh-so-word-dat-lai.docx": True}


if __name__ == "__main__":
    # -- rebuild the stored fixtures, from tests/: python -m importer.handmade --
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "data" / "import"
    for name, word_lists in DRAFTED_FILES.items():
        (folder / name).write_bytes(drafted(word_lists=word_lists))
        print(folder / name)
