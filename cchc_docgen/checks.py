"""The check command: every validation problem, plus the Decree 30 and consistency rules.

Loading a specification already rejects what cannot be rendered (syntax, unknown keys,
types, dates, references). The rules here judge what can be rendered but would be wrong
on paper or out of step with the rest of the plan: a malformed ký hiệu, a number issued
twice, a signature that contradicts the decision's authority line, a task its lead agency
never receives, a drafter's own Word template that cannot be filled (tried in memory).
Every render runs these rules too (api.render): an error stops the specification before
anything is written, a warning is reported after the documents (and stops them only in
strict mode, ``--nghiem``).

Each rule has an id (shown in every message) and the place in the decree or the reason
it exists, in ``RULES``; docs/errors.md lists them. A new rule is a row of ``RULES`` and a
method of ``_Checker`` called from ``_Checker.run``, reporting through ``_Checker.add``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import field
from pathlib import Path
from typing import NamedTuple

from . import text_lint
from .decree30 import TYPE_ABBREVIATIONS
from .errors import ERROR, WARNING, Problem, SpecError, TemplateError
from .records import record
from .spec import derive, structure
from .spec.model import Decision, DocumentCommon, Recipient, Spec
from .spec.schema import Loc, Node
from .spec.validate import load_spec
from .view_cache import SpecViews

__all__ = ["RULES", "IssuedNumber", "NumberRegister", "Report", "Rule", "check_files", "check_spec", "findings", "in_order", "issued_numbers", "template_problem"]


class Rule(NamedTuple):
    """One rule of the check command: a row of a table, a named tuple because a frozen
    dataclass compiled six methods at the import every check pays."""

    id: str
    severity: str  # errors.ERROR or errors.WARNING
    title: str  # what the rule asks, in the drafter's words
    reference: str  # the place in Decree 30, or why the rule exists


RULES: tuple[Rule, ...] = (
    Rule("ND30-KYHIEU", ERROR, "Ký hiệu văn bản có dạng <tên loại viết tắt>-<cơ quan ban hành>, viết hoa, nối bằng '-', không dấu cách.",
         "Nghị định 30/2020/NĐ-CP, Phụ lục I (số, ký hiệu của văn bản) và Phụ lục III (chữ viết tắt tên loại: KH, QĐ)."),
    Rule("ND30-SO-TRUNG", ERROR, "Số và ký hiệu văn bản của một cơ quan là duy nhất trong một năm (kiểm tra trên mọi tệp được đưa vào).",
         "Nghị định 30/2020/NĐ-CP, Điều 15 khoản 1."),
    Rule("ND30-LUU", ERROR, "Nơi nhận kết thúc bằng dòng 'Lưu: VT, …': khóa 'luu' không trống và bắt đầu bằng VT (văn thư).",
         "Nghị định 30/2020/NĐ-CP, Phụ lục I (nơi nhận)."),
    Rule("ND30-LUU-DON-VI", WARNING, "Dòng Lưu có chữ viết tắt của đơn vị soạn thảo sau VT, ví dụ 'Lưu: VT, NV'.",
         "Nghị định 30/2020/NĐ-CP, Phụ lục I (nơi nhận): lưu một bản tại đơn vị soạn thảo."),
    Rule("ND30-THAM-QUYEN", ERROR, "Thẩm quyền ký khớp dòng thẩm quyền của quyết định: tập thể (tap_the) thì ký TM.; Chủ tịch (chu_tich) thì không có TM.",
         "Nghị định 30/2020/NĐ-CP, Điều 13 (thẩm quyền ký) và Phụ lục I (quyền hạn, chức vụ người ký)."),
    Rule("NV-NOI-NHAN", WARNING, "Cơ quan chủ trì hoặc phối hợp một nhiệm vụ có trong nơi nhận (theo mã, 'gom' hoặc tên), trừ bộ phận nội bộ (noi_bo: co).",
         "Nhất quán: cơ quan được giao việc mà không nhận văn bản thì nhiệm vụ bị bỏ sót."),
    Rule("NV-THOI-HAN", WARNING, "Thời hạn của mỗi nhiệm vụ nằm trong kỳ kế hoạch (năm ban hành, hoặc khóa 'ky').",
         "Nhất quán: thời hạn ngoài kỳ thường do gõ nhầm năm."),
    Rule("NV-TRUNG", ERROR, "Không nhiệm vụ nào được liệt kê hai lần (cùng nội dung, cùng cơ quan chủ trì).",
         "Nhất quán: nhiệm vụ trùng in hai lần trong phụ lục và phần tổ chức thực hiện."),
    Rule("CT-GIA-TRI", WARNING, "Số trong câu chỉ tiêu khớp giá trị của nó (gia_tri, hoặc mỗi mốc trong moc với năm của mốc).",
         "Nhất quán: câu in ra và giá trị được theo dõi là một chỉ tiêu; khác nhau thì một trong hai đã gõ nhầm."),
    Rule("MUC-THU-TU", WARNING, "Các khóa doan, y, chi_tieu, nhiem_vu, muc của một mục viết theo thứ tự in; muốn xen kẽ thì dùng lan_luot.",
         "Nhất quán: dạng ngắn in theo thứ tự cố định, nên nội dung viết theo thứ tự khác sẽ in khác với điều người soạn đọc trong đặc tả."),
    Rule("MAU-WORD", ERROR, "Mẫu Word riêng (xuat.mau) điền được: đúng cú pháp, chỉ dùng b.kind, b.label, b.text, không đọc tệp khác.",
         "An toàn: mẫu do người soạn cung cấp chạy trong môi trường cách ly; lỗi của mẫu được báo trước khi tạo văn bản."),
    # -- the drafter's own words (text_lint) --
    Rule("VB-SO-THU-TU", ERROR, "Không gõ số thứ tự (I., 3.1., a), 1/) hay dấu đầu dòng (-, +) vào đầu tiêu đề, ý, chỉ tiêu, nhiệm vụ, điều: chương trình tự in.",
         "Nghị định 30/2020/NĐ-CP, Phụ lục I (bố cục: phần, mục, khoản, điểm); gõ thêm thì in hai lần: 'II. 3.1. CẢI CÁCH…', '- -Thực hiện'."),
    Rule("VB-KHOANG-TRANG", WARNING, "Một dấu cách giữa hai từ; không có dấu cách trước , . ; : ) hay sau (, không có dấu cách ở đầu hay cuối đoạn.",
         "Trình bày: dấu cách thừa in thành khoảng trống lệch khi căn đều hai lề."),
    Rule("VB-CAU-BI-CAT", ERROR, "Một câu có dấu phẩy không viết trong danh sách ngoặc vuông [ ]: YAML cắt nó thành nhiều đoạn ở mỗi dấu phẩy.",
         "YAML: trong '[a, b]' dấu phẩy ngăn các phần tử; đoạn sau in thành đoạn riêng bắt đầu bằng chữ thường."),
    Rule("VB-PHU-LUC-THIEU", WARNING, "Nội dung nói '(Chi tiết tại Phụ lục…)', 'Phụ lục kèm theo' thì kế hoạch có phụ lục (phu_luc).",
         "Nhất quán: văn bản chỉ dẫn tới phụ lục không có trong văn bản."),
    Rule("VB-PHU-LUC-TRONG", ERROR, "Mỗi phụ lục có ít nhất một nhiệm vụ (theo lĩnh vực của phụ lục).",
         "Nhất quán: phụ lục không có nhiệm vụ in ra một bảng trống."),
    Rule("ND30-TRICH-YEU", ERROR, "Trích yếu (trich_yeu) gõ bằng chữ thường như một câu, không gõ in hoa.",
         "Nghị định 30/2020/NĐ-CP, Phụ lục I (trích yếu nội dung: chữ in thường, đứng, đậm); trích yếu còn được dùng trong câu 'Kế hoạch …'."),
    Rule("VB-CAP-TREN", ERROR, "Văn bản ban hành từ 01/7/2025 không ghi cơ quan chủ quản cấp huyện (cap_tren: UBND HUYỆN …).",
         "Luật Tổ chức chính quyền địa phương số 72/2025/QH15: chính quyền địa phương hai cấp, không còn cấp huyện từ 01/7/2025."),
    Rule("VB-MAC-DINH", ERROR, "Để giữ điều tự tạo trong 'dieu', viết đúng mac_dinh (không dấu, có gạch dưới).",
         "Chữ viết gần đúng ('mac dinh', 'mặc định') được in nguyên văn làm nội dung điều."),
    Rule("VB-CAN-CU", ERROR, "Căn cứ không lặp từ mở đầu chương trình tự thêm: 'căn cứ …', 'thực hiện …' (chữ thường) in thành 'Căn cứ căn cứ …', 'Căn cứ thực hiện …'.",
         "Nghị định 30/2020/NĐ-CP, Phụ lục I (căn cứ ban hành văn bản)."),
    Rule("VB-KET-THUC", WARNING, "Đoạn cuối văn bản không kết thúc bằng '…': dấu './.' đặt ngay sau chữ cuối.",
         "Nghị định 30/2020/NĐ-CP, Phụ lục I (dấu ./. kết thúc nội dung); '…' cộng './.' in thành '…./.'."),
)
RULE_BY_ID = {rule.id: rule for rule in RULES}


@record
class Report:
    """What the check found in a batch of specifications."""

    files: list[Path]
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def lines(self) -> list[str]:
        """Every problem (with its hint), then a one-line summary."""
        lines = [line for problem in self.problems for line in problem.format().splitlines()]
        counts = f"{len(self.errors)} lỗi, {len(self.warnings)} cảnh báo" if self.problems else "không có lỗi hay cảnh báo"
        lines.append(f"Đã kiểm tra {len(self.files)} tệp đặc tả: {counts}.")
        if self.errors:
            lines.append("Sửa các lỗi rồi chạy lại: khi còn lỗi, lệnh tạo văn bản không ghi tệp nào; cảnh báo là những chỗ nên xem lại.")
        return lines


def check_files(paths: Iterable[Path]) -> Report:
    """Validate every file, apply every rule, and the rules that span the batch."""
    unique: dict[Path, Path] = {}
    for path in map(Path, paths):
        try:
            same = path.resolve()
        except (OSError, RuntimeError):  # -- a symlink loop: load_spec reports it at its place --
            same = path.absolute()
        unique.setdefault(same, path)  # -- a file named twice is one file: not a duplicate number --
    files = list(unique.values())
    report = Report(files)
    loaded: list[Spec] = []
    for path in files:
        try:
            spec = load_spec(path)
        except SpecError as exc:
            report.problems.extend(exc.problems)
            continue
        loaded.append(spec)
        report.problems.extend(findings(spec))
    register = NumberRegister()
    report.problems.extend(problem for spec in loaded for number in issued_numbers(spec) if (problem := register.add(number)))
    order = {str(path): index for index, path in enumerate(files)}
    report.problems.sort(key=lambda p: (order.get(p.file, len(order)), p.line, p.column))
    return report


def findings(spec: Spec) -> list[Problem]:
    """Every rule one specification can be judged by on its own, in the order of the file;
    a drafter's own template is filled in memory to judge it (MAU-WORD)."""
    views = SpecViews(spec)  # -- one build for the text rules and the template's fill --
    problems = check_spec(spec, views=views)
    if spec.output.template is not None:  # -- a drafter's own (documents.own_template) --
        from .documents import render_documents  # -- the render step: only to fill such a template --

        try:
            render_documents(spec, views=views)
        except TemplateError as exc:
            problems.append(template_problem(spec, exc))
    return in_order(problems)


def check_spec(spec: Spec, file: str = "", *, views: SpecViews | None = None) -> list[Problem]:
    """The rules judged on the specification alone, without filling any template; problems
    name ``file`` (by default the file the specification was read from). ``views``: the
    documents' views a render of ``spec`` will fill next, so that the rules reading the
    paragraphs and that render build them once between them."""
    checker = _Checker(spec, file or spec.source, views if views is not None else SpecViews(spec))
    checker.run()
    return checker.problems


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems of one file in the order a drafter reads it (the sort keeps rule order at one place)."""
    return sorted(problems, key=lambda p: (p.line, p.column))


class _Checker:
    def __init__(self, spec: Spec, file: str, views: SpecViews):
        self.spec = spec
        self.file = file
        self.views = views
        self.problems: list[Problem] = []

    def add(self, rule_id: str, node: Node, name: str, message: str, hint: str = "") -> None:
        loc = node.loc(name)
        rule = RULE_BY_ID[rule_id]
        self.problems.append(Problem(message, path=loc.path, line=loc.line, column=loc.column, hint=hint,
                                     severity=rule.severity, rule=rule.id, file=self.file))

    def run(self) -> None:
        signed = self.spec.decision or self.spec.plan
        for document, type_name in _numbered_documents(self.spec):
            self.symbol(document, type_name)
        self.archive(signed)
        self.authority()
        self.recipients(signed)
        self.deadlines()
        self.duplicate_tasks()
        for node, name, message, hint in structure.target_disagreements(self.spec):
            self.add("CT-GIA-TRI", node, name, message, hint)
        for node, name, message, hint in structure.reordered_sections(self.spec):
            self.add("MUC-THU-TU", node, name, message, hint)
        for finding in text_lint.lint(self.spec, self.views):
            self.add(finding.rule, finding.node, finding.name, finding.message, finding.hint)

    def symbol(self, document: DocumentCommon, type_name: str) -> None:
        issuer = self.spec.issuer
        symbol = derive.symbol(document, type_name, issuer)
        node, name = (document, "symbol") if document.symbol is not None else (issuer, "abbreviation")
        expected = TYPE_ABBREVIATIONS[type_name]
        example = f"{expected}-{issuer.abbreviation if _symbol_group_ok(issuer.abbreviation) else 'UBND'}"
        groups = symbol.split("-")
        if "/" in symbol and any(c.isdigit() for c in symbol):
            self.add("ND30-KYHIEU", node, name, f"ký hiệu {symbol!r} không được chứa số hay năm.",
                     f"Số văn bản ghi ở khóa 'so'; ký hiệu chỉ gồm chữ, ví dụ {example}. Văn bản có năm trong số (…/2026/QĐ-…) là văn bản quy phạm pháp luật, không theo mẫu này.")
        elif "/" in symbol:
            self.add("ND30-KYHIEU", node, name, f"ký hiệu {symbol!r} có dấu '/' thừa: dấu '/' giữa số và ký hiệu do chương trình in (Số: 05/{example}).",
                     f"Các nhóm chữ của ký hiệu nối bằng '-', ví dụ {example} hoặc {example}-VP.")
        elif re.search(r"\s", symbol) or any(not group for group in groups):
            self.add("ND30-KYHIEU", node, name, f"ký hiệu {symbol!r} có dấu cách hoặc dấu '-' thừa.",
                     f"Các nhóm chữ nối bằng một dấu '-', không có dấu cách, ví dụ {example}.")
        elif groups[0] != expected or len(groups) < 2:
            self.add("ND30-KYHIEU", node, name, f"ký hiệu của {type_name.lower()} phải bắt đầu bằng '{expected}-' rồi đến chữ viết tắt tên cơ quan, nhưng ở đây là {symbol!r}.",
                     f"Ví dụ {example} (Phụ lục III: Kế hoạch là KH, Quyết định là QĐ).")
        elif not all(_symbol_group_ok(group) for group in groups[1:]):
            self.add("ND30-KYHIEU", node, name, f"chữ viết tắt tên cơ quan trong ký hiệu {symbol!r} phải viết hoa, chỉ gồm chữ và số.",
                     f"Ví dụ {example}.")

    def archive(self, document: DocumentCommon) -> None:
        archive = [entry.strip() for entry in document.archive if entry.strip()]
        if not archive:
            self.add("ND30-LUU", document, "archive", "dòng 'Lưu' trống.", "Ví dụ: luu: [VT, NV] (VT là văn thư, NV là đơn vị soạn thảo).")
        elif archive[0].rstrip(".").upper() != "VT":
            self.add("ND30-LUU", document, "archive", f"dòng 'Lưu' phải bắt đầu bằng VT (văn thư), nhưng ở đây là {', '.join(archive)!r}.",
                     f"Viết: luu: [VT, {archive[0]}].")
        elif len(archive) == 1:
            self.add("ND30-LUU-DON-VI", document, "archive", "dòng 'Lưu' chỉ có VT, thiếu chữ viết tắt đơn vị soạn thảo.",
                     "Ví dụ: luu: [VT, NV] khi Phòng Nội vụ soạn thảo.")

    def authority(self) -> None:
        decision = self.spec.decision
        if decision is None or decision.signer is None:
            return
        signer = decision.signer
        collective = derive.issuer_collective(self.spec.issuer)
        if decision.authority == "tap_the" and not signer.on_behalf:
            self.add("ND30-THAM-QUYEN", signer, "", f"quyết định ban hành theo thẩm quyền của tập thể ({collective}), nên người ký phải ký thay mặt tập thể (TM.).",
                     "Thêm 'thay_mat: ỦY BAN NHÂN DÂN' vào nguoi_ky; nếu Chủ tịch quyết định theo thẩm quyền riêng thì đặt tham_quyen: chu_tich.")
        elif decision.authority == "chu_tich" and signer.on_behalf:
            self.add("ND30-THAM-QUYEN", signer, "on_behalf", f"quyết định theo thẩm quyền của Chủ tịch (CHỦ TỊCH {collective}) thì không ký thay mặt tập thể (TM.).",
                     "Bỏ khóa 'thay_mat' (Phó Chủ tịch ký thì dùng ky_thay: CHỦ TỊCH), hoặc đặt tham_quyen: tap_the.")

    def recipients(self, document: DocumentCommon) -> None:
        spec = self.spec
        if isinstance(document, Decision) and document.as_first_recipient and not document.executors:
            return  # -- "Như Điều <cuối>" reaches every body concerned, as the last article says --
        covered: set[str] = set()
        texts: list[str] = list(document.executors) if isinstance(document, Decision) and document.as_first_recipient else []
        for recipient in document.recipients:
            if isinstance(recipient, Recipient):
                covered.update(filter(None, [recipient.agency, *recipient.covers]))
                texts.extend(filter(None, [recipient.name]))
            else:
                texts.append(recipient)
        corpus = " | ".join(_comparable(text) for text in texts)
        reported: set[str] = set()
        for task in derive.all_tasks(spec):
            for name, agency_id in [("lead", task.lead), *((f"partners[{i}]", p) for i, p in enumerate(task.partners))]:
                if agency_id in reported or agency_id in covered or agency_id not in spec.agencies:
                    continue
                agency = derive.agency(spec, agency_id)
                names = [_comparable(n) for n in (agency.name, agency.short) if n]
                if agency.internal or any(n and n in corpus for n in names):
                    continue
                reported.add(agency_id)
                role = "chủ trì" if name == "lead" else "phối hợp"
                self.add("NV-NOI-NHAN", task, name, f"cơ quan {agency.name!r} ({agency_id}) {role} nhiệm vụ nhưng không có trong nơi nhận.",
                         f"Thêm '- co_quan: {agency_id}' vào noi_nhan, ghi '{agency_id}' vào 'gom' của một nơi nhận chung, hoặc đặt noi_bo: co nếu là bộ phận nội bộ.")

    def deadlines(self) -> None:
        spec = self.spec
        if spec.plan.period is None and derive.issue_date(spec) is None:
            return  # -- no period to judge against (plan_years would fall back to today) --
        first, last = derive.plan_years(spec)
        start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
        period = str(first) if first == last else f"{first}-{last}"
        for task in derive.all_tasks(spec):
            deadline = task.deadline
            if deadline.start is None or deadline.end is None:
                continue  # -- recurring: "thường xuyên", "hằng quý" --
            if deadline.start < start or deadline.end > end:
                self.add("NV-THOI-HAN", task, "deadline", f"thời hạn {deadline.text!r} nằm ngoài kỳ kế hoạch {period}.",
                         "Kiểm tra năm của thời hạn; kế hoạch nhiều năm thì khai báo 'ky' trong ke_hoach, ví dụ ky: 2021-2025.")

    def duplicate_tasks(self) -> None:
        first_line: dict[tuple[str, str], int] = {}
        for task in derive.all_tasks(self.spec):
            identity = (_comparable(task.text).rstrip(".;: "), task.lead)
            if identity in first_line:
                self.add("NV-TRUNG", task, "text", f"nhiệm vụ này trùng với nhiệm vụ ở dòng {first_line[identity]} (cùng nội dung, cùng cơ quan chủ trì {task.lead!r}).",
                         "Xóa một trong hai nhiệm vụ, hoặc ghi rõ phần việc khác nhau.")
            else:
                first_line[identity] = task.loc().line


def _numbered_documents(spec: Spec) -> Iterator[tuple[DocumentCommon, str]]:
    """The documents that carry a Số line: the decision, or the plan issued on its own."""
    if spec.decision is not None:
        yield spec.decision, "Quyết định"
    else:
        yield spec.plan, "Kế hoạch"


@record(frozen=True)
class IssuedNumber:
    """A number and ký hiệu one specification issues, and where it is written: what
    ND30-SO-TRUNG compares across files (small and picklable: batch workers send it back)."""

    identity: tuple[str, int, int, str]  # issuer, year, number, ký hiệu
    text: str  # "05/KH-UBND năm 2021"
    file: str
    loc: Loc


def issued_numbers(spec: Spec) -> list[IssuedNumber]:
    """The numbers ``spec`` issues (a draft issues none)."""
    issuer = _comparable(derive.issuer_collective(spec.issuer))
    numbers = []
    for document, type_name in _numbered_documents(spec):
        if document.number is None or document.draft:
            continue
        year = document.date.year if document.date else derive.plan_years(spec)[0]
        symbol = derive.symbol(document, type_name, spec.issuer)
        numbers.append(IssuedNumber((issuer, year, document.number, symbol), f"{document.number:02d}/{symbol} năm {year}", spec.source, document.loc("number")))
    return numbers


class NumberRegister:
    """The numbers issued so far in a run: a number and ký hiệu is issued once a year by one
    body, so a second use is ND30-SO-TRUNG, reported at the second file."""

    def __init__(self) -> None:
        self.first: dict[tuple[str, int, int, str], IssuedNumber] = {}

    def add(self, number: IssuedNumber) -> Problem | None:
        first = self.first.setdefault(number.identity, number)
        if first is number:
            return None
        rule, loc = RULE_BY_ID["ND30-SO-TRUNG"], number.loc
        return Problem(f"số {number.text} đã được dùng ở {first.file}:{first.loc.line}.", path=loc.path, line=loc.line, column=loc.column,
                       hint="Mỗi số, ký hiệu chỉ cấp một lần trong năm; lấy số tiếp theo ở sổ đăng ký văn bản đi.",
                       severity=rule.severity, rule=rule.id, file=number.file)


def template_problem(spec: Spec, error: TemplateError) -> Problem:
    """A drafter's own template that could not be filled, reported at the line naming it (MAU-WORD)."""
    rule = RULE_BY_ID["MAU-WORD"]
    loc = spec.output.loc("template")
    first, _, rest = str(error).partition("\n")
    details = [line.strip() for line in rest.splitlines()]
    hint = " ".join(line.removeprefix("Gợi ý:").strip() for line in details if line.startswith("Gợi ý:"))
    quoted = "".join(f"\n    {line}" for line in details if not line.startswith("Gợi ý:"))  # -- "Đoạn trong mẫu: …" on its own line --
    return Problem(first + quoted, path=loc.path, line=loc.line, column=loc.column, hint=hint,
                   severity=rule.severity, rule=rule.id, file=spec.source)


def _symbol_group_ok(group: str) -> bool:
    return bool(group) and group.isalnum() and group == group.upper()


def _comparable(text: str) -> str:
    """Text as compared by a reader: same letters whatever the case, spacing or Unicode form."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
