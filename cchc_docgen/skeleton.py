"""The skeleton the template must not get wrong, written as WordprocessingML text from the
view and spliced into the filled template.

Templates fill text; this module owns what Decree 30 fixes to the millimetre and what a
drafter's Word would silently break: the header block with its rules under the issuer and
the motto, the signature block, the appendix task tables, the section breaks between a
decision, a plan and its landscape appendices, and the rule under each title, sized to it.
The template prints one marker paragraph per skeleton item (its text is the item's index in
``view.skeleton``); the marker becomes the item. Every size and length comes from
``decree30``.

It works on text because that is where it is cheap: python-docx builds a table call by call,
each child placed in schema order by a search, and parsing the body to find paragraphs, then
moving parsed tables into it and writing it all out again, cost most of a seed plan's time.
Only paragraphs at the top of the body are markers, rules or titles (the body's children, as
the tree would have them); those inside a template's own tables or text boxes are told apart
by their nesting. A paragraph's properties are edited as an element, the same few in every
document, so each distinct edit is made once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from . import decree30, kept, skeleton_parts, vn
from .errors import TemplateError
from .metrics import text_width_mm
from .skeleton_parts import RULE_STYLE
from .styles import ParagraphStyles
from .view import DocumentView, Header, SectionBreak, Signature, TaskTable
from .wml import qn
from .xmltext import as_text, element_end, parse

MARKER_STYLE = "CCHCDanhDau"
TITLE_STYLES = ("CCHCTrichYeu", "CCHCPhuLucTieuDe")  # -- rules under these are sized to them (§3.5, §5) --
# -- every style this module looks up in the template (the others only its own paragraphs use) --
STYLES_USED = (MARKER_STYLE, RULE_STYLE, *TITLE_STYLES, "CCHCDuThao", "CCHCCapTren", "CCHCCoQuan", "CCHCQuocHieu", "CCHCTieuNgu",
               "CCHCSoKyHieu", "CCHCDauMat", "CCHCDiaDanh", "CCHCNoiNhanTieuDe", "CCHCNoiNhan", "CCHCChucVu", "CCHCHoTen",
               "CCHCBangTieuDe", "CCHCBangNhom", "CCHCBang")  # fmt: skip


def splice(xml: str, view: DocumentView, styles: ParagraphStyles) -> str:
    """The filled template's body ``xml`` with each marker paragraph replaced by its skeleton
    item and each rule under a title sized to the title."""
    needles = {_needle(styles, style_id): style_id for style_id in (MARKER_STYLE, RULE_STYLE, *TITLE_STYLES)}
    found = _top_paragraphs(xml, needles)
    # -- each marker's text is the index of its item; rules look ahead to the next break --
    items = _marked_items(xml, found, view)
    if not found:
        return xml
    marker = next(needle for needle, style_id in needles.items() if style_id == MARKER_STYLE)
    out: list[str] = []
    done = 0
    title = ""
    for position, (start, end, style_id) in enumerate(found):
        paragraph = xml[start:end]
        if style_id in TITLE_STYLES:
            title = vn.plain(_paragraph_text(paragraph))
            continue
        if start > done:
            out.append(xml[done:start])
        done = end
        if style_id == RULE_STYLE:
            available = _text_width(_orientation_after(xml, found[position + 1 :], items, end, view))
            # -- a title broken into lines (trich_yeu as a list) is as wide as its longest line: open
            # question 6 of the decree notes; real plans draw the rule under the longest line --
            widest = max(text_width_mm(part, decree30.STYLE_BY_ID["CCHCTrichYeu"].size, bold=True) for part in title.split("\n"))
            line = min(widest, available)
            out.append(_with_ppr(paragraph, _rule_properties, line * decree30.TITLE_RULE_SHARE, available))
            continue
        item = items[start]
        if isinstance(item, SectionBreak):
            sect = f'<w:sectPr w:orient-hint="{item.orientation}"/>'  # -- read back by post-processing, then removed --
            if out and out[-1].endswith("</w:p>") and marker not in _last_paragraph(out[-1])[1]:
                out[-1] = _with_last_paragraph(out[-1], _appended, sect)
            else:
                out.append(_with_ppr(_cleared(paragraph), _appended, sect))
            continue
        # -- headers and signatures open and close portrait documents; task tables are landscape --
        width = _text_width("landscape" if isinstance(item, TaskTable) else "portrait")
        if isinstance(item, Header):
            out.append(skeleton_parts.header_xml(item, width, styles))
        elif isinstance(item, Signature):
            if out and out[-1].endswith("</w:p>"):
                # -- the last lines of the body go with the signature, never leaving it alone on a page --
                out[-1] = _with_last_paragraph(out[-1], _kept_with_next)
            out.append(skeleton_parts.signature_xml(item, width, styles))
        else:
            out.append(skeleton_parts.task_table_xml(item, width, styles))
        if not xml.startswith(("<w:p>", "<w:p "), end):
            out.append(_cleared(paragraph))  # -- a table cannot end the body: the marker stays, empty --
    out.append(xml[done:])
    return "".join(out)


# -- the marker paragraphs: one per skeleton item, each holding its index --
def _marked_items(xml: str, found: list[tuple[int, int, str]], view: DocumentView) -> dict[int, object]:
    """The skeleton item each marker paragraph stands for, by the paragraph's start. A
    drafter may have typed into a marker, applied its style to another paragraph, or
    deleted or duplicated the marker line of the template: each is a message, since the
    document would otherwise lose (or repeat) its header, signature or appendix table."""
    items: dict[int, object] = {}
    seen: dict[int, int] = {}
    style = decree30.STYLE_BY_ID[MARKER_STYLE].name
    for start, end, style_id in found:
        if style_id != MARKER_STYLE:
            continue
        text = _paragraph_text(xml[start:end])
        if not (text.isascii() and text.isdigit() and str(int(text)) == text and int(text) < len(view.skeleton)):
            before = _paragraph_text(_last_paragraph(xml[:start])[1]) if start else ""
            raise TemplateError(
                f"mẫu có một đoạn kiểu '{style}' chứa {_quoted(text)}"
                + (f" (sau đoạn {_quoted(before)})" if before.strip() else "")
                + "; đoạn kiểu này chỉ được chứa đúng dòng {{ b.text }} của nhánh b.kind == \"danh_dau\", nơi chương trình đặt "
                "phần đầu văn bản, khối chữ ký, bảng phụ lục và ngắt trang.\n"
                "    Gợi ý: đổi đoạn đó sang kiểu khác (ví dụ CCHC Thân văn bản), hoặc trả đoạn đặt chỗ về đúng một dòng {{ b.text }}."
            )
        index = int(text)
        seen[index] = seen.get(index, 0) + 1
        items[start] = view.skeleton[index]
    missing = [index for index in range(len(view.skeleton)) if seen.get(index) != 1]
    if missing:
        index = missing[0]
        twice = seen.get(index, 0) > 1
        raise TemplateError(
            f"mẫu {'in hai lần' if twice else 'không in'} {_ITEM_NAMES[type(view.skeleton[index])]}: đoạn kiểu '{style}' "
            f"(dòng {{{{ b.text }}}} của nhánh b.kind == \"danh_dau\") {'bị lặp' if twice else 'đã bị xóa hoặc không còn kiểu này'}.\n"
            f"    Gợi ý: trong nhánh {{%p elif b.kind == \"danh_dau\" %}} của mẫu giữ đúng một đoạn kiểu '{style}' chỉ chứa {{{{ b.text }}}}."
        )
    return items


_ITEM_NAMES = {Header: "phần đầu văn bản (quốc hiệu, cơ quan, số, ngày)", Signature: "khối chữ ký và nơi nhận",
               TaskTable: "bảng nhiệm vụ của phụ lục", SectionBreak: "chỗ ngắt trang đổi hướng giấy"}  # fmt: skip


def _quoted(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "…")


# -- finding the paragraphs --
def _needle(styles: ParagraphStyles, style_id: str) -> str:
    value = styles.value_for(style_id)
    if value is None:
        raise TemplateError(
            f"kiểu đoạn '{decree30.STYLE_BY_ID[style_id].name}' của mẫu đang là kiểu mặc định của mẫu, nên không dùng được để đánh dấu.\n"
            "    Gợi ý: trong Word, đặt lại kiểu mặc định là Normal."
        )
    return f'<w:pStyle w:val="{value}"/>'


def _top_paragraphs(xml: str, needles: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, style id) of each paragraph at the top of the body shown in one of the
    needles' styles, in document order."""
    nested = _nested_spans(xml)
    found = []
    for needle, style_id in needles.items():
        at = xml.find(needle)
        while at >= 0:
            start = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
            end = xml.find("</w:p>", at) + len("</w:p>")
            if start >= 0 and not _inside(nested, start) and xml.find("<w:pPr", start, at) >= 0:
                found.append((start, end, style_id))
            at = xml.find(needle, at + len(needle))
    found.sort()
    return found


_NESTING = re.compile(r"<(/?)w:(tbl|txbxContent)([ >])")


def _nested_spans(xml: str) -> list[tuple[int, int]]:
    """The outermost tables and text boxes of the body: paragraphs inside are not the body's."""
    if "<w:tbl" not in xml and "<w:txbxContent" not in xml:
        return []
    spans = []
    depth = 0
    opened = 0
    for tag in _NESTING.finditer(xml):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                spans.append((opened, tag.end()))
        else:
            if depth == 0:
                opened = tag.start()
            depth += 1
    return spans


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


_TEXT_PIECE = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:(tab|br|cr|noBreakHyphen)\b[^>]*/>")


def _unescaped(text: str) -> str:
    """``html.unescape``, imported only for a text that has something to unescape."""
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


def _paragraph_text(paragraph: str) -> str:
    """What python-docx's ``paragraph.text`` reads: texts, tabs and line breaks."""
    pieces = []
    for piece in _TEXT_PIECE.finditer(paragraph):
        if piece.group(2):
            pieces.append({"tab": "\t", "noBreakHyphen": "-"}.get(piece.group(2), "\n"))
        else:
            pieces.append(_unescaped(piece.group(1)))
    return "".join(pieces)


def _orientation_after(xml: str, following: list[tuple[int, int, str]], items: dict[int, object], end: int, view: DocumentView) -> str:
    """The orientation of the section a rule sits in: that of the first section break after
    it (a marker's, or one of the template's own, portrait), or the document's last."""
    own = xml.find("<w:sectPr", end)
    last = xml.rfind("<w:sectPr")
    for start, _, _ in following:
        if own >= 0 and own < start:
            break
        item = items.get(start)
        if isinstance(item, SectionBreak):
            return item.orientation
    if own >= 0 and own != last:
        return "portrait"
    return view.last_orientation


def _last_paragraph(text: str) -> tuple[int, str]:
    start = max(text.rfind("<w:p>"), text.rfind("<w:p "))
    return start, text[start:]


def _with_last_paragraph(text: str, change: Callable[..., str], *args: object) -> str:
    """``text`` with ``_with_ppr`` applied to the paragraph it ends with."""
    start, paragraph = _last_paragraph(text)
    return text[:start] + _with_ppr(paragraph, change, *args)


# -- editing a paragraph's properties --
def _cleared(paragraph: str) -> str:
    """The paragraph without its runs (python-docx: remove every w:r)."""
    return _RUN.sub("", paragraph)


_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>|<w:r/>", re.DOTALL)


def _with_ppr(paragraph: str, change: Callable[..., str], *args: object) -> str:
    """``paragraph`` with its w:pPr (its children as text) replaced by ``change(children, *args)``."""
    opening_end = paragraph.index(">") + 1
    rest = paragraph[opening_end:]
    children, after = "", rest
    if rest.startswith("<w:pPr"):
        end = element_end(rest, 0, "w:pPr")
        ppr = rest[:end]
        if not ppr.endswith("/>"):
            children = ppr[ppr.index(">") + 1 : -len("</w:pPr>")]
        after = rest[end:]
    return f"{paragraph[:opening_end]}<w:pPr>{change(children, *args)}</w:pPr>{after}"


def _appended(children: str, element: str) -> str:
    return children + element


def _kept_with_next(children: str) -> str:
    """``paragraph_format.keep_with_next = True``."""
    return _edited(children, "<w:keepNext/>", ("w:keepNext",))


def _rule_properties(children: str, length_mm: float, available_mm: float) -> str:
    """The rule of ``_rule_ppr`` on a paragraph the template made."""
    return _edited(children, skeleton_parts.rule_ppr(length_mm, available_mm), ("w:pBdr", "w:ind"))


@kept.remembered
def _edited(children: str, added: str, dropped: tuple[str, ...]) -> str:
    """pPr ``children`` without the ``dropped`` elements and with ``added`` put where the
    schema's sequence puts them, edited as python-docx would edit them. The template makes
    the same few paragraphs in every document, so each edit is worked out once."""
    ppr = parse(f"<w:pPr>{children}</w:pPr>")
    for tag in dropped:
        for existing in ppr.findall(qn(tag)):
            ppr.remove(existing)
    for element in list(parse(f"<w:pPr>{added}</w:pPr>")):
        insert_in_order(ppr, element, _PPR_ORDER)
    text = as_text(ppr)
    return text[text.index(">") + 1 : text.rindex("</w:pPr>")]


_PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
              "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
              "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
              "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
              "w:rPr", "w:sectPr", "w:pPrChange"]  # fmt: skip


def insert_in_order(parent: object, child: object, order: list[str]) -> None:
    """Insert where the schema's sequence puts it; Word rejects children out of order."""
    rank = order.index(_prefixed(child.tag))  # type: ignore[attr-defined]
    for index, existing in enumerate(list(parent)):  # type: ignore[call-overload]
        tag = _prefixed(existing.tag)
        if tag in order and order.index(tag) > rank:
            parent.insert(index, child)  # type: ignore[attr-defined]
            return
    parent.append(child)  # type: ignore[attr-defined]


def _prefixed(tag: str) -> str:
    return "w:" + tag.split("}", 1)[1]


def _text_width(orientation: str) -> float:
    return (decree30.LANDSCAPE if orientation == "landscape" else decree30.PORTRAIT).text_width
