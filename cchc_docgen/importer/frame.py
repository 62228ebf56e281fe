"""The parts every document has around its body, as the specification's keys: the header
block (issuer, number, symbol, date, secrecy and urgency marks) and the closing block
(recipients, archive, signer).

A key is written only where the document differs from what the renderer prints by
default, so the imported specification stays as short as one a drafter would write.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .. import vn
from ..decree30 import TYPE_ABBREVIATIONS
from .recognise import Closing, Header

if TYPE_CHECKING:
    from .build import Builder

UNITS = {"TỈNH": "tinh", "THÀNH PHỐ": "thanh_pho", "HUYỆN": "huyen", "QUẬN": "quan", "THỊ XÃ": "thi_xa",
         "XÃ": "xa", "PHƯỜNG": "phuong", "THỊ TRẤN": "thi_tran", "ĐẶC KHU": "dac_khu"}  # fmt: skip
_SIGNER_KEYS = {"TM": "thay_mat", "KT": "ky_thay", "TL": "thua_lenh", "TUQ": "thua_uy_quyen"}


def issuer(b: Builder, header: Header) -> dict[str, Any]:
    """co_quan_ban_hanh from the issuer lines ('ỦY BAN NHÂN DÂN / XÃ HÒA BÌNH')."""
    lines = list(header.issuer)
    result: dict[str, Any] = {}
    for index, line in enumerate(lines):
        single = re.fullmatch(r"(?:ỦY|UỶ) BAN NHÂN DÂN\s+(.+)", line)
        unit_line = lines[index + 1] if line in ("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN") and index + 1 < len(lines) else (single.group(1) if single else None)
        if unit_line is None:
            continue
        for word, level in UNITS.items():
            if unit_line.startswith(word + " "):
                parent = lines[:index]
                if level == "thanh_pho" and parent:
                    level = "thanh_pho_thuoc_tinh"
                result["cap"] = b.guess(level, f"cấp '{level}' suy từ dòng tên cơ quan '{unit_line}'")
                result["dia_ban"] = unit_line[len(word) + 1:].title()
                if parent:
                    result["cap_tren"] = parent
                taken = index + (1 if single else 2)
                if lines[taken:]:
                    b.notes.append((header.where, "dòng tên cơ quan thêm: " + " / ".join(lines[taken:])))
                if single:
                    result["ten"] = [line]
                break
        if result:
            break
    if not result and not lines:
        result = _issuer_from_text(b)
    if not result:
        name = lines[1:] if len(lines) > 1 else lines
        level = "so" if name and name[0].startswith("SỞ") else "khac"
        result["cap"] = b.guess(level, "không phải Ủy ban nhân dân: cấp đoán theo tên cơ quan")
        result["ten"] = name or [b.guess("ỦY BAN NHÂN DÂN", "không đọc được tên cơ quan ban hành")]
        if len(lines) > 1:
            result["cap_tren"] = b.guess(lines[:1], "dòng đầu coi là cơ quan chủ quản")
    symbols = [d.header.symbol for d in [b.r.decision] if d] + ([b.r.plan.header.symbol] if b.r.plan.header else [])
    symbol = next((s for s in symbols if s and "-" in s), None)
    if symbol:
        b.abbreviation = symbol.split("-", 1)[1]
        if b.abbreviation != "UBND":
            result["viet_tat"] = b.abbreviation
    area = result.get("dia_ban")
    if header.place and header.place != area:
        result["dia_danh"] = header.place
    elif result["cap"].value in ("so", "khac"):
        result["dia_danh"] = b.guess(header.place or "", "địa danh không đọc được")
    return result


def _issuer_from_text(b: Builder) -> dict[str, Any]:
    """No header (lost in extraction): the committee the text names most, as a guess."""
    words = "|".join(re.escape(vn.nfc(w.lower())) for w in UNITS)
    found: dict[tuple[str, str], int] = {}
    for text in b.r.texts:
        for match in re.finditer(rf"Ủy ban nhân dân ({words}) ((?:[{vn.CAPITALS}][\w]*\s?)+)", text):
            key = (match.group(1), match.group(2).strip())
            found[key] = found.get(key, 0) + 1
    if not found:
        return {}
    (unit, area), _ = max(found.items(), key=lambda item: item[1])
    level = UNITS[unit.upper()]
    b.notes.append((0, f"không có phần đầu văn bản (tên cơ quan, số, ngày): cơ quan ban hành suy từ câu 'Ủy ban nhân dân {unit} {area}'"))
    return {"cap": b.guess(level, f"cấp '{level}' suy từ câu 'Ủy ban nhân dân {unit} {area}' (không có phần đầu văn bản)"), "dia_ban": area}


def header_fields(b: Builder, header: Header, type_name: str, target: dict[str, Any]) -> None:
    """Draft mark, number, symbol, date, secrecy and urgency of one document."""
    if header.draft:
        target["du_thao"] = True
    if header.number is not None and not header.draft:
        target["so"] = header.number
    if header.symbol and header.symbol != f"{TYPE_ABBREVIATIONS[type_name]}-{b.abbreviation}":
        target["ky_hieu"] = header.symbol
    if header.date:
        day, month, year = header.date
        text = "/".join(str(p) for p in (day, month, year) if p is not None) if month else str(year)
        if day is None and month is not None:
            text = f"{month:02d}/{year}"
        target["ngay"] = text if day else b.guess(text, "ngày để trống trong bản gốc: chỉ ghi tháng/năm")
    for key, value in (("do_mat", header.secrecy), ("do_khan", header.urgency)):
        if value:
            target[key] = value


def closing_fields(b: Builder, closing: Closing, target: dict[str, Any], first_recipient: bool) -> None:
    """Nơi nhận, Lưu and the signer; ``first_recipient``: the document is a decision,
    whose first recipient 'Như Điều N' the renderer writes itself."""
    recipients: list[Any] = []
    for index, (text, _where) in enumerate(closing.recipients):
        if first_recipient and index == 0 and re.fullmatch(r"Như Điều \d+", text):
            continue
        known = b.agencies.known(text)
        if known is None:
            b.agencies.offer(text)
        recipients.append({"co_quan": known} if known else text)
    if first_recipient and not (closing.recipients and re.fullmatch(r"Như Điều \d+", closing.recipients[0][0])):
        target["nhu_dieu_cuoi"] = False
    if recipients:
        target["noi_nhan"] = recipients
    if closing.archive is not None and closing.archive != ["VT"]:
        target["luu"] = closing.archive
    signature = closing.signature
    if signature is None:
        b.notes.append((0, "không thấy phần ký (TM./KT./chức vụ, họ tên): thêm người ký giả định"))
        target["nguoi_ky"] = b.guess({"thay_mat": "Ủy ban nhân dân", "chuc_vu": "Chủ tịch", "ho_ten": "Chưa rõ"}, "không thấy người ký trong bản gốc")
        return
    signer: dict[str, Any] = {}
    for kind, text in signature.authority:
        if kind == "Q":
            signer["quyen"] = True
        else:
            signer[_SIGNER_KEYS[kind]] = text
    signer["chuc_vu"] = signature.title or b.guess("CHỦ TỊCH", "không thấy chức vụ người ký")
    signer["ho_ten"] = signature.name or b.guess("Chưa rõ", "không thấy họ tên người ký")
    target["nguoi_ky"] = signer
