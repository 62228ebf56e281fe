"""What every reader hands the recogniser: the document as lines, each with its place.

A line is one paragraph of a Word file, one line of a text or PDF page, or one row of a
table (its cells kept apart so a Phụ lục task table can be read by column).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import CchcError


@dataclass
class Line:
    text: str
    where: int  # 1-based: paragraph number of a Word file, line number of a text or PDF
    cells: list[str] | None = None  # a table row: one text per cell (merged cells once)
    merged: bool = False  # a table row whose one cell spans the whole table (a group row)
    table: int = 0  # which table of the file the row belongs to (0: not a table row)
    typed_label: str = ""  # the label Word's automatic numbering prints before the text
    notes: list[str] = field(default_factory=list)


class ImportFailure(CchcError):
    """The file cannot be read as a plan; nothing is written."""
