"""Where LibreOffice's lines of centred paragraphs end, judged by an independent word
segmentation (underthesea's CRF word_tokenize, not the lexicon the renderer uses).

The PDF's lines come from poppler's ``pdftotext -bbox-layout`` (every line of every block,
in reading order). Each centred paragraph of the DOCX (body and table cells), split at its
explicit line breaks, is looked for as a run of consecutive lines of one block whose text,
joined by spaces, is the piece: a run of more than one line is a soft wrap, and each wrap
is judged — inside a word, or one syllable alone on the last line, is a bad wrap.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH

from support.docx_facts import all_paragraphs, resolved_paragraph

_XHTML = "{http://www.w3.org/1999/xhtml}"


def normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u2011", "-")
    return " ".join(text.split())


@dataclass(frozen=True)
class PdfLine:
    words: list[str]
    page: int
    top: float  # -- points from the page's top: two pieces of one printed line share it --


def pdf_lines(pdf: Path) -> list[PdfLine]:
    """The words of every printed line of the PDF, in reading order. poppler cuts a line at
    a wide gap (a draft's blank "Số:       /QĐ-UBND"): the pieces keep their common top."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(out)
    lines = []
    for page_number, page in enumerate(root.iter(f"{_XHTML}page")):
        for line in page.iter(f"{_XHTML}line"):
            words = normal(" ".join(w.text or "" for w in line.iter(f"{_XHTML}word"))).split()
            if words:
                lines.append(PdfLine(words, page_number, float(line.get("yMin", 0))))
    return lines


def centred_pieces(document: DocxDocument) -> list[str]:
    """The lines a drafter or the program ended explicitly, of every centred paragraph."""
    pieces = []
    for paragraph in all_paragraphs(document):
        if resolved_paragraph(paragraph, "alignment") != WD_ALIGN_PARAGRAPH.CENTER:
            continue
        pieces += [normal(piece) for piece in paragraph.text.split("\n") if normal(piece)]
    return pieces


@dataclass
class Wraps:
    lines_checked: int = 0
    pieces_found: int = 0  # -- of more than one syllable: one syllable cannot wrap --
    pieces_missing: list[str] = field(default_factory=list)
    wraps: int = 0
    bad: list[str] = field(default_factory=list)  # -- "line / next line (why)" --


def judge(pdf: Path, pieces: list[str]) -> Wraps:
    """Find each piece of more than one syllable on the page and judge its soft wraps."""
    result = Wraps()
    lines = pdf_lines(pdf)
    used: set[tuple[int, int]] = set()
    for piece in pieces:
        if " " not in piece:
            continue  # -- one syllable cannot wrap --
        printed = _find(lines, piece.split(), used)
        if printed is None:
            result.pieces_missing.append(piece)
            continue
        result.pieces_found += 1
        result.lines_checked += len(printed)
        result.wraps += len(printed) - 1
        result.bad += [f"{printed[k]} / {printed[k + 1]} ({why})" for k, why in _bad_wraps(piece, printed)]
    return result


_FOLLOWING = 8  # -- a table row's cells share the page's lines: a cell's next line is a few lines on --


def _find(lines: list[PdfLine], words: list[str], used: set[tuple[int, int]]) -> list[str] | None:
    """The piece as printed, a part per line: the first place where its words run on within
    a line and continue, where the line (or the cell's part of it) ends, on a following line.
    In a table the row's other cells share each line, so a part may sit inside a line."""
    # -- printed on one line somewhere: that is where it is (a body line may end with its first words) --
    size = len(words)
    for number, line in enumerate(lines):
        for position in range(len(line.words) - size + 1):
            if (number, position) not in used and line.words[position : position + size] == words:
                used.add((number, position))
                return [" ".join(words)]
    for number, line in enumerate(lines):
        for position, word in enumerate(line.words):
            if word != words[0] or (number, position) in used:
                continue
            parts = _continued(lines, number, position, words)
            if parts is not None:
                for at in parts:
                    used.add(at[:2])
                return _printed(lines, parts)
    return None


def _printed(lines: list[PdfLine], parts: list[tuple[int, int, int]]) -> list[str]:
    """The parts as printed lines: parts on one page at one height are one line."""
    printed: list[str] = []
    last: tuple[int, float] | None = None
    for number, position, count in parts:
        line = lines[number]
        text = " ".join(line.words[position : position + count])
        if last is not None and last[0] == line.page and abs(last[1] - line.top) < 2:
            printed[-1] = f"{printed[-1]} {text}"
        else:
            printed.append(text)
        last = (line.page, line.top)
    return printed


def _continued(lines: list[PdfLine], number: int, position: int, words: list[str]) -> list[tuple[int, int, int]] | None:
    line = lines[number].words
    count = 0
    while count < len(words) and position + count < len(line) and line[position + count] == words[count]:
        count += 1
    if count == len(words):
        return [(number, position, count)]
    rest = words[count:]
    for following in range(number + 1, min(number + 1 + _FOLLOWING, len(lines))):
        for start, word in enumerate(lines[following].words):
            if word == rest[0]:
                tail = _continued(lines, following, start, rest)
                if tail is not None:
                    return [(number, position, count), *tail]
    return None


def _bad_wraps(piece: str, lines: list[str]) -> list[tuple[int, str]]:
    bad = []
    ends = word_ends(piece)
    offset = 0
    for k, line in enumerate(lines[:-1]):
        offset += len(line.replace(" ", ""))
        if ends is not None and offset not in ends:
            bad.append((k, "inside a word"))
    if len(lines) > 1 and len(lines[-1].split()) == 1 and len(piece.split()) > 1:
        bad.append((len(lines) - 2, "one syllable alone on the last line"))
    return bad


@lru_cache(maxsize=4096)
def word_ends(piece: str) -> frozenset[int] | None:
    """Positions (in the piece without its spaces) where underthesea ends a word; None when
    its tokens do not spell the piece (a normalisation it made). Text in capitals is read in
    lower case: the CRF model, trained on running text, reads capitals as one long name."""
    from underthesea import word_tokenize

    letters = [c for c in piece if c.isalpha()]
    text = piece.lower() if letters and all(c.isupper() for c in letters) else piece
    tokens = word_tokenize(text)
    ends, position = set(), 0
    for token in tokens:
        position += len(re.sub(r"\s", "", token))
        ends.add(position)
    if position != len(re.sub(r"\s", "", text)):
        return None
    return frozenset(ends)
