"""Rules that span several fields: references, duplicates, what a package may not say twice.

Each rule adds to one list so the drafter sees every problem in one run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from ..errors import Problem, SpecError
from ..gc_pause import paused_gc
from ..template_file import special_kind
from . import derive, structure
from .loader import parse_nodes, read_nodes
from .model import Decision, Section, Spec, Target
from .schema import Converter, Node, shown, type_hints


@paused_gc()
def load_spec(path: str | Path) -> Spec:
    """Read, type and validate a specification file; raise SpecError with every problem."""
    path = Path(path)
    return validate_nodes(read_nodes(path), str(path), path.parent)


@paused_gc()
def parse_spec(text: str | bytes, name: str = "<đặc tả>", folder: Path | None = None) -> Spec:
    """The same as load_spec, for a specification held in memory; the files it names are
    found in ``folder`` (and checked to exist) when one is given."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return validate_nodes(parse_nodes(raw, name), name, folder)


@paused_gc()
def validate_nodes(root: yaml.Node, name: str, folder: Path | None) -> Spec:
    """Type and validate composed YAML (the batch edits nodes from a table before this)."""
    converter = Converter(name)
    spec = converter.convert(root, Spec, "")
    later = validate(spec, name, folder) if spec is not None else _task_references_alone(root, name)
    problems = converter.problems + later
    if problems:
        raise SpecError(problems)
    spec.source, spec.folder = name, folder
    return spec


def _task_references_alone(root: yaml.Node, file: str) -> list[Problem]:
    """When another part of the file is broken, still check what the tasks refer to.

    The whole Spec cannot be built then, but agencies, areas and tasks are top-level keys
    that convert on their own; checking them now saves the drafter a second round.
    """
    if not isinstance(root, yaml.MappingNode):
        return []
    fields = {f.metadata["key"]: f for f in dataclasses.fields(Spec) if "key" in f.metadata}
    hints = type_hints(Spec)
    parts: dict[str, Any] = {"agencies": {}, "areas": {}, "tasks": []}
    for key_node, value_node in root.value:
        spec_field = fields.get(key_node.value) if isinstance(key_node, yaml.ScalarNode) else None
        if spec_field is None or spec_field.name not in parts:
            continue
        alone = Converter(file)
        value = alone.convert(value_node, hints[spec_field.name], spec_field.metadata["key"])
        if alone.problems or value is None:
            return []  # -- already reported by the full conversion --
        parts[spec_field.name] = value
    rules = _Rules(SimpleNamespace(**parts), file)  # type: ignore[arg-type]
    rules.task_references()
    return rules.problems


def validate(spec: Spec, file: str = "", folder: Path | None = None) -> list[Problem]:
    """Every cross-field problem; ``folder`` (the spec's) lets files it names be checked."""
    rules = _Rules(spec, file, folder)
    rules.run()
    return rules.problems


NAMED_LEVELS = ("so", "khac")  # bodies named in full: no dia_ban to derive the name from (the JSON Schema says it too)


class _Rules:
    def __init__(self, spec: Spec, file: str, folder: Path | None = None):
        self.spec = spec
        self.file = file
        self.folder = folder
        self.problems: list[Problem] = []

    def add(self, node: Node, name: str, message: str, hint: str = "") -> None:
        loc = node.loc(name)
        self.problems.append(Problem(message, path=loc.path, line=loc.line, column=loc.column, hint=hint, file=self.file))

    def run(self) -> None:
        self.issuer()
        self.references()
        self.package()
        self.targets()
        self.signers()
        self.duplicates()
        self.sections_have_content()
        structure.validate(self)
        self.output()

    def issuer(self) -> None:
        issuer = self.spec.issuer
        if issuer.level in NAMED_LEVELS:
            for field_name, yaml_key in (("name", "ten"), ("place", "dia_danh")):
                if not getattr(issuer, field_name):
                    self.add(issuer, "", f"cơ quan cấp '{issuer.level}' cần khai báo '{yaml_key}'.",
                             "Ví dụ: ten: [SỞ NỘI VỤ], cap_tren: [UBND TỈNH LÂM ĐỒNG], dia_danh: Lâm Đồng, viet_tat: SNV.")
        elif not issuer.area and not issuer.name:
            self.add(issuer, "", "cần khai báo 'dia_ban' (tên tỉnh, xã, phường…).", "Ví dụ: dia_ban: Thăng Bình")
        date = derive.issue_date(self.spec)
        if issuer.level in derive.DISTRICT_TIER and date is not None and derive.after_two_tier_reform(date):
            self.add(issuer, "level", f"từ 01/7/2025 không còn chính quyền cấp huyện; văn bản ngày {date.day or '..'}/{date.month or '..'}/{date.year} không thể do cấp '{issuer.level}' ban hành.",
                     "Chính quyền địa phương nay có hai cấp: tinh/thanh_pho và xa/phuong/dac_khu (Luật số 72/2025/QH15).")

    def check_agency(self, node: Node, name: str, value: str | None) -> None:
        agencies = self.spec.agencies
        if value is not None and value not in agencies:
            self.add(node, name, f"mã cơ quan {shown(value)} chưa được khai báo trong 'co_quan'.", _suggest(value, set(agencies), "co_quan"))

    def check_area(self, node: Node, name: str, value: str | None) -> None:
        areas = derive.known_areas(self.spec)
        if value is not None and value not in areas:
            self.add(node, name, f"mã lĩnh vực {shown(value)} không có.", _suggest(value, set(areas), "linh_vuc"))

    def task_references(self) -> None:
        for task in self.spec.tasks:
            self.check_agency(task, "lead", task.lead)
            for index, partner in enumerate(task.partners):
                self.check_agency(task, f"partners[{index}]", partner)
                if partner == task.lead:
                    self.add(task, f"partners[{index}]", f"{shown(partner)} vừa chủ trì vừa phối hợp cùng một nhiệm vụ.", "Bỏ cơ quan chủ trì khỏi danh sách phối hợp.")
            self.check_area(task, "area", task.area)

    def references(self) -> None:
        spec = self.spec
        check_agency, check_area = self.check_agency, self.check_area
        self.task_references()
        for section in _walk(spec.plan.sections):
            check_agency(section, "agency", section.agency)
            check_area(section, "area", section.area)
        for document in (spec.plan, spec.decision):
            if document is None:
                continue
            for recipient in document.recipients:
                if isinstance(recipient, str):
                    continue
                check_agency(recipient, "agency", recipient.agency)
                for index, covered in enumerate(recipient.covers):
                    check_agency(recipient, f"covers[{index}]", covered)
                if not recipient.name and not recipient.agency:
                    self.add(recipient, "", "nơi nhận cần 'ten' hoặc 'co_quan'.", "Ví dụ: - co_quan: phong_noi_vu")
        for appendix in spec.plan.appendices:
            for index, area in enumerate(appendix.areas):
                check_area(appendix, f"areas[{index}]", area)
        if spec.decision is not None:
            check_agency(spec.decision, "monitor", spec.decision.monitor)

    def package(self) -> None:
        """A plan issued with a decision takes its number, date and signature from it (§6.2)."""
        plan, decision = self.spec.plan, self.spec.decision
        if decision is not None:
            for field_name, yaml_key in (("number", "so"), ("date", "ngay"), ("signer", "nguoi_ky"), ("symbol", "ky_hieu")):
                if getattr(plan, field_name) is not None:
                    self.add(plan, field_name, f"kế hoạch ban hành kèm theo quyết định không có '{yaml_key}' riêng.",
                             f"Ghi '{yaml_key}' trong 'quyet_dinh'; dòng '(Ban hành kèm theo Quyết định số …)' tự lấy từ đó.")
            if plan.recipients:
                self.add(plan, "recipients", "kế hoạch ban hành kèm theo quyết định không có nơi nhận riêng.", "Chuyển danh sách nơi nhận sang 'quyet_dinh.noi_nhan'.")
            self._needs(decision, "date", "ngay", "Ví dụ: ngay: 12/2022 (dự thảo chưa có ngày) hoặc 06/12/2022.")
            self._needs(decision, "signer", "nguoi_ky", "Ví dụ: nguoi_ky: {thay_mat: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn A}")
            self._articles(decision)
        else:
            self._needs(plan, "date", "ngay", "Ví dụ: ngay: 14/01/2021 (dự thảo: 01/2021).")
            self._needs(plan, "signer", "nguoi_ky", "Ví dụ: nguoi_ky: {thay_mat: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn A}")
        if not plan.sections:
            self.add(plan, "", "kế hoạch chưa có nội dung ('noi_dung').", "Xem ví dụ trong examples/.")
        for document in (plan, decision):
            if document is not None and document.draft and document.number is not None:
                self.add(document, "number", "văn bản dự thảo chưa có số.", "Bỏ 'so' hoặc đặt du_thao: khong.")

    def _needs(self, node: Node, field_name: str, yaml_key: str, hint: str) -> None:
        if getattr(node, field_name) is None:
            self.add(node, "", f"thiếu khóa '{yaml_key}'.", hint)

    def _articles(self, decision: Decision) -> None:
        for index, article in enumerate(decision.articles):
            if isinstance(article, str) and article.strip() == "":
                self.add(decision, f"articles[{index}]", "điều trống.", "Viết nội dung điều hoặc 'mac_dinh'.")

    def targets(self) -> None:
        for section in _walk(self.spec.plan.sections):
            for target in section.all_targets():
                if not isinstance(target, Target) or target.value is None or (target.unit or "").strip() != "%":
                    continue
                if not 0 <= target.value <= 100:
                    self.add(target, "value", f"chỉ tiêu {target.value:g}% nằm ngoài khoảng 0–100%.", "Kiểm tra lại giá trị hoặc đơn vị.")

    def signers(self) -> None:
        for document in (self.spec.plan, self.spec.decision):
            signer = document.signer if document is not None else None
            if signer is None:
                continue
            if signer.by_order and signer.authorised:
                self.add(signer, "", "không thể vừa ký thừa lệnh (TL.) vừa ký thừa ủy quyền (TUQ.).", "Chỉ giữ một trong hai khóa thua_lenh, thua_uy_quyen.")
            if signer.on_behalf and (signer.by_order or signer.authorised):
                self.add(signer, "", "ký thay mặt tập thể (TM.) không đi cùng TL. hoặc TUQ.", "TL./TUQ. là ký theo lệnh/ủy quyền của người đứng đầu, không phải của tập thể.")

    def duplicates(self) -> None:
        seen: dict[str, int] = {}
        for index, task in enumerate(self.spec.tasks):
            if task.code:
                if task.code in seen:
                    self.add(task, "code", f"mã nhiệm vụ {shown(task.code)} trùng với nhiệm vụ thứ {seen[task.code] + 1}.", "Mỗi nhiệm vụ một mã riêng.")
                seen.setdefault(task.code, index)
        first_target: dict[str, Target] = {}
        for section in _walk(self.spec.plan.sections):
            for target in section.all_targets():
                if isinstance(target, Target) and target.code:
                    if target.code in first_target:
                        line = first_target[target.code].loc().line
                        self.add(target, "code", f"mã chỉ tiêu {shown(target.code)} trùng với chỉ tiêu ở dòng {line}.", "Mỗi chỉ tiêu một mã riêng.")
                    first_target.setdefault(target.code, target)

    def sections_have_content(self) -> None:
        for section in _walk(self.spec.plan.sections):
            empty = not (section.title or section.kind or section.area or section.agency or section.text
                         or section.paragraphs or section.items or section.targets or section.subsections or section.closing or section.content or section.body_tasks())
            if empty:
                self.add(section, "", "mục trống: không có tiêu đề, nội dung hay mục con.", "Xóa mục này hoặc thêm 'tieu_de' và 'doan'.")


    def output(self) -> None:
        """The file name stays inside the output folder; the drafter's template exists."""
        output = self.spec.output
        name = output.file_name
        if name is not None:
            from .. import naming  # -- only for a file name of the drafter's: check seldom imports file naming --

            if reason := naming.name_problem(name):  # -- usable on every system, inside the folder --
                self.add(output, "file_name", f"tên tệp {shown(name)} không dùng được: {reason}.", naming.NAME_HINT)
        if output.template is not None and self.folder is not None:
            template = self.folder / output.template
            special = special_kind(template)
            if special:
                self.add(output, "template", f"mẫu Word {shown(str(template))} là {special}, không phải tệp Word.",
                         "Cho khóa 'mau' trỏ tới một tệp .docx thật (không phải ống dẫn, thiết bị hay thư mục).")
            elif not template.is_file():
                self.add(output, "template", f"không tìm thấy mẫu Word {shown(str(template))}.",
                         "Đường dẫn 'mau' tính từ thư mục chứa tệp đặc tả; bỏ khóa 'mau' để dùng mẫu có sẵn.")
            elif template.suffix.lower() != ".docx":
                self.add(output, "template", f"mẫu {shown(output.template)} không phải tệp Word .docx.", "Lưu mẫu trong Word dưới dạng .docx.")


def _walk(sections: list[Section]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _walk(section.sections())


def _suggest(value: str, known: set[str], where: str) -> str:
    import difflib

    close = difflib.get_close_matches(value, sorted(known), n=1)
    if close:
        return f"Có phải ý bạn là '{close[0]}'?"
    if not known:
        return f"Khai báo mã này trong '{where}' trước khi dùng."
    return f"Các mã đã khai báo: {', '.join(sorted(known)[:12])}."
