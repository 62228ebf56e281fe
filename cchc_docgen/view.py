"""The view of a document: what each paragraph says, in order, with its numbering.

This is where the plan's structure becomes "I. / 1. / a) / - / +", where the decision's
articles are generated, and where one task list feeds the body, the appendix and the
agencies' responsibilities. The result is plain data: text blocks for the Word template
and skeleton items (header, signature, tables, section breaks) for ``skeleton``.
Nothing here knows about DOCX.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from . import naming, vn
from .spec import derive
from .spec.model import SECTION_TITLES, Appendix, Decision, DocumentCommon, Item, LegalRef, Recipient, Section, Signer, Spec, Target, Task
from .spec.values import VnDate

# -- what the template and the skeleton receive --

BlockKind = Literal[
    "ten_loai", "trich_yeu", "kem_theo", "duong_ke", "tham_quyen", "can_cu", "muc", "tieu_de",
    "than", "than_dam", "phu_luc", "phu_luc_tieu_de", "danh_dau",
]  # fmt: skip


@dataclass(slots=True)
class Block:
    """One paragraph: ``kind`` picks the template's paragraph (and so its style)."""

    kind: BlockKind
    text: str = ""
    label: str = ""  # "I.", "1.", "a)", "- ", "Điều 1.": printed before the text


@dataclass
class Header:
    parent: list[str]
    issuer: list[str]
    number: str | None  # "Số: 53/KH-UBND"; None for a plan issued with a decision
    place_date: str | None
    secrecy: str | None = None
    urgency: str | None = None
    draft: bool = False


@dataclass
class Signature:
    recipients: list[str]  # formatted lines, "- Sở Nội vụ (b/c);" … "- Lưu: VT, NV."
    authority: list[str]  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    name: str


@dataclass
class TableRow:
    cells: list[str]
    group: bool = False  # a full-width row naming a reform area


@dataclass
class TaskTable:
    columns: list[str]  # keys, e.g. "chu_tri"
    titles: list[str]
    widths: list[float]  # shares of the text width, summing to 1
    rows: list[TableRow]


@dataclass
class SectionBreak:
    """Ends a section; ``orientation`` is that section's."""

    orientation: Literal["portrait", "landscape"] = "portrait"


Skeleton = Header | Signature | TaskTable | SectionBreak


@dataclass
class DocumentView:
    """One output file."""

    stem: str  # file name without .docx
    title: str  # core property
    blocks: list[Block] = field(default_factory=list)
    skeleton: list[Skeleton] = field(default_factory=list)
    last_orientation: Literal["portrait", "landscape"] = "portrait"
    emphasis: bool = False  # some block carries **đậm** or *nghiêng*: only then are runs searched for marks

    def place(self, item: Skeleton) -> None:
        """Put a skeleton item here: the template prints a marker the skeleton replaces."""
        self.skeleton.append(item)
        self.blocks.append(Block("danh_dau", str(len(self.skeleton) - 1)))

    def add(self, kind: BlockKind, text: str = "", label: str = "") -> None:
        marked = vn.mark_emphasis(text)
        if marked is not text and vn.has_marks(marked):
            self.emphasis = True
        self.blocks.append(Block(kind, marked, label))


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
DEFAULT_FUNDING = (
    "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách hằng năm của các cơ quan, "
    "đơn vị theo phân cấp ngân sách hiện hành và các nguồn kinh phí hợp pháp khác theo quy định."
)
KEEP_DEFAULT = "mac_dinh"


def build_views(spec: Spec, mode: Literal["gop", "rieng"] | None = None) -> list[DocumentView]:
    """The output files of a specification: one combined file, or one per document."""
    return _Builder(spec).views(mode or spec.output.mode)


class _Builder:
    def __init__(self, spec: Spec):
        self.spec = spec
        self.issuer = spec.issuer
        self.full_name = derive.issuer_full_name(spec.issuer)
        self.years = derive.plan_years(spec)
        self.appendix_tasks = self._assign_tasks(spec.plan.appendices)
        # -- by identity: 'task in list' compares every field of every task, per task --
        self._in_appendices = {id(task) for tasks in self.appendix_tasks for task in tasks}

    # -- files --
    def views(self, mode: str) -> list[DocumentView]:
        spec = self.spec
        plan_view = self._new_view(spec.plan.title, "Kế hoạch", spec.decision or spec.plan)
        if spec.decision is None:
            self.plan(plan_view)
            return [plan_view]
        decision_view = self._new_view(self._decision_title(spec.decision), "Quyết định", spec.decision)
        self.decision(decision_view, spec.decision)
        if mode == "rieng":
            self.plan(plan_view)
            plan_view.stem = naming.attached_plan_stem(spec, spec.decision, self.years[0])
            return [decision_view, plan_view]
        decision_view.place(SectionBreak("portrait"))
        self.plan(decision_view)
        return [decision_view]

    def _new_view(self, title: str, type_name: str, document: DocumentCommon) -> DocumentView:
        """A file named after the document that carries the number: '<ký hiệu>-<số>-<năm>_<trích yếu>'."""
        stem = naming.document_stem(self.spec, type_name, document, title, self.years[0])
        return DocumentView(stem=stem, title=f"{type_name} {vn.lower_first(title)}")

    # -- the decision (§6.1) --
    def _decision_title(self, decision: Decision) -> str:
        return decision.title or f"{decision.verb} Kế hoạch {vn.lower_first(self.spec.plan.title)}"

    def decision(self, view: DocumentView, decision: Decision) -> None:
        sym = derive.symbol(decision, "Quyết định", self.issuer)
        view.place(self._header(decision, sym))
        view.add("ten_loai", "QUYẾT ĐỊNH")
        view.add("trich_yeu", self._decision_title(decision))
        view.add("duong_ke")
        collective = derive.issuer_collective(self.issuer)
        view.add("tham_quyen", collective if decision.authority == "tap_the" else f"CHỦ TỊCH {collective}")
        bases = [_legal_text(ref, "Căn cứ") for ref in decision.legal_bases]
        if decision.proposal:
            bases.append(f"Theo đề nghị của {decision.proposal}")
        for index, base in enumerate(bases):
            view.add("can_cu", vn.terminate(base, "." if index == len(bases) - 1 else ";"))
        view.add("tham_quyen", "QUYẾT ĐỊNH:")
        articles = self._articles(decision)
        for number, (title, text, paragraphs) in enumerate(articles, start=1):
            last_article = number == len(articles)
            label = f"Điều {number}. "
            if title:
                view.add("tieu_de", title, label)
            body = ([text] if text else []) + paragraphs
            if last_article and body:
                body[-1] = vn.ensure_final_mark(body[-1])
            for index, paragraph in enumerate(body):
                if index == 0 and not title:
                    view.add("than_dam", paragraph, label)
                else:
                    view.add("than", paragraph)
        recipients = [f"Như Điều {len(articles)}"] if decision.as_first_recipient else []
        view.place(self._signature(decision, recipients))

    def _articles(self, decision: Decision) -> list[tuple[str | None, str, list[str]]]:
        plan_title = vn.lower_first(self.spec.plan.title)
        defaults: list[tuple[str | None, str, list[str]]] = []
        if decision.verb == "Ban hành":
            defaults.append((None, f"Ban hành kèm theo Quyết định này Kế hoạch {plan_title}.", []))
        else:
            defaults.append((None, f"Phê duyệt Kế hoạch {plan_title} (có Kế hoạch chi tiết kèm theo).", []))
        if decision.monitor:
            name = derive.agency_name(self.spec, decision.monitor)
            defaults.append((None, f"Giao {name} theo dõi, đôn đốc, hướng dẫn và kiểm tra các cơ quan, đơn vị thực hiện Kế hoạch này.", []))
        executors = decision.executors or ["Thủ trưởng các cơ quan, đơn vị có liên quan"]
        executor_text = executors[0] if len(executors) == 1 else ", ".join(executors[:-1]) + " và " + executors[-1]
        defaults.append((None, f"Quyết định này có hiệu lực {decision.effective}.", [f"{executor_text} chịu trách nhiệm thi hành Quyết định này."]))
        if not decision.articles:
            return defaults
        result: list[tuple[str | None, str, list[str]]] = []
        for index, article in enumerate(decision.articles):
            if isinstance(article, str):
                if article.strip() == KEEP_DEFAULT:
                    # -- keep the generated article of this position (the last default for the last) --
                    is_last = index == len(decision.articles) - 1
                    result.append(defaults[-1] if is_last else defaults[min(index, len(defaults) - 1)])
                else:
                    result.append((None, article, []))
            else:
                result.append((article.title, article.text, list(article.paragraphs)))
        return result

    # -- the plan (§6.3; §6.2 when issued with a decision) --
    def plan(self, view: DocumentView) -> None:
        spec, plan = self.spec, self.spec.plan
        decision = spec.decision
        if decision is None:
            view.place(self._header(plan, derive.symbol(plan, "Kế hoạch", self.issuer)))
        else:
            view.place(self._header(plan, "", attached=True))
        view.add("ten_loai", "KẾ HOẠCH")
        view.add("trich_yeu", plan.title)
        if decision is not None:
            view.add("kem_theo", f"(Ban hành kèm theo Quyết định số {self._decision_ref(decision)})")
        view.add("duong_ke")
        bases = [_legal_text(ref, "Căn cứ") for ref in plan.legal_bases]
        for index, base in enumerate(bases):
            view.add("than", vn.terminate(base, "." if index == len(bases) - 1 else ";"))
        for paragraph in plan.opening:
            view.add("than", paragraph)
        counter = 0
        for section in plan.sections:
            counter = self._section(view, section, 1, counter, "")
        closing = list(plan.closing) or [self._default_closing()]
        for index, paragraph in enumerate(closing):
            view.add("than", vn.ensure_final_mark(paragraph) if index == len(closing) - 1 else paragraph)
        if decision is None:
            view.place(self._signature(plan, []))
        for number, appendix in enumerate(plan.appendices, start=1):
            tasks = self.appendix_tasks[number - 1]
            view.place(SectionBreak(view.last_orientation))
            self._appendix(view, appendix, number, tasks)
            view.last_orientation = "landscape"

    def _default_closing(self) -> str:
        title = vn.lower_first(self.spec.plan.title)
        owner = "" if " của " in title else f" của {self.full_name}"
        return f"Trên đây là Kế hoạch {title}{owner}."

    def _decision_ref(self, decision: Decision) -> str:
        sym = derive.symbol(decision, "Quyết định", self.issuer)
        number = None if decision.draft else decision.number
        date = _draft_date(decision)
        date_text = vn.short_date(date) if date else ""
        return f"{vn.number_ref(number, sym)} ngày {date_text} của {self.full_name}"

    # -- sections: numbering comes from the structure, never from the drafter --
    def _section(self, view: DocumentView, section: Section, level: int, counter: int, parent_label: str, numbering: str = "chu") -> int:
        """Render one section; returns the sibling counter after it."""
        title = self._section_title(section)
        if level == 1 and title:
            title = vn.upper(title)
        has_heading = bool(title or section.text)
        label = ""
        if has_heading:
            counter += 1
            label = _label(level, counter, parent_label, numbering)
        if title and section.text:
            joiner = " " if title.rstrip().endswith(":") else ": "
            view.add("than_dam", section.text, f"{label} {title}{joiner}".replace(": :", ":"))
        elif title:
            view.add("muc" if level == 1 else "tieu_de", title, f"{label} ")
        elif section.text:
            view.add("than", section.text, f"{label} ")
        child_level = level + 1 if has_heading else level
        child_parent = label if has_heading else parent_label
        child_numbering = section.child_numbering or ("chu" if child_level == 3 else numbering)
        children = 0 if has_heading else counter

        for paragraph in section.paragraphs:
            view.add("than", paragraph)
        reference = self._appendix_reference_of(section)
        if reference:
            view.add("than", reference)
        lines = [*section.items, *(Item(text=t.text, items=t.items) if isinstance(t, Target) else t for t in section.targets)]
        lines += list(self._generated_items(section))
        for line in lines:
            if section.list_style == "so":
                children += 1
                text = line.text if isinstance(line, Item) else line
                view.add("than", text, _label(child_level, children, child_parent, child_numbering) + " ")
                if isinstance(line, Item):
                    self._items(view, line.items, depth=1)
            else:
                self._items(view, [line], depth=0)
        if section.kind == "kinh_phi" and not (section.paragraphs or section.items or section.subsections or section.text):
            view.add("than", DEFAULT_FUNDING)
        for sub in [*section.subsections, *self._generated_sections(section)]:
            children = self._section(view, sub, child_level, children, child_parent, child_numbering)
        for paragraph in section.closing:
            view.add("than", paragraph)
        return counter if has_heading else children

    def _items(self, view: DocumentView, items: list[Item | str], depth: int) -> None:
        for item in items:
            mark = "- " if depth == 0 else "+ "
            if isinstance(item, Item):
                view.add("than", item.text, mark)
                self._items(view, item.items, depth + 1)
            else:
                view.add("than", item, mark)

    def _section_title(self, section: Section) -> str | None:
        if section.title:
            return section.title
        if section.area:
            return derive.area_title(self.spec, section.area)
        if section.agency:
            return derive.agency_name(self.spec, section.agency)
        if section.kind:
            return SECTION_TITLES[section.kind]
        return None

    def _generated_items(self, section: Section) -> Iterator[str]:
        """Task lines placed in the body: the appendix reference, or the tasks themselves."""
        spec = self.spec
        if self._appendix_reference_of(section):
            return
        if section.area and section.tasks:
            for task in spec.tasks:
                if task.area == section.area and not self._in_appendix(task):
                    yield self._task_line(task, with_lead=True)
        if section.agency and (section.tasks or self._auto_agency_tasks(section)):
            for task in spec.tasks:
                if task.lead == section.agency:
                    yield self._task_line(task, with_lead=False)

    def _auto_agency_tasks(self, section: Section) -> bool:
        return any(parent.kind == "to_chuc_thuc_hien" and parent.tasks and section in parent.subsections for parent in self.spec.plan.sections)

    def _generated_sections(self, section: Section) -> Iterator[Section]:
        """Sections the task list implies: areas under 'nhiệm vụ cụ thể', agencies under 'tổ chức'."""
        spec = self.spec
        if section.kind == "nhiem_vu_cu_the" and not any(self.appendix_tasks):
            for area in dict.fromkeys(task.area for task in spec.tasks):
                yield Section(area=area, tasks=True)
        if section.kind == "to_chuc_thuc_hien" and section.tasks:
            present = {sub.agency for sub in section.subsections}
            for lead in dict.fromkeys(task.lead for task in spec.tasks):
                if lead not in present:
                    yield Section(agency=lead, tasks=True)

    def _in_appendix(self, task: Task) -> bool:
        return id(task) in self._in_appendices

    def _task_line(self, task: Task, *, with_lead: bool) -> str:
        parts = []
        if with_lead:
            parts.append(f"chủ trì: {derive.agency_name(self.spec, task.lead)}")
            if task.partners:
                parts.append("phối hợp: " + ", ".join(derive.agency_name(self.spec, p) for p in task.partners))
        parts.append(f"thời hạn: {vn.lower_first(task.deadline.text)}")
        if task.product:
            parts.append(f"sản phẩm: {vn.lower_first(task.product)}")
        return f"{task.text.rstrip('.;')} ({'; '.join(parts)})."

    def _appendix_reference_of(self, section: Section) -> str | None:
        """Where the tasks would be, the body points to the appendix that holds them (§5)."""
        if section.kind != "nhiem_vu_cu_the":
            return None
        in_appendix = [i for i, tasks in enumerate(self.appendix_tasks) if tasks]
        return self._appendix_reference(in_appendix) if in_appendix else None

    def _appendix_reference(self, numbers: list[int]) -> str:
        if len(self.spec.plan.appendices) == 1:
            return "(Chi tiết tại Phụ lục kèm theo)"
        return "(Chi tiết tại " + ", ".join(f"Phụ lục {vn.roman(i + 1)}" for i in numbers) + " kèm theo)"

    # -- appendices (§5): a landscape task table --
    def _assign_tasks(self, appendices: list[Appendix]) -> list[list[Task]]:
        """Each task goes to the first appendix whose areas include it (or that takes all)."""
        result: list[list[Task]] = [[] for _ in appendices]
        for task in self.spec.tasks:
            for index, appendix in enumerate(appendices):
                if not appendix.areas or task.area in appendix.areas:
                    result[index].append(task)
                    break
        return result

    def _appendix(self, view: DocumentView, appendix: Appendix, number: int, tasks: list[Task]) -> None:
        spec, plan = self.spec, self.spec.plan
        several = len(plan.appendices) > 1
        view.add("phu_luc", f"Phụ lục {vn.roman(number)}" if several else "Phụ lục")
        first, last = self.years
        default_title = f"Danh mục nhiệm vụ cải cách hành chính năm {first}" if first == last else f"Danh mục nhiệm vụ cải cách hành chính giai đoạn {first} - {last}"
        view.add("phu_luc_tieu_de", vn.upper(appendix.title or default_title))
        if spec.decision is None:
            sym = derive.symbol(plan, "Kế hoạch", self.issuer)
            number_text = vn.number_ref(None if plan.draft else plan.number, sym)
            date_text = vn.short_date(plan.date) if plan.date else ""
            view.add("kem_theo", f"(Kèm theo Kế hoạch số {number_text} ngày {date_text} của {self.full_name})")
        else:
            view.add("kem_theo", f"(Kèm theo Kế hoạch ban hành kèm theo Quyết định số {self._decision_ref(spec.decision)})")
        view.add("duong_ke")
        view.place(self._table(appendix, tasks))

    def _table(self, appendix: Appendix, tasks: list[Task]) -> TaskTable:
        columns = list(appendix.columns)
        titles = [appendix.column_titles.get(c, COLUMN_TITLES[c]) for c in columns]
        total = sum(COLUMN_WEIGHTS[c] for c in columns)
        widths = [COLUMN_WEIGHTS[c] / total for c in columns]
        rows: list[TableRow] = []
        for group_number, area in enumerate(dict.fromkeys(t.area for t in tasks), start=1):
            rows.append(TableRow([f"{vn.roman(group_number)}. {derive.area_title(self.spec, area)}"], group=True))
            for number, task in enumerate((t for t in tasks if t.area == area), start=1):
                rows.append(TableRow([self._cell(task, column, number) for column in columns]))
        return TaskTable(columns, titles, widths, rows)

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

    # -- header and signature skeletons --
    def _header(self, document: DocumentCommon, sym: str, *, attached: bool = False) -> Header:
        issuer = self.issuer
        number = place_date = None
        if not attached:
            num = None if document.draft else document.number
            date = _draft_date(document)
            number = vn.document_number(num, sym)
            place_date = vn.place_and_date(derive.issuer_place(issuer), date, self.years[0])
        return Header(
            parent=issuer.parent,
            issuer=derive.issuer_lines(issuer),
            number=number,
            place_date=place_date,
            secrecy=document.secrecy,
            urgency=document.urgency,
            draft=document.draft,
        )

    def _signature(self, document: DocumentCommon, first: list[str]) -> Signature:
        recipients = [*first, *(self._recipient(r) for r in document.recipients)]
        lines = [f"- {vn.terminate(text, ';')}" for text in recipients]
        archive = ", ".join(document.archive)
        lines.append(f"- Lưu: {vn.terminate(archive, '.')}")
        signer = document.signer
        assert signer is not None, "validation requires a signer wherever a signature is placed"
        return Signature(lines, signer_lines(signer), signer.name)

    def _recipient(self, recipient: Recipient | str) -> str:
        if isinstance(recipient, str):
            return recipient
        name = recipient.name or derive.agency_name(self.spec, recipient.agency or "")
        return f"{name} ({recipient.note})" if recipient.note else name


def _draft_date(document: DocumentCommon) -> VnDate | None:
    """A draft is dated when it is signed: its day stays blank even if one was typed."""
    date = document.date
    if document.draft and date is not None:
        return VnDate(date.year, date.month)
    return date


def signer_lines(signer: Signer) -> list[str]:
    """The authority stack of §4.1, top to bottom: TM., TL./TUQ., KT., then the title."""
    lines = []
    if signer.on_behalf:
        lines.append(f"TM. {vn.upper(signer.on_behalf)}")
    if signer.by_order:
        lines.append(f"TL. {vn.upper(signer.by_order)}")
    if signer.authorised:
        lines.append(f"TUQ. {vn.upper(signer.authorised)}")
    if signer.deputy_for:
        lines.append(f"KT. {vn.upper(signer.deputy_for)}")
    lines.append(("Q. " if signer.acting else "") + vn.upper(signer.title))
    return lines


def _label(level: int, n: int, parent: str, numbering: str) -> str:
    if level == 1:
        return f"{vn.roman(n)}."
    if level == 2:
        return f"{n}."
    if level == 3 and numbering == "chu":
        return f"{vn.letter(n)})"
    base = parent.rstrip(".)").strip()
    return f"{base}.{n}."


def _legal_text(ref: LegalRef | str, prefix: str) -> str:
    if isinstance(ref, str):
        starts = ("Căn cứ", "Thực hiện", "Theo", "Xét")
        return ref if ref.startswith(starts) else f"{prefix} {ref}"
    parts = [ref.prefix or prefix, ref.kind]
    if ref.number:
        parts.append(f"số {ref.number}")
    if ref.date:
        parts.append(vn.long_date(ref.date) if ref.long_date else f"ngày {vn.short_date(ref.date)}")
    if ref.issuer:
        parts.append(f"của {ref.issuer}")
    if ref.subject:
        parts.append(ref.subject)
    return " ".join(parts)
