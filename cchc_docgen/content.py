"""The body of a plan: its sections, each printed in the order its drafter wrote it.

A section prints its heading (number, title, run-in text), then its content, then its
closing paragraphs. Its content is either the blocks of ``lan_luot``, in the order
written, or the short form: paragraphs (``doan``), then the list (``y``, ``chi_tieu``,
tasks), then sub-sections (``muc``). Numbers come from ``numbering``; tasks from
``tasklist``. Nothing here knows about DOCX.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import numbering, vn
from .numbering import Label, Levels
from .spec import derive
from .spec.model import SECTION_TITLES, BodyTask, Item, Section, Spec, Target
from .tasklist import TaskList

if TYPE_CHECKING:
    from .view import DocumentView

DEFAULT_FUNDING = (
    "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách hằng năm của các cơ quan, "
    "đơn vị theo phân cấp ngân sách hiện hành và các nguồn kinh phí hợp pháp khác theo quy định."
)

Entry = Item | Target | BodyTask | str  # one line of a section's list
Part = tuple[str, list[str]] | tuple[str, list[Entry]] | tuple[str, list[Section]]  # ("doan" | "y" | "muc", values)


class Counter:
    """The running number of one level; siblings share it (an unheaded grouping section and
    a list numbered like its sub-sections continue it)."""

    __slots__ = ("value",)

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


class Body:
    """Writes the sections of one plan into a view."""

    def __init__(self, spec: Spec, tasks: TaskList):
        self.spec = spec
        self.tasks = tasks
        self.labels: dict[int, str] = {}  # -- id of a section, item, target or task → the label printed before it --

    def write(self, view: DocumentView, sections: list[Section]) -> None:
        levels, counter = numbering.plan_levels(self.spec.plan), Counter()
        for section in sections:
            self.section(view, section, 1, levels, counter, numbering.NONE)

    def title(self, section: Section) -> str | None:
        if section.title:
            return section.title
        if section.area:
            return derive.area_title(self.spec, section.area)
        if section.agency:
            return derive.agency_name(self.spec, section.agency)
        if section.kind:
            return SECTION_TITLES[section.kind]
        return None

    def section(self, view: DocumentView, section: Section, depth: int, levels: Levels, counter: Counter, parent: Label) -> None:
        """One section at ``depth``, its level printed in ``levels.at(0)``."""
        scheme = levels.at(0)
        part = numbering.is_part(scheme, depth)
        title = self.title(section)
        if part and title:
            title = vn.upper(title)
        headed = bool(title or section.text)
        label = numbering.NONE
        if headed and section.numbered and scheme != "khong":
            label = numbering.label(scheme, counter.next(), parent)
        self.labels[id(section)] = label.text
        before = numbering.prefix(label)
        if title and section.text:
            joiner = " " if title.rstrip().endswith(":") else ": "
            view.add("than_dam", section.text, f"{before}{title}{joiner}".replace(": :", ":"))
        elif title:
            view.add("muc" if part else "tieu_de", title, before)
        elif section.text:
            view.add("than", section.text, before)

        # -- an unheaded section only groups: its children stand at its own level --
        child_depth = depth + 1 if headed else depth
        child_levels = numbering.children_levels(section, levels.below() if headed else levels)
        child_counter = counter if not headed and not section.numbering else Counter()  # -- a grouping with its own scheme counts afresh --
        child_parent = label if headed else parent
        list_levels = numbering.list_levels(section, child_levels)
        list_counter = child_counter if section.list_style == "so" else Counter()
        for kind, values in self.parts(section):
            if kind == "doan":
                for paragraph in values:
                    view.add("than", paragraph)  # type: ignore[arg-type]
            elif kind == "y":
                for entry in values:
                    self.entry(view, entry, list_levels, 0, list_counter, child_parent)  # type: ignore[arg-type]
            else:
                for sub in values:
                    self.section(view, sub, child_depth, child_levels, child_counter, child_parent)  # type: ignore[arg-type]
        for paragraph in section.closing:
            view.add("than", paragraph)

    def parts(self, section: Section) -> Iterator[Part]:
        """The section's content in printed order, with what the task list adds."""
        reference = self.tasks.appendix_reference(section)
        generated_items = list(self.tasks.generated_items(section))
        generated_sections = list(self.tasks.generated_sections(section))
        if section.content:
            for block in section.content:
                if block.paragraphs:
                    yield "doan", block.paragraphs
                entries: list[Entry] = [*block.items, *block.targets, *block.tasks]
                if entries:
                    yield "y", entries
                if block.subsections:
                    yield "muc", block.subsections
            if reference:
                yield "doan", [reference]
            yield "y", list(generated_items)
            yield "muc", generated_sections
            return
        written_tasks = section.tasks if isinstance(section.tasks, list) else []
        yield "doan", [*section.paragraphs, *([reference] if reference else [])]
        yield "y", [*section.items, *section.targets, *written_tasks, *generated_items]
        if section.kind == "kinh_phi" and not (section.paragraphs or section.items or section.subsections or section.text):
            yield "doan", [DEFAULT_FUNDING]
        yield "muc", [*section.subsections, *generated_sections]

    def entry(self, view: DocumentView, entry: Entry, levels: Levels, index: int, counter: Counter, parent: Label) -> None:
        """One list line at list level ``index``, then its own items one level down."""
        scheme = levels.at(index)
        label = numbering.label(scheme, counter.next(), parent)
        if not isinstance(entry, str):
            self.labels[id(entry)] = label.text
        if isinstance(entry, str):
            text, children = entry, []
        elif isinstance(entry, BodyTask):
            text, children = self.tasks.body_line(entry), entry.items
        else:
            text, children = entry.text, entry.items
        view.add("than", text, numbering.prefix(label))
        below = Counter()
        for child in children:
            self.entry(view, child, levels, index + 1, below, label)


def printed_labels(spec: Spec) -> dict[int, str]:
    """The label printed before each section, item, target and body task of the plan, by the
    identity of its model object ("" where none is printed): for rules that judge what a
    drafter typed after a label, without repeating how labels are chosen."""
    from .view import DocumentView

    body = Body(spec, TaskList(spec))
    body.write(DocumentView(stem="", title=""), spec.plan.sections)
    return body.labels
