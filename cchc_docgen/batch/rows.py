"""A table row applied to the model: the row's values replace the model's YAML nodes
*before* validation, so every problem is found by the same rules as in a specification.

A column that cannot exist in the model (a typo in the header, a list index the model
lacks) would be wrong in every row alike, so the header is judged once against the model
and such a column stops the table with one message at its header cell.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..errors import Problem, SpecError
from .table_types import TABLE_LINE_OFFSET, Cell, Row, Table, TableError

if TYPE_CHECKING:
    from ..checks import IssuedNumber


def row_root(model_root: yaml.Node, row: Row) -> yaml.Node:
    """The model's node tree with the row's values in place; the model itself is not changed
    (only the nodes on the way to a changed value are copied)."""
    root = model_root
    for cell in row.cells:
        root = _replaced(root, cell.path, cell)
    return root


def _replaced(node: yaml.Node, path: tuple[str | int, ...], cell: Cell) -> yaml.Node:
    if not path:
        return cell.node
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        if not isinstance(node, yaml.SequenceNode):
            raise SpecError([_cell_problem(cell, f"phần tử [{head}] không có vì chỗ này trong đặc tả mẫu không phải danh sách.")])
        if head >= len(node.value):
            raise SpecError([_cell_problem(
                cell, f"danh sách trong đặc tả mẫu chỉ có {len(node.value)} phần tử (đếm từ 0).",
                "Thêm phần tử vào đặc tả mẫu, hoặc sửa số trong ngoặc vuông.")])  # fmt: skip
        items = list(node.value)
        items[head] = _replaced(items[head], rest, cell)
        return yaml.SequenceNode(node.tag, items, node.start_mark, node.end_mark, node.flow_style)
    if not isinstance(node, yaml.MappingNode):
        if not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            raise SpecError([_cell_problem(cell, f"khóa {head!r} không đặt được vì chỗ này trong đặc tả mẫu không phải nhóm khóa.")])
        node = yaml.MappingNode("tag:yaml.org,2002:map", [], cell.mark, cell.mark)
    pairs = list(node.value)
    for index, (key, child) in enumerate(pairs):
        if isinstance(key, yaml.ScalarNode) and key.value == head:
            pairs[index] = (key, _replaced(child, rest, cell))
            break
    else:
        if rest and isinstance(rest[0], int):
            raise SpecError([_cell_problem(cell, f"đặc tả mẫu không có danh sách {head!r} để chọn phần tử [{rest[0]}].")])
        # -- a key the model lacks is written where the table names it: a problem with it is found there --
        key = yaml.ScalarNode("tag:yaml.org,2002:str", head, cell.mark, cell.mark)
        empty = yaml.MappingNode("tag:yaml.org,2002:map", [], cell.mark, cell.mark)
        pairs.append((key, _replaced(empty, rest, cell)))
    return yaml.MappingNode(node.tag, pairs, node.start_mark, node.end_mark, node.flow_style)


def _cell_problem(cell: Cell, message: str, hint: str = "") -> Problem:
    """Said where the key path is written: the header cell of a CSV table, the key of a YAML row."""
    return Problem(message, path=cell.key, line=cell.mark.line + 1, column=cell.mark.column + 1, hint=hint, file=cell.mark.name)


def in_table(problem: Problem, table: Path) -> Problem:
    """A problem found in a node that came from the table, pointed at the table."""
    if problem.line > TABLE_LINE_OFFSET:
        return replace(problem, file=str(table), line=problem.line - TABLE_LINE_OFFSET)
    return problem


def number_in_table(number: IssuedNumber, table: Path) -> IssuedNumber:
    """A number written in a cell of the table, pointed at the table."""
    if number.loc.line > TABLE_LINE_OFFSET:
        return replace(number, file=str(table), loc=number.loc._replace(line=number.loc.line - TABLE_LINE_OFFSET))
    return number


@lru_cache(maxsize=8)
def model_root(path: Path) -> yaml.Node:
    from ..spec.loader import read_nodes

    return read_nodes(path)


def row_spec(model: Path, row: Row) -> object:
    """The row's specification; a SpecError with the row's own problems and every problem
    validation finds, all pointed at the table where they came from it."""
    from ..spec import validate

    problems = list(row.problems)
    try:
        root = row_root(model_root(model), row)
        # -- the model's own lines keep its name; a row's cells are moved to the table by in_table --
        spec = validate.validate_nodes(root, str(model), model.parent)
    except SpecError as exc:
        problems += [in_table(p, row.table) for p in exc.problems]
        raise SpecError(problems) from exc
    if problems:
        raise SpecError(problems)
    return spec


def check_header(model: Path, table: Table) -> None:
    """Judge each CSV column against the model once, with the first value written under it.

    Raises:
        TableError: a column names a key or list element the model cannot have.
    """
    if not table.columns:
        return
    root = model_root(model)
    samples: dict[int, Cell] = {}
    for row in table.rows:
        for cell in row.cells:
            samples.setdefault(cell.column, cell)
    problems: list[Problem] = []
    fitting = []
    for cell in samples.values():
        try:
            _replaced(root, cell.path, cell)
        except SpecError as exc:
            problems += [in_table(p, table.rows[0].table) for p in exc.problems]
        else:
            fitting.append(cell)
    if fitting:
        sample = Row(table.rows[0].table, 0, tuple(fitting))
        try:
            validate_root = row_root(root, sample)
            from ..spec import validate

            validate.validate_nodes(validate_root, str(model), model.parent)
        except SpecError as exc:
            # -- only what is said at the header: a value's own problem is its row's --
            problems += [p for p in (in_table(p, sample.table) for p in exc.problems) if p.file == str(sample.table) and p.line == 1]
    if problems:
        raise TableError(sorted(problems, key=lambda p: p.column))
