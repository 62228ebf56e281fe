"""Build the default Word template from the Decree 30 data.

The template is committed (templates/cchc.docx) so a drafter can open it in Word and
restyle it; this module is how we regenerate it when decree30.py changes, so the sizes
in the template and the sizes the tests check never drift apart:

    python -m cchc_docgen.template_build templates/cchc.docx

Each kind of paragraph the view produces has one paragraph in the template, carrying the
style a drafter may change. A block that never prints holds one sample
paragraph per style, by which a restyled copy's styles are found (``styles``). The skeleton
(header block, signature, tables, section breaks, page numbers) is not in the template: the render step splices it in (``skeleton``)
and the post-processor sets up pages and numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import decree30
from .styles import sample_text

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}

# (view block kind, style id, runs): a run is (jinja expression, bold override)
BRANCHES: tuple[tuple[str, str, tuple[tuple[str, bool | None], ...]], ...] = (
    # -- most frequent first: the template tests these in order for every paragraph --
    ("than", "CCHCThan", (("b.label", None), ("b.text", None))),
    ("tieu_de", "CCHCTieuDe", (("b.label", None), ("b.text", None))),
    ("than_dam", "CCHCThan", (("b.label", True), ("b.text", None))),
    ("muc", "CCHCMuc", (("b.label", None), ("b.text", None))),
    ("can_cu", "CCHCCanCu", (("b.text", None),)),
    ("danh_dau", "CCHCDanhDau", (("b.text", None),)),
    ("duong_ke", "CCHCDuongKe", ()),
    ("ten_loai", "CCHCTenLoai", (("b.text", None),)),
    ("trich_yeu", "CCHCTrichYeu", (("b.text", None),)),
    ("kem_theo", "CCHCKemTheo", (("b.text", None),)),
    ("tham_quyen", "CCHCThamQuyen", (("b.text", None),)),
    ("phu_luc", "CCHCPhuLuc", (("b.text", None),)),
    ("phu_luc_tieu_de", "CCHCPhuLucTieuDe", (("b.text", None),)),
)


def build(path: Path) -> None:
    document = Document()
    _defaults(document)
    for spec in decree30.STYLES:
        _style(document, spec)
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)
    _control(document, "{%p for b in blocks %}")
    for index, (kind, style_id, runs) in enumerate(BRANCHES):
        keyword = "if" if index == 0 else "elif"
        _control(document, f'{{%p {keyword} b.kind == "{kind}" %}}')
        paragraph = document.add_paragraph(style=document.styles[_style_name(style_id)])
        for expression, bold in runs:
            run = paragraph.add_run("{{ " + expression + " }}")
            if bold is not None:
                run.bold = bold
    _control(document, "{%p endif %}")
    _control(document, "{%p endfor %}")
    _samples(document)
    section = document.sections[0]
    page = decree30.PORTRAIT
    section.page_width, section.page_height = Cm(page.width / 10), Cm(page.height / 10)
    section.top_margin, section.bottom_margin = Cm(page.top / 10), Cm(page.bottom / 10)
    section.left_margin, section.right_margin = Cm(page.left / 10), Cm(page.right / 10)
    _prune_styles(document)
    core = document.core_properties
    core.author = "cchc_docgen"
    core.title = "Mẫu văn bản cải cách hành chính (Nghị định 30/2020/NĐ-CP)"
    core.comments = "Có thể sửa kiểu chữ (Styles) của các đoạn CCHC; không xóa các dòng {% … %} và {{ … }}."
    document.save(str(path))


# Styles every document needs besides ours: the defaults Word falls back on, and the
# header/footer styles python-docx's header part refers to.
_KEPT_STYLE_IDS = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "Footer"}


def _prune_styles(document: object) -> None:
    """Keep only the styles the documents use: python-docx's stock template carries ~190,
    and every render re-reads them (365 kB of styles.xml against 19 kB pruned)."""
    styles = document.styles.element  # type: ignore[attr-defined]
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    keep = {s.style_id for s in decree30.STYLES} | _KEPT_STYLE_IDS
    pending = list(keep)
    while pending:  # -- and whatever they are based on or linked to --
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in keep:
                keep.add(ref.get(qn("w:val")))
                pending.append(ref.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in keep:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    part = document.part  # type: ignore[attr-defined]
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # -- a picture of python-docx's sample document --
            package_rels.pop(rel_id)


def _style_name(style_id: str) -> str:
    return decree30.STYLE_BY_ID[style_id].name


def _samples(document: object) -> None:
    """One paragraph per style, in a block that never prints: Word and LibreOffice keep a
    paragraph's reference to its style right whatever they rename, so these are how a
    restyled template's styles are found (``styles``)."""
    _control(document, "{%p if false %}")
    _control(document, SAMPLES_NOTE)
    for spec in decree30.STYLES:
        document.add_paragraph(sample_text(spec), style=document.styles[spec.name])  # type: ignore[attr-defined]
    _control(document, "{%p endif %}")


SAMPLES_NOTE = "Các đoạn dưới đây chỉ để giữ kiểu chữ, không in ra văn bản. Có thể sửa kiểu chữ hoặc đổi tên kiểu; đừng xóa hay sửa chữ trong các đoạn này."


def _control(document: object, text: str) -> None:
    document.add_paragraph(text)  # type: ignore[attr-defined]


def _defaults(document: object) -> None:
    styles = document.styles  # type: ignore[attr-defined]
    normal = styles["Normal"]
    normal.font.name = decree30.FONT
    normal.font.size = Pt(14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), decree30.FONT)


def _style(document: object, spec: decree30.TextStyle) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
    style.element.set(qn("w:styleId"), spec.style_id)
    style.base_style = document.styles["Normal"]  # type: ignore[attr-defined]
    style.quick_style = True
    font = style.font
    font.name = decree30.FONT
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    fonts = style.element.rPr.find(qn("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), decree30.FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), decree30.LANGUAGE)
    style.element.rPr.append(lang)
    fmt = style.paragraph_format
    fmt.alignment = ALIGN[spec.align]
    fmt.first_line_indent = Cm(spec.first_line_indent) if spec.first_line_indent else Cm(0)
    fmt.left_indent = Cm(0)
    fmt.right_indent = Cm(0)
    fmt.space_before = Pt(spec.space_before)
    fmt.space_after = Pt(spec.space_after)
    fmt.line_spacing = spec.line_spacing
    fmt.keep_with_next = spec.keep_with_next
    fmt.widow_control = True


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/cchc.docx"))
