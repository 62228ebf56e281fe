"""Values the drafter does not type because they follow from others.

A People's Committee's name, its name in running text, its place name and the ký hiệu
all follow from its level and area; writing them once is what keeps the decision, the
plan and the appendix in agreement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..decree30 import TWO_TIER_REFORM_DATE, TYPE_ABBREVIATIONS
from .model import REFORM_AREAS, Agency, BodyTask, DocumentCommon, Issuer, Section, Spec, Task
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


# -- the task list: one list, whether a task is written in 'nhiem_vu' or inside the body --
def walk_sections(sections: list[Section], area: str | None = None) -> Iterator[tuple[Section, str | None]]:
    """Every section in document order, with the reform area it stands under (its own or
    its nearest ancestor's)."""
    for section in sections:
        here = section.area or area
        yield section, here
        yield from walk_sections(section.sections(), here)


def body_tasks(spec: Spec) -> Iterator[tuple[BodyTask, str | None]]:
    """The tasks written inside the body, with the area they fall under."""
    for section, area in walk_sections(spec.plan.sections):
        for task in section.body_tasks():
            if isinstance(task, BodyTask):
                yield task, task.area or area


def written_tasks(spec: Spec) -> dict[int, Task]:
    """The body tasks that name their lead agency and deadline, as tasks of the list (by the
    identity of the body task): they join the appendix and the agencies' responsibilities."""
    result: dict[int, Task] = {}
    for written, area in body_tasks(spec):
        if written.lead is None or written.deadline is None or area is None:
            continue  # -- a qualitative task: printed where it is written, nowhere else --
        task = Task(area=area, text=written.text, lead=written.lead, deadline=written.deadline, partners=list(written.partners),
                    product=written.product, note=written.note, code=written.code)
        task._locs, task._loc = written._locs, written._loc
        result[id(written)] = task
    return result


def all_tasks(spec: Spec) -> list[Task]:
    """Every task of the plan: the 'nhiem_vu' list, then those written in the body."""
    return [*spec.tasks, *written_tasks(spec).values()]
