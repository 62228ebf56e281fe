"""Word files typed the way drafters type them, built with python-docx for the tests."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

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
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{numbering}"/></w:numPr>'))
            paragraph.add_run(text)
        else:
            paragraph.add_run(f"{label} {text}" if label else text)
    document.add_paragraph(CLOSING)
    for line in SIGNATURE:
        document.add_paragraph(line)
    if appendix:
        document.add_paragraph("Phụ lục")
        document.add_paragraph("DANH MỤC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026")
        document.add_paragraph("(Kèm theo Kế hoạch số 12/KH-UBND ngày 10/01/2026 của Ủy ban nhân dân xã Hòa Bình)")
        rows = 1 + sum(1 + len(tasks) for _, tasks in GROUPS)
        table = document.add_table(rows=rows, cols=len(HEADER_ROW))
        for c, text in enumerate(HEADER_ROW):
            table.cell(0, c).text = text
        r = 1
        for group, tasks in GROUPS:
            merged = table.cell(r, 0).merge(table.cell(r, len(HEADER_ROW) - 1))
            merged.text = group
            r += 1
            for task in tasks:
                for c, text in enumerate(task):
                    table.cell(r, c).text = text
                r += 1
    return _bytes(document)


def _numbering(document: object) -> str:
    """A Word list: I. / 1. / a) / - / + on levels 0-4."""
    root = document.part.numbering_part.element  # type: ignore[attr-defined]
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"), ("bullet", "+")]
    xml = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>' for i, (fmt, text) in enumerate(levels))
    root.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{xml}</w:abstractNum>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"
