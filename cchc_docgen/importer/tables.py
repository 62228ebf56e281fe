"""Find the Phụ lục task tables among a file's table rows, and read them by column.

A table is a task table when one of its rows names at least a 'nội dung' column and a
'chủ trì' or 'thời hạn' one; columns are known by their header text, not their place.
A row with one cell across the table (or only a roman-numbered first cell) is a group:
the reform area of the rows under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .source import Line

COLUMN_WORDS = [
    ("stt", ("stt", "tt", "số tt", "số thứ tự")),
    ("chu_tri", ("chủ trì", "cơ quan thực hiện", "đơn vị thực hiện")),
    ("phoi_hop", ("phối hợp",)),
    ("thoi_han", ("thời hạn", "thời gian")),
    ("san_pham", ("sản phẩm", "kết quả")),
    ("ghi_chu", ("ghi chú",)),
    ("noi_dung", ("nội dung", "nhiệm vụ", "tên nhiệm vụ")),
]  # fmt: skip


@dataclass
class TaskRow:
    group: str | None  # the group row's text, for a group row
    cells: dict[str, str]
    where: int


@dataclass
class TaskTable:
    columns: list[str]
    titles: list[str]
    rows: list[TaskRow] = field(default_factory=list)
    where: int = 0


def column_of(title: str) -> str | None:
    low = " ".join(title.lower().split())
    for column, words in COLUMN_WORDS:
        if low in words or any(word in low for word in words if len(word) > 3):
            return column
    return None


def find_task_tables(lines: list[Line]) -> tuple[dict[int, TaskTable], list[Line]]:
    """The task tables by table number, and the lines left once their rows are taken
    (one marker line per task table stays, so the appendix knows where it stood)."""
    tables: dict[int, TaskTable] = {}
    rest: list[Line] = []
    for line in lines:
        if not line.table or line.cells is None:
            rest.append(line)
            continue
        table = tables.get(line.table)
        if table is None:
            columns = [column_of(c) for c in line.cells]
            if "noi_dung" in columns and ("chu_tri" in columns or "thoi_han" in columns) and len(set(columns)) == len(columns):
                tables[line.table] = TaskTable([c or "ghi_chu" for c in columns], list(line.cells), where=line.where)
                rest.append(Line("", line.where, table=line.table))
            else:
                rest.append(line)
            continue
        cells = [c.replace("\n", " ").strip() for c in line.cells]
        if line.merged or (len([c for c in cells if c]) == 1 and re.match(r"^[IVXLC]+[.)]", cells[0])):
            table.rows.append(TaskRow(next(c for c in cells if c), {}, line.where))
        elif [column_of(c) for c in cells] == table.columns:
            continue  # -- the header row repeated on the next page --
        elif any(cells):
            table.rows.append(TaskRow(None, dict(zip(table.columns, cells, strict=False)), line.where))
    return tables, rest
