"""What the readers of a batch table share: the table as rows of cells, its limits, the
error that stops a whole table, key paths, and how a value is quoted in a message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import CchcError, Problem

MAX_TABLE_BYTES = 32 * 1024 * 1024  # -- 3,321 communes take about 1 MB; a table over 32 MB is not a table of plans --
MAX_ROWS = 20_000
MAX_CELL_CHARS = 64 * 1024  # -- below csv's own field limit (128 k), so the message is always ours --
MAX_CELL_NODES = 10_000  # -- a '[…]' or '{…}' cell, its '*' references expanded --
MAX_CELL_DEPTH = 20
# -- nodes made from table cells carry this offset in their line, so a problem found in
# -- them can be told from one found in the model and pointed at the table instead --
TABLE_LINE_OFFSET = 100_000_000
_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$")
KEY_PATH_HINT = (
    "viết các khóa của đặc tả nối bằng dấu chấm, phần tử danh sách đếm từ 0 trong ngoặc vuông, "
    "ví dụ ke_hoach.nguoi_ky.ho_ten hoặc ke_hoach.noi_dung[1].chi_tieu[0].gia_tri"
)


class TableError(CchcError):
    """The table as a whole cannot be used; carries every problem found, each at its place."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))

    def messages(self) -> list[str]:
        return [p.format() for p in self.problems] + [f"Bảng có {len(self.problems)} lỗi; chưa tạo văn bản nào từ bảng này."]


@dataclass(frozen=True)
class Cell:
    """One non-empty value of a table row, already made into YAML nodes."""

    key: str  # the column header as written: "ke_hoach.nguoi_ky.ho_ten"
    path: tuple[str | int, ...]
    node: yaml.Node
    column: int  # 1-based
    mark: yaml.Mark  # where a key the model lacks is written: the header cell, or the YAML key


@dataclass(frozen=True)
class Row:
    """One row of the table, and what is wrong with it that the model cannot judge."""

    table: Path
    line: int  # 1-based line of the row in the table file
    cells: tuple[Cell, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Column:
    """One header cell of a CSV table."""

    key: str
    path: tuple[str | int, ...]
    column: int
    mark: yaml.Mark


@dataclass(frozen=True)
class Table:
    rows: list[Row]
    columns: list[Column]  # a CSV table's header; empty for a YAML table (each row names its keys)


def problem(table: Path, message: str, hint: str = "", line: int = 0, column: int = 0, path: str = "") -> Problem:
    return Problem(message, path=path, line=line, column=column, hint=hint[:1].upper() + hint[1:], file=str(table))


def key_path(key: str) -> tuple[str | int, ...] | None:
    """'ke_hoach.noi_dung[1].chi_tieu[0]' → ('ke_hoach', 'noi_dung', 1, 'chi_tieu', 0); None if it is not one."""
    path: list[str | int] = []
    for segment in key.split("."):
        if segment.isdigit() and path:
            path.append(int(segment))
            continue
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            return None
        path.append(match.group(1))
        path += [int(n) for n in re.findall(r"\[(\d+)\]", match.group(2))]
    return tuple(path)


def shown(text: str, limit: int = 60) -> str:
    """A value quoted in a message, cut: a 3 MB cell must not make a 3 MB message."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


def number(value: int) -> str:
    """10.000 as Vietnamese writes it."""
    return f"{value:,}".replace(",", ".")
