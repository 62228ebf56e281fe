"""A batch table read into rows: the values each document takes instead of the model's.

A table is a CSV file whose header names key paths into the model, or a YAML list of
'key path: value' mappings. Its values become YAML nodes, so a wrong value is later
reported at its row and column exactly as a wrong line of a specification would be.

What is wrong with one row or cell (an unreadable value, too many cells, an unclosed
quote, a cell over the size limit) stays with that row: the row carries its problems and
the other rows go on. Only what spoils every row (an unreadable file, a bad header, no
data at all, a table over the size limit) stops the table, as a TableError.

A CSV record is one line. A quote left open would otherwise let the csv module swallow
the following lines into one cell, so that a commune's plan silently disappears and the
next row lands in the wrong columns; here a record that runs over several lines is an
error at the line where it began, and the lines it swallowed are named in the message.
"""

from __future__ import annotations

import copy
import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .. import files
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
_LINES = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+$")
_RESOLVER = yaml.resolver.Resolver()
_KEY_PATH_HINT = (
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


def read_table(table: Path) -> Table:
    """The rows of a CSV or YAML table.

    Raises:
        TableError: the table cannot be read, has a bad header or no data row.
        SpecError: a YAML table is not readable YAML.
    """
    _check_file(table)
    result = _yaml_table(table) if table.suffix.lower() in (".yaml", ".yml") else _csv_table(table)
    if not result.rows:
        raise TableError([_problem(table, "bảng không có dòng dữ liệu nào.", "mỗi dòng sau dòng tên cột là một văn bản; thêm ít nhất một dòng.")])
    return result


def _problem(table: Path, message: str, hint: str = "", line: int = 0, column: int = 0, path: str = "") -> Problem:
    return Problem(message, path=path, line=line, column=column, hint=hint[:1].upper() + hint[1:], file=str(table))


def _check_file(table: Path) -> None:

    try:
        info = table.stat()
    except OSError as exc:
        raise TableError([_problem(table, f"không đọc được bảng ({files.read_reason(exc)}).", "kiểm tra đường dẫn sau --bang.")]) from exc
    kind = files.special_kind(info.st_mode)
    if kind:
        raise TableError([_problem(table, f"đây là {kind}, không phải bảng.", "--bang cần một tệp .csv hoặc .yaml.")])
    if info.st_size > MAX_TABLE_BYTES:
        raise TableError([_problem(
            table, f"bảng quá lớn ({info.st_size / 1024 / 1024:.0f} MB; giới hạn {MAX_TABLE_BYTES // (1024 * 1024)} MB).",
            "bảng của mọi xã một tỉnh chỉ vài MB; kiểm tra lại tệp, hoặc chia thành nhiều bảng.")])  # fmt: skip


# -- CSV --
def _csv_table(table: Path) -> Table:

    try:
        with table.open("rb") as handle:
            raw = handle.read(MAX_TABLE_BYTES + 1)
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise TableError([_problem(table, f"không đọc được bảng ({files.read_reason(exc)}).", "kiểm tra đường dẫn sau --bang.")]) from exc
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TableError([_problem(table, "bảng không phải văn bản UTF-8.", "trong Excel chọn Save As → CSV UTF-8 (Comma delimited).", line)]) from exc
    lines = _LINES.findall(text)
    if not lines or not lines[0].strip():
        raise TableError([_problem(table, "bảng trống hoặc dòng đầu trống.", "dòng đầu là tên các cột, ví dụ co_quan_ban_hanh.dia_ban,ke_hoach.so", 1)])
    delimiter = max(",;\t", key=lines[0].count)  # -- Excel in Vietnamese locales writes ';' --
    columns = _header(table, lines[0], delimiter)
    rows = []
    for row in _records(table, lines, delimiter, columns):
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise TableError([_problem(table, f"bảng có hơn {_number(MAX_ROWS)} dòng dữ liệu.", "chia thành nhiều bảng.", row.line)])
    return Table(rows, columns)


def _header(table: Path, line: str, delimiter: str) -> list[Column]:
    try:
        keys = next(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error:
        column, what = _diagnose(line, delimiter)
        raise TableError([_problem(table, f"dòng tên cột không đọc được: {what}.", "tên cột không cần dấu nháy kép.", 1, column)]) from None
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
            problems.append(_problem(table, f"tên cột {_shown(key)} không phải đường dẫn khóa.", _KEY_PATH_HINT, 1, column))
        elif key in seen:
            problems.append(_problem(table, f"cột {_shown(key)} đã có ở cột {seen[key]}.", "mỗi khóa chỉ một cột; xóa một trong hai cột.", 1, column))
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
            yield Row(table, line_number, (), (_problem(table, f"dòng không đọc được: {what}.", hint, line_number, column),))
            source.at = start + 1
            continue
        last = source.at  # -- 1-based number of the record's last line --
        if last > line_number:
            column = next((n for n, value in enumerate(record, start=1) if "\n" in value or "\r" in value), 1)
            yield Row(table, line_number, (), (_problem(
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
                return cell, f"sau dấu nháy kép đóng ô thứ {cell} còn chữ ({_shown(line[at:at + 20])}) trước dấu phân cách"
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
    return f"ô dài {_number(size)} ký tự, vượt giới hạn {_number(MAX_CELL_CHARS)} ký tự của một ô"


def _number(value: int) -> str:
    """10.000 as Vietnamese writes it."""
    return f"{value:,}".replace(",", ".")


def _row(table: Path, line: int, record: list[str], columns: list[Column], delimiter: str) -> Row:
    cells: list[Cell] = []
    problems: list[Problem] = []
    if len(record) > len(columns):
        extra = next((n for n in range(len(columns), len(record)) if record[n].strip()), len(columns)) + 1
        if any(value.strip() for value in record[len(columns):]):
            problems.append(_problem(
                table, f"dòng có {len(record)} ô nhưng bảng chỉ có {len(columns)} cột.",
                f"ô có dấu phân cách ({_DELIMITERS[delimiter]}) phải đặt trong dấu nháy kép.", line, extra))  # fmt: skip
    if len(record) < len(columns):  # -- Excel writes every cell, empty ones too: a short row lost its cells on the way --
        problems.append(_problem(
            table, f"dòng chỉ có {len(record)} ô nhưng bảng có {len(columns)} cột.",
            f"mỗi dòng cần đủ ô như dòng tên cột; ô để trống vẫn phải có {_DELIMITERS[delimiter]} ngăn cách.", line, len(record) + 1))  # fmt: skip
    for column, value in zip(columns, record, strict=False):
        text = value.strip().lstrip("\ufeff").strip()
        if not text:
            continue
        if not column.key:
            problems.append(_problem(table, f"ô {_shown(text)} nằm ở cột không có tên.", "đặt tên cột ở dòng 1, hoặc xóa ô này.", line, column.column))
            continue
        if len(text) > MAX_CELL_CHARS:
            problems.append(_problem(table, _too_long(len(text)) + ".", _LONG_HINT, line, column.column, column.key))
            continue
        mark = yaml.Mark(str(table), 0, TABLE_LINE_OFFSET + line - 1, column.column - 1, None, None)
        node = _cell_node(text, mark)
        if isinstance(node, Problem):
            problems.append(_problem(table, node.message, node.hint, line, column.column, column.key))
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
        return Problem(f"ô {_shown(text)} không đọc được như một danh sách hay nhóm khóa YAML{at}.", hint=hint[:1].upper() + hint[1:])
    if node is None or _too_many(node):
        return Problem(f"ô {_shown(text)} có quá nhiều phần tử (hơn {_number(MAX_CELL_NODES)}).", hint="Viết danh sách dài trong đặc tả mẫu.")
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


def _shown(text: str, limit: int = 60) -> str:
    """A value quoted in a message, cut: a 3 MB cell must not make a 3 MB message."""
    return repr(text if len(text) <= limit else text[:limit] + "…")


# -- YAML --
def _yaml_table(table: Path) -> Table:
    from ..spec.loader import read_nodes

    root = read_nodes(table)
    if not isinstance(root, yaml.SequenceNode):
        raise TableError([_problem(table, "bảng YAML phải là một danh sách, mỗi phần tử một văn bản.",
                                   "- {co_quan_ban_hanh.dia_ban: Tân Phú, ke_hoach.so: 12}", 1)])  # fmt: skip
    rows = []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            rows.append(Row(table, line, (), (_problem(
                table, "mỗi phần tử của bảng phải là các cặp 'đường dẫn khóa: giá trị'.",
                "- {co_quan_ban_hanh.dia_ban: Tân Phú, ke_hoach.so: 12}", line, item.start_mark.column + 1),)))  # fmt: skip
            continue
        cells, problems = [], []
        for key_node, value_node in item.value:
            column = key_node.start_mark.column + 1
            key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else ""
            path = key_path(key) if key else None
            if path is None:
                problems.append(_problem(table, f"khóa {_shown(key)} không phải đường dẫn khóa.", _KEY_PATH_HINT, key_node.start_mark.line + 1, column))
                continue
            cells.append(Cell(key, path, _moved(value_node), column, _moved(key_node).start_mark))
        rows.append(Row(table, line, tuple(cells), tuple(problems)))
    return Table(rows, [])


def _moved(node: yaml.Node) -> yaml.Node:
    """A node of a YAML table, its lines moved into the table's range (see TABLE_LINE_OFFSET)."""
    moved = copy.copy(node)
    moved.start_mark = yaml.Mark(node.start_mark.name, 0, TABLE_LINE_OFFSET + node.start_mark.line, node.start_mark.column, None, None)
    moved.end_mark = moved.start_mark
    if isinstance(node, yaml.SequenceNode):
        moved.value = [_moved(child) for child in node.value]
    elif isinstance(node, yaml.MappingNode):
        moved.value = [(_moved(k), _moved(v)) for k, v in node.value]
    return moved
