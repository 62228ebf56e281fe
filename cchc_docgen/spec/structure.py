"""Rules of the plan's structure: a setting that cannot apply where it is written is an error.

Numbering (``danh_so``, ``danh_so_con``, ``liet_ke``, ``so_thu_tu``), the written order
(``lan_luot``), tasks written in the body, targets with milestones, căn cứ cited in one
sentence: each is read by the view in one way only, so a key the view would pass over is
reported with its place and what to write instead, never ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from . import derive
from .model import BodyTask, Decision, LegalRef, Plan, Section, Spec, Target
from .schema import Node

_BLOCK_KEYS = {"paragraphs": "doan", "items": "y", "targets": "chi_tieu", "tasks": "nhiem_vu", "subsections": "muc"}


class Rules(Protocol):
    """What validate's rule set offers a rule module."""

    spec: object

    def add(self, node: Node, name: str, message: str, hint: str = "") -> None: ...

    def check_agency(self, node: Node, name: str, value: str | None) -> None: ...

    def check_area(self, node: Node, name: str, value: str | None) -> None: ...


def written(node: Node, name: str) -> bool:
    """Whether the drafter wrote this field (defaults leave no location)."""
    return name in node._locs


def validate(rules: Rules) -> None:
    spec = rules.spec
    plan: Plan = spec.plan  # type: ignore[attr-defined]
    _sections(rules, plan.sections, depth=1)
    _title(rules, plan)
    _bases(rules, plan, plan.legal_bases)
    decision: Decision | None = spec.decision  # type: ignore[attr-defined]
    if decision is not None:
        _title(rules, decision)
        _bases(rules, decision, decision.legal_bases, decision.proposal is not None)
        if written(decision, "proposal_verb") and decision.proposal is None:
            rules.add(decision, "proposal_verb", "có 'de_nghi_mo_dau' nhưng không có 'de_nghi' để mở đầu.",
                      "Thêm de_nghi: Trưởng phòng Nội vụ tại Tờ trình số …, hoặc bỏ de_nghi_mo_dau.")


def _sections(rules: Rules, sections: list[Section], depth: int, area: str | None = None) -> None:
    for section in sections:
        here = section.area or area
        headed = bool(section.title or section.kind or section.area or section.agency or section.text)
        child_depth = depth + 1 if headed else depth
        _numbering(rules, section, child_depth)
        _content(rules, section)
        for task in section.body_tasks():
            if isinstance(task, BodyTask):
                _body_task(rules, task, here)
        for target in section.all_targets():
            if isinstance(target, Target):
                _target(rules, target)
        _sections(rules, section.sections(), child_depth, here)


def _numbering(rules: Rules, section: Section, child_depth: int) -> None:
    has_children = bool(section.sections()) or section.kind == "nhiem_vu_cu_the" or (section.kind == "to_chuc_thuc_hien" and section.tasks is True)
    if written(section, "child_numbering"):
        if written(section, "numbering"):
            rules.add(section, "child_numbering", "mục có cả 'danh_so' và 'danh_so_con'.", "Chỉ giữ danh_so; danh_so_con là cách viết cũ của nó.")
        elif child_depth != 3:
            rules.add(section, "child_numbering", f"'danh_so_con' chỉ áp dụng cho mục con cấp 3, nhưng mục con của mục này ở cấp {child_depth}.",
                      "Ở chỗ này danh_so_con không có tác dụng: xóa dòng này thì bản in giữ nguyên. Muốn đổi cách đánh số các mục con "
                      "thì dùng danh_so, đặt được ở mọi mục, ví dụ danh_so: [so, thap_phan] (mục con 1., 2.; mục cháu 1.1., 1.2.).")
    for name, key in (("numbering", "danh_so"), ("child_numbering", "danh_so_con")):
        if written(section, name) and not has_children:
            rules.add(section, name, f"'{key}' đánh số các mục con, nhưng mục này không có mục con ('muc').",
                      "Ý, chỉ tiêu và nhiệm vụ của mục đánh dấu theo 'liet_ke', ví dụ liet_ke: so hoặc liet_ke: [chu, gach]; hoặc bỏ khóa này.")
    if written(section, "list_style"):
        entries = section.items or section.all_targets() or section.body_tasks() or any(block.items for block in section.content)
        if not entries and section.tasks is not True and not section.agency:
            rules.add(section, "list_style", "'liet_ke' đánh dấu các ý, chỉ tiêu, nhiệm vụ của mục, nhưng mục này không có ý nào.",
                      "Mục con đánh số theo 'danh_so', ví dụ danh_so: [thap_phan]; hoặc bỏ khóa liet_ke.")
    if not section.numbered and not (section.title or section.kind or section.area or section.agency or section.text):
        rules.add(section, "numbered", "'so_thu_tu: khong' bỏ số của tiêu đề, nhưng mục này không có tiêu đề hay nội dung để in.", "Thêm tieu_de, hoặc bỏ khóa so_thu_tu.")


def _content(rules: Rules, section: Section) -> None:
    if not section.content:
        return
    short = [key for name, key in (("paragraphs", "doan"), ("items", "y"), ("targets", "chi_tieu"), ("subsections", "muc")) if getattr(section, name)]
    if isinstance(section.tasks, list) and section.tasks:
        short.append("nhiem_vu")
    for key in short:
        rules.add(section, "content", f"mục có 'lan_luot' thì không có '{key}' riêng: không rõ in '{key}' trước hay sau.",
                  f"Chuyển '{key}' vào 'lan_luot' đúng chỗ cần in, ví dụ '- {key}: …'.")
    for index, block in enumerate(section.content):
        keys = [key for name, key in _BLOCK_KEYS.items() if written(block, name)]
        if len(keys) != 1:
            found = "không có khóa nào" if not keys else "có " + ", ".join(keys)
            rules.add(section, f"content[{index}]", f"mỗi phần của 'lan_luot' có đúng một khóa (doan, y, chi_tieu, nhiem_vu hoặc muc), phần này {found}.",
                      "Tách thành nhiều phần, mỗi phần một dòng '- khóa: …', theo thứ tự cần in.")


def _body_task(rules: Rules, task: BodyTask, area: str | None) -> None:
    if (task.lead is None) != (task.deadline is None):
        present, missing = ("chu_tri", "thoi_han") if task.deadline is None else ("thoi_han", "chu_tri")
        rules.add(task, "", f"nhiệm vụ có '{present}' nhưng thiếu '{missing}'.",
                  "Nhiệm vụ có cả chu_tri và thoi_han thì vào bảng phụ lục và phần trách nhiệm; nhiệm vụ định tính thì bỏ cả hai.")
    rules.check_agency(task, "lead", task.lead)
    for index, partner in enumerate(task.partners):
        rules.check_agency(task, f"partners[{index}]", partner)
    rules.check_area(task, "area", task.area)
    if task.lead is not None and task.deadline is not None and (task.area or area) is None:
        rules.add(task, "", "nhiệm vụ có chủ trì và thời hạn nhưng không thuộc lĩnh vực nào (bảng phụ lục xếp nhiệm vụ theo lĩnh vực).",
                  "Đặt nhiệm vụ trong mục có linh_vuc, hoặc ghi linh_vuc cho nhiệm vụ.")


def _target(rules: Rules, target: Target) -> None:
    if target.milestones and target.value is not None:
        rules.add(target, "milestones", "chỉ tiêu có cả 'gia_tri' và 'moc'.", "Chỉ tiêu nhiều mốc ghi mỗi giá trị trong 'moc'; bỏ gia_tri.")
    for milestone in target.milestones:
        if milestone.year is not None and milestone.deadline is not None:
            rules.add(milestone, "deadline", "mốc có cả 'nam' và 'thoi_han'.", "Ghi một trong hai: nam: 2025 hoặc thoi_han: quý II/2025.")
        if (target.unit or "").strip() == "%" and not 0 <= milestone.value <= 100:
            rules.add(milestone, "value", f"mốc {milestone.value:g}% nằm ngoài khoảng 0–100%.", "Kiểm tra lại giá trị hoặc đơn vị.")


def _title(rules: Rules, document: Plan | Decision) -> None:
    if written(document, "title") and not document.title_lines:
        rules.add(document, "title", "trích yếu trống.", "Viết trích yếu trên một dòng, hoặc danh sách các dòng: trich_yeu: [Cải cách hành chính, giai đoạn 2021 - 2025].")


def _bases(rules: Rules, document: Plan | Decision, bases: list[LegalRef | str], proposal: bool = False) -> None:
    if written(document, "bases_end") and not bases and not proposal:
        rules.add(document, "bases_end", "có 'ket_can_cu' nhưng không có căn cứ nào.", "Bỏ ket_can_cu, hoặc thêm can_cu.")
    for ref in bases:
        if not isinstance(ref, LegalRef):
            continue
        if written(ref, "joiner"):
            rules.add(ref, "joiner", "'dau_noi' chỉ dùng cho văn bản trong 'cung_cau' (dấu nối với văn bản trước).", "Bỏ dau_noi ở căn cứ đầu câu.")
        for other in ref.same_sentence:
            if not isinstance(other, LegalRef):
                continue
            if other.same_sentence:
                rules.add(other, "same_sentence", "văn bản trong 'cung_cau' không có 'cung_cau' riêng.", "Viết mọi văn bản của câu trong cùng một danh sách cung_cau.")
            if other.prefix is not None:
                rules.add(other, "prefix", "văn bản trong 'cung_cau' viết tiếp câu căn cứ, không có 'tien_to' riêng.",
                          "Bỏ tien_to; muốn mở câu mới bằng 'Thực hiện…' thì viết một căn cứ riêng.")



# -- a check rule (warning): the number a target's sentence states and the value it carries --
def target_disagreements(spec: Spec) -> Iterator[tuple[Node, str, str, str]]:
    """(node, field, message, hint) for each target whose text does not state its value(s),
    or leaves out a milestone's year. Only numbers written with the target's unit
    are compared ('95%', '120 hồ sơ'): a sentence cites document numbers and dates too."""
    for section, _area in derive.walk_sections(spec.plan.sections):
        for target in section.all_targets():
            if not isinstance(target, Target):
                continue
            values = [target.value] if target.value is not None else [m.value for m in target.milestones]
            unit = (target.unit or "").strip()
            stated = _stated_numbers(target.text, unit) if values and unit else []
            if stated and not {round(v, 6) for v in values} <= {round(v, 6) for v in stated}:
                field = "value" if target.value is not None else "milestones"
                yield (target, field, f"câu chỉ tiêu ghi {_numbers(stated, unit)} nhưng giá trị khai báo là {_numbers(values, unit)}.",
                       "Sửa cho khớp: câu in ra là điều người đọc thấy, giá trị là điều được theo dõi. Chỉ tiêu nhiều mốc ghi mỗi giá trị trong 'moc'.")
            for index, milestone in enumerate(target.milestones):
                if milestone.year is not None and str(milestone.year) not in target.text:
                    yield (target, f"milestones[{index}]", f"mốc năm {milestone.year} không có trong câu chỉ tiêu.",
                           f"Câu chỉ tiêu nên nói rõ mốc, ví dụ 'đến năm {milestone.year} đạt {_numbers([milestone.value], unit)}'.")


def _stated_numbers(text: str, unit: str) -> list[float]:
    """The numbers written with ``unit``: '88,21%' (a percentage never has thousands) or
    '1.200 hồ sơ' (a dot groups thousands, a comma starts the decimals)."""
    if unit == "%":
        pattern, thousands = r"(?<![\d.,])(\d+)(?:[.,](\d+))?\s*%", False
    else:
        pattern, thousands = r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s*" + re.escape(unit) + r"(?!\w)", True
    found = []
    for match in re.finditer(pattern, text, flags=re.IGNORECASE):
        whole = match.group(1).replace(".", "") if thousands else match.group(1)
        found.append(float(f"{whole}.{match.group(2) or 0}"))
    return found


def _numbers(values: list[float], unit: str) -> str:
    joined = ", ".join(f"{v:g}".replace(".", ",") + ("%" if unit == "%" else "") for v in values)
    return joined if unit == "%" or not unit else f"{joined} {unit}"


# -- a check rule (warning): the short form prints its keys in a fixed order, not as written --
_PRINTED_ORDER = (("paragraphs", "doan"), ("items", "y"), ("targets", "chi_tieu"), ("tasks", "nhiem_vu"), ("subsections", "muc"))
_RANK = {name: rank for rank, (name, _) in enumerate(_PRINTED_ORDER)}


def reordered_sections(spec: Spec) -> Iterator[tuple[Node, str, str, str]]:
    """(node, field, message, hint) for each section whose short-form keys are written in
    another order than they print (doan, y, chi_tieu, nhiem_vu, muc)."""
    for section, _area in derive.walk_sections(spec.plan.sections):
        written_keys = [(section.loc(name).line, name, key) for name, key in _PRINTED_ORDER
                        if written(section, name) and (name != "tasks" or isinstance(section.tasks, list))]
        order = sorted(written_keys)  # -- as written: by line --
        printed = sorted(written_keys, key=lambda entry: _RANK[entry[1]])
        if order != printed:
            moved = next(entry for entry, expected in zip(order, printed, strict=True) if entry != expected)
            after = ", ".join(f"'{key}'" for _, _, key in printed[: printed.index(moved)])
            yield (section, moved[1], f"'{moved[2]}' viết trước {after} nhưng in sau: "
                   "dạng ngắn luôn in doan, y, chi_tieu, nhiem_vu rồi muc.",
                   "Muốn in đúng thứ tự đã viết thì dùng lan_luot: - doan: … / - chi_tieu: … / - muc: …; hoặc viết các khóa theo thứ tự in.")
