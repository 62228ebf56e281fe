"""The task list: one list feeds the body, the appendix tables and the agencies' responsibilities.

A task is written once: in the plan's ``nhiem_vu`` list, or inside the body under its
reform area (``nhiem_vu`` of a section). Those that name a lead agency and a deadline join
the list (``derive.all_tasks``); a task written in the body is printed where it is written,
and the list places it again only where the plan asks for every task of an agency or in
the appendix. Nothing here knows about DOCX.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import decree30, vn
from .metrics import text_width_mm
from .records import record
from .spec import derive
from .spec.model import Appendix, BodyTask, Section, Spec, Task

if TYPE_CHECKING:
    from .view import DocumentView

COLUMN_TITLES = {
    "stt": "STT",
    "noi_dung": "Nội dung nhiệm vụ",
    "chu_tri": "Cơ quan chủ trì",
    "phoi_hop": "Cơ quan phối hợp",
    "thoi_han": "Thời gian hoàn thành",
    "san_pham": "Sản phẩm",
    "ghi_chu": "Ghi chú",
}
COLUMN_WEIGHTS = {"stt": 5, "noi_dung": 35, "chu_tri": 14, "phoi_hop": 18, "thoi_han": 11, "san_pham": 17, "ghi_chu": 10}
_SLACK_MM = 0.8  # -- rounding to twips, and an office suite's own rounding of glyph advances --


def column_shares(columns: list[str], titles: list[str], rows: list[list[str]], width_mm: float = decree30.LANDSCAPE.text_width) -> list[float]:
    """Each column's share of the table: a clerk sizes the narrow centred columns to what
    they hold (so "Thường xuyên" or "Quý II/2026" is one line, not "Thường / xuyên") and
    shares the rest by weight; no column is narrower than its title's longest word, so a
    title wraps between words, never inside one."""
    margins = decree30.TASK_TABLE_CELL_MARGINS
    padding = margins.left + margins.right + _SLACK_MM
    body, head = decree30.STYLE_BY_ID["CCHCBang"].size, decree30.STYLE_BY_ID["CCHCBangTieuDe"].size
    least = [max(text_width_mm(word, head, bold=True) for word in title.split() or [""]) + padding for title in titles]
    widths: dict[int, float] = {}
    for index, column in enumerate(columns):
        if column in decree30.TASK_TABLE_MEASURED_COLUMNS:
            # -- each distinct text once: a thousand tasks hold a few dozen deadlines and numbers --
            content = max((text_width_mm(text, body, bold=False) for text in {row[index] for row in rows}), default=0.0) + padding
            widths[index] = max(least[index], min(content, decree30.TASK_TABLE_MEASURED_MAX_SHARE * width_mm))
    # -- the rest by weight; a column its weight would make narrower than its title's longest word takes that width --
    flexible = [i for i in range(len(columns)) if i not in widths]
    while flexible:
        rest = width_mm - sum(widths.values())
        total = sum(COLUMN_WEIGHTS[columns[i]] for i in flexible)
        short = [i for i in flexible if rest * COLUMN_WEIGHTS[columns[i]] / total < least[i]]
        if not short:
            widths.update({i: rest * COLUMN_WEIGHTS[columns[i]] / total for i in flexible})
            break
        widths.update({i: least[i] for i in short})
        flexible = [i for i in flexible if i not in short]
    total_width = sum(widths.values())
    return [widths[i] / total_width for i in range(len(columns))]


@dataclass
class TableRow:
    cells: list[str]
    group: bool = False  # a full-width row naming a reform area


@record  # -- one per appendix: a dataclass whose methods are not compiled at start-up (records) --
class TaskTable:
    columns: list[str]  # keys, e.g. "chu_tri"
    titles: list[str]
    widths: list[float]  # shares of the text width, summing to 1
    rows: list[TableRow]


class TaskList:
    """The plan's tasks, and where each one is printed."""

    def __init__(self, spec: Spec):
        self.spec = spec
        self.written = derive.written_tasks(spec)  # -- by the identity of the body task --
        self.tasks = [*spec.tasks, *self.written.values()]
        if self.written:
            # -- tasks come from two places: the table follows the programme's order of areas
            # (then the plan's own), not whichever list happened to name an area first --
            rank = {area: index for index, area in enumerate(derive.known_areas(spec))}
            self.tasks.sort(key=lambda task: rank.get(task.area, len(rank)))
        self.appendix_tasks = self._assign(spec.plan.appendices)
        # -- by identity: 'task in list' compares every field of every task, per task --
        self._in_appendices = {id(task) for tasks in self.appendix_tasks for task in tasks}

    def _assign(self, appendices: list[Appendix]) -> list[list[Task]]:
        """Each task goes to the first appendix whose areas include it (or that takes all)."""
        result: list[list[Task]] = [[] for _ in appendices]
        for task in self.tasks:
            for index, appendix in enumerate(appendices):
                if not appendix.areas or task.area in appendix.areas:
                    result[index].append(task)
                    break
        return result

    def in_appendix(self, task: Task) -> bool:
        return id(task) in self._in_appendices

    # -- lines in the body --
    def line(self, task: Task, *, with_lead: bool) -> str:
        parts = []
        if with_lead:
            parts.append(f"chủ trì: {derive.agency_name(self.spec, task.lead)}")
            if task.partners:
                parts.append("phối hợp: " + ", ".join(derive.agency_name(self.spec, p) for p in task.partners))
        parts.append(f"thời hạn: {vn.lower_first(task.deadline.text)}")
        if task.product:
            parts.append(f"sản phẩm: {vn.lower_first(task.product)}")
        return f"{task.text.rstrip('.;')} ({'; '.join(parts)})."

    def body_line(self, written: BodyTask) -> str:
        """A task written in the body, where it is written: with its lead and deadline in
        brackets unless the appendix already gives them."""
        task = self.written.get(id(written))
        if task is None:
            return written.text  # -- qualitative: as the drafter wrote it --
        if self.in_appendix(task):
            return f"{task.text.rstrip('.;')}."  # -- ends like the task lines beside it; the table has the rest --
        return self.line(task, with_lead=True)

    def generated_items(self, section: Section) -> Iterator[str]:
        """Task lines placed in the body: the tasks of an area or of an agency."""
        if self.appendix_reference(section):
            return
        if section.area and section.tasks is True:
            for task in self.spec.tasks:
                if task.area == section.area and not self.in_appendix(task):
                    yield self.line(task, with_lead=True)
        if section.agency and (section.tasks is True or self._auto_agency_tasks(section)):
            for task in self.tasks:
                if task.lead == section.agency:
                    yield self.line(task, with_lead=False)

    def _auto_agency_tasks(self, section: Section) -> bool:
        return any(parent.kind == "to_chuc_thuc_hien" and parent.tasks is True and any(sub is section for sub in parent.sections())
                   for parent in self.spec.plan.sections)

    def generated_sections(self, section: Section) -> Iterator[Section]:
        """Sections the task list implies: areas under 'nhiệm vụ cụ thể', agencies under 'tổ chức'."""
        if section.kind == "nhiem_vu_cu_the" and not any(self.appendix_tasks):
            for area in dict.fromkeys(task.area for task in self.spec.tasks):
                yield Section(area=area, tasks=True)
        if section.kind == "to_chuc_thuc_hien" and section.tasks is True:
            present = {sub.agency for sub in section.sections()}
            for lead in dict.fromkeys(task.lead for task in self.tasks):
                if lead not in present:
                    yield Section(agency=lead, tasks=True)

    def appendix_reference(self, section: Section) -> str | None:
        """Where the tasks would be, the body points to the appendix that holds them (§5)."""
        if section.kind != "nhiem_vu_cu_the":
            return None
        in_appendix = [i for i, tasks in enumerate(self.appendix_tasks) if tasks]
        if not in_appendix:
            return None
        if len(self.spec.plan.appendices) == 1:
            return "(Chi tiết tại Phụ lục kèm theo)"
        return "(Chi tiết tại " + ", ".join(f"Phụ lục {vn.roman(i + 1)}" for i in in_appendix) + " kèm theo)"

    # -- appendices (§5): a landscape task table --
    def appendix(self, view: DocumentView, appendix: Appendix, number: int, attached_to: str) -> None:
        """The appendix heading and its table; ``attached_to`` is the '(Kèm theo …)' line."""
        several = len(self.spec.plan.appendices) > 1
        view.add("phu_luc", f"Phụ lục {vn.roman(number)}" if several else "Phụ lục")
        first, last = derive.plan_years(self.spec)
        default_title = f"Danh mục nhiệm vụ cải cách hành chính năm {first}" if first == last else f"Danh mục nhiệm vụ cải cách hành chính giai đoạn {first} - {last}"
        view.add("phu_luc_tieu_de", vn.upper(appendix.title or default_title))
        view.add("kem_theo", attached_to)
        view.add("duong_ke")
        view.place(self.table(appendix, self.appendix_tasks[number - 1]))

    def table(self, appendix: Appendix, tasks: list[Task]) -> TaskTable:
        columns = list(appendix.columns)
        titles = [appendix.column_titles.get(c, COLUMN_TITLES[c]) for c in columns]
        rows: list[TableRow] = []
        for group_number, area in enumerate(dict.fromkeys(t.area for t in tasks), start=1):
            rows.append(TableRow([f"{vn.roman(group_number)}. {derive.area_title(self.spec, area)}"], group=True))
            for number, task in enumerate((t for t in tasks if t.area == area), start=1):
                rows.append(TableRow([self._cell(task, column, number) for column in columns]))
        return TaskTable(columns, titles, column_shares(columns, titles, [r.cells for r in rows if not r.group]), rows)

    def _cell(self, task: Task, column: str, number: int) -> str:
        spec = self.spec
        if column == "stt":
            return str(number)
        if column == "noi_dung":
            return task.text
        if column == "chu_tri":
            return derive.agency_name(spec, task.lead, short=True)
        if column == "phoi_hop":
            return "; ".join(derive.agency_name(spec, p, short=True) for p in task.partners)
        if column == "thoi_han":
            return task.deadline.text
        if column == "san_pham":
            return task.product or ""
        return task.note or ""
