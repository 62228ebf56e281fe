"""Decree 30 facts measured on the page LibreOffice lays out, not computed from the DOCX.

A rule's length, a line's width, the face a glyph is drawn in and where the page number
sits only exist once an office suite has laid the document out. The PDF is read with
pdfplumber, which gives each word's box with its font and each drawn line (a paragraph
border becomes a stroked path) in one coordinate system, in points from the top left.
The expected values come from ``decree_values``; nothing here uses the renderer's
``decree30`` or ``metrics``.
"""

from __future__ import annotations

import itertools
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

from . import decree_values as dv
from .decree_checks import Facts

MM = dv.PT_PER_MM  # points per millimetre
TOLERANCE = dv.RULE_TOLERANCE_MM * MM


class _Span:
    """What a segment and a rule share: a horizontal extent, measured the same way."""

    x0: float
    x1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Segment(_Span):
    """Words on one baseline with no wide gap between them: one line of one table cell."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool
    size: float


@dataclass(frozen=True)
class Rule(_Span):
    """A drawn horizontal line: a paragraph border under the issuer or the Quốc hiệu."""

    x0: float
    x1: float
    top: float


def segments(page: Any) -> list[Segment]:
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
    lines: dict[float, list[dict[str, Any]]] = {}
    for word in words:
        lines.setdefault(round(word["bottom"], 0), []).append(word)
    result = []
    for _, line in sorted(lines.items()):
        line.sort(key=lambda w: w["x0"])
        group = [line[0]]
        for word in line[1:]:
            gap, previous = word["x0"] - group[-1]["x1"], group[-1]
            # -- a space is ~0.25 em and a blank left for a number ~2 em; a gap between cells is wider, or changes the face --
            if gap > 2.5 * word["size"] or (gap > 0.8 * word["size"] and (word["fontname"], word["size"]) != (previous["fontname"], previous["size"])):
                result.append(_segment(group))
                group = []
            group.append(word)
        result.append(_segment(group))
    return result


def _segment(words: list[dict[str, Any]]) -> Segment:
    return Segment(" ".join(w["text"] for w in words), words[0]["x0"], words[-1]["x1"], min(w["top"] for w in words),
                   max(w["bottom"] for w in words), all("Bold" in w["fontname"] for w in words), max(w["size"] for w in words))  # fmt: skip


def rules(page: Any) -> list[Rule]:
    """Horizontal strokes, once each (LibreOffice strokes a border twice), top to bottom."""
    seen = {(round(line["x0"], 1), round(line["x1"], 1), round(line["top"], 1)) for line in page.lines if abs(line["top"] - line["bottom"]) < 0.1}
    return [Rule(x0, x1, top) for x0, x1, top in sorted(seen, key=lambda r: (r[2], r[0]))]


def pdf_fonts(pdf: Path) -> list[str]:
    """The base names of every font in the PDF, as poppler's pdffonts lists them."""
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [line.split()[0].split("+", 1)[-1] for line in listing if line.strip()]


def top_margin_texts(pdf: Path, page_width_pt: float) -> list[str]:
    """What each page prints in its top margin (where the page number goes), page by page."""
    height = str(int(dv.PORTRAIT.top * MM) - 1)
    text = subprocess.run(["pdftotext", "-x", "0", "-y", "0", "-W", str(int(page_width_pt) + 300), "-H", height, str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def _mm(points: float) -> float:
    return round(points / MM, 2)


def _rule_below(rules_: list[Rule], segment: Segment, within: float = 60) -> Rule | None:
    below = [r for r in rules_ if segment.bottom <= r.top <= segment.bottom + within and r.x0 < segment.x1 and r.x1 > segment.x0]
    return below[0] if below else None


def check_pdf(pdf: Path, titles: list[str], urgency: str | None, sections: int, facts: Facts) -> None:
    """``titles``: the text of each trích yếu in the document, in order; ``sections``: how
    many sections (each paginated on its own) the DOCX has."""
    fonts = pdf_fonts(pdf)
    wrong = [f for f in fonts if not f.startswith(dv.PDF_FONT_FAMILIES)]
    facts.check("page: every glyph is drawn in Times New Roman (or its metric twin)", fonts and not wrong, wrong)
    with pdfplumber.open(pdf) as document:
        pages = document.pages
        sizes = [(_mm(p.width), _mm(p.height)) for p in pages]
        facts.check("page: every page is A4", all(sorted((round(w), round(h))) == [dv.PORTRAIT.width, dv.PORTRAIT.height] for w, h in sizes), sizes)
        first = pages[0]
        found = segments(first)
        _header(found, rules(first), facts)
        if urgency:
            _urgency(found, first, urgency, facts)
        remaining = list(titles)
        for page in pages:
            if not remaining:
                break
            page_segments = segments(page) if page is not first else found
            page_rules = rules(page)
            while remaining and _title(page_segments, page_rules, remaining[0], page.width, facts):
                remaining.pop(0)
        facts.check("page: every trích yếu is printed under its tên loại", not remaining, remaining)
        _running_text([found] + ([segments(pages[1])] if len(pages) > 1 and pages[1].width < pages[1].height else []), facts)
        landscape = [p for p in pages if p.width > p.height]
        if landscape:
            _task_table_page(landscape[0], facts)
        _page_numbers(pdf, pages, sections, facts)


def _header(found: list[Segment], rules_: list[Rule], facts: Facts) -> None:
    national = [s for s in found if s.text == dv.QUOC_HIEU]
    facts.check("page: the Quốc hiệu is printed on one line", len(national) == 1, [s.text for s in found[:4]])
    motto = next((s for s in found if s.text == dv.TIEU_NGU), None)
    facts.check("page: the Tiêu ngữ is printed on one line", motto is not None)
    if not national or motto is None:
        return
    facts.check("page: the Quốc hiệu is 12 pt and the Tiêu ngữ 13 pt", (national[0].size, motto.size) == (dv.SIZE["quoc_hieu"], dv.SIZE["tieu_ngu"]),
                (national[0].size, motto.size))  # fmt: skip
    rule = _rule_below(rules_, motto, within=20)
    facts.check("page: a rule is drawn under the Tiêu ngữ", rule is not None)
    if rule is not None:
        facts.check("page: the rule under the Tiêu ngữ is as long as the motto (± 1 mm)", abs(rule.width - motto.width) <= TOLERANCE,
                    (_mm(rule.width), _mm(motto.width)))  # fmt: skip
        facts.check("page: the rule under the Tiêu ngữ is centred under it", abs(rule.centre - motto.centre) <= TOLERANCE, (_mm(rule.centre), _mm(motto.centre)))
    # -- the issuer: the bold lines of the left cell, above the first rule left of the Quốc hiệu --
    issuer_rule = next((r for r in rules_ if r.x1 < national[0].x0 and r.top < motto.bottom + 40), None)
    facts.check("page: a rule is drawn under the issuing body", issuer_rule is not None)
    if issuer_rule is None:
        return
    issuer = [s for s in found if s.bottom <= issuer_rule.top and s.x1 < national[0].x0 and s.bold]
    parent = [s for s in found if s.bottom <= issuer_rule.top and s.x1 < national[0].x0 and not s.bold]
    facts.check("page: the issuing body is printed in bold capitals, 12 pt", issuer and all(s.text == s.text.upper() and s.size == dv.SIZE["issuer"] for s in issuer),
                [(s.text, s.size) for s in issuer])  # fmt: skip
    facts.check("page: a parent body sits above the issuer", all(p.bottom <= min(s.top for s in issuer) + 0.5 for p in parent) if issuer else True)
    if not issuer:
        return
    longest = max(issuer, key=lambda s: s.width)
    expected = dv.RULE_SHARE * longest.width
    facts.check("page: the issuer's rule is 40 % of its longest line (± 1 mm)", abs(issuer_rule.width - expected) <= TOLERANCE,
                (_mm(issuer_rule.width), _mm(expected), longest.text))  # fmt: skip
    facts.check("page: the issuer's rule is centred under it", abs(issuer_rule.centre - longest.centre) <= TOLERANCE, (_mm(issuer_rule.centre), _mm(longest.centre)))


def _urgency(found: list[Segment], page: Any, mark: str, facts: Facts) -> None:
    stamp = next((s for s in found if s.text == mark), None)
    facts.check(f"page: the {mark} stamp is printed", stamp is not None)
    if stamp is None:
        return
    facts.check(f"page: the {mark} stamp is boxed", len(stamp_box(page, stamp)) == 2)


def stamp_box(page: Any, stamp: Segment) -> list[Rule]:
    """The top and bottom edges of the box drawn around a stamp's text."""
    return [r for r in rules(page) if stamp.top - 15 <= r.top <= stamp.bottom + 15 and r.x0 <= stamp.x0 and r.x1 >= stamp.x1]


def _title(found: list[Segment], rules_: list[Rule], title: str, page_width: float, facts: Facts) -> bool:
    """Find the trích yếu (wrapped over one or more centred lines) and check the rule under it."""
    wanted = " ".join(title.split())
    for start, segment in enumerate(found):
        if not segment.bold or not wanted.startswith(segment.text):
            continue
        lines, text = [segment], segment.text
        for following in found[start + 1 :]:
            if text == wanted or not following.bold:
                break
            if not wanted.startswith(f"{text} {following.text}"):
                break
            lines.append(following)
            text = f"{text} {following.text}"
        if text != wanted:
            continue
        facts.check(f"page: the trích yếu {wanted[:30]!r} is bold 14 pt", all(s.size == dv.SIZE["title"] for s in lines), [s.size for s in lines])
        landscape = page_width > 700
        text_width = (dv.LANDSCAPE if landscape else dv.PORTRAIT).text_width * MM
        # -- open question 6: a title the drafter broke into lines is measured on its longest line;
        # one that wraps by itself, on the line capped at the text width --
        line = lines[0].width if len(lines) == 1 else max(s.width for s in lines) if "\n" in title else text_width
        rule = _rule_below(rules_, lines[-1], within=80)
        facts.check(f"page: a rule is drawn under the trích yếu {wanted[:30]!r}", rule is not None)
        if rule is not None:
            expected = dv.RULE_SHARE * line
            facts.check("page: the trích yếu's rule is 40 % of its line (± 1 mm)", abs(rule.width - expected) <= TOLERANCE, (_mm(rule.width), _mm(expected), len(lines)))
            centre = (dv.PORTRAIT.left * MM + text_width / 2) if not landscape else (dv.LANDSCAPE.left * MM + text_width / 2)
            facts.check("page: the trích yếu's rule is centred on the text area", abs(rule.centre - centre) <= TOLERANCE, (_mm(rule.centre), _mm(centre)))
        return True
    return False


def _running_text(pages: list[list[Segment]], facts: Facts) -> None:
    """Pages 1 and 2 (portrait): text stays between the margins, justified lines run from
    margin to margin, and a 14 pt line near the left edge starts at the margin or at the
    first-line indent."""
    found = [s for page in pages for s in page if s.top > dv.PORTRAIT.top * MM]
    left, right = dv.PORTRAIT.left * MM, (dv.PORTRAIT.width - dv.PORTRAIT.right) * MM
    facts.check("page: no text crosses the left or right margin (30 mm, 190 mm)", found and min(s.x0 for s in found) >= left - TOLERANCE and max(s.x1 for s in found) <= right + TOLERANCE,
                (_mm(min(s.x0 for s in found)), _mm(max(s.x1 for s in found))) if found else None)  # fmt: skip
    indent = left + dv.BODY_INDENT_CM * 10 * MM
    # -- a body line whose paragraph goes on at the margin on the next line was justified: it must end at the right margin --
    wrapped = [a for page in pages for a, b in itertools.pairwise(page)
               if a.size == b.size == dv.SIZE["body"] and not a.bold and a.x0 <= indent + TOLERANCE and abs(b.x0 - left) <= TOLERANCE and a.top > dv.PORTRAIT.top * MM]
    short = [(a.text[:30], _mm(a.x1)) for a in wrapped if abs(a.x1 - right) > TOLERANCE]
    facts.check(f"page: all {len(wrapped)} wrapped body lines are justified to the right margin", not short, short[:3])
    pitch = dv.BODY_LINE_SPACING * dv.SINGLE_LINE_EM * dv.SIZE["body"]
    pitches = [round(b.bottom - a.bottom, 2) for page in pages for a, b in itertools.pairwise(page)
               if a.size == b.size == dv.SIZE["body"] and a in wrapped and abs(b.x0 - left) <= TOLERANCE]
    facts.check(f"page: lines of a body paragraph are {dv.BODY_LINE_SPACING} lines ({pitch:.1f} pt) apart",
                not pitches or all(abs(p - pitch) <= dv.LINE_PITCH_TOLERANCE_PT for p in pitches), sorted(set(pitches))[:5])
    starts = [s for s in found if s.size == dv.SIZE["body"] and s.x0 < left + 20 * MM and abs((s.x0 - left) - (right - s.x1)) > TOLERANCE]  # -- not centred --
    wrong = [(s.text[:30], _mm(s.x0)) for s in starts if min(abs(s.x0 - left), abs(s.x0 - indent)) > 0.5 * MM]
    facts.check("page: body lines start at the margin or 1.27 cm in", starts and not wrong, wrong[:3])


def _task_table_page(page: Any, facts: Facts) -> None:
    horizontal = rules(page)
    widest = max(horizontal, key=lambda r: r.width, default=None)
    facts.check("page: the task table spans the landscape text width (30 mm to 277 mm)",
                widest is not None and abs(widest.x0 - dv.LANDSCAPE.left * MM) <= TOLERANCE and abs(widest.x1 - (dv.LANDSCAPE.width - dv.LANDSCAPE.right) * MM) <= TOLERANCE,
                (_mm(widest.x0), _mm(widest.x1)) if widest else None)  # fmt: skip


def _page_numbers(pdf: Path, pages: Any, sections: int, facts: Facts) -> None:
    """The first page of each section shows no number; its other pages count 2, 3, … in
    the top margin (§5: page 1 shows none, each appendix is paginated on its own)."""
    shown = top_margin_texts(pdf, max(p.width for p in pages))
    facts.check("page: page 1 shows no number", shown and shown[0] == "", shown[:2])
    blank = [i for i, text in enumerate(shown) if text == ""]
    facts.check("page: one page without a number per section", len(blank) == sections, (len(blank), sections))
    turns = [i for i in range(1, len(pages)) if (pages[i].width > pages[i].height) != (pages[i - 1].width > pages[i - 1].height)]
    facts.check("page: an appendix's first page shows no number", set(turns) <= set(blank), (turns, blank))
    expected, wrong = 1, []
    for index, text in enumerate(shown):
        expected = 1 if index in blank else expected + 1
        if index not in blank and text != str(expected):
            wrong.append((index + 1, text))
    facts.check("page: pages 2, 3, … of each section show their number in the top margin", not wrong, wrong[:3])
    if len(pages) > 1 and shown[1] == "2":
        number = next((s for s in segments(pages[1]) if s.text == "2" and s.bottom < dv.PORTRAIT.top * MM), None)
        centre = (dv.PORTRAIT.left * MM + dv.PORTRAIT.text_width * MM / 2) if pages[1].width < pages[1].height else (dv.LANDSCAPE.left + dv.LANDSCAPE.text_width / 2) * MM
        facts.check("page: the number is 14 pt, centred over the text", number is not None and number.size == dv.SIZE["page_number"] and abs(number.centre - centre) <= TOLERANCE,
                    (number, _mm(centre)))  # fmt: skip

