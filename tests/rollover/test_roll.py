"""Roll-over (issue 13, item 2): every catalogue plan moved one year on is a valid draft of the
next period, with its căn cứ untouched, its deadlines and period moved, the drafter's file
otherwise unchanged, and every year left as written listed with its place."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from pathlib import Path

import pytest

import cchc_docgen
from cchc_docgen.errors import ERROR, SpecError
from cchc_docgen.spec import derive
from cchc_docgen.spec.values import Deadline

from conftest import DATA, EXAMPLES, PLAN_SPECS, REPORT

CATALOGUE = [*PLAN_SPECS, *EXAMPLES]
ROLL = DATA / "rollover"


def _length(path: Path) -> int:
    """Years the plan covers: a plan of several years moves by its whole length (one would overlap it)."""
    first, last = derive.plan_years(cchc_docgen.load_spec(path))
    return last - first + 1


def _past_the_reform(path: Path) -> bool:
    """A district-tier plan whose next period starts after 2025: refused, not rolled."""
    spec = cchc_docgen.load_spec(path)
    return spec.issuer.level in derive.DISTRICT_TIER and derive.plan_years(spec)[1] + _length(path) > 2025


ROLLABLE = [path for path in CATALOGUE if not _past_the_reform(path)]
REFUSED = [path for path in CATALOGUE if _past_the_reform(path)]
MULTI_YEAR = [path for path in CATALOGUE if _length(path) > 1]


def _ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


def _fields(node: object) -> dict[str, object]:
    """A model object as its YAML fields, for a comparison that names the field that differs."""
    if isinstance(node, str) or not dataclasses.is_dataclass(node):
        return {"": node}
    return {f.name: getattr(node, f.name) for f in dataclasses.fields(node) if f.compare}


def _deadlines(node: object) -> list[Deadline]:
    """Every deadline of a loaded specification, in the order of its model: tasks, body tasks, milestones."""
    if isinstance(node, Deadline):
        return [node]
    if isinstance(node, list | tuple):
        return [d for item in node for d in _deadlines(item)]
    if isinstance(node, dict):
        return [d for item in node.values() for d in _deadlines(item)]
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [d for f in dataclasses.fields(node) if f.compare for d in _deadlines(getattr(node, f.name))]
    return []


def _year(message: str) -> str:
    found = re.search(r"năm (\d{4})", message)
    assert found is not None, message
    return found.group(1)


def _in_year(date: dt.date, year: int) -> dt.date:
    try:
        return date.replace(year=year)
    except ValueError:  # -- 29/2 --
        return date.replace(year=year, day=28)


@pytest.mark.parametrize("path", ROLLABLE, ids=_ids(ROLLABLE))
def test_a_catalogue_plan_rolled_to_its_next_period_is_a_valid_draft(path: Path) -> None:
    """One year on for a yearly plan (the issue's "+1 year"); a plan of several years by its length."""
    step = _length(path)
    result = cchc_docgen.roll_spec(path, by=step)
    old, new = cchc_docgen.load_spec(path), cchc_docgen.parse_spec(result.text, str(path), folder=path.parent)
    errors = [p.format() for p in cchc_docgen.check(new) if p.severity == ERROR]
    assert errors == []
    first, last = derive.plan_years(old)
    assert derive.plan_years(new) == (first + step, last + step) == result.period
    # -- the căn cứ and the proposal are history: field by field as written --
    assert [_fields(ref) for ref in new.plan.legal_bases] == [_fields(ref) for ref in old.plan.legal_bases]
    if old.decision is not None:
        assert new.decision is not None
        assert [_fields(ref) for ref in new.decision.legal_bases] == [_fields(ref) for ref in old.decision.legal_bases]
        assert new.decision.proposal == old.decision.proposal
    assert _fields(new.issuer) == _fields(old.issuer)
    # -- every dated deadline moved, in the drafter's own words; the recurring ones as they were --
    moved = 0
    for before, after in zip(_deadlines(old), _deadlines(new), strict=True):
        if before.start is None or before.end is None:
            assert after == before
            continue
        moved += 1
        assert after.end == _in_year(before.end, before.end.year + step)
        assert re.sub(r"\d{4}", "Y", after.text) == re.sub(r"\d{4}", "Y", before.text)
    assert moved == result.deadlines_moved
    # -- the issuing document is a draft without number or day --
    issuing = new.decision or new.plan
    old_issuing = old.decision or old.plan
    assert issuing.draft and issuing.number is None
    assert issuing.date is not None and issuing.date.day is None
    assert old_issuing.date is not None and issuing.date.year == old_issuing.date.year + step
    kept = [f"{note.line}:{note.column} {_year(note.message)}" for note in result.years_kept]
    REPORT[f"roll +{step} {path.stem}"] = (
        f"{result.deadlines_moved} deadlines and {result.years_moved} years in text moved; "
        f"{len(kept)} years left for review" + (f" at {', '.join(kept)}" if kept else "")
    )


@pytest.mark.parametrize("path", REFUSED, ids=_ids(REFUSED))
def test_a_catalogue_district_plan_is_refused_past_the_reform(path: Path) -> None:
    with pytest.raises(SpecError, match="không còn cấp huyện"):
        cchc_docgen.roll_spec(path, by=_length(path))


@pytest.mark.parametrize("path", MULTI_YEAR, ids=_ids(MULTI_YEAR))
def test_a_catalogue_plan_of_several_years_is_not_rolled_by_one(path: Path) -> None:
    with pytest.raises(SpecError, match=f"--them {_length(path)}"):
        cchc_docgen.roll_spec(path, by=1)


@pytest.mark.parametrize("path", ROLLABLE, ids=_ids(ROLLABLE))
def test_rolling_twice_equals_rolling_once_by_twice_as_much(path: Path) -> None:
    """By one year and one year against two years (a plan of several years: by its length)."""
    step = _length(path)
    once = cchc_docgen.roll_spec(path, by=step).text
    try:
        twice = cchc_docgen.roll_text(once, str(path), by=step, folder=path.parent).text
    except SpecError as exc:  # -- a district (or its office) reaching past 2025 on the second step: refused both ways --
        assert "cấp huyện" in str(exc)
        with pytest.raises(SpecError, match="cấp huyện"):
            cchc_docgen.roll_spec(path, by=2 * step)
        return
    assert twice == cchc_docgen.roll_spec(path, by=2 * step).text


@pytest.mark.parametrize("path", ROLLABLE, ids=_ids(ROLLABLE))
def test_only_years_the_number_and_the_draft_mark_change_in_the_drafters_file(path: Path) -> None:
    """Comments, key order, quoting and line breaks survive: every changed line differs from
    its old self in digits only, except the number line that became the draft mark."""
    source = path.read_text(encoding="utf-8")
    text = cchc_docgen.roll_spec(path, by=_length(path)).text
    comments = re.findall(r"#.*", source)
    assert re.findall(r"#.*", text) == comments
    old_lines, new_lines = source.splitlines(), text.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        removed, added = old_lines[i1:i2], new_lines[j1:j2]
        if tag == "replace" and len(removed) == len(added):
            for a, b in zip(removed, added, strict=True):
                if re.sub(r"\d", "0", a) != re.sub(r"\d", "0", b):
                    # -- the issue date loses its day ('14/01/2021' → '01/2022'); the number becomes the draft mark --
                    assert (re.fullmatch(r"\s*ngay: .*", a) and re.fullmatch(r"\s*ngay: .*", b)) or (
                        re.fullmatch(r"\s*so: \d+", a) and b.strip() == "du_thao: co"), (a, b)
            continue
        assert all(re.fullmatch(r"\s*(so|ngay): .*", line) for line in removed), removed
        assert all(re.fullmatch(r"\s*(du_thao: co|ngay: .*)", line) for line in added), added


def test_a_comment_on_the_number_line_is_kept_above_the_draft_mark() -> None:
    text = cchc_docgen.roll_spec(ROLL / "xa-2025-cap-tren.yaml", by=1).text
    assert "  # số do văn thư cấp\n  du_thao: co\n  ngay: 01/2026\n" in text
    assert "# Một xã trước cải cách hai cấp: dòng cơ quan chủ quản là huyện cũ.\n" in text


def test_citations_stay_and_the_plans_own_years_move_in_running_text() -> None:
    result = cchc_docgen.roll_spec(ROLL / "xa-2025-cap-tren.yaml", by=1)
    opening = cchc_docgen.parse_spec(result.text).plan.opening[0]
    assert opening == (
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND huyện về cải cách hành chính năm 2025, "
        "Ủy ban nhân dân xã ban hành Kế hoạch cải cách hành chính năm 2026 như sau:"
    )
    lines = result.text.splitlines()
    kept = {(note.line, note.column): note for note in result.years_kept}
    # -- each note points at the year it keeps, in the new text --
    for (line, column), note in kept.items():
        assert lines[line - 1][column - 1 : column + 3] == _year(note.message)
    reasons = sorted(note.message for note in kept.values())
    assert reasons == [
        "giữ nguyên năm 2024: trước kỳ kế hoạch.",
        "giữ nguyên năm 2025: trong trích dẫn văn bản (lịch sử, giữ nguyên).",
        "giữ nguyên năm 2025: trong trích dẫn văn bản (lịch sử, giữ nguyên).",
    ]


def test_a_communes_former_district_parent_is_dropped_with_a_note_after_the_reform() -> None:
    path = ROLL / "xa-2025-cap-tren.yaml"
    assert cchc_docgen.load_spec(path).issuer.parent == ["UBND HUYỆN THĂNG BÌNH"]
    result = cchc_docgen.roll_spec(path, by=1)
    new = cchc_docgen.parse_spec(result.text)
    assert new.issuer.parent == []
    assert [p.rule for p in cchc_docgen.check(new) if p.severity == ERROR] == []
    [note] = [n for n in result.notes if n.rule == "KY-CAP-TREN"]
    assert "UBND HUYỆN THĂNG BÌNH" in note.message and "dòng 6" in note.message
    # -- a recipient naming the district is the drafter's call: kept, listed at its line --
    [recipient] = [n for n in result.notes if n.rule == "KY-CAP-HUYEN"]
    assert recipient.path == "ke_hoach.noi_nhan[0]"
    assert result.text.splitlines()[recipient.line - 1].strip() == "- UBND huyện (b/c)"


def test_a_multi_year_plan_moves_by_its_whole_length() -> None:
    path = ROLL / "tinh-2021-2025.yaml"
    with pytest.raises(SpecError, match="--them 5") as refused:
        cchc_docgen.roll_spec(path, by=1)
    assert refused.value.problems[0].line == 19  # -- ke_hoach.ky --
    result = cchc_docgen.roll_spec(path, to=2026)
    new = cchc_docgen.parse_spec(result.text)
    assert derive.plan_years(new) == (2026, 2030)
    assert new.plan.title == "Cải cách hành chính giai đoạn 2026 - 2030 của tỉnh Quảng Nam"
    assert [t.deadline.text for t in new.tasks] == ["28/02/2029", "6 tháng cuối năm 2030"]
    assert [n.rule for n in result.notes if n.rule == "KY-THOI-HAN"] == ["KY-THOI-HAN"]
    targets = [t if isinstance(t, str) else t.text for t in new.plan.sections[0].targets]
    assert targets[0].startswith("Đến năm 2030: 100%") and "so với năm 2020" in targets[0]
    assert new.plan.date is not None and (new.plan.date.month, new.plan.date.year, new.plan.date.day) == (3, 2026, None)


def test_a_district_plan_is_not_rolled_past_the_2025_reform() -> None:
    path = next(p for p in CATALOGUE if p.stem == "thang-binh-2021")
    assert cchc_docgen.roll_spec(path, to=2025).period == (2025, 2025)
    with pytest.raises(SpecError) as refused:
        cchc_docgen.roll_spec(path, to=2026)
    problem = refused.value.problems[0]
    cap_line = next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip().startswith("cap:"))
    assert (problem.path, problem.line) == ("co_quan_ban_hanh.cap", cap_line)
    assert "cap: xa hoặc phuong" in problem.hint


def test_the_library_checks_its_arguments() -> None:
    path = EXAMPLES[0]
    with pytest.raises(TypeError, match="exactly one"):
        cchc_docgen.roll_spec(path)
    with pytest.raises(TypeError, match="exactly one"):
        cchc_docgen.roll_spec(path, to=2027, by=1)
    with pytest.raises(TypeError, match="must be an int"):
        cchc_docgen.roll_spec(path, by="1")  # type: ignore[arg-type]
    with pytest.raises(SpecError, match="không sau kỳ hiện tại"):
        cchc_docgen.roll_spec(path, by=0)


def test_a_file_with_windows_line_endings_keeps_them() -> None:
    path = next(p for p in CATALOGUE if p.stem == "phuong-2026")
    lf = path.read_text(encoding="utf-8")
    rolled = cchc_docgen.roll_text(lf.replace("\n", "\r\n").encode("utf-8"), str(path), by=1).text
    assert rolled == cchc_docgen.roll_text(lf, str(path), by=1).text.replace("\n", "\r\n")


def test_a_document_written_as_a_flow_mapping_is_refused_with_its_place() -> None:
    text = (ROLL / "xa-2025-cap-tren.yaml").read_text(encoding="utf-8")
    text = text.replace("  cap: xa\n  dia_ban: Bình Minh\n  cap_tren:\n    - UBND HUYỆN THĂNG BÌNH   # huyện cũ\n",
                        "  {cap: xa, dia_ban: Bình Minh, cap_tren: [UBND HUYỆN THĂNG BÌNH]}\n").replace("co_quan_ban_hanh:\n  {", "co_quan_ban_hanh: {")
    with pytest.raises(SpecError) as refused:
        cchc_docgen.roll_text(text, "xa.yaml", by=1)
    assert (refused.value.problems[0].path, refused.value.problems[0].line) == ("co_quan_ban_hanh", 2)
