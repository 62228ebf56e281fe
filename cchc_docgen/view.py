"""The view of a document: what each paragraph says, in order, with its numbering.

This is where the files of a specification are laid out, the decision's articles and the
căn cứ are written, and the plan is assembled: its body comes from ``content`` (sections in
written order, numbered by ``numbering``), its tasks and appendix tables from ``tasklist``.
The result is plain data: text blocks for the Word template and skeleton items (header,
signature, tables, section breaks) for ``skeleton``. Nothing here knows about DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from . import naming, vn
from .content import Body
from .records import record
from .spec import derive
from .spec.model import KEEP_DEFAULT, Decision, DocumentCommon, LegalRef, Plan, Recipient, Signer, Spec
from .spec.values import VnDate
from .tasklist import TableRow, TaskList, TaskTable

__all__ = ["Block", "DocumentView", "Header", "SectionBreak", "Signature", "TableRow", "TaskTable", "break_lines", "build_views", "signer_lines"]

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


# -- the skeleton items and the view are records (dataclasses whose methods are not compiled
# at every start-up, see records): a document makes one of each. Block, a paragraph, is made
# by the hundred and keeps its generated, faster __init__ (and slots). --


@record
class Header:
    """The head of a document: parent and issuing body, number, place and date, secrecy and urgency marks."""

    parent: list[str]
    issuer: list[str]
    number: str | None  # "Số: 53/KH-UBND"; None for a plan issued with a decision
    place_date: str | None
    secrecy: str | None = None
    urgency: str | None = None
    draft: bool = False


@record
class Signature:
    """The foot of a document: the Nơi nhận list beside the signer's authority lines and name."""

    recipients: list[str]  # formatted lines, "- Sở Nội vụ (b/c);" … "- Lưu: VT, NV."
    authority: list[str]  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    name: str


@record
class SectionBreak:
    """Ends a section; ``orientation`` is that section's."""

    orientation: Literal["portrait", "landscape"] = "portrait"


Skeleton = Header | Signature | TaskTable | SectionBreak


@record
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


def build_views(spec: Spec, mode: Literal["gop", "rieng"] | None = None, *, lines: bool = True) -> list[DocumentView]:
    """The output files of a specification: one combined file, or one per document, their
    lines broken where a clerk would break them (``linebreak``); ``lines=False`` gives the
    text as written, for the checks that read what the drafter typed."""
    views = _Builder(spec).views(mode or spec.output.mode)
    if lines:
        break_lines(spec, views)
    return views


def break_lines(spec: Spec, views: list[DocumentView]) -> None:
    """Break the lines of ``views`` (built with ``lines=False``) in place, as ``build_views``
    does: the check rules read the text as typed, and the render then lays the same views
    out instead of building them again (``view_cache``)."""
    from .linebreak.layout import lay_out, place_names

    names = place_names(spec)
    for view in views:
        lay_out(view, names)


class _Builder:
    def __init__(self, spec: Spec):
        self.spec = spec
        self.issuer = spec.issuer
        self.full_name = derive.issuer_full_name(spec.issuer)
        self.years = derive.plan_years(spec)
        self.tasks = TaskList(spec)
        self.body = Body(spec, self.tasks)

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
        view.add("trich_yeu", "\n".join(decision.title_lines) if decision.title else self._decision_title(decision))
        view.add("duong_ke")
        collective = derive.issuer_collective(self.issuer)
        view.add("tham_quyen", collective if decision.authority == "tap_the" else f"CHỦ TỊCH {collective}")
        bases = [legal_text(ref, "Căn cứ") for ref in decision.legal_bases]
        if decision.proposal:
            bases.append(_proposal(decision))
        for base in _terminated(bases, decision.bases_end):
            view.add("can_cu", base)
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
        view.add("trich_yeu", "\n".join(plan.title_lines))
        if decision is not None:
            view.add("kem_theo", f"(Ban hành kèm theo Quyết định số {self._decision_ref(decision)})")
        view.add("duong_ke")
        for base in _terminated([legal_text(ref, "Căn cứ") for ref in plan.legal_bases], plan.bases_end):
            view.add("than", base)
        for paragraph in plan.opening:
            view.add("than", paragraph)
        self.body.write(view, plan.sections)
        closing = list(plan.closing) or [self._default_closing()]
        for index, paragraph in enumerate(closing):
            view.add("than", vn.ensure_final_mark(paragraph) if index == len(closing) - 1 else paragraph)
        if decision is None:
            view.place(self._signature(plan, []))
        for number, appendix in enumerate(plan.appendices, start=1):
            view.place(SectionBreak(view.last_orientation))
            self.tasks.appendix(view, appendix, number, self._appendix_attached_to(plan))
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

    def _appendix_attached_to(self, plan: Plan) -> str:
        decision = self.spec.decision
        if decision is not None:
            return f"(Kèm theo Kế hoạch ban hành kèm theo Quyết định số {self._decision_ref(decision)})"
        sym = derive.symbol(plan, "Kế hoạch", self.issuer)
        number_text = vn.number_ref(None if plan.draft else plan.number, sym)
        date_text = vn.short_date(plan.date) if plan.date else ""
        return f"(Kèm theo Kế hoạch số {number_text} ngày {date_text} của {self.full_name})"

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


# -- căn cứ: one paragraph per entry; an entry may cite several documents in one sentence --
def legal_text(ref: LegalRef | str, prefix: str) -> str:
    if isinstance(ref, str):
        starts = ("Căn cứ", "Thực hiện", "Theo", "Xét")
        return ref if ref.startswith(starts) else f"{prefix} {ref}"
    text = " ".join([ref.prefix or prefix, _document(ref)])
    for other in ref.same_sentence:
        joiner = other.joiner if isinstance(other, LegalRef) else ";"
        text = f"{text.rstrip().rstrip(';,')}{joiner} {other if isinstance(other, str) else _document(other)}"
    return text


def _document(ref: LegalRef) -> str:
    """'Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành …'."""
    parts = [ref.kind]
    if ref.number:
        parts.append(f"số {ref.number}")
    if ref.date:
        parts.append(vn.long_date(ref.date) if ref.long_date else f"ngày {vn.short_date(ref.date)}")
    if ref.issuer:
        parts.append(f"của {ref.issuer}")
    if ref.subject:
        parts.append(ref.subject)
    return " ".join(parts)


def _proposal(decision: Decision) -> str:
    """'Theo đề nghị của …', or 'Xét đề nghị của …'; a drafter who typed the opening keeps it."""
    text = decision.proposal or ""
    if text.startswith(("Theo đề nghị", "Xét đề nghị")):
        return text
    return f"{decision.proposal_verb} của {text}"


def _terminated(bases: list[str], end: str) -> list[str]:
    """Each căn cứ ends with ';', the last with the drafter's ending ('khong': as typed)."""
    result = [vn.terminate(base, ";") for base in bases[:-1]]
    if bases:
        result.append(bases[-1] if end == "khong" else vn.terminate(bases[-1], end))
    return result
