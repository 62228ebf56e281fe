"""A batch table (batch --bang) rolled over with its model: the same years moved in its cells
as in the model's keys, the rest of the file as it was, byte for byte.

Each column is a key path into the model, so a cell goes the way the model's value at that
path goes (rules of plan.py): a deadline, a period, a file name, running text; the number
of the issued document is emptied (the new plan is a draft), its date keeps month and year.
Only a cell's years are replaced, in place: quotes, delimiters, line endings and the cells
that do not name the period stay. A table that batch would refuse is refused here first,
with batch's own message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..batch.table import read_table
from ..batch.table_types import key_path
from ..errors import Problem
from .plan import DOCUMENTS, NOTE, REVIEW, Roller, RollResult
from .source import Source, walk

_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class TableRoll:
    """The rolled table's text and what the drafter should read about it."""

    text: str
    notes: tuple[Problem, ...]
    cells_changed: int


def roll_table(table: Path, model: RollResult, *, out_name: str | None = None) -> TableRoll:
    """``table`` (CSV or YAML) moved by the shift that rolled its ``model``.

    Raises TableError or SpecError (batch's refusals, in batch's words) with nothing to write."""
    read_table(table)
    raw = table.read_bytes()
    text = raw.decode("utf-8-sig")
    source = Source(text)
    (first, last), (new_first, _) = model.old_period, model.period
    roller = Roller(source, (first, last), new_first - first, str(table), out_name or str(table))
    cells = _yaml_cells if table.suffix.lower() in (".yaml", ".yml") else _csv_cells
    changed = cells(roller, source, text)
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    new_text = source.result()
    return TableRoll(bom + new_text, roller.notes(new_text), changed)


def _yaml_cells(roller: Roller, source: Source, text: str) -> int:
    """A YAML table: each row a mapping 'key path: value', the value any YAML a key takes."""
    changed = 0
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for row in root.value if isinstance(root, yaml.SequenceNode) else []:
        for key, value in row.value if isinstance(row, yaml.MappingNode) else []:
            path = key_path(str(key.value).strip()) if isinstance(key, yaml.ScalarNode) else None
            if path is not None and _is_number(path) and isinstance(value, yaml.ScalarNode):
                _drop_number(roller, source, row, key, value, path)
                changed += 1
                continue
            for inner, node in walk(value, path) if path else []:
                if isinstance(node, yaml.ScalarNode) and node.value.strip():
                    before = len(source.edits)
                    _cell(roller, source, node, inner)
                    changed += len(source.edits) > before
    return changed


def _csv_cells(roller: Roller, source: Source, text: str) -> int:
    lines = _LINE.findall(text)
    delimiter = max(",;\t", key=lines[0].count)
    columns = [key.strip().lstrip("\ufeff") for key in _fields(lines[0], 0, delimiter)[1]]
    offset, changed = len(lines[0]), 0
    for line in lines[1:]:
        spans, _ = _fields(line, offset, delimiter)
        for key, (start, end, value, quoted) in zip(columns, spans, strict=False):
            path = key_path(key) if key else None
            if path is None or not value.strip():
                continue
            node = yaml.ScalarNode(_TAG, value, yaml.Mark("", start, 0, 0, None, None), yaml.Mark("", end, 0, 0, None, None),
                                   style='"' if quoted else None)  # fmt: skip
            before = len(source.edits)
            _cell(roller, source, node, path)
            changed += len(source.edits) > before
        offset += len(line)
    return changed


def _is_number(path: tuple[str | int, ...]) -> bool:
    return len(path) == 2 and path[0] in DOCUMENTS and path[1] == "so"


def _drop_number(roller: Roller, source: Source, row: yaml.MappingNode, key: yaml.Node, value: yaml.ScalarNode, path: tuple[str | int, ...]) -> None:
    """A YAML row's number: its line goes, as the model's own 'so' line does."""
    if row.flow_style:
        roller.note(value.start_mark.index, "KY-DU-THAO", REVIEW, f"{path[0]}.so",
                    f"số văn bản {value.value} của kỳ cũ vẫn còn trong dòng viết trong dấu {{ }}.", "Xóa 'ke_hoach.so: …' khỏi dòng này bằng tay.")  # fmt: skip
        return
    start, end = source.line_span(key, value)
    source.replace(start, end, "")
    roller.note(start, "KY-DU-THAO", NOTE, f"{path[0]}.so",
                f"đã bỏ số văn bản {value.value} của kỳ cũ: bản mới là dự thảo, chưa lấy số.", "Khi ký ban hành: ghi số cho văn bản này.")  # fmt: skip


def _cell(roller: Roller, source: Source, node: yaml.ScalarNode, path: tuple[str | int, ...]) -> None:
    if _is_number(path):
        source.replace(node.start_mark.index, node.end_mark.index, "")
        roller.note(node.start_mark.index, "KY-DU-THAO", NOTE, f"{path[0]}.so",
                    f"đã xóa số văn bản {node.value.strip()} của kỳ cũ: bản mới là dự thảo, chưa lấy số.",
                    "Khi ký ban hành: ghi số vào ô này.")  # fmt: skip
    elif len(path) == 2 and path[0] in DOCUMENTS and path[1] == "ngay":
        roller.date(str(path[0]), node)
    elif len(path) == 2 and path[0] in DOCUMENTS and path[1] == "du_thao":
        if node.value.strip().lower() != "co":
            source.set_scalar(node, "co")
    else:
        roller.scalar(node, path)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+$")


def _fields(line: str, offset: int, delimiter: str) -> tuple[list[tuple[int, int, str, bool]], list[str]]:
    """The cells of one CSV line: (start, end, value, quoted) with offsets in the file, and
    the values. The table passed batch's reader, so every quote is closed on its line."""
    body = line.rstrip("\r\n")
    spans: list[tuple[int, int, str, bool]] = []
    at = 0
    while True:
        if body.startswith('"', at):
            close = at + 1
            while True:
                close = body.find('"', close)
                if close < 0 or not body.startswith('""', close):
                    break
                close += 2
            close = len(body) - 1 if close < 0 else close
            spans.append((offset + at, offset + close + 1, body[at + 1 : close].replace('""', '"'), True))
            at = close + 1
        else:
            found = body.find(delimiter, at)
            end = len(body) if found < 0 else found
            cell = body[at:end]
            lead = len(cell) - len(cell.lstrip())
            spans.append((offset + at + lead, offset + at + lead + len(cell.strip()), cell.strip(), False))
            at = end
        if at >= len(body) or body[at] != delimiter:
            return spans, [value for _, _, value, _ in spans]
        at += 1
