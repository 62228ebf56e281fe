"""Rules on text the program assembles with its own: the appendix a body points to, the
trích yếu running text borrows, the parent line, 'mac_dinh', the căn cứ opening word, './.'."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .. import lazy, vn
from ..spec import derive
from ..spec.model import KEEP_DEFAULT, Decision, Issuer, LegalRef, Plan, Spec
from ..spec.schema import Node
from .walk import Finding, Text, Walk, quote

__all__ = ["RULES", "means_keep_default"]


# -- VB-PHU-LUC-THIEU and VB-PHU-LUC-TRONG: the appendix the body points to, and its rows --

@lazy.compiled
def _appendix_pointer() -> re.Pattern[str]:
    """'Chi tiết tại Phụ lục…', 'Phụ lục kèm theo': compiled only for a plan without an
    appendix, the one case the rule reads it (most plans have one)."""
    return re.compile(
        r"(?:chi\s+ti?ết|cụ\s+thể)\s+(?:tại|theo|ở)\s+(?:các\s+)?phụ\s+lục"
        r"|phụ\s+lục[^()]{0,40}?(?:kèm\s+theo|đính\s+kèm)(?!\s+(?:quyết\s+định|nghị\s+định|nghị\s+quyết|thông\s+tư|công\s+văn|văn\s+bản|kế\s+hoạch\s+số))"
    )


def _appendix(spec: Spec, walk: Walk) -> Iterator[Finding]:
    plan = spec.plan
    if not plan.appendices and not plan.separate_appendix:
        for text in walk.texts:
            if not _belongs_to_plan_body(text):
                continue
            found = _appendix_pointer().search(vn.nfc(text.value).casefold())
            if found:
                yield Finding("VB-PHU-LUC-THIEU", text.node, text.name,
                              f"nội dung chỉ dẫn tới phụ lục ({quote(text.value, found.start(), found.end())}) nhưng kế hoạch không có phụ lục nào ('phu_luc').",
                              "Khai báo phụ lục (phu_luc: [{}]) và các nhiệm vụ (nhiem_vu) để chương trình tự in bảng và dòng '(Chi tiết tại Phụ lục kèm theo)'; phụ lục lập riêng ngoài tệp này (bảng tính đính kèm): phu_luc_rieng: co; nếu không có phụ lục thì bỏ câu này.")
        return
    if not plan.appendices:
        return  # -- the appendix the body points to is issued outside this file (phu_luc_rieng) --
    if _every_appendix_takes(spec):
        return  # -- fast path: every appendix is the first home of some task, so none prints empty --
    from ..tasklist import TaskTable  # -- only when the fast path cannot decide: check seldom imports the view step --

    tables = [item for view in walk.views.as_typed() for item in view.skeleton if isinstance(item, TaskTable)]
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


def _belongs_to_plan_body(text: Text) -> bool:
    return type(text.node).__name__ in ("Section", "ContentBlock", "Item", "Target", "BodyTask") or (isinstance(text.node, Plan) and text.field in ("opening", "closing"))


# -- ND30-TRICH-YEU: a trích yếu typed in capitals --

_WORD = re.compile(r"[^\W\d_]{2,}")


def _capital_title(spec: Spec, walk: Walk) -> Iterator[Finding]:
    for document in (spec.decision, spec.plan):
        if document is None or not document.title:
            continue
        title = document.title if isinstance(document.title, str) else " ".join(document.title)  # -- a title given as lines --
        words = _WORD.findall(vn.plain(title))
        capitals = [w for w in words if w.isupper()]
        if len(capitals) >= 3 and len(capitals) * 5 >= len(words) * 3:
            yield Finding("ND30-TRICH-YEU", document, "title",
                          f"trích yếu {title!r} được gõ bằng chữ in hoa; Nghị định 30 in trích yếu bằng chữ thường (đậm), và câu trong văn bản sẽ thành 'Kế hoạch {title[:24]}…'.",
                          f"Gõ như một câu bình thường, ví dụ: trich_yeu: {_sentence_case(title)}. Chữ viết tắt (UBND, CCHC) giữ nguyên.")


_ACRONYMS = frozenset({"UBND", "HĐND", "CCHC", "TTHC", "MTTQ", "CNTT", "ISO", "PAR", "INDEX", "SIPAS", "PAPI", "PCI"})


def _sentence_case(title: str) -> str:
    words = title.split(" ")
    out = [w if w.upper() in _ACRONYMS else w.lower() for w in words]
    first = out[0] if out else ""
    return " ".join([first[:1].upper() + first[1:], *out[1:]]) if out else title


# -- VB-CAP-TREN: a parent line naming a district after 1/7/2025 --

_DISTRICT_WORDS = re.compile(r"\b(?:huyện|quận|thị\s+xã)\b")


def _abolished_parent(spec: Spec, walk: Walk) -> Iterator[Finding]:
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


def means_keep_default(item: object) -> bool:
    """'mac_dinh' or a near miss of it ('mac dinh', 'Mặc định', 'mac-dinh', 'macdinh')."""
    if not isinstance(item, str) or len(item) > 16:
        return False
    return _comparable_word(item).replace("_", "") in ("macdinh", "macdin", "macdihn", "madinh", "macdnh", "mcdinh")


def _keep_default_misspelt(spec: Spec, walk: Walk) -> Iterator[Finding]:
    decision: Decision | None = spec.decision
    if decision is None:
        return
    for index, article in enumerate(decision.articles):
        if isinstance(article, str) and article.strip() != KEEP_DEFAULT and means_keep_default(article):
            yield Finding("VB-MAC-DINH", decision, f"articles[{index}]",
                          f"điều này sẽ in nguyên chữ {article!r} làm nội dung điều, vì chỉ đúng chữ 'mac_dinh' mới giữ điều tự tạo.",
                          "Viết đúng: mac_dinh (chữ thường, không dấu, có dấu gạch dưới, không nháy).")


# -- VB-CAN-CU: a căn cứ that repeats the word the program puts before it --

_OPENINGS = ("căn cứ", "thực hiện", "theo", "xét")
_PRINTED_AS_IS = ("Căn cứ", "Thực hiện", "Theo", "Xét")  # view: a text căn cứ starting so is printed as typed


def _legal_basis_opening(spec: Spec, walk: Walk) -> Iterator[Finding]:
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

def _final_mark(spec: Spec, walk: Walk) -> Iterator[Finding]:
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
                      f"đoạn cuối của văn bản kết thúc bằng dấu '…'; chương trình đặt './.' ngay sau chữ cuối, nên dấu '…' bị mất hoặc in thành '…./.' ({quote(stripped, len(stripped) - 20, len(stripped))}).",
                      "Kết thúc văn bản bằng một câu trọn vẹn (bỏ '…'); chương trình tự thêm './.'.")


RULES = (_appendix, _capital_title, _abolished_parent, _keep_default_misspelt, _legal_basis_opening, _final_mark)
