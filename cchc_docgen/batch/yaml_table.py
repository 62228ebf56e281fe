"""A YAML batch table: a list of 'key path: value' mappings, one a document. Its nodes
are moved into the table's range of lines, so a problem found in them names the table."""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from .table_types import KEY_PATH_HINT, TABLE_LINE_OFFSET, Cell, Row, Table, TableError, key_path, problem, shown


def yaml_table(table: Path) -> Table:
    """The rows of a YAML table, read with the specification's own safe loader."""
    from ..spec.loader import read_nodes

    root = read_nodes(table)
    if not isinstance(root, yaml.SequenceNode):
        raise TableError([problem(table, "bảng YAML phải là một danh sách, mỗi phần tử một văn bản.",
                                  "- {co_quan_ban_hanh.dia_ban: Tân Phú, ke_hoach.so: 12}", 1)])  # fmt: skip
    rows = []
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            rows.append(Row(table, line, (), (problem(
                table, "mỗi phần tử của bảng phải là các cặp 'đường dẫn khóa: giá trị'.",
                "- {co_quan_ban_hanh.dia_ban: Tân Phú, ke_hoach.so: 12}", line, item.start_mark.column + 1),)))  # fmt: skip
            continue
        cells, problems = [], []
        for key_node, value_node in item.value:
            column = key_node.start_mark.column + 1
            key = str(key_node.value).strip() if isinstance(key_node, yaml.ScalarNode) else ""
            path = key_path(key) if key else None
            if path is None:
                problems.append(problem(table, f"khóa {shown(key)} không phải đường dẫn khóa.", KEY_PATH_HINT, key_node.start_mark.line + 1, column))
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
