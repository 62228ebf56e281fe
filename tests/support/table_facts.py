"""Facts about the appendix tables, the stamps and the Nơi nhận list: read back from the
DOCX, and measured on the page LibreOffice lays out.

What the DOCX asks for (a deadline column of so many millimetres, a group row that keeps
with the next) is only a request: whether "Thường xuyên" fits on one line and whether a
group row ends a page is decided by the office suite's layout. So these are read from the
PDF with pdfplumber: words grouped into lines, the table's vertical rules giving its
columns. What the cells hold (the deadline texts, the group titles) is read from the DOCX,
never from the renderer.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from . import decree_values as dv
from .page_facts import MM, Rule, Segment, rules, segments

TWIPS_PER_MM = 1440 / 25.4


# -- read back from the DOCX --
def _twips(element: Any, attribute: str) -> float:
    return int(element.get(qn(attribute), "0")) / TWIPS_PER_MM if element is not None else 0.0


@dataclass(frozen=True)
class StampFacts:
    """A stamp paragraph as the DOCX asks for it."""

    text: str
    width_mm: float | None  # outside its side borders; None: no box
    centred: bool
    colours: frozenset[str]  # of its runs' text
    bold: bool


def stamp_facts(paragraph: Any, available_mm: float) -> StampFacts:
    """The box a paragraph's borders draw: its indents, moved out by each side border's
    spacing and line (Word and LibreOffice draw side borders outside the indents)."""
    ppr = paragraph._p.pPr
    borders = ppr.find(qn("w:pBdr")) if ppr is not None else None
    edges = {side: borders.find(qn(f"w:{side}")) if borders is not None else None for side in ("top", "left", "bottom", "right")}
    width = None
    if all(edge is not None and edge.get(qn("w:val")) == "single" for edge in edges.values()):
        ind = ppr.find(qn("w:ind"))
        outside = sum((int(edges[s].get(qn("w:space"), "0")) + int(edges[s].get(qn("w:sz"), "0")) / 8) / MM for s in ("left", "right"))
        width = available_mm - _twips(ind, "w:left") - _twips(ind, "w:right") + outside
    jc = ppr.find(qn("w:jc")) if ppr is not None else None
    runs = [r for r in paragraph.runs if r.text]
    colours = frozenset(str(r.font.color.rgb) if r.font.color is not None and r.font.color.rgb is not None else "auto" for r in runs)
    bold = all(r.bold or (r.bold is None and paragraph.style.font.bold) for r in runs)
    return StampFacts(paragraph.text, width, jc is not None and jc.get(qn("w:val")) == "center", colours, bool(bold))


def cell_margins_mm(table: Any) -> dict[str, float]:
    """The table's default cell padding, side by side."""
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    return {side: _twips(margins.find(qn(f"w:{side}")) if margins is not None else None, "w:w") for side in ("top", "bottom", "left", "right")}


def hanging_indent_mm(paragraph: Any) -> tuple[float, float] | None:
    """(left indent, hanging) of a paragraph, in mm; None when it does not hang."""
    ppr = paragraph._p.pPr
    ind = ppr.find(qn("w:ind")) if ppr is not None else None
    if ind is None or ind.get(qn("w:hanging")) is None:
        return None
    return _twips(ind, "w:left"), _twips(ind, "w:hanging")


@dataclass
class TaskTableText:
    """What one appendix task table of the DOCX holds, to be looked for on the page."""

    deadline_column: int  # 0-based
    columns: int
    deadlines: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)


def task_tables(document: DocxDocument) -> list[TaskTableText]:
    """The task tables (those with a repeated header row) with their deadline cells and
    group rows; the deadline column is the one whose title starts 'Thời'."""
    result = []
    for table in document.tables:
        rows = table._tbl.findall(qn("w:tr"))
        trpr = rows[0].find(qn("w:trPr")) if rows else None
        if trpr is None or trpr.find(qn("w:tblHeader")) is None:
            continue
        titles = [cell.text for cell in table.rows[0].cells]
        column = next((i for i, title in enumerate(titles) if title.startswith("Thời")), None)
        if column is None:
            continue
        found = TaskTableText(column, len(titles))
        for row in table.rows[1:]:
            cells = row._tr.findall(qn("w:tc"))
            if len(cells) == 1:
                found.groups.append(" ".join(row.cells[0].text.split()))
            else:
                found.deadlines.append(" ".join(cells[column].xpath("string(.)").split()))
        result.append(found)
    return result


def _vertical(page: Any) -> list[dict[str, Any]]:
    return [line for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1 and line["bottom"] - line["top"] > 5]


def _columns(page: Any) -> list[float]:
    """The x positions of the table's vertical rules on a page, left to right."""
    xs = sorted({round(line["x0"], 0) for line in _vertical(page)})
    merged: list[float] = []
    for x in xs:
        if not merged or x - merged[-1] > 2:
            merged.append(x)
    return merged


@dataclass
class DeadlineLines:
    """The deadline column's printed lines that are not a whole deadline (a wrap), and how
    many deadline cells were looked at."""

    checked: int
    wrapped: list[str]
    missing: list[str]


def deadline_lines(pdf: Path, tables: list[TaskTableText]) -> DeadlineLines:
    """Every deadline cell of the landscape pages is printed as one whole line of its column."""
    expected = Counter(d for table in tables for d in table.deadlines if d)
    printed: Counter[str] = Counter()
    wrapped: list[str] = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            if page.width < page.height:
                continue
            columns = _columns(page)
            if len(columns) < 2:
                continue
            column = next((t.deadline_column for t in tables if t.columns == len(columns) - 1), None)
            if column is None:
                continue
            left, right = columns[column], columns[column + 1]
            for text, bold in _lines_within(page, left, right):
                if bold:
                    continue  # -- the header row (and a group row's title, should one reach this far) --
                if text in expected:
                    printed[text] += 1
                else:
                    wrapped.append(text)
    missing = list((expected - printed).elements())
    return DeadlineLines(sum(expected.values()), wrapped, missing)


def _lines_within(page: Any, left: float, right: float) -> list[tuple[str, bool]]:
    """The lines of words lying wholly between two x positions (one column), top to bottom."""
    top = min(line["top"] for line in _vertical(page))  # -- the table's top edge: not the appendix's headings above it --
    words = [w for w in page.extract_words(extra_attrs=["fontname"]) if w["x0"] >= left and w["x1"] <= right and w["top"] > top]
    lines: dict[float, list[dict[str, Any]]] = {}
    for word in words:
        lines.setdefault(round(word["bottom"]), []).append(word)
    return [(" ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"])), all("Bold" in w["fontname"] for w in line))
            for _, line in sorted(lines.items())]


def group_rows_ending_a_page(pdf: Path, tables: list[TaskTableText]) -> list[tuple[int, str]]:
    """(page number, text) of each landscape page whose last printed line is a group row's
    title (or its first line): a group row left alone at the foot of a page."""
    groups = {g for table in tables for g in table.groups}
    found = []
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages, 1):
            if page.width < page.height or number == len(document.pages):
                continue
            lines = [s for s in segments(page) if s.top > 20 * MM]
            if not lines:
                continue
            last = max(lines, key=lambda s: s.bottom)
            same_row = [s for s in lines if abs(s.bottom - last.bottom) < 1]
            text = " ".join(s.text for s in sorted(same_row, key=lambda s: s.x0))
            if last.bold and any(g == text or g.startswith(text + " ") for g in groups):
                found.append((number, text))
    return found


@dataclass(frozen=True)
class Box:
    """A stamp's box as drawn (its four edges) and its text."""

    text: Segment
    top: Rule
    bottom: Rule
    left: float
    right: float

    @property
    def width_mm(self) -> float:
        return (self.right - self.left) / MM

    @property
    def height_mm(self) -> float:
        return (self.bottom.top - self.top.top) / MM

    @property
    def off_centre_mm(self) -> tuple[float, float]:
        """How far the text's centre (its em box, as the PDF places the glyphs) is from the
        box's, across and down."""
        across = self.text.centre - (self.left + self.right) / 2
        down = (self.text.top + self.text.bottom) / 2 - (self.top.top + self.bottom.top) / 2
        return across / MM, down / MM


def stamp_boxes(page: Any, marks: list[str]) -> dict[str, Box | None]:
    """The box drawn around each stamp's text on a page (None: text or box not found)."""
    found: dict[str, Box | None] = {}
    horizontal = rules(page)
    for mark in marks:
        text = next((s for s in segments(page) if s.text == mark), None)
        if text is None:
            found[mark] = None
            continue
        above = [r for r in horizontal if text.top - 15 <= r.top <= text.top and r.x0 <= text.x0 and r.x1 >= text.x1]
        below = [r for r in horizontal if text.bottom <= r.top <= text.bottom + 15 and r.x0 <= text.x0 and r.x1 >= text.x1]
        if not above or not below:
            found[mark] = None
            continue
        top, bottom = max(above, key=lambda r: r.top), min(below, key=lambda r: r.top)
        found[mark] = Box(text, top, bottom, min(top.x0, bottom.x0), max(top.x1, bottom.x1))
    return found


def stamp_colour(page: Any, mark: str) -> tuple[float, ...] | None:
    """The fill colour of the stamp's glyphs (as pdfplumber reports it: RGB in 0–1)."""
    chars = [c for c in page.chars if c["text"].strip()]
    text = "".join(c["text"] for c in chars)
    at = text.find(mark.replace(" ", ""))
    if at < 0:
        return None
    colour = chars[at].get("non_stroking_color")
    return tuple(colour) if colour is not None else None


@dataclass(frozen=True)
class RecipientLines:
    """Where the lines of the Nơi nhận list start on the page."""

    entries: int  # lines starting with the dash
    continued: list[tuple[str, float]]  # (text, how far from the text after the dash, mm) of each wrapped line


def recipient_lines(page: Any) -> RecipientLines | None:
    """The 11 pt lines under 'Nơi nhận:', left of the signature: a dash line's text starts
    after the dash; a line without a dash continues the entry above and should start there too."""
    words = page.extract_words(extra_attrs=["size"])
    label = next((w for w in words if w["text"] == "Nơi" and any(n["text"] == "nhận:" and abs(n["top"] - w["top"]) < 1 for n in words)), None)
    if label is None:
        return None
    lines: dict[float, list[dict[str, Any]]] = {}
    for word in words:
        if word["top"] > label["bottom"] and round(word["size"]) == dv.SIZE["recipient"] and word["x1"] < page.width / 2:
            lines.setdefault(round(word["bottom"]), []).append(word)
    entries, continued, text_x = 0, [], None
    for _, line in sorted(lines.items()):
        line.sort(key=lambda w: w["x0"])
        if line[0]["text"] == "-" and len(line) > 1:
            entries += 1
            text_x = line[1]["x0"]
        elif text_x is not None:
            continued.append((" ".join(w["text"] for w in line), (line[0]["x0"] - text_x) / MM))
    return RecipientLines(entries, continued)


def stretched_headings(page: Any, margin_left: float, space_pt: float) -> tuple[int, list[tuple[str, float]]]:
    """How many bold body-size lines wrap on to a bold line starting at the left margin (a
    heading's non-last lines), and (text, widest gap between words in pt) of those whose
    words are spread wider than ``space_pt``: justification stretching a heading."""
    words = [w for w in page.extract_words(extra_attrs=["fontname", "size"]) if round(w["size"]) == dv.SIZE["body"]]
    lines: dict[float, list[dict[str, Any]]] = {}
    for word in words:
        lines.setdefault(round(word["bottom"]), []).append(word)
    ordered = [sorted(line, key=lambda w: w["x0"]) for _, line in sorted(lines.items())]
    checked, found = 0, []
    for line, following in itertools.pairwise(ordered):
        bold = all("Bold" in w["fontname"] for w in line + following)
        if not bold or abs(following[0]["x0"] - margin_left) > MM or len(line) < 2:
            continue
        checked += 1
        gap = max(b["x0"] - a["x1"] for a, b in itertools.pairwise(line))
        if gap > space_pt:
            found.append((" ".join(w["text"] for w in line), round(gap, 1)))
    return checked, found
