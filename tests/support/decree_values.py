"""What Nghị định 30/2020/NĐ-CP and the README's chosen values say a document looks like.

Written from ``shared/reference/decree-30.md`` (section numbers below) and the README's
"Choices where the reference leaves room", and deliberately NOT imported from
``cchc_docgen.decree30``: a test that reads its expected values from the renderer's own
constants checks a wrong constant against itself. When the decree or a chosen value
changes, this file changes by hand, in the same commit as the renderer.
"""

from __future__ import annotations

from dataclasses import dataclass

PT_PER_MM = 72 / 25.4

# §1: Times New Roman, in every font slot (ascii, hAnsi, eastAsia, cs).
FONT = "Times New Roman"
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
# -- on the page: LibreOffice draws Times New Roman itself where installed, else its
# metric-twin Liberation Serif (the same advance widths, §10); any other face is a wrong font --
PDF_FONT_FAMILIES = ("TimesNewRoman", "LiberationSerif")


@dataclass(frozen=True)
class Page:
    width: float  # mm
    height: float
    top: float
    bottom: float
    left: float
    right: float

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


# §1 paper A4; margins within top/bottom 20–25, left 30–35, right 15–20 mm; the suggested
# defaults 20/20/30/20 (160 mm of text). README: a landscape appendix keeps the binding
# margin on the left of the rotated page (open question 2).
PORTRAIT = Page(width=210, height=297, top=20, bottom=20, left=30, right=20)
LANDSCAPE = Page(width=297, height=210, top=20, bottom=20, left=30, right=20)
MARGIN_RANGES = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"  # §3.1
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# Sizes in points: the decree's own sample column (§1), as the README chose them.
SIZE = {
    "quoc_hieu": 12,
    "tieu_ngu": 13,
    "issuer": 12,
    "parent": 12,
    "number": 13,
    "date": 13,
    "title": 14,  # tên loại and trích yếu
    "body": 14,
    "signer": 14,
    "noi_nhan": 12,
    "recipient": 11,
    "page_number": 14,
    "appendix": 14,
}

# Body text (§1 and the README): justified, first-line indent 1.27 cm, 6 pt after, 1.15 lines.
BODY_INDENT_CM = 1.27
BODY_SPACE_AFTER_PT = 6.0
BODY_LINE_SPACING = 1.15
# README: headings (I., 1., a) with a title) are flush left, not justified, so a long bold
# heading that wraps is not stretched (§1 justifies body text; §7 leaves heading alignment open).
HEADING_STYLES = ("CCHCMuc", "CCHCTieuDe")
# §10: Word's and LibreOffice's "single" line for Times New Roman is about 1.15 × the size
# (16.1 pt at 14 pt), so 1.15 lines of 14 pt text put baselines 18.5 pt apart on the page.
SINGLE_LINE_EM = 1.15
LINE_PITCH_TOLERANCE_PT = 0.3

# Rules (§3.1, §3.2, §3.5; README): under the issuer and under the trích yếu 40 % of the line
# (the decree allows 1/3–1/2), a multi-line title's line being its longest printed line
# (open question 6, as the README now chooses); under the Tiêu ngữ exactly the motto's width. Measured on the page.
RULE_SHARE = 0.40
RULE_TOLERANCE_MM = 1.0

# §6.1.8: Nơi nhận about 45 %, signature about 55 % of the width.
SIGNATURE_LEFT_SHARE = 0.45
SIGNATURE_TOLERANCE = 0.01
# §4.2: practice leaves 4 empty lines for the signature and seal.
SIGNATURE_BLANK_LINES = 4

# §5: urgency stamps, width × height in mm.
URGENCY_BOX_MM = {"HỎA TỐC": (30, 8), "THƯỢNG KHẨN": (40, 8), "KHẨN": (20, 8)}

# §4.1: authority prefixes.
SIGNER_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")

# Secrecy stamps: §5 defers to the state-secret rules; Thông tư 24/2020/TT-BCA Mẫu số 02
# (README's choice): MẬT 20, TỐI MẬT 30, TUYỆT MẬT 40 × 8 mm, red ink (its Art. 3.2).
SECRECY_BOX_MM = {"MẬT": (20, 8), "TỐI MẬT": (30, 8), "TUYỆT MẬT": (40, 8)}
STAMP_BOX_MM = {**URGENCY_BOX_MM, **SECRECY_BOX_MM}
STAMP_RED = "FF0000"  # §5: "bright-red ink"
STAMP_TOLERANCE_MM = 0.3  # in the DOCX (twips rounding); on the page RULE_TOLERANCE_MM

# Appendix task tables (README's choice; the decree sets none): cell padding in mm, Word's
# 1.9 mm at the sides and 1 mm above and below, so text never touches a rule.
TASK_TABLE_CELL_MARGINS_MM = {"top": 1.0, "bottom": 1.0, "left": 1.9, "right": 1.9}
