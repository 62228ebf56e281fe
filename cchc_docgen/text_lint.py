"""Lint of the drafter's own words: text that loads and renders, but reads wrong on paper.

The program owns numbering, dashes, the opening word of a căn cứ, the closing './.' and
the capitals of titles; a drafter who types them too gets them twice ("II. 3.1. CẢI
CÁCH…", "- -Thực hiện", "Căn cứ Căn cứ…"). YAML adds its own traps: a flow list
``[Đảm bảo…, hiệu quả…]`` splits a sentence at its commas. These rules find such text in
the specification itself, so every message points at the line the drafter typed.

``lint`` returns findings; the check command (``checks``) turns them into problems and
owns their ids, severities and titles in its RULES table.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple, get_args, get_origin

from . import vn
from .spec import derive
from .spec.model import Decision, Issuer, LegalRef, Plan, Spec
from .spec.schema import Loc, Node, type_hints
from .view import KEEP_DEFAULT, TaskTable, build_views

__all__ = ["Finding", "lint"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of text a rule objects to; ``name`` is the field as ``Node.loc`` takes it."""

    rule: str
    node: Node
    name: str
    message: str
    hint: str


class _Text(NamedTuple):
    node: Node
    field: str  # "paragraphs"
    index: int  # the item's place in a list field, or -1
    value: str

    @property
    def name(self) -> str:
        """The field as ``Node.loc`` takes it: "title", "paragraphs[2]"."""
        return self.field if self.index < 0 else f"{self.field}[{self.index}]"


@dataclass
class _Walk:
    """Every node of the specification and every piece of text, in the order written."""

    nodes: list[Node] = dataclasses.field(default_factory=list)
    texts: list[_Text] = dataclasses.field(default_factory=list)


def lint(spec: Spec) -> list[Finding]:
    """Every text finding of one specification, in the order of the rules."""
    walk = _Walk()
    _visit(spec, walk)
    findings: list[Finding] = []
    for rule in (_typed_numbering, _spacing, _chopped_by_flow_list, _appendix, _capital_title,
                 _abolished_parent, _keep_default_misspelt, _legal_basis_opening, _final_mark):  # fmt: skip
        findings.extend(rule(spec, walk))
    return findings


# -- the text of a specification, field by field --

# Values that are codes or choices, not words printed as the drafter typed them.
_CODE_FIELDS = frozenset({"area", "agency", "lead", "partners", "covers", "areas", "columns", "code", "abbreviation",
                          "symbol", "file_name", "template", "monitor", "archive", "number"})  # fmt: skip


@functools.cache
def _text_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that can hold text or other nodes (not choices, not codes)."""
    hints = type_hints(cls)
    names = []
    for spec_field in dataclasses.fields(cls):
        if "key" not in spec_field.metadata or spec_field.name in _CODE_FIELDS or _is_choice(hints[spec_field.name]):
            continue
        names.append(spec_field.name)
    return tuple(names)


def _is_choice(tp: object) -> bool:
    if get_origin(tp) is Literal:
        return True
    args = [a for a in get_args(tp) if a is not type(None)]
    return bool(args) and all(get_origin(a) is Literal for a in args)


def _visit(node: Node, walk: _Walk) -> None:
    walk.nodes.append(node)
    texts = walk.texts
    for name in _text_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, str):
            texts.append(_Text(node, name, -1, value))
        elif isinstance(value, Node):
            _visit(value, walk)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    texts.append(_Text(node, name, index, item))
                elif isinstance(item, Node):
                    _visit(item, walk)
        elif isinstance(value, dict):
            for item in value.values():
                if isinstance(item, Node):
                    _visit(item, walk)
                elif isinstance(item, str):
                    texts.append(_Text(node, name, -1, item))


def _quote(text: str, start: int, end: int, room: int = 18) -> str:
    """The offending place with a little text either side: «…chữ  chữ…»."""
    left, right = max(0, start - room), min(len(text), end + room)
    return "«" + ("…" if left else "") + text[left:right].replace("\n", "↵") + ("…" if right < len(text) else "") + "»"


# -- VB-SO-THU-TU: numbering or a dash typed before text the program numbers --

# Fields printed after a label ("I.", "1.", "a)", "- ", "+ ", "Điều 1."): (class, field).
_LABELLED = frozenset({("Section", "title"), ("Section", "text"), ("Section", "items"), ("Section", "targets"),
                       ("Item", "text"), ("Item", "items"), ("Target", "text"), ("Target", "items"),
                       ("Task", "text"), ("Article", "title"), ("Article", "text"), ("Decision", "articles")})  # fmt: skip
_TYPED_LABEL = re.compile(
    r"(?:Điều\s+\d+\s*[.:]"  # Điều 1.
    r"|[IVXL]+[.)]"  # II.
    r"|\d+(?:\.\d+)*[.)/]"  # 3. 3.1. 3) 3/
    r"|[a-zđ](?:\.\d+)*[.)]"  # a) a. a.1.
    r")\s+"
    r"|[-–—+•](?=\s*\S)"  # - + – (with or without a space after)
)


def _typed_numbering(spec: Spec, walk: _Walk) -> Iterator[Finding]:
    for text in walk.texts:
        if (type(text.node).__name__, text.field) not in _LABELLED:
            continue
        found = _TYPED_LABEL.match(text.value.lstrip())
        if found is None:
            continue
        typed = found.group().strip()
        rest = text.value.lstrip()[found.end():].lstrip()
        yield Finding("VB-SO-THU-TU", text.node, text.name,
                      f"nội dung bắt đầu bằng {typed!r} do người soạn gõ, nhưng chương trình đã tự in số thứ tự hoặc dấu đầu dòng ở đây, nên văn bản sẽ có hai lần ({_quote(text.value, 0, found.end())}).",
                      f"Bỏ {typed!r} ở đầu và viết «{rest[:40]}{'…' if len(rest) > 40 else ''}»; số thứ tự và dấu đầu dòng do cấp của mục quyết định (I. / 1. / a) / - / +).")


# -- VB-KHOANG-TRANG: spaces a careful typist would not leave --

_DOUBLE_SPACE = re.compile(r"(?<=\S) {2,}(?=\S)")
_SPACE_BEFORE_MARK = re.compile(r"(?<=[\w)\]”\"'])[ \t]+(?=[,.;:!?)](?:\s|$))|(?<=\()[ \t]+(?=\S)")
_BLANK_BEFORE = ("ngày", "tháng", "số", "số:")  # "ngày     tháng 12": a draft's room for the day or number


_SPACING_SIGNS = ("  ", " ,", " .", " ;", " :", " !", " ?", " )", "( ", "\t")


def _may_be_badly_spaced(value: str) -> bool:
    """A cheap test (substring searches run in C) that lets almost every text skip the regexes."""
    return value[:1] == " " or value[-1:] == " " or any(sign in value for sign in _SPACING_SIGNS)


def _spacing(spec: Spec, walk: _Walk) -> Iterator[Finding]:
    for text in walk.texts:
        value = text.value
        if not _may_be_badly_spaced(value):
            continue
        problem = None
        if value != value.strip(" \t") and value.strip():
            problem = ("có dấu cách ở đầu hoặc cuối", 0, len(value))
        for found in _DOUBLE_SPACE.finditer(value):
            word = value[: found.start()].rsplit(None, 1)[-1].casefold()
            if value[found.end()] == "/" or (len(found.group()) > 2 and word in _BLANK_BEFORE):
                continue  # -- a blank left for a number or a day, "số     /KH-UBND" --
            problem = problem or (f"có {len(found.group())} dấu cách liền nhau", found.start(), found.end())
            break
        found = _SPACE_BEFORE_MARK.search(value)
        if problem is None and found is not None:
            problem = ("có dấu cách trước dấu câu" if value[found.end() - 1] != "(" and value[found.end():found.end() + 1] in ",.;:!?)" else "có dấu cách sau dấu mở ngoặc", found.start(), found.end())
        if problem is None:
            continue
        what, start, end = problem
        yield Finding("VB-KHOANG-TRANG", text.node, text.name, f"đoạn chữ {what} ({_quote(value, start, end)}).",
                      "Dùng một dấu cách giữa hai từ, không có dấu cách trước dấu , . ; : ) hay sau dấu (, không để dấu cách ở đầu hay cuối trong dấu nháy.")


# -- VB-CAU-BI-CAT: a sentence cut at its commas by a YAML flow list --

# Lists whose items print as paragraphs or dash items, one each.
_PROSE_LISTS = frozenset({"paragraphs", "items", "targets", "closing", "opening", "legal_bases", "articles", "recipients"})


def _item_text(item: object) -> str | None:
    if isinstance(item, str):
        return item
    text = getattr(item, "text", None) or getattr(item, "kind", None)
    return text if isinstance(text, str) else None


def _chopped_by_flow_list(spec: Spec, walk: _Walk) -> Iterator[Finding]:
    for node in walk.nodes:
        for name in _text_fields(type(node)):
            if name not in _PROSE_LISTS:
                continue
            items = getattr(node, name)
            if not isinstance(items, list) or len(items) < 2:
                continue
            found = [node._locs.get(f"{name}[{index}]") for index in range(len(items))]
            locs = [loc for loc in found if loc is not None]
            if len(locs) < len(items) or not _written_as_flow_list(node._locs.get(name), locs):
                continue
            words = ["" if _means_keep_default(item) else _item_text(item) or "" for item in items]
            if not _starts_upper(words[0]):
                continue  # -- a list of lower-case phrases written on purpose --
            for index in range(1, len(words)):
                if _starts_lower(words[index]):
                    joined = ", ".join(words)
                    yield Finding("VB-CAU-BI-CAT", node, f"{name}[{index}]",
                                  f"danh sách viết trong ngoặc vuông [ ] bị YAML cắt ở mỗi dấu phẩy thành {len(words)} đoạn; đoạn thứ {index + 1} bắt đầu bằng chữ thường ({words[index][:30]!r}), nên câu {joined[:50]!r}… bị cắt đôi khi in.",
                                  f"Viết mỗi đoạn trên một dòng bắt đầu bằng '- ', hoặc đặt cả câu trong dấu nháy kép: [\"{joined[:40]}…\"].")
                    break


def _written_as_flow_list(start: Loc | None, locs: list[Loc]) -> bool:
    """Whether the list was written '[a, b]', from where its items start: a block list puts
    each item on its own line, at one column, two after its '-' ("- a"); '[a' is one after."""
    if start is not None and (start.line, start.column + 1) == (locs[0].line, locs[0].column):
        return True
    return any(a.line == b.line for a, b in itertools.pairwise(locs)) or len({loc.column for loc in locs}) > 1


def _first_letter(text: str) -> str:
    return next((c for c in vn.plain(text) if c.isalpha()), "")


def _starts_upper(text: str) -> bool:
    return _first_letter(text).isupper()


def _starts_lower(text: str) -> bool:
    return _first_letter(text).islower()


# -- VB-PHU-LUC-THIEU and VB-PHU-LUC-TRONG: the appendix the body points to, and its rows --

_APPENDIX_POINTER = re.compile(
    r"(?:chi\s+t[iê]*[ếe]t|cụ\s+thể)\s+(?:tại|theo|ở)\s+(?:các\s+)?phụ\s+lục"
    r"|phụ\s+lục[^()]{0,40}?(?:kèm\s+theo|đính\s+kèm)(?!\s+(?:quyết\s+định|nghị\s+định|nghị\s+quyết|thông\s+tư|công\s+văn|văn\s+bản|kế\s+hoạch\s+số))"
)


def _appendix(spec: Spec, walk: _Walk) -> Iterator[Finding]:
    plan = spec.plan
    if not plan.appendices:
        for text in walk.texts:
            if not _belongs_to_plan_body(text):
                continue
            found = _APPENDIX_POINTER.search(vn.nfc(text.value).casefold())
            if found:
                yield Finding("VB-PHU-LUC-THIEU", text.node, text.name,
                              f"nội dung chỉ dẫn tới phụ lục ({_quote(text.value, found.start(), found.end())}) nhưng kế hoạch không có phụ lục nào ('phu_luc').",
                              "Khai báo phụ lục (phu_luc: [{}]) và các nhiệm vụ (nhiem_vu) để chương trình tự in bảng và dòng '(Chi tiết tại Phụ lục kèm theo)'; nếu không có phụ lục thì bỏ câu này.")
        return
    if _every_appendix_takes(spec):
        return  # -- fast path: every appendix is the first home of some task, so none prints empty --
    tables = [item for view in build_views(spec) for item in view.skeleton if isinstance(item, TaskTable)]
    for appendix, table in zip(plan.appendices, tables, strict=False):  # -- a table per appendix, in order --
        if not any(not row.group for row in table.rows):
            which = f"lĩnh vực {', '.join(appendix.areas)}" if appendix.areas else "mọi lĩnh vực còn lại"
            yield Finding("VB-PHU-LUC-TRONG", appendix, "", f"phụ lục này ({which}) không có nhiệm vụ nào: bảng in ra chỉ có dòng tiêu đề.",
                          "Thêm nhiệm vụ (nhiem_vu) thuộc lĩnh vực của phụ lục, sửa 'linh_vuc' của phụ lục, hoặc xóa phụ lục này.")


def _first_taker(appendices: list, area: str) -> int | None:
    return next((index for index, appendix in enumerate(appendices) if not appendix.areas or area in appendix.areas), None)


def _every_appendix_takes(spec: Spec) -> bool:
    """A lower bound of the view's rows (it may add tasks, never remove them): each appendix
    is the first whose areas hold some task of the list."""
    taken = {_first_taker(spec.plan.appendices, task.area) for task in spec.tasks}
    return taken >= set(range(len(spec.plan.appendices)))


def _belongs_to_plan_body(text: _Text) -> bool:
    return type(text.node).__name__ in ("Section", "Item", "Target") or (isinstance(text.node, Plan) and text.field in ("opening", "closing"))


# -- ND30-TRICH-YEU: a trích yếu typed in capitals --

_WORD = re.compile(r"[^\W\d_]{2,}")


def _capital_title(spec: Spec, walk: _Walk) -> Iterator[Finding]:
    for document in (spec.decision, spec.plan):
        if document is None or not isinstance(document.title, str):
            continue
        words = _WORD.findall(vn.plain(document.title))
        capitals = [w for w in words if w.isupper()]
        if len(capitals) >= 3 and len(capitals) * 5 >= len(words) * 3:
            suggestion = _sentence_case(document.title)
            yield Finding("ND30-TRICH-YEU", document, "title",
                          f"trích yếu {document.title!r} được gõ bằng chữ in hoa; Nghị định 30 in trích yếu bằng chữ thường (đậm), và câu trong văn bản sẽ thành 'Kế hoạch {document.title[:24]}…'.",
                          f"Gõ như một câu bình thường, ví dụ: trich_yeu: {suggestion}. Chữ viết tắt (UBND, CCHC) giữ nguyên.")


_ACRONYMS = frozenset({"UBND", "HĐND", "CCHC", "TTHC", "MTTQ", "CNTT", "ISO", "PAR", "INDEX", "SIPAS", "PAPI", "PCI"})


def _sentence_case(title: str) -> str:
    words = title.split(" ")
    out = [w if w.upper() in _ACRONYMS else w.lower() for w in words]
    first = out[0] if out else ""
    return " ".join([first[:1].upper() + first[1:], *out[1:]]) if out else title


# -- VB-CAP-TREN: a parent line naming a district after 1/7/2025 --

_DISTRICT_WORDS = re.compile(r"\b(?:huyện|quận|thị\s+xã)\b")


def _abolished_parent(spec: Spec, walk: _Walk) -> Iterator[Finding]:
    issuer: Issuer = spec.issuer
    date = derive.issue_date(spec)
    if date is None or not derive.after_two_tier_reform(date):
        return
    for index, line in enumerate(issuer.parent):
        found = _DISTRICT_WORDS.search(vn.nfc(line).casefold())
        if found:
            yield Finding("VB-CAP-TREN", issuer, f"parent[{index}]",
                          f"dòng cơ quan chủ quản {line!r} nêu một đơn vị cấp huyện, nhưng văn bản ngày {date.day or '..'}/{date.month or '..'}/{date.year} ban hành khi cấp huyện đã không còn (từ 01/7/2025).",
                          "Xã, phường, đặc khu nay trực thuộc tỉnh: bỏ 'cap_tren' (Ủy ban nhân dân cấp xã không ghi cơ quan chủ quản) hoặc ghi tên tỉnh, ví dụ cap_tren: [UBND TỈNH QUẢNG NAM].")


# -- VB-MAC-DINH: 'mac_dinh' misspelt, printed as the article's text --

def _comparable_word(text: str) -> str:
    text = unicodedata.normalize("NFKD", vn.nfc(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    return re.sub(r"[\s\-_.]+", "_", text).strip("_'\"")


def _means_keep_default(item: object) -> bool:
    """'mac_dinh' or a near miss of it ('mac dinh', 'Mặc định', 'mac-dinh', 'macdinh')."""
    if not isinstance(item, str) or len(item) > 16:
        return False
    return _comparable_word(item).replace("_", "") in ("macdinh", "macdin", "macdihn", "madinh", "macdnh", "mcdinh")


def _keep_default_misspelt(spec: Spec, walk: _Walk) -> Iterator[Finding]:
    decision: Decision | None = spec.decision
    if decision is None:
        return
    for index, article in enumerate(decision.articles):
        if isinstance(article, str) and article.strip() != KEEP_DEFAULT and _means_keep_default(article):
            yield Finding("VB-MAC-DINH", decision, f"articles[{index}]",
                          f"điều này sẽ in nguyên chữ {article!r} làm nội dung điều, vì chỉ đúng chữ 'mac_dinh' mới giữ điều tự tạo.",
                          "Viết đúng: mac_dinh (chữ thường, không dấu, có dấu gạch dưới, không nháy).")


# -- VB-CAN-CU: a căn cứ that repeats the word the program puts before it --

_OPENINGS = ("căn cứ", "thực hiện", "theo", "xét")
_PRINTED_AS_IS = ("Căn cứ", "Thực hiện", "Theo", "Xét")  # view: a text căn cứ starting so is printed as typed


def _legal_basis_opening(spec: Spec, walk: _Walk) -> Iterator[Finding]:
    for document in (spec.plan, spec.decision):
        if document is None:
            continue
        for index, ref in enumerate(document.legal_bases):
            if isinstance(ref, str):
                if ref.startswith(_PRINTED_AS_IS):
                    continue
                node, name, typed, printed = document, f"legal_bases[{index}]", ref, f"Căn cứ {ref}"
            elif isinstance(ref, LegalRef):
                node, name, typed = ref, "kind", ref.kind
                printed = f"{ref.prefix or 'Căn cứ'} {ref.kind}"
            else:
                continue
            opening = next((o for o in _OPENINGS if typed.casefold().startswith(o + " ")), None)
            if opening is None:
                continue
            hint = (f"Viết hoa chữ đầu ('{opening.capitalize()} …') để câu in đúng như đã gõ." if isinstance(ref, str)
                    else f"Bỏ '{typed[: len(opening)]}' khỏi 'loai'; từ mở đầu ghi ở khóa tien_to (Căn cứ hoặc Thực hiện).")
            yield Finding("VB-CAN-CU", node, name, f"căn cứ bắt đầu bằng {typed[: len(opening)]!r} sẽ in thành {printed[:40]!r}….", hint)
    decision = spec.decision
    if decision is not None and decision.proposal:
        lowered = decision.proposal.casefold()
        opening = next((o for o in ("theo đề nghị của", "theo đề nghị", "xét đề nghị của", "xét đề nghị") if lowered.startswith(o)), None)
        if opening:
            yield Finding("VB-CAN-CU", decision, "proposal", f"'de_nghi' bắt đầu bằng {decision.proposal[: len(opening)]!r} sẽ in thành 'Theo đề nghị của {decision.proposal[:30]}…'.",
                          f"Chỉ ghi phần sau 'Theo đề nghị của', ví dụ: de_nghi: {decision.proposal[len(opening):].strip()[:40]}")


# -- VB-KET-THUC: the closing './.' after an ellipsis --

def _final_mark(spec: Spec, walk: _Walk) -> Iterator[Finding]:
    plan = spec.plan
    if plan.closing:
        yield from _ends_in_ellipsis(plan, f"closing[{len(plan.closing) - 1}]", plan.closing[-1])
    decision = spec.decision
    if decision is not None and decision.articles and isinstance(decision.articles[-1], str):
        yield from _ends_in_ellipsis(decision, f"articles[{len(decision.articles) - 1}]", decision.articles[-1])
    elif decision is not None and decision.articles:
        last = decision.articles[-1]
        if last.paragraphs:
            yield from _ends_in_ellipsis(last, f"paragraphs[{len(last.paragraphs) - 1}]", last.paragraphs[-1])
        else:
            yield from _ends_in_ellipsis(last, "text", last.text)


def _ends_in_ellipsis(node: Node, name: str, text: str) -> Iterator[Finding]:
    stripped = vn.plain(text).rstrip()
    if stripped.endswith(("…", "...")) and not stripped.endswith("./."):
        yield Finding("VB-KET-THUC", node, name,
                      f"đoạn cuối của văn bản kết thúc bằng dấu '…'; chương trình đặt './.' ngay sau chữ cuối, nên dấu '…' bị mất hoặc in thành '…./.' ({_quote(stripped, len(stripped) - 20, len(stripped))}).",
                      "Kết thúc văn bản bằng một câu trọn vẹn (bỏ '…'); chương trình tự thêm './.'.")
