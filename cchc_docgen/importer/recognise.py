"""Step 2: recognise the parts of a plan (and of the decision issuing it) in its lines.

Everything is told by its text, as a reader tells it: the type title (QUYẾT ĐỊNH,
KẾ HOẠCH), 'Số:', '<địa danh>, ngày … tháng … năm …', 'Căn cứ', 'Điều N.', typed labels
(I., 1., 1.1., a), -, +), 'Nơi nhận:', 'TM.'/'KT.'/… A line that fits nowhere is kept as a
paragraph where it stood, and said so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import normal
from .source import Line
from .tables import TaskTable, find_task_tables

_RULE = re.compile(r"\s*(?:[-_=—–*.]\s*){3,}\s*")
_QUOC_HIEU = re.compile(r"^(CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc)", re.IGNORECASE)
_NUMBER = re.compile(r"^Số\s*[:.]?\s*(\d*)\s*/\s*(\S+)$")
_PLACE_DATE = re.compile(r"^(.{2,60}?),\s*ngày\s*(\d{0,2})\s*tháng\s*(\d{0,2})\s*năm\s*(\d{4})\s*\.?$")
_SIGN = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*(.+)$")
_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*[.:]\s*(.*)$")
_APPENDIX = re.compile(r"^PHỤ LỤC(\s+[IVXLC\d]+)?\.?$", re.IGNORECASE)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(.*)$", re.IGNORECASE)
_ARCHIVE = re.compile(r"^[-–]?\s*Lưu\s*:?\s*(.+?)\.?$")
LABELS = [
    ("roman", re.compile(r"^([IVXLC]+)\.\s*(.+)$")),
    ("decimal", re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.+)$")),
    ("number", re.compile(r"^(\d{1,2})\.\s*(\D.*)$")),
    ("letter", re.compile(r"^([a-zđ])\)\s*(.+)$")),
    ("dash", re.compile(r"^[-–•]\s*(.+)$")),
    ("plus", re.compile(r"^\+\s*(.+)$")),
]  # fmt: skip
SECRECY = {"MẬT", "TỐI MẬT", "TUYỆT MẬT"}
URGENCY = {"KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC"}


@dataclass
class Header:
    issuer: list[str] = field(default_factory=list)
    number: int | None = None
    symbol: str | None = None
    place: str | None = None
    date: tuple[int | None, int | None, int] | None = None  # day, month, year
    draft: bool = False
    secrecy: str | None = None
    urgency: str | None = None
    where: int = 0


@dataclass
class Signature:
    authority: list[tuple[str, str]] = field(default_factory=list)  # ("TM", "ỦY BAN NHÂN DÂN")
    title: str = ""
    name: str = ""
    where: int = 0


@dataclass
class Closing:
    """Nơi nhận, Lưu and the signature that end a document."""

    recipients: list[tuple[str, int]] = field(default_factory=list)
    archive: list[str] | None = None
    signature: Signature | None = None


@dataclass
class Heading:
    kind: str  # roman, number, decimal, letter
    label: str
    text: str
    where: int
    children: list[Node] = field(default_factory=list)

    rank: int = 0  # depth by label kind; a letter under 1.1. goes one deeper than it

    def __post_init__(self) -> None:
        if not self.rank:
            self.rank = {"roman": 1, "number": 2, "letter": 3}.get(self.kind, self.label.count(".") + 2)


@dataclass
class Para:
    text: str
    where: int
    mark: str = ""  # "-" or "+" for an item
    items: list[Para] = field(default_factory=list)


Node = Heading | Para


@dataclass
class DecisionPart:
    header: Header
    title: list[str]
    authority: str
    bases: list[tuple[str, int]]
    articles: list[tuple[str, list[str], int]]
    closing: Closing


@dataclass
class AppendixPart:
    title: list[str]
    table: TaskTable | None
    where: int


@dataclass
class PlanPart:
    header: Header | None
    title: list[str]
    attached: str | None
    body: list[Node]  # paragraphs before the first heading, then the headings
    closing: Closing
    appendices: list[AppendixPart]


@dataclass
class Recognised:
    decision: DecisionPart | None
    plan: PlanPart
    notes: list[tuple[int, str]]  # (source line, what was not understood)
    texts: list[str] = field(default_factory=list)  # every line's text, for guesses made from the whole


class NotAPlan(Exception):
    """No 'KẾ HOẠCH' title and no plan body: the file is something else."""


def recognise(lines: list[Line]) -> Recognised:
    return _Recogniser(lines).run()


class _Recogniser:
    def __init__(self, lines: list[Line]):
        self.tables, rest = find_task_tables(lines)
        self.lines = [line for line in _expand(rest) if not _RULE.fullmatch(line.text)]
        self.notes: list[tuple[int, str]] = []

    def run(self) -> Recognised:
        lines = self.lines
        plan_at = next((i for i, line in enumerate(lines) if _plan_title(line.text)), None)
        if plan_at is None:
            raise NotAPlan()
        decision_at = next((i for i, line in enumerate(lines[:plan_at]) if _type_title(line.text) == "QUYẾT ĐỊNH"), None)
        header_start = plan_at
        while header_start > 0 and _header_line(lines[header_start - 1].text):
            header_start -= 1
        if decision_at is not None and header_start <= decision_at:
            header_start = plan_at
        decision = self.decision(lines[:header_start], decision_at) if decision_at is not None else None
        if decision is None and header_start > 0:
            for line in lines[:header_start]:
                if not _header_line(line.text):
                    self.notes.append((line.where, f"dòng trước phần đầu kế hoạch, đưa vào đoạn mở đầu: {line.text[:60]}"))
        plan = self.plan(lines[header_start:] if decision is not None else lines, plan_at - (header_start if decision is not None else 0))
        return Recognised(decision, plan, self.notes, [line.text for line in lines])

    # -- the header block: everything before the type title --
    def header(self, lines: list[Line]) -> Header:
        header = Header(where=lines[0].where if lines else 0)
        for line in lines:
            text = line.text.strip(" *")
            if text.upper() == "DỰ THẢO":
                header.draft = True
            elif _QUOC_HIEU.match(text):
                continue
            elif match := _NUMBER.match(text):
                header.number = int(match.group(1)) if match.group(1) else None
                header.symbol = match.group(2)
            elif match := _PLACE_DATE.match(text):
                header.place = match.group(1).strip()
                day, month = match.group(2), match.group(3)
                header.date = (int(day) if day else None, int(month) if month else None, int(match.group(4)))
            elif text.upper() in SECRECY:
                header.secrecy = text.upper()
            elif text.upper() in URGENCY:
                header.urgency = text.upper().replace("HOẢ", "HỎA")
            elif text.isupper():
                header.issuer.append(text)
            else:
                self.notes.append((line.where, f"dòng trong phần đầu văn bản không rõ là gì: {text[:60]}"))
        return header

    # -- the decision (§6.1) --
    def decision(self, lines: list[Line], at: int) -> DecisionPart:
        header = self.header(lines[:at])
        i = at + 1
        title: list[str] = []
        while i < len(lines) and not _authority(lines[i].text) and not lines[i].text.startswith("Căn cứ"):
            title.append(lines[i].text)
            i += 1
        authority = lines[i].text if i < len(lines) and _authority(lines[i].text) else ""
        i += 1 if authority else 0
        bases: list[tuple[str, int]] = []
        while i < len(lines) and _type_title(lines[i].text) != "QUYẾT ĐỊNH:":
            bases.append((lines[i].text, lines[i].where))
            i += 1
        i += 1
        articles: list[tuple[str, list[str], int]] = []
        while i < len(lines) and not _closing_start(lines[i].text):
            text = lines[i].text
            if match := _ARTICLE.match(text):
                articles.append((match.group(2), [], lines[i].where))
            elif articles:
                articles[-1][1].append(text)
            else:
                self.notes.append((lines[i].where, f"đoạn trước Điều 1, đưa vào Điều 1: {text[:60]}"))
                articles.append(("", [text], lines[i].where))
            i += 1
        closing = self.closing(lines[i:])
        return DecisionPart(header, title, authority, bases, articles, closing)

    # -- Nơi nhận, Lưu, the signature --
    def closing(self, lines: list[Line]) -> Closing:
        """Nơi nhận and the signature, in either order or side by side (split from one line)."""
        closing = Closing()
        signature: Signature | None = None
        recipients_open = False
        for line in lines:
            text = line.text.strip()
            if match := _RECIPIENTS.match(text):
                recipients_open = True
                text = match.group(1).strip()
                if not text:
                    continue
            if match := _ARCHIVE.match(text):
                closing.archive = [a.strip() for a in re.split(r"[,;]", match.group(1)) if a.strip()]
                recipients_open = False
            elif match := _SIGN.match(text):
                signature = signature or Signature(where=line.where)
                signature.authority.append((match.group(1), match.group(2)))
            elif recipients_open and text.startswith(("-", "–", "+")):
                closing.recipients.append((text.lstrip("-–+ ").rstrip(" ;."), line.where))
            elif text.isupper() and len(text) < 60 and (signature is None or not signature.title):
                signature = signature or Signature(where=line.where)
                signature.title = text
            elif signature is not None and not signature.name and _person(text):
                signature.name = text
            elif recipients_open:
                closing.recipients.append((text.rstrip(" ;."), line.where))
            else:
                self.notes.append((line.where, f"dòng ở phần ký không rõ là gì (bỏ qua khi dựng lại): {text[:60]}"))
        if signature is not None and not signature.title and signature.authority:
            kind, title = signature.authority.pop()
            signature.title = title
            if kind == "Q":
                signature.authority.append(("Q", ""))
        closing.signature = signature
        return closing

    # -- the plan (§6.3, §6.2) --
    def plan(self, lines: list[Line], at: int) -> PlanPart:
        header = self.header(lines[:at]) if at > 0 else None
        i = at + 1
        first = lines[at].text.strip(" *")
        title: list[str] = [first[len("KẾ HOẠCH"):].strip()] if len(first) > len("KẾ HOẠCH") else []
        attached = None
        while i < len(lines):
            text = lines[i].text
            if text.startswith("(") and ("kèm theo" in text.lower()):
                attached = text
                i += 1
                continue
            if title and (_label(text) or text.startswith(("Căn cứ", "Thực hiện")) or len(" ".join(title)) > 200 or text.endswith((".", ":", ";"))):
                break
            if attached:
                break
            title.append(text)
            i += 1
        end = next((j for j in range(i, len(lines)) if _closing_start(lines[j].text) or _APPENDIX.match(lines[j].text)), len(lines))
        body = self.body(lines[i:end])
        appendix_at = next((j for j in range(end, len(lines)) if _APPENDIX.match(lines[j].text)), len(lines))
        closing = self.closing(lines[end:appendix_at])
        appendices = self.appendices(lines[appendix_at:])
        return PlanPart(header, title, attached, body, closing, appendices)

    def body(self, lines: list[Line]) -> list[Node]:
        top: list[Node] = []
        stack: list[Heading] = []
        last_item: Para | None = None
        for line in lines:
            kind, label, text = _split_label(line)
            here = stack[-1].children if stack else top
            if kind in ("roman", "number", "decimal", "letter"):
                heading = Heading(kind, label, text, line.where)
                decimal = next((h for h in reversed(stack) if h.kind == "decimal"), None)
                if kind == "letter" and decimal is not None and stack[-1].kind in ("decimal", "letter"):
                    heading.rank = decimal.rank + 1
                while stack and stack[-1].rank >= heading.rank:
                    stack.pop()
                (stack[-1].children if stack else top).append(heading)
                stack.append(heading)
                last_item = None
            elif kind == "dash":
                last_item = Para(text, line.where, "-")
                here.append(last_item)
            elif kind == "plus" and last_item is not None:
                last_item.items.append(Para(text, line.where, "+"))
            elif kind == "plus":
                self.notes.append((line.where, f"ý '+' không có ý '-' phía trên, in thành ý '-': {text[:60]}"))
                last_item = Para(text, line.where, "-")
                here.append(last_item)
            else:
                here.append(Para(text, line.where))
                last_item = None
        return top

    def appendices(self, lines: list[Line]) -> list[AppendixPart]:
        parts: list[AppendixPart] = []
        for line in lines:
            if _APPENDIX.match(line.text):
                parts.append(AppendixPart([], None, line.where))
            elif line.table and parts and parts[-1].table is None:
                parts[-1].table = self.tables.get(line.table)
            elif parts and parts[-1].table is None and not line.text.startswith("(Kèm theo"):
                parts[-1].title.append(line.text)
            elif not line.text.startswith("(Kèm theo"):
                self.notes.append((line.where, f"dòng ở phụ lục không rõ là gì (bỏ qua): {line.text[:60]}"))
        used = {id(p.table) for p in parts}
        for _number, table in self.tables.items():
            if id(table) not in used:
                if parts and parts[-1].table is None:
                    parts[-1].table = table
                else:
                    parts.append(AppendixPart([], table, table.where))
        return parts


def _expand(lines: list[Line]) -> list[Line]:
    """Table rows that are not a task table (the header's two columns, a signature table)
    become their cells' lines, cell after cell."""
    result: list[Line] = []
    for line in lines:
        if line.cells is None:
            result.append(line)
            continue
        for cell in line.cells:
            for piece in cell.split("\n"):
                if normal(piece):
                    result.append(Line(normal(piece), line.where))
    return result


def _type_title(text: str) -> str:
    return text.strip(" *").upper() if text.strip(" *") in ("QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "KẾ HOẠCH", "KẾ HOẠCH:") else ""


def _plan_title(text: str) -> bool:
    text = text.strip(" *")
    return text == "KẾ HOẠCH" or (text.startswith("KẾ HOẠCH ") and len(text) < 200 and not text.endswith("."))


def _header_line(text: str) -> bool:
    text = text.strip(" *")
    return bool(text.isupper() or _QUOC_HIEU.match(text) or _NUMBER.match(text) or _PLACE_DATE.match(text)) and not _type_title(text) and not _SIGN.match(text)


def _authority(text: str) -> bool:
    return text.isupper() and ("ỦY BAN NHÂN DÂN" in text or "UỶ BAN NHÂN DÂN" in text or text.startswith(("CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG")))


def _closing_start(text: str) -> bool:
    return bool(_RECIPIENTS.match(text) or _SIGN.match(text))


def _person(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not text.endswith((".", ":", ";"))


def _label(text: str) -> bool:
    return any(pattern.match(text) for kind, pattern in LABELS if kind != "plus")


def _split_label(line: Line) -> tuple[str, str, str]:
    """The label and the text after it, whether typed or printed by Word's numbering."""
    text = line.text
    if line.typed_label:
        text = f"{line.typed_label} {text}"
    for kind, pattern in LABELS:
        match = pattern.match(text)
        if match:
            if kind in ("dash", "plus"):
                return kind, "", match.group(1).strip()
            if kind == "roman" and not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", match.group(1)):
                continue
            return kind, match.group(1), match.group(2).strip()
    return "", "", text
