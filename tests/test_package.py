"""The decision, the plan issued with it and the appendix agree: one number, one date,
one title, one task list, nothing typed twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cchc_docgen

from conftest import EXAMPLES, PLAN_SPECS, ROOT, OfficeQueue
from support.docx_facts import document_text, iter_blocks, open_docx

TAN_UYEN = ROOT / "plan_specs" / "tan-uyen-2023.yaml"
COMMUNE = ROOT / "examples" / "xa-2026-du-thao.yaml"


def _texts(spec_text: str, mode: str = "rieng") -> list[str]:
    return [document_text(open_docx(d.data), breaks=" ") for d in cchc_docgen.render(cchc_docgen.parse_spec(spec_text), mode=mode)]  # type: ignore[arg-type]


def _with_decision_number(text: str, number: int, date: str) -> str:
    return re.sub(r"(?m)^quyet_dinh:\n", f"quyet_dinh:\n  so: {number}\n", text).replace("  ngay: 12/2022", f"  ngay: {date}", 1)


def test_the_decisions_number_and_date_reach_both_documents(office: OfficeQueue) -> None:
    base = TAN_UYEN.read_text(encoding="utf-8")
    assert "  ngay: 12/2022" in base
    decision, plan = _texts(_with_decision_number(base, 8, "06/12/2022"))
    assert "Số: 08/QĐ-UBND" in decision
    assert "Tân Uyên, ngày 06 tháng 12 năm 2022" in decision
    assert "(Ban hành kèm theo Quyết định số 08/QĐ-UBND ngày 06/12/2022 của Ủy ban nhân dân huyện Tân Uyên)" in plan
    decision2, plan2 = _texts(_with_decision_number(base, 131, "29/12/2022"))
    assert "Số: 131/QĐ-UBND" in decision2 and "ngày 29 tháng 12 năm 2022" in decision2
    assert "Quyết định số 131/QĐ-UBND ngày 29/12/2022" in plan2
    for index, text in enumerate((decision, plan)):
        assert text != (decision2, plan2)[index]


def test_a_blank_draft_number_stays_blank_in_both_documents() -> None:
    decision, plan = _texts(COMMUNE.read_text(encoding="utf-8"))
    assert re.search(r"Số: +/QĐ-UBND", decision)
    assert re.search(r"Quyết định số +/QĐ-UBND ngày +/01/2026", plan)
    assert "DỰ THẢO" in decision


def test_the_first_article_names_the_plan_by_the_plans_title() -> None:
    spec = cchc_docgen.load_spec(COMMUNE)
    decision = document_text(open_docx(cchc_docgen.render(spec, mode="rieng")[0].data))
    assert f"Điều 1. Ban hành kèm theo Quyết định này Kế hoạch {spec.plan.title[0].lower()}{spec.plan.title[1:]}." in decision


def test_combined_and_separate_modes_carry_the_same_text() -> None:
    text = COMMUNE.read_text(encoding="utf-8")
    combined = _texts(text, "gop")
    separate = _texts(text, "rieng")
    assert len(combined) == 1 and len(separate) == 2
    assert combined[0] == "\n".join(separate)


def test_the_appendix_refers_to_its_plans_number_and_date() -> None:
    spec = cchc_docgen.load_spec(ROOT / "examples" / "tinh-2026.yaml")
    text = document_text(open_docx(cchc_docgen.render(spec)[0].data), breaks=" ")
    assert text.count("(Kèm theo Kế hoạch số 112/KH-UBND ngày 05/02/2026 của Ủy ban nhân dân tỉnh Lâm Đồng)") == 2
    assert "(Chi tiết tại Phụ lục I, Phụ lục II kèm theo)" in text


@pytest.mark.parametrize("key", ["so: 5", "ngay: 01/12/2022"])
def test_a_plan_issued_with_a_decision_cannot_have_its_own_number_or_date(key: str) -> None:
    text = TAN_UYEN.read_text(encoding="utf-8").replace("\nke_hoach:\n", f"\nke_hoach:\n  {key}\n", 1)
    with pytest.raises(cchc_docgen.SpecError) as caught:
        cchc_docgen.parse_spec(text)
    assert any(p.path.startswith("ke_hoach") and "quyet_dinh" in p.hint for p in caught.value.problems)


@pytest.mark.parametrize("spec_path", [*PLAN_SPECS, *EXAMPLES], ids=lambda p: p.stem)
def test_no_title_is_typed_twice_in_a_specification(spec_path: Path) -> None:
    spec = cchc_docgen.load_spec(spec_path)
    text = " ".join(spec_path.read_text(encoding="utf-8").split())  # folded YAML lines join with spaces
    lines = spec.plan.title_lines  # -- a title given as lines: its first line once, the whole sentence nowhere else --
    assert text.count(lines[0]) == 1 and (len(lines) == 1 or spec.plan.title not in text)


def test_every_task_appears_in_the_table_and_under_its_lead_agency() -> None:
    spec = cchc_docgen.load_spec(COMMUNE)
    document = open_docx(cchc_docgen.render(spec, mode="gop")[0].data)
    table = next(b for b in iter_blocks(document) if hasattr(b, "rows") and b.rows[0].cells[0].text == "STT")
    table_text = "\n".join(c.text for row in table.rows for c in row.cells)
    body = "\n".join(p.text for p in document.paragraphs)
    responsibilities = body[body.index("TỔ CHỨC THỰC HIỆN") :]
    for task in spec.tasks:
        assert task.text in table_text
        lead = spec.agencies[task.lead]
        lead_name = lead if isinstance(lead, str) else lead.name
        section = responsibilities[responsibilities.index(lead_name) :]
        assert task.text in section, f"{task.text!r} missing under {lead_name}"


def test_an_agency_that_leads_tasks_but_has_no_section_gets_one() -> None:
    spec = cchc_docgen.load_spec(COMMUNE)
    body = "\n".join(p.text for p in open_docx(cchc_docgen.render(spec, mode="gop")[0].data).paragraphs)
    responsibilities = body[body.index("TỔ CHỨC THỰC HIỆN") :]
    assert re.search(r"\n\d+\. Phòng Kinh tế\n", responsibilities)
