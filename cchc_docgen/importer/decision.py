"""The decision that issues the plan (quyet_dinh), and the căn cứ both documents cite.

The usual articles (issue, monitor, effect, executors) become the few keys that make the
renderer write them again; any article that says more is kept as written, as a guess.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import vn
from ..spec.model import LegalRef
from ..spec.values import VnDate
from ..view import legal_text
from .frame import closing_fields, header_fields
from .recognise import DecisionPart
from .values import plain

if TYPE_CHECKING:
    from .build import Builder

_PROPOSAL = "Theo đề nghị của "


def decision(b: Builder, part: DecisionPart, plan: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    header_fields(b, part.header, "Quyết định", result)
    title = " ".join(part.title).strip()
    verb = "Phê duyệt" if title.startswith("Phê duyệt") else "Ban hành"
    if verb != "Ban hành":
        result["hinh_thuc"] = verb
    if part.authority.startswith("CHỦ TỊCH"):
        result["tham_quyen"] = "chu_tich"
    plan_title = plain(plan["trich_yeu"])
    if title != f"{verb} Kế hoạch {vn.lower_first(plan_title)}":
        result["trich_yeu"] = title
    bases = [text for text, _ in part.bases]
    proposal = next((text for text in bases if text.startswith(_PROPOSAL)), None)
    result["can_cu"] = [legal(text) for text in bases if text is not proposal]
    if proposal:
        result["de_nghi"] = proposal[len(_PROPOSAL):].rstrip(" .;")
    articles: list[Any] = []
    for index, (text, paragraphs, _where) in enumerate(part.articles):
        body = [text, *paragraphs] if text else list(paragraphs)
        if index == len(part.articles) - 1 and body:
            body[-1] = re.sub(r"\s*\./\.$", ".", body[-1])
        articles.append(body[0] if len(body) == 1 else {"noi_dung": body[0], "doan": body[1:]})
    defaults = _default_articles(b, articles, verb, plan_title)
    if defaults is not None:
        result.update(defaults)
    else:
        result["dieu"] = b.guess(articles, "các điều chép nguyên văn (khác các điều mặc định)")
    closing_fields(b, part.closing, result, first_recipient=True)
    return result


def _default_articles(b: Builder, articles: list[Any], verb: str, plan_title: str) -> dict[str, Any] | None:
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
        result["co_quan_theo_doi"] = b.agency(monitor.group(1))
    if effect.group(1) != "kể từ ngày ký":
        result["hieu_luc"] = effect.group(1)
    if executors.group(1) != "Thủ trưởng các cơ quan, đơn vị có liên quan":
        result["thi_hanh"] = [executors.group(1)]
    return result


def legal(text: str) -> Any:
    """A căn cứ: structured when it parses and prints back the same; as written otherwise."""
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
