"""A CSV batch table read into rows, each record on its own line.

A CSV record is one line. A quote left open would otherwise let the csv module swallow
the following lines into one cell, so that a commune's plan silently disappears and the
next row lands in the wrong columns; here a record that runs over several lines is an
error at the line where it began, and the lines it swallowed are named in the message.
A cell becomes the YAML node a specification would have there.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from .. import files
from ..errors import Problem
from .table_types import (
    KEY_PATH_HINT,
    MAX_CELL_CHARS,
    MAX_CELL_DEPTH,
    MAX_CELL_NODES,
    MAX_ROWS,
    MAX_TABLE_BYTES,
    TABLE_LINE_OFFSET,
    Cell,
    Column,
    Row,
    Table,
    TableError,
    key_path,
    number,
    problem,
    shown,
)

_LINES = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+$")
_RESOLVER = yaml.resolver.Resolver()


def csv_table(table: Path) -> Table:
    """The rows of a CSV table (',' or the ';' Excel writes in Vietnamese locales, or tabs)."""
    try:
        with table.open("rb") as handle:
            raw = handle.read(MAX_TABLE_BYTES + 1)
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise TableError([problem(table, f"không đọc được bảng ({files.read_reason(exc)}).", "kiểm tra đường dẫn sau --bang.")]) from exc
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TableError([problem(table, "bảng không phải văn bản UTF-8.", "trong Excel chọn Save As → CSV UTF-8 (Comma delimited).", line)]) from exc
    lines = _LINES.findall(text)
    if not lines or not lines[0].strip():
        raise TableError([problem(table, "bảng trống hoặc dòng đầu trống.", "dòng đầu là tên các cột, ví dụ co_quan_ban_hanh.dia_ban,ke_hoach.so", 1)])
    delimiter = max(",;\t", key=lines[0].count)  # -- Excel in Vietnamese locales writes ';' --
    columns = _header(table, lines[0], delimiter)
    rows = []
    for row in _records(table, lines, delimiter, columns):
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise TableError([problem(table, f"bảng có hơn {number(MAX_ROWS)} dòng dữ liệu.", "chia thành nhiều bảng.", row.line)])
    return Table(rows, columns)


def _header(table: Path, line: str, delimiter: str) -> list[Column]:
    try:
        keys = next(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error:
        column, what = _diagnose(line, delimiter)
        raise TableError([problem(table, f"dòng tên cột không đọc được: {what}.", "tên cột không cần dấu nháy kép.", 1, column)]) from None
    columns: list[Column] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for column, raw_key in enumerate(keys, start=1):
        key = raw_key.strip().lstrip("\ufeff")
        mark = yaml.Mark(str(table), 0, TABLE_LINE_OFFSET, column - 1, None, None)
        if not key:
            columns.append(Column("", (), column, mark))  # -- an unnamed column must stay empty: see _row --
            continue
        path = key_path(key)
        if path is None:
            problems.append(problem(table, f"tên cột {shown(key)} không phải đường dẫn khóa.", KEY_PATH_HINT, 1, column))
        elif key in seen:
            problems.append(problem(table, f"cột {shown(key)} đã có ở cột {seen[key]}.", "mỗi khóa chỉ một cột; xóa một trong hai cột.", 1, column))
        else:
            seen[key] = column
        columns.append(Column(key, path or (), column, mark))
    if problems:
        raise TableError(problems)
    return columns


class _Lines:
    """The table's lines for the csv reader, from a position the reader can be sent back to."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.at = 1  # -- 0-based index of the next line to give; line 0 is the header --

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.at >= len(self.lines):
            raise StopIteration
        self.at += 1
        return self.lines[self.at - 1]


def _records(table: Path, lines: list[str], delimiter: str, columns: list[Column]) -> Iterator[Row]:
    """One row per data line, each record read on its own (see the module's docstring)."""
    source = _Lines(lines)
    reader = csv.reader(source, delimiter=delimiter, strict=True)  # -- it starts each record afresh, even after an error --
    while source.at < len(lines):
        start = source.at
        line_number = start + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # -- a quote opened on this line was never closed well: blame this line alone, and read on from the next --
            column, what = _diagnose(lines[start].rstrip("\r\n"), delimiter)
            hint = _LONG_HINT if what.startswith("ô dài") else _QUOTE_HINT
            yield Row(table, line_number, (), (problem(table, f"dòng không đọc được: {what}.", hint, line_number, column),))
            source.at = start + 1
            continue
        last = source.at  # -- 1-based number of the record's last line --
        if last > line_number:
            column = next((n for n, value in enumerate(record, start=1) if "\n" in value or "\r" in value), 1)
            yield Row(table, line_number, (), (problem(
                table, f"ô ở cột {column} kéo dài từ dòng {line_number} đến dòng {last}, nên các dòng {line_number}–{last} không được tạo.",
                "thường là do thiếu dấu nháy kép đóng ô này. Một ô trong bảng không được xuống dòng.", line_number, column),))  # fmt: skip
            continue
        if any(value.strip() for value in record):
            yield _row(table, line_number, record, columns, delimiter)


_DELIMITERS = {",": "dấu phẩy", ";": "dấu chấm phẩy", "\t": "dấu tab"}
_LONG_HINT = "một ô chỉ chứa một giá trị ngắn; nội dung dài viết trong đặc tả mẫu."
_QUOTE_HINT = 'ô có dấu phẩy phải nằm trọn trong một cặp dấu nháy kép: "Phường 1, Quận 3"; dấu nháy kép trong ô viết hai lần: ""'


def _diagnose(line: str, delimiter: str) -> tuple[int, str]:
    """Where the csv module gave up on ``line``: the 1-based cell, and what is wrong there."""
    cell, at, end = 1, 0, len(line)
    while True:
        start = at
        if line.startswith('"', at):
            close = at + 1
            while True:
                close = line.find('"', close)
                if close < 0:
                    return cell, f"dấu nháy kép mở ở ô thứ {cell} không được đóng"
                if not line.startswith('""', close):
                    break
                close += 2
            at = close + 1
            if at < end and line[at] != delimiter:
                return cell, f"sau dấu nháy kép đóng ô thứ {cell} còn chữ ({shown(line[at:at + 20])}) trước dấu phân cách"
        else:
            found = line.find(delimiter, at)
            at = end if found < 0 else found
        if at - start > MAX_CELL_CHARS:
            return cell, _too_long(at - start)
        if at >= end:
            return 1, "cấu trúc CSV không hợp lệ"
        at += 1
        cell += 1


def _too_long(size: int) -> str:
    return f"ô dài {number(size)} ký tự, vượt giới hạn {number(MAX_CELL_CHARS)} ký tự của một ô"


def _row(table: Path, line: int, record: list[str], columns: list[Column], delimiter: str) -> Row:
    cells: list[Cell] = []
    problems: list[Problem] = []
    if len(record) > len(columns):
        extra = next((n for n in range(len(columns), len(record)) if record[n].strip()), len(columns)) + 1
        if any(value.strip() for value in record[len(columns):]):
            problems.append(problem(
                table, f"dòng có {len(record)} ô nhưng bảng chỉ có {len(columns)} cột.",
                f"ô có dấu phân cách ({_DELIMITERS[delimiter]}) phải đặt trong dấu nháy kép.", line, extra))  # fmt: skip
    if len(record) < len(columns):  # -- Excel writes every cell, empty ones too: a short row lost its cells on the way --
        problems.append(problem(
            table, f"dòng chỉ có {len(record)} ô nhưng bảng có {len(columns)} cột.",
            f"mỗi dòng cần đủ ô như dòng tên cột; ô để trống vẫn phải có {_DELIMITERS[delimiter]} ngăn cách.", line, len(record) + 1))  # fmt: skip
    for column, value in zip(columns, record, strict=False):
        text = value.strip().lstrip("\ufeff").strip()
        if not text:
            continue
        if not column.key:
            problems.append(problem(table, f"ô {shown(text)} nằm ở cột không có tên.", "đặt tên cột ở dòng 1, hoặc xóa ô này.", line, column.column))
            continue
        if len(text) > MAX_CELL_CHARS:
            problems.append(problem(table, _too_long(len(text)) + ".", _LONG_HINT, line, column.column, column.key))
            continue
        mark = yaml.Mark(str(table), 0, TABLE_LINE_OFFSET + line - 1, column.column - 1, None, None)
        node = _cell_node(text, mark)
        if isinstance(node, Problem):
            problems.append(problem(table, node.message, node.hint, line, column.column, column.key))
            continue
        cells.append(Cell(column.key, column.path, node, column.column, column.mark))
    return Row(table, line, tuple(cells), tuple(problems))


def _cell_node(text: str, mark: yaml.Mark) -> yaml.Node | Problem:
    """A cell as the YAML node a specification would have: text stays text, a cell written
    '[a, b]' or '{k: v}' is a list or a mapping. A Problem when it cannot be one."""
    if text[:1] not in ("[", "{"):
        tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
        return yaml.ScalarNode(tag, text, mark, mark)
    hint = "ví dụ [VT, VP] hoặc {ten: Phòng Kinh tế}; nếu đây là chữ, bỏ dấu ngoặc ở đầu."
    if _bracket_depth(text) > MAX_CELL_DEPTH:
        return Problem(f"ô lồng ngoặc quá sâu (hơn {MAX_CELL_DEPTH} tầng).", hint=hint)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (lỗi ở ký tự thứ {where.column + 1})" if where is not None and where.line == 0 else ""
        return Problem(f"ô {shown(text)} không đọc được như một danh sách hay nhóm khóa YAML{at}.", hint=hint[:1].upper() + hint[1:])
    if node is None or _too_many(node):
        return Problem(f"ô {shown(text)} có quá nhiều phần tử (hơn {number(MAX_CELL_NODES)}).", hint="Viết danh sách dài trong đặc tả mẫu.")
    return _marked(node, mark)


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _too_many(root: yaml.Node) -> bool:
    """More nodes than a cell may hold, counting each '*' reference by what it expands to."""
    count, stack = 0, [root]
    while stack:
        node = stack.pop()
        count += 1
        if count > MAX_CELL_NODES:
            return True
        if isinstance(node, yaml.SequenceNode):
            stack += node.value
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
    return False


def _marked(node: yaml.Node, mark: yaml.Mark) -> yaml.Node:
    node.start_mark = node.end_mark = mark
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _marked(child, mark)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _marked(key, mark)
            _marked(value, mark)
    return node


