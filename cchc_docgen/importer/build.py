"""Step 3: turn what was recognised into a specification in the project's keys.

Every value the importer infers rather than reads word for word is wrapped in Guess, so
the YAML step writes '# đoán: …' beside it. Text is carried over as written: a render of
the result must give back the document it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import vn
from ..decree30 import TYPE_ABBREVIATIONS
from ..spec.model import REFORM_AREAS, SECTION_TITLES, LegalRef
from ..spec.values import Deadline, VnDate
from ..tasklist import COLUMN_TITLES
from ..view import legal_text
from .recognise import Closing, DecisionPart, Header, Para, PlanPart, Recognised
from .sections import SectionBuilder
from .tables import TaskTable

DEFAULT_COLUMNS = ["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_han", "san_pham"]
_UNITS = {"TỈNH": "tinh", "THÀNH PHỐ": "thanh_pho", "HUYỆN": "huyen", "QUẬN": "quan", "THỊ XÃ": "thi_xa",
          "XÃ": "xa", "PHƯỜNG": "phuong", "THỊ TRẤN": "thi_tran", "ĐẶC KHU": "dac_khu"}  # fmt: skip


@dataclass
class Guess:
    value: Any
    note: str


@dataclass
class Built:
    spec: dict[str, Any]
    guesses: list[str] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)


def key_of(text: str, taken: set[str] | dict[str, Any]) -> str:
    """A readable id: 'Phòng Nội vụ' → 'phong_noi_vu', made unique."""
    base = vn.slug(text, 40).replace("-", "_") or "co_quan"
    if base[0].isdigit():
        base = "m_" + base
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Guess) else value


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", vn.nfc(text).casefold()).split())


class Builder:
    def __init__(self, recognised: Recognised):
        self.r = recognised
        self.notes = list(recognised.notes)
        self.guesses: list[str] = []
        self.loose: list[str] = []  # guesses with no single value to mark: listed at the end
        self.agencies: dict[str, Any] = {}
        self.agency_ids: dict[str, str] = {}  # folded name -> id
        self.areas: dict[str, str] = {}
        self.abbreviation = "UBND"

    def guess(self, value: Any, note: str) -> Guess:
        self.guesses.append(note)
        return Guess(value, note)

    def loose_guess(self, note: str) -> None:
        """A guess about the whole (numbering, a default added) rather than one value."""
        self.guesses.append(note)
        self.loose.append(note)

    def agency(self, name: str) -> str:
        folded = _fold(name)
        if folded in self.agency_ids:
            return self.agency_ids[folded]
        key = key_of(name, self.agencies)
        self.agencies[key] = name
        self.agency_ids[folded] = key
        return key

    def run(self) -> Built:
        r = self.r
        header = r.decision.header if r.decision else (r.plan.header or Header())
        spec: dict[str, Any] = {"co_quan_ban_hanh": self.issuer(header)}
        tasks, appendices = self.appendices(r.plan)
        plan = self.plan(r.plan, r.decision is not None)
        if appendices:
            plan["phu_luc"] = appendices
        if self.agencies:
            spec["co_quan"] = self.agencies
        if self.areas:
            spec["linh_vuc"] = self.areas
        if tasks:
            spec["nhiem_vu"] = tasks
        if r.decision is not None:
            spec["quyet_dinh"] = self.decision(r.decision, plan)
        spec["ke_hoach"] = plan
        return Built(spec, self.guesses, self.notes, self.loose)

    # -- the issuer, from the header lines --
    def issuer(self, header: Header) -> dict[str, Any]:
        lines = list(header.issuer)
        result: dict[str, Any] = {}
        for index, line in enumerate(lines):
            single = re.fullmatch(r"(?:ỦY|UỶ) BAN NHÂN DÂN\s+(.+)", line)
            unit_line = lines[index + 1] if line in ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN") and index + 1 < len(lines) else (single.group(1) if single else None)
            if unit_line is None:
                continue
            for word, level in _UNITS.items():
                if unit_line.startswith(word + " "):
                    parent = lines[:index]
                    if level == "thanh_pho" and parent:
                        level = "thanh_pho_thuoc_tinh"
                    result["cap"] = self.guess(level, f"cấp '{level}' suy từ dòng tên cơ quan '{unit_line}'")
                    result["dia_ban"] = unit_line[len(word) + 1:].title()
                    if parent:
                        result["cap_tren"] = parent
                    taken = index + (1 if single else 2)
                    if lines[taken:]:
                        self.notes.append((header.where, "dòng tên cơ quan thêm: " + " / ".join(lines[taken:])))
                    if single:
                        result["ten"] = [line]
                    break
            if result:
                break
        if not result and not lines:
            result = self.issuer_from_text()
        if not result:
            name = lines[1:] if len(lines) > 1 else lines
            level = "so" if name and name[0].startswith("SỞ") else "khac"
            result["cap"] = self.guess(level, "không phải Ủy ban nhân dân: cấp đoán theo tên cơ quan")
            result["ten"] = name or [self.guess("ỦY BAN NHÂN DÂN", "không đọc được tên cơ quan ban hành")]
            if len(lines) > 1:
                result["cap_tren"] = self.guess(lines[:1], "dòng đầu coi là cơ quan chủ quản")
        symbols = [d.header.symbol for d in [self.r.decision] if d] + ([self.r.plan.header.symbol] if self.r.plan.header else [])
        symbol = next((s for s in symbols if s and "-" in s), None)
        if symbol:
            self.abbreviation = symbol.split("-", 1)[1]
            if self.abbreviation != "UBND":
                result["viet_tat"] = self.abbreviation
        area = result.get("dia_ban")
        if header.place and header.place != area:
            result["dia_danh"] = header.place
        elif result["cap"].value in ("so", "khac"):
            result["dia_danh"] = self.guess(header.place or "", "địa danh không đọc được")
        return result

    def issuer_from_text(self) -> dict[str, Any]:
        """No header (lost in extraction): the committee the text names most, as a guess."""
        words = "|".join(re.escape(vn.nfc(w.lower())) for w in _UNITS)
        found: dict[tuple[str, str], int] = {}
        for text in self.r.texts:
            for match in re.finditer(rf"Ủy ban nhân dân ({words}) ((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\w]*\s?)+)", text):
                key = (match.group(1), match.group(2).strip())
                found[key] = found.get(key, 0) + 1
        if not found:
            return {}
        (unit, area), _ = max(found.items(), key=lambda item: item[1])
        level = _UNITS[unit.upper()]
        self.notes.append((0, f"không có phần đầu văn bản (tên cơ quan, số, ngày): cơ quan ban hành suy từ câu 'Ủy ban nhân dân {unit} {area}'"))
        return {"cap": self.guess(level, f"không có phần đầu văn bản; suy từ câu 'Ủy ban nhân dân {unit} {area}'"), "dia_ban": area}

    def common(self, header: Header, closing: Closing, type_name: str, target: dict[str, Any]) -> None:
        if header.draft:
            target["du_thao"] = True
        if header.number is not None and not header.draft:
            target["so"] = header.number
        if header.symbol and header.symbol != f"{TYPE_ABBREVIATIONS[type_name]}-{self.abbreviation}":
            target["ky_hieu"] = header.symbol
        if header.date:
            day, month, year = header.date
            text = "/".join(str(p) for p in (day, month, year) if p is not None) if month else str(year)
            if day is None and month is not None:
                text = f"{month:02d}/{year}"
            target["ngay"] = text if day else self.guess(text, "ngày để trống trong bản gốc: chỉ ghi tháng/năm")
        for key, value in (("do_mat", header.secrecy), ("do_khan", header.urgency)):
            if value:
                target[key] = value

    def signature(self, closing: Closing, target: dict[str, Any], first_recipient: bool) -> None:
        recipients: list[Any] = []
        for index, (text, _where) in enumerate(closing.recipients):
            if first_recipient and index == 0 and re.fullmatch(r"Như Điều \d+", text):
                continue
            folded = _fold(text)
            recipients.append({"co_quan": self.agency_ids[folded]} if folded in self.agency_ids else text)
        if first_recipient and not (closing.recipients and re.fullmatch(r"Như Điều \d+", closing.recipients[0][0])):
            target["nhu_dieu_cuoi"] = False
        if recipients:
            target["noi_nhan"] = recipients
        if closing.archive is not None and closing.archive != ["VT"]:
            target["luu"] = closing.archive
        signature = closing.signature
        if signature is None:
            self.notes.append((0, "không thấy phần ký (TM./KT./chức vụ, họ tên): thêm người ký giả định"))
            target["nguoi_ky"] = self.guess({"thay_mat": "Ủy ban nhân dân", "chuc_vu": "Chủ tịch", "ho_ten": "Chưa rõ"}, "không thấy người ký trong bản gốc")
            return
        signer: dict[str, Any] = {}
        keys = {"TM": "thay_mat", "KT": "ky_thay", "TL": "thua_lenh", "TUQ": "thua_uy_quyen"}
        for kind, text in signature.authority:
            if kind == "Q":
                signer["quyen"] = True
            else:
                signer[keys[kind]] = text
        signer["chuc_vu"] = signature.title or self.guess("CHỦ TỊCH", "không thấy chức vụ người ký")
        signer["ho_ten"] = signature.name or self.guess("Chưa rõ", "không thấy họ tên người ký")
        target["nguoi_ky"] = signer

    # -- the decision --
    def decision(self, part: DecisionPart, plan: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        self.common(part.header, part.closing, "Quyết định", result)
        title = " ".join(part.title).strip()
        verb = "Phê duyệt" if title.startswith("Phê duyệt") else "Ban hành"
        if verb != "Ban hành":
            result["hinh_thuc"] = verb
        if part.authority.startswith("CHỦ TỊCH"):
            result["tham_quyen"] = "chu_tich"
        plan_title = plan["trich_yeu"].value if isinstance(plan["trich_yeu"], Guess) else plan["trich_yeu"]
        if title != f"{verb} Kế hoạch {vn.lower_first(plan_title)}":
            result["trich_yeu"] = title
        bases = [text for text, _ in part.bases]
        proposal = next((b for b in bases if b.startswith("Theo đề nghị của ")), None)
        result["can_cu"] = [self.legal(b) for b in bases if b is not proposal]
        if proposal:
            result["de_nghi"] = proposal[len("Theo đề nghị của "):].rstrip(" .;")
        articles: list[Any] = []
        for index, (text, paragraphs, _where) in enumerate(part.articles):
            body = [text, *paragraphs] if text else list(paragraphs)
            if index == len(part.articles) - 1 and body:
                body[-1] = re.sub(r"\s*\./\.$", ".", body[-1])
            articles.append(body[0] if len(body) == 1 else {"noi_dung": body[0], "doan": body[1:]})
        defaults = self.default_articles(articles, verb, plan_title)
        if defaults is not None:
            result.update(defaults)
        else:
            result["dieu"] = self.guess(articles, "các điều chép nguyên văn (khác các điều mặc định)")
        self.signature(part.closing, result, first_recipient=True)
        return result

    def default_articles(self, articles: list[Any], verb: str, plan_title: str) -> dict[str, Any] | None:
        """The keys that make the renderer write these very articles, when they are the usual
        ones (issue, monitor, effect and executors); None when any article says more."""
        if not all(isinstance(a, str) for a in articles[:-1]) or not 2 <= len(articles) <= 3:
            return None
        last = articles[-1]
        if not isinstance(last, dict) or len(last["doan"]) != 1:
            return None
        title = vn.lower_first(plan_title)
        first = f"Ban hành kèm theo Quyết định này Kế hoạch {title}." if verb == "Ban hành" else f"Phê duyệt Kế hoạch {title} (có Kế hoạch chi tiết kèm theo)."
        effect = re.fullmatch(r"Quyết định này có hiệu lực (.+)\.", last["noi_dung"])
        executors = re.fullmatch(r"(.+) chịu trách nhiệm thi hành Quyết định này\.", last["doan"][0])
        if articles[0] != first or effect is None or executors is None:
            return None
        result: dict[str, Any] = {}
        if len(articles) == 3:
            monitor = re.fullmatch(r"Giao (.+) theo dõi, đôn đốc, hướng dẫn và kiểm tra các cơ quan, đơn vị thực hiện Kế hoạch này\.", articles[1])
            if monitor is None:
                return None
            result["co_quan_theo_doi"] = self.agency(monitor.group(1))
        if effect.group(1) != "kể từ ngày ký":
            result["hieu_luc"] = effect.group(1)
        if executors.group(1) != "Thủ trưởng các cơ quan, đơn vị có liên quan":
            result["thi_hanh"] = [executors.group(1)]
        return result

    def legal(self, text: str) -> Any:
        """Structured when it parses and prints back the same; as written otherwise."""
        text = text.rstrip(" ;.")
        match = re.fullmatch(
            r"(Căn cứ|Thực hiện) (.+?) số (\S+) ngày (\d{1,2}/\d{1,2}/\d{4})(?: của (.+?))?(?: ((?:về|ban hành|phê duyệt|quy định|hướng dẫn)\b.*))?", text)
        if match:
            prefix, kind, number, date, issuer, subject = match.groups()
            try:
                ref = LegalRef(kind=kind, prefix=None if prefix == "Căn cứ" else prefix, number=number, date=VnDate.parse(date), issuer=issuer, subject=subject)
            except ValueError:
                ref = None
            if ref is not None and legal_text(ref, "Căn cứ") == text:
                fields = {"loai": kind, "tien_to": ref.prefix, "so": number, "ngay": date, "co_quan": issuer, "trich_yeu": subject}
                return {k: v for k, v in fields.items() if v}
        return text[len("Căn cứ "):] if text.startswith("Căn cứ ") else text

    # -- the plan --
    def plan(self, part: PlanPart, attached: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        title = " ".join(part.title).strip()
        if title.isupper():
            cased = self.sentence_case(title)
            result["trich_yeu"] = self.guess(cased, f"trích yếu gõ in hoa '{title}': chuyển về chữ thường, giữ hoa tên riêng có trong văn bản")
            title = cased
        else:
            result["trich_yeu"] = title or self.guess("Cải cách hành chính", "không thấy trích yếu của kế hoạch")
        years = sorted({int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", title)})
        if years:
            result["ky"] = years[0] if len(years) == 1 else self.guess(f"{years[0]}-{years[-1]}", "kỳ kế hoạch suy từ các năm trong trích yếu")
        if not attached:
            self.common(part.header or Header(), part.closing, "Kế hoạch", result)
            if "ngay" not in result:
                year = str(years[0]) if years else "2025"
                result["ngay"] = self.guess(year, "bản gốc không có ngày ban hành: chỉ ghi năm, hãy điền ngày")
        body = list(part.body)
        bases: list[Any] = []
        opening: list[str] = []
        while body and isinstance(body[0], Para):
            node = body.pop(0)
            text = node.text if not node.mark else f"{node.mark} {node.text}"
            if not opening and node.text.startswith(("Căn cứ ", "Thực hiện ")) and " số " in node.text and not node.text.endswith(":"):
                bases.append(self.legal(node.text))
            else:
                opening.append(text)
        if part.attached and not attached:
            # -- a plan issued 'kèm theo' a decision that is not in this file: keep the line as written --
            opening.insert(0, part.attached)
            self.loose_guess("dòng '(Ban hành kèm theo …)' mà không có quyết định trong tệp: giữ nguyên văn ở đầu mo_dau")
        if bases:
            result["can_cu"] = bases
        if opening:
            result["mo_dau"] = opening
        builder = SectionBuilder(self)
        sections, ending = builder.top(body)
        if builder.plan_numbering:
            result["danh_so"] = builder.plan_numbering
        result["noi_dung"] = sections
        if ending:
            ending[-1] = re.sub(r"\s*\./\.$", ".", ending[-1])
            result["ket_luan"] = ending
        else:
            self.loose_guess("không thấy đoạn kết 'Trên đây là…': chương trình thêm đoạn kết mặc định")
        if attached and (part.closing.recipients or part.closing.signature):
            self.notes.append((part.closing.signature.where if part.closing.signature else 0,
                               "kế hoạch kèm quyết định có nơi nhận/người ký riêng: không giữ (lấy từ quyết định)"))
        elif not attached:
            self.signature(part.closing, result, first_recipient=False)
            result.pop("nhu_dieu_cuoi", None)
        return result

    def sentence_case(self, text: str) -> str:
        """'CẢI CÁCH … HUYỆN TÂN UYÊN' → 'Cải cách … huyện Tân Uyên': a word keeps its capital
        where the rest of the document writes it so in mid-sentence."""
        capital: dict[str, int] = {}
        for body in self.r.texts:
            words = body.split()
            for word in words[1:]:
                bare = word.strip(",.;:()“”\"")
                if bare:
                    capital[bare.lower()] = capital.get(bare.lower(), 0) + (1 if bare[0].isupper() else -1)
        out = []
        for index, word in enumerate(text.lower().split()):
            keep = capital.get(word.strip(",.;:()“”\""), 0) > 0
            out.append(word.capitalize() if index == 0 or keep else word)
        return " ".join(out)

    # -- the Phụ lục task tables --
    def appendices(self, part: PlanPart) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        tasks: list[dict[str, Any]] = []
        appendices: list[dict[str, Any]] = []
        for appendix in part.appendices:
            entry: dict[str, Any] = {}
            title = " ".join(t for t in appendix.title if not re.fullmatch(r"\(.*\)", t))
            if title:
                entry["tieu_de"] = title
            if appendix.table is not None:
                first = len(tasks)
                self.table(appendix.table, tasks, entry)
                if len(part.appendices) > 1:
                    entry["linh_vuc"] = list(dict.fromkeys(_plain(t["linh_vuc"]) for t in tasks[first:]))
            appendices.append(entry)
        return tasks, appendices

    def table(self, table: TaskTable, tasks: list[dict[str, Any]], entry: dict[str, Any]) -> None:
        if table.columns != DEFAULT_COLUMNS:
            entry["cot"] = table.columns
        renamed = {c: t for c, t in zip(table.columns, table.titles, strict=False) if t != COLUMN_TITLES.get(c)}
        if renamed:
            entry["ten_cot"] = renamed
        area: Any = None
        for row in table.rows:
            if row.group is not None:
                area = self.area(re.sub(r"^[IVXLC]+[.)]\s*", "", row.group))
                continue
            cells = row.cells
            if area is None:
                area = self.guess("chi_dao_dieu_hanh", "bảng không có dòng nhóm lĩnh vực: xếp vào lĩnh vực chỉ đạo, điều hành")
            task: dict[str, Any] = {"linh_vuc": area, "noi_dung": cells.get("noi_dung", "")}
            lead = cells.get("chu_tri", "").strip()
            task["chu_tri"] = self.agency(lead) if lead else self.guess(self.agency("Chưa rõ"), f"dòng {row.where}: không có cơ quan chủ trì")
            partners = [self.agency(p.strip()) for p in re.split(r"[;\n]", cells.get("phoi_hop", "")) if p.strip()]
            if partners:
                task["phoi_hop"] = partners
            deadline = cells.get("thoi_han", "").strip()
            try:
                task["thoi_han"] = Deadline.parse(deadline).text if deadline else self.guess("Thường xuyên", "không có thời hạn")
            except ValueError:
                task["thoi_han"] = self.guess("Thường xuyên", f"thời hạn '{deadline}' không đọc được (ghi trong ghi_chu)")
                task["ghi_chu"] = f"Thời hạn: {deadline}"
            for column, key in (("san_pham", "san_pham"), ("ghi_chu", "ghi_chu")):
                if cells.get(column):
                    task[key] = cells[column]
            if not task["noi_dung"]:
                self.notes.append((row.where, "dòng bảng không có nội dung nhiệm vụ: bỏ qua"))
                continue
            tasks.append(task)

    def area(self, title: str) -> str:
        folded = _fold(title)
        for key, default in {**REFORM_AREAS, **self.areas}.items():
            if _fold(default) == folded:
                return key
        for key, default in REFORM_AREAS.items():
            if _fold(default) in folded or folded in _fold(default):
                self.areas[key] = title
                return key
        key = key_of(title, {**REFORM_AREAS, **self.areas})
        self.areas[key] = title
        return key


KIND_BY_TITLE = {_fold(title): kind for kind, title in SECTION_TITLES.items()}
