"""The Phụ lục task tables as the specification's task list (nhiem_vu) and appendices
(ke_hoach.phu_luc): a group row is a reform area, every other row one task.

Columns and their titles are written only where they differ from the default table, so
the render prints the same table.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..spec.values import Deadline
from ..tasklist import COLUMN_TITLES
from .recognise import PlanPart
from .tables import TaskTable
from .values import plain

if TYPE_CHECKING:
    from .build import Builder

DEFAULT_COLUMNS = ["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_han", "san_pham"]


def appendices(b: Builder, part: PlanPart) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The tasks of every table, and one appendix entry per Phụ lục."""
    tasks: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for appendix in part.appendices:
        entry: dict[str, Any] = {}
        title = " ".join(t for t in appendix.title if not re.fullmatch(r"\(.*\)", t))
        if title:
            entry["tieu_de"] = title
        if appendix.table is not None:
            first = len(tasks)
            _table(b, appendix.table, tasks, entry)
            if len(part.appendices) > 1:
                entry["linh_vuc"] = list(dict.fromkeys(plain(t["linh_vuc"]) for t in tasks[first:]))
        entries.append(entry)
    return tasks, entries


def _table(b: Builder, table: TaskTable, tasks: list[dict[str, Any]], entry: dict[str, Any]) -> None:
    if table.columns != DEFAULT_COLUMNS:
        entry["cot"] = table.columns
    renamed = {c: t for c, t in zip(table.columns, table.titles, strict=False) if t != COLUMN_TITLES.get(c)}
    if renamed:
        entry["ten_cot"] = renamed
    area: Any = None
    for row in table.rows:
        if row.group is not None:
            area = b.area(re.sub(r"^[IVXLC]+[.)]\s*", "", row.group))
            continue
        cells = row.cells
        if area is None:
            area = b.guess("chi_dao_dieu_hanh", "bảng không có dòng nhóm lĩnh vực: xếp vào lĩnh vực chỉ đạo, điều hành")
        task: dict[str, Any] = {"linh_vuc": area, "noi_dung": cells.get("noi_dung", "")}
        lead = cells.get("chu_tri", "").strip()
        task["chu_tri"] = b.agency(lead, "table") if lead else b.guess(b.agency("Chưa rõ", "table"), f"dòng {row.where}: không có cơ quan chủ trì")
        partners = [b.agency(p.strip(), "table") for p in re.split(r"[;\n]", cells.get("phoi_hop", "")) if p.strip()]
        if partners:
            task["phoi_hop"] = partners
        deadline = cells.get("thoi_han", "").strip()
        try:
            task["thoi_han"] = Deadline.parse(deadline).text if deadline else b.guess("Thường xuyên", "không có thời hạn")
        except ValueError:
            task["thoi_han"] = b.guess("Thường xuyên", f"thời hạn '{deadline}' không đọc được (ghi trong ghi_chu)")
            task["ghi_chu"] = f"Thời hạn: {deadline}"
        for column, key in (("san_pham", "san_pham"), ("ghi_chu", "ghi_chu")):
            if cells.get(column):
                task[key] = cells[column]
        if not task["noi_dung"]:
            b.notes.append((row.where, "dòng bảng không có nội dung nhiệm vụ: bỏ qua"))
            continue
        tasks.append(task)
