"""Values the drafter does not type because they follow from others.

A People's Committee's name, its name in running text, its place name and the ký hiệu
all follow from its level and area; writing them once is what keeps the decision, the
plan and the appendix in agreement.
"""

from __future__ import annotations

import datetime as dt

from ..decree30 import TWO_TIER_REFORM_DATE, TYPE_ABBREVIATIONS
from .model import REFORM_AREAS, Agency, DocumentCommon, Issuer, Spec
from .values import VnDate

UNIT_WORDS = {
    "tinh": "tỉnh",
    "thanh_pho": "thành phố",
    "xa": "xã",
    "phuong": "phường",
    "dac_khu": "đặc khu",
    "huyen": "huyện",
    "quan": "quận",
    "thi_xa": "thị xã",
    "thanh_pho_thuoc_tinh": "thành phố",
    "thi_tran": "thị trấn",
}
DISTRICT_TIER = {"huyen", "quan", "thi_xa", "thanh_pho_thuoc_tinh", "thi_tran"}


def issuer_lines(issuer: Issuer) -> list[str]:
    if issuer.name:
        return issuer.name
    unit = UNIT_WORDS[issuer.level]
    return ["ỦY BAN NHÂN DÂN", f"{unit} {issuer.area or ''}".strip().upper()]


def issuer_full_name(issuer: Issuer) -> str:
    """The name as written inside a sentence: 'Ủy ban nhân dân huyện Thăng Bình'."""
    if issuer.full_name:
        return issuer.full_name
    if issuer.level in UNIT_WORDS:
        return f"Ủy ban nhân dân {UNIT_WORDS[issuer.level]} {issuer.area or ''}".strip()
    return " ".join(issuer.name).capitalize()


def issuer_collective(issuer: Issuer) -> str:
    """The collective body in capitals for 'TM.' and the decision's authority line."""
    return " ".join(issuer_lines(issuer))


def issuer_place(issuer: Issuer) -> str:
    return issuer.place or issuer.area or ""


def symbol(document: DocumentCommon, type_name: str, issuer: Issuer) -> str:
    """Ký hiệu: '<type>-<issuer>' (§8), unless the drafter set it."""
    return document.symbol or f"{TYPE_ABBREVIATIONS[type_name]}-{issuer.abbreviation}"


def area_title(spec: Spec, area: str) -> str:
    return spec.areas.get(area) or REFORM_AREAS.get(area, area)


def known_areas(spec: Spec) -> dict[str, str]:
    return {**REFORM_AREAS, **spec.areas}


def agency(spec: Spec, agency_id: str) -> Agency:
    value = spec.agencies[agency_id]
    return Agency(name=value) if isinstance(value, str) else value


def agency_name(spec: Spec, agency_id: str, *, short: bool = False) -> str:
    found = agency(spec, agency_id)
    return (found.short or found.name) if short else found.name


def issue_date(spec: Spec) -> VnDate | None:
    """The date that counts for the package: the decision's when there is one."""
    if spec.decision is not None:
        return spec.decision.date
    return spec.plan.date


def plan_years(spec: Spec) -> tuple[int, int]:
    if spec.plan.period is not None:
        return spec.plan.period.first, spec.plan.period.last
    date = issue_date(spec)
    year = date.year if date else dt.date.today().year
    return year, year


def after_two_tier_reform(date: VnDate) -> bool:
    month = date.month or 12
    day = date.day or 31
    return (date.year, month, day) >= TWO_TIER_REFORM_DATE
