"""Nghị định 30/2020/NĐ-CP as data.

Every number the renderer writes and the layout tests check comes from here, so a
change to the decree (or to a province's house rules) is a change in one place.
Section numbers refer to ``shared/reference/decree-30.md``.
"""

from __future__ import annotations

from typing import NamedTuple

FONT = "Times New Roman"  # §1, Unicode TCVN 6909:2001
LANGUAGE = "vi-VN"

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


# -- The records below are named tuples, not frozen dataclasses: constants read by the
# render and the layout checks, made once at import, where @dataclass(frozen=True) compiled
# six methods per class (1.8 ms of every command's start-up, check included, for three
# records; a named tuple compiles one). Same fields, defaults, repr and immutability. --


class PageSetup(NamedTuple):
    """Page geometry in millimetres."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float
    header: float  # distance of the page-number line from the top edge

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


# §1 "Suggested defaults": top 20, bottom 20, left 30 (binding edge), right 20.
PORTRAIT = PageSetup(width=210, height=297, top=20, bottom=20, left=30, right=20, header=10)
# Open question 2 (landscape margins): the decree is silent. Real appendices keep the
# margins relative to the reading direction (binding edge on the left of the rotated
# page), which is what Word does when a drafter inserts a landscape section, so we do too.
LANDSCAPE = PageSetup(width=297, height=210, top=20, bottom=20, left=30, right=20, header=10)


class TextStyle(NamedTuple):
    """One paragraph style of the template: the decree's size and face for an element."""

    style_id: str
    name: str  # what the drafter sees in Word's style list
    size: float  # points
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # left | center | right | justify
    first_line_indent: float = 0.0  # centimetres
    space_before: float = 0.0  # points
    space_after: float = 0.0  # points
    line_spacing: float = 1.0  # multiple of single
    keep_with_next: bool = False


BODY_INDENT_CM = 1.27  # §1: 1 cm or 1.27 cm
BODY_SPACE_AFTER_PT = 6.0  # §1: at least 6 pt
BODY_LINE_SPACING = 1.15  # §1: from single up to 1.5 lines

# Headings of the plan (I., 1., a) with a title) are set flush left, not justified: §1's
# "justified on both sides" is the rule for body text (lower case, upright), and §7 fixes a
# heading's numbering and weight but not its alignment ("placement … is practice, not rule").
# Justified, a long bold heading that wraps has its first line stretched word from word;
# Word's own heading styles are left-aligned for that reason, and so are these.
HEADING_ALIGN = "left"

# Sizes follow the decree's own sample column (§1): Quốc hiệu 12, Tiêu ngữ 13, agency 12,
# Số 13, date 13, tên loại/trích yếu 14, body 14, signer 14, "Nơi nhận" 12, list 11,
# page number 14.
STYLES: tuple[TextStyle, ...] = (
    TextStyle("CCHCQuocHieu", "CCHC Quốc hiệu", 12, bold=True, align="center"),
    TextStyle("CCHCTieuNgu", "CCHC Tiêu ngữ", 13, bold=True, align="center"),
    TextStyle("CCHCCapTren", "CCHC Cơ quan cấp trên", 12, align="center"),
    TextStyle("CCHCCoQuan", "CCHC Cơ quan ban hành", 12, bold=True, align="center"),
    TextStyle("CCHCSoKyHieu", "CCHC Số, ký hiệu", 13, align="center", space_before=6),
    TextStyle("CCHCDiaDanh", "CCHC Địa danh, ngày tháng", 13, italic=True, align="center", space_before=6),
    TextStyle("CCHCDauMat", "CCHC Dấu mật, khẩn", 13, bold=True, align="left"),
    TextStyle("CCHCDuThao", "CCHC Dự thảo", 13, bold=True, align="center"),
    TextStyle("CCHCTenLoai", "CCHC Tên loại", 14, bold=True, align="center", space_before=12, keep_with_next=True),
    TextStyle("CCHCTrichYeu", "CCHC Trích yếu", 14, bold=True, align="center", keep_with_next=True),
    TextStyle("CCHCKemTheo", "CCHC Kèm theo", 14, italic=True, align="center", keep_with_next=True),
    TextStyle("CCHCDuongKe", "CCHC Đường kẻ", 2, align="center", space_after=6),
    TextStyle("CCHCThamQuyen", "CCHC Thẩm quyền", 14, bold=True, align="center", space_before=6, space_after=6, keep_with_next=True),
    TextStyle("CCHCCanCu", "CCHC Căn cứ", 14, italic=True, first_line_indent=BODY_INDENT_CM, space_after=BODY_SPACE_AFTER_PT, line_spacing=BODY_LINE_SPACING),
    TextStyle("CCHCMuc", "CCHC Mục (I.)", 14, bold=True, align=HEADING_ALIGN, first_line_indent=BODY_INDENT_CM, space_before=6, space_after=BODY_SPACE_AFTER_PT, line_spacing=BODY_LINE_SPACING, keep_with_next=True),
    TextStyle("CCHCTieuDe", "CCHC Tiêu đề (1., a))", 14, bold=True, align=HEADING_ALIGN, first_line_indent=BODY_INDENT_CM, space_after=BODY_SPACE_AFTER_PT, line_spacing=BODY_LINE_SPACING, keep_with_next=True),
    TextStyle("CCHCThan", "CCHC Thân văn bản", 14, first_line_indent=BODY_INDENT_CM, space_after=BODY_SPACE_AFTER_PT, line_spacing=BODY_LINE_SPACING),
    TextStyle("CCHCPhuLuc", "CCHC Phụ lục", 14, bold=True, align="center", keep_with_next=True),
    TextStyle("CCHCPhuLucTieuDe", "CCHC Tên phụ lục", 14, bold=True, align="center", keep_with_next=True),
    TextStyle("CCHCNoiNhanTieuDe", "CCHC Nơi nhận", 12, bold=True, italic=True, align="left"),
    TextStyle("CCHCNoiNhan", "CCHC Danh sách nơi nhận", 11, align="left"),
    TextStyle("CCHCChucVu", "CCHC Thẩm quyền ký", 14, bold=True, align="center"),
    TextStyle("CCHCHoTen", "CCHC Họ tên người ký", 14, bold=True, align="center"),
    TextStyle("CCHCBangTieuDe", "CCHC Bảng - tiêu đề cột", 13, bold=True, align="center"),
    TextStyle("CCHCBangNhom", "CCHC Bảng - nhóm", 13, bold=True, align="left"),
    TextStyle("CCHCBang", "CCHC Bảng - nội dung", 13, align="left"),
    TextStyle("CCHCSoTrang", "CCHC Số trang", 14, align="center"),
    TextStyle("CCHCDanhDau", "CCHC Chỗ đặt (không sửa)", 2, align="left"),
)
STYLE_BY_ID = {s.style_id: s for s in STYLES}

RECIPIENT_MARK = "- "  # §4.4: each Nơi nhận entry starts so; a wrapped entry hangs by its width
SIGNATURE_BLANK_LINES = 4  # §4.2: practice leaves 4 empty 14 pt lines for the signature
HEADER_LEFT_MM = 62.0  # §10: with 160 mm of text the right cell needs ≳ 98 mm at 12/13 pt
SIGNATURE_LEFT_SHARE = 0.45  # §6.1.8: Nơi nhận about 45 %, signature about 55 %
ISSUER_RULE_SHARE = 0.4  # §3.2: 1/3 to 1/2 of the issuing name's line
TITLE_RULE_SHARE = 0.4  # §3.5: 1/3 to 1/2 of the line; open question 6 (multi-line) below
RULE_WEIGHT_EIGHTHS = 6  # 0.75 pt, a "solid" rule

# Urgency boxes, §5: width × height in millimetres, single border, capitals 13–14 bold,
# centred, bright-red ink.
URGENCY_BOX_MM = {"HỎA TỐC": (30, 8), "THƯỢNG KHẨN": (40, 8), "KHẨN": (20, 8)}
SECRECY_MARKS = ("MẬT", "TỐI MẬT", "TUYỆT MẬT")
# Secrecy boxes: §5 leaves them to the state-secret rules, whose stamp forms (Thông tư
# 24/2020/TT-BCA, Mẫu số 02, as the stamp makers reproduce it) are 20, 30 and 40 × 8 mm
# rectangles in red ink (Art. 3.2) with the mark in capitals, 13 pt bold. Those forms draw
# two borders 1 mm apart; a paragraph border cannot space a double line that far, so the
# box is single, of the form's outer size.
SECRECY_BOX_MM = {"MẬT": (20, 8), "TỐI MẬT": (30, 8), "TUYỆT MẬT": (40, 8)}
STAMP_BOX_MM = {**URGENCY_BOX_MM, **SECRECY_BOX_MM}
STAMP_COLOUR = "FF0000"  # §5: "bright-red ink", for urgency and (Art. 3.2 above) secrecy
STAMP_BORDER_EIGHTHS = 8  # a 1 pt single line
STAMP_BORDER_SPACE_PT = 3  # between text and border, top and bottom (Word's unit: whole points)
STAMP_SIDE_SPACE_PT = 1  # between text and the side borders (the box's width is fixed anyway)


class CellMargins(NamedTuple):
    """Padding inside a table cell, in millimetres."""

    top: float
    bottom: float
    left: float
    right: float


# Appendix task tables. The decree sets no padding; text touching the rules reads as
# machine-made. Word's own default for a new table is 1.9 mm at the sides and none above
# and below; a clerk's table adds about a millimetre above and below.
TASK_TABLE_CELL_MARGINS = CellMargins(top=1.0, bottom=1.0, left=1.9, right=1.9)
TASK_TABLE_BORDER_EIGHTHS = 4  # 0.5 pt single rules
# Columns sized to their content: the narrow centred ones (number, deadline) as wide as
# their longest cell, never wider than this share of the table (a longer deadline wraps
# at a word boundary instead of starving the task's own text).
TASK_TABLE_MEASURED_COLUMNS = ("stt", "thoi_han")
TASK_TABLE_MEASURED_MAX_SHARE = 0.2

# §8, Phụ lục III: abbreviations of document types. Công văn has none.
TYPE_ABBREVIATIONS = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}

# §9: district-level units ceased to operate on 01/7/2025 (Luật 72/2025/QH15).
TWO_TIER_REFORM_DATE = (2025, 7, 1)

# Authority prefixes, §4.1, in the order they stack.
SIGNER_PREFIXES = ("TM.", "TL.", "TUQ.", "KT.", "Q.")
