"""Undo what extracting text from a PDF or a web page does to a plan's lines.

Page numbers on their own line, markdown marks (#, **, *, ---), links, a paragraph broken
over several lines, the header's two columns run together with spaces or tabs: each is an
artefact, never content. A line this module cannot tell apart stays, as it is.
"""

from __future__ import annotations

import re
import unicodedata

from ..vn import CAPITALS
from .source import Line

_PAGE_NUMBER = re.compile(r"\s*(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*", re.IGNORECASE)
_RULE = re.compile(r"\s*(?:[-_=—–*.]\s*){3,}\s*")
_LABEL = re.compile(r"^\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.?\s|[a-zđ]\)|[-–+•]\s|Điều\s+\d+|\()", re.IGNORECASE)
_FINAL = (".", ";", ":", "!", "?", "./.")
_ENTRY = 70  # -- a Nơi nhận line: the list's column holds at most this many characters --
# -- the columns of a header or a signature typed on one line, set apart by tabs or spaces --
_COLUMNS = re.compile(r"\t+|\s{3,}")


def markdown_free(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\((?:https?://)[^)]*\)", r"\1", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"^\s*#+\s*", "", text)
    text = re.sub(r"\*{1,3}", "", text)
    return text


def normal(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    return " ".join(text.split())


def text_lines(raw: str, *, from_markdown: bool = True) -> list[Line]:
    """Lines of a plain text (or a PDF page's text), artefacts dropped, paragraphs rejoined."""
    pieces: list[Line] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if from_markdown:
            line = markdown_free(line)
        if not line.strip():
            pieces.append(Line("", number))
            continue
        if _PAGE_NUMBER.fullmatch(line) or _RULE.fullmatch(line):
            continue
        parts = [normal(p) for p in _COLUMNS.split(line.strip())] if _COLUMNS.search(line.strip()) else [normal(line)]
        if len(parts) > 1 and not all(is_column_piece(p) for p in parts):
            parts = [normal(line)]
        pieces.extend(Line(p, number) for p in parts if p)
    return join_broken(pieces)


def is_column_piece(text: str) -> bool:
    """Pieces of the header or signature columns; a justified body line is not split."""
    return len(text) <= 70 and (text.isupper() or text.startswith(("Số", "Độc lập", "Nơi nhận", "- ")) or bool(re.search(r"ngày .*năm \d{4}", text))
                                or bool(re.fullmatch(rf"(?:[{CAPITALS}][^\s,.;:]*\s?){{2,6}}", text)))  # -- the signer's name --


def join_broken(lines: list[Line]) -> list[Line]:
    """Rejoin a paragraph the extraction broke: the next line continues the sentence."""
    result: list[Line] = []
    last_piece = ""  # -- the previous physical line: a line broken by wrapping runs near full width --
    for line in lines:
        if not line.text:
            continue
        previous = result[-1] if result else None
        # -- a line split into two columns: the next line continues the left column's text --
        siblings = [r for r in result[-3:] if previous is not None and r.where == previous.where and r is not previous]
        left = next((r for r in siblings if not r.text.endswith(_FINAL)), None)
        if left is not None and line.where != previous.where and (line.text[0].islower() or _entry_goes_on(left.text, line.text)) and _continues(left.text, line.text, ""):
            left.text = f"{left.text} {line.text}"
        elif previous is not None and _continues(previous.text, line.text, last_piece):
            previous.text = f"{previous.text} {line.text}"
        else:
            result.append(Line(line.text, line.where))
        last_piece = line.text
    return result


def _entry_goes_on(entry: str, text: str) -> bool:
    """A Nơi nhận entry ("- …") without its ';' or '.' goes on in a short line that ends with one."""
    return entry.startswith("- ") and not entry.endswith(_FINAL) and len(text) <= _ENTRY and text.endswith((";", "."))


def _continues(previous: str, text: str, last_piece: str) -> bool:
    if previous.endswith(_FINAL) or _LABEL.match(text) or text.isupper() or previous.isupper():
        return False
    first = text[0]
    if first.islower() or first.isdigit() or first in "“\"(":
        return not (first == "(" and previous.endswith(")"))
    # -- a Nơi nhận entry runs until its ';' or '.': a name kept whole ("Hồ Chí Minh xã;")
    # is carried to the next line with its capital --
    if len(last_piece) <= _ENTRY and _entry_goes_on(previous, text):
        return True
    # -- a capital after a long unfinished prose line: a proper noun carried to the next line --
    return len(last_piece) >= 60 and not _LABEL.match(last_piece.lstrip("("))
