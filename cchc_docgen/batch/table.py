"""A batch table read into rows: the values each document takes instead of the model's.

A table is a CSV file whose header names key paths into the model, or a YAML list of
'key path: value' mappings. Its values become YAML nodes, so a wrong value is later
reported at its row and column exactly as a wrong line of a specification would be.

What is wrong with one row or cell (an unreadable value, too many cells, an unclosed
quote, a cell over the size limit) stays with that row: the row carries its problems and
the other rows go on. Only what spoils every row (an unreadable file, a bad header, no
data at all, a table over the size limit) stops the table, as a TableError.

The file is checked before it is opened (its kind, its size); csv_table and yaml_table
read it, table_types holds what they share.
"""

from __future__ import annotations

from pathlib import Path

from .. import files
from .csv_table import csv_table
from .table_types import MAX_TABLE_BYTES, Table, TableError, problem
from .yaml_table import yaml_table


def read_table(table: Path) -> Table:
    """The rows of a CSV or YAML table.

    Raises:
        TableError: the table cannot be read, has a bad header or no data row.
        SpecError: a YAML table is not readable YAML.
    """
    _check_file(table)
    result = yaml_table(table) if table.suffix.lower() in (".yaml", ".yml") else csv_table(table)
    if not result.rows:
        raise TableError([problem(table, "bảng không có dòng dữ liệu nào.", "mỗi dòng sau dòng tên cột là một văn bản; thêm ít nhất một dòng.")])
    return result


def _check_file(table: Path) -> None:
    try:
        info = table.stat()
    except OSError as exc:
        raise TableError([problem(table, f"không đọc được bảng ({files.read_reason(exc)}).", "kiểm tra đường dẫn sau --bang.")]) from exc
    kind = files.special_kind(info.st_mode)
    if kind:
        raise TableError([problem(table, f"đây là {kind}, không phải bảng.", "--bang cần một tệp .csv hoặc .yaml.")])
    if info.st_size > MAX_TABLE_BYTES:
        raise TableError([problem(
            table, f"bảng quá lớn ({info.st_size / 1024 / 1024:.0f} MB; giới hạn {MAX_TABLE_BYTES // (1024 * 1024)} MB).",
            "bảng của mọi xã một tỉnh chỉ vài MB; kiểm tra lại tệp, hoặc chia thành nhiều bảng.")])  # fmt: skip
